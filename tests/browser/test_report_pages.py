"""Reports in the browser: a programme manager previews and publishes; the public downloads."""

import pytest
from playwright.sync_api import expect

from governance.models import PublishedReport, ReportingPeriod

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
    page.get_by_text("Publish this report").click()
    page.get_by_role("button", name="Publish report").click()
    expect(page.get_by_text("Version 1 published")).to_be_visible()
    assert PublishedReport.objects.count() == 1
    assert_no_sideways_scroll(page)

    page.set_viewport_size({"width": 1024, "height": 800})
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/governance/reports/")
    assert_accessible(page)
    link = page.get_by_role("link", name=period.report.subject)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
