from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project itself, as an app: wires up what spans the other apps."""

    name = "send_portal"
    verbose_name = "SEND Partnership Portal"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
