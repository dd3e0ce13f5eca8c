"""Partial dates of birth and how two of them agree.

Lists give a whole date, a year and month, a year, or nothing; and they get dates wrong in a few
typical ways: a year off by one, the day and the month swapped (03.07 for 07.03), one digit
mistyped. Each way has its own agreement level, so a reviewer sees *how* two dates agree.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import NamedTuple

import numpy as np

_FORMAT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class BadDate(ValueError):
    """A date that is not YYYY-MM-DD, YYYY-MM or YYYY, or names a day that does not exist."""


class PartialDate(NamedTuple):
    year: int = 0  # 0: unknown
    month: int = 0
    day: int = 0

    @property
    def known(self) -> bool:
        return self.year != 0

    def __str__(self) -> str:
        if not self.year:
            return ""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


UNKNOWN_DATE = PartialDate()


def parse_date(text: str) -> PartialDate:
    """'1987-03-14', '1987-03', '1987' or '' (unknown); anything else raises BadDate."""
    text = text.strip()
    if not text:
        return UNKNOWN_DATE
    found = _FORMAT.match(text)
    if not found:
        raise BadDate(f"{text!r} is not a date as YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(part) if part else 0 for part in found.groups())
    if year < 1800 or (found[2] and not 1 <= month <= 12):
        raise BadDate(f"{text!r} is not a date that exists")
    if found[3]:
        try:
            dt.date(year, month, day)
        except ValueError as exc:
            raise BadDate(f"{text!r} is not a date that exists") from exc
    return PartialDate(year, month, day)


class DateAgreement(StrEnum):
    EXACT = "exact"  # the whole date is the same
    SAME_MONTH = "same_month"  # the same year and month; one side gives no day
    SAME_YEAR = "same_year"  # the same year; one side gives no month
    SWAPPED = "day_month_swapped"
    TYPO = "one_digit_differs"
    YEAR_OFF = "year_off_by_one"  # the same month and day, a year apart
    YEAR_OFF_MONTH = "year_off_by_one_same_month"  # the same month, a year apart, no day
    NEAR = "years_near"  # a year apart, nothing else agrees
    DIFFERENT = "different"
    MISSING = "missing"


def _one_digit_apart(a: PartialDate, b: PartialDate) -> bool:
    """YYYYMMDD as a number: one digit apart when the difference is k·10^i (k < 10) and the
    digits above and below position i agree (20 and 19 differ by 1, but in two digits)."""
    left = a.year * 10_000 + a.month * 100 + a.day
    right = b.year * 10_000 + b.month * 100 + b.day
    difference = abs(left - right)
    if not difference:
        return False
    scale = 1
    while difference % 10 == 0:
        difference //= 10
        scale *= 10
    if difference > 9:
        return False
    return left // (scale * 10) == right // (scale * 10) and left % scale == right % scale


def compare_dates(a: PartialDate, b: PartialDate) -> DateAgreement:
    """How two dates agree, at the precision both give. Symmetric."""
    if not a.year or not b.year:
        return DateAgreement.MISSING
    both_days = a.day and b.day
    both_months = a.month and b.month
    if a.year == b.year:
        if both_days and a.month == b.month and a.day == b.day:
            return DateAgreement.EXACT
        if both_days and a.month == b.day and a.day == b.month:
            return DateAgreement.SWAPPED
        if both_days and _one_digit_apart(a, b):
            return DateAgreement.TYPO
        if both_months and a.month == b.month:
            # The same month and two different days (not a typo) is weak evidence either way.
            return DateAgreement.NEAR if both_days else DateAgreement.SAME_MONTH
        if not both_months:
            return DateAgreement.SAME_YEAR
        return DateAgreement.NEAR
    if abs(a.year - b.year) == 1:
        if both_days and a.month == b.month and a.day == b.day:
            return DateAgreement.YEAR_OFF
        if both_days and _one_digit_apart(a, b):
            return DateAgreement.TYPO
        if both_months and a.month == b.month and not both_days:
            # Far commoner by chance than a whole date a year off: weighed apart.
            return DateAgreement.YEAR_OFF_MONTH
        return DateAgreement.NEAR
    if both_days and _one_digit_apart(a, b):
        return DateAgreement.TYPO
    return DateAgreement.DIFFERENT


# Agreement levels as small integers, for comparing one date with many (``compare_dates_many``).
DATE_LEVELS = tuple(DateAgreement)
_LEVEL = {level: code for code, level in enumerate(DATE_LEVELS)}


_POWERS = np.array([10**i for i in range(10)], dtype=np.int64)


def _one_digit_apart_many(left: np.ndarray | int, right: np.ndarray) -> np.ndarray:
    """``_one_digit_apart`` of YYYYMMDD numbers, pair by pair (``left`` may be one number): the
    difference is k·10^i with k a single digit (10^i: the largest power of ten not above it),
    and the digits above and below position i agree."""
    difference = np.abs(right - left)
    scale = _POWERS[np.maximum(np.searchsorted(_POWERS, difference, side="right") - 1, 0)]
    return (
        (difference > 0)
        & (difference % scale == 0)
        & (right // (scale * 10) == left // (scale * 10))
        & (right % scale == left % scale)
    )


def compare_dates_many(
    a: PartialDate, year: np.ndarray, month: np.ndarray, day: np.ndarray
) -> np.ndarray:
    """``compare_dates(a, b)`` for every date b of three columns, as codes into DATE_LEVELS
    (the same rules, in the same order)."""
    if not a.year:
        return np.full(len(year), _LEVEL[DateAgreement.MISSING], dtype=np.int8)
    return compare_date_pairs(a.year, a.month, a.day, year, month, day)


def compare_date_pairs(
    listed_year: np.ndarray | int,
    listed_month: np.ndarray | int,
    listed_day: np.ndarray | int,
    year: np.ndarray,
    month: np.ndarray,
    day: np.ndarray,
) -> np.ndarray:
    """``compare_dates`` of pairs of dates given as columns (0: not given), as codes into
    DATE_LEVELS; the listed side may be one date, compared with every date of the others."""
    listed_year, listed_month, listed_day = (
        np.asarray(column, dtype=np.int64) for column in (listed_year, listed_month, listed_day)
    )
    year, month, day = (column.astype(np.int64) for column in (year, month, day))
    both_days = (day > 0) & (listed_day > 0)
    both_months = (month > 0) & (listed_month > 0)
    typo = both_days & _one_digit_apart_many(
        listed_year * 10_000 + listed_month * 100 + listed_day, year * 10_000 + month * 100 + day
    )
    same_year = year == listed_year
    year_off = np.abs(year - listed_year) == 1
    same_month = both_months & (month == listed_month)
    same_day = both_days & (day == listed_day)
    levels = [
        ((year == 0) | (listed_year == 0), DateAgreement.MISSING),
        (same_year & same_month & same_day, DateAgreement.EXACT),
        (
            same_year & both_days & (month == listed_day) & (day == listed_month),
            DateAgreement.SWAPPED,
        ),
        (same_year & typo, DateAgreement.TYPO),
        (same_year & same_month & both_days, DateAgreement.NEAR),
        (same_year & same_month, DateAgreement.SAME_MONTH),
        (same_year & ~both_months, DateAgreement.SAME_YEAR),
        (same_year, DateAgreement.NEAR),
        (year_off & same_month & same_day, DateAgreement.YEAR_OFF),
        (year_off & typo, DateAgreement.TYPO),
        (year_off & same_month & ~both_days, DateAgreement.YEAR_OFF_MONTH),
        (year_off, DateAgreement.NEAR),
        (typo, DateAgreement.TYPO),
    ]
    # The first rule that holds decides: written from the last to the first, so that an earlier
    # rule overwrites a later one.
    found = np.full(len(year), _LEVEL[DateAgreement.DIFFERENT], dtype=np.int8)
    for condition, level in reversed(levels):
        found[np.broadcast_to(condition, found.shape)] = _LEVEL[level]
    return found
