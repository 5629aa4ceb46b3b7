"""The seed fixture: every entry of Appendix 2 "A Sample of Provision", and nothing invented."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from provision.models import Contact, Location, Service

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "sefton_provision.json"


@pytest.fixture
def directory(seeded):
    return Service.objects.all()


def test_all_51_entries_load_with_their_section(directory):
    sections = Counter(
        term.name for service in directory.prefetch_related("taxonomy_terms__taxonomy") for term in service.categories
    )
    assert directory.count() == 51
    assert sections == {
        "Local health services": 15,
        "Aiming High short breaks": 15,
        "Universal and council services": 11,
        "Voluntary services": 8,
        "Information and advice": 2,
    }
    assert all(len(service.categories) == 1 for service in directory.prefetch_related("taxonomy_terms__taxonomy"))


def test_seeding_again_neither_duplicates_nor_fails(directory):
    call_command("seed", verbosity=0)
    call_command("seed", "sefton_provision", force=True, verbosity=0)
    assert Service.objects.count() == 51
    assert Location.objects.count() == 8


def test_the_fixture_is_what_the_builder_writes():
    from provision.management.commands.build_provision_fixture import build

    assert json.loads(FIXTURE.read_text()) == build()


def test_first_object_marks_the_fixture_as_loaded():
    first = json.loads(FIXTURE.read_text())[0]
    assert first["model"] == "provision.taxonomy" and first["fields"]["key"] == "service-category"


@pytest.mark.parametrize(
    ("name", "ages", "access", "venues"),
    [
        ("Continence", "Ages 4 to 19", "professional_referral", []),
        ("Occupational Therapy", "", "self_referral", []),
        ("Asperger's team", "Ages 18 and over", "self_referral", ["Hesketh Centre"]),
        ("Aiming High - Specialist After-School Club", "Ages 6 to 11", "team_referral", []),
        ("Aiming High - Aiming for the Stars", "Ages 6 to 19", "team_referral", ["Dunes Leisure Centre"]),
        (
            "Aiming High - Active & Able",
            "Ages 6 and over",
            "team_referral",
            ["Bootle Leisure Centre", "Crosby Leisure Centre", "Dunes Leisure Centre"],
        ),
        (
            "Aiming High - Aintree Junior Youth Club",
            "Ages 10 to 12",
            "",
            ["Aintree Village Youth and Community Centre"],
        ),
        ("Natural Alternatives Programme", "", "", ["Ainsdale Discovery Centre"]),
        ("Child and Adolescent Mental Health Services (CAMHS)", "Up to age 18", "professional_referral", []),
        ("Springbrook", "Ages 8 to 17", "professional_referral", []),
        ("Podiatry", "", "", []),
    ],
)
def test_ages_access_and_venues_only_where_the_text_states_them(directory, name, ages, access, venues):
    service = Service.objects.get(name=name)
    assert service.age_range == ages
    assert service.access == access
    assert [venue.name for venue in service.locations.order_by("name")] == venues


def test_needs_follow_the_text(directory):
    def needs(name):
        return {term.name for term in Service.objects.get(name=name).needs}

    assert needs("ASD & ADHD Nursing") == {"Autism", "ADHD"}
    assert needs("Aiming High - Phoenix Social Group") == {"Autism"}
    assert "Speech, language and communication" in needs("Speech and Language Therapy")
    assert needs("Podiatry") == {"Physical"}
    assert needs("Summer scheme") == set()
    assert needs("Sefton Emotional Achievement Service (SEAS)") == {"Social, emotional and mental health"}


def test_nothing_is_invented(directory):
    source = next(Path(settings.BASE_DIR).parent.joinpath("shared", "seeds").glob("004_*.txt")).read_text()
    # The only address, postcode and email the appendix gives.
    assert [(v.address_1, v.postcode) for v in Location.objects.exclude(postcode="")] == [("The Promenade", "PR8 1RX")]
    assert [(c.email, c.phone) for c in Contact.objects.all()] == [("early.help@sefton.gcsx.gov.uk", "")]
    assert "early.help@sefton.gcsx.gov.uk" in source
    assert not Service.objects.exclude(url="").exists()
    assert not Service.objects.exclude(email="").exists()
    assert not Service.objects.filter(assured_date__isnull=False).exists()  # nobody has reviewed them yet
    for service in Service.objects.all():
        assert not re.search(r"\b0\d{3} ?\d{3} ?\d{4}\b", service.description), service.name


def test_every_service_name_comes_from_the_appendix(directory):
    source = next(Path(settings.BASE_DIR).parent.joinpath("shared", "seeds").glob("004_*.txt")).read_text()
    appendix = source[
        source.index("Appendix 2 A Sample of Provision\n") : source.index("Appendix 3 - 2023-2026 Action Plan\n")
    ]
    flat = re.sub(r"\s+", "", appendix).replace("’", "'").lower()
    for name in Service.objects.values_list("name", flat=True):
        words = re.sub(r"\s+", "", name).replace("’", "'").lower()
        assert words in flat or name == "Sefton Young Carers", name
