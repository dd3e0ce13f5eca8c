"""Every change to accounts and memberships. ``actor=None`` means the system itself (the demo
loader, an operator's command); otherwise the actor must be an administrator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, User
from reintegra.audit import services as audit
from reintegra.core.access import access_context, forget_access
from reintegra.core.models import Organisation
from reintegra.core.roles import (
    ALLOWED_SCOPES,
    GRANTABLE_PERMISSIONS,
    Profession,
    Role,
    Scope,
)

LANGUAGES = {"", "kk", "ru", "en"}


def _require_administrator(actor: User | None) -> None:
    if actor is not None and not access_context(actor).has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an administrator may manage accounts."))


def _clean_profile(*, profession: str, language: str) -> None:
    errors = {}
    if profession and profession not in Profession.values:
        errors["profession"] = _("Unknown profession.")
    if language not in LANGUAGES:
        errors["language"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    profession: str = "",
    language: str = "",
) -> User:
    _require_administrator(actor)
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("A login is required.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This login is already taken.")})
    _clean_profile(profession=profession, language=language)
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        profession=profession,
        language=language,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        action="user.created",
        obj=user,
        changes={"username": user.username, "profession": profession},
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor: User | None,
    user: User,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    profession: str | None = None,
    language: str | None = None,
    phone: str | None = None,
) -> User:
    """Change profile fields. Users may change their own name, e-mail, phone and language."""
    own_profile_only = actor is not None and actor.pk == user.pk
    if not own_profile_only:
        _require_administrator(actor)
    if own_profile_only and profession is not None and profession != user.profession:
        _require_administrator(actor)
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "profession": profession,
        "language": language,
        "phone": phone,
    }
    values = {k: v.strip() for k, v in values.items() if v is not None}
    _clean_profile(
        profession=values.get("profession", user.profession),
        language=values.get("language", user.language),
    )
    changes = {k: [getattr(user, k), v] for k, v in values.items() if getattr(user, k) != v}
    if not changes:
        return user
    for field, (_old, new) in changes.items():
        setattr(user, field, new)
    user.save(update_fields=list(changes))
    audit.record(actor=actor, action="user.updated", obj=user, changes=changes)
    return user


@transaction.atomic
def user_set_password(*, actor: User | None, user: User, password: str) -> User:
    if actor is None or actor.pk != user.pk:
        _require_administrator(actor)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=actor, action="user.password_changed", obj=user)
    return user


@transaction.atomic
def user_set_active(*, actor: User | None, user: User, active: bool, reason: str = "") -> User:
    """Switch an account off (it keeps its history) or on again."""
    _require_administrator(actor)
    if actor is not None and actor.pk == user.pk and not active:
        raise ValidationError(_("You cannot switch off your own account."))
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="user.activated" if active else "user.deactivated",
        obj=user,
        reason=reason,
    )
    return user


def _clean_membership(
    *, role: str, scope: str, permissions: Iterable[str], valid_from, valid_until
) -> list[str]:
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = _("Unknown role.")
    elif scope not in ALLOWED_SCOPES[role]:
        errors["scope"] = _("The scope “%(scope)s” does not fit the role “%(role)s”.") % {
            "scope": Scope(scope).label if scope in Scope.values else scope,
            "role": Role(role).label,
        }
    permissions = sorted(set(permissions))
    grantable = GRANTABLE_PERMISSIONS.get(role, frozenset())
    refused = [p for p in permissions if p not in grantable]
    if refused:
        errors["permissions"] = _("This role cannot be given: %(permissions)s.") % {
            "permissions": ", ".join(refused)
        }
    if valid_until is not None and valid_from is not None and valid_until < valid_from:
        errors["valid_until"] = _("The end date is before the start date.")
    if errors:
        raise ValidationError(errors)
    return permissions


@transaction.atomic
def membership_grant(
    *,
    actor: User | None,
    user: User,
    organisation: Organisation,
    role: str,
    scope: str,
    permissions: Iterable[str] = (),
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> Membership:
    _require_administrator(actor)
    valid_from = valid_from or timezone.localdate()
    clean_permissions = _clean_membership(
        role=role,
        scope=scope,
        permissions=permissions,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if role == Role.SPECIALIST and not user.profession:
        raise ValidationError({"role": _("A specialist needs a profession on their account.")})
    membership = Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        scope=scope,
        permissions=clean_permissions,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    forget_access(user)
    audit.record(
        actor=actor,
        action="membership.granted",
        obj=membership,
        changes={
            "user": user.username,
            "organisation": organisation.code,
            "role": role,
            "scope": scope,
            "permissions": clean_permissions,
            "valid_from": valid_from,
            "valid_until": valid_until,
        },
    )
    return membership


@transaction.atomic
def membership_revoke(
    *, actor: User | None, membership: Membership, reason: str = ""
) -> Membership:
    """Revoke a membership now: from this moment it grants nothing."""
    _require_administrator(actor)
    if membership.revoked_at is not None:
        return membership
    membership.revoked_at = timezone.now()
    membership.save(update_fields=["revoked_at"])
    forget_access(membership.user)
    audit.record(actor=actor, action="membership.revoked", obj=membership, reason=reason)
    return membership
