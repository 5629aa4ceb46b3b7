from .models import Partnership


def partnership(request):
    """The partnership this portal serves: its name heads every page (data, never code)."""
    if not hasattr(request, "_partnership"):
        request._partnership = Partnership.objects.order_by("pk").first()
    return {"partnership": request._partnership}
