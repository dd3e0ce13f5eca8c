"""Returns: the citizens brought home, and how the women among them are doing.

The population is each person returned since the program began (2017), counted once, from their
first return. "Child" means under 18 on arriving, as the Committee for Religious Affairs counts;
age groups are ages on arriving too. The women are those returned as adults.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
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
from reintegra.reports.indicators.dimensions import age_band, is_child, wave_code
from reintegra.reports.indicators.sql import organisation_tree_ids

RETURNEE_DIMENSIONS = ("category", "sex", "age_group", "child_adult", "region", "operation", "wave")
WOMEN_DIMENSIONS = ("age_group", "region", "operation", "wave")


@dataclass(slots=True)
class Returnee:
    person_id: int
    sex: str
    category: str  # man / woman / child, on arriving
    age_group: str
    child_adult: str
    region: str
    operation: str
    wave: str

    def key(self, by: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(getattr(self, dimension) for dimension in by)


def returnees(query: Query) -> list[Returnee]:
    """Everyone returned between the program's start and ``query.as_of``, once each (read once
    per day and scope within ``shared()``: a dashboard asks for them a dozen times)."""
    key = ("returnees", query.as_of, query.region, query.organisation)
    return shared_value(key, lambda: _read_returnees(query))


def _read_returnees(query: Query) -> list[Returnee]:
    from reintegra.cases.models import Case
    from reintegra.returns.models import Return

    returns = Return.objects.filter(arrival_date__gte=PROGRAM_START, arrival_date__lte=query.as_of)
    if query.region:
        returns = returns.filter(person__region__code=query.region)
    if query.organisation:
        cases = Case.objects.filter(
            person_id=OuterRef("person_id"),
            organisation_id__in=organisation_tree_ids(query.organisation),
        )
        returns = returns.filter(Exists(cases))
    rows = returns.order_by("person_id", "arrival_date", "pk").values_list(
        "person_id",
        "arrival_date",
        "operation__code",
        "wave__number",
        "person__sex",
        "person__birth_date",
        "person__adult_on",
        "person__region__code",
    )
    people: list[Returnee] = []
    last = None
    bands: dict[tuple, str] = {}  # arrivals share days, so each band is worked out once
    for person_id, arrival, operation, wave, sex, birth, adult_on, region in rows:
        if person_id == last:
            continue  # a later return of the same person
        last = person_id
        child = is_child(adult_on, arrival)
        band_key = (birth, adult_on, arrival)
        band = bands.get(band_key)
        if band is None:
            band = bands[band_key] = age_band(birth, adult_on, arrival)
        people.append(
            Returnee(
                person_id,
                sex,
                "child" if child else ("woman" if sex == "female" else "man"),
                band,
                "child" if child else "adult",
                region or "",
                operation,
                wave_code(operation, wave),
            )
        )
    return people


def _count(people: Iterable[Returnee], by: tuple[str, ...]) -> Iterator[Row]:
    for key, count in Counter(person.key(by) for person in people).items():
        yield Row(key, count)


@indicator(
    "returns.returned",
    title=_("Citizens returned"),
    disaggregations=RETURNEE_DIMENSIONS,
)
def returned(query: Query) -> Iterator[Row]:
    """Citizens returned from the conflict zones since 2017, each counted once from their first
    return; children are those under 18 on arriving."""
    yield from _count(returnees(query), query.by)


# The dimensions the women's shares read, filled in as the indicators are registered.
WOMEN_VALUE_DIMENSIONS: set[str] = set()


def returnee_values(as_of) -> dict[str, dict[str, set[int]]]:
    """{dimension: {value: ids of returnees holding it on the day}} for the dimensions the
    women's shares read, in one query (read once per day within ``shared()``)."""
    return shared_value(("returnee_values", as_of), lambda: _read_returnee_values(as_of))


def _read_returnee_values(as_of) -> dict[str, dict[str, set[int]]]:
    from reintegra.cases.models import Observation
    from reintegra.cases.selectors import holding_on
    from reintegra.returns.models import Return

    dimensions = sorted(WOMEN_VALUE_DIMENSIONS)
    observed = holding_on(Observation.objects.filter(dimension__in=dimensions), as_of)
    # Fetched for all returnees and kept for the women: one query, with no list of ids sent to
    # the database; the returnees are few, so it reads their rows through the person index.
    observed = observed.filter(person_id__in=Return.objects.values("person_id"))
    values: dict[str, dict[str, set[int]]] = {d: {} for d in dimensions}
    # No ordering: the model's default orders by the person's name, a join and a sort of
    # every row for nothing.
    rows = observed.order_by().values_list("person_id", "dimension", "value")
    for person_id, dimension, value in rows:
        values[dimension].setdefault(value, set()).add(person_id)
    return values


def _women_share(query: Query, dimension: str, value: str) -> Iterator[Row]:
    women = [p for p in returnees(query) if p.category == "woman"]
    having = returnee_values(query.as_of)[dimension].get(value, set())
    bases = Counter(p.key(query.by) for p in women)
    counts = Counter(p.key(query.by) for p in women if p.person_id in having)
    for key, base in bases.items():
        yield Row(key, counts.get(key, 0), base)


def _women_indicator(code: str, title, dimension: str, value: str, definition: str):
    def compute(query: Query) -> Iterator[Row]:
        return _women_share(query, dimension, value)

    compute.__doc__ = definition
    compute.__name__ = code.replace(".", "_")
    WOMEN_VALUE_DIMENSIONS.add(dimension)
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
