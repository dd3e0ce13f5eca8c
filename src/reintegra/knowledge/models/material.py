"""Materials of the knowledge centre: versions in kk/ru/en, topics, questions and answers,
attachments, and the search index kept beside them."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet
from reintegra.core.models import TrilingualName

LANGUAGES = ("kk", "ru", "en")


class Language(models.TextChoices):
    KK = "kk", "Қазақша"
    RU = "ru", "Русский"
    EN = "en", "English"


class MaterialKind(models.TextChoices):
    MANUAL = "manual", _("Methodological manual")
    QA = "qa", _("Counter-arguments: questions and answers")
    TRAINING = "training", _("Training module")
    CASE_STUDY = "case_study", _("Anonymised case study")
    LEGAL_ACT = "legal_act", _("Legal act")
    RESEARCH = "research", _("Research")


class Audience(models.TextChoices):
    SPECIALISTS = "specialists", _("Specialists")
    PARTNERS = "partners", _("Partners and delegations")
    PUBLIC = "public", _("General public")


class MaterialStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Topic(TrilingualName):
    code = models.SlugField(_("code"), max_length=60, unique=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Material(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown to partners and visiting delegations once published."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="materials"
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="materials",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MaterialStatus.choices, default=MaterialStatus.DRAFT
    )
    issued_on = models.DateField(_("date of the material"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("version number"), default=1)
    anonymised_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymisation confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymised_confirmed_at = models.DateTimeField(
        _("anonymisation confirmed"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [models.Index(fields=["status", "is_public"]), models.Index(fields=["kind"])]

    def __str__(self) -> str:
        text = self.text_in(get_language())
        return text.title if text else f"#{self.pk}"

    def current_texts(self) -> list["MaterialText"]:
        """The texts of the current version (prefetched as ``current`` where lists show them)."""
        cached = getattr(self, "current", None)
        if cached is not None:
            return cached
        return list(self.texts.filter(revision=self.revision))

    def text_in(self, language: str | None) -> "MaterialText | None":
        """The current version in ``language``, else in Russian, Kazakh or English."""
        texts = {t.language: t for t in self.current_texts()}
        wanted = (language or "ru")[:2]
        for code in (wanted, "ru", "kk", "en"):
            if code in texts:
                return texts[code]
        return None

    @property
    def languages(self) -> list[str]:
        return sorted({t.language for t in self.current_texts()}, key=LANGUAGES.index)


class MaterialText(models.Model):
    """One language version of one version of a material; earlier versions stay readable."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="texts")
    revision = models.PositiveIntegerField(_("version number"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["material", "-revision", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["material", "revision", "language"], name="material_text_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class QuestionAnswer(models.Model):
    """A claim heard from recruiters (or a question people ask) and the answer to it."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="pairs")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="pairs"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    question_kk = models.TextField(_("question (Kazakh)"), blank=True)
    question_ru = models.TextField(_("question (Russian)"), blank=True)
    question_en = models.TextField(_("question (English)"), blank=True)
    answer_kk = models.TextField(_("answer (Kazakh)"), blank=True)
    answer_ru = models.TextField(_("answer (Russian)"), blank=True)
    answer_en = models.TextField(_("answer (English)"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["material", "position", "pk"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def __str__(self) -> str:
        return self.question

    def _in_language(self, prefix: str) -> str:
        wanted = (get_language() or "ru")[:2]
        for code in (wanted, "ru", "kk", "en"):
            value = getattr(self, f"{prefix}_{code}", "")
            if value:
                return value
        return ""

    @property
    def question(self) -> str:
        return self._in_language("question")

    @property
    def answer(self) -> str:
        return self._in_language("answer")


class Attachment(models.Model):
    """A file of a material, kept under the data directory and served only through a view that
    checks access."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="knowledge/%Y/%m/", max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["material", "filename", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class SearchEntry(models.Model):
    """What search reads: one row per material and language, rebuilt by the services.

    ``title`` and ``body`` hold the words as typed (case-folded) followed by their folded copies
    (``identity.normalise.search_key``), so that Kazakh letters are found as typed and folded.
    On PostgreSQL ``vector`` holds their tsvector (config 'simple'); on SQLite the FTS5 table
    ``knowledge_search_fts`` (rowid = this row's id) is filled beside it.
    """

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="search")
    language = models.CharField(max_length=2, choices=Language.choices)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["material", "language"], name="search_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.material_id} · {self.language}"
