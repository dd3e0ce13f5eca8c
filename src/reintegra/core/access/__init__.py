"""Row-level access: the one place that decides which rows a user may see or change.

Every queryset of a model kept here has ``.restrict(user, action)``; ``access_object`` fetches one
row and authorises it. Lists, details, the API, exports and reports all go through them. A model
without a policy below shows nothing to anybody: access is denied unless a rule grants it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.core.roles import Scope

if TYPE_CHECKING:
    from reintegra.accounts.models import Membership, User

M = TypeVar("M", bound=models.Model)

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
EXPORT = "export"
ACTIONS = frozenset({VIEW, ADD, CHANGE, DELETE, EXPORT})


@dataclass(frozen=True)
class MembershipGrant:
    """What one active membership gives: a role in a scope, with its sensitive permissions."""

    role: str
    scope: str
    organisation_id: int
    organisation_ids: frozenset[int]  # the organisation and its branches
    region_id: int | None
    permissions: frozenset[str]


@dataclass(frozen=True)
class AccessContext:
    user_id: int | None
    grants: tuple[MembershipGrant, ...] = field(default_factory=tuple)

    @property
    def is_active(self) -> bool:
        return self.user_id is not None and bool(self.grants)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def has_role(self, *roles: str) -> bool:
        return any(g.role in roles for g in self.grants)

    def grants_for(self, roles: Iterable[str]) -> list[MembershipGrant]:
        wanted = set(roles)
        return [g for g in self.grants if g.role in wanted]

    def has_permission(self, permission: str, *, roles: Iterable[str] | None = None) -> bool:
        """A sensitive permission granted by a membership (of one of ``roles``, if given)."""
        pool = self.grants if roles is None else self.grants_for(roles)
        return any(permission in g.permissions for g in pool)


def active_memberships(user: User, *, on: dt.date | None = None) -> list[Membership]:
    """Memberships in force today: started, not expired, not revoked, of an active user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    membership_model = apps.get_model("accounts", "Membership")
    today = on or timezone.localdate()
    return list(
        membership_model.objects.filter(user_id=user.pk)
        .active(today)
        .select_related("organisation")
        .order_by("pk")
    )


def _organisation_tree(root_ids: set[int]) -> dict[int, frozenset[int]]:
    """Each organisation with all its branches (any depth)."""
    organisation_model = apps.get_model("core", "Organisation")
    children: dict[int, list[int]] = {}
    for pk, parent_id in organisation_model.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    tree: dict[int, frozenset[int]] = {}
    for root in root_ids:
        seen, stack = {root}, [root]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        tree[root] = frozenset(seen)
    return tree


def access_context(user: User | None) -> AccessContext:
    """The user's grants, computed once per user object (one request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return AccessContext(user_id=None)
    cached = getattr(user, "_reintegra_access", None)
    if cached is not None:
        return cached
    memberships = active_memberships(user)
    tree = _organisation_tree({m.organisation_id for m in memberships}) if memberships else {}
    context = AccessContext(
        user_id=user.pk,
        grants=tuple(
            MembershipGrant(
                role=m.role,
                scope=m.scope,
                organisation_id=m.organisation_id,
                organisation_ids=tree.get(m.organisation_id, frozenset({m.organisation_id})),
                region_id=m.organisation.region_id,
                permissions=frozenset(m.permissions or ()),
            )
            for m in memberships
        ),
    )
    user._reintegra_access = context
    return context


def forget_access(user: User) -> None:
    """Drop the cached grants, after memberships changed within one request."""
    if hasattr(user, "_reintegra_access"):
        del user._reintegra_access


@dataclass(frozen=True)
class ScopePaths:
    """Where a model keeps what scopes are checked against (ORM lookups, or None)."""

    region: str | None = None
    organisation: str | None = None
    team_case: str | None = None  # the case whose team the user must be on
    own_user: str | None = None


Refine = Callable[[MembershipGrant], Q]


def grant_q(grant: MembershipGrant, context: AccessContext, paths: ScopePaths) -> Q | None:
    """The rows one membership reaches through its scope: None for none, ``Q()`` for all."""
    if grant.scope == Scope.NATIONAL:
        return Q()
    if grant.scope == Scope.REGION and paths.region and grant.region_id:
        return Q(**{paths.region: grant.region_id})
    if grant.scope == Scope.ORGANISATION and paths.organisation:
        return Q(**{f"{paths.organisation}__in": grant.organisation_ids})
    if grant.scope == Scope.TEAM and paths.team_case:
        # A subquery, not a join: a join through the team would repeat rows.
        team = apps.get_model("cases", "TeamMember").objects.filter(user_id=context.user_id)
        return Q(**{f"{paths.team_case}__in": team.values("case_id")})
    if grant.scope == Scope.OWN_CASELOAD and paths.own_user:
        return Q(**{paths.own_user: context.user_id})
    return None


def scope_q(
    context: AccessContext,
    roles: Iterable[str],
    paths: ScopePaths,
    refine: Refine | None = None,
) -> Q | None:
    """The rows the memberships of ``roles`` reach through their scopes.

    ``refine(grant)`` narrows what one membership reaches (for example: adults only, unless that
    membership carries the children permission). Returns None when nothing is reached and
    ``Q()`` when everything is.
    """
    query: Q | None = None
    for grant in context.grants_for(roles):
        part = grant_q(grant, context, paths)
        if part is None:
            continue
        if refine is not None:
            part &= refine(grant)
        if not part:  # an empty Q: this membership reaches every row
            return Q()
        query = part if query is None else query | part
    return query


def filter_by_scope(
    queryset: models.QuerySet[M],
    context: AccessContext,
    roles: Iterable[str],
    paths: ScopePaths,
    refine: Refine | None = None,
) -> models.QuerySet[M]:
    query = scope_q(context, roles, paths, refine)
    if query is None:
        return queryset.none()
    return queryset.filter(query)


# --- Policies: one function per model, keyed by the model's label -------------------------------

Policy = Callable[[models.QuerySet[Any], AccessContext, str], models.QuerySet[Any]]
_POLICIES: dict[str, Policy] = {}


def policy(label: str) -> Callable[[Policy], Policy]:
    def register(function: Policy) -> Policy:
        _POLICIES[label] = function
        return function

    return register


# --- The queryset and the fetch-and-authorise helper ---------------------------------------------


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: User | None, action: str = VIEW) -> RestrictedQuerySet:
        """Only the rows ``user`` may ``action``; nothing for an unknown model or action."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        context = access_context(user)
        rule = _POLICIES.get(self.model._meta.label)
        if not context.is_active or rule is None:
            return self.none()
        return rule(self, context, action)


