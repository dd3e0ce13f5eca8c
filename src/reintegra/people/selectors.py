"""Reads of people for pages, the API and exports: always restricted, and audited on view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from reintegra.cases.models import Case
from reintegra.cases.selectors import status_q
from reintegra.core.access import PERSON_READERS, access_context
from reintegra.core.dates import add_years
from reintegra.core.roles import SensitivePermission
from reintegra.identity.normalise import search_key
from reintegra.people.models import IdentityDocument, Person, PersonName, Relationship, Sex
from reintegra.people.name_keys import consonant_terms, query_terms
from reintegra.returns.models import Return

if TYPE_CHECKING:
    from reintegra.accounts.models import User

# Age groups of the program's figures: (key, youngest, oldest) in full years.
AGE_GROUPS = {
    "child": (0, 17),
    "adult": (18, None),
    "0-4": (0, 4),
    "5-9": (5, 9),
    "10-14": (10, 14),
    "15-17": (15, 17),
}


@dataclass(frozen=True)
class PersonFilters:
    search: str = ""
    region_id: int | None = None
    sex: str = ""
    age_group: str = ""
    operation_id: int | None = None
    wave_id: int | None = None
    program: str = ""
    status: str = ""
    case_worker_id: int | None = None
    returned_as: str = ""  # man, woman or child on arriving (as the returns figures count)
    # Search the names by their consonants (``name_keys.consonant_terms``), as
    # ``with_similar_spellings`` does when the spelling typed finds nobody.
    by_consonants: bool = False


def name_search_q(query: str, *, person_path: str = "pk", by_consonants: bool = False) -> Q:
    """People with a stored name that has every word of the query: in its own script (the
    folded search key, see identity.normalise) or in any other (the cross-script match keys,
    see people.name_keys: Bauyrzhan finds Бауыржан, باورجان finds both). ``by_consonants``:
    every word by its consonants only (Жусупов finds Жүсіпов)."""
    key = "" if by_consonants else search_key(query)
    terms = consonant_terms(query) if by_consonants else query_terms(query)
    if not key and not terms:
        return Q(pk__in=[]) if by_consonants else Q()
    names = PersonName.objects.filter(person_id=OuterRef(person_path))
    same_script = names
    for word in key.split():
        same_script = same_script.filter(search_key__contains=word)
    any_script = names
    for options in terms:
        either = Q()
        for option in options:
            either |= Q(match_keys__contains=option)
        any_script = any_script.filter(either)
    found = Q(Exists(same_script)) if key else Q()
    if terms:
        found = found | Q(Exists(any_script)) if key else Q(Exists(any_script))
    return found


def age_group_q(group: str, on: dt.date, *, prefix: str = "") -> Q:
    """Born so that the person is within the group's ages on ``on`` (by the stated birth date)."""
    youngest, oldest = AGE_GROUPS[group]
    query = Q(**{f"{prefix}birth_date__lte": add_years(on, -youngest)})
    if oldest is not None:
        query &= Q(**{f"{prefix}birth_date__gt": add_years(on, -(oldest + 1))})
    return query


RETURNED_AS = ("any", "man", "woman", "child")


def returned_as_q(category: str) -> Q:
    """People returned as men, women or children: a child was under 18 on arriving (a person
    who may still be a minor on their first arrival counts as a child, as in the figures)."""
    returns = Return.objects.filter(person_id=OuterRef("pk"))
    child = Q(adult_on__isnull=True) | Q(
        Exists(returns.filter(arrival_date__lt=OuterRef("adult_on")))
    )
    if category == "any":
        return Q(Exists(returns))
    if category == "child":
        return Q(Exists(returns)) & child
    sex = Sex.FEMALE if category == "woman" else Sex.MALE
    return Q(Exists(returns)) & ~child & Q(sex=sex)


def apply_person_filters(qs: QuerySet[Person], filters: PersonFilters) -> QuerySet[Person]:
    today = timezone.localdate()
    if filters.search:
        qs = qs.filter(name_search_q(filters.search, by_consonants=filters.by_consonants))
    if filters.region_id:
        qs = qs.filter(region_id=filters.region_id)
    if filters.sex:
        qs = qs.filter(sex=filters.sex)
    if filters.age_group in AGE_GROUPS:
        qs = qs.filter(age_group_q(filters.age_group, today))
    if filters.operation_id or filters.wave_id:
        returns = Return.objects.filter(person_id=OuterRef("pk"))
        if filters.operation_id:
            returns = returns.filter(operation_id=filters.operation_id)
        if filters.wave_id:
            returns = returns.filter(wave_id=filters.wave_id)
        qs = qs.filter(Exists(returns))
    if filters.returned_as in RETURNED_AS:
        qs = qs.filter(returned_as_q(filters.returned_as))
    if filters.program or filters.status or filters.case_worker_id:
        cases = Case.objects.filter(person_id=OuterRef("pk"))
        if filters.program:
            cases = cases.filter(program=filters.program)
        if filters.status:
            cases = cases.filter(status_q(filters.status))
        if filters.case_worker_id:
            cases = cases.filter(case_worker_id=filters.case_worker_id)
        qs = qs.filter(Exists(cases))
    return qs


