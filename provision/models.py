"""The SEND Local Offer directory, modelled on Open Referral UK 3.0 (HSDS-UK-3.0).

Each ORUK entity that the directory keeps is a model with a UUID primary key, named and shaped as
the standard names it, so the `/api/oruk/` feed is a view of these rows, not a translation.

Where ORUK has a child list that the directory only ever needs one entry of (a venue's address
and its accessibility, a service's schedule in words, its cost, its funding, its area), the
child's fields live on the parent and the child's ORUK id is stored beside them (`address_id`,
`schedule_id`...), so the published id never changes between requests.

Services are never deleted: they are retired by a status change, and every change is kept by
django-simple-history.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from priorities.models import Partnership

from . import search

# The two taxonomies the directory filters on, by their `key`.
CATEGORY_TAXONOMY = "service-category"
NEED_TAXONOMY = "need"

# A service not reviewed for this long is due for review.
REVIEW_INTERVAL = datetime.timedelta(days=365)

# The oldest age a search filter or a service's age range may name. The Local Offer covers
# 0 to 25, but some listed services are for adults of any age.
MAX_AGE = 99


def _new_id() -> uuid.UUID:
    return uuid.uuid4()


class Taxonomy(models.Model):
    """A vocabulary of terms: here, the service categories and the needs a service supports."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    key = models.SlugField(max_length=50, unique=True, help_text="How the portal refers to it, e.g. 'need'.")
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True, max_length=500)
    version = models.CharField(max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTermQuerySet(models.QuerySet):
    def in_taxonomy(self, key: str):
        return self.filter(taxonomy__key=key)

    def needs(self):
        return self.in_taxonomy(NEED_TAXONOMY)

    def categories(self):
        return self.in_taxonomy(CATEGORY_TAXONOMY)


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, help_text="Used in search addresses, e.g. ?need=autism.")
    description = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    term_uri = models.URLField(blank=True, max_length=500)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "slug"], name="taxonomy_term_slug_unique"),
            models.UniqueConstraint(fields=["taxonomy", "name"], name="taxonomy_term_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A body that provides or commissions services (ORUK spells it 'organization')."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="directory_organizations")
    name = models.CharField(max_length=255)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, max_length=500)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="directory_organization_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A venue. ORUK's address and accessibility entries are kept on it, with their own ids."""

    class LocationType(models.TextChoices):
        PHYSICAL = "physical", "A place you can visit"
        VIRTUAL = "virtual", "Online or by phone"
        POSTAL = "postal", "A postal address only"

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    name = models.CharField("venue name", max_length=255)
    description = models.TextField(blank=True)
    address_1 = models.CharField("address", max_length=255, blank=True, help_text="Building and street.")
    area = models.CharField(
        "town or area", max_length=100, blank=True, help_text="For example Bootle, Crosby, Southport."
    )
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GB", help_text="ISO 3166 code.")
    accessibility = models.TextField(
        "accessibility of the venue", blank=True, help_text="Step-free access, accessible toilets, hearing loops..."
    )
    address_id = models.UUIDField(default=_new_id, editable=False, unique=True)
    accessibility_id = models.UUIDField(default=_new_id, editable=False, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "venue"
        constraints = [
            models.CheckConstraint(
                condition=Q(location_type__in=["physical", "virtual", "postal"]), name="location_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.area}" if self.area else self.name

    @property
    def has_full_address(self) -> bool:
        """ORUK needs a street, a town and a postcode before it will accept an address."""
        return bool(self.address_1 and self.area and self.postcode)

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_1, self.area, self.county, self.postcode) if line]


class Attribute(models.Model):
    """ORUK's link between a service and a taxonomy term. Its history is the service's."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    service = models.ForeignKey("Service", on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes")

    class Meta:
        ordering = ["service", "taxonomy_term"]
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="attribute_service_term_unique")
        ]
        # "Services with this need": read from the index alone, term first.
        indexes = [models.Index(fields=["taxonomy_term", "service"], name="attribute_term_service")]

    def __str__(self) -> str:
        return f"{self.service}: {self.taxonomy_term}"


class ServiceAtLocation(models.Model):
    """ORUK's link between a service and a venue. Its history is the service's."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    service = models.ForeignKey("Service", on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")

    class Meta:
        ordering = ["service", "location"]
        verbose_name = "service at a venue"
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class ServiceQuerySet(models.QuerySet):
    def listed(self):
        """Services the public directory shows: running now, or closed for a while."""
        return self.filter(status__in=Service.LISTED_STATUSES)

    def due_for_review(self, today: datetime.date | None = None):
        """Listed services not reviewed in 12 months, never-reviewed first, then oldest first."""
        today = today or timezone.localdate()
        return (
            self.listed()
            .filter(Q(assured_date__isnull=True) | Q(assured_date__lte=today - REVIEW_INTERVAL))
            .order_by(F("assured_date").asc(nulls_first=True), "name")
        )

    def for_age(self, age: int):
        """Services whose age range includes `age`; a range not stated counts as open."""
        return self.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )

    # The need and area filters are uncorrelated IN subqueries, not EXISTS: PostgreSQL then hashes
    # each id set once and checks it against the narrow "service_listing" index, rather than
    # probing the tables once per service (half the time per search at 10,000 services).
    def with_any_term(self, terms):
        """Services tagged with any of `terms` (one row per service: a semi-join, not a join)."""
        return self.filter(pk__in=Attribute.objects.filter(taxonomy_term__in=terms).values("service_id"))

    def in_area(self, area: str):
        """Services with a venue in `area`, and services with no fixed venue (they come to you)."""
        in_area = ServiceAtLocation.objects.filter(location__area=area).values("service_id")
        # "No venue" stays NOT EXISTS (an index probe per service): NOT IN over every service with
        # a venue is quick only while that set fits in work_mem, and 200 times slower past it.
        no_venue = ~Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk")))
        return self.filter(Q(pk__in=in_area) | no_venue)

    def search(self, text: str):
        """Keyword search, annotated with `rank`. See provision/search.py."""
        return search.keyword_search(self, text)

    def naive_search(self, text: str):
        """The plain way, for comparison in the benchmark: name or description contains the text."""
        return self.filter(Q(name__icontains=text) | Q(description__icontains=text))

    def for_listing(self):
        return (
            self.defer("search_vector")
            .select_related("organization")
            .prefetch_related(
                models.Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy"))
            )
        )

    def for_detail(self):
        return self.for_listing().prefetch_related("locations", "contacts", "languages")


