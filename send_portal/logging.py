"""Structured logs: one JSON object per line on stdout, for the platform's log collector.

Every record carries the id of the request being served (`request_id`, set by
`send_portal.middleware.RequestLogMiddleware`), so a request's access line, its warnings and
its traceback can be found together. `LOG_FORMAT=plain` gives readable lines instead (the
default when DJANGO_DEBUG is on).

`GunicornLogger` makes gunicorn's own access and error logs follow the same format.
"""

import contextvars
import datetime
import json
import logging
import os

from gunicorn import glogging

# The id of the request this thread is serving, or None outside a request.
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}
# Objects Django attaches to some records (django.request, django.server) that are no use in a log line.
_SKIP = {"request", "server_time"}


def log_format_from_environment() -> str:
    """LOG_FORMAT if set (json or plain), else plain in debug and json otherwise."""
    value = os.environ.get("LOG_FORMAT", "").strip().lower()
    if not value:
        debug = os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
        return "plain" if debug else "json"
    if value not in {"json", "plain"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {value!r}.")
    return value


class RequestIdFilter(logging.Filter):
    """Stamp each record with the current request id ('-' outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id, any `extra=` fields, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id.get()
        if rid and rid != "-":
            entry["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in _SKIP and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class GunicornLogger(glogging.Logger):
    """gunicorn's logger, writing JSON lines when LOG_FORMAT is json (see gunicorn.conf.py).

    The access line carries the X-Request-ID the portal set on the response, so it matches the
    portal's own request log line.
    """

    def setup(self, cfg):
        super().setup(cfg)
        self.json = log_format_from_environment() == "json"
        if self.json:
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.json or not self.cfg.accesslog:
            return super().access(resp, req, environ, request_time)
        atoms = self.atoms(resp, req, environ, request_time)
        fields = {
            "remote_addr": atoms["h"],
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "request_id": atoms.get("{x-request-id}o", "-"),
            "referer": atoms["f"],
            "user_agent": atoms["a"],
        }
        try:
            self.access_log.info("%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields)
        except Exception:
            self.exception("Could not write the access log line")
