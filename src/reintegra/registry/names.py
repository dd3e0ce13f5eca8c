"""Matching keys for the names of banned organisations, in any script.

``name_keys`` is the one door to name normalisation for the legal register: today it folds a name
with ``identity.normalise.search_key`` and brings Cyrillic and Latin spellings to one Latin
skeleton with the small transliteration below; when the identity package offers full
cross-script normalisation, only this module changes (then run ``registry_keys_rebuild``).

The skeleton folds what differs between common renderings of Arabic, Kazakh and Russian names:
``kh``/``х``→h, ``q``/``қ``→k, ``gh``→g, ``dzh``/``дж``/``zh``/``ж``→j, ``w``→v, ``y``→i, ``ae``→ai,
doubled letters, apostrophes, hyphens and spaces (``Hizb ut-Tahrir``, ``Хизб ут-Тахрир`` and
``Hizbut Tahrir`` share a key), and the Arabic article written apart (``al-``, ``an-``, ``ad-``...:
``Jabhat al-Nusra`` and ``Джабхат ан-Нусра``). A key only suggests a match: a person decides.
"""

from __future__ import annotations

import re

from reintegra.identity.normalise import search_key

# Russian letters (Kazakh ones are folded to them by search_key first) to a plain Latin.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# Latin spellings folded together, in this order.
_LATIN_FOLDS = [
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("ae", "ai"),
    ("ee", "i"),
    ("ou", "u"),
]
# The Arabic article written as a word of its own, assimilated or not (al-, an-, ad-, ash-...).
_ARTICLES = frozenset(
    {"al", "el", "ul", "an", "ad", "ar", "as", "at", "az", "ash", "ath", "un", "ur", "ut"}
)
_APOSTROPHES = re.compile(r"['’ʼʻ`´‘]")
_DOUBLED = re.compile(r"(.)\1+")


def _latin_word(word: str) -> str:
    latin = "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in word.replace("дж", "j"))
    for old, new in _LATIN_FOLDS:
        latin = latin.replace(old, new)
    return _DOUBLED.sub(r"\1", latin)


def latin_skeleton(text: str) -> str:
    """The Latin skeleton of a name, word by word: "Аль-Каида" -> "al kaida"."""
    words = search_key(_APOSTROPHES.sub("", text or "")).split()
    return " ".join(filter(None, (_latin_word(word) for word in words)))


def _without_articles(skeleton: str) -> str:
    words = skeleton.split()
    if len(words) < 2:
        return skeleton
    return " ".join("al" if word in _ARTICLES else word for word in words)


def _compact(skeleton: str) -> str:
    return _DOUBLED.sub(r"\1", skeleton.replace(" ", ""))


def name_keys(text: str) -> set[str]:
    """Every matching key of a name or a query; empty for a text without letters."""
    keys = {search_key(_APOSTROPHES.sub("", text or ""))}
    skeleton = latin_skeleton(text)
    for form in {skeleton, _without_articles(skeleton)}:
        keys.add(form)
        keys.add(_compact(form))
    keys.discard("")
    return keys


def word_keys(text: str) -> set[str]:
    """The keys that keep word boundaries (for finding a name inside a longer text)."""
    skeleton = latin_skeleton(text)
    return {key for key in {skeleton, _without_articles(skeleton)} if key}
