"""Whole-page caching of the public pages, shared by every app server.

Parents search the directory far more often than anyone changes it. So an anonymous GET of a
public page is answered from the shared cache (Redis: REDIS_URL) until what it shows changes.

Each cached page belongs to a section of the portal. Saving or deleting any model of that
section's apps gives the section a new generation, which is part of every page's cache key, so
the next request renders afresh on every app server at once; old entries simply expire.
PAGE_CACHE_SECONDS bounds how stale a page can get through writes that send no signals
(bulk updates, raw SQL).

Never cached: signed-in people, anyone with a session or a pending message, responses that set
a cookie or carry a CSRF token, and anything but a 200. Caching is on only when the cache is
shared between processes (settings: off with the per-process memory cache, where one worker
could not tell another that a page changed).
"""

import functools
import hashlib
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

# Which apps' models each section's pages show.
SECTIONS = {
    "directory": {"provision"},
    "plan": {"priorities", "actions", "governance"},
}
# Records that no cached page shows: the background PDF builds, the progress narratives (staff
# pages only; the action's status, which the plan pages do show, is saved on the action) and the
# reminders. Audit history (simple-history's models) is never on a cached page either.
IGNORED = {
    "governance.draftpdf",
    "governance.publicationrequest",
    "actions.progressupdate",
    "actions.reminder",
}
# Fields no cached page shows: a save that touches only these (update_fields) renews nothing.
# An action's version moves on every progress update, even one that leaves its status as it was.
UNSHOWN_FIELDS = {
    "actions.action": {"version"},
}


# Each section's generation as read during one cached public request: the page's key, its
# filter choices and its cards then agree, at one Redis round trip per section, not one per use.
_request_generations: ContextVar[dict | None] = ContextVar("request_generations", default=None)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def generation(section: str) -> str:
    seen = _request_generations.get()
    if seen is not None and section in seen:
        return seen[section]
    key = f"page-generation:{section}"
    value = cache.get(key)
    if value is None:
        value = uuid.uuid4().hex
        # add, not set: if another process got there first, use its value.
        if not cache.add(key, value, None):
            value = cache.get(key) or value
    if seen is not None:
        seen[section] = value
    return value


def bump(section: str) -> None:
    value = uuid.uuid4().hex
    cache.set(f"page-generation:{section}", value, None)
    seen = _request_generations.get()
    if seen is not None:
        seen[section] = value


def section_cached(section: str, name: str, compute):
    """compute() once per generation of the section (when caching is on), e.g. a filter's choices."""
    if not enabled():
        return compute()
    key = f"section:{section}:{generation(section)}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def section_cached_many(section: str, name: str, keys: list, compute_missing) -> dict:
    """{key: value} for `keys`, computing (compute_missing(missing_keys) -> dict) only what this
    generation of the section has not cached yet: one cache round trip for the lot."""
    if not enabled():
        return compute_missing(keys)
    prefix = f"section:{section}:{generation(section)}:{name}:"
    found = cache.get_many([f"{prefix}{key}" for key in keys])
    values = {key: found[f"{prefix}{key}"] for key in keys if f"{prefix}{key}" in found}
    missing = [key for key in keys if key not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({f"{prefix}{key}": value for key, value in computed.items()}, settings.PAGE_CACHE_SECONDS)
        values.update(computed)
    return values


def _cacheable(request) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request, section: str) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{section}:{generation(section)}:{digest}"


def cache_public_page(section: str):
    """Serve the view's anonymous 200 responses from the shared cache until the section changes."""
    if section not in SECTIONS:
        raise ValueError(f"Unknown page-cache section {section!r}")

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            token = _request_generations.set({})
            try:
                return _serve(request, view, section, *args, **kwargs)
            finally:
                _request_generations.reset(token)

        return wrapped

    return decorator


def _serve(request, view, section: str, *args, **kwargs):
    key = _key(request, section)
    hit = cache.get(key)
    if hit is not None:
        content, headers = hit
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return response
    response = view(request, *args, **kwargs)
    if (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not request.user.is_authenticated
    ):
        # The headers the view set (content type, CORS...); middleware adds the rest each time.
        cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
    return response


def _shown(sender, update_fields) -> bool:
    """Whether a cached page could show this change."""
    label = sender._meta.label_lower
    if label in IGNORED or hasattr(sender, "instance_type"):  # instance_type: a simple-history model
        return False
    return not (update_fields and set(update_fields) <= UNSHOWN_FIELDS.get(label, set()))


def _changed(sender, using=None, update_fields=None, **kwargs):
    if not enabled() or not _shown(sender, update_fields):
        return
    app_label = sender._meta.app_label
    for section, apps in SECTIONS.items():
        if app_label in apps:
            bump(section)
            # Again once the change is committed: a page rendered between the first bump and the
            # commit could not see the change yet, and must not outlive it.
            transaction.on_commit(functools.partial(bump, section), using=using)


def connect_signals() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(_changed, dispatch_uid=f"page-cache-{name}")
