"""The Open Referral UK 3.0 API: open to all, read-only, JSON.

Bad parameters get a 400 with a JSON body naming the parameter; an unknown id a 404. Every
response, errors included, carries `Access-Control-Allow-Origin: *` so any site may read it.
"""

import datetime
import functools
from uuid import UUID

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_safe

from send_portal.cache import cache_public_page

from . import oruk
from .filters import MAX_KEYWORD_LENGTH
from .models import Organization, Service, Taxonomy, TaxonomyTerm

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def open_api(view):
    """GET (and HEAD) only, CORS open to all, and bad parameters answered with a 400 JSON body."""

    @functools.wraps(view)
    @cache_public_page("directory")
    def wrapper(request, *args, **kwargs):
        try:
            response = require_safe(view)(request, *args, **kwargs)
        except BadParameter as error:
            response = JsonResponse({"error": error.message, "parameter": error.parameter}, status=400)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _not_found(kind: str) -> JsonResponse:
    return JsonResponse({"error": f"No {kind} has that id."}, status=404)


def _int(request, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number.") from None
    if not low <= value <= high:
        raise BadParameter(name, f"{name} must be between {low} and {high}.")
    return value


def _uuid(request, name: str) -> UUID | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6.") from None


def _search(request) -> str:
    text = request.GET.get("search", "").strip()
    if len(text) > MAX_KEYWORD_LENGTH:
        raise BadParameter("search", f"search must be {MAX_KEYWORD_LENGTH} characters or fewer.")
    return text


def _datetime(request, name: str) -> datetime.datetime | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        # An unescaped "+" in a time-zone offset arrives as a space.
        value = parse_datetime(raw.replace(" ", "+") if "T" in raw else raw)
        if value is None and (day := parse_date(raw)):
            value = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(name, f"{name} must be an ISO 8601 date or date-time, like 2024-01-31T09:00:00Z.")
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


def _page(request, queryset, serialize) -> JsonResponse:
    number = _int(request, "page", 1, 1, MAX_PAGE)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    paginator = Paginator(queryset, per_page)
    contents = []
    if number <= paginator.num_pages:
        contents = [serialize(item) for item in paginator.page(number).object_list]
    return JsonResponse(oruk.page(paginator, number, contents))


@open_api
def api_details(request):
    return JsonResponse(oruk.api_details())


@open_api
def service_list(request):
    queryset = Service.objects.all()
    if term_id := _uuid(request, "taxonomy_term_id"):
        queryset = queryset.with_any_term(TaxonomyTerm.objects.filter(pk=term_id))
    if taxonomy_id := _uuid(request, "taxonomy_id"):
        queryset = queryset.with_any_term(TaxonomyTerm.objects.filter(taxonomy_id=taxonomy_id))
    if organization_id := _uuid(request, "organization_id"):
        queryset = queryset.filter(organization_id=organization_id)
    if modified_after := _datetime(request, "modified_after"):
        queryset = queryset.filter(last_modified__gte=modified_after)
    if text := _search(request):
        queryset = queryset.search(text).order_by("-rank", "name", "id")
    else:
        queryset = queryset.order_by("name", "id")
    return _page(request, oruk.services_for_feed(queryset), oruk.service)


@open_api
def service_detail(request, id):
    try:
        service = oruk.services_for_feed().get(pk=UUID(id))
    except ValueError:
        raise BadParameter("id", "id must be a UUID.") from None
    except Service.DoesNotExist:
        return _not_found("service")
    return JsonResponse(oruk.service(service))


@open_api
def taxonomy_list(request):
    queryset = Taxonomy.objects.all()
    if text := _search(request):
        queryset = queryset.filter(name__icontains=text)
    return _page(request, queryset.order_by("name", "id"), oruk.taxonomy)


@open_api
def taxonomy_detail(request, id):
    try:
        tax = Taxonomy.objects.get(pk=UUID(id))
    except ValueError:
        raise BadParameter("id", "id must be a UUID.") from None
    except Taxonomy.DoesNotExist:
        return _not_found("taxonomy")
    return JsonResponse(oruk.taxonomy(tax, terms=tax.terms.order_by("order", "name")))


@open_api
def taxonomy_term_list(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy")
    if taxonomy_id := _uuid(request, "taxonomy_id"):
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    if parent_id := _uuid(request, "parent_id"):
        queryset = queryset.filter(parent_id=parent_id)
    if text := _search(request):
        queryset = queryset.filter(name__icontains=text)
    return _page(request, queryset.order_by("taxonomy__name", "order", "name", "id"), oruk.taxonomy_term)


@open_api
def taxonomy_term_detail(request, id):
    try:
        term = TaxonomyTerm.objects.select_related("taxonomy").get(pk=UUID(id))
    except ValueError:
        raise BadParameter("id", "id must be a UUID.") from None
    except TaxonomyTerm.DoesNotExist:
        return _not_found("taxonomy term")
    return JsonResponse(oruk.taxonomy_term(term))


@open_api
def organization_list(request):
    queryset = Organization.objects.all()
    if text := _search(request):
        queryset = queryset.filter(name__icontains=text)
    return _page(request, queryset.order_by("name", "id"), oruk.organization)


@open_api
def organization_detail(request, id):
    try:
        org = Organization.objects.get(pk=UUID(id))
    except ValueError:
        raise BadParameter("id", "id must be a UUID.") from None
    except Organization.DoesNotExist:
        return _not_found("organization")
    return JsonResponse(oruk.organization(org))
