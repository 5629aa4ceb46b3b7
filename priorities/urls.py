from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("strategies/", views.strategy_list, name="strategy-list"),
    path("status-key/", views.status_key, name="status-key"),
    path("<slug:slug>/", views.strategy_detail, name="strategy-detail"),
    path("<slug:slug>/outcomes/<int:number>/", views.outcome_detail, name="outcome-detail"),
]
