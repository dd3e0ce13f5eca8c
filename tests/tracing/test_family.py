"""Family-aware matching of an imported list: a mother and her children listed as one family
are told apart from their namesakes when the registry has them related."""

from __future__ import annotations

import pytest

from reintegra.people.models import Sex
from reintegra.people.services import relationship_record
from reintegra.tracing import services
from reintegra.tracing.models import Candidate, ImportRow
from tests.tracing.conftest import register

pytestmark = pytest.mark.django_db

# Common names: each line alone fits the family member and a namesake born the same year.
MEMBERS = [
    ("mother", "Қасымова", "Айгүл", Sex.FEMALE, 1988),
    ("erlan", "Қасымов", "Ерлан", Sex.MALE, 2010),
    ("aruzhan", "Қасымова", "Аружан", Sex.FEMALE, 2013),
    ("ali", "Қасымов", "Әли", Sex.MALE, 2016),
]
CSV = (
    "No;Фамилия;Имя;Пол;Год рождения;Семья\n"
    "1;Касымова;Айгуль;Ж;1988;7\n"
    "2;Касымов;Ерлан;М;2010;7\n"
    "3;Касымова;Аружан;Ж;2013;7\n"
    "4;Касымов;Али;М;2016;7\n"
).encode()
WITHOUT_FAMILY = {
    "0": "external_id",
    "1": "surname",
    "2": "given_name",
    "3": "sex",
    "4": "birth_date",
}
WITH_FAMILY = {**WITHOUT_FAMILY, "5": "family"}


@pytest.fixture
def two_families(registry_people):
    """The family, related in the registry (the mother recorded for each child), and a namesake
    of each member, related to nobody."""
    family, namesakes = {}, {}
    for key, surname, given, sex, year in MEMBERS:
        family[key] = register(None, surname, given, sex, year)
        namesakes[key] = register(None, surname, given, sex, year)
    for child in ("erlan", "aruzhan", "ali"):
        relationship_record(
            actor=None, person=family[child], relative=family["mother"], kind="mother"
        )
    return family, namesakes


def imported(tracer, mapping):
    batch = services.batch_upload(
        actor=tracer, source="Camp list, family lines", file_name="list.csv", content=CSV
    )
    batch = services.batch_map(actor=tracer, batch=batch, mapping=mapping)
    return {r.external_id: r for r in ImportRow.objects.filter(batch=batch)}


def candidates(row) -> dict:
    return {c.person_id: c for c in Candidate.objects.filter(row=row)}


ROWS = {"1": "mother", "2": "erlan", "3": "aruzhan", "4": "ali"}


def test_each_line_alone_is_a_tie_between_the_family_member_and_a_namesake(tracer, two_families):
    # Given the list imported without its family column
    family, namesakes = two_families
    rows = imported(tracer, WITHOUT_FAMILY)
    # Then every line stays to review: the member and the namesake weigh the same
    for number, key in ROWS.items():
        row = rows[number]
        found = candidates(row)
        assert row.family == ""
        assert row.decision == "review"
        assert found[family[key].pk].weight == found[namesakes[key].pk].weight
        assert not [x for x in found[family[key].pk].explanation if x["field"] == "family"]


def test_listed_as_a_family_the_mother_and_her_children_are_matched(tracer, two_families):
    # Given the same list with its family column mapped
    family, namesakes = two_families
    rows = imported(tracer, WITH_FAMILY)
    for number, key in ROWS.items():
        row = rows[number]
        found = candidates(row)
        best = Candidate.objects.get(row=row, rank=1)
        # Then the family member ranks first, above the namesake, and is matched
        assert row.family == "7"
        assert best.person == family[key]
        assert found[family[key].pk].weight > found[namesakes[key].pk].weight
        assert row.decision == "match"
        # And unrelated namesakes gain nothing: no family line
        assert not [x for x in found[namesakes[key].pk].explanation if x["field"] == "family"]


def test_the_family_line_says_who_is_a_candidate_of_which_line(tracer, two_families):
    family, _namesakes = two_families
    rows = imported(tracer, WITH_FAMILY)
    child = candidates(rows["2"])[family["erlan"].pk]
    [line] = [x for x in child.explanation if x["field"] == "family"]
    assert line["relation"] == "mother"
    assert line["registered"] == family["mother"].display_name
    assert line["listed"] == str(rows["1"].line)
    assert line["weight"] == 2.0
    mother = candidates(rows["1"])[family["mother"].pk]
    lines = [x for x in mother.explanation if x["field"] == "family"]
    assert {x["relation"] for x in lines} == {"child"}
    assert sum(x["weight"] for x in lines) == 4.0  # three children, capped


def test_the_review_queue_shows_the_family_line(tracer, two_families):
    from tests.conftest import client_for

    family, _namesakes = two_families
    rows = imported(tracer, WITH_FAMILY)
    page = client_for(tracer).get(f"/tracing/lists/{rows['1'].batch_id}/review/")
    text = page.content.decode()
    assert 'data-testid="family-line"' in text
    assert f"mother {family['mother'].display_name} is a candidate of line 2" in text


def test_the_family_column_is_guessed_from_the_header(tracer):
    batch = services.batch_upload(
        actor=tracer, source="Camp list", file_name="list.csv", content=CSV
    )
    assert services.guess_mapping(batch.columns)["5"] == "family"
