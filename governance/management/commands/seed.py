"""Load the seed fixtures that are not yet in the database.

Each fixture is loaded once: if its first object already exists it is skipped, so running
this again neither duplicates data nor overwrites changes made since through the portal.
`--force` reloads them all (fixtures carry fixed primary keys, so rows are updated in place).

Every object loaded gets a history record naming the fixture as the reason: its first record,
or, on a forced reload, a new one for each row the reload changed. `loaddata` alone writes none
for plain fields (its saves are raw) and reason-less ones for many-to-many fields, so history is
switched off while it runs and written here instead.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction
from django.test.utils import override_settings


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
                with override_settings(SIMPLE_HISTORY_ENABLED=False):
                    call_command("loaddata", str(path), verbosity=0)
                recorded = self._record_history(json.loads(path.read_text()), name)
            self._say(self.style.SUCCESS(f"  {name}: loaded ({recorded} history records)"))

    def _say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def _record_history(self, objects, name) -> int:
        """Give each loaded object a history record: its first, or a new one if the load changed it
        (a forced reload over changes made in the portal), so the timeline explains every value."""
        recorded = 0
        for item in objects:
            model = apps.get_model(item["model"])
            history = getattr(model, "history", None)
            if history is None:
                continue
            instance = model._default_manager.get(pk=item["pk"])
            # The last record written holds the state last recorded (example data may be back-dated).
            last = history.filter(**{model._meta.pk.attname: item["pk"]}).order_by("history_id").last()
            if last is None:
                instance._change_reason = f"Loaded from the seed fixture {name}"
            elif _differs(instance, last):
                instance._change_reason = f"Reloaded from the seed fixture {name}"
            else:
                continue
            instance.save()
            recorded += 1
        return recorded


def _differs(instance, record) -> bool:
    """Whether `instance` differs from its historical `record` in any field the history keeps."""
    for field in instance._meta.concrete_fields:
        if hasattr(record, field.attname) and getattr(record, field.attname) != getattr(instance, field.attname):
            return True
    for field in getattr(record, "_history_m2m_fields", []):
        target = field.m2m_reverse_field_name()
        kept = {getattr(row, f"{target}_id") for row in getattr(record, field.name).all()}
        if kept != set(getattr(instance, field.name).values_list("pk", flat=True)):
            return True
    return False
