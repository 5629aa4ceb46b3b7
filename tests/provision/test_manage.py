"""Managing the directory: who may, adding and editing through forms, retiring, reviews, history."""

import datetime

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from provision.models import Contact, Service

from .factories import ContactFactory, LocationFactory, ServiceFactory

LIST = reverse("provision:manage-service-list")
ADD = reverse("provision:manage-service-create")


def edit_url(service):
    return reverse("provision:manage-service-update", args=[service.pk])


def form_data(provider, category, **overrides):
    data = {
        "name": "Saturday Sensory Club",
        "organization": provider.pk,
        "description": "Play sessions in a quiet room.\n\n- Sensory toys\n- Soft play",
        "categories": [category.pk],
        "minimum_age": "4",
        "maximum_age": "11",
        "access": "self_referral",
        "cost": "free",
        "languages": "English, British Sign Language",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "10",
        "contacts-0-name": "Club team",
        "contacts-0-phone": "0151 000 1234",
        "reason": "New club opened",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name", ["manage-service-list", "manage-review-due", "manage-service-create", "manage-location-list"]
)
def test_signed_out_visitors_are_sent_to_sign_in(db, name):
    response = Client().get(reverse(f"provision:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_without_the_directory_role_are_refused(officer_client, db):
    service = ServiceFactory()
    assert officer_client.get(LIST).status_code == 403
    assert officer_client.get(ADD).status_code == 403
    assert officer_client.post(ADD, {}).status_code == 403
    assert officer_client.post(edit_url(service), {"name": "Hijacked"}).status_code == 403
    assert officer_client.post(reverse("provision:manage-service-reviewed", args=[service.pk])).status_code == 403
    status = reverse("provision:manage-service-status", args=[service.pk])
    assert officer_client.post(status, {"status": "defunct", "reason": "x"}).status_code == 403
    service.refresh_from_db()
    assert service.name != "Hijacked" and service.status == "active" and service.assured_date is None


def test_an_editor_adds_a_service_and_the_history_says_who_and_why(editor_client, editor, provider, health, autism):
    response = editor_client.post(ADD, form_data(provider, health, needs=[autism.pk]))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    service = Service.objects.get(name="Saturday Sensory Club")
    assert response["Location"] == edit_url(service)
    assert set(service.taxonomy_terms.all()) == {health, autism}
    assert service.taxonomy_text == "Autism Local health services"
    assert [language.name for language in service.languages.all()] == ["British Sign Language", "English"]
    assert service.contacts.get().phone == "0151 000 1234"
    record = service.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor
    assert record.history_change_reason == "New club opened"
    assert set(record.taxonomy_terms.values_list("taxonomy_term_id", flat=True)) == {health.pk, autism.pk}


def test_an_editor_edits_a_service_with_one_history_record_per_save(editor_client, editor, provider, health, autism):
    service = ServiceFactory(name="Club", organization=provider, terms=[health])
    venue = LocationFactory(name="Bootle Library")
    contact = ContactFactory(service=service, name="Old team", phone="0151 111 1111")
    data = form_data(
        provider,
        health,
        name="Club (renamed)",
        needs=[autism.pk],
        locations=[venue.pk],
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-name": "Old team",
            "contacts-0-phone": "0151 111 1111",
            "contacts-0-DELETE": "on",
            "contacts-1-name": "New team",
            "contacts-1-email": "new@example.org",
        },
        reviewed="on",
        reason="Checked with the provider",
    )
    before = service.history.count()
    response = editor_client.post(edit_url(service), data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Club (renamed)"
    assert service.assured_date == timezone.localdate()
    assert list(service.locations.all()) == [venue]
    assert [c.name for c in service.contacts.all()] == ["New team"]
    assert not Contact.objects.filter(pk=contact.pk).exists()
    records = service.history.all()
    assert records.count() == before + 1  # links, contacts and details together: one record
    assert records[0].history_user == editor and records[0].history_change_reason == "Checked with the provider"

    history = editor_client.get(reverse("provision:manage-service-history", args=[service.pk]))
    assert history.status_code == 200
    assert "Checked with the provider" in history.text
    assert "Contact removed: Old team" in history.text
    assert "Contact added: New team" in history.text


def test_the_history_shows_field_and_link_changes(editor_client, provider, health, autism):
    editor_client.post(ADD, form_data(provider, health))
    service = Service.objects.get()
    editor_client.post(
        edit_url(service), form_data(provider, health, maximum_age="13", needs=[autism.pk], reason="Older children too")
    )
    page = editor_client.get(reverse("provision:manage-service-history", args=[service.pk])).text
    assert "Oldest age" not in page  # labels come from the model, not the form
    assert "Maximum age: 11 → 13" in page
    assert "Categories and needs added: Autism" in page
    assert "Older children too" in page
    assert "Added to the directory" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the name of the service"),
        ({"categories": []}, "Choose at least one type of service"),
        ({"minimum_age": "12", "maximum_age": "5"}, "The oldest age must be the same as or more than the youngest age"),
        ({"minimum_age": "ten"}, "Enter the youngest age as a whole number"),
        ({"maximum_age": "-1"}, "Enter an age of 0 or more"),
        ({"access": "team_referral"}, "Enter the name of the team that takes referrals"),
        ({"url": "not a web address"}, "Enter a web address"),
        ({"contacts-0-email": "nope"}, "Enter an email address in the correct format"),
        ({"contacts-0-phone": "call me maybe"}, "Enter a phone number using digits"),
    ],
)
def test_the_service_form_explains_mistakes(editor_client, provider, health, overrides, message):
    response = editor_client.post(ADD, form_data(provider, health, **overrides))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert not Service.objects.exists()


