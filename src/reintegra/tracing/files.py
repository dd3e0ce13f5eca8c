"""Reading an uploaded list (CSV or XLSX) into a header and rows of text cells, in memory, each
row with the line of the file it was read from."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.identity.arabic import is_arabic

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


class FileRow(NamedTuple):
    """A row of the file and where it stands: the line of a CSV file its record starts on (the
    header is line 1 when it is the first line), or the row number of an XLSX sheet. Blank rows
    are dropped, so the numbers are the file's own, not the rows' positions."""

    line: int
    cells: list[str]


def detect_script(text: str) -> str:
    """The script a name is written in (people.Script values)."""
    if is_arabic(text):
        return "Arab"
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return "kk-Cyrl" if any(ch in KAZAKH_LETTERS for ch in text) else "ru-Cyrl"
    return "Latn"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv(content: bytes) -> list[FileRow]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes any byte
        raise ValidationError(_("The file is not text in UTF-8 or Windows-1251."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows, read = [], 0
    try:
        for row in reader:
            # A quoted cell may hold line breaks: a record starts on the line after the last
            # one read for the record before it.
            rows.append(FileRow(read + 1, [c.strip() for c in row]))
            read = reader.line_num
    except csv.Error as exc:
        raise ValidationError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc
    return rows


def _xlsx(content: bytes) -> list[FileRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(_("The XLSX file cannot be read.")) from exc
    sheet = book.worksheets[0]
    # From the sheet's first row, a missing row read as an empty one: the position is the number.
    rows = [
        FileRow(number, [_cell(value) for value in row])
        for number, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
    ]
    book.close()
    return rows


def read_table(*, name: str, content: bytes, max_rows: int) -> tuple[list[str], list[FileRow]]:
    """The header and the data rows with their lines (empty rows dropped), or a
    ValidationError."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        rows = _xlsx(content)
    elif lowered.endswith((".csv", ".txt")):
        rows = _csv(content)
    else:
        raise ValidationError(_("Upload a CSV or an XLSX file."))
    rows = [row for row in rows if any(cell for cell in row.cells)]
    if len(rows) < 2:
        raise ValidationError(_("The file has no rows under its header."))
    header, data = rows[0].cells, rows[1:]
    if len(data) > max_rows:
        raise ValidationError(
            _("The file has %(count)s rows; at most %(max)s are imported at once.")
            % {"count": len(data), "max": max_rows}
        )
    width = len(header)
    header = [h or _("column %(n)s") % {"n": i + 1} for i, h in enumerate(header)]
    return header, [FileRow(row.line, (row.cells + [""] * width)[:width]) for row in data]
