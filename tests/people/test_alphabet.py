"""People are listed in the order of the Kazakh alphabet, on SQLite as on PostgreSQL."""

from __future__ import annotations

import pytest

from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.alphabet import sort_key
from reintegra.people.models import Person, Script
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

# In the order of the Kazakh alphabet: А Ә Б ... Е Ё ... К Қ ... О Ө ... У Ұ Ү ... Ы І ... Я
IN_ORDER = [
    "Ахметов Ерлан",
    "Ахметова Айгүл",  # a shorter surname first
    "Әбенов Нұрлан",
    "Бекенов Ержан",
    "Ғалымов Асхат",
    "Ёлкин Пётр",
    "Кенжебаев Марат",
    "Қасымов Ерлан",
    "Оспанов Нұрсұлтан",
    "Өмірзақов Дәурен",
    "Усенов Тимур",
    "Ұланов Ербол",
    "Үсенов Жандос",
    "Ыбыраев Нұрлан",
    "Інкәр Сейітова",
    "Яковлев Сергей",
    "Abenov Nurlan",  # Latin letters after Cyrillic
    "Zhumabaev Erlan",
    "أحمدوف مرات",  # then Arabic script
]


def test_names_sort_in_the_order_of_the_kazakh_alphabet():
    assert sorted(reversed(IN_ORDER), key=sort_key) == IN_ORDER


def test_case_hyphens_and_marks_do_not_change_the_order():
    assert sort_key("ӘБЕНОВ Нұрлан") == sort_key("Әбенов нұрлан")
    assert sort_key("Жұмабаев-Сейітов") == sort_key("Жұмабаев Сейітов")
    assert sort_key("Jūmabaev") == sort_key("Jumabaev")


def script_of(word: str) -> str:
    return Script.LATIN if word.isascii() else Script.KAZAKH_CYRILLIC


def register_in_no_order() -> None:
    organisation = Organisation.objects.get(code="aqniet-aktau")
    for at, name in enumerate(reversed(IN_ORDER[:-1])):
        surname, given = name.split()
        person_register(
            actor=None,
            organisation=organisation,
            sex="male",
            birth=PartialDate.of(1980 + at % 20, 1, 1),
            iin="",
            names=[NameInput(script=script_of(surname), surname=surname, given_name=given)],
        )


@pytest.mark.django_db
def test_the_people_list_is_in_alphabetical_order(make_user):
    # Given people registered in no particular order, in Kazakh and Latin letters
    worker = make_user(Role.CASE_WORKER)
    register_in_no_order()
    # When the worker opens the list, sorted by name (the default) and by name reversed
    client = client_for(worker)
    listed = [p.display_name for p in client.get("/people/").context["page"]]
    backwards = [p.display_name for p in client.get("/people/?sort=-name").context["page"]]
    # Then Әбенов follows Ахметова, Қасымов follows Кенжебаев, and Інкәр comes near the end
    assert listed == IN_ORDER[:-1]
    assert backwards == IN_ORDER[-2::-1]
    # And sorted by region either way, the people of one region are in alphabetical order
    for sort in ("region", "-region"):
        by_region = client.get(f"/people/?sort={sort}").context["page"]
        assert [p.display_name for p in by_region] == IN_ORDER[:-1]
    assert Person.objects.get(display_name="Әбенов Нұрлан").sort_name == sort_key("Әбенов Нұрлан")


@pytest.mark.django_db
def test_a_migration_gives_people_stored_before_it_their_place_in_the_alphabet(reference_data):
    from importlib import import_module

    from django.apps import apps

    # Given a person stored before the key existed
    person = person_register(
        actor=None,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex="female",
        birth=PartialDate.of(1990),
        iin="",
        names=[NameInput(script=Script.KAZAKH_CYRILLIC, surname="Әбенова", given_name="Әсел")],
    )
    Person.objects.filter(pk=person.pk).update(sort_name="")
    # When the migration runs
    migration = import_module("reintegra.people.migrations.0006_alphabetical_order")
    migration.store_sort_names(apps, None)
    # Then she has her key again
    person.refresh_from_db()
    assert person.sort_name == sort_key("Әбенова Әсел") != ""


@pytest.mark.django_db
def test_the_api_lists_people_in_the_same_order(make_user):
    from rest_framework.test import APIClient

    # Given people registered in no particular order
    register_in_no_order()
    client = APIClient()
    client.force_authenticate(make_user(Role.CASE_WORKER))
    # When the API lists them, by default and sorted by name either way
    names = [p["display_name"] for p in client.get("/api/people/").json()["results"]]
    by_name = client.get("/api/people/", {"ordering": "display_name"}).json()["results"]
    backwards = client.get("/api/people/", {"ordering": "-display_name"}).json()["results"]
    # Then the order is the alphabet's, as on the pages
    assert names == [p["display_name"] for p in by_name] == IN_ORDER[:-1]
    assert [p["display_name"] for p in backwards] == IN_ORDER[-2::-1]


def test_people_of_one_name_keep_one_order_across_the_apis_pages():
    from types import SimpleNamespace

    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from reintegra.core.api_filters import OrderingFilter

    # Given a view that sorts names by their alphabetical key
    view = SimpleNamespace(
        ordering_fields=["display_name", "birth_date"],
        ordering_aliases={"display_name": "sort_name"},
        ordering=["sort_name", "pk"],
    )

    def ordering(query: str) -> list[str]:
        request = Request(APIRequestFactory().get("/api/people/", {"ordering": query}))
        return OrderingFilter().get_ordering(request, Person.objects.none(), view)

    # Then the key orders, and the primary key breaks ties between namesakes
    assert ordering("display_name") == ["sort_name", "pk"]
    assert ordering("-display_name,birth_date") == ["-sort_name", "birth_date", "pk"]