def test_retiring_changes_the_status_never_deletes(editor_client, editor, db):
    service = ServiceFactory(name="Old club")
    url = reverse("provision:manage-service-status", args=[service.pk])
    assert "Reason for the change" in editor_client.get(url).text
    response = editor_client.post(url, {"status": "defunct", "reason": "Funding ended in March"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == "defunct"
    assert (
        service.history.first().history_change_reason
        == "Status: Active to Defunct (stopped for good). Funding ended in March"
    )
    search = editor_client.get(reverse("provision:service-search"))
    assert "Old club" not in [s.name for s in search.context["page_obj"]]
    page = editor_client.get(service.get_absolute_url())
    assert page.status_code == 200 and "This service is not running" in page.text
    assert "Enter the reason for the change" in editor_client.post(url, {"status": "active"}).text


def test_the_admin_never_deletes_directory_records(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "provision":
            assert not model_admin.has_delete_permission(request), model


def test_due_for_review_lists_never_reviewed_first_then_oldest(editor_client, db):
    today = timezone.localdate()
    ServiceFactory(name="Reviewed last month", assured_date=today - datetime.timedelta(days=30))
    ServiceFactory(name="Reviewed two years ago", assured_date=today - datetime.timedelta(days=730))
    ServiceFactory(name="Reviewed 13 months ago", assured_date=today - datetime.timedelta(days=400))
    ServiceFactory(name="Never reviewed")
    ServiceFactory(name="Never reviewed but defunct", status="defunct")
    response = editor_client.get(reverse("provision:manage-review-due"))
    assert [s.name for s in response.context["page_obj"]] == [
        "Never reviewed",
        "Reviewed two years ago",
        "Reviewed 13 months ago",
    ]
    assert "3 services due for review" in editor_client.get(LIST).text


def test_marking_as_reviewed_sets_today_and_leaves_history(editor_client, editor, db):
    service = ServiceFactory(name="Club")
    response = editor_client.post(
        reverse("provision:manage-service-reviewed", args=[service.pk]), {"next": "due", "note": "Phoned them"}
    )
    assert response["Location"] == reverse("provision:manage-review-due")
    service.refresh_from_db()
    assert service.assured_date == timezone.localdate()
    record = service.history.first()
    assert record.history_user == editor and record.history_change_reason == "Reviewed: details checked. Phoned them"
    assert editor_client.get(reverse("provision:manage-service-reviewed", args=[service.pk])).status_code == 405


def test_service_list_filters_and_shows_every_status(editor_client, db):
    ServiceFactory(name="Running club")
    ServiceFactory(name="Closed club", status="defunct")
    assert {s.name for s in editor_client.get(LIST).context["page_obj"]} == {"Running club", "Closed club"}
    assert [s.name for s in editor_client.get(LIST, {"status": "defunct"}).context["page_obj"]] == ["Closed club"]
    bad = editor_client.get(LIST, {"status": "banana", "organization": "nope", "page": "x"})
    assert bad.status_code == 200 and "Choose a status from the list" in bad.text


def test_venues_are_added_and_edited_with_history(editor_client, editor, db):
    response = editor_client.post(
        reverse("provision:manage-location-create"),
        {"name": "Bootle Library", "location_type": "physical", "area": "Bootle", "postcode": "l20 3ns"},
    )
    assert response.status_code == 302
    venue = LocationFactory._meta.model.objects.get(name="Bootle Library")
    assert venue.postcode == "L20 3NS"
    service = ServiceFactory(locations=[venue])
    before = service.last_modified
    editor_client.post(
        reverse("provision:manage-location-update", args=[venue.pk]),
        {
            "name": "Bootle Library",
            "location_type": "physical",
            "area": "Bootle",
            "accessibility": "Lift to all floors",
        },
    )
    venue.refresh_from_db()
    assert venue.accessibility == "Lift to all floors"
    assert venue.history.first().history_user == editor
    service.refresh_from_db()
    assert service.last_modified > before  # the feed reports the service as changed


@pytest.mark.parametrize(
    "name", ["manage-service-list", "manage-review-due", "manage-location-list", "manage-feedback-list"]
)
def test_staff_list_queries_do_not_grow(editor_client, db, django_assert_max_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(f"provision:{name}")
    for _n in range(3):
        ServiceFactory(locations=[LocationFactory()])
    with CaptureQueriesContext(connection) as small:
        editor_client.get(url)
    for _n in range(60):
        ServiceFactory(locations=[LocationFactory()])
    with django_assert_max_num_queries(len(small)):
        assert editor_client.get(url).status_code == 200
