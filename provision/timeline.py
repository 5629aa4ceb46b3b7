"""A service's history in words: who changed what, when and why.

Built from simple-history's records of the service (with its categories, needs and venues as
they stood at each change) and of its contacts and languages. A fixed number of queries,
whatever the length of the history; the newest `LIMIT` records of each kind are shown.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import truncatechars

from .models import Contact, Location, Organization, Service, ServiceLanguage, TaxonomyTerm

LIMIT = 200

FIELDS = [
    "name",
    "organization",
    "status",
    "alert",
    "description",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "access",
    "referral_team",
    "access_details",
    "cost",
    "cost_details",
    "schedule_description",
    "service_area",
    "url",
    "email",
    "funding_source",
    "assured_date",
]


@dataclass
class Entry:
    when: datetime
    who: str
    summary: str
    reason: str = ""
    changes: list[str] = field(default_factory=list)


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "System or data load"
    return user.get_full_name() or user.get_username()


def _label(name: str) -> str:
    label = str(Service._meta.get_field(name).verbose_name)
    return label[0].upper() + label[1:]


def _show(name: str, value, organizations) -> str:
    if value in (None, ""):
        return "(empty)"
    if name == "organization":
        return organizations.get(value, "an organisation no longer listed")
    model_field = Service._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if name == "assured_date":
        return format_date(value, "j F Y")
    return truncatechars(str(value), 160)


def service_timeline(service: Service) -> list[Entry]:
    records = list(service.history.select_related("history_user").order_by("-history_date", "-history_id")[: LIMIT + 1])
    history_ids = [record.history_id for record in records]
    terms_at = _links(Service.history.model, "taxonomy_terms", "taxonomy_term_id", history_ids)
    venues_at = _links(Service.history.model, "locations", "location_id", history_ids)
    organization_ids = {record.organization_id for record in records}
    organizations = dict(Organization.objects.filter(pk__in=organization_ids).values_list("pk", "name"))
    term_names = dict(TaxonomyTerm.objects.filter(pk__in=set().union(*terms_at.values())).values_list("pk", "name"))
    venue_names = dict(Location.objects.filter(pk__in=set().union(*venues_at.values())).values_list("pk", "name"))

    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == LIMIT:
            break
        if older is None or newer.history_type == "+":
            entries.append(
                Entry(newer.history_date, _who(newer), "Added to the directory", newer.history_change_reason or "")
            )
            continue
        changes = [
            f"{_label(name)}: {_show(name, getattr(older, _attname(name)), organizations)} "
            f"→ {_show(name, getattr(newer, _attname(name)), organizations)}"
            for name in FIELDS
            if getattr(older, _attname(name)) != getattr(newer, _attname(name))
        ]
        changes += _set_changes("Categories and needs", terms_at, older, newer, term_names)
        changes += _set_changes("Venues", venues_at, older, newer, venue_names)
        entries.append(
            Entry(
                newer.history_date,
                _who(newer),
                "Changed" if changes else "Saved with no change to its details",
                newer.history_change_reason or "",
                changes,
            )
        )
    entries += _child_entries(Contact, service, "Contact", lambda r: " ".join(filter(None, [r.name, r.email, r.phone])))
    entries += _child_entries(ServiceLanguage, service, "Language", lambda r: r.name)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _attname(name: str) -> str:
    return "organization_id" if name == "organization" else name


def _links(history_model, field_name: str, target: str, history_ids) -> dict[int, set]:
    """{history_id: set of linked ids} for an m2m field simple-history snapshots."""
    m2m_history = getattr(history_model, field_name).model
    found: dict[int, set] = {history_id: set() for history_id in history_ids}
    for history_id, linked in m2m_history.objects.filter(history_id__in=history_ids).values_list("history_id", target):
        found[history_id].add(linked)
    return found


def _set_changes(label, links, older, newer, names) -> list[str]:
    before, after = links.get(older.history_id, set()), links.get(newer.history_id, set())
    changes = []
    if after - before:
        changes.append(f"{label} added: {', '.join(sorted(names.get(pk, '?') for pk in after - before))}")
    if before - after:
        changes.append(f"{label} removed: {', '.join(sorted(names.get(pk, '?') for pk in before - after))}")
    return changes


def _child_entries(model, service, noun: str, describe) -> list[Entry]:
    records = model.history.filter(service_id=service.pk).select_related("history_user").order_by("-history_date")
    verbs = {"+": "added", "~": "changed", "-": "removed"}
    return [
        Entry(
            record.history_date,
            _who(record),
            f"{noun} {verbs[record.history_type]}: {describe(record)}",
            record.history_change_reason or "",
        )
        for record in records[:LIMIT]
    ]