def access_object(model: type[M], user: User | None, pk: Any, action: str = VIEW) -> M:
    """Fetch one row and authorise ``action`` on it.

    Raises Http404 when it does not exist and PermissionDenied when it exists but the user may
    not ``action`` it.
    """
    manager = model._default_manager
    try:
        return manager.restrict(user, action).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        pass
    try:
        exists = manager.filter(pk=pk).exists()
    except (ValueError, TypeError):
        exists = False
    if exists:
        raise PermissionDenied(_("You do not have access to this record."))
    raise Http404(_("No such record."))


def grants_reaching(
    model: type[M], user: User | None, pks: Iterable[Any], action: str, *, roles: Iterable[str]
) -> list[MembershipGrant]:
    """The user's memberships of ``roles`` that, each on its own, let the user ``action`` every
    one of these rows. For rights that must come from one membership: a role held in one
    organisation must not combine with reach over the rows held through another."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    context = access_context(user)
    rule = _POLICIES.get(model._meta.label)
    wanted = set(pks)
    if rule is None or not context.is_active or not wanted:
        return []
    found = []
    for grant in context.grants_for(roles):
        alone = AccessContext(user_id=context.user_id, grants=(grant,))
        reached = rule(model._default_manager.filter(pk__in=wanted), alone, action)
        if reached.count() == len(wanted):
            found.append(grant)
    return found


def restrict_through(
    model: type[M], user: User | None, action: str, *, roles: Iterable[str], reaching: Any
) -> models.QuerySet[M]:
    """The rows the user may ``action`` through one membership of ``roles`` that also lets them
    ``action`` the row ``reaching``: what ``grants_reaching`` would accept paired with that row,
    for a list to offer only what will be allowed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    context = access_context(user)
    rule = _POLICIES.get(model._meta.label)
    manager = model._default_manager
    if rule is None or not context.is_active:
        return manager.none()
    reached = models.Q(pk__in=[])
    for grant in context.grants_for(roles):
        alone = AccessContext(user_id=context.user_id, grants=(grant,))
        if rule(manager.filter(pk=reaching), alone, action).exists():
            reached |= models.Q(pk__in=rule(manager.all(), alone, action).values("pk"))
    return manager.filter(reached)


# The rules themselves; imported last so that they can use everything above.
from reintegra.core.access.policies import (  # noqa: E402
    ABROAD_READERS,
    ACTIVITY_EDITORS,
    ACTIVITY_READERS,
    CASE_EDITORS,
    CASE_READERS,
    KNOWLEDGE_READERS,
    KNOWLEDGE_WRITERS,
    PERSON_EDITORS,
    PERSON_READERS,
    REGISTER_EDITORS,
    REGISTER_READERS,
    SPECIALIST_READERS,
    TARGET_EDITORS,
)

__all__ = [
    "ABROAD_READERS",
    "ACTIONS",
    "ACTIVITY_EDITORS",
    "ACTIVITY_READERS",
    "ADD",
    "CASE_EDITORS",
    "CASE_READERS",
    "CHANGE",
    "DELETE",
    "EXPORT",
    "KNOWLEDGE_READERS",
    "KNOWLEDGE_WRITERS",
    "PERSON_EDITORS",
    "PERSON_READERS",
    "REGISTER_EDITORS",
    "REGISTER_READERS",
    "SPECIALIST_READERS",
    "TARGET_EDITORS",
    "VIEW",
    "AccessContext",
    "MembershipGrant",
    "RestrictedQuerySet",
    "ScopePaths",
    "access_context",
    "access_object",
    "active_memberships",
    "filter_by_scope",
    "forget_access",
    "grant_q",
    "grants_reaching",
    "policy",
    "restrict_through",
    "scope_q",
]
