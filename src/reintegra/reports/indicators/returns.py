"""Returns: the citizens brought home, and how the women among them are doing.

The population is each person returned since the program began (2017), counted once, from their
first return. "Child" means under 18 on arriving, as the Committee for Religious Affairs counts;
age groups are ages on arriving too. The women are those returned as adults.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reintegra.cases.observations import Dimension, Education, Employment, LegalStatus, Stance
from reintegra.reports.indicators.base import (
    PERCENT,
    PROGRAM_START,
    Query,
    Row,
    indicator,
    shared_value,
)
from reintegra.reports.indicators.dimensions import AGE_BANDS, UNKNOWN, wave_code
from reintegra.reports.indicators.sql import organisation_tree_ids

RETURNEE_DIMENSIONS = ("category", "sex", "age_group", "child_adult", "region", "operation", "wave")
WOMEN_DIMENSIONS = ("age_group", "region", "operation", "wave")


@dataclass(slots=True)
class Group:
    """Returnees alike in every disaggregation: how many, and how many of the women among them
    hold each value the women's shares count, on the day."""

    sex: str
    category: str  # man / woman / child, on arriving
    age_group: str
    child_adult: str
    region: str
    operation: str
    wave: str
    count: int
    holding: dict[tuple[str, str], int]

    def key(self, by: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(getattr(self, dimension) for dimension in by)


# The (dimension, value) pairs the women's shares count, filled in as they are registered.
WOMEN_VALUES: list[tuple[str, str]] = []


def returnee_groups(query: Query) -> list[Group]:
    """Everyone returned between the program's start and ``query.as_of``, once each, counted in
    SQL by every disaggregation at once (read once per day and scope within ``shared()``: a
    dashboard asks for them a dozen times)."""
    key = ("returnees", query.as_of, query.region, query.organisation)
    return shared_value(key, lambda: _read_groups(query))


def _younger_than(vendor: str, years: int) -> str:
    """SQL: the returnee was under ``years`` on arriving, as ``age_band`` decides it: born after
    the same day ``years`` earlier (``add_years``: 29 February becomes 28 February)."""
    if vendor == "postgresql":  # date - interval keeps to the month's last day, as add_years
        return f"p.birth_date > CAST(r.arrival_date - INTERVAL '{years} years' AS date)"
    # SQLite (dates are ISO text): the birthday ``years`` later, written as text, is after the
    # arrival: the same comparison without date arithmetic (29 February 2000 and 5 years give
    # "2005-02-29", after the 28th and before 1 March, as add_years' 28 February would be),
    # and a third of the time of parsing both dates with strftime.
    return (
        f"(CAST(substr(p.birth_date, 1, 4) AS INTEGER) + {years}) "
        "|| substr(p.birth_date, 5) > r.arrival_date"
    )


BANDS = (*AGE_BANDS, UNKNOWN)  # "0-4", "5-9", "10-14", "15-17", "18+", unknown


def _read_groups(query: Query) -> list[Group]:
    """One grouped query: the first return of each person within the period (no earlier one,
    the lower id first on the same day), their age on arriving, and for the women whether an
    observation in force on the day holds each counted value (through the person's index)."""
    from django.db import connection

    from reintegra.cases.models import Case, Observation
    from reintegra.core.models import Region
    from reintegra.people.models import Person
    from reintegra.returns.models import Operation, Return, Wave

    adult = "p.adult_on <= r.arrival_date"
    younger = {years: _younger_than(connection.vendor, years) for years in (5, 10, 15)}
    # The age group as its position in BANDS: the rows are grouped by numbers and ids, and
    # labelled after grouping (comparing labels costs PostgreSQL a collation call per pair).
    band = (
        f"CASE WHEN p.birth_date IS NULL THEN 5 WHEN {adult} THEN 4 WHEN {younger[5]} THEN 0 "
        f"WHEN {younger[10]} THEN 1 WHEN {younger[15]} THEN 2 ELSE 3 END"
    )
    woman = f"{adult} AND p.sex = %s"
    holding, holding_params = [], []
    for dimension, value in WOMEN_VALUES:
        holding.append(
            f"SUM(CASE WHEN {woman} AND EXISTS (SELECT 1 FROM {Observation._meta.db_table} o "
            "WHERE o.person_id = r.person_id AND o.dimension = %s AND o.value = %s "
            "AND o.valid_from <= %s AND (o.valid_to IS NULL OR o.valid_to > %s)) "
            "THEN 1 ELSE 0 END)"
        )
        holding_params += ["female", dimension, value, query.as_of, query.as_of]
    where, params = [], []
    if query.region:
        where.append(f"AND p.region_id IN (SELECT id FROM {Region._meta.db_table} WHERE code = %s)")
        params.append(query.region)
    if query.organisation:
        tree = organisation_tree_ids(query.organisation)
        if not tree:
            return []
        where.append(
            f"AND EXISTS (SELECT 1 FROM {Case._meta.db_table} c WHERE c.person_id = r.person_id "
            f"AND c.organisation_id IN ({', '.join(['%s'] * len(tree))}))"
        )
        params += tree
    returns = Return._meta.db_table
    held = "".join(f", h{n}" for n in range(len(holding)))
    sql = f"""
        SELECT g.sex, g.adult, g.band, reg.code, op.code, w.number, g.n{held}
        FROM (
          SELECT p.sex AS sex, CASE WHEN {adult} THEN 1 ELSE 0 END AS adult, {band} AS band,
                 p.region_id AS region_id, r.operation_id AS operation_id, r.wave_id AS wave_id,
                 COUNT(*) AS n{"".join(f", {h} AS h{n}" for n, h in enumerate(holding))}
          FROM {returns} r
          INNER JOIN {Person._meta.db_table} p ON p.id = r.person_id
          WHERE r.arrival_date >= %s AND r.arrival_date <= %s
            AND NOT EXISTS (
              SELECT 1 FROM {returns} e WHERE e.person_id = r.person_id AND e.arrival_date >= %s
                AND (e.arrival_date < r.arrival_date
                     OR (e.arrival_date = r.arrival_date AND e.id < r.id)))
            {" ".join(where)}
          GROUP BY 1, 2, 3, 4, 5, 6
        ) g
        INNER JOIN {Operation._meta.db_table} op ON op.id = g.operation_id
        LEFT OUTER JOIN {Wave._meta.db_table} w ON w.id = g.wave_id
        LEFT OUTER JOIN {Region._meta.db_table} reg ON reg.id = g.region_id
    """
    all_params = [
        *holding_params,
        PROGRAM_START,
        query.as_of,
        PROGRAM_START,
        *params,
    ]
    groups = []
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        for sex, is_adult, band, region, operation, wave, count, *held in cursor.fetchall():
            child, age_group = not is_adult, BANDS[band]
            groups.append(
                Group(
                    sex,
                    "child" if child else ("woman" if sex == "female" else "man"),
                    age_group,
                    "child" if child else "adult",
                    region or "",
                    operation,
                    wave_code(operation, wave),
                    count,
                    dict(zip(WOMEN_VALUES, held, strict=True)),
                )
            )
    return groups


def _count(groups: Iterable[Group], by: tuple[str, ...]) -> Iterator[Row]:
    counts: Counter[tuple[str, ...]] = Counter()
    for group in groups:
        counts[group.key(by)] += group.count
    for key, count in counts.items():
        yield Row(key, count)


@indicator(
    "returns.returned",
    title=_("Citizens returned"),
    disaggregations=RETURNEE_DIMENSIONS,
)
def returned(query: Query) -> Iterator[Row]:
    """Citizens returned from the conflict zones since 2017, each counted once from their first
    return; children are those under 18 on arriving."""
    yield from _count(returnee_groups(query), query.by)


def _women_share(query: Query, dimension: str, value: str) -> Iterator[Row]:
    bases: Counter[tuple[str, ...]] = Counter()
    counts: Counter[tuple[str, ...]] = Counter()
    for group in returnee_groups(query):
        if group.category == "woman":
            key = group.key(query.by)
            bases[key] += group.count
            counts[key] += group.holding[(dimension, value)]
    for key, base in bases.items():
        yield Row(key, counts[key], base)


def _women_indicator(code: str, title, dimension: str, value: str, definition: str):
    def compute(query: Query) -> Iterator[Row]:
        return _women_share(query, dimension, value)

    compute.__doc__ = definition
    compute.__name__ = code.replace(".", "_")
    WOMEN_VALUES.append((dimension, value))
    indicator(code, title=title, unit=PERCENT, disaggregations=WOMEN_DIMENSIONS)(compute)
    return compute


women_employed = _women_indicator(
    "returns.women_employed_pct",
    _("Returned women in employment"),
    Dimension.EMPLOYMENT,
    Employment.EMPLOYED,
    "Share of the women returned as adults who are employed on the day (self-employment, "
    "keeping house and studying are not counted as employed).",
)
women_higher_education = _women_indicator(
    "returns.women_higher_education_pct",
    _("Returned women with completed higher education"),
    Dimension.EDUCATION,
    Education.HIGHER,
    "Share of the women returned as adults whose recorded education level on the day is "
    "completed higher education.",
)
women_specialised_secondary = _women_indicator(
    "returns.women_specialised_secondary_pct",
    _("Returned women with specialised secondary education"),
    Dimension.EDUCATION,
    Education.SPECIALISED_SECONDARY,
    "Share of the women returned as adults whose recorded education level on the day is "
    "specialised secondary (college).",
)
women_not_prosecuted = _women_indicator(
    "returns.women_not_prosecuted_pct",
    _("Returned women not prosecuted"),
    Dimension.LEGAL_STATUS,
    LegalStatus.NOT_PROSECUTED,
    "Share of the women returned as adults whose legal status on the day is 'not prosecuted'.",
)
women_renounced = _women_indicator(
    "returns.women_renounced_pct",
    _("Returned women assessed as having renounced violent ideology"),
    Dimension.STANCE,
    Stance.RENOUNCED,
    "Share of the women returned as adults whom their case team assessed, as of the day, as "
    "having renounced violent ideology (a team's recorded judgement, not a computed score).",
)
