"""A tracing officer imports a 20-row list in mixed scripts (Kazakh and Russian Cyrillic, Latin,
Arabic), maps its columns, waits for the matching, reviews the list and links people."""

from __future__ import annotations

import re

import pytest

from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people import services as people_services
from reintegra.people.models import PersonName
from reintegra.people.services import NameInput
from reintegra.tracing.models import ImportRow, RowStatus
from tests.e2e.test_people_flow import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REGISTERED = [
    ("Бакиров", "Бауыржан", "male", (1985, 3, 2)),
    ("Сейітова", "Әлия", "female", (1991, 4, 12)),
    ("Жұмабаев", "Нұрсұлтан", "male", (1979, 11, 5)),
    ("Қасымова", "Айгүл", "female", (1988, 6, 20)),
]
# id;surname;given name;sex;date of birth — the first four rows are the registered people in
# other scripts; the rest are nobody in the registry.
LIST = [
    ("1", "Bakirov", "Bauyrzhan", "M", "02.03.1985"),
    ("2", "Сеитова", "Алия", "Ж", "1991-04-12"),
    ("3", "جومابايف", "نورسلطان", "M", "1979"),
    ("4", "Kasymova", "Aigul", "F", "1988-06"),
    ("5", "Омаров", "Ерлан", "М", "1990-01-01"),
    ("6", "Tulegenova", "Dana", "F", "1995"),
    ("7", "عبدالله", "محمد", "M", ""),
    ("8", "Серикова", "Мадина", "Ж", "1993-09-09"),
    ("9", "Nurlanov", "Timur", "M", "2000-02-02"),
    ("10", "Әбенова", "Гүлнар", "Ж", "1970"),
    ("11", "Ibraimova", "Asel", "F", "1999-12-31"),
    ("12", "Кенжебеков", "Асқар", "М", "1982-05-05"),
    ("13", "Smagulov", "Arman", "M", "1987"),
    ("14", "Досова", "Жанна", "Ж", "1996-03-03"),
    ("15", "Mukhamedov", "Ruslan", "M", "1984-08"),
    ("16", "Байжанова", "Сауле", "Ж", "1975-07-07"),
    ("17", "يوسفوف", "يوسف", "M", "1992"),
    ("18", "Tokhtarova", "Zarina", "F", "1998-10-10"),
    ("19", "Ерғалиев", "Бекзат", "М", "1989-04-04"),
    ("20", "Almasova", "Leila", "F", "1994"),
]


def test_a_tracing_officer_imports_a_mixed_script_list_and_links_people(
    new_page, make_user, case_worker, tmp_path
):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    people = {}
    for surname, given, sex, (year, month, day) in REGISTERED:
        people[given] = people_services.person_register(
            actor=case_worker,
            organisation=aktau,
            sex=sex,
            birth=PartialDate.of(year, month, day),
            names=[NameInput(script="kk-Cyrl", surname=surname, given_name=given)],
        )
    make_user(
        Role.TRACING_OFFICER,
        organisation="religious-affairs-committee",
        permissions=["children"],
        username="askhat",
    )
    listed = tmp_path / "camp-list.csv"
    listed.write_text(
        "№;Фамилия;Имя;Пол;Дата рождения\n" + "\n".join(";".join(r) for r in LIST) + "\n",
        encoding="utf-8",
    )

    page = new_page()
    sign_in(page, "askhat")

    page.get_by_role("link", name="Tracing").first.click()
    page.get_by_role("button", name="Import a list").click()
    page.locator("#id_source").fill("ICRC, camp al-Hol, March 2024")
    page.locator("#id_file").set_input_files(str(listed))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/tracing/lists/\d+/$"))

    # The mapping: guessed from the header; the officer checks and sets each column.
    for column, field in enumerate(["external_id", "surname", "given_name", "sex", "birth_date"]):
        page.locator(f"#id_{column}").select_option(field)
    page.get_by_role("button", name="Import and match").click()

    # Matching runs in the background; the page follows its progress until it is ready (the
    # tests' task backend runs it at once, and the ready list opens on its review).
    page.wait_for_url(re.compile(r".*/tracing/lists/\d+/(review/)?$"))
    if "/review/" not in page.url:
        page.get_by_role("button", name="Review the list").click(timeout=60_000)
        page.wait_for_url(re.compile(r".*/review/"))
    assert ImportRow.objects.count() == 20

    # Only the rows the engine suggested, undecided: the four registered people.
    page.locator("#id_decision").select_option("")
    page.locator("#id_undecided").check()
    page.get_by_role("button", name="Filter").click()
    for given in ("Бауыржан", "Әлия", "Нұрсұлтан", "Айгүл"):
        person = people[given]
        button = page.get_by_role("button", name=f"Link to {person.display_name}").first
        row = page.locator("article[data-testid=row]", has=button)
        assert "the same" in row.inner_text() or "close" in row.inner_text()
        button.click()
        page.wait_for_url(re.compile(r".*/review/"))
        assert "Linked to" in page.content()

    # A row nobody matches (line 7 of the file: Tulegenova) is marked not found.
    page.goto(page.url.split("?")[0] + "?page=1")
    row = page.locator("article[data-testid=row][data-line='7']")
    row.get_by_role("button", name="Not found").click()
    page.wait_for_url(re.compile(r".*/review/"))

    linked = ImportRow.objects.filter(status=RowStatus.LINKED)
    assert {r.person_id for r in linked} == {p.pk for p in people.values()}
    assert ImportRow.objects.get(line=7).status == RowStatus.NOT_FOUND
    arabic = PersonName.objects.get(person=people["Нұрсұлтан"], script="Arab")
    assert arabic.source == "ICRC, camp al-Hol, March 2024"
    assert PersonName.objects.filter(person=people["Бауыржан"], script="Latn").exists()


