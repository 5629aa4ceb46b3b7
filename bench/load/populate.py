"""Fill a throwaway database for the load test and write a manifest for locust.

    DJANGO_SETTINGS_MODULE=bench.load.settings DATABASE_URL=... python -m bench.load.populate \
        --services 10000 --manifest /tmp/load/manifest.json

The seed data; staff accounts (officers who lead actions, board members, a programme manager);
some progress recorded through the services (so with history) and one published report; then
N generated directory services. Generated services are benchmark data, not anyone's change, so
they are bulk-created without history (the PostgreSQL trigger still fills their search vectors).
"""

import argparse
import datetime
import functools
import json
import random
import time
from pathlib import Path

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from actions.models import OPEN_STATUSES, Action, Status  # noqa: E402
from actions.services import action_record_progress  # noqa: E402
from governance.models import LeadRole, ReportingPeriod  # noqa: E402
from governance.roles import BOARD_MEMBER, OFFICER, PROGRAMME_MANAGER, ensure_roles  # noqa: E402
from priorities.models import Strategy  # noqa: E402
from provision import services as provision_services  # noqa: E402
from provision.models import (  # noqa: E402
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

PASSWORD = "load-test-password-not-secret"
AREAS = ["Bootle", "Crosby", "Southport", "Formby", "Maghull", "Netherton", "Litherland", "Ainsdale", "Birkdale"]
KINDS = [
    "Short breaks club",
    "Speech and language drop-in",
    "Parent carer support group",
    "Sensory play session",
    "Autism family support",
    "Youth club for disabled young people",
    "Holiday activity scheme",
    "Occupational therapy clinic",
    "SEND information and advice",
    "Wellbeing and mental health service",
    "Supported internship",
    "Dyslexia tutoring",
    "Physiotherapy service",
    "Sleep support service",
    "Sibling support group",
]
SENTENCES = [
    "Friendly sessions for children and young people with special educational needs and disabilities.",
    "Run by trained staff who understand autism, ADHD and sensory processing differences.",
    "Families can come along without a referral; please call ahead for your first visit.",
    "We support communication, social skills and independence through play and activities.",
    "Parents and carers can meet others, share experience and get practical advice.",
    "Sessions are small and quiet, with a calm space for anyone who needs a break.",
    "We work with schools, health visitors and the local authority's SEND team.",
    "Support for speech, language and communication needs, including signing and visual aids.",
    "Help with sleep, toileting, eating and other everyday routines at home.",
    "Activities include swimming, music, art, cooking and trips out in the holidays.",
]


@functools.cache
def _password_hash() -> str:
    """Hashed once and shared by every load account: sign-ins still pay the real hashing cost."""
    return make_password(PASSWORD)


def _account(username: str, role: str, **extra):
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={"password": _password_hash(), "email": f"{username}@example.org", "first_name": "Load", **extra},
    )
    user.groups.set([ensure_roles()[role]])
    return user


def programme_manager():
    return _account("load-manager", PROGRAMME_MANAGER, last_name="Manager")


