"""Transfers: one pending per case, decided by the receiving side, moving the case and keeping
the history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.cases import referrals, selectors
from reintegra.cases.models import Case, Transfer, TransferStatus
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role, Scope
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ALL = ["children", "identity_numbers", "legal_security"]


@pytest.fixture
def almaty():
    return Organisation.objects.get(code="aqniet-almaty")


@pytest.fixture
def almaty_worker(make_user):
    return make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-almaty")


def transfer(actors, case, organisation, reason="The family moved to Almaty."):
    return referrals.transfer_request(
        actor=actors["worker"], case=case, to_organisation=organisation, reason=reason
    )


def test_accepting_a_transfer_moves_the_case_and_keeps_the_history(
    actors, case, almaty, almaty_worker
):
    version = case.version
    pending = transfer(actors, case, almaty)
    assert not Case.objects.restrict(almaty_worker, "view").exists()
    assert list(selectors.transfers_waiting_for(almaty_worker)) == [pending]
    referrals.transfer_accept(actor=almaty_worker, transfer=pending)
    case.refresh_from_db()
    assert case.organisation == almaty and case.region == Region.objects.get(code="KZ-75")
    assert case.case_worker == almaty_worker
    assert case.version == version + 1
    assert list(Case.objects.restrict(almaty_worker, "view")) == [case]
    pending.refresh_from_db()
    assert pending.status == TransferStatus.ACCEPTED and pending.decided_by == almaty_worker
    assert pending.from_organisation.code == "aqniet-aktau"
    assert pending.from_region.code == "KZ-47"
    history = client_for(almaty_worker).get(f"/cases/{case.pk}/")
    assert list(history.context["transfers"]) == [pending]
    assert selectors.transfers_waiting_for(almaty_worker).count() == 0


def test_a_coordinator_accepting_leaves_the_case_for_someone_to_assign(actors, case, almaty):
    pending = transfer(actors, case, almaty)
    assert list(selectors.transfers_waiting_for(actors["far_coordinator"])) == [pending]
    referrals.transfer_accept(actor=actors["far_coordinator"], transfer=pending)
    case.refresh_from_db()
    assert case.organisation == almaty and case.case_worker is None


def test_a_case_has_one_pending_transfer_at_a_time(actors, case, almaty):
    first = transfer(actors, case, almaty)
    with pytest.raises(ValidationError) as error:
        transfer(actors, case, Organisation.objects.get(code="rc-karaganda"))
    assert "already has a transfer waiting" in error.value.message_dict["to_organisation"][0]
    referrals.transfer_cancel(actor=actors["worker"], transfer=first, reason="Stayed.")
    second = transfer(actors, case, Organisation.objects.get(code="rc-karaganda"))
    assert second.status == TransferStatus.PENDING
    assert Transfer.objects.filter(case=case).count() == 2


def test_declining_a_transfer_needs_a_reason_and_leaves_the_case(
    actors, case, almaty, almaty_worker
):
    pending = transfer(actors, case, almaty)
    with pytest.raises(ValidationError) as error:
        referrals.transfer_decline(actor=almaty_worker, transfer=pending, reason="")
    assert error.value.message_dict == {"reason": ["Say why the transfer is declined."]}
    referrals.transfer_decline(actor=almaty_worker, transfer=pending, reason="Not our area.")
    case.refresh_from_db()
    assert case.organisation.code == "aqniet-aktau" and case.case_worker == actors["worker"]
    with pytest.raises(ValidationError):
        referrals.transfer_accept(actor=almaty_worker, transfer=pending)


def test_only_the_receiving_side_decides_and_nobody_their_own_request(
    actors, case, almaty, almaty_worker, make_user
):
    pending = transfer(actors, case, almaty)
    for who in ("worker", "coordinator"):
        with pytest.raises(PermissionDenied):
            referrals.transfer_accept(actor=actors[who], transfer=pending)
    with pytest.raises(PermissionDenied):
        referrals.transfer_cancel(actor=almaty_worker, transfer=pending)
    referrals.transfer_cancel(actor=actors["worker"], transfer=pending)
    national = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.NATIONAL, permissions=ALL)
    own = referrals.transfer_request(
        actor=national, case=case, to_organisation=almaty, reason="Moved."
    )
    assert list(selectors.transfers_waiting_for(national)) == []
    with pytest.raises(PermissionDenied):
        referrals.transfer_accept(actor=national, transfer=own)
    referrals.transfer_accept(actor=almaty_worker, transfer=own)


def test_a_transfer_to_the_same_place_or_to_a_service_organisation_is_refused(actors, case):
    with pytest.raises(ValidationError) as error:
        transfer(actors, case, case.organisation)
    assert "already followed" in error.value.message_dict["to_organisation"][0]
    with pytest.raises(ValidationError) as error:
        transfer(actors, case, Organisation.objects.get(code="aktau-polyclinic"))
    assert "make a referral instead" in error.value.message_dict["to_organisation"][0]
    with pytest.raises(ValidationError) as error:
        transfer(actors, case, Organisation.objects.get(code="aqniet-almaty"), reason=" ")
    assert "reason" in error.value.message_dict


def test_every_step_of_a_transfer_is_in_the_audit_trail(actors, case, almaty, almaty_worker):
    first = transfer(actors, case, almaty)
    referrals.transfer_cancel(actor=actors["worker"], transfer=first)
    second = transfer(actors, case, almaty)
    referrals.transfer_decline(actor=almaty_worker, transfer=second, reason="Full.")
    third = transfer(actors, case, almaty)
    referrals.transfer_accept(actor=almaty_worker, transfer=third)
    actions = list(
        Event.objects.filter(action__startswith="transfer.").order_by("seq").values_list("action")
    )
    assert [a for (a,) in actions] == [
        *("transfer.requested", "transfer.cancelled", "transfer.requested"),
        *("transfer.declined", "transfer.requested", "transfer.accepted"),
    ]
    accepted = Event.objects.get(action="transfer.accepted")
    assert accepted.changes["case_worker"] == [actors["worker"].username, almaty_worker.username]


# --- Pages ---------------------------------------------------------------------------------------


def test_the_receiver_decides_from_the_transfer_page_seeing_only_what_it_needs(
    actors, case, almaty, almaty_worker
):
    pending = transfer(actors, case, almaty)
    client = client_for(almaty_worker)
    listing = client.get("/cases/transfers/")
    assert list(listing.context["waiting"]) == [pending]
    page = client.get(f"/cases/transfers/{pending.pk}/")
    text = page.content.decode()
    assert "Досанова Меруерт" in text and "The family moved to Almaty." in text
    assert f"/cases/{case.pk}/" not in text and page.context["may_decide"]
    assert client.get(f"/cases/{case.pk}/")["Location"].endswith("/emergency/")
    api = client.get(f"/api/transfers/{pending.pk}/").json()
    assert api["case"] is None and api["program"] == "returnee"
    accepted = client.post(f"/cases/transfers/{pending.pk}/", {"form": "accept"})
    assert accepted.status_code == 302 and accepted["Location"] == f"/cases/{case.pk}/"
    assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_the_sender_requests_and_cancels_from_the_pages(actors, case, almaty):
    client = client_for(actors["worker"])
    missing = client.post(f"/cases/{case.pk}/transfers/new/", {"to_organisation": almaty.pk})
    assert "Say why the case is transferred." in missing.content.decode()
    sent = client.post(
        f"/cases/{case.pk}/transfers/new/", {"to_organisation": almaty.pk, "reason": "Moved."}
    )
    assert sent.status_code == 302
    pending = Transfer.objects.get()
    again = client.get(f"/cases/{case.pk}/transfers/new/")
    assert again.context["pending"] == pending
    page = client.get(f"/cases/transfers/{pending.pk}/")
    assert page.context["may_cancel"] and not page.context["may_decide"]
    assert client.post(f"/cases/transfers/{pending.pk}/", {"form": "accept"}).status_code == 403
    client.post(f"/cases/transfers/{pending.pk}/", {"form": "cancel", "reason": "Stayed."})
    pending.refresh_from_db()
    assert pending.status == TransferStatus.CANCELLED and pending.decision_note == "Stayed."
    timeline = selectors.case_timeline(user=actors["worker"], case=case)
    assert {e.title for e in timeline if e.kind == "transfer"} == {
        "Transfer requested",
        "Transfer cancelled",
    }


def test_transfers_waiting_are_on_my_tasks_and_counted(actors, case, almaty, almaty_worker):
    transfer(actors, case, almaty)
    page = client_for(almaty_worker).get("/cases/tasks/")
    assert len(page.context["transfers_waiting"]) == 1
    assert selectors.work_counts(almaty_worker).transfers == 1
    assert selectors.work_counts(actors["worker"]).transfers == 0
