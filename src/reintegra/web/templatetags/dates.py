"""Dates as the user's language writes them, partial dates included."""

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
