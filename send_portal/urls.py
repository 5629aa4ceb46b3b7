from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility", views.page("pages/accessibility.html"), name="accessibility"),
    path("privacy", views.page("pages/privacy.html"), name="privacy"),
    path("cookies", views.page("pages/cookies.html"), name="cookies"),
    path("contact", views.page("pages/contact.html"), name="contact"),
    path(
        "sign-in",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm),
        name="login",
    ),
    path("sign-out", auth_views.LogoutView.as_view(), name="logout"),
    path("find-support/", include("provision.urls")),
    path("api/oruk/", include("provision.api_urls")),
    path("snapshot/", include("provision.snapshot_urls")),
    path("plan/", include("priorities.urls")),
    path("actions/", include("actions.urls")),
    path("governance/", include("governance.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "send_portal.views.bad_request"
handler403 = "send_portal.views.permission_denied"
handler404 = "send_portal.views.page_not_found"
handler500 = "send_portal.views.server_error"
