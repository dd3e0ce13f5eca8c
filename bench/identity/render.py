"""Renderings of a Cyrillic name in the scripts and spellings lists use, and the typos they carry.

These are written for generating test data, independently of the matcher's folding rules in
``reintegra.identity.phonetic``, from the published alphabets and common practice.
"""

from __future__ import annotations

import random
import re

from reintegra.identity.arabic import ARABIC_GIVEN_NAMES
from reintegra.identity.transliterate import to_passport_latin

KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "з": "z", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f",
    "ъ": "", "ь": "", "э": "e",
}  # fmt: skip
SCHEMES: dict[str, dict[str, str]] = {
    # Kazakh Latin, 2017: apostrophes
    "latin2017": _COMMON | {
        "ә": "a'", "ғ": "g'", "ж": "j", "и": "i'", "й": "i'", "і": "i", "қ": "q", "ң": "n'",
        "ө": "o'", "у": "y'", "ұ": "u", "ү": "u'", "х": "h", "һ": "h", "ц": "c", "ч": "c'",
        "ш": "s'", "щ": "s'", "ы": "y", "ю": "i'y'", "я": "i'a",
    },
    # Kazakh Latin, 2018: acute accents
    "latin2018": _COMMON | {
        "ә": "á", "ғ": "ǵ", "ж": "j", "и": "ı", "й": "ı", "і": "i", "қ": "q", "ң": "ń", "ө": "ó",
        "у": "ý", "ұ": "u", "ү": "ú", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sh", "ы": "y", "ю": "ıý", "я": "ıa",
    },
    # Kazakh Latin, 2021
    "latin2021": _COMMON | {
        "ә": "ä", "ғ": "ğ", "ж": "j", "и": "i", "й": "y", "і": "i", "қ": "q", "ң": "ñ", "ө": "ö",
        "у": "u", "ұ": "ū", "ү": "ü", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş",
        "щ": "ş", "ы": "ı", "ю": "iu", "я": "ia",
    },
    # BGN/PCGN-like English
    "bgn": _COMMON | {
        "ә": "a", "ғ": "gh", "ж": "zh", "и": "i", "й": "y", "і": "i", "қ": "k", "ң": "n",
        "ө": "o", "у": "u", "ұ": "u", "ү": "u", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ы": "y", "ю": "yu", "я": "ya",
    },
    # Informal English, as people type their own names
    "informal": _COMMON | {
        "ә": "a", "ғ": "g", "ж": "j", "и": "i", "й": "y", "і": "i", "қ": "k", "ң": "n",
        "ө": "o", "у": "u", "ұ": "u", "ү": "u", "х": "h", "һ": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sh", "ы": "y", "ю": "yu", "я": "ya",
    },
    # French
    "french": _COMMON | {
        "ә": "a", "ғ": "gh", "ж": "j", "и": "i", "й": "ï", "і": "i", "қ": "k", "ң": "n",
        "ө": "o", "у": "ou", "ұ": "ou", "ү": "ou", "х": "kh", "һ": "h", "ц": "ts", "ч": "tch",
        "ш": "ch", "щ": "ch", "ы": "y", "ю": "iou", "я": "ia",
    },
    # macron spellings
    "macron": _COMMON | {
        "ә": "ā", "ғ": "ğ", "ж": "j", "и": "i", "й": "y", "і": "i", "қ": "q", "ң": "ñ", "ө": "ō",
        "у": "u", "ұ": "ū", "ү": "ū", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sh", "ы": "y", "ю": "yu", "я": "ya",
    },
}  # fmt: skip

ARABIC = {
    "а": "ا", "ә": "ا", "б": "ب", "в": "ف", "г": "غ", "ғ": "غ", "д": "د", "е": "ي", "ё": "يو",
    "ж": "ج", "з": "ز", "и": "ي", "й": "ي", "і": "ي", "к": "ك", "қ": "ق", "л": "ل", "м": "م",
    "н": "ن", "ң": "ن", "о": "و", "ө": "و", "п": "ب", "р": "ر", "с": "س", "т": "ت", "у": "و",
    "ұ": "و", "ү": "و", "ф": "ف", "х": "خ", "һ": "ه", "ц": "تس", "ч": "تش", "ш": "ش", "щ": "ش",
    "ъ": "", "ы": "", "ь": "", "э": "ا", "ю": "يو", "я": "يا",
}  # fmt: skip
ARABIC_BY_CYRILLIC = {cyrillic: arabic for arabic, cyrillic in ARABIC_GIVEN_NAMES.items()}
_SHORT_VOWELS = set("еыіұүә")
_VOWELS = set("аәеиоөуұүыіэюя")


