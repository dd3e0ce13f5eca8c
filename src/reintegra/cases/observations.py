"""What the program observes about a person over time, and the values each dimension takes.

Observations are history, not overwrite: each holds from ``valid_from`` until the next one of the
same dimension begins, so any figure can be asked "as of" a date.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    EMPLOYMENT = "employment", _("employment")
    EDUCATION = "education", _("education level")
    LEGAL_STATUS = "legal_status", _("legal status")
    STANCE = "stance", _("assessed stance toward violent ideology")
    HOUSING = "housing", _("housing")
    SCHOOLING = "schooling", _("schooling")
    CIVIL_DOCUMENTS = "civil_documents", _("civil documents")
    LOCATION = "location", _("location")


class Employment(models.TextChoices):
    EMPLOYED = "employed", _("employed")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    UNEMPLOYED = "unemployed", _("looking for work")
    HOMEMAKER = "homemaker", _("keeps house")
    STUDYING = "studying", _("studying")
    UNABLE = "unable", _("unable to work")


class Education(models.TextChoices):
    NONE = "none", _("no formal education")
    PRIMARY = "primary", _("primary")
    SECONDARY = "secondary", _("general secondary")
    SPECIALISED_SECONDARY = "specialised_secondary", _("specialised secondary")
    INCOMPLETE_HIGHER = "incomplete_higher", _("incomplete higher")
    HIGHER = "higher", _("higher")


class LegalStatus(models.TextChoices):
    NOT_PROSECUTED = "not_prosecuted", _("not prosecuted")
    UNDER_INVESTIGATION = "under_investigation", _("under investigation")
    CHARGED = "charged", _("charged")
    CONVICTED = "convicted", _("convicted")
    SERVING_SENTENCE = "serving_sentence", _("serving a sentence")
    RELEASED = "released", _("released")
    ON_PROBATION = "on_probation", _("on probation")


class Stance(models.TextChoices):
    RENOUNCED = "renounced", _("has renounced violent ideology")
    AMBIVALENT = "ambivalent", _("ambivalent")
    HOLDS = "holds", _("still holds violent views")
    NOT_ASSESSED = "not_assessed", _("not assessed yet")


class Housing(models.TextChoices):
    WITH_RELATIVES = "with_relatives", _("with relatives")
    OWN_HOME = "own_home", _("own home")
    RENTED = "rented", _("rented")
    INSTITUTION = "institution", _("in an institution")
    NO_HOUSING = "none", _("without housing")


class Schooling(models.TextChoices):
    NOT_SCHOOL_AGE = "not_school_age", _("not of school age")
    PRESCHOOL = "preschool", _("pre-school")
    ENROLLED = "enrolled", _("at school")
    NOT_ENROLLED = "not_enrolled", _("not at school")
    COMPLETED = "completed", _("school completed")


class CivilDocuments(models.TextChoices):
    COMPLETE = "complete", _("complete")
    IN_PROGRESS = "in_progress", _("in progress")
    MISSING = "missing", _("missing")


# The values each dimension accepts; None means free text (a place name).
VALUES: dict[str, type[models.TextChoices] | None] = {
    Dimension.EMPLOYMENT: Employment,
    Dimension.EDUCATION: Education,
    Dimension.LEGAL_STATUS: LegalStatus,
    Dimension.STANCE: Stance,
    Dimension.HOUSING: Housing,
    Dimension.SCHOOLING: Schooling,
    Dimension.CIVIL_DOCUMENTS: CivilDocuments,
    Dimension.LOCATION: None,
}

# Dimensions behind the legal and security permission.
LEGAL_DIMENSIONS = frozenset({Dimension.LEGAL_STATUS})


def value_label(dimension: str, value: str) -> str:
    choices = VALUES.get(dimension)
    if choices is None:
        return value
    try:
        return str(choices(value).label)
    except ValueError:
        return value
