"""Directory benchmarks (issue 4): the Local Offer at 10,000 and 100,000 services.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python -m bench --only provision --n 50
    ... --provision-sizes 2000,10000     (other sizes)

The directory is the Sefton seed plus generated services with realistic names, descriptions,
age ranges, needs, categories, venues and contacts. They are inserted with bulk_create: this is
benchmark data, not a user's change, so it needs no audit history (bulk_create skips it), and it
is the only fast way to write 100,000 rows. On PostgreSQL the search trigger (migration 0002)
still fills every row's search vector as it is inserted, exactly as for a row saved by a form.

Each size is reached by adding to the previous one, then the tables are vacuumed and analysed. The keyword
search is also timed the naive way, on the same page and data: name or description contains
the text, case-insensitively (ServiceQuerySet.naive_search swapped in for the full-text search).
"""

import random
import time
import uuid
from contextlib import contextmanager
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.db.models import FloatField, Value

from provision.models import (
    Attribute,
    Contact,
    Location,
    Organization,
    SearchWord,
    Service,
    ServiceAtLocation,
    ServiceQuerySet,
    TaxonomyTerm,
)
from provision.services import taxonomy_text

from .harness import time_get

DEFAULT_SIZES = (10_000, 100_000)
KEYWORD = "speech therapy"
FILTERS = "age=8&need=autism&access=no-referral&area=Southport"

AREAS = ["Bootle", "Crosby", "Southport", "Formby", "Maghull", "Litherland", "Netherton", "Ainsdale", "Birkdale",
         "Aintree", "Waterloo", "Seaforth", "Lydiate", "Hightown"]  # fmt: skip
TOPICS = [
    ("Speech and Language Therapy", ["speech-language-communication"]),
    ("Speech and Language Drop-in", ["speech-language-communication"]),
    ("Autism Social Group", ["autism"]),
    ("Autism Parent Support", ["autism"]),
    ("ADHD Parent Workshop", ["adhd"]),
    ("Sensory Play", ["sensory"]),
    ("Sensory Processing Clinic", ["sensory"]),
    ("Physiotherapy", ["physical"]),
    ("Wheelchair Sports", ["physical"]),
    ("Counselling for Young People", ["social-emotional-mental-health"]),
    ("Emotional Wellbeing Service", ["social-emotional-mental-health"]),
    ("Learning Disability Day Service", ["learning-disability"]),
    ("Life Skills Course", ["learning-disability"]),
    ("Community Nursing", ["complex-health-needs"]),
    ("Epilepsy Nurse Clinic", ["complex-health-needs"]),
    ("Youth Club", []),
    ("Short Breaks", []),
    ("Swimming Sessions", ["physical"]),
    ("Holiday Activities", []),
    ("Homework Club", ["learning-disability"]),
    ("Drama and Music", []),
    ("Football Skills", []),
    ("Cooking Club", ["learning-disability"]),
    ("Independent Travel Training", []),
    ("Sleep Advice Clinic", ["autism", "adhd"]),
    ("Parent Carer Forum", []),
    ("Information, Advice and Support", []),
    ("Family Wellbeing Centre", ["social-emotional-mental-health"]),
    ("Hearing Support Service", ["sensory"]),
    ("Visual Impairment Team", ["sensory"]),
]
FORMATS = ["Club", "Group", "Service", "Sessions", "Team", "Project", "Hub", "Programme"]
OPENINGS = [
    "A friendly {topic} for children and young people with special educational needs and disabilities.",
    "The {topic} supports families across {area} with practical help and advice.",
    "Our {topic} offers a safe, welcoming space to make friends and build confidence.",
    "Specialist staff run the {topic}, working closely with schools and health professionals.",
]
SENTENCES = [
    "Sessions are planned with young people so they can choose what they do.",
    "Parents and carers are welcome to stay, and siblings can often join in.",
    "Staff are trained in supporting communication, behaviour and personal care.",
    "We work alongside schools, health visitors and social workers to share the right support.",
    "Activities include arts and crafts, sport, music, cooking and trips out.",
    "There is a quiet room for anyone who needs a break from noise and crowds.",
    "Advice is available on benefits, short breaks and preparing for adulthood.",
    "We can visit you at home or meet you at a local community venue.",
    "Groups are small, with a high ratio of staff to young people.",
    "Therapists set goals with each family and review progress regularly.",
]
ACCESS = ["", "open_access", "self_referral", "professional_referral", "team_referral"]


def run(args):
    sizes = _sizes(getattr(args, "provision_sizes", None))
    call_command("seed", verbosity=0)  # the real directory: taxonomies, organisations, 51 services
    generator = Generator(random.Random(4))
    for size in sizes:
        started = time.perf_counter()
        generator.grow_to(size)
        label = f"{Service.objects.count():,} services"
        print(f"  ({label}: generated in {time.perf_counter() - started:.0f}s)", flush=True)
        sample = Service.objects.filter(name__startswith="Bootle").order_by("name").values_list("pk", flat=True)[0]
        yield time_get(
            "directory: keyword search", f"/find-support/?q={KEYWORD.replace(' ', '+')}", size=label, n=args.n
        )
        with naive_keyword_search():
            yield time_get(
                "directory: keyword search, naive icontains",
                f"/find-support/?q={KEYWORD.replace(' ', '+')}",
                size=label,
                n=args.n,
            )
        yield time_get("directory: filtered search", f"/find-support/?{FILTERS}", size=label, n=args.n)
        yield time_get("directory: keyword + filters", f"/find-support/?q=club&{FILTERS}", size=label, n=args.n)
        yield time_get("directory: service page", f"/find-support/services/{sample}/", size=label, n=args.n)
        yield time_get("ORUK: GET /services", "/api/oruk/services", size=label, n=args.n)
        yield time_get(
            "ORUK: GET /services?search=",
            f"/api/oruk/services?search={KEYWORD.replace(' ', '+')}",
            size=label,
            n=args.n,
        )