# A mother and her son, each with a namesake born the same year; only the family is related.
FAMILY = [
    ("Қасымова", "Айгүл", "female", 1988),
    ("Қасымов", "Ерлан", "male", 2010),
]


def test_a_list_with_a_family_column_shows_the_family_in_the_review(new_page, make_user, tmp_path):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    members, namesakes = [], []
    for surname, given, sex, year in FAMILY:
        for found in (members, namesakes):
            found.append(
                people_services.person_register(
                    actor=None,
                    organisation=aktau,
                    sex=sex,
                    birth=PartialDate.of(year),
                    names=[NameInput(script="kk-Cyrl", surname=surname, given_name=given)],
                )
            )
    mother, son = members
    people_services.relationship_record(actor=None, person=son, relative=mother, kind="mother")
    make_user(
        Role.TRACING_OFFICER,
        organisation="religious-affairs-committee",
        permissions=["children"],
        username="dana",
    )
    listed = tmp_path / "family-list.csv"
    listed.write_text(
        "№;Фамилия;Имя;Пол;Год рождения;Семья\n"
        "1;Касымова;Айгуль;Ж;1988;A\n"
        "2;Касымов;Ерлан;М;2010;A\n",
        encoding="utf-8",
    )

    page = new_page()
    sign_in(page, "dana")
    page.goto("/tracing/lists/new/")
    page.locator("#id_source").fill("Camp list with families")
    page.locator("#id_file").set_input_files(str(listed))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/tracing/lists/\d+/$"))

    # The family column is offered, guessed from its header, and mapped.
    mapping = ["external_id", "surname", "given_name", "sex", "birth_date", "family"]
    for column, field in enumerate(mapping):
        page.locator(f"#id_{column}").select_option(field)
    page.get_by_role("button", name="Import and match").click()
    page.wait_for_url(re.compile(r".*/tracing/lists/\d+/(review/)?$"))
    if "/review/" not in page.url:
        page.get_by_role("button", name="Review the list").click(timeout=60_000)
        page.wait_for_url(re.compile(r".*/review/"))

    # The son's line: his mother, a candidate of line 2 of the file, speaks for him.
    row = page.locator("article[data-testid=row][data-line='3']")
    first = row.locator("section.candidate").first
    assert son.display_name in first.inner_text()
    family_line = first.locator("[data-testid=family-line]")
    assert f"mother {mother.display_name} is a candidate of line 2" in family_line.inner_text()
    # The namesake, related to nobody on the list, has no family line.
    other = row.locator("section.candidate", has_text=son.display_name).nth(1)
    assert other.locator("[data-testid=family-line]").count() == 0
    first.get_by_role("button", name=f"Link to {son.display_name}").click()
    page.wait_for_url(re.compile(r".*/review/"))
    assert ImportRow.objects.get(line=3).person_id == son.pk
