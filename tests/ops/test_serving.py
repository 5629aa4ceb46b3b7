"""Serving: request ids and structured logs, the 503 page, gunicorn's settings. In process and fast;
the real database outage is in test_database_outage.py."""

import json
import logging
import os
import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from send_portal.logging import JsonFormatter, RequestIdFilter, request_id
from send_portal.views import server_error

ROOT = Path(__file__).resolve().parents[2]
DATABASE_DOWN = mock.patch(
    "django.db.backends.utils.CursorWrapper.execute",
    side_effect=OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
)


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "send_portal.requests"]


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_one_log_line_with_its_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="send_portal.requests"):
        response = client.get("/healthz")
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    [line] = request_lines(caplog)
    assert (line.method, line.path, line.status, line.user_id) == ("GET", "/healthz", 200, None)
    assert line.duration_ms >= 0
    assert line.request_id == rid


@pytest.mark.django_db
def test_the_log_line_names_the_signed_in_user(officer_client, officer, caplog):
    with caplog.at_level(logging.INFO, logger="send_portal.requests"):
        officer_client.get("/")
    assert request_lines(caplog)[-1].user_id == officer.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sent", "kept"),
    [("lb-7f3a9c1e-0001", True), ("Root=1-67891233-abcdef012345678912345678", False), ("x" * 200, False)],
)
def test_a_sane_incoming_request_id_is_kept_and_anything_else_replaced(client, sent, kept):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)
    assert (response["X-Request-ID"] == sent) is kept
    if not kept:
        assert len(response["X-Request-ID"]) == 32


def test_json_lines_carry_the_request_id_extra_fields_and_the_traceback():
    record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "Saved %s", ("it",), None)
    record.duration_ms = 12.5
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    token = request_id.set("req-1")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Saved it"
    assert (entry["level"], entry["logger"], entry["request_id"]) == ("ERROR", "portal", "req-1")
    assert entry["duration_ms"] == 12.5
    assert "ValueError: boom" in entry["exc_info"]


def assert_503_in_the_layout(response):
    assert response.status_code == 503
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    for landmark in ('class="govuk-skip-link"', "govuk-header", 'id="main-content"', "govuk-footer"):
        assert landmark in html
    assert 'href="/plan/"' in html  # the public navigation
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/plan/", "/find-support/", "/governance/reports/"])
def test_pages_answer_503_in_the_layout_when_the_database_is_down(client, path):
    with DATABASE_DOWN:
        response = client.get(path)
    assert_503_in_the_layout(response)


@pytest.mark.django_db
def test_a_signed_in_officer_gets_the_503_page_too(officer_client):
    # The session and the user are read from the database: the page must not need them.
    with DATABASE_DOWN:
        response = officer_client.get("/actions/mine/")
    assert_503_in_the_layout(response)
    assert "Sign out" not in response.content.decode()


def test_failures_outside_views_reach_handler500_which_answers_503_for_the_database():
    # No django_db mark: pytest-django fails any database access, so these pages need none.
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        down = server_error(request)
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        bug = server_error(request)
    assert_503_in_the_layout(down)
    assert bug.status_code == 500
    assert "Sorry, there is a problem with the service" in bug.content.decode()


@pytest.mark.django_db
def test_a_bad_host_header_gets_the_400_page_in_the_layout_not_a_500(client):
    # DisallowedHost is raised before the authentication middleware has set request.user.
    response = client.get("/", HTTP_HOST="portal.attacker.example")
    assert response.status_code == 400
    assert "govuk-header" in response.content.decode()


def gunicorn_settings(**env):
    with mock.patch.dict(os.environ, env):
        return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_takes_workers_and_address_from_the_environment():
    config = gunicorn_settings(WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:9000")
    assert (config["workers"], config["bind"]) == (3, ["0.0.0.0:9000"])
    assert config["accesslog"] == "-" and config["control_socket_disable"] is True
    with mock.patch.dict(os.environ):
        os.environ.pop("WEB_CONCURRENCY", None)
        default = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert default["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY"):
        gunicorn_settings(WEB_CONCURRENCY="lots")


def test_a_bad_log_format_stops_start_up_naming_the_variable():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))},
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "LOG_FORMAT": "xml",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "LOG_FORMAT" in result.stderr
