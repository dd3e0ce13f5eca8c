"""Fixtures of program activities: who records them in Aktau and Almaty, and a person to name."""

from __future__ import annotations

import datetime as dt

import pytest

from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.services import NameInput, person_register
from reintegra.programs import services

DAY = dt.date(2024, 5, 17)


@pytest.fixture
def aktau(reference_data):
    return Organisation.objects.get(code="aqniet-aktau")


@pytest.fixture
def almaty(reference_data):
    return Organisation.objects.get(code="almaty-religious-affairs")


@pytest.fixture
def actors(make_user):
    return {
        "worker": make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION),
        "coordinator": make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION),
        "specialist": make_user(Role.SPECIALIST, scope=Scope.TEAM),
        "almaty_coordinator": make_user(
            Role.REGIONAL_COORDINATOR, scope=Scope.REGION, organisation="almaty-religious-affairs"
        ),
        "almaty_worker": make_user(
            Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="almaty-religious-affairs"
        ),
        "analyst": make_user(
            Role.NATIONAL_ANALYST, scope=Scope.NATIONAL, organisation="religious-affairs-committee"
        ),
        "partner": make_user(Role.PARTNER, scope=Scope.NATIONAL, organisation="undp-kz"),
    }


def record(actor, organisation, **fields):
    values = {"kind": "prevention_event", "title": "Кездесу", "starts_on": DAY}
    values.update(fields)
    return services.activity_record(actor=actor, organisation=organisation, **values)


@pytest.fixture
def event(actors, aktau):
    return record(
        actors["worker"],
        aktau,
        counts={("female", "18+"): 20, ("male", "18+"): 5},
        participants=30,
    )


@pytest.fixture
def tournament(actors, aktau):
    return record(actors["worker"], aktau, kind="sports_tournament", title="Мешіттер кубогы")


@pytest.fixture
def adult(aktau):
    return person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1988, 3, 3),
        names=[NameInput(script="kk-Cyrl", surname="Омарова", given_name="Айгүл")],
    )
