"""Reads of tracing: imported lists, their review queue, people abroad and their report. Always
restricted; candidates are only people the user may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from reintegra.core.access import CHANGE, VIEW, grants_reaching
from reintegra.people.models import Person
from reintegra.returns.death import declaration_date
from reintegra.returns.models import AbroadRecord, AbroadStatus, AbroadStatusEntry, Evidence
from reintegra.tracing.models import Candidate, ImportBatch, ImportRow, PersonMerge, RowStatus

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def batch_list(*, user: User) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.restrict(user, VIEW).select_related("owner")


@dataclass(frozen=True)
class RowFilters:
    decision: str = ""  # match, review, none
    undecided: bool = False


def review_rows(*, user: User, batch: ImportBatch, filters: RowFilters) -> QuerySet[ImportRow]:
    rows = ImportRow.objects.restrict(user, VIEW).filter(batch=batch)
    if filters.decision:
        rows = rows.filter(decision=filters.decision)
    if filters.undecided:
        rows = rows.filter(status=RowStatus.UNDECIDED)
    candidates = Candidate.objects.restrict(user, VIEW).select_related("person")
    return rows.select_related("person").prefetch_related(
        Prefetch("candidates", queryset=candidates, to_attr="visible_candidates")
    )


def batch_counts(*, user: User, batch: ImportBatch) -> dict[str, int]:
    rows = ImportRow.objects.restrict(user, VIEW).filter(batch=batch)
    counts = Counter(rows.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in RowStatus.values}


def abroad_list(*, user: User, status: str = "") -> list[AbroadRecord]:
    records = (
        AbroadRecord.objects.restrict(user, VIEW)
        .select_related("person")
        .prefetch_related("statuses", "evidence")
    )
    out = [r for r in records if not status or (r.current and r.current.status == status)]
    return out


def abroad_detail(*, user: User, record: AbroadRecord) -> dict:
    from reintegra.people.selectors import person_detail

    statuses = AbroadStatusEntry.objects.restrict(user, VIEW).filter(record=record)
    current = statuses.order_by("since", "pk").last()
    return {
        "statuses": statuses.select_related("recorded_by"),
        "evidence": Evidence.objects.restrict(user, VIEW).filter(record=record),
        "current": current,
        "declaration": declaration_for(record, current.status if current else ""),
        "relationships": person_detail(user=user, person=record.person)["relationships"],
    }


def declaration_for(record: AbroadRecord, status: str):
    return declaration_date(
        last_news_on=record.last_news_on,
        country=record.country,
        in_military_action=record.in_military_action,
        status=status,
    )


def abroad_of_person(*, user: User, person) -> dict | None:
    """What the person's page shows of their record abroad, if the user may read it."""
    record = AbroadRecord.objects.restrict(user, VIEW).filter(person=person).first()
    if record is None:
        return None
    current = record.current
    return {
        "record": record,
        "current": current,
        "declaration": declaration_for(record, current.status if current else ""),
    }


def abroad_report(*, user: User | None = None) -> dict:
    """People abroad by current status and by the kinds of evidence held (counts only). With a
    user: the records they may read; without (the command, the indicators): every record."""
    records = AbroadRecord.objects.all() if user is None else AbroadRecord.objects.restrict(user)
    records = records.prefetch_related("statuses", "evidence")
    by_status = Counter()
    by_evidence: Counter = Counter()
    by_confidence: Counter = Counter()
    declarable = 0
    today = timezone.localdate()
    for record in records:
        current = record.current
        status = current.status if current else AbroadStatus.MISSING
        by_status[status] += 1
        for kind in {e.kind for e in record.evidence.all()}:
            by_evidence[(status, kind)] += 1
        for item in record.evidence.all():
            by_confidence[item.confidence] += 1
        day = declaration_for(record, status).day
        if day is not None and day <= today:
            declarable += 1
    return {
        "total": sum(by_status.values()),
        # Records stay when a person comes home: the headline counts those who have not.
        "not_returned": sum(by_status.values()) - by_status.get(AbroadStatus.RETURNED, 0),
        "by_status": {s: by_status.get(s, 0) for s in AbroadStatus.values},
        "by_status_and_evidence": {
            s: {k: by_evidence.get((s, k), 0) for k in _evidence_kinds()}
            for s in AbroadStatus.values
        },
        "evidence_by_confidence": dict(by_confidence),
        "declarable_now": declarable,
    }


def _evidence_kinds():
    from reintegra.returns.models import EvidenceKind

    return EvidenceKind.values


def merges_of(*, user, person) -> list:
    """The merges of duplicates into ``person`` that ``user`` may see, latest first."""
    from reintegra.tracing.models import PersonMerge

    return list(
        PersonMerge.objects.restrict(user, "view")
        .filter(survivor=person)
        .select_related("merged", "merged_by")
    )


def undoable_merge_of(*, user: User, person: Person) -> PersonMerge | None:
    """The standing merge that made ``person`` a duplicate, when ``user`` may undo it (as the
    undo decides: one merging membership reaching both people); else None."""
    if not person.merged_into_id:
        return None
    from reintegra.tracing.merge import MERGERS

    merge = (
        PersonMerge.objects.restrict(user, CHANGE)
        .filter(merged=person, undone_at__isnull=True)
        .order_by("-pk")
        .first()
    )
    if merge is None:
        return None
    both = {merge.survivor_id, merge.merged_id}
    return merge if grants_reaching(Person, user, both, CHANGE, roles=MERGERS) else None
