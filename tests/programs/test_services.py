"""Recording activities, their teams and named participants, and annual targets: what is
checked, who may, and what the audit trail keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.core.dates import PartialDate
from reintegra.core.errors import EditConflict
from reintegra.core.models import Organisation
from reintegra.people.services import NameInput, person_register
from reintegra.programs import selectors, services
from reintegra.programs.models import Activity, Attendance, Target, Team
from tests.programs.conftest import DAY, record

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def audited(action: str, obj) -> Event:
    return Event.objects.get(action=action, object_id=str(obj.pk))


# --- Recording an activity ----------------------------------------------------------------------


def test_a_case_worker_records_an_activity_and_the_total_is_the_sum_of_the_counts(actors, aktau):
    activity = record(actors["worker"], aktau, counts={("female", "18+"): 12, ("male", "15-17"): 3})
    assert activity.participants == 15
    assert activity.region.code == "KZ-47"  # the organisation's region
    assert {(c.sex, c.age_group, c.count) for c in activity.counts.all()} == {
        ("female", "18+", 12),
        ("male", "15-17", 3),
    }
    event = audited("activity.recorded", activity)
    assert event.actor == actors["worker"]
    assert event.changes["counts"] == {"female 18+": 12, "male 15-17": 3}


def test_a_total_may_hold_participants_not_counted_by_sex_and_age(event):
    assert event.participants == 30
    assert sum(c.count for c in event.counts.all()) == 25


def test_the_counts_by_sex_and_age_cannot_be_more_than_the_total(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, counts={("female", "18+"): 40}, participants=30)
    assert "(40)" in errors_of(excinfo)["participants"][0]
    assert not Activity.objects.exists()


def test_an_unknown_sex_or_age_group_is_refused(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, counts={("female", "19-20"): 4})
    assert "counts" in errors_of(excinfo)


def test_a_title_and_a_kind_are_needed_and_a_period_ends_after_it_starts(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, kind="picnic", title="  ", ends_on=DAY - dt.timedelta(1))
    errors = errors_of(excinfo)
    assert {"kind", "title", "ends_on"} <= set(errors)


def test_a_date_far_in_the_past_is_refused(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, starts_on=dt.date(1920, 1, 1))
    assert "starts_on" in errors_of(excinfo)


def test_details_of_another_kind_are_refused_field_by_field(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, channel="radio", students_reached=4, country="Египет")
    errors = errors_of(excinfo)
    assert {"channel", "students_reached", "country"} <= set(errors)
    assert "publication" in errors["channel"][0]


def test_a_penal_meeting_is_held_in_a_penal_institution(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, kind="penal_meeting")
    assert "institution" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, kind="penal_meeting", institution=aktau)
    assert "not a penal institution" in errors_of(excinfo)["institution"][0]
    penal = Organisation.objects.get(code="karaganda-penal")
    meeting = record(
        actors["worker"], aktau, kind="penal_meeting", institution=penal, participants=22
    )
    assert meeting.institution == penal


def test_a_publication_has_a_channel_and_may_have_a_reach(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, kind="publication")
    assert "channel" in errors_of(excinfo)
    published = record(actors["worker"], aktau, kind="publication", channel="radio", reach=9000)
    assert published.reach == 9000


def test_those_who_returned_and_gave_up_cannot_outnumber_the_students_reached(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(
            actors["worker"],
            aktau,
            kind="students_abroad",
            students_reached=10,
            students_returned=6,
            students_gave_up=5,
        )
    assert "(10)" in errors_of(excinfo)["students_gave_up"][0]
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, kind="students_abroad")
    assert "students_reached" in errors_of(excinfo)
    work = record(
        actors["worker"],
        aktau,
        kind="students_abroad",
        students_reached=10,
        students_returned=6,
        students_gave_up=4,
    )
    assert (work.students_returned, work.students_gave_up) == (6, 4)


def test_an_exchange_visit_names_its_delegation_and_country(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        record(actors["worker"], aktau, kind="exchange_visit")
    assert {"delegation", "country"} <= set(errors_of(excinfo))
    visit = record(
        actors["worker"], aktau, kind="exchange_visit", delegation="Делегация", country="Тәжікстан"
    )
    assert visit.country == "Тәжікстан"


# --- Who may record -----------------------------------------------------------------------------


def test_a_case_worker_records_only_for_their_own_organisation(actors, almaty):
    with pytest.raises(PermissionDenied):
        record(actors["worker"], almaty)


def test_a_coordinator_records_for_any_organisation_of_their_region(actors):
    polyclinic = Organisation.objects.get(code="aktau-polyclinic")
    assert record(actors["coordinator"], polyclinic).organisation == polyclinic
    with pytest.raises(PermissionDenied):
        record(actors["coordinator"], Organisation.objects.get(code="almaty-religious-affairs"))


def test_an_activity_cannot_be_put_in_a_region_outside_the_recorders_scope(actors, aktau):
    from reintegra.core.models import Region

    with pytest.raises(PermissionDenied):
        record(actors["coordinator"], aktau, region=Region.objects.get(code="KZ-75"))
    assert not Activity.objects.exists()


@pytest.mark.parametrize("who", ["specialist", "analyst", "partner"])
def test_specialists_analysts_and_partners_record_nothing(actors, aktau, who):
    with pytest.raises(PermissionDenied):
        record(actors[who], aktau)


def test_specialists_read_the_organisations_activities_and_analysts_and_partners_see_none(
    actors, event
):
    assert Activity.objects.restrict(actors["specialist"], "view").get() == event
    assert not Activity.objects.restrict(actors["specialist"], "change").exists()
    for who in ("analyst", "partner", "almaty_coordinator", "almaty_worker"):
        assert not Activity.objects.restrict(actors[who], "view").exists(), who
    assert Activity.objects.restrict(actors["coordinator"], "change").get() == event


# --- Editing ------------------------------------------------------------------------------------


def test_an_edit_saves_the_changes_and_the_new_counts_with_their_audit(actors, event):
    updated = services.activity_update(
        actor=actors["coordinator"],
        activity=event,
        expected_version=event.version,
        title="Аналармен кездесу",
        participants=None,
        counts={("female", "18+"): 33},
    )
    assert (updated.title, updated.participants, updated.version) == (
        "Аналармен кездесу",
        33,
        2,
    )
    changes = audited("activity.updated", event).changes
    assert changes["title"] == ["Кездесу", "Аналармен кездесу"]
    assert changes["counts"] == [{"female 18+": 20, "male 18+": 5}, {"female 18+": 33}]


def test_an_edit_over_a_newer_version_is_refused_and_changes_nothing(actors, event):
    services.activity_update(
        actor=actors["worker"], activity=event, expected_version=1, place="Ақтау"
    )
    with pytest.raises(EditConflict):
        services.activity_update(
            actor=actors["coordinator"], activity=event, expected_version=1, place="Жаңаөзен"
        )
    event.refresh_from_db()
    assert (event.place, event.version) == ("Ақтау", 2)


def test_an_edit_checks_the_counts_kept_against_a_new_total(actors, event):
    with pytest.raises(ValidationError) as excinfo:
        services.activity_update(
            actor=actors["worker"], activity=event, expected_version=1, participants=10
        )
    assert "participants" in errors_of(excinfo)


def test_nobody_edits_an_activity_outside_their_scope(actors, event):
    for who in ("almaty_worker", "specialist"):
        with pytest.raises(PermissionDenied):
            services.activity_update(
                actor=actors[who], activity=event, expected_version=1, title="x"
            )


def test_an_edit_that_changes_nothing_writes_no_audit_entry(actors, event):
    services.activity_update(actor=actors["worker"], activity=event, expected_version=1)
    assert not Event.objects.filter(action="activity.updated").exists()


# --- Teams --------------------------------------------------------------------------------------


def test_a_tournaments_participants_are_the_players_of_its_teams(actors, tournament):
    worker = actors["worker"]
    services.team_add(
        actor=worker,
        activity=tournament,
        name="Барыс",
        mosque="«Нұр» мешіті",
        players=7,
        adherents=2,
    )
    services.team_add(
        actor=worker, activity=tournament, name="Қыран", mosque="«Нұр» мешіті", players=6
    )
    tournament.refresh_from_db()
    assert tournament.participants == 13
    totals = selectors.team_totals(tournament.teams.all())
    assert (totals.teams, totals.mosques, totals.players, totals.adherents) == (2, 1, 13, 2)
    services.team_remove(actor=worker, team=Team.objects.get(name="Барыс"))
    tournament.refresh_from_db()
    assert tournament.participants == 6
    actions = list(
        Event.objects.filter(object_id=str(tournament.pk)).values_list("action", flat=True)
    )
    assert actions.count("activity.team_added") == 2 and "activity.team_removed" in actions


def test_a_team_cannot_have_more_adherents_than_players(actors, tournament):
    with pytest.raises(ValidationError) as excinfo:
        services.team_add(
            actor=actors["worker"], activity=tournament, name="Барыс", players=5, adherents=6
        )
    assert "(6)" in errors_of(excinfo)["adherents"][0]
    assert not Team.objects.exists()


def test_a_team_has_a_name_unique_in_its_tournament_and_at_least_one_player(actors, tournament):
    services.team_add(actor=actors["worker"], activity=tournament, name="Барыс", players=5)
    with pytest.raises(ValidationError) as excinfo:
        services.team_add(actor=actors["worker"], activity=tournament, name=" барыс ", players=0)
    assert {"name", "players"} <= set(errors_of(excinfo))


def test_only_a_sports_tournament_has_teams(actors, event):
    with pytest.raises(ValidationError):
        services.team_add(actor=actors["worker"], activity=event, name="Барыс", players=5)


def test_a_tournament_with_teams_keeps_its_kind(actors, tournament):
    services.team_add(actor=actors["worker"], activity=tournament, name="Барыс", players=5)
    with pytest.raises(ValidationError) as excinfo:
        services.activity_update(
            actor=actors["worker"], activity=tournament, expected_version=1, kind="training"
        )
    assert "kind" in errors_of(excinfo)


def test_teams_are_changed_only_by_those_who_may_change_the_tournament(actors, tournament):
    with pytest.raises(PermissionDenied):
        services.team_add(actor=actors["specialist"], activity=tournament, name="Барыс", players=5)
    team = services.team_add(actor=actors["worker"], activity=tournament, name="Барыс", players=5)
    with pytest.raises(PermissionDenied):
        services.team_remove(actor=actors["almaty_coordinator"], team=team)


# --- Named attendance ---------------------------------------------------------------------------


def test_a_person_the_user_may_see_is_named_as_a_participant_once(actors, event, adult):
    attendance = services.attendance_add(actor=actors["worker"], activity=event, person=adult)
    assert audited("activity.attendance_added", event).changes == {"person": adult.pk}
    with pytest.raises(ValidationError):
        services.attendance_add(actor=actors["worker"], activity=event, person=adult)
    services.attendance_remove(actor=actors["worker"], attendance=attendance)
    assert not Attendance.objects.exists()
    assert audited("activity.attendance_removed", event).changes == {"person": adult.pk}


def test_a_person_out_of_the_users_reach_cannot_be_named(actors, event, almaty):
    stranger = person_register(
        actor=None,
        organisation=almaty,
        sex="male",
        birth=PartialDate.of(1985, 1, 1),
        names=[NameInput(script="kk-Cyrl", surname="Беков", given_name="Арман")],
    )
    with pytest.raises(PermissionDenied):
        services.attendance_add(actor=actors["worker"], activity=event, person=stranger)
    assert not Attendance.objects.exists()


def test_named_participants_are_listed_only_to_those_who_reach_the_person(actors, event, adult):
    services.attendance_add(actor=actors["worker"], activity=event, person=adult)
    assert [a.person for a in selectors.attendance_of(user=actors["worker"], activity=event)] == [
        adult
    ]
    # The specialist reads the activity but is on no team of this person's cases.
    assert not selectors.attendance_of(user=actors["specialist"], activity=event).exists()


# --- Targets ------------------------------------------------------------------------------------


def test_a_coordinator_sets_a_target_and_setting_it_again_changes_the_number(actors, aktau):
    coordinator = actors["coordinator"]
    target = services.target_set(
        actor=coordinator, organisation=aktau, year=2024, metric="activities", value=10
    )
    again = services.target_set(
        actor=coordinator, organisation=aktau, year=2024, metric="activities", value=12
    )
    assert again.pk == target.pk and Target.objects.get().value == 12
    entries = Event.objects.filter(action="target.set", object_id=str(target.pk)).order_by("seq")
    assert [e.changes["value"] for e in entries] == [10, [10, 12]]


@pytest.mark.parametrize("who", ["worker", "specialist", "analyst", "almaty_coordinator"])
def test_only_the_coordinators_of_the_organisation_set_its_targets(actors, aktau, who):
    with pytest.raises(PermissionDenied):
        services.target_set(
            actor=actors[who], organisation=aktau, year=2024, metric="activities", value=10
        )


def test_a_target_is_checked_before_it_is_saved(actors, aktau):
    with pytest.raises(ValidationError) as excinfo:
        services.target_set(
            actor=actors["coordinator"],
            organisation=aktau,
            year=1990,
            metric="conversations",
            activity_kind="training",
            value=0,
        )
    assert {"year", "activity_kind", "value"} <= set(errors_of(excinfo))
    with pytest.raises(ValidationError) as excinfo:
        services.target_set(
            actor=actors["coordinator"], organisation=aktau, year=2024, metric="hugs", value=3
        )
    assert "metric" in errors_of(excinfo)
    assert not Target.objects.exists()


def test_a_removed_target_leaves_its_numbers_in_the_audit_trail(actors, aktau):
    target = services.target_set(
        actor=actors["coordinator"], organisation=aktau, year=2024, metric="participants", value=50
    )
    with pytest.raises(PermissionDenied):
        services.target_remove(actor=actors["worker"], target=target)
    services.target_remove(actor=actors["coordinator"], target=target)
    assert not Target.objects.exists()
    assert audited("target.removed", target).changes["value"] == 50


def test_progress_counts_the_years_activities_of_the_kind_measured(actors, aktau, event):
    coordinator = actors["coordinator"]
    record(actors["worker"], aktau, participants=7)  # another prevention event
    record(actors["worker"], aktau, kind="training", participants=100)
    record(actors["worker"], aktau, starts_on=dt.date(2023, 5, 1), participants=50)
    events = services.target_set(
        actor=coordinator,
        organisation=aktau,
        year=2024,
        metric="activities",
        activity_kind="prevention_event",
        value=4,
    )
    people = services.target_set(
        actor=coordinator, organisation=aktau, year=2024, metric="participants", value=100
    )
    progress = selectors.progress_of(events)
    assert (progress.value, progress.percent, progress.reached) == (2, 50, False)
    progress = selectors.progress_of(people)
    assert (progress.value, progress.percent, progress.bar_value) == (137, 137, 100)
    assert progress.reached


def test_conversations_progress_counts_counselling_cases_opened_in_the_year(actors, almaty):
    from reintegra.cases import services as case_services

    for number, day in enumerate([dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2023, 3, 1)]):
        person = person_register(
            actor=None,
            organisation=almaty,
            sex="male",
            birth=PartialDate.of(1990, 1, 1),
            names=[NameInput(script="kk-Cyrl", surname="Ахметов", given_name=f"Ерлан{number}")],
        )
        case_services.case_open(
            actor=None, person=person, program="counselling", organisation=almaty, opened_on=day
        )
    target = services.target_set(
        actor=actors["almaty_coordinator"],
        organisation=almaty,
        year=2024,
        metric="conversations",
        value=1000,
    )
    assert selectors.progress_of(target).value == 2
