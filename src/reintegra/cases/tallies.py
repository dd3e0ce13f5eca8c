"""The service tally (``ServiceTally``): services counted per month, kind, case program, case
region and provider organisation, kept equal to a count over ``Service``.

Only the services of this module write it, inside the transaction of the change they count:
``service_record`` adds one; ``transfer_accept`` and ``case_update`` move a case's services
to its new region.
A bulk load that writes services directly (the demo data, the benchmark's generator) ends with
``service_tally_rebuild``, which is also the repair (``reintegra tallies rebuild``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncMonth

from reintegra.cases.models import Case, Service, ServiceTally

# (month, kind, program, region id, organisation id)
TallyKey = tuple[dt.date, str, str, int, int]


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add(key: TallyKey, n: int) -> None:
    month, kind, program, region_id, organisation_id = key
    row = ServiceTally.objects.filter(
        month=month,
        kind=kind,
        program=program,
        region_id=region_id,
        organisation_id=organisation_id,
    )
    if row.update(count=F("count") + n):
        if n < 0:
            row.filter(count=0).delete()  # an empty group is no row, as in a count
        return
    if n < 0:
        raise RuntimeError(f"the service tally has no row {key} to take {-n} from")
    try:
        with transaction.atomic():  # a savepoint: a concurrent first service may win the insert
            ServiceTally.objects.create(
                month=month,
                kind=kind,
                program=program,
                region_id=region_id,
                organisation_id=organisation_id,
                count=n,
            )
    except IntegrityError:
        row.update(count=F("count") + n)


def service_counted(service: Service) -> None:
    """Count a service just recorded (inside ``service_record``'s transaction)."""
    # The case's region as stored, not as the caller's copy has it; the lock makes a transfer
    # of the case wait for this count, or this count wait for the transfer (and see its region).
    program, region_id = (
        Case.objects.select_for_update().values_list("program", "region_id").get(pk=service.case_id)
    )
    _add(
        (
            month_of(service.date),
            service.kind,
            program,
            region_id,
            service.provider_organisation_id,
        ),
        1,
    )


def services_moved(*, case: Case, from_region_id: int) -> None:
    """Move a case's services from the region it left to its region now (a transfer)."""
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
        _add((month, kind, case.program, from_region_id, organisation_id), -n)
        _add((month, kind, case.program, case.region_id, organisation_id), n)


def counted_from_services() -> Counter[TallyKey]:
    """The tally as a count over the services themselves (what the table must hold)."""
    rows = (
        Service.objects.annotate(month=TruncMonth("date"))
        .values_list(
            "month", "kind", "case__program", "case__region_id", "provider_organisation_id"
        )
        .annotate(n=Count("*"))
        .order_by()
    )
    return Counter({tuple(row[:5]): row[5] for row in rows})


def tallied() -> Counter[TallyKey]:
    rows = ServiceTally.objects.values_list(
        "month", "kind", "program", "region_id", "organisation_id", "count"
    )
    return Counter({tuple(row[:5]): row[5] for row in rows})


def service_tally_differences() -> dict[TallyKey, tuple[int, int]]:
    """Groups where the tally differs from the services: key -> (tallied, counted)."""
    held, counted = tallied(), counted_from_services()
    return {
        key: (held[key], counted[key])
        for key in held.keys() | counted.keys()
        if held[key] != counted[key]
    }


@transaction.atomic
def service_tally_rebuild() -> int:
    """Recount the tally from the services; returns the number of groups."""
    if connection.vendor == "postgresql":
        # Writers wait until the recount commits, so none adds to a row being replaced; a
        # service recorded but not yet committed is counted by its own writer afterwards.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {ServiceTally._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    ServiceTally.objects.all().delete()  # first: on SQLite this takes the write lock
    counted = counted_from_services()
    ServiceTally.objects.bulk_create(
        [
            ServiceTally(
                month=month,
                kind=kind,
                program=program,
                region_id=region_id,
                organisation_id=organisation_id,
                count=n,
            )
            for (month, kind, program, region_id, organisation_id), n in counted.items()
        ],
        batch_size=2000,
    )
    return len(counted)
