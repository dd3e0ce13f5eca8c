"""How a field of a list row agrees with a registered person, in the reader's language.

The matching engine names each field's agreement with a code (``identity.compare`` and
``identity.dates``); a reviewer reads a mark and a phrase.
"""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

SAME, NEAR, FAR, OTHER, NONE = "✓", "≈", "~", "✗", "–"

LEVELS = {
    "exact": (SAME, _("the same")),
    "same": (SAME, _("the same")),
    "close": (NEAR, _("close")),
    "weak": (FAR, _("weak")),
    "different": (OTHER, _("different")),
    "missing": (NONE, _("not given")),
    "same_month": (NEAR, _("the same month, no day on one side")),
    "same_year": (NEAR, _("the same year, no month on one side")),
    "day_month_swapped": (NEAR, _("day and month swapped")),
    "one_digit_differs": (NEAR, _("one digit differs")),
    "year_off_by_one": (FAR, _("a year apart, the same day and month")),
    "year_off_by_one_same_month": (FAR, _("a year apart, the same month")),
    "years_near": (FAR, _("a year or so apart")),
}
SEXES = {"F": _("female"), "M": _("male"), "female": _("female"), "male": _("male")}


@register.filter
def agreement_mark(level: str) -> str:
    return LEVELS.get(level, ("", ""))[0]


@register.filter
def agreement_label(level: str) -> str:
    return str(LEVELS[level][1]) if level in LEVELS else level


NAME_FIELDS = frozenset({"surname", "given_name", "patronymic"})


@register.filter
def line_agreement_label(line: dict) -> str:
    """A line's phrase; a name the same once folded, but written otherwise on the two sides
    (Abenova and Әбенов, Сауле and Сәуле), says so rather than plain "the same"."""
    if (
        line.get("level") == "exact"
        and line.get("field") in NAME_FIELDS
        and (line.get("listed") or "").casefold() != (line.get("registered") or "").casefold()
    ):
        return str(_("the same, written otherwise"))
    return agreement_label(line.get("level", ""))


@register.filter
def sex_label(code: str) -> str:
    """The engine writes sex as F or M; the page says it in words."""
    return str(SEXES[code]) if code in SEXES else code


@register.filter
def read_swapped(explanation) -> bool:
    """Whether the engine read a word of the surname field as the given name, or one of the
    given name field as the surname, and found it agreeing so (an explanation's lines, as
    ``tracing.matching`` keeps them; lines kept before the field was recorded say nothing). A
    candidate whose name agrees in no order is not said to be read the other way round."""
    return any(
        line.get("listed_field") in ("surname", "given_name")
        and line.get("field") in ("surname", "given_name")
        and line["listed_field"] != line["field"]
        and line.get("level") in AGREEING
        for line in explanation
    )


AGREEING = frozenset({"exact", "close"})
