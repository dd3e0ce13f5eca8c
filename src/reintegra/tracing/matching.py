"""Matching an imported list against the people a user may see, with the identity engine.

The registry is built from every stored name of every person the list's owner may see (a person
with names in three scripts is filed three times); the engine's ``adjust`` hook keeps each
person once among a row's candidates, at their best-scoring name, and lets a family on the list
strengthen its members (``family_adjust``; the rule is ``reintegra.identity.family``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from reintegra.identity import family
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
NAME_FIELDS = ("surname", "given_name", "patronymic")
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
        group=getattr(row, "family", ""),
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


Adjust = Callable[[ListedPerson, list[Candidate]], None]
FamilyBonuses = dict[tuple[str, str], family.Bonus]
# The registry's relations among some people (registry ids): read only for the candidates of the
# rows that belong to a family, once they are known.
RelationsOf = Callable[[set[str]], Iterable[family.Relation]]
# Candidates per row kept for review and assignment, and looked at for family support.
KEEP = 8


def family_bonuses(
    matcher: Matcher, listed: list[ListedPerson], relations_of: RelationsOf | None
) -> FamilyBonuses:
    """Score the rows that belong to a family on the list once without any bonus, and work out
    each (row, person) bonus from those scores (``reintegra.identity.family``).

    The engine's ``adjust`` hook sees one row at a time, while a row's bonus depends on the
    candidates of the other rows of its family: so those rows are scored here first (rows of
    no family are not), and the hook only adds what was worked out. This keeps the engine's
    interface as it is, at the cost of scoring family rows twice."""
    grouped = [person for person in listed if person.group]
    sizes: dict[str, int] = {}
    for person in grouped:
        sizes[person.group] = sizes.get(person.group, 0) + 1
    grouped = [person for person in grouped if sizes[person.group] > 1]
    if not grouped or relations_of is None:
        return {}
    dedupe = one_per_person(matcher.registry)
    candidates: dict[str, list[family.Scored]] = {}
    for person in grouped:
        scored = matcher.score(person, matcher.candidates(person))
        dedupe(person, scored)
        kept = [c for c in scored if c.weight > DROPPED][:KEEP]
        candidates[person.id] = [
            family.Scored(
                person=matcher.registry.ids[c.index],
                weight=c.weight,
                fields=matcher.explain(person, c),
            )
            for c in kept
        ]
    people = {c.person for scored in candidates.values() for c in scored}
    relations = relations_of(people) if people else ()
    return family.bonuses({p.id: p.group for p in grouped}, candidates, relations)


def family_adjust(registry: Registry, found: FamilyBonuses) -> Adjust:
    """Keep each person once (``one_per_person``), then add their family bonus, if any."""
    dedupe = one_per_person(registry)

    def adjust(listed: ListedPerson, candidates: list[Candidate]) -> None:
        dedupe(listed, candidates)
        if not listed.group:
            return
        for candidate in candidates:
            if candidate.weight <= DROPPED:
                continue
            bonus = found.get((listed.id, registry.ids[candidate.index]))
            if bonus is not None:
                candidate.weight += bonus.bits

    return adjust


def match_rows(
    rows,
    names,
    *,
    relations_of: RelationsOf | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Matcher, list[MatchResult], FamilyBonuses]:
    """Match the rows; rows of one family on the list (``row.family``) strengthen each other's
    candidates through the registry's relations, read by ``relations_of`` (returned: the bonus
    of each (row id, person id), for the explanation)."""
    registry = build_registry(names)
    matcher = Matcher(registry)
    listed = [listed_person(row) for row in rows]
    found = family_bonuses(matcher, listed, relations_of)
    results = matcher.match(
        listed, adjust=family_adjust(registry, found), progress=progress, keep=KEEP
    )
    return matcher, results, found


def family_lines(
    bonus: family.Bonus | None, *, rows: Mapping[str, Any], names: Mapping[str, str]
) -> list[dict]:
    """The explanation lines of a family bonus: per relative, who they are to the candidate and
    which line of the list they are a candidate of. ``rows``: row id -> row; ``names``: person
    id -> the name to show."""
    if bonus is None:
        return []
    lines = []
    for support in bonus.supports:
        row = rows.get(support.row)
        lines.append(
            {
                "field": family.FIELD,
                "level": "related",
                "weight": round(support.bits, 2),
                "listed": str(getattr(row, "line", "")),
                "registered": str(names.get(support.relative, "")),
                "listed_key": str(row) if row is not None else "",
                "registered_key": "",
                # The kind as a code (mother, father, child, parent, spouse): the page says it in
                # the reader's language.
                "relation": support.kind,
            }
        )
    return lines


def explanation(
    matcher: Matcher,
    result: MatchResult,
    candidate: Candidate,
    *,
    listed_as_written: dict[str, str] | None = None,
) -> list[dict]:
    """Per field: the agreement, and both values as written (the folded keys beside them). On
    a name's line, the listed value is the word the engine compared in that role, which may
    stand in another field of the list (``listed_field``: its field, "" for a word of a full
    name); ``listed_as_written`` gives the other fields as written."""
    written = getattr(matcher.registry, "written", [])
    registered_as_written = written[candidate.index] if candidate.index < len(written) else {}
    listed_as_written = listed_as_written or {}
    lines = []
    for line in matcher.explain(result.listed, candidate):
        shown = {
            "field": line.field,
            "level": line.level,
            "weight": round(line.weight, 2),
            "listed": listed_as_written.get(line.field) or line.listed,
            "registered": registered_as_written.get(line.field) or line.registered,
            "listed_key": line.listed,
            "registered_key": line.registered,
        }
        if line.field in NAME_FIELDS:
            shown["listed"] = line.written or line.listed
            shown["listed_field"] = line.written_in
        lines.append(shown)
    return lines
