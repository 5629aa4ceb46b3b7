"""factory_boy factories for the directory. Terms and venues are linked the way the services
layer links them, so the search text a service is found by stays right."""

import factory
from django.utils.text import slugify

from provision.models import (
    CATEGORY_TAXONOMY,
    NEED_TAXONOMY,
    Contact,
    Feedback,
    Location,
    Organization,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from provision.services import taxonomy_text
from tests.factories import PartnershipFactory


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxonomy
        django_get_or_create = ["key"]

    key = NEED_TAXONOMY
    name = factory.LazyAttribute(lambda t: t.key.replace("-", " ").capitalize())
    description = "Terms for testing."


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxonomyTerm
        django_get_or_create = ["taxonomy", "slug"]

    taxonomy = factory.SubFactory(TaxonomyFactory)
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda t: slugify(t.name))
    description = factory.LazyAttribute(lambda t: f"About {t.name}.")


class NeedFactory(TaxonomyTermFactory):
    taxonomy = factory.SubFactory(TaxonomyFactory, key=NEED_TAXONOMY, name="Needs")


class CategoryFactory(TaxonomyTermFactory):
    taxonomy = factory.SubFactory(TaxonomyFactory, key=CATEGORY_TAXONOMY, name="Service category")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["partnership", "name"]

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Provider {n}")
    description = "Provides services to families."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Community Centre {n}")
    area = "Bootle"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "A service for children and young people."
    status = Service.Status.ACTIVE

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        if create and extracted:
            self.taxonomy_terms.set(extracted)
            self.taxonomy_text = taxonomy_text(extracted)
            self.save_without_historical_record(update_fields=["taxonomy_text"])

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    service = factory.SubFactory(ServiceFactory)
    name = "Front door team"
    phone = "0151 000 0000"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    topic = Feedback.Topic.CONTENT
    comment = "The page about short breaks does not say how to apply."
