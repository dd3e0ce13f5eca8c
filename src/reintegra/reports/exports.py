"""Tables written to files: XLSX (one sheet per table), CSV (one file per table, UTF-8 with a BOM
so that spreadsheet programs read Cyrillic; several tables zipped) and lists of records as XLSX.

Every sheet and CSV file has the same layout: a title row, a row saying whose figures, the period
and the day they are for, an empty row, the header, then the figures and a total row. Labels are
in the active language (``label_of``); numbers are numbers. A percentage comes with its count and
base; a partner's table (``suppress``) carries only what may be published.

Dates: in XLSX a date is a date cell (a date-time one in the project's time zone), shown in the
active language's short format, so that a spreadsheet sorts and filters it; a partial date known
to the month or the year only is text, written as the pages write it. The line saying the period
is text in the active language's format too. CSV stays ISO (2026-11-25), for programs to read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reintegra.core.dates import DatePrecision, PartialDate
from reintegra.reports.indicators import PERCENT, Table
from reintegra.reports.indicators.dimensions import DIMENSIONS, label_of
from reintegra.reports.suppression import SuppressedTable, suppress
from reintegra.web.exports import neutralise
from reintegra.web.templatetags.dates import partial_date

Progress = Callable[[int], None]


@dataclass(frozen=True)
class About:
    """Whose figures, the period and the day they are for; each writer writes the days its way
    (``text``: ISO by default, as in CSV)."""

    scope: str
    start: dt.date | None = None
    end: dt.date | None = None

    def text(self, day: Callable[[dt.date], str] = dt.date.isoformat) -> str:
        if self.start is None or self.end is None:
            return self.scope
        return _("%(scope)s · period %(start)s to %(end)s · as of %(end)s") % {
            "scope": self.scope,
            "start": day(self.start),
            "end": day(self.end),
        }


@dataclass
class Sheet:
    name: str
    title: str
    about: About
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def describe(table: Table, scope_label: str) -> About:
    return About(scope_label, table.query.since, table.query.as_of)


def short_date(day: dt.date) -> str:
    """A day as the pages write it in the active language (25.11.2026 in Kazakh and Russian)."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _labels(table: Table, key: tuple[str, ...], cache: dict) -> list[str]:
    return [label_of(d, v, cache) for d, v in zip(table.query.by, key, strict=True)]


def table_sheet(table: Table, scope_label: str, cache: dict | None = None) -> Sheet:
    """One indicator table, whole: labels, value, and for a percentage its count and base."""
    cache = {} if cache is None else cache
    percent = table.indicator.unit == PERCENT
    header = [str(DIMENSIONS[d].label) for d in table.query.by]
    header += [_("%"), _("count"), _("base")] if percent else [_("count")]

    def line(labels: list[str], row) -> list[Any]:
        if percent:
            return [*labels, table.value(row), row.count, row.base]
        return [*labels, row.count]

    rows = [line(_labels(table, row.key, cache), row) for row in table.rows]
    rows.append(line([_("Total")] * len(table.query.by) if table.query.by else [], table.total))
    return Sheet(
        name=sheet_name(table),
        title=str(table.indicator.title),
        about=describe(table, scope_label),
        header=header or [_("count")],
        rows=rows,
    )


def suppressed_sheet(published: SuppressedTable, scope_label: str, cache=None) -> Sheet:
    """A partner's table: small counts as <5, hidden ones as x; a share with its base only."""
    cache = {} if cache is None else cache
    table = published.table
    percent = published.is_percent
    header = [str(DIMENSIONS[d].label) for d in table.query.by]
    header += [_("%"), _("base")] if percent else [_("count")]
    rows = []
    for key, figure in published.cells.items():
        shown = [figure.shown]
        if percent:
            shown.append(published.bases[key].shown)
        rows.append([*_labels(table, key, cache), *shown])
    by = len(table.query.by)
    if by == 2:  # the margins: each row's and each column's total
        for value, figure in published.row_totals.items():
            rows.append([label_of(table.query.by[0], value, cache), _("Total"), figure.shown])
        for value, figure in published.column_totals.items():
            rows.append([_("Total"), label_of(table.query.by[1], value, cache), figure.shown])
    total = [published.total.shown]
    if percent:
        total.append(published.total_base.shown if published.total_base else None)
    rows.append([*([_("Total")] * by), *total])
    return Sheet(
        name=sheet_name(table),
        title=str(table.indicator.title),
        about=describe(table, scope_label),
        header=header,
        rows=rows,
    )


