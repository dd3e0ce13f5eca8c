"""Indicators on small, hand-made data: who counts, when, and in which group."""

from __future__ import annotations

import datetime as dt

import pytest

from reintegra.cases import services
from reintegra.cases.observations import Dimension, Employment
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.people.services import NameInput, person_register
from reintegra.reports.indicators import REGISTRY, BadQuery, Query, evaluate
from reintegra.returns.models import Operation
from reintegra.returns.services import operations_load, return_record

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def aktau(reference_data):
    operations_load(actor=None)
    return Organisation.objects.get(code="aqniet-aktau")


ADULT = PartialDate.of(1990, 1, 1)


def register(organisation, *, sex="female", birth=ADULT, given="Әлия"):
    return person_register(
        actor=None,
        organisation=organisation,
        sex=sex,
        birth=birth,
        names=[NameInput(script="kk-Cyrl", surname="Сейітова", given_name=given)],
    )


def returned(person, day, operation="zhusan"):
    return_record(
        actor=None, person=person, operation=Operation.objects.get(code=operation), arrival_date=day
    )


def counts(code, **query):
    table = evaluate(code, Query(**query))
    return {row.key: row.count for row in table.rows}, table


def test_every_indicator_is_documented_and_answers_an_empty_database(aktau):
    for code, indicator in REGISTRY.items():
        assert indicator.description, f"{code} has no definition"
        for by in [(), *[(d,) for d in indicator.disaggregations]]:
            table = evaluate(code, Query(as_of=D(2024, 1, 1), by=by))
            assert table.total.count == 0, code


def test_a_person_counts_once_from_the_first_return_and_as_a_child_if_under_18_then(aktau):
    mother = register(aktau)
    son = register(aktau, sex="male", birth=PartialDate.of(2003, 6, 1), given="Омар")
    returned(mother, D(2019, 5, 9))
    returned(mother, D(2020, 2, 1), operation="individual")  # travelled again: still one
    returned(son, D(2019, 5, 9))  # 15 then, an adult today

    by_category, table = counts("returns.returned", as_of=D(2024, 1, 1), by=("category",))
    assert by_category == {("child",): 1, ("woman",): 1}
    assert table.total.count == 2
    by_operation, _ = counts("returns.returned", as_of=D(2024, 1, 1), by=("operation",))
    assert by_operation == {("zhusan",): 2}
    by_age, _ = counts("returns.returned", as_of=D(2024, 1, 1), by=("age_group",))
    assert by_age == {("15-17",): 1, ("18+",): 1}
    assert evaluate("returns.returned", Query(as_of=D(2019, 5, 8))).total.count == 0


def test_the_age_group_on_arriving_turns_on_the_birthday_and_on_29_february(aktau):
    """Counted in SQL, the age groups are those of ``age_band``: a birthday on the day of
    arriving counts, and 29 February is 28 February in a common year."""
    from reintegra.reports.indicators.dimensions import age_band

    cases = [
        (PartialDate.of(2014, 5, 9), D(2019, 5, 9)),  # five on the day
        (PartialDate.of(2014, 5, 10), D(2019, 5, 9)),  # five tomorrow
        (PartialDate.of(2016, 2, 29), D(2021, 2, 28)),  # born on 29 February
        (PartialDate.of(2016, 2, 29), D(2021, 3, 1)),
        (PartialDate.of(2015, 2, 28), D(2020, 2, 29)),  # arriving on 29 February
        (PartialDate.of(2015, 3, 1), D(2020, 2, 29)),
        (PartialDate.of(2010, 3, 1), D(2020, 2, 29)),
        (PartialDate.of(2005, 2, 28), D(2020, 2, 29)),
        (PartialDate.of(2005, 12, 31), D(2020, 12, 31)),
        (PartialDate.of(2011, 1, 1), D(2020, 12, 31)),
    ]
    expected = {}
    for n, (birth, arrival) in enumerate(cases):
        person = register(aktau, sex="male", birth=birth, given=f"Омар{n}")
        returned(person, arrival)
        person.refresh_from_db()
        band = age_band(person.birth_date, person.adult_on, arrival)
        expected[(band,)] = expected.get((band,), 0) + 1
    by_age, _ = counts("returns.returned", as_of=D(2024, 1, 1), by=("age_group",))
    assert by_age == expected
    assert len(expected) >= 3


