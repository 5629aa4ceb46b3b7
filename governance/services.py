"""Writes for the reporting cycle: editing a draft report and publishing (freezing) it.

PDFs are built by the background worker, never in a request: a request records what was asked
for (`publication_request`, `draft_pdf_request`) and queues a job; the job (`governance/tasks.py`)
runs `publication_build` or `draft_pdf_build`, which record the outcome for the report page.
"""

import datetime
import hashlib
import json
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import BuildStatus, DraftPDF, PublicationRequest, PublishedReport, Report, ReportingPeriod
from .pdf import render_pdf
from .reporting import report_data
from .roles import is_programme_manager

TEXT_FIELDS = [
    "subject",
    "report_of",
    "wards_affected",
    "portfolio",
    "key_decision",
    "in_forward_plan",
    "exempt",
    "summary",
    "recommendations",
    "reasons",
    "commentary",
    "contact_officer",
    "appendices",
    "background_papers",
    "shared_with_board",
]


def report_for_period(*, period: ReportingPeriod, save: bool = False) -> Report:
    """The period's report. One not yet written is a default draft, saved only when `save`
    (an edit or a publication), so that reading a preview never writes."""
    report = Report.objects.filter(period=period).first()
    if report is None:
        strategy = period.board.partnership.strategies.filter(status="current").first()
        subject = f"{strategy.title if strategy else 'Strategy'}: progress report, {period.title}"
        report = Report(period=period, subject=subject[:300])
        if save:
            report.full_clean()
            report._change_reason = "Draft report started"
            report.save()
    return report


def report_update(*, report: Report, user, changes: dict, reason: str = "Report text edited") -> Report:
    if not is_programme_manager(user):
        raise PermissionDenied("Only programme managers can edit reports.")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        for field in TEXT_FIELDS:
            if field in changes:
                setattr(locked, field, changes[field])
        locked.full_clean()
        locked._change_reason = reason
        locked._history_user = user
        locked.save()
    return locked


def report_publish(*, report: Report, user, amendment_reason: str = "", now=None) -> PublishedReport:
    """Freeze the report as it stands: PDF bytes, the data, a checksum, who and when."""
    if not is_programme_manager(user):
        raise PermissionDenied("Only programme managers can publish reports.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous = locked.versions.order_by("-version").first()
        if previous and not amendment_reason.strip():
            raise ValidationError({"amendment_reason": "Say what this version corrects: it amends the published one."})
        data = report_data(locked, now=now)
        data["version"] = (previous.version + 1) if previous else 1
        data["amends"] = {"version": previous.version, "reason": amendment_reason.strip()} if previous else None
        data["published_at"] = timezone.localtime(now).isoformat(timespec="seconds")
        pdf, pages = render_pdf(data, draft=False)
        published = PublishedReport(
            report=locked,
            version=data["version"],
            amends=previous,
            amendment_reason=amendment_reason.strip(),
            pdf=pdf,
            data=data,
            sha256=hashlib.sha256(pdf).hexdigest(),
            page_count=pages,
            published_at=now,
            published_by=user,
        )
        published.full_clean()
        published.save()
    return published


# --- Background builds ----------------------------------------------------------------------

logger = logging.getLogger(__name__)

# A build still running after this long died with its worker (the largest plans take under a
# minute): it no longer blocks a new request. Kept well above the slowest real build.
STALLED_AFTER = datetime.timedelta(minutes=30)
# A job still queued after this long suggests no worker is running: the page says so.
SLOW_QUEUE_AFTER = datetime.timedelta(minutes=2)
# A draft superseded by a newer one is kept this long (someone may be downloading it), then deleted.
SUPERSEDED_DRAFT_KEPT = datetime.timedelta(hours=1)


def data_hash(data: dict) -> str:
    """SHA-256 of report data, less when it was generated: equal data gives an equal PDF."""
    stable = {key: value for key, value in data.items() if not key.startswith("generated_")}
    return hashlib.sha256(json.dumps(stable, sort_keys=True, default=str).encode()).hexdigest()


def build_state(build, *, now: datetime.datetime | None = None) -> str:
    """Where a build stands, for people: queued, waiting (queued a while: is a worker running?),
    building, stalled (its worker died, or its job ended without running it), done or failed."""
    now = now or timezone.now()
    if build.status == BuildStatus.QUEUED:
        if _job_finished_or_gone(build):
            return "stalled"
        return "waiting" if now - build.requested_at > SLOW_QUEUE_AFTER else "queued"
    if build.status == BuildStatus.BUILDING and build.started_at and now - build.started_at > STALLED_AFTER:
        return "stalled"
    return build.status


def _job_finished_or_gone(build) -> bool:
    """True when the build's job has ended (or been pruned) but the build never started."""
    if not build.task_id:
        return False
    from django_tasks import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from .tasks import build_draft_pdf, publish_report

    task = publish_report if isinstance(build, PublicationRequest) else build_draft_pdf
    try:
        result = task.get_result(build.task_id)
    except TaskResultDoesNotExist:
        return True
    return result.status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL)


