import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from governance.models import ReportingPeriod
from priorities.models import Strategy

from . import exports, services
from .filters import ActionFilter
from .forms import ProgressForm, RebaselineForm, WithdrawForm
from .models import OPEN_STATUSES, Action, ProgressUpdate, StatusDefinition
from .quarters import FinancialQuarter
from .timeline import action_timeline

PUBLISHED = [Strategy.Status.CURRENT, Strategy.Status.SUPERSEDED]


def _action_or_404(pk):
    return get_object_or_404(
        Action.objects.select_related("outcome__strategy__partnership"), pk=pk, outcome__strategy__status__in=PUBLISHED
    )


@require_GET
def action_detail(request, pk):
    action = get_object_or_404(
        Action.objects.select_related("outcome__strategy").prefetch_related(
            "leads__organisation",
            "outcome__priorities",
            "milestones",
            "carried_forward_to__outcome",
            "carried_forward_from__outcome__strategy",
        ),
        pk=pk,
        outcome__strategy__status__in=PUBLISHED,
    )
    updates = Paginator(ProgressUpdate.objects.filter(action=action).select_related("author", "period"), 10).get_page(
        request.GET.get("updates")
    )
    context = {"action": action, "strategy": action.outcome.strategy, "updates": updates}
    if request.user.is_authenticated:
        context["permissions"] = services.action_permissions(user=request.user, action=action)
        context["timeline"], context["timeline_has_more"] = action_timeline(action, limit=10)
    return render(request, "actions/action_detail.html", context)


@login_required
@require_GET
def action_history(request, pk):
    action = _action_or_404(pk)
    per_page = 50
    page = _page_number(request.GET.get("page"))
    entries, has_more = action_timeline(action, offset=(page - 1) * per_page, limit=per_page)
    return render(
        request,
        "actions/action_history.html",
        {"action": action, "entries": entries, "page": page, "has_more": has_more},
    )


def _page_number(value) -> int:
    try:
        return max(1, min(int(value), 100_000))
    except (TypeError, ValueError):
        return 1


@login_required
@require_GET
def my_actions(request):
    today = timezone.localdate()
    period = ReportingPeriod.objects.current(today)
    this_quarter = FinancialQuarter.containing(today)
    actions = (
        Action.objects.filter(outcome__strategy__status=Strategy.Status.CURRENT)
        .led_by(request.user)
        .with_update_in(period)
        .for_listing()
    )
    groups = {"overdue": [], "due": [], "update": [], "rest": []}
    for action in actions:
        if action.is_overdue(today):
            groups["overdue"].append(action)
        elif action.status in OPEN_STATUSES and action.due_quarter == this_quarter:
            groups["due"].append(action)
        elif action.status in OPEN_STATUSES and not action.updated_in_period:
            groups["update"].append(action)
        else:
            groups["rest"].append(action)
    return render(
        request,
        "actions/my_actions.html",
        {"groups": groups, "period": period, "this_quarter": this_quarter, "count": sum(map(len, groups.values()))},
    )


def _filtered_actions(request):
    strategy = Strategy.objects.current().order_by("-first_year").first()
    if strategy is None:
        return None, None, None
    today = timezone.localdate()
    period = ReportingPeriod.objects.current(today)
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-recorded_at")
    queryset = (
        Action.objects.for_strategy(strategy)
        .with_update_in(period)
        .annotate(latest_update=Subquery(latest.values("recorded_at")[:1]))
        .for_listing()
        .order_by("outcome__number", "number")
    )
    filterset = ActionFilter(request.GET, queryset=queryset, strategy=strategy, today=today)
    return strategy, period, filterset


@login_required
@require_GET
def action_list(request):
    strategy, period, filterset = _filtered_actions(request)
    if strategy is None:
        return render(request, "priorities/no_strategy.html")
    results = filterset.qs if filterset.is_valid() else Action.objects.none()
    page = Paginator(results, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "actions/action_list.html",
        {
            "strategy": strategy,
            "period": period,
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def action_export(request, fmt):
    strategy, period, filterset = _filtered_actions(request)
    if strategy is None or not filterset.is_valid():
        return HttpResponse("The filters are not valid: go back to the action plan and correct them.", status=400)
    rows = exports.action_rows(filterset.qs, today=timezone.localdate(), colours=_colours())
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(
            (line for line in exports.csv_lines(rows, writer_factory=csv.writer)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="action-plan-{stamp}.csv"'
        return response
    response = HttpResponse(
        exports.xlsx_bytes(rows, title=strategy.title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="action-plan-{stamp}.xlsx"'
    return response


def _colours():
    return {d.status: d.get_colour_display() for d in StatusDefinition.objects.all()}


def _conflict(request, action, stale: services.StaleAction, form, template_form_title):
    entries, _ = action_timeline(stale.action, limit=max(1, stale.action.version - stale.since_version))
    # The other person's own words, so the officer can see whether theirs still need saying.
    updates = ProgressUpdate.objects.recorded_since(stale.action, stale.since_version).select_related(
        "author", "period"
    )
    return render(
        request,
        "actions/conflict.html",
        {
            "action": stale.action,
            "entries": entries,
            "updates": updates,
            "form": form,
            "form_title": template_form_title,
        },
        status=409,
    )


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def record_progress(request, pk):
    action = _action_or_404(pk)
    if not services.action_permissions(user=request.user, action=action).record_progress:
        raise PermissionDenied
    form = ProgressForm(request.POST or None, initial={"version": action.version, "status": action.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_record_progress(
                action=action,
                user=request.user,
                expected_version=data["version"],
                **{k: v for k, v in data.items() if k != "version"},
            )
        except services.StaleAction as stale:
            fresh = ProgressForm(initial={**data, "version": stale.action.version})
            return _conflict(request, action, stale, fresh, "Record progress")
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Progress recorded on action {action.reference}.")
            return redirect(action)
    return render(
        request, "actions/record_progress.html", {"action": action, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def rebaseline(request, pk):
    action = _action_or_404(pk)
    if not services.action_permissions(user=request.user, action=action).rebaseline:
        raise PermissionDenied
    partnership = action.outcome.strategy.partnership
    initial = {"version": action.version, "due_text": action.due_text, "leads": list(action.leads.all())}
    form = RebaselineForm(request.POST or None, initial=initial, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_rebaseline(
                action=action,
                user=request.user,
                expected_version=data["version"],
                due_text=data["due_text"],
                leads=list(data["leads"]),
                reason=data["reason"],
            )
        except services.StaleAction as stale:
            fresh = RebaselineForm(initial={**data, "version": stale.action.version}, partnership=partnership)
            return _conflict(request, action, stale, fresh, "Change due date or leads")
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} re-baselined.")
            return redirect(action)
    return render(
        request, "actions/rebaseline.html", {"action": action, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    action = _action_or_404(pk)
    if not services.action_permissions(user=request.user, action=action).withdraw:
        raise PermissionDenied
    form = WithdrawForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_withdraw(
                action=action,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except services.StaleAction as stale:
            fresh = WithdrawForm(initial={**form.cleaned_data, "version": stale.action.version})
            return _conflict(request, action, stale, fresh, "Withdraw action")
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} withdrawn.")
            return redirect(action)
    return render(
        request, "actions/withdraw.html", {"action": action, "form": form}, status=400 if form.errors else 200
    )
