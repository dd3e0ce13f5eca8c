"""A new user signs in, sees the navigation of their role, and switches language."""

from __future__ import annotations

import pytest

from reintegra.core.roles import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str) -> None:
    page.goto("/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def navigation_links(page) -> list[str]:
    """The sections' labels, those under "More" included (without the counts beside them)."""
    return page.locator("nav[aria-label] .nav-sections a").evaluate_all(
        "links => links.map(link => link.firstChild.textContent.trim())"
    )


def switch_language(page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    page.wait_for_function(f"document.documentElement.lang === '{code}'")


def test_an_auditor_sees_the_audit_trail_and_not_the_administration(new_page, user_of_role):
    auditor = user_of_role(Role.AUDITOR)
    page = new_page()
    sign_in(page, auditor.username)
    links = navigation_links(page)
    assert "Audit trail" in links
    assert "Administration" not in links
    page.get_by_role("link", name="Audit trail").first.click()
    page.wait_for_url("**/audit/")
    assert page.get_by_role("heading", name="Audit trail").is_visible()
    assert page.get_by_text("auth.signed_in").first.is_visible()


def test_a_case_worker_sees_no_audit_and_is_refused_it(new_page, user_of_role):
    worker = user_of_role(Role.CASE_WORKER)
    page = new_page()
    sign_in(page, worker.username)
    links = navigation_links(page)
    assert "Organisations" in links
    assert "Audit trail" not in links and "Administration" not in links
    response = page.goto("/audit/")
    assert response.status == 403
    assert page.get_by_role("heading", name="Access denied").is_visible()


def test_switching_to_kazakh_and_to_russian_translates_the_navigation(new_page, user_of_role):
    administrator = user_of_role(Role.ADMINISTRATOR)
    page = new_page()
    sign_in(page, administrator.username)
    assert "Administration" in navigation_links(page)

    switch_language(page, "kk")
    links = navigation_links(page)
    assert "Ұйымдар" in links
    assert "Әкімшілік" in " ".join(links) or "Басқару" in " ".join(links)
    assert page.get_by_role("button", name="Шығу").is_visible()

    switch_language(page, "ru")
    links = navigation_links(page)
    assert "Организации" in links
    assert page.get_by_role("button", name="Выйти").is_visible()
    # The choice sticks across pages.
    page.get_by_role("link", name="Организации").first.click()
    page.wait_for_url("**/reference/organisations/")
    assert page.get_by_role("heading", name="Организации").is_visible()


def test_the_pages_run_no_inline_script_under_the_content_security_policy(new_page, user_of_role):
    worker = user_of_role(Role.CASE_WORKER)
    page = new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    sign_in(page, worker.username)
    page.goto("/reference/organisations/")
    assert page.evaluate("typeof htmx") == "object"
    assert violations == []


def test_the_language_names_keep_clear_of_the_selects_arrow(new_page, user_of_role):
    page = new_page()
    sign_in(page, user_of_role(Role.CASE_WORKER).username)
    select = page.locator("#language-select")
    for code in ("en", "ru", "kk"):
        if code != "en":
            switch_language(page, code)
        room = select.evaluate(
            """select => {
                const style = getComputedStyle(select);
                const probe = document.createElement('span');
                probe.style.font = style.font;
                probe.style.position = 'absolute';
                probe.textContent = select.options[select.selectedIndex].text;
                document.body.append(probe);
                const text = probe.getBoundingClientRect().width;
                probe.remove();
                return select.clientWidth - parseFloat(style.paddingLeft) - text;
            }"""
        )
        # The chevron is drawn in the last 1.5rem or so: the name must end before it.
        assert room >= 24, (code, room)


def test_a_filter_button_stays_beside_the_filters_not_across_the_page(new_page, user_of_role):
    page = new_page()
    sign_in(page, user_of_role(Role.TRACING_OFFICER).username)
    page.goto("/tracing/abroad/")
    form = page.locator("main form.filters").bounding_box()
    button = page.locator("main form.filters button[type=submit]").bounding_box()
    assert button["width"] < form["width"] / 3
    select = page.locator("main form.filters select").bounding_box()
    assert abs((select["y"] + select["height"]) - (button["y"] + button["height"])) <= 2


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.CASE_WORKER, Role.ADMINISTRATOR])
def test_the_bar_of_sections_stays_on_one_line_in_every_language(new_page, user_of_role, role):
    """What does not fit on the bar goes under "More": a second line of sections would hide
    under the page's heading, and "More" alone on it reads as a section of its own."""
    user = user_of_role(role)
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, user.username)
    reachable = len(navigation_links(page))
    for code in ("en", "kk", "ru"):
        if code != "en":
            switch_language(page, code)
        tops = page.locator("nav[aria-label] .nav-sections > li").evaluate_all(
            "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
        )
        # (the "More" button sits a few pixels higher than the links; a second line is a
        # whole line lower)
        assert len(tops) >= 4 and max(tops) - min(tops) < 20, (code, tops)
        # Everything the role may open is still reachable, on the bar or under "More".
        assert len(navigation_links(page)) == reachable >= 7, code


def test_on_a_phone_the_filters_fold_behind_a_button_and_the_search_stays(new_page, user_of_role):
    # Given a case worker on a phone
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, user_of_role(Role.CASE_WORKER).username)
    # When the list of people opens
    page.goto("/people/")
    # Then the name search is in view, the other filters are folded behind "More filters"
    assert page.locator("#id_q").is_visible()
    assert not page.locator("#id_sex").is_visible()
    toggle = page.get_by_role("button", name="More filters")
    assert toggle.is_visible()
    # and the first person is within the first screen
    assert page.locator("main table tbody tr").first.bounding_box()["y"] < 844
    # When the button is pressed, the filters unfold
    toggle.click()
    assert page.locator("#id_sex").is_visible() and not toggle.is_visible()
    # And a filter in use is never folded away
    page.goto("/people/?sex=female")
    assert page.locator("#id_sex").is_visible()
    # While on a wide screen nothing is folded
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/people/")
    assert page.locator("#id_sex").is_visible()
    assert page.get_by_role("button", name="More filters").count() == 0
