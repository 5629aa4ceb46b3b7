"""provision.services: every write validated, atomic and recorded in history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from provision import services
from provision.models import Feedback, Service
from tests.factories import UserFactory

from .factories import FeedbackFactory, LocationFactory, ServiceFactory


def test_create_links_terms_venues_and_records_one_history_entry(provider, autism, health):
    user = UserFactory()
    venue = LocationFactory()
    service = services.service_create(
        organization=provider,
        name="Club",
        description="A club.",
        terms=[autism, health],
        locations=[venue],
        languages=["English", " english ", "Polish"],
        user=user,
    )
    assert service.history.count() == 1
    record = service.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        user,
        "Added to the directory",
    )
    assert set(record.locations.values_list("location_id", flat=True)) == {venue.pk}
    assert service.taxonomy_text == "Autism Local health services"
    assert sorted(service.languages.values_list("name", flat=True)) == ["English", "Polish"]


def test_update_refuses_fields_that_are_not_editable(provider):
    service = ServiceFactory(organization=provider)
    with pytest.raises(ValueError, match="status"):
        services.service_update(service=service, changes={"status": "defunct"}, reason="sneaky")


def test_update_validates_and_rolls_back(provider, autism):
    service = ServiceFactory(organization=provider, name="Club", minimum_age=5, maximum_age=10)
    with pytest.raises(ValidationError):
        services.service_update(service=service, changes={"minimum_age": 12}, terms=[autism], reason="bad")
    service.refresh_from_db()
    assert service.minimum_age == 5
    assert list(service.taxonomy_terms.all()) == []


def test_team_referral_must_name_the_team(provider):
    service = ServiceFactory(organization=provider)
    with pytest.raises(ValidationError, match="referral_team|team"):
        services.service_update(service=service, changes={"access": "team_referral"}, reason="x")


def test_status_change_needs_a_reason_and_a_known_status(provider):
    service = ServiceFactory(organization=provider)
    with pytest.raises(ValidationError):
        services.service_set_status(service=service, status="defunct", reason="  ")
    with pytest.raises(ValidationError):
        services.service_set_status(service=service, status="deleted", reason="gone")
    services.service_set_status(service=service, status="temporarily closed", reason="Refurbishment", alert="Back soon")
    service.refresh_from_db()
    assert (service.status, service.alert) == ("temporarily closed", "Back soon")


def test_contacts_cannot_be_moved_from_another_service(provider):
    other = ServiceFactory(organization=provider)
    contact = other.contacts.create(name="Theirs", phone="0151 000 0000")
    service = ServiceFactory(organization=provider)
    with pytest.raises(ValidationError):
        services.service_update(
            service=service, changes={}, contacts=[services.ContactData(id=contact.pk, name="Mine")], reason="x"
        )
    contact.refresh_from_db()
    assert contact.name == "Theirs"


def test_publishing_feedback_requires_anonymised_text_and_a_response(db):
    moderator = UserFactory()
    feedback = FeedbackFactory()
    with pytest.raises(ValidationError):
        services.feedback_publish(feedback=feedback, published_comment="", response="ok", user=moderator)
    published = services.feedback_publish(
        feedback=feedback,
        published_comment="Short breaks are hard to find.",
        response="We added a category.",
        user=moderator,
    )
    assert published.status == Feedback.Status.PUBLISHED and published.published_at is not None


def test_the_database_holds_the_invariants(provider):
    with pytest.raises(IntegrityError), transaction.atomic():
        Service.objects.create(organization=provider, name="x", description="x", minimum_age=10, maximum_age=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Service.objects.create(organization=provider, name="x", description="x", status="closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Service.objects.create(organization=provider, name="x", description="x", access="team_referral")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(topic="gap", comment="x", status="published")
