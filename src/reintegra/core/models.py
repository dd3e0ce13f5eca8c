"""Regions, organisations and the shared model base."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet


class TrilingualName(models.Model):
    """A name kept in Kazakh, Russian and English, shown in the user's language."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ru")[:2]
        return getattr(self, f"name_{language}", "") or self.name_ru or self.name_en


class RegionKind(models.TextChoices):
    OBLAST = "oblast", _("Region (oblast)")
    CITY = "city", _("City of republican significance")


class Region(TrilingualName):
    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class OrganisationKind(models.TextChoices):
    REHABILITATION_CENTRE = "rehabilitation_centre", _("Rehabilitation centre")
    CENTRE_BRANCH = "centre_branch", _("Branch of a rehabilitation centre")
    REGIONAL_CENTRE = "regional_centre", _("Regional rehabilitation centre")
    RELIGIOUS_AFFAIRS = "religious_affairs", _("Akimat department of religious affairs")
    STATE_BODY = "state_body", _("Ministry or state committee")
    PENAL_INSTITUTION = "penal_institution", _("Penal institution")
    HEALTH = "health", _("Health organisation")
    EDUCATION = "education", _("Education organisation")
    GUARDIANSHIP = "guardianship", _("Guardianship body")
    NGO = "ngo", _("Non-governmental organisation")
    INTERNATIONAL_PARTNER = "international_partner", _("International partner")


class Organisation(TrilingualName):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Empty for a national or international organisation."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
