"""Writes for the reporting cycle: editing a draft report and publishing (freezing) it."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import PublishedReport, Report, ReportingPeriod
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
