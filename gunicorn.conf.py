"""gunicorn's settings for the portal, read from the environment (`make serve` uses this file).

    gunicorn -c gunicorn.conf.py

WEB_CONCURRENCY   worker processes (default: 2 x the cores this process may use, + 1)
GUNICORN_BIND     address to listen on (default 127.0.0.1:8000; 0.0.0.0:8000 in a container)
GUNICORN_TIMEOUT  seconds before a stuck worker is restarted (default 30)
GUNICORN_ACCESS_LOG  "-" for stdout (default), a file path, or "off" (the portal logs every
                  request itself, with the request id and the signed-in user)
LOG_FORMAT        json or plain, as for the portal (see send_portal/logging.py)
FORWARDED_ALLOW_IPS  read by gunicorn itself: the load balancers whose X-Forwarded-* it trusts
GUNICORN_CONTROL_SOCKET  a path to turn on gunicorn's control socket (`gunicornc`); off by default,
                  since every instance on a machine would otherwise share one default path
"""

import os


def _positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of at least 1, not {value!r}.")
    return int(value)


wsgi_app = "send_portal.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "").strip() or "127.0.0.1:8000"]

# Sync workers: each request has a process to itself, and each process keeps its own database
# connection (CONN_MAX_AGE). The usual rule of thumb: 2 per core, plus one.
workers = _positive_int("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1)
timeout = _positive_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Behind a load balancer that reuses connections.
keepalive = 5
# Replace each worker after a while, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200

_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
control_socket_disable = not _control_socket
if _control_socket:
    control_socket = _control_socket

# Logs to stdout, as JSON lines unless LOG_FORMAT=plain.
_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-").strip()
accesslog = None if _access_log.lower() in {"off", "none", ""} else _access_log
errorlog = "-"
logger_class = "send_portal.logging.GunicornLogger"
# Used when LOG_FORMAT=plain: the combined format, the time taken and the request id.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %({x-request-id}o)s'
