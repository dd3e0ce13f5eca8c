"""Case work in the demo: plans, decisions waiting for the coordinator, tasks (some overdue).

Made through the services, as the demo users, so the demo shows what real use leaves behind:
audit entries, approval requests and the tasks they create. Dates are relative to today, since
"waiting", "due" and "overdue" are about now.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases import plans, services
from reintegra.cases.models import Case, CaseStatus, Task, TaskKind

GOALS = [
    ("documents", "Балаларға туу туралы куәлік алу", "ДНҚ сараптамасы мен сот шешімі бойынша"),
    ("employment", "Тігін курсын бітіріп, жұмысқа орналасу", "Жұмыспен қамту орталығына жазу"),
    ("psychological", "Ұйқы мен мазасыздықты жеңілдету", "Психологпен апта сайынғы кездесу"),
    ("education", "Балаларды мектепке орналастыру", "Мектеппен және білім бөлімімен келісу"),
    ("religious", "Дін туралы сенімді дереккөздерден білу", "Теологпен әңгімелер"),
]


def _demo_users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=["caseworker", "coordinator"])}


def demo_casework_load(cases: list[Case]) -> None:
    """Plans, approvals and tasks on the open Aktau cases the demo coordinator reaches."""
    users = _demo_users()
    worker, coordinator = users.get("caseworker"), users.get("coordinator")
    if worker is None or coordinator is None:
        return
    today = timezone.localdate()
    open_cases = [
        c
        for c in cases
        if c.status == CaseStatus.OPEN
        and c.case_worker_id == worker.pk
        and c.region_id == c.organisation.region_id
    ]
    approved, waiting, closing = open_cases[:8], open_cases[8:11], open_cases[11:12]
    for number, case in enumerate(approved):
        # Reviews spread over the next months; the first two are already overdue.
        plan = _plan(worker, case, review_on=today + dt.timedelta(days=30 + 20 * number))
        approval = plans.plan_submit(actor=worker, plan=plan)
        services.approval_decide(actor=coordinator, approval=approval, approve=True)
        if number < 2:
            Task.objects.filter(case=case, kind=TaskKind.PLAN_REVIEW).update(
                due_on=today - dt.timedelta(days=5 + number)
            )
    for number, case in enumerate(waiting):
        plan = _plan(worker, case, review_on=today + dt.timedelta(days=90 + number))
        plans.plan_submit(actor=worker, plan=plan, note="Отбасымен келісілді.")
    for case in closing:
        services.case_closure_request(
            actor=worker,
            case=case,
            reason="goals_achieved",
            note="Жұмыс істейді, балалар мектепте; отбасы тұрақты.",
            follow_ups=[today + dt.timedelta(days=90), today + dt.timedelta(days=180)],
        )


def _plan(worker: User, case: Case, *, review_on: dt.date):
    plan = plans.plan_create(actor=worker, case=case, review_on=review_on)
    for offset in range(3):
        domain, description, actions = GOALS[(case.pk + offset) % len(GOALS)]
        plans.goal_add(
            actor=worker,
            plan=plan,
            domain=domain,
            description=description,
            actions=actions,
            due_on=review_on,
        )
    return plan
