"""Cases and the work done in them: open caseload, openings and closures, services, plans,
reviews, referrals. Ages are on the day the figure is for (the end of the period)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from django.db.models import Case as SqlCase
from django.db.models import CharField, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.reports.indicators.base import FLOW, Query, Row, indicator
from reintegra.reports.indicators.dimensions import age_band_expression, child_adult_expression
from reintegra.reports.indicators.sql import grouped_counts, grouped_sums, scoped

CASE_DIMENSIONS = ("program", "region", "organisation", "sex", "age_group", "child_adult")


def case_expressions(query: Query, prefix: str = "") -> dict:
    return {
        "program": F(f"{prefix}program"),
        "status": F(f"{prefix}status"),
        "closure_reason": F(f"{prefix}closure_reason"),
        "region": F(f"{prefix}region__code"),
        "organisation": F(f"{prefix}organisation__code"),
        "sex": F(f"{prefix}person__sex"),
        "age_group": age_band_expression(query.as_of, f"{prefix}person__"),
        "child_adult": child_adult_expression(query.as_of, f"{prefix}person__"),
    }


def _cases(query: Query):
    from reintegra.cases.models import Case

    return scoped(Case.objects.all(), query, region="region", organisation="organisation")


def day_start(day: dt.date) -> dt.datetime:
    """Midnight starting ``day`` in the current time zone: ``at__date >= day`` is
    ``at >= day_start(day)`` and ``at__date <= day`` is ``at < day_start(day + 1)``. Compared
    as timestamps, the condition uses an index and converts no row's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def open_on(query: Query) -> Q:
    return Q(opened_on__lte=query.as_of) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=query.as_of)
    )


@indicator(
    "cases.open",
    title=_("Open cases"),
    disaggregations=(*CASE_DIMENSIONS, "status"),
)
def cases_open(query: Query) -> Iterator[Row]:
    """Cases open on the day: opened by then and not closed by then. The status is the case's
    status today (open, or closure awaiting approval); a case closed since counts as open."""
    if set(query.by) <= {*CASE_TALLIED, "age_group"}:
        yield from _open_tallied(query)
        return
    expressions = case_expressions(query)
    expressions["status"] = SqlCase(
        When(status="closed", then=Value("open")), default=F("status"), output_field=CharField()
    )
    yield from grouped_counts(_cases(query).filter(open_on(query)), query, expressions)


LATEST = dt.date(9999, 12, 31)

# The breakdowns the case tally holds, and its column for each.
CASE_TALLIED = {
    "program": F("program"),
    "region": F("region__code"),
    "organisation": F("organisation__code"),
}


def _case_tally(query: Query, first: dt.date | None, last: dt.date):
    from reintegra.cases.models import CaseTally

    qs = CaseTally.objects.filter(month__lte=last)
    if first is not None:
        qs = qs.filter(month__gte=first)
    return scoped(qs, query, region="region", organisation="organisation")


def _tallied(query: Query, by: tuple[str, ...], field: str, first, last) -> Counter:
    """The case tally's ``field`` (opened or closed) summed over its months, per ``by``."""
    return Counter(
        {
            row.key: row.count
            for row in grouped_sums(
                _case_tally(query, first, last), replace(query, by=by), CASE_TALLIED, field
            )
        }
    )


def _counted(query: Query, by: tuple[str, ...], qs) -> Counter:
    rows = grouped_counts(qs, replace(query, by=by), case_expressions(query))
    return Counter({row.key: row.count for row in rows})


def _open_tallied(query: Query) -> Iterator[Row]:
    """Open cases from the case tally: those opened by the day less those closed by the day (a
    case is closed on or after the day it opened), whole months from the tally and the days of
    the day's own month from the cases. By age group: the cases of people who may be minors
    on the day are counted from the cases with their people (the copy of ``adult_on`` finds
    them), and the rest are 18 or over."""
    month = query.as_of.replace(day=1)
    before = month - dt.timedelta(days=1)
    by = tuple(d for d in query.by if d != "age_group")
    counts = _tallied(query, by, "opened", None, before)
    counts.subtract(_tallied(query, by, "closed", None, before))
    days = _cases(query)
    counts.update(
        _counted(query, by, days.filter(opened_on__gte=month, opened_on__lte=query.as_of))
    )
    counts.subtract(
        _counted(query, by, days.filter(closed_on__gte=month, closed_on__lte=query.as_of))
    )
    if not query.by:
        yield Row((), counts[()])  # a total, even of nothing, as a count gives
        return
    if "age_group" not in query.by:
        yield from (Row(key, n) for key, n in counts.items() if n)
        return
    # Two ranges of their own index: adult_on unknown, and adult_on after the day (closed at
    # both ends, every adult_on being before LATEST, so that SQLite's planner, which does not
    # know how few cases are after the day, reads them from that index).
    position = query.by.index("age_group")
    for minors in (
        Q(person_adult_on__isnull=True),
        Q(person_adult_on__gt=query.as_of, person_adult_on__lt=LATEST),
    ):
        qs = _cases(query).filter(open_on(query)).filter(minors)
        expressions = case_expressions(query)  # the age from the case's copy of the dates:
        expressions["age_group"] = age_band_expression(query.as_of, "person_")  # no person read
        for row in grouped_counts(qs, query, expressions):
            yield row
            counts[row.key[:position] + row.key[position + 1 :]] -= row.count
    for key, n in counts.items():
        if n:
            yield Row((*key[:position], "18+", *key[position:]), n)


