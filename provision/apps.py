from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProvisionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "provision"
    verbose_name = "Local Offer directory"

    def ready(self):
        from .roles import ensure_directory_roles

        # After auth has created the permissions: post_migrate is sent app by app, in
        # INSTALLED_APPS order, and provision comes after django.contrib.auth.
        post_migrate.connect(ensure_directory_roles, sender=self, dispatch_uid="provision-directory-roles")
