"""Who may change the directory, as Django permissions on groups.

A "Directory editor" group holds the directory's permissions; programme managers get the same.
Both groups are created (or topped up) after every `migrate`, once the permissions exist, so
a fresh database, a test database and the demo accounts all have them. Views check the
permissions themselves (`provision.change_service`...), never the group names.
"""

from django.contrib.auth.models import Group, Permission

DIRECTORY_EDITOR = "Directory editor"
PROGRAMME_MANAGER = "Programme manager"  # governance.roles.PROGRAMME_MANAGER: the same group

DIRECTORY_PERMISSIONS = [
    "view_service",
    "add_service",
    "change_service",
    "view_location",
    "add_location",
    "change_location",
    "view_organization",
    "view_feedback",
    "change_feedback",
]

GROUP_PERMISSIONS = {DIRECTORY_EDITOR: DIRECTORY_PERMISSIONS, PROGRAMME_MANAGER: DIRECTORY_PERMISSIONS}


def ensure_directory_roles(**kwargs) -> None:
    """Give the directory groups their permissions; safe to run again. A post_migrate receiver."""
    permissions = list(
        Permission.objects.filter(content_type__app_label="provision", codename__in=DIRECTORY_PERMISSIONS)
    )
    if not permissions:  # provision's permissions are not created yet
        return
    for name in GROUP_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
