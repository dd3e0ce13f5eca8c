"""Fixtures of reports: the demo data, returned families in two regions, and a case with
everything a summary shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.demo import demo_users_create
from reintegra.cases import assessments, services
from reintegra.cases import services as case_services
from reintegra.cases.models import Instrument, InstrumentItem
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.demo.dataset import demo_dataset_load
from reintegra.people.iin import make_iin
from reintegra.people.services import NameInput, person_register
from reintegra.reports import drill
from reintegra.returns.models import Operation
from reintegra.returns.services import operations_load, return_record
from tests.conftest import client_for

NOTE = "Секретная заметка психолога"
IIN = make_iin(dt.date(1987, 7, 7), "female", 321)


@pytest.fixture
def demo_data(reference_data):
    operations_load(actor=None)
    demo_users_create()
    return demo_dataset_load()


@pytest.fixture
def summary_case(make_user):
    """A case in Aktau with an IIN, a legal status, a confidential note, a plan and a completed
    assessment; its case worker and a psychologist on its team."""
    aktau = Organisation.objects.get(code="aqniet-aktau")
    worker = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION)
    psychologist = make_user(
        Role.SPECIALIST, scope=Scope.ORGANISATION, permissions=["confidential_notes"]
    )
    person = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1987, 7, 7),
        iin=IIN,
        names=[NameInput(script="kk-Cyrl", surname="Досанова", given_name="Меруерт")],
    )
    case = case_services.case_open(
        actor=None,
        person=person,
        program="returnee",
        organisation=aktau,
        case_worker=worker,
        opened_on=dt.date(2020, 1, 1),
    )
    case_services.team_member_add(actor=None, case=case, user=psychologist)
    case_services.observation_record(
        actor=None,
        person=person,
        dimension="legal_status",
        value="not_prosecuted",
        valid_from=dt.date(2020, 2, 1),
    )
    case_services.observation_record(
        actor=None,
        person=person,
        dimension="employment",
        value="employed",
        valid_from=dt.date(2021, 3, 1),
    )
    case_services.service_record(
        actor=psychologist,
        case=case,
        kind="conversation",
        date=timezone.localdate() - dt.timedelta(days=3),
        outcome="Разговор о работе",
        confidential_note=NOTE,
    )
    instrument = Instrument.objects.get(code="adult-needs")
    assessment = assessments.assessment_start(
        actor=worker,
        case=case,
        instrument=instrument,
        assessed_on=timezone.localdate() - dt.timedelta(days=5),
    )
    items = InstrumentItem.objects.filter(domain__instrument=instrument)
    assessments.assessment_answer(
        actor=worker, assessment=assessment, answers={item.pk: "some" for item in items}
    )
    assessments.assessment_complete(
        actor=worker, assessment=assessment, judgement="Нужна помощь с документами."
    )
    return {"case": case, "worker": worker, "psychologist": psychologist}


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
