"""Registering people: names in several scripts, IINs checked against the person, families."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.core.dates import DatePrecision, PartialDate
from reintegra.core.errors import EditConflict
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people import services
from reintegra.people.iin import make_iin
from reintegra.people.models import (
    IdentityDocument,
    NameKind,
    Person,
    Relationship,
    RelationshipKind,
    Script,
    Sex,
    Verification,
)
from reintegra.people.services import NameInput

pytestmark = pytest.mark.django_db
BIRTH = PartialDate.of(1990, 4, 12)


def aktau() -> Organisation:
    return Organisation.objects.get(code="aqniet-aktau")


def register(actor, *, sex=Sex.FEMALE, birth=BIRTH, iin="", given="Әлия", **extra) -> Person:
    return services.person_register(
        actor=actor,
        organisation=aktau(),
        sex=sex,
        birth=birth,
        iin=iin,
        names=[
            NameInput(script=Script.KAZAKH_CYRILLIC, surname="Сейітова", given_name=given),
            NameInput(
                script=Script.LATIN,
                surname="Seitova",
                given_name="Aliya",
                kind=NameKind.AS_REPORTED,
                source="passport",
            ),
        ],
        **extra,
    )


def test_a_case_worker_registers_a_person_with_names_in_two_scripts(case_worker):
    person = register(case_worker, iin=make_iin(BIRTH.value, "female", 17))
    assert person.display_name == "Сейітова Әлия"
    assert person.region.code == "KZ-47"
    assert {n.script for n in person.names.all()} == {"kk-Cyrl", "Latn"}
    assert person.names.get(script="kk-Cyrl").search_key == "сеитова алия"
    assert IdentityDocument.objects.get(person=person).kind == "iin"
    event = Event.objects.get(action="person.registered")
    assert event.actor == case_worker and event.changes["iin"] is True


@pytest.mark.parametrize(
    ("iin", "message"),
    [
        ("90041240001", "exactly 12 digits"),
        (make_iin(dt.date(1990, 4, 12), "male", 5), "other sex"),
        (make_iin(dt.date(1991, 4, 12), "female", 5), "do not match the date of birth"),
        ("900412400018"[:11] + "9", "check digit"),
    ],
)
def test_an_iin_that_does_not_fit_the_person_is_refused(case_worker, iin, message):
    with pytest.raises(ValidationError) as error:
        register(case_worker, iin=iin)
    assert message in " ".join(error.value.message_dict["iin"])
    assert not Person.objects.exists()


def test_an_iin_with_a_partial_birth_date_must_fall_inside_it(case_worker):
    year_only = PartialDate.of(1990)
    person = register(case_worker, birth=year_only, iin=make_iin(dt.date(1990, 11, 3), "female", 8))
    assert person.birth_date_precision == DatePrecision.YEAR
    with pytest.raises(ValidationError):
        register(
            case_worker,
            birth=year_only,
            iin=make_iin(dt.date(1989, 12, 31), "female", 9),
            given="Дана",
        )


def test_the_same_iin_is_not_recorded_twice(case_worker):
    iin = make_iin(BIRTH.value, "female", 21)
    register(case_worker, iin=iin)
    with pytest.raises(ValidationError, match="already recorded"):
        register(case_worker, iin=iin, given="Дана")


def test_an_analyst_cannot_register_people(user_of_role):
    with pytest.raises(PermissionDenied):
        register(user_of_role(Role.NATIONAL_ANALYST))


@pytest.fixture
def children_worker(make_user):
    """A case worker whose membership carries the children permission."""
    return make_user(Role.CASE_WORKER, permissions=["children"])


def test_a_mother_and_her_child_are_related_both_ways(children_worker):
    case_worker = children_worker
    mother = register(case_worker)
    child = register(case_worker, sex=Sex.MALE, birth=PartialDate.of(2016, 2), given="Әли")
    services.relationship_record(
        actor=case_worker,
        person=child,
        relative=mother,
        kind=RelationshipKind.MOTHER,
        verification=Verification.DNA,
    )
    assert Relationship.objects.get(person=child, relative=mother).kind == "mother"
    inverse = Relationship.objects.get(person=mother, relative=child)
    assert inverse.kind == "child" and inverse.verification == "dna"


def test_without_the_children_permission_a_child_cannot_be_touched(case_worker, children_worker):
    with pytest.raises(PermissionDenied):
        register(case_worker, sex=Sex.MALE, birth=PartialDate.of(2016, 2), given="Әли")
    child = register(children_worker, sex=Sex.MALE, birth=PartialDate.of(2016, 2), given="Әли")
    mother = register(case_worker)
    assert not Person.objects.restrict(case_worker, "view").filter(pk=child.pk).exists()
    with pytest.raises(PermissionDenied):
        services.relationship_record(
            actor=case_worker, person=child, relative=mother, kind=RelationshipKind.MOTHER
        )


def test_a_man_cannot_be_recorded_as_a_mother(children_worker):
    case_worker = children_worker
    father = register(case_worker, sex=Sex.MALE, given="Ерлан")
    child = register(case_worker, birth=PartialDate.of(2016, 2), given="Дана")
    with pytest.raises(ValidationError):
        services.relationship_record(
            actor=case_worker, person=child, relative=father, kind=RelationshipKind.MOTHER
        )


def test_an_edit_over_a_newer_version_is_refused_and_changes_nothing(case_worker, make_user):
    colleague = make_user(Role.CASE_WORKER)
    person = register(case_worker)
    opened_version = person.version
    services.person_update(
        actor=colleague, person=person, expected_version=opened_version, birth_place="Ақтау"
    )
    with pytest.raises(EditConflict):
        services.person_update(
            actor=case_worker, person=person, expected_version=opened_version, birth_place="Атырау"
        )
    person.refresh_from_db()
    assert person.birth_place == "Ақтау" and person.version == opened_version + 1


def test_changing_the_birth_date_moves_the_day_of_adulthood(case_worker):
    person = register(case_worker)
    updated = services.person_update(
        actor=case_worker,
        person=person,
        expected_version=person.version,
        birth=PartialDate.of(2010, approximate=True),
    )
    assert updated.adult_on == dt.date(2030, 12, 31)
    assert updated.is_child_on(dt.date(2026, 1, 1))
