import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from priorities.models import Partnership

from .working_days import publish_by

# Committee papers are published at least this many clear working days before the meeting.
PAPERS_CLEAR_DAYS = 5


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        NHS = "nhs", "NHS"
        SCHOOL = "school", "School or college"
        PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="organisation_name_unique")]

    def __str__(self) -> str:
        return self.name


class LeadRoleQuerySet(models.QuerySet):
    def held_by(self, user):
        """Roles the user holds or is a delegate for."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(holders=user) | models.Q(delegates=user)).distinct()


class LeadRole(models.Model):
    """A responsible lead: a role title in an organisation, held by zero or more accounts."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="lead_roles")
    title = models.CharField(max_length=200)
    holders = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="lead_roles")
    delegates = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="delegated_lead_roles")
    history = HistoricalRecords(m2m_fields=[holders, delegates])

    objects = LeadRoleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "title"], name="lead_role_title_unique")]

    def __str__(self) -> str:
        return self.title


class Board(models.Model):
    """A board or committee in the partnership's governance."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80, blank=True)
    purpose = models.TextField(blank=True)
    chair = models.CharField(max_length=200, blank=True)
    meets = models.CharField(max_length=200, blank=True, help_text="How often it meets, in words.")
    reports_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reported_by")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="board_name_unique")]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    """A recorded decision of a board, such as how often progress is reported to whom."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="decisions")
    made_on = models.DateField()
    summary = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on"]

    def __str__(self) -> str:
        return f"{self.board}, {self.made_on:%-d %B %Y}: {self.summary}"


class ReportingPeriodQuerySet(models.QuerySet):
    def containing(self, day: datetime.date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def current(self, day: datetime.date | None = None):
        """The period covering `day` (today by default), else the latest that has started."""
        from django.utils import timezone

        day = day or timezone.localdate()
        return (
            self.containing(day).order_by("-starts_on").first()
            or self.filter(starts_on__lte=day).order_by("-starts_on").first()
        )


class ReportingPeriod(models.Model):
    """A six-monthly (or other) period on which progress is reported to a committee."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reporting_periods")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="periods")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    meeting_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_order"),
            models.UniqueConstraint(fields=["board", "starts_on"], name="period_start_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def papers_due_on(self) -> datetime.date | None:
        """Five clear working days before the meeting: neither the day of publication nor the
        meeting counts, nor weekends and bank holidays (governance/working_days.py)."""
        if self.meeting_on is None:
            return None
        return publish_by(self.meeting_on, PAPERS_CLEAR_DAYS)


class Indicator(models.Model):
    """A measure of success or need, with its comparators; values are added over time."""

    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = "up", "Higher is better"
        LOWER_IS_BETTER = "down", "Lower is better"
        CONTEXT = "context", "Context (neither better nor worse)"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="indicators")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=40, blank=True, help_text="For example %, weeks, children.")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.CONTEXT)
    topic = models.CharField(
        max_length=100, blank=True, help_text="Groups indicators, for example 'Health waiting times'."
    )
    source = models.CharField(max_length=300, blank=True)
    national = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    north_west = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    comparator_note = models.CharField(max_length=200, blank=True, help_text="When the comparators were measured.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "number"]
        constraints = [models.UniqueConstraint(fields=["partnership", "number"], name="indicator_number_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date the value describes (first of the month where only a month is known; empty where the source gives none).",
    )
    as_of_label = models.CharField(
        max_length=60, blank=True, help_text="The date as the source states it, e.g. 'January 2023'."
    )
    qualifier = models.CharField(
        max_length=40, blank=True, help_text="For example 'under', 'just over', 'approximately'."
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", models.F("as_of").desc(nulls_last=True)]
        constraints = [models.UniqueConstraint(fields=["indicator", "as_of"], name="indicator_value_date_unique")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.as_of_label or self.as_of})"


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .roles import BOARD_MEMBER, has_role, is_programme_manager

        if is_programme_manager(user):
            return self
        if has_role(user, BOARD_MEMBER):
            return self.filter(models.Q(shared_with_board=True) | models.Q(versions__isnull=False)).distinct()
        return self.filter(versions__isnull=False).distinct()


class Report(models.Model):
    """A progress report for one reporting period: its text parts are edited; its figures come
    from the plan as it stands until it is published, when a frozen version is stored."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.PROTECT, related_name="report")
    subject = models.CharField(max_length=300)
    report_of = models.CharField(max_length=300, blank=True, help_text="Who the report is from, e.g. a director.")
    wards_affected = models.CharField(max_length=200, blank=True, default="All Wards")
    portfolio = models.CharField(max_length=200, blank=True)
    key_decision = models.BooleanField(default=False)
    in_forward_plan = models.BooleanField(default=False)
    exempt = models.CharField(max_length=200, blank=True, default="No")
    summary = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    reasons = models.TextField(blank=True, help_text="Reasons for the recommendations.")
    commentary = models.TextField(blank=True, help_text="The author's commentary on progress.")
    contact_officer = models.CharField(max_length=300, blank=True)
    appendices = models.TextField(blank=True)
    background_papers = models.TextField(blank=True)
    shared_with_board = models.BooleanField(default=False, help_text="Board members may read the draft.")
    is_example = models.BooleanField(default=False, help_text="Demonstration data, not a real report.")
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__starts_on"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:report-detail", kwargs={"period": self.period_id})


