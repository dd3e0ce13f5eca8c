"""Partial dates: a date of birth or death known to the day, the month, the year, or about."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact day")
    MONTH = "month", _("month and year")
    YEAR = "year", _("year only")
    APPROXIMATE = "approximate", _("approximate year")


# How far either side of the stated year an approximate date may lie.
APPROXIMATE_YEARS = 2


@dataclass(frozen=True)
class PartialDate:
    """``value`` holds the first day of what is known (1 January for a year, day 1 for a month)."""

    value: dt.date
    precision: str = DatePrecision.DAY

    @classmethod
    def of(
        cls,
        year: int,
        month: int | None = None,
        day: int | None = None,
        *,
        approximate: bool = False,
    ) -> PartialDate:
        if approximate:
            return cls(dt.date(year, 1, 1), DatePrecision.APPROXIMATE)
        if month is None:
            return cls(dt.date(year, 1, 1), DatePrecision.YEAR)
        if day is None:
            return cls(dt.date(year, month, 1), DatePrecision.MONTH)
        return cls(dt.date(year, month, day), DatePrecision.DAY)

    def earliest(self) -> dt.date:
        if self.precision == DatePrecision.APPROXIMATE:
            return dt.date(self.value.year - APPROXIMATE_YEARS, 1, 1)
        return self.value

    def latest(self) -> dt.date:
        year, month = self.value.year, self.value.month
        if self.precision == DatePrecision.DAY:
            return self.value
        if self.precision == DatePrecision.MONTH:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if self.precision == DatePrecision.YEAR:
            return dt.date(year, 12, 31)
        return dt.date(year + APPROXIMATE_YEARS, 12, 31)

    def __str__(self) -> str:
        if self.precision == DatePrecision.DAY:
            return self.value.isoformat()
        if self.precision == DatePrecision.MONTH:
            return f"{self.value:%Y-%m}"
        if self.precision == DatePrecision.YEAR:
            return str(self.value.year)
        return f"~{self.value.year}"


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: PartialDate, on: dt.date) -> tuple[int, int]:
    """The youngest and oldest age the person can have on ``on``."""

    def full_years(born: dt.date) -> int:
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return max(years, 0)

    return full_years(birth.latest()), full_years(birth.earliest())


ADULT_AGE = 18


def may_be_a_child(birth: PartialDate | None, on: dt.date) -> bool:
    """Children first: a person counts as a child while they may still be under 18.

    With no birth date at all we cannot rule it out, so the answer is yes.
    """
    if birth is None:
        return True
    youngest, _oldest = age_on(birth, on)
    return youngest < ADULT_AGE
