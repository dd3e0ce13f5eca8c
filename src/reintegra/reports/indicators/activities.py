"""Program activities: prevention events, sports, penal institutions, students abroad.

An activity counts in a period when it started within it (a league played over a season counts
in the period of its first day). The region and organisation are those that held it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from reintegra.reports.indicators.base import FLOW, Query, Row, indicator
from reintegra.reports.indicators.sql import Expression, scoped

WHERE = ("region", "organisation")
ACTIVITY_DIMENSIONS = ("activity_kind", *WHERE, "target_group")
PEOPLE_DIMENSIONS = ("sex", "age_group")

PREVENTION = "prevention_event"
PENAL = "penal_meeting"
SPORTS = "sports_tournament"
STUDENTS = "students_abroad"
PUBLICATION = "publication"


def activity_expressions(prefix: str = "") -> dict[str, Expression]:
    return {
        "activity_kind": F(f"{prefix}kind"),
        "region": F(f"{prefix}region__code"),
        "organisation": F(f"{prefix}organisation__code"),
        "target_group": F(f"{prefix}target_group"),
    }


def activities(query: Query, *kinds: str) -> QuerySet:
    """Activities (of these kinds) that started within the query's period, in its scope."""
    from reintegra.programs.models import Activity

    qs = Activity.objects.filter(starts_on__gte=query.since, starts_on__lte=query.as_of)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return scoped(qs, query, region="region", organisation="organisation")


def sums(
    qs: QuerySet,
    by: Sequence[str],
    expressions: Mapping[str, Expression],
    aggregate,
) -> dict[tuple[str, ...], int]:
    """``aggregate`` (a Sum or Count) of ``qs`` per combination of ``by``, in one query."""
    if not by:
        return {(): qs.aggregate(n=aggregate)["n"] or 0}
    annotations = {f"d_{name}": expressions[name] for name in by}
    rows = qs.annotate(**annotations).values(*annotations).annotate(n=aggregate).order_by()
    return {tuple(str(row[f"d_{name}"] or "") for name in by): row["n"] or 0 for row in rows}


def rows_of(values: dict[tuple[str, ...], int]) -> Iterator[Row]:
    for key, count in values.items():
        if count or not key:
            yield Row(key, count)


@indicator(
    "activities.count",
    title=_("Activities held"),
    kind=FLOW,
    disaggregations=ACTIVITY_DIMENSIONS,
)
def activities_count(query: Query) -> Iterator[Row]:
    """Prevention events, meetings, tournaments, trainings, publications and visits that started
    within the period, by kind."""
    yield from rows_of(sums(activities(query), query.by, activity_expressions(), Count("pk")))


def participants(query: Query, qs: QuerySet, *, sex: str = "", age_groups=()) -> Iterator[Row]:
    """The participants of ``qs``: with sex or age group asked for, those counted by sex and age,
    and the rest of each activity's total as "not recorded"."""
    from reintegra.programs.models import ParticipantCount

    people = [d for d in query.by if d in PEOPLE_DIMENSIONS]
    if not people and not sex:
        yield from rows_of(sums(qs, query.by, activity_expressions(), Sum("participants")))
        return
    counts = ParticipantCount.objects.filter(activity__in=qs.values("pk"))
    if sex:
        counts = counts.filter(sex=sex)
    if age_groups:
        counts = counts.filter(age_group__in=age_groups)
    expressions = activity_expressions("activity__") | {
        "sex": F("sex"),
        "age_group": F("age_group"),
    }
    yield from rows_of(sums(counts, query.by, expressions, Sum("count")))
    if sex:  # only what was counted by sex can be said of one sex
        return
    others = [d for d in query.by if d not in PEOPLE_DIMENSIONS]
    totals = sums(qs, others, activity_expressions(), Sum("participants"))
    recorded = sums(counts, others, expressions, Sum("count"))
    for key, total in totals.items():
        rest = total - recorded.get(key, 0)
        if rest > 0:
            values = dict(zip(others, key, strict=True))
            yield Row(tuple(values.get(d, "") for d in query.by), rest)


@indicator(
    "activities.participants",
    title=_("Participants of activities"),
    kind=FLOW,
    disaggregations=(*ACTIVITY_DIMENSIONS, *PEOPLE_DIMENSIONS),
)
def activities_participants(query: Query) -> Iterator[Row]:
    """The participants of the activities that started within the period, as recorded (a
    person who came to two events counts twice). By sex and age group where they were counted
    so; the rest of an activity's participants show as not recorded."""
    yield from participants(query, activities(query))


@indicator(
    "prevention.events",
    title=_("Prevention events"),
    kind=FLOW,
    disaggregations=(*WHERE, "target_group"),
)
def prevention_events(query: Query) -> Iterator[Row]:
    """Prevention events that started within the period."""
    qs = activities(query, PREVENTION)
    yield from rows_of(sums(qs, query.by, activity_expressions(), Count("pk")))


