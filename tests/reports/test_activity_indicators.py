"""Activity indicators on small, hand-made data: what counts, in which period and group."""

from __future__ import annotations

import datetime as dt

import pytest

from reintegra.core.models import Organisation
from reintegra.programs import services
from reintegra.reports.indicators import Query, evaluate

pytestmark = pytest.mark.django_db
D = dt.date
MARCH = D(2024, 3, 1)
YEAR_2024 = {"start": D(2024, 1, 1), "as_of": D(2024, 12, 31)}


@pytest.fixture
def places(reference_data):
    return {
        code: Organisation.objects.get(code=code)
        for code in ("aqniet-aktau", "almaty-religious-affairs", "almaty-penal")
    }


def held(organisation, kind="prevention_event", day=MARCH, **fields):
    return services.activity_record(
        actor=None, kind=kind, title="x", starts_on=day, organisation=organisation, **fields
    )


def total(code, **query) -> int:
    return evaluate(code, Query(**(YEAR_2024 | query))).total.count


def rows(code, by, **query) -> dict:
    table = evaluate(code, Query(by=by, **(YEAR_2024 | query)))
    return {row.key: row.count for row in table.rows}


def test_activities_count_in_the_period_they_started_by_kind(places):
    aktau = places["aqniet-aktau"]
    held(aktau)
    held(aktau, kind="training")
    held(aktau, day=D(2023, 12, 31))  # the year before
    held(aktau, kind="sports_tournament", day=D(2024, 12, 1), ends_on=D(2025, 3, 1))
    assert total("activities.count") == 3
    assert rows("activities.count", ("activity_kind",)) == {
        ("prevention_event",): 1,
        ("sports_tournament",): 1,
        ("training",): 1,
    }
    assert total("prevention.events") == 1


def test_participants_by_sex_show_the_uncounted_rest_as_not_recorded(places):
    aktau = places["aqniet-aktau"]
    held(aktau, counts={("female", "18+"): 10, ("male", "15-17"): 4}, participants=20)
    held(aktau, kind="training", participants=7)
    assert total("activities.participants") == 27
    assert rows("activities.participants", ("sex",)) == {
        ("female",): 10,
        ("male",): 4,
        ("",): 13,
    }
    assert rows("activities.participants", ("activity_kind", "age_group")) == {
        ("prevention_event", "18+"): 10,
        ("prevention_event", "15-17"): 4,
        ("prevention_event", ""): 6,
        ("training", ""): 7,
    }


def test_women_reached_are_the_adult_women_counted_at_prevention_events(places):
    aktau = places["aqniet-aktau"]
    held(aktau, counts={("female", "18+"): 10, ("female", "15-17"): 3, ("male", "18+"): 2})
    held(aktau, kind="group_meeting", counts={("female", "18+"): 50})
    assert total("prevention.women_reached") == 10


def test_sports_figures_come_from_the_teams_and_mosques_count_once(places):
    aktau, almaty = places["aqniet-aktau"], places["almaty-religious-affairs"]
    cup = held(almaty, kind="sports_tournament")
    for name, mosque, players, adherents in [
        ("Барыс", "«Нұр» мешіті", 7, 2),
        ("Қыран", "«Нұр» мешіті", 6, 0),
        ("Тұлпар", "«Иман» мешіті", 5, 1),
        ("Арлан", "", 6, 0),
    ]:
        services.team_add(
            actor=None,
            activity=cup,
            name=name,
            mosque=mosque,
            players=players,
            adherents=adherents,
        )
    held(aktau, kind="sports_tournament", participants=100)  # a run: no teams
    assert total("sports.teams") == 4
    assert total("sports.mosques") == 2
    assert total("sports.players") == 24
    assert total("sports.adherents") == 3
    assert total("sports.participants") == 124
    assert total("sports.participants", region="KZ-75") == 24
    assert rows("sports.teams", ("organisation",)) == {("almaty-religious-affairs",): 4}
    assert total("sports.teams", organisation="aqniet-aktau") == 0


def test_penal_institutions_and_students_abroad(places):
    almaty, penal = places["almaty-religious-affairs"], places["almaty-penal"]
    held(almaty, kind="penal_meeting", institution=penal, participants=30)
    held(almaty, kind="penal_meeting", institution=penal, participants=12)
    held(
        almaty,
        kind="students_abroad",
        students_reached=20,
        students_returned=5,
        students_gave_up=4,
    )
    held(almaty, kind="publication", channel="radio", reach=5000)
    assert total("penal.meetings") == 2
    assert total("penal.people_reached") == 42
    assert (
        total("students_abroad.reached"),
        total("students_abroad.returned"),
        total("students_abroad.gave_up"),
    ) == (20, 5, 4)
    assert total("publications.reach") == 5000
    assert total("penal.meetings", organisation="aqniet-aktau") == 0
