"""The pages a signed-in user sees: navigation by role, home, lists with filters and paging."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.audit.models import Event
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def nav_labels(response) -> set[str]:
    return {item["label"] for item in response.context["nav_sections"]}


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.AUDITOR, {"Audit trail"}, {"Administration"}),
        (Role.ADMINISTRATOR, {"Administration"}, {"Audit trail"}),
        (Role.CASE_WORKER, {"Organisations", "Regions"}, {"Audit trail", "Administration"}),
        (Role.PARTNER, {"Organisations"}, {"Audit trail", "Administration"}),
    ],
)
def test_the_navigation_shows_only_what_the_role_may_open(user_of_role, role, shown, hidden):
    response = client_for(user_of_role(role)).get("/", HTTP_ACCEPT_LANGUAGE="en")
    labels = {str(label) for label in nav_labels(response)}
    assert shown <= labels
    assert not (hidden & labels)


def test_the_home_page_introduces_each_of_the_users_roles(user_of_role):
    response = client_for(user_of_role(Role.REGIONAL_COORDINATOR)).get(
        "/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert "Regional coordinator" in text
    assert "approve plans and closures" in text


def test_a_user_whose_membership_expired_is_told_so(expired_user):
    response = client_for(expired_user).get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "You have no active role" in response.content.decode()
    assert [str(i["label"]) for i in response.context["nav_sections"]] == ["Home"]


def test_organisations_can_be_searched_filtered_and_sorted(case_worker):
    client = client_for(case_worker)
    found = client.get("/reference/organisations/", {"q": "aktau"}).context["page"]
    assert {o.code for o in found} >= {"aqniet-aktau", "aktau-polyclinic", "aktau-school"}
    branches = client.get("/reference/organisations/", {"kind": "centre_branch"}).context["page"]
    assert len(branches) == 6
    by_code_desc = client.get("/reference/organisations/", {"sort": "-code"}).context["page"]
    codes = [o.code for o in by_code_desc]
    assert codes == sorted(codes, reverse=True)


def test_a_bad_sort_or_page_falls_back_instead_of_failing(case_worker):
    client = client_for(case_worker)
    response = client.get("/reference/organisations/", {"sort": "password", "page": "999"})
    assert response.status_code == 200
    assert response.context["current_sort"] == "code"


def test_the_organisation_list_uses_the_same_queries_for_many_rows(case_worker):
    client = client_for(case_worker)
    client.get("/reference/organisations/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get("/reference/organisations/")
    for number in range(20):
        Organisation.objects.create(
            code=f"ngo-{number}",
            kind="ngo",
            name_kk="x",
            name_ru="x",
            name_en="x",
            parent=Organisation.objects.get(code="aqniet"),
            region=Organisation.objects.get(code="aqniet-aktau").region,
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/reference/organisations/")
    assert len(many) == len(few)


def test_the_audit_list_filters_by_actor_and_kind(auditor, case_worker):
    client = client_for(auditor)
    everything = client.get("/audit/").context["page"].paginator.count
    assert everything == Event.objects.count()
    by_kind = client.get("/audit/", {"kind": "change", "actor": ""}).context["page"]
    assert all(event.kind == "change" for event in by_kind)
    client_for(None).post("/accounts/login/", {"username": case_worker.username, "password": "x"})
    failed = client.get("/audit/", {"action": "sign_in_failed"}).context["page"]
    assert [e.actor_username for e in failed] == [case_worker.username]


def test_the_audit_list_refuses_a_reversed_period(auditor):
    response = client_for(auditor).get(
        "/audit/", {"date_from": "2026-02-01", "date_to": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The start date is after the end date." in response.content.decode()


def test_the_audit_list_has_a_fixed_number_of_queries(auditor, make_user):
    client = client_for(auditor)
    client.get("/audit/")
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    for _ in range(10):
        make_user(Role.CASE_WORKER)
    with CaptureQueriesContext(connection) as many:
        client.get("/audit/")
    assert len(many) == len(few)


def test_the_auditor_page_reports_an_intact_chain(auditor):
    response = client_for(auditor).get("/audit/verify/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["report"].ok
    assert "Intact" in response.content.decode()


def test_a_user_edits_their_own_details_and_the_change_is_audited(case_worker):
    client = client_for(case_worker)
    response = client.post(
        "/accounts/profile/",
        {"first_name": "Мадина", "last_name": "Оспанова", "email": "bad", "language": "kk"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Enter a valid email address." in response.content.decode()
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Мадина",
            "last_name": "Оспанова",
            "email": "m@example.kz",
            "language": "kk",
        },
    )
    assert response.status_code == 302
    case_worker.refresh_from_db()
    assert case_worker.language == "kk" and case_worker.email == "m@example.kz"
    event = Event.objects.filter(action="user.updated", object_id=str(case_worker.pk)).get()
    assert event.changes["language"] == ["", "kk"]
    assert response.cookies["reintegra_language"].value == "kk"


def test_changing_the_password_goes_through_the_password_rules(case_worker):
    from tests.conftest import PASSWORD

    client = client_for(case_worker)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Жаңа-құпия-сөз-42",
            "new_password2": "Жаңа-құпия-сөз-42",
        },
    )
    assert response.status_code == 302
    case_worker.refresh_from_db()
    assert case_worker.check_password("Жаңа-құпия-сөз-42")
    assert Event.objects.filter(action="user.password_changed", actor=case_worker).exists()


@pytest.mark.django_db
def test_an_address_a_page_cannot_read_is_answered_in_the_sites_layout_and_language(make_user):
    # Given a coordinator reading the dashboard in Russian
    client = client_for(make_user(Role.REGIONAL_COORDINATOR))
    # When the address names a scope that does not exist
    response = client.get("/reports/", {"scope": "zzz"}, HTTP_ACCEPT_LANGUAGE="ru")
    page = response.content.decode()
    # Then the answer is a 400 page of the site (its navigation), saying why in Russian
    assert response.status_code == 400
    assert 'lang="ru"' in page and "<nav" in page
    assert "Уровень указывается как national, region:&lt;code&gt;" in page  # escaped


def test_a_section_with_work_waiting_keeps_its_place_on_the_bar():
    from reintegra.web.context_processors import BAR_CHARACTERS, split_bar

    def section(route: str, label: str, count: int = 0) -> dict:
        return {"route": route, "label": label, "more": False, "count": count}

    # Given a bar whose long labels (as Kazakh and Russian ones run) leave no room at its end
    long = "x" * (BAR_CHARACTERS // 4)
    sections = [section(f"s{i}", long) for i in range(5)]
    sections.append(section("cases:approval_list", "Approvals", count=4))
    # When the bar is laid out
    bar, more = split_bar(sections)
    # Then the approvals, with four waiting, are on it, and sections without waiting work
    # went under "More" from the end, keeping their order
    assert "cases:approval_list" in [s["route"] for s in bar]
    assert [s["route"] for s in more] == ["s2", "s3", "s4"]
    # And without anything waiting, the bar keeps its order and the end goes under "More"
    sections[-1]["count"] = 0
    bar, more = split_bar(sections)
    assert [s["route"] for s in bar] == ["s0", "s1", "s2"]
