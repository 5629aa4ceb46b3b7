"""Officers record progress on the actions they lead; every write checks who may do it."""

from unittest import mock

import pytest
from django.urls import reverse

from actions.models import Action, ProgressUpdate, Status
from governance.roles import BOARD_MEMBER, OFFICER, PROGRAMME_MANAGER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def progress_data(action, **overrides):
    return {"version": action.version, "status": Status.ON_TRACK, "narrative": "Interviews held.", **overrides}


def test_lead_officer_records_progress_and_history_names_them(client, lead_officer, plan):
    action = plan["led"]
    client.force_login(lead_officer)
    response = client.post(reverse("actions:record-progress", args=[action.pk]), progress_data(action))
    assert response.status_code == 302
    action.refresh_from_db()
    update = ProgressUpdate.objects.get(action=action)
    assert (action.status, action.version) == (Status.ON_TRACK, 2)
    assert update.author == lead_officer and update.period.title == "Current period"
    latest = action.history.first()
    assert latest.history_user == lead_officer
    assert "Not started to On track" in latest.history_change_reason
    assert update.history.first().history_user == lead_officer


def test_officer_cannot_update_an_action_they_do_not_lead(client, lead_officer, plan):
    action = plan["other"]
    client.force_login(lead_officer)
    response = client.post(reverse("actions:record-progress", args=[action.pk]), progress_data(action))
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_a_delegate_may_record_progress(client, plan):
    delegate = UserFactory(username="deputy", role=OFFICER)
    plan["lead_role"].delegates.add(delegate)
    client.force_login(delegate)
    response = client.post(reverse("actions:record-progress", args=[plan["led"].pk]), progress_data(plan["led"]))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().author == delegate


# The whole matrix: each role by each write endpoint. Expected status for a POST.
ROLES = ["anonymous", "officer_not_lead", "officer_lead", "delegate", "programme_manager", "board_member"]
EXPECTED = {
    # role: (record progress, rebaseline, withdraw)
    "anonymous": (302, 302, 302),
    "officer_not_lead": (403, 403, 403),
    "officer_lead": (302, 403, 403),
    "delegate": (302, 403, 403),
    "programme_manager": (302, 302, 302),
    "board_member": (403, 403, 403),
}


def _user_for(role, plan):
    if role == "anonymous":
        return None
    group = {"programme_manager": PROGRAMME_MANAGER, "board_member": BOARD_MEMBER}.get(role, OFFICER)
    user = UserFactory(username=role, role=group)
    if role == "officer_lead":
        plan["lead_role"].holders.add(user)
    if role == "delegate":
        plan["lead_role"].delegates.add(user)
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["record-progress", "rebaseline", "withdraw"])
def test_permission_matrix(client, plan, role, endpoint):
    action = plan["led"]
    user = _user_for(role, plan)
    if user:
        client.force_login(user)
    data = {
        "record-progress": progress_data(action),
        "rebaseline": {
            "version": action.version,
            "due_text": "Q2 2024/25",
            "leads": [plan["lead_role"].pk],
            "reason": "Delayed",
        },
        "withdraw": {"version": action.version, "reason": "Replaced by another action"},
    }[endpoint]
    expected = EXPECTED[role][["record-progress", "rebaseline", "withdraw"].index(endpoint)]
    history_before = action.history.count()
    response = client.post(reverse(f"actions:{endpoint}", args=[action.pk]), data)
    assert response.status_code == expected
    action.refresh_from_db()
    if expected == 302 and user:
        assert action.history.count() > history_before
    else:
        if role == "anonymous":
            assert response.url.startswith(reverse("login"))
        assert action.history.count() == history_before
        assert action.version == 1 and not ProgressUpdate.objects.exists()
    # GET shows the form to those allowed, and 403 to signed-in people who are not.
    get = client.get(reverse(f"actions:{endpoint}", args=[action.pk]))
    if user and expected == 403:
        assert get.status_code == 403


def test_a_stale_form_gets_the_conflict_page_and_keeps_the_text(client, lead_officer, plan):
    action = plan["led"]
    first = UserFactory(username="first", role=PROGRAMME_MANAGER)
    client.force_login(first)
    client.post(reverse("actions:record-progress", args=[action.pk]), progress_data(action, narrative="First word."))
    client.force_login(lead_officer)
    stale = progress_data(
        action, narrative="My own careful words.", status=Status.AT_RISK, reason="Staff", mitigation="Agency"
    )
    response = client.post(reverse("actions:record-progress", args=[action.pk]), stale)
    assert response.status_code == 409
    assert "changed while you were editing" in response.text
    assert "My own careful words." in response.text
    assert "from “Not started” to “On track”" in response.text
    # The other person's words are on the page too, so the officer can see what is already said.
    assert "Progress recorded since you opened the form" in response.text
    assert "First word." in response.text
    assert ProgressUpdate.objects.count() == 1
    action.refresh_from_db()
    assert action.status == Status.ON_TRACK
    # Re-submitting from the conflict page (it carries the new version) saves.
    resubmit = {**stale, "version": action.version}
    assert client.post(reverse("actions:record-progress", args=[action.pk]), resubmit).status_code == 302
    assert ProgressUpdate.objects.count() == 2


