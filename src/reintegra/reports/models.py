"""Exports prepared in the background, and the figures published to partners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet


class ExportKind(models.TextChoices):
    DASHBOARD_XLSX = "dashboard_xlsx", _("Dashboard, XLSX")
    DASHBOARD_CSV = "dashboard_csv", _("Dashboard, CSV (one file per table, zipped)")
    DASHBOARD_PDF = "dashboard_pdf", _("Dashboard report, PDF")
    PARTNER_XLSX = "partner_xlsx", _("Partner figures, XLSX")
    PARTNER_CSV = "partner_csv", _("Partner figures, CSV (zipped)")
    PEOPLE_XLSX = "people_xlsx", _("People, XLSX")
    PEOPLE_CSV = "people_csv", _("People, CSV")
    CASES_XLSX = "cases_xlsx", _("Cases, XLSX")
    CASES_CSV = "cases_csv", _("Cases, CSV")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being prepared")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ExportJob(models.Model):
    """One export prepared in the background, for the user who asked for it only."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    file_path = models.CharField(_("file"), max_length=300, blank=True)  # under EXPORT_DIR
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expired_at = models.DateTimeField(_("file deleted"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["owner", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="export_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def downloadable(self) -> bool:
        return self.status == ExportStatus.DONE and bool(self.file_path) and not self.expired_at


class PublishedFigure(models.Model):
    """One table as it was published to a partner: the indicator, the query it answered and the
    suppressed figures, so that it can be reproduced and checked later."""

    indicator = models.CharField(_("indicator"), max_length=100)
    parameters = models.JSONField(_("parameters"))  # Query.as_dict()
    values = models.JSONField(_("published figures"))  # SuppressedTable.as_published()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="published_figures",
    )
    export = models.ForeignKey(
        ExportJob,
        verbose_name=_("export"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_figures",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "pk"]
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")

    def __str__(self) -> str:
        return f"{self.indicator} · {self.published_at:%Y-%m-%d}"
