"""Pages link only to pages their reader may open: no link leads to "access denied"."""

from __future__ import annotations

import re

import pytest
from django.urls import Resolver404, resolve

from reintegra.core.roles import Role
from reintegra.core.routes import may_open
from reintegra.people.models import Sex
from tests.conftest import client_for
from tests.tracing.conftest import register

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#?]*)')


def forbidden_links(user, path: str) -> list[str]:
    response = client_for(user).get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, path
    forbidden = []
    for href in set(HREF.findall(response.content.decode())):
        try:
            match = resolve(href)
        except Resolver404:
            continue
        if not may_open(user, match.view_name):
            forbidden.append(href)
    return sorted(forbidden)


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.REGIONAL_COORDINATOR])
def test_the_tracing_pages_offer_imported_lists_only_to_tracers(user_of_role, role):
    assert forbidden_links(user_of_role(role), "/tracing/abroad/") == []
    assert forbidden_links(user_of_role(role), "/tracing/abroad/report/") == []


def test_a_tracer_is_not_offered_to_open_a_case(user_of_role, case_worker):
    person = register(case_worker, "Бакиров", "Бауыржан", Sex.MALE, 1985, 3, 2)
    tracer = user_of_role(Role.TRACING_OFFICER)
    response = client_for(tracer).get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Open a case" not in response.content.decode()
    assert forbidden_links(tracer, f"/people/{person.pk}/") == []
    assert "Open a case" in client_for(case_worker).get(f"/people/{person.pk}/").content.decode()
