"""Referrals: under a consent, answered by the receiving organisation, which sees only what the
referral needs and never the case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.accounts.models import User
from reintegra.audit.models import Event
from reintegra.cases import referrals, selectors, services
from reintegra.cases.models import Case, Referral, ReferralStatus
from reintegra.core.access import access_object
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.iin import make_iin
from reintegra.people.models import Person
from reintegra.people.services import NameInput, person_register, relationship_record
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def polyclinic():
    return Organisation.objects.get(code="aktau-polyclinic")


@pytest.fixture
def receiver(make_user):
    return make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aktau-polyclinic")


def consent(person, kinds=("health",), given_on=dt.date(2020, 2, 1), given_by=None):
    return services.consent_record(
        actor=None,
        person=person,
        recipient_kinds=list(kinds),
        purpose="medical care",
        given_on=given_on,
        given_by=given_by,
    )


def refer(actor, case, organisation, kind="medical", need="A check-up and dental care."):
    return referrals.referral_request(
        actor=actor, case=case, to_organisation=organisation, service_kind=kind, need=need
    )


def test_a_referral_without_a_consent_for_that_kind_of_organisation_is_refused(
    actors, case, polyclinic
):
    consent(case.person, kinds=["education"])
    with pytest.raises(ValidationError) as error:
        refer(actors["worker"], case, polyclinic)
    assert error.value.message_dict["to_organisation"] == [
        "No consent of Досанова Меруерт covers sharing with Health organisation: "
        "record a consent for it first."
    ]
    assert not Referral.objects.exists()


def test_a_referral_under_a_consent_waits_for_the_receiving_organisation(
    actors, case, polyclinic, receiver
):
    given = consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    assert referral.status == ReferralStatus.PENDING
    assert referral.consent == given and referral.from_organisation == case.organisation
    assert list(selectors.referrals_waiting_for(receiver)) == [referral]
    assert list(selectors.referrals_waiting_for(actors["worker"])) == []
    assert selectors.work_counts(receiver).referrals == 1


def test_a_withdrawn_consent_stops_a_pending_referral_from_being_accepted(
    actors, case, polyclinic, receiver
):
    given = consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    services.consent_withdraw(actor=actors["worker"], consent=given)
    with pytest.raises(ValidationError) as error:
        referrals.referral_accept(actor=receiver, referral=referral)
    assert "can no longer be accepted" in error.value.messages[0]
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    with pytest.raises(ValidationError):
        refer(actors["worker"], case, polyclinic)


def test_the_receiver_sees_the_referral_but_never_the_case_or_the_person(
    actors, case, polyclinic, receiver
):
    consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    assert list(Referral.objects.restrict(receiver, "view")) == [referral]
    assert not Case.objects.restrict(receiver, "view").exists()
    assert not Person.objects.restrict(receiver, "view").exists()
    with pytest.raises(PermissionDenied):
        access_object(Case, receiver, case.pk, "view")
    client = client_for(receiver)
    # The case page is not shown: only the emergency-access form, which asks for a reason.
    case_page = client.get(f"/cases/{case.pk}/")
    assert case_page.status_code == 302 and case_page["Location"].endswith("/emergency/")
    assert client.get(f"/people/{case.person_id}/").status_code == 403
    page = client.get(f"/cases/referrals/{referral.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Досанова Меруерт" in text and "A check-up and dental care." in text
    assert "1987" in text and str(case.organisation) in text
    assert f"/cases/{case.pk}/" not in text
    api = client.get(f"/api/referrals/{referral.pk}/").json()
    assert api["case"] is None
    assert api["person"] == {
        "display_name": "Досанова Меруерт",
        "sex": "female",
        "birth_year": 1987,
        "age": selectors_age(case.person),
    }
    assert client.get(f"/api/cases/{case.pk}/").status_code in (403, 404)


def selectors_age(person):
    from reintegra.cases.referral_selectors import age_of

    return age_of(person)


def test_the_sender_sees_the_referral_with_its_case(actors, case, polyclinic):
    consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    client = client_for(actors["worker"])
    assert client.get(f"/api/referrals/{referral.pk}/").json()["case"] == case.pk
    detail = client.get(f"/cases/{case.pk}/")
    assert referral.get_service_kind_display() in detail.content.decode()
    assert list(detail.context["referrals"]) == [referral]


def test_the_sender_cannot_answer_its_own_referral(actors, case, polyclinic):
    consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    for who in ("worker", "coordinator"):
        with pytest.raises(PermissionDenied):
            referrals.referral_accept(actor=actors[who], referral=referral)


def test_declining_needs_a_reason_which_the_sender_reads(actors, case, polyclinic, receiver):
    consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    with pytest.raises(ValidationError) as error:
        referrals.referral_decline(actor=receiver, referral=referral, reason="  ")
    assert error.value.message_dict == {"reason": ["Say why the referral is declined."]}
    referrals.referral_decline(actor=receiver, referral=referral, reason="No dentist this month.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED and referral.decided_by == receiver
    assert "No dentist this month." in client_for(actors["worker"]).get(
        f"/cases/{case.pk}/"
    ).content.decode("utf-8")
    with pytest.raises(ValidationError):
        referrals.referral_accept(actor=receiver, referral=referral)


def test_an_accepted_referral_is_completed_with_its_outcome(actors, case, polyclinic, receiver):
    consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    with pytest.raises(ValidationError):
        referrals.referral_complete(actor=receiver, referral=referral, outcome="Done.")
    referrals.referral_accept(actor=receiver, referral=referral)
    with pytest.raises(ValidationError) as error:
        referrals.referral_complete(actor=receiver, referral=referral, outcome="")
    assert "outcome" in error.value.message_dict
    today = dt.date.today()
    referrals.referral_complete(
        actor=receiver, referral=referral, outcome="Teeth treated.", service_given_on=today
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.outcome == "Teeth treated." and referral.service_given_on == today
    timeline = selectors.case_timeline(user=actors["worker"], case=case)
    titles = {e.title for e in timeline if e.kind == "referral"}
    assert titles == {"Referral made", "Referral accepted", "Referral completed"}


def test_every_step_of_a_referral_is_in_the_audit_trail(actors, case, polyclinic, receiver):
    consent(case.person)
    referral = refer(actors["worker"], case, polyclinic)
    referrals.referral_accept(actor=receiver, referral=referral)
    referrals.referral_complete(actor=receiver, referral=referral, outcome="Done.")
    actions = list(
        Event.objects.filter(action__startswith="referral.")
        .order_by("seq")
        .values_list("action", "actor_username")
    )
    assert actions == [
        ("referral.requested", actors["worker"].username),
        ("referral.accepted", receiver.username),
        ("referral.completed", receiver.username),
    ]


def test_a_childs_referral_reaches_only_receivers_with_the_children_permission(
    actors, make_user, polyclinic, receiver
):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    mother = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1990, 1, 1),
        names=[NameInput(script="kk-Cyrl", surname="Нұрова", given_name="Айнұр")],
    )
    child = person_register(
        actor=None,
        organisation=aktau,
        sex="male",
        birth=PartialDate(dt.date.today() - dt.timedelta(days=8 * 365)),
        iin="",
        names=[NameInput(script="kk-Cyrl", surname="Нұров", given_name="Алихан")],
    )
    relationship_record(actor=None, person=child, relative=mother, kind="mother")
    consent(child, given_on=dt.date.today(), given_by=mother)
    child_case = services.case_open(
        actor=None, person=child, program="returnee", organisation=aktau
    )
    referral = refer(actors["coordinator"], child_case, polyclinic, kind="medical")
    assert not Referral.objects.restrict(receiver, "view").exists()
    allowed = make_user(Role.CASE_WORKER, organisation="aktau-polyclinic", permissions=["children"])
    assert list(Referral.objects.restrict(allowed, "view")) == [referral]
    assert not Case.objects.restrict(allowed, "view").exists()


def test_a_referral_to_the_cases_own_organisation_or_without_a_note_is_refused(
    actors, case, polyclinic
):
    consent(case.person)
    with pytest.raises(ValidationError) as error:
        refer(actors["worker"], case, case.organisation)
    assert "to_organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        refer(actors["worker"], case, polyclinic, need=" ")
    assert "need" in error.value.message_dict


# --- Pages ---------------------------------------------------------------------------------------


def test_referring_from_the_case_page_shows_a_missing_consent_on_the_form(actors, case, polyclinic):
    client = client_for(actors["worker"])
    data = {"to_organisation": polyclinic.pk, "service_kind": "medical", "need": "Check-up."}
    refused = client.post(f"/cases/{case.pk}/referrals/new/", data)
    assert refused.status_code == 200
    assert "record a consent for it first" in refused.content.decode()
    consent(case.person)
    sent = client.post(f"/cases/{case.pk}/referrals/new/", data)
    assert sent.status_code == 302 and sent["Location"] == f"/cases/{case.pk}/"
    assert Referral.objects.get().need == "Check-up."


def test_the_receiver_accepts_declines_and_completes_from_the_referral_page(
    actors, case, polyclinic, receiver
):
    consent(case.person)
    first = refer(actors["worker"], case, polyclinic)
    second = refer(actors["worker"], case, polyclinic, kind="psychological")
    client = client_for(receiver)
    no_reason = client.post(f"/cases/referrals/{first.pk}/", {"form": "decline", "reason": ""})
    assert no_reason.status_code == 200
    assert "Say why the referral is declined." in no_reason.content.decode()
    client.post(f"/cases/referrals/{first.pk}/", {"form": "decline", "reason": "Full."})
    client.post(f"/cases/referrals/{second.pk}/", {"form": "accept"})
    client.post(f"/cases/referrals/{second.pk}/", {"form": "complete", "outcome": "Seen."})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("declined", "completed")
    sender = client_for(actors["worker"])
    assert sender.post(f"/cases/referrals/{first.pk}/", {"form": "accept"}).status_code == 403


def test_the_inbox_filters_by_status(actors, case, polyclinic, receiver):
    consent(case.person)
    pending = refer(actors["worker"], case, polyclinic)
    declined = refer(actors["worker"], case, polyclinic, kind="psychological")
    referrals.referral_decline(actor=receiver, referral=declined, reason="No psychologist.")
    client = client_for(receiver)
    assert list(client.get("/cases/referrals/").context["page"]) == [declined, pending]
    assert list(client.get("/cases/referrals/", {"status": "pending"}).context["page"]) == [pending]
    empty = client.get("/cases/referrals/", {"status": "completed"})
    assert "No referral with this status." in empty.content.decode()
    assert "has been addressed to your organisation" in client_for(actors["worker"]).get(
        "/cases/referrals/"
    ).content.decode("utf-8")


def test_the_inbox_costs_the_same_queries_for_more_referrals(actors, case, polyclinic, receiver):
    consent(case.person)
    refer(actors["worker"], case, polyclinic)
    client = client_for(receiver)
    client.get("/cases/referrals/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/cases/referrals/").status_code == 200
    aktau = Organisation.objects.get(code="aqniet-aktau")
    for number in range(5):
        person = person_register(
            actor=None,
            organisation=aktau,
            sex="male",
            birth=PartialDate.of(1980 + number, 1, 1),
            iin=make_iin(dt.date(1980 + number, 1, 1), "male", 10 + number),
            names=[NameInput(script="kk-Cyrl", surname="Омаров", given_name=f"Ерлан{number}")],
        )
        consent(person)
        other = services.case_open(
            actor=None, person=person, program="returnee", organisation=aktau
        )
        refer(actors["worker"], other, polyclinic)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/cases/referrals/")
    assert len(page.context["page"]) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_referrals_waiting_are_on_my_tasks_and_counted_in_the_navigation(
    actors, case, polyclinic, receiver
):
    consent(case.person)
    refer(actors["worker"], case, polyclinic)
    page = client_for(receiver).get("/cases/tasks/")
    assert len(page.context["referrals_waiting"]) == 1
    assert "Досанова Меруерт" in page.content.decode()
    tasks = next(s for s in page.context["nav_sections"] if s["route"] == "cases:task_list")
    assert tasks["count"] == 1


def test_the_demo_has_answered_and_pending_referrals_under_consents_and_a_transfer(
    reference_data,
):
    from reintegra.accounts.demo import demo_users_create
    from reintegra.cases.models import Transfer
    from reintegra.demo.dataset import demo_dataset_load
    from reintegra.returns.services import operations_load

    operations_load(actor=None)
    demo_users_create()
    demo_dataset_load()
    made = Referral.objects.select_related("case__organisation", "consent", "to_organisation")
    assert {r.status for r in made} == {"pending", "accepted", "declined", "completed"}
    for referral in made:
        assert referral.case.organisation.code == "aqniet-aktau"
        assert referral.consent.covers(referral.to_organisation.kind, dt.date.today())
    inbox = client_for(User.objects.get(username="cw-aktau-polyclinic")).get("/cases/referrals/")
    assert len(inbox.context["page"]) == 3
    pending = Transfer.objects.get()
    almaty = User.objects.get(username="cw-aqniet-almaty")
    assert list(selectors.transfers_waiting_for(almaty)) == [pending]


def test_the_same_referral_sent_twice_is_refused_while_the_first_waits(actors, case, polyclinic):
    consent(case.person)
    refer(actors["worker"], case, polyclinic)
    with pytest.raises(ValidationError, match="already waiting"):
        refer(actors["worker"], case, polyclinic)
    assert Referral.objects.filter(case=case).count() == 1
    refer(actors["worker"], case, polyclinic, kind="legal_aid")  # another service is fine
