"""The portal's three staff roles, as Django groups, and what each may do."""

from django.contrib.auth.models import Group, Permission

OFFICER = "Officer"
PROGRAMME_MANAGER = "Programme manager"
BOARD_MEMBER = "Board member"

# Model permissions per role. Object-level rules (an officer only updates the actions
# they lead) live in the services that write.
ROLE_PERMISSIONS = {
    OFFICER: ["actions.add_progressupdate", "actions.view_action"],
    PROGRAMME_MANAGER: [
        "actions.add_progressupdate",
        "actions.view_action",
        "actions.change_action",
        "actions.change_outcome",
        "actions.change_milestone",
        "actions.add_milestone",
        "actions.change_statusdefinition",
        "governance.change_leadrole",
        "governance.view_reportingperiod",
        # Meeting dates (the papers-due date follows), and the need and performance figures beside
        # the SEND snapshot and in the progress report, with values added over time.
        "governance.change_reportingperiod",
        "governance.view_indicator",
        "governance.add_indicator",
        "governance.change_indicator",
        "governance.view_indicatorvalue",
        "governance.add_indicatorvalue",
        "governance.change_indicatorvalue",
    ],
    BOARD_MEMBER: ["actions.view_action", "governance.view_reportingperiod"],
}


def ensure_roles() -> dict[str, Group]:
    """Create the role groups and give them their permissions; safe to run repeatedly."""
    groups = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.add(*wanted)
        groups[role] = group
    return groups


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = user._role_names = set(user.groups.values_list("name", flat=True))
    return role in cache


def is_programme_manager(user) -> bool:
    return has_role(user, PROGRAMME_MANAGER)
