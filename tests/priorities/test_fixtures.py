"""The seed fixtures: what they hold (checked against the source documents, row by row) and the
history their loading leaves."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from actions.models import Action, Commitment, Outcome, Status
from priorities.models import Priority, Strategy

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# The "Outcomes & Actions" priority matrix of the Sefton strategy 2023-2026: row -> priorities marked X.
SEFTON_MATRIX = {
    1: {1, 3, 4},
    2: {1, 3, 4},
    3: {1, 2, 3, 4},
    4: {1, 2, 3},
    5: {1, 3},
    6: {1, 3, 4},
    7: {1, 2, 3, 4},
    8: {1, 2, 3, 4},
    9: {1, 3},
    10: {1, 3},
    11: {1, 3},
    12: {1, 3},
    13: {1, 3},
    14: {1, 2, 3},
}

# Appendix 3, the Year 1 action plan: each row's responsible lead as written, mapped to lead roles.
SEFTON_YEAR_ONE_LEADS = {
    1: {"Assistant Director of Education Excellence"},  # "Assistant Director Education Excellence"
    2: {"Executive Director of Children's Social Care and Education"},  # "Executive Director of Children's Services…"
    3: {"Place Director, Sefton"},  # "Place Director NHS - Sefton"
    4: {"Place Director, Sefton"},  # "Place Director NHS Sefton"
    5: {"Executive Director of Children's Social Care and Education"},  # "Exec Director of Children's Services…"
    6: {"Executive Director of Children's Social Care and Education", "Place Director, Sefton"},
    7: {"Assistant Director of Integrated Life Course Commissioning"},
    8: {"Assistant Director of Integrated Life Course Commissioning"},  # "…Integrated whole life Commissioning"
    9: {"Assistant Director of Education Excellence"},  # "Assistant Director of Educational Excellence"
    10: {"Assistant Director of Integrated Life Course Commissioning", "Assistant Director of Education Excellence"},
    11: {"Place Director, Sefton"},  # "Cheshire and Merseyside Integrated Care Board - Place Director Sefton"
    12: {"Assistant Director of Education Excellence"},
}


def _current():
    return Strategy.objects.get(status=Strategy.Status.CURRENT)


def test_every_matrix_row_marks_the_priorities_the_strategy_marks(seeded):
    marks = {
        row.number: {p.number for p in row.priorities.all()}
        for row in Commitment.objects.filter(strategy=_current()).prefetch_related("priorities")
    }
    assert marks == SEFTON_MATRIX


def test_each_year_one_outcome_serves_the_priorities_of_the_matrix_rows_it_delivers(seeded):
    for outcome in Outcome.objects.filter(strategy=_current()).prefetch_related("priorities", "commitments"):
        from_rows = set().union(*(SEFTON_MATRIX[row.number] for row in outcome.commitments.all()))
        assert {p.number for p in outcome.priorities.all()} == from_rows, outcome


def test_every_year_one_row_has_the_leads_it_names(seeded):
    leads = {
        action.outcome.number: {role.title for role in action.leads.all()}
        for action in Action.objects.for_strategy(_current()).select_related("outcome").prefetch_related("leads")
    }
    assert leads == SEFTON_YEAR_ONE_LEADS


def test_the_previous_strategy_keeps_its_22_items_in_order_with_their_final_state(seeded):
    previous = Strategy.objects.get(status=Strategy.Status.SUPERSEDED)
    items = list(Action.objects.for_strategy(previous).order_by("number"))
    assert [item.number for item in items] == list(range(1, 23))
    assert all(item.final_state for item in items)
    assert items[0].title.startswith("Review of Local Offer using SEND Needs Assessment")
    assert items[21].title.startswith("Implement a review of the current offer")
    assert {item.number for item in items if item.status != Status.COMPLETE} == {20, 22}


def test_every_seeded_record_starts_its_history_with_the_fixture_as_the_reason(seeded):
    for item in json.loads((FIXTURES / "sefton.json").read_text()):
        model = apps.get_model(item["model"])
        records = model.history.filter(**{model._meta.pk.attname: item["pk"]}).order_by("history_date", "history_id")
        assert [r.history_change_reason for r in records] == ["Loaded from the seed fixture sefton"], item["model"]


def test_a_forced_reload_over_a_change_made_since_is_in_the_history(seeded):
    action = Action.objects.get(outcome__strategy=_current(), outcome__number=1)
    action.status = Status.ON_TRACK
    action._change_reason = "Progress recorded"
    action.save()
    action.leads.clear()
    priority = Priority.objects.filter(strategy=_current()).first()

    call_command("seed", "sefton", force=True, verbosity=0)

    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED and action.leads.count() == 1
    latest = action.history.order_by("history_date", "history_id").last()
    assert latest.history_change_reason == "Reloaded from the seed fixture sefton"
    assert latest.status == Status.NOT_STARTED
    assert [row.leadrole_id for row in latest.leads.all()] == list(action.leads.values_list("pk", flat=True))
    # Rows the reload did not change get no new record.
    assert priority.history.count() == 1
