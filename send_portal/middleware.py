"""The portal's own middleware: request ids and logs, and a 503 page when the database is down."""

import logging
import re
import time
import uuid

from django.db import InterfaceError, OperationalError
from django.utils.functional import SimpleLazyObject, empty

from .logging import request_id

logger = logging.getLogger("send_portal.requests")

# An id sent by the load balancer or a client is kept if it looks like one (and so is safe to log).
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

# What a database that is down, restarting or unreachable raises (psycopg and sqlite3 alike).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def _signed_in_user_id(request):
    """The signed-in user's id, without loading the user just to log it (that is a query)."""
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    try:
        return user.pk if user.is_authenticated else None
    except Exception:  # never let logging break a response
        return None


class RequestLogMiddleware:
    """Give every request an id and log one line when it is answered.

    The id is the incoming X-Request-ID header when it is sane (so a load balancer's id follows
    the request), otherwise a new uuid4. It is sent back as X-Request-ID and stamped on every log
    record written while the request is served. Put this first in MIDDLEWARE so static files,
    redirects and error pages are logged and timed too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - start) * 1000, 1)
            response["X-Request-ID"] = rid
            logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": _signed_in_user_id(request),
                },
            )
            return response
        finally:
            request_id.reset(token)


class DatabaseUnavailableMiddleware:
    """Answer 503 in the portal's layout when a view finds the database down.

    The page is rendered without the database (see `send_portal.views.service_unavailable`).
    Failures outside views (a session saved after the view) reach `handler500`, which answers
    the same 503 for the same errors. Nothing is half-written: every write is one transaction,
    rolled back when the connection fails. Django's CONN_HEALTH_CHECKS drops a broken
    connection on the next request, so the portal recovers by itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        from .views import service_unavailable

        logger.error("Database unavailable: answering 503", exc_info=exception)
        return service_unavailable(request)
