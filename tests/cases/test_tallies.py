"""The tallies stay counts of the rows: services and cases through recording, opening, closing,
transfers and edits that move a case, a person's new birth date, after a repair, and as the
indicators read them."""

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


def test_the_service_tally_equals_the_services_after_records_moves_and_a_repair(
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
    with pytest.raises(CommandError, match="service tally in 1;"):
        call_command("tallies", "check", stdout=StringIO())
    out = StringIO()
    call_command("tallies", "rebuild", stdout=out)
    assert "service tally 4, case tally 1, cases 1" in out.getvalue()
    assert not tallies.differences()
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


def open_cases_by_hand(day: dt.date, region: str = "") -> Counter:
    """Open cases on the day by program, region and age group, one case at a time."""
    from reintegra.cases.models import Case
    from reintegra.reports.indicators.dimensions import age_band

    counts: Counter = Counter()
    for case in Case.objects.select_related("person", "region"):
        is_open = case.opened_on <= day and (case.closed_on is None or case.closed_on > day)
        if is_open and region in ("", case.region.code):
            band = age_band(case.person.birth_date, case.person.adult_on, day)
            counts[case.program, case.region.code, band] += 1
    return counts


def open_cases_counted(day: dt.date, region: str = "") -> Counter:
    table = evaluate(
        "cases.open", Query(as_of=day, by=("program", "region", "age_group"), region=region)
    )
    return Counter({row.key: row.count for row in table.rows})


def test_the_case_tally_equals_the_cases_after_openings_closures_assessments_moves_and_births(
    actors, case
):
    from reintegra.core.dates import PartialDate
    from reintegra.people.services import NameInput, person_register, person_update

    today = dt.date.today()
    aktau = Organisation.objects.get(code="aqniet-aktau")
    child = person_register(
        actor=None,
        organisation=aktau,
        sex="male",
        birth=PartialDate.of(2012, 5, 20),
        names=[NameInput(script="kk-Cyrl", surname="Досанов", given_name="Әли")],
    )
    child_case = services.case_open(
        actor=None,
        person=child,
        program="prevention",
        organisation=aktau,
        opened_on=dt.date(2021, 3, 15),
    )
    assert child_case.person_adult_on == dt.date(2030, 5, 20)
    approval = services.case_closure_request(actor=actors["worker"], case=case, reason="moved")
    services.approval_decide(actor=actors["coordinator"], approval=approval, approve=True)
    assert not tallies.differences()

    almaty = Organisation.objects.get(code="aqniet-almaty")
    services.case_update(
        actor=None,
        case=child_case,
        expected_version=child_case.version,
        organisation=almaty,
        region=almaty.region,
    )
    assert not tallies.differences()
    child.refresh_from_db()
    person_update(
        actor=None, person=child, expected_version=child.version, birth=PartialDate.of(2006, 1, 2)
    )
    assert not tallies.differences()
    child_case.refresh_from_db()
    assert child_case.person_adult_on == dt.date(2024, 1, 2)
    assert child_case.person_birth_date == dt.date(2006, 1, 2)

    # An assessment completed, then its case moved: counted by the day assessed, where the
    # case is.
    from reintegra.cases import assessments
    from reintegra.cases.models import Instrument, InstrumentItem

    instrument = Instrument.objects.get(code="adult-needs")
    draft = assessments.assessment_start(
        actor=None, case=child_case, instrument=instrument, assessed_on=dt.date(2024, 2, 10)
    )
    items = InstrumentItem.objects.filter(domain__instrument=instrument)
    assessments.assessment_answer(
        actor=None, assessment=draft, answers={item.pk: "some" for item in items}
    )
    assessments.assessment_complete(actor=None, assessment=draft, judgement="Documents first.")
    assert not tallies.differences()
    child_case.refresh_from_db()
    services.case_update(
        actor=None, case=child_case, expected_version=child_case.version, organisation=aktau,
        region=aktau.region,
    )  # fmt: skip
    assert not tallies.differences()
    for since, until in [
        (dt.date(2017, 1, 1), today),
        (dt.date(2024, 2, 10), dt.date(2024, 2, 29)),
    ]:
        table = evaluate("assessments.completed", Query(as_of=until, start=since, by=("region",)))
        assert {row.key: row.count for row in table.rows} == {("KZ-47",): 1}

    for day in [dt.date(2020, 12, 31), dt.date(2021, 3, 15), dt.date(2023, 12, 31), today]:
        for region in ("", "KZ-47", "KZ-75"):
            assert open_cases_counted(day, region) == open_cases_by_hand(day, region), (
                day,
                region,
            )
    opened = evaluate("cases.opened", Query(as_of=today, by=("program", "region")))
    assert {row.key: row.count for row in opened.rows} == {
        ("prevention", "KZ-47"): 1,  # moved to Almaty, then back
        ("returnee", "KZ-47"): 1,
    }
    opened = evaluate("cases.opened", Query(as_of=dt.date(2021, 3, 14), start=dt.date(2020, 1, 2)))
    assert opened.total_value == 0

    # Repaired after rows written past the services, as a bulk load writes them.
    from reintegra.cases.models import Case, CaseTally

    Case.objects.filter(pk=child_case.pk).update(person_adult_on=None)
    CaseTally.objects.all().delete()
    assert tallies.differences() == {"case tally": 4, "cases' person dates": 1}
    tallies.tallies_rebuild()
    assert not tallies.differences()
