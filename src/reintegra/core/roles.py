"""Roles, scopes, professions and the permissions they carry.

A membership gives a user one role within one scope of one organisation. Which routes a role may
open is declared in ``routes.ACCESS_MATRIX``; which rows it sees is decided by
``access.restrict``.
Sensitive sections need a permission on top of the role: it is granted per membership.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    NATIONAL_ANALYST = "national_analyst", _("National analyst")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    CASE_WORKER = "case_worker", _("Case worker")
    SPECIALIST = "specialist", _("Specialist")
    TRACING_OFFICER = "tracing_officer", _("Tracing officer")
    PARTNER = "partner", _("Partner")
    AUDITOR = "auditor", _("Auditor")


class Scope(models.TextChoices):
    OWN_CASELOAD = "own", _("Own caseload")
    TEAM = "team", _("Team")
    ORGANISATION = "organisation", _("Organisation")
    REGION = "region", _("Region")
    NATIONAL = "national", _("National")


class Profession(models.TextChoices):
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    THEOLOGIAN = "theologian", _("Theologian")
    RELIGIOUS_SCHOLAR = "religious_scholar", _("Religious scholar")
    IMAM = "imam", _("Imam")
    LAWYER = "lawyer", _("Lawyer")
    TEACHER = "teacher", _("Teacher")
    DOCTOR = "doctor", _("Doctor")
    SOCIAL_WORKER = "social_worker", _("Social worker")


class SensitivePermission(models.TextChoices):
    """Sections that a role alone does not open: a membership must grant them explicitly."""

    CHILDREN = "children", _("Children's records")
    IDENTITY_NUMBERS = "identity_numbers", _("Identity numbers")
    LEGAL_SECURITY = "legal_security", _("Legal and security information")
    CONFIDENTIAL_NOTES = "confidential_notes", _("Confidential notes of one's own profession")


# Which sensitive permissions a membership of each role may carry at all.
GRANTABLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.REGIONAL_COORDINATOR: frozenset(SensitivePermission.values),
    Role.CASE_WORKER: frozenset(
        {
            SensitivePermission.CHILDREN,
            SensitivePermission.IDENTITY_NUMBERS,
            SensitivePermission.LEGAL_SECURITY,
        }
    ),
    Role.SPECIALIST: frozenset(SensitivePermission.values),
    Role.TRACING_OFFICER: frozenset(
        {SensitivePermission.CHILDREN, SensitivePermission.IDENTITY_NUMBERS}
    ),
}

# The scopes that make sense for each role; the national scope is for roles that see no
# personal record or that work country-wide by design.
ALLOWED_SCOPES: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset({Scope.NATIONAL, Scope.ORGANISATION}),
    Role.NATIONAL_ANALYST: frozenset({Scope.NATIONAL, Scope.REGION}),
    Role.REGIONAL_COORDINATOR: frozenset({Scope.REGION, Scope.ORGANISATION, Scope.NATIONAL}),
    Role.CASE_WORKER: frozenset({Scope.OWN_CASELOAD, Scope.TEAM, Scope.ORGANISATION}),
    Role.SPECIALIST: frozenset({Scope.OWN_CASELOAD, Scope.TEAM, Scope.ORGANISATION}),
    Role.TRACING_OFFICER: frozenset({Scope.REGION, Scope.NATIONAL}),
    Role.PARTNER: frozenset({Scope.NATIONAL}),
    Role.AUDITOR: frozenset({Scope.NATIONAL, Scope.REGION, Scope.ORGANISATION}),
}
