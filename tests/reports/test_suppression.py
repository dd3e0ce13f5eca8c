"""Partner-safe aggregates, property-tested over random tables.

What is proved, for every table hypothesis draws:

1. every published figure (cell, margin, grand total) is 0 or at least 5;
2. for every hidden figure there is another table, consistent with everything published and
   with what the marks say (``<5``: 1 to 4; ``x``: at least 5; zeros are never hidden; parts add
   up to their totals), in which that figure has a different value. The witness is found by an
   exhaustive search written here independently of the module (small tables), so a hidden figure
   is never determined by the published ones;
3. on large tables (up to 8 x 8, values up to a million), where the search is too slow, no
   hidden figure is pinned by any single row or column sum (exact interval reasoning per line):
   a necessary condition, checked together with the module's own cycle witness.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reintegra.reports.indicators.base import COUNT, PERCENT, Indicator, Query, Row, Table
from reintegra.reports.suppression import (
    MASKED,
    SMALL,
    WITHHELD,
    _extended,
    has_cycle_move,
    protect_grid,
    protect_line,
    suppress,
)

small_values = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 12))
any_values = st.one_of(
    st.just(0), st.integers(1, 4), st.integers(5, 40), st.integers(41, 1_000_000)
)


def known_range(value: int, mark: str, cap: int) -> range:
    if mark == SMALL:
        return range(1, 5)
    if mark == MASKED:
        return range(5, cap + 1)
    if mark == WITHHELD:
        return range(0, cap + 1)
    return range(value, value + 1)


def witness_exists(entries, relations, target: int, cap: int) -> bool:
    """Is there an assignment of the hidden entries, within what their marks say, satisfying
    every relation (sum of parts == total), in which entry ``target`` differs from its value?

    ``entries``: list of (value, mark); ``relations``: list of (part indices, total index).
    An exhaustive depth-first search with interval pruning on each relation."""
    hidden = [i for i, (_v, m) in enumerate(entries) if m]
    domains = {i: known_range(v, m, cap) for i, (v, m) in enumerate(entries)}
    domains[target] = [x for x in domains[target] if x != entries[target][0]]
    assigned: dict[int, int] = {i: v for i, (v, m) in enumerate(entries) if not m}

    def feasible() -> bool:
        for parts, total in relations:
            low = high = 0
            for k, coef in [(p, 1) for p in parts] + [(total, -1)]:
                if k in assigned:
                    low += coef * assigned[k]
                    high += coef * assigned[k]
                else:
                    d = domains[k]
                    if not d:
                        return False
                    lo, hi = min(d), max(d)
                    low += coef * (lo if coef > 0 else hi)
                    high += coef * (hi if coef > 0 else lo)
            if low > 0 or high < 0:
                return False
        return True

    order = [target] + [i for i in hidden if i != target]

    def search(n: int) -> bool:
        if not feasible():
            return False
        if n == len(order):
            return True
        index = order[n]
        for x in domains[index]:
            assigned[index] = x
            if search(n + 1):
                return True
            del assigned[index]
        return False

    return search(0)


def grid_relations(height: int, width: int):
    """Relations of an extended grid laid out row by row (margins last)."""
    at = lambda r, c: r * width + c
    relations = [([at(r, c) for c in range(width - 1)], at(r, width - 1)) for r in range(height)]
    relations += [([at(r, c) for r in range(height - 1)], at(height - 1, c)) for c in range(width)]
    return relations


def published_are_safe(values, marks) -> None:
    for value, mark in zip(values, marks, strict=True):
        if not mark:
            assert value == 0 or value >= 5
        elif mark != WITHHELD:
            assert value > 0, "zeros are never hidden"
            assert (mark == SMALL) == (1 <= value <= 4)


@settings(max_examples=300, deadline=None)
@given(st.lists(small_values, min_size=1, max_size=6))
def test_a_hidden_count_of_one_disaggregation_can_never_be_worked_out(parts):
    values = [*parts, sum(parts)]
    marks = protect_line(values)
    published_are_safe(values, marks)
    entries = list(zip(values, marks, strict=True))
    relations = [(list(range(len(parts))), len(parts))]
    cap = sum(parts) + 5
    for target, (_value, mark) in enumerate(entries):
        if mark:
            assert witness_exists(entries, relations, target, cap), (values, marks, target)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 3).flatmap(
        lambda w: st.lists(st.lists(small_values, min_size=w, max_size=w), min_size=1, max_size=3)
    )
)
def test_a_hidden_count_of_two_disaggregations_can_never_be_worked_out(grid):
    ext = _extended(grid)
    marks = protect_grid(grid)
    height, width = len(ext), len(ext[0])
    values = [v for row in ext for v in row]
    flat_marks = [m for row in marks for m in row]
    published_are_safe(values, flat_marks)
    entries = list(zip(values, flat_marks, strict=True))
    relations = grid_relations(height, width)
    cap = ext[-1][-1] + 5
    for target, (_value, mark) in enumerate(entries):
        if mark:
            assert witness_exists(entries, relations, target, cap), (grid, marks, target)


def reader_bounds(value: int, mark: str) -> tuple[float, float]:
    return {SMALL: (1, 4), MASKED: (5, math.inf), WITHHELD: (0, math.inf)}.get(mark, (value, value))


def line_pins(values, marks, parts, total) -> list[int]:
    """Hidden entries whose value one relation alone fixes (exact integer interval reasoning)."""
    pinned = []
    members = [(p, 1) for p in parts] + [(total, -1)]
    for k, coef_k in members:
        if not marks[k]:
            continue
        low = high = 0.0
        for j, coef in members:
            if j == k:
                continue
            lo, hi = reader_bounds(values[j], marks[j])
            low += coef * (lo if coef > 0 else hi)
            high += coef * (hi if coef > 0 else lo)
        implied = (-high, -low) if coef_k > 0 else (low, high)
        lo, hi = reader_bounds(values[k], marks[k])
        if min(hi, implied[1]) - max(lo, implied[0]) < 1:
            pinned.append(k)
    return pinned


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 8).flatmap(
        lambda w: st.lists(st.lists(any_values, min_size=w, max_size=w), min_size=1, max_size=8)
    )
)
def test_large_tables_publish_no_small_count_and_no_line_gives_a_hidden_one_away(grid):
    ext = _extended(grid)
    marks = protect_grid(grid)
    height, width = len(ext), len(ext[0])
    values = [v for row in ext for v in row]
    flat_marks = [m for row in marks for m in row]
    published_are_safe(values, flat_marks)
    for parts, total in grid_relations(height, width):
        assert line_pins(values, flat_marks, parts, total) == []
    for r in range(height):
        for c in range(width):
            if marks[r][c]:
                assert has_cycle_move(ext, marks, r, c)


def test_a_count_alone_in_its_line_takes_a_neighbour_with_it():
    assert protect_line([3, 20, 50, 73]) == [SMALL, MASKED, "", ""]
    assert protect_line([0, 0, 7, 7]) == ["", "", "", ""]
    assert protect_line([2, 0, 0, 2]) == [SMALL, "", "", SMALL]


def test_parts_that_hiding_cannot_protect_are_withheld_with_only_the_total_shown():
    assert protect_line([1, 1, 1, 1, 4]) == [WITHHELD] * 4 + [SMALL]
    assert protect_line([1, 1, 1, 1, 1, 5]) == [SMALL] * 5 + [MASKED]  # the total hidden instead


def test_a_small_count_next_to_a_five_hides_a_larger_neighbour_too():
    # 1 + 5 = 6 would give both away (1 is at least 1, 5 at least 5): a third is hidden.
    marks = protect_line([1, 5, 30, 36])
    assert marks == [SMALL, MASKED, MASKED, ""]


# --- Tables ------------------------------------------------------------------------------------


def table_of(unit: str, by: tuple[str, ...], rows: list[Row]) -> Table:
    indicator = Indicator(
        code="test.figure",
        title="a figure",
        description="",
        unit=unit,
        kind="stock",
        disaggregations=by,
        compute=lambda query: rows,
    )
    return indicator.evaluate(Query(as_of=dt.date(2025, 1, 1), by=by))


def test_a_table_of_one_disaggregation_shows_small_counts_as_less_than_five():
    table = table_of(COUNT, ("sex",), [Row(("female",), 3), Row(("male",), 40)])
    published = suppress(table)
    assert published.cells[("female",)].shown == SMALL
    assert published.cells[("male",)].shown == MASKED
    assert published.total.shown == 43
    assert published.as_published()["cells"] == [[["female"], "<5"], [["male"], "x"]]


def test_a_small_total_is_hidden_too():
    assert suppress(table_of(COUNT, (), [Row((), 3)])).total.shown == SMALL
    assert suppress(table_of(COUNT, (), [Row((), 0)])).total.shown == 0


def test_a_share_is_hidden_when_its_count_or_base_or_the_rest_is_small():
    table = table_of(
        PERCENT,
        ("region",),
        [
            Row(("a",), 30, 32),  # 2 of the base are not counted: hidden
            Row(("b",), 10, 40),
            Row(("c",), 20, 40),
            Row(("d",), 3, 50),  # count small: hidden
        ],
    )
    published = suppress(table)
    assert published.cells[("a",)].hidden
    assert published.cells[("d",)].hidden
    for figure in published.cells.values():
        assert figure.mark in ("", MASKED)
    assert all(f.value is None or f.value >= 0 for f in published.bases.values())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(small_values, small_values), min_size=1, max_size=5),
)
def test_published_shares_rest_on_counts_bases_and_rests_of_zero_or_at_least_five(pairs):
    rows = [Row((f"k{i}",), min(a, a + b), a + b) for i, (a, b) in enumerate(pairs)]
    published = suppress(table_of(PERCENT, ("region",), rows))
    for row in rows:
        figure = published.cells[row.key]
        if not figure.hidden:
            for part in (row.count, row.base, row.base - row.count):
                assert part == 0 or part >= 5
