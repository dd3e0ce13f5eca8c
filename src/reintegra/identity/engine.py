"""The matching engine: a registry held in compact columns, blocking, scoring, assignment.

1. **Registry** (``Registry``): each person is a handful of integers in columns (codes of the
   folded surname stem, given name and patronymic, sex, year, month, day) and an id; the folded
   names are interned once in a vocabulary, and each distinct raw spelling is folded once. A file
   is read into columns at once (``Registry.add_columns``, ``files.load_registry``).
2. **Blocking** (``blocks``): a person is filed under several keys (``BLOCKING_KEYS``):
   consonant skeletons of the names, paired or tripled with each other and with the date, so that
   a typo, a missing date, a married name or a swapped word order still leaves a key in common
   with the list's rendering. The index is a sorted NumPy array of keys, built once, for the
   blocks the list will look up when it is known first (``Registry.expect``). A list row's
   candidates are ranked by the most informative block they share with it (log2 of registry size
   over block size) and only the best ``MOST_CANDIDATES`` (and those tied with them) are scored;
   blocks over ``LARGEST_BLOCK`` people are not read.
3. **Scoring**: the sum of each field's log2 likelihood ratio, names compared in every assignment
   of the list's words to surname and given name; the best assignment counts. Name agreements
   weigh by the name's frequency in the registry (a rare name says more). A chunk of rows is
   found candidates and scored together, as arrays (``Matcher.best_of``): each listed word is
   weighed once against the whole vocabulary, and a pair's weights are looked up by its row and
   the registry name's code. ``Matcher.score_each`` is the same model written one candidate at a
   time, and ``explain`` gives a reviewer each field's level and weight.
4. **Decision**: the score is the posterior probability that the best candidate is the person,
   against both the other candidates and "not in the registry": a second candidate nearly as
   good lowers it. The prior share of listed people in the registry is estimated from the list
   itself (EM on that one parameter), and the match threshold is the one that maximises the F1
   the posteriors themselves predict (``Matcher._match_threshold``). Each registry person is
   assigned to at most one list row (the surest first), then ``match`` (over the threshold and
   twice as likely as the runner-up), ``review`` or ``none``.

Family-aware scoring is left open: a list row carries an optional ``group`` (a family on the
list) and ``Matcher.match`` takes an ``adjust`` hook that may change candidates' weights (say,
when a mother and her children point to one registry family) before decisions are taken.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from itertools import permutations

import numpy as np
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein
from rapidfuzz.process import cdist

from reintegra.identity.arabic import arabic_given_name, is_arabic
from reintegra.identity.blocks import (
    GIVEN_DAY,
    GIVEN_MONTH,
    GIVEN_PATRONYMIC,
    GIVEN_PATRONYMIC_YEAR,
    GIVEN_SURNAME_PREFIX,
    GIVEN_YEAR,
    MOST_PART,
    PATRONYMIC_MONTH,
    SURNAME_DAY,
    SURNAME_GIVEN,
    SURNAME_GIVEN_PATRONYMIC,
    SURNAME_GIVEN_PREFIX,
    SURNAME_GIVEN_YEAR,
    SURNAME_MONTH,
    SURNAME_PATRONYMIC,
    SURNAME_YEAR,
    BlockIndex,
    block,
    person_keys,
)
from reintegra.identity.compare import (
    ARABIC_CLOSE_DISCOUNT,
    DATE_WEIGHTS,
    GIVEN_WEIGHTS,
    INFERRED_SEX_WEIGHTS,
    PATRONYMIC_WEIGHTS,
    SEX_WEIGHTS,
    SLIP_FROM,
    SURNAME_WEIGHTS,
    SWAP_FROM,
    WOMAN_SURNAME_WEIGHTS,
    FieldAgreement,
    NameAgreement,
    NameWeights,
    SexAgreement,
    name_agreement,
    sex_agreement,
)
from reintegra.identity.dates import (
    DATE_LEVELS,
    UNKNOWN_DATE,
    PartialDate,
    compare_date_pairs,
    compare_dates,
)
from reintegra.identity.names import (
    FEMALE,
    MALE,
    NameParts,
    patronymic_of,
    surname_stem,
    words,
)
from reintegra.identity.phonetic import fine_key, skeleton_of_key

SEX_CODES = {"": 0, MALE: 1, FEMALE: 2}
SEX_NAMES = ("", MALE, FEMALE)

# Name agreement levels as small integers, and date agreement weights by level code, for
# scoring as arrays.
_EXACT, _CLOSE, _WEAK, _DIFFERENT, _MISSING = (
    list(NameAgreement).index(level)
    for level in (
        NameAgreement.EXACT, NameAgreement.CLOSE, NameAgreement.WEAK, NameAgreement.DIFFERENT,
        NameAgreement.MISSING,
    )
)  # fmt: skip
_DATE_WEIGHTS = np.array([DATE_WEIGHTS[level] for level in DATE_LEVELS])
# The first rows of ``Matcher._word_table``: no weight, an assignment a row does not have, and
# the weight of a row with no name at all (as ``score_each`` has it).
_ZERO_ROW, _NEVER_ROW, _NO_NAME_ROW = 0, 1, 2

# A registry with at most this many distinct folded names has its listed words weighed against
# all of them once (``Matcher._word_table``): a table of (listed words) × (names) floats.
WHOLE_VOCABULARY = 4_000
# How many consonants of a name's skeleton a key keeps when paired with the other name in full:
# a typo near the end of either name still leaves one key in common.
PREFIX = 2
# A block this large says little and costs much; its candidates come through other keys.
LARGEST_BLOCK = 500
# Candidates are ranked by how many keys they share with the list row (the person themself
# shares most: up to all nine when nothing is wrong, two or three with a typo, a married name or
# a partial date) and only the best ranked are scored in full.
MOST_CANDIDATES = 150
MOST_TIED = 400
SHARED_BONUS = 0.05


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


class Decision(StrEnum):
    MATCH = "match"
    REVIEW = "review"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where a score becomes a decision. ``margin``: log2 ratio the best candidate must have over
    the runner-up to be a match (a 2 is four times as likely)."""

    match: float = 0.6
    review: float = 0.15
    margin: float = 1.0
    # Prior share of listed people who are in the registry; with the registry's size it sets how
    # much evidence a match needs (more in a larger registry).
    prior_in_registry: float = 0.5
    # Estimate that share from the list, and the match threshold from the posteriors (see
    # ``Matcher._estimate_prior`` and ``Matcher._match_threshold``); ``match`` is then the
    # highest the threshold may be, ``lowest_match`` the lowest.
    estimate: bool = True
    prior_strength: float = 20.0  # pseudo-rows of the Beta prior around prior_in_registry
    least_rows_to_estimate: int = 200
    lowest_match: float = 0.35


@dataclass(frozen=True, slots=True)
class RegistryPerson:
    id: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    sex: str = ""
    birth_date: PartialDate = UNKNOWN_DATE


@dataclass(frozen=True, slots=True)
class ListedPerson:
    id: str
    name: NameParts
    sex: str = ""
    birth_date: PartialDate = UNKNOWN_DATE
    group: str = ""  # a family on the list, for family-aware scoring


