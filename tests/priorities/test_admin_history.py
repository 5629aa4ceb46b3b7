"""Edits made in the admin keep history with the editor and their reason, like edits in the portal."""

import pytest
from django.urls import reverse

from actions.models import Milestone
from governance.roles import PROGRAMME_MANAGER, ensure_roles
from tests.factories import ActionFactory, OutcomeFactory, PriorityFactory, StrategyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_manager(client):
    """A test client signed in as a programme manager who may use the admin."""
    ensure_roles()  # the role's permissions, as `migrate` gives them
    user = UserFactory(username="pm", role=PROGRAMME_MANAGER, is_staff=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def admin_superuser(client):
    """A test client signed in as a superuser."""
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


def _form_data(response) -> dict:
    """What the admin change page would post back unchanged: the main form and every inline."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def test_an_admin_edit_records_the_editor_and_their_reason_on_every_record(admin_manager):
    outcome = OutcomeFactory()
    priority = PriorityFactory(strategy=outcome.strategy, number=9, title="Preparing for adulthood")
    url = reverse("admin:actions_outcome_change", args=[outcome.pk])
    data = _form_data(admin_manager.get(url))
    before = outcome.history.count()

    data.update(statement="Young people are ready for adult life", priorities=[str(priority.pk)])
    data["change_reason"] = "Wording agreed at the board; priority confirmed"
    response = admin_manager.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    records = list(outcome.history.order_by("history_id")[before:])
    assert records, "the edit wrote no history"
    assert {(r.history_user, r.history_change_reason) for r in records} == {
        (admin_manager.user, "Wording agreed at the board; priority confirmed")
    }
    assert records[-1].statement == "Young people are ready for adult life"
    assert [row.priority_id for row in records[-1].priorities.all()] == [priority.pk]


def test_an_admin_edit_without_a_reason_is_refused_and_changes_nothing(admin_manager):
    action = ActionFactory(title="Recruit a social care officer")
    url = reverse("admin:actions_action_change", args=[action.pk])
    data = _form_data(admin_manager.get(url))
    before = action.history.count()

    response = admin_manager.post(url, {**data, "title": "Something else"})

    assert response.status_code == 200
    assert "Reason for the change" in response.text and "This field is required" in response.text
    action.refresh_from_db()
    assert action.title == "Recruit a social care officer"
    assert action.history.count() == before


def test_rows_edited_and_deleted_inline_carry_the_reason_of_the_page(admin_superuser):
    strategy = StrategyFactory()
    kept = PriorityFactory(strategy=strategy, number=1, title="High aspirations")
    dropped = PriorityFactory(strategy=strategy, number=2, title="A duplicate row")
    url = reverse("admin:priorities_strategy_change", args=[strategy.pk])
    data = _form_data(admin_superuser.get(url))
    rows = {data[f"priorities-{i}-id"]: i for i in range(2)}

    data[f"priorities-{rows[str(kept.pk)]}-title"] = "High aspirations for all our children and young people"
    data[f"priorities-{rows[str(dropped.pk)]}-DELETE"] = "on"
    data["change_reason"] = "Priorities corrected against the adopted strategy"
    response = admin_superuser.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    edited = kept.history.order_by("history_id").last()
    deleted = dropped.history.order_by("history_id").last()
    assert (edited.title, edited.history_user, edited.history_change_reason) == (
        "High aspirations for all our children and young people",
        admin_superuser.user,
        "Priorities corrected against the adopted strategy",
    )
    assert (deleted.history_type, deleted.history_user, deleted.history_change_reason) == (
        "-",
        admin_superuser.user,
        "Priorities corrected against the adopted strategy",
    )
    assert strategy.history.order_by("history_id").last().history_change_reason == (
        "Priorities corrected against the adopted strategy"
    )


def test_the_admin_shows_and_takes_due_quarters_as_text(admin_manager):
    # An action's own due date changes only by re-baselining (actions/services.py); its milestones'
    # due quarters are edited here.
    action = ActionFactory(due_text="Q3 23/24", due_quarter="Q3 2023/24")
    Milestone.objects.create(action=action, number=1, description="Plan agreed", due_quarter="Q3 2023/24")
    url = reverse("admin:actions_action_change", args=[action.pk])
    page = admin_manager.get(url)
    # text, not a number box a browser would empty
    assert '<input type="text" name="milestones-0-due_quarter" value="Q3 2023/24"' in page.text
    data = {**_form_data(page), "change_reason": "Checked against the plan"}

    assert admin_manager.post(url, data).status_code == 302
    milestone = action.milestones.get()
    assert milestone.due_quarter.label == "Q3 2023/24"

    refused = admin_manager.post(url, {**data, "milestones-0-due_quarter": "soon"})
    assert refused.status_code == 200 and "Q3 2023/24" in str(
        refused.context["inline_admin_formsets"][0].formset.errors
    )

    assert admin_manager.post(url, {**data, "milestones-0-due_quarter": "Q1 2025"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.due_quarter.label == "Q1 2025/26"
