"""A coordinator records a mosque football tournament with its teams, removes one of them after
a confirmation, and sees the region's target for sports participants move."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.programs import services
from reintegra.programs.models import Activity
from tests.e2e.test_case_work_flow import accept_confirmations
from tests.e2e.test_people_flow import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEAMS = [
    ("Барыс", "«Нұр» мешіті", "7", "2"),
    ("Қыран", "«Нұр» мешіті", "6", "0"),
    ("Тұлпар", "«Иман» мешіті", "5", "1"),
]


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION, username="gulnar")


@pytest.fixture
def target(coordinator):
    return services.target_set(
        actor=coordinator,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        year=dt.date.today().year,
        metric="participants",
        activity_kind="sports_tournament",
        value=40,
    )


def target_row(page, target):
    page.goto(f"/activities/targets/?year={target.year}")
    return page.locator(f"[data-testid=target-{target.pk}]")


def test_a_tournament_with_its_teams_moves_the_target(new_page, coordinator, target):
    page = new_page()
    accept_confirmations(page)
    sign_in(page, "gulnar")

    row = target_row(page, target)
    assert row.locator("[data-testid=target-value]").inner_text() == "0"
    assert row.locator("progress").get_attribute("value") == "0"

    page.get_by_role("link", name="Activities").first.click()
    page.wait_for_url("**/activities/")
    page.get_by_role("button", name="Record an activity").click()
    page.locator("#id_kind").select_option("sports_tournament")
    # The page's script hides other kinds' details; wait for it (it may load after the click).
    expect(page.locator("[data-kind-fieldset=publication]")).to_be_hidden()
    page.locator("#id_title").fill("Ақтау мешіттерінің мини-футбол кубогы")
    page.locator("#id_organisation").select_option(
        str(Organisation.objects.get(code="aqniet-aktau").pk)
    )
    page.locator("#id_place").fill("Ақтау, 14-шағын аудан")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/activities/\d+/teams/$"))
    assert "The activity is recorded." in page.locator("main").inner_text()

    form = page.locator("[data-testid=team-form]")
    for name, mosque, players, adherents in TEAMS:
        form.locator("#id_name").fill(name)
        form.locator("#id_mosque").fill(mosque)
        form.locator("#id_players").fill(players)
        form.locator("#id_adherents").fill(adherents)
        form.locator("button[type=submit]").click()
        page.wait_for_selector(f"[data-testid=teams] td:text-is('{name}')")

    # A team with more adherents than players is refused, with the reason beside the field.
    form.locator("#id_name").fill("Арлан")
    form.locator("#id_players").fill("3")
    form.locator("#id_adherents").fill("4")
    form.locator("button[type=submit]").click()
    assert "cannot be more than the players" in page.locator("main").inner_text()

    totals = page.locator("[data-testid=team-totals]").inner_text()
    assert "3 teams" in totals and "2 mosques" in totals and "18 players" in totals

    # The third team withdrew: removed after a confirmation.
    page.locator("[data-testid=teams] tr", has_text="Тұлпар").get_by_role(
        "button", name="Remove"
    ).click()
    page.wait_for_selector("[data-testid=teams] td:text-is('Тұлпар')", state="detached")
    assert "13 players" in page.locator("[data-testid=team-totals]").inner_text()

    activity = Activity.objects.get(title="Ақтау мешіттерінің мини-футбол кубогы")
    assert activity.participants == 13
    assert activity.teams.count() == 2

    row = target_row(page, target)
    assert row.locator("[data-testid=target-value]").inner_text() == "13"
    assert row.locator("[data-testid=target-percent]").inner_text() == "33%"
    assert row.locator("progress").get_attribute("value") == "13"
    assert row.locator("progress").get_attribute("max") == "40"
