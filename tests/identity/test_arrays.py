"""Scoring, date comparison, blocking and reading as arrays give what the plain code gives."""

import csv
import itertools

import numpy as np
import pytest

from bench.identity.generate import generate
from reintegra.identity import candidates, scoring
from reintegra.identity.blocks import BlockIndex, block, person_keys
from reintegra.identity.dates import (
    DATE_LEVELS,
    PartialDate,
    compare_dates,
    compare_dates_many,
)
from reintegra.identity.engine import Matcher
from reintegra.identity.files import load_registry, read_list, read_registry


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    generate(3_000, 300, out, seed=11)
    people = read_list(out / "list.csv")
    return out, people, load_registry(out / "registry.csv", expect=people)


def test_array_scoring_gives_the_weights_of_scoring_one_candidate_at_a_time(generated):
    _, people, registry = generated
    matcher = Matcher(registry)
    compared = 0
    for person in people:
        positions = matcher.candidates(person)
        fast = matcher.score(person, positions)
        plain = matcher.score_each(person, positions)
        assert [(c.index, c.weight, c.assignment) for c in fast] == [
            (c.index, c.weight, c.assignment) for c in plain
        ]
        compared += len(fast)
    assert compared > 2_000


@pytest.mark.parametrize(("most", "whole"), [(150, 4_000), (12, 4_000), (150, 0)])
def test_a_chunk_of_rows_scored_together_gets_what_each_row_gets_alone(
    generated, monkeypatch, most, whole
):
    _, people, registry = generated
    # A small registry: a low cut makes the ranking, the cut and the ties at it count; with no
    # whole-vocabulary table, each chunk weighs its words against its candidates' names only.
    monkeypatch.setattr(candidates, "MOST_CANDIDATES", most)
    monkeypatch.setattr(candidates, "MOST_TIED", most * 2)
    monkeypatch.setattr(scoring, "WHOLE_VOCABULARY", whole)
    matcher = Matcher(registry)
    positions, sizes = matcher._candidates_of(people)
    alone = [matcher._candidate_positions(person) for person in people]
    assert [row.tolist() for row in np.split(positions, np.cumsum(sizes)[:-1])] == [
        row.tolist() for row in alone
    ]
    assert most > 100 or sum(len(row) > most for row in alone) > 5  # ties at the cut kept
    matcher._prepare(people)
    together = [
        kept
        for start in range(0, len(people), 50)
        for kept in matcher.best_of(people[start : start + 50], 5)
    ]
    for person, kept in zip(people, together, strict=True):
        plain = matcher.score_each(person, matcher._candidate_positions(person))
        assert [(c.index, c.weight, c.assignment) for c in kept] == [
            (c.index, c.weight, c.assignment) for c in plain[:5]
        ]


def test_dates_compared_as_arrays_agree_with_compare_dates():
    dates = [PartialDate()] + [
        PartialDate(year, month, day if month else 0)
        for year, month, day in itertools.product(
            (1979, 1980, 1981, 1989, 1990, 2080), (0, 1, 2, 3, 10, 12), (0, 1, 3, 10, 12, 21, 30)
        )
    ]
    year, month, day = (np.array([getattr(d, part) for d in dates]) for part in PartialDate._fields)
    for listed in dates:
        levels = compare_dates_many(listed, year, month, day)
        assert [DATE_LEVELS[level] for level in levels] == [compare_dates(listed, d) for d in dates]


def test_the_block_index_finds_every_key_a_person_is_filed_under():
    codes = np.array([1, 2, 2, 0, 3], dtype=np.int32)
    year = np.array([1980, 1980, 0, 1990, 1980], dtype=np.int32)
    month = np.array([3, 0, 0, 1, 3], dtype=np.uint8)
    index = BlockIndex.build(person_keys(codes, codes, codes, codes, codes, year, month, month))
    assert sorted(index.get(block(1, 2, 2)).tolist()) == [1, 2]  # surname and given name
    assert index.get(block(1, 9, 9)) is None
    wanted = np.array(sorted([block(1, 2, 2)]), dtype=np.uint64)
    lean = BlockIndex.build(
        person_keys(codes, codes, codes, codes, codes, year, month, month), wanted
    )
    assert sorted(lean.get(block(1, 2, 2)).tolist()) == [1, 2]
    assert len(lean) < len(index)


