"""Papers fall due five clear working days before the meeting: weekends and England's bank
holidays do not count, nor do the day of publication and the day of the meeting."""

import datetime

import pytest

from governance.models import ReportingPeriod
from governance.working_days import is_working_day, publish_by

D = datetime.date


@pytest.mark.parametrize(
    "meeting, due",
    [
        # Tuesday: Mon 14, Fri 11, Thu 10, Wed 9, Tue 8 are the clear days; publish by Monday 7.
        (D(2026, 12, 15), D(2026, 12, 7)),
        # Monday: Fri 11 back to Mon 7; the working day before that is Friday 4.
        (D(2026, 12, 14), D(2026, 12, 4)),
        # After Christmas: 25 Dec (Fri), 28 Dec (Boxing Day observed) and 1 Jan (Fri) do not count.
        (D(2027, 1, 5), D(2026, 12, 23)),
        # After Easter: Good Friday 26 March and Easter Monday 29 March 2027 do not count.
        (D(2027, 4, 6), D(2027, 3, 25)),
        # Spring bank holiday, Monday 25 May 2026.
        (D(2026, 5, 29), D(2026, 5, 20)),
    ],
)
def test_papers_are_due_five_clear_working_days_before_the_meeting(meeting, due):
    assert publish_by(meeting, 5) == due
    assert is_working_day(due)
    clear = [due + datetime.timedelta(days=n) for n in range(1, (meeting - due).days)]
    assert sum(is_working_day(day) for day in clear) == 5


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 8, 31))  # Summer bank holiday
    assert is_working_day(D(2026, 11, 23))


@pytest.mark.django_db
def test_a_period_s_papers_fall_due_by_working_days(scenario):
    period: ReportingPeriod = scenario["period"]
    period.meeting_on = D(2027, 1, 5)
    assert period.papers_due_on == D(2026, 12, 23)
    period.meeting_on = None
    assert period.papers_due_on is None
