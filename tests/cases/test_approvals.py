"""Closure with a coordinator's approval; nobody approves their own request; follow-up tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.cases import selectors, services
from reintegra.cases.models import ApprovalStatus, CaseStatus, Task
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def follow_ups():
    today = dt.date.today()
    return [today + dt.timedelta(days=90), today + dt.timedelta(days=180)]


def test_closing_a_case_waits_for_a_coordinators_approval(actors, case):
    approval = services.case_closure_request(
        actor=actors["worker"], case=case, reason="goals_achieved", follow_ups=follow_ups()
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSING
    assert list(selectors.approvals_waiting_for(actors["coordinator"])) == [approval]
    assert list(selectors.approvals_waiting_for(actors["far_coordinator"])) == []
    assert list(selectors.approvals_waiting_for(actors["worker"])) == []

    services.approval_decide(actor=actors["coordinator"], approval=approval, approve=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on == dt.date.today()
    tasks = Task.objects.filter(case=case).order_by("due_on")
    assert [t.due_on for t in tasks] == follow_ups()
    assert all(t.assigned_to == actors["worker"] and t.kind == "follow_up" for t in tasks)
    assert list(selectors.my_tasks(actors["worker"])) == list(tasks)


def test_nobody_approves_their_own_request(actors, case):
    approval = services.case_closure_request(actor=actors["coordinator"], case=case, reason="moved")
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=actors["coordinator"], approval=approval, approve=True)
    assert list(selectors.approvals_waiting_for(actors["coordinator"])) == []
    services.approval_decide(actor=actors["other_coordinator"], approval=approval, approve=True)
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.APPROVED


def test_a_coordinator_of_another_region_or_a_case_worker_cannot_decide(actors, case):
    approval = services.case_closure_request(actor=actors["worker"], case=case, reason="moved")
    for who in ("far_coordinator", "worker"):
        with pytest.raises(PermissionDenied):
            services.approval_decide(actor=actors[who], approval=approval, approve=True)


def test_a_returned_closure_needs_a_comment_and_reopens_the_case(actors, case):
    approval = services.case_closure_request(actor=actors["worker"], case=case, reason="other")
    with pytest.raises(ValidationError):
        services.approval_decide(actor=actors["coordinator"], approval=approval, approve=False)
    services.approval_decide(
        actor=actors["coordinator"],
        approval=approval,
        approve=False,
        comment="Сначала проведите повторную оценку.",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.closure_reason == ""
    assert not Task.objects.filter(case=case).exists()
    with pytest.raises(ValidationError):
        services.approval_decide(actor=actors["other_coordinator"], approval=approval, approve=True)
    page = client_for(actors["worker"]).get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="closure-returned"' in page
    assert "Сначала проведите повторную оценку." in page


def test_the_navigation_counts_tasks_and_approvals_and_marks_overdue(actors, case):
    services.task_create(
        case=case,
        kind="other",
        title="Позвонить",
        due_on=dt.date.today() - dt.timedelta(days=1),
        assigned_to=actors["worker"],
    )
    counts = selectors.work_counts(actors["worker"])
    assert (counts.tasks, counts.overdue, counts.approvals) == (1, 1, 0)
    services.case_closure_request(actor=actors["worker"], case=case, reason="moved")
    assert selectors.work_counts(actors["coordinator"]).approvals == 1
    page = client_for(actors["worker"]).get("/cases/tasks/", HTTP_ACCEPT_LANGUAGE="en")
    assert "overdue" in page.content.decode()


def test_the_decision_is_made_through_the_page(actors, case):
    approval = services.case_closure_request(actor=actors["worker"], case=case, reason="moved")
    own = client_for(actors["worker"]).post(
        f"/cases/approvals/{approval.pk}/", {"decision": "approve"}
    )
    assert own.status_code == 403
    response = client_for(actors["coordinator"]).post(
        f"/cases/approvals/{approval.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_follow_up_dates_must_be_in_the_future(actors, case):
    with pytest.raises(ValidationError):
        services.case_closure_request(
            actor=actors["worker"], case=case, reason="moved", follow_ups=[dt.date.today()]
        )
