"""SEND snapshot benchmarks (issue 8): the grid at 10,000 and 100,000 services.

The seed data gives the needs, organisations, venues and indicators; generated services are
added on top with bulk_create (benchmark data, not anyone's change, so without history).
The grid is a handful of aggregate queries, so its query count is the same at both sizes.
"""

import datetime
import random
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from provision.models import Attribute, Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from provision.services import taxonomy_text

from .harness import time_get

SIZES = [10_000, 100_000]
AREAS = [f"Bench area {n}" for n in range(1, 10)]
AGES = [(None, None), (0, 4), (0, 18), (5, 11), (11, 16), (14, 25), (16, None), (None, 19), (18, 25)]
ROUTES = ["", "open_access", "self_referral", "professional_referral", "team_referral"]


def generate(count: int, *, start: int, rng: random.Random) -> float:
    """Add `count` services with needs, categories and venues; return the seconds it took."""
    began = time.perf_counter()
    organizations = list(Organization.objects.all())
    needs = list(TaxonomyTerm.objects.needs())
    categories = list(TaxonomyTerm.objects.categories())
    venues = list(Location.objects.filter(name__startswith="Bench venue"))
    if not venues:
        venues = Location.objects.bulk_create(
            [Location(name=f"Bench venue {area} {i}", area=area) for area in AREAS for i in range(20)]
        )
    today = timezone.localdate()
    for offset in range(0, count, 5_000):
        services, attributes, places = [], [], []
        for i in range(start + offset, start + min(offset + 5_000, count)):
            low, high = rng.choice(AGES)
            route = rng.choice(ROUTES)
            terms = rng.sample(needs, rng.randint(0, 3)) + rng.sample(categories, 1)
            service = Service(
                organization=rng.choice(organizations),
                name=f"Bench service {i}",
                description="Generated for the snapshot benchmark.",
                status=rng.choices(["active", "temporarily closed", "inactive"], [18, 1, 1])[0],
                minimum_age=low,
                maximum_age=high,
                access=route,
                referral_team="Bench team" if route == "team_referral" else "",
                assured_date=rng.choice([None, today - datetime.timedelta(days=rng.randint(0, 700))]),
                taxonomy_text=taxonomy_text(terms),
            )
            services.append(service)
            attributes += [Attribute(service=service, taxonomy_term=term) for term in terms]
            for venue in rng.sample(venues, rng.choice([0, 1, 1, 2])):
                places.append(ServiceAtLocation(service=service, location=venue))
        Service.objects.bulk_create(services, batch_size=1_000)
        Attribute.objects.bulk_create(attributes, batch_size=2_000)
        ServiceAtLocation.objects.bulk_create(places, batch_size=2_000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load: fresh planner statistics
    return time.perf_counter() - began


def run(args):
    call_command("seed", verbosity=0)
    user = get_user_model().objects.create_user("bench-snapshot", password="x")
    client = Client()
    client.force_login(user)
    rng = random.Random(8)
    have = Service.objects.count()
    for size in SIZES:
        seconds = generate(size - have, start=have, rng=rng)
        have = size
        label = f"{size:,} services"
        print(f"  (generated up to {label} in {seconds:.0f} s)", flush=True)
        # A grid request reads every service: fewer repeats at the larger size keep the run short.
        n = max(5, min(args.n, 50 if size <= 10_000 else 15))
        yield time_get("snapshot grid (staff)", "/snapshot/", size=label, n=n, client=client)
        yield time_get("snapshot public summary", "/snapshot/summary/", size=label, n=n)
        yield time_get("snapshot grid export (CSV)", "/snapshot/export/grid.csv", size=label, n=n, client=client)
        yield time_get(
            "snapshot cell list (need, ages 5-10)",
            f"/snapshot/services/?need={TaxonomyTerm.objects.needs().first().slug}&ages=5-10",
            size=label,
            n=n,
        )
