"""Dates as the user's language writes them, partial dates included."""

import re

from django import template
from django.utils import formats

from reintegra.core.dates import DatePrecision, PartialDate

register = template.Library()


@register.filter
def partial_date(value: PartialDate | None) -> str:
    """25.05.1996 (a known day, in the user's format), 05.1996, 1996 or ~1996."""
    if value is None:
        return ""
    if value.precision == DatePrecision.DAY:
        return formats.date_format(value.value, "SHORT_DATE_FORMAT")
    if value.precision == DatePrecision.MONTH:
        return f"{value.value:%m.%Y}"
    if value.precision == DatePrecision.YEAR:
        return str(value.value.year)
    return f"~{value.value.year}"


ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@register.filter
def iso_partial_date(value: str | None) -> str:
    """A date written 1990-09-18, 1990-09 or 1990 (as the matching engine explains it), in the
    user's format like every other date; no date (written None) is empty; anything else is
    shown as it is."""
    if value is None or str(value) == "None":
        return ""
    found = ISO_PARTIAL.match(str(value or ""))
    if not found:
        return value or ""
    year, month, day = (int(part) if part else None for part in found.groups())
    try:
        return partial_date(PartialDate.of(year, month, day))
    except ValueError:
        return value
