"""The SEND snapshot in the browser: a real table, reached and followed by keyboard, accessible,
readable at 320px, and working without JavaScript. Cells are chosen from the seeded data."""

import pytest
from playwright.sync_api import expect

from provision import snapshot

from .keyboard import tab_to

pytestmark = pytest.mark.django_db(transaction=True)

AGE_CAPTION = "Services for each need, by age band"


def _a_linked_age_cell():
    """The first need and band with services, as the grid describes it."""
    data = snapshot.build(with_indicators=False)
    for row in data.age.rows:
        for column, cell in zip(data.age.columns, row.cells, strict=True):
            if cell.count and column.key != snapshot.AGES_NOT_STATED:
                return row, column, cell
    raise AssertionError("the seed has no service with an age range and a need")


def test_staff_reach_a_grid_cell_by_keyboard_and_it_lists_what_it_counts(
    page, live_server, seeded, officer, sign_in, assert_accessible, assert_no_sideways_scroll
):
    row, column, cell = _a_linked_age_cell()
    sign_in(page, "officer")
    page.goto(f"{live_server.url}/snapshot/")

    table = page.get_by_role("table", name=AGE_CAPTION)
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name=column.label, exact=True)).to_be_visible()
    expect(table.get_by_role("rowheader", name=row.label, exact=True)).to_be_visible()
    assert table.locator("th[scope=col]").count() == len(snapshot.BANDS) + 3
    assert table.locator("tbody th[scope=row]").count() == len(snapshot.build(with_indicators=False).age.rows)
    expect(page.get_by_role("region", name=AGE_CAPTION)).to_be_visible()
    expect(page.get_by_role("img", name="Services listed for each need")).to_be_visible()
    assert_accessible(page)

    page.locator("main").focus()
    tab_to(page, f"{cell.describe}", limit=250)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(row.label)
    expect(page.get_by_text(f"{cell.count} service{'s' if cell.count != 1 else ''}.", exact=False)).to_be_visible()
    assert page.locator("main h2 a").count() == cell.count
    assert_accessible(page)

    page.goto(f"{live_server.url}/snapshot/")
    assert_no_sideways_scroll(page)


def test_an_area_cell_opens_the_directory_search_with_the_same_count(page, live_server, seeded, officer, sign_in):
    data = snapshot.build(with_indicators=False)
    row = next(r for r in data.area.rows if r.cells and r.cells[0].count)
    cell, area = row.cells[0], data.area.columns[0].label
    sign_in(page, "officer")
    page.goto(f"{live_server.url}/snapshot/")
    page.get_by_role("table", name="Services for each need, by town or area").get_by_role(
        "link", name=f"{cell.count} service{'s' if cell.count != 1 else ''} for {row.label}, in {area}", exact=True
    ).click()
    expect(page).to_have_url(f"{live_server.url}{cell.url}")
    expect(page.locator("main")).to_contain_text(f"{cell.count} service")


@pytest.mark.parametrize("path", ["/snapshot/", "/snapshot/print/"])
def test_staff_pages_have_no_axe_violations_and_no_sideways_scroll(
    page, live_server, seeded, officer, sign_in, assert_accessible, assert_no_sideways_scroll, path
):
    sign_in(page, "officer")
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    assert_accessible(page)  # and at 320px wide


def test_the_public_summary_is_accessible_readable_at_320px_and_needs_no_sign_in(
    page, live_server, seeded, assert_accessible, assert_no_sideways_scroll
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Services by need").click()
    expect(page.get_by_role("heading", level=1, name="Services by need and age")).to_be_visible()
    expect(page.get_by_role("table", name=AGE_CAPTION)).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    assert_accessible(page)


def test_the_snapshot_works_without_javascript(browser, live_server, seeded, officer):
    row, column, cell = _a_linked_age_cell()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/snapshot/")
    page.get_by_text("How we count").click()  # a <details> opens without script
    expect(page.get_by_text("counts in a band when its age range overlaps the band", exact=False)).to_be_visible()
    page.get_by_role("table", name=AGE_CAPTION).get_by_role(
        "link", name=f"{cell.count} service{'s' if cell.count != 1 else ''} {cell.describe}", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(row.label)
    context.close()
