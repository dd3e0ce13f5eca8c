"""Timings of what the pages evaluate, on whatever data the default database holds.

The dashboard: ``dashboard_tables`` for the whole country and for one region, exactly the tables
the dashboard pages show. The case list: the selector the case list page calls, for a
coordinator with a national scope and one with a region's, with the page's default sort, its
first page and the count its paginator needs. Times are server time (the database and Python,
without rendering a template), after one warm-up run.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.generate import AS_OF

NATIONAL_USER = "bench-national"
REGION_USER = "bench-region"
CASE_SORTS = ("-opened", "-opened", "-opened", "person", "status", "opened")


@dataclass(frozen=True)
class Timing:
    """Milliseconds of each run, and the number of queries one run makes."""

    runs: list[float]
    queries: int

    @property
    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.runs)
        return {
            "runs": len(ordered),
            "median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
            "max_ms": round(ordered[-1], 1),
            "queries": self.queries,
        }


def _timed(function: Callable[[], Any]) -> tuple[float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = function()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(captured.captured_queries), result


def time_dashboard(scope, *, as_of: dt.date = AS_OF, runs: int = 7) -> Timing:
    """``dashboard_tables`` for ``scope``: one warm-up, then ``runs`` timed runs."""
    from reintegra.reports.dashboards import dashboard_tables

    def once():
        return dashboard_tables(scope, as_of=as_of)

    once()
    times, queries = [], 0
    for _ in range(runs):
        elapsed, queries, _tables = _timed(once)
        times.append(elapsed)
    return Timing(times, queries)


def busiest_region() -> str:
    """The region with the most cases: the regional dashboard's hardest case."""
    from django.db.models import Count

    from reintegra.cases.models import Case

    row = (
        Case.objects.values("region__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "region__code")
        .first()
    )
    return row["region__code"] if row else ""


def dashboards(*, runs: int = 7, as_of: dt.date = AS_OF) -> dict[str, Any]:
    from reintegra.reports.dashboards import Scope

    region = busiest_region()
    return {
        "as_of": as_of.isoformat(),
        "national": time_dashboard(Scope(), as_of=as_of, runs=runs).summary,
        "region": {
            "code": region,
            **time_dashboard(Scope(region=region), as_of=as_of, runs=runs).summary,
        },
    }


def filter_sets(user, count: int, seed: int = 7) -> list[tuple[dict[str, Any], str]]:
    """Realistic filter sets the user can choose on the page (their regions only), with sorts."""
    from reintegra.cases.models import CaseStatus, Program
    from reintegra.core.access import access_context
    from reintegra.core.models import Region
    from reintegra.core.roles import Scope
    from reintegra.returns.models import Operation

    rng = random.Random(seed)
    grants = access_context(user).grants
    if any(g.scope == Scope.NATIONAL for g in grants):
        regions = list(Region.objects.values_list("pk", flat=True))
    else:
        regions = sorted({g.region_id for g in grants if g.region_id})
    operations = list(Operation.objects.values_list("pk", flat=True))
    sets = []
    for _ in range(count):
        filters: dict[str, Any] = {"region_id": rng.choice(regions)}
        if rng.random() < 0.9:
            filters["program"] = rng.choice(Program.values)
        if rng.random() < 0.8:
            filters["status"] = rng.choice(
                [CaseStatus.OPEN, CaseStatus.OPEN, CaseStatus.CLOSING, CaseStatus.CLOSED]
            )
        roll = rng.random()
        if roll < 0.15:
            filters["sex"] = rng.choice(["female", "male"])
        elif roll < 0.25:
            filters["age_group"] = rng.choice(["child", "adult", "15-17"])
        elif roll < 0.3:
            filters["operation_id"] = rng.choice(operations)
        elif roll < 0.35:
            filters["search"] = rng.choice(["Сейітов", "Айгүл", "ahmetova", "Омар"])
        sets.append((filters, rng.choice(CASE_SORTS)))
    return sets


def case_list_page(user, filters: dict[str, Any], sort: str) -> tuple[int, list]:
    """What the case list view does before rendering: the restricted, filtered, sorted
    selector, the paginator's count and the first page's rows."""
    from django.conf import settings
    from django.core.paginator import Paginator
    from django.test import RequestFactory

    from reintegra.cases import selectors
    from reintegra.cases.views import CASE_SORTS as PAGE_SORTS
    from reintegra.core.access import forget_access
    from reintegra.people.selectors import PersonFilters
    from reintegra.web.lists import sort_queryset

    forget_access(user)  # each request computes the user's grants afresh
    request = RequestFactory().get("/cases/", {"sort": sort})
    qs = selectors.case_list(user=user, filters=PersonFilters(**filters))
    qs, _current = sort_queryset(request, qs, PAGE_SORTS, "-opened")
    page = Paginator(qs, settings.PAGE_SIZE).get_page(1)
    rows = list(page.object_list)
    for case in rows:  # what the template shows of each row
        str(case.person), str(case.organisation), str(case.region), str(case.case_worker or "")
    return page.paginator.count, rows


def time_case_list(user, *, runs: int = 200) -> Timing:
    sets = filter_sets(user, runs)
    case_list_page(user, *sets[0])
    times, queries = [], 0
    for filters, sort in sets:
        elapsed, n, _result = _timed(lambda f=filters, s=sort: case_list_page(user, f, s))
        times.append(elapsed)
        queries = max(queries, n)
    return Timing(times, queries)


def case_lists(*, runs: int = 200) -> dict[str, Any]:
    from reintegra.accounts.models import User

    results = {}
    for label, username in (("national", NATIONAL_USER), ("region", REGION_USER)):
        user = User.objects.get(username=username)
        results[label] = time_case_list(user, runs=runs).summary
    return results


def print_report(results: dict[str, Any]) -> None:
    from django.db import connection

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    dashboard = results.get("dashboard")
    if dashboard:
        print(f"Dashboard as of {dashboard['as_of']} (server time, ms):")
        for label in ("national", "region"):
            row = dashboard[label]
            name = f"region {row['code']}" if label == "region" else "national"
            print(
                f"  {name:<16} median {row['median_ms']:>8.1f}  max {row['max_ms']:>8.1f}  "
                f"({row['runs']} runs, {row['queries']} queries)"
            )
    cases = results.get("cases")
    if cases:
        print("Case list, first page with its count (server time, ms):")
        for label, row in cases.items():
            print(
                f"  {label + ' coordinator':<22} p50 {row['median_ms']:>7.1f}  "
                f"p95 {row['p95_ms']:>7.1f}  max {row['max_ms']:>7.1f}  "
                f"({row['runs']} runs, at most {row['queries']} queries)"
            )
