"""Figures about returns, for the report command, dashboards and exports (aggregates only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reintegra.returns.models import Operation


@dataclass(frozen=True)
class ReturnsSummary:
    as_of: dt.date
    returned_total: int
    by_operation: dict[str, int]
    men: int
    women: int
    children: int
    women_employed_pct: int | None
    women_higher_education_pct: int | None
    women_specialised_secondary_pct: int | None
    women_not_prosecuted_pct: int | None
    women_renounced_pct: int | None

    def as_dict(self) -> dict:
        data = dict(vars(self))
        data["as_of"] = self.as_of.isoformat()
        return data


def returns_summary(*, as_of: dt.date) -> ReturnsSummary:
    """The headline figures of the returns program on a day, from the indicator registry (the
    same functions the dashboards and exports use).

    A person counts once, from their first return; as a child when they were under 18 on
    arriving. Shares of women are of the women returned by ``as_of``, with each woman's
    situation as recorded on that day.
    """
    from reintegra.reports.indicators import Query, evaluate

    def value(code: str, **query) -> int | None:
        return evaluate(code, Query(as_of=as_of, **query)).total_value

    by_category = evaluate("returns.returned", Query(as_of=as_of, by=("category",)))
    categories = {row.key[0]: row.count for row in by_category.rows}
    by_operation = {code: 0 for code in Operation.objects.values_list("code", flat=True)}
    for row in evaluate("returns.returned", Query(as_of=as_of, by=("operation",))).rows:
        by_operation[row.key[0]] = row.count
    return ReturnsSummary(
        as_of=as_of,
        returned_total=by_category.total.count,
        by_operation=by_operation,
        men=categories.get("man", 0),
        women=categories.get("woman", 0),
        children=categories.get("child", 0),
        women_employed_pct=value("returns.women_employed_pct"),
        women_higher_education_pct=value("returns.women_higher_education_pct"),
        women_specialised_secondary_pct=value("returns.women_specialised_secondary_pct"),
        women_not_prosecuted_pct=value("returns.women_not_prosecuted_pct"),
        women_renounced_pct=value("returns.women_renounced_pct"),
    )
