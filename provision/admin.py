"""The Django admin for the directory: a back office, with history on every model.

Services are retired by a status change, never deleted, so nothing here may delete them.
Day-to-day editing happens in the portal (Manage directory), which goes through
provision.services; admin saves still leave history records and keep the search text.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contact, Feedback, Location, Organization, Service, ServiceLanguage, Taxonomy, TaxonomyTerm
from .services import taxonomy_text


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class LanguageInline(admin.TabularInline):
    model = ServiceLanguage
    extra = 0


class AttributeInline(admin.TabularInline):
    model = Service.taxonomy_terms.through
    extra = 0
    autocomplete_fields = ["taxonomy_term"]
    verbose_name = "taxonomy term"


class ServiceAtLocationInline(admin.TabularInline):
    model = Service.locations.through
    extra = 0
    autocomplete_fields = ["location"]
    verbose_name = "venue"


@admin.register(Service)
class ServiceAdmin(NoDeleteAdmin):
    list_display = ["name", "organization", "status", "assured_date", "last_modified"]
    list_filter = ["status", "access", "cost", "organization"]
    search_fields = ["name", "description"]
    list_select_related = ["organization"]
    readonly_fields = ["id", "last_modified"]
    inlines = [AttributeInline, ServiceAtLocationInline, ContactInline, LanguageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_vector")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        service = form.instance
        text = taxonomy_text(service.taxonomy_terms.all())
        if text != service.taxonomy_text:
            service.taxonomy_text = text
            service.save_without_historical_record(update_fields=["taxonomy_text"])


@admin.register(Organization)
class OrganizationAdmin(NoDeleteAdmin):
    list_display = ["name", "partnership", "email", "website"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(NoDeleteAdmin):
    list_display = ["name", "area", "postcode", "location_type"]
    list_filter = ["area", "location_type"]
    search_fields = ["name", "area", "postcode"]


@admin.register(Taxonomy)
class TaxonomyAdmin(NoDeleteAdmin):
    list_display = ["name", "key", "version"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(NoDeleteAdmin):
    list_display = ["name", "taxonomy", "slug", "order"]
    list_filter = ["taxonomy"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feedback)
class FeedbackAdmin(NoDeleteAdmin):
    list_display = ["created_at", "topic", "status", "service"]
    list_filter = ["status", "topic"]
    list_select_related = ["service"]
    raw_id_fields = ["service"]