def with_similar_spellings(
    select: Callable[..., QuerySet[Person]], *, user: User, filters: PersonFilters
) -> tuple[QuerySet[Person], PersonFilters]:
    """``select(user=..., filters=...)``; when a name search finds nobody, the same search by
    the names' consonants (a vowel spelled otherwise: Жусупов for Жүсіпов, Zhusupov), and the
    filters actually applied, so that a page can say so and an export gives the same people."""
    found = select(user=user, filters=filters)
    # A search with no name in it (a number, a letter) has no consonants to look for.
    searchable = bool(filters.search and consonant_terms(filters.search))
    if searchable and not filters.by_consonants and not found.exists():
        similar = replace(filters, by_consonants=True)
        alike = select(user=user, filters=similar)
        if alike.exists():
            return alike, similar
    return found, filters


def person_list(*, user: User, filters: PersonFilters | None = None) -> QuerySet[Person]:
    qs = Person.objects.restrict(user, "view").filter(merged_into__isnull=True)
    qs = qs.select_related("region", "organisation")
    return apply_person_filters(qs, filters or PersonFilters())


def person_export(*, user: User, filters: PersonFilters | None = None) -> QuerySet[Person]:
    qs = Person.objects.restrict(user, "export").filter(merged_into__isnull=True)
    qs = qs.select_related("region", "organisation")
    return apply_person_filters(qs, filters or PersonFilters())


def person_who_stays(merged_into: int) -> Person:
    """The person a duplicate merged into ``merged_into`` now lives on as: that person, or the
    one it was merged into in turn."""
    survivor = Person.objects.get(pk=merged_into)
    seen = {survivor.pk}
    while survivor.merged_into_id and survivor.merged_into_id not in seen:
        seen.add(survivor.merged_into_id)
        survivor = Person.objects.get(pk=survivor.merged_into_id)
    return survivor


def may_see_identity_numbers(user: User) -> bool:
    return access_context(user).has_permission(
        SensitivePermission.IDENTITY_NUMBERS, roles=PERSON_READERS
    )


def person_detail(*, user: User, person: Person) -> dict:
    """Everything the person's page shows, each part restricted for ``user``."""
    names = PersonName.objects.restrict(user, "view").filter(person=person)
    documents = IdentityDocument.objects.restrict(user, "view").filter(person=person)
    relationships = (
        Relationship.objects.restrict(user, "view").filter(person=person).select_related("relative")
    )
    visible_relatives = set(
        Person.objects.restrict(user, "view")
        .filter(pk__in=[r.relative_id for r in relationships])
        .values_list("pk", flat=True)
    )
    returns = (
        Return.objects.restrict(user, "view")
        .filter(person=person)
        .select_related("operation", "wave")
    )
    cases = (
        Case.objects.restrict(user, "view")
        .filter(person=person)
        .select_related("organisation", "region", "case_worker")
    )
    return {
        "names": names,
        "documents": documents,
        "relationships": [(r, r.relative_id in visible_relatives) for r in relationships],
        "returns": returns,
        "cases": cases,
        "show_identity_numbers": may_see_identity_numbers(user),
    }


def family_of(*, user: User, person: Person) -> dict:
    """The person's mother or guardian as the family's centre, with her children and their
    guardians, as far as ``user`` may see them."""
    visible = Person.objects.restrict(user, "view")
    rows = Relationship.objects.restrict(user, "view").select_related("relative", "person")
    centre = person
    parents = rows.filter(person=person, kind__in=["mother", "guardian"]).first()
    if person.is_child_on(timezone.localdate()) and parents is not None:
        centre = parents.relative
    children = visible.filter(
        pk__in=rows.filter(person=centre, kind__in=["child", "ward"]).values("relative_id")
    ).prefetch_related(
        Prefetch(
            "relationships",
            queryset=rows.filter(kind__in=["mother", "father", "guardian"]),
            to_attr="carers",
        )
    )
    partners = visible.filter(
        pk__in=rows.filter(person=centre, kind="spouse").values("relative_id")
    )
    return {"centre": centre, "children": children.order_by("birth_date"), "partners": partners}
