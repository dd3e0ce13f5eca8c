"""From which day a court may declare a person abroad dead (Civil Code art. 31).

The rules are settings (``DEATH_DECLARATION``), not code: a court may declare a person dead
``general_years`` (3) after the last news of them; a person who went missing in military action,
not earlier than ``military_action_years`` (2) after the action ended, the end of each country's
military action being ``military_action_ended`` (a two-letter country code -> ISO date). The
date says when an application may be made; the court decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.core.dates import add_years

DEFAULT_RULES = {
    "general_years": 3,
    "military_action_years": 2,
    "military_action_ended": {},
}


def rules() -> dict:
    configured = getattr(settings, "DEATH_DECLARATION", None) or {}
    return {**DEFAULT_RULES, **configured}


@dataclass(frozen=True)
class DeclarationDate:
    day: dt.date | None
    reason: str


def declaration_date(
    *, last_news_on: dt.date | None, country: str, in_military_action: bool, status: str = ""
) -> DeclarationDate:
    """The first day a court may declare the person dead, and why (or why it cannot be said)."""
    from reintegra.returns.models import AbroadStatus

    if status in (AbroadStatus.RETURNED, AbroadStatus.CONFIRMED_DEAD):
        return DeclarationDate(None, _("Not applicable: the person has returned or is known dead."))
    current = rules()
    if in_military_action:
        ended = (current["military_action_ended"] or {}).get((country or "").upper())
        if not ended:
            return DeclarationDate(
                None,
                _("The end of the military action in %(country)s is not set: no date yet.")
                % {"country": country},
            )
        end = dt.date.fromisoformat(str(ended))
        years = int(current["military_action_years"])
        return DeclarationDate(
            add_years(end, years),
            ngettext(
                "%(years)s year after the military action ended (%(end)s).",
                "%(years)s years after the military action ended (%(end)s).",
                years,
            )
            % {"years": years, "end": formats.date_format(end, "SHORT_DATE_FORMAT")},
        )
    if last_news_on is None:
        return DeclarationDate(None, _("No date of the last news is recorded."))
    years = int(current["general_years"])
    return DeclarationDate(
        add_years(last_news_on, years),
        ngettext(
            "%(years)s year without news since %(day)s.",
            "%(years)s years without news since %(day)s.",
            years,
        )
        % {"years": years, "day": formats.date_format(last_news_on, "SHORT_DATE_FORMAT")},
    )
