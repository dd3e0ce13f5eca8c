"""Individual plans: goals per domain, submitted, approved or returned; a review task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from reintegra.cases import plans, services
from reintegra.cases.models import PlanStatus, Task
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
REVIEW = dt.date.today() + dt.timedelta(days=120)


def test_an_approved_plan_creates_its_review_task(actors, case):
    plan = plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    plans.goal_add(
        actor=actors["worker"],
        plan=plan,
        domain="employment",
        description="Курсы швей и работа",
        actions="Записать на курсы центра занятости",
    )
    plans.goal_add(
        actor=actors["worker"],
        plan=plan,
        domain="documents",
        description="Свидетельства о рождении детей",
    )
    approval = plans.plan_submit(actor=actors["worker"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    with pytest.raises(ValidationError):
        plans.goal_add(actor=actors["worker"], plan=plan, domain="health", description="x")
    services.approval_decide(actor=actors["coordinator"], approval=approval, approve=True)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_on == dt.date.today()
    task = Task.objects.get(case=case, kind="plan_review")
    assert task.due_on == REVIEW and task.assigned_to == actors["worker"]


def test_a_returned_plan_can_be_changed_and_sent_again(actors, case):
    plan = plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    plans.goal_add(actor=actors["worker"], plan=plan, domain="health", description="Осмотр")
    approval = plans.plan_submit(actor=actors["worker"], plan=plan)
    services.approval_decide(
        actor=actors["coordinator"],
        approval=approval,
        approve=False,
        comment="Добавьте цель по жилью.",
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    plans.goal_add(actor=actors["worker"], plan=plan, domain="housing", description="Жильё")
    again = plans.plan_submit(actor=actors["worker"], plan=plan)
    assert again.pk != approval.pk
    page = client_for(actors["worker"]).get(f"/cases/plans/{plan.pk}/").content.decode()
    assert "Добавьте цель по жилью." in page


def test_a_plan_without_goals_is_not_submitted(actors, case):
    plan = plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    with pytest.raises(ValidationError, match="at least one goal"):
        plans.plan_submit(actor=actors["worker"], plan=plan)


def test_one_plan_in_preparation_at_a_time(actors, case):
    plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    with pytest.raises(ValidationError):
        plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)


def test_goals_are_added_and_the_plan_sent_through_the_page(actors, case):
    client = client_for(actors["worker"])
    response = client.post(f"/cases/{case.pk}/plans/new/", {"review_on": REVIEW.isoformat()})
    assert response.status_code == 302
    plan_url = response["Location"]
    client.post(plan_url, {"form": "goal", "domain": "family", "description": "Встречи с семьёй"})
    client.post(plan_url, {"form": "submit", "note": ""})
    assert (
        "waiting for approval" in client.get(plan_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_timeline_shows_the_plan_its_approval_and_emergency_access(actors, case, make_user):
    from reintegra.cases import emergency
    from reintegra.core.roles import Role, Scope

    plan = plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    plans.goal_add(actor=actors["worker"], plan=plan, domain="health", description="Осмотр")
    approval = plans.plan_submit(actor=actors["worker"], plan=plan)
    services.approval_decide(
        actor=actors["coordinator"], approval=approval, approve=False, comment="Добавьте сроки"
    )
    outsider = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-almaty")
    emergency.emergency_access_open(
        actor=outsider, case_id=case.pk, reason="Кризисный звонок на горячую линию Алматы"
    )

    response = client_for(actors["worker"]).get(
        f"/cases/{case.pk}/timeline/", HTTP_ACCEPT_LANGUAGE="en"
    )
    entries = response.context["entries"]
    titles = [entry.title for entry in entries]
    assert titles[-1] == "Case opened"
    assert "Individual plan started" in titles
    assert "individual plan sent for approval" in titles
    assert "individual plan: returned with a comment" in titles
    returned = next(e for e in entries if e.title == "individual plan: returned with a comment")
    assert "Добавьте сроки" in returned.detail
    glass = next(e for e in entries if e.kind == "emergency")
    assert outsider.username in glass.title and "горячую линию" in glass.detail


def test_the_coordinator_sees_the_plans_goals_on_the_approval_page(actors, case):
    plan = plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    plans.goal_add(
        actor=actors["worker"], plan=plan, domain="employment", description="Курсы швей и работа"
    )
    approval = plans.plan_submit(actor=actors["worker"], plan=plan)
    page = client_for(actors["coordinator"]).get(f"/cases/approvals/{approval.pk}/")
    shown = page.content.decode()
    assert 'data-testid="plan-to-approve"' in shown and "Курсы швей и работа" in shown


def test_opening_a_plan_or_its_approval_writes_an_access_entry(actors, case):
    from reintegra.audit.models import Event

    plan = plans.plan_create(actor=actors["worker"], case=case, review_on=REVIEW)
    plans.goal_add(actor=actors["worker"], plan=plan, domain="health", description="Осмотр")
    approval = plans.plan_submit(actor=actors["worker"], plan=plan)
    client_for(actors["worker"]).get(f"/cases/plans/{plan.pk}/")
    client_for(actors["coordinator"]).get(f"/cases/approvals/{approval.pk}/")
    entries = Event.objects.filter(kind="access", object_id=str(case.pk))
    assert set(entries.values_list("reason", flat=True)) >= {"plan", "approval"}
