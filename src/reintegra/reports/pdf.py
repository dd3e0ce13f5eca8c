"""PDF documents: the dashboard report with its charts, and the case summary of one person.

Drawn with reportlab (its own bar charts, from the same Tables as the pages and the XLSX), in the
vendored DejaVu Sans (``fonts/``), which has the Cyrillic and Kazakh letters; no system font is
ever used.

Dates are printed as the pages print them, in the active language (a background job writes under
the language it was asked for in): a day in its short format (25.11.2026 in Kazakh and Russian),
a moment in the short date-time format in the project's time zone, a partial date at its
precision (``partial_date``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reintegra.core.dates import PartialDate
from reintegra.reports.exports import describe, short_date
from reintegra.reports.indicators import PERCENT, Table
from reintegra.reports.indicators.dimensions import DIMENSIONS, label_of
from reintegra.web.templatetags.dates import partial_date

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "ReintegraSans", "ReintegraSans-Bold"
# Okabe-Ito blue: readable with the common colour-vision differences, and in grey print.
BAR_COLOUR = "#0072B2"


def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    register_fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=FONT_BOLD, fontSize=16),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=12),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=FONT_BOLD, fontSize=10),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9),
        "small": ParagraphStyle(
            "small", parent=base["BodyText"], fontName=FONT, fontSize=7.5, leading=9
        ),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName=FONT, fontSize=8),
    }


def _text(value: Any) -> str:
    from xml.sax.saxutils import escape

    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return escape(formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT"))
    if isinstance(value, dt.date):
        return escape(short_date(value))
    if isinstance(value, PartialDate):
        return escape(partial_date(value))
    return escape(str(value))


def _grid(rows: Sequence[Sequence[Any]], styles, widths=None, header: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as PdfTable

    data = [[Paragraph(_text(v), styles["cell"]) for v in row] for row in rows]
    table = PdfTable(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")))
    table.setStyle(TableStyle(commands))
    return table


def bar_chart(table: Table, cache: dict, width: float = 440, height: float = 170):
    """A horizontal bar chart of one disaggregated table (values: counts or percentages)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    rows = [row for row in table.rows if table.value(row) is not None]
    labels = [
        " · ".join(label_of(d, v, cache) for d, v in zip(table.query.by, row.key, strict=True))
        for row in rows
    ]
    values = [table.value(row) or 0 for row in rows]
    bar = 14
    height = max(height, bar * len(values) + 30)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 15
    chart.width, chart.height = width - 170, height - 25
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = [label[:34] for label in labels] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.reverseDirection = True
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if table.indicator.unit == PERCENT:
        chart.valueAxis.valueMax = 100
    chart.bars[0].fillColor = colors.HexColor(BAR_COLOUR)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _table_rows(table: Table, cache: dict) -> list[list[Any]]:
    percent = table.indicator.unit == PERCENT
    header = [str(DIMENSIONS[d].label) for d in table.query.by]
    header += [_("%"), _("count"), _("base")] if percent else [_("count")]
    rows = [header]
    for row in [*table.rows, table.total]:
        labels = (
            [label_of(d, v, cache) for d, v in zip(table.query.by, row.key, strict=True)]
            if row.key
            else [_("Total")] * len(table.query.by)
        )
        rows.append(
            [*labels, table.value(row), row.count, row.base] if percent else [*labels, row.count]
        )
    return rows


