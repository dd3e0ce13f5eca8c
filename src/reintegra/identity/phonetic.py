"""Matching keys that bring every script's rendering of a name to one spelling.

Two keys are made from a word:

- the *fine key* (``fine_key``): a plain Latin spelling in which the differences between the
  Kazakh Cyrillic, Russian Cyrillic, Kazakh Latin (2017 apostrophes, 2018 acute accents, 2021
  ä ğ ı ñ ö ū ü ş ç), passport (ICAO 9303), BGN and informal English, French and macron spellings
  disappear: Бауыржан, Бауржан, Bauyrzhan, BAUYRZHAN, Bauırjan and Baourjan are all ``baurjan``.
  Names are compared on it with a string similarity.
- the *skeleton* (``skeleton``): the fine key's consonants, with the consonants that Arabic
  script cannot tell apart merged (p/b, g/k/q/h, ch/sh/ts/s, d/t at the end of a syllable...) and
  v/w dropped (Arabic و is either a vowel or a consonant). Arabic script rarely writes short vowels,
  so an Arabic rendering is compared on its skeleton; the skeleton is also a blocking key.

The rules are written out here rather than taken from ICU transforms or ``iuliia``: those
produce one scheme *from* Cyrillic, while matching needs the reverse, folding any scheme (and
mixtures of them, typed by hand) *to* a common form. The rules are few and each says why.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reintegra.identity.arabic import arabic_to_latin, is_arabic

# Cyrillic, Kazakh letters included, to the fine key's alphabet. Ы and І both become i: Russian
# spellings write both as ы/и, and Latin spellings use y, i, ı for either.
CYRILLIC_TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

# Latin letters of the Kazakh alphabets and other accented spellings, to plain letters. ı is the
# 2018 и/й and the 2021 ы; ý is the 2018 у; ş and ç are the 2021 ш and ч.
LATIN_LETTERS = {
    "á": "a", "ä": "a", "à": "a", "â": "a", "ā": "a", "ǵ": "g", "ğ": "g", "ı": "i", "í": "i",
    "ï": "i", "î": "i", "ī": "i", "ń": "n", "ñ": "n", "ó": "o", "ö": "o", "ô": "o", "ō": "o",
    "ú": "u", "ü": "u", "ū": "u", "û": "u", "ý": "u", "ş": "sh", "ș": "sh", "ç": "ch",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ž": "zh", "š": "sh", "č": "ch",
}  # fmt: skip

# The 2017 Kazakh Latin alphabet marks letters with a following apostrophe: a' = ә, s' = ш ...
APOSTROPHES = "'’ʼ`´ʻ"
_APOSTROPHE_LETTER = re.compile(rf"([aginosucy])[{APOSTROPHES}]")
_APOSTROPHE_VALUES = {
    "a": "a", "g": "g", "i": "i", "n": "n", "o": "o", "u": "u", "s": "sh", "c": "ch", "y": "u",
}  # fmt: skip

# Ordered: each rule may rely on the ones before it.
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"dzh|dj|zh", "j"),  # Ж: BGN zh, French dj, Kazakh Latin j
        (r"tch", "ch"),  # French Ч
        (r"kh", "h"),  # Х
        (r"gh", "g"),  # Ғ in BGN spellings: Ghalym
        (r"q", "k"),  # Қ in Kazakh Latin
        (r"w", "v"),
        (r"x", "ks"),
        (r"ph", "f"),
        (r"ou", "u"),  # French У: Baourjan, Noursoultan
        (r"y", "i"),  # Ы, Й and the English glide y (Yusuf, Jumabayev)
        # Ё after a consonant, which Russian writes as е and the key folds so (Фёдоров,
        # Федоров): yo/io in English and Polish-style spellings (Fyodorov, Piotr, Artiom).
        (r"(?<=[bcdfgjklmnprstvz])io", "e"),
        (r"^ie", "e"),  # Е at the start of a word: Yerlan, Ierlan, Erlan
        (r"(?<=[aeiou])ie", "e"),  # the glide after a vowel: Jumabaiev, Zhumabaev
        (r"(?<=[aeo])ui", "u"),  # Kazakh уы after a vowel: Bauyrzhan, Baurzhan
        (r"(.)\1+", r"\1"),  # doubled letters: Assel, Aliia, Bakiroff
        (r"(?<=[oe])f$", "v"),  # French -off/-eff
    )
)
_CYRILLIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[аәеиоөуұүыіэюя])уы", "у"),  # Бауыржан, Бауржан
        (r"й[иі]", "и"),  # Сейіт, Сеит
    )
)
_NOT_LETTER = re.compile(r"[^a-z]+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def to_plain_latin(word: str) -> str:
    """One word in any supported script, lower case, as plain Latin letters (no folding yet)."""
    text = unicodedata.normalize("NFC", word).casefold()
    if is_arabic(text):
        return arabic_to_latin(text)
    if _is_cyrillic(text):
        text = text.replace("й", "й")  # the decomposed short i, as some keyboards type it
        for pattern, replacement in _CYRILLIC_RULES:
            text = pattern.sub(replacement, text)
        text = "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in text)
    text = _APOSTROPHE_LETTER.sub(lambda m: _APOSTROPHE_VALUES[m.group(1)], text)
    text = "".join(LATIN_LETTERS.get(ch, ch) for ch in text)
    return _strip_marks(text)


def _fold(text: str) -> str:
    for pattern, replacement in _LATIN_RULES:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=200_000)
def fine_key(word: str) -> str:
    """The folded Latin spelling of one word (see the module's description). Folding a fine key
    again changes nothing: the rules run until the spelling stops changing."""
    text = _NOT_LETTER.sub("", to_plain_latin(word))
    folded = _fold(text)
    while folded != text:
        text, folded = folded, _fold(folded)
    return folded


_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ch|sh|ts|c", "s"),  # Arabic ش, ص, س and تش render all of these
        (r"[gqh]", "k"),  # غ ق ك ه ح خ; Russian writes Arabic h as г (Ибрагим)
        (r"p", "b"),  # Arabic has no p
        (r"v", "f"),  # and no v: -ов is written وف
        (r"d", "t"),  # final devoicing: Ахмет, Ахмед, أحمد
        (r"[aeiouy]", ""),  # short vowels are not written
        (r"(.)\1+", r"\1"),
    )
)


@lru_cache(maxsize=200_000)
def skeleton_of_key(key: str) -> str:
    """The consonant skeleton of a fine key."""
    for pattern, replacement in _SKELETON_RULES:
        key = pattern.sub(replacement, key)
    return key


def skeleton(word: str) -> str:
    """The consonant skeleton of one word, comparable with an Arabic-script rendering."""
    return skeleton_of_key(fine_key(word))
