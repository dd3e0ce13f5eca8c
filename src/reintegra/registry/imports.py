"""CSV import of organisations and materials: all or nothing per file, with a row-by-row report.

Every row is read and checked first; only when no row has an error are they all saved, in one
transaction, through the same services as the pages. The columns are in ``docs/registry.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.models import Region
from reintegra.registry import services
from reintegra.registry.names import name_keys

if TYPE_CHECKING:
    from reintegra.accounts.models import User

ORGANISATION_COLUMNS = (
    *("name_kk", "name_ru", "name_en", "aliases", "kind", "court", "decision_number"),
    *("decision_date", "in_force_from", "in_force_to", "source", "notes"),
)
MATERIAL_COLUMNS = (
    *("title", "kind", "court", "decision_number", "decision_date", "region", "banned_on"),
    *("sha256", "addresses", "notes"),
)
# Columns a file must have; for organisations, a name in at least one language.
REQUIRED = {"organisations": (), "materials": ("title", "kind")}
NAME_COLUMNS = ("name_kk", "name_ru", "name_en")
DATE_COLUMNS = ("decision_date", "in_force_from", "in_force_to", "banned_on")
LIST_SEPARATOR = ";"
MAX_ROWS = 10_000


@dataclass(frozen=True)
class RowError:
    line: int  # the line of the file (the header is line 1); 0 for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = _("line %(line)d") % {"line": self.line} if self.line else _("file")
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass
class ImportReport:
    what: str  # "organisations" or "materials"
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_date(value: str) -> dt.date | None:
    """YYYY-MM-DD or DD.MM.YYYY; None for an empty cell; ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", LIST_SEPARATOR).split(LIST_SEPARATOR)]


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(_("The file is not UTF-8 text: save it as CSV UTF-8.")) from exc


def _reader(text: str) -> csv.DictReader:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    delimiter = "\t" if first.count("\t") > first.count(delimiter) else delimiter
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)


