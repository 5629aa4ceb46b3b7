import logging
import sys

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .cache import cache_public_page
from .context_processors import PUBLIC_NAV, _items

logger = logging.getLogger(__name__)


@cache_public_page("plan")
@require_GET
def home(request):
    return render(request, "pages/home.html")


@never_cache
@require_GET
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page(template):
    @require_GET
    def view(request):
        return render(request, template)

    return view


def bad_request(request, exception=None):
    # Often raised before the middleware has run (a bad Host header): no user or session to rely on.
    return render_without_database(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def render_without_database(request, template_name: str, *, status: int) -> HttpResponse:
    """An error page in the portal's layout that needs no database.

    The context processors are not run (the partnership's name and the signed-in user are read
    from the database), so the layout gets what it needs here: no partnership, nobody signed in,
    the public navigation, and the request.
    """
    context = {
        "request": request,
        "partnership": None,
        "user": AnonymousUser(),
        "public_nav": _items(request, PUBLIC_NAV),
        "messages": [],
    }
    response = HttpResponse(loader.render_to_string(template_name, context), status=status)
    add_never_cache_headers(response)
    return response


def service_unavailable(request, exception=None):
    """503 while the database is down; load balancers and browsers may try again shortly."""
    response = render_without_database(request, "503.html", status=503)
    response["Retry-After"] = "30"
    return response


def server_error(request):
    # The database may be the reason we are here: render without it, and say 503 if it is down.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return service_unavailable(request)
    return render_without_database(request, "500.html", status=500)
