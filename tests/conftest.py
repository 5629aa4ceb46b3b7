"""Shared fixtures. Each user fixture's docstring says who is signed in."""

import pytest
from django.core.management import call_command

from governance.roles import BOARD_MEMBER, OFFICER, PROGRAMME_MANAGER

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_and_plain(settings):
    # Test-only speed-ups: a fast hasher, and unhashed static names (no collectstatic manifest).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Page caching off unless a test turns it on (tests/test_page_cache.py); the memory cache
    # outlives each test's database rollback, so start every test with it empty.
    settings.PAGE_CACHE_SECONDS = 0
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded(db):
    """The Sefton seed fixtures loaded (status key, strategy, governance)."""
    call_command("seed", verbosity=0)


@pytest.fixture
def officer(db):
    """An officer account with no lead roles yet."""
    return UserFactory(username="officer", role=OFFICER)


@pytest.fixture
def programme_manager(db):
    """A programme manager account."""
    return UserFactory(username="manager", role=PROGRAMME_MANAGER)


@pytest.fixture
def board_member(db):
    """A board member account."""
    return UserFactory(username="board", role=BOARD_MEMBER)


@pytest.fixture
def officer_client(client, officer):
    """A test client signed in as `officer`."""
    client.force_login(officer)
    return client


@pytest.fixture
def manager_client(client, programme_manager):
    """A test client signed in as `programme_manager`."""
    client.force_login(programme_manager)
    return client


# --- The full run must include the browser tests: they never pass by being skipped. ------

_browser_passed = 0
_browser_collected = 0


def pytest_collection_finish(session):
    global _browser_collected
    _browser_collected = sum("tests/browser/" in item.nodeid for item in session.items)


def pytest_runtest_logreport(report):
    global _browser_passed
    if report.when == "call" and report.passed and "tests/browser/" in report.nodeid:
        _browser_passed += 1


def pytest_sessionfinish(session, exitstatus):
    import os

    # A run that selected browser tests fails if none of them passed (all skipped, say, for want
    # of Chromium). A run of other folders only (make test PYTEST_ARGS=tests/ops) selects none.
    required = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
    if required and exitstatus == 0 and _browser_collected and _browser_passed == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    terminalreporter.write_line(f"browser tests passed: {_browser_passed}")
