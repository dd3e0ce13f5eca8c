"""Splink (DuckDB backend) on the same files, set up as its documentation recommends, writing the
same output as `reintegra match`.

    python -m bench.identity.splink_run --registry REG.csv --list LIST.csv --out OUT.csv

Set-up, following Splink's guides (data preparation, blocking, model training, prediction):

- **Cleaning**: Splink's documentation asks for names cleaned and standardised before linking.
  Splink has no transliteration, so it is given the same folded spellings the matcher compares:
  each name as ``reintegra.identity``'s fine key (every script and transliteration folded to one
  Latin spelling; a surname without its -ов/-ова ending; a patronymic as the father's name). A
  full name is split into its words in the order given (surname, given name), the patronymic
  recognised by its ending; the forename-surname comparison below catches the reversed order.
- **Comparisons**: ``ForenameSurnameComparison`` on given name and surname (exact, reversed,
  Jaro–Winkler levels) with term-frequency adjustments on the concatenated full name and on each
  part; ``NameComparison`` on the patronymic (term frequencies on its exact level); the date of
  birth at the precision both sides give (exact date, one character apart, year and month, year,
  a year apart); sex.
- **Blocking for prediction**: surname and given name (and the two swapped), given name and year,
  surname and year, given name and patronymic, surname and patronymic, the whole date of birth.
- **Training**: the prior from a deterministic rule with a stated recall
  (``estimate_probability_two_random_records_match``), u by random sampling
  (``estimate_u_using_random_sampling``, 10^7 pairs), m by expectation maximisation over three
  blocking rules, so that each comparison is trained in a session that does not block on it.
- **Prediction**: ``predict(threshold_match_probability=0.01)``, then each list row takes its most
  probable registry person (a best-candidate step, as Splink's link-only examples do): match at a
  probability of 0.5 or more (the Bayes decision), review from 0.1.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from reintegra.identity.engine import given_key, patronymic_key
from reintegra.identity.names import split_name, surname_stem, words

MATCH_AT, REVIEW_AT = 0.5, 0.1


def _fold_row(row: dict[str, str]) -> tuple[str, str, str]:
    """(surname, given name, patronymic) as folded keys; a full name's words in their order."""
    name = split_name(
        surname=row["surname"] or "",
        given=row["given_name"] or "",
        patronymic=row["patronymic"] or "",
        full=row.get("full_name") or "",
    )
    surname, given = name.surname, name.given
    loose = list(name.loose)
    if not surname and loose:
        surname = loose.pop(0)
    if not given and loose:
        given = loose.pop(0)
    return (
        surname_stem(" ".join(words(surname))) if surname else "",
        given_key(given) if given else "",
        patronymic_key(name.patronymic) if name.patronymic else "",
    )


def _table(path: Path) -> pa.Table:
    columns: dict[str, list] = {
        k: []
        for k in (
            "unique_id", "surname", "given_name", "given_surname", "patronymic", "sex", "dob",
            "birth_ym", "birth_year",
        )
    }  # fmt: skip
    folded: dict[tuple[str, ...], tuple[str, str, str]] = {}  # names repeat: fold each once
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            raw = (row["surname"], row["given_name"], row["patronymic"], row.get("full_name", ""))
            found = folded.get(raw)
            if found is None:
                found = folded[raw] = _fold_row(row)
            surname, given, patronymic = found
            date = row["birth_date"] or ""
            columns["unique_id"].append(row["id"])
            columns["surname"].append(surname or None)
            columns["given_name"].append(given or None)
            columns["given_surname"].append(f"{given} {surname}" if given and surname else None)
            columns["patronymic"].append(patronymic or None)
            columns["sex"].append(row["sex"] or None)
            columns["dob"].append(date if len(date) == 10 else None)
            columns["birth_ym"].append(date[:7] if len(date) >= 7 else None)
            columns["birth_year"].append(int(date[:4]) if date else None)
    return pa.table(columns)


def _date_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("dob"),
            cll.LevenshteinLevel("dob", 1),
            cll.ExactMatchLevel("birth_ym"),
            cll.ExactMatchLevel("birth_year"),
            cll.CustomLevel(
                "abs(birth_year_l - birth_year_r) <= 1", label_for_charts="a year apart"
            ),
            cll.ElseLevel(),
        ],
    )


def run(registry: Path, listed: Path, out: Path) -> None:
    db_api = DuckDBAPI()
    left = db_api.register(_table(registry), dataset_display_name="registry")
    right = db_api.register(_table(listed), dataset_display_name="list")
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.ForenameSurnameComparison(
                "given_name", "surname", forename_surname_concat_col_name="given_surname"
            ),
            cl.NameComparison("patronymic"),
            _date_comparison(),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname", "given_name"),
            "l.surname = r.given_name and l.given_name = r.surname",
            block_on("given_name", "birth_year"),
            block_on("surname", "birth_year"),
            block_on("given_name", "patronymic"),
            block_on("surname", "patronymic"),
            block_on("dob"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker([left, right], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname", "given_name", "dob")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    # Each session blocks on some fields and trains the others; a session needs enough true
    # pairs among its pairs for EM to find them (surname and given name alone are shared by
    # hundreds of namesakes in a large registry, and EM then learns families, not people).
    for rule in (
        block_on("given_name", "surname", "patronymic"),
        block_on("dob"),
        block_on("surname", "birth_ym"),
    ):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    # The trained model, for whoever reads the figures: every level's m and u.
    linker.misc.save_model_to_json(str(out.with_suffix(".model.json")), overwrite=True)
    predictions = linker.inference.predict(threshold_match_probability=0.01)
    relation = predictions.as_duckdbpyrelation()
    best: dict[str, tuple[str, float]] = {}
    for id_l, id_r, source_l, probability in relation.project(
        "unique_id_l, unique_id_r, source_dataset_l, match_probability"
    ).fetchall():
        list_id, registry_id = (id_r, id_l) if source_l == "registry" else (id_l, id_r)
        if list_id not in best or probability > best[list_id][1]:
            best[list_id] = (registry_id, probability)
    with listed.open(newline="", encoding="utf-8") as handle:
        list_ids = [row["id"] for row in csv.DictReader(handle)]
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("list_id", "registry_id", "score", "decision"))
        for list_id in list_ids:
            registry_id, probability = best.get(list_id, ("", 0.0))
            decision = (
                "match" if probability >= MATCH_AT else "review" if probability >= REVIEW_AT
                else "none"
            )  # fmt: skip
            writer.writerow(
                (list_id, registry_id if decision != "none" else "", f"{probability:.4f}",
                 decision)
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", type=Path, required=True)
    parser.add_argument("--list", type=Path, required=True, dest="listed")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    run(args.registry, args.listed, args.out)


if __name__ == "__main__":
    main()
