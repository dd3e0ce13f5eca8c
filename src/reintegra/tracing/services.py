"""Every change of the tracing lists: upload, column mapping, matching, and the review
decisions (link, register a new person, not found). Each is audited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, DELETE, VIEW, access_context, access_object
from reintegra.core.dates import PartialDate
from reintegra.core.roles import Role
from reintegra.identity.dates import BadDate, parse_date
from reintegra.identity.family import KINDS, Bonus, Relation
from reintegra.people import services as people_services
from reintegra.people.models import NameKind, Person, PersonName, Relationship
from reintegra.tracing.files import detect_script, read_table
from reintegra.tracing.models import (
    BatchStatus,
    Candidate,
    ImportBatch,
    ImportField,
    ImportRow,
    RowStatus,
)

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.core.models import Organisation

NAME_FIELDS = (ImportField.SURNAME, ImportField.GIVEN_NAME, ImportField.FULL_NAME)
# The sex column as lists write it, in the three languages and as initials.
SEXES = {
    "m": "male", "male": "male", "man": "male", "м": "male", "муж": "male", "мужской": "male",
    "ер": "male", "ер адам": "male", "ذكر": "male",
    "f": "female", "female": "female", "woman": "female", "ж": "female", "жен": "female",
    "женский": "female", "әйел": "female", "қ": "female", "к": "female", "أنثى": "female",
}  # fmt: skip
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
# Written in an accepted shape, so a date that is refused names a day that does not exist.
_DATE_SHAPE = re.compile(r"^(\d{4}(-\d{1,2}){0,2}|\d{1,2}[./]\d{1,2}[./]\d{4})$")
CANDIDATES_KEPT = 3


class ImportRejected(ValidationError):
    """A list refused as a whole; ``report`` holds (line, message) for every bad row."""

    def __init__(self, report: list[tuple[int, str]]):
        self.report = report
        super().__init__([f"{line}: {message}" for line, message in report])


def _require_tracer(actor: User | None) -> Organisation | None:
    if actor is None:
        return None
    grants = access_context(actor).grants_for([Role.TRACING_OFFICER])
    if not grants:
        raise PermissionDenied(_("Only a tracing officer imports lists."))
    from reintegra.core.models import Organisation

    return Organisation.objects.get(pk=grants[0].organisation_id)


@transaction.atomic
def batch_upload(
    *, actor: User, source: str, file_name: str, content: bytes, organisation=None
) -> ImportBatch:
    """Read an uploaded list; its columns are mapped next (``batch_map``)."""
    organisation = organisation or _require_tracer(actor)
    if not source.strip():
        raise ValidationError({"source": _("Say where the list comes from.")})
    header, rows = read_table(
        name=file_name, content=content, max_rows=settings.TRACING_IMPORT_MAX_ROWS
    )
    batch = ImportBatch.objects.create(
        owner=actor,
        organisation=organisation,
        source=source.strip()[:200],
        file_name=file_name[:200],
        columns=header,
        pending=[{"line": row.line, "cells": row.cells} for row in rows],
        row_count=len(rows),
    )
    audit.record(
        actor=actor,
        action="tracing.list_uploaded",
        obj=batch,
        changes={"file": batch.file_name, "rows": len(rows), "source": batch.source},
    )
    return batch


@transaction.atomic
def batch_discard(*, actor: User, batch: ImportBatch) -> None:
    """Discard a list uploaded by mistake, refused or not wanted, with its rows. A list whose
    rows someone has already decided is kept: those decisions linked, registered or looked for
    people, and the list is where they are read back."""
    batch = access_object(ImportBatch, actor, batch.pk, DELETE)
    if batch.status in (BatchStatus.QUEUED, BatchStatus.MATCHING):
        raise ValidationError(_("The list is being matched: discard it once matching has ended."))
    decided = batch.rows.exclude(status=RowStatus.UNDECIDED).count()
    if decided:
        raise ValidationError(
            ngettext(
                "%(count)d row of this list is already decided: the list is kept.",
                "%(count)d rows of this list are already decided: the list is kept.",
                decided,
            )
            % {"count": decided}
        )
    audit.record(
        actor=actor,
        action="tracing.list_discarded",
        obj=batch,
        changes={"file": batch.file_name, "rows": batch.row_count, "source": batch.source},
    )
    batch.delete()


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """A first mapping from the header's words, for the user to correct."""
    hints = {
        ImportField.SURNAME: ("surname", "фамилия", "тегі", "last"),
        ImportField.GIVEN_NAME: ("given", "first", "имя", "аты", "name"),
        ImportField.PATRONYMIC: ("patronymic", "отчество", "әкесінің"),
        ImportField.FULL_NAME: ("full", "фио", "аты-жөні", "الاسم"),
        ImportField.SEX: ("sex", "gender", "пол", "жынысы"),
        ImportField.BIRTH_DATE: ("birth", "рожд", "туған", "dob"),
        ImportField.EXTERNAL_ID: ("id", "№", "no", "number", "номер"),
        ImportField.FAMILY: ("family", "семья", "отбасы", "household"),
    }
    mapping: dict[str, str] = {}
    for index, column in enumerate(columns):
        text = column.casefold().strip()
        for field, words in hints.items():
            if field in mapping.values():
                continue
            if any(text == w or (len(w) > 3 and w in text) for w in words):
                mapping[str(index)] = field
                break
    return mapping


