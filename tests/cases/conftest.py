"""Fixtures of case work: a case in Aktau, its worker, and coordinators near and far."""

from __future__ import annotations

import datetime as dt

import pytest

from reintegra.cases import services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.services import NameInput, person_register

ALL = ["children", "identity_numbers", "legal_security"]


@pytest.fixture
def actors(make_user):
    return {
        "worker": make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION),
        "coordinator": make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION, permissions=ALL),
        "other_coordinator": make_user(
            Role.REGIONAL_COORDINATOR, scope=Scope.REGION, permissions=ALL
        ),
        "far_coordinator": make_user(
            Role.REGIONAL_COORDINATOR,
            scope=Scope.REGION,
            organisation="aqniet-almaty",
            permissions=ALL,
        ),
    }


@pytest.fixture
def case(actors):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    person = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1987, 7, 7),
        names=[NameInput(script="kk-Cyrl", surname="Досанова", given_name="Меруерт")],
    )
    return services.case_open(
        actor=None,
        person=person,
        program="returnee",
        organisation=aktau,
        case_worker=actors["worker"],
        opened_on=dt.date(2020, 1, 1),
    )
