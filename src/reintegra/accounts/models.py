"""Users and their memberships: a role within a scope of an organisation, for a period."""

import datetime as dt

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet
from reintegra.core.roles import Profession, Role, Scope, SensitivePermission


class UserQuerySet(RestrictedQuerySet):
    pass


class ReintegraUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    profession = models.CharField(
        _("profession"),
        max_length=30,
        choices=Profession.choices,
        blank=True,
        help_text=_("For specialists: decides whose confidential notes they may read."),
    )
    language = models.CharField(
        _("interface language"),
        max_length=5,
        blank=True,
        help_text=_("Empty: chosen by the browser."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects = ReintegraUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class MembershipQuerySet(RestrictedQuerySet):
    def active(self, on: dt.date | None = None):
        day = on or timezone.localdate()
        return self.filter(valid_from__lte=day, revoked_at__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    permissions = models.JSONField(
        _("sensitive permissions"),
        default=list,
        blank=True,
        help_text=_("Sections opened on top of the role: children, identity numbers, ..."),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until revoked.")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def permission_labels(self) -> list[str]:
        """The sensitive permissions as a reader names them (\"Children's records\")."""
        labels = dict(SensitivePermission.choices)
        return [str(labels.get(code, code)) for code in self.permissions or ()]

    def is_active_on(self, day: dt.date) -> bool:
        return (
            self.revoked_at is None
            and self.valid_from <= day
            and (self.valid_until is None or self.valid_until >= day)
        )
