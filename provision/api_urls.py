"""Open Referral UK 3.0 endpoints, under /api/oruk/ (paths as the standard spells them)."""

from django.urls import path

from . import api

app_name = "oruk"

urlpatterns = [
    path("", api.api_details, name="api-details"),
    path("services", api.service_list, name="service-list"),
    path("services/<str:id>", api.service_detail, name="service-detail"),
    path("taxonomies", api.taxonomy_list, name="taxonomy-list"),
    path("taxonomies/<str:id>", api.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms", api.taxonomy_term_list, name="taxonomy-term-list"),
    path("taxonomy_terms/<str:id>", api.taxonomy_term_detail, name="taxonomy-term-detail"),
    path("organizations", api.organization_list, name="organization-list"),
    path("organizations/<str:id>", api.organization_detail, name="organization-detail"),
]
