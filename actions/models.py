from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from governance.models import LeadRole, ReportingPeriod
from priorities.models import Priority, Strategy

from .quarters import FinancialQuarter, FinancialQuarterField, parse_due


class Status(models.TextChoices):
    """Delivery status as councils report it; each status has a RAG colour (see StatusDefinition)."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]


class StatusDefinition(models.Model):
    """The RAG key: label, colour and definition of each status, editable by the partnership."""

    class Colour(models.TextChoices):
        GREY = "grey", "Grey"
        GREEN = "green", "Green"
        AMBER = "amber", "Amber"
        RED = "red", "Red"
        BLUE = "blue", "Blue"
        BLACK = "black", "Black"

    status = models.CharField(max_length=20, choices=Status.choices, unique=True)
    label = models.CharField(max_length=50)
    colour = models.CharField(max_length=10, choices=Colour.choices)
    definition = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "status"]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_colour_display()})"


class Commitment(models.Model):
    """A row of the strategy's "Outcomes & Actions" priority matrix: a commitment for the
    whole strategy period, marked against the priorities it serves. The year's action plan
    delivers it through one or more outcomes."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    priorities = models.ManyToManyField(Priority, blank=True, related_name="commitments")
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = "priority matrix row"
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="commitment_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Outcome(models.Model):
    """An outcome we are aiming for, with why we are doing it and the impact it will have."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(
        max_length=200, blank=True, help_text="A section heading, where the plan groups outcomes."
    )
    statement = models.TextField()
    why = models.TextField(blank=True, help_text="Why we are doing it.")
    impact = models.TextField(blank=True, help_text="The impact we will have.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="outcomes")
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="outcomes", help_text="Priority matrix rows this outcome delivers."
    )
    history = HistoricalRecords(m2m_fields=[priorities, commitments])

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="outcome_number_unique")]

    def __str__(self) -> str:
        return f"Outcome {self.number}: {self.statement[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("priorities:outcome-detail", kwargs={"slug": self.strategy.slug, "number": self.number})


class ActionQuerySet(models.QuerySet):
    def for_strategy(self, strategy):
        return self.filter(outcome__strategy=strategy)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.open().filter(due_quarter__lt=FinancialQuarter.containing(on))

    def due_in(self, quarter: FinancialQuarter):
        return self.filter(due_quarter=quarter)

    def led_by(self, user):
        return self.filter(leads__in=LeadRole.objects.held_by(user)).distinct()

    def with_update_in(self, period: ReportingPeriod | None):
        """Annotate `updated_in_period`: whether a progress update was recorded in the period."""
        if period is None:
            return self.annotate(updated_in_period=models.Value(False))
        updates = ProgressUpdate.objects.filter(action=OuterRef("pk"), period=period)
        return self.annotate(updated_in_period=Exists(updates))

    def for_listing(self):
        return self.select_related("outcome__strategy").prefetch_related("leads", "outcome__priorities")


class Action(models.Model):
    """An action we are taking. Never deleted: withdrawn, with a reason."""

    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="actions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300, help_text="A short name for lists: the opening words of the action.")
    description = models.TextField(help_text="The actions we are taking, as written in the plan.")
    leads = models.ManyToManyField(LeadRole, blank=True, related_name="actions")
    due_text = models.CharField(max_length=300, blank=True, help_text="The due date as written in the plan.")
    due_quarter = FinancialQuarterField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED, db_index=True)
    withdrawn_reason = models.TextField(blank=True)
    final_state = models.TextField(blank=True, help_text="For a superseded strategy: what was achieved.")
    carried_forward = models.TextField(blank=True, help_text="For a superseded strategy: what was carried forward.")
    carried_forward_to = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="carried_forward_from"
    )
    # Optimistic locking: a form carries the version it was drawn from.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[leads])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["outcome__strategy", "outcome__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "number"], name="action_number_unique"),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | ~Q(withdrawn_reason=""), name="withdrawn_needs_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action-detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"{self.outcome.number}.{self.number}"

    @property
    def due_reading(self):
        try:
            return parse_due(self.due_text)
        except Exception:  # noqa: BLE001 - wording edited by hand may no longer parse; show it as written
            return None

    def is_overdue(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.status in OPEN_STATUSES and self.due_quarter is not None and self.due_quarter.is_overdue(on)

    def is_due_soon(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.status in OPEN_STATUSES and self.due_quarter is not None and self.due_quarter.is_due_soon(on)


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    number = models.PositiveSmallIntegerField()
    description = models.TextField()
    due_quarter = FinancialQuarterField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "number"]
        constraints = [models.UniqueConstraint(fields=["action", "number"], name="milestone_number_unique")]

    def __str__(self) -> str:
        return self.description[:80]


class ProgressUpdateQuerySet(models.QuerySet):
    def in_period(self, period):
        return self.filter(period=period)

    def recorded_since(self, action, version: int):
        """The action's updates saved after it last reached `version`: what a form drawn at that
        version has not seen (every update moves the version on). Empty if that version left no
        history. Times are the app servers' clocks, so keep them in sync (NTP)."""
        reached = action.history.filter(version=version).order_by("-history_date").values("history_date")[:1]
        return self.filter(action=action, recorded_at__gt=Subquery(reached))


class ProgressUpdate(models.Model):
    """An append-only record of progress on an action: never edited, never deleted."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, null=True, blank=True, on_delete=models.PROTECT, related_name="updates")
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    narrative = models.TextField(help_text="What has happened.")
    evidence_url = models.URLField(blank=True, max_length=500)
    next_steps = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text="For at risk or off track: why.")
    mitigation = models.TextField(blank=True, help_text="For at risk or off track: what is being done about it.")
    revised_due_text = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    is_example = models.BooleanField(default=False, help_text="Demonstration data, not a real update.")
    history = HistoricalRecords()

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["action", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.action.reference} {self.get_status_display()} {self.recorded_at:%Y-%m-%d}"


class Reminder(models.Model):
    """One reminder email to one person on one day: the unique constraint makes sending idempotent,
    even when two runs of the command overlap."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    period = models.ForeignKey(ReportingPeriod, null=True, blank=True, on_delete=models.SET_NULL)
    action_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_on", "recipient"]
        constraints = [models.UniqueConstraint(fields=["recipient", "sent_on"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"Reminder to {self.recipient} on {self.sent_on}"
