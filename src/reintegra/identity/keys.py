"""How names are keyed and people blocked: a name's fine key in each role, a listed row's words
and the readings of them to try, and the blocks a person is filed under in the registry
(``_person_keys``) or looked up in (``lookup_keys``)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import TYPE_CHECKING

from reintegra.identity.arabic import arabic_given_name, is_arabic
from reintegra.identity.blocks import (
    GIVEN_DAY,
    GIVEN_MONTH,
    GIVEN_PATRONYMIC,
    GIVEN_PATRONYMIC_YEAR,
    GIVEN_SURNAME_PREFIX,
    GIVEN_YEAR,
    PATRONYMIC_MONTH,
    SURNAME_DAY,
    SURNAME_GIVEN,
    SURNAME_GIVEN_PATRONYMIC,
    SURNAME_GIVEN_PREFIX,
    SURNAME_GIVEN_YEAR,
    SURNAME_MONTH,
    SURNAME_PATRONYMIC,
    SURNAME_PATRONYMIC_YEAR,
    SURNAME_YEAR,
    block,
)
from reintegra.identity.dates import PartialDate
from reintegra.identity.names import NameParts, patronymic_readings, surname_stem
from reintegra.identity.phonetic import fine_key, skeleton_of_key
from reintegra.identity.records import ListedPerson

if TYPE_CHECKING:  # only for annotations: the registry imports this module
    from reintegra.identity.registry import _Vocabulary


SURNAME, GIVEN = "surname", "given_name"  # the fields of a name, as explanations name them

# How many consonants of a name's skeleton a key keeps when paired with the other name in full:
# a typo near the end of either name still leaves one key in common.
PREFIX = 2


def given_key(word: str) -> str:
    """The fine key of a given name; a known Arabic-script name takes its Cyrillic form's key."""
    if is_arabic(word):
        known = arabic_given_name(word)
        if known:
            return fine_key(known)
    return fine_key(word)


def patronymic_key(word: str) -> str:
    """The father's name in a patronymic (its first reading, see ``patronymic_readings``)."""
    return patronymic_readings(word)[0]


@dataclass(slots=True)
class _Word:
    """One word of a listed name, folded for each role it may play."""

    as_surname: str
    as_given: str
    surname_skeleton: str
    given_skeleton: str
    arabic: bool
    # An Arabic-script name found in ``arabic.ARABIC_GIVEN_NAMES``: its keys are its Cyrillic
    # form's, not a reading of its letters (see ``compare.arabic_letters_fit``).
    known: bool = False


def _person_keys(
    surname: int, surname_prefix: int, given: int, given_prefix: int, patronymic: int,
    year: int, month: int, day: int = 0,
) -> list[int]:  # fmt: skip
    """The blocks one registry person is filed under (skeleton codes; 0 is "no value"). The
    registry files everyone at once (``blocks.person_keys``); this is the same rule written
    for one person, to read and to test against."""
    keys = []
    year_month = year * 13 + month
    if surname and given:
        keys.append(block(SURNAME_GIVEN, surname, given))
        keys.append(block(SURNAME_GIVEN_PREFIX, surname, given_prefix))
        keys.append(block(GIVEN_SURNAME_PREFIX, given, surname_prefix))
        if year:
            keys.append(block(SURNAME_GIVEN_YEAR, surname, given, year))
        if patronymic:
            keys.append(block(SURNAME_GIVEN_PATRONYMIC, surname, given, patronymic))
    if patronymic:
        if given:
            keys.append(block(GIVEN_PATRONYMIC, given, patronymic))
            if year:
                keys.append(block(GIVEN_PATRONYMIC_YEAR, given, patronymic, year))
        if surname:
            keys.append(block(SURNAME_PATRONYMIC, surname, patronymic))
            if year:
                keys.append(block(SURNAME_PATRONYMIC_YEAR, surname, patronymic, year))
        if year and month:
            keys.append(block(PATRONYMIC_MONTH, patronymic, year_month))
    if year and month and day:
        if given:
            keys.append(block(GIVEN_DAY, given, month * 32 + day))
        if surname:
            keys.append(block(SURNAME_DAY, surname, month * 32 + day))
    if year:
        if given:
            keys.append(block(GIVEN_YEAR, given, year))
            if month:
                keys.append(block(GIVEN_MONTH, given, year_month))
        if surname:
            keys.append(block(SURNAME_YEAR, surname, year))
            if month:
                keys.append(block(SURNAME_MONTH, surname, year_month))
    return keys


def _written_words(name: NameParts) -> list[tuple[str, str]]:
    """The list's words as written, in the order of ``_listed_words``, each with the field that
    gives it a role (surname, given_name) or "" (a loose word)."""
    fields = [
        (word, field) for word, field in ((name.surname, SURNAME), (name.given, GIVEN)) if word
    ]
    return fields + [(word, "") for word in name.loose]


