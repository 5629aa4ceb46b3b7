"""The portal's URLs plus /hello/, a Django hello-world view: the ceiling for this machine.

Served by the same gunicorn with the same middleware as the portal's pages; only the load
test's settings (bench/load/settings.py) point here, never the portal's.
"""

from django.http import HttpResponse
from django.urls import path

from send_portal.urls import *  # noqa: F403  (the handlers too)
from send_portal.urls import urlpatterns as portal_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("hello/", hello, name="hello"), *portal_urlpatterns]
