from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("reports/", views.report_list, name="report-list"),
    path("reports/published/<int:pk>.pdf", views.report_download, name="report-download"),
    path("reports/<int:period>/", views.report_detail, name="report-detail"),
    path("reports/<int:period>/draft.pdf", views.report_draft_pdf, name="report-draft-pdf"),
    path("reports/<int:period>/draft-pdf/", views.report_draft_build, name="report-draft-build"),
    path("reports/<int:period>/drafts/<int:pk>.pdf", views.report_draft_download, name="report-draft-download"),
    path("reports/<int:period>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:period>/publish/", views.report_publish, name="report-publish"),
    path("boards/", views.board_list, name="board-list"),
]
