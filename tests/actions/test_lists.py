"""My actions, the filtered action plan and its exports."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions.models import Reminder, Status
from tests.factories import ActionFactory, ProgressUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_key(db):
    call_command("loaddata", "fixtures/status_key.json", verbosity=0)


def test_my_actions_groups_overdue_and_update_needed(client, lead_officer, plan, period):
    overdue = plan["led"]  # due Q3 2023/24: long past
    current = ActionFactory(
        outcome=plan["outcome"], number=3, leads=[plan["lead_role"]], due_text="Q4 2030/31", due_quarter="Q4 2030/31"
    )
    ProgressUpdateFactory(action=current, period=period)
    client.force_login(lead_officer)
    response = client.get(reverse("actions:my-actions"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert groups["overdue"] == [overdue]
    assert groups["rest"] == [current]
    assert plan["other"].title not in response.text


def test_my_actions_needs_sign_in(client):
    response = client.get(reverse("actions:my-actions"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_action_plan_filters_by_status_and_the_url_carries_them(client, officer, plan, status_key):
    plan["other"].status = Status.AT_RISK
    plan["other"].save()
    client.force_login(officer)
    response = client.get(reverse("actions:action-list"), {"status": "at_risk"})
    assert response.status_code == 200
    assert plan["other"].title in response.text and plan["led"].title not in response.text
    assert "export.csv?status=at_risk" in response.text


def test_filtering_by_several_statuses_needs_no_distinct(client, officer, plan, status_key):
    """DISTINCT over the annotated list made the database compute every action's latest update."""
    plan["other"].status = Status.AT_RISK
    plan["other"].save()
    client.force_login(officer)
    response = client.get(reverse("actions:action-list"), {"status": ["at_risk", "not_started"]})
    assert list(response.context["page_obj"].object_list) == [plan["led"], plan["other"]]
    assert not response.context["filter"].qs.query.distinct


def test_action_plan_filters_by_rag_lead_overdue_and_no_update(client, officer, plan, period, status_key):
    plan["other"].status = Status.OFF_TRACK
    plan["other"].save()
    ProgressUpdateFactory(action=plan["led"], period=period)
    client.force_login(officer)
    url = reverse("actions:action-list")
    red = client.get(url, {"rag": "red"}).context["page_obj"].object_list
    assert list(red) == [plan["other"]]
    led = client.get(url, {"lead": plan["lead_role"].pk}).context["page_obj"].object_list
    assert list(led) == [plan["led"]]
    stale = client.get(url, {"no_update": "on"}).context["page_obj"].object_list
    assert list(stale) == [plan["other"]]
    overdue = client.get(url, {"overdue": "on"}).context["page_obj"].object_list
    assert set(overdue) == {plan["led"], plan["other"]}


@pytest.mark.parametrize(
    "query", [{"page": "abc"}, {"page": "99999"}, {"lead": "banana"}, {"due": "nonsense"}, {"q": "x" * 10000}]
)
def test_bad_filter_input_never_500s(client, officer, plan, query):
    client.force_login(officer)
    response = client.get(reverse("actions:action-list"), query)
    assert response.status_code == 200


def test_csv_export_has_the_filtered_rows_and_neutralises_formulas(client, officer, plan, status_key):
    plan["led"].title = "=HYPERLINK('http://evil')"
    plan["led"].save()
    client.force_login(officer)
    response = client.get(reverse("actions:action-export-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Action", "Outcome"]
    assert len(rows) == 3
    assert rows[1][1] == "'=HYPERLINK('http://evil')"
    assert rows[2][7] == "Not started" and rows[2][8] == "Grey"


def test_xlsx_export_opens_with_a_header_row(client, officer, plan, status_key):
    client.force_login(officer)
    response = client.get(reverse("actions:action-export-xlsx"), {"status": "not_started"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:2] == ["Reference", "Action"]
    assert sheet.max_row == 3
    assert sheet.freeze_panes == "A2"


def test_xlsx_export_opens_when_the_text_has_control_characters(client, officer, plan, status_key):
    plan["led"].title = "Recruit\x0ba social care\x07 officer"
    plan["led"].save()
    client.force_login(officer)
    response = client.get(reverse("actions:action-export-xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "Recruita social care officer"


def test_query_counts_do_not_grow_with_the_number_of_actions(
    client, lead_officer, plan, period, status_key, django_assert_max_num_queries
):
    client.force_login(lead_officer)
    urls = [
        reverse("actions:my-actions"),
        reverse("actions:action-list"),
        reverse("actions:action-export-csv"),
        plan["led"].get_absolute_url(),
    ]

    def measure():
        counts = []
        for url in urls:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
            counts.append(len(captured))
        return counts

    ProgressUpdateFactory(action=plan["led"], period=period)  # so both sizes page through some updates
    small = measure()
    for n in range(4, 40):
        action = ActionFactory(outcome=plan["outcome"], number=n, leads=[plan["lead_role"]])
        for _ in range(3):
            ProgressUpdateFactory(action=action, period=period)
    for _ in range(30):
        ProgressUpdateFactory(action=plan["led"], period=period)
    large = measure()
    assert large == small
    with django_assert_max_num_queries(25):
        client.get(reverse("actions:action-list"))


def test_reminders_one_email_per_person_and_never_twice_a_day(lead_officer, plan, period):
    plan["lead_role"].delegates.add(UserFactory(username="deputy", email="deputy@example.org"))
    ActionFactory(outcome=plan["outcome"], number=5, leads=[plan["lead_role"]])
    call_command("send_reminders", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["deputy@example.org", "officer@example.org"]
    body = next(m.body for m in mail.outbox if m.to == ["officer@example.org"])
    assert body.count("Record progress: http") == 2
    assert f"/actions/{plan['led'].pk}/progress/" in body
    call_command("send_reminders", verbosity=0)
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_no_reminder_once_the_period_has_an_update(lead_officer, plan, period):
    ProgressUpdateFactory(action=plan["led"], period=period)
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == []


def test_the_action_page_reads_the_rag_key_once_however_many_cards_and_includes_show_it(
    client, lead_officer, plan, period, status_key
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from actions.models import StatusDefinition

    for _ in range(3):
        ProgressUpdateFactory(action=plan["led"], period=period)
    client.force_login(lead_officer)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(plan["led"].get_absolute_url())
    assert page.status_code == 200 and page.text.count("portal-status--") >= 4  # the action's tag and 3 cards
    table = StatusDefinition._meta.db_table
    assert len([q for q in captured if f'FROM "{table}"' in q["sql"]]) == 1
