"""Every change to cases, their teams, observations and consents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases import tallies
from reintegra.cases.models import (
    Approval,
    ApprovalKind,
    ApprovalStatus,
    Case,
    CaseStatus,
    ClosureReason,
    Consent,
    Observation,
    Program,
    Service,
    ServiceKind,
    Task,
    TaskKind,
    TeamMember,
)
from reintegra.cases.observations import LEGAL_DIMENSIONS, VALUES, Dimension
from reintegra.core.access import (
    CASE_EDITORS,
    CHANGE,
    PERSON_EDITORS,
    VIEW,
    access_context,
    access_object,
    filter_by_scope,
)
from reintegra.core.access.policies import (
    CASE_PATHS,
    adults_unless_children_permission,
    workable_cases,
)
from reintegra.core.errors import EditConflict
from reintegra.core.models import Organisation, OrganisationKind, Region
from reintegra.core.roles import Role, SensitivePermission
from reintegra.people.models import Person
from reintegra.people.services import refuse_if_merged

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def case_open(
    *,
    actor: User | None,
    person: Person,
    program: str,
    organisation: Organisation,
    region: Region | None = None,
    case_worker: User | None = None,
    opened_on: dt.date | None = None,
) -> Case:
    if actor is not None:
        person = access_object(Person, actor, person.pk, VIEW)
        context = access_context(actor)
        if not any(
            organisation.pk in g.organisation_ids or g.scope in ("region", "national")
            for g in context.grants_for(CASE_EDITORS)
        ):
            raise PermissionDenied(_("You may open cases only in your own organisation."))
    refuse_if_merged(person)
    opened_on = opened_on or _today()
    errors: dict[str, Any] = {}
    if program not in Program.values:
        errors["program"] = _("Choose a program.")
    if opened_on > _today():
        errors["opened_on"] = _("A case cannot be opened in the future.")
    if Case.objects.filter(person=person, program=program, status=CaseStatus.OPEN).exists():
        errors["program"] = _("This person already has an open case in this program.")
    region = region or organisation.region or person.region
    if region is None:
        errors["region"] = _("Choose the region where the case is followed.")
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        person=person,
        program=program,
        organisation=organisation,
        region=region,
        case_worker=case_worker,
        opened_on=opened_on,
    )
    tallies.case_opened(case)
    audit.record(
        actor=actor,
        action="case.opened",
        obj=case,
        changes={
            "person": person.pk,
            "program": program,
            "organisation": organisation.code,
            "case_worker": case_worker.username if case_worker else None,
        },
    )
    return case


CASE_FIELDS = ("organisation", "region", "case_worker")


@transaction.atomic
def case_update(*, actor: User | None, case: Case, expected_version: int, **fields: Any) -> Case:
    """Change who follows a case and where; EditConflict if it changed since it was opened."""
    if actor is not None:
        access_object(Case, actor, case.pk, CHANGE)
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != expected_version:
        raise EditConflict()
    changes = {}
    from_region_id, from_organisation_id = current.region_id, current.organisation_id
    for field, value in fields.items():
        old = getattr(current, field)
        if old != value:
            changes[field] = [str(old) if old else None, str(value) if value else None]
            setattr(current, field, value)
    if not changes:
        return current
    current.version = F("version") + 1
    current.save(update_fields=[*changes, "version", "updated_at"])
    current.refresh_from_db()
    # The case and its services are counted where the case is: the counts move with it.
    tallies.case_moved(
        case=current, from_region_id=from_region_id, from_organisation_id=from_organisation_id
    )
    audit.record(actor=actor, action="case.updated", obj=current, changes=changes)
    return current


MAX_FOLLOW_UPS = 3


@transaction.atomic
def case_closure_request(
    *,
    actor: User | None,
    case: Case,
    reason: str,
    note: str = "",
    follow_ups: list[dt.date] | tuple[dt.date, ...] = (),
) -> Approval:
    """Ask for the case to be closed; a regional coordinator approves it (approval_decide).

    The follow-up dates become tasks for the case worker once the closure is approved.
    """
    if actor is not None:
        case = access_object(Case, actor, case.pk, CHANGE)
    errors: dict[str, Any] = {}
    if case.status != CaseStatus.OPEN:
        errors["reason"] = _("Only an open case can be closed.")
    if reason not in ClosureReason.values:
        errors["reason"] = _("Choose the reason for closing.")
    follow_ups = sorted(set(follow_ups))
    if len(follow_ups) > MAX_FOLLOW_UPS:
        errors["follow_ups"] = _("At most three follow-up dates.")
    if any(day <= _today() for day in follow_ups):
        errors["follow_ups"] = _("Follow-up dates must be after today.")
    if errors:
        raise ValidationError(errors)
    case.status, case.closure_reason = CaseStatus.CLOSING, reason
    case.version = F("version") + 1
    case.save(update_fields=["status", "closure_reason", "version", "updated_at"])
    case.refresh_from_db()
    approval = Approval.objects.create(
        case=case,
        kind=ApprovalKind.CLOSURE,
        requested_by=actor,
        request_note=note.strip(),
        follow_ups=[day.isoformat() for day in follow_ups],
    )
    audit.record(
        actor=actor,
        action="case.closure_requested",
        obj=case,
        changes={"reason": reason, "approval": approval.pk, "follow_ups": follow_ups},
        reason=note,
    )
    return approval


def may_decide(actor: User, approval: Approval) -> bool:
    """A regional coordinator reaching the case, who did not ask for it."""
    if approval.requested_by_id is not None and approval.requested_by_id == actor.pk:
        return False
    context = access_context(actor)
    if not context.has_role(Role.REGIONAL_COORDINATOR):
        return False
    reachable = filter_by_scope(
        Case.objects.filter(pk=approval.case_id),
        context,
        [Role.REGIONAL_COORDINATOR],
        CASE_PATHS,
        adults_unless_children_permission("person__"),
    )
    return reachable.exists()


@transaction.atomic
def approval_decide(
    *, actor: User, approval: Approval, approve: bool, comment: str = ""
) -> Approval:
    """Approve, or return with a comment. Segregation of duties: never one's own request."""
    approval = Approval.objects.select_for_update().get(pk=approval.pk)
    if approval.status != ApprovalStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    if approval.requested_by_id == actor.pk:
        raise PermissionDenied(_("Nobody approves their own request."))
    if not may_decide(actor, approval):
        raise PermissionDenied(_("Only a regional coordinator of the case's region decides."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the request is returned.")})
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.RETURNED
    approval.decided_by, approval.decided_at = actor, timezone.now()
    approval.comment = comment.strip()
    approval.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    case = approval.case
    if approval.kind == ApprovalKind.CLOSURE:
        _apply_closure_decision(actor, approval, case, approve)
    elif approval.kind == ApprovalKind.PLAN:
        from reintegra.cases import plans

        plans.apply_plan_decision(actor=actor, approval=approval, approve=approve)
    audit.record(
        actor=actor,
        action=f"approval.{approval.status}",
        obj=case,
        changes={"approval": approval.pk, "kind": approval.kind},
        reason=comment,
    )
    return approval


def _apply_closure_decision(actor: User, approval: Approval, case: Case, approve: bool) -> None:
    if approve:
        case.status, case.closed_on = CaseStatus.CLOSED, _today()
        for number, day in enumerate(approval.follow_ups, start=1):
            task_create(
                case=case,
                kind=TaskKind.FOLLOW_UP,
                title=_("Follow-up %(number)s after closure") % {"number": number},
                due_on=dt.date.fromisoformat(day),
                assigned_to=case.case_worker,
            )
    else:
        case.status, case.closure_reason = CaseStatus.OPEN, ""
    case.version = F("version") + 1
    case.save(update_fields=["status", "closed_on", "closure_reason", "version", "updated_at"])
    case.refresh_from_db()
    if approve:
        tallies.case_closed(case)


def task_create(
    *, case: Case, kind: str, title: str, due_on: dt.date, assigned_to: User | None
) -> Task:
    """Tasks are created by the services that need them (closure, plan review, ...)."""
    return Task.objects.create(
        case=case, kind=kind, title=title, due_on=due_on, assigned_to=assigned_to
    )


@transaction.atomic
def task_complete(*, actor: User, task: Task) -> Task:
    task = access_object(Task, actor, task.pk, VIEW)
    if task.done_at is not None:
        return task
    if task.assigned_to_id not in (None, actor.pk) and not access_context(actor).has_role(
        Role.REGIONAL_COORDINATOR
    ):
        raise PermissionDenied(_("This task is assigned to someone else."))
    task.done_at, task.done_by = timezone.now(), actor
    task.save(update_fields=["done_at", "done_by"])
    audit.record(
        actor=actor,
        action="task.done",
        obj=task.case,
        changes={"task": task.pk, "title": task.title},
    )
    return task


@transaction.atomic
def team_member_add(*, actor: User | None, case: Case, user: User) -> TeamMember:
    if actor is not None:
        case = access_object(Case, actor, case.pk, CHANGE)
    member, created = TeamMember.objects.get_or_create(
        case=case, user=user, defaults={"added_on": _today()}
    )
    if created:
        audit.record(
            actor=actor, action="case.team_member_added", obj=case, changes={"user": user.username}
        )
    return member


TEAM_ROLES = (Role.SPECIALIST, Role.CASE_WORKER)


def team_candidates(case: Case, *, profession: str = ""):
    """Who may join a case's team: active specialists and case workers of its organisation
    (of one profession, if given), with their qualification category where they have one."""
    from reintegra.accounts.models import Membership, User

    members = Membership.objects.active().filter(
        organisation_id=case.organisation_id, role__in=TEAM_ROLES, user__is_active=True
    )
    candidates = (
        User.objects.filter(pk__in=members.values("user_id"))
        .exclude(pk__in=case.team.values("user_id"))
        .select_related("specialist__category")
        .order_by("last_name", "first_name", "username")
    )
    return candidates.filter(profession=profession) if profession else candidates


@transaction.atomic
def team_member_join(*, actor: User, case: Case, user: User) -> TeamMember:
    """Add a colleague of the case's organisation to its multidisciplinary team."""
    case = access_object(Case, actor, case.pk, CHANGE)
    if not team_candidates(case).filter(pk=user.pk).exists():
        if TeamMember.objects.filter(case=case, user=user).exists():
            raise ValidationError({"user": _("Already on the team.")})
        raise ValidationError(
            {"user": _("Only specialists and case workers of the case's organisation join it.")}
        )
    return team_member_add(actor=actor, case=case, user=user)


@transaction.atomic
def team_member_remove(*, actor: User, member: TeamMember) -> None:
    case = access_object(Case, actor, member.case_id, CHANGE)
    username = member.user.username
    member.delete()
    audit.record(
        actor=actor, action="case.team_member_removed", obj=case, changes={"user": username}
    )


def _clean_value(dimension: str, value: str) -> str:
    if dimension not in Dimension.values:
        raise ValidationError({"dimension": _("Unknown dimension.")})
    value = (value or "").strip()
    choices = VALUES[dimension]
    if not value or (choices is not None and value not in choices.values):
        raise ValidationError(
            {
                "value": _("Choose a value for “%(dimension)s”.")
                % {"dimension": Dimension(dimension).label}
            }
        )
    return value


@transaction.atomic
def observation_record(
    *,
    actor: User | None,
    person: Person,
    dimension: str,
    value: str,
    valid_from: dt.date,
    source: str = "",
    case: Case | None = None,
) -> Observation:
    """Record a new value from ``valid_from`` on; the value before it ends that day.

    History is kept, never overwritten. A value dated before the newest one already recorded is
    refused: corrections to the past are made by the newest value, not by rewriting it.
    """
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
        if dimension in LEGAL_DIMENSIONS and not access_context(actor).has_permission(
            SensitivePermission.LEGAL_SECURITY, roles=PERSON_EDITORS
        ):
            raise PermissionDenied(_("Legal status needs the legal and security permission."))
    refuse_if_merged(person)
    value = _clean_value(dimension, value)
    if valid_from > _today():
        raise ValidationError({"valid_from": _("An observation cannot start in the future.")})
    if case is not None and case.person_id != person.pk:
        raise ValidationError({"case": _("The case is another person's.")})
    current = (
        Observation.objects.select_for_update()
        .filter(person=person, dimension=dimension, valid_to__isnull=True)
        .first()
    )
    if current is not None:
        if valid_from <= current.valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "The newest value holds from %(date)s: a new value must start after it."
                    )
                    % {"date": current.valid_from.isoformat()}
                }
            )
        if current.value == value:
            return current
        current.valid_to = valid_from
        current.save(update_fields=["valid_to"])
    observation = Observation.objects.create(
        person=person,
        case=case,
        dimension=dimension,
        value=value,
        valid_from=valid_from,
        source=source.strip(),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="observation.recorded",
        obj=person,
        changes={
            "dimension": dimension,
            "value": value,
            "valid_from": valid_from,
            "previous": current.value if current else None,
        },
    )
    return observation


