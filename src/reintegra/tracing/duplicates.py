"""Likely duplicates of a person about to be registered, among the people the user may see.

Cheap by construction: only the names sharing a blocking key with the new name are read (the
cross-script ``match_keys`` of ``people.name_keys``: the surname's first letters and the given
name's first letters, in any script), restricted to the user's reach; the identity engine then
folds and scores them, and those at the engine's review level or above are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from reintegra.core.access import VIEW
from reintegra.core.dates import PartialDate
from reintegra.identity.compare import probability
from reintegra.identity.dates import UNKNOWN_DATE
from reintegra.identity.dates import PartialDate as EnginePartialDate
from reintegra.identity.engine import ListedPerson, Matcher
from reintegra.identity.names import split_name, words
from reintegra.identity.phonetic import fine_key
from reintegra.people.models import Person, PersonName
from reintegra.tracing.matching import SEX_CODES, build_registry, explanation, one_per_person

if TYPE_CHECKING:
    from reintegra.accounts.models import User

# Letters of a key that must agree: a typo further on still finds the name.
SURNAME_LETTERS = 4
GIVEN_LETTERS = 3
# Names read at most: a block this large says little.
MOST_NAMES = 2000
SHOWN = 5


@dataclass(frozen=True)
class NewPerson:
    surname: str
    given_name: str
    patronymic: str = ""
    sex: str = ""
    birth: PartialDate | None = None
    latin_name: str = ""


def _engine_date(birth: PartialDate | None) -> EnginePartialDate:
    if birth is None:
        return UNKNOWN_DATE
    day = birth.value
    if birth.precision == "day":
        return EnginePartialDate(day.year, day.month, day.day)
    if birth.precision == "month":
        return EnginePartialDate(day.year, day.month, 0)
    return EnginePartialDate(day.year, 0, 0)


def _prefix(text: str, letters: int) -> str:
    for word in words(text or ""):
        key = fine_key(word)
        if key:
            return key[:letters]
    return ""


def blocking_q(new: NewPerson) -> Q | None:
    """Names sharing a key with the new person's name, in Cyrillic or in Latin letters."""
    query: Q | None = None
    renderings = [(new.surname, new.given_name)]
    latin = [w for w in words(new.latin_name or "")]
    if len(latin) >= 2:
        renderings.append((latin[0], latin[1]))
    for surname, given in renderings:
        s, g = _prefix(surname, SURNAME_LETTERS), _prefix(given, GIVEN_LETTERS)
        if not s or not g:
            continue
        part = Q(match_keys__contains=f" {s}") & Q(match_keys__contains=f" {g}")
        query = part if query is None else query | part
    return query


def likely_duplicates(*, user: User, new: NewPerson) -> list[dict]:
    """People ``user`` may see who look like ``new``, best first, each with the field agreement
    (as the review queue shows it) and the engine's probability."""
    where = blocking_q(new)
    if where is None:
        return []
    visible = Person.objects.restrict(user, VIEW).filter(merged_into__isnull=True)
    names = list(
        PersonName.objects.filter(where, person__in=visible.values("pk"))
        .select_related("person")
        .order_by("pk")[:MOST_NAMES]
    )
    if not names:
        return []
    registry = build_registry(names)
    matcher = Matcher(registry)
    listed = ListedPerson(
        id="new",
        name=split_name(surname=new.surname, given=new.given_name, patronymic=new.patronymic),
        sex=SEX_CODES.get(new.sex, ""),
        birth_date=_engine_date(new.birth),
    )
    [result] = matcher.match([listed], adjust=one_per_person(registry), keep=SHOWN * 2)
    people = {str(n.person.pk): n.person for n in names}
    found = []
    for candidate in result.candidates:
        chance = probability(candidate.weight)
        if chance < matcher.thresholds.review:
            continue
        person = people[registry.ids[candidate.index]]
        found.append(
            {
                "person": person,
                "probability": round(chance, 2),
                "explanation": explanation(
                    matcher,
                    result,
                    candidate,
                    listed_as_written={
                        "surname": new.surname,
                        "given_name": new.given_name,
                        "patronymic": new.patronymic,
                        "birth_date": str(new.birth or ""),
                    },
                ),
            }
        )
    return found[:SHOWN]
