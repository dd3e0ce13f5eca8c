"""The administration site writes through the services: validated, audited, nothing deleted."""

import pytest

from reintegra.accounts.models import Membership, User
from reintegra.audit.models import Event
from reintegra.core.models import Organisation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_user_through_the_service(administrator):
    client = client_for(administrator)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new.worker",
            "password1": "Жаңа-қызметкер-2026",
            "password2": "Жаңа-қызметкер-2026",
            "first_name": "Айдана",
            "last_name": "Нұрланова",
            "email": "",
            "profession": "",
            "language": "",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new.worker")
    assert user.check_password("Жаңа-қызметкер-2026")
    assert Event.objects.get(action="user.created", object_id=str(user.pk)).actor == administrator


def test_an_administrator_grants_and_revokes_a_membership(administrator, make_user):
    user = make_user(None)
    client = client_for(administrator)
    response = client.post(
        "/admin/accounts/membership/add/",
        {
            "user": user.pk,
            "organisation": Organisation.objects.get(code="aqniet-almaty").pk,
            "role": "case_worker",
            "scope": "own",
            "permissions": '["children"]',
            "valid_from": "2026-01-01",
            "valid_until": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=user)
    assert membership.permissions == ["children"]
    assert Event.objects.filter(action="membership.granted", object_id=str(membership.pk)).exists()
    client.post(
        "/admin/accounts/membership/",
        {"action": "revoke", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert membership.revoked_at is not None


def test_nothing_can_be_deleted_from_the_administration_site(administrator, case_worker):
    response = client_for(administrator).get(f"/admin/accounts/user/{case_worker.pk}/delete/")
    assert response.status_code == 403