@transaction.atomic
def consent_record(
    *,
    actor: User | None,
    person: Person,
    recipient_kinds: list[str],
    purpose: str,
    given_on: dt.date,
    given_by: Person | None = None,
) -> Consent:
    """Record a consent; for a child it is given by a guardian or parent, who must be named."""
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
    refuse_if_merged(person, given_by)
    errors: dict[str, Any] = {}
    kinds = sorted(set(recipient_kinds))
    if not kinds or any(k not in OrganisationKind.values for k in kinds):
        errors["recipient_kinds"] = _("Choose the kinds of organisation the consent covers.")
    if not purpose.strip():
        errors["purpose"] = _("Say what the consent is for.")
    if given_on > _today():
        errors["given_on"] = _("A consent cannot be dated in the future.")
    if person.is_child_on(given_on) and given_by is None:
        errors["given_by"] = _("For a child, the consent is given by a parent or guardian.")
    if given_by is not None and given_by.pk == person.pk:
        errors["given_by"] = _("Leave this empty when the person consents for themselves.")
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        person=person,
        recipient_kinds=kinds,
        purpose=purpose.strip(),
        given_on=given_on,
        given_by=given_by,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="consent.recorded",
        obj=person,
        changes={
            "recipient_kinds": kinds,
            "purpose": purpose.strip(),
            "given_on": given_on,
            "given_by": given_by.pk if given_by else None,
        },
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: User | None, consent: Consent, withdrawn_on: dt.date | None = None, reason: str = ""
) -> Consent:
    if actor is not None:
        consent = access_object(Consent, actor, consent.pk, CHANGE)
    withdrawn_on = withdrawn_on or _today()
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": _("A consent cannot be withdrawn before it was given.")}
        )
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit.record(
        actor=actor,
        action="consent.withdrawn",
        obj=consent.person,
        changes={"consent": consent.pk, "withdrawn_on": withdrawn_on},
        reason=reason,
    )
    return consent


