from django.urls import path

from . import views

app_name = "provision"

urlpatterns = [
    # The public directory: no sign-in.
    path("", views.service_search, name="service-search"),
    path("services/<uuid:pk>/", views.service_detail, name="service-detail"),
    path("feedback/", views.feedback_create, name="feedback-create"),
    path("feedback/sent/", views.feedback_sent, name="feedback-sent"),
    path("you-said-we-did/", views.you_said_we_did, name="you-said-we-did"),
    # Staff who manage the directory.
    path("manage/", views.manage_service_list, name="manage-service-list"),
    path("manage/due-for-review/", views.manage_review_due, name="manage-review-due"),
    path("manage/services/add/", views.manage_service_create, name="manage-service-create"),
    path("manage/services/<uuid:pk>/", views.manage_service_update, name="manage-service-update"),
    path("manage/services/<uuid:pk>/status/", views.manage_service_status, name="manage-service-status"),
    path("manage/services/<uuid:pk>/reviewed/", views.manage_service_reviewed, name="manage-service-reviewed"),
    path("manage/services/<uuid:pk>/history/", views.manage_service_history, name="manage-service-history"),
    path("manage/venues/", views.manage_location_list, name="manage-location-list"),
    path("manage/venues/add/", views.manage_location_create, name="manage-location-create"),
    path("manage/venues/<uuid:pk>/", views.manage_location_update, name="manage-location-update"),
    path("manage/feedback/", views.manage_feedback_list, name="manage-feedback-list"),
    path("manage/feedback/<int:pk>/", views.manage_feedback_detail, name="manage-feedback-detail"),
]
