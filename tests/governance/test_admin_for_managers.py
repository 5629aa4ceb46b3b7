"""What programme managers keep up to date in the admin for the scrutiny report: the meeting
date of each reporting period (papers fall due five clear working days before it) and the indicators'
values over time (section 7 of the report)."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Indicator, IndicatorValue, ReportingPeriod
from governance.reporting import report_data
from governance.services import report_for_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_in_admin(client, programme_manager):
    """The programme manager, signed in, with access to the admin (as `demo_accounts` sets up)."""
    programme_manager.is_staff = True
    programme_manager.save()
    client.force_login(programme_manager)
    return client


def _indicator_form(indicator: Indicator, *, new_value: dict) -> dict:
    """The indicator's change form as the admin shows it, with one new value row filled in."""
    fields = ["partnership", "number", "name", "unit", "polarity", "topic", "source", "comparator_note"]
    data = {name: getattr(indicator, f"{name}_id" if name == "partnership" else name) for name in fields}
    data |= {"national": indicator.national or "", "north_west": indicator.north_west or ""}
    existing = list(indicator.values.all())
    data |= {
        "values-TOTAL_FORMS": len(existing) + 1,
        "values-INITIAL_FORMS": len(existing),
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
    }
    for i, value in enumerate(existing):
        data |= {
            f"values-{i}-id": value.pk,
            f"values-{i}-indicator": indicator.pk,
            f"values-{i}-value": value.value,
            f"values-{i}-qualifier": value.qualifier,
            f"values-{i}-as_of": value.as_of or "",
            f"values-{i}-as_of_label": value.as_of_label,
            f"values-{i}-note": value.note,
        }
    n = len(existing)
    data |= {f"values-{n}-indicator": indicator.pk, f"values-{n}-note": ""}
    data |= {f"values-{n}-{key}": value for key, value in new_value.items()}
    return data


def test_a_programme_manager_adds_an_indicator_value_and_the_report_shows_the_direction(
    manager_in_admin, programme_manager, seeded
):
    indicator = Indicator.objects.get(name="EHC plans issued within the 20-week timescale")
    url = reverse("admin:governance_indicator_change", args=[indicator.pk])
    assert manager_in_admin.get(url).status_code == 200
    response = manager_in_admin.post(
        url,
        _indicator_form(indicator, new_value={"value": "30", "as_of": "2023-06-01", "as_of_label": "June 2023"})
        | {"change_reason": "June return"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = IndicatorValue.objects.get(indicator=indicator, as_of=datetime.date(2023, 6, 1))
    record = added.history.get()  # audit history, with who and why
    assert (record.history_user, record.history_change_reason) == (programme_manager, "June return")

    period = ReportingPeriod.objects.order_by("starts_on").last()
    row = next(i for i in report_data(report_for_period(period=period))["indicators"] if i["name"] == indicator.name)
    assert (row["baseline"], row["latest"], row["latest_date"]) == ("18% (January 2023)", "30%", "June 2023")
    assert row["direction"] == "Improving (up)"


def test_a_programme_manager_sets_the_meeting_date_and_papers_fall_due(manager_in_admin, programme_manager, seeded):
    period = ReportingPeriod.objects.order_by("starts_on").last()
    assert period.meeting_on is None  # the documents give no meeting dates
    meeting = datetime.date.today() + datetime.timedelta(days=20)
    response = manager_in_admin.post(
        reverse("admin:governance_reportingperiod_change", args=[period.pk]),
        {
            "board": period.board_id,
            "decision": period.decision_id or "",
            "title": period.title,
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
            "meeting_on": meeting,
            "change_reason": "Committee date set",
        },
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.meeting_on == meeting
    assert (period.history.first().history_user, period.history.first().history_change_reason) == (
        programme_manager,
        "Committee date set",
    )
    listing = manager_in_admin.get(reverse("governance:report-list")).text
    assert f"Papers for {period.title} are due by {period.papers_due_on:%-d %B %Y}" in listing
    assert period.papers_due_on < meeting - datetime.timedelta(days=6)  # working days: a weekend at least


def test_board_members_cannot_change_indicators_or_meeting_dates(client, board_member, seeded):
    board_member.is_staff = True
    board_member.save()
    client.force_login(board_member)
    indicator = Indicator.objects.first()
    period = ReportingPeriod.objects.first()
    assert client.get(reverse("admin:governance_indicator_change", args=[indicator.pk])).status_code == 403
    assert client.post(reverse("admin:governance_reportingperiod_change", args=[period.pk]), {}).status_code == 403
