"""Likely duplicates are shown before a person is registered."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from reintegra.audit.models import Event
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.people.services import NameInput, person_register
from reintegra.tracing.duplicates import NewPerson, likely_duplicates
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def register(
    surname, given, *, sex="male", birth=(1985, 3, 3), organisation="aqniet-aktau", script="kk-Cyrl"
):
    return person_register(
        actor=None,
        organisation=Organisation.objects.get(code=organisation),
        sex=sex,
        birth=PartialDate.of(*birth),
        names=[NameInput(script=script, surname=surname, given_name=given)],
    )


def form(organisation="aqniet-aktau", **extra):
    return {
        "surname": "Бакиров",
        "given_name": "Бауыржан",
        "sex": "male",
        "birth_year": "1985",
        "birth_month": "3",
        "birth_day": "3",
        "citizenship": "KZ",
        "script": "kk-Cyrl",
        "organisation": Organisation.objects.get(code=organisation).pk,
        **extra,
    }


@pytest.fixture
def worker(make_user):
    return make_user(Role.CASE_WORKER, permissions=["children"])


def test_a_likely_duplicate_is_shown_side_by_side_instead_of_saving(worker):
    existing = register("Бакиров", "Бауржан")
    response = client_for(worker).post("/people/new/", form())
    assert response.status_code == 200
    [shown] = response.context["duplicates"]
    assert shown["person"] == existing
    fields = {line["field"]: line["level"] for line in shown["explanation"]}
    assert fields["surname"] == "exact" and fields["sex"] == "same"
    page = response.content.decode()
    assert 'data-testid="duplicates"' in page and f"/people/{existing.pk}/" in page
    assert Person.objects.count() == 1
    # Seeing the existing person's record beside the new one is an access entry
    assert Event.objects.filter(
        action="person.viewed", object_id=str(existing.pk), reason="likely duplicate"
    ).exists()


def test_the_side_by_side_says_each_agreement_and_sex_in_words(worker):
    register("Бакиров", "Бауыржан", birth=(1985, 3, None))
    response = client_for(worker).post("/people/new/", form(), HTTP_ACCEPT_LANGUAGE="en")
    [shown] = response.context["duplicates"]
    assert {line["field"]: line["level"] for line in shown["explanation"]}["birth_date"] == (
        "same_month"
    )
    page = response.content.decode()
    assert "the same month, no day on one side" in page
    assert ">same_month<" not in page.replace(" ", "").replace("\n", "")
    assert "<td>male</td><td>male</td>" in page
    assert "<td>03.03.1985</td><td>03.1985</td>" in page


def shown(client, **extra):
    """Submit the form once: the likely duplicates are shown, with the signed list of them."""
    response = client.post("/people/new/", form(**extra))
    assert response.status_code == 200 and response.context["duplicates"]
    return response.context["duplicates_token"]


def test_confirming_a_different_person_registers_and_records_the_candidates_shown(worker):
    # Given a likely duplicate shown to the user
    existing = register("Бакиров", "Бауржан")
    client = client_for(worker)
    token = shown(client)
    # When the user confirms this is a different person, on the page that showed it
    response = client.post("/people/new/", form(different_person="on", duplicates_shown=token))
    # Then the person is registered, and the audit keeps whom the user saw
    assert response.status_code == 302
    assert Person.objects.count() == 2
    event = Event.objects.filter(action="person.registered").latest("pk")
    assert event.changes["duplicates_shown"] == [existing.pk]
    assert event.changes["confirmed_different"] is True


def test_a_confirmation_that_does_not_say_whom_it_is_about_registers_nobody(worker):
    register("Бакиров", "Бауржан")
    client = client_for(worker)
    token = shown(client)
    for carried in ("", token[:-2] + "xx", "not a token"):
        response = client.post(
            "/people/new/", form(different_person="on", duplicates_shown=carried)
        )
        assert response.status_code == 200
        assert response.context["form"].errors["different_person"]
        assert response.context["duplicates"]
    assert Person.objects.count() == 1


def test_another_users_confirmation_is_not_taken(worker, make_user):
    register("Бакиров", "Бауржан")
    token = shown(client_for(worker))
    other = make_user(Role.CASE_WORKER, permissions=["children"])
    response = client_for(other).post(
        "/people/new/", form(different_person="on", duplicates_shown=token)
    )
    assert response.status_code == 200 and Person.objects.count() == 1


def test_a_duplicate_registered_after_the_others_were_shown_refuses_the_confirmation(worker):
    # Given one likely duplicate shown to the user
    register("Бакиров", "Бауржан")
    client = client_for(worker)
    token = shown(client)
    # And meanwhile somebody registers another one
    newcomer = register("Бакиров", "Бауыржан")
    # When the user confirms "a different person" about the one they saw
    response = client.post("/people/new/", form(different_person="on", duplicates_shown=token))
    # Then nothing is registered, the message says why, and both are shown, to confirm again
    assert response.status_code == 200
    assert Person.objects.count() == 2
    [message] = response.context["form"].errors["different_person"]
    assert "changed since they were shown" in message
    assert newcomer in [d["person"] for d in response.context["duplicates"]]
    assert not response.context["form"]["different_person"].value()
    assert not Event.objects.filter(action="person.registered", actor=worker).exists()
    # And confirming on the new page registers the person
    again = response.context["duplicates_token"]
    done = client.post("/people/new/", form(different_person="on", duplicates_shown=again))
    assert done.status_code == 302 and Person.objects.count() == 3


def test_the_service_refuses_a_confirmation_about_other_people_than_the_likely_duplicates(
    worker,
):
    existing = register("Бакиров", "Бауржан")
    newcomer = register("Бакиров", "Бауыржан")
    with pytest.raises(ValidationError) as refused:
        person_register(
            actor=worker,
            organisation=Organisation.objects.get(code="aqniet-aktau"),
            sex="male",
            birth=PartialDate.of(1985, 3, 3),
            names=[NameInput(script="kk-Cyrl", surname="Бакиров", given_name="Бауыржан")],
            duplicates_shown=[existing.pk],
        )
    assert "different_person" in refused.value.message_dict
    person = person_register(
        actor=worker,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex="male",
        birth=PartialDate.of(1985, 3, 3),
        names=[NameInput(script="kk-Cyrl", surname="Бакиров", given_name="Бауыржан")],
        duplicates_shown=[newcomer.pk, existing.pk],
    )
    event = Event.objects.filter(action="person.registered").latest("pk")
    assert event.object_id == str(person.pk)
    assert event.changes["duplicates_shown"] == sorted([existing.pk, newcomer.pk])


def test_without_a_likely_duplicate_the_person_is_saved_at_once(worker):
    register("Сейітова", "Әлия", sex="female")
    response = client_for(worker).post("/people/new/", form())
    assert response.status_code == 302
    event = Event.objects.filter(action="person.registered").latest("pk")
    assert "duplicates_shown" not in event.changes


def test_a_different_date_of_birth_and_given_name_is_no_duplicate(worker):
    register("Бакиров", "Ерлан", birth=(1960, 1, 1))
    response = client_for(worker).post("/people/new/", form())
    assert response.status_code == 302


def test_only_people_in_the_users_reach_are_shown(worker):
    register("Бакиров", "Бауыржан", organisation="aqniet-almaty")
    response = client_for(worker).post("/people/new/", form())
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_a_merged_duplicate_is_not_shown_again(worker):
    a, b = register("Бакиров", "Бауыржан"), register("Бакиров", "Бауржан")
    Person.objects.filter(pk=b.pk).update(merged_into=a)
    new = NewPerson(
        surname="Бакиров", given_name="Бауыржан", sex="male", birth=PartialDate.of(1985, 3, 3)
    )
    assert [f["person"] for f in likely_duplicates(user=worker, new=new)] == [a]


def test_a_name_in_arabic_script_is_checked_against_names_in_cyrillic(worker):
    # Given Ахметов Марат, registered in Cyrillic
    existing = register("Ахметов", "Марат")
    # When a case worker registers the same man from a list written in Arabic script
    response = client_for(worker).post(
        "/people/new/", form(surname="أحمدوف", given_name="مرات", script="Arab")
    )
    # Then the Cyrillic record is shown as a likely duplicate, and nothing is saved
    assert response.status_code == 200
    assert [shown["person"] for shown in response.context["duplicates"]] == [existing]
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("surname", "given_name", "script"),
    [("أحمدوف", "مرات", "kk-Cyrl"), ("Akhmetov", "Marat", "ru-Cyrl"), ("Ахметов", "Марат", "Latn")],
)
def test_a_name_in_another_script_than_the_one_chosen_is_refused(
    worker, surname, given_name, script
):
    response = client_for(worker).post(
        "/people/new/", form(surname=surname, given_name=given_name, script=script)
    )
    assert response.status_code == 200
    assert "choose that script" in str(response.context["form"].errors["script"])
    assert Person.objects.count() == 0


def test_a_name_in_cyrillic_is_checked_against_names_stored_in_arabic_script(worker):
    # Given a man registered from an Arabic-script list
    register("أحمدوف", "مرات", script="Arab")
    # When he is registered again in Cyrillic
    response = client_for(worker).post("/people/new/", form(surname="Ахметов", given_name="Марат"))
    # Then the Arabic-script record is shown first
    assert [shown["person"].display_name for shown in response.context["duplicates"]] == [
        "أحمدوف مرات"
    ]
