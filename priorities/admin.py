from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Partnership, Principle, Priority, Strategy


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class PrincipleInline(admin.TabularInline):
    model = Principle
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "status", "first_year", "last_year"]
    list_filter = ["status", "partnership"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PriorityInline, PrincipleInline]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "strategy"]
    list_filter = ["strategy"]
