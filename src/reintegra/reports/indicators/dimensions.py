"""The disaggregations: how each is computed in SQL, and how its values are labelled.

Ages are full years on a reference day, from the stated date of birth; a person whose birth date
may still make them a minor counts as a child (``adult_on`` is the first day they are surely 18).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.core.dates import add_years

AGE_BANDS = ("0-4", "5-9", "10-14", "15-17", "18+")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Dimension:
    code: str
    label: object
    labels: Callable[[], dict[str, str]]  # value code -> label, looked up when shown


def _choices(choices_class) -> Callable[[], dict[str, str]]:
    return lambda: {value: str(label) for value, label in choices_class.choices}


def _regions() -> dict[str, str]:
    from reintegra.core.models import Region

    return {r.code: r.name for r in Region.objects.all()}


def _organisations() -> dict[str, str]:
    from reintegra.core.models import Organisation

    return {o.code: o.name for o in Organisation.objects.all()}


def _operations() -> dict[str, str]:
    from reintegra.returns.models import Operation

    return {o.code: o.name for o in Operation.objects.all()}


def _waves() -> dict[str, str]:
    from reintegra.returns.models import Wave

    return {
        wave_code(w.operation.code, w.number): f"{w.operation.name} · {w.number}"
        for w in Wave.objects.select_related("operation")
    }


def wave_code(operation: str, number: int | None) -> str:
    return f"{operation}-{number}" if number is not None else ""


def _ages() -> dict[str, str]:
    return {band: band for band in AGE_BANDS} | {UNKNOWN: str(_("unknown"))}


def _child_adult() -> dict[str, str]:
    return {
        "child": str(pgettext_lazy("age category", "child")),
        "adult": str(pgettext_lazy("age category", "adult")),
    }


def _category() -> dict[str, str]:
    return {"man": str(_("men")), "woman": str(_("women")), "child": str(_("children"))}


def _lazy(path: str, name: str) -> Callable[[], dict[str, str]]:
    def labels() -> dict[str, str]:
        module = __import__(path, fromlist=[name])
        return _choices(getattr(module, name))()

    return labels


DIMENSIONS: dict[str, Dimension] = {
    d.code: d
    for d in [
        Dimension("sex", _("sex"), _lazy("reintegra.people.models", "Sex")),
        Dimension("age_group", _("age group"), _ages),
        Dimension("child_adult", _("child or adult"), _child_adult),
        Dimension("category", _("men, women, children"), _category),
        Dimension("region", _("region"), _regions),
        Dimension("organisation", _("organisation"), _organisations),
        Dimension("operation", _("operation"), _operations),
        Dimension("wave", _("wave"), _waves),
        Dimension("program", _("program"), _lazy("reintegra.cases.models", "Program")),
        Dimension("status", _("status"), _lazy("reintegra.cases.models", "CaseStatus")),
        Dimension(
            "closure_reason", _("closure reason"), _lazy("reintegra.cases.models", "ClosureReason")
        ),
        Dimension(
            "service_kind", _("kind of service"), _lazy("reintegra.cases.models", "ServiceKind")
        ),
        Dimension(
            "referral_status",
            _("referral outcome"),
            _lazy("reintegra.cases.models", "ReferralStatus"),
        ),
        Dimension(
            "activity_kind",
            _("kind of activity"),
            _lazy("reintegra.programs.models", "ActivityKind"),
        ),
        Dimension(
            "target_group", _("target group"), _lazy("reintegra.programs.models", "TargetGroup")
        ),
    ]
}


def label_of(dimension: str, value: str, cache: dict[str, dict[str, str]] | None = None) -> str:
    """The display label of one value; ``cache`` keeps each dimension's labels for a page."""
    cache = {} if cache is None else cache
    if dimension not in cache:
        cache[dimension] = DIMENSIONS[dimension].labels()
    if value in ("", None):
        return str(_("not recorded"))
    return cache[dimension].get(value, value)


# --- Age on a reference day, in SQL (the day is a constant of the query) ---------------------


def age_band_expression(on: dt.date, prefix: str = "") -> Combinable:
    birth, adult = f"{prefix}birth_date", f"{prefix}adult_on"
    return Case(
        When(**{f"{birth}__isnull": True}, then=Value(UNKNOWN)),
        When(**{f"{adult}__lte": on}, then=Value("18+")),
        When(**{f"{birth}__gt": add_years(on, -5)}, then=Value("0-4")),
        When(**{f"{birth}__gt": add_years(on, -10)}, then=Value("5-9")),
        When(**{f"{birth}__gt": add_years(on, -15)}, then=Value("10-14")),
        default=Value("15-17"),
        output_field=CharField(),
    )


def child_adult_expression(on: dt.date, prefix: str = "") -> Combinable:
    return Case(
        When(Q(**{f"{prefix}adult_on__lte": on}), then=Value("adult")),
        default=Value("child"),
        output_field=CharField(),
    )


# --- The same in Python, for populations read row by row -------------------------------------


def age_band(birth: dt.date | None, adult_on: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return UNKNOWN
    if adult_on is not None and adult_on <= on:
        return "18+"
    for band, years in (("0-4", 5), ("5-9", 10), ("10-14", 15)):
        if birth > add_years(on, -years):
            return band
    return "15-17"


def is_child(adult_on: dt.date | None, on: dt.date) -> bool:
    return adult_on is None or adult_on > on