def test_the_registry_reader_reads_a_ragged_file_as_the_csv_module_does(tmp_path):
    path = tmp_path / "registry.csv"
    path.write_text(
        "\ufeffid,surname,given_name,patronymic,sex,birth_date\n"
        "1,Жұмабаев,Бауыржан,Серікұлы,M,1985-03-04\n"
        "\n"
        '2,"Ахметов, Ерлан",Ерлан\n'  # a short row and a quoted comma: not for Arrow's reader
        '3,Иванова,"Оль\nга",,F,1992\n',
        encoding="utf-8",
    )
    registry = load_registry(path)
    assert registry.ids == [person.id for person in read_registry(path)] == ["1", "2", "3"]
    assert [registry.birth_date(i) for i in range(3)] == [
        PartialDate(1985, 3, 4),
        PartialDate(),
        PartialDate(1992),
    ]


def test_the_fast_reader_reads_a_generated_registry_as_read_registry_does(generated):
    out, _, registry = generated
    slow = list(read_registry(out / "registry.csv"))
    assert registry.ids == [person.id for person in slow]
    keys = registry.vocabulary.keys
    with (out / "registry.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(registry)
    assert [registry.birth_date(i) for i in range(len(slow))] == [p.birth_date for p in slow]
    assert all(
        keys[code] or not person.given_name
        for code, person in zip(registry.given, slow, strict=True)
    )


def _registry_of(rows):
    from reintegra.identity.dates import parse_date
    from reintegra.identity.engine import Registry, RegistryPerson

    registry = Registry()
    for person_id, surname, given_name, patronymic, sex, born in rows:
        registry.add(
            RegistryPerson(person_id, surname, given_name, patronymic, sex, parse_date(born))
        )
    return registry


def _listed(surname, given_name, patronymic="", born=""):
    from reintegra.identity.dates import parse_date
    from reintegra.identity.engine import ListedPerson
    from reintegra.identity.names import split_name

    name = split_name(surname=surname, given=given_name, patronymic=patronymic, full="")
    return ListedPerson("x", name, "", parse_date(born))


NEIGHBOURS = [
    (f"n{i}", f"Фамилия{i}", f"Имя{i % 7}", "Ерланқызы", "F", f"19{60 + i % 30}-0{1 + i % 9}-11")
    for i in range(200)
]


def test_a_woman_under_her_married_name_with_a_typo_in_her_given_name_is_a_candidate():
    registry = _registry_of(
        [*NEIGHBOURS, ("her", "Жұмабаева", "Гүлнар", "Бауыржанқызы", "F", "1990-03-04")]
    )
    # The surname is her husband's and the given name's consonants are mistyped: only her
    # father's name and her date of birth are left in common.
    person = _listed("Қасымова", "Гүлмар", "Бауыржановна", "1990-03-04")
    assert registry.ids.index("her") in Matcher(registry).candidates(person)


def test_a_person_whose_year_of_birth_is_mistyped_is_a_candidate_by_day_and_month():
    registry = _registry_of([*NEIGHBOURS, ("him", "Бакиров", "Нұрсұлтан", "", "M", "1981-11-02")])
    # No patronymic, a typo in the surname's first letter, and 1901 for 1981.
    person = _listed("Макиров", "Нұрсұлтан", born="1901-11-02")
    assert registry.ids.index("him") in Matcher(registry).candidates(person)


def test_one_slip_of_the_keyboard_makes_names_close_but_not_in_a_short_name():
    from reintegra.identity.compare import NameAgreement, name_agreement
    from reintegra.identity.phonetic import skeleton_of_key

    def agreement(a, b):
        return name_agreement(a, skeleton_of_key(a), False, b, skeleton_of_key(b))

    assert agreement("loeg", "oleg") is NameAgreement.CLOSE
    assert agreement("jibek", "jbiek") is NameAgreement.CLOSE
    assert agreement("jibdk", "jibek") is NameAgreement.CLOSE
    assert agreement("ail", "ali") is not NameAgreement.CLOSE
    assert agreement("asel", "asem") is not NameAgreement.CLOSE
