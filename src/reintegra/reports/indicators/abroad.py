"""People believed abroad (tracing): by their status on the day and by the evidence held.
Aggregates only, like every indicator."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from reintegra.reports.indicators.base import Query, Row, indicator
from reintegra.reports.indicators.sql import grouped_counts, scoped

GROUP = _("People abroad")


def _records(query: Query):
    from reintegra.returns.models import AbroadRecord, AbroadStatusEntry

    latest = (
        AbroadStatusEntry.objects.filter(record_id=OuterRef("pk"), since__lte=query.as_of)
        .order_by("-since", "-pk")
        .values("status")[:1]
    )
    records = AbroadRecord.objects.filter(statuses__since__lte=query.as_of).distinct()
    records = AbroadRecord.objects.filter(pk__in=records.values("pk"))
    records = scoped(records, query, region="person__region", organisation="person__organisation")
    return records.annotate(status_on=Subquery(latest))


@indicator(
    "abroad.people",
    title=_("People abroad"),
    disaggregations=("status", "country", "sex"),
    group=GROUP,
)
def people_abroad(query: Query) -> Iterator[Row]:
    """People recorded as believed abroad by the day, by their status on that day (missing, in
    a camp, detained, reported dead, death confirmed, returned)."""
    expressions = {"status": F("status_on"), "country": F("country"), "sex": F("person__sex")}
    yield from grouped_counts(_records(query), query, expressions)


@indicator(
    "abroad.evidence",
    title=_("People abroad with evidence"),
    disaggregations=("kind", "confidence", "status"),
    group=GROUP,
    additive=False,
)
def people_with_evidence(query: Query) -> Iterator[Row]:
    """People abroad with at least one piece of evidence dated by the day, by its kind (witness,
    document, DNA, official notification, court decision) and the confidence the tracing
    officer gave it; a person with several kinds counts under each."""
    from reintegra.returns.models import Evidence

    records = _records(query)
    evidence = Evidence.objects.filter(
        record_id__in=records.values("pk"), date__lte=query.as_of
    ).annotate(status_on=Subquery(records.filter(pk=OuterRef("record_id")).values("status_on")[:1]))
    expressions = {"kind": F("kind"), "confidence": F("confidence"), "status": F("status_on")}
    yield from grouped_counts(evidence, query, expressions, distinct="record_id")
