"""Precision, recall and F1 of a matcher's output against the truth, and the data's ceiling."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reintegra.identity.engine import given_key, patronymic_key
from reintegra.identity.names import surname_stem


@dataclass(frozen=True)
class Quality:
    links: int  # list rows that are in the registry
    predicted: int  # rows decided "match"
    correct: int  # of them, with the right registry id
    reviews: int
    reviews_correct: int  # review rows whose candidate is the right one

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.links if self.links else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_truth(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["list_id"]: row for row in csv.DictReader(handle)}


def quality(output: Path, truth: dict[str, dict[str, str]]) -> Quality:
    """A row counts as a predicted link only when its decision is "match"."""
    predicted = correct = reviews = reviews_correct = 0
    with output.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            expected = truth[row["list_id"]]["registry_id"]
            if row["decision"] == "match":
                predicted += 1
                correct += row["registry_id"] == expected and bool(expected)
            elif row["decision"] == "review":
                reviews += 1
                reviews_correct += row["registry_id"] == expected and bool(expected)
    links = sum(1 for row in truth.values() if row["registry_id"])
    return Quality(links, predicted, correct, reviews, reviews_correct)


def _signature(values: dict[str, str], gives: dict[str, str]) -> tuple:
    """What the list row says about the person, folded: only the fields it gives, the date at
    the precision it gives."""
    date = values["birth_date"]
    precision = int(gives["gives_birth_date"])
    return (
        surname_stem(values["surname"]) if gives["gives_surname"] == "1" else None,
        given_key(values["given_name"]) if gives["gives_given_name"] == "1" else None,
        patronymic_key(values["patronymic"]) if gives["gives_patronymic"] == "1" else None,
        values["sex"] if gives["gives_sex"] == "1" else None,
        date[: (0, 4, 7, 10)[precision]],
    )


@dataclass(frozen=True)
class Ceiling:
    """The F1 of a matcher that sees each row's true values (no typo, no transliteration) and
    decides by them: it matches a row when exactly one registry person has those values, and
    abstains when several do. It still errs on rows not in the registry that look exactly like
    one registry person: the same values would be a true link, so no matcher can refuse the one
    without refusing the other."""

    links: int
    ambiguous_links: int  # true links some other registry person is identical to
    ambiguous_others: int  # rows not in the registry identical to some registry person
    ambiguous: frozenset[str] = frozenset()  # the list ids of both kinds
    unavoidable_matches: int = 0  # of ambiguous_others, those identical to exactly one person

    @property
    def f1(self) -> float:
        found = self.links - self.ambiguous_links
        wrong = self.unavoidable_matches
        return 2 * found / (2 * found + self.ambiguous_links + wrong) if self.links else 1.0


def ceiling(registry: Path, truth: dict[str, dict[str, str]]) -> Ceiling:
    """Rows whose given fields (true values, before any typo or transliteration) are shared by a
    registry person other than the true one: no matcher can tell them apart."""
    masks: dict[tuple, dict[tuple, list[str]]] = {}
    for list_id, row in truth.items():
        gives = tuple(row[k] for k in row if k.startswith("gives_"))
        masks.setdefault(gives, {}).setdefault(_signature(row, row), []).append(list_id)
    holders: dict[str, Counter] = {list_id: Counter() for list_id in truth}
    field_masks = [(*(flag == "1" for flag in gives[:4]), int(gives[4])) for gives in masks]
    lengths = (0, 4, 7, 10)
    with registry.open(newline="", encoding="utf-8") as handle:
        for person in csv.DictReader(handle):
            # Fold once per person, then cut the signature for each mask.
            full = (
                surname_stem(person["surname"]),
                given_key(person["given_name"]),
                patronymic_key(person["patronymic"]),
                person["sex"],
                person["birth_date"],
            )
            for (s, g, p, x, precision), signatures in zip(
                field_masks, masks.values(), strict=True
            ):
                signature = (
                    full[0] if s else None,
                    full[1] if g else None,
                    full[2] if p else None,
                    full[3] if x else None,
                    full[4][: lengths[precision]],
                )
                for list_id in signatures.get(signature, ()):
                    holders[list_id][person["id"]] += 1
    ambiguous_links = ambiguous_others = unavoidable = 0
    ambiguous = set()
    for list_id, row in truth.items():
        others = [pid for pid in holders[list_id] if pid != row["registry_id"]]
        if others:
            ambiguous.add(list_id)
            if row["registry_id"]:
                ambiguous_links += 1
            else:
                ambiguous_others += 1
                unavoidable += len(others) == 1
    links = sum(1 for row in truth.values() if row["registry_id"])
    return Ceiling(links, ambiguous_links, ambiguous_others, frozenset(ambiguous), unavoidable)
