"""Feedback on the Local Offer (regulation 56): the public form, moderation, "You said, we did"."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from provision.models import Feedback
from provision.roles import DIRECTORY_EDITOR
from tests.factories import UserFactory

from .factories import FeedbackFactory, ServiceFactory

FORM = reverse("provision:feedback-create")
QUEUE = reverse("provision:manage-feedback-list")
PUBLISHED = reverse("provision:you-said-we-did")


def post(client, **data):
    return client.post(FORM, {"topic": "gap", "comment": "There is nothing for teenagers in Formby.", **data})


def test_anyone_can_send_feedback_without_signing_in(client, db):
    response = post(client, role="parent", email="parent@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("provision:feedback-sent")
    feedback = Feedback.objects.get()
    assert (feedback.topic, feedback.role, feedback.email, feedback.status) == (
        "gap",
        "parent",
        "parent@example.org",
        "new",
    )
    assert feedback.history.get().history_change_reason == "Sent by a member of the public"
    assert "Feedback sent" in client.get(response["Location"]).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topic": ""}, "Choose what your feedback is about"),
        ({"topic": "gossip"}, "Choose from the list"),
        ({"comment": ""}, "Enter your feedback"),
        ({"comment": "Hi"}, "Your feedback is too short"),
        ({"comment": "x" * 3001}, "Your feedback must be 3000 characters or fewer"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"service": "not-a-service"}, "The service this feedback is about could not be found"),
    ],
)
def test_feedback_is_validated_with_clear_messages(client, db, data, message):
    response = post(client, **data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert not Feedback.objects.exists()


def test_html_in_feedback_is_escaped_when_shown_to_staff(client, editor_client, db):
    post(client, comment="<script>alert('x')</script> is what I saw")
    feedback = Feedback.objects.get()
    page = editor_client.get(reverse("provision:manage-feedback-detail", args=[feedback.pk]))
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text


def test_a_filled_honeypot_is_thanked_but_not_saved(client, db):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_a_flood_from_one_address_is_throttled(client, db, settings):
    settings.PROVISION_FEEDBACK_RATE = (3, 600)
    for _ in range(3):
        assert post(client).status_code == 302
    response = post(client)
    assert response.status_code == 429
    assert "Please wait before sending more feedback" in response.text
    assert Feedback.objects.count() == 3
    other = client.post(FORM, {"topic": "gap", "comment": "From elsewhere entirely."}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_report_a_problem_starts_from_the_service_and_reaches_staff_with_a_link(
    client, db, django_capture_on_commit_callbacks
):
    service = ServiceFactory(name="Podiatry")
    UserFactory(username="moderator", email="moderator@example.org", role=DIRECTORY_EDITOR)
    UserFactory(username="bystander", email="bystander@example.org")  # no permission: not told
    form = client.get(FORM, {"service": service.pk})
    assert "About: Podiatry" in form.text
    assert f'value="{service.pk}"' in form.text
    assert 'value="problem" checked' in form.text

    with django_capture_on_commit_callbacks(execute=True):
        post(client, topic="problem", comment="The phone number on this page is wrong.", service=service.pk)
    feedback = Feedback.objects.get()
    assert feedback.service == service
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@example.org"]
    assert f"/find-support/services/{service.pk}/" in mail.outbox[0].body
    assert f"/find-support/manage/feedback/{feedback.pk}/" in mail.outbox[0].body


def test_an_unknown_service_in_the_address_is_ignored(client, db):
    for value in ("nope", "00000000-0000-0000-0000-000000000000", "<b>x</b>"):
        response = client.get(FORM, {"service": value})
        assert response.status_code == 200
        assert "About:" not in response.text
        assert "<b>x</b>" not in response.text


def test_moderation_queue_lists_new_feedback_with_service_links(editor_client, db):
    service = ServiceFactory(name="Podiatry")
    FeedbackFactory(topic="problem", service=service, comment="Wrong phone number.")
    FeedbackFactory(status="closed", comment="Already dealt with.")
    response = editor_client.get(QUEUE)
    assert response.status_code == 200
    assert "Wrong phone number." in response.text
    assert "Already dealt with." not in response.text
    assert service.get_absolute_url() in response.text
    assert "Already dealt with." in editor_client.get(QUEUE, {"status": ""}).text


def test_publishing_records_who_and_shows_on_you_said_we_did(editor_client, editor, db):
    feedback = FeedbackFactory(comment="My name is Jo Bloggs and the SEN page is confusing.", email="jo@example.org")
    response = editor_client.post(
        reverse("provision:manage-feedback-detail", args=[feedback.pk]),
        {
            "decision": "publish",
            "published_comment": "The SEN page is confusing.",
            "response": "Thank you. We have rewritten it in plain English.",
            "action": "We will test pages with parents before publishing them.",
        },
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "published" and feedback.moderated_by == editor
    record = feedback.history.first()
    assert record.history_user == editor
    assert record.history_change_reason == "Published with a response"
    page = editor_client.get(PUBLISHED)
    assert "The SEN page is confusing." in page.text
    assert "rewritten it in plain English" in page.text
    assert "We will test pages with parents" in page.text
    assert "Jo Bloggs" not in page.text and "jo@example.org" not in page.text


def test_publishing_needs_the_anonymised_comment_and_a_response(editor_client, db):
    feedback = FeedbackFactory()
    response = editor_client.post(
        reverse("provision:manage-feedback-detail", args=[feedback.pk]),
        {"decision": "publish", "published_comment": "", "response": ""},
    )
    assert response.status_code == 200
    assert "Enter the comment as it will be published" in response.text
    assert "Enter the partnership&#x27;s response" in response.text
    feedback.refresh_from_db()
    assert feedback.status == "new"


def test_closing_without_publishing_keeps_it_off_the_public_page(editor_client, db):
    feedback = FeedbackFactory(comment="Fixed now, thanks.")
    editor_client.post(
        reverse("provision:manage-feedback-detail", args=[feedback.pk]), {"decision": "close", "note": "Phone fixed."}
    )
    feedback.refresh_from_db()
    assert feedback.status == "closed" and feedback.moderation_note == "Phone fixed."
    assert "Fixed now" not in editor_client.get(PUBLISHED).text


def test_only_moderators_see_and_change_feedback(officer_client, db):
    feedback = FeedbackFactory()
    detail = reverse("provision:manage-feedback-detail", args=[feedback.pk])
    assert Client().get(QUEUE).status_code == 302  # signed out: to the sign-in page
    assert officer_client.get(QUEUE).status_code == 403
    assert officer_client.get(detail).status_code == 403
    assert officer_client.post(detail, {"decision": "close"}).status_code == 403
    feedback.refresh_from_db()
    assert feedback.status == "new"


def test_programme_managers_moderate_too(manager_client, db):
    feedback = FeedbackFactory()
    response = manager_client.post(
        reverse("provision:manage-feedback-detail", args=[feedback.pk]), {"decision": "close"}
    )
    assert response.status_code == 302


def test_you_said_we_did_pages_and_shows_only_published(client, db):
    from django.utils import timezone

    for n in range(25):
        FeedbackFactory(
            status="published",
            published_comment=f"Comment {n}",
            response="Response",
            published_at=timezone.now(),
        )
    FeedbackFactory(comment="Not yet moderated")
    first = client.get(PUBLISHED)
    assert first.status_code == 200
    assert "Not yet moderated" not in first.text
    assert len(first.context["page_obj"]) == 20
    assert "There are only 2 pages" in client.get(PUBLISHED, {"page": "50"}).text


def test_you_said_we_did_queries_do_not_grow(client, db, django_assert_max_num_queries):
    from django.utils import timezone

    service = ServiceFactory()
    for n in range(3):
        FeedbackFactory(
            status="published", published_comment=f"C{n}", response="R", published_at=timezone.now(), service=service
        )
    with django_assert_max_num_queries(4):
        client.get(PUBLISHED)
    for n in range(30):
        FeedbackFactory(
            status="published",
            published_comment=f"D{n}",
            response="R",
            published_at=timezone.now(),
            service=ServiceFactory(),
        )
    with django_assert_max_num_queries(4):
        client.get(PUBLISHED)
