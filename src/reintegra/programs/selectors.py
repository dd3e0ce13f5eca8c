"""Reads of activities and targets, for the pages and the reports; always through restrict."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from reintegra.programs.models import Activity, Attendance, Target, TargetMetric, Team
from reintegra.reports.indicators import Query, evaluate, percent

if TYPE_CHECKING:
    from reintegra.accounts.models import User


@dataclass(frozen=True)
class ActivityFilters:
    search: str = ""
    kind: str = ""
    year: int | None = None
    organisation_id: int | None = None
    region_id: int | None = None


def activity_list(
    *, user: User, filters: ActivityFilters | None = None, action: str = "view"
) -> QuerySet[Activity]:
    """The activities ``user`` may see, with what a list shows, in a fixed number of queries."""
    qs = (
        Activity.objects.restrict(user, action)
        .select_related("organisation", "region", "institution")
        .annotate(team_count=Count("teams", distinct=True))
    )
    filters = filters or ActivityFilters()
    if filters.search:
        qs = qs.filter(title__icontains=filters.search.strip())
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.region_id:
        qs = qs.filter(region_id=filters.region_id)
    return qs


def activity_years(*, user: User) -> list[int]:
    """The years in which the user's visible activities took place, newest first."""
    days = Activity.objects.restrict(user, "view").dates("starts_on", "year", order="DESC")
    return [day.year for day in days]


def teams_of(*, user: User, activity: Activity) -> QuerySet[Team]:
    return Team.objects.restrict(user, "view").filter(activity=activity).order_by("name", "pk")


@dataclass(frozen=True)
class TeamTotals:
    teams: int
    mosques: int
    players: int
    adherents: int


def team_totals(teams) -> TeamTotals:
    teams = list(teams)
    return TeamTotals(
        teams=len(teams),
        mosques=len({t.mosque.strip().casefold() for t in teams if t.mosque.strip()}),
        players=sum(t.players for t in teams),
        adherents=sum(t.adherents for t in teams),
    )


def attendance_of(*, user: User, activity: Activity) -> QuerySet[Attendance]:
    """Named participants ``user`` may see (a person out of their reach is not listed)."""
    return (
        Attendance.objects.restrict(user, "view")
        .filter(activity=activity)
        .select_related("person")
        .order_by("person__sort_name", "pk")
    )


@dataclass(frozen=True)
class Progress:
    target: Target
    value: int
    percent: int | None
    period_start: dt.date
    period_end: dt.date

    @property
    def reached(self) -> bool:
        return self.value >= self.target.value

    @property
    def bar_value(self) -> int:
        """What the progress bar shows: never past its end."""
        return min(self.value, self.target.value)


def target_value(target: Target, *, as_of: dt.date | None = None) -> int:
    """What the organisation reached in the target's year, counted by the same indicators as
    the figures: counselling.people, activities.count or activities.participants, for the
    organisation (with its branches)."""
    start = dt.date(target.year, 1, 1)
    end = min(dt.date(target.year, 12, 31), as_of) if as_of else dt.date(target.year, 12, 31)
    if end < start:
        return 0
    organisation = target.organisation.code
    if target.metric == TargetMetric.CONVERSATIONS:
        query = Query(as_of=end, start=start, organisation=organisation)
        return evaluate("counselling.people", query).total.count
    code = (
        "activities.count"
        if target.metric == TargetMetric.ACTIVITIES
        else "activities.participants"
    )
    if not target.activity_kind:
        return evaluate(code, Query(as_of=end, start=start, organisation=organisation)).total.count
    table = evaluate(
        code, Query(as_of=end, start=start, by=("activity_kind",), organisation=organisation)
    )
    return sum(row.count for row in table.rows if row.key == (target.activity_kind,))


def progress_of(target: Target, *, as_of: dt.date | None = None) -> Progress:
    value = target_value(target, as_of=as_of)
    return Progress(
        target=target,
        value=value,
        percent=percent(value, target.value),
        period_start=dt.date(target.year, 1, 1),
        period_end=dt.date(target.year, 12, 31),
    )


def target_list(*, user: User, year: int | None = None) -> QuerySet[Target]:
    qs = Target.objects.restrict(user, "view").select_related("organisation")
    if year:
        qs = qs.filter(year=year)
    return qs


def targets_with_progress(*, user: User | None, year: int | None = None) -> list[Progress]:
    """Targets with what was reached; ``user`` None for every target (the report command)."""
    qs = Target.objects.select_related("organisation") if user is None else target_list(user=user)
    if year:
        qs = qs.filter(year=year)
    return [progress_of(target) for target in qs]


# The activities report: (JSON key, indicator, label). Each figure is one indicator's total.
REPORT_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("conversations", "counselling.people", "People who had individual conversations"),
    ("rehabilitated", "counselling.rehabilitated", "People rehabilitated after counselling"),
    ("mosque_league_teams", "sports.teams", "Teams in tournaments (mosque league)"),
    ("mosque_league_mosques", "sports.mosques", "Mosques whose teams played"),
    ("mosque_league_participants", "sports.players", "Players in teams"),
    ("mosque_league_adherents", "sports.adherents", "Adherents among the players"),
    ("sports_participants", "sports.participants", "Participants of all sports events"),
    ("prevention_events", "prevention.events", "Prevention events"),
    ("prevention_women_reached", "prevention.women_reached", "Women reached by prevention"),
    ("penal_meetings", "penal.meetings", "Meetings and lectures in penal institutions"),
    ("penal_people_reached", "penal.people_reached", "People reached in penal institutions"),
    ("students_abroad", "students_abroad.reached", "Students of theology abroad reached"),
    ("students_returned", "students_abroad.returned", "Of them returned"),
    ("students_gave_up", "students_abroad.gave_up", "Of them gave up their plans"),
)
# The published figure for penal institutions is for 2017: always reported for that year.
PENAL_YEAR = 2017
PENAL_FIGURES = (
    ("penal_meetings_2017", "penal.meetings", "Meetings and lectures in penal institutions, 2017"),
    (
        "penal_people_reached_2017",
        "penal.people_reached",
        "People reached in penal institutions, 2017",
    ),
)


def report_period(*, year: int | None, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """A calendar year, or the program's start (2017) to ``as_of``."""
    from reintegra.reports.indicators import PROGRAM_START

    if year:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return PROGRAM_START, as_of


def activity_report(*, year: int | None, as_of: dt.date) -> dict:
    """The figures of ``reintegra report activities``: aggregates only, for every organisation."""
    start, end = report_period(year=year, as_of=as_of)
    query = Query(as_of=end, start=start)
    data: dict = {"from": start.isoformat(), "to": end.isoformat(), "year": year}
    for key, code, _label in REPORT_FIGURES:
        data[key] = evaluate(code, query).total.count
    penal = Query(as_of=dt.date(PENAL_YEAR, 12, 31), start=dt.date(PENAL_YEAR, 1, 1))
    for key, code, _label in PENAL_FIGURES:
        data[key] = evaluate(code, penal).total.count
    data["targets"] = [
        {
            "organisation": p.target.organisation.code,
            "year": p.target.year,
            "measured_by": p.target.metric,
            "activity_kind": p.target.activity_kind,
            "target": p.target.value,
            "value": p.value,
            "percent": p.percent,
            "reached": p.reached,
        }
        for p in targets_with_progress(user=None, year=year)
    ]
    return data
