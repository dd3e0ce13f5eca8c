"""From a number to the list behind it: the people or cases list, filtered to that cell.

Only some figures have a list that shows exactly their population; the others are shown without
a link rather than with a link to a list that counts differently.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from reintegra.reports.dashboards import Scope
from reintegra.reports.indicators import Row, Table

# Indicator -> (list route, the disaggregations the list can filter on exactly).
DRILLABLE = {
    "returns.returned": ("people:person_list", {"category", "sex", "operation", "wave", "region"}),
    "cases.open": ("cases:case_list", {"program", "status", "region", "sex"}),
}


@cache
def _pks(model_path: str) -> dict[str, int]:
    # Region, operation and wave codes to the primary keys the list filters take. Reference data
    # does not change while the server runs... but tests create it anew, so the cache is cleared
    # by ``clear`` there.
    from django.apps import apps

    app, model = model_path.split(".")
    model_class = apps.get_model(app, model)
    if model == "Wave":
        return {
            f"{w.operation.code}-{w.number}": w.pk
            for w in model_class.objects.select_related("operation")
        }
    return dict(model_class.objects.values_list("code", "pk"))


def clear() -> None:
    _pks.cache_clear()


def _parameters(dimension: str, value: str) -> dict[str, str] | None:
    if dimension == "category":
        return {"returned_as": value}
    if dimension in ("sex", "program", "status"):
        return {dimension: value}
    table = {"region": "core.Region", "operation": "returns.Operation", "wave": "returns.Wave"}
    pk = _pks(table[dimension]).get(value)
    return None if pk is None else {dimension: str(pk)}


def drill_url(table: Table, row: Row, scope: Scope) -> str | None:
    """The list behind one cell (or the total, with ``row.key == ()``), or None."""
    route, exact = DRILLABLE.get(table.indicator.code, (None, set()))
    if route is None or scope.organisation:
        return None
    if table.indicator.code == "cases.open" and table.query.as_of != timezone.localdate():
        return None  # the case list shows cases as they are today
    parameters: dict[str, str] = {}
    if scope.region:
        region = _parameters("region", scope.region)
        if region is None:
            return None
        parameters |= region
    if table.indicator.code == "returns.returned":
        parameters["returned_as"] = "any"
    if table.indicator.code == "cases.open":
        parameters["status"] = "active"
    # The total (an empty key) is the whole population of the table.
    for dimension, value in zip(table.query.by if row.key else (), row.key, strict=True):
        if dimension not in exact or not value:
            return None
        extra = _parameters(dimension, value)
        if extra is None:
            return None
        parameters |= extra
    query = urlencode({k: v for k, v in parameters.items() if v})
    return reverse(route) + (f"?{query}" if query else "")
