"""Return operations, their waves, and each person's return."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet
from reintegra.core.models import TrilingualName


class OperationKind(models.TextChoices):
    HUMANITARIAN = "humanitarian", _("humanitarian operation")
    INDIVIDUAL = "individual", _("individual returns")
    OTHER = "other", _("other")


class Operation(TrilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OperationKind.choices)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")


class Wave(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="waves")
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    origin_country = models.CharField(
        _("from country"), max_length=2, help_text=_("Two-letter country code, e.g. SY or IQ.")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["operation", "number"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.UniqueConstraint(fields=["operation", "number"], name="wave_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.operation} · {self.number}"


class Return(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="returns")
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="returns")
    wave = models.ForeignKey(
        Wave, on_delete=models.PROTECT, null=True, blank=True, related_name="returns"
    )
    arrival_date = models.DateField(_("arrival date"))
    arrival_point = models.CharField(_("arrival point"), max_length=200, blank=True)
    origin_country = models.CharField(_("from country"), max_length=2, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["arrival_date", "pk"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        indexes = [models.Index(fields=["operation", "arrival_date"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.arrival_date}"
