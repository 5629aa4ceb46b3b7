"""An officer records progress in the browser, by keyboard, and a stale form gets the conflict page."""

import pytest
from playwright.sync_api import expect

from actions.models import Action, ProgressUpdate, Strategy
from governance.roles import PROGRAMME_MANAGER
from tests.factories import UserFactory

from .keyboard import tab_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def led_action(seeded, officer):
    action = Action.objects.for_strategy(Strategy.objects.get(status="current")).get(due_text="Q1 2025")
    action.leads.first().holders.add(officer)
    return action


def test_officer_records_progress_by_keyboard_and_sees_it_in_the_timeline(
    page, live_server, led_action, sign_in, assert_accessible
):
    sign_in(page, "officer")
    assert_accessible(page)

    tab_to(page, "My actions")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    assert_accessible(page)

    tab_to(page, led_action.title[:40])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(led_action.title[:40])
    assert_accessible(page)

    tab_to(page, "Record progress")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record progress")
    assert_accessible(page)

    tab_to(page, "Not started")  # the checked radio takes focus; arrows move within the group
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="On track")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Service review finished; new model agreed with the parent carer forum.")
    tab_to(page, "Save update")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Progress recorded on action")).to_be_visible()
    history = page.locator("#history ~ .moj-timeline").first
    expect(history).to_contain_text("Status changed")
    expect(history).to_contain_text("from “Not started” to “On track”")
    expect(history).to_contain_text("by Test")
    assert_accessible(page)
    assert ProgressUpdate.objects.get().narrative.startswith("Service review finished")


def test_a_second_officers_stale_form_gets_the_conflict_page(
    browser, live_server, led_action, sign_in, assert_accessible, assert_no_sideways_scroll
):
    UserFactory(username="manager2", role=PROGRAMME_MANAGER)
    first, second = browser.new_context(), browser.new_context()
    officer_page, manager_page = first.new_page(), second.new_page()
    sign_in(officer_page, "officer")
    sign_in(manager_page, "manager2")
    url = f"{live_server.url}/actions/{led_action.pk}/progress/"
    officer_page.goto(url)
    manager_page.goto(url)

    manager_page.get_by_role("radio", name="At risk").check()
    manager_page.get_by_label("What has happened").fill("Funding delayed.")
    manager_page.get_by_label("If at risk or off track: why").fill("Budget not yet approved")
    manager_page.get_by_label("If at risk or off track: what is being done about it").fill("Escalated to the board")
    manager_page.get_by_role("button", name="Save update").click()
    expect(manager_page.get_by_text("Progress recorded on action")).to_be_visible()

    officer_page.get_by_role("radio", name="On track").check()
    officer_page.get_by_label("What has happened").fill("My words that must not be lost.")
    officer_page.get_by_role("button", name="Save update").click()
    expect(officer_page.get_by_role("heading", level=1)).to_contain_text("changed while you were editing")
    expect(officer_page.get_by_text("from “Not started” to “At risk”")).to_be_visible()
    expect(officer_page.get_by_label("What has happened")).to_have_value("My words that must not be lost.")
    # The manager's own words, so the officer can judge whether theirs still need saying.
    expect(officer_page.get_by_role("heading", name="Progress recorded since you opened the form")).to_be_visible()
    expect(officer_page.get_by_text("Funding delayed.")).to_be_visible()
    assert_accessible(officer_page)
    assert_no_sideways_scroll(officer_page)
    assert ProgressUpdate.objects.count() == 1

    officer_page.get_by_role("button", name="Save update").click()
    expect(officer_page.get_by_text("Progress recorded on action")).to_be_visible()
    assert ProgressUpdate.objects.count() == 2
    first.close()
    second.close()


@pytest.mark.parametrize("path", ["/actions/", "/actions/mine/", "/actions/{pk}/", "/actions/{pk}/progress/"])
def test_staff_pages_have_no_axe_violations_and_fit_320px(
    page, live_server, led_action, sign_in, assert_accessible, assert_no_sideways_scroll, path
):
    sign_in(page, "officer")
    page.goto(live_server.url + path.format(pk=led_action.pk))
    assert_accessible(page)
    assert_no_sideways_scroll(page)
