"""The public search page: keyword, filters, sort, paging, bad input, and its query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from provision.models import Service

from .conftest import postgres_only, sqlite_only
from .factories import LocationFactory, ServiceFactory

URL = reverse("provision:service-search")


def names(response) -> list[str]:
    return [service.name for service in response.context["page_obj"]]


@pytest.fixture
def directory(db, autism, adhd, health, short_breaks):
    """A small directory: speech therapy, an autism club, a paid swim, a retired service."""
    southport = LocationFactory(name="Dunes Leisure Centre", area="Southport")
    bootle = LocationFactory(name="Bootle Leisure Centre", area="Bootle")
    return {
        "speech": ServiceFactory(
            name="Speech and Language Therapy",
            description="Therapists support children with communication and swallowing difficulties.",
            terms=[health, autism],
            access=Service.Access.PROFESSIONAL,
        ),
        "club": ServiceFactory(
            name="Phoenix Social Group",
            description="A youth club for young people with autistic spectrum conditions.",
            minimum_age=11,
            maximum_age=19,
            terms=[short_breaks, autism],
            access=Service.Access.TEAM,
            referral_team="Aiming High Team",
            locations=[southport],
        ),
        "swim": ServiceFactory(
            name="Splash sessions",
            description="Swimming in the holidays.",
            minimum_age=3,
            maximum_age=16,
            cost=Service.Cost.CHARGE,
            access=Service.Access.OPEN,
            locations=[bootle],
        ),
        "advice": ServiceFactory(
            name="SENDIASS",
            description="Free, impartial information and advice.",
            minimum_age=0,
            maximum_age=25,
            cost=Service.Cost.FREE,
            access=Service.Access.SELF_REFERRAL,
            terms=[adhd],
        ),
        "retired": ServiceFactory(name="Old Speech Clinic", description="Closed.", status=Service.Status.DEFUNCT),
    }


def test_without_a_search_every_listed_service_shows_in_name_order(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Phoenix Social Group", "SENDIASS", "Speech and Language Therapy", "Splash sessions"]
    assert "4 services" in response.text


def test_retired_services_are_not_listed(client, directory):
    assert "Old Speech Clinic" not in names(client.get(URL, {"q": "speech"}))


def test_keyword_finds_words_in_the_name_and_description(client, directory):
    assert names(client.get(URL, {"q": "swallowing"})) == ["Speech and Language Therapy"]
    assert names(client.get(URL, {"q": "youth club"})) == ["Phoenix Social Group"]


def test_keyword_finds_services_by_their_need_terms(client, directory):
    assert set(names(client.get(URL, {"q": "autism"}))) == {"Speech and Language Therapy", "Phoenix Social Group"}


def test_age_filter_keeps_services_whose_range_includes_the_age_and_those_without_a_range(client, directory):
    assert names(client.get(URL, {"age": 8})) == ["SENDIASS", "Speech and Language Therapy", "Splash sessions"]
    assert names(client.get(URL, {"age": 18})) == ["Phoenix Social Group", "SENDIASS", "Speech and Language Therapy"]


def test_need_filter_matches_any_chosen_need(client, directory):
    assert names(client.get(URL, {"need": "autism"})) == ["Phoenix Social Group", "Speech and Language Therapy"]
    both = names(client.get(URL + "?need=autism&need=adhd"))
    assert both == ["Phoenix Social Group", "SENDIASS", "Speech and Language Therapy"]


def test_age_and_need_together(client, directory):
    assert names(client.get(URL, {"age": 12, "need": "autism"})) == [
        "Phoenix Social Group",
        "Speech and Language Therapy",
    ]


def test_category_filter(client, directory):
    assert names(client.get(URL, {"category": "aiming-high-short-breaks"})) == ["Phoenix Social Group"]


def test_no_referral_needed_means_open_access_or_self_referral(client, directory):
    assert names(client.get(URL, {"access": "no-referral"})) == ["SENDIASS", "Splash sessions"]
    assert names(client.get(URL, {"access": "team"})) == ["Phoenix Social Group"]


def test_free_filter(client, directory):
    assert names(client.get(URL, {"free": "on"})) == ["SENDIASS"]


def test_area_filter_keeps_venues_there_and_services_with_no_fixed_venue(client, directory):
    response = client.get(URL, {"area": "Southport"})
    assert names(response) == ["Phoenix Social Group", "SENDIASS", "Speech and Language Therapy"]
    assert '<option value="Bootle">Bootle</option>' in response.text


def test_sort_by_name_overrides_relevance(client, directory):
    response = client.get(URL, {"q": "autism", "sort": "name"})
    assert names(response) == ["Phoenix Social Group", "Speech and Language Therapy"]


def test_the_whole_search_is_in_the_address_and_survives_paging(client, db):
    for n in range(25):
        ServiceFactory(name=f"Club {n:02d}", description="A club.", minimum_age=5, maximum_age=15)
    response = client.get(URL, {"q": "club", "age": 7, "sort": "name"})
    assert response.context["page_obj"].paginator.count == 25
    assert "Showing 1 to 20" in response.text
    assert 'href="?q=club&amp;age=7&amp;sort=name&amp;page=2"' in response.text
    page_two = client.get(URL, {"q": "club", "age": 7, "sort": "name", "page": 2})
    assert names(page_two) == [f"Club {n}" for n in range(20, 25)]


def test_a_search_with_no_results_says_so_and_offers_ways_to_widen_it(client, directory):
    response = client.get(URL, {"q": "trampolining", "age": 4})
    assert "No services match your search." in response.text
    assert "check the spelling" in response.text
    assert 'href="?age=4">remove “Keyword: trampolining”' in response.text
    assert 'href="?q=trampolining">remove “Age: 4”' in response.text
    assert "tell us what is missing" in response.text


@postgres_only
def test_a_misspelt_keyword_still_finds_the_service(client, directory):
    assert names(client.get(URL, {"q": "speach therapy"})) == ["Speech and Language Therapy"]


@postgres_only
def test_a_misspelt_need_finds_services_tagged_with_it(client, directory):
    assert set(names(client.get(URL, {"q": "autisim"}))) == {"Speech and Language Therapy", "Phoenix Social Group"}


@postgres_only
def test_the_directory_vocabulary_is_kept_by_the_database(db, directory):
    from provision.models import SearchWord

    assert SearchWord.objects.filter(word__in=["speech", "swallowing", "autism"]).count() == 3
    ServiceFactory(name="Trampolining", description="Bouncing.")
    assert SearchWord.objects.filter(word__in=["trampolining", "bouncing"]).count() == 2
    assert not SearchWord.objects.filter(word__regex=r"[^a-z]").exists()


@postgres_only
def test_spelling_help_does_not_swap_in_a_different_word(client, directory):
    ServiceFactory(name="Training for parents", description="Courses.")
    assert names(client.get(URL, {"q": "trampolining"})) == []
    assert names(client.get(URL, {"q": "phisiotherapy"})) == []  # nothing near it in this directory


@postgres_only
def test_spelling_help_leaves_web_search_operators_alone(client, directory):
    assert names(client.get(URL, {"q": '"speach therapy"'})) == []


@postgres_only
def test_keyword_results_are_ranked_name_above_description(client, directory):
    ServiceFactory(name="Holiday club", description="Includes some speech practice.")
    assert names(client.get(URL, {"q": "speech"}))[0] == "Speech and Language Therapy"


@postgres_only
def test_web_search_syntax_excludes_words(client, directory):
    assert names(client.get(URL, {"q": "autism -club"})) == ["Speech and Language Therapy"]
    assert set(names(client.get(URL, {"q": "swimming OR swallowing"}))) == {
        "Splash sessions",
        "Speech and Language Therapy",
    }


@postgres_only
def test_the_search_vector_is_kept_by_the_database(db, directory):
    service = directory["swim"]
    Service.objects.filter(pk=service.pk).update(description="Trampolining every Saturday.")
    assert Service.objects.search("trampolining").get() == service


@sqlite_only
def test_sqlite_falls_back_to_matching_every_word(client, directory):
    assert names(client.get(URL, {"q": "speech therapy"})) == ["Speech and Language Therapy"]
    assert names(client.get(URL, {"q": "speech swimming"})) == []
    assert names(client.get(URL, {"q": "SPEECH"})) == ["Speech and Language Therapy"]


# --- Bad input: a clear message, never a 500, never unescaped ------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"age": "banana"}, "Enter the age as a whole number, like 7"),
        ({"age": "-5"}, "Enter an age of 0 or more"),
        ({"age": "1000"}, "Enter an age of 99 or less"),
        ({"need": "unicorn"}, "Choose needs from the list"),
        ({"category": "nope"}, "Choose types of service from the list"),
        ({"access": "teleport"}, "Choose how you can get it from the list"),
        ({"area": "Atlantis"}, "Choose a town or area from the list"),
        ({"sort": "price"}, "Choose how to sort from the list"),
        ({"q": "x" * 10_000}, "Search for up to 200 characters"),
    ],
)
def test_bad_filter_values_are_explained_and_the_rest_of_the_search_still_runs(client, directory, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert response.text.count("x" * 201) == 0  # a 10,000-character keyword is not echoed back whole
    assert len(names(response)) == 4


def test_error_summary_links_to_the_first_checkbox_of_a_group(client, directory):
    response = client.get(URL, {"need": "unicorn"})
    assert '<a href="#id_need_0">Choose needs from the list</a>' in response.text
    assert 'id="id_need_0"' in response.text


@pytest.mark.parametrize(
    ("page", "notice", "first"),
    [
        ("abc", "The page number was not recognised, so this is the first page.", "Club 00"),
        ("99999", "There are only 2 pages, so this is the last one.", "Club 20"),
        ("0", "Page numbers start at 1, so this is the first page.", "Club 00"),
        ("-3", "Page numbers start at 1, so this is the first page.", "Club 00"),
        ("9" * 5000, "The page number was not recognised, so this is the first page.", "Club 00"),
    ],
)
def test_an_unusable_page_number_gives_a_page_and_says_which(client, db, page, notice, first):
    for n in range(25):
        ServiceFactory(name=f"Club {n:02d}")
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert notice in response.text
    assert names(response)[0] == first


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE provision_service; --",
        '"><img src=x onerror=alert(1)>',
        "autism' OR '1'='1",
        "\\",
        '"unclosed',
        "!!!",
    ],
)
def test_html_and_sql_in_any_field_are_harmless_and_escaped(client, directory, payload):
    for field in ("q", "age", "need", "area", "access", "sort", "page"):
        response = client.get(URL, {field: payload})
        assert response.status_code == 200, field
        assert "<script>alert(1)</script>" not in response.text
        assert "<img src=x" not in response.text
    assert Service.objects.count() == 5


def test_page_title_and_heading_describe_the_search(client, directory):
    response = client.get(URL, {"q": "autism"})
    assert re.search(r"<title>Find support for “autism”", response.text)
    assert "2 services found" in response.text


# --- Queries per page do not grow with the directory ---------------------------------------------


def _queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


def _grow(n, terms, venue):
    for i in range(n):
        ServiceFactory(
            name=f"Autism club {i}",
            description="Social group for autistic young people.",
            minimum_age=8,
            maximum_age=18,
            terms=terms,
            locations=[venue],
        )


@pytest.mark.parametrize(
    "params", [{}, {"q": "autism club", "age": 10, "need": "autism", "area": "Southport", "page": 2}]
)
def test_search_page_queries_do_not_grow_with_the_number_of_services(
    client, db, autism, health, django_assert_max_num_queries, params
):
    venue = LocationFactory(area="Southport")
    _grow(25, [autism, health], venue)
    small = _queries(client, params)
    _grow(100, [autism, health], venue)
    with django_assert_max_num_queries(small):
        client.get(URL, params)
    assert small <= 9  # keyword search on PostgreSQL: one more, for spelling help


def test_empty_fields_are_tidied_out_of_the_address(client, db):
    response = client.get(URL + "?q=speech&age=&access=&need=autism&area=&sort=relevance")
    assert response.status_code == 302
    assert response["Location"] == URL + "?q=speech&need=autism"
    assert client.get(URL + "?q=&sort=relevance")["Location"] == URL
    assert client.get(URL, {"q": "speech", "sort": "name"}).status_code == 200


@postgres_only
@pytest.mark.parametrize("nonsense", ["trampolining", "horse riding", "dyslexia"])
def test_spelling_help_on_the_seeded_directory_does_not_invent_matches(client, seeded, nonsense):
    """Words the seeded Local Offer never uses find nothing, rather than services that share a few letters."""
    response = client.get(URL, {"q": nonsense})
    assert names(response) == []
    assert "No services match your search." in response.text


@postgres_only
def test_spelling_help_on_the_seeded_directory_finds_the_intended_word(client, seeded):
    found = names(client.get(URL, {"q": "swiming"}))
    assert found and found == names(client.get(URL, {"q": "swimming"}))