@indicator(
    "cases.opened",
    title=_("Cases opened"),
    kind=FLOW,
    disaggregations=CASE_DIMENSIONS,
)
def cases_opened(query: Query) -> Iterator[Row]:
    """Cases opened within the period."""
    first, last = whole_months(query.since, query.as_of)
    if not set(query.by) <= set(CASE_TALLIED) or first is None or last is None:
        qs = _cases(query).filter(opened_on__gte=query.since, opened_on__lte=query.as_of)
        yield from grouped_counts(qs, query, case_expressions(query))
        return
    # Whole months from the case tally, the days before and after them from the cases.
    yield from grouped_sums(_case_tally(query, first, last), query, CASE_TALLIED, "opened")
    after = _next_month(last)
    for since, until in ((query.since, first - dt.timedelta(days=1)), (after, query.as_of)):
        if since <= until:
            qs = _cases(query).filter(opened_on__gte=since, opened_on__lte=until)
            yield from grouped_counts(qs, query, case_expressions(query))


@indicator(
    "cases.closed",
    title=_("Cases closed"),
    kind=FLOW,
    disaggregations=(*CASE_DIMENSIONS, "closure_reason"),
)
def cases_closed(query: Query) -> Iterator[Row]:
    """Cases whose closure was approved within the period, by the reason recorded."""
    qs = _cases(query).filter(closed_on__gte=query.since, closed_on__lte=query.as_of)
    yield from grouped_counts(qs, query, case_expressions(query))


@indicator(
    "counselling.people",
    title=_("People who had individual conversations"),
    kind=FLOW,
    disaggregations=("region", "organisation", "sex", "age_group"),
    additive=False,  # one person, counted once, can be in two groups (two regions' cases)
)
def counselling_people(query: Query) -> Iterator[Row]:
    """People reached by counselling: each person with a counselling case opened within the
    period, counted once (an adherent of a destructive movement in individual conversations)."""
    qs = _cases(query).filter(
        program="counselling", opened_on__gte=query.since, opened_on__lte=query.as_of
    )
    yield from grouped_counts(qs, query, case_expressions(query), distinct="person_id")


@indicator(
    "counselling.rehabilitated",
    title=_("People rehabilitated after counselling"),
    kind=FLOW,
    disaggregations=("region", "organisation", "sex", "age_group"),
    additive=False,  # one person, counted once, can be in two groups (two regions' cases)
)
def counselling_rehabilitated(query: Query) -> Iterator[Row]:
    """People whose counselling case was closed within the period with its goals achieved (the
    team's decision that the person has left the destructive movement), counted once."""
    qs = _cases(query).filter(
        program="counselling",
        closure_reason="goals_achieved",
        closed_on__gte=query.since,
        closed_on__lte=query.as_of,
    )
    yield from grouped_counts(qs, query, case_expressions(query), distinct="person_id")


@indicator(
    "services.given",
    title=_("Services given"),
    kind=FLOW,
    disaggregations=("service_kind", *CASE_DIMENSIONS),
)
def services_given(query: Query) -> Iterator[Row]:
    """Sessions held and help given in cases within the period, by kind. The organisation is the
    one that gave the service."""
    if not set(query.by) <= set(TALLIED):  # the person's sex or age: from the services
        yield from _services_counted(query, query.since, query.as_of)
        return
    # Whole months from the tally (kept equal to a count of the services by
    # ``cases.tallies``), the days before and after them from the services.
    first, last = whole_months(query.since, query.as_of)
    if first is None or last is None:
        yield from _services_counted(query, query.since, query.as_of)
        return
    if query.since < first:
        yield from _services_counted(query, query.since, first - dt.timedelta(days=1))
    yield from _services_tallied(query, first, last)
    last_day = _next_month(last) - dt.timedelta(days=1)
    if last_day < query.as_of:
        yield from _services_counted(query, last_day + dt.timedelta(days=1), query.as_of)


