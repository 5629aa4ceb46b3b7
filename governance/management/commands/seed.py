"""Load the seed fixtures that are not yet in the database.

Each fixture is loaded once: if its first object already exists it is skipped, so running
this again neither duplicates data nor overwrites changes made since through the portal.
`--force` reloads them all (fixtures carry fixed primary keys, so rows are updated in place).
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction


class Command(BaseCommand):
    help = "Load seed fixtures from fixtures/ that are not loaded yet."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", help="Fixture names (default: the SEED_FIXTURES setting).")
        parser.add_argument("--force", action="store_true", help="Reload even if already loaded.")

    def handle(self, *args, fixtures, force, verbosity, **options):
        self.verbosity = verbosity
        for name in fixtures or settings.SEED_FIXTURES:
            path = Path(settings.BASE_DIR) / "fixtures" / f"{name}.json"
            if not path.exists():
                self._say(f"  {name}: no fixture file yet, skipped")
                continue
            first = json.loads(path.read_text())[0]
            model = apps.get_model(first["model"])
            if not force and model._default_manager.filter(pk=first["pk"]).exists():
                self._say(f"  {name}: already loaded")
                continue
            with transaction.atomic():
                call_command("loaddata", str(path), verbosity=0)
                recorded = self._record_history(json.loads(path.read_text()), name)
            self._say(self.style.SUCCESS(f"  {name}: loaded ({recorded} history records)"))

    def _say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def _record_history(self, objects, name) -> int:
        """loaddata saves raw, which writes no history: give each loaded object its first record,
        so every later change in the timeline has something to be compared with."""
        recorded = 0
        for item in objects:
            model = apps.get_model(item["model"])
            history = getattr(model, "history", None)
            if history is None or history.filter(**{model._meta.pk.attname: item["pk"]}).exists():
                continue
            instance = model._default_manager.get(pk=item["pk"])
            instance._change_reason = f"Loaded from the seed fixture {name}"
            instance.save()
            recorded += 1
        return recorded
