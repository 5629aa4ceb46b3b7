import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from provision.models import Feedback, Location, Organization, Service, Taxonomy, TaxonomyTerm
from provision.roles import DIRECTORY_EDITOR, PROGRAMME_MANAGER

from .factories import LocationFactory, ServiceFactory


def test_every_model_names_itself_and_has_an_order(db):
    for model in (Taxonomy, TaxonomyTerm, Organization, Location, Service, Feedback):
        assert model._meta.ordering, model
        assert model.__str__ is not object.__str__, model


def test_age_range_in_words(db):
    assert ServiceFactory.build(minimum_age=6, maximum_age=11).age_range == "Ages 6 to 11"
    assert ServiceFactory.build(minimum_age=18).age_range == "Ages 18 and over"
    assert ServiceFactory.build(maximum_age=18).age_range == "Up to age 18"
    assert ServiceFactory.build(minimum_age=4, maximum_age=4).age_range == "Age 4"
    assert ServiceFactory.build().age_range == ""


def test_due_for_review_treats_never_reviewed_as_oldest(db):
    today = timezone.localdate()
    exactly_a_year = ServiceFactory(name="A", assured_date=today - datetime.timedelta(days=365))
    ServiceFactory(name="B", assured_date=today - datetime.timedelta(days=364))
    never = ServiceFactory(name="C")
    assert list(Service.objects.due_for_review(today)) == [never, exactly_a_year]
    assert never.is_due_for_review(today) and not Service.objects.get(name="B").is_due_for_review(today)


def test_location_address_lines_and_completeness(db):
    venue = LocationFactory(name="Dunes", address_1="The Promenade", area="Southport", postcode="PR8 1RX")
    assert venue.address_lines == ["The Promenade", "Southport", "PR8 1RX"]
    assert venue.has_full_address and not LocationFactory(area="Crosby").has_full_address


def test_directory_roles_have_their_permissions_after_migrate(db):
    for name in (DIRECTORY_EDITOR, PROGRAMME_MANAGER):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_service", "change_service", "view_service", "change_feedback"} <= codenames
        assert "delete_service" not in codenames
