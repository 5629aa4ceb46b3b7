from django.urls import NoReverseMatch, reverse

# (label, url name, namespace that marks it current). Public first, then staff-only.
PUBLIC_NAV = [
    ("Find support", "provision:service-search", "provision"),
    ("Our plan", "priorities:plan", "priorities"),
    ("Reports", "governance:report-list", "governance"),
    ("Give feedback", "provision:feedback-create", None),
    ("Services by need", "snapshot:summary", None),
]
STAFF_NAV = [
    ("My actions", "actions:my-actions", None),
    ("Action plan", "actions:action-list", "actions"),
    ("Manage directory", "provision:manage-service-list", None),
    ("SEND snapshot", "snapshot:grid", None),
]


def _items(request, entries):
    match = getattr(request, "resolver_match", None)
    items = []
    for label, name, namespace in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:  # an app not installed in this deployment
            continue
        current = bool(match) and (match.view_name == name or (namespace and match.namespace == namespace))
        items.append({"label": label, "url": url, "current": current})
    return items


def navigation(request):
    nav = {"public_nav": _items(request, PUBLIC_NAV)}
    if request.user.is_authenticated:
        nav["staff_nav"] = _items(request, STAFF_NAV)
    return nav
