"""Public pages served whole from the shared cache: fresh after every change, never for staff."""

import pytest

from actions.services import action_record_progress

from .provision.factories import ServiceFactory


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_off_without_a_shared_cache(client, db):
    ServiceFactory(name="Splash sessions")
    first, second = client.get("/find-support/"), client.get("/find-support/")
    assert "X-Page-Cache" not in first.headers and "X-Page-Cache" not in second.headers


def test_a_repeat_search_is_answered_from_the_cache_without_the_database(
    client, db, page_cache, django_assert_num_queries
):
    ServiceFactory(name="Splash sessions", description="Swimming for all.")
    first = client.get("/find-support/", {"q": "swimming"})
    assert first.headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/find-support/", {"q": "swimming"})
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The security headers come from middleware, on the cached page as on any other.
    assert "script-src 'self'" in second.headers["Content-Security-Policy"]
    assert second.headers["X-Frame-Options"] == "DENY"


def test_a_change_to_the_directory_shows_at_once(client, db, page_cache):
    service = ServiceFactory(name="Splash sessions", description="Swimming for all.")
    assert "Splash sessions" in client.get("/find-support/").text
    client.get(service.get_absolute_url())

    service.name = "Splash and swim"
    service.save()

    listing = client.get("/find-support/")
    assert listing.headers["X-Page-Cache"] == "miss"
    assert "Splash and swim" in listing.text
    assert "Splash and swim" in client.get(service.get_absolute_url()).text


def test_different_searches_are_different_pages(client, db, page_cache):
    ServiceFactory(name="Splash sessions", description="Swimming for all.")
    ServiceFactory(name="Chatter club", description="Talking together.")
    assert "Splash sessions" in client.get("/find-support/", {"q": "swimming"}).text
    talking = client.get("/find-support/", {"q": "talking"})
    assert talking.headers["X-Page-Cache"] == "miss"
    assert "Chatter club" in talking.text and "Splash sessions" not in talking.text


