"""The matching engine: a registry held in compact columns, blocking, scoring, assignment.

1. **Registry** (``Registry``): each person is a handful of integers in ``array`` columns (codes
   of the folded surname stem, given name and patronymic, sex, year, month, day) and an id; the
   folded names are interned once in a vocabulary, and each distinct raw spelling is folded once.
   When the list is known first (``Registry.expect``), only the blocks it will look up are filed.
2. **Blocking**: a person is filed under several keys (``BLOCKING_KEYS``): consonant skeletons
   of the names, paired or tripled with each other and with the date, so that a typo, a missing
   date, a married name or a swapped word order still leaves a key in common with the list's
   rendering. A list row's candidates are ranked by the most informative block they share with
   it (log2 of registry size over block size) and only the best ``MOST_CANDIDATES`` (and those
   tied with them) are scored; blocks over ``LARGEST_BLOCK`` people are not read.
3. **Scoring** (``compare``): the sum of each field's log2 likelihood ratio, names compared in
   every assignment of the list's words to surname and given name; the best assignment counts.
   Name agreements weigh by the name's frequency in the registry (a rare name says more).
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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import permutations

from reintegra.identity.arabic import arabic_given_name, is_arabic
from reintegra.identity.compare import (
    DATE_WEIGHTS,
    GIVEN_WEIGHTS,
    INFERRED_SEX_WEIGHTS,
    PATRONYMIC_WEIGHTS,
    SEX_WEIGHTS,
    SURNAME_WEIGHTS,
    WOMAN_SURNAME_WEIGHTS,
    FieldAgreement,
    NameAgreement,
    NameWeights,
    name_agreement,
    sex_agreement,
)
from reintegra.identity.dates import UNKNOWN_DATE, PartialDate, compare_dates
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

# Blocking keys: (kind, first part, second part). Names are consonant skeletons, so that every
# script's rendering of a name files under the same key.
(
    SURNAME_GIVEN,
    SURNAME_GIVEN_PREFIX,
    GIVEN_SURNAME_PREFIX,
    GIVEN_MONTH,
    GIVEN_YEAR,
    SURNAME_MONTH,
    SURNAME_YEAR,
    GIVEN_PATRONYMIC,
    SURNAME_PATRONYMIC,
    SURNAME_GIVEN_YEAR,
    SURNAME_GIVEN_PATRONYMIC,
) = range(1, 12)
BLOCKING_KEYS = {
    SURNAME_GIVEN: "surname and given name",
    SURNAME_GIVEN_PREFIX: "surname and the given name's first consonants",
    GIVEN_SURNAME_PREFIX: "given name and the surname's first consonants",
    GIVEN_MONTH: "given name and month of birth",
    GIVEN_YEAR: "given name and year of birth",
    SURNAME_MONTH: "surname and month of birth",
    SURNAME_YEAR: "surname and year of birth",
    GIVEN_PATRONYMIC: "given name and patronymic",
    SURNAME_PATRONYMIC: "surname and patronymic",
    SURNAME_GIVEN_YEAR: "surname, given name and year of birth",
    SURNAME_GIVEN_PATRONYMIC: "surname, given name and patronymic",
}
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


def _block(kind: int, first: int, second: int) -> int:
    return (kind << 56) | (first << 28) | second


def _block3(kind: int, first: int, second: int, third: int) -> int:
    # Above every two-part key: the third part (a year, a patronymic) takes 28 more bits.
    return (_block(kind, first, second) << 28) | third


_K_SURNAME_GIVEN = SURNAME_GIVEN << 56
_K_SURNAME_GIVEN_PREFIX = SURNAME_GIVEN_PREFIX << 56
_K_GIVEN_SURNAME_PREFIX = GIVEN_SURNAME_PREFIX << 56
_K_SURNAME_GIVEN_YEAR = SURNAME_GIVEN_YEAR << 56
_K_SURNAME_GIVEN_PATRONYMIC = SURNAME_GIVEN_PATRONYMIC << 56
_K_GIVEN_PATRONYMIC = GIVEN_PATRONYMIC << 56
_K_SURNAME_PATRONYMIC = SURNAME_PATRONYMIC << 56
_K_GIVEN_YEAR = GIVEN_YEAR << 56
_K_GIVEN_MONTH = GIVEN_MONTH << 56
_K_SURNAME_YEAR = SURNAME_YEAR << 56
_K_SURNAME_MONTH = SURNAME_MONTH << 56


def _person_keys(
    surname: int, surname_prefix: int, given: int, given_prefix: int, patronymic: int,
    year: int, month: int,
) -> list[int]:  # fmt: skip
    """The blocks a registry person is filed under (skeleton codes; 0 is "no value")."""
    keys = []
    if surname and given:
        keys.append(_block(SURNAME_GIVEN, surname, given))
        keys.append(_block(SURNAME_GIVEN_PREFIX, surname, given_prefix))
        keys.append(_block(GIVEN_SURNAME_PREFIX, given, surname_prefix))
        if year:
            keys.append(_block3(SURNAME_GIVEN_YEAR, surname, given, year))
        if patronymic:
            keys.append(_block3(SURNAME_GIVEN_PATRONYMIC, surname, given, patronymic))
    if patronymic:
        if given:
            keys.append(_block(GIVEN_PATRONYMIC, given, patronymic))
        if surname:
            keys.append(_block(SURNAME_PATRONYMIC, surname, patronymic))
    if year:
        if given:
            keys.append(_block(GIVEN_YEAR, given, year))
            if month:
                keys.append(_block(GIVEN_MONTH, given, year * 13 + month))
        if surname:
            keys.append(_block(SURNAME_YEAR, surname, year))
            if month:
                keys.append(_block(SURNAME_MONTH, surname, year * 13 + month))
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
    explanation: tuple[FieldAgreement, ...] = field(default=())


class _Vocabulary:
    """Folded names and skeletons interned as integers; code 0 is "no value"."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {"": 0}
        self.keys: list[str] = [""]
        self.skeleton_codes: dict[str, int] = {"": 0}
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
        self.index: dict[int, list[int]] = {}
        self._counts: list[Counter[int]] | None = None  # per field: code -> how many people
        # Names repeat heavily (a million people share a few thousand spellings): each raw
        # spelling is folded once, per role, and remembered with its skeleton codes.
        self._raw: tuple[dict[str, tuple[int, int, int]], ...] = ({}, {}, {})
        # When the list is known before the registry is read, only the blocks it looks up are
        # filed (``expect``): a fraction of the time and memory of filing every block.
        self.wanted: set[int] | None = None

    def expect(self, people: Iterable[ListedPerson]) -> None:
        """File only the blocks these listed people will look up. Call before adding anyone."""
        wanted: set[int] = set()
        for person in people:
            wanted.update(lookup_keys(self.vocabulary, person, intern=True))
        self.wanted = wanted

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
        """File one person; the raw name fields are folded here (once per distinct spelling).
        This runs a million times for a large registry: it is kept to the bare steps."""
        position = len(self.ids)
        self.ids.append(person_id)
        raw_surname, raw_given, raw_patronymic = self._raw
        found = raw_surname.get(surname) or self._code(0, surname)
        s_code, s_skel, s_prefix = found
        found = raw_given.get(given) or self._code(1, given)
        g_code, g_skel, g_prefix = found
        found = raw_patronymic.get(patronymic) or self._code(2, patronymic)
        p_code, p_skel = found[0], found[1]
        self.surname.append(s_code)
        self.given.append(g_code)
        self.patronymic.append(p_code)
        self.sex.append(sex)
        year, month = date.year, date.month
        self.year.append(year)
        self.month.append(month)
        self.day.append(date.day)
        self._counts = None
        # The keys of ``_person_keys``, written out: this line runs a million times.
        s28, g28 = s_skel << 28, g_skel << 28
        if s_skel and g_skel:
            sg = _K_SURNAME_GIVEN | s28 | g_skel
            keys = [sg, _K_SURNAME_GIVEN_PREFIX | s28 | g_prefix]
            keys.append(_K_GIVEN_SURNAME_PREFIX | g28 | s_prefix)
            if year:
                keys.append(((sg ^ _K_SURNAME_GIVEN ^ _K_SURNAME_GIVEN_YEAR) << 28) | year)
            if p_skel:
                keys.append(((sg ^ _K_SURNAME_GIVEN ^ _K_SURNAME_GIVEN_PATRONYMIC) << 28) | p_skel)
        else:
            keys = []
        if p_skel:
            if g_skel:
                keys.append(_K_GIVEN_PATRONYMIC | g28 | p_skel)
            if s_skel:
                keys.append(_K_SURNAME_PATRONYMIC | s28 | p_skel)
        if year:
            year_month = year * 13 + month
            if g_skel:
                keys.append(_K_GIVEN_YEAR | g28 | year)
                if month:
                    keys.append(_K_GIVEN_MONTH | g28 | year_month)
            if s_skel:
                keys.append(_K_SURNAME_YEAR | s28 | year)
                if month:
                    keys.append(_K_SURNAME_MONTH | s28 | year_month)
        index, wanted = self.index, self.wanted
        if wanted is not None:
            keys = [key for key in keys if key in wanted]
        for key in keys:
            block = index.get(key)
            if block is None:
                index[key] = [position]
            else:
                block.append(position)
        return position

    def _count(self) -> list[Counter[int]]:
        # Counted once, in C, over the columns, rather than person by person while reading.
        if self._counts is None:
            self._counts = [Counter(self.surname), Counter(self.given), Counter(self.patronymic)]
        return self._counts

    def frequency(self, kind: int, code: int) -> float:
        return self._count()[kind][code] / max(len(self.ids), 1) if code else 0.0

    def birth_date(self, position: int) -> PartialDate:
        return PartialDate(self.year[position], self.month[position], self.day[position])


