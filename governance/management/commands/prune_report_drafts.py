"""Delete old draft report PDFs. Any draft can be built again from its report; published
reports are never touched. Run daily from cron (README, Deploying)."""

import datetime

from django.core.management import BaseCommand, CommandError

from governance import services


class Command(BaseCommand):
    help = "Delete draft report PDFs that finished building (or failed) more than --days days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Keep drafts newer than this many days (default 7).")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be zero or more.")
        deleted = services.draft_pdfs_prune(older_than=datetime.timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} draft PDF{'' if deleted == 1 else 's'} older than {days} days.")
