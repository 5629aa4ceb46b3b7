from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from send_portal.admin_history import ReasonedHistoryAdmin

from .models import (
    Board,
    Decision,
    DraftPDF,
    Indicator,
    IndicatorValue,
    LeadRole,
    Organisation,
    PublicationRequest,
    ReportingPeriod,
)


@admin.register(Organisation)
class OrganisationAdmin(ReasonedHistoryAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["kind"]


@admin.register(LeadRole)
class LeadRoleAdmin(ReasonedHistoryAdmin):
    list_display = ["title", "organisation"]
    list_filter = ["organisation"]
    filter_horizontal = ["holders", "delegates"]
    list_select_related = ["organisation"]


@admin.register(Board)
class BoardAdmin(ReasonedHistoryAdmin):
    list_display = ["name", "chair", "meets", "reports_to"]


@admin.register(Decision)
class DecisionAdmin(ReasonedHistoryAdmin):
    list_display = ["board", "made_on", "summary"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReasonedHistoryAdmin):
    """Programme managers set each period's meeting date here; papers fall due five clear working days before it."""

    list_display = ["title", "board", "starts_on", "ends_on", "meeting_on", "papers_due_on"]
    list_select_related = ["board"]


class IndicatorValueInline(admin.TabularInline):
    """Values over time: a new row for each new figure, so the report shows the direction of travel."""

    model = IndicatorValue
    extra = 1
    can_delete = False
    fields = ["value", "qualifier", "as_of", "as_of_label", "note"]


@admin.register(Indicator)
class IndicatorAdmin(ReasonedHistoryAdmin):
    """The partnership's figures on need and performance: the SEND snapshot and the progress report
    (section 7) show the latest value of each, with its date and source. Add a value as figures come in."""

    list_display = ["number", "name", "topic", "unit", "national", "north_west", "partnership"]
    list_display_links = ["number", "name"]
    list_filter = ["partnership", "topic"]
    search_fields = ["name", "source"]
    inlines = [IndicatorValueInline]


class _ReadOnly:
    """Background builds are written by the portal and its worker only: the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublicationRequest)
class PublicationRequestAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ["report", "version", "status", "requested_by", "requested_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["report", "requested_by"]


@admin.register(DraftPDF)
class DraftPDFAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["report", "status", "page_count", "requested_by", "requested_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["report", "requested_by"]
    exclude = ["pdf", "data"]
