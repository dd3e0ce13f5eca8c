"""Reads for dashboards and exports: whose figures a user may see, the period asked for, the
user's exports and what was published to partners.

``allowed_scopes`` is the one rule for aggregate figures: analysts any scope (within their
membership: a region-scoped analyst their region), partners the national figures only and
suppressed, regional coordinators and tracing officers their regions and organisations, case
workers and specialists their organisations; administrators and auditors none. The dashboard
pages and every export call it through ``scope_from_request``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reintegra.core.access import VIEW, access_context
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role
from reintegra.core.roles import Scope as MembershipScope
from reintegra.reports.dashboards import Scope
from reintegra.reports.models import ExportJob, PublishedFigure

if TYPE_CHECKING:
    from django.http import HttpRequest

    from reintegra.accounts.models import User

NATIONAL = Scope()
# Roles that see aggregate figures at all, and those that see them unsuppressed.
FIGURE_ROLES = (
    Role.NATIONAL_ANALYST,
    Role.REGIONAL_COORDINATOR,
    Role.TRACING_OFFICER,
    Role.CASE_WORKER,
    Role.SPECIALIST,
    Role.PARTNER,
)
# Roles that see figures but never the lists of people behind them.
NUMBERS_ONLY_ROLES = (Role.NATIONAL_ANALYST, Role.PARTNER)


def scope_code(scope: Scope) -> str:
    """``national``, ``region:<code>`` or ``organisation:<code>``: the ``scope`` GET parameter."""
    if scope.organisation:
        return f"organisation:{scope.organisation}"
    if scope.region:
        return f"region:{scope.region}"
    return "national"


def scope_label(scope: Scope) -> str:
    if scope.organisation:
        organisation = Organisation.objects.filter(code=scope.organisation).first()
        return str(organisation or scope.organisation)
    if scope.region:
        region = Region.objects.filter(code=scope.region).first()
        return region.name if region else scope.region
    return _("Kazakhstan, national")


def parse_scope(value: str) -> Scope:
    """The scope named by a GET parameter; BadRequest for anything else."""
    value = (value or "").strip()
    if value == "national":
        return NATIONAL
    kind, _sep, code = value.partition(":")
    if kind == "region" and code:
        return Scope(region=code)
    if kind == "organisation" and code:
        return Scope(organisation=code)
    raise BadRequest(_("The scope is written national, region:<code> or organisation:<code>."))


def allowed_scopes(user: User) -> list[Scope]:
    """Every scope whose figures ``user`` may see, the widest first (empty: none)."""
    context = access_context(user)
    regions = list(Region.objects.order_by("sort_order", "code").values_list("pk", "code"))
    organisations = list(
        Organisation.objects.order_by("code").values_list("pk", "code", "region_id")
    )
    everything = [
        NATIONAL,
        *(Scope(region=code) for _pk, code in regions),
        *(Scope(organisation=code) for _pk, code, _region in organisations),
    ]
    scopes: list[Scope] = []

    def add(*more: Scope) -> None:
        for scope in more:
            if scope not in scopes:
                scopes.append(scope)

    for grant in context.grants:
        if grant.role == Role.PARTNER:
            add(NATIONAL)
        elif grant.role in (Role.NATIONAL_ANALYST, Role.REGIONAL_COORDINATOR, Role.TRACING_OFFICER):
            if grant.scope == MembershipScope.NATIONAL:
                return everything
            if grant.scope == MembershipScope.REGION and grant.region_id:
                add(*(Scope(region=code) for pk, code in regions if pk == grant.region_id))
                add(
                    *(
                        Scope(organisation=code)
                        for _pk, code, region in organisations
                        if region == grant.region_id
                    )
                )
            else:
                add(
                    *(
                        Scope(organisation=code)
                        for pk, code, _region in organisations
                        if pk in grant.organisation_ids
                    )
                )
        elif grant.role in (Role.CASE_WORKER, Role.SPECIALIST):
            add(
                *(
                    Scope(organisation=code)
                    for pk, code, _region in organisations
                    if pk == grant.organisation_id
                )
            )
    order = {scope: index for index, scope in enumerate(everything)}
    return sorted(scopes, key=lambda scope: order.get(scope, len(order)))


def suppressed_only(user: User) -> bool:
    """Partners see figures only after small-count suppression (unless they also hold a role
    that sees them whole)."""
    context = access_context(user)
    return context.has_role(Role.PARTNER) and not context.has_role(
        *(role for role in FIGURE_ROLES if role != Role.PARTNER)
    )


def scope_from_request(request: HttpRequest) -> Scope:
    """The ``scope`` GET parameter (default: the widest scope the user may see), checked
    against ``allowed_scopes``: PermissionDenied when the user may not see it."""
    allowed = allowed_scopes(request.user)
    if not allowed:
        raise PermissionDenied(_("You do not see aggregate figures."))
    value = request.GET.get("scope", "")
    if not value:
        return allowed[0]
    scope = parse_scope(value)
    if scope not in allowed:
        raise PermissionDenied(_("You may not see the figures of this scope."))
    return scope


def scope_choices(user: User) -> list[tuple[str, str]]:
    """(``scope`` parameter, label) of every scope the user may see, in two queries."""
    regions = {r.code: r.name for r in Region.objects.all()}
    organisations = {o.code: str(o) for o in Organisation.objects.all()}
    choices = []
    for scope in allowed_scopes(user):
        if scope.organisation:
            label = organisations.get(scope.organisation, scope.organisation)
        elif scope.region:
            label = regions.get(scope.region, scope.region)
        else:
            label = _("Kazakhstan, national")
        choices.append((scope_code(scope), label))
    return choices


def numbers_only(user: User) -> bool:
    """Analysts and partners see figures, never the lists of people behind them."""
    return not access_context(user).has_role(
        *(role for role in FIGURE_ROLES if role not in NUMBERS_ONLY_ROLES)
    )


def period_from(params) -> tuple[dt.date | None, dt.date, dict[str, str]]:
    """``from`` and ``to`` (ISO dates) from GET parameters: the period's first day (empty: the
    program's start), the day the figures are for (empty: today, never later), and the errors
    by parameter (a bad value is left out and reported, so a page can say what is wrong)."""
    errors: dict[str, str] = {}
    today = timezone.localdate()

    def day(name: str) -> dt.date | None:
        value = (params.get(name) or "").strip()
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            errors[name] = _("Dates are written YYYY-MM-DD; %(value)s is not one.") % {
                "value": value
            }
            return None

    start, as_of = day("from"), day("to") or today
    if as_of > today:
        errors["to"] = _("Figures cannot be asked for a day after today.")
        as_of = today
    if start and start > as_of:
        errors["from"] = _("The period starts after it ends.")
        start = None
    return start, as_of, errors


def period_from_request(request: HttpRequest) -> tuple[dt.date | None, dt.date]:
    """The period of an export: as ``period_from``, but BadRequest for any error."""
    start, as_of, errors = period_from(request.GET)
    if errors:
        raise BadRequest(" ".join(errors.values()))
    return start, as_of


def export_jobs_of(*, user: User) -> QuerySet[ExportJob]:
    return ExportJob.objects.restrict(user, VIEW).order_by("-created_at", "-pk")


def export_jobs_describe(jobs: list[ExportJob]) -> list[ExportJob]:
    """Give each job ``about``: whose figures and the day, as a reader says them
    ("Mangystau Region · 30.06.2025", not "region:KZ-47 · 2025-06-30"). Two queries in all."""
    scopes = {}
    for job in jobs:
        value = (job.parameters or {}).get("scope", "")
        try:
            scopes[job.pk] = parse_scope(value) if value else None
        except BadRequest:
            scopes[job.pk] = None
    regions = {s.region for s in scopes.values() if s and s.region}
    organisations = {s.organisation for s in scopes.values() if s and s.organisation}
    region_names = {r.code: r.name for r in Region.objects.filter(code__in=regions)}
    organisation_names = {
        o.code: str(o) for o in Organisation.objects.filter(code__in=organisations)
    }
    for job in jobs:
        parts = []
        scope = scopes[job.pk]
        if scope is not None:
            if scope.organisation:
                parts.append(organisation_names.get(scope.organisation, scope.organisation))
            elif scope.region:
                parts.append(region_names.get(scope.region, scope.region))
            else:
                parts.append(_("Kazakhstan, national"))
        day = (job.parameters or {}).get("to", "")
        if day:
            try:
                parts.append(formats.date_format(dt.date.fromisoformat(day), "SHORT_DATE_FORMAT"))
            except ValueError:
                parts.append(day)
        job.about = " · ".join(str(part) for part in parts)
    return jobs


def published_figures(*, user: User) -> QuerySet[PublishedFigure]:
    return (
        PublishedFigure.objects.restrict(user, VIEW)
        .select_related("published_by", "partner")
        .order_by("-published_at", "pk")
    )


def partner_organisations() -> QuerySet[Organisation]:
    """Organisations that figures can be published to: international partners."""
    from reintegra.core.models import OrganisationKind

    return Organisation.objects.filter(kind=OrganisationKind.INTERNATIONAL_PARTNER).order_by("code")
