"""The activity pages: the list with its filters, sorting and paging, recording and editing,
teams, named participants and the targets with their progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.programs import services
from reintegra.programs.models import Activity, Attendance, Team
from tests.conftest import client_for
from tests.programs.conftest import DAY, record

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [activity.title for activity in response.context["page"]]


@pytest.fixture
def several(actors, aktau):
    worker = actors["worker"]
    polyclinic = aktau.__class__.objects.get(code="aktau-polyclinic")
    record(worker, aktau, title="Аналармен кездесу", participants=10)
    record(worker, aktau, kind="training", title="Психологтар семинары", participants=30)
    record(
        actors["coordinator"],
        polyclinic,
        title="Дәрігерлермен әңгіме",
        starts_on=dt.date(2023, 4, 4),
        participants=20,
    )
    record(actors["almaty_worker"], aktau.__class__.objects.get(code="almaty-religious-affairs"))


def test_the_list_shows_only_the_activities_of_the_users_scope(actors, several):
    worker = listed(client_for(actors["worker"]).get("/activities/"))
    assert sorted(worker) == ["Аналармен кездесу", "Психологтар семинары"]
    coordinator = listed(client_for(actors["coordinator"]).get("/activities/"))
    assert len(coordinator) == 3


def test_the_list_filters_by_kind_year_organisation_region_and_title(actors, several):
    client = client_for(actors["coordinator"])
    assert listed(client.get("/activities/", {"kind": "training"})) == ["Психологтар семинары"]
    assert listed(client.get("/activities/", {"year": 2023})) == ["Дәрігерлермен әңгіме"]
    polyclinic = Activity.objects.get(title="Дәрігерлермен әңгіме").organisation
    by_organisation = client.get("/activities/", {"organisation": polyclinic.pk})
    assert listed(by_organisation) == ["Дәрігерлермен әңгіме"]
    region = polyclinic.region
    assert len(listed(client.get("/activities/", {"region": region.pk}))) == 3
    assert listed(client.get("/activities/", {"q": "семинар"})) == ["Психологтар семинары"]


def test_the_list_sorts_by_participants_and_pages(actors, several, settings):
    client = client_for(actors["coordinator"])
    most = listed(client.get("/activities/", {"sort": "-participants"}))
    assert most[0] == "Психологтар семинары"
    settings.PAGE_SIZE = 2
    response = client.get("/activities/", {"sort": "title", "page": 2})
    assert listed(response) == ["Психологтар семинары"]
    assert "Page 2 of 2" in response.content.decode()


def queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_number_of_queries_for_more_rows(actors, aktau):
    worker = actors["worker"]
    client = client_for(worker)
    tournament = record(worker, aktau, kind="sports_tournament", title="Кубок")
    services.team_add(actor=worker, activity=tournament, name="Барыс", players=5)
    few = queries(client, "/activities/")
    for number in range(8):
        activity = record(worker, aktau, kind="sports_tournament", title=f"Кубок {number}")
        services.team_add(actor=worker, activity=activity, name="Барыс", players=5)
    assert queries(client, "/activities/") == few


def test_a_tournament_is_recorded_and_its_teams_are_added_and_removed(actors, aktau):
    client = client_for(actors["worker"])
    response = client.post(
        "/activities/new/",
        {
            "kind": "sports_tournament",
            "title": "Мешіттер кубогы",
            "starts_on": DAY.isoformat(),
            "organisation": aktau.pk,
            "count_male_18_plus": "4",
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/activities/{activity.pk}/teams/"
    teams_url = f"/activities/{activity.pk}/teams/"
    form = {"name": "Барыс", "mosque": "«Нұр» мешіті", "players": "7", "adherents": "1"}
    assert client.post(teams_url, form).status_code == 302
    refused = client.post(teams_url, {"name": "Қыран", "players": "5", "adherents": "9"})
    assert refused.status_code == 200
    assert "cannot be more than the players" in refused.content.decode()
    page = client.get(teams_url).content.decode()
    assert "1 team" in page and "7 players" in page and "data-confirm" in page
    activity.refresh_from_db()
    assert activity.participants == 7
    team = Team.objects.get()
    assert client.post(teams_url, {"remove": team.pk}).status_code == 302
    assert not Team.objects.exists()


def test_the_form_shows_the_services_errors_on_their_fields(actors, aktau):
    response = client_for(actors["worker"]).post(
        "/activities/new/",
        {
            "kind": "students_abroad",
            "title": "Студенттер",
            "starts_on": DAY.isoformat(),
            "organisation": aktau.pk,
            "students_reached": "10",
            "students_returned": "8",
            "students_gave_up": "8",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["students_gave_up"]
    assert not Activity.objects.exists()


def test_two_editors_at_once_the_second_is_told_and_keeps_what_they_typed(actors, event, aktau):
    url = f"/activities/{event.pk}/edit/"
    base = {
        "kind": "prevention_event",
        "starts_on": DAY.isoformat(),
        "organisation": aktau.pk,
        "participants": "30",
        "count_female_18_plus": "20",
        "count_male_18_plus": "5",
        "version": "1",
    }
    first = client_for(actors["worker"]).post(url, base | {"title": "Бірінші"})
    assert first.status_code == 302
    second = client_for(actors["coordinator"]).post(url, base | {"title": "Екінші"})
    assert second.status_code == 200
    assert 'data-testid="conflict"' in second.content.decode()
    assert second.context["form"]["title"].value() == "Екінші"
    assert second.context["form"]["version"].value() == 2
    event.refresh_from_db()
    assert event.title == "Бірінші"


def test_the_detail_shows_the_counts_and_links_for_those_who_may_edit(actors, event):
    page = client_for(actors["specialist"]).get(f"/activities/{event.pk}/")
    text = page.content.decode()
    assert 'data-testid="counts"' in text and "were not counted by sex and age" in text
    assert f"/activities/{event.pk}/edit/" not in text
    assert (
        f"/activities/{event.pk}/edit/"
        in client_for(actors["worker"]).get(f"/activities/{event.pk}/").content.decode()
    )


def test_a_named_participant_is_found_by_name_and_added(actors, event, adult):
    client = client_for(actors["worker"])
    url = f"/activities/{event.pk}/participants/"
    found = client.get(url, {"q": "омарова"})
    assert [p.pk for p in found.context["found"]] == [adult.pk]
    assert client.post(f"{url}?q=омарова", {"person": adult.pk}).status_code == 302
    assert Attendance.objects.filter(activity=event, person=adult).exists()
    again = client.get(url, {"q": "омарова"})
    assert again.context["found"] == []  # listed already
    attendance = Attendance.objects.get()
    assert client.post(url, {"remove": attendance.pk}).status_code == 302
    assert not Attendance.objects.exists()


def test_a_person_out_of_reach_is_neither_found_nor_added(actors, event, adult):
    client = client_for(actors["almaty_coordinator"])
    # The Almaty coordinator does not reach the Aktau activity at all.
    assert client.get(f"/activities/{event.pk}/participants/").status_code == 403
    specialist = client_for(actors["specialist"])  # reads activities, changes none
    assert (
        specialist.post(f"/activities/{event.pk}/participants/", {"person": adult.pk}).status_code
        == 403
    )
    assert not Attendance.objects.exists()


def test_the_targets_page_shows_progress_with_a_progress_bar(actors, aktau, event):
    services.target_set(
        actor=actors["coordinator"],
        organisation=aktau,
        year=DAY.year,
        metric="participants",
        activity_kind="prevention_event",
        value=120,
    )
    page = client_for(actors["worker"]).get("/activities/targets/", {"year": DAY.year})
    text = page.content.decode()
    assert '<progress value="30" max="120"' in text
    assert "25%" in text
    assert "/activities/targets/new/" not in text  # a case worker does not set targets


def test_a_coordinator_sets_and_removes_a_target_through_the_pages(actors, aktau):
    client = client_for(actors["coordinator"])
    response = client.post(
        "/activities/targets/new/",
        {"organisation": aktau.pk, "year": DAY.year, "metric": "activities", "value": "12"},
    )
    assert response.status_code == 302
    target = aktau.targets.get()
    assert client.get(f"/activities/targets/{target.pk}/remove/").status_code == 200
    assert client.post(f"/activities/targets/{target.pk}/remove/").status_code == 302
    assert not aktau.targets.exists()


def test_analysts_and_partners_do_not_open_the_activity_pages(actors, event):
    for who in ("analyst", "partner"):
        assert client_for(actors[who]).get("/activities/").status_code == 403
        assert client_for(actors[who]).get(f"/activities/{event.pk}/").status_code == 403
