"""People listed in the order of the Kazakh alphabet.

A database sorts text by its own collation: SQLite by code point, PostgreSQL by the locale it
was created with. By code point Ә, Қ, Ө, Ұ and Ү come after Я and І before А, so Әбенов would
be listed after Ященко and Інкәр before Айгүл. ``sort_key`` writes a name as digits that sort,
under any collation, in the order of the Kazakh Cyrillic alphabet (Russian names, whose letters
are a part of it, keep the Russian order); names in Latin letters come after, then names in
Arabic script. The key is stored with the person (``Person.sort_name``) so that lists sort on
an index.
"""

from __future__ import annotations

import unicodedata

# The Kazakh Cyrillic alphabet, in its order.
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN = "abcdefghijklmnopqrstuvwxyz"
# Arabic letters in the order of the Arabic alphabet (with the Persian and Kazakh additions
# after the letter they extend, ة after ت); hamza forms, and the Kazakh high hamza, next to alif.
ARABIC = "ءٴآأؤإئاٵبپتةثجچحخدذرزژسشصضطظعغفڤقكکگلمنڭهھەوۇۆۋىيی"

_WIDTH = 3  # digits per letter
_SEPARATOR = "0" * _WIDTH  # between words: before any letter, so Ахметов comes before Ахметова
_UNKNOWN = "9" * _WIDTH
_RANKS: dict[str, str] = {
    letter: f"{rank:0{_WIDTH}d}" for rank, letter in enumerate([*KAZAKH, *LATIN, *ARABIC], start=1)
}
# Letters enough to order any list; the rest of a long name would only lengthen the index.
LETTERS_KEPT = 60
MAX_LENGTH = LETTERS_KEPT * _WIDTH


def _rank(letter: str) -> str:
    found = _RANKS.get(letter)
    if found is not None:
        return found
    # A Latin letter with a mark (Kazakh Latin ä, ğ, ū; French ï) sorts with its base letter.
    base = unicodedata.normalize("NFD", letter)[:1]
    return _RANKS.get(base, _UNKNOWN)


def sort_key(name: str) -> str:
    """``name`` as digits that sort in alphabetical order (see the module's description)."""
    out: list[str] = []
    for word in name.casefold().replace("-", " ").split():
        letters = [_rank(ch) for ch in word if ch.isalpha()]
        if not letters:
            continue
        if out:
            out.append(_SEPARATOR)
        out.extend(letters)
    return "".join(out)[:MAX_LENGTH]
