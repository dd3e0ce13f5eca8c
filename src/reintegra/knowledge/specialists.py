"""Every change to specialists' profiles, qualification categories and certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, access_context, access_object
from reintegra.core.errors import EditConflict
from reintegra.core.roles import Role
from reintegra.knowledge import files
from reintegra.knowledge.models import (
    Certificate,
    CertificateKind,
    QualificationCategory,
    Specialist,
)

if TYPE_CHECKING:
    from reintegra.accounts.models import User

PROFILE_ROLES = (Role.SPECIALIST, Role.CASE_WORKER)
CATEGORY_DECIDERS = (Role.ADMINISTRATOR, Role.REGIONAL_COORDINATOR)


def valid_trainings(specialist: Specialist, on: dt.date | None = None) -> int:
    """Certificates and trainings in force on a day."""
    day = on or timezone.localdate()
    return (
        specialist.certificates.filter(issued_on__lte=day)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .count()
    )


def category_shortfalls(
    specialist: Specialist, category: QualificationCategory, *, years: int | None = None
) -> list[str]:
    """What the specialist lacks for the category's criteria (empty: they meet them)."""
    years = specialist.years_experience if years is None else years
    lacking = []
    if years < category.min_years_experience:
        lacking.append(
            _("%(need)s years of experience are required (%(have)s recorded).")
            % {"need": category.min_years_experience, "have": years}
        )
    have = valid_trainings(specialist) if specialist.pk else 0
    if have < category.required_trainings:
        lacking.append(
            _("%(need)s valid certificates or trainings are required (%(have)s held).")
            % {"need": category.required_trainings, "have": have}
        )
    return lacking


