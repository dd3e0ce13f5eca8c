"""Referrals of a case to another organisation for a service, and transfers of responsibility.

A referral shares only what the receiving organisation needs: the receiver never reaches the
case or the person through it (see ``core.access.policies``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet

from .case import Case, Consent
from .work import ServiceKind


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the receiver")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    COMPLETED = "completed", _("completed")


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    from_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    to_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    service_kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    need = models.TextField(
        _("what is needed"), help_text=_("Written for the receiving organisation.")
    )
    # The consent the referral relies on; a withdrawn one stops a pending referral.
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    service_given_on = models.DateField(_("service given on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_organisation", "status"]),
            models.Index(fields=["case", "requested_at"]),
            models.Index(fields=["requested_at", "status"], name="referral_requested_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_kind_display()} · {self.to_organisation}"


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the receiver")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class Transfer(models.Model):
    """Responsibility for a case handed to another organisation or region; kept as history."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    from_region = models.ForeignKey(
        "core.Region", verbose_name=_("from region"), on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="transfers_received",
    )
    to_region = models.ForeignKey(
        "core.Region", verbose_name=_("to region"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason for declining or cancelling"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        indexes = [models.Index(fields=["to_organisation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="one_pending_transfer_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}"
