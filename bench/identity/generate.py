"""Generate a registry of families and a list to match against it, with the truth.

    python -m bench.identity.generate --registry 1000000 --list 10000 --out bench/out/1m

Writes ``registry.csv`` and ``list.csv`` in the `reintegra match` contract, and ``truth.csv``:
for each list row the registry id it comes from (empty for people not in the registry), its
kind (link, relative, stranger), the clean values of the person and which of them the list gives
(for the ceiling, see ``run.py``).

The registry is of families in Kazakh and Russian Cyrillic: parents, children sharing the
father's surname, wives under their married or maiden name, brothers' families sharing a family
name and a grandfather, twins. The list renders people in every script (``render.py``) with
typos, partial and wrong dates, missing fields, married names, words in any order, and holds
relatives who are *not* in the registry (a sibling left out of it) and strangers.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from bench.identity import namelists
from bench.identity.render import render, russian_cyrillic, typo

SCHEMES = {
    "kazakh": 12, "russian": 20, "icao": 8, "icao_upper": 7, "latin2017": 5, "latin2018": 5,
    "latin2021": 7, "bgn": 9, "informal": 6, "french": 5, "macron": 3, "arabic": 13,
}  # fmt: skip


def _zipf(items: list[str], exponent: float = 0.9) -> tuple[list[str], list[float]]:
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    return items, list(accumulate(weights))


NAMES = {
    ("kk", "M"): _zipf(namelists.KAZAKH_MALE),
    ("kk", "F"): _zipf(namelists.KAZAKH_FEMALE),
    ("ru", "M"): _zipf(namelists.RUSSIAN_MALE),
    ("ru", "F"): _zipf(namelists.RUSSIAN_FEMALE),
}
SURNAMES = {"kk": _zipf(namelists.KAZAKH_SURNAMES, 0.7), "ru": _zipf(namelists.RUSSIAN_SURNAMES)}


@dataclass
class Person:
    id: str
    surname: str
    given: str
    patronymic: str
    sex: str
    birth: tuple[int, int, int]
    other_surname: str = ""  # a woman's maiden (or married) name, not the registry's
    in_registry: bool = True

    @property
    def birth_date(self) -> str:
        return "{:04d}-{:02d}-{:02d}".format(*self.birth)


@dataclass
class Generator:
    rng: random.Random
    people: list[Person] = field(default_factory=list)
    relatives: list[Person] = field(default_factory=list)  # look-alikes left out of the registry
    next_id: int = 0

    def pick(self, table: tuple[list[str], list[float]]) -> str:
        items, cumulative = table
        return self.rng.choices(items, cum_weights=cumulative)[0]

    def given(self, culture: str, sex: str) -> str:
        return self.pick(NAMES[(culture, sex)])

    def birth(self, year: int) -> tuple[int, int, int]:
        return (year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def person(self, surname: str, given: str, patronymic: str, sex: str, birth, **extra) -> Person:
        self.next_id += 1
        return Person(f"R{self.next_id:07d}", surname, given, patronymic, sex, birth, **extra)

    def patronymic(self, culture: str, father: str, sex: str) -> str:
        if culture == "kk" and self.rng.random() < 0.65:
            return father + ("қызы" if sex == "F" else "ұлы")
        base = russian_cyrillic(father)
        if base.endswith(("й", "ь")):
            base = base[:-1] + "е"
        elif base[-1] in "аеиоуыэюя":
            base = base[:-1]
        return base + (
            "вна"
            if sex == "F" and base.endswith("е")
            else "овна"
            if sex == "F"
            else "вич"
            if base.endswith("е")
            else "ович"
        )

    def clan(self) -> None:
        """One to three brothers' families: one family name, one grandfather."""
        culture = "kk" if self.rng.random() < 0.8 else "ru"
        family_name = self.pick(SURNAMES[culture])
        grandfather = self.given(culture, "M")
        brothers: set[str] = set()  # brothers never share a given name
        for _ in range(self.rng.choice((1, 1, 2, 3))):
            self.family(culture, family_name, grandfather, brothers)

    def family(self, culture: str, family_name: str, grandfather: str, brothers: set[str]) -> None:
        rng = self.rng
        father_year = rng.randint(1950, 1996)
        father_given = self.given(culture, "M")
        if father_given in brothers:
            return
        brothers.add(father_given)
        father = self.person(
            family_name, father_given, self.patronymic(culture, grandfather, "M"),
            "M", self.birth(father_year),
        )  # fmt: skip
        maiden = self.pick(SURNAMES[culture]) + "а"
        mother_year = father_year + rng.randint(-2, 8)
        married = family_name + "а"
        registered_married = rng.random() < 0.6
        mother = self.person(
            married if registered_married else maiden,
            self.given(culture, "F"),
            self.patronymic(culture, self.given(culture, "M"), "F"),
            "F",
            self.birth(mother_year),
            other_surname=maiden if registered_married else married,
        )
        members = [father, mother] if rng.random() < 0.85 else [mother]
        year = mother_year + rng.randint(19, 26)
        names_used: set[str] = set()
        for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6))):
            if year > 2023:
                break
            sex = rng.choice("MF")
            given = self.given(culture, sex)
            if given in names_used:
                continue
            names_used.add(given)
            surname = family_name + ("а" if sex == "F" else "")
            child = self.person(
                surname, given, self.patronymic(culture, father.given, sex), sex, self.birth(year)
            )
            members.append(child)
            if rng.random() < 0.03:  # twins: one date, two names
                twin_sex = rng.choice("MF")
                twin_given = self.given(culture, twin_sex)
                if twin_given not in names_used:
                    names_used.add(twin_given)
                    members.append(
                        self.person(
                            family_name + ("а" if twin_sex == "F" else ""),
                            twin_given,
                            self.patronymic(culture, father.given, twin_sex),
                            twin_sex,
                            child.birth,
                        )
                    )
            year += rng.randint(1, 4)
        if rng.random() < 0.06:  # a sibling the registry does not hold: a look-alike
            sex = rng.choice("MF")
            given = self.given(culture, sex)
            while given in names_used:  # not the name of a brother or sister
                given = self.given(culture, sex)
            relative = self.person(
                family_name + ("а" if sex == "F" else ""),
                given,
                self.patronymic(culture, father.given, sex),
                sex,
                self.birth(min(year, 2023)),
                in_registry=False,
            )
            self.relatives.append(relative)
        self.people.extend(members)

    def stranger(self) -> Person:
        culture = "kk" if self.rng.random() < 0.8 else "ru"
        sex = self.rng.choice("MF")
        surname = self.pick(SURNAMES[culture]) + ("а" if sex == "F" else "")
        return self.person(
            surname,
            self.given(culture, sex),
            self.patronymic(culture, self.given(culture, "M"), sex),
            sex,
            self.birth(self.rng.randint(1955, 2020)),
            in_registry=False,
        )


