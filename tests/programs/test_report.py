"""`reintegra report activities` on the demo data gives the Almaty figures of the program."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reintegra.accounts.demo import demo_users_create
from reintegra.demo.dataset import demo_dataset_load
from reintegra.returns.services import operations_load

pytestmark = pytest.mark.django_db

ALMATY = {
    "conversations": 570,
    "rehabilitated": 245,
    "mosque_league_teams": 403,
    "mosque_league_mosques": 48,
    "penal_meetings_2017": 49,
    "penal_people_reached_2017": 1113,
    "students_abroad": 230,
    "students_returned": 79,
    "students_gave_up": 69,
}


@pytest.fixture
def demo_data(reference_data):
    operations_load(actor=None)
    demo_users_create()
    return demo_dataset_load()


def report(*args: str) -> str:
    out = StringIO()
    call_command("report", "activities", *args, stdout=out)
    return out.getvalue()


def test_the_report_gives_the_almaty_figures(demo_data):
    data = json.loads(report("--format", "json"))
    for key, value in ALMATY.items():
        assert data[key] == value, key
    assert data["mosque_league_participants"] > 2500
    assert data["mosque_league_adherents"] > 360
    assert 13_000 <= data["sports_participants"] <= 14_000
    assert data["prevention_events"] > 200
    assert 1400 <= data["prevention_women_reached"] <= 1600
    assert data["from"] == "2017-01-01" and data["year"] is None


def test_the_report_shows_each_targets_progress(demo_data):
    targets = json.loads(report("--format", "json"))["targets"]
    conversations = [
        t
        for t in targets
        if t["organisation"] == "almaty-religious-affairs" and t["measured_by"] == "conversations"
    ]
    assert {t["target"] for t in conversations} == {1000}
    assert len(conversations) == 2  # this year's and 2019's
    for target in targets:
        assert set(target) == {
            "organisation",
            "year",
            "measured_by",
            "activity_kind",
            "target",
            "value",
            "percent",
            "reached",
        }
        assert target["percent"] == (200 * target["value"] + target["target"]) // (
            2 * target["target"]
        )


def test_one_year_gives_that_years_figures_and_targets(demo_data):
    data = json.loads(report("--year", "2017", "--format", "json"))
    assert (data["from"], data["to"], data["year"]) == ("2017-01-01", "2017-12-31", 2017)
    assert data["penal_meetings"] == 49 and data["penal_people_reached"] == 1113
    assert data["mosque_league_teams"] == 0  # the league started in 2018
    assert 0 < data["conversations"] < 570
    assert data["targets"] == []
    in_2019 = json.loads(report("--year", "2019", "--format", "json"))
    assert [t["year"] for t in in_2019["targets"]] == [2019]


def test_the_table_lists_the_figures_and_targets(demo_data):
    text = report()
    assert "403" in text and "1113" in text and "Targets:" in text


def test_a_year_is_only_for_the_activities_report(demo_data):
    with pytest.raises(CommandError, match="--year"):
        call_command("report", "returns", "--year", "2017", stdout=StringIO())
    with pytest.raises(CommandError, match="--year"):
        report("--year", "17")
