"""The parts of a person's name: surname, given name, patronymic, whatever order they come in.

- Patronymics are recognised by their endings in every script: -ұлы/-қызы (also written as a
  separate word, "Қасым қызы", "Kasym uly"), -uly/-kyzy/-uli/-qyzy, -ович/-овна/-евич/-евна.
  What is compared is the father's name inside them (Қасымқызы and Касымовна both say Қасым).
- Surnames are compared on their stem: -ов/-ова, -ев/-ева, -ин/-ина are one family name in its
  men's and women's form; the ending, when present, tells the sex.
- A full name whose order is unknown ("Бакиров Бауыржан", "Bauyrzhan Bakirov") keeps its words
  as tokens; the comparison tries each word in each role (see ``compare``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reintegra.identity.arabic import is_arabic
from reintegra.identity.phonetic import fine_key

MALE, FEMALE, UNKNOWN_SEX = "M", "F", ""

# Fine-key endings of patronymics (see phonetic.fine_key: ұлы -> uli, қызы -> kizi, ч -> ch).
_PATRONYMIC = re.compile(r"^(?P<stem>.{2,}?)(?P<ending>kizi|kiz|uli|ovich|evich|ovna|evna|ichna)$")
# The same endings as Arabic script writes them: وفيتش, وفنا, ول, قز. Only for Arabic-script
# words: in Latin or Cyrillic, "-ul" ends given names (Rasul).
_ARABIC_PATRONYMIC = re.compile(
    r"^(?P<stem>.{2,}?)"
    r"(?P<ending>kizi|kiz|kz|uli|ul|ufitsh|ifitsh|ufish|ifish|uitsh|ufna|ifna|una)$"
)
_PATRONYMIC_WORDS = {"uli": MALE, "ul": MALE, "kizi": FEMALE, "kiz": FEMALE}
# In Arabic script қызы may lose its vowels (قز), and ұлы as a word of its own begins with the
# alif that carries its first vowel (اول, أولي).
_ARABIC_PATRONYMIC_WORDS = {"kz": FEMALE, "kzi": FEMALE, "aul": MALE, "auli": MALE}
# وونا (-овна with و for в) folds to -una.
_FEMALE_ENDINGS = ("kizi", "kiz", "kz", "ovna", "evna", "ichna", "ufna", "ifna", "una")
_SURNAME = re.compile(r"^(?P<stem>.{3,}?)(?P<ending>ova|eva|ina|ov|ev|in|skaia|skii|ski)$")
# -ов/-ова, -ев/-ева as Arabic script writes them (وف, يف, وفا, ووا, وو), and as an official
# hears them: -аф (Иванов said "Ivanaf"), or -аев with its е unwritten (كينجيباف, Кенжебаев).
_ARABIC_SURNAME = re.compile(r"^(?P<stem>.{3,}?)(?P<ending>ufa|ifa|afa|ua|ia|uf|if|af|u|ina|in)$")
_FEMALE_SURNAME_ENDINGS = ("ova", "eva", "ina", "skaia", "ufa", "ifa", "afa", "ua", "ia")
_SPLIT = re.compile(r"[\s,;/]+")


@dataclass(frozen=True, slots=True)
class Patronymic:
    stem: str  # the father's given name, as a fine key
    sex: str
    # The ending is also the end of many given names: Arabic ول and ولي are ұлы but also -бол,
    # -сұл and -уле (نربول, Нұрбол; إربول, Ербол; ساولي, Сәуле). Such a word is a patronymic
    # where the list says so (its patronymic field), not when it stands in a name field of its
    # own.
    ambiguous: bool = False


@lru_cache(maxsize=100_000)
def patronymic_of(word: str) -> Patronymic | None:
    """The father's name and the sex a patronymic word gives, or None if it is not one."""
    key = fine_key(word)
    found = (_ARABIC_PATRONYMIC if is_arabic(word) else _PATRONYMIC).match(key)
    if not found:
        return None
    if found["ending"] == "ul" and found["stem"].endswith("g"):
        # غول is гүл ("flower"), which ends many women's given names (ايغول, Айгүл; نورغول,
        # Нұргүл), not ұлы; fathers' names ending in ғ or г are rare.
        return None
    sex = FEMALE if found["ending"] in _FEMALE_ENDINGS else MALE
    ambiguous = is_arabic(word) and found["ending"] in ("ul", "uli")
    return Patronymic(stem=found["stem"], sex=sex, ambiguous=ambiguous)


