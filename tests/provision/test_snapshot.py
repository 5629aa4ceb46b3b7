"""The SEND snapshot (issue 8): counts, links that list exactly what is counted, gaps,
staleness, need figures, exports, who may see what, and queries that do not grow."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from governance.models import Indicator, IndicatorValue
from governance.roles import PROGRAMME_MANAGER
from priorities.models import Partnership
from provision import snapshot
from provision.models import Service, TaxonomyTerm
from tests.factories import UserFactory

from .factories import LocationFactory, NeedFactory, ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def sensory(db):
    return NeedFactory(name="Sensory")


@pytest.fixture
def directory(autism, adhd, sensory):
    """A small directory: ages, areas and routes chosen so every kind of cell occurs."""
    north = LocationFactory(name="North hall", area="Northtown")
    south = LocationFactory(name="South hall", area="Southtown")
    south_again = LocationFactory(name="South annexe", area="southtown")  # the same area, other case
    ServiceFactory(
        name="Early words", minimum_age=0, maximum_age=5, access=Service.Access.SELF_REFERRAL,
        terms=[autism], locations=[north], assured_date=TODAY,
    )  # fmt: skip
    ServiceFactory(
        name="Teen group", minimum_age=13, maximum_age=None, access=Service.Access.TEAM, referral_team="Youth team",
        terms=[autism, adhd], locations=[south, south_again],
    )  # fmt: skip
    ServiceFactory(
        name="Clinic", minimum_age=None, maximum_age=None, access=Service.Access.PROFESSIONAL,
        terms=[adhd], assured_date=TODAY - datetime.timedelta(days=400),
    )  # fmt: skip
    ServiceFactory(name="Drop-in", minimum_age=5, maximum_age=11, access="", terms=[adhd], locations=[north])
    ServiceFactory(name="Adults only", minimum_age=30, maximum_age=60, access=Service.Access.OPEN, terms=[autism])
    ServiceFactory(
        name="Paused club", status=Service.Status.TEMPORARILY_CLOSED, minimum_age=6, maximum_age=9,
        access=Service.Access.OPEN, terms=[autism], assured_date=TODAY,
    )  # fmt: skip
    ServiceFactory(name="Retired", status=Service.Status.DEFUNCT, minimum_age=0, maximum_age=25, terms=[sensory])
    ServiceFactory(name="Untagged", minimum_age=0, maximum_age=25, access=Service.Access.OPEN)


def _row(grid, label):
    return next(row for row in [*grid.rows, grid.all_row] if row.label == label)


def _cell(grid, row_label, column_label):
    row = _row(grid, row_label)
    index = [c.label for c in grid.columns].index(column_label)
    return row.cells[index]


def _counts(grid, label):
    return [cell.count for cell in _row(grid, label).cells]


# --- Counting ---------------------------------------------------------------------------------


def test_a_service_counts_in_every_age_band_its_range_overlaps(directory):
    data = snapshot.build(with_indicators=False)
    # Autism: Early words 0-5 (0-4, 5-10), Teen group 13+ (11-15, 16-18, 19-25), Paused club 6-9
    # (5-10); Adults only (30-60) is in no band but in the total.
    assert _counts(data.age, "Autism") == [1, 2, 1, 1, 1, 0]
    assert _row(data.age, "Autism").total.count == 4


def test_services_with_no_stated_ages_are_counted_once_in_their_own_column(directory):
    data = snapshot.build(with_indicators=False)
    # ADHD: Clinic states no ages; it is not in any band.
    assert _counts(data.age, "ADHD") == [0, 1, 2, 1, 1, 1]
    assert data.age.columns[-1].label == "Ages not stated"
    assert data.ages_not_stated == 1


def test_retired_services_are_not_counted_and_temporarily_closed_ones_are(directory):
    data = snapshot.build(with_indicators=False)
    assert data.total == 7  # eight services, one defunct
    assert data.temporarily_closed == 1
    assert _row(data.age, "Sensory").total.count == 0


def test_the_all_services_row_counts_each_service_once_including_those_with_no_need(directory):
    data = snapshot.build(with_indicators=False)
    assert data.no_need == 1
    assert _counts(data.age, "All services (any need)") == [2, 4, 3, 2, 2, 1]


def test_areas_come_from_venues_and_include_services_with_no_fixed_venue(directory):
    data = snapshot.build(with_indicators=False)
    assert [c.label for c in data.area.columns] == ["Northtown", "Southtown"]
    # ADHD: Clinic has no venue (counts everywhere); Teen group has two venues in Southtown.
    north, south = _row(data.area, "ADHD").cells
    assert (north.count, north.note) == (2, "1 with a venue there")
    assert (south.count, south.note) == (2, "1 with a venue there")


def test_routes_split_no_referral_from_referral_and_not_stated(directory):
    data = snapshot.build(with_indicators=False)
    assert _counts(data.route, "ADHD") == [0, 1, 1, 1]
    assert _counts(data.route, "Autism") == [3, 0, 1, 0]


# --- Links list exactly what is counted ----------------------------------------------------------------


def _listed_count(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def test_every_cell_links_to_a_list_of_exactly_the_services_it_counts(client, directory):
    data = snapshot.build(with_indicators=False)
    checked = 0
    for grid in (data.age, data.area, data.route):
        for row in [*grid.rows, grid.all_row]:
            for cell in [*row.cells, row.total]:
                if cell.count == 0:
                    assert cell.url == ""
                    continue
                assert _listed_count(client, cell.url) == cell.count, (grid.key, row.label, cell.describe, cell.url)
                checked += 1
    assert checked >= 30


def test_area_and_route_cells_link_to_the_directory_search_and_age_cells_to_the_snapshot_list(directory):
    data = snapshot.build(with_indicators=False)
    assert _cell(data.area, "Autism", "Southtown").url == "/find-support/?need=autism&area=Southtown"
    assert (
        _cell(data.route, "Autism", data.route.columns[0].label).url == "/find-support/?need=autism&access=no-referral"
    )
    assert _cell(data.age, "Autism", "5 to 10").url == "/snapshot/services/?need=autism&ages=5-10"
    assert _row(data.age, "Autism").total.url == "/find-support/?need=autism"


def test_the_cell_list_says_what_it_lists_and_offers_the_directory_search(client, directory):
    response = client.get("/snapshot/services/?need=autism&ages=5-10")
    content = response.content.decode()
    assert "Services for Autism for any age from 5 to 10" in content
    assert "Early words" in content and "Paused club" in content and "Teen group" not in content
    assert 'href="/find-support/?need=autism&amp;age=5"' in content


@pytest.mark.parametrize(
    "query",
    ["need=nothing&ages=5-10", "ages=5-11", "route=team", "", "need=autism", "ages=%3Cscript%3E"],
)
def test_the_cell_list_rejects_what_it_cannot_list_with_a_clear_message(client, directory, query):
    response = client.get(f"/snapshot/services/?{query}")
    assert response.status_code == 400
    assert "We could not show those services" in response.content.decode()
    assert "<script>" not in response.content.decode()


# --- Gaps, thin provision, staleness ---------------------------------------------------------------


def test_gaps_are_named_in_words_none_referral_only_and_no_direct_route(directory):
    data = snapshot.build(with_indicators=False)
    assert _cell(data.age, "ADHD", "0 to 4").gap_label == "No service"
    assert _cell(data.age, "ADHD", "16 to 18").gap_label == "Referral only"  # Teen group: team referral
    assert _cell(data.age, "ADHD", "5 to 10").gap_label == "No direct route known"  # Drop-in says nothing
    assert _cell(data.age, "Autism", "0 to 4").gap_label == ""  # Early words takes self-referrals


def test_the_thin_provision_list_ranks_empty_cells_first(directory):
    data = snapshot.build(with_indicators=False)
    ranked = [(t.need, t.where, t.cell.count, t.cell.open) for t in data.thin]
    assert ranked[0][2] == 0
    assert [t.rank for t in data.thin] == list(range(1, len(data.thin) + 1))
    keys = [(t.cell.open, t.cell.count) for t in data.thin]
    assert keys == sorted(keys)
    assert ("Sensory", "Ages 0 to 4", 0, 0) in ranked
    assert ("Autism", "Ages 0 to 4", 1, 1) in ranked  # thin: only one service


def test_staleness_counts_never_reviewed_and_over_a_year_ago_overall_and_per_need(directory):
    data = snapshot.build(with_indicators=False)
    # Reviewed today: Early words, Paused club. Everything else listed is stale (5 of 7).
    assert (data.stale, data.stale_percent) == (5, 71)
    assert _row(data.age, "Autism").stale == 2  # Teen group, Adults only
    assert _row(data.age, "ADHD").stale == 3


# --- Need figures ---------------------------------------------------------------------------


def test_need_figures_show_the_latest_value_with_its_date_and_source(manager_client, directory):
    partnership = Partnership.objects.order_by("pk").first()  # the one the portal serves
    indicator = Indicator.objects.create(
        partnership=partnership, number=1, name="Waiting under 18 weeks", unit="%", source="Test health trust, 2024",
        national="80.5", north_west="78",
    )  # fmt: skip
    IndicatorValue.objects.create(indicator=indicator, value="55.0", as_of="2023-03-01", as_of_label="March 2023")
    IndicatorValue.objects.create(indicator=indicator, value="61.5", as_of="2024-03-01", as_of_label="March 2024")
    content = manager_client.get("/snapshot/").content.decode()
    assert "Waiting under 18 weeks" in content
    assert "61.5%</strong>, March 2024" in content
    assert "Source: Test health trust, 2024" in content
    assert "England 80.5%; North West 78%" in content


def test_need_figures_show_the_latest_dated_value_with_its_note_not_an_undated_older_one(manager_client, directory):
    partnership = Partnership.objects.order_by("pk").first()
    indicator = Indicator.objects.create(
        partnership=partnership, number=1, name="Young people not in education", unit="%", source="The strategy"
    )
    IndicatorValue.objects.create(indicator=indicator, value="9.4", as_of=None, as_of_label="No date stated")
    IndicatorValue.objects.create(
        indicator=indicator, value="8.1", as_of="2024-12-01", as_of_label="December 2024", note="Down from 9.4%."
    )
    content = manager_client.get("/snapshot/").content.decode()
    assert "8.1%</strong>, December 2024" in content
    assert "Down from 9.4%." in content
    assert "9.4%</strong>" not in content


def test_a_programme_manager_adds_a_need_figure_in_the_admin_and_the_snapshot_shows_it(client, directory):
    manager = UserFactory(username="figures-manager", role=PROGRAMME_MANAGER, is_staff=True)
    client.force_login(manager)
    partnership = Partnership.objects.order_by("pk").first()
    indicator = Indicator.objects.create(
        partnership=partnership, number=1, name="Waiting under 18 weeks", unit="%", source="Test health trust"
    )
    old = IndicatorValue.objects.create(indicator=indicator, value="65", as_of="2023-01-01", as_of_label="January 2023")
    assert client.get("/admin/governance/indicator/").status_code == 200
    url = f"/admin/governance/indicator/{indicator.pk}/change/"
    fields = {"partnership": partnership.pk, "number": 1, "name": indicator.name, "unit": "%", "polarity": "context"}
    fields |= {"topic": "", "source": indicator.source, "national": "", "north_west": "", "comparator_note": ""}
    formset = {
        "values-TOTAL_FORMS": 2,
        "values-INITIAL_FORMS": 1,
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
    }
    existing = {"values-0-id": old.pk, "values-0-indicator": indicator.pk, "values-0-value": "65"}
    existing |= {"values-0-as_of": "2023-01-01", "values-0-as_of_label": "January 2023"}
    new = {"values-1-indicator": indicator.pk, "values-1-value": "71.5", "values-1-as_of": "2024-06-01"}
    new |= {"values-1-as_of_label": "June 2024", "values-1-note": "From the trust's monthly return."}
    reason = {"change_reason": "June figures from the trust"}
    response = client.post(url, {**fields, **formset, **existing, **new, **reason})
    assert response.status_code == 302, response.content.decode()[:2000]
    added = IndicatorValue.objects.get(indicator=indicator, as_of="2024-06-01")
    record = added.history.get()
    assert (record.history_user, record.history_change_reason) == (manager, "June figures from the trust")
    content = client.get("/snapshot/").content.decode()
    assert "71.5%</strong>, June 2024" in content


def test_an_officer_cannot_change_need_figures(officer_client):
    assert officer_client.get("/admin/governance/indicator/").status_code == 302


def test_with_no_need_figures_the_page_says_so_rather_than_inventing_any(manager_client, directory):
    content = manager_client.get("/snapshot/").content.decode()
    assert "No need figures have been recorded yet" in content


# --- Who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/snapshot/", "/snapshot/print/", "/snapshot/export/grid.csv", "/snapshot/export/gaps.xlsx"]
)
def test_the_staff_snapshot_needs_sign_in(client, directory, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in")


def test_the_public_summary_shows_headline_counts_and_nothing_staff_only(client, directory):
    response = client.get("/snapshot/summary/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Services for each need, by age band" in content
    assert 'href="/snapshot/services/?need=autism&amp;ages=5-10"' in content
    for staff_only in ("not reviewed", "Referral only", "No service", "Thin", "Need beside provision", "export"):
        assert staff_only not in content


def test_the_staff_page_shows_every_grid_the_key_and_the_downloads(officer_client, directory):
    content = officer_client.get("/snapshot/").content.decode()
    for text in (
        "Services for each need, by age band",
        "Services for each need, by town or area",
        "Services for each need, by how families get them",
        "Thin provision, ranked",
        "Services not reviewed in 12 months, by need",
        "/snapshot/export/grid.csv",
        "/snapshot/export/gaps.xlsx",
        '<svg xmlns="http://www.w3.org/2000/svg"',
        'class="portal-table-wrapper" tabindex="0" role="region" aria-labelledby="grid-age-caption"',
        '<th scope="row" class="govuk-table__header">Sensory</th>',
    ):
        assert text in content, text
    assert "<script>" not in content.replace('<script type="module"', "")


def test_the_printable_view_opens_every_section(officer_client, directory):
    content = officer_client.get("/snapshot/print/").content.decode()
    assert "govuk-details" not in content
    assert "How we count" in content and "css/snapshot.css" in content


# --- Exports ----------------------------------------------------------------------------


def test_grid_csv_has_every_cell_with_absolute_links_and_guards_formulas(officer_client, directory):
    NeedFactory(name="=HYPERLINK(1)", slug="formula")
    response = officer_client.get("/snapshot/export/grid.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Grid", "Need", "Column", "Services"]
    early = [r for r in rows if r[1] == "Autism" and r[2] == "0 to 4"]
    assert early == [["By age", "Autism", "0 to 4", "1", "1", "0", "Thin", early[0][7]]]
    assert early[0][7].startswith("http://testserver/snapshot/services/?need=autism&ages=0-4")
    assert any(r[1] == "'=HYPERLINK(1)" for r in rows)
    assert not any(r[1].startswith("=") for r in rows)


def test_gap_xlsx_lists_the_thin_provision_in_rank_order(officer_client, directory):
    response = officer_client.get("/snapshot/export/gaps.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Rank", "Need", "Where")
    assert [r[0] for r in rows[1:]] == list(range(1, len(rows)))
    assert len(rows) - 1 == len(snapshot.build(with_indicators=False).thin)


def test_an_unknown_export_format_is_not_found(officer_client, directory):
    assert officer_client.get("/snapshot/export/grid.pdf").status_code == 404


# --- Queries do not grow with the number of services ----------------------------------------------


def _more_services(n, needs, start=0):
    areas = [LocationFactory(area=f"Area {i}") for i in range(3)]
    for i in range(start, start + n):
        ServiceFactory(
            minimum_age=[None, 0, 5, 11, 16][i % 5],
            maximum_age=[None, 4, 18, 25, None][i % 5],
            access=[c for c, _ in Service.Access.choices][i % 4],
            referral_team="Short breaks team",
            terms=[needs[i % len(needs)]],
            locations=[areas[i % 3]] if i % 2 else [],
        )


@pytest.mark.parametrize("url", ["/snapshot/", "/snapshot/summary/", "/snapshot/export/grid.csv"])
def test_snapshot_queries_do_not_grow_with_the_number_of_services(
    officer_client, autism, adhd, django_assert_max_num_queries, url
):
    needs = [autism, adhd]
    _more_services(5, needs)
    with CaptureQueriesContext(connection) as small:
        officer_client.get(url)
    _more_services(60, needs, start=5)
    with django_assert_max_num_queries(len(small)):
        response = officer_client.get(url)
    assert response.status_code == 200
    assert len(small) <= 12


def test_the_grid_is_one_aggregate_query_per_shape(autism):
    ServiceFactory(terms=[autism], minimum_age=3, maximum_age=7)
    with CaptureQueriesContext(connection) as captured:
        snapshot.build(with_indicators=False)
    # needs; per need: groups, no venue; all services: groups, no venue, no need; areas per need and overall.
    assert len(captured) == 8


# --- Seeded data -------------------------------------------------------------------------


def test_the_seeded_snapshot_has_a_row_for_every_need_and_a_column_for_every_area(officer_client, seeded):
    content = officer_client.get("/snapshot/").content.decode()
    for need in TaxonomyTerm.objects.needs():
        assert f'<th scope="row" class="govuk-table__header">{need.name}</th>' in content
    data = snapshot.build(with_indicators=False)
    assert {c.label.lower() for c in data.area.columns} == {
        a.lower() for a in Service.objects.listed().values_list("locations__area", flat=True) if a
    }
    assert "Need beside provision" in content and "No need figures have been recorded yet" not in content
