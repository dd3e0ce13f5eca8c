"""Likely duplicates of a person about to be registered, among the people the user may see.

Cheap by construction: only the names sharing a blocking key with the new name are read (the
cross-script ``match_keys`` of ``people.name_keys``: the surname's first letters and the given
name's first letters, in any script), restricted to the user's reach; the identity engine then
folds and scores them, and those at the engine's review level or above are shown.

A user who says "this is a different person" confirms it about the people shown, not about
whoever is a likely duplicate when the form comes back: the page carries the ids it showed,
signed (``shown_token``), and registering checks they are still exactly the likely duplicates
(``check_still_shown``). A duplicate registered meanwhile is shown before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from reintegra.core.access import VIEW
from reintegra.core.dates import PartialDate
from reintegra.identity.compare import probability
from reintegra.identity.dates import UNKNOWN_DATE
from reintegra.identity.dates import PartialDate as EnginePartialDate
from reintegra.identity.engine import ListedPerson, Matcher
from reintegra.identity.names import split_name, words
from reintegra.people.models import Person, PersonName, Script
from reintegra.people.name_keys import arabic_key_prefix, key_prefix
from reintegra.tracing.matching import SEX_CODES, build_registry, explanation, one_per_person

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.people.services import NameInput

# Letters of a key that must agree: a typo further on still finds the name.
SURNAME_LETTERS = 4
GIVEN_LETTERS = 3
# Names read at most: a block this large says little.
MOST_NAMES = 2000
SHOWN = 5
# The signed list of people shown is good for a working day: a form left open longer is shown
# again rather than trusted.
SHOWN_SALT = "reintegra.tracing.duplicates.shown"
SHOWN_FOR = 12 * 60 * 60


@dataclass(frozen=True)
class NewPerson:
    surname: str
    given_name: str
    patronymic: str = ""
    sex: str = ""
    birth: PartialDate | None = None
    latin_name: str = ""


def new_person_of(*, names: Sequence[NameInput], sex: str, birth: PartialDate | None) -> NewPerson:
    """The person being registered, as the duplicate search sees them: the first name, and the
    first name in Latin letters (a passport's), as the registration form gives them."""
    first = names[0] if names else None
    latin = next((n.full_name for n in names if n.script == Script.LATIN and n.full_name), "")
    return NewPerson(
        surname=first.surname if first else "",
        given_name=first.given_name if first else "",
        patronymic=first.patronymic if first else "",
        sex=sex,
        birth=birth,
        latin_name=latin,
    )


def _engine_date(birth: PartialDate | None) -> EnginePartialDate:
    if birth is None:
        return UNKNOWN_DATE
    day = birth.value
    if birth.precision == "day":
        return EnginePartialDate(day.year, day.month, day.day)
    if birth.precision == "month":
        return EnginePartialDate(day.year, day.month, 0)
    return EnginePartialDate(day.year, 0, 0)


def blocking_q(new: NewPerson) -> Q | None:
    """Names sharing a key with the new person's name, in any script, or with its rendering in
    Latin letters."""
    query: Q | None = None
    renderings = [(new.surname, new.given_name)]
    latin = [w for w in words(new.latin_name or "")]
    if len(latin) >= 2:
        renderings.append((latin[0], latin[1]))
    for surname, given in renderings:
        for s, g in (
            (key_prefix(surname, SURNAME_LETTERS), key_prefix(given, GIVEN_LETTERS)),
            # a name stored in Arabic script, by its consonants
            (
                arabic_key_prefix(surname, SURNAME_LETTERS),
                arabic_key_prefix(given, GIVEN_LETTERS),
            ),
        ):
            if not s or not g:
                continue
            part = Q(match_keys__contains=s) & Q(match_keys__contains=g)
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
                    listed_as_written={"birth_date": str(new.birth or "")},
                ),
            }
        )
    return found[:SHOWN]


def shown_token(*, user: User, duplicates: Iterable[dict]) -> str:
    """The people shown to ``user`` as likely duplicates, signed, for the form to carry back."""
    people = sorted(d["person"].pk for d in duplicates)
    return signing.dumps({"user": user.pk, "people": people}, salt=SHOWN_SALT, compress=True)


def shown_people(*, user: User, token: str) -> list[int] | None:
    """The people a token says were shown to ``user``; None when it is missing, altered, too old
    or another user's."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SHOWN_SALT, max_age=SHOWN_FOR)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or data.get("user") != user.pk:
        return None
    people = data.get("people")
    if not isinstance(people, list) or not all(isinstance(p, int) for p in people):
        return None
    return people


def check_still_shown(*, user: User, new: NewPerson, shown: Iterable[int]) -> list[int]:
    """Refuse (ValidationError on ``different_person``) unless the likely duplicates of ``new``
    are now exactly the people that were shown; returns them."""
    now = sorted(d["person"].pk for d in likely_duplicates(user=user, new=new))
    if now != sorted(set(shown)):
        raise ValidationError(
            {
                "different_person": _(
                    "The likely duplicates changed since they were shown: look at the people "
                    "shown now, and confirm again if this is still a different person."
                )
            }
        )
    return now
