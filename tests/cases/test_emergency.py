"""Emergency access: a reason first, read-only, limited in time, audited, overseen."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.audit.models import Event
from reintegra.cases import emergency, services
from reintegra.cases.models import Case, EmergencyAccess
from reintegra.core.access import VIEW
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.models import Person
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

REASON = "The person called the Almaty hotline in crisis; we need her plan and contacts."


@pytest.fixture
def outsider(make_user):
    """A case worker of AQNIET Almaty: the Aktau case is outside her scope."""
    return make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-almaty")


def can_read(user, case) -> bool:
    return Case.objects.restrict(user, VIEW).filter(pk=case.pk).exists()


def test_a_case_outside_ones_scope_opens_for_reading_after_a_reason(outsider, case):
    assert not can_read(outsider, case)

    grant = emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=REASON)

    assert can_read(outsider, case)
    assert Person.objects.restrict(outsider, VIEW).filter(pk=case.person_id).exists()
    event = Event.objects.filter(action="case.emergency_access").get()
    assert event.actor == outsider and event.reason == REASON
    assert event.object_id == str(case.pk)
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=3)


def test_emergency_access_expires_after_three_hours(outsider, case):
    emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=REASON)
    later = timezone.now() + dt.timedelta(hours=3, seconds=1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        assert not can_read(outsider, case)
        assert emergency.emergency_access_held(outsider, case) is None


def test_the_duration_is_configuration(outsider, case, settings):
    settings.EMERGENCY_ACCESS_HOURS = 1
    grant = emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=REASON)
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=1)


@pytest.mark.parametrize("reason", ["", "   ", "urgent"])
def test_no_access_without_a_real_reason(outsider, case, reason):
    with pytest.raises(ValidationError) as error:
        emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=reason)
    assert "reason" in error.value.message_dict
    assert not EmergencyAccess.objects.exists()
    assert not can_read(outsider, case)


def test_emergency_access_is_for_reading_only(outsider, case):
    emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=REASON)

    with pytest.raises(PermissionDenied):
        services.service_record(
            actor=outsider, case=case, kind="conversation", date=timezone.localdate()
        )
    with pytest.raises(PermissionDenied):
        services.case_update(
            actor=outsider, case=case, expected_version=case.version, case_worker=outsider
        )


@pytest.mark.parametrize("role", [Role.NATIONAL_ANALYST, Role.PARTNER, Role.AUDITOR])
def test_roles_without_personal_records_cannot_break_the_glass(make_user, case, role):
    with pytest.raises(PermissionDenied):
        emergency.emergency_access_open(actor=make_user(role), case_id=case.pk, reason=REASON)


def test_a_childs_case_still_needs_the_children_permission(outsider, make_user, actors):
    almaty_worker_with_children = make_user(
        Role.CASE_WORKER,
        scope=Scope.ORGANISATION,
        organisation="aqniet-almaty",
        permissions=["children"],
    )
    aktau = Organisation.objects.get(code="aqniet-aktau")
    child = person_register(
        actor=None,
        organisation=aktau,
        sex="male",
        birth=PartialDate.of(timezone.localdate().year - 8, 3, 3),
        names=[NameInput(script="kk-Cyrl", surname="Досанов", given_name="Әли")],
    )
    child_case = services.case_open(
        actor=None, person=child, program="returnee", organisation=aktau
    )

    with pytest.raises(PermissionDenied):
        emergency.emergency_access_open(actor=outsider, case_id=child_case.pk, reason=REASON)
    emergency.emergency_access_open(
        actor=almaty_worker_with_children, case_id=child_case.pk, reason=REASON
    )
    assert can_read(almaty_worker_with_children, child_case)


def test_nobody_breaks_the_glass_on_a_case_they_already_reach(actors, case):
    with pytest.raises(ValidationError):
        emergency.emergency_access_open(actor=actors["worker"], case_id=case.pk, reason=REASON)


def test_the_coordinator_of_the_case_and_the_auditor_see_the_grant(
    outsider, case, actors, make_user
):
    grant = emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=REASON)
    auditor = make_user(Role.AUDITOR, scope=Scope.NATIONAL, organisation="aqniet")

    assert list(emergency.emergency_access_overseen(actors["coordinator"])) == [grant]
    assert list(emergency.emergency_access_overseen(auditor)) == [grant]
    assert list(emergency.emergency_access_overseen(actors["far_coordinator"])) == []
    assert list(emergency.emergency_access_overseen(actors["worker"])) == []

    page = client_for(actors["coordinator"]).get(reverse("cases:emergency_list"))
    assert REASON in page.content.decode()
    assert outsider.username in page.content.decode()


def test_the_holder_or_the_coordinator_ends_it_early_and_the_auditor_cannot(
    outsider, case, actors, auditor
):
    grant = emergency.emergency_access_open(actor=outsider, case_id=case.pk, reason=REASON)
    with pytest.raises(PermissionDenied):
        emergency.emergency_access_end(actor=auditor, grant=grant)

    emergency.emergency_access_end(actor=actors["coordinator"], grant=grant)

    assert not can_read(outsider, case)
    assert Event.objects.filter(action="case.emergency_access_ended").count() == 1


def test_the_case_page_asks_for_a_reason_and_then_shows_the_case_with_a_warning(outsider, case):
    client = client_for(outsider)
    url = reverse("cases:case_detail", args=[case.pk])

    first = client.get(url)
    assert first.status_code == 302
    assert first["Location"] == reverse("cases:emergency_access", args=[case.pk])
    form = client.get(first["Location"])
    assert "Досанова" not in form.content.decode(), "nothing of the case before the reason"

    refused = client.post(first["Location"], {"reason": "need it"})
    assert refused.status_code == 200 and not EmergencyAccess.objects.exists()

    opened = client.post(first["Location"], {"reason": REASON}, follow=True)
    page = opened.content.decode()
    assert "Досанова" in page
    assert 'data-testid="emergency-banner"' in page
    assert reverse("cases:service_add", args=[case.pk]) not in page
    viewed = Event.objects.filter(kind="access", object_id=str(case.pk)).latest("seq")
    assert viewed.actor == outsider and viewed.reason.startswith("emergency access")


def test_analysts_are_refused_the_case_page_not_offered_the_glass(user_of_role, case):
    response = client_for(user_of_role(Role.NATIONAL_ANALYST)).get(
        reverse("cases:emergency_access", args=[case.pk])
    )
    assert response.status_code == 403
