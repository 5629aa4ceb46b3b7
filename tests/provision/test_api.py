"""The Open Referral UK 3.0 feed, validated against the standard's own JSON schemas."""

import datetime
import json
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from provision import services
from provision.models import Service

from .factories import LocationFactory, OrganizationFactory, ServiceFactory

SCHEMA_DIR = Path(settings.BASE_DIR).parent / "shared" / "oruk-3.0" / "schema"
SCHEMA_URL = "https://openreferraluk.org/specifications/3.0/schema/{}"


@pytest.fixture(scope="module")
def validate():
    """validate(document, "service_list.json"): every schema file registered under its published URL."""
    if not SCHEMA_DIR.is_dir():
        pytest.fail(f"The ORUK 3.0 schemas are not at {SCHEMA_DIR}")
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append(
            (SCHEMA_URL.format(path.name), Resource.from_contents(contents, default_specification=_spec()))
        )
    registry = Registry().with_resources(resources)

    def check(document, schema_name):
        schema = registry.contents(SCHEMA_URL.format(schema_name))
        validator = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return check


def _spec():
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


@pytest.fixture
def full_service(db, autism, health):
    """A service with every optional part the directory can hold."""
    parent = OrganizationFactory(name="Sefton Council", website="https://www.sefton.gov.uk", email="info@example.org")
    organization = OrganizationFactory(name="Aiming High Short Breaks", parent=parent, email="ah@example.org")
    dunes = LocationFactory(
        name="Dunes Leisure Centre",
        address_1="The Promenade",
        area="Southport",
        county="Merseyside",
        postcode="PR8 1RX",
        accessibility="Step-free entrance and a changing places toilet.",
        description="Leisure centre on the seafront.",
    )
    service = services.service_create(
        organization=organization,
        name="Aiming for the Stars",
        description="A musical theatre session for disabled children.",
        terms=[health, autism],
        locations=[dunes, LocationFactory(name="Online", location_type="virtual")],
        languages=["English", "British Sign Language"],
        contacts=[
            services.ContactData(
                name="Aiming High Team", title="Coordinator", email="team@example.org", phone="0151 934 4000"
            )
        ],
        reviewed=True,
        details={
            "url": "https://www.example.org/stars",
            "email": "stars@example.org",
            "minimum_age": 6,
            "maximum_age": 19,
            "eligibility_description": "Disabled children.",
            "access": Service.Access.TEAM,
            "referral_team": "Aiming High Team",
            "cost": Service.Cost.FREE,
            "cost_details": "Free after referral.",
            "schedule_description": "Mondays after school.",
            "service_area": "Sefton",
            "funding_source": "Commissioned by Aiming High Short Breaks.",
            "alert": "No session on bank holidays.",
        },
    )
    return service


@pytest.fixture
def bare_service(db):
    """A service with nothing optional filled in (the directory itself requires a description)."""
    return ServiceFactory(name="Bare service", description="The directory requires a description.")


