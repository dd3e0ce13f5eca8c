"""The dashboards: who sees which scope, numbers equal the indicators, drill-down to the list."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role, Scope
from reintegra.reports.indicators import Query, evaluate
from tests.conftest import client_for
from tests.reports.conftest import page

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def coordinator(make_user):
    return make_user(
        Role.REGIONAL_COORDINATOR, scope=Scope.REGION, permissions=["children", "legal_security"]
    )


def panel(response, slug):
    return next(item for item in response.context["panels"] if item.slug == slug)


def test_an_analyst_sees_the_national_figures_as_numbers_only(families, user_of_role):
    response = page(user_of_role(Role.NATIONAL_ANALYST))
    assert response.status_code == 200
    assert response.context["current"] == "national"
    by_category = panel(response, "returns-returned-category")
    assert {c.label: c.value for c in by_category.cells} == {"women": 3, "children": 1}
    assert all(c.url is None for c in by_category.cells), "no list behind figures for analysts"
    assert 'href="/people/' not in response.content.decode()


def test_a_coordinator_sees_their_region_and_may_not_ask_for_the_country(families, coordinator):
    response = page(coordinator)
    mangystau = Region.objects.get(pk=Organisation.objects.get(code="aqniet-aktau").region_id)
    assert response.context["current"] == f"region:{mangystau.code}"
    headline = response.context["headlines"][0]
    assert headline.table.indicator.code == "returns.returned" and headline.total.value == 3
    assert page(coordinator, scope="national").status_code == 403
    assert page(coordinator, scope="region:almaty-city").status_code == 403


def test_a_number_leads_to_the_list_of_exactly_those_people(families, coordinator):
    response = page(coordinator)
    women = next(c for c in panel(response, "returns-returned-category").cells if c.value == 2)
    assert women.url.startswith("/people/?")
    listed = client_for(coordinator).get(women.url)
    assert listed.context["page"].paginator.count == 2
    cases = panel(response, "cases-open-program").cells[0]
    assert client_for(coordinator).get(cases.url).context["page"].paginator.count == cases.value


def test_the_chart_data_are_the_indicator_values(families, user_of_role):
    response = page(user_of_role(Role.NATIONAL_ANALYST), to="2024-01-01")
    item = panel(response, "returns-returned-operation")
    data = json.loads(
        response.content.decode()
        .split(f'id="{item.slug}" type="application/json">')[1]
        .split("</script>")[0]
    )
    table = evaluate("returns.returned", Query(as_of=dt.date(2024, 1, 1), by=("operation",)))
    assert data["values"] == [table.value(row) for row in table.rows]
    assert data["labels"] == ["Operation Zhusan"] or data["labels"][0].startswith("Operation")


def test_a_period_in_the_future_or_reversed_is_explained(families, user_of_role):
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    future = page(analyst, to=(TODAY + dt.timedelta(days=3)).isoformat())
    assert "after today" in future.content.decode()
    reversed_period = page(analyst, **{"from": "2024-01-01", "to": "2023-01-01"})
    assert "starts after it ends" in reversed_period.content.decode()
    # The first day typed stays in its field to be corrected, and the page says first that the
    # figures shown are not for the period asked for
    assert 'name="from" value="2024-01-01"' in reversed_period.content.decode()
    assert 'data-testid="period-error"' in reversed_period.content.decode()
    assert 'data-testid="period-error"' not in page(analyst).content.decode()
    garbled = page(analyst, to="1.1.2024")
    assert "YYYY-MM-DD" in garbled.content.decode()
    assert 'name="to" value="1.1.2024"' in garbled.content.decode()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.AUDITOR])
def test_roles_without_figures_are_refused(families, user_of_role, role):
    assert page(user_of_role(role)).status_code == 403


def test_a_case_worker_sees_their_organisation(families, make_user):
    worker = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, permissions=["children"])
    response = page(worker)
    assert response.context["current"] == "organisation:aqniet-aktau"
    assert response.context["headlines"][0].total.value == 3
