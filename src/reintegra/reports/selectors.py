"""Which figures a user may see: the scopes of their dashboards, read from their memberships.

Figures are aggregates, yet still need to know: a case worker sees their organisation's figures,
a coordinator their region's, an analyst any scope, a partner the national figures only (with
small counts suppressed). Administrators and auditors see none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.core.access import access_context
from reintegra.core.roles import Role
from reintegra.core.roles import Scope as MembershipScope
from reintegra.reports.dashboards import Scope

if TYPE_CHECKING:
    from reintegra.accounts.models import User

DASHBOARD_ROLES = frozenset(
    {
        Role.NATIONAL_ANALYST,
        Role.PARTNER,
        Role.REGIONAL_COORDINATOR,
        Role.CASE_WORKER,
        Role.SPECIALIST,
        Role.TRACING_OFFICER,
    }
)
NUMBERS_ONLY_ROLES = frozenset({Role.NATIONAL_ANALYST, Role.PARTNER})


@dataclass(frozen=True)
class ScopeChoice:
    scope: Scope
    label: str

    @property
    def value(self) -> str:
        if self.scope.region:
            return f"region:{self.scope.region}"
        if self.scope.organisation:
            return f"organisation:{self.scope.organisation}"
        return "national"


def allowed_scopes(user: User) -> list[ScopeChoice]:
    """The scopes whose figures ``user`` may see, the widest first."""
    from reintegra.core.models import Organisation, Region

    context = access_context(user)
    national = False
    regions: set[int] = set()
    organisations: set[int] = set()
    for grant in context.grants:
        if grant.role not in DASHBOARD_ROLES:
            continue
        if grant.role == Role.PARTNER:
            national = True
        elif grant.scope == MembershipScope.NATIONAL or grant.role == Role.NATIONAL_ANALYST:
            national = True
            regions |= set(Region.objects.values_list("pk", flat=True))
            organisations |= set(Organisation.objects.values_list("pk", flat=True))
        elif grant.scope == MembershipScope.REGION and grant.region_id:
            regions.add(grant.region_id)
            organisations |= set(
                Organisation.objects.filter(region_id=grant.region_id).values_list("pk", flat=True)
            )
        else:
            organisations.add(grant.organisation_id)
    if context.has_role(Role.PARTNER) and not context.has_role(*(DASHBOARD_ROLES - {Role.PARTNER})):
        regions, organisations = set(), set()
    choices = [ScopeChoice(Scope(), _("Kazakhstan, all regions"))] if national else []
    choices += [
        ScopeChoice(Scope(region=r.code), r.name)
        for r in Region.objects.filter(pk__in=regions).order_by("sort_order", "code")
    ]
    choices += [
        ScopeChoice(Scope(organisation=o.code), o.name)
        for o in Organisation.objects.filter(pk__in=organisations, is_active=True).order_by(
            "region__sort_order", "code"
        )
    ]
    return choices


def scope_from_request(user: User, value: str | None) -> ScopeChoice:
    """The scope asked for (``national``, ``region:<code>``, ``organisation:<code>``), if the
    user may see it; the widest allowed when none is asked for."""
    choices = allowed_scopes(user)
    if not choices:
        raise PermissionDenied(_("Your role has no figures to see."))
    if not value:
        return choices[0]
    for choice in choices:
        if choice.value == value:
            return choice
    raise PermissionDenied(_("You may not see the figures of this scope."))


def numbers_only(user: User) -> bool:
    """Analysts and partners see figures, never the lists of people behind them."""
    return not access_context(user).has_role(*(DASHBOARD_ROLES - NUMBERS_ONLY_ROLES))


def suppressed_for(user: User) -> bool:
    """A partner sees small counts suppressed (see reports.suppression)."""
    context = access_context(user)
    return context.has_role(Role.PARTNER) and not context.has_role(
        *(DASHBOARD_ROLES - {Role.PARTNER})
    )


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    as_of: dt.date


def period_from(params) -> tuple[Period, dict[str, str]]:
    """The period asked for in GET parameters ``from`` and ``to``; errors by field."""
    errors: dict[str, str] = {}
    today = timezone.localdate()

    def day(name: str) -> dt.date | None:
        raw = (params.get(name) or "").strip()
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            errors[name] = _("Write the date as YYYY-MM-DD.")
            return None

    start, as_of = day("from"), day("to") or today
    if as_of > today:
        errors["to"] = _("Figures cannot be asked for a day after today.")
        as_of = today
    if start and start > as_of:
        errors["from"] = _("The period starts after it ends.")
        start = None
    return Period(start, as_of), errors
