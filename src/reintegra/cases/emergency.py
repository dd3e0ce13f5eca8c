"""Emergency access ("break the glass"): reading a case outside one's scope, for a short time,
after writing why. Every grant is audited and shown to the case's coordinators and to auditors.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases.models import Case, EmergencyAccess
from reintegra.core.access import CASE_READERS, VIEW, access_context
from reintegra.core.roles import Role, SensitivePermission

if TYPE_CHECKING:
    from reintegra.accounts.models import User

# A reason must say something an auditor can check later, not "urgent".
MIN_REASON_LENGTH = 20


def may_break_the_glass(user: User) -> bool:
    """Only people who work with cases may ask; analysts, partners and auditors never."""
    return access_context(user).has_role(*CASE_READERS)


def _case_exists(pk: int) -> Case:
    case = Case.objects.select_related("person").filter(pk=pk).first()
    if case is None:
        raise Http404(_("No such record."))
    return case


@transaction.atomic
def emergency_access_open(*, actor: User, case_id: int, reason: str) -> EmergencyAccess:
    """Open a case the actor's scope does not reach, for ``EMERGENCY_ACCESS_HOURS``."""
    if not may_break_the_glass(actor):
        raise PermissionDenied(_("Your role does not allow emergency access."))
    case = _case_exists(case_id)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Write why you need this case now, in at least %(count)s characters: "
                    "the coordinator and the auditor will read it."
                )
                % {"count": MIN_REASON_LENGTH}
            }
        )
    context = access_context(actor)
    if case.person.is_child_on(timezone.localdate()) and not context.has_permission(
        SensitivePermission.CHILDREN, roles=CASE_READERS
    ):
        # The children permission is never bypassed: it is a separate safeguard, not a scope.
        raise PermissionDenied(_("A child's case needs the children permission."))
    if Case.objects.restrict(actor, VIEW).filter(pk=case.pk).exists():
        raise ValidationError(_("You already have access to this case."))
    now = timezone.now()
    hours = settings.EMERGENCY_ACCESS_HOURS
    grant = EmergencyAccess.objects.create(
        case=case,
        user=actor,
        reason=reason,
        granted_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    audit.record(
        actor=actor,
        action="case.emergency_access",
        obj=case,
        changes={"grant": grant.pk, "hours": hours, "expires_at": grant.expires_at},
        reason=reason,
    )
    return grant


@transaction.atomic
def emergency_access_end(*, actor: User, grant: EmergencyAccess) -> EmergencyAccess:
    """End a grant early: its holder when done, or a coordinator of the case."""
    grant = EmergencyAccess.objects.select_for_update().get(pk=grant.pk)
    if grant.user_id != actor.pk and not may_end_others(actor, grant):
        raise PermissionDenied(_("You may not end this emergency access."))
    if not grant.in_force:
        return grant
    grant.ended_at = timezone.now()
    grant.save(update_fields=["ended_at"])
    audit.record(
        actor=actor,
        action="case.emergency_access_ended",
        obj=grant.case,
        changes={"grant": grant.pk, "holder": grant.user.username},
    )
    return grant


def may_end_others(actor: User, grant: EmergencyAccess) -> bool:
    """A coordinator of the case ends others' access; auditors only watch."""
    return (
        access_context(actor).has_role(Role.REGIONAL_COORDINATOR)
        and emergency_access_overseen(actor).filter(pk=grant.pk).exists()
    )


def emergency_access_overseen(user: User) -> QuerySet[EmergencyAccess]:
    """The grants ``user`` oversees: a coordinator's on cases in their reach, an auditor's in
    their scope. Others oversee none (their own grants show on the case page)."""
    context = access_context(user)
    if not context.has_role(Role.REGIONAL_COORDINATOR, Role.AUDITOR):
        return EmergencyAccess.objects.none()
    return EmergencyAccess.objects.restrict(user, VIEW)


def emergency_access_held(user: User, case: Case) -> EmergencyAccess | None:
    """The user's grant in force on ``case``, if their access to it comes from one."""
    return EmergencyAccess.objects.in_force().filter(user=user, case=case).first()
