"""Report PDFs are built by the background worker, not in the request: publishing and draft PDFs
are queued, built by `db_worker` (run here with `run_jobs`), and the report page says where they
stand. A failed build leaves nothing half-written and says why; it can be tried again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from governance import services
from governance.models import BuildStatus, DraftPDF, PublicationRequest, PublishedReport
from governance.roles import PROGRAMME_MANAGER

from .conftest import pdf_pages
from .jobs import run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm_client(client, scenario):
    """A test client signed in as the scenario's programme manager."""
    client.force_login(scenario["pm"])
    return client


@pytest.fixture
def urls(scenario):
    period = scenario["period"].pk
    return {
        "page": reverse("governance:report-detail", args=[period]),
        "publish": reverse("governance:report-publish", args=[period]),
        "build": reverse("governance:report-draft-build", args=[period]),
        "draft": reverse("governance:report-draft-pdf", args=[period]),
    }


@pytest.fixture
def weasyprint_fails(monkeypatch):
    """WeasyPrint raises while laying out the PDF."""

    def boom(*args, **kwargs):
        raise RuntimeError("Pango could not load a font")

    monkeypatch.setattr("weasyprint.HTML.render", boom)


# --- Publishing ---------------------------------------------------------------------------


def test_publish_queues_a_job_and_the_page_says_so_until_the_worker_has_built_it(pm_client, scenario, urls):
    response = pm_client.post(urls["publish"], follow=True)
    assert response.redirect_chain[-1][0] == urls["page"] + "#publishing"
    assert "Version 1 is queued to be published" in response.text
    assert not PublishedReport.objects.exists()  # nothing built in the request
    request = PublicationRequest.objects.get()
    assert (request.status, request.version, request.requested_by) == ("queued", 1, scenario["pm"])
    assert DBTaskResult.objects.filter(status="READY", task_path="governance.tasks.publish_report").count() == 1
    created = request.history.earliest()
    assert (created.history_user, created.history_change_reason) == (
        scenario["pm"],
        "Publication of version 1 requested",
    )

    page = pm_client.get(urls["page"]).text
    assert "Queued" in page and "Version 1 is waiting to be built and published" in page
    assert "Check again" in page
    assert 'http-equiv="refresh"' not in page
    assert "Publish report</button>" not in page  # no second publish while this one is under way

    run_jobs()
    page = pm_client.get(urls["page"]).text
    published = PublishedReport.objects.get()
    assert "Published" in page and "Version 1 was published" in page
    assert published.get_absolute_url() in page
    request.refresh_from_db()
    assert (request.status, request.published, request.finished_at is not None) == ("done", published, True)
    assert published.published_by == scenario["pm"]
    assert [h.history_change_reason for h in request.history.order_by("history_date", "history_id")] == [
        "Publication of version 1 requested",
        "Build started",
        "Version 1 published",
    ]
    assert "DRAFT" not in pdf_pages(pm_client.get(published.get_absolute_url()).content)[0]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_clicking_publish_twice_while_it_is_queued_publishes_once(pm_client, urls):
    pm_client.post(urls["publish"])
    second = pm_client.post(urls["publish"], follow=True)
    assert "Version 1 of this report is already being published" in second.text
    assert PublicationRequest.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    run_jobs()
    assert list(PublishedReport.objects.values_list("version", flat=True)) == [1]


def test_the_database_allows_one_active_publication_per_report(scenario):
    request = services.publication_request(report=scenario["report"], user=scenario["pm"])
    duplicate = PublicationRequest(
        report=scenario["report"], version=1, requested_by=scenario["pm"], requested_at=request.requested_at
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_a_failed_build_publishes_nothing_says_why_and_can_be_tried_again(
    pm_client, scenario, urls, weasyprint_fails, monkeypatch
):
    pm_client.post(urls["publish"])
    run_jobs()
    assert not PublishedReport.objects.exists()
    request = PublicationRequest.objects.get()
    assert request.status == "failed" and "RuntimeError: Pango could not load a font" in request.error_detail
    page = pm_client.get(urls["page"]).text
    assert "Failed" in page and "Version 1 was not published" in page
    assert "could not be built because of an error in the portal" in page and "Nothing was published" in page
    assert "Try again" in page
    assert DBTaskResult.objects.get().status == "FAILED"  # and the worker's record keeps the traceback

    monkeypatch.undo()  # WeasyPrint works again
    pm_client.post(urls["publish"])  # the "Try again" button posts the same form
    run_jobs()
    assert PublishedReport.objects.get().version == 1
    assert list(PublicationRequest.objects.order_by("pk").values_list("status", flat=True)) == ["failed", "done"]
    assert "Version 1 was published" in pm_client.get(urls["page"]).text


def test_a_correction_that_fails_leaves_the_published_version_alone(pm_client, urls, monkeypatch):
    pm_client.post(urls["publish"])
    run_jobs()
    first = PublishedReport.objects.get()

    def boom(*args, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr("weasyprint.HTML.render", boom)
    pm_client.post(urls["publish"], {"amendment_reason": "Corrected a figure"})
    run_jobs()
    assert list(PublishedReport.objects.all()) == [first]
    page = pm_client.get(urls["page"]).text
    assert "Version 2 was not published" in page
    # "Try again" keeps what the correction was for.
    assert 'name="amendment_reason" value="Corrected a figure"' in page


def test_a_manager_who_loses_the_role_before_the_build_publishes_nothing(pm_client, scenario, urls):
    pm_client.post(urls["publish"])
    scenario["pm"].groups.remove(scenario["pm"].groups.get(name=PROGRAMME_MANAGER))
    run_jobs()
    assert not PublishedReport.objects.exists()
    request = PublicationRequest.objects.get()
    assert (request.status, request.error) == ("failed", "Only programme managers can publish reports.")


def test_a_correction_needs_a_reason_before_it_is_queued(pm_client, urls):
    pm_client.post(urls["publish"])
    run_jobs()
    response = pm_client.post(urls["publish"], follow=True)
    assert "Say what this version corrects" in response.text
    assert PublicationRequest.objects.count() == 1


def test_a_build_whose_worker_died_can_be_tried_again(pm_client, urls):
    pm_client.post(urls["publish"])
    stuck = PublicationRequest.objects.get()
    DBTaskResult.objects.update(status="RUNNING")  # a worker claimed it, then was killed mid-build
    stuck.status, stuck.started_at = BuildStatus.BUILDING, timezone.now() - datetime.timedelta(hours=1)
    stuck.save()
    page = pm_client.get(urls["page"]).text
    assert "the background worker stopped before it was done" in page and "Try again" in page
    pm_client.post(urls["publish"])
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    run_jobs()
    assert PublishedReport.objects.get().version == 1


def test_a_job_still_queued_after_a_while_suggests_the_worker_is_not_running(pm_client, urls):
    pm_client.post(urls["publish"])
    PublicationRequest.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=10))
    assert "the portal's background worker may not be running" in pm_client.get(urls["page"]).text


