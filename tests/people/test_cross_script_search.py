"""The people search finds a name written in any script from a query in any other."""

from __future__ import annotations

import pytest

from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.people import services
from reintegra.people.models import PersonName, Script, Sex
from reintegra.people.selectors import PersonFilters, person_list
from reintegra.people.services import NameInput
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def bauyrzhan(case_worker):
    return services.person_register(
        actor=case_worker,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex=Sex.MALE,
        birth=PartialDate.of(1985, 3, 2),
        names=[NameInput(script=Script.KAZAKH_CYRILLIC, surname="Бакиров", given_name="Бауыржан")],
    )


def found(user, query: str) -> list[str]:
    return [p.display_name for p in person_list(user=user, filters=PersonFilters(search=query))]


@pytest.mark.parametrize(
    "query",
    ["Bauyrzhan", "BAUYRZHAN Bakirov", "Baurzhan", "Baourjan", "Бауржан", "باورجان", "Bakirov"],
)
def test_a_query_in_any_script_finds_a_kazakh_cyrillic_name(case_worker, bauyrzhan, query):
    assert found(case_worker, query) == ["Бакиров Бауыржан"]


def register_man(user, script: Script, surname: str, given_name: str, birth: PartialDate):
    return services.person_register(
        actor=user,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex=Sex.MALE,
        birth=birth,
        names=[NameInput(script=script, surname=surname, given_name=given_name)],
    )


def test_a_cyrillic_query_finds_a_name_stored_only_in_latin(case_worker, bauyrzhan):
    register_man(case_worker, Script.LATIN, "Zhumabaev", "Nursultan", PartialDate.of(1979, 1, 1))
    assert found(case_worker, "Жұмабаев Нұрсұлтан") == ["Zhumabaev Nursultan"]


def test_a_different_name_is_not_found(case_worker, bauyrzhan):
    assert found(case_worker, "Bolat") == []


def test_the_match_keys_are_stored_with_every_name(bauyrzhan):
    name = PersonName.objects.get(person=bauyrzhan)
    assert " baurjan " in name.match_keys and "#brjn" in name.match_keys


def test_the_search_finds_only_people_the_user_may_see(make_user, bauyrzhan):
    from reintegra.core.roles import Role

    other = make_user(Role.CASE_WORKER, organisation="aqniet-almaty")
    assert found(other, "Bauyrzhan") == []


def test_a_name_with_yo_is_found_by_its_english_spelling(case_worker):
    register_man(
        case_worker, Script.RUSSIAN_CYRILLIC, "Фёдоров", "Пётр", PartialDate.of(1990, 2, 3)
    )
    assert found(case_worker, "Fyodorov Pyotr") == ["Фёдоров Пётр"]
    assert found(case_worker, "Федоров") == ["Фёдоров Пётр"]


def test_a_migration_refreshes_keys_stored_by_an_earlier_folding(case_worker, bauyrzhan):
    from importlib import import_module

    from django.apps import apps

    # Given a name whose keys were stored before the folding changed
    name = PersonName.objects.get(person=bauyrzhan)
    fresh = name.match_keys
    PersonName.objects.filter(pk=name.pk).update(match_keys=" stale ")
    # When the migration runs
    migration = import_module("reintegra.people.migrations.0005_refresh_match_keys")
    migration.refresh_match_keys(apps, None)
    # Then the keys are today's again
    name.refresh_from_db()
    assert name.match_keys == fresh


def test_a_name_spelled_with_other_vowels_is_found_by_its_consonants(case_worker):
    # Given Жүсіпов, as the Kazakh spelling has it
    register_man(case_worker, Script.KAZAKH_CYRILLIC, "Жүсіпов", "Ерлан", PartialDate.of(1980))
    # When it is searched as Russian documents often spell it, in Cyrillic or Latin letters
    for query in ("Жусупов", "Zhusupov Erlan"):
        page = client_for(case_worker).get("/people/", {"q": query})
        # Then the page says no name is spelled so, and shows the one with the same consonants
        assert [p.display_name for p in page.context["page"]] == ["Жүсіпов Ерлан"]
        assert 'data-testid="similar-spellings"' in page.content.decode()
    # While a name spelled as stored is found without the notice
    page = client_for(case_worker).get("/people/", {"q": "Жүсіпов"})
    assert 'data-testid="similar-spellings"' not in page.content.decode()
    # And a name that shares no consonants is still not found
    assert list(client_for(case_worker).get("/people/", {"q": "Болат"}).context["page"]) == []


@pytest.mark.parametrize("query", ["1985", "X"])
def test_a_search_with_no_name_in_it_finds_nobody_rather_than_everybody(case_worker, query):
    # Given people whose consonants a number or a letter could be said to begin
    register_man(case_worker, Script.KAZAKH_CYRILLIC, "Қасымов", "Ерлан", PartialDate.of(1985))
    register_man(case_worker, Script.KAZAKH_CYRILLIC, "Жүсіпов", "Ерлан", PartialDate.of(1980))
    # When the search holds no name to look for by its consonants
    page = client_for(case_worker).get("/people/", {"q": query})
    # Then nobody is found, and no "similar spellings" are offered
    assert list(page.context["page"]) == []
    assert 'data-testid="similar-spellings"' not in page.content.decode()


def test_a_name_stored_in_arabic_script_is_found_from_latin_and_cyrillic(case_worker):
    # Given a man known only by an Arabic-script list
    register_man(case_worker, Script.ARABIC, "أحمدوف", "مرات", PartialDate.of(1984))
    # Then his name typed in Cyrillic or Latin letters finds him by its consonants
    for query in ("Ахметов", "Akhmetov Marat", "Ahmedov"):
        assert found(case_worker, query) == ["أحمدوف مرات"], query
    # And a Cyrillic name of other consonants does not
    assert found(case_worker, "Бакиров") == []


def test_the_notice_of_similar_spellings_is_not_shown_over_nobody(case_worker, bauyrzhan):
    page = client_for(case_worker).get("/people/", {"q": "Абдрахманов"})
    assert list(page.context["page"]) == []
    assert 'data-testid="similar-spellings"' not in page.content.decode()