class PublishedReport(models.Model):
    """A frozen report: the PDF bytes and the data they were built from, with a checksum.
    Never changed; a correction is a new version that amends the earlier one."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField()
    amends = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="amended_by")
    amendment_reason = models.TextField(blank=True)
    pdf = models.BinaryField()
    data = models.JSONField()
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["report", "version"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} (version {self.version})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:report-download", kwargs={"pk": self.pk})


class BuildStatus(models.TextChoices):
    """Where a background PDF build stands. Queued and building are "active"."""

    QUEUED = "queued", "Queued"
    BUILDING = "building", "Building"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


ACTIVE_STATUSES = [BuildStatus.QUEUED, BuildStatus.BUILDING]


class BuildQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Build(models.Model):
    """What a background PDF build has in common: who asked, when, where it stands, and why it
    failed (in plain words, shown to the person who asked; the traceback goes to the log)."""

    status = models.CharField(max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why it failed, in plain words.")
    error_detail = models.TextField(blank=True, help_text="The exception, for whoever investigates.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The background job (django-tasks result id).")

    objects = BuildQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class PublicationRequest(Build):
    """A programme manager's request to publish (freeze) a report. The worker builds it; the
    outcome is a PublishedReport, or the reason it failed. One active request per report."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="publication_requests")
    version = models.PositiveSmallIntegerField(help_text="The version it will publish, as expected when asked.")
    amendment_reason = models.TextField(blank=True)
    published = models.OneToOneField(
        PublishedReport, null=True, blank=True, on_delete=models.PROTECT, related_name="publication_request"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Two clicks (or two managers) cannot queue the same publication twice.
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_publication_per_report",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=BuildStatus.DONE) | models.Q(published__isnull=False),
                name="done_publication_has_its_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: publish version {self.version} ({self.get_status_display().lower()})"


class DraftPDF(Build):
    """A draft PDF of a report, built by the worker from the data stored with it (the report as
    it stood when asked for). Reused while the report's data hash is unchanged; pruned later."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="draft_pdfs")
    data_hash = models.CharField(max_length=64, help_text="SHA-256 of the report data, less the time it was built.")
    data = models.JSONField(help_text="The report data the PDF is built from.")
    pdf = models.BinaryField(blank=True, default=b"")
    page_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "draft PDF"
        constraints = [
            # One live draft per version of the data: a second click reuses it, a failure may be retried.
            models.UniqueConstraint(
                fields=["report", "data_hash"],
                condition=~models.Q(status=BuildStatus.FAILED),
                name="one_live_draft_per_report_data",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft PDF of {self.report} ({self.get_status_display().lower()})"
