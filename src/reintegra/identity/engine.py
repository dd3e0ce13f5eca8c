"""The matching engine: a registry held in compact columns, blocking, scoring, assignment.

1. **Registry** (``Registry``): each person is a handful of integers in ``array`` columns (codes
   of the folded surname stem, given name and patronymic, sex, year, month, day) and an id; the
   folded names are interned once in a vocabulary. A million people fit in a few hundred MB.
2. **Blocking**: a person is filed under several keys, each a pair of consonant skeletons and
   dates (``BLOCKING_KEYS``), so that a typo, a missing date, a married name or a swapped word
   order still leaves at least one key in common with the list's rendering.
3. **Scoring** (``compare``): the sum of each field's log2 likelihood ratio, names compared in
   every assignment of the list's words to surname and given name; the best assignment counts.
4. **Decision**: the score is the posterior probability that the best candidate is the person,
   against both the other candidates and "not in the registry": a second candidate nearly as
   good lowers it. Each registry person is assigned to at most one list row (the best scored
   first), then ``match``, ``review`` or ``none`` by thresholds and a margin over the runner-up.

Family-aware scoring is left open: a list row carries an optional ``group`` (a family on the
list) and ``Matcher.match`` takes an ``adjust`` hook that may change candidates' weights (say,
when a mother and her children point to one registry family) before decisions are taken.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Sequence
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

# Blocking keys: (kind, first part, second part). Names are consonant skeletons.
(
    SURNAME_GIVEN,
    GIVEN_SURNAME,
    GIVEN_MONTH,
    GIVEN_YEAR,
    SURNAME_MONTH,
    SURNAME_YEAR,
    GIVEN_PATRONYMIC,
) = range(1, 8)
BLOCKING_KEYS = {
    SURNAME_GIVEN: "surname and the given name's first consonants",
    GIVEN_SURNAME: "given name and the surname's first consonants",
    GIVEN_MONTH: "given name and month of birth",
    GIVEN_YEAR: "given name and year of birth",
    SURNAME_MONTH: "surname and month of birth",
    SURNAME_YEAR: "surname and year of birth",
    GIVEN_PATRONYMIC: "given name and patronymic",
}
# How many consonants of a name's skeleton a key keeps when paired with the other name in full:
# a typo near the end of either name still leaves one key in common.
PREFIX = 2
# A block this large says little and costs much; its candidates come through other keys.
LARGEST_BLOCK = 5_000


def _block(kind: int, first: int, second: int) -> int:
    return (kind << 56) | (first << 28) | second


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
        self.counts: dict[int, int] = {}  # (field << 28 | code) -> how many people
        self._cache: dict[tuple[int, str], int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def _code(self, kind: int, raw: str) -> int:
        cached = self._cache.get((kind, raw))
        if cached is None:
            text = " ".join(words(raw))
            if kind == 0:
                key = surname_stem(text)
            elif kind == 1:
                key = given_key(text)
            else:
                key = patronymic_key(text)
            cached = self._cache[(kind, raw)] = self.vocabulary.code(key)
        return cached

    def add(self, person: RegistryPerson) -> int:
        position = len(self.ids)
        self.ids.append(person.id)
        codes = (
            self._code(0, person.surname),
            self._code(1, person.given_name),
            self._code(2, person.patronymic),
        )
        for column, value in zip((self.surname, self.given, self.patronymic), codes, strict=True):
            column.append(value)
        for kind, value in enumerate(codes):
            if value:
                slot = (kind << 28) | value
                self.counts[slot] = self.counts.get(slot, 0) + 1
        self.sex.append(SEX_CODES.get(person.sex, 0))
        date = person.birth_date
        self.year.append(date.year)
        self.month.append(date.month)
        self.day.append(date.day)
        skeleton_of = self.vocabulary.skeleton_of
        surname, given, patronymic = (skeleton_of[code] for code in codes)
        prefixes = self.vocabulary.prefix_of
        surname_prefix = prefixes[surname] if surname else 0
        given_prefix = prefixes[given] if given else 0
        keys = self._keys(surname, given, patronymic, date.year, date.month)
        if surname and given:
            keys.append(_block(SURNAME_GIVEN, surname, given_prefix))
            keys.append(_block(GIVEN_SURNAME, given, surname_prefix))
        for key in keys:
            block = self.index.get(key)
            if block is None:
                self.index[key] = [position]
            else:
                block.append(position)
        return position

    @staticmethod
    def _keys(surname: int, given: int, patronymic: int, year: int, month: int) -> list[int]:
        keys = []
        if given and patronymic:
            keys.append(_block(GIVEN_PATRONYMIC, given, patronymic))
        if year:
            for kind_month, kind_year, name in (
                (GIVEN_MONTH, GIVEN_YEAR, given),
                (SURNAME_MONTH, SURNAME_YEAR, surname),
            ):
                if name:
                    keys.append(_block(kind_year, name, year))
                    if month:
                        keys.append(_block(kind_month, name, year * 13 + month))
        return keys

    def frequency(self, kind: int, code: int) -> float:
        return self.counts.get((kind << 28) | code, 0) / max(len(self.ids), 1)

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


class Matcher:
    """Matches listed people to a registry; see the module's description."""

    def __init__(self, registry: Registry, thresholds: Thresholds | None = None) -> None:
        self.registry = registry
        self.thresholds = thresholds or Thresholds()
        size = max(len(registry), 1)
        t = self.thresholds
        self.prior = math.log2(t.prior_in_registry / (1 - t.prior_in_registry)) - math.log2(size)

    # -- candidates -------------------------------------------------------------------------

    def _date_variants(self, date: PartialDate) -> tuple[list[int], list[int]]:
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

    def candidates(self, person: ListedPerson) -> set[int]:
        registry, vocabulary = self.registry, self.registry.vocabulary
        listed, assignments = _listed_words(person.name)
        skeleton = vocabulary.skeleton_codes.get
        surnames = {skeleton(w.surname_skeleton, 0) for w in listed} - {0}
        givens = {skeleton(w.given_skeleton, 0) for w in listed} - {0}
        patronymic = skeleton(skeleton_of_key(patronymic_key(person.name.patronymic)), 0)
        months, years = self._date_variants(person.birth_date)
        keys: list[int] = []
        for surname_at, given_at in assignments:
            if surname_at >= 0 and given_at >= 0:
                surname_skeleton = listed[surname_at].surname_skeleton
                given_skeleton = listed[given_at].given_skeleton
                surname, given = skeleton(surname_skeleton, 0), skeleton(given_skeleton, 0)
                surname_prefix = skeleton(surname_skeleton[:PREFIX], 0)
                given_prefix = skeleton(given_skeleton[:PREFIX], 0)
                if surname and given_prefix:
                    keys.append(_block(SURNAME_GIVEN, surname, given_prefix))
                if given and surname_prefix:
                    keys.append(_block(GIVEN_SURNAME, given, surname_prefix))
        for kind_month, kind_year, names in (
            (GIVEN_MONTH, GIVEN_YEAR, givens),
            (SURNAME_MONTH, SURNAME_YEAR, surnames),
        ):
            for name in names:
                keys.extend(_block(kind_month, name, value) for value in months)
                keys.extend(_block(kind_year, name, value) for value in years)
        if patronymic:
            keys.extend(_block(GIVEN_PATRONYMIC, given, patronymic) for given in givens)
        found: set[int] = set()
        for key in keys:
            block = registry.index.get(key)
            if block and len(block) <= LARGEST_BLOCK:
                found.update(block)
        return found

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
                found = memo[code] = (level, weights.weight(level, registry.frequency(role, code)))
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
        for position in positions:
            surname_code, given_code = registry.surname[position], registry.given[position]
            best, chosen = -1e9, (-1, -1)
            for weigh_surname, weigh_given, assignment in pairs_by_sex[registry.sex[position]]:
                total = weigh_surname(surname_code)[1] + weigh_given(given_code)[1]
                if total > best:
                    best, chosen = total, assignment
            weight = self.prior + best + patronymic_weights(registry.patronymic[position])[1]
            sex = registry.sex[position]
            if listed_sex and sex:
                weight += sex_table[sex_agreement(SEX_NAMES[listed_sex], SEX_NAMES[sex])]
            year = registry.year[position]
            if listed_date.year and year:
                date_key = year * 10_000 + registry.month[position] * 100 + registry.day[position]
                date_weight = date_memo.get(date_key)
                if date_weight is None:
                    level = compare_dates(listed_date, registry.birth_date(position))
                    date_weight = date_memo[date_key] = DATE_WEIGHTS[level]
                weight += date_weight
            out.append(Candidate(position, weight, chosen))
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
        for done, person in enumerate(people, start=1):
            scored = self.score(person, self.candidates(person))
            if adjust is not None:
                adjust(person, scored)
                scored.sort(key=lambda candidate: -candidate.weight)
            results.append(MatchResult(listed=person, candidates=scored[:keep]))
            if progress is not None:
                progress(done, len(people))
        self._assign(results)
        return results

    def _assign(self, results: list[MatchResult]) -> None:
        """One registry person per list row: the rows most sure of their best candidate choose
        first; a later row whose best candidate is taken falls back to its next one."""
        order = sorted(range(len(results)), key=lambda i: -self._posterior(results[i].candidates))
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
            if score >= t.match and margin >= t.margin:
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
