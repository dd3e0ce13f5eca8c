"""Reads of assessments for pages, the API and the case timeline, always restricted.

The change-over-time charts place each answer at its option's place on the item's ordered scale;
nothing is added up or averaged, and no figure about the person comes out of the answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reintegra.cases.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Case,
    Instrument,
    InstrumentDomain,
    InstrumentItem,
    InstrumentPurpose,
    NeedDecision,
    ScaleOption,
)
from reintegra.core.access import VIEW

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.cases.selectors import TimelineEntry


def assessment_list(*, user: User, case: Case) -> QuerySet[Assessment]:
    """The case's assessments, newest first, each with its need decisions (newest first)."""
    return (
        Assessment.objects.restrict(user, VIEW)
        .filter(case=case)
        .select_related("instrument", "assessor")
        .prefetch_related(
            Prefetch(
                "need_decisions",
                queryset=NeedDecision.objects.select_related("decided_by").order_by(
                    "-decided_on", "-pk"
                ),
            )
        )
        .order_by("-assessed_on", "-pk")
    )


def current_need_decision(*, user: User, case: Case) -> NeedDecision | None:
    """The newest level of need the team decided in this case, if any."""
    return (
        NeedDecision.objects.restrict(user, VIEW)
        .filter(case=case)
        .select_related("decided_by", "assessment__instrument")
        .order_by("-decided_on", "-pk")
        .first()
    )


def instruments_in_use(*, user: User, case: Case | None = None) -> QuerySet[Instrument]:
    """Active instruments; for a case, those that suit the person's age today (a child's
    well-being instrument for a child, the adult one for an adult, a reassessment for anyone)."""
    qs = Instrument.objects.restrict(user, VIEW).filter(is_active=True)
    if case is not None:
        unsuitable = (
            InstrumentPurpose.ADULT_NEEDS
            if case.person.is_child_on(timezone.localdate())
            else InstrumentPurpose.CHILD_WELLBEING
        )
        qs = qs.exclude(purpose=unsuitable)
    return qs


@dataclass
class ItemRow:
    item: InstrumentItem
    answer: Answer | None
    options: list[ScaleOption] = field(default_factory=list)


@dataclass
class Section:
    domain: InstrumentDomain
    rows: list[ItemRow]


def assessment_sections(assessment: Assessment) -> list[Section]:
    """The instrument's domains in order, each with its items, their answer and their scale's
    options (for the form), in four queries whatever the size of the instrument."""
    answers = {answer.item_id: answer for answer in assessment.answers.select_related("option")}
    domains = list(
        InstrumentDomain.objects.filter(instrument=assessment.instrument_id).prefetch_related(
            Prefetch("items", queryset=InstrumentItem.objects.order_by("position", "pk"))
        )
    )
    scale_ids = {item.scale_id for domain in domains for item in domain.items.all()}
    options: dict[int, list[ScaleOption]] = {}
    for option in ScaleOption.objects.filter(scale_id__in=scale_ids).order_by("position", "pk"):
        options.setdefault(option.scale_id, []).append(option)
    return [
        Section(
            domain,
            [
                ItemRow(item, answers.get(item.pk), options.get(item.scale_id, []))
                for item in domain.items.all()
            ],
        )
        for domain in domains
    ]


def need_decisions_of(*, user: User, assessment: Assessment) -> QuerySet[NeedDecision]:
    return (
        NeedDecision.objects.restrict(user, VIEW)
        .filter(assessment=assessment)
        .select_related("decided_by")
        .order_by("-decided_on", "-pk")
    )


# --- Change over time ----------------------------------------------------------------------------

