"""The Kazakh individual identification number (ИИН / ЖСН).

Twelve digits: the birth date as YYMMDD; a digit for the century and sex (1/2: 19th century,
3/4: 20th, 5/6: 21st; odd for men, even for women); four registration digits; a check digit.

The check digit is the sum of the first eleven digits weighted 1..11, modulo 11; when that is 10,
the sum is taken again with the weights 3..11, 1, 2; when that is 10 too, no IIN carries the
number and it is invalid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


class InvalidIIN(ValueError):
    """The number is not a valid IIN; ``code`` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class IINFacts:
    birth_date: dt.date
    sex: str  # "male" or "female"


def check_digit(digits: str) -> int | None:
    """The check digit for the first eleven digits, or None when no valid one exists."""
    numbers = [int(d) for d in digits[:11]]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        remainder = sum(n * w for n, w in zip(numbers, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def parse_iin(value: str) -> IINFacts:
    """Validate an IIN and return the birth date and sex it encodes. Raises InvalidIIN."""
    digits = (value or "").strip().replace(" ", "")
    if len(digits) != 12 or not digits.isdigit():
        raise InvalidIIN("format")
    century_digit = int(digits[6])
    if century_digit not in CENTURY_BY_DIGIT:
        raise InvalidIIN("century")
    year = CENTURY_BY_DIGIT[century_digit] + int(digits[:2])
    try:
        birth_date = dt.date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError as exc:
        raise InvalidIIN("date") from exc
    expected = check_digit(digits)
    if expected is None or expected != int(digits[11]):
        raise InvalidIIN("checksum")
    return IINFacts(birth_date=birth_date, sex="male" if century_digit % 2 else "female")


def make_iin(birth_date: dt.date, sex: str, serial: int) -> str | None:
    """A valid IIN for a birth date, sex and 4-digit serial, or None if that serial has no check
    digit (then try the next). For test and demo data only."""
    century = (birth_date.year // 100) * 100
    base = {1800: 1, 1900: 3, 2000: 5}[century] + (0 if sex == "male" else 1)
    first11 = f"{birth_date:%y%m%d}{base}{serial:04d}"
    digit = check_digit(first11)
    return None if digit is None else f"{first11}{digit}"