def test_a_share_of_women_is_of_the_women_returned_with_their_situation_on_the_day(aktau):
    women = [register(aktau, given=f"Ә{n}") for n in range(4)]
    for woman in women:
        returned(woman, D(2019, 5, 9))
    for woman in women[:3]:
        services.observation_record(
            actor=None,
            person=woman,
            dimension=Dimension.EMPLOYMENT,
            value=Employment.EMPLOYED,
            valid_from=D(2021, 3, 1),
        )
    table = evaluate("returns.women_employed_pct", Query(as_of=D(2022, 1, 1)))
    assert (table.total.count, table.total.base, table.total_value) == (3, 4, 75)
    earlier = evaluate("returns.women_employed_pct", Query(as_of=D(2021, 1, 1)))
    assert (earlier.total.count, earlier.total_value) == (0, 0)
    nobody = evaluate("returns.women_employed_pct", Query(as_of=D(2018, 1, 1)))
    assert nobody.total_value is None


def test_open_cases_on_a_day_and_closures_in_a_period(aktau, make_user):
    from reintegra.cases.models import Case
    from reintegra.cases.tallies import tallies_rebuild

    people = [register(aktau, given=f"Н{n}") for n in range(3)]
    cases = [
        services.case_open(
            actor=None,
            person=person,
            program="counselling",
            organisation=aktau,
            opened_on=D(2020, 1, 1),
        )
        for person in people
    ]
    Case.objects.filter(pk=cases[0].pk).update(
        status="closed", closed_on=D(2021, 6, 1), closure_reason="goals_achieved"
    )
    tallies_rebuild()  # a closure in the past, written past the services as a bulk load does
    assert counts("cases.open", as_of=D(2021, 1, 1))[0] == {(): 3}
    assert counts("cases.open", as_of=D(2022, 1, 1))[0] == {(): 2}
    by_status, _ = counts("cases.open", as_of=D(2021, 1, 1), by=("status",))
    assert by_status == {("open",): 3}  # the case closed later was open then
    closed, _ = counts(
        "cases.closed", as_of=D(2021, 12, 31), start=D(2021, 1, 1), by=("closure_reason",)
    )
    assert closed == {("goals_achieved",): 1}
    assert counts("counselling.rehabilitated", as_of=D(2020, 12, 31))[0] == {(): 0}
    assert counts("counselling.people", as_of=D(2022, 1, 1))[0] == {(): 3}


def test_a_regional_or_organisation_scope_counts_only_its_own(aktau):
    almaty = Organisation.objects.get(code="aqniet-almaty")
    for organisation in (aktau, aktau, almaty):
        person = register(organisation)
        services.case_open(
            actor=None,
            person=person,
            program="returnee",
            organisation=organisation,
            opened_on=D(2020, 1, 1),
        )
    national = evaluate("cases.open", Query(as_of=D(2021, 1, 1)))
    region = evaluate("cases.open", Query(as_of=D(2021, 1, 1), region=aktau.region.code))
    branch = evaluate("cases.open", Query(as_of=D(2021, 1, 1), organisation="aqniet-almaty"))
    parent = evaluate("cases.open", Query(as_of=D(2021, 1, 1), organisation="aqniet"))
    assert (national.total.count, region.total.count, branch.total.count) == (3, 2, 1)
    assert parent.total.count == 3, "a national centre's figures include its branches"


def test_a_question_the_indicator_cannot_answer_is_refused(aktau):
    with pytest.raises(BadQuery):
        evaluate("returns.women_employed_pct", Query(as_of=D(2024, 1, 1), by=("program",)))
    with pytest.raises(BadQuery):
        evaluate("cases.opened", Query(as_of=D(2024, 1, 1), start=D(2025, 1, 1)))


def test_the_documentation_lists_every_indicator():
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "indicators.md").read_text(encoding="utf-8")
    missing = [code for code in REGISTRY if f"`{code}`" not in text]
    assert missing == []
