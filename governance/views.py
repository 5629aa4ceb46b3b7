import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .charts import status_bars
from .forms import PublishForm, ReportForm
from .models import Board, BuildStatus, PublishedReport, Report, ReportingPeriod
from .reporting import report_data
from .roles import BOARD_MEMBER, has_role, is_programme_manager

# Programme managers are warned this many days before papers are due.
PAPERS_WARNING_DAYS = 14


def _papers_warning(period, today, *, published: bool):
    """The papers-due date while a warning is needed: the report is not yet published and papers
    fall due within PAPERS_WARNING_DAYS, or fell due and the meeting is still to come (overdue)."""
    due = period.papers_due_on
    if published or due is None or today > period.meeting_on:
        return None
    if due <= today + datetime.timedelta(days=PAPERS_WARNING_DAYS):
        return {"due": due, "overdue": today > due, "meeting": period.meeting_on}
    return None


@require_GET
def report_list(request):
    # By meeting, newest first; a period whose meeting is not set yet sorts by when it ended (its
    # meeting comes after), the same on every database. The PDFs and their data are not loaded.
    published = (
        PublishedReport.objects.select_related("report__period__board", "amends")
        .defer("pdf", "data", "amends__pdf", "amends__data")
        .annotate(
            meeting=Coalesce("report__period__meeting_on", "report__period__ends_on"),
            shows_examples=ExpressionWrapper(Q(data__is_example=True), output_field=BooleanField()),
        )
        .order_by("-meeting", "-report__period__starts_on", "-version")
    )
    context = {"published": published}
    user = request.user
    if is_programme_manager(user):
        today = timezone.localdate()
        periods = list(ReportingPeriod.objects.select_related("board").order_by("-starts_on"))
        published_periods = {p.report.period_id for p in published}
        context["periods"] = periods
        warnings = [(p, _papers_warning(p, today, published=p.pk in published_periods)) for p in periods]
        context["warnings"] = [(p, warning) for p, warning in warnings if warning]
    elif has_role(user, BOARD_MEMBER):
        context["shared"] = Report.objects.filter(shared_with_board=True).select_related("period__board")
    return render(request, "governance/report_list.html", context)


