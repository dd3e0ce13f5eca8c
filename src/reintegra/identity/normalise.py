"""Search keys for names written in Kazakh or Russian Cyrillic.

A key folds what differs between renderings of the same name, so that a search for any of them
finds the others:

- case and accents (``Ё`` and ``ё`` are ``е``; combining marks are dropped);
- Kazakh letters to the Russian letters they are written with in Russian documents
  (Ә→а, Ғ→г, Қ→к, Ң→н, Ө→о, Ұ→у, Ү→у, Һ→х, І→и);
- the Kazakh ``уы`` after a vowel, which Russian spelling writes as ``у`` (Бауыржан, Бауржан);
- ``йи`` (from Kazakh ``йі``), which Russian spelling often writes as ``и`` (Сейіт, Сейит, Сеит);
- punctuation and repeated spaces.

Cross-script matching (Latin and Arabic renderings) is the work of transliteration, not of this
folding; a key here is for search, never proof of identity.
"""

from __future__ import annotations

import re
import unicodedata

KAZAKH_TO_RUSSIAN = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ё": "е",
        # Latin look-alikes typed on a mixed keyboard inside Cyrillic words
        "i": "и",
    }
)
CYRILLIC_VOWELS = "аеиоуыэюяё"
_UY_AFTER_VOWEL = re.compile(rf"(?<=[{CYRILLIC_VOWELS}])уы")
_NOT_LETTER = re.compile(r"[^\w]+", re.UNICODE)


def _strip_marks(text: str) -> str:
    # Decompose, drop combining marks, recompose; й keeps its breve (it is a letter of its own).
    decomposed = unicodedata.normalize("NFD", text.replace("й", "\uffff"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("\uffff", "й")


def _is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in text)


def search_key(text: str) -> str:
    """The folded form of a name or a search query (see the module's description)."""
    if not text:
        return ""
    folded = text.casefold()
    folded = _strip_marks(folded)
    if _is_cyrillic(folded):
        folded = folded.translate(KAZAKH_TO_RUSSIAN)
        folded = _UY_AFTER_VOWEL.sub("у", folded).replace("йи", "и")
    folded = _NOT_LETTER.sub(" ", folded).replace("_", " ")
    return " ".join(folded.split())
