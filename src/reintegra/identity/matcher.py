"""The Matcher: candidates, scores and decisions for a list against a registry, on several
forked processes for a long list (see ``reintegra.identity.engine``)."""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial

import numpy as np

from reintegra.identity.candidates import _FindsCandidates
from reintegra.identity.explain import _ScoresOneByOne
from reintegra.identity.keys import _Word
from reintegra.identity.names import NameParts
from reintegra.identity.records import Candidate, Decision, ListedPerson, MatchResult, Thresholds
from reintegra.identity.registry import Registry
from reintegra.identity.scoring import _ScoresAsArrays, _Tables, _WordTable

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


class Matcher(_FindsCandidates, _ScoresAsArrays, _ScoresOneByOne):
    """Matches listed people to a registry; see ``reintegra.identity.engine``."""

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
        """One result per listed person, in the list's order (see ``reintegra.identity.engine``).

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
        weights = _weights(results)
        pseudo = t.prior_strength
        for _ in range(20):
            total = float(_in_registry(weights + shift).sum())
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
        ranked = np.sort(np.asarray(posteriors, dtype=np.float64))[::-1]
        found = np.cumsum(ranked)
        f1 = 2 * found / (np.arange(1, len(ranked) + 1) + expected_links)
        best = float(ranked[int(np.argmax(f1))])  # the first of equals, the highest posterior
        return min(max(best, t.lowest_match), t.match)

    def _assign(self, results: list[MatchResult]) -> None:
        """One registry person per list row: the rows most sure of their best candidate choose
        first; a later row whose best candidate is taken falls back to its next one."""
        weights = _weights(results)
        posteriors = _posteriors(weights).tolist()
        order = sorted(range(len(results)), key=lambda i: -posteriors[i])
        expected_links = float(_in_registry(weights).sum())
        match_at = self.match_threshold = self._match_threshold(posteriors, expected_links)
        taken: set[int] = set()
        t = self.thresholds
        for i in order:
            result = results[i]
            free = [c for c in result.candidates if c.index not in taken]
            if not free:
                continue
            best = free[0]
            # Computed again only when another row took one of its candidates.
            score = posteriors[i] if len(free) == len(result.candidates) else self._posterior(free)
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


def _weights(results: Sequence[MatchResult]) -> np.ndarray:
    """Each row's candidates' weights, best first, as a row of a matrix (-inf where a row has
    fewer candidates than another)."""
    width = max((len(result.candidates) for result in results), default=0)
    weights = np.full((len(results), max(width, 1)), -np.inf)
    for row, result in enumerate(results):
        weights[row, : len(result.candidates)] = [c.weight for c in result.candidates]
    return weights


def _in_registry(weights: np.ndarray) -> np.ndarray:
    """P(the listed person is one of the candidates at all), for each row of ``_weights``: the
    sum of the candidates' odds over one plus it; 0 for a row whose best weight is below -60
    (its odds are nothing)."""
    odds = np.exp2(np.minimum(weights, 60.0)).sum(axis=1)
    return np.where(weights[:, 0] > -60, odds / (1.0 + odds), 0.0)


def _posteriors(weights: np.ndarray) -> np.ndarray:
    """``Matcher._posterior`` of each row of ``_weights``."""
    top = weights[:, :1]
    with np.errstate(invalid="ignore", over="ignore"):
        others = weights[:, 1:] - top
        others = np.where(others > -60, np.exp2(others), 0.0).sum(axis=1)
        nothing = np.where(top[:, 0] > -1000, np.exp2(-top[:, 0]), np.inf)
        return np.where(np.isfinite(top[:, 0]), 1.0 / (1.0 + others + nothing), 0.0)
