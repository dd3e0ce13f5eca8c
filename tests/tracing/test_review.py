"""The review of a matched list: each row's header and each candidate's comparison, as a
reviewer reads them."""

from __future__ import annotations

import re

import pytest

from reintegra.people.models import Sex
from reintegra.tracing import services
from reintegra.tracing.models import Candidate, ImportRow
from tests.conftest import client_for
from tests.tracing.conftest import register
from tests.tracing.test_import import MAPPING, upload

pytestmark = pytest.mark.django_db

HEADER = "No;Фамилия;Имя;Пол;Дата рождения\n"


def matched(tracer, *lines: str):
    """A list of these rows (semicolon-separated, as MAPPING reads them), mapped and matched."""
    content = (HEADER + "".join(f"{line}\n" for line in lines)).encode()
    return services.batch_map(actor=tracer, batch=upload(tracer, content=content), mapping=MAPPING)


def review_page(tracer, batch, language: str = "en", query: str = "") -> str:
    page = client_for(tracer).get(
        f"/tracing/lists/{batch.pk}/review/{query}", HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 200
    return page.content.decode()


def row_of(page: str, line: int) -> str:
    """The article of the row on this line of the file."""
    return page.split(f'data-line="{line}"')[1].split("</article>")[0]


def header_of(page: str, line: int) -> str:
    return re.sub(r"\s+", " ", row_of(page, line).split("</header>")[0])


def test_a_rows_header_says_its_sex_and_date_as_the_tables_do_in_kazakh(tracer):
    # Given rows with a whole date of birth, a year and month, and a year
    batch = matched(
        tracer,
        "1;Ахметова;Айгүл;Ж;28.10.2010",
        "2;Ахметов;Ерлан;М;1990-09",
        "3;Ахметов;Асқар;;1985",
    )
    # When the review is read in Kazakh
    page = review_page(tracer, batch, language="kk")
    # Then each row's header gives the sex in words and the date as the tables write dates
    first, second, third = (header_of(page, line) for line in (2, 3, 4))
    assert "· әйел · 28.10.2010 ·" in first
    assert "female" not in first and "2010-10-28" not in first
    assert "· ер · 09.1990 ·" in second and "1990-09" not in second
    assert "· — · 1985 ·" in third


def test_a_rows_header_writes_its_date_as_the_tables_do_in_english(tracer, case_worker):
    # Given a registered woman and a row of her with the same date
    register(case_worker, "Сейітова", "Әлия", Sex.FEMALE, 1990, 9, 18)
    batch = matched(tracer, "1;Сейітова;Әлия;F;1990-09-18")
    # When the review is read in English
    page = review_page(tracer, batch)
    row = row_of(page, 2)
    # Then the header and the comparison write the date the same way
    assert "· female · 18.09.1990 ·" in header_of(page, 2)
    assert "1990-09-18" not in row
    # the header, the candidate, and the comparison: on the list and in the registry
    assert row.count("18.09.1990") == 4


def test_a_row_whose_best_candidate_is_unlikely_says_no_likely_match(tracer, registry_people):
    # Given a row whose only candidate shares the surname and the year, not the given name
    batch = matched(tracer, "1;Бакиров;Ерлан;M;1985")
    row = ImportRow.objects.get(batch=batch)
    assert row.decision == "none" and row.candidates.exists()
    # When the review is read
    page = review_page(tracer, batch)
    # Then the row says that nothing likely matches, not that it has no candidate, above the
    # candidate it has; the filter names the decision the same way
    assert 'data-testid="row-decision">no likely match</span> (score' in header_of(page, 2)
    assert 'aria-label="Candidate 1"' in row_of(page, 2)
    assert "no candidate" not in page
    assert '<option value="none">no likely match</option>' in page
    assert "no likely match" in review_page(tracer, batch, query="?decision=none")


def test_the_comparison_shows_the_word_of_the_list_compared_in_each_role(tracer, case_worker):
    # Given Ержанов Сұлтан, and a row whose surname is read as his given name
    register(case_worker, "Ержанов", "Сұлтан", Sex.MALE, 1990, 9, 18)
    batch = matched(tracer, "1;Sultanova;Aruzhan;F;1990-09-18")
    candidate = Candidate.objects.get(row__batch=batch)
    lines = {line["field"]: line for line in candidate.explanation}
    # When the review is read
    row = row_of(review_page(tracer, batch), 2)
    # Then the given name's line shows Sultanova, the word compared with Сұлтан, and the
    # surname's line Aruzhan, with a note that they were read the other way round
    assert (lines["given_name"]["listed"], lines["given_name"]["listed_field"]) == (
        "Sultanova",
        "surname",
    )
    assert (lines["surname"]["listed"], lines["surname"]["listed_field"]) == (
        "Aruzhan",
        "given_name",
    )
    given = row.split("given name</th>")[1].split("</tr>")[0]
    assert ">Sultanova</td>" in given and ">Сұлтан</td>" in given and "close" in given
    assert ">Aruzhan</td>" in row.split("surname</th>")[1].split("</tr>")[0]
    assert 'data-testid="read-swapped"' in row


def test_a_candidate_whose_name_agrees_in_no_order_is_not_said_to_be_read_swapped():
    from reintegra.tracing.templatetags.agreement import read_swapped

    def lines(level):
        # The list's surname compared in the given name's role, and the other way round
        return [
            {"field": "surname", "listed_field": "given_name", "level": level},
            {"field": "given_name", "listed_field": "surname", "level": "different"},
        ]

    assert read_swapped(lines("close")) and read_swapped(lines("exact"))
    assert not read_swapped(lines("different")) and not read_swapped(lines("weak"))


def test_a_row_read_in_the_order_of_its_fields_has_no_note(tracer, registry_people):
    batch = matched(tracer, "1;Bakirov;Bauyrzhan;M;1985-03-02")
    row = row_of(review_page(tracer, batch), 2)
    assert ">Bakirov</td>" in row.split("surname</th>")[1].split("</tr>")[0]
    assert 'data-testid="read-swapped"' not in row


def test_a_name_the_same_once_folded_but_written_otherwise_says_so():
    from reintegra.tracing.templatetags.agreement import line_agreement_label

    def line(listed, registered, level="exact", field="surname"):
        return {"field": field, "level": level, "listed": listed, "registered": registered}

    # A spelling in other letters, or another form of the family name, is not "the same"
    assert line_agreement_label(line("Abenova", "Әбенов")) == "the same, written otherwise"
    assert line_agreement_label(line("Сауле", "Сәуле", field="given_name")).endswith("otherwise")
    # The same letters (whatever the case) are the same; other levels keep their phrase
    assert line_agreement_label(line("ӘБЕНОВ", "Әбенов")) == "the same"
    assert line_agreement_label(line("Abenova", "Әбенов", level="close")) == "close"
    assert line_agreement_label(line("1990", "1990-01-02", field="birth_date")) == "the same"


def test_a_decision_brings_the_reviewer_back_to_the_row_decided(tracer, case_worker):
    # Given a list of two rows, the second one a registered person's
    register(case_worker, "Ержанов", "Сұлтан", Sex.MALE, 1990, 9, 18)
    batch = matched(tracer, "1;Bolatova;Dana;F;1980-01-01", "2;Yerzhanov;Sultan;M;1990-09-18")
    row = ImportRow.objects.get(batch=batch, line=3)
    person = Candidate.objects.get(row=row).person
    review = f"/tracing/lists/{batch.pk}/review/?page=1"
    # When the reviewer links the second row from the review's first page
    response = client_for(tracer).post(
        f"/tracing/rows/{row.pk}/decide/",
        {"action": "link", "person": person.pk, "next": review},
    )
    # Then the review opens again where it was, at that row, whose header says it is linked
    assert response.status_code == 302 and response.url == f"{review}#line-3"
    page = review_page(tracer, batch)
    assert 'id="line-3"' in page and "linked" in row_of(page, 3)
    # And a "next" outside the tracing pages is not followed
    other = ImportRow.objects.get(batch=batch, line=2)
    response = client_for(tracer).post(
        f"/tracing/rows/{other.pk}/decide/",
        {"action": "not_found", "next": "https://elsewhere.example/"},
    )
    assert response.url == f"/tracing/lists/{batch.pk}/review/#line-2"
