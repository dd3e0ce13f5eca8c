"""The service tally stays a count of the services: through recording, through transfers and
edits that move a case to another region, after a repair, and as the indicator reads it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reintegra.cases import referrals, services, tallies
from reintegra.cases.models import Service, ServiceTally
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role, Scope
from reintegra.reports.indicators import Query, evaluate

pytestmark = pytest.mark.django_db


@pytest.fixture
def almaty_worker(make_user):
    return make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-almaty")


def record(case, kind: str, day: dt.date) -> Service:
    return services.service_record(actor=None, case=case, kind=kind, date=day)


def counted_by_hand(since: dt.date, until: dt.date, region: str = "") -> Counter:
    """Services given in the period, by kind and the case's region, one row at a time."""
    counts: Counter = Counter()
    for service in Service.objects.select_related("case__region"):
        if since <= service.date <= until and region in ("", service.case.region.code):
            counts[service.kind, service.case.region.code] += 1
    return counts


def indicator_counts(since: dt.date, until: dt.date, region: str = "") -> Counter:
    table = evaluate(
        "services.given",
        Query(as_of=until, start=since, by=("service_kind", "region"), region=region),
    )
    return Counter({row.key: row.count for row in table.rows})


def test_the_tally_equals_the_services_after_records_a_transfer_and_a_repair(
    actors, case, almaty_worker
):
    for kind, day in [
        ("psychological", dt.date(2021, 3, 1)),
        ("psychological", dt.date(2021, 3, 31)),
        ("legal_aid", dt.date(2021, 3, 15)),
        ("medical", dt.date(2022, 11, 30)),
        ("psychological", dt.date(2023, 1, 1)),
    ]:
        record(case, kind, day)
    assert not tallies.service_tally_differences()
    assert ServiceTally.objects.get(month=dt.date(2021, 3, 1), kind="psychological").count == 2

    pending = referrals.transfer_request(
        actor=actors["worker"],
        case=case,
        to_organisation=Organisation.objects.get(code="aqniet-almaty"),
        reason="The family moved to Almaty.",
    )
    referrals.transfer_accept(actor=almaty_worker, transfer=pending)
    record(case, "legal_aid", dt.date(2024, 2, 29))  # counted in the new region
    assert not tallies.service_tally_differences()
    assert set(ServiceTally.objects.values_list("region__code", flat=True)) == {"KZ-75"}
    assert sum(ServiceTally.objects.values_list("count", flat=True)) == 6

    case.refresh_from_db()
    services.case_update(
        actor=None,
        case=case,
        expected_version=case.version,
        region=Region.objects.get(code="KZ-35"),
    )
    assert not tallies.service_tally_differences()
    assert set(ServiceTally.objects.values_list("region__code", flat=True)) == {"KZ-35"}

    # A row deleted past the services (nothing in the program deletes a service): the check
    # finds the difference, the rebuild repairs it.
    Service.objects.filter(kind="medical").delete()
    with pytest.raises(CommandError, match="differs from the services in 1 groups"):
        call_command("tallies", "check", stdout=StringIO())
    out = StringIO()
    call_command("tallies", "rebuild", stdout=out)
    assert "rebuilt: 4 groups" in out.getvalue()
    assert not tallies.service_tally_differences()
    call_command("tallies", "check", stdout=StringIO())


def test_the_services_indicator_counts_the_same_from_the_tally_on_any_period(actors, case):
    for day in [dt.date(2021, 1, 31), dt.date(2021, 2, 1), dt.date(2021, 2, 28)]:
        record(case, "psychological", day)
    record(case, "legal_aid", dt.date(2021, 3, 1))
    record(case, "legal_aid", dt.date(2022, 12, 31))
    periods = [
        (dt.date(2017, 1, 1), dt.date(2025, 6, 30)),  # whole months only
        (dt.date(2021, 1, 31), dt.date(2021, 2, 28)),  # a day, then a whole month
        (dt.date(2021, 2, 1), dt.date(2021, 3, 1)),  # a whole month, then a day
        (dt.date(2021, 2, 2), dt.date(2021, 2, 27)),  # within one month
        (dt.date(2021, 1, 15), dt.date(2022, 12, 30)),  # days, months, days
    ]
    for since, until in periods:
        for region in ("", "KZ-47", "KZ-75"):
            assert indicator_counts(since, until, region) == counted_by_hand(
                since, until, region
            ), (since, until, region)
    total = evaluate("services.given", Query(as_of=dt.date(2021, 2, 28)))
    assert total.total_value == 3


@pytest.mark.parametrize(
    "since, until, expected",
    [
        (dt.date(2017, 1, 1), dt.date(2025, 6, 30), (dt.date(2017, 1, 1), dt.date(2025, 6, 1))),
        (dt.date(2021, 1, 2), dt.date(2021, 3, 30), (dt.date(2021, 2, 1), dt.date(2021, 2, 1))),
        (dt.date(2021, 1, 2), dt.date(2021, 2, 27), (None, None)),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29), (dt.date(2024, 2, 1), dt.date(2024, 2, 1))),
        (dt.date(2020, 12, 1), dt.date(2021, 1, 31), (dt.date(2020, 12, 1), dt.date(2021, 1, 1))),
    ],
)
def test_whole_months_are_those_lying_wholly_within_the_period(since, until, expected):
    from reintegra.reports.indicators.casework import whole_months

    assert whole_months(since, until) == expected
