import datetime

import pytest
from django.core.exceptions import ValidationError

from actions.quarters import FinancialQuarter, parse_due

# Every due text in the Sefton Year 1 action plan, with how it is read.
SEFTON_DUE_TEXTS = [
    ("Q3 23/24", FinancialQuarter(2023, 3)),
    ("Q3 2023/24", FinancialQuarter(2023, 3)),
    ("Q1 2024/25", FinancialQuarter(2024, 1)),
    ("Q4 2023/24", FinancialQuarter(2023, 4)),
    ("Q1 2025", FinancialQuarter(2025, 1)),
    ("March 2027 (in line with the Education Excellence Strategy).", FinancialQuarter(2026, 4)),
    ("Q2 23/24 and throughout life of strategy", FinancialQuarter(2023, 2)),
    ("Action Plan developed June 2023 with reporting to SENDCIB in year", FinancialQuarter(2023, 1)),
    (
        "Q2 Resource Plan Co-produced with Health Providers in Sefton Q3 2023/24 Workforce established to meet demand",
        FinancialQuarter(2023, 3),
    ),
]


@pytest.mark.parametrize(("text", "quarter"), SEFTON_DUE_TEXTS)
def test_every_due_text_in_the_plan_is_read(text, quarter):
    assert parse_due(text).quarter == quarter


def test_q3_2023_24_runs_from_october_to_december_2023():
    quarter = parse_due("Q3 2023/24").quarter
    assert (quarter.start, quarter.end) == (datetime.date(2023, 10, 1), datetime.date(2023, 12, 31))
    assert quarter.label == "Q3 2023/24"


def test_q4_spans_the_new_calendar_year():
    quarter = FinancialQuarter(2023, 4)
    assert (quarter.start, quarter.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert quarter.months_label == "January to March 2024"


def test_a_bare_year_is_read_as_the_financial_year_starting_in_it_and_says_so():
    reading = parse_due("Q1 2025")
    assert reading.quarter.label == "Q1 2025/26"
    assert "financial year that starts in 2025" in reading.explanation


def test_the_two_milestone_cell_gives_both_milestones_and_is_due_by_the_last():
    reading = parse_due(SEFTON_DUE_TEXTS[-1][0])
    assert reading.milestones == [
        (FinancialQuarter(2023, 2), "Resource Plan Co-produced with Health Providers in Sefton"),
        (FinancialQuarter(2023, 3), "Workforce established to meet demand"),
    ]


def test_quarters_order_across_financial_years():
    quarters = [FinancialQuarter(2024, 1), FinancialQuarter(2023, 4), FinancialQuarter(2023, 1)]
    assert sorted(quarters) == [FinancialQuarter(2023, 1), FinancialQuarter(2023, 4), FinancialQuarter(2024, 1)]
    assert FinancialQuarter(2023, 4) + 1 == FinancialQuarter(2024, 1)


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (datetime.date(2023, 4, 1), FinancialQuarter(2023, 1)),
        (datetime.date(2023, 12, 31), FinancialQuarter(2023, 3)),
        (datetime.date(2024, 1, 1), FinancialQuarter(2023, 4)),
        (datetime.date(2024, 3, 31), FinancialQuarter(2023, 4)),
    ],
)
def test_a_date_falls_in_its_financial_quarter(day, quarter):
    assert FinancialQuarter.containing(day) == quarter


def test_overdue_only_after_the_quarter_ends():
    quarter = FinancialQuarter(2023, 3)
    assert not quarter.is_overdue(datetime.date(2023, 12, 31))
    assert quarter.is_overdue(datetime.date(2024, 1, 1))


def test_due_soon_in_its_own_quarter_and_the_one_before():
    quarter = FinancialQuarter(2023, 3)
    assert quarter.is_due_soon(datetime.date(2023, 11, 1))
    assert quarter.is_due_soon(datetime.date(2023, 8, 1))
    assert not quarter.is_due_soon(datetime.date(2023, 5, 1))
    assert not quarter.is_due_soon(datetime.date(2024, 1, 2))


@pytest.mark.parametrize("text", ["soon", "Q5 2023/24", "", "2023", "next year"])
def test_unreadable_text_names_the_accepted_forms(text):
    with pytest.raises(ValidationError) as error:
        parse_due(text)
    assert "Q3 2023/24" in str(error.value)


def test_a_financial_year_whose_years_do_not_follow_is_refused():
    with pytest.raises(ValidationError, match="not a financial year"):
        parse_due("Q3 2023/25")