def russian_cyrillic(text: str) -> str:
    """As a Russian-language document writes a Kazakh name."""
    text = text.translate(KAZAKH_TO_RUSSIAN)
    text = re.sub(r"(?<=[аеиоуыэюя])уы", "у", text)
    return re.sub(r"йи", "и", text)


def _latin_word(word: str, table: dict[str, str], scheme: str, rng: random.Random) -> str:
    out = []
    for position, ch in enumerate(word.lower()):
        latin = table.get(ch, ch)
        if (
            scheme in ("bgn", "informal")
            and ch == "е"
            and (position == 0 or word[position - 1].lower() in _VOWELS)
        ):
            latin = "ye"
        if scheme == "french" and ch == "ж" and position == 0:
            latin = "dj"
        out.append(latin)
    latin_word = "".join(out)
    if scheme == "french" and latin_word.endswith(("ov", "ev")) and rng.random() < 0.5:
        latin_word = latin_word[:-1] + "ff"  # -off, -eff
    return latin_word[:1].upper() + latin_word[1:]


def latin(text: str, scheme: str, rng: random.Random) -> str:
    if scheme == "icao":
        return to_passport_latin(text)
    table = SCHEMES[scheme]
    return " ".join(_latin_word(word, table, scheme, rng) for word in text.split())


def _arabic_word(word: str, rng: random.Random) -> str:
    known = ARABIC_BY_CYRILLIC.get(word)
    if known:
        return known
    low = word.lower()
    out = []
    for position, ch in enumerate(low):
        if position == 0 and ch in _VOWELS:
            out.append(
                {"и": "إ", "і": "إ", "е": "إ", "э": "إ", "ы": "إ"}.get(
                    ch, "ا" if ch in "аә" else "او"
                )
            )
            continue
        if ch in _SHORT_VOWELS and 0 < position < len(low) - 1 and rng.random() < 0.6:
            continue  # short vowels are mostly not written
        if ch == "в" and rng.random() < 0.5:
            out.append("و")
            continue
        out.append(ARABIC.get(ch, ch))
    return "".join(out)


def arabic(text: str, rng: random.Random) -> str:
    return " ".join(_arabic_word(word, rng) for word in text.split())


def render(text: str, scheme: str, rng: random.Random) -> str:
    """``text`` (Kazakh Cyrillic) in one of: kazakh, russian, icao, icao_upper, latin2017,
    latin2018, latin2021, bgn, informal, french, macron, arabic."""
    if not text:
        return ""
    if scheme == "kazakh":
        return text
    if scheme == "russian":
        return russian_cyrillic(text)
    if scheme == "arabic":
        return arabic(text, rng)
    if scheme == "icao_upper":
        return to_passport_latin(text).upper()
    return latin(text, scheme, rng)


_LATIN_LETTERS = "abdeghiklmnorstuyz"
_CYRILLIC_LETTERS = "абдеиклмнорстуыз"


def typo(text: str, rng: random.Random) -> str:
    """One slip of the hand in one word: a letter changed, dropped, doubled or swapped."""
    words = text.split()
    if not words:
        return text
    at = rng.randrange(len(words))
    word = words[at]
    if len(word) < 4:
        return text
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        alphabet = _CYRILLIC_LETTERS if "\u0400" <= word[i] <= "\u04ff" else _LATIN_LETTERS
        if "\u0600" <= word[i] <= "\u06ff":
            alphabet = "بتدرزسلمنيو"
        replacement = rng.choice(alphabet)
        word = (
            word[:i] + (replacement.upper() if word[i].isupper() else replacement) + word[i + 1 :]
        )
    elif kind == 1:
        word = word[:i] + word[i + 1 :]
    elif kind == 2:
        word = word[:i] + word[i] + word[i:]
    else:
        word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    words[at] = word
    return " ".join(words)