class Service(models.Model):
    class Status(models.TextChoices):
        # Values are ORUK's own, space included.
        ACTIVE = "active", "Active"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
        INACTIVE = "inactive", "Inactive (not running at the moment)"
        DEFUNCT = "defunct", "Defunct (stopped for good)"

    class Access(models.TextChoices):
        OPEN = "open_access", "Open access: no referral needed"
        SELF_REFERRAL = "self_referral", "Self-referral: families or young people contact the service themselves"
        PROFESSIONAL = "professional_referral", "Referral by a professional, such as a GP, school or social worker"
        TEAM = "team_referral", "Referral through a named team"

    class Cost(models.TextChoices):
        FREE = "free", "Free"
        CHARGE = "charge", "There is a charge"

    LISTED_STATUSES = [Status.ACTIVE, Status.TEMPORARILY_CLOSED]
    NO_REFERRAL = [Access.OPEN, Access.SELF_REFERRAL]

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services", verbose_name="organisation"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(help_text="What it is, in plain words. Start a line with '- ' for a bullet.")
    url = models.URLField("website", blank=True, max_length=500)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    alert = models.TextField(blank=True, help_text="A short-term notice, such as a temporary closure.")

    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)])
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)])
    eligibility_description = models.TextField("who it is for", blank=True)

    access = models.CharField("how to get it", max_length=30, choices=Access.choices, blank=True)
    referral_team = models.CharField(
        max_length=200, blank=True, help_text="The team that takes referrals, e.g. the Aiming High Team."
    )
    access_details = models.TextField("how to get it, in words", blank=True)

    cost = models.CharField(max_length=10, choices=Cost.choices, blank=True)
    cost_details = models.TextField(blank=True)
    cost_option_id = models.UUIDField(default=_new_id, editable=False, unique=True)

    schedule_description = models.TextField("when it runs", blank=True)
    schedule_id = models.UUIDField(default=_new_id, editable=False, unique=True)

    service_area = models.CharField("area it covers", max_length=200, blank=True)
    service_area_id = models.UUIDField(default=_new_id, editable=False, unique=True)

    funding_source = models.TextField("funded or commissioned by", blank=True)
    funding_id = models.UUIDField(default=_new_id, editable=False, unique=True)

    assured_date = models.DateField("last reviewed", null=True, blank=True, db_index=True)
    last_modified = models.DateTimeField(auto_now=True, db_index=True)

    taxonomy_terms = models.ManyToManyField(TaxonomyTerm, through=Attribute, related_name="services", blank=True)
    locations = models.ManyToManyField(Location, through=ServiceAtLocation, related_name="services", blank=True)

    # Search support, derived and never edited. `taxonomy_text` holds the names of the service's
    # terms (kept by provision.services); on PostgreSQL a trigger (migration 0002) fills
    # `search_vector` from name (A), description (B) and taxonomy_text (C). On SQLite it stays empty.
    taxonomy_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[taxonomy_terms, locations], excluded_fields=["search_vector", "taxonomy_text", "last_modified"]
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # Lists are in name order (the public search, the staff list, the ORUK feed): with this
        # index a page is read in order instead of sorting every service.
        indexes = [
            models.Index(fields=["name", "id"], name="service_name_id"),
            # What the search's filters read, so counting results needs no visit to the wide rows.
            models.Index(
                fields=["status", "id"],
                include=["minimum_age", "maximum_age", "access", "cost"],
                name="service_listing",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="service_age_range_order",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "temporarily closed", "inactive", "defunct"]),
                name="service_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(access__in=["", "open_access", "self_referral", "professional_referral", "team_referral"]),
                name="service_access_valid",
            ),
            models.CheckConstraint(
                condition=~Q(access="team_referral") | ~Q(referral_team=""), name="service_team_referral_names_team"
            ),
            models.CheckConstraint(condition=Q(cost__in=["", "free", "charge"]), name="service_cost_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("provision:service-detail", kwargs={"pk": self.pk})

    @property
    def is_listed(self) -> bool:
        return self.status in self.LISTED_STATUSES

    @property
    def age_range(self) -> str:
        """The age range in words: 'Ages 6 to 11', '18 and over', 'Up to 18', '' when not stated."""
        low, high = self.minimum_age, self.maximum_age
        if low is not None and high is not None:
            return f"Ages {low} to {high}" if low != high else f"Age {low}"
        if low is not None:
            return f"Ages {low} and over"
        if high is not None:
            return f"Up to age {high}"
        return ""

    @property
    def access_summary(self) -> str:
        """How to get it, in a few words, for lists."""
        if self.access in self.NO_REFERRAL:
            return "No referral needed"
        if self.access == self.Access.TEAM:
            return f"Referral through the {self.referral_team}"
        if self.access == self.Access.PROFESSIONAL:
            return "Referral by a professional"
        return ""

    def terms_in(self, key: str) -> list[TaxonomyTerm]:
        """Terms of one taxonomy, from the prefetched terms when there are some."""
        return [term for term in self.taxonomy_terms.all() if term.taxonomy.key == key]

    @property
    def needs(self) -> list[TaxonomyTerm]:
        return self.terms_in(NEED_TAXONOMY)

    @property
    def categories(self) -> list[TaxonomyTerm]:
        return self.terms_in(CATEGORY_TAXONOMY)

    def is_due_for_review(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.assured_date is None or self.assured_date <= today - REVIEW_INTERVAL


phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$", "Enter a phone number using digits, spaces and brackets, like 0151 934 4000"
)


class Contact(models.Model):
    """A way to reach the service: a named team or person, with an email address and a phone number."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True, help_text="A team or person, e.g. Early Help Front Door.")
    title = models.CharField("job title", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=25, blank=True, validators=[phone_validator])
    phone_id = models.UUIDField(default=_new_id, editable=False, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.CheckConstraint(condition=~Q(name="", email="", phone=""), name="contact_says_something"),
        ]

    def __str__(self) -> str:
        return self.name or self.email or self.phone


class ServiceLanguage(models.Model):
    """A language the service is delivered in (ORUK 'language')."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "language"
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="service_language_unique")]

    def __str__(self) -> str:
        return self.name