@dataclass(slots=True)
class Candidate:
    index: int  # the registry person's position
    weight: float  # log2 odds, prior included
    assignment: tuple[int, int] = (-1, -1)  # which list words were taken as surname, given name


@dataclass(slots=True)
class MatchResult:
    listed: ListedPerson
    candidates: list[Candidate]  # best first
    registry_id: str = ""
    score: float = 0.0
    decision: Decision = Decision.NONE
    # Each field's agreement with the chosen person, for a reviewer: made when first read (a
    # file of matches never reads it).
    _explain: Callable[[], tuple[FieldAgreement, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _explanation: tuple[FieldAgreement, ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def explanation(self) -> tuple[FieldAgreement, ...]:
        if self._explanation is None:
            self._explanation = self._explain() if self._explain is not None else ()
        return self._explanation


class _Vocabulary:
    """Folded names and skeletons interned as integers; code 0 is "no value"."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {"": 0}
        self.keys: list[str] = [""]
        self.skeleton_codes: dict[str, int] = {"": 0}
        self.skeletons: list[str] = [""]
        self.skeleton_of = array("i", [0])  # word code -> skeleton code
        self.prefix_of = array("i", [0])  # skeleton code -> code of its first PREFIX consonants

    def code(self, key: str) -> int:
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = len(self.keys)
            self.keys.append(key)
            self.skeleton_of.append(self.skeleton_code(skeleton_of_key(key)))
        return found

    def skeleton_code(self, skeleton: str) -> int:
        found = self.skeleton_codes.get(skeleton)
        if found is None:
            found = self.skeleton_codes[skeleton] = len(self.prefix_of)
            if found > MOST_PART:
                raise ValueError("more distinct name skeletons than a blocking key can hold")
            self.skeletons.append(skeleton)
            self.prefix_of.append(found)
            prefix = skeleton[:PREFIX]
            if prefix != skeleton:
                self.prefix_of[found] = self.skeleton_code(prefix)
        return found


def given_key(word: str) -> str:
    """The fine key of a given name; a known Arabic-script name takes its Cyrillic form's key."""
    if is_arabic(word):
        known = arabic_given_name(word)
        if known:
            return fine_key(known)
    return fine_key(word)


def patronymic_key(word: str) -> str:
    found = patronymic_of(word)
    return found.stem if found else fine_key(word)


@dataclass(slots=True)
class _Columns:
    """The registry's columns as NumPy arrays, and what is derived from them once."""

    surname: np.ndarray
    given: np.ndarray
    patronymic: np.ndarray
    sex: np.ndarray
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    # Per role (surname, given name, patronymic): word code -> how many people carry it.
    counts: tuple[np.ndarray, np.ndarray, np.ndarray]


class Registry:
    """The people to match against, in compact columns (see the module's description)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.vocabulary = _Vocabulary()
        self.surname = array("i")
        self.given = array("i")
        self.patronymic = array("i")
        self.sex = bytearray()
        self.year = array("H")
        self.month = bytearray()
        self.day = bytearray()
        # Built when first needed, after the last person is added (see ``index``, ``columns``).
        self._index: BlockIndex | None = None
        self._columns: _Columns | None = None
        # Names repeat heavily (a million people share a few thousand spellings): each raw
        # spelling is folded once, per role, and remembered with its skeleton codes.
        self._raw: tuple[dict[str, tuple[int, int, int]], ...] = ({}, {}, {})
        # When the list is known before the registry is read, only the blocks it looks up are
        # filed (``expect``): a fraction of the time and memory of filing every block.
        self.wanted: set[int] | None = None
        # Each expected person's keys, so that they are not made again when the person is
        # looked up (the codes they hold are the same: ``expect`` gave every skeleton its code).
        self.expected: dict[ListedPerson, list[int]] = {}

    def expect(self, people: Iterable[ListedPerson]) -> None:
        """File only the blocks these listed people will look up."""
        wanted: set[int] = set()
        for person in people:
            keys = self.expected[person] = lookup_keys(self.vocabulary, person, intern=True)
            wanted.update(keys)
        self.wanted = wanted
        self._index = None

    def __len__(self) -> int:
        return len(self.ids)

    def _code(self, kind: int, raw: str) -> tuple[int, int, int]:
        """(word code, skeleton code, skeleton prefix code) of a raw name in one role."""
        found = self._raw[kind].get(raw)
        if found is None:
            text = " ".join(words(raw))
            if kind == 0:
                key = surname_stem(text)
            elif kind == 1:
                key = given_key(text)
            else:
                key = patronymic_key(text)
            vocabulary = self.vocabulary
            code = vocabulary.code(key)
            skeleton = vocabulary.skeleton_of[code]
            found = (code, skeleton, vocabulary.prefix_of[skeleton] if skeleton else 0)
            self._raw[kind][raw] = found
        return found

    def add(self, person: RegistryPerson) -> int:
        return self.add_fields(
            person.id,
            person.surname,
            person.given_name,
            person.patronymic,
            SEX_CODES.get(person.sex, 0),
            person.birth_date,
        )

    def add_fields(
        self, person_id: str, surname: str, given: str, patronymic: str, sex: int, date: PartialDate
    ) -> int:
        """Add one person; the raw name fields are folded here (once per distinct spelling)."""
        position = len(self.ids)
        self.ids.append(person_id)
        self.surname.append(self._code(0, surname)[0])
        self.given.append(self._code(1, given)[0])
        self.patronymic.append(self._code(2, patronymic)[0])
        self.sex.append(sex)
        self.year.append(date.year)
        self.month.append(date.month)
        self.day.append(date.day)
        self._index = self._columns = None
        return position

    def add_columns(
        self,
        ids: Sequence[str],
        surnames: tuple[Sequence[str], np.ndarray],
        givens: tuple[Sequence[str], np.ndarray],
        patronymics: tuple[Sequence[str], np.ndarray],
        sexes: np.ndarray,
        years: np.ndarray,
        months: np.ndarray,
        days: np.ndarray,
    ) -> None:
        """Add many people at once, column by column: each name column comes as its distinct
        spellings and each row's index into them, so each spelling is folded once and the
        codes are written with NumPy, not row by row. The same as ``add_fields`` for each row in
        turn, but for the order in which new spellings are given their codes."""
        self.ids.extend(ids)
        for kind, (spellings, at), column in (
            (0, surnames, self.surname),
            (1, givens, self.given),
            (2, patronymics, self.patronymic),
        ):
            code_of = np.array([self._code(kind, spelling)[0] for spelling in spellings] or [0])
            column.frombytes(code_of.astype(np.int32)[at].tobytes())
        self.sex.extend(sexes.astype(np.uint8).tobytes())
        self.year.frombytes(years.astype(np.uint16).tobytes())
        self.month.extend(months.astype(np.uint8).tobytes())
        self.day.extend(days.astype(np.uint8).tobytes())
        self._index = self._columns = None

    @property
    def columns(self) -> _Columns:
        if self._columns is None:
            surname, given, patronymic = (
                np.frombuffer(column, dtype=np.int32).copy()
                if len(column)
                else np.zeros(0, np.int32)
                for column in (self.surname, self.given, self.patronymic)
            )
            size = len(self.vocabulary.keys)
            self._columns = _Columns(
                surname=surname,
                given=given,
                patronymic=patronymic,
                sex=np.frombuffer(bytes(self.sex), dtype=np.uint8).copy(),
                year=np.array(self.year, dtype=np.int32),
                month=np.frombuffer(bytes(self.month), dtype=np.uint8).copy(),
                day=np.frombuffer(bytes(self.day), dtype=np.uint8).copy(),
                counts=tuple(
                    np.bincount(codes, minlength=size) for codes in (surname, given, patronymic)
                ),  # type: ignore[arg-type]
            )
        return self._columns

    @property
    def index(self) -> BlockIndex:
        """Every person filed under their blocks (``blocks.person_keys``); with ``expect``, only
        under the blocks the list looks up."""
        if self._index is None:
            columns, vocabulary = self.columns, self.vocabulary
            skeleton_of = np.frombuffer(vocabulary.skeleton_of, dtype=np.int32).copy()
            prefix_of = np.frombuffer(vocabulary.prefix_of, dtype=np.int32).copy()
            surname, given, patronymic = (
                skeleton_of[codes] for codes in (columns.surname, columns.given, columns.patronymic)
            )
            wanted = None
            if self.wanted is not None:
                wanted = np.unique(
                    np.fromiter(self.wanted, dtype=np.uint64, count=len(self.wanted))
                )
            self._index = BlockIndex.build(
                person_keys(
                    surname,
                    prefix_of[surname] * (surname > 0),
                    given,
                    prefix_of[given] * (given > 0),
                    patronymic,
                    columns.year,
                    columns.month,
                    columns.day,
                ),
                wanted,
            )
        return self._index

    def frequency(self, kind: int, code: int) -> float:
        if not code:
            return 0.0
        counts = self.columns.counts[kind]
        return int(counts[code]) / max(len(self.ids), 1) if code < len(counts) else 0.0

    def birth_date(self, position: int) -> PartialDate:
        return PartialDate(self.year[position], self.month[position], self.day[position])


@dataclass(slots=True)
class _Tables:
    """What array scoring looks up, built once per registry (``Matcher._tables``)."""

    size: int  # of the vocabulary
    people: int  # in the registry
    keys: np.ndarray  # word code -> fine key (objects, for ``cdist``)
    skeleton_of: np.ndarray  # word code -> skeleton code
    skeletons: np.ndarray  # skeleton code -> skeleton
    skeletons_without_v: np.ndarray  # skeleton code -> skeleton without f (see ``without_v``)
    skeleton_length: np.ndarray
    exact: dict[tuple[int, float], np.ndarray]  # (role, cap) -> word code -> exact weight


@dataclass(slots=True)
class _Word:
    """One word of a listed name, folded for each role it may play."""

    as_surname: str
    as_given: str
    surname_skeleton: str
    given_skeleton: str
    arabic: bool


class _WordTable:
    """Listed words' weights (rows) against names of the vocabulary (columns, ``codes``); the
    first rows are ``_ZERO_ROW``, ``_NEVER_ROW`` and ``_NO_NAME_ROW``."""

    def __init__(self, codes: np.ndarray) -> None:
        self.codes = codes
        self.whole = bool(len(codes)) and codes[-1] == len(codes) - 1  # every code, in order
        size = len(codes)
        self.rows: list[np.ndarray] = [np.zeros(size), np.full(size, -np.inf), np.full(size, -1e9)]
        self.seen: dict[tuple, int] = {}
        self.stacked: np.ndarray | None = None

    def stack(self) -> np.ndarray:
        if self.stacked is None or len(self.stacked) != len(self.rows):
            self.stacked = np.stack(self.rows)
        return self.stacked

    def columns(self, codes: np.ndarray) -> np.ndarray:
        """The table's columns of these name codes."""
        return codes if self.whole else np.searchsorted(self.codes, codes)


def _listed_words(name: NameParts) -> tuple[list[_Word], list[tuple[int, int]]]:
    """The list's words and the (surname, given) assignments to try; -1 means none."""
    raw = [w for w in (name.surname, name.given) if w] + list(name.loose)
    listed = []
    for word in raw:
        as_surname, as_given = surname_stem(word), given_key(word)
        listed.append(
            _Word(
                as_surname=as_surname,
                as_given=as_given,
                surname_skeleton=skeleton_of_key(as_surname),
                given_skeleton=skeleton_of_key(as_given),
                arabic=is_arabic(word),
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


def _patronymic_word(person: ListedPerson) -> _Word:
    key = patronymic_key(person.name.patronymic)
    skeleton = skeleton_of_key(key)
    return _Word(key, key, skeleton, skeleton, is_arabic(person.name.patronymic))


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
    patronymic = skeleton(skeleton_of_key(patronymic_key(person.name.patronymic)), 0)
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
                if patronymic:
                    keys.append(block(SURNAME_GIVEN_PATRONYMIC, surname, given, patronymic))
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
    if patronymic:
        keys.extend(block(GIVEN_PATRONYMIC, given, patronymic) for given in givens)
        keys.extend(block(SURNAME_PATRONYMIC, surname, patronymic) for surname in surnames)
        # Without the surname: a woman listed under her married or maiden name keeps her
        # father's name and her date of birth (a year either side, day and month swapped).
        keys.extend(block(PATRONYMIC_MONTH, patronymic, value) for value in months)
        for given in givens:
            keys.extend(block(GIVEN_PATRONYMIC_YEAR, given, patronymic, y) for y in all_years)
    if date.day:
        # Without the year: a digit mistyped in the year (1968 for 1986, 1901 for 1981) leaves
        # the day and month, the day and month perhaps swapped.
        days = [date.month * 32 + date.day]
        if date.day <= 12 and date.day != date.month:
            days.append(date.day * 32 + date.month)
        for kind, names in ((GIVEN_DAY, givens), (SURNAME_DAY, surnames)):
            keys.extend(block(kind, name, value) for name in names for value in days)
    return list(dict.fromkeys(keys))


# Lists at least this long are scored on several processes (``Matcher.workers``), in chunks of
# at most PARALLEL_CHUNK rows so that progress can be shown.
PARALLEL_FROM = 1_000
PARALLEL_CHUNK = 500
# What a forked worker scores: set by the parent just before it forks.
_FORKED: tuple[Matcher, Sequence[ListedPerson], int] | None = None


def _score_chunk(bounds: tuple[int, int]) -> list[list[Candidate]]:
    assert _FORKED is not None
    matcher, people, keep = _FORKED
    return matcher.best_of(people[bounds[0] : bounds[1]], keep)


class Matcher:
    """Matches listed people to a registry; see the module's description."""

    def __init__(
        self, registry: Registry, thresholds: Thresholds | None = None, workers: int | None = None
    ) -> None:
        self.registry = registry
        # Scoring a list is independent row by row: use the machine's cores where fork exists
        # (the workers then share the registry's memory).
        can_fork = "fork" in multiprocessing.get_all_start_methods()
        self.workers = workers if workers is not None else (os.cpu_count() or 1) if can_fork else 1
        self.thresholds = thresholds or Thresholds()
        size = max(len(registry), 1)
        t = self.thresholds
        self.prior = math.log2(t.prior_in_registry / (1 - t.prior_in_registry)) - math.log2(size)
        # As estimated by the last ``match`` (see ``_estimate_prior`` and ``_match_threshold``).
        self.estimated_share = t.prior_in_registry
        self.match_threshold = t.match
        self._cached_tables: _Tables | None = None
        self._whole: _WordTable | None = None  # see ``_word_table``
        self._words: dict[NameParts, tuple[list[_Word], list[tuple[int, int]]]] = {}

    # -- candidates -------------------------------------------------------------------------

    def block_keys(self, person: ListedPerson) -> list[int]:
        found = self.registry.expected.get(person)
        return found if found is not None else lookup_keys(self.registry.vocabulary, person)

    def candidates(self, person: ListedPerson) -> list[int]:
        """The registry people worth scoring in full (see ``_candidate_positions``)."""
        return self._candidate_positions(person).tolist()

    def _candidate_positions(self, person: ListedPerson) -> np.ndarray:
        """The registry people worth scoring in full, ranked by the most informative block they
        share with the row: a block carries log2(registry size / block size) bits, so sharing a
        small block (a given name and a full date) ranks a person above one sharing several
        large ones (a common surname and a year, the same surname and patronymic: a family).
        Each further shared block adds a small part of its bits, to order people who tie."""
        index = self.registry.index
        keys = self.block_keys(person)
        if not keys:
            return np.zeros(0, dtype=np.int32)
        starts, ends = index.lookup(np.array(keys, dtype=np.uint64))
        sizes = ends - starts
        kept = (sizes > 0) & (sizes <= LARGEST_BLOCK)
        if not kept.any():
            return np.zeros(0, dtype=np.int32)
        starts, sizes = starts[kept], sizes[kept]
        bits = np.log2(max(len(self.registry), 2) / sizes)
        # Most informative first: a person's first block is their best.
        order = np.argsort(-bits, kind="stable")
        starts, sizes, bits = starts[order], sizes[order], bits[order]
        positions = np.concatenate(
            [
                index.positions[s : s + z]
                for s, z in zip(starts.tolist(), sizes.tolist(), strict=True)
            ]
        )
        shared = np.repeat(bits, sizes)
        found, first, inverse = np.unique(positions, return_index=True, return_inverse=True)
        best = shared[first]
        rank = best + SHARED_BONUS * (np.bincount(inverse, shared, len(found)) - best)
        if len(found) <= MOST_CANDIDATES:
            return found
        # People tied at the cut (namesakes born the same year) are all kept, up to a bound, so
        # that the posterior sees every one of them and stays modest.
        ranked = np.argsort(-rank, kind="stable")
        cut = rank[ranked[MOST_CANDIDATES - 1]]
        end = MOST_CANDIDATES + int(
            np.count_nonzero(rank[ranked[MOST_CANDIDATES:MOST_TIED]] >= cut)
        )
        return found[ranked[:end]]

    def _candidates_of(self, people: Sequence[ListedPerson]) -> tuple[np.ndarray, np.ndarray]:
        """``_candidate_positions`` of many rows at once, as one array of positions laid row
        after row and the number of each row's: every row's blocks are looked up, gathered,
        de-duplicated and ranked in one set of array operations (the same order, ties and cut
        as row by row)."""
        index = self.registry.index
        keys_of = [self.block_keys(person) for person in people]
        counts = np.array([len(keys) for keys in keys_of], dtype=np.int64)
        none = np.zeros(0, dtype=np.int64)
        if not counts.sum():
            return none, np.zeros(len(people), dtype=np.int64)
        keys = np.fromiter(
            (key for row_keys in keys_of for key in row_keys), dtype=np.uint64, count=counts.sum()
        )
        key_row = np.repeat(np.arange(len(people)), counts)
        starts, ends = index.lookup(keys)
        sizes = ends - starts
        kept = (sizes > 0) & (sizes <= LARGEST_BLOCK)
        starts, sizes, key_row = starts[kept], sizes[kept], key_row[kept]
        bits = np.log2(max(len(self.registry), 2) / sizes)
        # Each row's blocks, most informative first: a person's first block is their best.
        order = np.lexsort((-bits, key_row))
        starts, sizes, bits, key_row = starts[order], sizes[order], bits[order], key_row[order]
        total = int(sizes.sum())
        offsets = np.cumsum(sizes) - sizes
        gathered = np.repeat(starts - offsets, sizes) + np.arange(total)
        positions = index.positions[gathered].astype(np.int64)
        shared = np.repeat(bits, sizes)
        pair_row = np.repeat(key_row, sizes)
        # One person once per row; ``np.unique`` over (row, position) keeps the first occurrence,
        # which is the person's best block.
        found, first, inverse = np.unique(
            (pair_row << 32) | positions, return_index=True, return_inverse=True
        )
        best = shared[first]
        rank = best + SHARED_BONUS * (np.bincount(inverse, shared, len(found)) - best)
        row = found >> 32
        found = found & 0xFFFFFFFF
        per_row = np.bincount(row, minlength=len(people))
        row_start = np.cumsum(per_row) - per_row
        # Rows with more than MOST_CANDIDATES: ranked best first (stable), cut at the
        # MOST_CANDIDATES-th, keeping those tied with it up to MOST_TIED; other rows keep all
        # their people in the order of their positions.
        ranked = np.lexsort((-rank, row))
        at = np.empty(len(found), dtype=np.int64)
        at[ranked] = np.arange(len(found)) - row_start[row[ranked]]
        large = per_row[row] > MOST_CANDIDATES
        cut_of = np.full(len(people), -np.inf)
        at_cut = ranked[(at[ranked] == MOST_CANDIDATES - 1)]
        cut_of[row[at_cut]] = rank[at_cut]
        keep = ~large | (at < MOST_CANDIDATES) | ((at < MOST_TIED) & (rank >= cut_of[row]))
        place = np.where(large, at, np.arange(len(found)) - row_start[row])
        chosen = np.flatnonzero(keep)
        chosen = chosen[np.lexsort((place[chosen], row[chosen]))]
        return found[chosen], np.bincount(row[chosen], minlength=len(people))

    # -- scoring, as arrays -----------------------------------------------------------------
    #
    # A chunk of rows is scored together: each distinct listed word is compared once with every
    # name of the vocabulary (rapidfuzz's ``cdist``, in C) and its levels turned into weights
    # (``_word_weights``); the candidate pairs of all the chunk's rows are laid end to end and each
    # field's weight is looked up by (the row's word, the registry name's code) and summed as
    # arrays. ``score_each`` is the same model, one candidate at a time; the two agree exactly.

    def _prepare(self, people: Sequence[ListedPerson] = ()) -> None:
        """Build what scoring reads (the index, the columns, the weight tables, the weights of
        the list's words) before workers fork, so that they share it rather than each build it."""
        self.registry.index  # noqa: B018
        self._tables()
        if people and self._tables().size <= WHOLE_VOCABULARY:
            table = self._word_table(people, np.zeros(0, dtype=np.int64))
            self._learn_words(table, self._words_of(people))
            table.stack()

    def _tables(self) -> _Tables:
        vocabulary = self.registry.vocabulary
        size = len(vocabulary.keys)
        tables = self._cached_tables
        if tables is None or tables.size != size or tables.people != len(self.registry):
            columns = self.registry.columns
            people = max(len(self.registry), 1)
            exact = {}
            for role, table in (
                (0, SURNAME_WEIGHTS), (0, WOMAN_SURNAME_WEIGHTS), (1, GIVEN_WEIGHTS),
                (2, PATRONYMIC_WEIGHTS),
            ):  # fmt: skip
                counts = columns.counts[role].tolist()
                counts += [0] * (size - len(counts))
                # math.log2, as ``NameWeights.weight`` computes it, so the two agree to the bit.
                exact[(role, table.cap)] = np.array(
                    [min(table.cap, math.log2(0.95 / max(c / people, 1e-7))) for c in counts]
                )
            skeleton_of = np.frombuffer(vocabulary.skeleton_of, dtype=np.int32).copy()
            skeletons = np.array(vocabulary.skeletons, dtype=object)
            tables = self._cached_tables = _Tables(
                size=size,
                people=len(self.registry),
                keys=np.array(vocabulary.keys, dtype=object),
                skeleton_of=skeleton_of,
                skeletons=skeletons,
                skeletons_without_v=np.array(
                    [skeleton.replace("f", "") for skeleton in vocabulary.skeletons], dtype=object
                ),
                skeleton_length=np.array([len(s) for s in vocabulary.skeletons]),
                exact=exact,
            )
        return tables

    def _levels(self, words: Sequence[_Word], role: int, codes: np.ndarray) -> np.ndarray:
        """``name_agreement`` of listed words (rows) against names of the vocabulary (columns:
        ``codes``), as level codes; the comparisons of all the words are made by one call of
        rapidfuzz's ``cdist`` per measure."""
        tables, vocabulary = self._tables(), self.registry.vocabulary
        levels = np.full((len(words), len(codes)), _MISSING, dtype=np.int8)
        keys = [(word.as_surname if role == 0 else word.as_given) for word in words]
        listed_skeletons = [
            (word.surname_skeleton if role == 0 else word.given_skeleton) for word in words
        ]
        names = tables.keys[codes]
        skeletons = tables.skeleton_of[codes]
        arabic = [i for i, word in enumerate(words) if keys[i] and word.arabic]
        plain = [i for i, word in enumerate(words) if keys[i] and not word.arabic]
        same_skeleton = skeletons[None, :] == np.array(
            [vocabulary.skeleton_codes.get(skeleton, -1) for skeleton in listed_skeletons],
            dtype=np.int64,
        ).reshape(-1, 1)
        if arabic:
            # No short vowels: only the consonants can agree.
            listed = [listed_skeletons[i] for i in arabic]
            similarity = cdist(
                listed, tables.skeletons[skeletons], scorer=JaroWinkler.similarity,
                dtype=np.float64,
            )  # fmt: skip
            same = same_skeleton[arabic]
            without_v = tables.skeletons_without_v[skeletons]
            for row, skeleton in enumerate(listed):
                if len(skeleton) >= 2:  # ``without_v``
                    same[row] |= without_v == skeleton
            levels[arabic] = np.where(same, _CLOSE, np.where(similarity >= 0.9, _WEAK, _DIFFERENT))
        if plain:
            listed = [keys[i] for i in plain]
            similarity = cdist(listed, names, scorer=JaroWinkler.similarity, dtype=np.float64)
            same = same_skeleton[plain] & (tables.skeleton_length[skeletons] >= 3)[None, :]
            close = (similarity >= 0.92) | ((similarity >= 0.85) & same)
            lengths = np.array([len(key) for key in listed]).reshape(-1, 1)
            slip = cdist(listed, names, scorer=OSA.distance) == 1
            slip &= lengths >= SWAP_FROM
            short = (lengths < SLIP_FROM).ravel()
            if short.any():
                distance = cdist(
                    [key for key, is_short in zip(listed, short, strict=True) if is_short],
                    names,
                    scorer=Levenshtein.distance,
                )
                slip[short] &= distance == 2
            close |= slip
            levels[plain] = np.where(close, _CLOSE, np.where(similarity >= 0.84, _WEAK, _DIFFERENT))
        for row, key in enumerate(keys):
            if key:
                levels[row, codes == vocabulary.codes.get(key, -1)] = _EXACT
        levels[:, codes == 0] = _MISSING
        return levels

    def _weights(
        self, levels: np.ndarray, role: int, table: NameWeights, codes: np.ndarray, arabic: bool
    ) -> np.ndarray:
        """``NameWeights.weight`` of each level, with the registry name's frequency."""
        exact = self._tables().exact[(role, table.cap)][codes]
        close = np.maximum(0.5, exact - (ARABIC_CLOSE_DISCOUNT if arabic else table.close_discount))
        other = np.array([0.0, 0.0, table.weak, table.different, 0.0])[levels]
        return np.where(levels == _EXACT, exact, np.where(levels == _CLOSE, close, other))

    def _word_weights(self, table: _WordTable, word: _Word | None, role: int) -> int:
        """The row (in ``table``) of this listed word's weight against the table's names in one
        role: its surname weight for a man and for a woman (role 0), its given name weight (1)
        or its patronymic weight (2)."""
        if word is None:
            return _ZERO_ROW
        return self._learn_words(table, [(word, role)])[0]

    @staticmethod
    def _word_key(word: _Word, role: int) -> tuple:
        return (role, word.as_surname, word.as_given, word.surname_skeleton, word.given_skeleton,
                word.arabic)  # fmt: skip

    def _word_table(self, people: Sequence[ListedPerson], positions: np.ndarray) -> _WordTable:
        """Where the weights of these rows' words against their candidates' names are looked
        up. A registry with few distinct names (at most ``WHOLE_VOCABULARY``) gets one table
        against all of them, kept (the list repeats its words: each is compared once, and
        ``_prepare`` fills it before the workers fork); a registry with more gets a table per
        chunk of rows, against the names among the chunk's candidates only, so that neither the
        comparisons nor the table grow with the vocabulary."""
        size = self._tables().size
        if size <= WHOLE_VOCABULARY:
            if self._whole is None or len(self._whole.codes) != size:
                self._whole = _WordTable(np.arange(size))
            return self._whole
        columns = self.registry.columns
        return _WordTable(
            np.unique(
                np.concatenate(
                    [
                        np.zeros(1, dtype=np.int64),
                        columns.surname[positions],
                        columns.given[positions],
                        columns.patronymic[positions],
                    ]
                )
            )
        )

    def _learn_words(self, table: _WordTable, wanted: Sequence[tuple[_Word, int]]) -> list[int]:
        """``_word_weights`` of many (word, role) pairs, the new ones compared together."""
        seen = table.seen
        new: dict[tuple, tuple[_Word, int]] = {}
        for word, role in wanted:
            key = self._word_key(word, role)
            if key not in seen:
                new.setdefault(key, (word, role))
        codes = table.codes
        for role in (0, 1, 2):
            learnt = [(key, word) for key, (word, of) in new.items() if of == role]
            if not learnt:
                continue
            levels = self._levels([word for _, word in learnt], role, codes)
            for (key, word), level in zip(learnt, levels, strict=True):
                if role == 0:
                    rows = [
                        self._weights(level, 0, SURNAME_WEIGHTS, codes, word.arabic),
                        self._weights(level, 0, WOMAN_SURNAME_WEIGHTS, codes, word.arabic),
                    ]
                else:
                    weights = GIVEN_WEIGHTS if role == 1 else PATRONYMIC_WEIGHTS
                    rows = [self._weights(level, role, weights, codes, word.arabic)]
                seen[key] = len(table.rows)
                table.rows += rows
            table.stacked = None
        return [seen[self._word_key(word, role)] for word, role in wanted]

    def _listed_words(self, person: ListedPerson) -> tuple[list[_Word], list[tuple[int, int]]]:
        """``_listed_words`` of a row's name, kept (``_prepare`` fills it before workers fork)."""
        found = self._words.get(person.name)
        if found is None:
            found = self._words[person.name] = _listed_words(person.name)
        return found

    def _words_of(
        self,
        people: Sequence[ListedPerson],
        words_of: Sequence[tuple[list[_Word], list[tuple[int, int]]]] | None = None,
    ) -> list[tuple[_Word, int]]:
        """Every (word, role) the rows' scoring looks up."""
        if words_of is None:
            words_of = [self._listed_words(person) for person in people]
        wanted = []
        for person, (listed, _) in zip(people, words_of, strict=True):
            wanted += [(word, role) for word in listed for role in (0, 1)]
            if person.name.patronymic:
                wanted.append((_patronymic_word(person), 2))
        return wanted

    def _score_rows(
        self, people: Sequence[ListedPerson], positions: np.ndarray, sizes: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, list[list[tuple[int, int]]]]:
        """Each candidate's weight and the assignment of its row's words chosen for it (an
        index into that row's assignments), for many rows at once: the candidates of all rows
        are laid end to end, and each field is weighed for all of them in one set of array
        operations (a listed word's weights against the vocabulary are looked up by the pair's
        row and the registry name's code). Returns the weights, the choices and each row's
        assignments."""
        columns = self.registry.columns
        rows = len(people)
        words_of = [self._listed_words(person) for person in people]
        assignments_of = [assignments or [(-1, -1)] for _, assignments in words_of]
        most = max((len(assignments) for assignments in assignments_of), default=1)
        # Per row and assignment: the rows of the word tables for the surname (a man's; a
        # woman's is the next row) and the given name. An assignment a row lacks never wins.
        man = np.full((rows, most), _NEVER_ROW, dtype=np.int64)
        woman = np.full((rows, most), _NEVER_ROW, dtype=np.int64)
        given = np.full((rows, most), _ZERO_ROW, dtype=np.int64)
        patronymic = np.full(rows, _ZERO_ROW, dtype=np.int64)
        listed_sex = np.zeros(rows, dtype=np.int64)
        same_sex, other_sex = np.zeros(rows), np.zeros(rows)
        listed_date = np.zeros((3, rows), dtype=np.int64)
        words_table = self._word_table(people, positions)
        self._learn_words(words_table, self._words_of(people, words_of))
        for r, (person, (listed, assignments)) in enumerate(zip(people, words_of, strict=True)):
            if not assignments:  # no name at all: no assignment and no weight
                man[r, 0] = woman[r, 0] = _NO_NAME_ROW
            for a, (s, g) in enumerate(assignments):
                if s >= 0:
                    man[r, a] = self._word_weights(words_table, listed[s], 0)
                    woman[r, a] = man[r, a] + 1
                else:
                    man[r, a] = woman[r, a] = _ZERO_ROW
                if g >= 0:
                    given[r, a] = self._word_weights(words_table, listed[g], 1)
            if person.name.patronymic:
                patronymic[r] = self._word_weights(words_table, _patronymic_word(person), 2)
            listed_sex[r] = SEX_CODES.get(person.sex or person.name.sex_hint, 0)
            table = SEX_WEIGHTS if person.sex else INFERRED_SEX_WEIGHTS
            same_sex[r], other_sex[r] = table[SexAgreement.SAME], table[SexAgreement.DIFFERENT]
            listed_date[:, r] = person.birth_date[:3]
        weights = words_table.stack()
        row = np.repeat(np.arange(rows), sizes)
        surnames, givens = (
            words_table.columns(columns.surname[positions]),
            words_table.columns(columns.given[positions]),
        )
        sexes = columns.sex[positions]
        is_woman = sexes == SEX_CODES[FEMALE]
        totals = np.stack(
            [
                np.where(
                    is_woman,
                    weights[woman[row, a], surnames],
                    weights[man[row, a], surnames],
                )
                + weights[given[row, a], givens]
                for a in range(most)
            ]
        )
        chosen = np.argmax(totals, axis=0)  # the first best, as ``score_each`` takes it
        best = totals[chosen, np.arange(len(positions))]
        pair_sex = listed_sex[row]
        best = best + np.where(
            (pair_sex == 0) | (sexes == 0),
            0.0,
            np.where(sexes == pair_sex, same_sex[row], other_sex[row]),
        )
        weight = self.prior + best
        weight += weights[patronymic[row], words_table.columns(columns.patronymic[positions])]
        levels = compare_date_pairs(
            listed_date[0][row],
            listed_date[1][row],
            listed_date[2][row],
            columns.year[positions],
            columns.month[positions],
            columns.day[positions],
        )
        weight += _DATE_WEIGHTS[levels]
        return weight, chosen, assignments_of

    def score(self, person: ListedPerson, positions: Iterable[int]) -> list[Candidate]:
        """Every candidate's weight, best first."""
        positions = np.fromiter(positions, dtype=np.int64)
        return self._ranked([person], positions, np.array([len(positions)]), len(positions))[0]

    def _ranked(
        self, people: Sequence[ListedPerson], positions: np.ndarray, sizes: np.ndarray, keep: int
    ) -> list[list[Candidate]]:
        """Each row's ``keep`` best candidates (``positions``, ``sizes`` of each row's), best
        first (the earlier of equals first)."""
        if not len(positions):
            return [[] for _ in people]
        weight, chosen, assignments_of = self._score_rows(people, positions, sizes)
        row = np.repeat(np.arange(len(people)), sizes)
        order = np.lexsort((-weight, row))  # by row, then best first; stable
        starts = np.cumsum(sizes) - sizes
        rank = np.arange(len(order)) - np.repeat(starts, sizes)
        order = order[rank < keep]
        kept_rows = row[order].tolist()
        out: list[list[Candidate]] = [[] for _ in people]
        for r, position, value, at in zip(
            kept_rows,
            positions[order].tolist(),
            weight[order].tolist(),
            chosen[order].tolist(),
            strict=True,
        ):
            out[r].append(Candidate(position, value, assignments_of[r][at]))
        return out

    def best(self, person: ListedPerson, keep: int) -> list[Candidate]:
        """The ``keep`` best of a row's candidates, best first."""
        return self.best_of([person], keep)[0]

    def best_of(self, people: Sequence[ListedPerson], keep: int) -> list[list[Candidate]]:
        """The ``keep`` best candidates of each row, best first, the rows scored together."""
        return self._ranked(people, *self._candidates_of(people), keep)

    # -- scoring ----------------------------------------------------------------------------

    def _name_weights(
        self, word: _Word | None, role: int, weights: NameWeights
    ) -> Callable[[int], tuple[NameAgreement, float]]:
        """A memoised weight of this list word against a registry name code, in one role."""
        registry, vocabulary = self.registry, self.registry.vocabulary
        memo: dict[int, tuple[NameAgreement, float]] = {}
        if word is None:
            return lambda code: (NameAgreement.MISSING, 0.0)
        key = word.as_surname if role == 0 else word.as_given
        listed_skeleton = word.surname_skeleton if role == 0 else word.given_skeleton

        def weigh(code: int) -> tuple[NameAgreement, float]:
            found = memo.get(code)
            if found is None:
                level = name_agreement(
                    key,
                    listed_skeleton,
                    word.arabic,
                    vocabulary.keys[code],
                    skeleton_of_key(vocabulary.keys[code]),
                )
                found = memo[code] = (
                    level,
                    weights.weight(level, registry.frequency(role, code), word.arabic),
                )
            return found

        return weigh

    def score_each(self, person: ListedPerson, positions: Iterable[int]) -> list[Candidate]:
        """Every candidate's weight, best first, one candidate at a time: the model as plainly
        written (``score`` computes the same as arrays)."""
        registry = self.registry
        listed, assignments = _listed_words(person.name)
        surname_weights = [self._name_weights(w, 0, SURNAME_WEIGHTS) for w in listed]
        woman_surname_weights = [self._name_weights(w, 0, WOMAN_SURNAME_WEIGHTS) for w in listed]
        given_weights = [self._name_weights(w, 1, GIVEN_WEIGHTS) for w in listed]
        missing = self._name_weights(None, 0, SURNAME_WEIGHTS)
        patronymic_word = (
            _Word(*(patronymic_key(person.name.patronymic),) * 2, "", "", False)
            if person.name.patronymic
            else None
        )
        if patronymic_word:
            patronymic_word.surname_skeleton = patronymic_word.given_skeleton = skeleton_of_key(
                patronymic_word.as_given
            )
            patronymic_word.arabic = is_arabic(person.name.patronymic)
        patronymic_weights = self._name_weights(patronymic_word, 2, PATRONYMIC_WEIGHTS)
        sex_table = SEX_WEIGHTS if person.sex else INFERRED_SEX_WEIGHTS
        listed_sex = SEX_CODES.get(person.sex or person.name.sex_hint, 0)
        listed_date = person.birth_date
        date_memo: dict[int, float] = {}
        pairs_by_sex = [
            [
                (
                    table[s] if s >= 0 else missing,
                    given_weights[g] if g >= 0 else missing,
                    (s, g),
                )
                for s, g in assignments
            ]
            for table in (surname_weights, surname_weights, woman_surname_weights)
        ]
        out = []
        surnames, givens, patronymics = registry.surname, registry.given, registry.patronymic
        sexes, years, months, days = registry.sex, registry.year, registry.month, registry.day
        # Relatives share names, candidates share dates: each (surname, given name, sex) and each
        # date is weighed once per list row, not once per candidate.
        name_memo: dict[int, tuple[float, tuple[int, int]]] = {}
        patronymic_memo: dict[int, float] = {}
        prior = self.prior
        listed_year = listed_date.year
        for position in positions:
            surname_code, given_code, sex = surnames[position], givens[position], sexes[position]
            pair = (surname_code << 34) | (given_code << 2) | sex
            found = name_memo.get(pair)
            if found is None:
                best, chosen = -1e9, (-1, -1)
                for weigh_surname, weigh_given, assignment in pairs_by_sex[sex]:
                    total = weigh_surname(surname_code)[1] + weigh_given(given_code)[1]
                    if total > best:
                        best, chosen = total, assignment
                if listed_sex and sex:
                    best += sex_table[sex_agreement(SEX_NAMES[listed_sex], SEX_NAMES[sex])]
                found = name_memo[pair] = (best, chosen)
            weight = prior + found[0]
            patronymic_code = patronymics[position]
            patronymic_weight = patronymic_memo.get(patronymic_code)
            if patronymic_weight is None:
                patronymic_weight = patronymic_memo[patronymic_code] = patronymic_weights(
                    patronymic_code
                )[1]
            weight += patronymic_weight
            year = years[position]
            if listed_year and year:
                date_key = year * 10_000 + months[position] * 100 + days[position]
                date_weight = date_memo.get(date_key)
                if date_weight is None:
                    level = compare_dates(
                        listed_date, PartialDate(year, months[position], days[position])
                    )
                    date_weight = date_memo[date_key] = DATE_WEIGHTS[level]
                weight += date_weight
            out.append(Candidate(position, weight, found[1]))
        out.sort(key=lambda candidate: -candidate.weight)
        return out

    def explain(self, person: ListedPerson, candidate: Candidate) -> tuple[FieldAgreement, ...]:
        """Each field's agreement between the list row and one candidate, for a reviewer."""
        registry, keys = self.registry, self.registry.vocabulary.keys
        position = candidate.index
        listed, _ = _listed_words(person.name)
        surname_at, given_at = candidate.assignment
        lines = []
        woman = registry.sex[position] == SEX_CODES[FEMALE]
        surname_table = WOMAN_SURNAME_WEIGHTS if woman else SURNAME_WEIGHTS
        for role, at, weights, code, name in (
            (0, surname_at, surname_table, registry.surname[position], "surname"),
            (1, given_at, GIVEN_WEIGHTS, registry.given[position], "given_name"),
        ):
            word = listed[at] if at >= 0 else None
            level, weight = self._name_weights(word, role, weights)(code)
            shown = "" if word is None else (word.as_surname if role == 0 else word.as_given)
            lines.append(FieldAgreement(name, level.value, weight, shown, keys[code]))
        code = registry.patronymic[position]
        if person.name.patronymic:
            word_key = patronymic_key(person.name.patronymic)
            word = _Word(word_key, word_key, *(skeleton_of_key(word_key),) * 2, False)
            level, weight = self._name_weights(word, 2, PATRONYMIC_WEIGHTS)(code)
            lines.append(FieldAgreement("patronymic", level.value, weight, word_key, keys[code]))
        else:
            lines.append(FieldAgreement("patronymic", "missing", 0.0, "", keys[code]))
        listed_sex = person.sex or person.name.sex_hint
        registered_sex = SEX_NAMES[registry.sex[position]]
        sex_level = sex_agreement(listed_sex, registered_sex)
        table = SEX_WEIGHTS if person.sex else INFERRED_SEX_WEIGHTS
        lines.append(
            FieldAgreement("sex", sex_level.value, table[sex_level], listed_sex, registered_sex)
        )
        registered_date = registry.birth_date(position)
        date_level = compare_dates(person.birth_date, registered_date)
        lines.append(
            FieldAgreement(
                "birth_date",
                date_level.value,
                DATE_WEIGHTS[date_level],
                str(person.birth_date),
                str(registered_date),
            )
        )
        return tuple(lines)

    # -- decisions --------------------------------------------------------------------------

    @staticmethod
    def _in_registry(candidates: Sequence[Candidate]) -> float:
        """P(the listed person is one of the candidates at all)."""
        odds = sum(2.0 ** min(c.weight, 60.0) for c in candidates)
        return odds / (1.0 + odds)

    def _posterior(self, candidates: Sequence[Candidate]) -> float:
        """P(the first candidate is the person) against the others and "not in the registry"."""
        if not candidates:
            return 0.0
        top = candidates[0].weight
        # Divide through by 2**top so that large weights do not overflow.
        others = sum(2.0 ** (c.weight - top) for c in candidates[1:] if c.weight - top > -60)
        return 1.0 / (1.0 + others + (2.0 ** (-top) if top > -1000 else math.inf))

    def match(
        self,
        people: Sequence[ListedPerson],
        *,
        adjust: Callable[[ListedPerson, list[Candidate]], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        keep: int = 5,
    ) -> list[MatchResult]:
        """One result per listed person, in the list's order (see the module's description).

        ``adjust`` may change candidates' weights in place (family-aware scoring); the list is
        re-sorted after it. ``keep`` candidates per row are kept for review and assignment.
        """
        results = []
        self._prepare(people)
        if adjust is None and self.workers > 1 and len(people) >= PARALLEL_FROM:
            for kept in self._score_in_parallel(people, keep):
                start = len(results)
                results.extend(
                    MatchResult(listed=people[start + i], candidates=candidates)
                    for i, candidates in enumerate(kept)
                )
                if progress is not None:
                    progress(len(results), len(people))
        else:
            for done, person in enumerate(people, start=1):
                if adjust is not None:
                    scored = self.score(person, self._candidate_positions(person))
                    adjust(person, scored)
                    scored.sort(key=lambda candidate: -candidate.weight)
                else:
                    scored = self.best(person, keep)
                results.append(MatchResult(listed=person, candidates=scored[:keep]))
                if progress is not None:
                    progress(done, len(people))
        if self.thresholds.estimate:
            self._estimate_prior(results)
        self._assign(results)
        return results

    def _score_in_parallel(
        self, people: Sequence[ListedPerson], keep: int
    ) -> Iterator[list[list[Candidate]]]:
        """Score the list in chunks on ``workers`` forked processes, which share the registry
        with this one (copy on write) rather than receive a copy; each returns only the kept
        candidates of its rows. Yields each chunk's candidates, in the list's order."""
        global _FORKED
        _FORKED = (self, people, keep)
        size = max(1, min(PARALLEL_CHUNK, -(-len(people) // self.workers)))
        chunks = [(start, min(start + size, len(people))) for start in range(0, len(people), size)]
        try:
            with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                yield from pool.imap(_score_chunk, chunks)
        finally:
            _FORKED = None

    def _estimate_prior(self, results: Sequence[MatchResult]) -> None:
        """Re-estimate the share of listed people who are in the registry from the list itself:
        the mean posterior of "in the registry" over the rows, iterated to a fixed point (the
        expectation-maximisation step for a mixture's weight). A Beta pseudo-count around the
        configured share keeps a short list from swinging it to an extreme. Every candidate's
        weight moves by the change in the prior's log odds."""
        t = self.thresholds
        start = math.log2(t.prior_in_registry / (1 - t.prior_in_registry))
        share, shift = t.prior_in_registry, 0.0
        rows = [[c.weight for c in r.candidates] for r in results if r.candidates]
        pseudo = t.prior_strength
        for _ in range(20):
            total = 0.0
            for weights in rows:
                top = max(weights) + shift
                # P(in the registry) = sum of the candidates' odds / (1 + that sum)
                odds = sum(2.0 ** min(w + shift, 60.0) for w in weights)
                total += odds / (1.0 + odds) if top > -60 else 0.0
            updated = (total + pseudo * t.prior_in_registry) / (len(results) + pseudo)
            updated = min(max(updated, 0.02), 0.98)
            new_shift = math.log2(updated / (1 - updated)) - start
            if abs(new_shift - shift) < 1e-3:
                shift, share = new_shift, updated
                break
            shift, share = new_shift, updated
        self.estimated_share = share
        for result in results:
            for candidate in result.candidates:
                candidate.weight += shift

    def _match_threshold(self, posteriors: Sequence[float], expected_links: float) -> float:
        """The posterior above which a row is decided "match", chosen to maximise the F1 the
        model itself expects: with calibrated posteriors p, matching the rows with p >= t is
        expected to find sum(p) true links among count(p >= t) predictions, out of
        ``expected_links``. (For calibrated scores the optimum lies at half the F1 it
        reaches.) Bounded so that a badly calibrated list cannot make it absurd."""
        t = self.thresholds
        if not t.estimate or len(posteriors) < t.least_rows_to_estimate:
            return t.match
        best_f1, best = -1.0, t.match
        found = 0.0
        for count, p in enumerate(sorted(posteriors, reverse=True), start=1):
            found += p
            f1 = 2 * found / (count + expected_links) if count + expected_links else 0.0
            if f1 > best_f1:
                best_f1, best = f1, p
        return min(max(best, t.lowest_match), t.match)

    def _assign(self, results: list[MatchResult]) -> None:
        """One registry person per list row: the rows most sure of their best candidate choose
        first; a later row whose best candidate is taken falls back to its next one."""
        posteriors = [self._posterior(r.candidates) for r in results]
        order = sorted(range(len(results)), key=lambda i: -posteriors[i])
        expected_links = sum(self._in_registry(r.candidates) for r in results)
        match_at = self.match_threshold = self._match_threshold(posteriors, expected_links)
        taken: set[int] = set()
        t = self.thresholds
        for i in order:
            result = results[i]
            free = [c for c in result.candidates if c.index not in taken]
            if not free:
                continue
            best = free[0]
            score = self._posterior(free)
            margin = best.weight - free[1].weight if len(free) > 1 else math.inf
            if score >= match_at and margin >= t.margin:
                decision = Decision.MATCH
            elif score >= t.review:
                decision = Decision.REVIEW
            else:
                decision = Decision.NONE
            result.score = round(min(max(score, 0.0), 1.0), 4)
            result.decision = decision
            if decision is not Decision.NONE:
                result.registry_id = self.registry.ids[best.index]
                result._explain = partial(self.explain, result.listed, best)
                if decision is Decision.MATCH:
                    taken.add(best.index)
