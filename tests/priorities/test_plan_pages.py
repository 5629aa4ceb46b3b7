"""The public "Our plan" pages, from the seed fixtures and from a second partnership's."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, Commitment, Milestone, Outcome
from governance.models import Board, Decision, LeadRole, ReportingPeriod
from priorities.models import Partnership, Priority, Strategy
from tests.factories import ActionFactory, CommitmentFactory, OutcomeFactory, PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def test_sefton_fixture_counts(seeded):
    current = Strategy.objects.get(status="current")
    previous = Strategy.objects.get(status="superseded")
    assert current.priorities.count() == 4
    assert current.commitments.count() == 14
    assert Outcome.objects.filter(strategy=current).count() == 12
    assert Action.objects.for_strategy(current).count() == 12
    assert Action.objects.for_strategy(previous).count() == 22
    assert LeadRole.objects.count() == 4
    assert Board.objects.count() == 8
    assert current.supersedes == previous


def test_every_year_one_action_has_a_lead_and_a_parsed_due_quarter(seeded):
    current = Strategy.objects.get(status="current")
    for action in Action.objects.for_strategy(current).prefetch_related("leads"):
        assert action.leads.exists(), action
        assert action.due_quarter == action.due_reading.quarter, action


def test_a_row_naming_two_leads_has_two(seeded):
    from django.db.models import Count

    current = Strategy.objects.get(status="current")
    counts = Action.objects.for_strategy(current).annotate(n=Count("leads")).values_list("n", flat=True)
    assert max(counts) == 2


def test_the_scrutiny_reporting_decision_is_seeded(seeded):
    decision = Decision.objects.get(summary__icontains="six-monthly")
    assert decision.made_on.isoformat() == "2023-06-22"
    assert "Overview and Scrutiny" in decision.text or "Overview and Scrutiny" in decision.summary
    first = ReportingPeriod.objects.order_by("starts_on").first()
    assert first.starts_on.isoformat() == "2023-04-01"


def test_the_two_milestone_row_has_two_milestones(seeded):
    action = Action.objects.get(due_text__startswith="Q2 Resource Plan")
    assert [m.due_quarter.label for m in Milestone.objects.filter(action=action)] == ["Q2 2023/24", "Q3 2023/24"]


def test_our_plan_shows_ambition_priorities_matrix_and_actions(client, seeded):
    current = Strategy.objects.get(status="current")
    response = client.get(reverse("priorities:plan"))
    assert response.status_code == 200
    text = response.text
    assert current.ambition[:60] in text
    for priority in current.priorities.all():
        assert priority.title in text
    assert "Commitments by priority (14 rows)" in text
    matrix = text.split('id="matrix-caption"')[1].split("</table>")[0]
    assert matrix.count('<th scope="row"') == 14
    assert "Progress at a glance" in text and 'role="img"' in text
    for action in Action.objects.for_strategy(current):
        assert action.get_absolute_url() in text


def test_action_page_shows_leads_due_wording_and_status(client, seeded):
    action = Action.objects.get(due_text="Q1 2025")
    text = client.get(action.get_absolute_url()).text
    assert "Q1 2025/26 (April to June 2025)" in text
    assert "As written in the plan: “Q1 2025”" in text
    assert "financial year that starts in 2025" in text
    assert "Not started" in text
    for lead in action.leads.all():
        assert lead.title in text


def test_superseded_strategy_shows_what_was_done_and_carried_forward(client, seeded):
    previous = Strategy.objects.get(status="superseded")
    response = client.get(previous.get_absolute_url())
    assert response.status_code == 200
    assert "has been superseded" in response.text
    carried = Action.objects.for_strategy(previous).filter(carried_forward_to__isnull=False).first()
    page = client.get(carried.get_absolute_url()).text
    assert "Carried forward" in page
    assert carried.carried_forward_to.first().get_absolute_url() in page


def test_a_draft_strategy_is_not_public(client):
    draft = StrategyFactory(status=Strategy.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_status_key_is_public_data(client, seeded):
    text = client.get(reverse("priorities:status-key")).text
    for label in ["Not started", "On track", "At risk", "Off track", "Complete", "Withdrawn"]:
        assert label in text


def test_somerset_loads_into_an_empty_database_and_renders_everywhere(client):
    call_command("loaddata", "fixtures/status_key.json", "fixtures/somerset.json", verbosity=0)
    partnership = Partnership.objects.get()
    assert "Somerset" in partnership.name
    strategy = Strategy.objects.get()
    pages = [
        "/",
        reverse("priorities:plan"),
        reverse("priorities:strategy-list"),
        reverse("governance:board-list"),
        reverse("governance:report-list"),
        *[outcome.get_absolute_url() for outcome in strategy.outcomes.all()],
        *[action.get_absolute_url() for action in Action.objects.for_strategy(strategy)],
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Somerset" in response.text, url
        assert "Sefton" not in response.text, url
    assert Priority.objects.filter(strategy=strategy).count() == 4


def _plan_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_plan_page_queries_do_not_grow_with_the_number_of_actions(client):
    strategy = StrategyFactory()
    priorities = [PriorityFactory(strategy=strategy, number=n) for n in (1, 2)]
    commitment = CommitmentFactory(strategy=strategy, number=1)
    commitment.priorities.add(priorities[0])
    outcome = OutcomeFactory(strategy=strategy, number=1)
    outcome.priorities.add(*priorities)
    outcome.commitments.add(commitment)
    ActionFactory(outcome=outcome, number=1)
    urls = [reverse("priorities:plan"), outcome.get_absolute_url()]
    small = [_plan_queries(client, url) for url in urls]
    for n in range(2, 6):
        extra = OutcomeFactory(strategy=strategy, number=n)
        extra.priorities.add(*priorities)
        c = CommitmentFactory(strategy=strategy, number=n)
        c.priorities.add(*priorities)
        extra.commitments.add(c)
        for m in range(1, 8):
            ActionFactory(outcome=extra if m % 2 else outcome, number=n * 10 + m)
    large = [_plan_queries(client, url) for url in urls]
    assert large == small
    assert Commitment.objects.count() == 5
