"""FilterSets: the public search, the staff list of services, and the feedback queue.

Every value arrives from the address bar, so each field validates and explains itself: a bad
value is reported beside its field and left out of the search, never passed to the database.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from send_portal.cache import section_cached
from send_portal.forms import GovukFormMixin

from .models import MAX_AGE, Feedback, Location, Service, ServiceAtLocation, TaxonomyTerm

MAX_KEYWORD_LENGTH = 200


class GovukFilterForm(GovukFormMixin, forms.Form):
    pass


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CheckboxFilter(django_filters.Filter):
    """A single checkbox: ticked filters, unticked does nothing."""

    field_class = forms.BooleanField


ACCESS_CHOICES = [
    ("no-referral", "No referral needed"),
    ("professional", "Referral by a professional, such as a GP, school or social worker"),
    ("team", "Referral through a named team"),
]
ACCESS_ROUTES = {
    "no-referral": Service.NO_REFERRAL,
    "professional": [Service.Access.PROFESSIONAL],
    "team": [Service.Access.TEAM],
}

# The search's term filters and the taxonomy each one offers.
TERM_FILTERS = {"need": TaxonomyTerm.objects.needs, "category": TaxonomyTerm.objects.categories}


def _term_choices() -> dict[str, dict[str, str]]:
    """{filter: {slug: name}} in the taxonomies' order."""
    return {name: dict(terms().values_list("slug", "name")) for name, terms in TERM_FILTERS.items()}


SORT_CHOICES = [("relevance", "Best match"), ("name", "Name (A to Z)")]


