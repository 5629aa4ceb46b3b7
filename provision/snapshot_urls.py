from django.urls import path

from . import snapshot_views as views

app_name = "snapshot"

urlpatterns = [
    # Staff, signed in.
    path("", views.snapshot_grid, name="grid"),
    path("print/", views.snapshot_print, name="print"),
    path("export/grid.<str:fmt>", views.snapshot_export, {"what": "grid"}, name="export-grid"),
    path("export/gaps.<str:fmt>", views.snapshot_export, {"what": "gaps"}, name="export-gaps"),
    # Public: the headline counts, and the services behind a cell the directory search cannot express.
    path("summary/", views.snapshot_summary, name="summary"),
    path("services/", views.snapshot_services, name="services"),
]
