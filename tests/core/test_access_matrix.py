"""Every route, every role: the response matches the declared access matrix.

The expected outcome is read from the matrix's data here, independently of the code that
enforces it; a route without an entry, or without a sample below, fails the sweep.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reintegra.audit.models import Event
from reintegra.cases import services as case_services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role
from reintegra.core.routes import ACCESS_MATRIX, NAMESPACE_MATRIX, PUBLIC, SIGNED_IN
from reintegra.people.iin import make_iin
from reintegra.people.services import NameInput, person_register, relationship_record
from reintegra.returns.models import Operation
from reintegra.returns.services import operations_load, return_record
from tests.conftest import client_for


def _first(app: str, model: str) -> int:
    from django.apps import apps

    return apps.get_model(app, model).objects.order_by("pk").first().pk


def sample_person():
    from reintegra.people.models import Person

    return {"pk": Person.objects.get(display_name="Сейітова Әлия").pk}


def sample_case():
    from reintegra.cases.models import Case

    return {"pk": Case.objects.get(person__display_name="Сейітова Әлия").pk}


def sample_consent():
    from reintegra.cases.models import Consent

    return {"pk": Consent.objects.get(person__display_name="Сейітова Әлия").pk}


def sample_export_job():
    from reintegra.accounts.models import User
    from reintegra.reports.models import ExportJob

    job = ExportJob.objects.order_by("pk").first() or ExportJob.objects.create(
        owner=User.objects.order_by("pk").first(), kind="dashboard_xlsx"
    )
    return {"pk": job.pk}


def sample_sister():
    from reintegra.people.models import Person

    return Person.objects.get(display_name="Сейітова Дана").pk


def sample_merge():
    from reintegra.people.models import Person
    from reintegra.tracing.models import PersonMerge

    merge = PersonMerge.objects.order_by("pk").first() or PersonMerge.objects.create(
        survivor=Person.objects.get(display_name="Сейітова Әлия"),
        merged=Person.objects.get(display_name="Сейітова Дана"),
    )
    return {"pk": merge.pk}


# Keyword arguments for routes that take them: route name -> function returning kwargs.
SAMPLES = {
    "reports:indicator_xlsx": lambda: {"code": "returns.returned"},
    "reports:indicator_csv": lambda: {"code": "returns.returned"},
    "reports:case_summary": sample_case,
    "reports:export_download": sample_export_job,
    "people:person_detail": sample_person,
    "people:person_edit": sample_person,
    "people:family": sample_person,
    "people:relationship_add": sample_person,
    "people:return_add": sample_person,
    "people:name_add": sample_person,
    "people:document_add": sample_person,
    "cases:case_detail": sample_case,
    "cases:case_edit": sample_case,
    "cases:observation_add": sample_case,
    "cases:service_add": sample_case,
    "cases:case_timeline": sample_case,
    "cases:team_edit": sample_case,
    "cases:closure_request": sample_case,
    "cases:plan_create": sample_case,
    "cases:plan_detail": lambda: {"pk": _first("cases", "Plan")},
    "cases:approval_decide": lambda: {"pk": _first("cases", "Approval")},
    "cases:task_complete": lambda: {"pk": _first("cases", "Task")},
    "cases:emergency_access": sample_case,
    "cases:emergency_end": lambda: {"pk": _first("cases", "EmergencyAccess")},
    "api:service-detail": lambda: {"pk": _first("cases", "Service")},
    "api:plan-detail": lambda: {"pk": _first("cases", "Plan")},
    "api:indicator-detail": lambda: {"pk": "returns.returned"},
    "api:approval-detail": lambda: {"pk": _first("cases", "Approval")},
    "api:task-detail": lambda: {"pk": _first("cases", "Task")},
    "api:emergency-access-detail": lambda: {"pk": _first("cases", "EmergencyAccess")},
    "cases:referral_request": sample_case,
    "cases:referral_detail": lambda: {"pk": _first("cases", "Referral")},
    "cases:transfer_request": sample_case,
    "cases:transfer_detail": lambda: {"pk": _first("cases", "Transfer")},
    "api:referral-detail": lambda: {"pk": _first("cases", "Referral")},
    "api:transfer-detail": lambda: {"pk": _first("cases", "Transfer")},
    "cases:assessment_list": sample_case,
    "cases:assessment_start": sample_case,
    "cases:assessment_changes": sample_case,
    "cases:assessment_detail": lambda: {"pk": _first("cases", "Assessment")},
    "cases:assessment_answer": lambda: {"pk": _first("cases", "Assessment")},
    "cases:need_level_decide": lambda: {"pk": _first("cases", "Assessment")},
    "cases:assessment_discard": lambda: {"pk": _first("cases", "Assessment")},
    "api:assessment-detail": lambda: {"pk": _first("cases", "Assessment")},
    "api:instrument-detail": lambda: {"pk": _first("cases", "Instrument")},
    "cases:case_create": lambda: {"person_pk": sample_person()["pk"]},
    "cases:consent_add": lambda: {"person_pk": sample_person()["pk"]},
    "cases:consent_withdraw": sample_consent,
    "api:person-detail": sample_person,
    "api:case-detail": sample_case,
    "api:consent-detail": sample_consent,
    "api:name-detail": lambda: {"pk": _first("people", "PersonName")},
    "api:document-detail": lambda: {"pk": _first("people", "IdentityDocument")},
    "api:relationship-detail": lambda: {"pk": _first("people", "Relationship")},
    "api:return-detail": lambda: {"pk": _first("returns", "Return")},
    "api:observation-detail": lambda: {"pk": _first("cases", "Observation")},
    "core:organisation_detail": lambda: {"pk": Organisation.objects.get(code="aqniet").pk},
    "audit:event_detail": lambda: {"pk": Event.objects.order_by("seq").first().pk},
    "api:region-detail": lambda: {"pk": Region.objects.first().pk},
    "api:organisation-detail": lambda: {"pk": Organisation.objects.first().pk},
    "api:event-detail": lambda: {"pk": Event.objects.order_by("seq").first().pk},
    "registry:organisation_detail": lambda: {"pk": _first("registry", "BannedOrganisation")},
    "registry:organisation_edit": lambda: {"pk": _first("registry", "BannedOrganisation")},
    "registry:material_detail": lambda: {"pk": _first("registry", "BannedMaterial")},
    "registry:material_edit": lambda: {"pk": _first("registry", "BannedMaterial")},
    "api:banned-organisation-detail": lambda: {"pk": _first("registry", "BannedOrganisation")},
    "api:banned-material-detail": lambda: {"pk": _first("registry", "BannedMaterial")},
    "knowledge:material_detail": lambda: {"pk": _first("knowledge", "Material")},
    "knowledge:material_edit": lambda: {"pk": _first("knowledge", "Material")},
    "knowledge:material_publish": lambda: {"pk": _first("knowledge", "Material")},
    "knowledge:qa_add": lambda: {"pk": _first("knowledge", "Material")},
    "knowledge:attachment_add": lambda: {"pk": _first("knowledge", "Material")},
    "knowledge:attachment_download": lambda: {"pk": _first("knowledge", "Attachment")},
    "knowledge:public_detail": lambda: {"pk": _first("knowledge", "Material")},
    "knowledge:specialist_detail": lambda: {"pk": _first("knowledge", "Specialist")},
    "knowledge:specialist_edit": lambda: {"pk": _first("knowledge", "Specialist")},
    "knowledge:certificate_add": lambda: {"pk": _first("knowledge", "Specialist")},
    "knowledge:certificate_download": lambda: {"pk": _first("knowledge", "Certificate")},
    "api:material-detail": lambda: {"pk": _first("knowledge", "Material")},
    "api:topic-detail": lambda: {"pk": _first("knowledge", "Topic")},
    "programs:activity_detail": lambda: {"pk": _first("programs", "Activity")},
    "programs:activity_edit": lambda: {"pk": _first("programs", "Activity")},
    "programs:team_edit": lambda: {"pk": _first("programs", "Activity")},
    "programs:attendance_edit": lambda: {"pk": _first("programs", "Activity")},
    "programs:target_remove": lambda: {"pk": _first("programs", "Target")},
    "tracing:batch_detail": lambda: {"pk": _first("tracing", "ImportBatch")},
    "tracing:batch_discard": lambda: {"pk": _first("tracing", "ImportBatch")},
    "tracing:batch_progress": lambda: {"pk": _first("tracing", "ImportBatch")},
    "tracing:review": lambda: {"pk": _first("tracing", "ImportBatch")},
    "tracing:row_decide": lambda: {"pk": _first("tracing", "ImportRow")},
    "tracing:abroad_create": lambda: {"person_pk": sample_person()["pk"]},
    "tracing:merge_choose": sample_person,
    "tracing:merge_confirm": lambda: {**sample_person(), "other": sample_sister()},
    "tracing:merge_undo": sample_merge,
    "tracing:abroad_detail": lambda: {"pk": _first("returns", "AbroadRecord")},
    "tracing:abroad_status_add": lambda: {"pk": _first("returns", "AbroadRecord")},
    "tracing:abroad_evidence_add": lambda: {"pk": _first("returns", "AbroadRecord")},
    "api:abroad-record-detail": lambda: {"pk": _first("returns", "AbroadRecord")},
    "api:import-batch-detail": lambda: {"pk": _first("tracing", "ImportBatch")},
    "api:import-row-detail": lambda: {"pk": _first("tracing", "ImportRow")},
}
# Admin routes are declared as a namespace; the sweep opens these representatives of it.
ADMIN_SAMPLES = [
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:accounts_user_add",
    "admin:accounts_membership_changelist",
    "admin:core_organisation_changelist",
    "admin:core_region_changelist",
    "admin:cases_instrument_changelist",
    "admin:cases_answerscale_changelist",
    "admin:cases_instrumentdomain_changelist",
    "admin:knowledge_topic_changelist",
    "admin:knowledge_topic_add",
    "admin:knowledge_qualificationcategory_changelist",
]


def walk(patterns, namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield namespace, name, entry


def all_routes() -> tuple[set[str], list[str]]:
    """Named routes outside the admin namespace, and patterns that have no name."""
    named, unnamed = set(), []
    for namespace, name, pattern in walk(get_resolver().url_patterns):
        if namespace in NAMESPACE_MATRIX:
            continue
        if name is None:
            unnamed.append(str(pattern.pattern))
        else:
            named.add(name)
    return named, unnamed


ROUTES, UNNAMED = all_routes()
ROLES = [None, "expired", *Role.values]


def test_every_route_has_a_name_and_an_entry_in_the_matrix():
    assert UNNAMED == [], "every URL pattern needs a name to be declared in the access matrix"
    undeclared = sorted(r for r in ROUTES if r not in ACCESS_MATRIX)
    assert undeclared == [], f"routes missing from ACCESS_MATRIX: {undeclared}"


def test_the_matrix_declares_no_route_that_does_not_exist():
    assert sorted(set(ACCESS_MATRIX) - ROUTES) == []


def test_every_route_that_takes_arguments_has_a_sample():
    missing = []
    for _namespace, name, pattern in walk(get_resolver().url_patterns):
        takes = set(pattern.pattern.converters) - {"format"}
        if name in ROUTES and takes and name not in SAMPLES:
            missing.append(name)
    assert missing == []


def expected_allowed(rule, who: str | None) -> bool:
    if rule == PUBLIC:
        return True
    if who is None:
        return False
    if rule == SIGNED_IN:
        return True
    return who != "expired" and who in rule


def check(client, url: str, allowed: bool, who: str | None, *, api: bool) -> None:
    response = client.get(url)
    status = response.status_code
    to_login = status == 302 and "/accounts/login/" in response.get("Location", "")
    if allowed:
        assert status not in (401, 403) and not to_login, f"{who} should open {url}: {status}"
        assert status < 500
    elif api:
        assert status in (401, 403), f"{who} should be refused {url}: {status}"
    elif who is None:
        assert to_login, f"anonymous should be sent to sign in from {url}: {status}"
    else:
        assert status == 403, f"{who} should be refused {url}: {status}"


def sample_records(users) -> None:
    """Records every role that works with records may reach: an adult woman in Aktau with an
    IIN, a sister, a return, a case on whose team the specialist is, an observation, a consent."""
    aktau = Organisation.objects.get(code="aqniet-aktau")
    operations_load(actor=None)

    def register(given, birth, iin=""):
        return person_register(
            actor=None,
            organisation=aktau,
            sex="female",
            birth=birth,
            iin=iin,
            names=[NameInput(script="kk-Cyrl", surname="Сейітова", given_name=given)],
        )

    person = register(
        "Әлия", PartialDate.of(1990, 1, 2), iin=make_iin(dt.date(1990, 1, 2), "female", 44)
    )
    sister = register("Дана", PartialDate.of(1992, 5, 5))
    relationship_record(actor=None, person=person, relative=sister, kind="sibling")
    return_record(
        actor=None,
        person=person,
        operation=Operation.objects.get(code="zhusan"),
        arrival_date=dt.date(2019, 5, 9),
    )
    case = case_services.case_open(
        actor=None,
        person=person,
        program="returnee",
        organisation=aktau,
        case_worker=users[Role.CASE_WORKER],
    )
    case_services.team_member_add(actor=None, case=case, user=users[Role.SPECIALIST])
    case_services.observation_record(
        actor=None,
        person=person,
        dimension="employment",
        value="employed",
        valid_from=dt.date(2021, 1, 1),
    )
    from reintegra.cases.models import Approval, Task

    Approval.objects.create(case=case, kind="plan", requested_by=users[Role.CASE_WORKER])
    from reintegra.cases.models import Plan

    Plan.objects.create(case=case, review_on=dt.date.today())
    Task.objects.create(
        case=case,
        kind="other",
        title="call",
        due_on=dt.date.today(),
        assigned_to=users[Role.CASE_WORKER],
    )
    from django.utils import timezone

    from reintegra.cases.models import EmergencyAccess

    EmergencyAccess.objects.create(
        case=case,
        user=users[Role.CASE_WORKER],
        reason="a sample grant for the sweep",
        granted_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(hours=3),
    )
    case_services.service_record(actor=None, case=case, kind="conversation", date=dt.date.today())
    from reintegra.cases import assessments
    from reintegra.cases.models import Instrument

    assessments.assessment_start(
        actor=users[Role.SPECIALIST],
        case=case,
        instrument=Instrument.objects.get(code="adult-needs"),
        assessed_on=dt.date.today(),
    )
    case_services.consent_record(
        actor=None,
        person=person,
        recipient_kinds=["health"],
        purpose="treatment",
        given_on=dt.date(2020, 1, 1),
    )
    from reintegra.cases import referrals

    referrals.referral_request(
        actor=None,
        case=case,
        to_organisation=Organisation.objects.get(code="aktau-polyclinic"),
        service_kind="medical",
        need="check-up",
    )
    referrals.transfer_request(
        actor=None,
        case=case,
        to_organisation=Organisation.objects.get(code="aqniet-almaty"),
        reason="moved to Almaty",
    )
    from reintegra.registry.services import material_create

    material_create(actor=None, title="A banned leaflet", kind="leaflet", hashes=["e" * 64])
    from reintegra.returns.services import abroad_record_open
    from reintegra.tracing import services as tracing

    abroad_record_open(
        actor=None, person=sister, country="SY", status="in_camp", since=dt.date(2020, 1, 1)
    )
    batch = tracing.batch_upload(
        actor=users[Role.TRACING_OFFICER],
        source="A sample list",
        file_name="list.csv",
        content=b"surname,given_name\nSeitova,Dana\n",
    )
    tracing.batch_map(
        actor=users[Role.TRACING_OFFICER],
        batch=batch,
        mapping={"0": "surname", "1": "given_name"},
    )

    from reintegra.programs import services as program_services

    tournament = program_services.activity_record(
        actor=None,
        kind="sports_tournament",
        title="Aktau mosque cup",
        starts_on=dt.date.today(),
        organisation=aktau,
    )
    program_services.team_add(actor=None, activity=tournament, name="Барыс", players=7)
    program_services.attendance_add(actor=None, activity=tournament, person=person)
    program_services.target_set(
        actor=None, organisation=aktau, year=dt.date.today().year, metric="activities", value=5
    )


def sample_knowledge(users) -> None:
    """A published, public questions-and-answers material with a file, kept in Aktau; the
    specialist's profile with a certificate and its file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reintegra.knowledge import services as knowledge
    from reintegra.knowledge import specialists
    from reintegra.knowledge.models import Topic

    topic = knowledge.topic_save(
        actor=None, topic=Topic(code="faith", name_kk="Сенім", name_ru="Вера", name_en="Faith")
    )
    material = knowledge.material_create(
        actor=None,
        kind="qa",
        audience="partners",
        is_public=True,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        topics=[topic],
        texts={"en": knowledge.TextInput("Answers to recruiters' claims")},
    )
    knowledge.qa_pair_add(
        actor=None, material=material, topic=topic, questions={"en": "Q?"}, answers={"en": "A."}
    )
    knowledge.material_publish(actor=None, material=material)
    knowledge.attachment_add(
        actor=None,
        material=material,
        upload=SimpleUploadedFile("guide.txt", b"A guide.", content_type="text/plain"),
    )
    profile = specialists.specialist_create(actor=None, user=users[Role.SPECIALIST])
    specialists.certificate_add(
        actor=None,
        specialist=profile,
        kind="training",
        title="Trauma-informed care",
        issued_on=dt.date(2024, 1, 1),
        upload=SimpleUploadedFile("certificate.txt", b"Certified.", content_type="text/plain"),
    )


