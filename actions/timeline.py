"""The history timeline of an action: who changed what, from what to what, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Action, Status

# Fields shown in the timeline, in words. `version` is bookkeeping and never shown.
FIELDS = [
    ("status", "Status"),
    ("due_text", "Due (as written)"),
    ("due_quarter", "Due quarter"),
    ("title", "Title"),
    ("description", "What we are doing"),
    ("withdrawn_reason", "Reason withdrawn"),
    ("number", "Number"),
]


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    reason: str
    kind: str
    changes: list[Change] = field(default_factory=list)


# simple-history keeps each record's leads in a through table; this is its reverse accessor.
_LEADS = "historicalaction_leads_set"


def _words(name, value) -> str:
    if value in (None, ""):
        return "(none)"
    if name == "status":
        return Status(value).label if value in Status.values else str(value)
    return str(value)


def action_timeline(action: Action, *, offset: int = 0, limit: int = 20) -> tuple[list[Entry], bool]:
    """Entries newest first, and whether there are more. A constant number of queries."""
    records = list(
        action.history.select_related("history_user")
        .prefetch_related(f"{_LEADS}__leadrole")
        .order_by("-history_date", "-history_id")[offset : offset + limit + 1]
    )
    has_more = len(records) > limit
    entries = []
    for position, record in enumerate(records[:limit]):
        previous = records[position + 1] if position + 1 < len(records) else None
        who = record.history_user.get_full_name() or record.history_user.username if record.history_user else "System"
        if previous is None and not has_more:
            entries.append(Entry(record.history_date, who, record.history_change_reason or "", "Created"))
            continue
        if previous is None:
            break  # the page ends here; the next page shows this change against its predecessor
        changes = [
            Change(label, _words(name, getattr(previous, name)), _words(name, getattr(record, name)))
            for name, label in FIELDS
            if getattr(previous, name) != getattr(record, name)
        ]
        old_leads = sorted(str(row.leadrole) for row in getattr(previous, _LEADS).all())
        new_leads = sorted(str(row.leadrole) for row in getattr(record, _LEADS).all())
        if old_leads != new_leads:
            changes.append(
                Change("Responsible leads", "; ".join(old_leads) or "(none)", "; ".join(new_leads) or "(none)")
            )
        entries.append(Entry(record.history_date, who, record.history_change_reason or "", "Changed", changes))
    return entries, has_more