def test_root_gives_api_details(client, validate):
    response = client.get(reverse("oruk:api-details"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    validate(response.json(), "api_details.json")


def test_a_fully_filled_service_validates_and_keeps_every_part(client, validate, full_service):
    response = client.get(reverse("oruk:service-detail", args=[full_service.pk]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    validate(data, "service_with_definitions.json")
    validate(data, "service.json")
    assert data["id"] == str(full_service.pk)
    assert data["status"] == "active"
    assert (data["minimum_age"], data["maximum_age"]) == (6, 19)
    assert data["assured_date"] == timezone.localdate().isoformat()
    assert data["last_modified"].endswith("Z")
    for part in (
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "funding",
        "cost_options",
        "contacts",
        "attributes",
    ):
        assert data[part], part
    assert data["organization"]["parent_organization_id"]
    dunes = next(s["location"] for s in data["service_at_locations"] if s["location"]["name"] == "Dunes Leisure Centre")
    assert dunes["addresses"][0]["postal_code"] == "PR8 1RX"
    assert dunes["accessibility"][0]["description"].startswith("Step-free")
    assert data["contacts"][0]["phones"][0]["number"] == "0151 934 4000"
    assert {a["taxonomy_term"]["name"] for a in data["attributes"]} == {"Autism", "Local health services"}
    assert data["cost_options"][0]["amount"] == 0


def test_a_bare_service_validates_and_leaves_empty_fields_out(client, validate, bare_service):
    data = client.get(reverse("oruk:service-detail", args=[bare_service.pk])).json()
    validate(data, "service_with_definitions.json")
    assert set(data) == {"id", "organization_id", "name", "description", "status", "last_modified", "organization"}
    assert None not in data.values()


def test_ids_are_stable_between_requests(client, full_service):
    first = client.get(reverse("oruk:service-detail", args=[full_service.pk])).json()
    second = client.get(reverse("oruk:service-detail", args=[full_service.pk])).json()
    assert first == second


def test_service_list_pages_validate(client, validate, full_service, bare_service):
    response = client.get(reverse("oruk:service-list"), {"per_page": 1})
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    validate(data, "service_list.json")
    assert data["total_items"] == 2
    assert data["total_pages"] == 2
    assert data["page_number"] == 1
    assert data["size"] == 1
    assert data["first_page"] and not data["last_page"] and not data["empty"]
    second = client.get(reverse("oruk:service-list"), {"per_page": 1, "page": 2}).json()
    assert second["last_page"]
    assert {data["contents"][0]["id"], second["contents"][0]["id"]} == {str(full_service.pk), str(bare_service.pk)}


def test_a_page_past_the_end_is_empty(client, validate, bare_service):
    data = client.get(reverse("oruk:service-list"), {"page": 99999}).json()
    validate(data, "service_list.json")
    assert data["empty"] and data["contents"] == [] and data["page_number"] == 99999


def test_feed_includes_retired_services_with_their_status(client, bare_service):
    services.service_set_status(service=bare_service, status=Service.Status.DEFUNCT, reason="Funding ended")
    data = client.get(reverse("oruk:service-list")).json()
    assert data["contents"][0]["status"] == "defunct"


def test_filter_by_taxonomy_term_organization_and_search(client, full_service, bare_service, autism):
    url = reverse("oruk:service-list")
    assert [s["name"] for s in client.get(url, {"taxonomy_term_id": autism.pk}).json()["contents"]] == [
        "Aiming for the Stars"
    ]
    assert [s["name"] for s in client.get(url, {"taxonomy_id": autism.taxonomy_id}).json()["contents"]] == [
        "Aiming for the Stars"
    ]
    assert [
        s["name"] for s in client.get(url, {"organization_id": bare_service.organization_id}).json()["contents"]
    ] == ["Bare service"]
    assert [s["name"] for s in client.get(url, {"search": "musical theatre"}).json()["contents"]] == [
        "Aiming for the Stars"
    ]


def test_modified_after(client, full_service, bare_service):
    Service.objects.filter(pk=bare_service.pk).update(last_modified=timezone.now() - datetime.timedelta(days=30))
    url = reverse("oruk:service-list")
    since = (timezone.now() - datetime.timedelta(days=1)).astimezone(datetime.UTC)
    for value in (since.isoformat(), since.strftime("%Y-%m-%dT%H:%M:%SZ"), since.date().isoformat()):
        assert [s["name"] for s in client.get(url, {"modified_after": value}).json()["contents"]] == [
            "Aiming for the Stars"
        ], value


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "1000000"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "ten"}, "per_page"),
        ({"taxonomy_term_id": "autism"}, "taxonomy_term_id"),
        ({"organization_id": "1; DROP TABLE provision_service"}, "organization_id"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": "2024-13-45"}, "modified_after"),
        ({"search": "x" * 10_000}, "search"),
    ],
)
def test_bad_parameters_get_a_400_with_a_json_error(client, db, params, parameter):
    response = client.get(reverse("oruk:service-list"), params)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["parameter"] == parameter
    assert body["error"]
    assert "x" * 100 not in body["error"]


def test_unknown_and_malformed_ids(client, db):
    missing = client.get(reverse("oruk:service-detail", args=[uuid.uuid4()]))
    assert missing.status_code == 404 and missing.json()["error"] == "No service has that id."
    assert missing["Access-Control-Allow-Origin"] == "*"
    malformed = client.get(reverse("oruk:service-detail", args=["<script>"]))
    assert malformed.status_code == 400 and "<script>" not in malformed.text


def test_only_reads_are_allowed(client, bare_service):
    response = client.post(reverse("oruk:service-list"))
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_taxonomies_terms_and_organizations_validate(client, validate, full_service, autism):
    taxonomies = client.get(reverse("oruk:taxonomy-list")).json()
    validate(taxonomies, "taxonomy_list.json")
    assert {t["name"] for t in taxonomies["contents"]} == {"Needs", "Service category"}
    one = client.get(reverse("oruk:taxonomy-detail", args=[autism.taxonomy_id])).json()
    validate(one, "taxonomy.json")
    assert [t["name"] for t in one["taxonomy_terms"]] == ["Autism"]
    terms = client.get(reverse("oruk:taxonomy-term-list"), {"taxonomy_id": autism.taxonomy_id}).json()
    validate(terms, "taxonomy_term_list.json")
    validate(client.get(reverse("oruk:taxonomy-term-detail", args=[autism.pk])).json(), "taxonomy_term.json")
    organizations = client.get(reverse("oruk:organization-list")).json()
    validate(organizations, "organization_list.json")
    assert organizations["total_items"] == 2
    organization = client.get(reverse("oruk:organization-detail", args=[full_service.organization_id])).json()
    validate(organization, "organization.json")


def test_the_seeded_directory_validates_page_by_page(client, validate, seeded):
    url = reverse("oruk:service-list")
    first = client.get(url, {"per_page": 100}).json()
    validate(first, "service_list.json")
    assert first["total_items"] == 51
    for item in first["contents"]:
        validate(client.get(reverse("oruk:service-detail", args=[item["id"]])).json(), "service_with_definitions.json")


def test_feed_queries_do_not_grow_with_the_number_of_services(
    client, full_service, autism, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("oruk:service-list")
    for n in range(5):
        ServiceFactory(name=f"Extra {n}", terms=[autism], locations=[LocationFactory()])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(60):
        ServiceFactory(name=f"More {n}", terms=[autism], locations=[LocationFactory()])
    with django_assert_max_num_queries(len(small)):
        response = client.get(url, {"per_page": 100})
    assert response.json()["size"] == 66
    assert len(small) <= 7


def test_the_schemas_really_check_something(validate):
    """Guard against a validator that accepts anything (an unresolved $ref, a wrong draft)."""
    with pytest.raises(AssertionError, match="uuid|enum|not one of"):
        validate({"id": "not-a-uuid", "name": "x", "status": "open"}, "service_with_definitions.json")
    with pytest.raises(AssertionError):
        validate({"contents": [{"id": str(uuid.uuid4()), "name": "x", "status": "closed"}]}, "service_list.json")
    with pytest.raises(AssertionError):
        validate(
            {"id": str(uuid.uuid4()), "name": "x", "status": "active", "contacts": [{"name": "no id"}]},
            "service_with_definitions.json",
        )
