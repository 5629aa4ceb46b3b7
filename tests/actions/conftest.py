import datetime

import pytest

from tests.factories import ActionFactory, LeadRoleFactory, OutcomeFactory, ReportingPeriodFactory, StrategyFactory


@pytest.fixture
def period(db):
    """A reporting period covering today."""
    today = datetime.date.today()
    return ReportingPeriodFactory(
        title="Current period",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=30),
    )


@pytest.fixture
def plan(db, period):
    """A current strategy with one outcome; `lead_role` leads `led`, nobody leads `other`."""
    strategy = StrategyFactory(partnership=period.board.partnership)
    outcome = OutcomeFactory(strategy=strategy, number=1)
    lead_role = LeadRoleFactory(organisation__partnership=strategy.partnership)
    led = ActionFactory(outcome=outcome, number=1, leads=[lead_role], title="Recruit a social care officer")
    other = ActionFactory(outcome=outcome, number=2, title="Review short breaks")
    return {"strategy": strategy, "outcome": outcome, "lead_role": lead_role, "led": led, "other": other}


@pytest.fixture
def lead_officer(officer, plan):
    """The `officer` account, holding the lead role of plan['led']."""
    plan["lead_role"].holders.add(officer)
    return officer
