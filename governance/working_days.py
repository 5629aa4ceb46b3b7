"""Working days in England, for committee deadlines.

A committee's papers are open to inspection at least five clear days before its meeting (Local
Government Act 1972, s.100B). As council constitutions count them, clear days leave out the day
the papers are published, the day of the meeting, weekends and bank holidays. SEND partnerships
are in England, so England's bank holidays (the `holidays` package keeps them up to date).
"""

import datetime
import functools

import holidays

ONE_DAY = datetime.timedelta(days=1)


@functools.cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def publish_by(meeting: datetime.date, clear_days: int) -> datetime.date:
    """The last working day on which papers can be published with `clear_days` clear working
    days between publication and the meeting."""
    day, counted = meeting, 0
    while counted < clear_days:
        day -= ONE_DAY
        counted += is_working_day(day)
    day -= ONE_DAY
    while not is_working_day(day):
        day -= ONE_DAY
    return day