def _field_errors(line: int, error: ValidationError, columns: dict[str, str]) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(line, "", message) for message in error.messages]
    return [
        RowError(line, columns.get(name, name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _organisation_row(row: dict[str, str], line: int, errors: list[RowError]) -> dict[str, Any]:
    data: dict[str, Any] = {
        column: row.get(column, "") for column in ORGANISATION_COLUMNS if column != "aliases"
    }
    data["aliases"] = split_list(row.get("aliases", ""))
    data["kind"] = data["kind"].strip().lower()
    return data


def _material_row(row: dict[str, str], line: int, errors: list[RowError]) -> dict[str, Any]:
    data: dict[str, Any] = {
        column: row.get(column, "")
        for column in ("title", "kind", "court", "decision_number", "decision_date", "banned_on")
    }
    data["notes"] = row.get("notes", "")
    data["kind"] = data["kind"].strip().lower()
    data["hashes"] = split_list(row.get("sha256", ""))
    data["addresses"] = split_list(row.get("addresses", ""))
    code = row.get("region", "").strip().upper()
    data["region"] = None
    if code:
        data["region"] = Region.objects.filter(code=code).first()
        if data["region"] is None:
            errors.append(
                RowError(line, "region", _("No region has the code %(code)s.") % {"code": code})
            )
    return data


BUILDERS = {"organisations": _organisation_row, "materials": _material_row}
CLEANERS = {"organisations": services.organisation_clean, "materials": services.material_clean}
COLUMNS = {"organisations": ORGANISATION_COLUMNS, "materials": MATERIAL_COLUMNS}
# Service field names shown as the CSV column they come from.
COLUMN_OF_FIELD = {"hashes": "sha256"}


def read_rows(what: str, content: bytes) -> tuple[list[tuple[int, dict[str, Any]]], ImportReport]:
    """Parse and check every row; the report lists every problem, row by row."""
    report = ImportReport(what=what)
    try:
        reader = _reader(_decode(content))
        header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    except (ValueError, csv.Error) as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return [], report
    reader.fieldnames = header
    unknown = [name for name in header if name not in COLUMNS[what]]
    missing = [name for name in REQUIRED[what] if name not in header]
    if not header:
        report.errors.append(RowError(0, "", _("The file is empty.")))
    for name in unknown:
        report.errors.append(RowError(1, name, _("This column is not known.")))
    for name in missing:
        report.errors.append(RowError(1, name, _("This column is required.")))
    if header and what == "organisations" and not set(NAME_COLUMNS) & set(header):
        report.errors.append(
            RowError(1, "", _("A name column is required: name_kk, name_ru or name_en."))
        )
    if report.errors:
        return [], report
    rows: list[tuple[int, dict[str, Any]]] = []
    seen_keys: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
                continue
            if None in row:
                report.errors.append(
                    RowError(line, "", _("This row has more cells than the header."))
                )
                continue
            report.rows += 1
            if report.rows > MAX_ROWS:
                report.errors.append(RowError(line, "", _("A file holds at most 10,000 rows.")))
                break
            row = {key: (value or "").strip() for key, value in row.items()}
            row_errors: list[RowError] = []
            for column in DATE_COLUMNS:
                if column in row:
                    try:
                        row[column] = parse_date(row[column])
                    except ValueError:
                        row_errors.append(
                            RowError(line, column, _("Dates are written YYYY-MM-DD or DD.MM.YYYY."))
                        )
                        row[column] = None
            data = BUILDERS[what](row, line, row_errors)
            for column in DATE_COLUMNS:
                if data.get(column) == "":  # a date column the file does not have
                    data[column] = None
            try:
                CLEANERS[what](data)
            except ValidationError as exc:
                row_errors += _field_errors(line, exc, COLUMN_OF_FIELD)
            if what == "organisations":
                names = [data[n] for n in ("name_kk", "name_ru", "name_en") if data[n]]
                for key in set().union(*(name_keys(n) for n in names)) if names else ():
                    if key in seen_keys and seen_keys[key] != line:
                        row_errors.append(
                            RowError(
                                line,
                                "name_ru",
                                _("The same organisation is on line %(line)d.")
                                % {"line": seen_keys[key]},
                            )
                        )
                        break
                    seen_keys.setdefault(key, line)
            report.errors += row_errors
            rows.append((line, data))
    except csv.Error as exc:
        report.errors.append(RowError(reader.line_num, "", str(exc)))
    if not report.errors and not rows:
        report.errors.append(RowError(0, "", _("The file has no rows to import.")))
    return rows, report


def _refused(actor: User | None, report: ImportReport, filename: str) -> ImportReport:
    audit.record(
        actor=actor,
        action=f"registry.{report.what}_import_refused",
        object_type="registry.Import",
        object_repr=filename[:200],
        changes={"rows": report.rows, "errors": len(report.errors)},
    )
    return report


@transaction.atomic
def registry_import(
    *, actor: User | None, what: str, content: bytes, filename: str = ""
) -> ImportReport:
    """Import a CSV file of ``what`` ("organisations" or "materials"): every row or none."""
    if what not in COLUMNS:
        raise ValueError(f"unknown import {what!r}")
    services._require_editor(actor)
    rows, report = read_rows(what, content)
    if not report.ok:
        return _refused(actor, report, filename)
    create = services.organisation_create if what == "organisations" else services.material_create
    sid = transaction.savepoint()
    for line, data in rows:
        try:
            create(actor=actor, **data)
        except ValidationError as exc:  # e.g. a row that repeats one saved above
            report.errors += _field_errors(line, exc, COLUMN_OF_FIELD)
    if report.errors:
        transaction.savepoint_rollback(sid)
        return _refused(actor, report, filename)
    transaction.savepoint_commit(sid)
    report.created = len(rows)
    audit.record(
        actor=actor,
        action=f"registry.{what}_imported",
        object_type="registry.Import",
        object_repr=filename[:200],
        changes={"rows": report.rows, "created": report.created},
    )
    return report
