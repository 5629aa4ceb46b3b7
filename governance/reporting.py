"""Build a scrutiny progress report's data from the plan as it stands.

The result is plain JSON-ready data: the HTML preview and the PDF both render from it, and
publishing stores it beside the PDF so a published report never changes with the plan.
A constant number of queries, whatever the size of the plan.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import F, Prefetch
from django.utils import timezone

from actions.models import Action, Milestone, ProgressUpdate, Status, StatusDefinition
from actions.quarters import FinancialQuarter
from priorities.models import Strategy

from .models import Indicator, IndicatorValue, Report, ReportingPeriod

EXCEPTION_STATUSES = {Status.AT_RISK, Status.OFF_TRACK}
LEADS = "historicalaction_leads_set"


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _date(value) -> str:
    return f"{value:%-d %B %Y}" if value else ""


def report_data(report: Report, *, now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    period = report.period
    board = period.board
    partnership = board.partnership
    previous = (
        ReportingPeriod.objects.filter(board=board, starts_on__lt=period.starts_on).order_by("-starts_on").first()
    )
    following = (
        ReportingPeriod.objects.filter(board=board, starts_on__gt=period.starts_on).order_by("starts_on").first()
    )
    strategy = Strategy.objects.filter(partnership=partnership, status=Strategy.Status.CURRENT).first()
    key = list(StatusDefinition.objects.all())
    colours = {d.status: d.get_colour_display() for d in key}
    labels = {d.status: d.label for d in key} or dict(Status.choices)

    window_start = _end_of(previous.ends_on) if previous else None
    window_end = min(now, _end_of(period.ends_on))

    actions = []
    if strategy is not None:
        actions = list(
            Action.objects.for_strategy(strategy)
            .select_related("outcome")
            .prefetch_related(
                "leads",
                "outcome__priorities",
                Prefetch("milestones", queryset=Milestone.objects.order_by("number")),
            )
            .order_by("outcome__number", "number")
        )
    ids = [a.pk for a in actions]

    # The latest update in the period for each action (newest first, first seen wins).
    latest: dict[int, ProgressUpdate] = {}
    updates = ProgressUpdate.objects.filter(
        action_id__in=ids, recorded_at__date__gte=period.starts_on, recorded_at__lte=_end_of(period.ends_on)
    ).order_by("-recorded_at", "-pk")
    for update in updates:
        latest.setdefault(update.action_id, update)
    examples_shown = any(u.is_example for u in latest.values())

    # Each action's history, oldest first, to find its state at the last report and what changed since.
    history = defaultdict(list)
    for record in (
        Action.history.filter(id__in=ids, history_date__lte=window_end)
        .select_related("history_user")
        .prefetch_related(f"{LEADS}__leadrole")
        .order_by("id", "history_date", "history_id")
    ):
        history[record.id].append(record)

    def state_at(action_id, moment):
        state = None
        for record in history[action_id]:
            if record.history_date <= moment:
                state = record
        return state

    counts_now = Counter(a.status for a in actions)
    # Movement is shown only where the plan's state at the last report is on record.
    counts_before = Counter()
    if window_start:
        for a in actions:
            before = state_at(a.pk, window_start)
            if before is not None:
                counts_before[before.status] += 1
    window_known = bool(counts_before)

    statuses = [d.status for d in key] or list(Status.values)
    at_a_glance = [
        {
            "status": s,
            "label": labels.get(s, s),
            "colour": colours.get(s, ""),
            "count": counts_now.get(s, 0),
            "previous": counts_before.get(s, 0) if window_known else None,
            "movement": (counts_now.get(s, 0) - counts_before.get(s, 0)) if window_known else None,
        }
        for s in statuses
    ]
    priorities = list(strategy.priorities.all()) if strategy else []
    by_priority = []
    for priority in priorities:
        served = [a for a in actions if priority in a.outcome.priorities.all()]
        tally = Counter(a.status for a in served)
        by_priority.append(
            {
                "number": priority.number,
                "title": priority.title,
                "total": len(served),
                "counts": [tally.get(s, 0) for s in statuses],
            }
        )

    today = timezone.localdate(now)

    def row(action):
        update = latest.get(action.pk)
        return {
            "reference": action.reference,
            "title": action.title,
            "description": action.description,
            "leads": [lead.title for lead in action.leads.all()],
            "due_text": action.due_text,
            "due_quarter": action.due_quarter.label if action.due_quarter else "",
            "status": action.status,
            "status_label": labels.get(action.status, action.status),
            "rag": colours.get(action.status, ""),
            "overdue": action.is_overdue(today),
            "withdrawn_reason": action.withdrawn_reason,
            "narrative": update.narrative if update else "",
            "next_steps": update.next_steps if update else "",
            "update_date": _date(timezone.localdate(update.recorded_at)) if update else "",
            "update_is_example": bool(update and update.is_example),
            "reason": update.reason if update else "",
            "mitigation": update.mitigation if update else "",
            "revised_due": update.revised_due_text if update else "",
        }

    outcomes = []
    for action in actions:
        if not outcomes or outcomes[-1]["number"] != action.outcome.number:
            outcomes.append(
                {
                    "number": action.outcome.number,
                    "statement": action.outcome.statement,
                    "priorities": [p.number for p in action.outcome.priorities.all()],
                    "actions": [],
                }
            )
        outcomes[-1]["actions"].append(row(action))

    exceptions = [row(a) for a in actions if a.status in EXCEPTION_STATUSES or a.is_overdue(today)]

    completed = []
    for a in actions:
        if a.status != Status.COMPLETE:
            continue
        before = state_at(a.pk, window_start) if window_start else None
        if before is None or before.status != Status.COMPLETE:
            completed.append(row(a))

    changes = []
    for a in actions:
        records = history[a.pk]
        for older, newer in zip(records, records[1:], strict=False):
            if window_start and newer.history_date <= window_start:
                continue
            reason = newer.history_change_reason or ""
            who = (newer.history_user.get_full_name() or newer.history_user.username) if newer.history_user else ""
            when = _date(timezone.localdate(newer.history_date))
            if older.due_text != newer.due_text or older.due_quarter != newer.due_quarter:
                changes.append(
                    {
                        "reference": a.reference,
                        "title": a.title,
                        "kind": "Re-baselined",
                        "change": f"Due date from “{older.due_text}” to “{newer.due_text}”",
                        "reason": reason,
                        "by": who,
                        "date": when,
                    }
                )
            old_leads = sorted(str(r.leadrole) for r in getattr(older, LEADS).all())
            new_leads = sorted(str(r.leadrole) for r in getattr(newer, LEADS).all())
            if old_leads != new_leads:
                changes.append(
                    {
                        "reference": a.reference,
                        "title": a.title,
                        "kind": "Lead changed",
                        "change": f"Leads from {'; '.join(old_leads) or 'none'} to {'; '.join(new_leads) or 'none'}",
                        "reason": reason,
                        "by": who,
                        "date": when,
                    }
                )
            if newer.status == Status.WITHDRAWN and older.status != Status.WITHDRAWN:
                changes.append(
                    {
                        "reference": a.reference,
                        "title": a.title,
                        "kind": "Withdrawn",
                        "change": "Action withdrawn",
                        "reason": newer.withdrawn_reason or reason,
                        "by": who,
                        "date": when,
                    }
                )

    indicators = []
    for indicator in Indicator.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by(F("as_of").desc(nulls_last=True)))
    ):
        values = list(indicator.values.all())
        latest_value = values[0] if values else None
        earlier = values[1] if len(values) > 1 else None
        direction = ""
        if latest_value and earlier:
            delta = latest_value.value - earlier.value
            if delta == 0:
                direction = "No change"
            elif indicator.polarity == Indicator.Polarity.CONTEXT:
                direction = "Up" if delta > 0 else "Down"
            else:
                better = (delta > 0) == (indicator.polarity == Indicator.Polarity.HIGHER_IS_BETTER)
                direction = ("Improving" if better else "Worsening") + (" (up)" if delta > 0 else " (down)")

        def fmt(v, unit=indicator.unit):
            return "" if v is None else f"{v.normalize():f}{unit if unit == '%' else ''}"

        def stated(value):
            """The value as the source states it: "under 38%", not "38%"."""
            return f"{value.qualifier + ' ' if value.qualifier else ''}{fmt(value.value)}"

        indicators.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": f"{stated(values[-1])} ({values[-1].as_of_label or _date(values[-1].as_of)})"
                if values
                else "",
                "latest": stated(latest_value) if latest_value else "No value yet",
                "latest_date": (latest_value.as_of_label or _date(latest_value.as_of)) if latest_value else "",
                "national": fmt(indicator.national),
                "north_west": fmt(indicator.north_west),
                "direction": direction or ("Only one value so far" if latest_value else ""),
                "source": indicator.source,
            }
        )

    next_start = following.starts_on if following else period.ends_on + datetime.timedelta(days=1)
    next_end = following.ends_on if following else next_start + datetime.timedelta(days=182)
    first_q, last_q = FinancialQuarter.containing(next_start), FinancialQuarter.containing(next_end)
    next_items = [
        {
            "reference": a.reference,
            "title": a.title,
            "due": a.due_quarter.label,
            "kind": "Action",
            "leads": [lead.title for lead in a.leads.all()],
        }
        for a in actions
        if a.due_quarter and first_q <= a.due_quarter <= last_q and a.status not in (Status.COMPLETE, Status.WITHDRAWN)
    ]
    for a in actions:
        for m in a.milestones.all():
            if m.due_quarter and first_q <= m.due_quarter <= last_q and not m.completed_on:
                next_items.append(
                    {
                        "reference": a.reference,
                        "title": m.description,
                        "due": m.due_quarter.label,
                        "kind": "Milestone",
                        "leads": [lead.title for lead in a.leads.all()],
                    }
                )

    return {
        "generated_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "generated_label": _date(timezone.localtime(now)) + timezone.localtime(now).strftime(" at %H:%M"),
        "is_example": report.is_example or examples_shown,
        "cover": {
            "report_to": board.name,
            "meeting": _date(period.meeting_on) or "To be set",
            "subject": report.subject,
            "report_of": report.report_of,
            "wards_affected": report.wards_affected,
            "portfolio": report.portfolio,
            "key_decision": "Yes" if report.key_decision else "No",
            "forward_plan": "Yes" if report.in_forward_plan else "No",
            "exempt": report.exempt or "No",
            "summary": report.summary,
            "recommendations": report.recommendations,
            "reasons": report.reasons,
            "contact_officer": report.contact_officer,
            "appendices": report.appendices,
            "background_papers": report.background_papers,
        },
        "partnership": partnership.name,
        "strategy": strategy.title if strategy else "",
        "period": {
            "title": period.title,
            "covers": f"{_date(period.starts_on)} to {_date(period.ends_on)}",
            "previous": previous.title if previous else "",
            "movement_known": window_known,
            "papers_due": _date(period.papers_due_on),
        },
        "commentary": report.commentary,
        "has_updates": bool(latest),
        "statuses": [{"label": labels.get(s, s), "colour": colours.get(s, "")} for s in statuses],
        "at_a_glance": at_a_glance,
        "total_actions": len(actions),
        "by_priority": by_priority,
        "outcomes": outcomes,
        "exceptions": exceptions,
        "completed": completed,
        "changes": changes,
        "indicators": indicators,
        "next_period": {"covers": f"{_date(next_start)} to {_date(next_end)}", "items": next_items},
        "key": [{"label": d.label, "colour": d.get_colour_display(), "definition": d.definition} for d in key],
    }