# The breakdowns the service tally holds, and its column for each.
TALLIED = {
    "service_kind": F("kind"),
    "program": F("program"),
    "region": F("region__code"),
    "organisation": F("organisation__code"),
}


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def whole_months(since: dt.date, until: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last month lying wholly within ``since``..``until`` (their first days),
    or None when no month does."""
    first = since if since.day == 1 else _next_month(since)
    after = until + dt.timedelta(days=1)
    last = until.replace(day=1) if after.day == 1 else _previous_month(until.replace(day=1))
    if last < first:
        return None, None
    return first, last


def _previous_month(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


def _services_counted(query: Query, since: dt.date, until: dt.date) -> Iterator[Row]:
    from reintegra.cases.models import Service

    qs = scoped(
        Service.objects.filter(date__gte=since, date__lte=until),
        query,
        region="case__region",
        organisation="provider_organisation",
    )
    expressions = case_expressions(query, "case__")
    expressions["organisation"] = F("provider_organisation__code")
    expressions["service_kind"] = F("kind")
    yield from grouped_counts(qs, query, expressions)


def _services_tallied(query: Query, first: dt.date, last: dt.date) -> Iterator[Row]:
    from reintegra.cases.models import ServiceTally

    qs = scoped(
        ServiceTally.objects.filter(month__gte=first, month__lte=last),
        query,
        region="region",
        organisation="organisation",
    )
    yield from grouped_sums(qs, query, TALLIED, "count")


@indicator(
    "plans.approved",
    title=_("Individual plans approved"),
    kind=FLOW,
    disaggregations=CASE_DIMENSIONS,
)
def plans_approved(query: Query) -> Iterator[Row]:
    """Individual plans a regional coordinator approved within the period."""
    from reintegra.cases.models import Plan

    qs = scoped(
        Plan.objects.filter(approved_on__gte=query.since, approved_on__lte=query.as_of),
        query,
        region="case__region",
        organisation="case__organisation",
    )
    yield from grouped_counts(qs, query, case_expressions(query, "case__"))


@indicator(
    "reviews.overdue",
    title=_("Overdue plan reviews and reassessments"),
    disaggregations=CASE_DIMENSIONS,
)
def reviews_overdue(query: Query) -> Iterator[Row]:
    """Plan reviews and reassessments that were due before the day and not done by then."""
    from reintegra.cases.models import Task, TaskKind

    done_after = day_start(query.as_of + dt.timedelta(days=1))  # done on a later day
    qs = Task.objects.filter(
        kind__in=[TaskKind.PLAN_REVIEW, TaskKind.REASSESSMENT], due_on__lt=query.as_of
    ).filter(Q(done_at__isnull=True) | Q(done_at__gte=done_after))
    qs = scoped(qs, query, region="case__region", organisation="case__organisation")
    yield from grouped_counts(qs, query, case_expressions(query, "case__"))


@indicator(
    "referrals.made",
    title=_("Referrals made"),
    kind=FLOW,
    disaggregations=("referral_status", "service_kind", *CASE_DIMENSIONS),
)
def referrals_made(query: Query) -> Iterator[Row]:
    """Referrals to other organisations made within the period, by where they stand now
    (waiting, accepted, declined, completed). The organisation is the one that referred."""
    from reintegra.cases.models import Referral

    qs = scoped(
        Referral.objects.filter(
            requested_at__gte=day_start(query.since),
            requested_at__lt=day_start(query.as_of + dt.timedelta(days=1)),
        ),
        query,
        region="case__region",
        organisation="from_organisation",
    )
    expressions = case_expressions(query, "case__")
    expressions |= {
        "organisation": F("from_organisation__code"),
        "service_kind": F("service_kind"),
        "referral_status": F("status"),
    }
    yield from grouped_counts(qs, query, expressions)


@indicator(
    "assessments.completed",
    title=_("Assessments completed"),
    kind=FLOW,
    disaggregations=CASE_DIMENSIONS,
)
def assessments_completed(query: Query) -> Iterator[Row]:
    """Structured assessments and reassessments completed within the period (their answers are
    not summed into any score)."""
    first, last = whole_months(query.since, query.as_of)
    if not set(query.by) <= set(CASE_TALLIED) or first is None or last is None:
        yield from _assessments_counted(query, query.since, query.as_of)
        return
    # Whole months from the case tally, the days before and after them from the assessments.
    yield from grouped_sums(_case_tally(query, first, last), query, CASE_TALLIED, "assessed")
    after = _next_month(last)
    for since, until in ((query.since, first - dt.timedelta(days=1)), (after, query.as_of)):
        if since <= until:
            yield from _assessments_counted(query, since, until)


def _assessments_counted(query: Query, since: dt.date, until: dt.date) -> Iterator[Row]:
    from reintegra.cases.models import Assessment, AssessmentStatus

    qs = scoped(
        Assessment.objects.filter(
            status=AssessmentStatus.COMPLETED, assessed_on__gte=since, assessed_on__lte=until
        ),
        query,
        region="case__region",
        organisation="case__organisation",
    )
    yield from grouped_counts(qs, query, case_expressions(query, "case__"))
