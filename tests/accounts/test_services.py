"""Accounts and memberships change only through their services, validated and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reintegra.accounts import services
from reintegra.accounts.models import User
from reintegra.audit.models import Event
from reintegra.core.access import access_context
from reintegra.core.models import Organisation
from reintegra.core.roles import Profession, Role, Scope, SensitivePermission

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Сенімді-құпиясөз-2026"


def test_an_administrator_creates_a_user_and_the_trail_says_who(administrator):
    user = services.user_create(
        actor=administrator, username="aliya", password=GOOD_PASSWORD, first_name="Әлия"
    )
    assert user.check_password(GOOD_PASSWORD)
    event = Event.objects.get(action="user.created", object_id=str(user.pk))
    assert event.actor == administrator


def test_only_an_administrator_creates_users(case_worker):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=case_worker, username="x1", password=GOOD_PASSWORD)
    assert not User.objects.filter(username="x1").exists()


@pytest.mark.parametrize("password", ["short", "password123", "1234567890123"])
def test_weak_passwords_are_refused(administrator, password):
    with pytest.raises(ValidationError) as error:
        services.user_create(actor=administrator, username="weak", password=password)
    assert "password" in error.value.message_dict
    assert not User.objects.filter(username="weak").exists()


def test_a_login_is_unique_regardless_of_case(administrator, case_worker):
    with pytest.raises(ValidationError):
        services.user_create(
            actor=administrator, username=case_worker.username.upper(), password=GOOD_PASSWORD
        )


def test_a_scope_that_does_not_fit_the_role_is_refused(administrator, case_worker):
    with pytest.raises(ValidationError) as error:
        services.membership_grant(
            actor=administrator,
            user=case_worker,
            organisation=Organisation.objects.get(code="aqniet"),
            role=Role.PARTNER,
            scope=Scope.OWN_CASELOAD,
        )
    assert "scope" in error.value.message_dict


def test_sensitive_permissions_are_given_only_to_roles_that_may_hold_them(administrator, make_user):
    analyst = make_user(None)
    with pytest.raises(ValidationError) as error:
        services.membership_grant(
            actor=administrator,
            user=analyst,
            organisation=Organisation.objects.get(code="aqniet"),
            role=Role.NATIONAL_ANALYST,
            scope=Scope.NATIONAL,
            permissions=[SensitivePermission.CHILDREN],
        )
    assert "permissions" in error.value.message_dict
    assert not analyst.memberships.exists()


def test_a_specialist_needs_a_profession(administrator, make_user):
    user = make_user(None)
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=administrator,
            user=user,
            organisation=Organisation.objects.get(code="aqniet-aktau"),
            role=Role.SPECIALIST,
            scope=Scope.TEAM,
        )
    services.user_update(actor=administrator, user=user, profession=Profession.IMAM)
    membership = services.membership_grant(
        actor=administrator,
        user=user,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        role=Role.SPECIALIST,
        scope=Scope.TEAM,
    )
    assert membership.role == Role.SPECIALIST


def test_an_end_date_before_the_start_is_refused(administrator, make_user):
    user = make_user(None)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=administrator,
            user=user,
            organisation=Organisation.objects.get(code="aqniet"),
            role=Role.AUDITOR,
            scope=Scope.NATIONAL,
            valid_from=today,
            valid_until=today - dt.timedelta(days=1),
        )


def test_revoking_a_membership_takes_effect_at_once(administrator, case_worker):
    assert access_context(case_worker).is_active
    services.membership_revoke(
        actor=administrator, membership=case_worker.memberships.get(), reason="moved to another job"
    )
    fresh = User.objects.get(pk=case_worker.pk)
    assert not access_context(fresh).is_active
    event = Event.objects.get(action="membership.revoked")
    assert event.reason == "moved to another job"


def test_users_may_not_change_their_own_profession(case_worker):
    with pytest.raises(PermissionDenied):
        services.user_update(actor=case_worker, user=case_worker, profession=Profession.DOCTOR)


def test_nobody_switches_off_their_own_account(administrator):
    with pytest.raises(ValidationError):
        services.user_set_active(actor=administrator, user=administrator, active=False)


def test_the_demo_users_cover_every_role():
    from reintegra.accounts.demo import DEMO_USERS

    assert {demo.role for demo in DEMO_USERS} == set(Role.values)


def test_the_demo_loader_is_idempotent(reference_data):
    from reintegra.accounts.demo import demo_users_create

    first = demo_users_create()
    second = demo_users_create()
    assert all(created for _demo, created in first)
    assert not any(created for _demo, created in second)
    assert User.objects.count() == len(first)
