"""Shared fixtures for the reporting cycle: a plan with a scenario to report on, reading PDFs
back, and running the background jobs that build them (`jobs.run_jobs`)."""

import datetime
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from actions import services as action_services
from actions.models import Status
from governance import services
from governance.models import ReportingPeriod
from tests.factories import (
    ActionFactory,
    BoardFactory,
    LeadRoleFactory,
    OutcomeFactory,
    PriorityFactory,
    StrategyFactory,
)


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text, with line breaks and runs of spaces folded (table cells wrap)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def scenario(db, programme_manager):
    """A plan with two periods; in the current one: progress at risk, a re-baseline, a withdrawal, a completion."""
    call_command("loaddata", "fixtures/status_key.json", verbosity=0)
    board = BoardFactory(name="Overview and Scrutiny Committee (Test)")
    strategy = StrategyFactory(partnership=board.partnership, title="Test Joint Commissioning Strategy")
    p1 = PriorityFactory(strategy=strategy, number=1, title="High aspirations for every child")
    p2 = PriorityFactory(strategy=strategy, number=2, title="Support close to home")
    lead = LeadRoleFactory(organisation__partnership=board.partnership, title="Head of Inclusion")
    new_lead = LeadRoleFactory(organisation=lead.organisation, title="Designated Clinical Officer")
    outcome = OutcomeFactory(strategy=strategy, number=1, statement="Families get help early")
    outcome.priorities.add(p1, p2)
    far = "Q4 2040/41"
    actions = {
        name: ActionFactory(outcome=outcome, number=n, title=title, leads=[lead], due_text=far, due_quarter=far)
        for n, (name, title) in enumerate(
            [
                ("risky", "Recruit speech therapists"),
                ("moved", "Open a sensory hub"),
                ("dropped", "Run a pilot helpline"),
                ("done", "Publish the graduated approach"),
                ("late", "Map the Local Offer"),
            ],
            start=1,
        )
    }
    late = actions["late"]
    late.due_text, late.due_quarter = "Q1 2020/21", "Q1 2020/21"
    late.save()
    today = datetime.date.today()
    previous = ReportingPeriod.objects.create(
        board=board,
        title="Previous period",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=200),
    )
    current = ReportingPeriod.objects.create(
        board=board,
        title="Current period",
        starts_on=today - datetime.timedelta(days=199),
        ends_on=today + datetime.timedelta(days=30),
        meeting_on=today + datetime.timedelta(days=60),
    )
    pm = programme_manager
    a = actions["risky"]
    action_services.action_record_progress(
        action=a,
        user=pm,
        expected_version=a.version,
        status=Status.AT_RISK,
        narrative="Two vacancies remain.",
        reason="National shortage of therapists",
        mitigation="Agency cover agreed",
        revised_due_text="Q3 2041/42",
    )
    a = actions["moved"]
    action_services.action_rebaseline(
        action=a,
        user=pm,
        expected_version=a.version,
        due_text="Q2 2041/42",
        leads=[new_lead],
        reason="Building works delayed",
    )
    a = actions["dropped"]
    action_services.action_withdraw(
        action=a, user=pm, expected_version=a.version, reason="Merged into the information helpline"
    )
    a = actions["done"]
    action_services.action_record_progress(
        action=a, user=pm, expected_version=a.version, status=Status.COMPLETE, narrative="Published in May."
    )
    report = services.report_for_period(period=current, save=True)
    services.report_update(
        report=report,
        user=pm,
        changes={
            "report_of": "Executive Director of Children's Services",
            "portfolio": "Children, Schools and Safeguarding",
            "summary": "Progress on the strategy.",
            "recommendations": "Note the progress.",
            "contact_officer": "Programme Manager",
        },
    )
    return {
        "board": board,
        "strategy": strategy,
        "period": current,
        "previous": previous,
        "report": report,
        "actions": actions,
        "priorities": [p1, p2],
        "pm": pm,
    }
