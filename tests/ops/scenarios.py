"""Steps the ops tests run inside the portal, in a separate process against the throwaway cluster:
`python -m tests.ops.scenarios NAME '{"json": "arguments"}'`. The last line printed is a JSON answer.

They run in their own process because the test process's database may be SQLite (the suite runs
on both), while these steps need PostgreSQL's real transactions and locks.
"""

import contextlib
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.ops.serving_settings")

import django  # noqa: E402

django.setup()

from unittest import mock  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from simple_history.signals import post_create_historical_record  # noqa: E402

from actions.models import OPEN_STATUSES, Action, Status  # noqa: E402
from actions.services import action_record_progress  # noqa: E402
from governance.models import LeadRole  # noqa: E402
from governance.roles import OFFICER, ensure_roles  # noqa: E402


def populate() -> dict:
    """The seed data, the demo accounts, example progress (recorded through the services, so with
    history) and one published report; plus a second officer who deputises for the first."""
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    call_command("demo_accounts", verbosity=0)
    call_command("demo_data", verbosity=0)
    User = get_user_model()
    # The demo passwords are published, so a portal with debug off refuses them: give each its own.
    for user in User.objects.filter(username__in=["officer", "manager", "board"]):
        user.set_password(f"{user.username}-ops-pass")
        user.save()
    officer = User.objects.get(username="officer")
    second = User.objects.create_user(
        "officer2", email="officer2@example.org", password="officer2-ops-pass", first_name="Omar", last_name="Deputy"
    )
    second.groups.add(ensure_roles()[OFFICER])
    role = LeadRole.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
    role.delegates.add(second)
    action = role.actions.filter(status__in=OPEN_STATUSES, outcome__strategy__status="current").order_by("pk").first()
    return {"officer": officer.username, "second_officer": second.username, "action": action.pk}


class Interrupted(Exception):
    pass


def interrupted_progress(*, action: int, username: str, fail_at: str) -> dict:
    """Record progress, failing partway: after the progress update and its history row are written
    (`after_update`), or after every write, the action and its history row included (`last_write`);
    or not at all (`none`)."""
    user = get_user_model().objects.get(username=username)
    target = Action.objects.get(pk=action)
    HistoricalAction = Action.history.model

    def fail_after_last_write(sender, history_instance, **kwargs):
        if isinstance(history_instance, HistoricalAction):
            raise Interrupted("after the last write")

    with contextlib.ExitStack() as stack:
        if fail_at == "after_update":
            stack.enter_context(
                mock.patch("actions.services._save_with_reason", side_effect=Interrupted("after the first write"))
            )
        elif fail_at == "last_write":
            post_create_historical_record.connect(fail_after_last_write)
            stack.callback(post_create_historical_record.disconnect, fail_after_last_write)
        try:
            action_record_progress(
                action=target,
                user=user,
                expected_version=target.version,
                status=Status.ON_TRACK,
                narrative="This update must never be half-saved.",
            )
        except Interrupted as exc:
            return {"interrupted": str(exc)}
    return {"interrupted": None}


SCENARIOS = {"populate": populate, "interrupted_progress": interrupted_progress}

if __name__ == "__main__":
    name, arguments = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    answer = SCENARIOS[name](**arguments)
    print(json.dumps(answer))
