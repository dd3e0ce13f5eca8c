"""Summaries the case indicators read, kept equal to counts over the rows they summarise.

- ``ServiceTally``: services per month, kind, case program, case region, provider organisation;
- ``CaseTally``: cases opened and closed, and assessments completed, per month, program,
  region and organisation;
- ``Case.person_adult_on`` and ``person_birth_date``: the person's on each of their cases.

Only the functions of this module write them, called inside the transaction of the change
they follow: ``service_record`` counts a service; ``case_open`` and an approved closure count a
case, ``assessment_complete`` an assessment; ``transfer_accept`` and ``case_update`` move a
case's counts to its new region or organisation; ``person_update`` and the person merges copy
the person's dates. A bulk load that writes rows directly (the demo data, the benchmark's
generator) ends with ``tallies_rebuild``, which is also the repair (``reintegra tallies
check|rebuild``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Model, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth

from reintegra.cases.models import (
    Assessment,
    AssessmentStatus,
    Case,
    CaseTally,
    Service,
    ServiceTally,
)

# (month, kind, program, region id, organisation id)
TallyKey = tuple[dt.date, str, str, int, int]
# (month, program, region id, organisation id)
CaseKey = tuple[dt.date, str, int, int]


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add(model: type[Model], key: dict, **increments: int) -> None:
    """Add to the counts of the row with ``key`` (created on its first count; deleted when all
    its counts are back to nothing, as a count over no rows gives no group)."""
    row = model.objects.filter(**key)
    if row.update(**{name: F(name) + n for name, n in increments.items()}):
        if any(n < 0 for n in increments.values()):
            row.filter(**dict.fromkeys(_counts(model), 0)).delete()
        return
    if any(n < 0 for n in increments.values()):
        raise RuntimeError(f"{model.__name__} has no row {key} to take {increments} from")
    try:
        with transaction.atomic():  # a savepoint: a concurrent first count may win the insert
            model.objects.create(**key, **increments)
    except IntegrityError:
        row.update(**{name: F(name) + n for name, n in increments.items()})


def _counts(model: type[Model]) -> tuple[str, ...]:
    return ("count",) if model is ServiceTally else ("opened", "closed", "assessed")


def _locked_case(case_id: int) -> Case:
    """The case as stored (not as the caller's copy has it), locked: a transfer or a closure of
    the case waits for this count, or this count waits for it and sees what it wrote."""
    return (
        Case.objects.select_for_update()
        .only("program", "region_id", "organisation_id", "opened_on", "closed_on")
        .get(pk=case_id)
    )


# --- services ---------------------------------------------------------------------------------


def _service_key(month, kind, program, region_id, organisation_id) -> dict:
    return {
        "month": month,
        "kind": kind,
        "program": program,
        "region_id": region_id,
        "organisation_id": organisation_id,
    }


def service_counted(service: Service) -> None:
    """Count a service just recorded (inside ``service_record``'s transaction)."""
    case = _locked_case(service.case_id)
    key = _service_key(
        month_of(service.date),
        service.kind,
        case.program,
        case.region_id,
        service.provider_organisation_id,
    )
    _add(ServiceTally, key, count=1)


def _services_moved(case: Case, from_region_id: int) -> None:
    if case.region_id == from_region_id:
        return
    groups = (
        Service.objects.filter(case=case)
        .annotate(month=TruncMonth("date"))
        .values_list("month", "kind", "provider_organisation_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    for month, kind, organisation_id, n in groups:
        old = _service_key(month, kind, case.program, from_region_id, organisation_id)
        _add(ServiceTally, old, count=-n)
        _add(ServiceTally, old | {"region_id": case.region_id}, count=n)


# --- cases ------------------------------------------------------------------------------------


def _case_key(month: dt.date, program: str, region_id: int, organisation_id: int) -> dict:
    return {
        "month": month,
        "program": program,
        "region_id": region_id,
        "organisation_id": organisation_id,
    }


def case_opened(case: Case) -> None:
    """Count a case just opened, and copy its person's dates (inside ``case_open``)."""
    from reintegra.people.models import Person

    # The person locked: a change of the birth date waits, or has been copied already.
    adult_on, birth_date = (
        Person.objects.select_for_update()
        .values_list("adult_on", "birth_date")
        .get(pk=case.person_id)
    )
    Case.objects.filter(pk=case.pk).update(person_adult_on=adult_on, person_birth_date=birth_date)
    case.person_adult_on, case.person_birth_date = adult_on, birth_date
    stored = _locked_case(case.pk)
    key = _case_key(
        month_of(stored.opened_on), stored.program, stored.region_id, stored.organisation_id
    )
    _add(CaseTally, key, opened=1)


def case_closed(case: Case) -> None:
    """Count a closure just approved (the case's ``closed_on`` is set)."""
    stored = _locked_case(case.pk)
    if stored.closed_on is None:
        return
    key = _case_key(
        month_of(stored.closed_on), stored.program, stored.region_id, stored.organisation_id
    )
    _add(CaseTally, key, closed=1)


def assessment_completed(assessment: Assessment) -> None:
    """Count an assessment just completed (inside ``assessment_complete``)."""
    stored = _locked_case(assessment.case_id)
    key = _case_key(
        month_of(assessment.assessed_on), stored.program, stored.region_id, stored.organisation_id
    )
    _add(CaseTally, key, assessed=1)


def case_moved(*, case: Case, from_region_id: int, from_organisation_id: int) -> None:
    """Move a case's counts, and its services', from where it was to where it is now (a
    transfer, or an edit of its region or organisation)."""
    stored = _locked_case(case.pk)
    _services_moved(stored, from_region_id)
    if (stored.region_id, stored.organisation_id) == (from_region_id, from_organisation_id):
        return
    moved = [(stored.opened_on, "opened", 1)]
    if stored.closed_on is not None:
        moved.append((stored.closed_on, "closed", 1))
    assessed = (
        Assessment.objects.filter(case=stored, status=AssessmentStatus.COMPLETED)
        .annotate(month=TruncMonth("assessed_on"))
        .values_list("month")
        .annotate(n=Count("*"))
        .order_by()
    )
    moved += [(month, "assessed", n) for month, n in assessed]
    for day, field, n in moved:
        old = _case_key(month_of(day), stored.program, from_region_id, from_organisation_id)
        new = _case_key(month_of(day), stored.program, stored.region_id, stored.organisation_id)
        _add(CaseTally, old, **{field: -n})
        _add(CaseTally, new, **{field: n})


def person_age_copied(person_id: int) -> None:
    """Copy the person's dates to their cases (a new birth date, a merge or its undo)."""
    from reintegra.people.models import Person

    adult_on, birth_date = Person.objects.values_list("adult_on", "birth_date").get(pk=person_id)
    Case.objects.filter(person_id=person_id).update(
        person_adult_on=adult_on, person_birth_date=birth_date
    )


# --- check and rebuild ------------------------------------------------------------------------


def counted_services() -> Counter[TallyKey]:
    """The service tally as a count over the services themselves (what the table must hold)."""
    rows = (
        Service.objects.annotate(month=TruncMonth("date"))
        .values_list(
            "month", "kind", "case__program", "case__region_id", "provider_organisation_id"
        )
        .annotate(n=Count("*"))
        .order_by()
    )
    return Counter({tuple(row[:5]): row[5] for row in rows})


def counted_cases() -> Counter[tuple[CaseKey, str]]:
    """The case tally as counts over the cases and assessments: (key, "opened", "closed" or
    "assessed") -> count."""
    counts: Counter[tuple[CaseKey, str]] = Counter()
    completed = Assessment.objects.filter(status=AssessmentStatus.COMPLETED)
    for field, rows, day, case in (
        ("opened", Case.objects.filter(opened_on__isnull=False), "opened_on", ""),
        ("closed", Case.objects.filter(closed_on__isnull=False), "closed_on", ""),
        ("assessed", completed, "assessed_on", "case__"),
    ):
        groups = (
            rows.annotate(month=TruncMonth(day))
            .values_list("month", f"{case}program", f"{case}region_id", f"{case}organisation_id")
            .annotate(n=Count("*"))
            .order_by()
        )
        for *key, n in groups:
            counts[tuple(key), field] = n
    return counts


def _held_services() -> Counter[TallyKey]:
    rows = ServiceTally.objects.values_list(
        "month", "kind", "program", "region_id", "organisation_id", "count"
    )
    return Counter({tuple(row[:5]): row[5] for row in rows})


def _held_cases() -> Counter[tuple[CaseKey, str]]:
    counts: Counter[tuple[CaseKey, str]] = Counter()
    rows = CaseTally.objects.values_list(
        "month", "program", "region_id", "organisation_id", "opened", "closed", "assessed"
    )
    for *key, opened, closed, assessed in rows:
        counts[tuple(key), "opened"] = opened
        counts[tuple(key), "closed"] = closed
        counts[tuple(key), "assessed"] = assessed
    return +counts


def _differences(held: Counter, counted: Counter) -> dict:
    return {
        key: (held[key], counted[key])
        for key in held.keys() | counted.keys()
        if held[key] != counted[key]
    }


def service_tally_differences() -> dict[TallyKey, tuple[int, int]]:
    """Groups where the service tally differs from the services: key -> (tallied, counted)."""
    return _differences(_held_services(), counted_services())


def case_tally_differences() -> dict[tuple[CaseKey, str], tuple[int, int]]:
    """Groups where the case tally differs from the cases: key -> (tallied, counted)."""
    return _differences(_held_cases(), counted_cases())


def _persons(field: str):
    from reintegra.people.models import Person

    return Subquery(Person.objects.filter(pk=OuterRef("person_id")).values(field)[:1])


def case_ages_differing() -> int:
    """How many cases hold another ``adult_on`` or birth date than their person's."""
    differing = Q()
    for field in ("adult_on", "birth_date"):
        copy, actual = f"person_{field}", f"person__{field}"
        differing |= ~(
            Q(**{copy: F(actual)}) | Q(**{f"{copy}__isnull": True, f"{actual}__isnull": True})
        )
    return Case.objects.filter(differing).count()


def differences() -> dict[str, int]:
    """The number of differing groups (or cases) of each summary; empty when all are equal."""
    found = {
        "service tally": len(service_tally_differences()),
        "case tally": len(case_tally_differences()),
        "cases' person dates": case_ages_differing(),
    }
    return {name: n for name, n in found.items() if n}


@transaction.atomic
def tallies_rebuild() -> dict[str, int]:
    """Recount every summary from its rows; returns the number of groups (or cases) of each."""
    if connection.vendor == "postgresql":
        # Writers wait until the recount commits, so none adds to a row being replaced; a row
        # written but not yet committed is counted by its own writer afterwards.
        with connection.cursor() as cursor:
            for model in (ServiceTally, CaseTally):
                cursor.execute(f"LOCK TABLE {model._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    # Deleting first: on SQLite this takes the write lock before anything is read.
    ServiceTally.objects.all().delete()
    CaseTally.objects.all().delete()
    cases = Case.objects.update(
        person_adult_on=_persons("adult_on"), person_birth_date=_persons("birth_date")
    )
    services = counted_services()
    ServiceTally.objects.bulk_create(
        [ServiceTally(**_service_key(*key), count=n) for key, n in services.items()],
        batch_size=2000,
    )
    rows: dict[CaseKey, CaseTally] = {}
    for (key, field), n in counted_cases().items():
        row = rows.setdefault(key, CaseTally(**_case_key(*key)))
        setattr(row, field, n)
    CaseTally.objects.bulk_create(rows.values(), batch_size=2000)
    return {"service tally": len(services), "case tally": len(rows), "cases": cases}