class SearchWord(models.Model):
    """Every word the directory's services use, for correcting misspelt searches (PostgreSQL only).

    Filled by the search trigger (migration 0003) as services are written; never edited. A word
    whose services have since changed stays: it can only suggest a spelling that finds nothing.
    """

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Feedback.Status.PUBLISHED).order_by("-published_at", "-pk")

    def awaiting_moderation(self):
        return self.filter(status=Feedback.Status.NEW)


class Feedback(models.Model):
    """A comment on the Local Offer (SEND Regulations 2014, regulation 56), or a problem report.

    Comments are published only after a moderator has anonymised them and written the
    partnership's response and the action it will take.
    """

    class Topic(models.TextChoices):
        PROBLEM = "problem", "Something is wrong or out of date on a service's page"
        CONTENT = "content", "What the Local Offer says about services"
        GAP = "gap", "Support that is missing, or hard to get"
        ACCESSIBILITY = "accessibility", "How easy the information is to find, read and use"
        DEVELOPMENT = "development", "How the Local Offer is developed and kept up to date"

    class Role(models.TextChoices):
        PARENT = "parent", "A parent or carer"
        YOUNG_PERSON = "young_person", "A child or young person"
        PROFESSIONAL = "professional", "Someone who works with children and young people"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NEW = "new", "Waiting for a response"
        PUBLISHED = "published", "Published"
        CLOSED = "closed", "Closed without publishing"

    topic = models.CharField(max_length=20, choices=Topic.choices)
    comment = models.TextField()
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text="If about one service.",
    )
    role = models.CharField("who they are", max_length=20, choices=Role.choices, blank=True)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    published_comment = models.TextField("you said (anonymised)", blank=True)
    response = models.TextField("our response", blank=True)
    action = models.TextField("what we will do", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField("note for staff", blank=True)
    history = HistoricalRecords()

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published")
                | (~Q(published_comment="") & ~Q(response="") & Q(published_at__isnull=False)),
                name="feedback_published_has_response",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["new", "published", "closed"]), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(topic__in=["problem", "content", "gap", "accessibility", "development"]),
                name="feedback_topic_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.created_at:%-d %b %Y})"