@dataclass
class ListRow:
    values: dict[str, str]
    gives: dict[str, int]  # which truth fields the row gives; date: 0 none, 1 year, 2 month, 3 day


def _date(person: Person, rng: random.Random) -> tuple[str, int]:
    year, month, day = person.birth
    roll = rng.random()
    if roll < 0.12:
        return "", 0
    if roll < 0.27:
        return f"{year:04d}", 1
    if roll < 0.37:
        return f"{year:04d}-{month:02d}", 2
    if roll < 0.40:
        year += rng.choice((-1, 1))  # a year off
    elif roll < 0.43 and day <= 12 and day != month:
        month, day = day, month  # day and month swapped
    elif roll < 0.45:
        digits = list(f"{year:04d}{month:02d}{day:02d}")
        at = rng.choice((2, 3, 7))  # a mistyped digit that still makes a date
        digits[at] = str((int(digits[at]) + rng.choice((1, 2))) % 10)
        text = "".join(digits)
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:]) or 1
        day = min(day, 28)
    return f"{year:04d}-{month:02d}-{day:02d}", 3


def list_row(person: Person, list_id: str, rng: random.Random) -> ListRow:
    scheme = rng.choices(list(SCHEMES), weights=list(SCHEMES.values()))[0]
    surname = person.surname
    if person.other_surname and rng.random() < 0.35:
        surname = person.other_surname  # listed under the other (married or maiden) name
    patronymic = person.patronymic if rng.random() < 0.5 else ""
    if patronymic.endswith(("ұлы", "қызы")) and rng.random() < 0.2:
        patronymic = (
            patronymic[:-3] + " ұлы" if patronymic.endswith("ұлы") else patronymic[:-4] + " қызы"
        )
    parts = {
        "surname": render(surname, scheme, rng),
        "given_name": render(person.given, scheme, rng),
        "patronymic": render(patronymic, scheme, rng),
    }
    if rng.random() < 0.12:
        field_name = rng.choice(("surname", "given_name"))
        parts[field_name] = typo(parts[field_name], rng)
    gives = {"surname": 1, "given_name": 1, "patronymic": int(bool(patronymic))}
    if rng.random() < 0.04:  # one name missing
        dropped = rng.choice(("surname", "given_name"))
        parts[dropped] = ""
        gives[dropped] = 0
    full_name = ""
    if rng.random() < 0.3:
        words = [parts["surname"], parts["given_name"]]
        if rng.random() < 0.5:
            words.reverse()
        full_name = " ".join(w for w in [*words, parts["patronymic"]] if w)
        parts = {"surname": "", "given_name": "", "patronymic": ""}
    elif rng.random() < 0.05:
        parts["surname"], parts["given_name"] = parts["given_name"], parts["surname"]
    sex = person.sex if rng.random() < 0.75 else ""
    if sex and rng.random() < 0.01:
        sex = "F" if sex == "M" else "M"
    birth_date, precision = _date(person, rng)
    values = {"id": list_id, **parts, "full_name": full_name, "sex": sex, "birth_date": birth_date}
    gives |= {"sex": int(bool(sex)), "birth_date": precision}
    if surname != person.surname:
        gives["surname"] = 0  # the married name is not the registry's field
    return ListRow(values, gives)


