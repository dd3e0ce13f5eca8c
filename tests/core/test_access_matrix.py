"""Every route, every role: the response matches the declared access matrix.

The expected outcome is read from the matrix's data here, independently of the code that
enforces it; a route without an entry, or without a sample below, fails the sweep.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reintegra.audit.models import Event
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role
from reintegra.core.routes import ACCESS_MATRIX, NAMESPACE_MATRIX, PUBLIC, SIGNED_IN
from tests.conftest import client_for

# Keyword arguments for routes that take them: route name -> function returning kwargs.
SAMPLES = {
    "core:organisation_detail": lambda: {"pk": Organisation.objects.get(code="aqniet").pk},
    "audit:event_detail": lambda: {"pk": Event.objects.order_by("seq").first().pk},
    "api:region-detail": lambda: {"pk": Region.objects.first().pk},
    "api:organisation-detail": lambda: {"pk": Organisation.objects.first().pk},
    "api:event-detail": lambda: {"pk": Event.objects.order_by("seq").first().pk},
}
# Admin routes are declared as a namespace; the sweep opens these representatives of it.
ADMIN_SAMPLES = [
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:accounts_user_add",
    "admin:accounts_membership_changelist",
    "admin:core_organisation_changelist",
    "admin:core_region_changelist",
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


@pytest.fixture
def people(user_of_role, expired_user):
    users = {role: user_of_role(role) for role in Role.values}
    users["expired"] = expired_user
    # An audit entry exists (the users' creation), so detail routes have something to show.
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