def headline_sheet(tables: Sequence[Table], scope_label: str, *, partner: bool = False) -> Sheet:
    """The headline figures, one per row."""
    rows = []
    for table in tables:
        if partner:
            published = suppress(table)
            base = published.total_base.shown if published.total_base else None
            rows.append([str(table.indicator.title), published.total.shown, base])
        elif table.indicator.unit == PERCENT:
            rows.append(
                [str(table.indicator.title), table.total_value, table.total.count, table.total.base]
            )
        else:
            rows.append([str(table.indicator.title), table.total_value, None, None])
    header = [_("indicator"), _("value")]
    header += [_("base")] if partner else [_("count"), _("base")]
    about = describe(tables[0], scope_label) if tables else About(scope_label)
    return Sheet(_("Headline figures")[:31], _("Headline figures"), about, header, rows)


_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(table: Table) -> str:
    name = "-".join([table.indicator.code.replace(".", "-"), *table.query.by])
    return _BAD_SHEET_CHARACTERS.sub("-", name)[:31]


def _unique(sheets: list[Sheet]) -> list[Sheet]:
    seen: set[str] = set()
    for index, sheet in enumerate(sheets, start=1):
        name = sheet.name[:31] or f"sheet-{index}"
        if name.lower() in seen:
            name = f"{name[:27]}-{index}"
        seen.add(name.lower())
        sheet.name = name
    return sheets


def dashboard_sheets(
    headlines: Sequence[Table],
    panels: Sequence[Table],
    scope_label: str,
    *,
    partner: bool = False,
) -> list[Sheet]:
    """The headline figures, then one sheet per panel (suppressed for a partner)."""
    cache: dict = {}
    sheets = [headline_sheet(headlines, scope_label, partner=partner)] if headlines else []
    for table in panels:
        if partner:
            sheets.append(suppressed_sheet(suppress(table), scope_label, cache))
        else:
            sheets.append(table_sheet(table, scope_label, cache))
    return _unique(sheets)


# --- Writers -------------------------------------------------------------------------------------


