from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Board, Decision, LeadRole, Organisation, ReportingPeriod


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["kind"]


@admin.register(LeadRole)
class LeadRoleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation"]
    list_filter = ["organisation"]
    filter_horizontal = ["holders", "delegates"]
    list_select_related = ["organisation"]


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "chair", "meets", "reports_to"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["board", "made_on", "summary"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["title", "board", "starts_on", "ends_on", "meeting_on"]
