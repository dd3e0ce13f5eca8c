"""Individual plans: goals per domain, submitted to a regional coordinator for approval."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases.models import (
    Approval,
    ApprovalKind,
    Case,
    CaseStatus,
    Goal,
    GoalStatus,
    Plan,
    PlanDomain,
    PlanStatus,
    TaskKind,
)
from reintegra.core.access import CHANGE, access_object

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _editable_plan(actor: User | None, plan: Plan) -> Plan:
    if actor is not None:
        access_object(Case, actor, plan.case_id, CHANGE)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.editable:
        raise ValidationError(_("The plan is waiting for approval or approved: it cannot change."))
    return plan


@transaction.atomic
def plan_create(*, actor: User | None, case: Case, review_on: dt.date) -> Plan:
    if actor is not None:
        case = access_object(Case, actor, case.pk, CHANGE)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Plans are made for open cases."))
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": _("The review date must be after today.")})
    if Plan.objects.filter(
        case=case, status__in=[PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED]
    ).exists():
        raise ValidationError(_("This case already has a plan in preparation."))
    plan = Plan.objects.create(case=case, review_on=review_on, created_by=actor)
    audit.record(
        actor=actor,
        action="plan.created",
        obj=case,
        changes={"plan": plan.pk, "review_on": review_on},
    )
    return plan


@transaction.atomic
def goal_add(
    *,
    actor: User | None,
    plan: Plan,
    domain: str,
    description: str,
    actions: str = "",
    responsible: User | None = None,
    due_on: dt.date | None = None,
) -> Goal:
    plan = _editable_plan(actor, plan)
    errors = {}
    if domain not in PlanDomain.values:
        errors["domain"] = _("Choose the domain of the goal.")
    if not description.strip():
        errors["description"] = _("Say what the goal is.")
    if due_on is not None and due_on < plan.created_at.date():
        errors["due_on"] = _("The due date is before the plan was made.")
    if errors:
        raise ValidationError(errors)
    goal = Goal.objects.create(
        plan=plan,
        domain=domain,
        description=description.strip(),
        actions=actions.strip(),
        responsible=responsible,
        due_on=due_on,
    )
    audit.record(
        actor=actor,
        action="plan.goal_added",
        obj=plan.case,
        changes={"plan": plan.pk, "goal": goal.pk, "domain": domain},
    )
    return goal


@transaction.atomic
def goal_set_status(*, actor: User | None, goal: Goal, status: str) -> Goal:
    """Progress on a goal is recorded on the approved plan too: it is the plan's follow-up."""
    if actor is not None:
        access_object(Case, actor, goal.plan.case_id, CHANGE)
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    before = goal.status
    goal.status = status
    goal.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="plan.goal_status",
        obj=goal.plan.case,
        changes={"goal": goal.pk, "status": [before, status]},
    )
    return goal


@transaction.atomic
def plan_submit(*, actor: User | None, plan: Plan, note: str = "") -> Approval:
    plan = _editable_plan(actor, plan)
    if not plan.goals.exists():
        raise ValidationError(_("A plan needs at least one goal before it is submitted."))
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status"])
    approval = Approval.objects.create(
        case=plan.case,
        kind=ApprovalKind.PLAN,
        subject_id=plan.pk,
        requested_by=actor,
        request_note=note.strip(),
    )
    audit.record(
        actor=actor,
        action="plan.submitted",
        obj=plan.case,
        changes={"plan": plan.pk, "approval": approval.pk},
    )
    return approval


def apply_plan_decision(*, actor: User, approval: Approval, approve: bool) -> Plan:
    """Called by approval_decide inside its transaction."""
    from reintegra.cases.services import task_create

    plan = Plan.objects.select_for_update().get(pk=approval.subject_id)
    if approve:
        plan.status, plan.approved_on = PlanStatus.APPROVED, timezone.localdate()
        task_create(
            case=plan.case,
            kind=TaskKind.PLAN_REVIEW,
            title=_("Review the individual plan"),
            due_on=plan.review_on,
            assigned_to=plan.case.case_worker,
        )
    else:
        plan.status = PlanStatus.RETURNED
    plan.save(update_fields=["status", "approved_on"])
    return plan
