"""The six-monthly scrutiny report: preview, draft PDF, publish (frozen), amend, download.

PDFs are built by the background worker: these tests ask for one over HTTP, run the queued
jobs as the worker does (`run_jobs`), then read the result over HTTP. The queue itself (statuses,
failures, double clicks) is tested in test_report_builds.py."""

import datetime
import hashlib
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actions import services as action_services
from actions.models import Action, Status
from governance import services
from governance.models import PublishedReport, Report, ReportingPeriod
from governance.reporting import report_data
from governance.roles import BOARD_MEMBER
from tests.factories import ActionFactory, UserFactory

from .conftest import pdf_pages
from .jobs import run_jobs

pytestmark = pytest.mark.django_db


def built_draft_pdf(client, period) -> bytes:
    """Ask for the draft PDF, let the worker build it, then download it."""
    assert client.post(reverse("governance:report-draft-build", args=[period.pk])).status_code == 302
    run_jobs()
    response = client.get(reverse("governance:report-draft-pdf", args=[period.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def publish(client, period, reason: str = ""):
    """Ask to publish, then let the worker build and store it."""
    data = {"amendment_reason": reason} if reason else {}
    response = client.post(reverse("governance:report-publish", args=[period.pk]), data)
    run_jobs()
    return response


def test_the_pdf_holds_every_section_and_the_scenario(client, scenario):
    client.force_login(scenario["pm"])
    pages = pdf_pages(built_draft_pdf(client, scenario["period"]))
    text = "\n".join(pages)
    for field in [
        "Report to",
        "Date of Meeting",
        "Subject",
        "Report of",
        "Wards Affected",
        "Portfolio",
        "Key Decision",
        "Forward Plan",
        "Exempt / Confidential",
        "Summary",
        "Recommendation(s)",
        "Reasons for the Recommendation(s)",
        "Contact Officer",
        "Appendices",
        "Background Papers",
    ]:
        assert field in text, field
    for section in [
        "1. Cover sheet",
        "2. Progress at a glance",
        "3. Progress by priority, outcome and action",
        "4. Exceptions",
        "5. Completed since the last report",
        "6. Changes to the plan since the last report",
        "7. Performance indicators",
        "8. The next six months",
        "9. Appendix",
    ]:
        assert section in text, section
    for priority in scenario["priorities"]:
        assert priority.title in text
    for action in scenario["actions"].values():
        assert action.reference in text
    assert "National shortage of therapists" in text and "Agency cover agreed" in text and "Q3 2041/42" in text
    assert "Building works delayed" in text and "Re-baselined" in text and "Q2 2041/42" in text
    assert "Designated Clinical Officer" in text and "Lead changed" in text
    assert "Merged into the information helpline" in text and "Withdrawn" in text
    assert (
        "Publish the graduated approach" in text.split("5. Completed since the last report")[1].split("6. Changes")[0]
    )
    assert "Map the Local Offer" in text.split("4. Exceptions")[1].split("5. Completed")[0]  # overdue
    for number, page in enumerate(pages, start=1):
        assert "DRAFT" in page, f"page {number} is not marked DRAFT"
        assert f"Page {number} of {len(pages)}" in page
        assert scenario["report"].subject[:30] in page


def test_pdf_metadata_title_and_language(client, scenario):
    client.force_login(scenario["pm"])
    content = built_draft_pdf(client, scenario["period"])
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title.startswith(scenario["report"].subject[:30])
    assert reader.trailer["/Root"].get("/Lang") in ("en-GB", b"en-GB")
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers


def test_the_pdf_links_are_live_and_its_contents_lead_to_each_section(client, scenario, settings):
    settings.SITE_URL = "https://portal.example.org"
    services.report_update(
        report=scenario["report"],
        user=scenario["pm"],
        changes={"background_papers": "The strategy: https://www.sefton.gov.uk/send-strategy"},
    )
    client.force_login(scenario["pm"])
    content = built_draft_pdf(client, scenario["period"])
    uris, internal = set(), 0
    for page in PdfReader(io.BytesIO(content)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                uris.add(action["/URI"])
            elif "/Dest" in annotation.get_object() or action.get("/S") == "/GoTo":
                internal += 1
    assert "https://portal.example.org/plan/" in uris
    assert "https://www.sefton.gov.uk/send-strategy" in uris  # typed into the report's text
    assert internal >= 9  # the contents: one link per section, and more
    assert "Contents Cover sheet Progress at a glance" in pdf_pages(content)[0]


def test_movement_since_the_previous_report_is_counted_from_the_plan_at_that_date(client, scenario):
    # The plan as it stood at the previous report: every action not started, created before then.
    before = scenario["previous"].ends_on - datetime.timedelta(days=30)
    created_at = timezone.make_aware(datetime.datetime.combine(before, datetime.time(9)))
    ids = [a.pk for a in scenario["actions"].values()]
    Action.history.filter(id__in=ids, history_type="+").update(history_date=created_at)
    data = report_data(scenario["report"])
    assert data["period"]["movement_known"]
    glance = {row["label"]: (row["previous"], row["count"], row["movement"]) for row in data["at_a_glance"]}
    assert glance["Not started"] == (5, 2, -3)
    assert glance["At risk"] == (0, 1, 1)
    assert glance["Complete"] == (0, 1, 1)
    assert glance["Withdrawn"] == (0, 1, 1)
    client.force_login(scenario["pm"])
    text = "\n".join(pdf_pages(built_draft_pdf(client, scenario["period"])))
    assert "with movement since Previous period" in text
    assert "Status (RAG) Now Last report Movement" in text
    assert "Not started (Grey) 2 5 -3" in text and "At risk (Amber) 1 0 +1" in text


def test_publishing_freezes_the_report_whatever_happens_to_the_plan(client, scenario):
    client.force_login(scenario["pm"])
    period = scenario["period"]
    assert publish(client, period).status_code == 302
    published = PublishedReport.objects.get()
    assert published.sha256 == hashlib.sha256(bytes(published.pdf)).hexdigest()
    assert published.published_by == scenario["pm"]
    first = client.get(published.get_absolute_url()).content
    assert "DRAFT" not in pdf_pages(first)[0]
    a = scenario["actions"]["risky"]
    a.refresh_from_db()
    action_services.action_record_progress(
        action=a,
        user=scenario["pm"],
        expected_version=a.version,
        status=Status.OFF_TRACK,
        narrative="Worse now.",
        reason="More leavers",
        mitigation="Escalated",
    )
    scenario["report"].refresh_from_db()
    services.report_update(report=scenario["report"], user=scenario["pm"], changes={"summary": "Changed later."})
    client.logout()
    again = client.get(published.get_absolute_url())
    assert again.status_code == 200  # the public can download it
    assert again.content == first


def test_a_correction_is_a_new_version_that_amends_the_first(client, scenario):
    client.force_login(scenario["pm"])
    period = scenario["period"]
    publish(client, period)
    publish(client, period)  # no reason: refused
    assert PublishedReport.objects.count() == 1
    publish(client, period, "Corrected the lead for action 1.2")
    first, second = PublishedReport.objects.order_by("version")
    assert (second.version, second.amends) == (2, first)
    assert "amends version 1" in "\n".join(pdf_pages(bytes(second.pdf)))
    listing = client.get(reverse("governance:report-list")).text
    assert first.get_absolute_url() in listing and second.get_absolute_url() in listing
    assert listing.index(second.get_absolute_url()) < listing.index(first.get_absolute_url())


def test_who_may_read_a_draft(client, scenario):
    period = scenario["period"]
    url = reverse("governance:report-detail", args=[period.pk])
    assert client.get(url).status_code == 302  # the public is asked to sign in, and cannot read drafts
    board = UserFactory(username="member", role=BOARD_MEMBER)
    client.force_login(board)
    assert client.get(url).status_code == 403
    assert client.get(reverse("governance:report-draft-pdf", args=[period.pk])).status_code == 403
    assert client.post(reverse("governance:report-draft-build", args=[period.pk])).status_code == 403
    Report.objects.filter(pk=scenario["report"].pk).update(shared_with_board=True)
    assert client.get(url).status_code == 200
    assert client.post(reverse("governance:report-publish", args=[period.pk])).status_code == 403
    assert client.post(reverse("governance:report-edit", args=[period.pk]), {"subject": "x"}).status_code == 403
    run_jobs()
    assert not PublishedReport.objects.exists()
    # A board member may build and read the shared draft's PDF, but never publish it.
    assert "DRAFT" in pdf_pages(built_draft_pdf(client, period))[0]
    assert not PublishedReport.objects.exists()


def test_preview_page_for_programme_managers(client, scenario):
    client.force_login(scenario["pm"])
    response = client.get(reverse("governance:report-detail", args=[scenario["period"].pk]))
    assert response.status_code == 200
    assert "Draft: built from the plan as it stands now" in response.text
    assert "Papers are due by" not in response.text or "five clear working days" in response.text
    assert "<svg" in response.text and 'role="img"' in response.text


def test_a_period_that_does_not_exist_is_404(client, programme_manager):
    client.force_login(programme_manager)
    assert client.get(reverse("governance:report-detail", args=[99999])).status_code == 404
    assert client.get(reverse("governance:report-draft-pdf", args=[99999])).status_code == 404


def test_a_period_with_no_updates_still_renders_and_says_so(client, scenario):
    quiet = ReportingPeriod.objects.create(
        board=scenario["board"],
        title="Quiet period",
        starts_on=datetime.date(2000, 4, 1),
        ends_on=datetime.date(2000, 9, 30),
    )
    client.force_login(scenario["pm"])
    response = client.get(reverse("governance:report-detail", args=[quiet.pk]))
    assert response.status_code == 200
    assert "No progress updates were recorded in this period" in response.text
    assert not Report.objects.filter(period=quiet).exists()  # reading a preview writes nothing


def test_editing_report_text_keeps_history(client, scenario):
    client.force_login(scenario["pm"])
    url = reverse("governance:report-edit", args=[scenario["period"].pk])
    data = {
        "subject": "Progress report to scrutiny",
        "summary": "<b>Plain</b> summary",
        "wards_affected": "All Wards",
        "exempt": "No",
    }
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(pk=scenario["report"].pk)
    assert report.summary == "<b>Plain</b> summary"
    assert report.history.first().history_user == scenario["pm"]
    assert "&lt;b&gt;Plain&lt;/b&gt;" in client.get(report.get_absolute_url()).text
    assert client.post(url, {"subject": ""}).status_code == 400


def test_papers_due_warning_as_the_date_nears(client, scenario):
    period = scenario["period"]
    # Five clear working days back from a meeting 20 days away: due in 7 to 12 days, whatever the date.
    period.meeting_on = datetime.date.today() + datetime.timedelta(days=20)
    period.save()
    client.force_login(scenario["pm"])
    text = client.get(reverse("governance:report-list")).text
    assert f"are due by {period.papers_due_on:%-d %B %Y}" in text


def test_papers_overdue_warns_until_the_report_is_published(client, scenario):
    period = scenario["period"]
    period.meeting_on = datetime.date.today() + datetime.timedelta(days=3)  # papers were due days ago
    period.save()
    client.force_login(scenario["pm"])
    due = f"{period.papers_due_on:%-d %B %Y}"
    detail = reverse("governance:report-detail", args=[period.pk])
    for url in [reverse("governance:report-list"), detail]:
        assert f"were due by {due}, five clear working days before the meeting" in client.get(url).text, url
    publish(client, period)
    for url in [reverse("governance:report-list"), detail]:
        assert "were due by" not in client.get(url).text, url


def test_the_papers_due_warning_names_the_date_on_the_report_page(client, scenario):
    period = scenario["period"]
    client.force_login(scenario["pm"])
    detail = reverse("governance:report-detail", args=[period.pk])
    assert "Papers for" not in client.get(detail).text  # the meeting is two months away
    period.meeting_on = datetime.date.today() + datetime.timedelta(days=20)
    period.save()
    text = client.get(detail).text
    assert f"are due by {period.papers_due_on:%-d %B %Y}: five clear working days before the meeting" in text
    period.meeting_on = datetime.date.today() - datetime.timedelta(days=1)  # the meeting has been
    period.save()
    assert "Papers for" not in client.get(detail).text


def test_reports_are_listed_by_meeting_newest_first_whether_or_not_the_meeting_is_set(client, scenario):
    """The same order on SQLite and PostgreSQL, which sort empty dates differently."""
    board, pm = scenario["board"], scenario["pm"]
    periods = [
        ReportingPeriod.objects.create(
            board=board, title=title, starts_on=datetime.date(2001, m, 1), ends_on=datetime.date(2001, m + 2, 28)
        )
        for title, m in [("Jan to Mar 2001", 1), ("Apr to Jun 2001", 4), ("Jul to Sep 2001", 7)]
    ]
    periods[1].meeting_on = datetime.date(2001, 7, 20)
    periods[1].save()
    for period in periods:
        services.report_publish(report=services.report_for_period(period=period, save=True), user=pm)
    listing = client.get(reverse("governance:report-list")).text
    positions = [listing.index(PublishedReport.objects.get(report__period=p).get_absolute_url()) for p in periods]
    assert positions[2] < positions[1] < positions[0]


def test_report_data_queries_do_not_grow_with_the_plan(scenario):
    def measure():
        with CaptureQueriesContext(connection) as captured:
            report_data(scenario["report"])
        return len(captured)

    small = measure()
    outcome = scenario["actions"]["risky"].outcome
    for n in range(10, 40):
        ActionFactory(outcome=outcome, number=n)
    assert measure() == small


def test_build_report_command_writes_a_pdf(scenario, tmp_path):
    target = tmp_path / "report.pdf"
    call_command("build_report", str(scenario["period"].pk), "--output", str(target), verbosity=0)
    assert "Cover sheet" in pdf_pages(target.read_bytes())[0]


def test_the_seeded_sefton_report_renders(seeded, programme_manager):
    period = ReportingPeriod.objects.order_by("starts_on").first()
    published = services.report_publish(
        report=services.report_for_period(period=period, save=True), user=programme_manager
    )
    text = "\n".join(pdf_pages(bytes(published.pdf)))
    assert "Overview and Scrutiny Committee" in text
    assert "EHC plans issued within the 20-week timescale" in text
    # The key information's figures, with their dates and qualifiers as the strategy states them.
    assert "under 38% (April 2022)" in text and "65% (January 2023)" in text and "Improving (up)" in text
    assert "just over 40% (January 2023)" in text
    assert "18% (January 2023)" in text and "44.4% (2022/23 academic year)" in text
    assert "16.5% (January 2022)" in text and "16.9%" in text  # with the North West comparator
    assert "9.4% (No date stated" in text and "12.8% (No date stated" in text
    assert published.page_count > 5


def test_the_somerset_report_renders(programme_manager):
    call_command("loaddata", "fixtures/status_key.json", "fixtures/somerset.json", verbosity=0)
    from governance.models import Board

    board = Board.objects.first()
    period = ReportingPeriod.objects.create(
        board=board, title="2018/19 first half", starts_on=datetime.date(2018, 4, 1), ends_on=datetime.date(2018, 9, 30)
    )
    published = services.report_publish(
        report=services.report_for_period(period=period, save=True), user=programme_manager
    )
    text = "\n".join(pdf_pages(bytes(published.pdf)))
    assert "Somerset" in text and "Sefton" not in text
    assert "No progress updates were recorded in this period" in text
