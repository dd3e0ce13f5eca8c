"""People and case pages: search, filters, query counts, access entries, exports, conflicts."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.audit.models import Event
from reintegra.cases import services as case_services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.iin import make_iin
from reintegra.people.models import Person
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def register(
    given="Бауыржан",
    surname="Бакиров",
    sex="male",
    birth=None,
    iin="",
    script="kk-Cyrl",
    organisation="aqniet-aktau",
):
    return person_register(
        actor=None,
        organisation=Organisation.objects.get(code=organisation),
        sex=sex,
        birth=birth or PartialDate.of(1985, 3, 3),
        iin=iin,
        names=[NameInput(script=script, surname=surname, given_name=given)],
    )


@pytest.fixture
def worker(make_user):
    return make_user(Role.CASE_WORKER, permissions=["children"])


@pytest.mark.parametrize("query", ["Бауыржан", "Бауржан", "бауржан", "БАУЫРЖАН БАКИРОВ"])
def test_search_finds_a_person_by_any_spelling_of_a_stored_name(worker, query):
    person = register()
    register(given="Ерлан")
    found = client_for(worker).get("/people/", {"q": query}).context["page"]
    assert [p.pk for p in found] == [person.pk]


def test_filters_by_sex_and_age_group(worker):
    woman = register(given="Әлия", surname="Сейітова", sex="female")
    seven_years_old = PartialDate(dt.date.today() - dt.timedelta(days=7 * 365 + 100))
    child = register(given="Дана", sex="female", birth=seven_years_old)
    client = client_for(worker)
    assert {p.pk for p in client.get("/people/", {"sex": "female"}).context["page"]} == {
        woman.pk,
        child.pk,
    }
    assert [p.pk for p in client.get("/people/", {"age_group": "5-9"}).context["page"]] == [
        child.pk
    ]
    assert [
        p.pk
        for p in client.get("/people/", {"age_group": "adult", "sex": "female"}).context["page"]
    ] == [woman.pk]


def test_the_people_list_costs_the_same_queries_for_more_people(worker):
    client = client_for(worker)
    register()
    client.get("/people/")
    with CaptureQueriesContext(connection) as few:
        client.get("/people/")
    for number in range(15):
        register(given=f"Ерлан{number}")
    with CaptureQueriesContext(connection) as many:
        client.get("/people/")
    assert len(many) == len(few)


def test_the_case_list_costs_the_same_queries_for_more_cases(worker):
    client = client_for(worker)
    aktau = Organisation.objects.get(code="aqniet-aktau")
    case_services.case_open(
        actor=None, person=register(), program="returnee", organisation=aktau, case_worker=worker
    )
    client.get("/cases/")
    with CaptureQueriesContext(connection) as few:
        client.get("/cases/")
    for number in range(15):
        case_services.case_open(
            actor=None,
            person=register(given=f"Нұр{number}"),
            program="returnee",
            organisation=aktau,
            case_worker=worker,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/cases/")
    assert len(many) == len(few)
    assert response.context["page"].paginator.count == 16


def test_opening_a_person_writes_an_access_entry(worker):
    person = register()
    client_for(worker).get(f"/people/{person.pk}/")
    entry = Event.objects.filter(action="person.viewed", object_id=str(person.pk)).get()
    assert entry.actor == worker and entry.kind == "access"


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Kazakhstan"), ("kk", "Қазақстан"), ("ru", "Казахстан")]
)
def test_the_citizenship_is_named_in_the_users_language(worker, language, name):
    # Given a person of Kazakh citizenship (stored as its code, KZ)
    person = register()
    # When the person's page is opened in the user's language
    page = client_for(worker).get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    # Then the country is named, not coded
    assert f"<dd>{name}</dd>" in page.content.decode()
    assert "<dd>KZ</dd>" not in page.content.decode()


@pytest.mark.parametrize(
    ("language", "badge"), [("en", "child"), ("kk", "бала"), ("ru", "ребёнок")]
)
def test_a_childs_page_says_child_as_an_age_not_as_a_relation(make_user, language, badge):
    # Given a girl of ten, and a worker who may see children
    girl = register(given="Айша", surname="Бакирова", sex="female", birth=PartialDate.of(2016))
    worker = make_user(Role.CASE_WORKER, permissions=["children"])
    # When her page is opened
    page = client_for(worker).get(f"/people/{girl.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    # Then the badge by her name says "child" as an age (not "her child", as a relation says)
    assert f'<span class="badge">{badge}</span>' in page.content.decode()


def test_identity_numbers_are_masked_without_the_permission(make_user):
    iin = make_iin(dt.date(1985, 3, 3), "male", 77)
    person = register(iin=iin)
    plain = make_user(Role.CASE_WORKER)
    trusted = make_user(Role.CASE_WORKER, permissions=["identity_numbers"])
    assert iin not in client_for(plain).get(f"/people/{person.pk}/").content.decode()
    assert iin[-4:] in client_for(plain).get(f"/people/{person.pk}/").content.decode()
    assert iin in client_for(trusted).get(f"/people/{person.pk}/").content.decode()
    api = client_for(plain).get("/api/documents/", {"person": person.pk}).json()
    assert api["results"][0]["number"] == "••••••••" + iin[-4:]


def test_a_child_is_invisible_to_a_worker_without_the_children_permission(make_user, worker):
    child = register(given="Дана", sex="female", birth=PartialDate.of(2016, 5, 1))
    plain = make_user(Role.CASE_WORKER)
    assert client_for(plain).get(f"/people/{child.pk}/").status_code == 403
    assert client_for(plain).get("/people/").context["page"].paginator.count == 0
    assert client_for(worker).get(f"/people/{child.pk}/").status_code == 200


def test_the_csv_export_holds_what_the_user_sees_and_is_audited(worker, make_user):
    register()
    register(given="Ерлан", organisation="aqniet-almaty")
    response = client_for(worker).get("/people/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2  # the header and the one person in the worker's organisation
    assert "Бакиров Бауыржан" in rows[1][1]
    entry = Event.objects.get(action="person.exported")
    assert entry.changes["count"] == 1 and entry.actor == worker


def test_citizenship_is_chosen_by_the_countrys_name_and_never_saved_cut_short(worker):
    form = {
        "surname": "Бакирова",
        "given_name": "Әлия",
        "sex": "female",
        "birth_year": "1990",
        "script": "kk-Cyrl",
        "organisation": Organisation.objects.get(code="aqniet-aktau").pk,
    }
    client = client_for(worker)
    # Given the registration form in Kazakh: Kazakhstan is the first choice, by its name
    page = client.get("/people/new/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert '<option value="KZ" selected>Қазақстан</option>' in page
    # When a country's name is typed instead of chosen (as a hand-made request could)
    response = client.post("/people/new/", {**form, "citizenship": "Казахстан"})
    # Then nothing is saved, and the field says why
    assert response.status_code == 200 and "citizenship" in response.context["form"].errors
    assert not Person.objects.filter(display_name__startswith="Бакирова").exists()
    # And a country chosen from the list is saved as its code
    client.post("/people/new/", {**form, "citizenship": "SY"})
    assert Person.objects.get(display_name__startswith="Бакирова").citizenship == "SY"


def test_editing_keeps_a_citizenship_recorded_outside_the_list(worker):
    # Given a person whose citizenship (Germany) is not among the listed countries
    person = register()
    Person.objects.filter(pk=person.pk).update(citizenship="DE")
    # When the edit form opens, it offers DE as it is, chosen
    page = client_for(worker).get(f"/people/{person.pk}/edit/").content.decode()
    assert '<option value="DE" selected>DE</option>' in page


def test_registering_through_the_form_shows_errors_in_the_users_language(worker):
    response = client_for(worker).post(
        "/people/new/",
        {
            "surname": "",
            "given_name": "Әлия",
            "sex": "female",
            "birth_year": "1990",
            "birth_day": "5",
            "citizenship": "KZ",
            "script": "kk-Cyrl",
            "organisation": Organisation.objects.get(code="aqniet-aktau").pk,
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "surname" in form.errors and "birth_month" in form.errors
    assert not Person.objects.exists()


def test_a_mother_registers_her_child_from_her_page(worker):
    mother = register(given="Әлия", surname="Сейітова", sex="female")
    aktau = Organisation.objects.get(code="aqniet-aktau")
    response = client_for(worker).post(
        f"/people/new/?mother={mother.pk}",
        {
            "surname": "Сейітов",
            "given_name": "Әли",
            "sex": "male",
            "birth_year": "2017",
            "birth_month": "4",
            "citizenship": "KZ",
            "script": "kk-Cyrl",
            "organisation": aktau.pk,
            "verification": "dna",
        },
    )
    assert response.status_code == 302
    child = Person.objects.get(display_name="Сейітов Әли")
    relation = child.relationships.get()
    assert relation.relative == mother and relation.kind == "mother"
    assert relation.verification == "dna"


def test_saving_over_a_newer_change_shows_a_conflict_and_keeps_the_typed_values(worker, make_user):
    person = register()
    colleague = make_user(Role.CASE_WORKER)
    mine, theirs = client_for(worker), client_for(colleague)
    form = {
        "version": person.version,
        "sex": "male",
        "birth_year": "1985",
        "birth_month": "3",
        "birth_day": "3",
        "citizenship": "KZ",
        "vital_status": "alive",
        "region": person.region_id,
    }
    assert (
        theirs.post(f"/people/{person.pk}/edit/", {**form, "birth_place": "Ақтау"}).status_code
        == 302
    )
    response = mine.post(
        f"/people/{person.pk}/edit/", {**form, "birth_place": "Атырау"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["conflict"]
    assert "Someone else changed this record" in response.content.decode()
    assert response.context["form"]["birth_place"].value() == "Атырау"
    person.refresh_from_db()
    assert person.birth_place == "Ақтау"
    # Having seen the newer version, saving again puts the user's value over it.
    again = mine.post(
        f"/people/{person.pk}/edit/", {**form, "version": person.version, "birth_place": "Атырау"}
    )
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.birth_place == "Атырау"


def test_recording_an_observation_from_the_case_page(worker):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    case = case_services.case_open(
        actor=None, person=register(), program="returnee", organisation=aktau, case_worker=worker
    )
    client = client_for(worker)
    response = client.post(
        f"/cases/{case.pk}/observations/new/",
        {
            "observation": "employment:employed",
            "valid_from": dt.date.today().isoformat(),
            "source": "employer",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "employed" in page
    missing_place = client.post(
        f"/cases/{case.pk}/observations/new/",
        {"observation": "location:", "valid_from": dt.date.today().isoformat()},
    )
    assert "place" in missing_place.context["form"].errors
    blank = client.get(f"/cases/{case.pk}/observations/new/")
    assert blank.context["form"]["observation"].value() in (None, "")
    nothing_chosen = client.post(
        f"/cases/{case.pk}/observations/new/", {"valid_from": dt.date.today().isoformat()}
    )
    assert "observation" in nothing_chosen.context["form"].errors
