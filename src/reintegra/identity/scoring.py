"""Scoring as arrays: a chunk of listed rows against their candidates at once, each listed word
weighed once against the registry's names (the ``Matcher``'s second step; see
``reintegra.identity.engine``)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein
from rapidfuzz.process import cdist

from reintegra.identity.compare import (
    ARABIC_CLOSE_DISCOUNT,
    ARABIC_SLIP_FROM,
    DATE_WEIGHTS,
    GIVEN_WEIGHTS,
    INFERRED_SEX_WEIGHTS,
    PATRONYMIC_WEIGHTS,
    SEX_WEIGHTS,
    SLIP_FROM,
    SURNAME_WEIGHTS,
    SWAP_FROM,
    WOMAN_SURNAME_WEIGHTS,
    YEAR_DENSITY_LEVELS,
    NameAgreement,
    NameWeights,
    SexAgreement,
    arabic_letters_fit,
    skeleton_without_v,
)
from reintegra.identity.dates import DATE_LEVELS, compare_date_pairs
from reintegra.identity.keys import _listed_words, _patronymic_words, _Word
from reintegra.identity.names import FEMALE, NameParts
from reintegra.identity.records import SEX_CODES, Candidate, ListedPerson
from reintegra.identity.registry import Registry

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
_YEAR_DENSITY = np.array([level in YEAR_DENSITY_LEVELS for level in DATE_LEVELS])
# The first rows of ``Matcher._word_table``: no weight, an assignment a row does not have, and
# the weight of a row with no name at all (as ``score_each`` has it).
_ZERO_ROW, _NEVER_ROW, _NO_NAME_ROW = 0, 1, 2

# A registry with at most this many distinct folded names has its listed words weighed against
# all of them once (``Matcher._word_table``): a table of (listed words) × (names) floats.
WHOLE_VOCABULARY = 4_000


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
    skeleton_vs: np.ndarray  # skeleton code -> how many f it has (в and ф)
    exact: dict[tuple[int, float], np.ndarray]  # (role, cap) -> word code -> exact weight


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


class _ScoresAsArrays:
    """The ``Matcher``'s scoring as arrays (``Matcher`` inherits it)."""

    registry: Registry
    prior: float
    _cached_tables: _Tables | None
    _whole: _WordTable | None
    _words: dict[NameParts, tuple[list[_Word], list[tuple[int, int]]]]

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
                    [skeleton_without_v(skeleton) for skeleton in vocabulary.skeletons],
                    dtype=object,
                ),
                skeleton_length=np.array([len(s) for s in vocabulary.skeletons]),
                skeleton_vs=np.array([s.count("f") for s in vocabulary.skeletons]),
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
            # ``without_v``
            without_v = tables.skeletons_without_v[skeletons]
            may_lose_v = (tables.skeleton_length[skeletons] >= 2) & (
                tables.skeleton_vs[skeletons] > 0
            )
            for row, skeleton in enumerate(listed):
                if skeleton:
                    same[row] |= (
                        (without_v == skeleton_without_v(skeleton))
                        & may_lose_v
                        & (skeleton.count("f") < tables.skeleton_vs[skeletons])
                    )
            slipped = cdist(listed, tables.skeletons[skeletons], scorer=OSA.distance) == 1
            slipped &= np.array([len(s) >= ARABIC_SLIP_FROM for s in listed]).reshape(-1, 1)
            weak = (similarity >= 0.9) | slipped
            # The same consonants, but letters written that the name does not have: weak.
            for row, column in zip(*np.nonzero(same), strict=True):
                if words[arabic[row]].known:
                    continue
                if not arabic_letters_fit(keys[arabic[row]], names[column], role == 0):
                    same[row, column] = False
                    weak[row, column] = True
            levels[arabic] = np.where(same, _CLOSE, np.where(weak, _WEAK, _DIFFERENT))
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
        self,
        levels: np.ndarray,
        role: int,
        table: NameWeights,
        codes: np.ndarray,
        close_frequency: float | None,
    ) -> np.ndarray:
        """``NameWeights.weight`` of each level, with the registry name's frequency; for an
        Arabic-script word, with its ``close_frequency`` (``Registry.close_frequency``)."""
        tables = self._tables()
        exact = tables.exact[(role, table.cap)][codes]
        if close_frequency is not None:
            shared = min(table.cap, math.log2(0.95 / max(close_frequency, 1e-7)))
            close = np.maximum(0.5, np.minimum(shared, exact) - ARABIC_CLOSE_DISCOUNT)
        else:
            close = np.maximum(0.5, exact - table.close_discount)
        other = np.array([0.0, 0.0, table.weak, table.different, 0.0])[levels]
        return np.where(levels == _EXACT, exact, np.where(levels == _CLOSE, close, other))

    def _word_weights(self, table: _WordTable, word: _Word | None, role: int) -> int:
        """The row (in ``table``) of this listed word's weight against the table's names in one
        role: its surname weight for a man and for a woman (role 0), its given name weight (1)
        or its patronymic weight (2)."""
        if word is None:
            return _ZERO_ROW
        return self._learn_words(table, [(word, role)])[0]

    def _patronymic_row(self, table: _WordTable, person: ListedPerson) -> int:
        """The row (in ``table``) of a row's patronymic weights: of its one reading, or the
        better of its readings against each name (``keys._patronymic_words``)."""
        rows = self._learn_words(table, [(word, 2) for word in _patronymic_words(person)])
        if len(rows) == 1:
            return rows[0]
        key = ("better of", *rows)
        found = table.seen.get(key)
        if found is None:
            found = table.seen[key] = len(table.rows)
            table.rows.append(np.maximum.reduce([table.rows[row] for row in rows]))
            table.stacked = None
        return found

    @staticmethod
    def _word_key(word: _Word, role: int) -> tuple:
        return (role, word.as_surname, word.as_given, word.surname_skeleton, word.given_skeleton,
                word.arabic, word.known)  # fmt: skip

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
                share = None
                if word.arabic:
                    share = self.registry.close_frequency(
                        role,
                        word.as_surname if role == 0 else word.as_given,
                        word.surname_skeleton if role == 0 else word.given_skeleton,
                        not word.known,
                    )
                if role == 0:
                    rows = [
                        self._weights(level, 0, SURNAME_WEIGHTS, codes, share),
                        self._weights(level, 0, WOMAN_SURNAME_WEIGHTS, codes, share),
                    ]
                else:
                    weights = GIVEN_WEIGHTS if role == 1 else PATRONYMIC_WEIGHTS
                    rows = [self._weights(level, role, weights, codes, share)]
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
            wanted += [(word, 2) for word in _patronymic_words(person)]
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
                patronymic[r] = self._patronymic_row(words_table, person)
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
        # The date's weight whole before it is added, as ``score_each`` adds it (to the bit).
        weight += _DATE_WEIGHTS[levels] + np.where(
            _YEAR_DENSITY[levels], columns.year_weight[columns.year[positions]], 0.0
        )
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