@indicator(
    "prevention.women_reached",
    title=_("Women reached by prevention events"),
    kind=FLOW,
    disaggregations=WHERE,
)
def prevention_women_reached(query: Query) -> Iterator[Row]:
    """Women (female participants aged 18 or more, as counted by sex and age) at prevention
    events that started within the period."""
    yield from participants(query, activities(query, PREVENTION), sex="female", age_groups=["18+"])


@indicator(
    "sports.participants",
    title=_("Participants of sports events"),
    kind=FLOW,
    disaggregations=(*WHERE, "sex", "age_group"),
)
def sports_participants(query: Query) -> Iterator[Row]:
    """The participants of the sports tournaments that started within the period (for a
    tournament with teams: the players of its teams)."""
    yield from participants(query, activities(query, SPORTS))


def _teams(query: Query) -> QuerySet:
    from reintegra.programs.models import Team

    return Team.objects.filter(activity__in=activities(query, SPORTS).values("pk"))


TEAM_EXPRESSIONS = activity_expressions("activity__")


@indicator("sports.teams", title=_("Teams in tournaments"), kind=FLOW, disaggregations=WHERE)
def sports_teams(query: Query) -> Iterator[Row]:
    """Teams that played in the sports tournaments that started within the period."""
    yield from rows_of(sums(_teams(query), query.by, TEAM_EXPRESSIONS, Count("pk")))


@indicator(
    "sports.mosques",
    title=_("Mosques whose teams played"),
    kind=FLOW,
    disaggregations=WHERE,
)
def sports_mosques(query: Query) -> Iterator[Row]:
    """Mosques with at least one team in the sports tournaments that started within the
    period, each counted once (by the name recorded)."""
    qs = _teams(query).exclude(mosque="")
    yield from rows_of(sums(qs, query.by, TEAM_EXPRESSIONS, Count("mosque", distinct=True)))


@indicator("sports.players", title=_("Players in teams"), kind=FLOW, disaggregations=WHERE)
def sports_players(query: Query) -> Iterator[Row]:
    """Players of the teams in the sports tournaments that started within the period."""
    yield from rows_of(sums(_teams(query), query.by, TEAM_EXPRESSIONS, Sum("players")))


@indicator(
    "sports.adherents",
    title=_("Adherents of destructive movements among players"),
    kind=FLOW,
    disaggregations=WHERE,
)
def sports_adherents(query: Query) -> Iterator[Row]:
    """Players known to be adherents of destructive movements, in the teams of the sports
    tournaments that started within the period."""
    yield from rows_of(sums(_teams(query), query.by, TEAM_EXPRESSIONS, Sum("adherents")))


@indicator(
    "penal.meetings",
    title=_("Meetings and lectures in penal institutions"),
    kind=FLOW,
    disaggregations=WHERE,
)
def penal_meetings(query: Query) -> Iterator[Row]:
    """Meetings and lectures held in penal institutions within the period. The organisation is
    the one that held them, not the institution."""
    qs = activities(query, PENAL)
    yield from rows_of(sums(qs, query.by, activity_expressions(), Count("pk")))


@indicator(
    "penal.people_reached",
    title=_("People reached in penal institutions"),
    kind=FLOW,
    disaggregations=(*WHERE, "sex", "age_group"),
)
def penal_people_reached(query: Query) -> Iterator[Row]:
    """The participants of the meetings and lectures in penal institutions within the period
    (a person at two meetings counts twice)."""
    yield from participants(query, activities(query, PENAL))


def _students(query: Query, field: str) -> Iterator[Row]:
    qs = activities(query, STUDENTS)
    yield from rows_of(sums(qs, query.by, activity_expressions(), Sum(field)))


@indicator(
    "students_abroad.reached",
    title=_("Students of theology abroad reached"),
    kind=FLOW,
    disaggregations=WHERE,
)
def students_reached(query: Query) -> Iterator[Row]:
    """Citizens studying theology abroad reached by explanatory work that started within the
    period."""
    yield from _students(query, "students_reached")


@indicator(
    "students_abroad.returned",
    title=_("Students of theology abroad who returned"),
    kind=FLOW,
    disaggregations=WHERE,
)
def students_returned(query: Query) -> Iterator[Row]:
    """Of the students reached by explanatory work that started within the period, those who
    returned home."""
    yield from _students(query, "students_returned")


@indicator(
    "students_abroad.gave_up",
    title=_("Students of theology abroad who gave up their plans"),
    kind=FLOW,
    disaggregations=WHERE,
)
def students_gave_up(query: Query) -> Iterator[Row]:
    """Of the students reached by explanatory work that started within the period, those who
    gave up their plans (of study at an unrecognised school, or of joining a movement)."""
    yield from _students(query, "students_gave_up")


@indicator(
    "publications.reach",
    title=_("Reach of counter-propaganda publications"),
    kind=FLOW,
    disaggregations=WHERE,
)
def publications_reach(query: Query) -> Iterator[Row]:
    """Readers, viewers and listeners of the counter-propaganda publications of the period, as
    reported by the channel (one person reached twice counts twice)."""
    qs = activities(query, PUBLICATION).filter(~Q(reach=None))
    yield from rows_of(sums(qs, query.by, activity_expressions(), Sum("reach")))
