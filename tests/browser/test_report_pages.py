"""Reports in the browser: a programme manager previews, builds a draft PDF and publishes (both
built by the background worker, run here with `run_jobs`); the public downloads."""

import pytest
from playwright.sync_api import expect

from governance.models import PublishedReport, ReportingPeriod
from tests.governance.jobs import run_jobs

pytestmark = pytest.mark.django_db(transaction=True)


def test_programme_manager_previews_and_publishes_then_the_public_downloads(
    page, live_server, seeded, programme_manager, sign_in, assert_accessible, assert_no_sideways_scroll
):
    period = ReportingPeriod.objects.order_by("starts_on").first()
    sign_in(page, "manager")
    page.goto(f"{live_server.url}/governance/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=period.title).click()
    expect(page.get_by_role("heading", level=2, name="2. Progress at a glance")).to_be_visible()
    assert_accessible(page)

    # The draft PDF: queued, then built by the worker, then offered.
    page.get_by_role("button", name="Build draft PDF").click()
    expect(page.get_by_text("The draft PDF is being built.")).to_be_visible()
    expect(page.get_by_text("The draft PDF is waiting to be built.")).to_be_visible()
    assert_accessible(page)
    run_jobs()
    page.locator("#draft-pdf ~ form").get_by_role("button", name="Check again").click()
    draft_link = page.get_by_role("link", name="Download draft PDF")
    expect(draft_link).to_be_visible()
    with page.expect_download() as draft:
        draft_link.click(modifiers=["Alt"])  # Alt-click saves the file rather than opening it
    assert draft.value.suggested_filename.endswith(".pdf")

    # Publishing: queued, the form gone (no second click), then published by the worker.
    page.get_by_text("Publish this report").click()
    page.get_by_role("button", name="Publish report").click()
    expect(page.get_by_text("Version 1 is queued to be published")).to_be_visible()
    expect(page.get_by_text("Version 1 is waiting to be built and published.")).to_be_visible()
    expect(page.get_by_role("button", name="Publish report")).to_have_count(0)
    assert_accessible(page)
    assert not PublishedReport.objects.exists()
    run_jobs()
    page.locator("#publishing ~ form").get_by_role("button", name="Check again").click()
    expect(page.get_by_text("Version 1 was published")).to_be_visible()
    expect(page.get_by_role("link", name="Download version 1 (PDF")).to_be_visible()
    assert PublishedReport.objects.count() == 1
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    page.set_viewport_size({"width": 1024, "height": 800})
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/governance/reports/")
    assert_accessible(page)
    link = page.get_by_role("link", name=period.report.subject)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_a_failed_publication_says_why_and_can_be_tried_again(
    page, live_server, seeded, programme_manager, sign_in, assert_accessible, monkeypatch
):
    def boom(*args, **kwargs):
        raise RuntimeError("Pango could not load a font")

    period = ReportingPeriod.objects.order_by("starts_on").first()
    sign_in(page, "manager")
    page.goto(f"{live_server.url}/governance/reports/{period.pk}/")
    page.get_by_text("Publish this report").click()
    page.get_by_role("button", name="Publish report").click()
    monkeypatch.setattr("weasyprint.HTML.render", boom)
    run_jobs()
    page.locator("#publishing ~ form").get_by_role("button", name="Check again").click()
    expect(page.get_by_text("Version 1 was not published.")).to_be_visible()
    expect(page.get_by_text("Nothing was published")).to_be_visible()
    assert_accessible(page)
    assert not PublishedReport.objects.exists()

    monkeypatch.undo()
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Version 1 is queued to be published")).to_be_visible()
    run_jobs()
    page.locator("#publishing ~ form").get_by_role("button", name="Check again").click()
    expect(page.get_by_text("Version 1 was published")).to_be_visible()
    assert PublishedReport.objects.count() == 1
