"""Blocking keys and the block index, as NumPy arrays.

A key is one unsigned 64-bit integer: the key's kind in the top four bits, then up to three parts
of twenty bits each (consonant-skeleton codes, a year, or a year and month as ``year * 13 +
month``). The index is every (key, registry position) pair, sorted by key: a block is the run of
one key, found by binary search (``BlockIndex.lookup``). Built with one ``argsort`` over the
registry's key columns rather than a Python dictionary of lists, it costs a fraction of the time
and memory at a million people.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

PART_BITS = 20
# A vocabulary of more distinct name skeletons than this cannot be keyed (no real registry
# comes near: a million people hold some tens of thousands of names).
MOST_PART = (1 << PART_BITS) - 1

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
    PATRONYMIC_MONTH,
    GIVEN_PATRONYMIC_YEAR,
    GIVEN_DAY,
    SURNAME_DAY,
    SURNAME_PATRONYMIC_YEAR,
) = range(16)  # all that the kind's four bits hold
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
    # Neither key holds the surname: a woman is often listed under her married (or maiden) name,
    # but keeps her father's name and her date of birth. With a typo in her given name as well,
    # these are the keys left in common with the registry.
    PATRONYMIC_MONTH: "patronymic and month of birth",
    GIVEN_PATRONYMIC_YEAR: "given name, patronymic and year of birth",
    # Neither holds the year: a digit mistyped in it leaves the day and the month.
    GIVEN_DAY: "given name, day and month of birth",
    SURNAME_DAY: "surname, day and month of birth",
    # A family (surname and father's name) in one year: a brother or sister born the same year
    # is rare, so a given name mistyped beyond recognition still leaves a small block, where
    # the surname and the year alone make one too large to read (Сейітов, 1995).
    SURNAME_PATRONYMIC_YEAR: "surname, patronymic and year of birth",
}


def block(kind: int, first: int, second: int = 0, third: int = 0) -> int:
    """The key of a block (parts are codes below 2**20; 0 is "no value")."""
    return (kind << 60) | (first << 40) | (second << 20) | third


def _keys(kind: int, first, second, third=None) -> np.ndarray:
    key = (np.uint64(kind) << np.uint64(60)) | (first.astype(np.uint64) << np.uint64(40))
    key |= second.astype(np.uint64) << np.uint64(20)
    if third is not None:
        key |= third.astype(np.uint64)
    return key


def person_keys(
    surname: np.ndarray,
    surname_prefix: np.ndarray,
    given: np.ndarray,
    given_prefix: np.ndarray,
    patronymic: np.ndarray,
    year: np.ndarray,
    month: np.ndarray,
    day: np.ndarray,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(keys, positions) of every block the people of these columns are filed under, kind by
    kind: the columns are skeleton codes (0: no value), year, month and day. The same keys as
    ``keys._person_keys`` gives one person at a time."""
    positions = np.arange(len(surname), dtype=np.int32)
    year_month = year.astype(np.int64) * 13 + month
    both = (surname > 0) & (given > 0)
    has_patronymic = patronymic > 0
    has_year = year > 0
    has_month = has_year & (month > 0)
    has_day = has_month & (day > 0)
    month_day = month.astype(np.int64) * 32 + day
    for kind, mask, parts in (
        (SURNAME_GIVEN, both, (surname, given)),
        (SURNAME_GIVEN_PREFIX, both, (surname, given_prefix)),
        (GIVEN_SURNAME_PREFIX, both, (given, surname_prefix)),
        (SURNAME_GIVEN_YEAR, both & has_year, (surname, given, year)),
        (SURNAME_GIVEN_PATRONYMIC, both & has_patronymic, (surname, given, patronymic)),
        (GIVEN_PATRONYMIC, has_patronymic & (given > 0), (given, patronymic)),
        (SURNAME_PATRONYMIC, has_patronymic & (surname > 0), (surname, patronymic)),
        (GIVEN_YEAR, has_year & (given > 0), (given, year)),
        (GIVEN_MONTH, has_month & (given > 0), (given, year_month)),
        (SURNAME_YEAR, has_year & (surname > 0), (surname, year)),
        (SURNAME_MONTH, has_month & (surname > 0), (surname, year_month)),
        (PATRONYMIC_MONTH, has_month & has_patronymic, (patronymic, year_month)),
        (GIVEN_DAY, has_day & (given > 0), (given, month_day)),
        (SURNAME_DAY, has_day & (surname > 0), (surname, month_day)),
        (
            GIVEN_PATRONYMIC_YEAR,
            has_year & has_patronymic & (given > 0),
            (given, patronymic, year),
        ),
        (
            SURNAME_PATRONYMIC_YEAR,
            has_year & has_patronymic & (surname > 0),
            (surname, patronymic, year),
        ),
    ):
        if mask.all():
            yield _keys(kind, *parts), positions
        else:
            yield _keys(kind, *(part[mask] for part in parts)), positions[mask]