def _sizes(value) -> list[int]:
    if not value:
        return list(DEFAULT_SIZES)
    sizes = sorted({int(part) for part in str(value).split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise SystemExit("--provision-sizes takes whole numbers above 0, like 10000,100000")
    return sizes


@contextmanager
def naive_keyword_search():
    """The same page, with the keyword matched by icontains over name and description."""

    def naive(self, text):
        return self.naive_search(text).annotate(rank=Value(0.0, output_field=FloatField()))

    with mock.patch.object(ServiceQuerySet, "search", naive):
        yield


class Generator:
    """Adds generated services (with terms, venues and a contact) until the directory has `size`."""

    BATCH = 5_000

    def __init__(self, rng: random.Random):
        self.rng = rng
        terms = {term.slug: term for term in TaxonomyTerm.objects.select_related("taxonomy")}
        self.categories = [term for term in terms.values() if term.taxonomy.key == "service-category"]
        self.needs = terms
        partnership_id = Organization.objects.values_list("partnership_id", flat=True).first()
        self.organizations = Organization.objects.bulk_create(
            [
                Organization(
                    partnership_id=partnership_id,
                    name=f"{rng.choice(AREAS)} {rng.choice(['Community', 'Family', 'Youth', 'Children’s'])} "
                    f"{rng.choice(['Trust', 'Partnership', 'Network', 'Charity', 'Foundation'])} {n}",
                    description="Generated for the benchmark.",
                )
                for n in range(300)
            ]
        )
        self.venues = Location.objects.bulk_create(
            [
                Location(
                    name=f"{area} {rng.choice(['Library', 'Leisure Centre', 'Community Centre', 'Family Hub', 'Youth Centre', 'Primary School'])} {n}",
                    area=area,
                    address_1=f"{rng.randint(1, 200)} {rng.choice(['Church', 'Station', 'Park', 'Marine', 'Moor'])} Road",
                    postcode=f"L{rng.randint(10, 39)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
                    accessibility=rng.choice(["", "Step-free access and an accessible toilet.", "Lift to all floors."]),
                )
                for n, area in enumerate(rng.choice(AREAS) for _ in range(2_000))
            ]
        )
        self.count = 0

    def grow_to(self, size: int) -> None:
        existing = Service.objects.count()
        while existing < size:
            batch = min(self.BATCH, size - existing)
            self._add(batch)
            existing += batch
        if connection.vendor == "postgresql":
            # What autovacuum would do after a load this size: fresh planner statistics, and a
            # visibility map so counts can be read from an index.
            with connection.cursor() as cursor:
                for model in (Service, Attribute, ServiceAtLocation, Contact, Location, Organization, SearchWord):
                    cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")

    def _add(self, batch: int) -> None:
        rng = self.rng
        services, attributes, links, contacts = [], [], [], []
        for _ in range(batch):
            self.count += 1
            area = rng.choice(AREAS)
            topic, need_slugs = rng.choice(TOPICS)
            name = f"{area} {topic} {rng.choice(FORMATS)}"
            words = topic.lower()
            description = " ".join(
                [rng.choice(OPENINGS).format(topic=words, area=area), *rng.sample(SENTENCES, rng.randint(2, 4))]
            )
            low = rng.choice([None, 0, 0, 4, 5, 8, 11, 13, 16, 18])
            high = None if low is None and rng.random() < 0.5 else rng.choice([5, 11, 16, 18, 19, 25])
            if low is not None and high is not None and high < low:
                low, high = high, low
            access = rng.choice(ACCESS)
            terms = [rng.choice(self.categories)]
            terms += [self.needs[slug] for slug in need_slugs]
            if rng.random() < 0.3:
                terms.append(self.needs[rng.choice(list(self.needs))])
            terms = list({term.pk: term for term in terms}.values())
            service = Service(
                id=uuid.uuid4(),
                organization=rng.choice(self.organizations),
                name=name,
                description=description,
                minimum_age=low,
                maximum_age=high,
                access=access,
                referral_team="Short Breaks Team" if access == "team_referral" else "",
                cost=rng.choice(["", "free", "free", "charge"]),
                schedule_description=rng.choice(["", "Tuesdays, 4pm to 6pm, in term time.", "Every school holiday."]),
                assured_date=None,
                taxonomy_text=taxonomy_text(terms),
            )
            services.append(service)
            attributes += [Attribute(service=service, taxonomy_term=term) for term in terms]
            for venue in rng.sample(self.venues, rng.choice([0, 1, 1, 2])):
                links.append(ServiceAtLocation(service=service, location=venue))
            contacts.append(Contact(service=service, name=f"{area} team", phone=f"0151 555 {self.count % 10_000:04d}"))
        Service.objects.bulk_create(services, batch_size=self.BATCH)
        Attribute.objects.bulk_create(attributes, batch_size=self.BATCH)
        ServiceAtLocation.objects.bulk_create(links, batch_size=self.BATCH)
        Contact.objects.bulk_create(contacts, batch_size=self.BATCH)
