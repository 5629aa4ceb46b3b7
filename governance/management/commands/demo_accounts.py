"""Create one demo account per role, for development only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

from governance.demo import DEMO_ACCOUNTS
from governance.models import LeadRole
from governance.roles import PROGRAMME_MANAGER, ensure_roles


class Command(BaseCommand):
    help = "Create demo accounts (officer, programme manager, board member). Refuses unless DJANGO_DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only: set DJANGO_DEBUG=1 to create them.")
        groups = ensure_roles()
        User = get_user_model()
        with transaction.atomic():
            for username, password, role, first, last in DEMO_ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
                )
                if created:
                    user.set_password(password)
                user.is_staff = role == PROGRAMME_MANAGER  # programme managers may use the admin
                user.is_superuser = False
                user.save()
                user.groups.set([groups[role]])
            # The demo officer holds the lead role with the most actions, whatever the partnership.
            officer = User.objects.get(username="officer")
            busiest = LeadRole.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
            if busiest and not officer.lead_roles.exists():
                busiest.holders.add(officer)
        self.stdout.write("Demo accounts (development only):")
        for username, password, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<18} username: {username:<8} password: {password}")
        if busiest:
            self.stdout.write(f"  The demo officer leads: {', '.join(r.title for r in officer.lead_roles.all())}")
