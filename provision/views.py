"""The public directory (search, service pages, feedback) and the staff pages that manage it."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from send_portal import cache as page_cache
from send_portal.cache import cache_public_page

from . import services
from .filters import FeedbackFilter, ManageServiceFilter, ServiceFilter
from .forms import ContactFormSet, FeedbackForm, LocationForm, ModerationForm, ReviewForm, ServiceForm, StatusForm
from .models import Feedback, Location, Service
from .throttling import allow
from .timeline import service_timeline

RESULTS_PER_PAGE = 20
STAFF_PER_PAGE = 50
MAX_ECHO = 500  # longer values (always invalid) are not carried into links


def _page(request, items, per_page):
    """The requested page and, when the number was not usable, a plain message saying what we did."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number), None
    except PageNotAnInteger:
        return paginator.page(1), "The page number was not recognised, so this is the first page."
    except EmptyPage:
        if int(number) < 1:
            return paginator.page(1), "Page numbers start at 1, so this is the first page."
        last = paginator.num_pages
        return paginator.page(
            last
        ), f"There {'is only 1 page' if last == 1 else f'are only {last} pages'}, so this is the last one."


def _query_without(request, *pairs_to_drop) -> str:
    """The current query string without `page` and without the given (name, value) pairs."""
    kept = [
        (name, value)
        for name, values in request.GET.lists()
        for value in values
        if name != "page" and (name, value) not in pairs_to_drop and len(value) <= MAX_ECHO
    ]
    return urlencode(kept)


def _result_cards(results) -> list[str]:
    """The HTML of each search result, in order.

    A service looks the same in every search that lists it, so with the shared cache on, its card
    is rendered once per change to the directory and reused by every search, and only the page's
    ids are read here (no prefetch of the services' terms for cards already cached).
    """

    def render_cards(services) -> dict:
        return {service.pk: render_to_string("provision/_result.html", {"service": service}) for service in services}

    if not page_cache.enabled():
        return list(render_cards(results).values())
    ids = list(results.values_list("pk", flat=True))
    cards = page_cache.section_cached_many(
        "directory",
        "result-card",
        ids,
        lambda missing: render_cards(Service.objects.for_listing().filter(pk__in=missing)),
    )
    return [mark_safe(cards[pk]) for pk in ids]  # noqa: S308 - our own rendered template


# --- Public ---------------------------------------------------------------------------------


@cache_public_page("directory")
@require_GET
def service_search(request):
    # A submitted form sends every field, empty or not: tidy the address so it reads well when
    # shared or bookmarked (?q=speech&age=7 rather than ?q=speech&age=&access=&area=&sort=relevance).
    pairs = [(name, value) for name, values in request.GET.lists() for value in values]
    tidy = [(name, value) for name, value in pairs if value != "" and (name, value) != ("sort", "relevance")]
    if len(tidy) != len(pairs):
        return redirect(request.path + ("?" + urlencode(tidy) if tidy else ""))
    filterset = ServiceFilter(request.GET, queryset=Service.objects.listed().for_listing())
    page, page_notice = _page(request, filterset.qs, RESULTS_PER_PAGE)
    active = filterset.active
    removals = [{"label": label, "url": "?" + _query_without(request, (name, value))} for name, value, label in active]
    return render(
        request,
        "provision/service_search.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "cards": _result_cards(page.object_list),
            "page_notice": page_notice,
            "query": _query_without(request),
            "removals": removals,
            "searched": bool(active),
        },
    )


@cache_public_page("directory")
@require_GET
def service_detail(request, pk):
    service = get_object_or_404(Service.objects.for_detail(), pk=pk)
    return render(request, "provision/service_detail.html", {"service": service})


@require_http_methods(["GET", "POST"])
def feedback_create(request):
    service = None
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if not allow(request, "feedback"):
            return render(request, "provision/feedback_form.html", {"form": form, "throttled": True}, status=429)
        if form.is_valid():
            if not form.is_spam:
                services.feedback_submit(
                    topic=form.cleaned_data["topic"],
                    comment=form.cleaned_data["comment"],
                    service=form.cleaned_data["service"],
                    role=form.cleaned_data["role"],
                    email=form.cleaned_data["email"],
                )
            return redirect("provision:feedback-sent")
        service = form.cleaned_data.get("service")
    else:
        service = _service_from(request.GET.get("service"))
        initial = {"service": service.pk if service else None}
        if service is not None:
            initial["topic"] = Feedback.Topic.PROBLEM
        form = FeedbackForm(initial=initial)
    return render(request, "provision/feedback_form.html", {"form": form, "service": service})


