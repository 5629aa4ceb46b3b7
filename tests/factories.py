"""factory_boy factories: test data built in code, never from the seed fixtures."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actions.models import Action, Commitment, Outcome, ProgressUpdate, Status
from governance.models import Board, LeadRole, Organisation, ReportingPeriod
from priorities.models import Partnership, Priority, Strategy


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        if create:
            self.save()


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Test SEND Partnership {n}")
    short_name = "Test SEND"
    area = "Testshire"


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Joint Commissioning Strategy {n}")
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    first_year = 2023
    last_year = 2025
    ambition = "Every child gets the right support at the right time."
    status = Strategy.Status.CURRENT


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority title {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COUNCIL


class LeadRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadRole

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Assistant Director {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Commitment {n}")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    statement = factory.Sequence(lambda n: f"Outcome statement {n}")
    why = "Because it matters."
    impact = "Families notice the difference."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    outcome = factory.SubFactory(OutcomeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Action title {n}")
    description = "What we are doing."
    due_text = "Q3 2023/24"
    due_quarter = "Q3 2023/24"
    status = Status.NOT_STARTED

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        if create and extracted:
            self.leads.add(*extracted)


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Scrutiny Committee {n}")


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Period {n}")
    starts_on = factory.Sequence(lambda n: __import__("datetime").date(2020 + n, 4, 1))
    ends_on = factory.LazyAttribute(lambda p: p.starts_on.replace(month=9, day=30))


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    status = Status.ON_TRACK
    narrative = "Work is under way."
