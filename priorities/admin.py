from django.contrib import admin

from send_portal.admin_history import ReasonedHistoryAdmin

from .models import Partnership, Principle, Priority, Strategy


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class PrincipleInline(admin.TabularInline):
    model = Principle
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(ReasonedHistoryAdmin):
    list_display = ["name", "area"]


@admin.register(Strategy)
class StrategyAdmin(ReasonedHistoryAdmin):
    list_display = ["title", "partnership", "status", "first_year", "last_year"]
    list_filter = ["status", "partnership"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PriorityInline, PrincipleInline]


@admin.register(Priority)
class PriorityAdmin(ReasonedHistoryAdmin):
    list_display = ["number", "title", "strategy"]
    list_filter = ["strategy"]
