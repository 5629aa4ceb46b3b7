"""Writes to the plan. Each checks the user's permission on that object, runs full_clean and
saves inside one transaction, so a failure leaves nothing half-written and every change
carries its author (via HistoryRequestMiddleware or `history_user`) and a reason."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import LeadRole, ReportingPeriod
from governance.roles import OFFICER, has_role, is_programme_manager

from .models import OPEN_STATUSES, Action, ProgressUpdate, Status
from .quarters import parse_due


class StaleAction(Exception):
    """The action changed after the form was drawn; nothing was saved."""

    def __init__(self, action: Action, since_version: int):
        self.action = action
        self.since_version = since_version
        super().__init__(f"Action {action.pk} is at version {action.version}, the form had {since_version}")


@dataclass(frozen=True)
class Permissions:
    record_progress: bool
    rebaseline: bool
    withdraw: bool


def action_permissions(*, user, action: Action) -> Permissions:
    manager = is_programme_manager(user)
    open_action = action.status in OPEN_STATUSES and action.outcome.strategy.status == "current"
    leads = manager or (has_role(user, OFFICER) and LeadRole.objects.held_by(user).filter(actions=action).exists())
    return Permissions(
        record_progress=open_action and leads, rebaseline=open_action and manager, withdraw=open_action and manager
    )


def _lock(action: Action, expected_version: int) -> Action:
    locked = Action.objects.select_for_update().select_related("outcome__strategy").get(pk=action.pk)
    if locked.version != expected_version:
        raise StaleAction(locked, expected_version)
    return locked


def _save_with_reason(action: Action, *, user, reason: str, when=None, update_fields=None) -> None:
    action.version += 1
    if when is not None:  # back-dated example data keeps its history in step
        action._history_date = when
    action.full_clean()
    action._change_reason = reason
    action._history_user = user
    action.save(update_fields=update_fields)


def action_record_progress(
    *,
    action: Action,
    user,
    expected_version: int,
    status: str,
    narrative: str,
    evidence_url: str = "",
    next_steps: str = "",
    reason: str = "",
    mitigation: str = "",
    revised_due_text: str = "",
    is_example: bool = False,
    recorded_at=None,
) -> ProgressUpdate:
    """Record a progress update and make its status the action's current status, as one change."""
    if not action_permissions(user=user, action=action).record_progress:
        raise PermissionDenied("You can only record progress on open actions you lead.")
    if status == Status.WITHDRAWN:
        raise ValidationError({"status": "To withdraw an action, ask a programme manager: it needs a reason."})
    if status in (Status.AT_RISK, Status.OFF_TRACK) and not (reason.strip() and mitigation.strip()):
        raise ValidationError(
            {
                key: "Say why the action is at risk or off track, and what is being done about it."
                for key, value in (("reason", reason), ("mitigation", mitigation))
                if not value.strip()
            }
        )
    with transaction.atomic():
        locked = _lock(action, expected_version)
        when = recorded_at or timezone.now()
        update = ProgressUpdate(
            action=locked,
            period=ReportingPeriod.objects.current(timezone.localdate(when)),
            recorded_at=when,
            status=status,
            narrative=narrative,
            evidence_url=evidence_url,
            next_steps=next_steps,
            reason=reason,
            mitigation=mitigation,
            revised_due_text=revised_due_text,
            author=user,
            is_example=is_example,
        )
        update.full_clean()
        update._history_user = user
        update._history_date = when
        update._change_reason = "Progress update recorded"
        update.save()
        old_status = locked.get_status_display()
        # Only these two change; naming them lets the public pages' cache keep its copies when the
        # status stays as it was (send_portal/cache.py).
        changed = ["version"] if locked.status == status else ["status", "version"]
        locked.status = status
        _save_with_reason(
            locked,
            user=user,
            reason=f"Progress recorded ({old_status} to {locked.get_status_display()})"
            + (" [example data]" if is_example else ""),
            when=when if recorded_at else None,
            update_fields=changed,
        )
    action.status, action.version = locked.status, locked.version
    return update


def action_rebaseline(
    *, action: Action, user, expected_version: int, due_text: str, leads: list[LeadRole], reason: str
) -> Action:
    """Change an action's due date or leads. Programme managers only; the reason is kept in history."""
    if not action_permissions(user=user, action=action).rebaseline:
        raise PermissionDenied("Only programme managers can change an action's due date or leads.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the change: the scrutiny report shows it."})
    reading = parse_due(due_text)
    with transaction.atomic():
        locked = _lock(action, expected_version)
        locked.due_text = due_text.strip()
        locked.due_quarter = reading.quarter
        if {lead.pk for lead in locked.leads.all()} != {lead.pk for lead in leads}:
            # `set` removes then adds, and simple-history would record each step (the middle one
            # with leads half-changed). Set the leads quietly; the save below records them, with
            # the new due date and the reason, as one change.
            locked.skip_history_when_saving = True
            try:
                locked.leads.set(leads)
            finally:
                del locked.skip_history_when_saving
        _save_with_reason(locked, user=user, reason=reason.strip())
    return locked


def action_withdraw(*, action: Action, user, expected_version: int, reason: str) -> Action:
    """Withdraw an action (never delete it). Programme managers only, with a reason."""
    if not action_permissions(user=user, action=action).withdraw:
        raise PermissionDenied("Only programme managers can withdraw an action.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the action is withdrawn."})
    with transaction.atomic():
        locked = _lock(action, expected_version)
        locked.status = Status.WITHDRAWN
        locked.withdrawn_reason = reason.strip()
        _save_with_reason(locked, user=user, reason=f"Withdrawn: {reason.strip()}")
    return locked
