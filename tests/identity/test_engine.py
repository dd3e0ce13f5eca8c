"""The engine finds a person under any rendering, keeps different people apart, and explains."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra.identity.compare import DATE_WEIGHTS
from reintegra.identity.dates import DateAgreement, parse_date
from reintegra.identity.engine import (
    Decision,
    ListedPerson,
    Matcher,
    Registry,
    RegistryPerson,
)
from reintegra.identity.names import split_name

FAMILY = [
    ("r1", "Жұмабаев", "Бауыржан", "Серікұлы", "M", "1985-03-04"),
    ("r2", "Жұмабаева", "Әсел", "Бауыржанқызы", "F", "2010-07-02"),
    ("r3", "Жұмабаева", "Әсем", "Бауыржанқызы", "F", "2012-05-01"),
    ("r4", "Қасымова", "Гүлнар", "Ерланқызы", "F", "1987-11-23"),
    ("r5", "Бакиров", "Нұрсұлтан", "Маратұлы", "M", "1990-01-01"),
    ("r6", "Ахметов", "Ерлан", "Асхатович", "M", "1979-06-30"),
    ("r7", "Ахметов", "Ержан", "Асхатович", "M", "1983-02-11"),
    ("r8", "Иванова", "Ольга", "Петровна", "F", "1992-09-09"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    registry = Registry()
    for row in FAMILY:
        person_id, surname, given_name, patronymic, sex, born = row
        registry.add(
            RegistryPerson(person_id, surname, given_name, patronymic, sex, parse_date(born))
        )
    return Matcher(registry)


def listed(full="", surname="", given_name="", patronymic="", sex="", born="", person_id="x"):
    name = split_name(surname=surname, given=given_name, patronymic=patronymic, full=full)
    return ListedPerson(person_id, name, sex, parse_date(born))


def best(matcher: Matcher, person: ListedPerson):
    return matcher.match([person])[0]


@pytest.mark.parametrize(
    "person",
    [
        listed("Бауржан Жумабаев", born="1985-03-04"),
        listed("ZHUMABAEV BAUYRZHAN", sex="M", born="1985-03"),
        listed(surname="Jumabayev", given_name="Baurzhan", born="1985"),
        listed("Djoumabaev Baourjan Serikouly", born="1985-03-04"),
        listed("Bauırjan Jūmabaev", born="1985-03-04"),
        listed("Jumabaev Baýyrjan Serik uly"),
        listed("باورجان جومابايف", born="1985-03-04"),
        listed(surname="Bauyrzhan", given_name="Zhumabaev", born="1985-04-03"),  # swapped
    ],
)
def test_one_man_is_found_under_every_rendering(matcher, person):
    result = best(matcher, person)
    assert (result.registry_id, result.decision) == ("r1", Decision.MATCH)


def test_a_woman_listed_under_her_maiden_name_is_found(matcher):
    result = best(matcher, listed("Gulnar Erlankyzy Seitova", sex="F", born="1987-11-23"))
    assert (result.registry_id, result.decision) == ("r4", Decision.MATCH)


def test_the_kazakh_and_russian_forms_of_a_patronymic_agree(matcher):
    result = best(matcher, listed("Kasymova Gulnar Erlanovna", born="1987"))
    assert result.registry_id == "r4"


def test_sisters_with_similar_names_are_kept_apart(matcher):
    assert best(matcher, listed("Асем Жумабаева", born="2012-05-01")).registry_id == "r3"
    assert best(matcher, listed("Asel Zhumabaeva", born="2010-07-02")).registry_id == "r2"


def test_brothers_erlan_and_erzhan_are_kept_apart_by_their_dates(matcher):
    assert best(matcher, listed("Ахметов Ерлан", born="1979-06-30")).registry_id == "r6"
    result = best(matcher, listed("Ахметов Ержан", born="1979-11-20"))
    assert not (result.registry_id == "r6" and result.decision is Decision.MATCH)


def test_asem_is_not_asel(matcher):
    result = best(matcher, listed("Жумабаева Асем", born="2011-09-15"))
    assert not (result.registry_id == "r2" and result.decision is Decision.MATCH)


def test_someone_not_in_the_registry_gets_no_match(matcher):
    result = best(matcher, listed("Сейітов Темірлан Омарұлы", sex="M", born="2001-04-05"))
    assert result.decision is Decision.NONE
    assert result.registry_id == ""


def test_a_relative_with_another_date_is_not_matched(matcher):
    result = best(matcher, listed("Жұмабаев Бауыржан Серікұлы", born="2009-08-17"))
    assert result.decision is not Decision.MATCH


def test_each_registry_person_is_matched_at_most_once(matcher):
    rows = [
        listed("Бауыржан Жумабаев", born="1985-03-04", person_id="a"),
        listed("Bauyrzhan Zhumabaev", born="1985", person_id="b"),
    ]
    results = matcher.match(rows)
    assert [r.decision for r in results].count(Decision.MATCH) == 1
    assert results[0].decision is Decision.MATCH


def test_a_match_is_explained_field_by_field(matcher):
    result = best(matcher, listed("Zhumabaev Bauyrzhan", sex="M", born="1985-04-03"))
    fields = {line.field: line for line in result.explanation}
    assert set(fields) == {"surname", "given_name", "patronymic", "sex", "birth_date"}
    assert fields["given_name"].level == "exact"
    assert fields["birth_date"].level == "day_month_swapped"
    assert fields["patronymic"].level == "missing"
    assert fields["sex"].weight > 0


def test_an_explanation_names_the_word_compared_in_each_role_and_its_field(matcher):
    # Given a row whose surname and given name fields are written the other way round
    person = listed(surname="Bauyrzhan", given_name="Zhumabaev", patronymic="Serikuly")
    # When its best candidate is explained
    fields = {line.field: line for line in best(matcher, person).explanation}
    # Then each name's line names the list's word compared in that role, as written, and the
    # field it is written in; the folded key stays where it was
    surname, given = fields["surname"], fields["given_name"]
    assert (surname.written, surname.written_in) == ("Zhumabaev", "given_name")
    assert (given.written, given.written_in) == ("Bauyrzhan", "surname")
    assert given.listed == "baurjan" and given.registered == "baurjan"
    assert fields["patronymic"].written == "Serikuly"
    assert fields["sex"].written == fields["birth_date"].written == ""


def test_the_words_of_a_full_name_are_explained_as_written_in_no_field(matcher):
    fields = {line.field: line for line in best(matcher, listed("Жумабаев Бауржан")).explanation}
    assert (fields["surname"].written, fields["surname"].written_in) == ("Жумабаев", "")
    assert (fields["given_name"].written, fields["given_name"].written_in) == ("Бауржан", "")


def test_a_hook_can_change_weights_before_the_decision(matcher):
    def veto(person, candidates):
        for candidate in candidates:
            candidate.weight -= 100

    result = matcher.match([listed("Бауржан Жумабаев", born="1985-03-04")], adjust=veto)[0]
    assert result.decision is Decision.NONE


names = st.sampled_from(["Бауыржан", "Zhumabaev", "Асем", "", "Ерлан", "محمد", "Ivanova", "X"])
born = st.sampled_from(["", "1985", "1985-03", "1985-03-04", "2012-05-01", "1979-06-30"])


@settings(max_examples=60, deadline=None)
@given(names, names, names, st.sampled_from(["", "M", "F"]), born)
def test_a_score_is_a_probability(matcher, surname, given_name, patronymic, sex, birth):
    result = best(matcher, listed(surname=surname, given_name=given_name, patronymic=patronymic,
                                  sex=sex, born=birth))  # fmt: skip
    assert 0.0 <= result.score <= 1.0
    assert (result.registry_id == "") == (result.decision is Decision.NONE)


def _registry(rows) -> Registry:
    registry = Registry()
    for person_id, surname, given_name, patronymic, sex, born in rows:
        registry.add(
            RegistryPerson(person_id, surname, given_name, patronymic, sex, parse_date(born))
        )
    return registry


def test_a_rare_name_agrees_more_strongly_than_a_common_one():
    rows = [(f"c{i}", f"Фамилия{i}", "Ерлан", "", "M", "") for i in range(50)]
    rows += [
        ("rare", "Бакиров", "Темірлан", "", "M", ""),
        ("common", "Бакиров", "Ерлан", "", "M", ""),
    ]
    matcher = Matcher(_registry(rows))

    def given_weight(given_name: str, registry_id: str) -> float:
        person = listed(surname="Бакиров", given_name=given_name)
        position = matcher.registry.ids.index(registry_id)
        candidate = matcher.score(person, [position])[0]
        lines = {line.field: line for line in matcher.explain(person, candidate)}
        assert lines["given_name"].level == "exact"
        return lines["given_name"].weight

    assert given_weight("Temirlan", "rare") > given_weight("Erlan", "common") + 4


def _lines(matcher: Matcher, person: ListedPerson, registry_id: str) -> dict:
    position = matcher.registry.ids.index(registry_id)
    candidate = matcher.score(person, [position])[0]
    return {line.field: line for line in matcher.explain(person, candidate)}


def test_a_date_in_a_crowded_year_says_less_than_one_in_a_sparse_year():
    # Given a registry mostly of children born in 2016, and a few people born in other years
    rows = [(f"c{i}", f"Фамилия{i}", f"Имя{i}", "", "F", "2016-01-01") for i in range(60)]
    rows += [(f"o{y}", f"Другая{y}", f"Имя{y}", "", "M", f"{y}-06-01") for y in range(1950, 2010)]
    rows += [
        ("child", "Бакирова", "Әсел", "", "F", "2016-03-04"),
        ("elder", "Бакиров", "Ерлан", "", "M", "1970-03-04"),
    ]
    matcher = Matcher(_registry(rows))
    # When each is looked up by name and an exact date
    child = _lines(
        matcher, listed(surname="Бакирова", given_name="Әсел", born="2016-03-04"), "child"
    )
    elder = _lines(
        matcher, listed(surname="Бакиров", given_name="Ерлан", born="1970-03-04"), "elder"
    )
    # Then both dates agree exactly, and the crowded year's agreement weighs less, within bounds
    assert child["birth_date"].level == elder["birth_date"].level == "exact"
    # (half the registry was born in 2016, against the even 1 in 70: bounded at 2 bits less)
    assert child["birth_date"].weight == pytest.approx(DATE_WEIGHTS[DateAgreement.EXACT] - 2)
    assert elder["birth_date"].weight > child["birth_date"].weight + 1.5


def test_an_arabic_name_agrees_as_strongly_as_its_skeleton_is_rare():
    # Given nine women named Асима and one Асем: in Arabic script both are اسم
    rows = [(f"a{i}", f"Фамилия{i}", "Асима", "", "F", "") for i in range(9)]
    rows += [(f"p{i}", f"Другая{i}", f"Имя{i}", "", "F", "") for i in range(90)]
    rows += [("asem", "Бакирова", "Әсем", "", "F", "")]
    matcher = Matcher(_registry(rows))
    latin = _lines(matcher, listed(surname="Bakirova", given_name="Asem"), "asem")
    arabic = _lines(matcher, listed(surname="باكيروفا", given_name="اسم"), "asem")
    assert (latin["given_name"].level, arabic["given_name"].level) == ("exact", "close")
    # The skeleton is shared by ten people, the name by one: log2(10), less the small discount
    assert arabic["given_name"].weight < latin["given_name"].weight - 3


def test_a_mistyped_arabic_name_is_a_weak_agreement_not_a_different_name():
    rows = [("r1", "Бекмұханов", "Асхат", "", "M", "2011-01-07")]
    matcher = Matcher(_registry(rows))
    lines = _lines(matcher, listed(surname="بكموخانوف", given_name="اخسات"), "r1")
    assert lines["given_name"].level == "weak"
    lines = _lines(matcher, listed(surname="بكموخانوف", given_name="بولات"), "r1")
    assert lines["given_name"].level == "different"


@pytest.mark.parametrize(
    ("surname", "arabic"),
    [("Иванова", "إوانووا"), ("Павлов", "باولوو"), ("Иванов", "ايفانوف")],
)
def test_an_arabic_surname_that_writes_v_as_waw_agrees_with_the_registry(surname, arabic):
    # و read as a vowel leaves Иванова one consonant: n against fn
    matcher = Matcher(_registry([("r1", surname, "Ольга", "", "", "1992-09-09")]))
    lines = _lines(matcher, listed(surname=arabic, given_name="اولغا"), "r1")
    assert lines["surname"].level == "close"


def test_an_arabic_name_may_write_one_v_as_waw_and_the_other_as_fa():
    matcher = Matcher(_registry([("r1", "Попова", "Варвара", "", "F", "1985-01-25")]))
    lines = _lines(matcher, listed(surname="بوبووا", given_name="فاروارا"), "r1")
    assert lines["given_name"].level == "close"


def test_a_name_with_yo_is_found_under_its_english_and_passport_spellings():
    rows = [("r1", "Фёдоров", "Пётр", "Артёмович", "M", "1990-02-03")]
    matcher = Matcher(_registry(rows))
    for person in (
        listed("Fyodorov Pyotr Artyomovich", born="1990-02-03"),
        listed("FEDOROV PETR", born="1990-02-03"),
    ):
        lines = _lines(matcher, person, "r1")
        assert {lines[f].level for f in ("surname", "given_name")} == {"exact"}


def test_the_fast_registry_reader_files_people_as_add_does(tmp_path):
    from reintegra.identity.files import load_registry, read_registry

    path = tmp_path / "registry.csv"
    path.write_text(
        "id,surname,given_name,patronymic,sex,birth_date\n"
        + "".join(f"{row[0]},{row[1]},{row[2]},{row[3]},{row[4]},{row[5]}\n" for row in FAMILY),
        encoding="utf-8",
    )
    slow = Registry()
    for person in read_registry(path):
        slow.add(person)
    fast = load_registry(path)
    assert fast.ids == slow.ids

    # Codes are given in the order spellings are met (the fast reader meets a column at a
    # time), so the registries are compared on what the codes stand for.
    def folded(registry, column):
        return [registry.vocabulary.keys[code] for code in column]

    def blocks(registry):
        return {frozenset(registry.ids[at] for at in block) for _, block in registry.index.items()}

    assert blocks(fast) == blocks(slow)
    for column in ("surname", "given", "patronymic"):
        assert folded(fast, getattr(fast, column)) == folded(slow, getattr(slow, column))
    assert (fast.sex, fast.year, fast.month, fast.day) == (
        slow.sex,
        slow.year,
        slow.month,
        slow.day,
    )


def test_expecting_a_list_files_only_the_blocks_it_looks_up(tmp_path):
    from reintegra.identity.files import load_registry

    path = tmp_path / "registry.csv"
    path.write_text(
        "id,surname,given_name,patronymic,sex,birth_date\n"
        + "".join(f"{row[0]},{row[1]},{row[2]},{row[3]},{row[4]},{row[5]}\n" for row in FAMILY),
        encoding="utf-8",
    )
    people = [listed("Бауржан Жумабаев", born="1985-03-04"), listed("Asel Zhumabaeva")]
    full, lean = load_registry(path), load_registry(path, expect=people)
    assert len(lean.index) < len(full.index)
    for person in people:
        assert Matcher(lean).candidates(person) == Matcher(full).candidates(person)
        assert (
            Matcher(lean).match([person])[0].registry_id
            == Matcher(full).match([person])[0].registry_id
        )


def test_the_prior_and_the_threshold_are_estimated_from_a_long_list():
    rows = [(f"r{i}", "Жұмабаев", f"Name{i}", "", "M", f"19{50 + i % 40}-0{1 + i % 9}-1{i % 9}")
            for i in range(300)]  # fmt: skip
    matcher = Matcher(_registry(rows))
    people = [listed(surname="Жумабаев", given_name=f"Name{i}", born=rows[i][5], person_id=str(i))
              for i in range(250)]  # fmt: skip
    results = matcher.match(people)
    # Nearly every row is plainly someone: the share in the registry rises from its prior.
    assert matcher.estimated_share > 0.8
    assert matcher.thresholds.lowest_match <= matcher.match_threshold <= matcher.thresholds.match
    assert all(r.decision is Decision.MATCH for r in results)


def test_a_person_is_filed_under_the_keys_of_person_keys():
    from reintegra.identity.engine import _person_keys

    registry = _registry(FAMILY)
    vocabulary = registry.vocabulary
    filed = {key for key, block in registry.index.items() for _ in block}
    expected = set()
    for position in range(len(registry)):
        s, g, p = (
            vocabulary.skeleton_of[column[position]]
            for column in (registry.surname, registry.given, registry.patronymic)
        )
        expected.update(
            _person_keys(
                s, vocabulary.prefix_of[s] if s else 0, g, vocabulary.prefix_of[g] if g else 0,
                p, registry.year[position], registry.month[position], registry.day[position],
            )
        )  # fmt: skip
    assert filed == expected


def test_scoring_on_several_processes_gives_the_same_results():
    from reintegra.identity import matcher

    born = [f"19{50 + i % 40}-0{1 + i % 9}-1{i % 9}" for i in range(400)]
    rows = [(f"r{i}", "Жұмабаев", f"Name{i % 40}", "", "MF"[i % 2], born[i]) for i in range(400)]
    people = [listed(surname="Zhumabaev", given_name=f"Name{i % 40}", born=rows[i][5],
                     person_id=str(i)) for i in range(0, 400, 3)]  # fmt: skip
    registry = _registry(rows)
    previous = matcher.PARALLEL_FROM, matcher.PARALLEL_CHUNK
    matcher.PARALLEL_FROM, matcher.PARALLEL_CHUNK = 10, 17
    try:
        parallel = Matcher(registry, workers=2).match(people)
    finally:
        matcher.PARALLEL_FROM, matcher.PARALLEL_CHUNK = previous
    serial = Matcher(registry, workers=1).match(people)
    assert [(r.listed.id, r.registry_id, r.score, r.decision) for r in parallel] == [
        (r.listed.id, r.registry_id, r.score, r.decision) for r in serial
    ]


def test_an_arabic_name_whose_letters_do_not_fit_agrees_only_weakly():
    # Given Исаева Айгүл and Софья Михайлова, both born in March 1988
    rows = [
        ("isaeva", "Исаева", "Айгүл", "", "F", "1988-03-15"),
        ("sofia", "Михайлова", "Софья", "", "F", "1988-03-22"),
    ]
    matcher = Matcher(_registry(rows))
    # When a list writes Исаева in Arabic script (إسايوا: the consonant s, and the ف of Софья
    # lost as و could be)
    person = listed(surname="إسايوا", given_name="ايغل", born="1988-03")
    # Then it agrees closely with Исаева and only weakly with Софья read the other way round
    assert _lines(matcher, person, "isaeva")["surname"].level == "close"
    assert _lines(matcher, person, "sofia")["given_name"].level == "weak"
    assert best(matcher, person).candidates[0].index == matcher.registry.ids.index("isaeva")
