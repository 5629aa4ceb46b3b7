from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Partnership(models.Model):
    """A local-area SEND partnership: the council, NHS, schools and parent carers of one area."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=80, blank=True, help_text="Used in the header, e.g. 'Sefton SEND'.")
    area = models.CharField(max_length=200, help_text="The local authority area the partnership serves.")
    description = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class StrategyQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status=Strategy.Status.CURRENT)

    def published(self):
        return self.exclude(status=Strategy.Status.DRAFT)


class Strategy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        SUPERSEDED = "superseded", "Superseded"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="strategies")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    first_year = models.PositiveSmallIntegerField(
        help_text="Financial year the strategy starts, e.g. 2023 for 2023/24."
    )
    last_year = models.PositiveSmallIntegerField(help_text="Financial year the strategy ends, e.g. 2025 for 2025/26.")
    ambition = models.TextField(blank=True, help_text="The strategy's ambition or vision statement.")
    vision = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    adopted_by = models.CharField(max_length=200, blank=True, help_text="Who adopted it, e.g. a cabinet.")
    adopted_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by"
    )
    source_document = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name_plural = "strategies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")), name="strategy_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:strategy-detail", kwargs={"slug": self.slug})

    @property
    def period_label(self) -> str:
        return (
            f"{self.first_year}/{(self.first_year + 1) % 100:02d} to {self.last_year}/{(self.last_year + 1) % 100:02d}"
        )


class Priority(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="priority_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Principle(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="principles")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="principle_number_unique")]

    def __str__(self) -> str:
        return self.text[:80]