@pytest.fixture
def people(user_of_role, expired_user):
    users = {role: user_of_role(role) for role in Role.values}
    users["expired"] = expired_user
    sample_records(users)
    sample_knowledge(users)
    assert Event.objects.exists()
    return users


@pytest.mark.django_db
@pytest.mark.parametrize("who", ROLES, ids=lambda w: w or "anonymous")
def test_each_role_gets_exactly_what_the_matrix_declares(who, people):
    client = client_for(people.get(who) if who else None)
    for route in sorted(ROUTES):
        kwargs = SAMPLES[route]() if route in SAMPLES else {}
        url = reverse(route, kwargs=kwargs)
        allowed = expected_allowed(ACCESS_MATRIX[route], who)
        check(client, url, allowed, who, api=route.startswith("api:"))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ROLES, ids=lambda w: w or "anonymous")
def test_the_administration_site_is_for_administrators_only(who, people):
    client = client_for(people.get(who) if who else None)
    for route in ADMIN_SAMPLES:
        allowed = expected_allowed(NAMESPACE_MATRIX["admin"], who)
        check(client, reverse(route), allowed, who, api=False)


@pytest.mark.django_db
def test_api_routes_follow_the_matrix_with_token_authentication_too(people):
    from rest_framework.authtoken.models import Token

    for who in (Role.AUDITOR, Role.PARTNER):
        token = Token.objects.create(user=people[who])
        client = client_for(None)
        response = client.get(reverse("api:event-list"), HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.status_code == (200 if who == Role.AUDITOR else 403)
