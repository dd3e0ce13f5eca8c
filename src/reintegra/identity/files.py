"""Reading registry and list files (CSV, UTF-8) and writing match results.

Every problem is reported with the file and line, before any matching starts (``InputError``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path

from reintegra.identity.dates import BadDate, PartialDate, parse_date
from reintegra.identity.engine import SEX_CODES, ListedPerson, MatchResult, Registry, RegistryPerson
from reintegra.identity.names import FEMALE, MALE, split_name

REGISTRY_COLUMNS = ("id", "surname", "given_name", "patronymic", "sex", "birth_date")
LIST_COLUMNS = ("id", "surname", "given_name", "patronymic", "full_name", "sex", "birth_date")
RESULT_COLUMNS = ("list_id", "registry_id", "score", "decision")

# The sex column as lists write it, in the three languages and as initials.
_SEXES = {
    "m": MALE, "male": MALE, "man": MALE, "м": MALE, "муж": MALE, "мужской": MALE, "ер": MALE,
    "f": FEMALE, "female": FEMALE, "woman": FEMALE, "ж": FEMALE, "жен": FEMALE,
    "женский": FEMALE, "әйел": FEMALE, "к": FEMALE, "қ": FEMALE,
}  # fmt: skip


class InputError(Exception):
    """A file that cannot be read as the command's contract says."""


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in columns if name not in header]
        if missing:
            raise InputError(
                f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(columns)}"
            )
        try:
            for row in reader:
                yield reader.line_num, row
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{path}, line {reader.line_num}: {exc}") from exc


def _sex(path: Path, line: int, value: str) -> str:
    value = value.strip().casefold()
    if not value:
        return ""
    found = _SEXES.get(value)
    if found is None:
        raise InputError(f"{path}, line {line}: sex {value!r} is not M or F")
    return found


def _date(path: Path, line: int, value: str) -> PartialDate:
    try:
        return parse_date(value or "")
    except BadDate as exc:
        raise InputError(f"{path}, line {line}: birth_date {exc}") from exc


def read_registry(path: Path) -> Iterator[RegistryPerson]:
    for line, row in _rows(path, REGISTRY_COLUMNS):
        yield RegistryPerson(
            id=(row["id"] or "").strip(),
            surname=row["surname"] or "",
            given_name=row["given_name"] or "",
            patronymic=row["patronymic"] or "",
            sex=_sex(path, line, row["sex"] or ""),
            birth_date=_date(path, line, row["birth_date"]),
        )


def load_registry(
    path: Path,
    progress: Callable[[int], None] | None = None,
    expect: Sequence[ListedPerson] | None = None,
) -> Registry:
    """The registry file, filed for matching (for ``expect``'s blocks only, when given). The
    fast path of ``read_registry``: a million rows hold only some tens of thousands of distinct
    dates and sexes, each parsed once, and no row object is made."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    registry = Registry()
    if expect is not None:
        registry.expect(expect)
    dates: dict[str, PartialDate] = {}
    sexes: dict[str, int] = {}
    add = registry.add_fields
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        missing = [name for name in REGISTRY_COLUMNS if name not in header]
        if missing:
            raise InputError(
                f"{path}: missing column(s) {', '.join(missing)}; "
                f"expected {','.join(REGISTRY_COLUMNS)}"
            )
        at = [header.index(name) for name in REGISTRY_COLUMNS]
        width = max(at) + 1
        fields = itemgetter(*at)
        try:
            for row in reader:
                if len(row) < width:
                    if not any(row):
                        continue  # a blank line, as csv.DictReader skips it
                    row = row + [""] * (width - len(row))
                person_id, surname, given, patronymic, sex_text, date_text = fields(row)
                date = dates.get(date_text)
                if date is None:
                    date = dates[date_text] = _date(path, reader.line_num, date_text)
                sex = sexes.get(sex_text)
                if sex is None:
                    sex = sexes[sex_text] = SEX_CODES[_sex(path, reader.line_num, sex_text)]
                add(person_id.strip(), surname, given, patronymic, sex, date)
                if progress is not None and len(registry) % 10_000 == 0:
                    progress(len(registry))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{path}, line {reader.line_num}: {exc}") from exc
    return registry


def read_list(path: Path) -> list[ListedPerson]:
    people = []
    for line, row in _rows(path, LIST_COLUMNS):
        people.append(
            ListedPerson(
                id=(row["id"] or "").strip(),
                name=split_name(
                    surname=row["surname"] or "",
                    given=row["given_name"] or "",
                    patronymic=row["patronymic"] or "",
                    full=row["full_name"] or "",
                ),
                sex=_sex(path, line, row["sex"] or ""),
                birth_date=_date(path, line, row["birth_date"]),
            )
        )
    return people


def write_results(path: Path, results: Sequence[MatchResult]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RESULT_COLUMNS)
        for result in results:
            writer.writerow(
                (result.listed.id, result.registry_id, f"{result.score:.4f}", result.decision.value)
            )
