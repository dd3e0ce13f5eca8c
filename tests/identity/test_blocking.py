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
