"""Emergency access ("break the glass") to a case outside one's scope."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet

from .case import Case


class EmergencyAccessQuerySet(RestrictedQuerySet):
    def in_force(self, at=None):
        """Grants that still open their case now: not expired, not ended early."""
        return self.filter(expires_at__gt=at or timezone.now(), ended_at__isnull=True)


class EmergencyAccess(models.Model):
    """A user outside a case's scope reads it for a limited time, after giving a reason.

    It opens the case for reading only; coordinators of the case and auditors see every grant.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
    )
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("expires"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["user", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")),
                name="emergency_access_expires_after_granted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.case_id} · {self.granted_at:%Y-%m-%d %H:%M}"

    @property
    def in_force(self) -> bool:
        return self.ended_at is None and self.expires_at > timezone.now()
