"""The indicator registry: every figure the program reports is one named, documented function.

An indicator answers a ``Query`` (a day, or a period ending on a day; the disaggregations asked
for; an optional region or organisation) with a ``Table`` of counts. The dashboards, the exports,
the API and ``reintegra report indicators`` all evaluate the same function, so a number is never
computed two ways. Only aggregates leave here: no row names a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Final, TypeVar

from django.utils.functional import Promise

PROGRAM_START: Final = dt.date(2017, 1, 1)

COUNT: Final = "count"
PERCENT: Final = "percent"

STOCK: Final = "stock"  # how things stand on a day ("open cases on 1 July")
FLOW: Final = "flow"  # what happened within a period ("services given in 2024")


class UnknownIndicator(LookupError):
    pass


class BadQuery(ValueError):
    """A query the indicator cannot answer (a disaggregation it does not have, a bad period)."""


@dataclass(frozen=True)
class Query:
    as_of: dt.date
    start: dt.date | None = None
    by: tuple[str, ...] = ()
    region: str = ""  # a region code: only that region
    organisation: str = ""  # an organisation code: it and its branches

    @property
    def since(self) -> dt.date:
        """The first day of a flow indicator's period (the program's start if not given)."""
        return self.start or PROGRAM_START

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "start": self.since.isoformat(),
            "by": list(self.by),
            "region": self.region,
            "organisation": self.organisation,
        }


@dataclass(frozen=True)
class Row:
    """One cell: the values of the disaggregations, a count and, for a share, its base."""

    key: tuple[str, ...]
    count: int
    base: int | None = None


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, rounded half up (45.5 -> 46); None when there is nothing to divide."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class Table:
    indicator: Indicator
    query: Query
    rows: tuple[Row, ...]
    total: Row

    def value(self, row: Row) -> int | None:
        if self.indicator.unit == PERCENT:
            return percent(row.count, row.base or 0)
        return row.count

    @property
    def total_value(self) -> int | None:
        return self.value(self.total)

    def as_dict(self) -> dict:
        return {
            "indicator": self.indicator.code,
            "unit": self.indicator.unit,
            "query": self.query.as_dict(),
            "total": self._row_dict(self.total),
            "rows": [self._row_dict(row) for row in self.rows],
        }

    def collapse(self, query: Query) -> Table | None:
        """The table for ``query``, summed from this finer one; None where summing could differ
        from evaluating ``query`` (an indicator that is not additive, another period or scope,
        a breakdown this one does not contain, or no rows to sum)."""
        if not self.indicator.additive or not self.rows:
            return None
        if replace(query, by=self.query.by) != self.query or not set(query.by) <= set(
            self.query.by
        ):
            return None
        positions = [self.query.by.index(dimension) for dimension in query.by]
        merged: dict[tuple[str, ...], Row] = {}
        for row in self.rows:
            key = tuple(row.key[i] for i in positions)
            before = merged.get(key)
            merged[key] = (
                Row(key, row.count, row.base)
                if before is None
                else Row(key, before.count + row.count, _add(before.base, row.base))
            )
        rows = tuple(sorted(merged.values(), key=lambda r: r.key))
        return Table(self.indicator, query, rows, self.total)

    def _row_dict(self, row: Row) -> dict:
        data = {"value": self.value(row), "count": row.count}
        if self.indicator.unit == PERCENT:
            data["base"] = row.base
        if row.key:
            data["key"] = dict(zip(self.query.by, row.key, strict=True))
        return data


Compute = Callable[[Query], Iterable[Row]]


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str | Promise
    description: str | Promise
    unit: str
    kind: str
    disaggregations: tuple[str, ...]
    compute: Compute = field(repr=False)
    group: str = ""
    # Every counted row falls in exactly one group of any breakdown, so a finer breakdown sums
    # to a coarser one (not so for counts of distinct people across groups).
    additive: bool = True

    def evaluate(self, query: Query) -> Table:
        unknown = [d for d in query.by if d not in self.disaggregations]
        if unknown:
            raise BadQuery(f"{self.code} cannot be broken down by {', '.join(unknown)}")
        if len(set(query.by)) != len(query.by):
            raise BadQuery("a disaggregation is asked for twice")
        if query.start and query.start > query.as_of:
            raise BadQuery("the period starts after it ends")
        merged: dict[tuple[str, ...], Row] = {}
        for row in self.compute(query):
            before = merged.get(row.key)
            if before is not None:  # groups that label the same (e.g. two empty values)
                row = Row(row.key, before.count + row.count, _add(before.base, row.base))
            merged[row.key] = row
        rows = tuple(sorted(merged.values(), key=lambda r: r.key))
        total = Row(
            (),
            sum(r.count for r in rows),
            sum(r.base or 0 for r in rows) if self.unit == PERCENT else None,
        )
        return Table(self, query, rows, total)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


REGISTRY: dict[str, Indicator] = {}


def indicator(
    code: str,
    *,
    title: str | Promise,
    unit: str = COUNT,
    kind: str = STOCK,
    disaggregations: Sequence[str] = (),
    group: str = "",
    additive: bool = True,
) -> Callable[[Compute], Compute]:
    """Register ``compute(query) -> rows`` as the indicator ``code``; its docstring is the
    indicator's definition, shown to users next to the figure."""

    def register(function: Compute) -> Compute:
        if code in REGISTRY:
            raise ValueError(f"indicator {code} is registered twice")
        REGISTRY[code] = Indicator(
            code=code,
            title=title,
            description=" ".join((function.__doc__ or "").split()),
            unit=unit,
            kind=kind,
            disaggregations=tuple(disaggregations),
            compute=function,
            group=group or code.split(".", 1)[0],
            additive=additive,
        )
        return function

    return register


def get(code: str) -> Indicator:
    try:
        return REGISTRY[code]
    except KeyError:
        raise UnknownIndicator(code) from None


def evaluate(code: str, query: Query) -> Table:
    return get(code).evaluate(query)


def evaluate_many(requests: Sequence[tuple[str, Query]]) -> list[Table]:
    """Evaluate several indicators and breakdowns, each table equal to what ``evaluate`` gives.

    An additive indicator asked for several breakdowns of one period and scope (a dashboard's
    headline and its panels) is evaluated once, by all those breakdowns together, and each table
    is summed from that one; the data read by several indicators is read once (``shared``)."""
    finest: dict[tuple[str, Query], tuple[str, ...]] = {}
    for code, query in requests:
        if get(code).additive:
            key = (code, replace(query, by=()))
            dimensions = finest.get(key, ())
            finest[key] = dimensions + tuple(d for d in query.by if d not in dimensions)
    tables: list[Table] = []
    with shared():
        fine: dict[tuple[str, Query], Table] = {}
        for code, query in requests:
            key = (code, replace(query, by=()))
            dimensions = finest.get(key)
            table = None
            if dimensions is not None:
                if key not in fine:
                    fine[key] = evaluate(code, replace(query, by=dimensions))
                table = fine[key] if dimensions == query.by else fine[key].collapse(query)
            tables.append(table or evaluate(code, query))
    return tables


# --- Data shared by the indicators of one evaluation ------------------------------------------

_SHARED: ContextVar[dict[tuple, Any] | None] = ContextVar("reintegra_indicator_data", default=None)
T = TypeVar("T")


@contextmanager
def shared() -> Iterator[None]:
    """Within the block, what indicators read for the same day and scope (the returnee
    population, their recorded values) is read once. Outside it nothing is kept, so a figure
    never comes from data read for another request."""
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared_value(key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or within ``shared()`` the value computed for ``key`` before."""
    store = _SHARED.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]
