"""The directory as Open Referral UK 3.0 JSON (schemas in ../shared/oruk-3.0/schema/).

Each function turns one model row into the ORUK object of the same name. Empty optional
fields are left out rather than sent as null, as the standard asks. A few fields the UK
profile does not list but HSDS 3.0 does are added (contact email and phones, language name,
service eligibility_description): the schemas allow extra properties, and without them a
reader could not phone the service.
"""

from datetime import UTC

from django.db.models import Prefetch

from .models import Attribute, Location, Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

API_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"


def _compact(data: dict, *, keep: tuple[str, ...] = ()) -> dict:
    return {key: value for key, value in data.items() if key in keep or value not in (None, "", [], {})}


def _id(value) -> str | None:
    return str(value) if value else None


def api_details() -> dict:
    return {"version": API_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


def services_for_feed(queryset=None):
    """Services with everything the nested JSON needs, in a fixed number of queries."""
    queryset = Service.objects.all() if queryset is None else queryset
    return (
        queryset.defer("search_vector", "taxonomy_text")
        .select_related("organization")
        .prefetch_related(
            # Sorted in Python (see service()): no ORDER BY, so no joins to sort by.
            Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term__taxonomy").order_by()),
            Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location").order_by()),
            "contacts",
            "languages",
        )
    )


def organization(org: Organization) -> dict:
    return _compact(
        {
            "id": str(org.id),
            "name": org.name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
            "parent_organization_id": _id(org.parent_id),
        },
        keep=("description",),
    )


def taxonomy(tax: Taxonomy, *, terms=None) -> dict:
    data = _compact(
        {"id": str(tax.id), "name": tax.name, "description": tax.description, "uri": tax.uri, "version": tax.version},
        keep=("description",),
    )
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term(term, tax) for term in terms]
    return data


def taxonomy_term(term: TaxonomyTerm, tax: Taxonomy | None = None) -> dict:
    tax = tax or term.taxonomy
    return _compact(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description,
            "parent_id": _id(term.parent_id),
            "taxonomy": tax.name,
            "taxonomy_id": str(tax.id),
            "term_uri": term.term_uri,
        },
        keep=("description",),
    )


def location(loc: Location) -> dict:
    addresses = []
    if loc.has_full_address:
        addresses.append(
            {
                "id": str(loc.address_id),
                "location_id": str(loc.id),
                "address_1": loc.address_1,
                "city": loc.area,
                "state_province": loc.county,
                "postal_code": loc.postcode,
                "country": loc.country,
                "address_type": "physical" if loc.location_type == Location.LocationType.PHYSICAL else "postal",
            }
        )
    accessibility = []
    if loc.accessibility:
        accessibility.append(
            {"id": str(loc.accessibility_id), "location_id": str(loc.id), "description": loc.accessibility}
        )
    return _compact(
        {
            "id": str(loc.id),
            "location_type": loc.location_type,
            "name": loc.name,
            "description": loc.description,
            "addresses": addresses,
            "accessibility": accessibility,
        }
    )


def service(svc: Service) -> dict:
    """One service, fully nested (service_with_definitions.json)."""
    sid = str(svc.id)
    cost_options = []
    if svc.cost or svc.cost_details:
        cost_options.append(
            _compact(
                {
                    "id": str(svc.cost_option_id),
                    "service_id": sid,
                    "option": svc.get_cost_display() if svc.cost else "",
                    "amount": 0 if svc.cost == Service.Cost.FREE else None,
                    "amount_description": svc.cost_details,
                }
            )
        )
    return _compact(
        {
            "id": sid,
            "organization_id": str(svc.organization_id),
            "name": svc.name,
            "description": svc.description,
            "url": svc.url,
            "email": svc.email,
            "status": svc.status,
            "minimum_age": svc.minimum_age,
            "maximum_age": svc.maximum_age,
            "eligibility_description": svc.eligibility_description,
            "assured_date": svc.assured_date.isoformat() if svc.assured_date else None,
            "alert": svc.alert,
            "last_modified": svc.last_modified.astimezone(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "schedules": (
                [{"id": str(svc.schedule_id), "service_id": sid, "description": svc.schedule_description}]
                if svc.schedule_description
                else []
            ),
            "service_areas": (
                [{"id": str(svc.service_area_id), "service_id": sid, "name": svc.service_area}]
                if svc.service_area
                else []
            ),
            "service_at_locations": [
                {
                    "id": str(link.id),
                    "service_id": sid,
                    "location_id": str(link.location_id),
                    "location": location(link.location),
                }
                for link in sorted(svc.service_at_locations.all(), key=lambda link: link.location.name)
            ],
            "languages": [
                {"id": str(language.id), "service_id": sid, "name": language.name} for language in svc.languages.all()
            ],
            "organization": organization(svc.organization),
            "funding": (
                [{"id": str(svc.funding_id), "service_id": sid, "source": svc.funding_source}]
                if svc.funding_source
                else []
            ),
            "cost_options": cost_options,
            "contacts": [_contact(contact, sid) for contact in svc.contacts.all()],
            "attributes": [
                {
                    "id": str(attribute.id),
                    "link_id": sid,
                    "link_type": "service",
                    "taxonomy_term_id": str(attribute.taxonomy_term_id),
                    "taxonomy_term": taxonomy_term(attribute.taxonomy_term),
                }
                for attribute in sorted(
                    svc.attributes.all(),
                    key=lambda a: (a.taxonomy_term.taxonomy.name, a.taxonomy_term.order, a.taxonomy_term.name),
                )
            ],
        },
        keep=("name", "status"),
    )


def _contact(contact, sid: str) -> dict:
    phones = []
    if contact.phone:
        phones.append({"id": str(contact.phone_id), "contact_id": str(contact.id), "number": contact.phone})
    return _compact(
        {
            "id": str(contact.id),
            "service_id": sid,
            "name": contact.name,
            "title": contact.title,
            "email": contact.email,
            "phones": phones,
        }
    )


def page(paginator, number: int, contents: list) -> dict:
    """ORUK's paging envelope around one page of contents (a page past the end is empty)."""
    return {
        "total_items": paginator.count,
        "total_pages": paginator.num_pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= paginator.num_pages,
        "empty": not contents,
        "contents": contents,
    }
