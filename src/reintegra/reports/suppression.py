"""Partner-safe figures: small counts hidden, and nothing hidden that the totals give away.

``suppress(table)`` takes an indicator ``Table`` with no, one or two disaggregations and returns
what may be published to a partner:

- **primary suppression**: every count from 1 to 4 (a cell, a row or column total, the grand
  total) is shown as ``<5``; zero stays 0;
- **complementary suppression**: further non-zero figures are hidden (shown as ``x``) until every
  hidden figure can take more than one value given everything published. The reader is assumed
  to know the rules: a ``<5`` is between 1 and 4, an ``x`` is at least 5 (zeros are never
  hidden), and the parts of each row and column add up to its total;
- a table that even hiding every non-zero figure cannot protect (four parts of 1 making 4: each
  part is then 1) is **withheld**: every figure but the grand total is shown as ``…``, which says
  nothing about its value.

How the guarantee is checked, per hidden figure:

- one disaggregation: the figures form one sum (parts = total). For each hidden figure the exact
  set of values it can take is an interval computed from the bounds of the others (integer
  intervals add up to integer intervals), and more is hidden until it holds two values or more;
- two disaggregations: the table with its margins is a set of row and column sums. Writing the
  margins with a minus sign, every row and column of the extended grid sums to zero, so a change
  of the hidden figures that keeps every sum is a cycle in the bipartite graph (rows, columns;
  one edge per hidden figure) with alternating +1/−1. A hidden figure on such a cycle whose ±1
  move keeps every figure of the cycle within its bounds can take another value; more is hidden
  until every hidden figure is on one. (A figure on no cycle is fixed by the sums.)

Percentages: a share is published only if its count, its base and the base minus the count are
all 0 or at least 5 after suppression of the count, base and complement tables (each suppressed
as above); its base is published as a suppressed count. The counts behind a share are not
published to partners.

Pure functions, no database: the tests run it over random tables (``tests/reports``).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from reintegra.reports.indicators.base import PERCENT, Table, percent

SMALL: Final = "<5"  # a count from 1 to 4
MASKED: Final = "x"  # hidden so that a small count cannot be worked out
WITHHELD: Final = "…"  # a table too small to publish by parts: only its total is shown
THRESHOLD: Final = 5
INF: Final = math.inf


def is_small(value: int) -> bool:
    return 1 <= value < THRESHOLD


@dataclass(frozen=True)
class Figure:
    """One published figure: its value, or the mark that hides it."""

    value: int | None
    mark: str = ""  # "", SMALL or MASKED

    @property
    def hidden(self) -> bool:
        return bool(self.mark)

    @property
    def shown(self) -> int | str | None:
        return self.mark or self.value

    def as_json(self) -> int | str | None:
        return self.shown


def bounds(value: int, mark: str) -> tuple[float, float]:
    """What a reader knows of a figure: its value if shown, else the range its mark implies."""
    if mark == SMALL:
        return 1, THRESHOLD - 1
    if mark == MASKED:
        return THRESHOLD, INF
    if mark == WITHHELD:
        return 0, INF
    return value, value


def withhold(marks: list[str]) -> list[str]:
    """Every figure withheld (it may be anything) but the total, the last one, which keeps its
    own mark: for the few tables whose parts cannot be protected by hiding some of them (every
    part hidden, and still each is fixed: four parts of 1 making 4)."""
    return [WITHHELD] * (len(marks) - 1) + [SMALL if marks[-1] == SMALL else ""]


# --- One sum: parts and their total --------------------------------------------------------------


def _line_range(entries: Sequence[tuple[int, float, float]], index: int) -> tuple[float, float]:
    """The values entry ``index`` can take in ``sum(coef * v) == 0`` (coef ±1), each v within
    [lo, hi]: its own bounds cut by what the others allow. Exact over the integers."""
    low = high = 0.0
    for k, (coef, lo, hi) in enumerate(entries):
        if k == index:
            continue
        low += coef * (lo if coef > 0 else hi)
        high += coef * (hi if coef > 0 else lo)
    coef, lo, hi = entries[index]
    # coef * v = -(others), so v lies in -coef * [low, high]
    implied = (-high, -low) if coef > 0 else (low, high)
    return max(lo, implied[0]), min(hi, implied[1])


def line_ranges(values: Sequence[int], marks: Sequence[str]) -> list[tuple[float, float]]:
    """For ``values = [*parts, total]``: the range of each figure given the published ones."""
    entries = [(1, *bounds(v, m)) for v, m in zip(values[:-1], marks[:-1], strict=True)]
    entries.append((-1, *bounds(values[-1], marks[-1])))
    return [_line_range(entries, i) for i in range(len(entries))]


def protect_line(values: Sequence[int]) -> list[str]:
    """Marks for ``[*parts, total]`` (the total last): primary, then complementary suppression
    until every hidden figure has at least two possible values."""
    marks = [SMALL if is_small(v) else "" for v in values]
    while True:
        ranges = line_ranges(values, marks)
        exposed = [i for i, m in enumerate(marks) if m and ranges[i][1] - ranges[i][0] < 1]
        if not exposed:
            return marks
        candidates = [i for i, m in enumerate(marks) if not m and values[i] > 0]
        if not candidates:  # e.g. five parts of 1 making 5: only the total can be shown
            return withhold(marks)
        # The smallest published part first; the total only when no part is left.
        parts = [i for i in candidates if i < len(values) - 1]
        pick = min(parts or candidates, key=lambda i: (values[i], i))
        marks[pick] = MASKED


# --- Two disaggregations: a grid with its margins ------------------------------------------------


def _extended(grid: Sequence[Sequence[int]]) -> list[list[int]]:
    """The grid with a column of row totals and a row of column totals (and the grand total)."""
    rows = [[*row, sum(row)] for row in grid]
    columns = len(rows[0]) if rows else 1
    rows.append([sum(row[j] for row in rows) for j in range(columns)])
    return rows


def _may_move(value: int, mark: str, delta: int) -> bool:
    lo, hi = bounds(value, mark)
    return lo <= value + delta <= hi


def has_cycle_move(grid: list[list[int]], marks: list[list[str]], i: int, j: int) -> bool:
    """Whether hidden entry (i, j) of the extended grid lies on a cycle of hidden entries along
    which +1/−1 (in the signed grid) keeps every hidden entry within its bounds."""
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1

    def sign(r: int, c: int) -> int:  # margins enter their sums with a minus sign
        return -1 if (r == last_row) != (c == last_col) else 1

    def allowed(r: int, c: int, change: int) -> bool:  # change in the signed grid
        return bool(marks[r][c]) and _may_move(grid[r][c], marks[r][c], sign(r, c) * change)

    for step in (1, -1):
        if not allowed(i, j, step):
            continue
        # From column j back to row i: column -> row edges change by -step, row -> column by
        # +step; the edge (i, j) itself is not used again. A breadth-first path is simple.
        start, goal = ("c", j), ("r", i)
        seen = {start}
        queue = deque([start])
        while queue:
            kind, index = queue.popleft()
            if (kind, index) == goal:
                return True
            if kind == "c":
                nexts = [
                    ("r", r)
                    for r in range(len(grid))
                    if (r, index) != (i, j) and allowed(r, index, -step)
                ]
            else:
                nexts = [
                    ("c", c)
                    for c in range(len(grid[0]))
                    if (index, c) != (i, j) and allowed(index, c, step)
                ]
            for node in nexts:
                if node not in seen:
                    seen.add(node)
                    queue.append(node)
    return False


def protect_grid(grid: Sequence[Sequence[int]]) -> list[list[str]]:
    """Marks for the extended grid (cells, row totals in the last column, column totals in the
    last row, the grand total in the corner)."""
    ext = _extended(grid)
    height, width = len(ext), len(ext[0])
    marks = [[SMALL if is_small(v) else "" for v in row] for row in ext]

    def lines_of(r: int, c: int) -> list[list[tuple[int, int]]]:
        return [[(r, k) for k in range(width)], [(k, c) for k in range(height)]]

    def hide_next(line: list[tuple[int, int]]) -> bool:
        interior = [(r, c) for r, c in line if r < height - 1 and c < width - 1]
        for pool in (interior, line):
            candidates = [(r, c) for r, c in pool if not marks[r][c] and ext[r][c] > 0]
            if candidates:
                r, c = min(candidates, key=lambda rc: (ext[rc[0]][rc[1]], rc))
                marks[r][c] = MASKED
                return True
        return False

    while True:
        changed = False
        # Every line with a hidden figure has at least two.
        for line in [[(r, k) for k in range(width)] for r in range(height)] + [
            [(k, c) for k in range(height)] for c in range(width)
        ]:
            if sum(1 for r, c in line if marks[r][c]) == 1 and hide_next(line):
                changed = True
        if changed:
            continue
        exposed = [
            (r, c)
            for r in range(height)
            for c in range(width)
            if marks[r][c] and not has_cycle_move(ext, marks, r, c)
        ]
        if not exposed:
            return marks
        r, c = exposed[0]
        if not any(hide_next(line) for line in lines_of(r, c)):
            everything = [(a, b) for a in range(height) for b in range(width)]
            if not hide_next(everything):  # everything non-zero is hidden and not enough
                flat = withhold([m for row in marks for m in row])
                return [flat[k * width : (k + 1) * width] for k in range(height)]


# --- Tables --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedTable:
    """What a partner sees of one table. ``cells`` hold counts, or shares for a percentage
    indicator (whose ``bases`` are then the suppressed bases)."""

    table: Table
    row_values: tuple[str, ...]  # values of the first disaggregation, in order
    column_values: tuple[str, ...]  # of the second (empty for fewer than two)
    cells: dict[tuple[str, ...], Figure]
    total: Figure
    row_totals: dict[str, Figure] = field(default_factory=dict)  # two disaggregations only
    column_totals: dict[str, Figure] = field(default_factory=dict)
    bases: dict[tuple[str, ...], Figure] = field(default_factory=dict)
    total_base: Figure | None = None

    @property
    def is_percent(self) -> bool:
        return self.table.indicator.unit == PERCENT

    def as_published(self) -> dict:
        """The published figures as JSON: what is kept in a PublishedFigure."""
        data: dict = {
            "indicator": self.table.indicator.code,
            "unit": self.table.indicator.unit,
            "by": list(self.table.query.by),
            "total": self.total.as_json(),
            "cells": [[list(key), figure.as_json()] for key, figure in self.cells.items()],
        }
        if self.row_totals:
            data["row_totals"] = {k: f.as_json() for k, f in self.row_totals.items()}
            data["column_totals"] = {k: f.as_json() for k, f in self.column_totals.items()}
        if self.is_percent:
            data["bases"] = [[list(key), figure.as_json()] for key, figure in self.bases.items()]
            data["total_base"] = self.total_base.as_json() if self.total_base else None
        return data


def _figure(value: int, mark: str) -> Figure:
    return Figure(None if mark else value, mark)


def _suppress_counts(
    keys: list[tuple[str, ...]], by: int, values: dict[tuple[str, ...], int]
) -> tuple[dict, Figure, dict, dict, tuple, tuple]:
    """Marks for one count table: cells, total, and for two disaggregations the margins."""
    if by == 0:
        total = values.get((), 0)
        return {}, _figure(total, SMALL if is_small(total) else ""), {}, {}, (), ()
    if by == 1:
        ordered = list(keys)
        line = [values.get(k, 0) for k in ordered] + [sum(values.get(k, 0) for k in ordered)]
        marks = protect_line(line)
        cells = {k: _figure(v, m) for k, v, m in zip(ordered, line, marks, strict=False)}
        return cells, _figure(line[-1], marks[-1]), {}, {}, tuple(k[0] for k in ordered), ()
    rows = tuple(sorted({k[0] for k in keys}))
    columns = tuple(sorted({k[1] for k in keys}))
    grid = [[values.get((r, c), 0) for c in columns] for r in rows]
    ext = _extended(grid) if rows else [[0]]
    marks = protect_grid(grid) if rows else [[""]]
    cells = {
        (r, c): _figure(ext[i][j], marks[i][j])
        for i, r in enumerate(rows)
        for j, c in enumerate(columns)
        if (r, c) in values
    }
    row_totals = {r: _figure(ext[i][-1], marks[i][-1]) for i, r in enumerate(rows)}
    column_totals = {c: _figure(ext[-1][j], marks[-1][j]) for j, c in enumerate(columns)}
    return cells, _figure(ext[-1][-1], marks[-1][-1]), row_totals, column_totals, rows, columns


def suppress(table: Table) -> SuppressedTable:
    """The partner-safe version of ``table`` (at most two disaggregations)."""
    by = len(table.query.by)
    if by > 2:
        raise ValueError("suppression handles tables of at most two disaggregations")
    keys = [row.key for row in table.rows]
    counts = {row.key: row.count for row in table.rows} if by else {(): table.total.count}
    if table.indicator.unit != PERCENT:
        cells, total, row_totals, column_totals, rows, columns = _suppress_counts(keys, by, counts)
        return SuppressedTable(table, rows, columns, cells, total, row_totals, column_totals)

    bases = {row.key: row.base or 0 for row in table.rows} if by else {(): table.total.base or 0}
    rest = {k: bases[k] - counts[k] for k in bases}
    marked = [_suppress_counts(keys, by, part) for part in (counts, bases, rest)]
    base_cells, base_total, _rt, _ct, rows, columns = marked[1]

    def share(key: tuple[str, ...] | None) -> Figure:
        if key is None:
            count, base = table.total.count, table.total.base or 0
            figures = [m[1] for m in marked]
        else:
            count, base = counts[key], bases[key]
            figures = [m[0][key] for m in marked]
        if any(f.hidden for f in figures):
            return Figure(None, MASKED)
        return Figure(percent(count, base))

    cells = {key: share(key) for key in keys} if by else {}
    return SuppressedTable(
        table,
        rows,
        columns,
        cells,
        share(None),
        bases=base_cells,
        total_base=base_total,
    )
