"""Splink (DuckDB backend) on the same files, set up as its documentation recommends, writing the
same output as `reintegra match`.

    python -m bench.identity.splink_run --registry REG.csv --list LIST.csv --out OUT.csv

Set-up, following Splink's tutorial: the usual cleaning (one script: Cyrillic to passport Latin,
lower case, accents and punctuation removed; a full name split as given name, surname,
patronymic), a ``link_only`` model with name comparisons (``NameComparison``: exact, Jaro–Winkler
levels), ``DateOfBirthComparison``, the birth year and sex; blocking rules on surname and given
name, on each with the birth year, and on the date of birth; the prior from deterministic rules,
u from random sampling, m by expectation maximisation over two blocking rules. Each list row then
takes its best pair: match at a probability of 0.9 or more, review from 0.5.
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from pathlib import Path

import pyarrow as pa
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from reintegra.identity.transliterate import to_passport_latin

_NOT_LETTER = re.compile(r"[^\w ]+")


def clean(text: str) -> str:
    text = to_passport_latin(text or "").casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join(_NOT_LETTER.sub(" ", text).split())


def _table(path: Path, source: str) -> pa.Table:
    columns: dict[str, list] = {
        k: []
        for k in ("unique_id", "surname", "given_name", "patronymic", "sex", "dob", "birth_year")
    }
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            surname, given, patronymic = (
                clean(row["surname"]),
                clean(row["given_name"]),
                clean(row["patronymic"]),
            )
            if not (surname or given) and row.get("full_name"):
                words = clean(row["full_name"]).split()
                given, surname, patronymic = [*words, "", "", ""][:3]
            date = row["birth_date"] or ""
            columns["unique_id"].append(row["id"])
            columns["surname"].append(surname or None)
            columns["given_name"].append(given or None)
            columns["patronymic"].append(patronymic or None)
            columns["sex"].append(row["sex"] or None)
            columns["dob"].append(date if len(date) == 10 else None)
            columns["birth_year"].append(date[:4] or None)
    return pa.table(columns)


def run(registry: Path, listed: Path, out: Path) -> None:
    db_api = DuckDBAPI()
    left = db_api.register(_table(registry, "registry"), dataset_display_name="registry")
    right = db_api.register(_table(listed, "list"), dataset_display_name="list")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.NameComparison("patronymic"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname", "given_name"),
            block_on("given_name", "birth_year"),
            block_on("surname", "birth_year"),
            block_on("dob"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker([left, right], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname", "given_name", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("surname", "given_name")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    relation = predictions.as_duckdbpyrelation()
    # Which side is the list: Splink orders the two datasets; take the id from the right side.
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
            decision = "match" if probability >= 0.9 else "review" if probability >= 0.5 else "none"
            writer.writerow((list_id, registry_id, f"{probability:.4f}", decision))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", type=Path, required=True)
    parser.add_argument("--list", type=Path, required=True, dest="listed")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    run(args.registry, args.listed, args.out)


if __name__ == "__main__":
    main()