def _listed_words(name: NameParts) -> tuple[list[_Word], list[tuple[int, int]]]:
    """The list's words and the (surname, given) assignments to try; -1 means none."""
    listed = []
    for word, _field in _written_words(name):
        as_surname, as_given = surname_stem(word), given_key(word)
        listed.append(
            _Word(
                as_surname=as_surname,
                as_given=as_given,
                surname_skeleton=skeleton_of_key(as_surname),
                given_skeleton=skeleton_of_key(as_given),
                arabic=is_arabic(word),
                known=is_arabic(word) and arabic_given_name(word) is not None,
            )
        )
    if len(listed) == 1:
        return listed, [(0, -1), (-1, 0)]
    return listed, list(permutations(range(len(listed)), 2))


def _date_variants(date: PartialDate) -> tuple[list[int], list[int]]:
    """(year*13+month) and year values to look up: the date, a year either side, and the
    day and month swapped."""
    if not date.year:
        return [], []
    years = [date.year - 1, date.year, date.year + 1]
    if not date.month:
        return [], years
    months = [y * 13 + date.month for y in years]
    if date.day and date.day <= 12 and date.day != date.month:
        months.append(date.year * 13 + date.day)
    return months, []


def _patronymic_words(person: ListedPerson) -> list[_Word]:
    """The readings of a row's patronymic (none when it has none); a candidate's patronymic
    agrees as well as the better of them."""
    text = person.name.patronymic
    if not text:
        return []
    arabic = is_arabic(text)
    return [
        _Word(key, key, skeleton_of_key(key), skeleton_of_key(key), arabic)
        for key in patronymic_readings(text)
    ]


def lookup_keys(vocabulary: _Vocabulary, person: ListedPerson, intern: bool = False) -> list[int]:
    """The blocks to look a listed person up in: every reading of their words as surname and
    given name, a year either side, the day and month swapped."""
    listed, assignments = _listed_words(person.name)

    def skeleton(text: str, default: int = 0) -> int:
        # Interning gives a skeleton the registry does not hold yet its code, so that the keys
        # of a list can be known before the registry is read.
        if intern:
            return vocabulary.skeleton_code(text)
        return vocabulary.skeleton_codes.get(text, default)

    surnames = {skeleton(w.surname_skeleton, 0) for w in listed} - {0}
    givens = {skeleton(w.given_skeleton, 0) for w in listed} - {0}
    patronymics = {skeleton(w.given_skeleton, 0) for w in _patronymic_words(person)} - {0}
    months, years = _date_variants(person.birth_date)
    date = person.birth_date
    all_years = [date.year - 1, date.year, date.year + 1] if date.year else []
    keys: list[int] = []
    for surname_at, given_at in assignments:
        if surname_at >= 0 and given_at >= 0:
            surname_skeleton = listed[surname_at].surname_skeleton
            given_skeleton = listed[given_at].given_skeleton
            surname, given = skeleton(surname_skeleton, 0), skeleton(given_skeleton, 0)
            surname_prefix = skeleton(surname_skeleton[:PREFIX], 0)
            given_prefix = skeleton(given_skeleton[:PREFIX], 0)
            if surname and given:
                keys.append(block(SURNAME_GIVEN, surname, given))
                keys.extend(block(SURNAME_GIVEN_YEAR, surname, given, year) for year in all_years)
                keys.extend(
                    block(SURNAME_GIVEN_PATRONYMIC, surname, given, patronymic)
                    for patronymic in patronymics
                )
            if surname and given_prefix:
                keys.append(block(SURNAME_GIVEN_PREFIX, surname, given_prefix))
            if given and surname_prefix:
                keys.append(block(GIVEN_SURNAME_PREFIX, given, surname_prefix))
    for kind_month, kind_year, names in (
        (GIVEN_MONTH, GIVEN_YEAR, givens),
        (SURNAME_MONTH, SURNAME_YEAR, surnames),
    ):
        for name in names:
            keys.extend(block(kind_month, name, value) for value in months)
            keys.extend(block(kind_year, name, value) for value in years)
    for patronymic in patronymics:
        keys.extend(block(GIVEN_PATRONYMIC, given, patronymic) for given in givens)
        keys.extend(block(SURNAME_PATRONYMIC, surname, patronymic) for surname in surnames)
        # Without the surname: a woman listed under her married or maiden name keeps her
        # father's name and her date of birth (a year either side, day and month swapped).
        keys.extend(block(PATRONYMIC_MONTH, patronymic, value) for value in months)
        for given in givens:
            keys.extend(block(GIVEN_PATRONYMIC_YEAR, given, patronymic, y) for y in all_years)
        for surname in surnames:
            keys.extend(block(SURNAME_PATRONYMIC_YEAR, surname, patronymic, y) for y in all_years)
    if date.day:
        # Without the year: a digit mistyped in the year (1968 for 1986, 1901 for 1981) leaves
        # the day and month, the day and month perhaps swapped.
        days = [date.month * 32 + date.day]
        if date.day <= 12 and date.day != date.month:
            days.append(date.day * 32 + date.month)
        for kind, names in ((GIVEN_DAY, givens), (SURNAME_DAY, surnames)):
            keys.extend(block(kind, name, value) for name in names for value in days)
    return list(dict.fromkeys(keys))
