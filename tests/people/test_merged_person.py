"""A duplicate merged into another person is read-only until the merge is undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.audit.models import Event
from reintegra.cases import services as case_services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people import services
from reintegra.people.models import Person, PersonName
from reintegra.people.services import NameInput
from reintegra.programs.models import Activity
from reintegra.programs.services import attendance_add
from reintegra.returns import services as return_services
from reintegra.returns.models import Operation
from reintegra.tracing.merge import person_merge, person_merge_undo, person_references
from reintegra.tracing.models import PersonMerge
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
AKTAU = "aqniet-aktau"
NAME = NameInput(script="kk-Cyrl", surname="Сейітова", given_name="Әлиябану")


def aktau() -> Organisation:
    return Organisation.objects.get(code=AKTAU)


def register(given: str, *, surname: str = "Сейітова", sex: str = "female") -> Person:
    return services.person_register(
        actor=None,
        organisation=aktau(),
        sex=sex,
        birth=PartialDate.of(1990, 1, 2),
        names=[NameInput(script="kk-Cyrl", surname=surname, given_name=given)],
    )


# The forms that change a person or add a row about one, by their route (with the person's pk).
FORMS_ABOUT_A_PERSON = (
    "people:person_edit",
    "people:name_add",
    "people:document_add",
    "people:relationship_add",
    "people:return_add",
    "cases:case_create",
    "cases:consent_add",
    "tracing:abroad_create",
    "tracing:merge_choose",
)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.REGIONAL_COORDINATOR, permissions=["children"])


@pytest.fixture
def merged_pair(coordinator):
    """A (the person who stays), B (a duplicate merged into A) and C (an unrelated person)."""
    a, b, c = register("Әлия"), register("Алия"), register("Дана")
    person_merge(actor=coordinator, survivor=a, merged=b)
    b.refresh_from_db()
    return a, b, c


def snapshot() -> dict:
    """Every person and every row pointing at one, as stored, and the audit trail's length."""
    models = {m for m, _f in person_references()} | {Person}
    rows = {
        m._meta.label: serializers.serialize("json", m._base_manager.order_by("pk")) for m in models
    }
    return {**rows, "events": Event.objects.count()}


def activity() -> Activity:
    return Activity.objects.create(
        kind="other", title="Meeting", starts_on=dt.date(2024, 1, 1),
        organisation=aktau(), region=aktau().region,
    )  # fmt: skip


def update(b: Person, _c: Person) -> object:
    return services.person_update(
        actor=None, person=b, expected_version=b.version, birth_place="Ақтау"
    )


def add_name(b: Person, _c: Person) -> object:
    return services.person_name_add(actor=None, person=b, name=NAME)


def add_document(b: Person, _c: Person) -> object:
    return services.identity_document_add(actor=None, person=b, kind="passport", number="N1")


def relate_to(b: Person, c: Person) -> object:
    return services.relationship_record(actor=None, person=b, relative=c, kind="sibling")


def relate_from(b: Person, c: Person) -> object:
    return services.relationship_record(actor=None, person=c, relative=b, kind="sibling")


def record_return(b: Person, _c: Person) -> object:
    return_services.operations_load(actor=None)
    return return_services.return_record(
        actor=None, person=b, operation=Operation.objects.get(code="zhusan"),
        arrival_date=dt.date(2019, 5, 9),
    )  # fmt: skip


def record_abroad(b: Person, _c: Person) -> object:
    return return_services.abroad_record_open(
        actor=None, person=b, country="SY", status="missing", since=dt.date(2018, 1, 1)
    )


def open_case(b: Person, _c: Person) -> object:
    return case_services.case_open(actor=None, person=b, program="returnee", organisation=aktau())


def record_observation(b: Person, _c: Person) -> object:
    return case_services.observation_record(
        actor=None, person=b, dimension="employment", value="employed",
        valid_from=dt.date(2021, 1, 1),
    )  # fmt: skip


def record_consent(b: Person, _c: Person) -> object:
    return case_services.consent_record(
        actor=None, person=b, recipient_kinds=["ngo"], purpose="school",
        given_on=dt.date(2022, 1, 1),
    )  # fmt: skip


def record_consent_given_by(b: Person, c: Person) -> object:
    return case_services.consent_record(
        actor=None, person=c, recipient_kinds=["ngo"], purpose="school",
        given_on=dt.date(2022, 1, 1), given_by=b,
    )  # fmt: skip


def list_as_participant(b: Person, _c: Person) -> object:
    return attendance_add(actor=None, activity=activity(), person=b)


