"""Reading an uploaded list (CSV or XLSX) into a header and rows of text cells, in memory."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.identity.arabic import is_arabic

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


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


def _csv(content: bytes) -> list[list[str]]:
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
    try:
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ValidationError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


def _xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(_("The XLSX file cannot be read.")) from exc
    sheet = book.worksheets[0]
    rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def read_table(*, name: str, content: bytes, max_rows: int) -> tuple[list[str], list[list[str]]]:
    """The header and the data rows (empty rows dropped), or a ValidationError."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        rows = _xlsx(content)
    elif lowered.endswith((".csv", ".txt")):
        rows = _csv(content)
    else:
        raise ValidationError(_("Upload a CSV or an XLSX file."))
    rows = [row for row in rows if any(cell for cell in row)]
    if len(rows) < 2:
        raise ValidationError(_("The file has no rows under its header."))
    header, data = rows[0], rows[1:]
    if len(data) > max_rows:
        raise ValidationError(
            _("The file has %(count)s rows; at most %(max)s are imported at once.")
            % {"count": len(data), "max": max_rows}
        )
    width = len(header)
    header = [h or _("column %(n)s") % {"n": i + 1} for i, h in enumerate(header)]
    return header, [(row + [""] * width)[:width] for row in data]
