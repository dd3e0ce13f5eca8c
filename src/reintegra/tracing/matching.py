"""Matching an imported list against the people a user may see, with the identity engine.

The registry is built from every stored name of every person the list's owner may see (a person
with names in three scripts is filed three times); the engine's ``adjust`` hook keeps each
person once among a row's candidates, at their best-scoring name, and lets a family on the list
strengthen its members (see ``family_adjust``).
"""

from __future__ import annotations

from collections.abc import Callable

from reintegra.identity.dates import UNKNOWN_DATE, BadDate, PartialDate, parse_date
from reintegra.identity.engine import (
    Candidate,
    ListedPerson,
    Matcher,
    MatchResult,
    Registry,
    RegistryPerson,
)
from reintegra.identity.names import FEMALE, MALE, split_name

DROPPED = -1e9
SEX_CODES = {"male": MALE, "female": FEMALE}


def _birth(day, precision: str) -> PartialDate:
    if day is None:
        return UNKNOWN_DATE
    if precision == "day":
        return PartialDate(day.year, day.month, day.day)
    if precision == "month":
        return PartialDate(day.year, day.month, 0)
    return PartialDate(day.year, 0, 0)


def build_registry(names) -> Registry:
    """``names``: PersonName rows with their person selected."""
    registry = Registry()
    # The spellings as written, by position: the reviewer reads these, not the folded keys the
    # engine compares.
    written: list[dict[str, str]] = []
    registry.written = written
    for name in names:
        person = name.person
        surname, given = name.surname, name.given_name
        if not (surname or given) and name.full_name:
            parts = split_name(full=name.full_name)
            words = [w for w in (parts.surname, parts.given, *parts.loose) if w]
            surname, given = [*words, "", ""][:2]
        written.append(
            {
                "surname": surname,
                "given_name": given,
                "patronymic": name.patronymic,
                "birth_date": str(person.birth or ""),
            }
        )
        registry.add(
            RegistryPerson(
                id=str(person.pk),
                surname=surname,
                given_name=given,
                patronymic=name.patronymic,
                sex=SEX_CODES.get(person.sex, ""),
                birth_date=_birth(person.birth_date, person.birth_date_precision),
            )
        )
    return registry


def listed_person(row) -> ListedPerson:
    try:
        birth = parse_date(row.birth_date or "")
    except BadDate:
        birth = UNKNOWN_DATE
    return ListedPerson(
        id=str(row.pk),
        name=split_name(
            surname=row.surname,
            given=row.given_name,
            patronymic=row.patronymic,
            full=row.full_name,
        ),
        sex=SEX_CODES.get(row.sex, ""),
        birth_date=birth,
    )


def one_per_person(registry: Registry) -> Callable[[ListedPerson, list[Candidate]], None]:
    def adjust(_listed: ListedPerson, candidates: list[Candidate]) -> None:
        seen: set[str] = set()
        for candidate in candidates:  # best first
            person = registry.ids[candidate.index]
            if person in seen:
                candidate.weight = DROPPED
            seen.add(person)

    return adjust


def match_rows(
    rows, names, *, progress: Callable[[int, int], None] | None = None
) -> tuple[Matcher, list[MatchResult]]:
    registry = build_registry(names)
    matcher = Matcher(registry)
    listed = [listed_person(row) for row in rows]
    results = matcher.match(listed, adjust=one_per_person(registry), progress=progress, keep=8)
    return matcher, results


def explanation(
    matcher: Matcher,
    result: MatchResult,
    candidate: Candidate,
    *,
    listed_as_written: dict[str, str] | None = None,
) -> list[dict]:
    """Per field: the agreement, and both values as written (the folded keys beside them)."""
    written = getattr(matcher.registry, "written", [])
    registered_as_written = written[candidate.index] if candidate.index < len(written) else {}
    listed_as_written = listed_as_written or {}
    return [
        {
            "field": line.field,
            "level": line.level,
            "weight": round(line.weight, 2),
            "listed": listed_as_written.get(line.field) or line.listed,
            "registered": registered_as_written.get(line.field) or line.registered,
            "listed_key": line.listed,
            "registered_key": line.registered,
        }
        for line in matcher.explain(result.listed, candidate)
    ]
