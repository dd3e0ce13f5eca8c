"""Fixtures of the figures: a few returned families in two regions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reintegra.cases import services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.people.services import NameInput, person_register
from reintegra.reports import drill
from reintegra.returns.models import Operation
from reintegra.returns.services import operations_load, return_record
from tests.conftest import client_for


@pytest.fixture
def families(reference_data):
    """Two returned women and a returned child in Aktau, one woman in Almaty, each in a case."""
    operations_load(actor=None)
    drill.clear()
    zhusan = Operation.objects.get(code="zhusan")
    made = []
    for code, sex, year, given in [
        ("aqniet-aktau", "female", 1990, "Әлия"),
        ("aqniet-aktau", "female", 1988, "Дана"),
        ("aqniet-aktau", "male", 2012, "Омар"),
        ("aqniet-almaty", "female", 1992, "Мөлдір"),
    ]:
        organisation = Organisation.objects.get(code=code)
        person = person_register(
            actor=None,
            organisation=organisation,
            sex=sex,
            birth=PartialDate.of(year, 3, 3),
            names=[NameInput(script="kk-Cyrl", surname="Жүсіпова", given_name=given)],
        )
        return_record(actor=None, person=person, operation=zhusan, arrival_date=dt.date(2019, 5, 9))
        services.case_open(
            actor=None,
            person=person,
            program="returnee",
            organisation=organisation,
            opened_on=dt.date(2019, 6, 1),
        )
        made.append(person)
    return made


def page(user, **params):
    return client_for(user).get(reverse("reports:dashboard"), params)
