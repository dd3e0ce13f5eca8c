"""The dashboards: national, regional and organisation figures, for a period."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reintegra.core.routes import may_open
from reintegra.reports import drill, selectors
from reintegra.reports.dashboards import dashboard_tables
from reintegra.reports.indicators import PERCENT, Row, Table
from reintegra.reports.indicators.dimensions import AGE_BANDS, DIMENSIONS, UNKNOWN, label_of


@dataclass(frozen=True)
class Cell:
    label: str
    value: int | None
    count: int
    base: int | None
    url: str | None


@dataclass(frozen=True)
class ShownTable:
    """A table as the page shows it: labels in the user's language, links where allowed."""

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
            "values": [cell.value for cell in self.cells],
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


def _shown(table: Table, scope, links: bool, labels: dict) -> ShownTable:
    def cell(row: Row, label: str) -> Cell:
        url = drill.drill_url(table, row, scope) if links else None
        return Cell(label, table.value(row), row.count, row.base, url)

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
    choice = selectors.scope_from_request(request.user, request.GET.get("scope"))
    period, errors = selectors.period_from(request.GET)
    headlines, panels = dashboard_tables(choice.scope, as_of=period.as_of, start=period.start)
    numbers_only = selectors.numbers_only(request.user)
    labels: dict = {}

    def links_for(table: Table) -> bool:
        route = drill.DRILLABLE.get(table.indicator.code, ("",))[0]
        return not numbers_only and bool(route) and may_open(request.user, route)

    return render(
        request,
        "reports/dashboard.html",
        {
            "choice": choice,
            "choices": selectors.allowed_scopes(request.user),
            "period": period,
            "errors": errors,
            "headlines": [_shown(t, choice.scope, links_for(t), labels) for t in headlines],
            "panels": [_shown(t, choice.scope, links_for(t), labels) for t in panels],
            "numbers_only": numbers_only,
        },
    )