def test_a_failure_midway_leaves_no_partial_record(client, lead_officer, plan):
    action = plan["led"]
    client.force_login(lead_officer)
    client.raise_request_exception = False
    history_before = action.history.count()
    with mock.patch("actions.services._save_with_reason", side_effect=RuntimeError("disk full")):
        response = client.post(reverse("actions:record-progress", args=[action.pk]), progress_data(action))
    assert response.status_code == 500
    assert not ProgressUpdate.objects.exists()
    assert not ProgressUpdate.history.exists()
    action.refresh_from_db()
    assert (action.status, action.version, action.history.count()) == (Status.NOT_STARTED, 1, history_before)


def test_narrative_with_html_is_stored_and_shown_as_text(client, lead_officer, plan):
    action = plan["led"]
    client.force_login(lead_officer)
    script = "<script>alert('x')</script><b>bold</b>"
    client.post(reverse("actions:record-progress", args=[action.pk]), progress_data(action, narrative=script))
    assert ProgressUpdate.objects.get().narrative == script
    page = client.get(action.get_absolute_url()).text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_errors_are_summarised_and_what_was_typed_is_kept(client, lead_officer, plan):
    action = plan["led"]
    client.force_login(lead_officer)
    response = client.post(
        reverse("actions:record-progress", args=[action.pk]),
        progress_data(action, narrative="", next_steps="Keep this", evidence_url="not a url"),
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert 'href="#id_narrative"' in response.text
    assert "Keep this" in response.text
    assert not ProgressUpdate.objects.exists()


def test_each_status_on_the_form_says_the_rag_colour_it_sets(client, lead_officer, plan):
    from django.core.management import call_command

    from actions.models import StatusDefinition

    call_command("loaddata", "fixtures/status_key.json", verbosity=0)
    client.force_login(lead_officer)
    page = client.get(reverse("actions:record-progress", args=[plan["led"].pk])).text
    on_track = StatusDefinition.objects.get(status=Status.ON_TRACK)
    assert 'value="on_track" aria-describedby="id_status_1-hint"' in page
    assert (
        '<div id="id_status_1-hint" class="govuk-hint govuk-radios__hint">'
        f'<strong class="govuk-tag portal-status portal-status--green">Green</strong> {on_track.definition}'
    ) in page
    assert page.count("govuk-radios__hint") == len(Status.choices) - 1  # every status but withdrawn


def test_at_risk_needs_a_reason_and_a_mitigation(client, lead_officer, plan):
    action = plan["led"]
    client.force_login(lead_officer)
    response = client.post(
        reverse("actions:record-progress", args=[action.pk]), progress_data(action, status=Status.AT_RISK)
    )
    assert response.status_code == 400
    assert "Say why the action is at risk" in response.text
    assert not ProgressUpdate.objects.exists()


def test_an_officer_cannot_withdraw_by_posting_the_status(client, lead_officer, plan):
    action = plan["led"]
    client.force_login(lead_officer)
    response = client.post(
        reverse("actions:record-progress", args=[action.pk]), progress_data(action, status=Status.WITHDRAWN)
    )
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_rebaselining_records_the_reason_and_the_changes_in_words(manager_client, plan):
    action = plan["led"]
    from tests.factories import LeadRoleFactory

    new_lead = LeadRoleFactory(organisation=plan["lead_role"].organisation, title="Place Director")
    response = manager_client.post(
        reverse("actions:rebaseline", args=[action.pk]),
        {"version": 1, "due_text": "Q2 2024/25", "leads": [new_lead.pk], "reason": "Recruitment delayed by a year"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.due_quarter.label == "Q2 2024/25"
    assert list(action.leads.all()) == [new_lead]
    reasons = set(action.history.values_list("history_change_reason", flat=True))
    assert "Recruitment delayed by a year" in reasons
    page = manager_client.get(action.get_absolute_url()).text
    assert "from “Q3 2023/24” to “Q2 2024/25”" in page
    assert "Place Director" in page and "Recruitment delayed by a year" in page


def test_rebaselining_due_date_and_leads_is_one_change_in_the_history(manager_client, plan):
    """Swapping the leads must not leave a half-changed state (no leads at all) on the record."""
    action = plan["led"]
    from tests.factories import LeadRoleFactory

    new_lead = LeadRoleFactory(organisation=plan["lead_role"].organisation, title="Place Director")
    before = action.history.count()
    manager_client.post(
        reverse("actions:rebaseline", args=[action.pk]),
        {"version": 1, "due_text": "Q2 2024/25", "leads": [new_lead.pk], "reason": "New director in post"},
    )
    assert action.history.count() == before + 1
    latest = action.history.first()
    assert latest.history_change_reason == "New director in post"
    assert [row.leadrole for row in latest.historicalaction_leads_set.all()] == [new_lead]
    entries = manager_client.get(action.get_absolute_url()).context["timeline"]
    assert entries[0].reason == "New director in post"
    assert {(c.label, c.old, c.new) for c in entries[0].changes} == {
        ("Due (as written)", "Q3 2023/24", "Q2 2024/25"),
        ("Due quarter", "Q3 2023/24", "Q2 2024/25"),
        ("Responsible leads", str(plan["lead_role"]), str(new_lead)),
    }


def test_rebaselining_needs_a_readable_due_date_and_a_reason(manager_client, plan):
    action = plan["led"]
    response = manager_client.post(
        reverse("actions:rebaseline", args=[action.pk]),
        {"version": 1, "due_text": "sometime", "leads": [plan["lead_role"].pk], "reason": ""},
    )
    assert response.status_code == 400
    assert "Q3 2023/24" in response.text  # names the accepted forms
    action.refresh_from_db()
    assert action.version == 1


def test_withdrawing_keeps_the_action_with_its_reason(manager_client, plan):
    action = plan["led"]
    response = manager_client.post(
        reverse("actions:withdraw", args=[action.pk]), {"version": 1, "reason": "Merged into 1.2"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.withdrawn_reason) == (Status.WITHDRAWN, "Merged into 1.2")
    assert Action.objects.filter(pk=action.pk).exists()
    assert "Merged into 1.2" in manager_client.get(action.get_absolute_url()).text


def test_admin_cannot_delete_actions_or_edit_progress(client, plan):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "r@example.org", "a-long-password-1")
    client.force_login(admin)
    action = plan["led"]
    assert client.get(reverse("admin:actions_action_delete", args=[action.pk])).status_code == 403
    update = ProgressUpdate.objects.create(action=action, status=Status.ON_TRACK, narrative="x")
    change = client.post(reverse("admin:actions_progressupdate_change", args=[update.pk]), {"narrative": "rewritten"})
    assert change.status_code in (302, 403)
    update.refresh_from_db()
    assert update.narrative == "x"


def test_the_admin_cannot_re_baseline_or_change_status_without_a_reason(client, plan):
    """Due date, leads and status change only through the action's own pages, which ask why."""
    from tests.factories import LeadRoleFactory

    manager = UserFactory(username="pm-admin", role=PROGRAMME_MANAGER, is_staff=True)
    client.force_login(manager)
    action = plan["led"]
    other_lead = LeadRoleFactory(organisation=plan["lead_role"].organisation, title="Place Director")
    url = reverse("admin:actions_action_change", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "outcome": action.outcome.pk,
            "number": action.number,
            "title": "Recruit two social care officers",
            "description": action.description,
            "leads": [other_lead.pk],
            "due_text": "Q4 2030/31",
            "due_quarter": "Q4 2030/31",
            "status": Status.COMPLETE,
            "change_reason": "Trying the admin",
            "milestones-TOTAL_FORMS": 0,
            "milestones-INITIAL_FORMS": 0,
            "milestones-MIN_NUM_FORMS": 0,
            "milestones-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Recruit two social care officers"  # other fields stay editable
    assert (action.due_text, action.status) == ("Q3 2023/24", Status.NOT_STARTED)
    assert list(action.leads.all()) == [plan["lead_role"]]


def test_the_conflict_page_shows_only_the_updates_the_stale_form_had_not_seen(client, lead_officer, plan):
    action = plan["led"]
    manager = UserFactory(username="manager2", role=PROGRAMME_MANAGER)
    client.force_login(manager)
    url = reverse("actions:record-progress", args=[action.pk])
    client.post(url, progress_data(action, narrative="Seen before the form was drawn."))
    action.refresh_from_db()
    drawn_at = action.version  # the officer opens the form now
    client.post(url, progress_data(action, narrative="Saved while the officer was typing."))
    action.refresh_from_db()
    client.post(url, progress_data(action, narrative="And another after that."))

    client.force_login(lead_officer)
    response = client.post(url, {**progress_data(action, narrative="Mine."), "version": drawn_at})
    assert response.status_code == 409
    assert "Saved while the officer was typing." in response.text
    assert "And another after that." in response.text
    assert "Seen before the form was drawn." not in response.text
    assert f"Recorded by {manager.get_full_name() or manager.username}" in response.text
