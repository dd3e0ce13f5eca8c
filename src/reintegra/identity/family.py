"""Family-aware matching: members of one family on a list strengthen each other's candidates.

Lists of returnees and of people abroad name families together: a mother, then her children.
Alone, "Қасымова Айгүл" may fit two namesakes equally well; but if one of them is, in the
registry, the mother of a candidate of the next row ("Қасымов Ерлан"), that one is much more
likely to be the woman on the list than a namesake whose children are nowhere on it.

Only what the list says makes a family: rows sharing a value of the column the user mapped to
"family". Nothing is inferred from shared surnames or neighbouring lines (namesakes share
surnames too, and a guess would make evidence out of nothing).

The rule, for a candidate P of row R in family F:

- each *other* row S of F whose plausible candidates include a registry relative Q of P (mother,
  father, child or spouse) adds ``SUPPORT_BITS``; the total is capped at ``MOST_BITS``;
- only candidates whose names agree (given name and surname the same or close) and that nothing
  contradicts (the sex or the date of birth clearly different) take part, on either side: a
  relation between two candidates never stands in for their names, and never turns a clear
  "different person" into a match;
- bonuses are computed from the weights before any bonus (one pass, never fed back), each other
  row counts once however many relatives it holds, and each relative counts once however many
  rows name it: nothing is counted twice.

The rule is symmetric: if Q (row S) strengthens P (row R), P strengthens Q, since relations are
read in both directions and both sides pass the same test.

Pure Python, no Django: the tracing app supplies the rows, candidates and relations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reintegra.identity.compare import FieldAgreement

FIELD = "family"
# The relations that make one family on a list (what the people app records; siblings and
# guardians are left out: siblings are already linked through their mother or father, and a
# guardian is often not listed with the ward).
KINDS = frozenset({"mother", "father", "child", "spouse"})
# The kind seen from the other side, when only one direction was recorded.
INVERSE = {"mother": "child", "father": "child", "child": "parent", "spouse": "spouse"}

# Why 2 bits for a relative on another row of the family: a log2 likelihood ratio, as the other
# fields. If P is the listed person, the family on the list is P's, and a relative of P is a
# candidate of another of its rows most of the time (m about 0.5: lists and the registry do not
# always record the same members). If P is only a namesake, a relative of P must by chance be a
# plausible candidate of a row of the same listed family: rare, but families repeat first names
# and surnames, so not negligible (u about 0.1). log2(0.5 / 0.1) = 2.3, rounded down.
SUPPORT_BITS = 2.0
# Why at most 4 bits in all: the rows of one family are not independent evidence (two namesake
# families may share several names), so past two relatives more of them adds nothing. 4 bits
# (16 times as likely) settles a tie between namesakes, yet is far less than one field's clear
# disagreement (a different given name weighs -7, a different date -8) can take away.
MOST_BITS = 4.0
# A candidate of another row supports only if it is itself plausible for that row: at most this
# many bits below that row's best candidate (1/16 as likely).
WINDOW_BITS = 4.0

AGREEING_NAMES = frozenset({"exact", "close"})
CONTRADICTING = frozenset({"different"})


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate of one list row, as scored before any family bonus."""

    person: str  # registry id
    weight: float  # log2 odds
    fields: Sequence[FieldAgreement] = ()  # the engine's explanation of this candidate


@dataclass(frozen=True, slots=True)
class Relation:
    """``relative`` is the ``kind`` of ``person`` (as ``people.Relationship`` reads)."""

    person: str
    relative: str
    kind: str


@dataclass(frozen=True, slots=True)
class Support:
    """A relative of the candidate who is a plausible candidate of another row of the family."""

    row: str  # the other row
    relative: str  # the relative's registry id
    kind: str  # what the relative is to the candidate: mother, father, child, parent, spouse
    bits: float  # this support's share of the bonus


@dataclass(frozen=True, slots=True)
class Bonus:
    bits: float
    supports: tuple[Support, ...] = field(default=())


def takes_part(candidate: Scored) -> bool:
    """Names agree and nothing says "a different person" (see the module's description)."""
    levels = {line.field: line.level for line in candidate.fields}
    if levels.get("given_name") not in AGREEING_NAMES:
        return False
    if levels.get("surname") not in AGREEING_NAMES:
        return False
    return not any(levels.get(f) in CONTRADICTING for f in ("sex", "birth_date"))


def relatives_of(relations: Iterable[Relation]) -> dict[str, dict[str, str]]:
    """person -> {relative: kind}, in both directions, family kinds only."""
    found: dict[str, dict[str, str]] = {}
    for relation in relations:
        if relation.kind not in KINDS or relation.person == relation.relative:
            continue
        found.setdefault(relation.person, {})[relation.relative] = relation.kind
    for relation in relations:
        if relation.kind not in KINDS or relation.person == relation.relative:
            continue
        # The recorded inverse row wins (it says mother or father, not just "parent").
        found.setdefault(relation.relative, {}).setdefault(relation.person, INVERSE[relation.kind])
    return found


def bonuses(
    groups: Mapping[str, str],
    candidates: Mapping[str, Sequence[Scored]],
    relations: Iterable[Relation],
) -> dict[tuple[str, str], Bonus]:
    """The family bonus of each (row, candidate person) that has one.

    ``groups``: row -> its family on the list (rows without one are left out);
    ``candidates``: row -> its candidates, one per person, before any bonus.
    """
    relatives = relatives_of(list(relations))
    members: dict[str, list[str]] = {}
    for row, group in groups.items():
        if group:
            members.setdefault(group, []).append(row)
    # Per row: the candidates that may take part, by person, with their weight.
    plausible: dict[str, dict[str, float]] = {}
    for row in groups:
        scored = candidates.get(row, ())
        if not scored:
            continue
        best = max(c.weight for c in scored)
        plausible[row] = {
            c.person: c.weight for c in scored if c.weight >= best - WINDOW_BITS and takes_part(c)
        }
    found: dict[tuple[str, str], Bonus] = {}
    for rows in members.values():
        if len(rows) < 2:
            continue
        for row in rows:
            for person in plausible.get(row, {}):
                kin = relatives.get(person)
                if not kin:
                    continue
                supports: list[tuple[float, Support]] = []
                used: set[str] = set()
                for other in rows:
                    if other == row:
                        continue
                    # The other row's best-weighted relative of the candidate, if any.
                    here = [
                        (weight, relative)
                        for relative, weight in plausible.get(other, {}).items()
                        if relative in kin and relative != person and relative not in used
                    ]
                    if not here:
                        continue
                    weight, relative = max(here)
                    used.add(relative)
                    supports.append((weight, Support(other, relative, kin[relative], 0.0)))
                if not supports:
                    continue
                supports.sort(key=lambda item: (-item[0], item[1].row))
                left, shared = MOST_BITS, []
                for _weight, support in supports:
                    bits = min(SUPPORT_BITS, left)
                    left -= bits
                    shared.append(Support(support.row, support.relative, support.kind, bits))
                found[(row, person)] = Bonus(MOST_BITS - left, tuple(shared))
    return found