def _give_up_stalled(builds, *, now: datetime.datetime) -> None:
    """Mark active builds that will never finish as failed, so they can be tried again."""
    for build in builds.filter(status__in=[BuildStatus.QUEUED, BuildStatus.BUILDING]):
        if build_state(build, now=now) == "stalled":
            build.status = BuildStatus.FAILED
            build.finished_at = now
            build.error = "The build did not finish: the background worker stopped before it was done."
            build._change_reason = "Build given up: it did not finish"
            build.save()


def _explain(error: Exception, *, what: str, reference) -> tuple[str, str]:
    """Why a build failed, in plain words for the person who asked, and the detail for support."""
    detail = f"{type(error).__module__}.{type(error).__qualname__}: {error}"[:2000]
    if isinstance(error, PermissionDenied):
        return str(error) or "You are not allowed to do this.", detail
    if isinstance(error, ValidationError):
        return " ".join(error.messages), detail
    return (
        f"{what} could not be built because of an error in the portal. Try again; if it fails again, "
        f"tell the portal's support team, quoting reference {reference}."
    ), detail


def _record_failure(model, pk: int, error: Exception, *, what: str) -> None:
    with transaction.atomic():
        build = model.objects.select_for_update().get(pk=pk)
        build.status = BuildStatus.FAILED
        build.finished_at = timezone.now()
        build.error, build.error_detail = _explain(error, what=what, reference=build.task_id or build.pk)
        build._change_reason = "Build failed"
        build.save()


def publication_request(*, report: Report, user, amendment_reason: str = "", now=None) -> PublicationRequest:
    """Check that the report may be published now, record who asked and why, and queue the job
    that builds and stores it. Refused while an earlier request for the report is still active."""
    from .tasks import publish_report

    if not is_programme_manager(user):
        raise PermissionDenied("Only programme managers can publish reports.")
    now = now or timezone.now()
    reason = amendment_reason.strip()
    try:
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report.pk)
            _give_up_stalled(locked.publication_requests.all(), now=now)
            active = locked.publication_requests.active().first()
            if active is not None:
                raise ValidationError(
                    f"Version {active.version} of this report is already being published: "
                    "wait for it to finish, then check the page again."
                )
            previous = locked.versions.order_by("-version").first()
            if previous and not reason:
                raise ValidationError(
                    {"amendment_reason": "Say what this version corrects: it amends the published one."}
                )
            request = PublicationRequest(
                report=locked,
                version=(previous.version + 1) if previous else 1,
                amendment_reason=reason,
                requested_by=user,
                requested_at=now,
            )
            request.full_clean()
            request._history_user = user
            request._change_reason = f"Publication of version {request.version} requested"
            request.save()
            # Queued in the same transaction: the queue is a table in this database, so the job
            # exists exactly when the request does.
            request.task_id = str(publish_report.enqueue(request.pk).id)
            request.skip_history_when_saving = True  # the job's id is bookkeeping, not a change
            request.save(update_fields=["task_id"])
            del request.skip_history_when_saving
    except IntegrityError:
        # Two requests at the same moment: the database's constraint let only one through.
        raise ValidationError("This report is already being published: check the page again.") from None
    return request


