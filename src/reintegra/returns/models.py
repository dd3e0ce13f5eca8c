"""Return operations, their waves, each person's return, and the people still abroad."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


# --- People believed abroad ------------------------------------------------------------------


class AbroadStatus(models.TextChoices):
    MISSING = "missing", pgettext_lazy("whereabouts of a person", "missing")
    IN_CAMP = "in_camp", _("in a camp")
    DETAINED = "detained", _("detained")
    REPORTED_DEAD = "reported_dead", _("reported dead")
    CONFIRMED_DEAD = "confirmed_dead", _("death confirmed")
    RETURNED = "returned", _("returned")


class EvidenceKind(models.TextChoices):
    WITNESS = "witness", _("witness")
    DOCUMENT = "document", _("document")
    DNA = "dna", _("DNA test")
    NOTIFICATION = "notification", _("official notification")
    COURT = "court", _("court decision")


class Confidence(models.TextChoices):
    """A person's judgement of a piece of evidence; never computed."""

    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class AbroadRecord(models.Model):
    """A person believed abroad: where, since the last news, and (in ``statuses``) what is
    known of them over time."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="abroad_record"
    )
    country = models.CharField(
        _("country"), max_length=2, help_text=_("Two-letter country code, e.g. SY or IQ.")
    )
    last_news_on = models.DateField(_("last news"), null=True, blank=True)
    in_military_action = models.BooleanField(_("went missing in military action"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person__sort_name", "pk"]
        verbose_name = _("person abroad")
        verbose_name_plural = _("people abroad")

    def __str__(self) -> str:
        return f"{self.person} · {self.country}"

    @property
    def current(self) -> AbroadStatusEntry | None:
        entries = getattr(self, "_prefetched_objects_cache", {}).get("statuses")
        if entries is not None:
            ordered = sorted(entries, key=lambda e: (e.since, e.pk))
            return ordered[-1] if ordered else None
        return self.statuses.order_by("since", "pk").last()


class AbroadStatusEntry(models.Model):
    """What was known of the person from a day on: statuses are added, never overwritten."""

    record = models.ForeignKey(AbroadRecord, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=AbroadStatus.choices)
    since = models.DateField(_("since"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["record", "since", "pk"]
        verbose_name = _("status abroad")
        verbose_name_plural = _("statuses abroad")

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.since}"


class Evidence(models.Model):
    record = models.ForeignKey(AbroadRecord, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["record", "date", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.date}"
