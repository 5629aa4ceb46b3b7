import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/sign-in",
    "/accessibility",
    "/plan/",
    "/plan/status-key/",
    "/governance/reports/",
    # An outcome, an action with two milestones, and an item of the superseded strategy (fixed seed keys).
    "/plan/sefton-send-joint-commissioning-strategy-2023-2026/outcomes/11/",
    "/actions/11/",
    "/actions/110/",
]


@pytest.fixture
def seeded_live(live_server, seeded):
    return live_server


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, seeded_live, assert_accessible, path):
    page.goto(seeded_live.url + path)
    assert_accessible(page)


@pytest.mark.parametrize("path", PAGES)
def test_page_does_not_scroll_sideways_at_320px(page, seeded_live, assert_no_sideways_scroll, path):
    page.goto(seeded_live.url + path)
    assert_no_sideways_scroll(page)


def test_skip_link_works_by_keyboard(page, seeded_live):
    page.goto(seeded_live.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(seeded_live.url + "/#main-content")
    # Focus has moved to the main content, so the next Tab lands inside it, not in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main


def test_sign_in_by_keyboard_alone(page, seeded_live, officer):
    page.goto(seeded_live.url + "/sign-in")
    page.get_by_label("Username").focus()
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_pages_work_without_javascript(browser, seeded_live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seeded_live.url + "/plan/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Our plan")).to_be_visible()
    context.close()