def write_xlsx(target: str | Path | IO[bytes], sheets: Sequence[Sheet], progress=None) -> None:
    """One worksheet per sheet: the title (bold), what the figures are, the header, the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    cells = XlsxCells()
    for index, sheet in enumerate(sheets, start=1):
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append([sheet.title])
        worksheet["A1"].font = Font(bold=True, size=13)
        worksheet.append([neutralise(sheet.about.text(short_date))])
        worksheet.append([])
        worksheet.append(sheet.header)
        for cell in worksheet[4]:
            cell.font = bold
        for row in sheet.rows:
            worksheet.append([cells.cell(worksheet, value, neutralise) for value in row])
        worksheet.column_dimensions["A"].width = 40
        if progress:
            progress(index * 100 // max(len(sheets), 1))
    workbook.save(target)


def csv_bytes(sheet: Sheet) -> bytes:
    """One table as CSV, UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([sheet.title])
    writer.writerow([sheet.about.text()])
    writer.writerow([])
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow(["" if value is None else neutralise(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_csv_zip(target: str | Path | IO[bytes], sheets: Sequence[Sheet], progress=None) -> None:
    """Several tables: one CSV file each, in a zip."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, sheet in enumerate(sheets, start=1):
            archive.writestr(f"{index:02d}-{sheet.name}.csv", csv_bytes(sheet))
            if progress:
                progress(index * 100 // max(len(sheets), 1))


def write_list_xlsx(
    target: str | Path | IO[bytes],
    *,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """A list of records as one sheet, written row by row (constant memory); returns the count."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title[:31])
    worksheet.append([str(h) for h in header])
    cells = XlsxCells()
    count = 0
    for row in rows:
        worksheet.append([cells.cell(worksheet, value, cell_value) for value in row])
        count += 1
        if progress and total and count % 500 == 0:
            progress(min(99, count * 100 // total))
    workbook.save(target)
    return count


def write_list_csv(
    target: str | Path | IO[bytes],
    *,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """A list of records as CSV (UTF-8 with a BOM), like the streamed CSV exports."""
    opened = isinstance(target, (str, Path))
    binary = open(target, "wb") if opened else target  # noqa: SIM115
    try:
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
        text.write("\ufeff")
        writer = csv.writer(text)
        writer.writerow([str(h) for h in header])
        count = 0
        for row in rows:
            writer.writerow(["" if value is None else neutralise(value) for value in row])
            count += 1
            if progress and total and count % 500 == 0:
                progress(min(99, count * 100 // total))
        text.flush()
        text.detach()
    finally:
        if opened:
            binary.close()
    return count


def cell_value(value: Any) -> Any:
    """Numbers and dates stay what they are; everything else becomes its text."""
    if value is None or isinstance(value, (int, float, dt.date)):
        return value
    return neutralise(str(value))


# --- Dates in XLSX -------------------------------------------------------------------------------

# Django's date format characters (SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT) and Excel's number
# format codes for the same: numbers only, which is what the short formats use.
_EXCEL_CODES = {
    "d": "DD",
    "j": "D",
    "m": "MM",
    "n": "M",
    "Y": "YYYY",
    "y": "YY",
    "H": "hh",
    "G": "h",
    "h": "hh",
    "g": "h",
    "i": "mm",
    "s": "ss",
    "A": "AM/PM",
    "a": "AM/PM",
}
_EXCEL_PLAIN = set(" .,-/:()")
ISO_DATE, ISO_DATETIME = "YYYY-MM-DD", "YYYY-MM-DD hh:mm"


def excel_format(django_format: str, fallback: str) -> str:
    """Excel's number format for one of Django's date formats: ``d.m.Y`` is ``DD.MM.YYYY``.
    A format Excel cannot follow (month names, ``P``) gives ``fallback``."""
    out: list[str] = []
    characters = iter(django_format)
    for character in characters:
        if character == "\\":  # Django's escape: the next character as it is
            literal = next(characters, "")
        elif character in _EXCEL_CODES:
            out.append(_EXCEL_CODES[character])
            continue
        elif character.isascii() and character.isalpha():
            return fallback  # a format character Excel has no number code for
        else:
            literal = character
        if literal == '"':
            return fallback
        out.append(literal if literal in _EXCEL_PLAIN else f'"{literal}"')
    return "".join(out) or fallback


class XlsxCells:
    """The cells of one workbook, in the active language: a date is a date cell shown in the
    language's short date format; a date-time, a date-time cell in the project's time zone
    (Excel knows no time zones); a partial date known to the month or the year only, text as
    the pages write it (``partial_date``). Anything else is written by ``plain``."""

    def __init__(self) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.new_cell = WriteOnlyCell
        self.date_format = excel_format(formats.get_format("SHORT_DATE_FORMAT"), ISO_DATE)
        self.datetime_format = excel_format(
            formats.get_format("SHORT_DATETIME_FORMAT"), ISO_DATETIME
        )

    def cell(self, worksheet, value: Any, plain: Callable[[Any], Any]) -> Any:
        if isinstance(value, PartialDate):
            if value.precision != DatePrecision.DAY:
                return partial_date(value)
            value = value.value
        if isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = timezone.make_naive(value)
            number_format = self.datetime_format
        elif isinstance(value, dt.date):
            number_format = self.date_format
        else:
            return plain(value)
        cell = self.new_cell(worksheet, value)
        cell.number_format = number_format
        return cell
