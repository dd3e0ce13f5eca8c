"""In the Kazakh interface: a case worker registers a returned woman and her three children,
opens her case, records that she found a job and sees it in the case's history. Then two users
edit one person at once, and the second sees the conflict without losing what they typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext

from reintegra.core.roles import Role
from reintegra.people.models import Person, Relationship
from reintegra.returns.services import operations_load
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def kk(message: str) -> str:
    with translation.override("kk"):
        text = gettext(message)
    assert text != message, f"not translated to Kazakh: {message!r}"
    return text


def sign_in(page, username: str, language: str = "en") -> None:
    page.goto("/accounts/login/")
    if language != "en":
        page.locator("#language-select").select_option(language)
        page.wait_for_function(f"document.documentElement.lang === '{language}'")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:has(#id_username) button[type=submit]").click()
    page.wait_for_url("**/")


def fill_person(page, *, surname, given, sex, year, month, day, verification=None) -> None:
    page.locator("#id_surname").fill(surname)
    page.locator("#id_given_name").fill(given)
    page.locator(f"input[name=sex][value={sex}]").check()
    page.locator("#id_birth_year").fill(str(year))
    page.locator("#id_birth_month").fill(str(month))
    page.locator("#id_birth_day").fill(str(day))
    if verification:
        page.locator("#id_verification").select_option(verification)
    page.locator("main form button[type=submit]").click()


def test_a_returned_family_is_registered_and_her_job_is_in_the_case_history(new_page, make_user):
    operations_load(actor=None)
    worker = make_user(Role.CASE_WORKER, permissions=["children"], username="madina")
    page = new_page(locale="kk-KZ")
    sign_in(page, worker.username, "kk")
    assert page.evaluate("document.documentElement.lang") == "kk"

    page.get_by_role("link", name=kk("People")).first.click()
    page.get_by_role("button", name=kk("Register a person")).click()
    fill_person(page, surname="Сейітова", given="Әлия", sex="female", year=1991, month=4, day=12)
    page.wait_for_url("**/people/*/")
    mother_url = page.url
    assert page.get_by_role("heading", name="Сейітова Әлия").is_visible()

    page.get_by_role("link", name=kk("Record a return")).click()
    page.locator("#id_operation").select_option(label="«Жусан» операциясы")
    page.locator("#id_arrival_date").fill("2019-05-09")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(mother_url)

    for given, sex, year in [
        ("Айша", "female", 2014),
        ("Омар", "male", 2016),
        ("Мариям", "female", 2018),
    ]:
        page.goto(mother_url)
        page.get_by_role("link", name=kk("Register a child of hers")).click()
        fill_person(
            page,
            surname="Сейітова" if sex == "female" else "Сейітов",
            given=given,
            sex=sex,
            year=year,
            month=3,
            day=1,
            verification="dna",
        )
        page.wait_for_url("**/people/*/")

    page.goto(mother_url)
    page.get_by_role("button", name=kk("Family")).click()
    family_rows = page.locator("main table tbody tr")
    assert family_rows.count() == 3

    page.goto(mother_url)
    page.get_by_role("link", name=kk("Open a case")).click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/cases/*/")
    page.get_by_role("button", name=kk("Record an observation")).click()
    page.locator("#id_observation").select_option("employment:employed")
    page.locator("#id_source").fill("еңбек шарты")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/cases/*/")
    history = page.locator("[data-testid=history]")
    with translation.override("kk"):
        employed = gettext("employed")
    assert employed in history.inner_text()
    assert "еңбек шарты" in history.inner_text()

    mother = Person.objects.get(display_name="Сейітова Әлия")
    children = Relationship.objects.filter(relative=mother, kind="mother")
    assert children.count() == 3
    assert set(children.values_list("verification", flat=True)) == {"dna"}
    assert mother.returns.get().arrival_date == dt.date(2019, 5, 9)


def test_two_people_edit_one_record_and_the_second_sees_the_conflict(new_page, make_user):
    from reintegra.core.dates import PartialDate
    from reintegra.core.models import Organisation
    from reintegra.people.services import NameInput, person_register

    person = person_register(
        actor=None,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex="female",
        birth=PartialDate.of(1988, 1, 1),
        names=[NameInput(script="kk-Cyrl", surname="Оспанова", given_name="Жанар")],
    )
    first = new_page()
    second = new_page()
    sign_in(first, make_user(Role.CASE_WORKER).username)
    sign_in(second, make_user(Role.CASE_WORKER).username)
    edit = f"/people/{person.pk}/edit/"
    first.goto(edit)
    second.goto(edit)
    first.locator("#id_birth_place").fill("Ақтау")
    first.locator("main form button[type=submit]").click()
    first.wait_for_url(f"**/people/{person.pk}/")

    second.locator("#id_birth_place").fill("Атырау")
    second.locator("main form button[type=submit]").click()
    assert second.locator("[data-testid=conflict]").is_visible()
    assert second.locator("#id_birth_place").input_value() == "Атырау"
    assert "Ақтау" in second.locator("[data-testid=conflict]").inner_text()
    person.refresh_from_db()
    assert person.birth_place == "Ақтау"