def _document(target, title: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    generated = short_date(timezone.localdate())

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(15 * mm, 10 * mm, f"Reintegra · {title} · {generated}")
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, str(document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Reintegra",
    )
    return document, footer


def write_dashboard_pdf(
    target: str | Path | IO[bytes],
    *,
    headlines: Sequence[Table],
    panels: Sequence[Table],
    scope_label: str,
    progress: Callable[[int], None] | None = None,
) -> None:
    """The dashboard as a report: the headline figures, then each panel with its chart and
    its table."""
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

    styles = _styles()
    title = _("Program figures")
    document, footer = _document(target, title)
    about = describe((headlines or panels)[0], scope_label)
    story: list = [
        Paragraph(_text(title), styles["title"]),
        Paragraph(_text(about.text(short_date)), styles["body"]),
        Spacer(1, 6),
        Paragraph(_text(_("Headline figures")), styles["h2"]),
    ]
    headline_rows = [[_("indicator"), _("value"), _("count"), _("base")]]
    for table in headlines:
        percent = table.indicator.unit == PERCENT
        value = table.total_value
        headline_rows.append(
            [
                str(table.indicator.title),
                f"{value}%" if percent and value is not None else value,
                table.total.count if percent else None,
                table.total.base if percent else None,
            ]
        )
    story.append(_grid(headline_rows, styles, widths=[290, 70, 60, 60]))
    cache: dict = {}
    for index, table in enumerate(panels, start=1):
        by = ", ".join(str(DIMENSIONS[d].label) for d in table.query.by)
        parts = [
            Paragraph(_text(f"{table.indicator.title} — {by}"), styles["h2"]),
            Paragraph(_text(table.indicator.description), styles["small"]),
        ]
        if table.rows:
            parts.append(bar_chart(table, cache))
        parts.append(_grid(_table_rows(table, cache), styles))
        story += [CondPageBreak(200), KeepTogether(parts[:3]), *parts[3:], Spacer(1, 8)]
        if progress:
            progress(index * 90 // max(len(panels), 1))
    document.build(story, onFirstPage=footer, onLaterPages=footer)


def write_case_summary_pdf(target: str | Path | IO[bytes], summary: dict) -> None:
    """One person's case, as the user may see it (built by ``case_summary.case_summary``)."""
    from reportlab.platypus import Paragraph, Spacer

    styles = _styles()
    case, person = summary["case"], summary["person"]
    title = _("Case summary")
    document, footer = _document(target, title)
    story: list = [
        Paragraph(_text(f"{title}: {person.display_name}"), styles["title"]),
        Paragraph(_text(_("Confidential: personal data. Do not pass on.")), styles["small"]),
        Spacer(1, 6),
    ]

    def section(heading: str, rows: list[list[Any]], empty: str | None = None, widths=None):
        story.append(Paragraph(_text(heading), styles["h2"]))
        if len(rows) > 1:
            story.append(_grid(rows, styles, widths=widths))
        else:
            story.append(Paragraph(_text(empty or _("None recorded.")), styles["body"]))

    facts = [
        [_("name"), person.display_name],
        [_("sex"), person.get_sex_display()],
        [_("date of birth"), person.birth],
        *([[_("identity documents"), summary["documents"]]] if summary["documents"] else []),
        [_("program"), case.get_program_display()],
        [_("status"), case.get_status_display()],
        [_("organisation"), str(case.organisation)],
        [_("region"), str(case.region)],
        [_("case worker"), str(case.case_worker or "")],
        [_("opened"), case.opened_on],
    ]
    story.append(_grid(facts, styles, widths=[140, 340], header=False))

    section(
        _("Observations over time"),
        [[_("what"), _("value"), _("from"), _("until")]]
        + [
            [o.get_dimension_display(), o.value_label, o.valid_from, o.valid_to]
            for o in summary["observations"]
        ],
    )
    plan = summary["plan"]
    if plan is None:
        section(_("Individual plan"), [[]], _("No plan yet."))
    else:
        story.append(Paragraph(_text(_("Individual plan")), styles["h2"]))
        story.append(
            Paragraph(
                _text(
                    _("Status: %(status)s · review on %(review)s")
                    % {"status": plan.get_status_display(), "review": _text(plan.review_on)}
                ),
                styles["body"],
            )
        )
        section(
            _("Goals"),
            [[_("domain"), _("goal"), _("due"), _("status")]]
            + [
                [g.get_domain_display(), g.description, g.due_on, g.get_status_display()]
                for g in summary["goals"]
            ],
        )
    section(
        _("Services"),
        [[_("date"), _("kind"), _("provider"), _("outcome")]]
        + [
            [s.date, s.get_kind_display(), s.provider_organisation or s.provider, s.outcome]
            for s in summary["services"]
        ],
    )
    story.append(Paragraph(_text(_("Assessments")), styles["h2"]))
    if not summary["assessments"]:
        story.append(Paragraph(_text(_("None completed.")), styles["body"]))
    for assessment, answers in summary["assessments"]:
        story.append(
            Paragraph(
                _text(f"{assessment.instrument} · {_text(assessment.assessed_on)}"), styles["h3"]
            )
        )
        story.append(
            _grid([[_("domain"), _("item"), _("answer")], *answers], styles, widths=[110, 250, 120])
        )
    section(
        _("Referrals"),
        [[_("requested"), _("to"), _("service"), _("status")]]
        + [
            [
                timezone.localdate(r.requested_at),
                r.to_organisation,
                r.get_service_kind_display(),
                r.get_status_display(),
            ]
            for r in summary["referrals"]
        ],
    )
    story.append(Paragraph(_text(_("Closure")), styles["h2"]))
    if case.closed_on or case.closure_reason:
        story.append(
            Paragraph(
                _text(f"{case.get_closure_reason_display()} · {_text(case.closed_on)}"),
                styles["body"],
            )
        )
    else:
        story.append(Paragraph(_text(_("The case is not closed.")), styles["body"]))
    document.build(story, onFirstPage=footer, onLaterPages=footer)
