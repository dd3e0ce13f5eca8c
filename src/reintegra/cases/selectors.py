"""Reads of cases, observations and consents, for pages, the API, exports and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from reintegra.cases.models import Case, Consent, Observation
from reintegra.cases.referral_selectors import (
    referrals_waiting_for,
    timeline_entries,
    transfers_waiting_for,
)

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.people.models import Person


def holding_on(qs: QuerySet[Observation], on: dt.date) -> QuerySet[Observation]:
    """Observations in force on ``on``: started by then, not yet replaced."""
    return qs.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def values_as_of(
    *, dimension: str, on: dt.date, people: QuerySet[Person] | None = None
) -> dict[int, str]:
    """{person id: value} of one dimension on a day, in one query. Unrestricted: for aggregate
    figures and for callers that restricted ``people`` already."""
    qs = holding_on(Observation.objects.filter(dimension=dimension), on)
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return dict(qs.values_list("person_id", "value"))


def value_as_of(*, user: User | None, person: Person, dimension: str, on: dt.date) -> str | None:
    """One person's value of one dimension on a day, as ``user`` may see it."""
    qs = Observation.objects.all() if user is None else Observation.objects.restrict(user, "view")
    qs = qs.filter(person=person, dimension=dimension)
    return holding_on(qs, on).values_list("value", flat=True).first()


def observation_history(*, user: User, person: Person) -> QuerySet[Observation]:
    return (
        Observation.objects.restrict(user, "view")
        .filter(person=person)
        .select_related("recorded_by", "case")
        .order_by("dimension", "-valid_from")
    )


def consents_of(*, user: User, person: Person) -> QuerySet[Consent]:
    return Consent.objects.restrict(user, "view").filter(person=person).select_related("given_by")


def consent_covering(person: Person, organisation_kind: str, on: dt.date | None = None):
    """The consent in force that lets ``person``'s data go to an organisation of that kind."""
    on = on or timezone.localdate()
    consents = Consent.objects.filter(person=person, given_on__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    )
    return next((c for c in consents if c.covers(organisation_kind, on)), None)


ACTIVE = "active"  # a status filter: not closed (open, or closure awaiting approval)


def status_q(status: str, prefix: str = "") -> Q:
    from reintegra.cases.models import CaseStatus

    if status == ACTIVE:
        return Q(**{f"{prefix}status__in": [CaseStatus.OPEN, CaseStatus.CLOSING]})
    return Q(**{f"{prefix}status": status})


def case_list(*, user: User, filters=None, action: str = "view") -> QuerySet[Case]:
    """Cases ``user`` may see, filtered by the same filters as people (on the case's person,
    and on the case itself for program, status, region and case worker)."""
    qs = Case.objects.restrict(user, action).select_related(
        "person", "organisation", "region", "case_worker"
    )
    if filters is None:
        return qs
    from reintegra.people.selectors import age_group_q, name_search_q
    from reintegra.returns.models import Return

    if filters.search:
        qs = qs.filter(name_search_q(filters.search, person_path="person_id"))
    if filters.region_id:
        qs = qs.filter(region_id=filters.region_id)
    if filters.sex:
        qs = qs.filter(person__sex=filters.sex)
    if filters.age_group:
        qs = qs.filter(age_group_q(filters.age_group, timezone.localdate(), prefix="person__"))
    if filters.program:
        qs = qs.filter(program=filters.program)
    if filters.status:
        qs = qs.filter(status_q(filters.status))
    if filters.case_worker_id:
        qs = qs.filter(case_worker_id=filters.case_worker_id)
    if filters.operation_id or filters.wave_id:
        returns = Return.objects.filter(person_id=OuterRef("person_id"))
        if filters.operation_id:
            returns = returns.filter(operation_id=filters.operation_id)
        if filters.wave_id:
            returns = returns.filter(wave_id=filters.wave_id)
        qs = qs.filter(Exists(returns))
    return qs


def readable_note_cases(user: User) -> tuple[str, set[int]]:
    """The user's profession and the cases whose team they are on, if they hold the
    confidential-notes permission; else ("", empty)."""
    from reintegra.cases.models import TeamMember
    from reintegra.core.access import access_context
    from reintegra.core.roles import SensitivePermission

    if not user.profession or not access_context(user).has_permission(
        SensitivePermission.CONFIDENTIAL_NOTES
    ):
        return "", set()
    return user.profession, set(
        TeamMember.objects.filter(user=user).values_list("case_id", flat=True)
    )


def may_read_note(note_access: tuple[str, set[int]], service) -> bool:
    """A confidential note is read by team members of the author's profession, with the
    permission for it; nobody else (not the coordinator, not the auditor)."""
    profession, team_cases = note_access
    return bool(
        service.note_profession
        and profession == service.note_profession
        and service.case_id in team_cases
    )


def service_list(*, user: User, case: Case | None = None, action: str = "view"):
    """Services ``user`` may see, each with ``note_visible`` set for this user."""
    from reintegra.cases.models import Service

    qs = Service.objects.restrict(user, action).select_related(
        "provider", "provider_organisation", "case"
    )
    if case is not None:
        qs = qs.filter(case=case)
    note_access = readable_note_cases(user)
    services = list(qs.order_by("-date", "-pk"))
    for service in services:
        service.note_visible = may_read_note(note_access, service)
    return services


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str  # "case", "observation", "service", "return", "consent", "assessment", "plan", ...
    title: str
    detail: str = ""