def publication_build(*, request_id: int) -> int | None:
    """The job: publish what was asked for, as the person who asked. All or nothing: if the PDF
    cannot be built (or the request is no longer allowed) nothing is published and the request
    records why. Returns the PublishedReport's id, or None when there was nothing to do."""
    with transaction.atomic():
        request = PublicationRequest.objects.select_for_update().get(pk=request_id)
        if request.status != BuildStatus.QUEUED:
            return None  # run already, or given up
        request.status = BuildStatus.BUILDING
        request.started_at = timezone.now()
        request._change_reason = "Build started"
        request.save()
    try:
        with transaction.atomic():
            # Lock the report first, as a new request does, then the request.
            report = Report.objects.select_for_update().get(pk=request.report_id)
            request = PublicationRequest.objects.select_for_update().get(pk=request_id)
            if request.status != BuildStatus.BUILDING:
                return None  # given up as stalled meanwhile: leave it failed
            if request.requested_by is None:
                raise PermissionDenied("The account that asked for this publication no longer exists.")
            published = report_publish(
                report=report, user=request.requested_by, amendment_reason=request.amendment_reason
            )
            request.status = BuildStatus.DONE
            request.published = published
            request.finished_at = timezone.now()
            request._change_reason = f"Version {published.version} published"
            request.save()
    except Exception as error:
        logger.exception("Publishing report %s (request %s) failed", request.report_id, request_id)
        _record_failure(PublicationRequest, request_id, error, what="The report")
        raise
    return published.pk


def draft_pdf_request(*, report: Report, user, now=None) -> tuple[DraftPDF, bool]:
    """The draft PDF of the report as it stands: the one already built (or being built) from the
    same data, or a new one queued. Returns it and whether it is new. The caller has checked
    that `user` may read the draft."""
    from .tasks import build_draft_pdf

    now = now or timezone.now()
    data = report_data(report, now=now)
    digest = data_hash(data)
    try:
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report.pk)
            same = locked.draft_pdfs.filter(data_hash=digest)
            _give_up_stalled(same, now=now)
            existing = same.exclude(status=BuildStatus.FAILED).first()
            if existing is not None:
                return existing, False
            draft = DraftPDF(report=locked, data_hash=digest, data=data, requested_by=user, requested_at=now)
            draft.full_clean()
            draft.save()
            draft.task_id = str(build_draft_pdf.enqueue(draft.pk).id)
            draft.save(update_fields=["task_id"])
    except IntegrityError:
        return report.draft_pdfs.filter(data_hash=digest).exclude(status=BuildStatus.FAILED).get(), False
    return draft, True


def draft_pdf_build(*, draft_id: int) -> int | None:
    """The job: build a draft PDF from the data stored with it. Returns its page count, or None
    when there was nothing to do. Drafts of the same report it supersedes are pruned."""
    with transaction.atomic():
        draft = DraftPDF.objects.select_for_update().get(pk=draft_id)
        if draft.status != BuildStatus.QUEUED:
            return None
        draft.status = BuildStatus.BUILDING
        draft.started_at = timezone.now()
        draft.save(update_fields=["status", "started_at"])
    try:
        # The slow part, outside any transaction: it holds no lock while it renders.
        pdf, pages = render_pdf(draft.data, draft=True)
        with transaction.atomic():
            draft = DraftPDF.objects.select_for_update().get(pk=draft_id)
            if draft.status != BuildStatus.BUILDING:
                return None
            draft.status = BuildStatus.DONE
            draft.pdf = pdf
            draft.page_count = pages
            draft.finished_at = timezone.now()
            draft.save(update_fields=["status", "pdf", "page_count", "finished_at"])
    except Exception as error:
        logger.exception("Building a draft PDF of report %s (draft %s) failed", draft.report_id, draft_id)
        _record_failure(DraftPDF, draft_id, error, what="The draft PDF")
        raise
    DraftPDF.objects.filter(
        report_id=draft.report_id,
        status__in=[BuildStatus.DONE, BuildStatus.FAILED],
        finished_at__lt=draft.finished_at - SUPERSEDED_DRAFT_KEPT,
    ).exclude(pk=draft.pk).delete()
    return pages


def draft_pdfs_prune(*, older_than: datetime.timedelta, now=None) -> int:
    """Delete draft PDFs that finished (built or failed) more than `older_than` ago. Drafts are
    a convenience: any of them can be built again from the report. Returns how many went."""
    now = now or timezone.now()
    deleted, _ = DraftPDF.objects.filter(
        status__in=[BuildStatus.DONE, BuildStatus.FAILED], finished_at__lt=now - older_than
    ).delete()
    return deleted