def _service_from(value):
    try:
        return Service.objects.only("id", "name").filter(pk=UUID(str(value))).first() if value else None
    except ValueError:
        return None


@require_GET
def feedback_sent(request):
    return render(request, "provision/feedback_sent.html")


@cache_public_page("directory")
@require_GET
def you_said_we_did(request):
    page, page_notice = _page(request, Feedback.objects.published().select_related("service"), RESULTS_PER_PAGE)
    return render(request, "provision/you_said_we_did.html", {"page_obj": page, "page_notice": page_notice})


# --- Staff: services --------------------------------------------------------------------------


@login_required
@permission_required("provision.view_service", raise_exception=True)
@require_GET
def manage_service_list(request):
    filterset = ManageServiceFilter(
        request.GET, queryset=Service.objects.defer("search_vector").select_related("organization")
    )
    page, page_notice = _page(request, filterset.qs.order_by("name", "pk"), STAFF_PER_PAGE)
    return render(
        request,
        "provision/manage/service_list.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "page_notice": page_notice,
            "query": _query_without(request),
            "due_count": Service.objects.due_for_review().count(),
            "feedback_count": Feedback.objects.awaiting_moderation().count(),
            "can_add": request.user.has_perm("provision.add_service"),
        },
    )


@login_required
@permission_required("provision.view_service", raise_exception=True)
@require_GET
def manage_review_due(request):
    queryset = Service.objects.due_for_review().defer("search_vector").select_related("organization")
    page, page_notice = _page(request, queryset, STAFF_PER_PAGE)
    return render(
        request,
        "provision/manage/review_due.html",
        {"page_obj": page, "page_notice": page_notice, "can_change": request.user.has_perm("provision.change_service")},
    )


