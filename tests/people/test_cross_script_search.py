"""The people search finds a name written in any script from a query in any other."""

from __future__ import annotations

import pytest

from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.people import services
from reintegra.people.models import PersonName, Script, Sex
from reintegra.people.selectors import PersonFilters, person_list
from reintegra.people.services import NameInput

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


def test_a_cyrillic_query_finds_a_name_stored_only_in_latin(case_worker, bauyrzhan):
    services.person_register(
        actor=case_worker,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex=Sex.MALE,
        birth=PartialDate.of(1979, 1, 1),
        names=[NameInput(script=Script.LATIN, surname="Zhumabaev", given_name="Nursultan")],
    )
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
