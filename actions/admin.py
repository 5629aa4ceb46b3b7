from django.contrib import admin

from send_portal.admin_history import ReasonedHistoryAdmin

from .models import Action, Commitment, Milestone, Outcome, ProgressUpdate, StatusDefinition


class NoDeleteAdmin(ReasonedHistoryAdmin):
    """Plan records are withdrawn, never deleted: the audit trail depends on them."""

    def has_delete_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Action)
class ActionAdmin(NoDeleteAdmin):
    list_display = ["reference", "title", "status", "due_text", "outcome"]
    list_filter = ["status", "outcome__strategy"]
    search_fields = ["title", "description"]
    filter_horizontal = ["leads", "carried_forward_to"]
    inlines = [MilestoneInline]
    list_select_related = ["outcome"]
    readonly_fields = ["version"]
    # Status, due date and leads change only on the action's own pages (record progress,
    # re-baseline, withdraw), which check who may, ask why, and catch a stale form.
    service_fields = ["status", "withdrawn_reason", "due_text", "due_quarter", "leads"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (self.service_fields if obj is not None else [])


@admin.register(Outcome)
class OutcomeAdmin(NoDeleteAdmin):
    list_display = ["number", "statement", "strategy"]
    list_filter = ["strategy"]
    filter_horizontal = ["priorities", "commitments"]


@admin.register(Commitment)
class CommitmentAdmin(NoDeleteAdmin):
    list_display = ["number", "text", "strategy"]
    list_filter = ["strategy"]
    filter_horizontal = ["priorities"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(NoDeleteAdmin):
    """Append-only: updates can be read here but not edited."""

    list_display = ["action", "status", "recorded_at", "author", "is_example"]
    list_filter = ["status", "is_example", "period"]
    list_select_related = ["action__outcome", "author"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StatusDefinition)
class StatusDefinitionAdmin(ReasonedHistoryAdmin):
    list_display = ["label", "status", "colour", "order"]

    def has_delete_permission(self, request, obj=None):
        return False