def patronymic_readings(word: str) -> tuple[str, ...]:
    """The father's names a word of a patronymic field may give, as fine keys: the stem by its
    ending (or the whole word, a father's name given bare); for an Arabic-script word without
    a patronymic's ending, also the word without a final ل, which is what is left of ұлы when
    neither of its vowels is written (نورسولتانل for Нұрсұлтанұлы). Fathers' names that end
    in ل themselves (ميخائيل, عادل) keep the first reading."""
    found = patronymic_of(word)
    if found is not None:
        return (found.stem,)
    key = fine_key(word)
    if is_arabic(word) and len(key) >= 4 and key.endswith("l"):
        return key, key[:-1]
    return (key,)


@lru_cache(maxsize=200_000)
def surname_stem(word: str) -> str:
    """The family name without its men's or women's ending, as a fine key."""
    key = fine_key(word)
    found = (_ARABIC_SURNAME if is_arabic(word) else _SURNAME).match(key)
    return found["stem"] if found else key


@lru_cache(maxsize=100_000)
def surname_sex(word: str) -> str:
    found = (_ARABIC_SURNAME if is_arabic(word) else _SURNAME).match(fine_key(word))
    if not found:
        return UNKNOWN_SEX
    return FEMALE if found["ending"] in _FEMALE_SURNAME_ENDINGS else MALE


def words(text: str) -> list[str]:
    """The words of a name field; a separate "ұлы"/"kyzy" is joined to the word before it."""
    out: list[str] = []
    for word in _SPLIT.split(text.strip()):
        if not word:
            continue
        key = fine_key(word)
        if out and key in _PATRONYMIC_WORDS:
            out[-1] += word
        elif out and key in _ARABIC_PATRONYMIC_WORDS and is_arabic(word):
            # Joined to the father's name, ұлы needs no alif to carry its vowel.
            out[-1] += word[1:] if word[0] in "اأ" else word
        else:
            out.append(word)
    return out


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name as a list gives it: the words whose role is known, and the loose ones."""

    surname: str = ""
    given: str = ""
    patronymic: str = ""
    loose: tuple[str, ...] = ()  # words of a full name, or of fields that hold more than one word

    @property
    def sex_hint(self) -> str:
        """The sex the patronymic (best) or the surname's ending says, if any."""
        for word in (self.patronymic, *self.loose):
            found = patronymic_of(word) if word else None
            if found:
                return found.sex
        for word in (self.surname, *self.loose):
            sex = surname_sex(word) if word else UNKNOWN_SEX
            if sex:
                return sex
        return UNKNOWN_SEX


def split_name(
    surname: str = "", given: str = "", patronymic: str = "", full: str = ""
) -> NameParts:
    """Sort a list's name fields into parts. Patronymics are recognised wherever they stand; a
    field with several words, or the full name when the split fields are empty, gives loose words.
    """
    surname_words, given_words, patronymic_words = words(surname), words(given), words(patronymic)
    loose: list[str] = []
    if not (surname_words or given_words) and full:
        loose = words(full)
    if len(surname_words) > 1:
        loose += surname_words
        surname_words = []
    if len(given_words) > 1:
        loose += given_words
        given_words = []
    found_patronymic = patronymic_words[0] if patronymic_words else ""
    loose.extend(patronymic_words[1:])
    if not found_patronymic:
        found_patronymic = _patronymic_among(surname_words, given_words, loose)
        if found_patronymic in loose:
            loose.remove(found_patronymic)
        elif surname_words and found_patronymic == surname_words[0]:
            surname_words = []
        elif found_patronymic:
            given_words = []
    if found_patronymic:
        loose = [w for w in loose if not _certain_patronymic(w)]
    return NameParts(
        surname=surname_words[0] if surname_words else "",
        given=given_words[0] if given_words else "",
        patronymic=found_patronymic,
        loose=tuple(loose),
    )


def _certain_patronymic(word: str) -> bool:
    found = patronymic_of(word)
    return found is not None and not found.ambiguous


def _patronymic_among(surname: list[str], given: list[str], loose: list[str]) -> str:
    """The patronymic of a name whose patronymic field is empty: a word of another field or of
    a full name with a patronymic's ending. A word whose ending may also end a given name
    (``Patronymic.ambiguous``) is taken only among three words or more of a full name, and
    then the last such word: a patronymic follows the given name (Нұрбол Жандосұлы)."""
    for word in (*surname, *given, *loose):
        if _certain_patronymic(word):
            return word
    if len(loose) >= 3:
        for word in reversed(loose[1:]):
            if patronymic_of(word):
                return word
    return ""
