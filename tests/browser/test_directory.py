"""A parent finds support in the Local Offer with the keyboard alone, in real Chromium.

Searches, filters by age and need, opens a service, prints it and sends feedback; axe-core
reports no violations on any page of the way, and no page scrolls sideways at 320px. The
same journey runs again with JavaScript turned off.
"""

import pytest
from playwright.sync_api import expect

from governance.roles import PROGRAMME_MANAGER
from provision.models import Feedback, Service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TARGET = "Aiming High - St Joseph's Youth Club (Junior)"


@pytest.fixture
def directory(live_server, seeded):
    return live_server


@pytest.fixture
def check_page(assert_accessible, assert_no_sideways_scroll):
    """axe finds nothing, and at 320px wide nothing scrolls sideways; then back to the usual size."""

    def check(page):
        assert_accessible(page)
        size = page.viewport_size
        assert_no_sideways_scroll(page)
        assert_accessible(page)  # the narrow layout too (the navigation collapses)
        page.set_viewport_size(size)

    return check


def tab_until_focused(page, locator, *, limit: int = 120) -> None:
    """Press Tab until `locator` has focus. Works with JavaScript off (no page.evaluate)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        try:
            expect(locator).to_be_focused(timeout=100)
            return
        except AssertionError:
            continue
    raise AssertionError(f"Could not reach {locator} with the Tab key in {limit} presses on {page.url}")


def parent_journey(page, base_url, *, javascript: bool, check_page=None):
    """The journey, by keyboard. `check_page` (axe and 320px) needs JavaScript to inject axe."""

    def check(page):
        if check_page:
            check_page(page)

    def tab(name, role, **kwargs):
        tab_until_focused(page, page.get_by_role(role, name=name, **kwargs).first)

    page.goto(base_url + "/find-support/")
    expect(page.get_by_role("heading", level=1, name="Find support")).to_be_visible()
    check(page)

    # Search by keyword.
    tab("Search by keyword", "searchbox")
    page.keyboard.type("youth club")
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + "/find-support/?q=youth+club")
    expect(page.get_by_role("heading", name="services found")).to_be_visible()
    check(page)

    # Filter by the child's age and a need.
    tab("Age of the child or young person", "textbox")
    page.keyboard.type("12")
    tab("Autism", "checkbox", exact=True)
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="Autism", exact=True)).to_be_checked()
    tab("Apply filters", "button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + "/find-support/?q=youth+club&age=12&need=autism")
    results = page.get_by_role("list", name="service found")
    expect(results.get_by_role("link", name=TARGET)).to_be_visible()
    expect(page.get_by_role("link", name="Aiming High - Aintree Junior Youth Club")).to_have_count(0)  # no autism
    check(page)

    # Open the service.
    tab(TARGET, "link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=TARGET)).to_be_visible()
    expect(page.get_by_text("Ages 10 to 12")).to_be_visible()
    expect(page.get_by_text("Referral through the Aiming High Team")).to_be_visible()
    check(page)

    # Print it: a button with JavaScript, the browser's own Print without.
    print_button = page.get_by_role("button", name="Print this page")
    hint = page.get_by_text("use your browser’s Print option")
    if javascript:
        expect(hint).to_be_hidden()
        tab("Print this page", "button")
        page.keyboard.press("Enter")
        assert page.evaluate("window.__printed === true"), "the Print button did not open the print dialogue"
    else:
        expect(print_button).to_be_hidden()
        expect(hint).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1, name=TARGET)).to_be_visible()
    expect(page.get_by_role("heading", name="How to get it")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    expect(print_button).to_be_hidden()
    expect(hint).to_be_hidden()
    page.emulate_media(media="screen")

    # Send feedback about the page.
    tab("Report a problem with this page", "link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Report a problem with this page")).to_be_visible()
    expect(page.get_by_role("radio", name="Something is wrong or out of date on a service's page")).to_be_checked()
    check(page)
    tab("Your feedback", "textbox")
    page.keyboard.type("It does not say which days the club meets.")
    tab("A parent or carer", "radio")
    page.keyboard.press("Space")
    tab("Send feedback", "button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Feedback sent")).to_be_visible()
    check(page)

    feedback = Feedback.objects.get()
    assert feedback.service == Service.objects.get(name=TARGET)
    assert (feedback.topic, feedback.role) == ("problem", "parent")
    assert feedback.comment == "It does not say which days the club meets."


def test_parent_finds_prints_and_reports_by_keyboard(page, directory, check_page):
    page.add_init_script("window.print = () => { window.__printed = true; };")
    parent_journey(page, directory.url, javascript=True, check_page=check_page)


def test_the_same_journey_works_with_javascript_turned_off(browser, directory):
    context = browser.new_context(java_script_enabled=False)
    try:
        parent_journey(context.new_page(), directory.url, javascript=False)
    finally:
        context.close()


def test_without_the_sites_scripts_the_journey_pages_stay_accessible(browser, directory, check_page):
    """axe needs JavaScript to run, so here the browser keeps it but the site's own scripts are
    blocked: the pages are as a browser without JavaScript shows them."""
    context = browser.new_context()
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    service = Service.objects.get(name=TARGET)
    try:
        for path in (
            "/find-support/?q=youth+club&age=12&need=autism",
            service.get_absolute_url(),
            f"/find-support/feedback/?service={service.pk}",
            "/find-support/feedback/sent/",
        ):
            page.goto(directory.url + path)
            expect(page.locator("body")).not_to_have_class("js-enabled")
            check_page(page)
        page.goto(directory.url + service.get_absolute_url())
        expect(page.get_by_text("use your browser’s Print option")).to_be_visible()
    finally:
        context.close()


def test_bad_input_and_no_results_pages_are_accessible(page, directory, check_page):
    page.goto(directory.url + "/find-support/?q=zzqxwvy&age=banana&need=unicorn")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the age as a whole number, like 7")).to_be_visible()
    expect(page.get_by_text("No services match your search.")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Choose needs from the list").click()
    expect(page.get_by_role("checkbox", name="Autism")).to_be_focused()


def test_feedback_form_errors_are_accessible(page, directory, check_page):
    page.goto(directory.url + "/find-support/feedback/")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("link", name="Choose what your feedback is about")).to_be_visible()
    check_page(page)


def test_you_said_we_did_is_accessible(page, directory, check_page):
    page.goto(directory.url + "/find-support/you-said-we-did/")
    expect(page.get_by_role("heading", level=1, name="You said, we did")).to_be_visible()
    check_page(page)


def test_staff_pages_are_accessible(page, directory, sign_in, check_page):
    UserFactory(username="manager", role=PROGRAMME_MANAGER)
    feedback = Feedback.objects.create(topic="gap", comment="Nothing for teenagers in Formby.")
    service = Service.objects.get(name=TARGET)
    sign_in(page, "manager")
    for path in (
        "/find-support/manage/",
        "/find-support/manage/due-for-review/",
        f"/find-support/manage/services/{service.pk}/",
        f"/find-support/manage/services/{service.pk}/status/",
        f"/find-support/manage/services/{service.pk}/history/",
        "/find-support/manage/services/add/",
        "/find-support/manage/venues/",
        "/find-support/manage/venues/add/",
        "/find-support/manage/feedback/",
        f"/find-support/manage/feedback/{feedback.pk}/",
    ):
        page.goto(directory.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_page(page)
