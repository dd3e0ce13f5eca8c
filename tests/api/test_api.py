"""The JSON API: token and session authentication, the same access rules, a valid schema."""

import pytest
from rest_framework.test import APIClient

from reintegra.core.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_token_is_obtained_with_login_and_password_and_opens_the_api(case_worker):
    client = APIClient()
    response = client.post(
        "/api/auth/token/", {"username": case_worker.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/me/").json()
    assert me["username"] == case_worker.username
    assert [m["role"] for m in me["memberships"]] == [Role.CASE_WORKER]
    regions = client.get("/api/regions/").json()
    assert regions["count"] == 20


def test_a_wrong_password_gets_no_token(case_worker):
    response = APIClient().post(
        "/api/auth/token/", {"username": case_worker.username, "password": "wrong"}
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_the_api_refuses_anonymous_requests():
    assert APIClient().get("/api/regions/").status_code in (401, 403)


def test_the_audit_api_lists_entries_for_auditors_only(auditor, case_worker):
    client = APIClient()
    client.force_authenticate(auditor)
    body = client.get("/api/audit/events/", {"action": "user.created"}).json()
    assert body["count"] >= 2
    assert client.get("/api/audit/verify/").json()["ok"] is True
    client.force_authenticate(case_worker)
    assert client.get("/api/audit/events/").status_code == 403


def test_the_organisations_api_filters_by_kind(case_worker):
    client = APIClient()
    client.force_authenticate(case_worker)
    body = client.get("/api/organisations/", {"kind": "centre_branch"}).json()
    assert body["count"] == 6
    assert {o["parent"] for o in body["results"]} == {"aqniet"}


def test_the_openapi_schema_is_valid_and_lists_the_routes(case_worker):
    from drf_spectacular.validation import validate_schema

    client = APIClient()
    client.force_authenticate(case_worker)
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert {"/api/regions/", "/api/me/", "/api/audit/events/"} <= set(schema["paths"])


def test_the_documentation_page_loads_its_assets_locally(case_worker):
    client = APIClient()
    client.force_authenticate(case_worker)
    page = client.get("/api/docs/").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/" in page
