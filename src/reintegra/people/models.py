"""People, their names in every script, identity documents and family relationships."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.core.access import RestrictedQuerySet
from reintegra.core.dates import DatePrecision, PartialDate, may_be_a_child
from reintegra.people.alphabet import MAX_LENGTH


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


class VitalStatus(models.TextChoices):
    ALIVE = "alive", _("alive")
    MISSING = "missing", pgettext_lazy("whereabouts of a person", "missing")
    REPORTED_DEAD = "reported_dead", _("reported dead")
    DECLARED_DEAD = "declared_dead", _("declared dead by a court")
    CONFIRMED_DEAD = "confirmed_dead", _("death confirmed")


class PersonQuerySet(RestrictedQuerySet):
    def children_on(self, day: dt.date):
        """People who may be under 18 on ``day`` (no birth date: counted as a child)."""
        return self.filter(models.Q(adult_on__isnull=True) | models.Q(adult_on__gt=day))

    def adults_on(self, day: dt.date):
        return self.filter(adult_on__lte=day)


class Person(models.Model):
    display_name = models.CharField(_("name"), max_length=300)
    # The name as digits that sort in the order of the Kazakh alphabet (``alphabet.sort_key``),
    # set with ``display_name`` (``services.person_register``); lists are ordered by it.
    sort_name = models.CharField(max_length=MAX_LENGTH, blank=True, default="", editable=False)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # The first day on which the person is surely 18: kept so that "child on a day" is a query.
    adult_on = models.DateField(_("adult from"), null=True, blank=True, editable=False)
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    citizenship = models.CharField(
        _("citizenship"), max_length=2, default="KZ", help_text=_("Two-letter country code.")
    )
    vital_status = models.CharField(
        _("vital status"), max_length=20, choices=VitalStatus.choices, default=VitalStatus.ALIVE
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A duplicate merged into another person (tracing.merge): kept, hidden from lists.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["sort_name", "id"], name="person_alphabetical_idx"),
            models.Index(fields=["adult_on"]),
            models.Index(fields=["region", "sex"]),
            # What lists and counts of cases check of the person (age, sex) without the row.
            models.Index(fields=["id", "adult_on", "birth_date", "sex"], name="person_age_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def birth(self) -> PartialDate | None:
        if self.birth_date is None:
            return None
        return PartialDate(self.birth_date, self.birth_date_precision)

    def is_child_on(self, day: dt.date) -> bool:
        return may_be_a_child(self.birth, day)


class Script(models.TextChoices):
    KAZAKH_CYRILLIC = "kk-Cyrl", _("Kazakh Cyrillic")
    RUSSIAN_CYRILLIC = "ru-Cyrl", _("Russian Cyrillic")
    LATIN = "Latn", _("Latin")
    ARABIC = "Arab", _("Arabic")


class NameKind(models.TextChoices):
    OFFICIAL = "official", _("official")
    AS_REPORTED = "reported", _("as reported")
    ALIAS = "alias", _("alias")
    MARRIED = "married", _("married name")


class PersonName(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    surname = models.CharField(_("surname"), max_length=150, blank=True)
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    full_name = models.CharField(_("full name as written"), max_length=300, blank=True)
    script = models.CharField(_("script"), max_length=10, choices=Script.choices)
    kind = models.CharField(
        _("kind"), max_length=10, choices=NameKind.choices, default=NameKind.OFFICIAL
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    search_key = models.CharField(max_length=400, db_index=True, editable=False)
    # Cross-script keys (people.name_keys): a search in any script finds the name.
    match_keys = models.CharField(
        max_length=400, blank=True, default="", db_default="", editable=False
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "pk"]
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self) -> str:
        return self.written()

    def written(self) -> str:
        return self.full_name or " ".join(
            part for part in (self.surname, self.given_name, self.patronymic) if part
        )


class DocumentKind(models.TextChoices):
    IIN = "iin", _("IIN (individual identification number)")
    PASSPORT = "passport", _("passport")
    ID_CARD = "id_card", _("identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("birth certificate")
    FOREIGN_DOCUMENT = "foreign", _("foreign document")
    OTHER = "other", _("other document")


class IdentityDocument(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=50)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "kind"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"], condition=models.Q(kind="iin"), name="iin_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        """For roles without the identity-number permission: only the last four characters."""
        return "•" * max(len(self.number) - 4, 0) + self.number[-4:]


class RelationshipKind(models.TextChoices):
    MOTHER = "mother", _("mother")
    FATHER = "father", _("father")
    CHILD = "child", _("child")
    SPOUSE = "spouse", _("spouse")
    SIBLING = "sibling", _("sibling")
    GUARDIAN = "guardian", _("guardian")
    WARD = "ward", _("ward (under guardianship)")


INVERSE_KIND = {
    RelationshipKind.MOTHER: RelationshipKind.CHILD,
    RelationshipKind.FATHER: RelationshipKind.CHILD,
    RelationshipKind.SPOUSE: RelationshipKind.SPOUSE,
    RelationshipKind.SIBLING: RelationshipKind.SIBLING,
    RelationshipKind.GUARDIAN: RelationshipKind.WARD,
    RelationshipKind.WARD: RelationshipKind.GUARDIAN,
}


class Verification(models.TextChoices):
    DECLARED = "declared", _("declared")
    DOCUMENTS = "documents", _("documents")
    DNA = "dna", _("DNA test")
    COURT = "court", _("court ruling")


class Relationship(models.Model):
    """``relative`` is the ``kind`` of ``person``: (child, mother, Aigul) = Aigul is the child's
    mother. The inverse row is kept too, so each person's page reads only their own rows."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("relationship"), max_length=10, choices=RelationshipKind.choices)
    verification = models.CharField(
        _("verified by"), max_length=10, choices=Verification.choices, default=Verification.DECLARED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "kind"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "relative", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative}: {self.get_kind_display()} · {self.person}"
