import django_filters
from django import forms
from django.db.models import Q

from governance.models import LeadRole
from priorities.models import Priority
from send_portal.forms import GovukFormMixin

from .models import Action, Outcome, Status, StatusDefinition
from .quarters import FinancialQuarter


class FilterForm(GovukFormMixin, forms.Form):
    pass


class ActionFilter(django_filters.FilterSet):
    """The action plan's filters. The view passes request.GET and a queryset for one strategy."""

    q = django_filters.CharFilter(label="Search actions", method="filter_q", max_length=200)
    # Many-to-many filters use subqueries, so no row repeats and no DISTINCT is needed.
    priority = django_filters.ModelChoiceFilter(
        label="Priority", method="filter_priority", queryset=Priority.objects.none()
    )
    outcome = django_filters.ModelChoiceFilter(
        label="Outcome", field_name="outcome", lookup_expr="exact", queryset=Outcome.objects.none()
    )
    lead = django_filters.ModelChoiceFilter(
        label="Responsible lead", method="filter_lead", queryset=LeadRole.objects.none()
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        field_name="status",
        lookup_expr="exact",
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        # A plain column never repeats a row; django-filter's default DISTINCT would make the
        # database work out every action's annotations before it can count or page them.
        distinct=False,
    )
    rag = django_filters.ChoiceFilter(label="RAG colour", choices=StatusDefinition.Colour.choices, method="filter_rag")
    due = django_filters.ChoiceFilter(label="Due quarter", method="filter_due", choices=[])
    overdue = django_filters.BooleanFilter(label="Overdue only", method="filter_overdue", widget=forms.CheckboxInput)
    no_update = django_filters.BooleanFilter(
        label="No update this reporting period", method="filter_no_update", widget=forms.CheckboxInput
    )

    class Meta:
        model = Action
        fields = []
        form = FilterForm

    def __init__(self, *args, strategy, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["priority"].queryset = strategy.priorities.all()
        self.filters["outcome"].queryset = strategy.outcomes.all()
        self.filters["lead"].queryset = LeadRole.objects.filter(actions__outcome__strategy=strategy).distinct()
        quarters = sorted(
            {q for q in Action.objects.for_strategy(strategy).values_list("due_quarter", flat=True) if q is not None}
        )
        self.filters["due"].extra["choices"] = [(str(q.index), q.label) for q in quarters]

    def filter_priority(self, queryset, name, value):
        return queryset.filter(outcome__in=Outcome.objects.filter(priorities=value).values("pk"))

    def filter_lead(self, queryset, name, value):
        return queryset.filter(pk__in=Action.leads.through.objects.filter(leadrole=value).values("action_id"))

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value)) if value else queryset

    def filter_rag(self, queryset, name, value):
        statuses = StatusDefinition.objects.filter(colour=value).values_list("status", flat=True)
        return queryset.filter(status__in=list(statuses))

    def filter_due(self, queryset, name, value):
        return queryset.filter(due_quarter=FinancialQuarter.from_index(int(value)))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today) if value else queryset

    def filter_no_update(self, queryset, name, value):
        return queryset.filter(updated_in_period=False) if value else queryset
