"""The registry: the people to match against, in compact columns of codes, with the vocabulary
of folded names and the block index built from them (see ``reintegra.identity.engine``)."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from reintegra.identity.blocks import MOST_PART, BlockIndex, person_keys
from reintegra.identity.compare import (
    DATE_WEIGHTS,
    YEAR_DENSITY_LEVELS,
    NameAgreement,
    name_agreement,
    skeleton_without_v,
    year_density_weights,
)
from reintegra.identity.dates import DateAgreement, PartialDate
from reintegra.identity.keys import PREFIX, given_key, lookup_keys, patronymic_key
from reintegra.identity.names import surname_stem, words
from reintegra.identity.phonetic import skeleton_of_key
from reintegra.identity.records import SEX_CODES, ListedPerson, RegistryPerson


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
    # Year -> the weight a date agreement with someone born that year gains or loses for how
    # many the registry holds born then (``compare.year_density_weights``).
    year_weight: np.ndarray
    # Per role: a skeleton without its f -> the codes of the names carried in that role that
    # have it (the only names an Arabic-script word of that skeleton can agree with closely).
    by_consonants: list[dict[str, list[int]] | None] = field(default_factory=lambda: [None] * 3)
    # (role, word's key, skeleton, letters checked) -> ``Registry.close_frequency``.
    close_frequencies: dict[tuple[int, str, str, bool], float] = field(default_factory=dict)


class Registry:
    """The people to match against, in compact columns (see ``reintegra.identity.engine``)."""

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
            year = np.array(self.year, dtype=np.int32)
            counts = tuple(
                np.bincount(codes, minlength=size) for codes in (surname, given, patronymic)
            )
            self._columns = _Columns(
                surname=surname,
                given=given,
                patronymic=patronymic,
                sex=np.frombuffer(bytes(self.sex), dtype=np.uint8).copy(),
                year=year,
                month=np.frombuffer(bytes(self.month), dtype=np.uint8).copy(),
                day=np.frombuffer(bytes(self.day), dtype=np.uint8).copy(),
                counts=counts,  # type: ignore[arg-type]
                year_weight=year_density_weights(year),
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

    def close_frequency(self, kind: int, key: str, skeleton: str, letters: bool) -> float:
        """The share of people whose name in this role an Arabic-script word (its fine key and
        skeleton; ``letters`` as ``compare.name_agreement`` has it) agrees with closely or
        exactly: the chance that a stranger's name agrees with it as well as the name it
        writes. A writing without short vowels agrees with every name of its consonants whose
        sounds its letters fit (Асем and Асима are both اسم), so this, not the one name's share,
        is what a close agreement is weighed by (``compare.NameWeights.weight``)."""
        columns = self.columns
        found = columns.close_frequencies.get((kind, key, skeleton, letters))
        if found is not None:
            return found
        counts, vocabulary = columns.counts[kind], self.vocabulary
        by_consonants = columns.by_consonants[kind]
        if by_consonants is None:
            by_consonants = columns.by_consonants[kind] = {}
            for code in np.flatnonzero(counts[1:]) + 1:
                skeleton_of_code = vocabulary.skeletons[vocabulary.skeleton_of[code]]
                by_consonants.setdefault(skeleton_without_v(skeleton_of_code), []).append(int(code))
        agreeing = 0
        for code in by_consonants.get(skeleton_without_v(skeleton), ()):
            level = name_agreement(
                key,
                skeleton,
                True,
                vocabulary.keys[code],
                vocabulary.skeletons[vocabulary.skeleton_of[code]],
                letters=letters,
                surname=kind == 0,
            )
            if level in (NameAgreement.EXACT, NameAgreement.CLOSE):
                agreeing += int(counts[code])
        found = columns.close_frequencies[(kind, key, skeleton, letters)] = agreeing / max(
            len(self.ids), 1
        )
        return found

    def date_weight(self, level: DateAgreement, position: int) -> float:
        """The weight of a date agreement with one registry person (``DATE_WEIGHTS``, adjusted
        for how many the registry holds born in that person's year)."""
        weight = DATE_WEIGHTS[level]
        if level in YEAR_DENSITY_LEVELS:
            weight += float(self.columns.year_weight[self.year[position]])
        return weight

    def birth_date(self, position: int) -> PartialDate:
        return PartialDate(self.year[position], self.month[position], self.day[position])
