"""The example data a newcomer sees (`make run`) gives every action a history that reads in order."""

import pytest
from django.core.management import call_command

from actions.models import Action, ProgressUpdate
from actions.timeline import action_timeline

pytestmark = pytest.mark.django_db


def test_example_progress_reads_in_order_in_each_action_timeline(seeded, settings):
    settings.DEBUG = True  # example data is for development only
    call_command("demo_accounts", verbosity=0)
    call_command("demo_data", verbosity=0)
    updated = Action.objects.filter(pk__in=ProgressUpdate.objects.filter(is_example=True).values("action"))
    assert updated.exists()
    for action in updated:
        entries, _ = action_timeline(action, limit=50)
        assert entries[-1].kind == "Created", action.reference
        assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True), action.reference
        latest_status = next((c.new for c in entries[0].changes if c.label == "Status"), None)
        assert latest_status in (None, action.get_status_display()), action.reference
        assert "System" not in {e.who for e in entries[:-1]}, action.reference
