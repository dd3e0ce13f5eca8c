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
# وونا (-овна with و for в) folds to -una.
_FEMALE_ENDINGS = ("kizi", "kiz", "kz", "ovna", "evna", "ichna", "ufna", "ifna", "una")
_SURNAME = re.compile(r"^(?P<stem>.{3,}?)(?P<ending>ova|eva|ina|ov|ev|in|skaia|skii|ski)$")
# -ов/-ова, -ев/-ева as Arabic script writes them (وف, يف, وفا, ووا, وو).
_ARABIC_SURNAME = re.compile(r"^(?P<stem>.{3,}?)(?P<ending>ufa|ifa|ua|ia|uf|if|u|ina|in)$")
_FEMALE_SURNAME_ENDINGS = ("ova", "eva", "ina", "skaia", "ufa", "ifa", "ua", "ia")
_SPLIT = re.compile(r"[\s,;/]+")


@dataclass(frozen=True, slots=True)
class Patronymic:
    stem: str  # the father's given name, as a fine key
    sex: str


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
    return Patronymic(stem=found["stem"], sex=sex)


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
        if out and fine_key(word) in _PATRONYMIC_WORDS:
            out[-1] += word
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
    for candidate in (*surname_words, *given_words, *list(loose)):
        if not found_patronymic and patronymic_of(candidate):
            found_patronymic = candidate
            if candidate in loose:
                loose.remove(candidate)
            elif surname_words and candidate == surname_words[0]:
                surname_words = []
            else:
                given_words = []
    if found_patronymic:
        loose = [w for w in loose if not patronymic_of(w)]
    return NameParts(
        surname=surname_words[0] if surname_words else "",
        given=given_words[0] if given_words else "",
        patronymic=found_patronymic,
        loose=tuple(loose),
    )
