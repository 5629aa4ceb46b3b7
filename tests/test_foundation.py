from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_names_the_partnership_from_the_database(client):
    from tests.factories import PartnershipFactory

    PartnershipFactory(name="Anyshire SEND Partnership", short_name="Anyshire SEND")
    response = client.get("/")
    assert response.status_code == 200
    assert "Anyshire SEND" in response.text
    for link in [
        "Find support",
        "Our plan",
        "Reports",
        "Accessibility statement",
        "Privacy notice",
        "Cookies",
        "Contact",
    ]:
        assert link in response.text


STAFF_LINKS = ["My actions", "Action plan", "Sign out"]


def test_the_public_navigation_has_no_staff_links(client):
    text = client.get("/").text
    for link in ["Find support", "Our plan", "Reports", "Give feedback", "Staff sign in"]:
        assert f">{link}<" in text
    for link in STAFF_LINKS:
        assert link not in text


def test_signed_in_staff_get_their_navigation_and_sign_out_by_post(officer_client):
    text = officer_client.get("/").text
    for link in ["Find support", "Our plan", "Reports", "Give feedback", *STAFF_LINKS]:
        assert link in text
    assert "Staff sign in" not in text
    assert f'<form method="post" action="{reverse("logout")}"' in text


@pytest.mark.parametrize("name", ["accessibility", "privacy", "cookies", "contact"])
def test_footer_pages_render(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'id="main-content"' in response.text


def test_accessibility_statement_follows_the_model_statement(client):
    text = client.get(reverse("accessibility")).text
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ]:
        assert heading in text
    assert "WCAG" in text and "2.2" in text


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"  # in any order: django-csp does not keep one
    assert "unsafe-inline" not in csp and "nonce-" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script_so_the_policy_needs_no_nonce(client):
    import re

    html = client.get("/").text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts, "the page loads GOV.UK Frontend"
    for attributes, body in scripts:
        assert 'src="/static/' in attributes and not body.strip()


def test_hsts_and_secure_cookies_when_debug_is_off(client, settings):
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/", secure=True)
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_404_uses_the_portal_layout(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "govuk-skip-link" in response.text


def assert_in_the_layout(response):
    assert "govuk-skip-link" in response.text
    assert 'id="main-content"' in response.text
    assert "Accessibility statement" in response.text  # the footer
    assert "Find support" in response.text  # the navigation


def test_403_uses_the_portal_layout(officer_client):
    response = officer_client.get(reverse("provision:manage-service-list"))
    assert response.status_code == 403
    assert "You do not have permission to do that" in response.text
    assert_in_the_layout(response)


def test_a_form_refused_for_its_csrf_token_gets_a_403_in_the_portal_layout(officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "officer", "password": "correct-horse-battery"})
    assert response.status_code == 403
    assert "Sorry, we could not accept that form" in response.text
    assert "Nothing you sent has been saved" in response.text
    assert_in_the_layout(response)


def test_500_uses_the_portal_layout(client):
    client.raise_request_exception = False
    with mock.patch("send_portal.views.render", side_effect=RuntimeError("a bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert_in_the_layout(response)


def test_sign_in_page_and_sign_in(client):
    user = get_user_model().objects.create_user("olive", password="a-long-password-1")
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "olive", "password": "a-long-password-1"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_shows_an_error_summary(client):
    get_user_model().objects.create_user("olive", password="a-long-password-1")
    response = client.post(reverse("login"), {"username": "olive", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username, password", [("officer", "officer-demo-pass"), ("manager", "manager-demo-pass")])
def test_a_demo_account_with_its_published_password_cannot_sign_in_with_debug_off(client, username, password):
    # As if a development database were served by a real deployment (the tests run with debug off).
    get_user_model().objects.create_user(username, password=password)
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 200
    assert "its password is published, so it cannot sign in here" in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_refuses_a_demo_account_with_its_published_password_too(client):
    get_user_model().objects.create_user("manager", password="manager-demo-pass", is_staff=True)
    response = client.post("/admin/login/", {"username": "manager", "password": "manager-demo-pass"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to sign in


def test_a_demo_account_given_a_new_password_signs_in(client):
    user = get_user_model().objects.create_user("officer", password="officer-demo-pass")
    user.set_password("a-long-password-1")
    user.save()
    response = client.post(reverse("login"), {"username": "officer", "password": "a-long-password-1"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_with_debug_on_the_demo_accounts_sign_in_as_the_readme_says(client, settings):
    settings.DEBUG = True
    get_user_model().objects.create_user("officer", password="officer-demo-pass")
    response = client.post(reverse("login"), {"username": "officer", "password": "officer-demo-pass"})
    assert response.status_code == 302


def test_sign_in_is_throttled_after_repeated_failures(client, settings):
    get_user_model().objects.create_user("olive", password="a-long-password-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "olive", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "olive", "password": "a-long-password-1"})
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(officer_client):
    assert officer_client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in officer_client.session
    response = officer_client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in officer_client.session


def test_the_three_role_groups_exist_after_migrate():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Officer", "Programme manager", "Board member"}


def test_admin_shows_history_for_plan_models(client, seeded):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-password-1")
    client.force_login(admin)
    from actions.models import Action

    action = Action.objects.first()
    response = client.get(reverse("admin:actions_action_history", args=[action.pk]))
    assert response.status_code == 200
    assert "history" in response.text.lower()


def test_seed_runs_twice_without_duplicating(db):
    from actions.models import Action, StatusDefinition
    from priorities.models import Partnership

    call_command("seed", verbosity=0)
    counts = (Partnership.objects.count(), Action.objects.count(), StatusDefinition.objects.count())
    call_command("seed", verbosity=0)
    assert (Partnership.objects.count(), Action.objects.count(), StatusDefinition.objects.count()) == counts
    assert counts[0] >= 1 and counts[1] > 0 and counts[2] == 6


def test_seed_does_not_overwrite_changes_made_since(db):
    from actions.models import Action, Status

    call_command("seed", verbosity=0)
    action = Action.objects.first()
    action.status = Status.ON_TRACK
    action.save()
    call_command("seed", verbosity=0)
    action.refresh_from_db()
    assert action.status == Status.ON_TRACK
