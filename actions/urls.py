from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="action-list"),
    path("mine/", views.my_actions, name="my-actions"),
    path("export.csv", views.action_export, {"fmt": "csv"}, name="action-export-csv"),
    path("export.xlsx", views.action_export, {"fmt": "xlsx"}, name="action-export-xlsx"),
    path("<int:pk>/", views.action_detail, name="action-detail"),
    path("<int:pk>/history/", views.action_history, name="action-history"),
    path("<int:pk>/progress/", views.record_progress, name="record-progress"),
    path("<int:pk>/rebaseline/", views.rebaseline, name="rebaseline"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