def staff():
    """20 officers, each holding a lead role with open actions (some share one), and 5 board members."""
    roles = list(
        LeadRole.objects.annotate(
            n=Count(
                "actions",
                filter=Q(actions__status__in=OPEN_STATUSES, actions__outcome__strategy__status=Strategy.Status.CURRENT),
            )
        )
        .filter(n__gt=0)
        .order_by("-n", "pk")
    )
    officers = []
    for i in range(20):
        officer = _account(f"load-officer-{i + 1:02d}", OFFICER, last_name=f"Officer {i + 1}")
        role = roles[i % len(roles)]
        role.holders.add(officer)
        actions = list(
            role.actions.filter(status__in=OPEN_STATUSES, outcome__strategy__status=Strategy.Status.CURRENT)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        officers.append({"username": officer.username, "actions": actions})
    board = [_account(f"load-board-{i + 1}", BOARD_MEMBER, last_name=f"Board {i + 1}").username for i in range(5)]
    return officers, board


def history(manager, rng):
    """Two progress updates on each of 60 actions, through the service (so with history)."""
    strategy = Strategy.objects.current().first()
    actions = list(Action.objects.for_strategy(strategy).open().order_by("pk")[:60])
    past = list(ReportingPeriod.objects.filter(ends_on__lt=timezone.localdate()).order_by("starts_on"))[-2:]
    count = 0
    for action in actions:
        for i, period in enumerate(past):
            when = timezone.make_aware(datetime.datetime.combine(period.ends_on, datetime.time(10)))
            last = i == len(past) - 1
            action_record_progress(
                action=action,
                user=manager,
                expected_version=action.version,
                status=rng.choice([Status.ON_TRACK, Status.COMPLETE]) if last else Status.ON_TRACK,
                narrative="Load test data: progress as reported to the board.",
                recorded_at=when,
            )
            count += 1
    return count, past


def published_report(manager, past) -> list[str]:
    """Publish the last past period's report (a frozen PDF), if the report app can."""
    try:
        from governance import services as governance_services
    except ImportError:
        return []
    if not past or not hasattr(governance_services, "report_publish"):
        return []
    report = governance_services.report_for_period(period=past[-1], save=True)
    published = governance_services.report_publish(report=report, user=manager)
    return [f"/governance/reports/published/{published.pk}.pdf"]


def directory(n: int, rng) -> dict:
    """N generated services across the partnership's organisations, venues and taxonomy terms."""
    organizations = list(Organization.objects.all())
    needs = list(TaxonomyTerm.objects.needs())
    categories = list(TaxonomyTerm.objects.categories())
    venues = list(Location.objects.filter(location_type=Location.LocationType.PHYSICAL))
    venues += Location.objects.bulk_create(
        [
            Location(name=f"{area} venue {i + 1}", address_1=f"{i + 1} High Street", area=area, postcode="L20 3NJ")
            for area in AREAS
            for i in range(30)
        ]
    )
    services, attributes, places = [], [], []
    for i in range(n):
        terms = rng.sample(needs, rng.randint(1, 3)) + rng.sample(categories, rng.randint(1, 2))
        low = rng.choice([None, 0, 0, 5, 11, 16])
        high = None if low is None else rng.choice([a for a in (4, 11, 18, 25) if a >= low] or [25])
        service = Service(
            organization=rng.choice(organizations),
            name=f"{rng.choice(KINDS)} – {rng.choice(AREAS)} {i + 1}",
            description=" ".join(rng.sample(SENTENCES, 3)),
            status=rng.choices([Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED], [19, 1])[0],
            minimum_age=low,
            maximum_age=high,
            access=rng.choice([c for c, _ in Service.Access.choices if c != Service.Access.TEAM]),
            cost=rng.choice(["free", "free", "charge"]),
            schedule_description="Weekdays after school and Saturday mornings.",
            assured_date=timezone.localdate() - datetime.timedelta(days=rng.randint(0, 500)),
            taxonomy_text=provision_services.taxonomy_text(terms),
        )
        services.append(service)
        attributes += [Attribute(service=service, taxonomy_term=term) for term in terms]
        if rng.random() < 0.8:
            places.append(ServiceAtLocation(service=service, location=rng.choice(venues)))
    Service.objects.bulk_create(services, batch_size=1000)
    Attribute.objects.bulk_create(attributes, batch_size=2000)
    ServiceAtLocation.objects.bulk_create(places, batch_size=2000)
    listed = Service.objects.listed().values_list("pk", flat=True)
    return {
        "services": [str(pk) for pk in listed],
        "needs": [t.slug for t in needs],
        "categories": [t.slug for t in categories],
        "areas": sorted({v.area for v in venues if v.area}),
    }


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.load.populate")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--manifest", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(7)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    manager = programme_manager()
    updates, past = history(manager, rng)  # first: an action it completes is no longer open for officers
    officers, board = staff()
    reports = published_report(manager, past)
    listing = directory(args.services, rng)
    with connection.cursor() as cursor:
        # As autovacuum would soon after a bulk load: statistics, and a visibility map for index-only scans.
        cursor.execute("VACUUM ANALYZE")
    manifest = {
        "password": PASSWORD,
        "officers": officers,
        "board": board,
        "reports": reports,
        "keywords": ["autism", "speech therapy", "short breaks", "sensory", "Southport", "sleep", "speach", "dyslexia"],
        **listing,
    }
    args.manifest.write_text(json.dumps(manifest))
    print(
        f"Populated in {time.perf_counter() - start:.0f} s: {len(listing['services']):,} listed services, "
        f"{len(officers)} officers, {len(board)} board members, {updates} progress updates, "
        f"{len(reports)} published report(s)"
    )


if __name__ == "__main__":
    main()