# --- Draft PDFs ---------------------------------------------------------------------------


def test_a_draft_pdf_is_built_in_the_background_and_offered_when_ready(pm_client, scenario, urls):
    assert pm_client.get(urls["draft"]).status_code == 302  # none yet: back to the page to build one
    page = pm_client.get(urls["page"]).text
    assert "Build draft PDF" in page

    response = pm_client.post(urls["build"], follow=True)
    assert response.redirect_chain[-1][0] == urls["page"] + "#draft-pdf"
    assert "The draft PDF is being built" in response.text
    assert "Queued" in response.text and "Check again" in response.text
    draft = DraftPDF.objects.get()
    assert (draft.status, draft.requested_by, bytes(draft.pdf)) == ("queued", scenario["pm"], b"")
    assert pm_client.get(urls["draft"]).status_code == 302

    run_jobs()
    page = pm_client.get(urls["page"]).text
    download = reverse("governance:report-draft-download", args=[scenario["period"].pk, draft.pk])
    assert "Ready" in page and download in page
    response = pm_client.get(download)
    assert response["Content-Type"] == "application/pdf" and "private" in response["Cache-Control"]
    pages = pdf_pages(response.content)
    assert all("DRAFT" in text for text in pages) and "Cover sheet" in pages[0]
    assert pm_client.get(urls["draft"]).content == response.content


def test_a_draft_pdf_is_reused_until_the_report_changes(pm_client, scenario, urls):
    pm_client.post(urls["build"])
    again = pm_client.post(urls["build"], follow=True)  # a second click while it is queued
    assert "already being built" in again.text
    run_jobs()
    third = pm_client.post(urls["build"], follow=True)
    assert "The draft PDF is up to date" in third.text
    assert DraftPDF.objects.count() == 1 and DBTaskResult.objects.count() == 1

    services.report_update(report=scenario["report"], user=scenario["pm"], changes={"summary": "A new summary."})
    page = pm_client.get(urls["page"]).text
    assert "An earlier draft PDF" in page and "out of date" in page and "Build draft PDF" in page
    pm_client.post(urls["build"])
    run_jobs()
    newest = DraftPDF.objects.first()
    assert DraftPDF.objects.count() == 2 and newest.status == "done"
    assert "A new summary." in "\n".join(pdf_pages(pm_client.get(urls["draft"]).content))


def test_a_failed_draft_says_so_and_can_be_tried_again(pm_client, urls, weasyprint_fails, monkeypatch):
    pm_client.post(urls["build"])
    run_jobs()
    page = pm_client.get(urls["page"]).text
    assert "The draft PDF could not be built" in page and "Try again" in page
    assert pm_client.get(urls["draft"]).status_code == 302
    monkeypatch.undo()
    pm_client.post(urls["build"])
    run_jobs()
    assert list(DraftPDF.objects.order_by("pk").values_list("status", flat=True)) == ["failed", "done"]
    assert pm_client.get(urls["draft"]).status_code == 200


def test_superseded_and_old_drafts_are_pruned(pm_client, scenario, urls):
    pm_client.post(urls["build"])
    run_jobs()
    old = DraftPDF.objects.get()
    DraftPDF.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=2))
    services.report_update(report=scenario["report"], user=scenario["pm"], changes={"summary": "Changed."})
    pm_client.post(urls["build"])
    run_jobs()
    assert not DraftPDF.objects.filter(pk=old.pk).exists()  # superseded over an hour ago: gone

    DraftPDF.objects.update(finished_at=timezone.now() - datetime.timedelta(days=8))
    call_command("prune_report_drafts", "--days", "7", verbosity=0)
    assert not DraftPDF.objects.exists()
    assert pm_client.get(urls["draft"]).status_code == 302  # it can simply be built again


def test_a_draft_of_a_report_no_one_has_started_can_be_built(client, programme_manager, scenario):
    from governance.models import Report, ReportingPeriod

    quiet = ReportingPeriod.objects.create(
        board=scenario["board"], title="Quiet", starts_on=datetime.date(2000, 4, 1), ends_on=datetime.date(2000, 9, 30)
    )
    client.force_login(programme_manager)
    client.post(reverse("governance:report-draft-build", args=[quiet.pk]))
    assert Report.objects.filter(period=quiet).exists()
    run_jobs()
    text = "\n".join(pdf_pages(client.get(reverse("governance:report-draft-pdf", args=[quiet.pk])).content))
    assert "No progress updates were recorded in this period" in text
