"""Finding a listed row's candidates: the registry people who share its most informative blocks,
ranked and cut (the ``Matcher``'s first step; see ``reintegra.identity.engine``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reintegra.identity.keys import lookup_keys
from reintegra.identity.records import ListedPerson
from reintegra.identity.registry import Registry

# A block this large says little and costs much; its candidates come through other keys.
LARGEST_BLOCK = 300
# Candidates are ranked by how many keys they share with the list row (the person themself
# shares most: up to all nine when nothing is wrong, two or three with a typo, a married name or
# a partial date) and only the best ranked are scored in full.
MOST_CANDIDATES = 150
MOST_TIED = 400
SHARED_BONUS = 0.05


class _FindsCandidates:
    """The ``Matcher``'s candidate search (``Matcher`` inherits it)."""

    registry: Registry

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
