"""A service's page: what it is, who for, how to get it, where, when, cost, contact, review date."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provision.models import Service

from .factories import ContactFactory, LocationFactory, ServiceFactory


@pytest.fixture
def stars(db, autism, short_breaks):
    dunes = LocationFactory(
        name="Dunes Leisure Centre",
        address_1="The Promenade",
        area="Southport",
        postcode="PR8 1RX",
        accessibility="Lift",
    )
    service = ServiceFactory(
        name="Aiming for the Stars",
        description="A musical theatre session.\n\n- Singing\n- Dancing",
        minimum_age=6,
        maximum_age=19,
        access=Service.Access.TEAM,
        referral_team="Aiming High Team",
        access_details="Referral through the Aiming High Team.",
        schedule_description="Mondays after school.",
        cost=Service.Cost.FREE,
        terms=[autism, short_breaks],
        locations=[dunes],
    )
    ContactFactory(service=service, name="Aiming High Team", phone="0151 934 4000", email="ah@example.org")
    return service


def test_the_page_answers_a_parents_questions_in_plain_words(client, stars):
    page = client.get(stars.get_absolute_url()).text
    for text in (
        '<h1 class="govuk-heading-xl portal-break">Aiming for the Stars</h1>',
        "What it is",
        '<ul class="govuk-list govuk-list--bullet"><li>Singing</li><li>Dancing</li></ul>',
        "Ages 6 to 19",
        "<li>Autism</li>",
        "Referral through the Aiming High Team",
        "Dunes Leisure Centre",
        "The Promenade, Southport, PR8 1RX",
        "Accessibility: Lift",
        "Mondays after school.",
        "Free.",
        'href="tel:01519344000"',
        'href="mailto:ah@example.org"',
        "Not reviewed yet",
        "Report a problem with this page",
        f'href="/find-support/feedback/?service={stars.pk}"',
    ):
        assert text in page, text


def test_what_is_not_known_is_said_so(client, db):
    page = client.get(ServiceFactory(name="Podiatry").get_absolute_url()).text
    assert "Not stated: ask the service" in page
    assert "No fixed venue is listed" in page
    assert "No contact details are listed yet." in page


def test_the_page_prints_cleanly(client, stars):
    page = client.get(stars.get_absolute_url()).text
    assert 'href="/static/css/print.css" media="print"' in page
    assert 'href="/static/css/provision.css"' in page
    assert "data-portal-print hidden>Print this page</button>" in page
    assert "use your browser’s Print option" in page  # the way to print without JavaScript
    assert '<script type="module" src="/static/js/provision-print.js"></script>' in page
    assert "<script>" not in page and "style=" not in page  # the Content-Security-Policy forbids inline code


def test_description_html_is_escaped(client, db):
    service = ServiceFactory(name="<b>Bold</b>", description="<script>alert(1)</script>\n- <i>item</i>")
    page = client.get(service.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<li>&lt;i&gt;item&lt;/i&gt;</li>" in page
    assert "<b>Bold</b>" not in page


def test_unknown_or_malformed_ids_are_not_found(client, db):
    assert client.get(f"/find-support/services/{uuid.uuid4()}/").status_code == 404
    assert client.get("/find-support/services/not-a-uuid/").status_code == 404


def test_temporarily_closed_services_say_so(client, db):
    service = ServiceFactory(status=Service.Status.TEMPORARILY_CLOSED, alert="Back in September.")
    page = client.get(service.get_absolute_url()).text
    assert "This service is temporarily closed." in page and "Back in September." in page


def test_service_page_queries_do_not_grow(client, autism, health, django_assert_max_num_queries):
    small = ServiceFactory(terms=[autism], locations=[LocationFactory()])
    with CaptureQueriesContext(connection) as baseline:
        client.get(small.get_absolute_url())
    big = ServiceFactory(terms=[autism, health], locations=[LocationFactory() for _ in range(20)])
    for n in range(10):
        ContactFactory(service=big, name=f"Team {n}")
    with django_assert_max_num_queries(len(baseline)):
        assert client.get(big.get_absolute_url()).status_code == 200
    assert len(baseline) <= 7