def test_a_search_reuses_the_result_cards_of_earlier_searches_until_the_directory_changes(client, db, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    service = ServiceFactory(name="Splash sessions", description="Swimming for all.")
    assert "Splash sessions" in client.get("/find-support/", {"age": 7}).text
    with CaptureQueriesContext(connection) as queries:
        other = client.get("/find-support/", {"age": 8})  # another search, so another page
    assert other.headers["X-Page-Cache"] == "miss"
    assert "Splash sessions" in other.text and "Swimming for all." in other.text
    # Its card came from the cache: no query read the service's text or its terms.
    read = [q["sql"] for q in queries if '"provision_service"."description"' in q["sql"] or "taxonomyterm" in q["sql"]]
    assert not read

    service.name = "Splash and swim"
    service.save()
    again = client.get("/find-support/", {"age": 8})
    assert "Splash and swim" in again.text and "Splash sessions" not in again.text


def test_signed_in_staff_always_get_a_fresh_page_and_never_fill_the_cache(officer_client, client, db, page_cache):
    ServiceFactory(name="Splash sessions")
    staff_page = officer_client.get("/find-support/")
    assert "X-Page-Cache" not in staff_page.headers
    assert "X-Page-Cache" not in officer_client.get("/find-support/").headers

    officer_client.logout()
    client.cookies.clear()
    public = client.get("/find-support/")
    assert public.headers["X-Page-Cache"] == "miss"
    assert "Sign out" not in public.text


def test_the_plan_page_shows_a_progress_update_at_once(client, seeded, page_cache, programme_manager):
    from actions.models import Action, Status

    assert client.get("/plan/").headers["X-Page-Cache"] == "miss"
    assert client.get("/plan/").headers["X-Page-Cache"] == "hit"
    action = Action.objects.filter(status=Status.NOT_STARTED).first()
    action_record_progress(
        action=action,
        user=programme_manager,
        expected_version=action.version,
        status=Status.ON_TRACK,
        narrative="Done.",
    )
    assert client.get("/plan/").headers["X-Page-Cache"] == "miss"


def test_a_progress_update_that_keeps_the_status_leaves_the_plan_pages_cached(
    client, seeded, page_cache, programme_manager
):
    from actions.models import Action, ProgressUpdate, Status

    action = Action.objects.filter(status=Status.NOT_STARTED).first()
    record = {"action": action, "user": programme_manager, "status": Status.ON_TRACK, "narrative": "Started."}
    action_record_progress(expected_version=action.version, **record)
    before = client.get("/plan/")
    assert before.headers["X-Page-Cache"] == "miss"
    # Same status again: a new narrative (staff pages only) and a new version, nothing the page shows.
    action_record_progress(expected_version=action.version, **(record | {"narrative": "Met again."}))
    assert ProgressUpdate.objects.filter(action=action).count() == 2
    again = client.get("/plan/")
    assert again.headers["X-Page-Cache"] == "hit"
    assert again.content == before.content
    # A different status is shown, so the page is renewed and says so.
    action_record_progress(expected_version=action.version, **(record | {"status": Status.COMPLETE}))
    after = client.get("/plan/")
    assert after.headers["X-Page-Cache"] == "miss"
    assert after.content != before.content


def test_the_open_referral_feed_keeps_its_cors_header_from_the_cache(client, db, page_cache):
    ServiceFactory(name="Splash sessions")
    first = client.get("/api/oruk/services")
    second = client.get("/api/oruk/services")
    assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")
    assert second.headers["Access-Control-Allow-Origin"] == "*"
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.json() == first.json()


def test_errors_are_not_cached(client, db, page_cache):
    first = client.get("/find-support/services/00000000-0000-0000-0000-000000000000/")
    assert first.status_code == 404
    assert "X-Page-Cache" not in client.get("/find-support/services/00000000-0000-0000-0000-000000000000/").headers


def test_a_visitor_with_a_pending_message_is_not_served_from_the_cache(client, db, page_cache):
    ServiceFactory(name="Splash sessions")
    client.get("/find-support/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/find-support/").headers


def test_building_a_draft_pdf_leaves_the_plan_pages_cached(client, seeded, page_cache, programme_manager):
    from governance import services
    from governance.models import DraftPDF, ReportingPeriod

    report = services.report_for_period(period=ReportingPeriod.objects.first(), save=True)
    assert client.get("/plan/").headers["X-Page-Cache"] == "miss"
    services.draft_pdf_request(report=report, user=programme_manager)
    assert DraftPDF.objects.filter(report=report).exists()
    assert client.get("/plan/").headers["X-Page-Cache"] == "hit"


def test_a_page_rendered_before_the_change_is_committed_is_not_served_after_it(
    client, db, page_cache, django_capture_on_commit_callbacks
):
    service = ServiceFactory(name="Splash sessions")
    with django_capture_on_commit_callbacks(execute=True):
        service.name = "Splash and swim"
        service.save()
        # Another request, between the save and the commit, renders and caches the listing.
        assert client.get("/find-support/").headers["X-Page-Cache"] == "miss"
        assert client.get("/find-support/").headers["X-Page-Cache"] == "hit"
    # Committed: that page is not served again.
    assert client.get("/find-support/").headers["X-Page-Cache"] == "miss"


def test_the_snapshot_counts_once_per_directory_change(officer_client, db, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    service = ServiceFactory(name="Splash sessions", description="Swimming for all.")
    with CaptureQueriesContext(connection) as first:
        officer_client.get("/snapshot/")
    with CaptureQueriesContext(connection) as second:
        again = officer_client.get("/snapshot/")
    # Signed in, so the page itself is not cached; only its grouped counts are.
    assert "X-Page-Cache" not in again.headers
    grouped = [q for q in first.captured_queries if "GROUP BY" in q["sql"]]
    assert grouped and not [q for q in second.captured_queries if "GROUP BY" in q["sql"]]
    assert "1 of 1 services" in again.text  # not reviewed in 12 months

    service.status = "defunct"
    service.save()
    assert "0 of 0 services" in officer_client.get("/snapshot/").text
    ServiceFactory(name="Chatter club", description="Talking together.")
    with CaptureQueriesContext(connection) as third:
        after = officer_client.get("/snapshot/")
    assert [q for q in third.captured_queries if "GROUP BY" in q["sql"]]
    assert "1 of 1 services" in after.text  # Chatter club counted, Splash sessions no longer


def test_a_search_reads_the_directory_generation_once(client, db, page_cache, monkeypatch):
    """The page key, the filter choices and the cards all need it: one cache round trip, not four."""
    from django.core.cache import caches

    cache = caches["default"]
    ServiceFactory(name="Splash sessions", description="Swimming for all.")
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    page = client.get("/find-support/", {"age": 7})
    assert page.headers["X-Page-Cache"] == "miss" and "Splash sessions" in page.text
    assert reads.count("page-generation:directory") == 1
    # The next request reads it afresh, so a change made in between is seen.
    ServiceFactory(name="Chatter club", description="Talking together.")
    assert "Chatter club" in client.get("/find-support/", {"age": 7}).text
    assert reads.count("page-generation:directory") == 2


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    """Django's own backend builds a client per call; ours reuses it. No server needed to build one."""
    from send_portal.cache_backend import PooledClientRedisCache

    backend = PooledClientRedisCache("redis://127.0.0.1:6379/15", {})
    first = backend._cache.get_client("a")
    assert backend._cache.get_client("b", write=True) is first
    assert first.connection_pool is backend._cache._get_connection_pool(write=False)
    other = PooledClientRedisCache("redis://127.0.0.1:6379/15", {})
    assert other._cache.get_client("a") is not first