REGISTRY_COLUMNS = ["id", "surname", "given_name", "patronymic", "sex", "birth_date"]
LIST_COLUMNS = ["id", "surname", "given_name", "patronymic", "full_name", "sex", "birth_date"]
TRUTH_COLUMNS = [
    "list_id", "registry_id", "kind", "surname", "given_name", "patronymic", "sex", "birth_date",
    "gives_surname", "gives_given_name", "gives_patronymic", "gives_sex", "gives_birth_date",
]  # fmt: skip


def generate(registry_size: int, list_size: int, out: Path, seed: int = 6) -> None:
    rng = random.Random(seed)
    generator = Generator(rng)
    while len(generator.people) < registry_size:
        generator.clan()
    registry = generator.people[:registry_size]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "registry.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTRY_COLUMNS)
        for p in registry:
            writer.writerow((p.id, p.surname, p.given, p.patronymic, p.sex, p.birth_date))
    registered_ids = {p.id for p in registry}
    relatives = [r for r in generator.relatives if r.in_registry is False]
    links = round(list_size * 0.85)
    lookalikes = min(len(relatives), (list_size - links) // 2)
    chosen = [(p, "link") for p in rng.sample(registry, links)]
    chosen += [(p, "relative") for p in rng.sample(relatives, lookalikes)]
    chosen += [(generator.stranger(), "stranger") for _ in range(list_size - len(chosen))]
    rng.shuffle(chosen)
    with (
        (out / "list.csv").open("w", newline="", encoding="utf-8") as list_handle,
        (out / "truth.csv").open("w", newline="", encoding="utf-8") as truth_handle,
    ):
        list_writer, truth_writer = csv.writer(list_handle), csv.writer(truth_handle)
        list_writer.writerow(LIST_COLUMNS)
        truth_writer.writerow(TRUTH_COLUMNS)
        for number, (person, kind) in enumerate(chosen, start=1):
            row = list_row(person, f"L{number:06d}", rng)
            list_writer.writerow([row.values[c] for c in LIST_COLUMNS])
            registry_id = person.id if person.id in registered_ids and kind == "link" else ""
            truth_writer.writerow(
                [
                    row.values["id"], registry_id, kind, person.surname, person.given,
                    person.patronymic, person.sex, person.birth_date,
                    row.gives["surname"], row.gives["given_name"], row.gives["patronymic"],
                    row.gives["sex"], row.gives["birth_date"],
                ]
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--list", type=int, default=10_000, dest="list_size")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    generate(args.registry, args.list_size, args.out, args.seed)


if __name__ == "__main__":
    main()
