"""Tables written to files: XLSX (one sheet per table), CSV (one file per table, UTF-8 with a BOM
so that spreadsheet programs read Cyrillic; several tables zipped) and lists of records as XLSX.

Every sheet and CSV file has the same layout: a title row, a row saying whose figures, the period
and the day they are for, an empty row, the header, then the figures and a total row. Labels are
in the active language (``label_of``); numbers are numbers. A percentage comes with its count and
base; a partner's table (``suppress``) carries only what may be published.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from reintegra.reports.indicators import PERCENT, Table
from reintegra.reports.indicators.dimensions import DIMENSIONS, label_of
from reintegra.reports.suppression import SuppressedTable, suppress
from reintegra.web.exports import neutralise

Progress = Callable[[int], None]


@dataclass
class Sheet:
    name: str
    title: str
    about: str  # whose figures, the period, the day
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def describe(table: Table, scope_label: str) -> str:
    query = table.query
    return _("%(scope)s · period %(start)s to %(end)s · as of %(end)s") % {
        "scope": scope_label,
        "start": query.since.isoformat(),
        "end": query.as_of.isoformat(),
    }


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
    about = describe(tables[0], scope_label) if tables else scope_label
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
    for index, sheet in enumerate(sheets, start=1):
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append([sheet.title])
        worksheet["A1"].font = Font(bold=True, size=13)
        worksheet.append([sheet.about])
        worksheet.append([])
        worksheet.append(sheet.header)
        for cell in worksheet[4]:
            cell.font = bold
        for row in sheet.rows:
            worksheet.append([neutralise(value) for value in row])
        worksheet.column_dimensions["A"].width = 40
        if progress:
            progress(index * 100 // max(len(sheets), 1))
    workbook.save(target)


def csv_bytes(sheet: Sheet) -> bytes:
    """One table as CSV, UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([sheet.title])
    writer.writerow([sheet.about])
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
    count = 0
    for row in rows:
        worksheet.append([cell_value(value) for value in row])
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
    import datetime as dt

    if value is None or isinstance(value, (int, float, dt.date)):
        return value
    return neutralise(str(value))
