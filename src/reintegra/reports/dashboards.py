"""What a dashboard shows: panels, each one indicator with at most one disaggregation.

The national, regional and organisation dashboards show the same panels for their scope; the
benchmark times exactly this list, the exports write exactly these tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reintegra.reports.indicators import Query, Table
from reintegra.reports.indicators.base import evaluate_many


@dataclass(frozen=True)
class Panel:
    indicator: str
    by: tuple[str, ...] = ()
    chart: str = "bar"  # bar, or "" for a figure with no chart

    @property
    def slug(self) -> str:
        return "-".join([self.indicator.replace(".", "-"), *self.by])


HEADLINES: tuple[Panel, ...] = (
    Panel("returns.returned", chart=""),
    Panel("returns.women_employed_pct", chart=""),
    Panel("returns.women_higher_education_pct", chart=""),
    Panel("returns.women_specialised_secondary_pct", chart=""),
    Panel("returns.women_not_prosecuted_pct", chart=""),
    Panel("returns.women_renounced_pct", chart=""),
    Panel("cases.open", chart=""),
    Panel("counselling.people", chart=""),
    Panel("counselling.rehabilitated", chart=""),
    Panel("services.given", chart=""),
    Panel("plans.approved", chart=""),
    Panel("reviews.overdue", chart=""),
    Panel("prevention.events", chart=""),
    Panel("prevention.women_reached", chart=""),
    Panel("sports.teams", chart=""),
    Panel("sports.participants", chart=""),
    Panel("penal.meetings", chart=""),
    Panel("students_abroad.returned", chart=""),
)

PANELS: tuple[Panel, ...] = (
    Panel("returns.returned", ("category",)),
    Panel("returns.returned", ("operation",)),
    Panel("returns.returned", ("age_group",)),
    Panel("returns.returned", ("region",)),
    Panel("returns.women_employed_pct", ("operation",)),
    Panel("cases.open", ("program",)),
    Panel("cases.open", ("region",)),
    Panel("cases.open", ("age_group",)),
    Panel("cases.opened", ("program",)),
    Panel("cases.closed", ("closure_reason",)),
    Panel("services.given", ("service_kind",)),
    Panel("referrals.made", ("referral_status",)),
    Panel("assessments.completed", ("program",)),
    Panel("activities.count", ("activity_kind",)),
    Panel("activities.participants", ("sex",)),
)


@dataclass(frozen=True)
class Scope:
    """Whose figures: the whole country, one region or one organisation (with its branches)."""

    region: str = ""
    organisation: str = ""

    @property
    def is_national(self) -> bool:
        return not self.region and not self.organisation


def query_for(panel: Panel, scope: Scope, *, as_of: dt.date, start: dt.date | None = None) -> Query:
    return Query(
        as_of=as_of,
        start=start,
        by=panel.by,
        region=scope.region,
        organisation=scope.organisation,
    )


def dashboard_tables(
    scope: Scope, *, as_of: dt.date, start: dt.date | None = None
) -> tuple[list[Table], list[Table]]:
    """The headline figures and the panels of a dashboard, evaluated for one scope and period.

    Evaluated together: an indicator shown as a headline and in panels is read once, by all
    its breakdowns, and each table summed from that (the same figures as one by one)."""
    panels = HEADLINES + PANELS
    tables = evaluate_many(
        [(p.indicator, query_for(p, scope, as_of=as_of, start=start)) for p in panels]
    )
    return tables[: len(HEADLINES)], tables[len(HEADLINES) :]
