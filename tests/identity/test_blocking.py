"""Blocking keeps the true person among the candidates whenever they share a block."""

import csv

from bench.identity.generate import generate
from reintegra.identity.engine import Matcher, lookup_keys
from reintegra.identity.files import load_registry, read_list


def test_every_true_link_that_shares_a_block_is_a_candidate(tmp_path):
    generate(3_000, 300, tmp_path, seed=3)
    people = read_list(tmp_path / "list.csv")
    registry = load_registry(tmp_path / "registry.csv", expect=people)
    matcher = Matcher(registry)
    with (tmp_path / "truth.csv").open(encoding="utf-8") as handle:
        truth = {row["list_id"]: row["registry_id"] for row in csv.DictReader(handle)}
    position = {person_id: at for at, person_id in enumerate(registry.ids)}
    sharing = found = 0
    for person in people:
        registry_id = truth[person.id]
        if not registry_id:
            continue
        at = position[registry_id]
        keys = lookup_keys(registry.vocabulary, person)
        if not any(at in registry.index.get(key, ()) for key in keys):
            continue
        sharing += 1
        found += at in matcher.candidates(person)
    assert sharing > 200
    assert found == sharing


def test_a_mistyped_given_name_in_a_large_family_name_is_found_by_the_patronymic_and_year():
    from reintegra.identity.dates import parse_date
    from reintegra.identity.engine import ListedPerson, Registry, RegistryPerson
    from reintegra.identity.names import split_name

    # Given a registry where the surname and the year, and the surname and the patronymic,
    # make blocks too large to read
    registry = Registry()
    for i in range(600):
        born = parse_date(str(1950 + i % 40))
        registry.add(RegistryPerson(f"f{i}", "Сейітов", "Санат", "Ерланұлы", "M", born))
        registry.add(
            RegistryPerson(f"y{i}", "Сейітов", "Санат", "Асқарұлы", "M", parse_date("1995"))
        )
    registry.add(
        RegistryPerson("r1", "Сейітов", "Санжар", "Ерланұлы", "M", parse_date("1995-06-07"))
    )
    # When the given name is mistyped beyond recognition and the date is the year only
    name = split_name(surname="Seyitov", given="Sanar", patronymic="Erlan Ūlı")
    person = ListedPerson("x", name, "", parse_date("1995"))
    # Then the family in that year still finds him
    assert registry.ids.index("r1") in Matcher(registry).candidates(person)
