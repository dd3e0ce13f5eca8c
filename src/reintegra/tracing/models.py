"""Lists of people imported for tracing, matched against the registry in the background, and the
reviewer's decision on each row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet
from reintegra.tracing.files import FileRow


class BatchStatus(models.TextChoices):
    MAPPING = "mapping", _("columns to map")
    QUEUED = "queued", _("waiting to be matched")
    MATCHING = "matching", _("being matched")
    READY = "ready", _("ready for review")
    FAILED = "failed", _("failed")


class ImportField(models.TextChoices):
    """What a column of the file may be mapped to."""

    SURNAME = "surname", _("surname")
    GIVEN_NAME = "given_name", _("given name")
    PATRONYMIC = "patronymic", _("patronymic")
    FULL_NAME = "full_name", _("full name (any order)")
    SEX = "sex", _("sex")
    BIRTH_DATE = "birth_date", _("date of birth")
    EXTERNAL_ID = "external_id", _("number on the list")
    # Any value the rows of one family share (a family number, the mother's number): those rows
    # strengthen each other's candidates (docs/tracing.md, "Families on a list").
    FAMILY = "family", _("family (shared by its members)")


class ImportBatch(models.Model):
    """One uploaded list. Until its columns are mapped it holds the file's cells (``pending``);
    once mapped, only the rows, and nothing else of the file is kept."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("source of the list"), max_length=200)
    file_name = models.CharField(_("file"), max_length=200)
    columns = models.JSONField(_("columns"), default=list)
    pending = models.JSONField(default=list, blank=True, editable=False)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.MAPPING
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    matched_at = models.DateTimeField(_("matched"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("imported list")
        verbose_name_plural = _("imported lists")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="import_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.file_name})"

    @property
    def is_finished(self) -> bool:
        return self.status in (BatchStatus.READY, BatchStatus.FAILED)

    @property
    def pending_rows(self) -> list[FileRow]:
        """The file's rows while the columns are not mapped, each with its line in the file.
        (Lists uploaded before the lines were kept hold bare rows: they are counted from 2.)"""
        return [
            FileRow(row["line"], row["cells"]) if isinstance(row, dict) else FileRow(number, row)
            for number, row in enumerate(self.pending, start=2)
        ]


class RowStatus(models.TextChoices):
    UNDECIDED = "undecided", _("undecided")
    LINKED = "linked", _("linked to a person")
    CREATED = "created", _("registered as a new person")
    NOT_FOUND = "not_found", _("not found")


class MatchDecision(models.TextChoices):
    MATCH = "match", _("match")
    REVIEW = "review", _("to review")
    NONE = "none", _("no candidate")


# How the pages name the engine's decisions. "none" does not say that a row has no candidate:
# its best candidate is too unlikely to be the person to be worth a review, and the candidates
# found are still shown. (The choice keeps its stored label: changing it would be a migration.)
DECISION_LABELS = {
    MatchDecision.MATCH: MatchDecision.MATCH.label,
    MatchDecision.REVIEW: MatchDecision.REVIEW.label,
    MatchDecision.NONE: _("no likely match"),
}


class ImportRow(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("line"))
    external_id = models.CharField(_("number on the list"), max_length=100, blank=True)
    family = models.CharField(
        _("family on the list"),
        max_length=100,
        blank=True,
        help_text=_("The value of the family column: rows sharing it are one family."),
    )
    surname = models.CharField(_("surname"), max_length=150, blank=True)
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    sex = models.CharField(_("sex"), max_length=10, blank=True)
    birth_date = models.CharField(_("date of birth"), max_length=10, blank=True)  # YYYY[-MM[-DD]]
    script = models.CharField(_("script"), max_length=10)
    decision = models.CharField(
        _("matching"), max_length=10, choices=MatchDecision.choices, blank=True
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    status = models.CharField(
        _("decision"), max_length=10, choices=RowStatus.choices, default=RowStatus.UNDECIDED
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "line"]
        verbose_name = _("list row")
        verbose_name_plural = _("list rows")
        indexes = [models.Index(fields=["batch", "status", "decision"])]

    def __str__(self) -> str:
        return self.written()

    @property
    def decision_label(self) -> str:
        """The engine's decision as the review names it (``DECISION_LABELS``)."""
        return str(DECISION_LABELS.get(self.decision, self.decision))

    def written(self) -> str:
        return self.full_name or " ".join(
            p for p in (self.surname, self.given_name, self.patronymic) if p
        )


class Candidate(models.Model):
    """A registry person the engine found for a row, with the per-field agreement."""

    row = models.ForeignKey(ImportRow, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    weight = models.FloatField(_("weight"))
    explanation = models.JSONField(_("field agreement"), default=list)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["row", "rank"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["row", "person"], name="candidate_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.row} → {self.person_id}"


class PersonMerge(models.Model):
    """A duplicate (``merged``) merged into the person who stays (``survivor``): exactly which
    rows were moved (``moved``: model label, pk, fields) and which were dropped as duplicates
    (``dropped``: the rows as serialised), so that undoing it puts every row back."""

    survivor = models.ForeignKey(
        "people.Person", verbose_name=_("kept"), on_delete=models.PROTECT, related_name="+"
    )
    merged = models.ForeignKey(
        "people.Person", verbose_name=_("merged"), on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField(_("rows moved"), default=list)
    dropped = models.JSONField(_("rows dropped as duplicates"), default=list)
    counts = models.JSONField(_("rows moved, by kind"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("merge of duplicates")
        verbose_name_plural = _("merges of duplicates")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"
