"""People abroad: records kept by tracing officers, statuses as history, evidence with a human
confidence, the date from which a court may declare death, and the report."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings

from reintegra.audit.models import Event
from reintegra.core.roles import Role
from reintegra.people.models import Sex
from reintegra.returns import services
from reintegra.returns.death import declaration_date
from reintegra.returns.models import AbroadRecord
from reintegra.tracing.selectors import abroad_report
from tests.tracing.conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracer(make_user):
    return make_user(
        Role.TRACING_OFFICER, organisation="religious-affairs-committee", permissions=["children"]
    )


@pytest.fixture
def husband(case_worker):
    return register(case_worker, "Бакиров", "Бауыржан", Sex.MALE, 1985, 3, 2)


def open_record(actor, person, **extra):
    values = {
        "country": "SY",
        "status": "missing",
        "since": dt.date(2019, 3, 1),
        "last_news_on": dt.date(2019, 2, 1),
    }
    return services.abroad_record_open(actor=actor, person=person, **{**values, **extra})


def test_a_tracing_officer_records_a_person_abroad_and_it_is_audited(tracer, husband):
    record = open_record(tracer, husband)
    assert record.current.status == "missing"
    assert Event.objects.filter(action="abroad.recorded", object_id=str(husband.pk)).exists()


def test_a_case_worker_reads_but_does_not_record_people_abroad(tracer, case_worker, husband):
    with pytest.raises(PermissionDenied):
        open_record(case_worker, husband)
    record = open_record(tracer, husband)
    assert list(AbroadRecord.objects.restrict(case_worker)) == [record]
    assert not AbroadRecord.objects.restrict(case_worker, "change").exists()


def test_a_specialist_does_not_read_people_abroad(tracer, husband, user_of_role):
    open_record(tracer, husband)
    assert not AbroadRecord.objects.restrict(user_of_role(Role.SPECIALIST)).exists()


def test_a_childs_record_abroad_needs_the_children_permission(tracer, make_user, case_worker):
    worker = make_user(Role.CASE_WORKER, permissions=["children"])
    child = register(worker, "Бакиров", "Омар", Sex.MALE, 2016, 5, 5)
    open_record(tracer, child)
    assert not AbroadRecord.objects.restrict(case_worker).exists()
    assert AbroadRecord.objects.restrict(worker).exists()


def test_statuses_are_kept_as_history_and_cannot_go_back_in_time(tracer, husband):
    record = open_record(tracer, husband)
    services.abroad_status_add(
        actor=tracer,
        record=record,
        status="in_camp",
        since=dt.date(2020, 5, 1),
        last_news_on=dt.date(2020, 5, 1),
    )
    record.refresh_from_db()
    assert [s.status for s in record.statuses.all()] == ["missing", "in_camp"]
    assert record.last_news_on == dt.date(2020, 5, 1)
    with pytest.raises(ValidationError):
        services.abroad_status_add(
            actor=tracer, record=record, status="detained", since=dt.date(2019, 1, 1)
        )


def test_evidence_needs_a_description_and_a_confidence_given_by_a_person(tracer, husband):
    record = open_record(tracer, husband)
    with pytest.raises(ValidationError) as caught:
        services.abroad_evidence_add(
            actor=tracer,
            record=record,
            kind="witness",
            date=dt.date(2020, 1, 1),
            description=" ",
            confidence="certain",
        )
    assert set(caught.value.message_dict) == {"description", "confidence"}
    services.abroad_evidence_add(
        actor=tracer,
        record=record,
        kind="dna",
        date=dt.date(2021, 1, 1),
        description="DNA of a child matches",
        confidence="high",
    )
    assert record.evidence.get().confidence == "high"


def test_a_person_is_recorded_abroad_once(tracer, husband):
    open_record(tracer, husband)
    with pytest.raises(ValidationError):
        open_record(tracer, husband)


def test_a_court_may_declare_death_three_years_after_the_last_news():
    found = declaration_date(
        last_news_on=dt.date(2019, 2, 1), country="SY", in_military_action=False
    )
    assert found.day == dt.date(2022, 2, 1)


def test_in_military_action_two_years_after_the_action_ended_in_that_country():
    found = declaration_date(
        last_news_on=dt.date(2016, 1, 1), country="IQ", in_military_action=True
    )
    assert found.day == dt.date(2019, 12, 9)


@override_settings(DEATH_DECLARATION={"military_action_ended": {"SY": "2020-03-05"}})
def test_the_end_of_military_action_is_configurable_per_country():
    found = declaration_date(last_news_on=None, country="SY", in_military_action=True)
    assert found.day == dt.date(2022, 3, 5)
    unknown = declaration_date(last_news_on=None, country="AF", in_military_action=True)
    assert unknown.day is None and "AF" in unknown.reason


def test_no_date_without_news_or_for_a_person_who_returned():
    assert declaration_date(last_news_on=None, country="SY", in_military_action=False).day is None
    returned = declaration_date(
        last_news_on=dt.date(2019, 1, 1), country="SY", in_military_action=False, status="returned"
    )
    assert returned.day is None


def test_the_report_counts_people_by_status_and_evidence(tracer, husband, case_worker):
    record = open_record(tracer, husband)
    services.abroad_evidence_add(
        actor=tracer,
        record=record,
        kind="witness",
        date=dt.date(2020, 1, 1),
        description="seen in al-Hol",
        confidence="low",
    )
    wife = register(case_worker, "Бакирова", "Әлия", Sex.FEMALE, 1990, 1, 1)
    open_record(tracer, wife, status="in_camp")
    report = abroad_report(user=tracer)
    assert report["total"] == 2
    assert report["by_status"]["missing"] == 1 and report["by_status"]["in_camp"] == 1
    assert report["by_status_and_evidence"]["missing"]["witness"] == 1
    assert report["declarable_now"] == 2

    out = StringIO()
    call_command("report", "abroad", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["total"] == 2
    assert data["by_status"]["missing"] == {
        "people": 1,
        "evidence": {"witness": 1, "document": 0, "dna": 0, "notification": 0, "court": 0},
    }
    table = StringIO()
    call_command("report", "abroad", stdout=table)
    assert "People abroad as of" in table.getvalue() and "in_camp" in table.getvalue()


def test_the_person_page_shows_the_date_a_court_may_declare_death(tracer, husband):
    from tests.conftest import client_for

    open_record(tracer, husband)
    page = client_for(tracer).get(f"/people/{husband.pk}/")
    html = page.content.decode()
    assert "A court may declare death from" in html
    assert "01.02.2022" in html


def test_the_pages_of_people_abroad_write_every_day_in_one_short_format(tracer, husband):
    from tests.conftest import client_for

    record = open_record(tracer, husband)
    client = client_for(tracer)
    for url in ("/tracing/abroad/", f"/tracing/abroad/{record.pk}/", f"/people/{husband.pk}/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "01.02.2022" in html, url  # a court may declare death from
        assert "01.02.2019" in html, url  # the last news
        assert "2019-02-01" not in html and "February" not in html, url
    detail = client.get(f"/tracing/abroad/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "3 years without news since 01.02.2019." in detail.content.decode()


def test_the_pages_of_people_abroad_name_the_country_in_the_readers_language(tracer, husband):
    from tests.conftest import client_for

    record = open_record(tracer, husband)
    client = client_for(tracer)
    for url in ("/tracing/abroad/", f"/tracing/abroad/{record.pk}/", f"/people/{husband.pk}/"):
        assert "Syria" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode(), url
        assert "Сирия" in client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode(), url


def test_the_report_tells_the_people_who_came_home_from_those_still_abroad(
    tracer, husband, case_worker
):
    from tests.conftest import client_for

    # Given one person still missing and one who has come home
    open_record(tracer, husband)
    wife = register(case_worker, "Бакирова", "Әлия", Sex.FEMALE, 1990, 1, 1)
    open_record(tracer, wife, status="returned")
    # Then both have a record, and one is not back
    report = abroad_report(user=tracer)
    assert (report["total"], report["not_returned"]) == (2, 1)
    page = client_for(tracer).get("/tracing/abroad/report/").content.decode()
    assert 'data-testid="abroad-not-returned">1<' in page


def test_a_status_older_than_the_current_one_is_refused_with_the_date_as_dates_are_written(
    tracer, husband
):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    record = open_record(tracer, husband)  # missing since 01.03.2019
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        services.abroad_status_add(
            actor=tracer, record=record, status="in_camp", since=dt.date(2019, 1, 1)
        )
    assert "01.03.2019" in str(refused.value.message_dict["since"])