def _profile_organisation(user: User):
    from reintegra.accounts.models import Membership

    membership = (
        Membership.objects.active()
        .filter(user=user, role__in=PROFILE_ROLES)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership else None


def _may_decide_for(actor: User | None, organisation) -> bool:
    if actor is None:
        return True
    context = access_context(actor)
    if context.has_role(Role.ADMINISTRATOR):
        return True
    for grant in context.grants_for([Role.REGIONAL_COORDINATOR]):
        if grant.scope == "national" or organisation.pk in grant.organisation_ids:
            return True
        if grant.scope == "region" and grant.region_id == organisation.region_id:
            return True
    return False


@transaction.atomic
def specialist_create(
    *,
    actor: User | None,
    user: User,
    category: QualificationCategory | None = None,
    category_since: dt.date | None = None,
    years_experience: int = 0,
    education: str = "",
) -> Specialist:
    """The profile of a specialist (or social worker) with a profession and a membership."""
    errors: dict[str, Any] = {}
    organisation = _profile_organisation(user)
    if not user.profession:
        errors["user"] = _("The account has no profession: set it in the administration first.")
    elif organisation is None:
        errors["user"] = _("The account has no membership as a specialist or case worker.")
    elif Specialist.objects.filter(user=user).exists():
        errors["user"] = _("This specialist already has a profile.")
    if errors:
        raise ValidationError(errors)
    if not _may_decide_for(actor, organisation):
        raise PermissionDenied(
            _("Only administrators and coordinators keep specialists' profiles.")
        )
    specialist = Specialist(
        user=user,
        organisation=organisation,
        years_experience=years_experience,
        education=education.strip(),
    )
    if category is not None:
        _check_category(specialist, category, years_experience, category_since)
        specialist.category, specialist.category_since = category, category_since
    specialist.save()
    audit.record(
        actor=actor,
        action="specialist.created",
        obj=specialist,
        changes={
            "user": user.username,
            "organisation": organisation.code,
            "category": category.code if category else None,
            "years_experience": years_experience,
        },
    )
    return specialist


def _check_category(specialist, category, years, since) -> None:
    if not category.is_active:
        raise ValidationError({"category": _("This category is no longer given.")})
    lacking = category_shortfalls(specialist, category, years=years)
    if lacking:
        raise ValidationError({"category": lacking})
    if since is not None and since > timezone.localdate():
        raise ValidationError({"category_since": _("The date cannot be in the future.")})


@transaction.atomic
def specialist_update(
    *,
    actor: User | None,
    specialist: Specialist,
    expected_version: int,
    category: QualificationCategory | None,
    category_since: dt.date | None = None,
    years_experience: int,
    education: str = "",
) -> Specialist:
    """Change a profile; a category is given only when its criteria are met."""
    if actor is not None:
        access_object(Specialist, actor, specialist.pk, CHANGE)
    current = Specialist.objects.select_for_update().get(pk=specialist.pk)
    if current.version != expected_version:
        raise EditConflict()
    decides = category != current.category or category_since != current.category_since
    if decides and not _may_decide_for(actor, current.organisation):
        raise PermissionDenied(_("Only administrators and coordinators give categories."))
    if category is not None:
        _check_category(current, category, years_experience, category_since)
    new = {
        "category": category,
        "category_since": category_since if category else None,
        "years_experience": years_experience,
        "education": education.strip(),
    }
    changes = {}
    for name, value in new.items():
        old = getattr(current, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value else None]
            setattr(current, name, value)
    if not changes:
        return current
    current.version = F("version") + 1
    current.save(update_fields=[*new, "version", "updated_at"])
    current.refresh_from_db()
    audit.record(actor=actor, action="specialist.updated", obj=current, changes=changes)
    return current


@transaction.atomic
def certificate_add(
    *,
    actor: User | None,
    specialist: Specialist,
    kind: str,
    title: str,
    issued_on: dt.date,
    issuer: str = "",
    expires_on: dt.date | None = None,
    hours: int | None = None,
    upload: UploadedFile | None = None,
) -> Certificate:
    """A certificate or a training of a specialist, with its dates and optionally its file."""
    if actor is not None:
        specialist = access_object(Specialist, actor, specialist.pk, CHANGE)
    errors: dict[str, Any] = {}
    if kind not in CertificateKind.values:
        errors["kind"] = _("Choose the kind.")
    if not title.strip():
        errors["title"] = _("Write the title.")
    if issued_on is None:
        errors["issued_on"] = _("Give the date of issue.")
    elif issued_on > timezone.localdate():
        errors["issued_on"] = _("The date of issue cannot be in the future.")
    elif expires_on is not None and expires_on < issued_on:
        errors["expires_on"] = _("It cannot expire before it was issued.")
    checked = None
    if upload is not None:
        try:
            checked = files.check_upload(upload)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    certificate = Certificate(
        specialist=specialist,
        kind=kind,
        title=title.strip(),
        issuer=issuer.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
        hours=hours,
        recorded_by=actor,
    )
    if checked is not None:
        certificate.filename = checked.filename
        certificate.content_type = checked.content_type
        certificate.size = checked.size
        certificate.sha256 = checked.sha256
        certificate.file.save(checked.filename, upload, save=False)
    certificate.save()
    audit.record(
        actor=actor,
        action="specialist.certificate_added",
        obj=specialist,
        changes={
            "certificate": certificate.pk,
            "kind": kind,
            "title": certificate.title,
            "issued_on": issued_on,
            "expires_on": expires_on,
            "sha256": certificate.sha256 or None,
        },
    )
    return certificate


CATEGORY_FIELDS = (
    *("code", "name_kk", "name_ru", "name_en", "seniority", "criteria"),
    *("min_years_experience", "required_trainings", "is_active"),
)


@transaction.atomic
def category_save(
    *, actor: User | None, category: QualificationCategory, changed: Iterable[str] = ()
) -> QualificationCategory:
    """Create or change a qualification category (administrators, in the administration)."""
    if actor is not None and not access_context(actor).has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators change reference data."))
    errors = {
        name: _("This field is required.")
        for name in ("code", "name_kk", "name_ru", "name_en")
        if not str(getattr(category, name) or "").strip()
    }
    if QualificationCategory.objects.filter(code=category.code).exclude(pk=category.pk).exists():
        errors["code"] = _("Another category has this code.")
    if errors:
        raise ValidationError(errors)
    created = category.pk is None
    category.save()
    audit.record(
        actor=actor,
        action="qualification_category.created" if created else "qualification_category.changed",
        obj=category,
        changes={
            name: getattr(category, name) for name in CATEGORY_FIELDS if created or name in changed
        },
    )
    return category