CHANGES: list[Callable[[Person, Person], object]] = [
    update,
    add_name,
    add_document,
    relate_to,
    relate_from,
    record_return,
    record_abroad,
    open_case,
    record_observation,
    record_consent,
    record_consent_given_by,
    list_as_participant,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_merged_duplicate_is_refused_every_change_and_every_new_row(merged_pair, change):
    # Given B merged into A, and the rows that do not depend on B already there
    _a, b, c = merged_pair
    if change is record_return:
        return_services.operations_load(actor=None)
    before = snapshot()
    # When a change to B (or a row pointing at B) is asked for
    with pytest.raises(ValidationError) as refused:
        change(b, c)
    # Then it is refused, naming the person who stays, and nothing changed
    assert refused.value.code == "merged"
    assert "Сейітова Әлия" in refused.value.messages[0]
    assert snapshot() == before


def test_the_refusal_names_the_person_who_finally_stays(coordinator, merged_pair):
    # Given B merged into A, and A merged in turn into D
    a, b, _c = merged_pair
    d = register("Айгерім")
    person_merge(actor=coordinator, survivor=d, merged=a)
    # When a name is added to B
    with pytest.raises(ValidationError) as refused:
        services.person_name_add(actor=None, person=b, name=NAME)
    # Then D is the one named
    assert "Сейітова Айгерім" in refused.value.messages[0]


def test_once_the_merge_is_undone_the_person_may_be_changed_again(coordinator, merged_pair):
    # Given B merged into A, then the merge undone
    _a, b, _c = merged_pair
    person_merge_undo(actor=coordinator, merge=PersonMerge.objects.get())
    # When a name is added to B
    services.person_name_add(actor=coordinator, person=b, name=NAME)
    # Then B has it
    assert PersonName.objects.filter(person=b, given_name="Әлиябану").exists()


def test_the_merged_persons_page_says_so_first_and_offers_no_change(coordinator, merged_pair):
    # Given B merged into A
    a, b, _c = merged_pair
    # When a coordinator who may undo the merge opens B's page
    response = client_for(coordinator).get(f"/people/{b.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    # Then the notice comes first, right under the name, with the way to A and to the undo
    notice = page.index('data-testid="merged-into"')
    assert notice < page.index("<dl") and notice < page.index('id="names-heading"')
    assert f'href="{reverse("people:person_detail", args=[a.pk])}"' in page[notice:]
    merge = PersonMerge.objects.get()
    assert reverse("tracing:merge_undo", args=[merge.pk]) in page[notice : page.index("<dl")]
    # and nothing that would change B is offered
    for name in FORMS_ABOUT_A_PERSON:
        assert reverse(name, args=[b.pk]) not in page, name
    for offered in (f"?mother={b.pk}", f"?father={b.pk}"):
        assert offered not in page, offered
    assert not response.context["may_edit"] and not response.context["may_record_abroad"]
    # and its names, moved to A, leave a line saying where they went
    assert "The names moved with the merge to the person who stays." in page


@pytest.mark.parametrize("name", FORMS_ABOUT_A_PERSON)
def test_a_form_about_a_merged_duplicate_opened_by_its_address_leads_to_its_page(
    coordinator, make_user, merged_pair, name
):
    # Given B merged into A
    _a, b, _c = merged_pair
    # When a form that would change B is opened by its address, by whom may use the form
    user = make_user(Role.TRACING_OFFICER) if name == "tracing:abroad_create" else coordinator
    response = client_for(user).get(
        reverse(name, args=[b.pk]), HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    # Then B's page opens instead, saying why, and naming the person who stays
    assert response.redirect_chain == [(reverse("people:person_detail", args=[b.pk]), 302)]
    assert "merged into Сейітова Әлия; change Сейітова Әлия instead" in response.content.decode()


def test_the_merged_persons_page_offers_no_undo_to_whom_may_not_undo(make_user, merged_pair):
    # Given B merged into A
    _a, b, _c = merged_pair
    # When a case worker (who does not merge) opens B's page
    page = client_for(make_user(Role.CASE_WORKER)).get(f"/people/{b.pk}/").content.decode()
    # Then the notice is there, without the undo
    assert 'data-testid="merged-into"' in page
    assert "/undo/" not in page


def post_refused(user, url: str, data: dict) -> str:
    """Post ``data`` as ``user``: the page must show the refusal and nothing must change."""
    client = client_for(user)
    before = snapshot()
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "merged into Сейітова Әлия" in response.content.decode()
    assert snapshot() == before
    return response.content.decode()


def test_adding_a_name_to_a_merged_person_from_the_page_is_refused_and_changes_nothing(
    coordinator, merged_pair
):
    # Given B merged into A
    _a, b, _c = merged_pair
    # When a name is posted on B's "Add a name" page
    # Then the page says why, and nothing is saved
    page = post_refused(
        coordinator,
        reverse("people:name_add", args=[b.pk]),
        {"script": "kk-Cyrl", "surname": "Сейітова", "given_name": "Әлиябану", "kind": "official"},
    )
    assert "The name is added." not in page


def test_registering_a_child_of_a_merged_person_is_refused_and_registers_nobody(
    coordinator, merged_pair
):
    # Given B merged into A
    _a, b, _c = merged_pair
    # When a child of B is registered from the registration page
    # Then the page says why, and neither the child nor the relationship is saved
    post_refused(
        coordinator,
        f"{reverse('people:person_create')}?mother={b.pk}",
        {
            "surname": "Сейітов", "given_name": "Әли", "sex": "male", "birth_year": "2017",
            "birth_month": "4", "citizenship": "KZ", "script": "kk-Cyrl",
            "organisation": aktau().pk, "verification": "documents",
        },
    )  # fmt: skip
