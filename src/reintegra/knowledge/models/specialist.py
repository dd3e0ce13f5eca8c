"""Specialists: their qualification category under configurable criteria, certificates and
trainings with expiry dates."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet
from reintegra.core.models import TrilingualName


class QualificationCategory(TrilingualName):
    """A category and what it takes; administrators configure them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    seniority = models.PositiveSmallIntegerField(
        _("seniority"), default=0, help_text=_("Higher is the more senior category.")
    )
    criteria = models.TextField(_("criteria"), blank=True)
    min_years_experience = models.PositiveSmallIntegerField(
        _("minimum years of experience"), default=0
    )
    required_trainings = models.PositiveSmallIntegerField(
        _("trainings required"),
        default=0,
        help_text=_("Valid certificates or trainings the specialist must hold."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-seniority", "code"]
        verbose_name = _("qualification category")
        verbose_name_plural = _("qualification categories")


class Specialist(models.Model):
    """The professional profile of a user: the profession is the account's, the organisation
    that of their specialist membership."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="specialist",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="specialists",
    )
    category = models.ForeignKey(
        QualificationCategory,
        verbose_name=_("qualification category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="specialists",
    )
    category_since = models.DateField(_("category since"), null=True, blank=True)
    years_experience = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    education = models.CharField(_("education"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "pk"]
        verbose_name = _("specialist")
        verbose_name_plural = _("specialists")

    def __str__(self) -> str:
        return str(self.user)


class CertificateKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    TRAINING = "training", _("Training")
    LICENCE = "licence", _("Licence")


class Certificate(models.Model):
    specialist = models.ForeignKey(
        Specialist, on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=300, blank=True)
    issued_on = models.DateField(_("issued"))
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="certificates/%Y/", blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["specialist", "-issued_on", "pk"]
        verbose_name = _("certificate or training")
        verbose_name_plural = _("certificates and trainings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_valid_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.issued_on <= day and (self.expires_on is None or self.expires_on >= day)
