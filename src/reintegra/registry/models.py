"""The legal register: organisations banned by Kazakh courts and court-banned materials."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet


class BanKind(models.TextChoices):
    TERRORIST = "terrorist", _("terrorist")
    EXTREMIST = "extremist", _("extremist")


class CourtDecision(models.Model):
    """The court decision behind a ban; empty where the sources do not give it."""

    court = models.CharField(_("court"), max_length=300, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_decision(self) -> bool:
        return bool(self.court or self.decision_number or self.decision_date)


class BannedOrganisation(CourtDecision):
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    aliases = models.JSONField(
        _("other spellings and names"),
        default=list,
        blank=True,
        help_text=_("Abbreviations, transliterations and other names, as they are written."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=BanKind.choices,
        blank=True,
        help_text=_("Empty when the source does not say."),
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(_("in force until"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("A text or a web address."))
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "name_ru", "pk"]
        verbose_name = _("banned organisation")
        verbose_name_plural = _("banned organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(in_force_to__isnull=True)
                | models.Q(in_force_from__isnull=True)
                | models.Q(in_force_to__gte=models.F("in_force_from")),
                name="banned_organisation_period_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ru")[:2]
        return (
            getattr(self, f"name_{language}", "")
            or self.name_ru
            or self.name_en
            or self.name_kk
            or (self.aliases[0] if self.aliases else "")
        )

    def all_names(self) -> list[str]:
        """Every name and spelling, each once, in the order kept."""
        seen: list[str] = []
        for name in [self.name_kk, self.name_ru, self.name_en, *(self.aliases or [])]:
            if name and name not in seen:
                seen.append(name)
        return seen


class OrganisationKey(models.Model):
    """One matching key of one organisation's names (computed by ``registry.names``)."""

    organisation = models.ForeignKey(
        BannedOrganisation, on_delete=models.CASCADE, related_name="keys"
    )
    key = models.CharField(max_length=400, db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="organisation_key_once")
        ]

    def __str__(self) -> str:
        return self.key


class MaterialKind(models.TextChoices):
    BOOK = "book", _("book")
    VIDEO = "video", _("video")
    AUDIO = "audio", _("audio")
    WEBSITE = "website", _("website")
    SOCIAL = "social", _("social media account or channel")
    LEAFLET = "leaflet", _("leaflet")
    OTHER = "other", _("other")


class BannedMaterial(CourtDecision):
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the court decided."),
    )
    banned_on = models.DateField(_("banned from"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-banned_on", "title", "pk"]
        verbose_name = _("banned material")
        verbose_name_plural = _("banned materials")

    def __str__(self) -> str:
        return self.title


class MaterialHash(models.Model):
    """The SHA-256 of one file of a banned material (the file itself is never kept)."""

    material = models.ForeignKey(BannedMaterial, on_delete=models.CASCADE, related_name="hashes")
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["material", "sha256"]
        verbose_name = _("file hash")
        verbose_name_plural = _("file hashes")
        constraints = [
            models.UniqueConstraint(fields=["material", "sha256"], name="material_hash_once")
        ]

    def __str__(self) -> str:
        return self.sha256


class BlockedAddress(models.Model):
    """A blocked web address of a banned material, as written and normalised."""

    material = models.ForeignKey(BannedMaterial, on_delete=models.CASCADE, related_name="addresses")
    address = models.CharField(_("address as written"), max_length=2000)
    host = models.CharField(_("host"), max_length=255, db_index=True)
    path = models.CharField(_("path"), max_length=2000, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["material", "host", "path"]
        verbose_name = _("blocked address")
        verbose_name_plural = _("blocked addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["material", "host", "path"], name="blocked_address_once"
            )
        ]

    def __str__(self) -> str:
        return self.host + self.path