def _service_forms(request, service=None):
    instance = service or Service()
    if request.method == "POST":
        return ServiceForm(request.POST, instance=instance), ContactFormSet(request.POST, prefix="contacts")
    contacts = [
        {"id": c.pk, "name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
        for c in (service.contacts.all() if service else [])
    ]
    return ServiceForm(instance=instance), ContactFormSet(initial=contacts, prefix="contacts")


def _apply_form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@permission_required("provision.add_service", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_service_create(request):
    form, contacts = _service_forms(request)
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            changes = form.changes
            service = services.service_create(
                organization=changes.pop("organization"),
                name=changes.pop("name"),
                description=changes.pop("description"),
                details=changes,
                terms=form.terms,
                locations=form.cleaned_data["locations"],
                languages=form.cleaned_data["languages"],
                contacts=[c.as_contact() for c in contacts.forms if c.cleaned_data],
                reviewed=form.cleaned_data["reviewed"],
                reason=form.cleaned_data["reason"] or "Added to the directory",
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            messages.success(request, f"{service.name} has been added to the directory.")
            return redirect("provision:manage-service-update", pk=service.pk)
    return render(request, "provision/manage/service_form.html", {"form": form, "contacts": contacts})


@login_required
@permission_required("provision.view_service", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_service_update(request, pk):
    service = get_object_or_404(Service.objects.defer("search_vector").select_related("organization"), pk=pk)
    if request.method == "POST" and not request.user.has_perm("provision.change_service"):
        raise PermissionDenied
    form, contacts = _service_forms(request, service)
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            service = services.service_update(
                service=service,
                changes=form.changes,
                terms=form.terms,
                locations=form.cleaned_data["locations"],
                languages=form.cleaned_data["languages"],
                contacts=[c.as_contact() for c in contacts.forms if c.cleaned_data],
                reviewed=form.cleaned_data["reviewed"],
                reason=form.cleaned_data["reason"] or "Details updated",
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            messages.success(request, f"Your changes to {service.name} have been saved.")
            return redirect("provision:manage-service-update", pk=service.pk)
    return render(
        request,
        "provision/manage/service_form.html",
        {
            "form": form,
            "contacts": contacts,
            "service": service,
            "can_change": request.user.has_perm("provision.change_service"),
            "review_form": ReviewForm(),
        },
    )


@login_required
@permission_required("provision.change_service", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_service_status(request, pk):
    service = get_object_or_404(Service.objects.defer("search_vector"), pk=pk)
    if request.method == "POST":
        form = StatusForm(request.POST)
        if form.is_valid():
            services.service_set_status(
                service=service,
                status=form.cleaned_data["status"],
                alert=form.cleaned_data["alert"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, f"The status of {service.name} has been changed.")
            return redirect("provision:manage-service-update", pk=service.pk)
    else:
        form = StatusForm(initial={"status": service.status, "alert": service.alert})
    return render(request, "provision/manage/service_status.html", {"form": form, "service": service})


@login_required
@permission_required("provision.change_service", raise_exception=True)
@require_POST
def manage_service_reviewed(request, pk):
    service = get_object_or_404(Service.objects.defer("search_vector"), pk=pk)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.service_mark_reviewed(service=service, note=note)
    messages.success(request, f"{service.name} has been marked as reviewed today.")
    if request.POST.get("next") == "due":
        return redirect("provision:manage-review-due")
    return redirect("provision:manage-service-update", pk=service.pk)


@login_required
@permission_required("provision.view_service", raise_exception=True)
@require_GET
def manage_service_history(request, pk):
    service = get_object_or_404(Service.objects.defer("search_vector"), pk=pk)
    page, page_notice = _page(request, service_timeline(service), STAFF_PER_PAGE)
    return render(
        request,
        "provision/manage/service_history.html",
        {"service": service, "page_obj": page, "page_notice": page_notice},
    )


# --- Staff: venues ----------------------------------------------------------------------------


@login_required
@permission_required("provision.view_location", raise_exception=True)
@require_GET
def manage_location_list(request):
    queryset = Location.objects.annotate(service_count=Count("service_at_locations")).order_by("name", "pk")
    page, page_notice = _page(request, queryset, STAFF_PER_PAGE)
    return render(
        request,
        "provision/manage/location_list.html",
        {"page_obj": page, "page_notice": page_notice, "can_add": request.user.has_perm("provision.add_location")},
    )


@login_required
@permission_required("provision.add_location", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_location_create(request):
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = form.changes
        location = services.location_create(
            name=changes.pop("name"), details=changes, reason=form.cleaned_data["reason"] or "Venue added"
        )
        messages.success(request, f"{location.name} has been added. You can now choose it for a service.")
        return redirect("provision:manage-location-list")
    return render(request, "provision/manage/location_form.html", {"form": form})


@login_required
@permission_required("provision.change_location", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_location_update(request, pk):
    location = get_object_or_404(Location, pk=pk)
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        location = services.location_update(
            location=location, changes=form.changes, reason=form.cleaned_data["reason"] or "Venue updated"
        )
        messages.success(request, f"Your changes to {location.name} have been saved.")
        return redirect("provision:manage-location-list")
    return render(request, "provision/manage/location_form.html", {"form": form, "location": location})


# --- Staff: feedback ----------------------------------------------------------------------------


@login_required
@permission_required("provision.view_feedback", raise_exception=True)
@require_GET
def manage_feedback_list(request):
    data = request.GET.copy()
    data.setdefault("status", Feedback.Status.NEW)
    filterset = FeedbackFilter(data, queryset=Feedback.objects.select_related("service"))
    page, page_notice = _page(request, filterset.qs, STAFF_PER_PAGE)
    return render(
        request,
        "provision/manage/feedback_list.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "page_notice": page_notice,
            "query": _query_without(request),
        },
    )


@login_required
@permission_required("provision.view_feedback", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_feedback_detail(request, pk):
    feedback = get_object_or_404(Feedback.objects.select_related("service", "moderated_by"), pk=pk)
    can_moderate = request.user.has_perm("provision.change_feedback")
    if request.method == "POST":
        if not can_moderate:
            raise PermissionDenied
        form = ModerationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if data["decision"] == ModerationForm.PUBLISH:
                services.feedback_publish(
                    feedback=feedback,
                    published_comment=data["published_comment"],
                    response=data["response"],
                    action=data["action"],
                    note=data["note"],
                    user=request.user,
                )
                messages.success(request, "The comment and your response are published on “You said, we did”.")
            else:
                services.feedback_close(feedback=feedback, note=data["note"], user=request.user)
                messages.success(request, "The feedback has been closed without publishing.")
            return redirect(reverse("provision:manage-feedback-list"))
    else:
        form = ModerationForm(
            initial={
                "decision": ModerationForm.PUBLISH if feedback.status == Feedback.Status.PUBLISHED else None,
                "published_comment": feedback.published_comment or feedback.comment,
                "response": feedback.response,
                "action": feedback.action,
                "note": feedback.moderation_note,
            }
        )
    return render(
        request,
        "provision/manage/feedback_detail.html",
        {"feedback": feedback, "form": form, "can_moderate": can_moderate},
    )
