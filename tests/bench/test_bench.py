"""The benchmark at a small size: it generates, it times, and the dashboard it times gives the
figures each indicator gives on its own (no timing is asserted)."""

from __future__ import annotations

import pytest

from bench.generate import AS_OF, Sizes, generate
from bench.measure import (
    NATIONAL_USER,
    REGION_USER,
    busiest_region,
    case_list_page,
    time_case_list,
    time_dashboard,
)
from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.reports.dashboards import HEADLINES, PANELS, Scope, dashboard_tables, query_for
from reintegra.reports.indicators import evaluate


@pytest.fixture
def generated(db):
    return generate(Sizes.scaled(2_000), seed=11)


def test_the_generator_writes_a_national_dataset_in_its_proportions(generated):
    rows = generated.rows
    assert rows["people_person"] == 2_000
    assert rows["cases_case"] == 400
    assert rows["returns_return"] >= 60
    assert rows["cases_observation"] + rows["cases_service"] >= 15_000
    assert set(Case.objects.values_list("program", flat=True)) == {
        "returnee",
        "counselling",
        "penal",
        "prevention",
    }


def test_the_timed_dashboards_give_the_figures_of_each_indicator_on_its_own(generated):
    for scope in (Scope(), Scope(region=busiest_region())):
        timing = time_dashboard(scope, runs=1)
        assert len(timing.runs) == 1 and timing.runs[0] > 0
        assert timing.queries > 0

        headlines, panels = dashboard_tables(scope, as_of=AS_OF)
        for panel, table in zip(HEADLINES + PANELS, headlines + panels, strict=True):
            direct = evaluate(panel.indicator, query_for(panel, scope, as_of=AS_OF))
            assert table.as_dict() == direct.as_dict(), (scope, panel)
        assert headlines[0].total_value and headlines[0].total_value > 0


def test_the_timed_case_list_reads_only_what_the_coordinator_may_see(generated):
    for username in (NATIONAL_USER, REGION_USER):
        user = User.objects.get(username=username)
        timing = time_case_list(user, runs=5)
        assert len(timing.runs) == 5 and timing.queries > 0

        region = user.memberships.get().organisation.region_id
        count, rows = case_list_page(user, {"region_id": region}, "-opened")
        assert count == Case.objects.restrict(user, "view").filter(region_id=region).count()
        assert 0 < len(rows) <= count


def test_the_rows_written_stay_in_the_test_transaction(generated):
    """Another connection sees none of them (on PostgreSQL ``COPY`` writes through the test's
    own connection and nothing commits it)."""
    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("the SQLite test database is in memory: no other connection sees it")
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM people_person")
            assert cursor.fetchone()[0] == 0
    finally:
        other.close()
    assert Case.objects.count() == 400


def _returnees_in_python(query):
    """The returnees' definition row by row, as it was computed before it moved to SQL: the
    first return of each person in the period (the lower id first on a day), the age band and
    child or adult on arriving, and the women's values in force on the day."""
    from collections import Counter

    from reintegra.cases.models import Observation
    from reintegra.cases.selectors import holding_on
    from reintegra.reports.indicators.base import PROGRAM_START
    from reintegra.reports.indicators.dimensions import age_band, is_child, wave_code
    from reintegra.reports.indicators.returns import WOMEN_VALUES
    from reintegra.returns.models import Return

    returns = Return.objects.filter(arrival_date__gte=PROGRAM_START, arrival_date__lte=query.as_of)
    if query.region:
        returns = returns.filter(person__region__code=query.region)
    first = {}
    for ret in returns.select_related("person__region", "operation", "wave").order_by(
        "person_id", "arrival_date", "pk"
    ):
        first.setdefault(ret.person_id, ret)
    held = {
        (person, dimension, value)
        for person, dimension, value in holding_on(Observation.objects.all(), query.as_of)
        .order_by()
        .values_list("person_id", "dimension", "value")
    }
    counts = Counter()
    for person_id, ret in first.items():
        person = ret.person
        child = is_child(person.adult_on, ret.arrival_date)
        category = "child" if child else ("woman" if person.sex == "female" else "man")
        key = (
            person.sex,
            category,
            age_band(person.birth_date, person.adult_on, ret.arrival_date),
            "child" if child else "adult",
            person.region.code if person.region else "",
            ret.operation.code,
            wave_code(ret.operation.code, ret.wave.number if ret.wave else None),
        )
        counts[key, "n"] += 1
        for pair in WOMEN_VALUES:
            if category == "woman" and (person_id, *pair) in held:
                counts[key, pair] += 1
    return counts


def test_the_returnees_counted_in_sql_are_those_of_the_definition(generated):
    import datetime as dt
    from collections import Counter

    from reintegra.reports.indicators import Query
    from reintegra.reports.indicators.returns import _read_groups

    dimensions = ("sex", "category", "age_group", "child_adult", "region", "operation", "wave")
    for as_of in (AS_OF, dt.date(2020, 2, 29), dt.date(2024, 12, 31)):
        for region in ("", busiest_region()):
            query = Query(as_of=as_of, region=region)
            counts = Counter()
            for group in _read_groups(query):
                key = group.key(dimensions)
                counts[key, "n"] += group.count
                for pair, n in group.holding.items():
                    if n:
                        counts[key, pair] += n
            expected = _returnees_in_python(query)
            assert +counts == +expected, (as_of, region)
            assert sum(n for (_key, what), n in expected.items() if what == "n") > 0
