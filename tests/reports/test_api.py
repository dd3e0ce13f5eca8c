"""The indicators over the API give what the dashboard gives, within the same scopes."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from reintegra.core.roles import Role, Scope
from reintegra.reports.indicators import REGISTRY
from tests.reports.conftest import page

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_lists_every_indicator_with_its_definition(families, user_of_role):
    listed = api(user_of_role(Role.NATIONAL_ANALYST)).get("/api/indicators/").json()
    assert [item["code"] for item in listed] == list(REGISTRY)
    assert all(item["description"] for item in listed)


def test_a_figure_from_the_api_equals_the_dashboards(families, make_user):
    coordinator = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION, permissions=["children"])
    dashboard = page(coordinator)
    shown = next(p for p in dashboard.context["panels"] if p.slug == "returns-returned-category")
    scope = dashboard.context["current"]
    data = (
        api(coordinator)
        .get("/api/indicators/returns.returned/", {"by": "category", "scope": scope})
        .json()
    )
    assert data["total"]["value"] == shown.total.value
    assert sorted(r["value"] for r in data["rows"]) == sorted(c.value for c in shown.cells)


def test_the_api_keeps_the_scopes_and_explains_bad_questions(families, make_user, user_of_role):
    coordinator = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION)
    client = api(coordinator)
    assert client.get("/api/indicators/cases.open/", {"scope": "national"}).status_code == 403
    assert client.get("/api/indicators/no.such/").status_code == 404
    bad = client.get("/api/indicators/returns.women_employed_pct/", {"by": "program"})
    assert bad.status_code == 400 and "program" in bad.json()["by"]
    assert client.get("/api/indicators/cases.open/", {"as_of": "2024-13-01"}).status_code == 400
    auditor = api(user_of_role(Role.AUDITOR))
    assert auditor.get("/api/indicators/").status_code == 403