@dataclass(slots=True)
class _Word:
    """One word of a listed name, folded for each role it may play."""

    as_surname: str
    as_given: str
    surname_skeleton: str
    given_skeleton: str
    arabic: bool


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
                keys.append(_block(SURNAME_GIVEN, surname, given))
                keys.extend(_block3(SURNAME_GIVEN_YEAR, surname, given, year) for year in all_years)
                if patronymic:
                    keys.append(_block3(SURNAME_GIVEN_PATRONYMIC, surname, given, patronymic))
            if surname and given_prefix:
                keys.append(_block(SURNAME_GIVEN_PREFIX, surname, given_prefix))
            if given and surname_prefix:
                keys.append(_block(GIVEN_SURNAME_PREFIX, given, surname_prefix))
    for kind_month, kind_year, names in (
        (GIVEN_MONTH, GIVEN_YEAR, givens),
        (SURNAME_MONTH, SURNAME_YEAR, surnames),
    ):
        for name in names:
            keys.extend(_block(kind_month, name, value) for value in months)
            keys.extend(_block(kind_year, name, value) for value in years)
    if patronymic:
        keys.extend(_block(GIVEN_PATRONYMIC, given, patronymic) for given in givens)
        keys.extend(_block(SURNAME_PATRONYMIC, surname, patronymic) for surname in surnames)
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
    return [
        matcher.score(person, matcher.candidates(person))[:keep]
        for person in people[bounds[0] : bounds[1]]
    ]


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

    # -- candidates -------------------------------------------------------------------------

    def block_keys(self, person: ListedPerson) -> list[int]:
        return lookup_keys(self.registry.vocabulary, person)

    def candidates(self, person: ListedPerson) -> list[int]:
        """The registry people worth scoring in full, ranked by the most informative block they
        share with the row: a block carries log2(registry size / block size) bits, so sharing a
        small block (a given name and a full date) ranks a person above one sharing several
        large ones (a common surname and a year, the same surname and patronymic: a family).
        Each further shared block adds a small part of its bits, to order people who tie."""
        registry = self.registry
        index = registry.index
        size = max(len(registry), 2)
        blocks = []
        for key in self.block_keys(person):
            block = index.get(key)
            if block and len(block) <= LARGEST_BLOCK:
                blocks.append((math.log2(size / len(block)), block))
        blocks.sort(key=lambda item: -item[0])
        found: dict[int, float] = {}
        get = found.get
        for bits, block in blocks:
            # Blocks come most informative first: a person's first block is their best.
            extra = SHARED_BONUS * bits
            for position in block:
                seen = get(position)
                found[position] = bits if seen is None else seen + extra
        if len(found) <= MOST_CANDIDATES:
            return list(found)
        # People tied at the cut (namesakes born the same year) are all kept, up to a bound, so
        # that the posterior sees every one of them and stays modest.
        ranked = sorted(found, key=found.__getitem__, reverse=True)
        cut = found[ranked[MOST_CANDIDATES - 1]]
        end = MOST_CANDIDATES
        while end < min(len(ranked), MOST_TIED) and found[ranked[end]] >= cut:
            end += 1
        return ranked[:end]

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

    def score(self, person: ListedPerson, positions: Iterable[int]) -> list[Candidate]:
        """Every candidate's weight, best first."""
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
                scored = self.score(person, self.candidates(person))
                if adjust is not None:
                    adjust(person, scored)
                    scored.sort(key=lambda candidate: -candidate.weight)
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
                result.explanation = self.explain(result.listed, best)
                if decision is Decision.MATCH:
                    taken.add(best.index)
