"""Figures about returns, for the report command, dashboards and exports (aggregates only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet

from reintegra.cases.observations import Dimension, Education, Employment, LegalStatus, Stance
from reintegra.cases.selectors import values_as_of
from reintegra.people.models import Person, Sex
from reintegra.returns.models import Operation, Return

PROGRAM_START = dt.date(2017, 1, 1)


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


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, rounded half up (45.5 -> 46); None when there is nothing to divide."""
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)


def _share(people: QuerySet[Person], dimension: str, value: str, as_of: dt.date, total: int):
    values = values_as_of(dimension=dimension, on=as_of, people=people)
    return percent(sum(1 for v in values.values() if v == value), total)


def returns_summary(*, as_of: dt.date) -> ReturnsSummary:
    """The headline figures of the returns program on a day.

    A person counts once, from their first return; as a child when they were under 18 on
    arriving. Shares of women are of the women returned by ``as_of``, with each woman's
    situation as recorded on that day.
    """
    returns = Return.objects.filter(arrival_date__gte=PROGRAM_START, arrival_date__lte=as_of)
    first_arrival = returns.values("person_id").annotate(first=Min("arrival_date"))
    arrivals = {row["person_id"]: row["first"] for row in first_arrival}
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=returns.values("person_id")).only(
            "pk", "sex", "adult_on"
        )
    }
    children = {pk for pk, p in people.items() if p.adult_on is None or p.adult_on > arrivals[pk]}
    women_ids = {pk for pk, p in people.items() if p.sex == Sex.FEMALE and pk not in children}
    men = sum(1 for pk, p in people.items() if p.sex == Sex.MALE and pk not in children)
    by_operation = {code: 0 for code in Operation.objects.values_list("code", flat=True)}
    for row in (
        returns.values("operation__code").annotate(n=Count("person_id", distinct=True)).order_by()
    ):
        by_operation[row["operation__code"]] = row["n"]
    women = Person.objects.filter(pk__in=women_ids)
    total_women = len(women_ids)
    return ReturnsSummary(
        as_of=as_of,
        returned_total=len(people),
        by_operation=by_operation,
        men=men,
        women=total_women,
        children=len(children),
        women_employed_pct=_share(
            women, Dimension.EMPLOYMENT, Employment.EMPLOYED, as_of, total_women
        ),
        women_higher_education_pct=_share(
            women, Dimension.EDUCATION, Education.HIGHER, as_of, total_women
        ),
        women_specialised_secondary_pct=_share(
            women, Dimension.EDUCATION, Education.SPECIALISED_SECONDARY, as_of, total_women
        ),
        women_not_prosecuted_pct=_share(
            women, Dimension.LEGAL_STATUS, LegalStatus.NOT_PROSECUTED, as_of, total_women
        ),
        women_renounced_pct=_share(women, Dimension.STANCE, Stance.RENOUNCED, as_of, total_women),
    )