def case_timeline(*, user: User, case: Case) -> list[TimelineEntry]:
    """Everything that happened in a case and to its person, newest first, as ``user`` may
    see it (confidential notes never appear here)."""
    from django.utils.translation import gettext as _

    from reintegra.returns.models import Return

    entries = [TimelineEntry(case.opened_on, "case", _("Case opened"), str(case.organisation))]
    if case.closed_on:
        entries.append(
            TimelineEntry(
                case.closed_on, "case", _("Case closed"), case.get_closure_reason_display()
            )
        )
    for observation in observation_history(user=user, person=case.person):
        entries.append(
            TimelineEntry(
                observation.valid_from,
                "observation",
                str(observation.get_dimension_display()),
                observation.value_label,
            )
        )
    for service in service_list(user=user, case=case):
        entries.append(
            TimelineEntry(service.date, "service", service.get_kind_display(), service.outcome)
        )
    for item in (
        Return.objects.restrict(user, "view").filter(person=case.person).select_related("operation")
    ):
        entries.append(
            TimelineEntry(item.arrival_date, "return", _("Returned"), str(item.operation))
        )
    for consent in consents_of(user=user, person=case.person):
        entries.append(
            TimelineEntry(consent.given_on, "consent", _("Consent given"), consent.purpose)
        )
        if consent.withdrawn_on:
            entries.append(
                TimelineEntry(
                    consent.withdrawn_on, "consent", _("Consent withdrawn"), consent.purpose
                )
            )
    entries.extend(_work_entries(user=user, case=case))
    entries += timeline_entries(user=user, case=case)
    # Imported here: the assessment selectors import TimelineEntry from this module.
    from reintegra.cases.selectors_assessments import (
        timeline_entries as assessment_timeline_entries,
    )

    entries += assessment_timeline_entries(user=user, case=case)
    order = {"return": 0, "case": 1, "consent": 2, "observation": 3, "service": 4}
    order |= {"assessment": 5, "plan": 6, "approval": 7, "referral": 8, "transfer": 9}
    order |= {"emergency": 10}
    return sorted(entries, key=lambda e: (e.day, order[e.kind]), reverse=True)


def _work_entries(*, user: User, case: Case) -> list[TimelineEntry]:
    """Plans, the requests decided on them and on closure, emergency access to the case."""
    from django.utils.timezone import localdate
    from django.utils.translation import gettext as _

    from reintegra.cases.models import Approval, EmergencyAccess, Plan

    entries = []
    for plan in Plan.objects.restrict(user, "view").filter(case=case):
        entries.append(
            TimelineEntry(
                localdate(plan.created_at),
                "plan",
                _("Individual plan started"),
                _("review on %(date)s") % {"date": plan.review_on.isoformat()},
            )
        )
    for approval in (
        Approval.objects.restrict(user, "view")
        .filter(case=case)
        .select_related("requested_by", "decided_by")
    ):
        requested = _("%(what)s sent for approval") % {"what": approval.get_kind_display()}
        entries.append(
            TimelineEntry(
                localdate(approval.requested_at),
                "approval",
                requested,
                str(approval.requested_by or ""),
            )
        )
        if approval.decided_at:
            entries.append(
                TimelineEntry(
                    localdate(approval.decided_at),
                    "approval",
                    f"{approval.get_kind_display()}: {approval.get_status_display()}",
                    " · ".join(filter(None, [str(approval.decided_by or ""), approval.comment])),
                )
            )
    for grant in EmergencyAccess.objects.filter(case=case).select_related("user"):
        entries.append(
            TimelineEntry(
                localdate(grant.granted_at),
                "emergency",
                _("Emergency access by %(user)s") % {"user": grant.user},
                grant.reason,
            )
        )
    return entries


def approvals_waiting_for(user: User) -> QuerySet:
    """Pending requests ``user`` may decide: a coordinator's, in reach, not their own."""
    from reintegra.cases.models import Approval
    from reintegra.core.access import access_context, filter_by_scope
    from reintegra.core.access.policies import CASE_PATHS, adults_unless_children_permission
    from reintegra.core.roles import Role

    context = access_context(user)
    if not context.has_role(Role.REGIONAL_COORDINATOR):
        return Approval.objects.none()
    cases = filter_by_scope(
        Case.objects.all(),
        context,
        [Role.REGIONAL_COORDINATOR],
        CASE_PATHS,
        adults_unless_children_permission("person__"),
    )
    return (
        Approval.objects.pending()
        .filter(case_id__in=cases.values("pk"))
        .exclude(requested_by=user)
        .select_related("case__person", "case__region", "requested_by")
        .order_by("requested_at")
    )


def my_requests(user: User) -> QuerySet:
    from reintegra.cases.models import Approval

    return (
        Approval.objects.restrict(user, "view")
        .filter(requested_by=user)
        .select_related("case__person", "decided_by")
        .order_by("-requested_at")[:20]
    )


def my_tasks(user: User) -> QuerySet:
    """Open tasks assigned to ``user``, or unassigned on cases they are the case worker of."""
    from reintegra.cases.models import Task

    return (
        Task.objects.restrict(user, "view")
        .filter(done_at__isnull=True)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True, case__case_worker=user))
        .select_related("case__person")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class WorkCounts:
    tasks: int
    overdue: int
    approvals: int
    referrals: int = 0
    transfers: int = 0

    @property
    def waiting(self) -> int:
        """Everything on "my tasks": tasks, and referrals and transfers to decide."""
        return self.tasks + self.referrals + self.transfers


def work_counts(user: User) -> WorkCounts:
    """For the navigation: open tasks, overdue ones, approvals, referrals and transfers waiting."""
    from django.db.models import Count

    today = timezone.localdate()
    counts = my_tasks(user).aggregate(
        tasks=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    return WorkCounts(
        counts["tasks"],
        counts["overdue"],
        approvals_waiting_for(user).count(),
        referrals_waiting_for(user).count(),
        transfers_waiting_for(user).count(),
    )