class BlockIndex:
    """Registry positions by block key: ``keys`` sorted, ``positions`` in the same order."""

    def __init__(self, keys: np.ndarray, positions: np.ndarray, ordered: bool = False) -> None:
        if not ordered:
            order = np.argsort(keys, kind="stable")
            keys, positions = keys[order], positions[order]
        self.keys = keys
        self.positions = positions

    @classmethod
    def build(
        cls, filed: Iterator[tuple[np.ndarray, np.ndarray]], wanted: np.ndarray | None = None
    ) -> BlockIndex:
        """From ``person_keys``; with ``wanted`` (sorted keys), only those blocks are kept. Each
        kind is filtered and sorted on its own (small arrays, in the cache), and since the kind
        is a key's top bits, the kinds in turn make one sorted array."""
        seen = None if wanted is None else _Sieve(wanted)

        def sort(filed_kind: tuple[np.ndarray, np.ndarray]):
            kind_keys, kind_positions = filed_kind
            if seen is not None:
                kept = seen.may_hold(kind_keys)
                kind_keys, kind_positions = kind_keys[kept], kind_positions[kept]
            if not len(kind_keys):
                return None
            order = np.argsort(kind_keys)
            return int(kind_keys[0] >> np.uint64(60)), order, kind_keys, kind_positions

        # NumPy lets go of Python's lock while it sorts and filters large arrays: the kinds are
        # sorted on a thread per core while the next kinds' keys are computed.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            parts = [part for part in pool.map(sort, filed) if part is not None]
        parts.sort(key=lambda part: part[0])
        if not parts:
            return cls(np.zeros(0, np.uint64), np.zeros(0, np.int32), ordered=True)
        return cls(
            np.concatenate([keys[order] for _, order, keys, _ in parts]),
            np.concatenate([positions[order] for _, order, _, positions in parts]),
            ordered=True,
        )

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where each key's block starts and ends in ``positions``."""
        return (
            np.searchsorted(self.keys, keys, side="left"),
            np.searchsorted(self.keys, keys, side="right"),
        )

    def get(self, key: int, default=None):
        start, end = self.lookup(np.array([key], dtype=np.uint64))
        if start[0] == end[0]:
            return default
        return self.positions[start[0] : end[0]]

    def items(self) -> Iterator[tuple[int, np.ndarray]]:
        if not len(self.keys):
            return
        starts = np.flatnonzero(np.r_[True, self.keys[1:] != self.keys[:-1]])
        ends = np.r_[starts[1:], len(self.keys)]
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            yield int(self.keys[start]), self.positions[start:end]

    def __len__(self) -> int:
        """The number of blocks."""
        if not len(self.keys):
            return 0
        return int(np.count_nonzero(self.keys[1:] != self.keys[:-1])) + 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BlockIndex):
            return NotImplemented
        return {k: sorted(v.tolist()) for k, v in self.items()} == {
            k: sorted(v.tolist()) for k, v in other.items()
        }

    __hash__ = None  # type: ignore[assignment]


class _Sieve:
    """A set of keys as a bitmap of their hashes: ``may_hold`` is true for every key in the set
    and for a few others (about one in 500 for 30,000 keys). A few extra blocks in the index
    cost a little memory and nothing else (no list row looks them up); an exact test of
    millions of keys costs a binary search each."""

    BITS = 24
    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: 2**64 / the golden ratio

    def __init__(self, keys: np.ndarray) -> None:
        self.table = np.zeros(1 << self.BITS, dtype=bool)
        self.table[self._hash(keys)] = True

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        return (keys * self._MULTIPLIER) >> np.uint64(64 - self.BITS)

    def may_hold(self, keys: np.ndarray) -> np.ndarray:
        return self.table[self._hash(keys)]
