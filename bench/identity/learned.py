"""What labels would buy: a classifier trained on the truth of one generated list, over the
engine's own candidates and field agreements, scored on another list.

    uv run --group bench python -m bench.identity.learned \
        --train bench/out/1m-seed7 --test bench/out/1m

The engine learns nothing from labels (a real program has none to give it); the ceiling
(``evaluate.ceiling``) sees every row's true values, before any typo or transliteration. This
sits between them: a gradient-boosted classifier (scikit-learn's ``HistGradientBoostingClassifier``)
that sees, for each of a row's kept candidates, what the engine sees (each field's agreement
level and weight, the candidate's weight, rank and gaps to the others, the row's posterior and
which fields the row gives) and learns from the truth of the training list which candidate is
the person. Each test row takes its most probable candidate; it is a match above the threshold
that gave the best F1 on the training list. The F1 it reaches on the test list is a measured
estimate of what can be had from these candidates and agreements with perfect knowledge of how
lists go wrong; the F1 with the threshold chosen on the test list itself is shown too (an
optimistic figure). Both lists must have been generated (``bench.identity.run --seed``).
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reintegra.identity.arabic import is_arabic
from reintegra.identity.engine import Matcher
from reintegra.identity.files import load_registry, read_list

_LEVELS = {
    "surname": ("exact", "close", "weak", "different", "missing"),
    "given_name": ("exact", "close", "weak", "different", "missing"),
    "patronymic": ("exact", "close", "weak", "different", "missing"),
    "sex": ("same", "different", "missing"),
}


@dataclass
class Pairs:
    """Each row's kept candidates as feature rows, whether each is the person, and its row."""

    features: np.ndarray
    right: np.ndarray
    row: np.ndarray
    links: int  # list rows that are in the registry


def pairs(data: Path) -> Pairs:
    with (data / "truth.csv").open(encoding="utf-8") as handle:
        truth = {row["list_id"]: row["registry_id"] for row in csv.DictReader(handle)}
    people = read_list(data / "list.csv")
    registry = load_registry(data / "registry.csv", expect=people)
    matcher = Matcher(registry)
    features, right, rows = [], [], []
    for at, result in enumerate(matcher.match(people)):
        candidates, listed = result.candidates, result.listed
        if not candidates:
            continue
        gives = (
            listed.birth_date.year > 0, listed.birth_date.month > 0, listed.birth_date.day > 0,
            bool(listed.sex), bool(listed.name.patronymic),
            is_arabic(" ".join((listed.name.surname, listed.name.given, *listed.name.loose))),
        )  # fmt: skip
        posterior = matcher._posterior(candidates)
        for rank, candidate in enumerate(candidates):
            lines = {line.field: line for line in matcher.explain(listed, candidate)}
            following = candidates[rank + 1].weight if rank + 1 < len(candidates) else -60.0
            values = [
                rank, candidate.weight, candidates[0].weight - candidate.weight,
                candidate.weight - following, len(candidates), posterior, *gives,
                lines["birth_date"].weight,
            ]  # fmt: skip
            for field, levels in _LEVELS.items():
                values += [lines[field].level == level for level in levels]
                values.append(lines[field].weight)
            features.append(values)
            right.append(registry.ids[candidate.index] == truth[listed.id])
            rows.append(at)
    links = sum(1 for registry_id in truth.values() if registry_id)
    return Pairs(np.array(features, dtype=float), np.array(right), np.array(rows), links)


def _best_per_row(probability: np.ndarray, data: Pairs) -> tuple[np.ndarray, np.ndarray]:
    """Each row's most probable candidate: its probability and whether it is the person."""
    order = np.lexsort((-probability, data.row))
    first = order[np.r_[True, data.row[order][1:] != data.row[order][:-1]]]
    return probability[first], data.right[first]


def _f1_by_threshold(probability: np.ndarray, right: np.ndarray, links: int):
    """F1 when the rows with a probability at or above each value are matched, best first."""
    order = np.argsort(-probability, kind="stable")
    found = np.cumsum(right[order])
    f1 = 2 * found / (np.arange(1, len(order) + 1) + links)
    return probability[order], f1


def learned_f1(train: Path, test: Path) -> dict:
    from sklearn.ensemble import HistGradientBoostingClassifier

    learning, scoring = pairs(train), pairs(test)
    model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=0)
    model.fit(learning.features, learning.right)
    thresholds, f1 = _f1_by_threshold(
        *_best_per_row(model.predict_proba(learning.features)[:, 1], learning), learning.links
    )
    threshold = float(thresholds[int(np.argmax(f1))])
    probability, right = _best_per_row(model.predict_proba(scoring.features)[:, 1], scoring)
    matched = probability >= threshold
    correct = int(right[matched].sum())
    _, test_f1 = _f1_by_threshold(probability, right, scoring.links)
    return {
        "threshold": round(threshold, 4),
        "matches": int(matched.sum()),
        "correct": correct,
        "f1": round(2 * correct / (int(matched.sum()) + scoring.links), 4),
        "f1_threshold_chosen_on_test": round(float(test_f1.max()), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--test", type=Path, required=True)
    args = parser.parse_args()
    found = learned_f1(args.train, args.test)
    print(
        f"learned on {args.train}, scored on {args.test}: F1 {found['f1']:.4f} "
        f"({found['correct']} right of {found['matches']} matches, threshold "
        f"{found['threshold']}); with the threshold chosen on the test list, "
        f"{found['f1_threshold_chosen_on_test']:.4f}"
    )


if __name__ == "__main__":
    main()
