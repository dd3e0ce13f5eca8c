"""Merging a duplicate into a person, and undoing it exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.cases import services as case_services
from reintegra.cases.models import Case, Consent, Observation
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.models import IdentityDocument, Person, PersonName, Relationship
from reintegra.people.services import NameInput, person_register, relationship_record
from reintegra.programs.models import Activity, Attendance
from reintegra.returns.models import AbroadRecord, Operation, Return
from reintegra.returns.services import operations_load, return_record
from reintegra.tracing.merge import person_merge, person_merge_undo, person_references
from reintegra.tracing.models import PersonMerge
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
AKTAU = "aqniet-aktau"


def register(given, *, surname="Сейітова", sex="female", birth=(1990, 1, 2), org=AKTAU):
    return person_register(
        actor=None,
        organisation=Organisation.objects.get(code=org),
        sex=sex,
        birth=PartialDate.of(*birth),
        names=[NameInput(script="kk-Cyrl", surname=surname, given_name=given)],
    )


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.REGIONAL_COORDINATOR, permissions=["children"])


def activity():
    aktau = Organisation.objects.get(code=AKTAU)
    return Activity.objects.create(
        kind="other", title="Meeting", starts_on=dt.date(2024, 1, 1),
        organisation=aktau, region=aktau.region,
    )  # fmt: skip


def snapshot() -> dict:
    """Every row of every model that points at a person, as stored."""
    rows = {}
    models = {m for m, _f in person_references()} | {Person}
    for model in models:
        rows[model._meta.label] = serializers.serialize("json", model._base_manager.order_by("pk"))
    return rows


@pytest.fixture
def duplicate_with_everything(coordinator):
    """A (kept) and B (the duplicate) with one of each kind of row pointing at B."""
    operations_load(actor=None)
    a, b = register("Әлия"), register("Алия")
    child, sister = register("Әли", sex="male", birth=(2017, 4, 1)), register("Дана")
    aktau = Organisation.objects.get(code=AKTAU)
    IdentityDocument.objects.create(person=b, kind="passport", number="N123")
    relationship_record(actor=None, person=child, relative=b, kind="mother")
    relationship_record(actor=None, person=a, relative=b, kind="sibling")  # A to itself: dropped
    relationship_record(actor=None, person=sister, relative=a, kind="sibling")
    relationship_record(actor=None, person=sister, relative=b, kind="sibling")  # a repeat
    return_record(
        actor=None, person=b, operation=Operation.objects.get(code="zhusan"),
        arrival_date=dt.date(2019, 5, 9),
    )  # fmt: skip
    case_services.case_open(actor=None, person=b, program="returnee", organisation=aktau)
    case_services.observation_record(
        actor=None, person=b, dimension="employment", value="employed",
        valid_from=dt.date(2021, 1, 1),
    )  # fmt: skip
    Consent.objects.create(person=child, purpose="school", given_on=dt.date(2022, 1, 1), given_by=b)
    AbroadRecord.objects.create(person=b, country="SY")
    Attendance.objects.create(activity=activity(), person=b)
    return a, b, child, sister


def test_a_merge_moves_every_row_pointing_at_the_duplicate(coordinator, duplicate_with_everything):
    a, b, child, sister = duplicate_with_everything
    merge = person_merge(actor=coordinator, survivor=a, merged=b)
    assert PersonName.objects.filter(person=a).count() == 2
    assert IdentityDocument.objects.get(number="N123").person == a
    assert Return.objects.get().person == a and Case.objects.get().person == a
    assert Observation.objects.get().person == a
    assert Consent.objects.get().given_by == a
    assert AbroadRecord.objects.get().person == a and Attendance.objects.get().person == a
    assert Relationship.objects.filter(person=child, relative=a, kind="mother").exists()
    assert not Relationship.objects.filter(person=b).exists()
    assert not Relationship.objects.filter(relative=b).exists()
    assert not Relationship.objects.filter(person=a, relative=a).exists()
    assert Relationship.objects.filter(person=sister, relative=a).count() == 1
    assert len(merge.dropped) == 4  # A–B both ways, and the sister's repeat both ways
    b.refresh_from_db()
    assert b.merged_into == a
    assert b not in client_for(coordinator).get("/people/").context["page"].object_list


def test_undoing_a_merge_restores_every_row_exactly(coordinator, duplicate_with_everything):
    a, b, _child, _sister = duplicate_with_everything
    before = snapshot()
    merge = person_merge(actor=coordinator, survivor=a, merged=b)
    person_merge_undo(actor=coordinator, merge=merge)
    after = snapshot()
    before["people.Person"] = after["people.Person"] = None  # versions count the changes
    assert after == before
    b.refresh_from_db()
    assert b.merged_into is None


def test_merge_and_undo_are_audited(coordinator, duplicate_with_everything):
    a, b, _child, _sister = duplicate_with_everything
    merge = person_merge(actor=coordinator, survivor=a, merged=b)
    event = Event.objects.get(action="person.merged")
    assert event.changes["merged"] == b.pk and event.changes["moved"]["cases.Case"] == 1
    person_merge_undo(actor=coordinator, merge=merge)
    assert Event.objects.get(action="person.merge_undone").changes["merge"] == merge.pk


def test_a_merge_breaking_a_unique_constraint_is_refused_and_changes_nothing(coordinator):
    a, b = register("Әлия"), register("Алия")
    meeting = activity()
    Attendance.objects.create(activity=meeting, person=a)
    Attendance.objects.create(activity=meeting, person=b)
    IdentityDocument.objects.create(person=b, kind="passport", number="N1")
    with pytest.raises(ValidationError, match="may be recorded only once"):
        person_merge(actor=coordinator, survivor=a, merged=b)
    assert IdentityDocument.objects.get().person == b
    assert not PersonMerge.objects.exists()
    b.refresh_from_db()
    assert b.merged_into is None


def test_two_records_abroad_are_refused_with_a_message(coordinator):
    a, b = register("Әлия"), register("Алия")
    AbroadRecord.objects.create(person=a, country="SY")
    AbroadRecord.objects.create(person=b, country="IQ")
    with pytest.raises(ValidationError, match="record abroad"):
        person_merge(actor=coordinator, survivor=a, merged=b)


def test_a_coordinator_of_another_region_may_not_merge(make_user):
    other = make_user(Role.REGIONAL_COORDINATOR, organisation="aqniet-almaty")
    a, b = register("Әлия"), register("Алия")
    with pytest.raises(PermissionDenied):
        person_merge(actor=other, survivor=a, merged=b)


def test_a_case_worker_may_not_merge(make_user):
    worker = make_user(Role.CASE_WORKER, permissions=["children"])
    a, b = register("Әлия"), register("Алия")
    with pytest.raises(PermissionDenied):
        person_merge(actor=worker, survivor=a, merged=b)


def test_merging_a_child_needs_the_children_permission(make_user, coordinator):
    plain = make_user(Role.REGIONAL_COORDINATOR)
    a = register("Әли", sex="male", birth=(2017, 4, 1))
    b = register("Али", sex="male", birth=(2017, 4, 1))
    with pytest.raises(PermissionDenied):
        person_merge(actor=plain, survivor=a, merged=b)
    person_merge(actor=coordinator, survivor=a, merged=b)


def test_a_tracing_officer_merges_from_the_pages_and_undoes_it(make_user):
    tracer = make_user(Role.TRACING_OFFICER)
    a, b = register("Әлия"), register("Алия")
    client = client_for(tracer)
    assert "/merge/" in client.get(f"/people/{a.pk}/").content.decode()
    found = client.get(f"/tracing/people/{a.pk}/merge/", {"q": "Алия"}).context["found"]
    assert b in list(found)
    page = client.get(f"/tracing/people/{a.pk}/merge/{b.pk}/")
    assert page.status_code == 200 and page.context["preview"][0]["count"] == 1
    assert client.post(f"/tracing/people/{a.pk}/merge/{b.pk}/").status_code == 302
    merge = PersonMerge.objects.get()
    assert "Undo" in client.get(f"/people/{a.pk}/").content.decode()
    asked = client.post(f"/tracing/merges/{merge.pk}/undo/")
    assert asked.status_code == 200 and PersonMerge.objects.get().undone_at is None
    client.post(f"/tracing/merges/{merge.pk}/undo/", {"confirm": "yes"})
    assert PersonMerge.objects.get().undone_at is not None
    b.refresh_from_db()
    assert b.merged_into is None and PersonName.objects.filter(person=b).count() == 1


def second_membership(user, role, organisation, scope):
    from reintegra.accounts import services as account_services
    from reintegra.core.access import forget_access

    account_services.membership_grant(
        actor=None,
        user=user,
        organisation=Organisation.objects.get(code=organisation),
        role=role,
        scope=scope,
        permissions=[],
    )
    forget_access(user)


def test_the_merging_role_and_the_reach_over_both_people_must_be_one_membership(make_user):
    # Given a tracing officer of the Almaty region, who is also a case worker in Aktau
    officer = make_user(Role.TRACING_OFFICER, organisation="aqniet-almaty", scope="region")
    second_membership(officer, Role.CASE_WORKER, AKTAU, "organisation")
    a, b = register("Әлия"), register("Алия")
    # When the officer merges two people of Aktau, whom only the case work lets them change
    with pytest.raises(PermissionDenied) as refused:
        person_merge(actor=officer, survivor=a, merged=b)
    # Then the merge is refused, and nothing changes
    assert "memberships" in str(refused.value)
    b.refresh_from_db()
    assert b.merged_into is None and not PersonMerge.objects.exists()
    assert not Event.objects.filter(action="person.merged").exists()
    # Nor is the merge offered on the person's page
    assert "/merge/" not in client_for(officer).get(f"/people/{a.pk}/").content.decode()


def test_people_reached_by_two_merging_memberships_one_each_may_not_be_merged(make_user):
    # Given a tracing officer of the Almaty region and of the Mangystau region (Aktau)
    officer = make_user(Role.TRACING_OFFICER, organisation="aqniet-almaty", scope="region")
    second_membership(officer, Role.TRACING_OFFICER, AKTAU, "region")
    a, b = register("Әлия"), register("Алия", org="aqniet-almaty")
    # Then one person of each may not be merged: no one membership reaches both
    with pytest.raises(PermissionDenied):
        person_merge(actor=officer, survivor=a, merged=b)
    # While two people of Aktau may, through the Aktau membership
    c = register("Алия")
    record = person_merge(actor=officer, survivor=a, merged=c)
    assert record.merged == c
    assert Event.objects.filter(action="person.merged", actor=officer).exists()


def test_a_merging_membership_that_reaches_both_people_is_enough(make_user):
    # Given a case worker of Almaty who is also a tracing officer of Aktau's region
    officer = make_user(Role.CASE_WORKER, organisation="aqniet-almaty")
    second_membership(officer, Role.TRACING_OFFICER, AKTAU, "region")
    a, b = register("Әлия"), register("Алия")
    # Then the tracing membership alone gives both rights, and the merge and its undoing go through
    record = person_merge(actor=officer, survivor=a, merged=b)
    person_merge_undo(actor=officer, merge=record)
    assert PersonMerge.objects.get().undone_at is not None


def test_a_merge_and_its_undo_keep_each_cases_copy_of_its_persons_age(coordinator):
    from reintegra.cases.tallies import differences

    a, b = register("Әлия", birth=(1990, 1, 2)), register("Алия", birth=(2010, 6, 1))
    aktau = Organisation.objects.get(code=AKTAU)
    case = case_services.case_open(actor=None, person=b, program="prevention", organisation=aktau)
    assert case.person_adult_on == dt.date(2028, 6, 1)
    merge = person_merge(actor=coordinator, survivor=a, merged=b)
    case.refresh_from_db()
    assert case.person_adult_on == dt.date(2008, 1, 2) and not differences()
    person_merge_undo(actor=coordinator, merge=merge)
    case.refresh_from_db()
    assert case.person_adult_on == dt.date(2028, 6, 1) and not differences()


def test_the_merge_search_offers_only_people_one_merging_membership_reaches_with_this_one(
    make_user,
):
    # Given a tracing officer of the Almaty region who is also a case worker in Aktau, and a
    # tracing officer of Aktau's region too
    officer = make_user(Role.TRACING_OFFICER, organisation="aqniet-almaty", scope="region")
    second_membership(officer, Role.CASE_WORKER, AKTAU, "organisation")
    a = register("Әлия", org="aqniet-almaty")
    in_almaty, in_aktau = register("Алия", org="aqniet-almaty"), register("Алия")
    # When the officer looks for a duplicate of an Almaty person
    page = client_for(officer).get(f"/tracing/people/{a.pk}/merge/", {"q": "Алия"})
    # Then only the Almaty namesake is offered: the Aktau one is theirs to change only as a
    # case worker, and the merge would refuse it
    assert list(page.context["found"]) == [in_almaty]
    assert in_aktau not in list(page.context["found"])


def test_the_merge_confirmation_marks_the_details_that_differ(make_user):
    # Given two records of one woman, with dates of birth that disagree
    tracer = make_user(Role.TRACING_OFFICER)
    a, b = register("Әлия"), register("Алия", birth=(1990, 2, 1))
    # When the tracing officer opens the merge confirmation
    page = client_for(tracer).get(f"/tracing/people/{a.pk}/merge/{b.pk}/")
    # Then the dates are marked as differing, the sexes are not, and the page says what is kept
    assert page.context["differs"] == {
        "sex": False, "birth": True, "birth_place": False, "citizenship": False,
    }  # fmt: skip
    html = page.content.decode()
    assert 'data-testid="merge-differences"' in html and html.count('class="differs"') == 2
    # And seeing both records in full is an access entry for each
    seen = Event.objects.filter(action="person.viewed", reason="merge", actor=tracer)
    assert sorted(seen.values_list("object_id", flat=True)) == sorted([str(a.pk), str(b.pk)])
    # And two identical records are merged without the warning
    c = register("Алия")
    page = client_for(tracer).get(f"/tracing/people/{a.pk}/merge/{c.pk}/")
    assert 'data-testid="merge-differences"' not in page.content.decode()


def test_the_undo_question_is_shown_again_on_a_plain_load(coordinator):
    # A language switch reloads the page it was on: the question is asked again, nothing undone
    a, b = register("Әлия"), register("Алия")
    merge = person_merge(actor=coordinator, survivor=a, merged=b)
    page = client_for(coordinator).get(f"/tracing/merges/{merge.pk}/undo/")
    assert page.status_code == 200 and PersonMerge.objects.get(pk=merge.pk).undone_at is None
