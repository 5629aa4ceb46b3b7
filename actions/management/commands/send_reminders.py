"""Email each lead whose actions have no progress update for the current reporting period.

Safe to run daily from cron: one message per person listing their actions, never the same
person twice in a day (a unique row per person and day is claimed before sending, so even two
overlapping runs send each reminder once).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Reminder
from governance.models import ReportingPeriod
from priorities.models import Strategy


class Command(BaseCommand):
    help = "Email leads whose actions have no progress update in the current reporting period."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Act as if today were this date.")
        parser.add_argument("--dry-run", action="store_true", help="Say who would be emailed; send nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        period = ReportingPeriod.objects.current(today)
        if period is None:
            self.stdout.write("No current reporting period: nothing to remind.")
            return
        pending = (
            Action.objects.filter(outcome__strategy__status=Strategy.Status.CURRENT)
            .open()
            .with_update_in(period)
            .filter(updated_in_period=False)
            .select_related("outcome")
            .prefetch_related("leads__holders", "leads__delegates")
        )
        by_person: dict[int, list[Action]] = {}
        for action in pending:
            people = {user.pk for role in action.leads.all() for user in [*role.holders.all(), *role.delegates.all()]}
            for pk in people:
                by_person.setdefault(pk, []).append(action)
        sent = skipped = 0
        for user in get_user_model().objects.filter(pk__in=by_person, is_active=True).exclude(email=""):
            actions = by_person[user.pk]
            if dry_run:
                self.stdout.write(f"Would remind {user.email} about {len(actions)} action(s)")
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(recipient=user, sent_on=today, period=period, action_count=len(actions))
                    send_mail(
                        subject=f"Progress updates needed for {period.title}",
                        message=self._body(user, period, actions),
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        recipient_list=[user.email],
                    )
            except IntegrityError:
                skipped += 1  # already reminded today, by this run's twin or an earlier one
                continue
            sent += 1
        self.stdout.write(f"Reminders sent: {sent}; already sent today: {skipped}")

    def _body(self, user, period, actions) -> str:
        lines = [
            f"Dear {user.get_full_name() or user.username},",
            "",
            f"These actions you lead have no progress update for {period.title}:",
            "",
        ]
        for action in actions:
            url = settings.SITE_URL + reverse("actions:record-progress", args=[action.pk])
            lines.append(f"- Action {action.reference}: {action.title}\n  Record progress: {url}")
        if period.papers_due_on:
            lines += ["", f"Reports are due by {period.papers_due_on:%-d %B %Y}."]
        lines += ["", "Thank you."]
        return "\n".join(lines)