def _birth_text(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    dotted = _DOTTED.match(value)
    if dotted:
        value = f"{dotted[3]}-{int(dotted[2]):02d}-{int(dotted[1]):02d}"
    parse_date(value)  # raises BadDate
    return value


def batch_map(*, actor: User, batch: ImportBatch, mapping: dict[str, str]) -> ImportBatch:
    """Apply the column mapping and check every row; all or nothing. Then matching starts in
    the background. Raises ImportRejected with a row-by-row report."""
    from reintegra.tracing.tasks import run_matching

    batch = _batch_map(actor=actor, batch=batch, mapping=mapping)
    run_matching.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def _batch_map(*, actor: User, batch: ImportBatch, mapping: dict[str, str]) -> ImportBatch:
    batch = access_object(ImportBatch, actor, batch.pk, CHANGE)
    if batch.status != BatchStatus.MAPPING:
        raise ValidationError(_("The columns of this list are already mapped."))
    chosen = {k: v for k, v in mapping.items() if v}
    fields = list(chosen.values())
    if any(f not in ImportField.values for f in fields):
        raise ValidationError(_("Unknown field in the mapping."))
    if any(not k.isdigit() or int(k) >= len(batch.columns) for k in chosen):
        raise ValidationError(_("The mapping names a column the file does not have."))
    twice = sorted({f for f in fields if fields.count(f) > 1})
    if twice:
        raise ValidationError(
            _("Each field may come from one column only: %(fields)s")
            % {"fields": ", ".join(str(ImportField(f).label) for f in twice)}
        )
    if not any(f in NAME_FIELDS for f in fields):
        raise ValidationError(
            _("Map at least one column to the surname, the given name or the full name.")
        )
    report: list[tuple[int, str]] = []
    rows: list[ImportRow] = []
    for number, cells in batch.pending_rows:  # the line in the file, blank lines counted
        values = {field: cells[int(column)].strip() for column, field in chosen.items()}
        problems = []
        if not any(values.get(f) for f in NAME_FIELDS):
            problems.append(_("no name"))
        sex = values.get(ImportField.SEX, "")
        if sex and sex.casefold() not in SEXES:
            problems.append(_("sex %(value)r is not male or female") % {"value": sex})
        try:
            birth = _birth_text(values.get(ImportField.BIRTH_DATE, ""))
        except BadDate:
            birth = ""
            written_date = values.get(ImportField.BIRTH_DATE, "")
            if _DATE_SHAPE.match(written_date.strip()):
                problem = _("date of birth %(value)r is not a day that exists")
            else:
                problem = _(
                    "date of birth %(value)r is not YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY"
                )
            problems.append(problem % {"value": written_date})
        if problems:
            report.append((number, "; ".join(problems)))
            continue
        written = " ".join(
            values.get(f, "")
            for f in (ImportField.SURNAME, ImportField.GIVEN_NAME, ImportField.PATRONYMIC)
        ).strip() or values.get(ImportField.FULL_NAME, "")
        rows.append(
            ImportRow(
                batch=batch,
                line=number,
                external_id=values.get(ImportField.EXTERNAL_ID, "")[:100],
                family=values.get(ImportField.FAMILY, "")[:100],
                surname=values.get(ImportField.SURNAME, "")[:150],
                given_name=values.get(ImportField.GIVEN_NAME, "")[:150],
                patronymic=values.get(ImportField.PATRONYMIC, "")[:150],
                full_name=values.get(ImportField.FULL_NAME, "")[:300],
                sex=SEXES.get(sex.casefold(), ""),
                birth_date=birth,
                script=detect_script(written),
            )
        )
    if report:
        raise ImportRejected(report)
    ImportRow.objects.bulk_create(rows)
    batch.mapping, batch.pending, batch.status = chosen, [], BatchStatus.QUEUED
    batch.row_count = len(rows)
    batch.save(update_fields=["mapping", "pending", "status", "row_count"])
    audit.record(
        actor=actor,
        action="tracing.list_mapped",
        obj=batch,
        changes={"mapping": {batch.columns[int(k)]: v for k, v in chosen.items()}},
    )
    return batch


def _progress(batch: ImportBatch, done: int, total: int) -> None:
    value = min(99, done * 100 // max(total, 1))
    if value >= batch.progress + 5:
        batch.progress = value
        ImportBatch.objects.filter(pk=batch.pk).update(progress=value)


def batch_match_run(*, batch_id: int) -> ImportBatch:
    """Match every row against the people the list's owner may see now; keep the best
    candidates of each row with the per-field agreement. Run by the task worker."""
    from reintegra.tracing.matching import DROPPED, explanation, family_lines, match_rows

    batch = ImportBatch.objects.select_related("owner").get(pk=batch_id)
    if batch.status != BatchStatus.QUEUED:
        return batch
    batch.status, batch.progress = BatchStatus.MATCHING, 0
    batch.save(update_fields=["status", "progress"])
    try:
        rows = list(batch.rows.order_by("line"))
        names = PersonName.objects.restrict(batch.owner, VIEW).select_related("person")
        matcher, results, family = match_rows(
            rows,
            names.iterator(chunk_size=5000),
            relations_of=lambda people: _relations(batch.owner, people),
            progress=lambda d, t: _progress(batch, d, t),
        )
        by_id = {str(row.pk): row for row in rows}
        relatives = _relative_names(batch.owner, family)
        with transaction.atomic():
            Candidate.objects.filter(row__batch=batch).delete()
            found = []
            for row, result in zip(rows, results, strict=True):
                # A person with several stored names is one candidate: their best name counts.
                kept, people = [], set()
                for candidate in result.candidates:
                    person = matcher.registry.ids[candidate.index]
                    if candidate.weight > DROPPED and person not in people:
                        kept.append(candidate)
                        people.add(person)
                for rank, candidate in enumerate(kept[:CANDIDATES_KEPT], start=1):
                    found.append(
                        Candidate(
                            row=row,
                            person_id=int(matcher.registry.ids[candidate.index]),
                            rank=rank,
                            weight=round(candidate.weight, 2),
                            explanation=explanation(
                                matcher,
                                result,
                                candidate,
                                listed_as_written={"birth_date": row.birth_date},
                            )
                            + family_lines(
                                family.get((str(row.pk), matcher.registry.ids[candidate.index])),
                                rows=by_id,
                                names=relatives,
                            ),
                        )
                    )
                row.decision, row.score = result.decision.value, result.score
            Candidate.objects.bulk_create(found)
            ImportRow.objects.bulk_update(rows, ["decision", "score"])
            batch.status, batch.progress, batch.matched_at = (
                BatchStatus.READY,
                100,
                timezone.now(),
            )
            batch.save(update_fields=["status", "progress", "matched_at"])
            counts = {d: sum(1 for r in rows if r.decision == d) for d in ("match", "review")}
            audit.record(
                actor=batch.owner, action="tracing.list_matched", obj=batch, changes=counts
            )
    except Exception as exc:  # the failure is the batch's, shown to its owner
        batch.status, batch.error = BatchStatus.FAILED, f"{type(exc).__name__}: {exc}"
        batch.save(update_fields=["status", "error"])
        audit.record(actor=batch.owner, action="tracing.list_failed", obj=batch)
    return batch


def _relations(owner: User, people: set[str]) -> list[Relation]:
    """The family relations among these people (candidates: people the owner may see)."""
    ids = [int(p) for p in people]
    found = Relationship.objects.restrict(owner, VIEW).filter(
        person_id__in=ids, relative_id__in=ids, kind__in=KINDS
    )
    return [
        Relation(person=str(p), relative=str(r), kind=k)
        for p, r, k in found.values_list("person_id", "relative_id", "kind")
    ]


def _relative_names(owner: User, family: dict[tuple[str, str], Bonus]) -> dict[str, str]:
    """The display names of the relatives a family bonus names."""
    ids = {int(s.relative) for bonus in family.values() for s in bonus.supports}
    if not ids:
        return {}
    people = Person.objects.restrict(owner, VIEW).filter(pk__in=ids)
    return {str(pk): name for pk, name in people.values_list("pk", "display_name")}


def _undecided(actor: User, row: ImportRow) -> ImportRow:
    row = access_object(ImportRow, actor, row.pk, CHANGE)
    if row.batch.status != BatchStatus.READY:
        raise ValidationError(_("The list is not matched yet."))
    if row.status != RowStatus.UNDECIDED:
        raise ValidationError(_("This row is already decided."))
    return row


def _decided(*, actor: User, row: ImportRow, status: str, person: Person | None) -> ImportRow:
    row.status, row.person, row.decided_by, row.decided_at = (
        status,
        person,
        actor,
        timezone.now(),
    )
    row.save(update_fields=["status", "person", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action=f"tracing.row_{status}",
        obj=row.batch,
        changes={"line": row.line, "person": person.pk if person else None},
    )
    return row


def _name_of(row: ImportRow) -> people_services.NameInput:
    return people_services.NameInput(
        script=row.script,
        surname=row.surname,
        given_name=row.given_name,
        patronymic=row.patronymic,
        full_name=row.full_name if not (row.surname or row.given_name) else "",
        kind=NameKind.AS_REPORTED,
        source=row.batch.source,
    )


@transaction.atomic
def row_link(*, actor: User, row: ImportRow, person: Person) -> ImportRow:
    """The row is this person: the list's spelling is added to their names, with the list as
    its source."""
    row = _undecided(actor, row)
    person = access_object(Person, actor, person.pk, CHANGE)
    people_services.person_name_add(actor=actor, person=person, name=_name_of(row))
    return _decided(actor=actor, row=row, status=RowStatus.LINKED, person=person)


@transaction.atomic
def row_register(*, actor: User, row: ImportRow, sex: str = "") -> ImportRow:
    """The row is nobody in the registry: register them, with the list's spelling."""
    row = _undecided(actor, row)
    birth = None
    if row.birth_date:
        parsed = parse_date(row.birth_date)
        birth = PartialDate.of(parsed.year, parsed.month or None, parsed.day or None)
    person = people_services.person_register(
        actor=actor,
        organisation=row.batch.organisation,
        sex=sex or row.sex,
        names=[_name_of(row)],
        birth=birth,
    )
    return _decided(actor=actor, row=row, status=RowStatus.CREATED, person=person)


@transaction.atomic
def row_not_found(*, actor: User, row: ImportRow) -> ImportRow:
    row = _undecided(actor, row)
    return _decided(actor=actor, row=row, status=RowStatus.NOT_FOUND, person=None)
