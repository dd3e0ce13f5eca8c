"""Shared fixtures: reference data, and users of every role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from reintegra.accounts import services as account_services
from reintegra.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from reintegra.accounts.models import User
from reintegra.core.models import Organisation
from reintegra.core.roles import Profession, Role
from reintegra.core.services import reference_data_load

PASSWORD = DEMO_PASSWORD


@pytest.fixture
def reference_data(db):
    reference_data_load(actor=None)


@pytest.fixture
def make_user(db, reference_data):
    """make_user(role, scope=..., organisation="aqniet-aktau", permissions=(), ...) -> User"""
    counter = {"n": 0}

    def make(
        role: str | None = Role.CASE_WORKER,
        *,
        scope: str | None = None,
        organisation: str = "aqniet-aktau",
        permissions=(),
        profession: str = "",
        valid_from: dt.date | None = None,
        valid_until: dt.date | None = None,
        username: str | None = None,
    ) -> User:
        counter["n"] += 1
        if role == Role.SPECIALIST and not profession:
            profession = Profession.PSYCHOLOGIST
        user = account_services.user_create(
            actor=None,
            username=username or f"{role or 'nobody'}-{counter['n']}",
            password=PASSWORD,
            profession=profession,
        )
        if role is not None:
            account_services.membership_grant(
                actor=None,
                user=user,
                organisation=Organisation.objects.get(code=organisation),
                role=role,
                scope=scope or DEFAULT_SCOPES[role],
                permissions=permissions,
                valid_from=valid_from,
                valid_until=valid_until,
            )
        return user

    return make


DEFAULT_SCOPES = {demo.role: demo.scope for demo in DEMO_USERS}
DEFAULT_ORGANISATIONS = {demo.role: demo.organisation for demo in DEMO_USERS}


@pytest.fixture
def user_of_role(make_user):
    """One user of each role, like the demo users."""
    cache: dict[str, User] = {}

    def get(role: str) -> User:
        if role not in cache:
            cache[role] = make_user(role, organisation=DEFAULT_ORGANISATIONS[role])
        return cache[role]

    return get


@pytest.fixture
def expired_user(make_user):
    today = timezone.localdate()
    return make_user(
        Role.CASE_WORKER,
        valid_from=today - dt.timedelta(days=30),
        valid_until=today - dt.timedelta(days=1),
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def administrator(user_of_role):
    return user_of_role(Role.ADMINISTRATOR)


@pytest.fixture
def auditor(user_of_role):
    return user_of_role(Role.AUDITOR)


@pytest.fixture
def case_worker(user_of_role):
    return user_of_role(Role.CASE_WORKER)
