"""Example progress updates and one example published report, for a newcomer to see a full
report. Development only. Every update is marked as an example wherever it shows, and none
of it is part of the seed fixtures."""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from actions.models import Action, ProgressUpdate, Status
from actions.services import action_record_progress
from governance import services
from governance.models import ReportingPeriod
from priorities.models import Strategy

NARRATIVES = {
    Status.ON_TRACK: "EXAMPLE: work is under way as planned; the task group met and agreed the next milestones.",
    Status.AT_RISK: "EXAMPLE: progress has slowed while recruitment to a key post is completed.",
    Status.OFF_TRACK: "EXAMPLE: the milestone was missed because the funding decision was deferred.",
    Status.COMPLETE: "EXAMPLE: the action has been delivered and the evidence has been shared with the board.",
}


class Command(BaseCommand):
    help = "Add clearly labelled example progress and one example published report (DJANGO_DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Example data is for development only: set DJANGO_DEBUG=1.")
        if ProgressUpdate.objects.filter(is_example=True).exists():
            self.stdout.write("Example data already present.")
            return
        manager = get_user_model().objects.filter(username="manager").first()
        strategy = Strategy.objects.current().first()
        if manager is None or strategy is None:
            raise CommandError("Run `manage.py seed` and `manage.py demo_accounts` first.")
        today = timezone.localdate()
        past = list(ReportingPeriod.objects.filter(ends_on__lt=today).order_by("starts_on"))
        rng = random.Random(2023)
        count = 0
        for action in Action.objects.for_strategy(strategy).open().order_by("pk"):
            # A plausible path per action: on track, then perhaps a wobble, perhaps done.
            path = rng.choice(
                [
                    [Status.ON_TRACK, Status.ON_TRACK, Status.COMPLETE],
                    [Status.ON_TRACK, Status.AT_RISK, Status.ON_TRACK],
                    [Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK],
                    [Status.ON_TRACK, Status.ON_TRACK, Status.ON_TRACK],
                ]
            )
            moments = [
                timezone.make_aware(
                    datetime.datetime.combine(period.ends_on - datetime.timedelta(days=20), datetime.time(10))
                )
                for period in past[-len(path) :]
            ]
            if moments:
                # The example updates are back-dated, but the seed's record of the action was
                # written just now: left so, the history would read the seed as the latest change
                # ("On track" back to "Not started"). Example data only: date it before them.
                action.history.filter(history_date__gt=moments[0]).update(
                    history_date=moments[0] - datetime.timedelta(days=1)
                )
            for when, status in zip(moments, path, strict=False):
                risky = status in (Status.AT_RISK, Status.OFF_TRACK)
                action_record_progress(
                    action=action,
                    user=manager,
                    expected_version=action.version,
                    status=status,
                    narrative=NARRATIVES[status],
                    next_steps="EXAMPLE: report back to the next board meeting.",
                    reason="EXAMPLE: a key post is vacant." if risky else "",
                    mitigation="EXAMPLE: interim cover agreed with a partner." if risky else "",
                    is_example=True,
                    recorded_at=when,
                )
                count += 1
        self.stdout.write(f"Example progress updates: {count}")
        if past:
            report = services.report_for_period(period=past[-1], save=True)
            report.is_example = True
            report.subject = f"EXAMPLE – {report.subject}"
            report.summary = (
                "EXAMPLE: this report is built from example progress updates so that you can see a full report."
            )
            report.recommendations = "EXAMPLE: the Committee is recommended to note the progress made."
            report._change_reason = "Example report"
            report.save()
            published = services.report_publish(report=report, user=manager)
            self.stdout.write(f"Example report published: {past[-1].title}, {published.page_count} pages")
