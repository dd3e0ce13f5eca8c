"""The dashboards: national, regional and organisation figures, for a period."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reintegra.core.routes import may_open
from reintegra.reports import drill, selectors
from reintegra.reports.dashboards import Scope, dashboard_tables
from reintegra.reports.indicators import PERCENT, Row, Table
from reintegra.reports.indicators.dimensions import AGE_BANDS, DIMENSIONS, UNKNOWN, label_of
from reintegra.reports.suppression import SuppressedTable, suppress


@dataclass(frozen=True)
class Cell:
    label: str
    value: int | str | None  # a figure, or a suppression mark for partners
    count: int | str | None
    base: int | str | None
    url: str | None
    percent: bool = False

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value}%" if self.percent and isinstance(self.value, int) else str(self.value)


@dataclass(frozen=True)
class ShownTable:
    """A table as the page shows it: labels in the user's language, links where allowed, small
    counts suppressed for partners."""

    table: Table
    title: str
    dimension: str
    cells: list[Cell]
    total: Cell
    slug: str

    @property
    def is_percent(self) -> bool:
        return self.table.indicator.unit == PERCENT

    @property
    def chart(self) -> dict:
        return {
            "id": self.slug,
            "labels": [cell.label for cell in self.cells],
            # A suppressed figure is left out of the chart (null), as it is of the table.
            "values": [cell.value if isinstance(cell.value, int) else None for cell in self.cells],
            "unit": self.table.indicator.unit,
            "title": self.title,
        }


# Dimensions whose values have an order of their own; the others are shown largest first.
NATURAL_ORDER = {
    "age_group": [*AGE_BANDS, UNKNOWN],
    "category": ["woman", "man", "child"],
    "child_adult": ["child", "adult"],
}


def _order(by: tuple[str, ...], row: Row, table: Table) -> tuple:
    if by and by[0] in NATURAL_ORDER:
        known = NATURAL_ORDER[by[0]]
        return (known.index(row.key[0]) if row.key[0] in known else len(known), row.key)
    value = table.value(row)
    return (-(value if value is not None else -1), row.key)


def _figures(table: Table, safe: SuppressedTable | None, row: Row) -> tuple:
    """(value, count, base) of one row as this reader may see them."""
    if safe is None:
        return table.value(row), row.count, row.base
    figure = safe.total if not row.key else safe.cells.get(row.key)
    shown = figure.shown if figure is not None else None
    if not safe.is_percent:
        return shown, shown, None
    base = safe.total_base if not row.key else safe.bases.get(row.key)
    return shown, None, base.shown if base is not None else None


def _shown(table: Table, scope: Scope, *, links: bool, partner: bool, labels: dict) -> ShownTable:
    safe = suppress(table) if partner else None

    def cell(row: Row, label: str) -> Cell:
        url = drill.drill_url(table, row, scope) if links else None
        return Cell(label, *_figures(table, safe, row), url, table.indicator.unit == PERCENT)

    by = table.query.by
    dimension = str(DIMENSIONS[by[0]].label) if by else ""
    rows = sorted(table.rows, key=lambda row: _order(by, row, table))
    cells = [
        cell(row, " · ".join(label_of(d, v, labels) for d, v in zip(by, row.key, strict=True)))
        for row in rows
    ]
    title = str(table.indicator.title)
    if dimension:
        title = _("%(indicator)s, by %(dimension)s") % {"indicator": title, "dimension": dimension}
    slug = "-".join([table.indicator.code.replace(".", "-"), *by])
    return ShownTable(table, title, dimension, cells, cell(table.total, _("Total")), slug)


def dashboard(request: HttpRequest) -> HttpResponse:
    scope = selectors.scope_from_request(request)
    start, as_of, errors = selectors.period_from(request.GET)
    headlines, panels = dashboard_tables(scope, as_of=as_of, start=start)
    numbers_only = selectors.numbers_only(request.user)
    partner = selectors.suppressed_only(request.user)
    labels: dict = {}

    def shown(table: Table) -> ShownTable:
        route = drill.DRILLABLE.get(table.indicator.code, ("",))[0]
        links = not numbers_only and bool(route) and may_open(request.user, route)
        return _shown(table, scope, links=links, partner=partner, labels=labels)

    choices = selectors.scope_choices(request.user)
    current = selectors.scope_code(scope)
    return render(
        request,
        "reports/dashboard.html",
        {
            "choices": choices,
            "current": current,
            "current_label": dict(choices).get(current, current),
            "start": start,
            "as_of": as_of,
            "errors": errors,
            "headlines": [shown(t) for t in headlines],
            "panels": [shown(t) for t in panels],
            "numbers_only": numbers_only,
            "partner": partner,
            "export_query": request.GET.urlencode(),
        },
    )
