"""The countries the program's people are abroad in, came back from or travel to, by their
ISO 3166 code, named in the reader's language.

Records keep the two-letter code (what lists and other countries' notifications use); pages show
the name. The list is the region's conflict zones, transit and neighbouring countries, not the
world: a code outside it is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COUNTRIES = {
    "AF": _("Afghanistan"),
    "AZ": _("Azerbaijan"),
    "EG": _("Egypt"),
    "GE": _("Georgia"),
    "IQ": _("Iraq"),
    "IR": _("Iran"),
    "JO": _("Jordan"),
    "KG": _("Kyrgyzstan"),
    "KZ": _("Kazakhstan"),
    "LB": _("Lebanon"),
    "LY": _("Libya"),
    "PK": _("Pakistan"),
    "RU": _("Russia"),
    "SA": _("Saudi Arabia"),
    "SO": _("Somalia"),
    "SY": _("Syria"),
    "TJ": _("Tajikistan"),
    "TM": _("Turkmenistan"),
    "TR": _("Turkey"),
    "UA": _("Ukraine"),
    "UZ": _("Uzbekistan"),
    "YE": _("Yemen"),
}


def country_name(code: str | None) -> str:
    """The country's name in the active language; an unknown code as it is."""
    if not code:
        return ""
    return str(COUNTRIES.get(code.upper(), code))


def country_choices() -> list[tuple[str, str]]:
    """For a form: the countries by name in the active language."""
    return sorted(((code, str(name)) for code, name in COUNTRIES.items()), key=lambda c: c[1])


HOME_COUNTRY = "KZ"


def abroad_country_choices() -> list[tuple[str, str]]:
    """For a record of a person abroad: every country but the program's own."""
    return [choice for choice in country_choices() if choice[0] != HOME_COUNTRY]


def citizenship_choices(current: str = "") -> list[tuple[str, str]]:
    """For a person's citizenship: Kazakhstan first, then the others by name; a citizenship
    already recorded outside the list stays a choice, as its code (editing the person must not
    change it)."""
    choices = [(HOME_COUNTRY, country_name(HOME_COUNTRY)), *abroad_country_choices()]
    if current and current not in COUNTRIES:
        choices.append((current, current))
    return choices
