"""Structured assessments: configurable instruments, the answers given and the team's decision.

An assessment is structured professional judgement: trained people answer the items of an
instrument and write their judgement, and the team decides the level of need. The system keeps
the answers and shows how they change; it never adds them up into a score about a person.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet

from .case import Case

LANGUAGES = ("kk", "ru", "en")


def in_language(obj: models.Model, field: str) -> str:
    """``field`` of ``obj`` in the user's language, else in the first language that has it."""
    current = (get_language() or "ru")[:2]
    order = [current, *(code for code in ("ru", "kk", "en") if code != current)]
    for code in order:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


def _require_one_language(obj: models.Model, field: str, label: str) -> None:
    if not any(getattr(obj, f"{field}_{code}", "").strip() for code in LANGUAGES):
        raise ValidationError(
            {f"{field}_ru": _("Write the %(label)s in at least one language.") % {"label": label}}
        )


class AnswerScale(models.Model):
    """A named, ordered list of options: the possible answers to an item."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("answer scale")
        verbose_name_plural = _("answer scales")

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def name(self) -> str:
        return in_language(self, "name")

    def clean(self) -> None:
        _require_one_language(self, "name", _("name"))


class ScaleOption(models.Model):
    """One option of a scale. ``position`` only orders the options; it is not a value."""

    scale = models.ForeignKey(AnswerScale, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.SlugField(_("code"), max_length=40)
    label_kk = models.CharField(_("label (Kazakh)"), max_length=200, blank=True)
    label_ru = models.CharField(_("label (Russian)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["scale", "position", "pk"]
        verbose_name = _("scale option")
        verbose_name_plural = _("scale options")
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="scale_option_code_once")
        ]

    def __str__(self) -> str:
        return self.label or self.code

    @property
    def label(self) -> str:
        return in_language(self, "label")

    def clean(self) -> None:
        _require_one_language(self, "label", _("label"))


class InstrumentPurpose(models.TextChoices):
    ADULT_NEEDS = "adult_needs", _("adult needs")
    CHILD_WELLBEING = "child_wellbeing", _("child well-being")
    REASSESSMENT = "reassessment", _("reassessment")


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=InstrumentPurpose.choices)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["purpose", "code"]
        verbose_name = _("assessment instrument")
        verbose_name_plural = _("assessment instruments")

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def name(self) -> str:
        return in_language(self, "name")

    def clean(self) -> None:
        _require_one_language(self, "name", _("name"))


class InstrumentDomain(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.SlugField(_("code"), max_length=40)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    guidance_kk = models.TextField(_("guidance (Kazakh)"), blank=True)
    guidance_ru = models.TextField(_("guidance (Russian)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "position", "pk"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="domain_code_once")
        ]

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def guidance(self) -> str:
        return in_language(self, "guidance")

    def clean(self) -> None:
        _require_one_language(self, "name", _("name"))


class InstrumentItem(models.Model):
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.SlugField(_("code"), max_length=60)
    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    guidance_kk = models.TextField(_("guidance (Kazakh)"), blank=True)
    guidance_ru = models.TextField(_("guidance (Russian)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    scale = models.ForeignKey(
        AnswerScale, verbose_name=_("answer scale"), on_delete=models.PROTECT, related_name="items"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["domain", "position", "pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="item_code_once")]

    def __str__(self) -> str:
        return self.text or self.code

    @property
    def text(self) -> str:
        return in_language(self, "text")

    @property
    def guidance(self) -> str:
        return in_language(self, "guidance")

    def clean(self) -> None:
        _require_one_language(self, "text", _("text"))


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    COMPLETED = "completed", _("completed")


class Assessment(models.Model):
    """One use of an instrument in a case, by one assessor, on one day."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments_made",
    )
    assessed_on = models.DateField(_("assessed on"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    judgement = models.TextField(_("professional judgement"), blank=True)
    next_reassessment_on = models.DateField(_("next reassessment"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [
            models.Index(fields=["case", "status", "assessed_on"]),
            models.Index(fields=["status", "assessed_on", "case"], name="assessment_done_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} · {self.assessed_on}"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class Answer(models.Model):
    """The option chosen for one item, with the assessor's comment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(InstrumentItem, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(ScaleOption, on_delete=models.PROTECT, related_name="answers")
    comment = models.TextField(_("comment"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "item__domain__position", "item__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}={self.option.code}"


class NeedLevel(models.TextChoices):
    """The level of need a team decides; a person's choice, never computed from answers."""

    LOW = "low", _("low need")
    MODERATE = "moderate", _("moderate need")
    HIGH = "high", _("high need")
    VERY_HIGH = "very_high", _("very high need")


class NeedDecision(models.Model):
    """The team's decision on the level of need after an assessment. A later decision replaces
    an earlier one as the current level; both stay as history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="need_decisions")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="need_decisions"
    )
    level = models.CharField(_("level of need"), max_length=10, choices=NeedLevel.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rationale = models.TextField(_("reasons"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("decision on the level of need")
        verbose_name_plural = _("decisions on the level of need")

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.decided_on}"