def _report_for_reader(request, period_pk):
    """The period's report, for programme managers, or board members when shared."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("board__partnership"), pk=period_pk)
    if not request.user.is_authenticated:
        raise _LoginRequired
    if is_programme_manager(request.user):
        return services.report_for_period(period=period)
    report = Report.objects.filter(period=period, shared_with_board=True).first()
    if report is None or not has_role(request.user, BOARD_MEMBER):
        raise PermissionDenied
    return report


class _LoginRequired(Exception):
    pass


def _reader_view(view):
    def wrapped(request, period, *args, **kwargs):
        try:
            report = _report_for_reader(request, period)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())
        return view(request, report, *args, **kwargs)

    return wrapped


def _draft_pdfs(report, data):
    """The draft PDF built (or being built, or failed) from exactly this data, and the newest
    built one otherwise (out of date, still downloadable)."""
    if report.pk is None:
        return None, None
    digest = services.data_hash(data)
    current = report.draft_pdfs.filter(data_hash=digest).defer("pdf", "data").first()
    if current is not None:
        current.state = services.build_state(current)
    earlier = None
    if current is None or current.status != BuildStatus.DONE:
        earlier = (
            report.draft_pdfs.filter(status=BuildStatus.DONE).exclude(data_hash=digest).defer("pdf", "data").first()
        )
    return current, earlier


@require_GET
@_reader_view
def report_detail(request, report):
    data = report_data(report)
    chart = status_bars(data["at_a_glance"], title="Actions by status", chart_id="status-chart")
    can_edit = is_programme_manager(request.user)
    draft_pdf, earlier_draft_pdf = _draft_pdfs(report, data)
    publication = None
    if can_edit and report.pk:
        publication = report.publication_requests.select_related("requested_by", "published").first()
        if publication is not None:
            publication.state = services.build_state(publication)
    publishing = publication is not None and publication.state in {"queued", "waiting", "building"}
    return render(
        request,
        "governance/report_detail.html",
        {
            "report": report,
            "data": data,
            "chart": chart,
            "versions": report.versions.select_related("amends").order_by("-version") if report.pk else [],
            "can_edit": can_edit,
            "publish_form": PublishForm(),
            "publication": publication,
            "publishing": publishing,
            "draft_pdf": draft_pdf,
            "earlier_draft_pdf": earlier_draft_pdf,
            "papers_warning": _papers_warning(
                report.period, timezone.localdate(), published=bool(report.pk and report.versions.exists())
            ),
        },
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A draft is for signed-in readers only: never kept by a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
@_reader_view
def report_draft_pdf(request, report):
    """The draft PDF of the report as it stands, when it has been built; otherwise back to the
    report page, where it can be built (building takes longer than a request should)."""
    if report.pk:
        digest = services.data_hash(report_data(report))
        draft = report.draft_pdfs.filter(data_hash=digest, status=BuildStatus.DONE).first()
        if draft is not None:
            return _pdf_response(bytes(draft.pdf), f"draft-report-{report.period_id}.pdf")
    messages.info(request, "There is no draft PDF of the report as it stands yet: build one below.")
    return redirect(f"{report.get_absolute_url()}#draft-pdf")


@require_GET
@_reader_view
def report_draft_download(request, report, pk):
    """One built draft PDF (the current one, or an earlier one that is out of date)."""
    if report.pk is None:
        raise Http404
    draft = get_object_or_404(report.draft_pdfs, pk=pk, status=BuildStatus.DONE)
    built = timezone.localtime(draft.requested_at)
    return _pdf_response(bytes(draft.pdf), f"draft-report-{report.period_id}-{built:%Y-%m-%d-%H%M}.pdf")


@require_POST
@_reader_view
def report_draft_build(request, report):
    """Queue a draft PDF of the report as it stands (or reuse the one already built from it)."""
    if report.pk is None:  # a programme manager's first action on this report: start it
        report = services.report_for_period(period=report.period, save=True)
    draft, created = services.draft_pdf_request(report=report, user=request.user)
    if draft.status == BuildStatus.DONE:
        messages.info(request, "The draft PDF is up to date: nothing has changed since it was built.")
    elif created:
        messages.success(request, "The draft PDF is being built. This page shows when it is ready.")
    else:
        messages.info(request, "The draft PDF of the report as it stands is already being built.")
    return redirect(f"{report.get_absolute_url()}#draft-pdf")


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, period):
    if not is_programme_manager(request.user):
        raise PermissionDenied
    period = get_object_or_404(ReportingPeriod, pk=period)
    report = services.report_for_period(period=period, save=request.method == "POST")
    # The form edits a copy, so a rejected form leaves `report` as stored.
    form = ReportForm(request.POST or None, instance=services.report_for_period(period=period))
    if request.method == "POST" and form.is_valid():
        services.report_update(report=report, user=request.user, changes=form.cleaned_data)
        messages.success(request, "Report text saved.")
        return redirect(report)
    return render(
        request, "governance/report_edit.html", {"report": report, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def report_publish(request, period):
    """Record a request to publish and queue the job that builds it; the report page shows how it goes."""
    if not is_programme_manager(request.user):
        raise PermissionDenied
    report = services.report_for_period(period=get_object_or_404(ReportingPeriod, pk=period), save=True)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            publication = services.publication_request(
                report=report, user=request.user, amendment_reason=form.cleaned_data["amendment_reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Version {publication.version} is queued to be published. This page shows when it is done.",
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{report.get_absolute_url()}#publishing")


@require_GET
def report_download(request, pk):
    published = get_object_or_404(PublishedReport.objects.select_related("report__period"), pk=pk)
    response = HttpResponse(bytes(published.pdf), content_type="application/pdf")
    name = f"progress-report-{published.report.period.starts_on:%Y-%m}-v{published.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["ETag"] = f'"{published.sha256}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def board_list(request):
    boards = Board.objects.select_related("reports_to", "partnership").prefetch_related("decisions")
    return render(request, "governance/board_list.html", {"boards": boards})
