"""Officer pages at 1,000 actions and 20,000 progress updates (issue 5).

Data is generated with bulk_create for speed: it is benchmark data, not a user's change, so it
does not need audit history, except the one action whose long history is being measured.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from actions.models import Action, Outcome, ProgressUpdate, Status
from governance.models import Board, LeadRole, Organisation, ReportingPeriod
from governance.roles import OFFICER, ensure_roles
from priorities.models import Partnership, Priority, Strategy

from .harness import time_get


def build(actions: int, updates: int, history: int):
    rng = random.Random(42)
    partnership = Partnership.objects.create(name="Bench partnership", area="Benchshire")
    strategy = Strategy.objects.create(
        partnership=partnership, title="Bench strategy", slug="bench", first_year=2025, last_year=2027, status="current"
    )
    priorities = [Priority.objects.create(strategy=strategy, number=n, title=f"Priority {n}") for n in range(1, 5)]
    org = Organisation.objects.create(partnership=partnership, name="Bench council")
    roles = [LeadRole.objects.create(organisation=org, title=f"Lead role {n}") for n in range(20)]
    board = Board.objects.create(partnership=partnership, name="Bench scrutiny")
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(
        board=board,
        title="Bench period",
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today + datetime.timedelta(days=90),
    )
    outcomes = [Outcome.objects.create(strategy=strategy, number=n, statement=f"Outcome {n}") for n in range(1, 51)]
    for outcome in outcomes:
        outcome.priorities.add(*rng.sample(priorities, 2))
    statuses = [s for s in Status.values if s != Status.WITHDRAWN]
    objs = []
    for n in range(actions):
        year, quarter = 2024 + n % 4, n % 4 + 1
        objs.append(
            Action(
                outcome=outcomes[n % 50],
                number=n // 50 + 1,
                title=f"Bench action {n} to improve access to support",
                description="Generated for the benchmark. " * 5,
                due_text=f"Q{quarter} {year}/{(year + 1) % 100:02d}",
                due_quarter=f"Q{quarter} {year}/{(year + 1) % 100:02d}",
                status=rng.choice(statuses),
            )
        )
    created = Action.objects.bulk_create(objs)
    Through = Action.leads.through
    Through.objects.bulk_create([Through(action_id=a.pk, leadrole_id=roles[i % 20].pk) for i, a in enumerate(created)])
    user = get_user_model().objects.create_user("bench-officer", password="x")
    user.groups.add(ensure_roles()[OFFICER])
    roles[0].holders.add(user)
    now = timezone.now()
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=created[i % actions],
                period=period if i % 3 else None,
                status=rng.choice(statuses),
                narrative="Progress narrative for the benchmark. " * 4,
                recorded_at=now - datetime.timedelta(minutes=i),
                author=user,
            )
            for i in range(updates)
        ],
        batch_size=2000,
    )
    long = created[0]
    records = []
    for i in range(history):
        long.status = statuses[i % len(statuses)]
        long.version = i + 2
        records.append(Action(**{f.attname: getattr(long, f.attname) for f in Action._meta.concrete_fields}))
    Action.history.bulk_history_create(
        records, default_user=user, default_change_reason="Benchmark change", default_date=now
    )
    return user, long


def run(args):
    ensure_roles()
    user, long = build(actions=1000, updates=20000, history=2000)
    client = Client()
    client.force_login(user)
    size = "1,000 actions, 20,000 updates"
    yield time_get("my actions (officer, 50 actions)", "/actions/mine/", size=size, n=args.n, client=client)
    yield time_get(
        "action plan, filtered (status, overdue)",
        "/actions/?status=on_track&status=at_risk&overdue=on",
        size=size,
        n=args.n,
        client=client,
    )
    yield time_get("action plan, page 10", "/actions/?page=10", size=size, n=args.n, client=client)
    yield time_get(
        "action page, 2,000 history rows",
        f"/actions/{long.pk}/",
        size=size + ", 2,000 history",
        n=args.n,
        client=client,
    )
    yield time_get(
        "action history page 20 of 40",
        f"/actions/{long.pk}/history/?page=20",
        size=size + ", 2,000 history",
        n=args.n,
        client=client,
    )
    yield time_get("CSV export, 1,000 actions", "/actions/export.csv", size=size, n=max(5, args.n // 10), client=client)