WIDTH = 680
LEFT, RIGHT, TOP = 8, 16, 28
ROW = 44
BOTTOM = 40
# Okabe-Ito colours: told apart with the common colour-vision differences.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"]
MARKERS = ["circle", "square", "diamond", "triangle"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: dt.date
    label: str  # the option's label: what was answered


@dataclass
class Series:
    code: str
    label: str
    colour: str
    marker: str
    points: list[Point] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def markers(self) -> list[dict]:
        """Each point with the shape's outline, ready for the template."""
        return [
            {"point": point, "outline": self.outline(point.x, point.y)} for point in self.points
        ]

    @property
    def legend_outline(self) -> str:
        return self.outline(14, 6)

    def outline(self, x: float, y: float) -> str:
        """The polygon of the series' marker at (x, y); empty for a circle."""
        if self.marker == "square":
            corners = [(-4, -4), (4, -4), (4, 4), (-4, 4)]
        elif self.marker == "diamond":
            corners = [(0, -5), (5, 0), (0, 5), (-5, 0)]
        elif self.marker == "triangle":
            corners = [(0, -5), (5, 4), (-5, 4)]
        else:
            return ""
        return " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class DomainChart:
    """One domain across the case's completed assessments: x the assessment dates, y the
    options of the items' scale in their order, one series per item; and the same as a table."""

    key: str
    title: str
    scale_name: str
    width: int
    height: int
    grid_left: float
    plot_left: float
    plot_right: float
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    series: list[Series]
    days: list[dt.date]
    rows: list[tuple[str, list[str]]]
    position: int  # the domain's place in its instrument


def domain_charts(*, user: User, case: Case) -> list[DomainChart]:
    """The charts of a case, one per domain (and scale), in the instruments' domain order."""
    answers = list(
        Answer.objects.restrict(user, VIEW)
        .filter(assessment__case=case, assessment__status=AssessmentStatus.COMPLETED)
        .select_related("assessment", "item__domain", "item__scale", "option")
        .order_by("assessment__assessed_on", "assessment_id", "item__domain__position")
    )
    if not answers:
        return []
    options: dict[int, list[ScaleOption]] = {}
    for option in ScaleOption.objects.filter(
        scale_id__in={a.item.scale_id for a in answers}
    ).order_by("position", "pk"):
        options.setdefault(option.scale_id, []).append(option)
    groups: dict[tuple[str, int], list[Answer]] = {}
    for answer in answers:
        groups.setdefault((answer.item.domain.code, answer.item.scale_id), []).append(answer)
    charts = [_chart(key, group, options[key[1]]) for key, group in groups.items()]
    return sorted(charts, key=lambda chart: chart.position)


def _chart(key: tuple[str, int], answers: list[Answer], scale: list[ScaleOption]) -> DomainChart:
    latest = answers[-1]
    assessments = sorted({(a.assessment.assessed_on, a.assessment_id) for a in answers})
    days = [day for day, _pk in assessments]
    column = {pk: index for index, (_day, pk) in enumerate(assessments)}
    height = TOP + ROW * max(len(scale) - 1, 1) + BOTTOM
    # The options' labels sit above their lines on the left: the first points start after them.
    plot_left, plot_right = LEFT + 150, WIDTH - RIGHT - 40
    span = plot_right - plot_left

    def x_at(index: int) -> float:
        if len(assessments) == 1:
            return plot_left + span / 2
        return plot_left + span * index / (len(assessments) - 1)

    rank = {option.pk: index for index, option in enumerate(scale)}
    bottom = TOP + ROW * max(len(scale) - 1, 1)

    def y_at(option_id: int) -> float:
        # The first option of a scale at the bottom, the last at the top.
        return bottom - ROW * rank[option_id]

    by_item: dict[str, Series] = {}
    for answer in answers:
        code = answer.item.code
        if code not in by_item:
            index = len(by_item)
            by_item[code] = Series(
                code=code,
                label="",
                colour=COLOURS[index % len(COLOURS)],
                marker=MARKERS[index % len(MARKERS)],
            )
        by_item[code].label = answer.item.text  # the newest wording
    count = len(by_item)
    offsets = {code: (index - (count - 1) / 2) * 3 for index, code in enumerate(by_item)}
    cells: dict[str, list[str]] = {code: ["—"] * len(assessments) for code in by_item}
    for answer in answers:
        code = answer.item.code
        by_item[code].points.append(
            Point(
                x=x_at(column[answer.assessment_id]),
                y=y_at(answer.option_id) + offsets[code],  # lines that agree stay visible
                day=answer.assessment.assessed_on,
                label=answer.option.label,
            )
        )
        cells[code][column[answer.assessment_id]] = answer.option.label
    return DomainChart(
        key=f"{key[0]}-{key[1]}",
        title=latest.item.domain.name,
        scale_name=latest.item.scale.name,
        width=WIDTH,
        height=height,
        grid_left=LEFT,
        plot_left=plot_left,
        plot_right=plot_right,
        y_ticks=[Tick(y_at(option.pk), option.label) for option in scale],
        x_ticks=[
            Tick(x_at(index), formats.date_format(day, "SHORT_DATE_FORMAT"))
            for index, day in enumerate(days)
        ],
        series=list(by_item.values()),
        days=days,
        rows=[(series.label, cells[code]) for code, series in by_item.items()],
        position=latest.item.domain.position,
    )


# --- The case timeline -------------------------------------------------------------------------


def timeline_entries(*, user: User, case: Case) -> list[TimelineEntry]:
    """Completed assessments and the team's decisions on the level of need."""
    from reintegra.cases.selectors import TimelineEntry

    entries = [
        TimelineEntry(
            assessment.assessed_on,
            "assessment",
            _("Assessment completed"),
            str(assessment.instrument),
        )
        for assessment in Assessment.objects.restrict(user, VIEW)
        .filter(case=case, status=AssessmentStatus.COMPLETED)
        .select_related("instrument")
    ]
    for decision in (
        NeedDecision.objects.restrict(user, VIEW).filter(case=case).select_related("decided_by")
    ):
        entries.append(
            TimelineEntry(
                decision.decided_on,
                "assessment",
                _("Level of need decided"),
                f"{decision.get_level_display()} · {decision.decided_by or '—'}",
            )
        )
    return entries
