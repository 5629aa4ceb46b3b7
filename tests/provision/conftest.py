"""Directory fixtures. Each user fixture's docstring says who is signed in."""

import pytest
from django.core.cache import cache
from django.db import connection

from provision.roles import DIRECTORY_EDITOR
from tests.factories import UserFactory

from .factories import CategoryFactory, NeedFactory, OrganizationFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text and trigram search; SQLite has a simpler match"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback search")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The feedback rate limit counts in the cache, which lives for the whole test process.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def autism(db):
    return NeedFactory(name="Autism")


@pytest.fixture
def adhd(db):
    return NeedFactory(name="ADHD")


@pytest.fixture
def health(db):
    return CategoryFactory(name="Local health services")


@pytest.fixture
def short_breaks(db):
    return CategoryFactory(name="Aiming High short breaks")


@pytest.fixture
def provider(db):
    return OrganizationFactory(name="Sefton Council")


@pytest.fixture
def editor(db):
    """A directory editor account (may change services and moderate feedback)."""
    return UserFactory(username="editor", role=DIRECTORY_EDITOR)


@pytest.fixture
def editor_client(client, editor):
    """A test client signed in as `editor`."""
    client.force_login(editor)
    return client