class ServiceFilter(django_filters.FilterSet):
    """The public search. The whole search lives in the address, so it can be shared."""

    q = django_filters.CharFilter(
        label="Search by keyword",
        method="filter_keyword",
        max_length=MAX_KEYWORD_LENGTH,
        help_text="For example: speech therapy, autism, short breaks, Southport",
        error_messages={"max_length": f"Search for up to {MAX_KEYWORD_LENGTH} characters"},
    )
    age = IntegerFilter(
        label="Age of the child or young person",
        method="filter_age",
        min_value=0,
        max_value=MAX_AGE,
        # GOV.UK asks for a text box with a numeric keyboard rather than type=number.
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric", "autocomplete": "off"}
        ),
        help_text="In years, for example 7. Services that do not give an age range are included.",
        error_messages={
            "invalid": "Enter the age as a whole number, like 7",
            "min_value": "Enter an age of 0 or more",
            "max_value": f"Enter an age of {MAX_AGE} or less",
        },
    )
    # Choices are the taxonomy's terms, set in __init__ from the cache (read once per directory change).
    need = django_filters.MultipleChoiceFilter(
        label="Needs",
        choices=[],
        method="filter_terms",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose needs from the list", "invalid_list": "Choose needs from the list"},
    )
    category = django_filters.MultipleChoiceFilter(
        label="Type of service",
        choices=[],
        method="filter_terms",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose types of service from the list",
            "invalid_list": "Choose types of service from the list",
        },
    )
    access = django_filters.ChoiceFilter(
        label="How you can get it",
        choices=ACCESS_CHOICES,
        empty_label="Any way",
        method="filter_access",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose how you can get it from the list"},
    )
    free = CheckboxFilter(label="Free of charge only", method="filter_free")
    area = django_filters.ChoiceFilter(
        label="Town or area",
        choices=[],
        empty_label="Anywhere",
        method="filter_area",
        help_text="Services with a venue there, and services with no fixed venue (they come to you).",
        error_messages={"invalid_choice": "Choose a town or area from the list"},
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        empty_label=None,
        method="filter_nothing",
        error_messages={"invalid_choice": "Choose how to sort from the list"},
    )

    class Meta:
        model = Service
        fields = []
        form = GovukFilterForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        in_use = ServiceAtLocation.objects.filter(location=OuterRef("pk"), service__status__in=Service.LISTED_STATUSES)
        areas = (
            Location.objects.filter(Exists(in_use))
            .exclude(area="")
            .values_list("area", flat=True)
            .distinct()
            .order_by("area")
        )
        # The same for every search until the directory changes.
        areas = section_cached("directory", "search-areas", lambda: list(areas))
        self.filters["area"].extra["choices"] = [(area, area) for area in areas]
        self.term_names = section_cached("directory", "search-terms", _term_choices)
        for name in TERM_FILTERS:
            self.filters[name].extra["choices"] = list(self.term_names[name].items())

    # --- filters -------------------------------------------------------------------------

    def filter_keyword(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_age(self, queryset, name, value):
        return queryset if value is None else queryset.for_age(value)

    def filter_terms(self, queryset, name, value):
        return queryset.with_any_term(TERM_FILTERS[name]().filter(slug__in=value)) if value else queryset

    def filter_access(self, queryset, name, value):
        return queryset.filter(access__in=ACCESS_ROUTES[value]) if value else queryset

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost=Service.Cost.FREE) if value else queryset

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset  # sorting is applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.keyword and self.sort_order == "relevance":
            return queryset.order_by("-rank", "name", "pk")
        return queryset.order_by("name", "pk")

    # --- what the page needs to describe the search ---------------------------------------

    @property
    def keyword(self) -> str:
        self.is_valid()
        return (self.form.cleaned_data.get("q") or "").strip()

    @property
    def sort_order(self) -> str:
        self.is_valid()
        return self.form.cleaned_data.get("sort") or "relevance"

    @property
    def active(self) -> list[tuple[str, str, str]]:
        """(parameter, value, description) for each filter in use, to offer removing it."""
        self.is_valid()
        data = self.form.cleaned_data
        found = []
        if data.get("q"):
            found.append(("q", data["q"], f"Keyword: {data['q']}"))
        if data.get("age") is not None:
            found.append(("age", str(data["age"]), f"Age: {data['age']}"))
        for slug in data.get("need") or []:
            found.append(("need", slug, f"Need: {self.term_names['need'][slug]}"))
        for slug in data.get("category") or []:
            found.append(("category", slug, f"Type: {self.term_names['category'][slug]}"))
        if data.get("access"):
            found.append(("access", data["access"], f"How: {dict(ACCESS_CHOICES)[data['access']]}"))
        if data.get("free"):
            found.append(("free", "on", "Free of charge only"))
        if data.get("area"):
            found.append(("area", data["area"], f"Area: {data['area']}"))
        return found


class ManageServiceFilter(django_filters.FilterSet):
    """The staff list: every service, whatever its status."""

    q = django_filters.CharFilter(
        label="Name contains",
        field_name="name",
        lookup_expr="icontains",
        max_length=MAX_KEYWORD_LENGTH,
        error_messages={"max_length": f"Search for up to {MAX_KEYWORD_LENGTH} characters"},
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        field_name="status",
        lookup_expr="exact",
        choices=Service.Status.choices,
        empty_label="Any status",
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    organization = django_filters.ModelChoiceFilter(
        label="Organisation",
        field_name="organization",
        lookup_expr="exact",
        queryset=None,
        empty_label="Any organisation",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )

    class Meta:
        model = Service
        fields = []
        form = GovukFilterForm

    def __init__(self, *args, **kwargs):
        from .models import Organization

        super().__init__(*args, **kwargs)
        self.filters["organization"].queryset = Organization.objects.only("id", "name")


class FeedbackFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        field_name="status",
        lookup_expr="exact",
        choices=Feedback.Status.choices,
        empty_label="Any status",
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    topic = django_filters.ChoiceFilter(
        label="Topic",
        field_name="topic",
        lookup_expr="exact",
        choices=Feedback.Topic.choices,
        empty_label="Any topic",
        error_messages={"invalid_choice": "Choose a topic from the list"},
    )

    class Meta:
        model = Feedback
        fields = []
        form = GovukFilterForm
