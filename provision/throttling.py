"""A fixed-window rate limit per client address, kept in Django's cache.

Good enough against floods from one address; it is not a defence against a botnet (the
honeypot field and moderation before publishing are the other layers).
"""

from django.conf import settings
from django.core.cache import cache

# (requests, seconds): at most 5 feedback forms from one address in 10 minutes.
DEFAULT_FEEDBACK_RATE = (5, 600)


def client_address(request) -> str:
    # Behind a proxy, Django's REMOTE_ADDR is the proxy; django-axes is told how many proxies
    # to trust (AXES_IPWARE_PROXY_COUNT) and we follow the same setting.
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope: str, rate: tuple[int, int] | None = None) -> bool:
    """Count this request against the limit; False once the limit is passed."""
    limit, window = rate or getattr(settings, "PROVISION_FEEDBACK_RATE", DEFAULT_FEEDBACK_RATE)
    key = f"throttle:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
