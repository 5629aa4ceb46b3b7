from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_roles(sender, **kwargs):
    from .roles import ensure_roles

    ensure_roles()


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "governance"

    def ready(self):
        # Roles exist in every database, test databases included, once migrations have run.
        # After every app's migrations, not only this one's: the roles carry permissions of apps
        # listed after this one (actions, provision), which exist only once those have migrated.
        post_migrate.connect(_create_roles, dispatch_uid="governance.create_roles")