MAX_SERVICE_MINUTES = 24 * 60


@transaction.atomic
def service_record(
    *,
    actor: User | None,
    case: Case,
    kind: str,
    date: dt.date,
    duration_minutes: int | None = None,
    outcome: str = "",
    confidential_note: str = "",
) -> Service:
    """Record a session or help given in a case, by ``actor`` for their organisation.

    A confidential note is written in the author's profession: only team members of the same
    profession with the confidential-notes permission will read it.
    """
    note_profession = ""
    if actor is not None:
        case = access_object(Case, actor, case.pk, VIEW)
        if not workable_cases(access_context(actor)).filter(pk=case.pk).exists():
            raise PermissionDenied(_("Emergency access is for reading: record nothing."))
        if confidential_note.strip():
            if not access_context(actor).has_permission(SensitivePermission.CONFIDENTIAL_NOTES):
                raise PermissionDenied(_("You may not write confidential notes."))
            if not actor.profession:
                raise ValidationError(
                    {
                        "confidential_note": _(
                            "A confidential note needs a profession on your account."
                        )
                    }
                )
            if not TeamMember.objects.filter(case=case, user=actor).exists():
                raise ValidationError(
                    {
                        "confidential_note": _(
                            "Only members of the case team write confidential notes."
                        )
                    }
                )
            note_profession = actor.profession
    errors: dict[str, Any] = {}
    if kind not in ServiceKind.values:
        errors["kind"] = _("Choose the kind of service.")
    if date > _today():
        errors["date"] = _("A service cannot be recorded in the future.")
    elif date < case.opened_on:
        errors["date"] = _("The date is before the case was opened.")
    if duration_minutes is not None and not 0 < duration_minutes <= MAX_SERVICE_MINUTES:
        errors["duration_minutes"] = _("The duration is in minutes, from 1 to 1440.")
    if errors:
        raise ValidationError(errors)
    grants = access_context(actor).grants if actor is not None else ()
    organisation_id = next(
        (g.organisation_id for g in grants if case.organisation_id in g.organisation_ids),
        grants[0].organisation_id if grants else case.organisation_id,
    )
    service = Service.objects.create(
        case=case,
        kind=kind,
        date=date,
        duration_minutes=duration_minutes,
        provider=actor,
        provider_organisation_id=organisation_id,
        outcome=outcome.strip(),
        confidential_note=confidential_note.strip(),
        note_profession=note_profession,
    )
    tallies.service_counted(service)
    # The note's text stays out of the trail: auditors are not of the note's profession.
    audit.record(
        actor=actor,
        action="case.service_recorded",
        obj=case,
        changes={
            "service": service.pk,
            "kind": kind,
            "date": date,
            "confidential_note": bool(note_profession),
        },
    )
    return service
