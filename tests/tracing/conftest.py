from __future__ import annotations

import pytest

from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people import services as people_services
from reintegra.people.models import Script, Sex
from reintegra.people.services import NameInput


@pytest.fixture
def tracer(make_user):
    return make_user(
        Role.TRACING_OFFICER, organisation="religious-affairs-committee", permissions=["children"]
    )


def register(actor, surname, given, sex, year, month=None, day=None, script=Script.KAZAKH_CYRILLIC):
    return people_services.person_register(
        actor=actor,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex=sex,
        birth=PartialDate.of(year, month, day),
        names=[NameInput(script=script, surname=surname, given_name=given)],
    )


@pytest.fixture
def registry_people(case_worker):
    """A few adults registered in Aktau, in Kazakh Cyrillic."""
    return {
        "bauyrzhan": register(case_worker, "Бакиров", "Бауыржан", Sex.MALE, 1985, 3, 2),
        "aliya": register(case_worker, "Сейітова", "Әлия", Sex.FEMALE, 1991, 4, 12),
        "nursultan": register(case_worker, "Жұмабаев", "Нұрсұлтан", Sex.MALE, 1979, 11, 5),
    }
