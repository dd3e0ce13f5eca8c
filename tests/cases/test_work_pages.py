"""The work lists (my tasks, approvals, emergency access) cost the same queries for more rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.cases import emergency, plans, services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
REVIEW = dt.date.today() + dt.timedelta(days=60)


def open_case(worker, number: int):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    person = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1985, 1, 1 + number % 28),
        names=[NameInput(script="kk-Cyrl", surname="Жүсіпова", given_name=f"Ақерке{number}")],
    )
    return services.case_open(
        actor=None, person=person, program="returnee", organisation=aktau, case_worker=worker
    )


def submitted_plan(worker, number: int):
    case = open_case(worker, number)
    plan = plans.plan_create(actor=worker, case=case, review_on=REVIEW)
    plans.goal_add(actor=worker, plan=plan, domain="health", description="Тексеру")
    return plans.plan_submit(actor=worker, plan=plan)


def queries(client, url: str) -> int:
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_tasks_and_approvals_pages_cost_the_same_for_more_rows(actors):
    worker, coordinator = actors["worker"], actors["coordinator"]
    for number in range(2):
        approval = submitted_plan(worker, number)
        services.approval_decide(actor=coordinator, approval=approval, approve=True)
    submitted_plan(worker, 2)
    pages = {
        "tasks": (client_for(worker), "/cases/tasks/"),
        "approvals": (client_for(coordinator), "/cases/approvals/"),
        "my requests": (client_for(worker), "/cases/approvals/"),
    }
    few = {name: queries(client, url) for name, (client, url) in pages.items()}
    for number in range(3, 13):
        approval = submitted_plan(worker, number)
        if number % 2:
            services.approval_decide(actor=coordinator, approval=approval, approve=True)
    many = {name: queries(client, url) for name, (client, url) in pages.items()}
    assert many == few


def test_the_emergency_access_list_costs_the_same_for_more_grants(actors, make_user):
    coordinator = actors["coordinator"]
    client = client_for(coordinator)
    outsider = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-almaty")
    reason = "Urgent call from her family in Almaty about her safety."
    emergency.emergency_access_open(
        actor=outsider, case_id=open_case(actors["worker"], 0).pk, reason=reason
    )
    few = queries(client, "/cases/emergency/")
    for number in range(1, 9):
        case = open_case(actors["worker"], number)
        emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=reason)
    assert queries(client, "/cases/emergency/") == few
    page = client.get("/cases/emergency/").content.decode()
    assert page.count(reason) == 9


def test_case_and_approval_headings_begin_with_a_capital_letter(actors):
    plan = submitted_plan(actors["worker"], 1)
    case = plan.case
    worker, coordinator = client_for(actors["worker"]), client_for(actors["coordinator"])
    page = worker.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "<h1>Оралғандарды қайта бейімдеу:" in page
    timeline = worker.get(f"/cases/{case.pk}/timeline/", HTTP_ACCEPT_LANGUAGE="en")
    assert "← Returnee reintegration · " in timeline.content.decode()
    approval = case.approvals.get()
    page = coordinator.get(f"/cases/approvals/{approval.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "<h1>Индивидуальный план:" in page.content.decode()
