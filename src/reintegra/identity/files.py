"""Reading registry and list files (CSV, UTF-8) and writing match results.

Every problem is reported with the file and line, before any matching starts (``InputError``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
from pyarrow import csv as arrow_csv

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


# The registry's columns, as the readers hand them to ``Registry.add_columns``: each name column
# as its distinct spellings and each row's index into them.
Coded = tuple[Sequence[str], np.ndarray]


def _coded(values: Sequence[str]) -> Coded:
    spellings = list(dict.fromkeys(values))
    at = {spelling: i for i, spelling in enumerate(spellings)}
    return spellings, np.fromiter(map(at.__getitem__, values), dtype=np.int32, count=len(values))


def _arrow_columns(path: Path) -> tuple[list[str], list[Coded]] | None:
    """The registry's columns read by Arrow's CSV reader (C++, on every core), each name column
    dictionary-encoded; None when Arrow cannot read the file (a ragged row, bad UTF-8), which
    the ``csv`` module then reads and reports on."""
    try:
        table = arrow_csv.read_csv(
            path,
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True),
            convert_options=arrow_csv.ConvertOptions(
                column_types={name: pa.string() for name in REGISTRY_COLUMNS},
                strings_can_be_null=False,
                include_columns=list(REGISTRY_COLUMNS),
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowKeyError):
        return None
    ids = table.column("id").to_pylist()
    coded = []
    for name in REGISTRY_COLUMNS[1:]:
        encoded = table.column(name).combine_chunks().dictionary_encode()
        coded.append((encoded.dictionary.to_pylist(), encoded.indices.to_numpy().astype(np.int32)))
    return ids, coded


def _csv_columns(path: Path, header: list[str]) -> tuple[list[str], list[Coded]]:
    """The same columns read by the ``csv`` module (quoted line breaks, ragged rows)."""
    at = [header.index(name) for name in REGISTRY_COLUMNS]
    width = max(at) + 1
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            next(reader, None)
            rows = [
                row + [""] * (width - len(row)) if len(row) < width else row
                for row in reader
                if len(row) >= width or any(row)  # a blank line, as csv.DictReader skips it
            ]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{path}, line {reader.line_num}: {exc}") from exc
    if not rows:
        return [], [([], np.zeros(0, np.int32))] * (len(REGISTRY_COLUMNS) - 1)
    columns = list(zip(*rows, strict=False))
    return list(columns[at[0]]), [_coded(columns[i]) for i in at[1:]]


def load_registry(
    path: Path,
    progress: Callable[[int], None] | None = None,
    expect: Sequence[ListedPerson] | None = None,
) -> Registry:
    """The registry file, filed for matching (for ``expect``'s blocks only, when given). The
    fast path of ``read_registry``: the file is read into columns (by Arrow's CSV reader), each
    distinct spelling, date and sex is folded or parsed once, and no row object is made. A bad
    value is reported with its line by reading the file again the slow way."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        try:
            header = next(csv.reader(handle), [])
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{path}, line 1: {exc}") from exc
    missing = [name for name in REGISTRY_COLUMNS if name not in header]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(REGISTRY_COLUMNS)}"
        )
    registry = Registry()
    # Arrow reads on threads of its own, without Python's lock: the list's block keys are made
    # meanwhile.
    with ThreadPoolExecutor(max_workers=1) as pool:
        arrow = pool.submit(_arrow_columns, path)
        if expect is not None:
            registry.expect(expect)
        read = arrow.result() or _csv_columns(path, header)
    ids, (surnames, givens, patronymics, (sex_texts, sex_at), (date_texts, date_at)) = read
    try:
        sexes = np.array(
            [SEX_CODES[_SEXES[t.strip().casefold()] if t.strip() else ""] for t in sex_texts],
            dtype=np.uint8,
        )
        dates = [parse_date(text) for text in date_texts]
    except (KeyError, BadDate):
        # A sex or a date the contract does not allow: find its line and say so.
        for _ in read_registry(path):
            pass
        raise
    registry.add_columns(
        [person_id.strip() for person_id in ids],
        surnames,
        givens,
        patronymics,
        sexes[sex_at] if len(sex_at) else np.zeros(0, np.uint8),
        *(
            np.array([getattr(date, part) for date in dates] or [0], dtype=np.int32)[date_at]
            for part in ("year", "month", "day")
        ),
    )
    if progress is not None:
        progress(len(registry))
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
