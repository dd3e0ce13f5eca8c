"""Field by field agreement between a listed person and a registry person, with its weight.

Weights are log2 likelihood ratios, as in the Fellegi–Sunter model: how much more often a field
agrees this way between two records of one person than between two different people. An exact
name weighs more the rarer the name is in the registry (Мухаммед says less than Темірлан). A
reviewer is shown each field's level and weight (``FieldAgreement``), never a bare number.

String similarity is rapidfuzz's Jaro–Winkler: compiled, maintained, and the measure that suits
short names whose beginnings are the most reliable part.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

import numpy as np
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from reintegra.identity.dates import DateAgreement


class NameAgreement(StrEnum):
    EXACT = "exact"  # the same fine key (any script, any transliteration)
    CLOSE = "close"  # a typo apart; in Arabic script, the same consonants and letters that fit
    WEAK = "weak"  # similar, but as often two different names (Асель / Асем)
    DIFFERENT = "different"
    MISSING = "missing"


class SexAgreement(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class FieldAgreement:
    """One line of the explanation a reviewer sees."""

    field: str  # surname, given_name, patronymic, sex, birth_date
    level: str
    weight: float  # log2 likelihood ratio; positive speaks for the match
    listed: str = ""  # the value on the list (as folded for comparison)
    registered: str = ""
    # Names only: the list's word compared in this field's role, as the list writes it, and the
    # field the list writes it in (surname, given_name; "" for a word of a full name or of a
    # field of several words). A word read in another role than its field's was read swapped.
    written: str = ""
    written_in: str = ""


def name_agreement(
    listed_key: str,
    listed_skeleton: str,
    listed_arabic: bool,
    key: str,
    key_skeleton: str,
    *,
    letters: bool = True,
    surname: bool = False,
) -> NameAgreement:
    """How a name on the list agrees with one in the registry (fine keys and skeletons).
    ``letters``: an Arabic-script ``listed_key`` is a reading of its letters (not a known name's
    Cyrillic form), to check against the name's (``arabic_letters_fit``); ``surname``: both
    keys are surname stems."""
    if not listed_key or not key:
        return NameAgreement.MISSING
    if listed_key == key:
        return NameAgreement.EXACT
    if listed_arabic:
        # No short vowels: only the consonants can agree, and the letters written must fit.
        if listed_skeleton == key_skeleton or without_v(listed_skeleton, key_skeleton):
            if not letters or arabic_letters_fit(listed_key, key, surname):
                return NameAgreement.CLOSE
            return NameAgreement.WEAK
        if JaroWinkler.similarity(listed_skeleton, key_skeleton) >= 0.9 or (
            len(listed_skeleton) >= ARABIC_SLIP_FROM
            and OSA.distance(listed_skeleton, key_skeleton) == 1
        ):
            return NameAgreement.WEAK
        return NameAgreement.DIFFERENT
    similarity = JaroWinkler.similarity(listed_key, key)
    # The same skeleton backs a lower similarity, but only for skeletons long enough to mean
    # something (Alia and Laila share "l").
    same_skeleton = listed_skeleton == key_skeleton and len(key_skeleton) >= 3
    if similarity >= 0.92 or (similarity >= 0.85 and same_skeleton) or one_slip(listed_key, key):
        return NameAgreement.CLOSE
    if similarity >= 0.84:
        return NameAgreement.WEAK
    return NameAgreement.DIFFERENT


def without_v(listed_skeleton: str, key_skeleton: str) -> bool:
    """An Arabic-script rendering that wrote в as و, which reads as a vowel and leaves no
    consonant (باولوو for Павлов: skeleton bl against bfl; в and ф are both f in a skeleton;
    إوانووا for Иванова: n against fn), for some or all of a name's в (فاروارا for Варвара:
    frr against frfr). The registry's name must have two consonants at least, or too many
    names would agree."""
    return (
        bool(listed_skeleton)
        and len(key_skeleton) >= 2
        and listed_skeleton.count("f") < key_skeleton.count("f")
        and skeleton_without_v(listed_skeleton) == skeleton_without_v(key_skeleton)
    )


def skeleton_without_v(skeleton: str) -> str:
    """A skeleton without its f (в or ф), the letters it brings together merged again."""
    return _DOUBLED.sub(r"\1", skeleton.replace("f", ""))


_DOUBLED = re.compile(r"(.)\1+")


# What each letter of an Arabic-script name (read into the fine key's letters by
# ``arabic.arabic_to_latin``) may stand for in the registry's name: ا for а, ә, э and an
# unstressed о (Иванов heard as Ivanaf), و for о, у, ұ, ү or в, ي for и, й, е, і, ы, and each
# consonant for the letters Arabic writes with it (ب for б and п, ق and ك for к, қ and г ...).
_ARABIC_WRITES: dict[str, frozenset[str]] = {
    letter: frozenset(sounds.split())
    for letter, sounds in {
        "a": "a e o", "i": "i e", "u": "u o v", "v": "v u o", "e": "e a i", "o": "o u",
        "b": "b p", "p": "p b", "t": "t d", "d": "d t", "s": "s ts sh ch", "sh": "sh ch s",
        "ch": "ch sh", "j": "j", "z": "z", "h": "h k g", "g": "g k h", "k": "k g h",
        "f": "f v", "l": "l", "m": "m", "n": "n", "r": "r",
    }.items()
}  # fmt: skip
_VOWELS = frozenset("aeiou")
_SOUNDS = re.compile(r"sh|ch|ts|.")  # the fine key's letters (ш, ч, ц are two)
_WRITTEN = re.compile(r"sh|ch|.")  # an Arabic letter read into them (ش, چ)
# Two letters written for one sound: ц written تس, ч written تش, ё (e in the key) written يو.
_TWO_LETTERS = frozenset({("t", "s", "ts"), ("t", "sh", "ch"), ("i", "u", "e")})


@lru_cache(maxsize=200_000)
def arabic_letters_fit(listed_key: str, key: str, surname: bool = False) -> bool:
    """Whether an Arabic-script name (``listed_key``, its fine key) can be a writing of the
    registry's name ``key``: every letter written stands, in order, for a sound of the name,
    though a vowel of the name may go unwritten. A first alif carries the vowel a word begins
    with (اوسبانوف, Оспанов; ابراهيم, Ибрагим), so a name that begins with a consonant has none:
    the skeletons alone cannot tell است from Сейіт, nor بيوتر (Пётр) from Петров; these letters
    can. ``surname``: the keys are stems, and the
    Arabic stem may keep a vowel the registry's ending took (بالغابايو, Балғабаев: balgabai
    against balgaba)."""
    written = _WRITTEN.findall(listed_key)
    sounds = _SOUNDS.findall(key)
    if not written or not sounds:
        return False
    starts_with_vowel = sounds[0] in _VOWELS

    @cache
    def fits(i: int, j: int) -> bool:
        if i == len(written):
            return all(sound in _VOWELS for sound in sounds[j:])
        if j == len(sounds):
            return surname and j > 0 and all(letter in _VOWELS for letter in written[i:])
        letter, sound = written[i], sounds[j]
        if sound in _VOWELS and fits(i, j + 1):
            return True  # a vowel left unwritten (a first one too: after an ع, read as nothing)
        if i == 0 and letter == "a" and sound in _VOWELS and fits(1, j + 1):
            return True  # a first alif without its hamza carries any vowel (ابراهيم, Ибрагим)
        if i == len(written) - 1 and letter == "i" and sound == "a" and j == len(sounds) - 1:
            return True  # a final ى read as а (مصطفى, Мұстафа)
        follows = written[i + 1] if i + 1 < len(written) else ""
        carried = i == 0 and j == 0 and starts_with_vowel and letter in "ai" and follows in _VOWELS
        # The alif that carries a first о, у or и (او, اي); a first ю or я may lose its glide
        # after it (اوليا for Юлия).
        if carried and (fits(1, 0) or (len(sounds) > 1 and sounds[1] in _VOWELS and fits(1, 1))):
            return True
        if sound in _ARABIC_WRITES.get(letter, frozenset((letter,))) and fits(i + 1, j + 1):
            return True
        return (letter, follows, sound) in _TWO_LETTERS and fits(i + 2, j + 1)

    return fits(0, 0)


# A consonant mistyped, missing, extra or swapped in an Arabic-script name (اخسات for اسخات,
# Асхат) leaves its skeleton one edit away; with three consonants or more that is a weak
# agreement rather than a different name (a shorter skeleton is one edit from too many names).
ARABIC_SLIP_FROM = 3


# A slip of the keyboard: one letter wrong, missing or extra, or two neighbouring letters in the
# wrong order (the commonest slips of a hand-typed list). Jaro–Winkler punishes them on short
# names (Жібек, Жібдк: 0.91; Олег, Лоег: 0.92), so a name one such slip away is taken as close
# ("a typo apart") from five letters on, and a swap from four (shorter names are too few
# letters to tell a slip from another name: Асель, Асем).
SLIP_FROM = 5
SWAP_FROM = 4


def one_slip(a: str, b: str) -> bool:
    """One letter wrong, missing or extra, or two neighbouring letters swapped."""
    if len(a) < SWAP_FROM or OSA.distance(a, b) != 1:
        return False
    return len(a) >= SLIP_FROM or Levenshtein.distance(a, b) == 2


# An Arabic-script rendering agrees with its own name's skeleton unless it is mistyped: m about
# 0.85 against 0.95 for an exact agreement, some 0.2 bits less (the skeleton's share, not the
# name's, is the chance agreement: see ``NameWeights.weight``).
ARABIC_CLOSE_DISCOUNT = 0.2


@dataclass(frozen=True, slots=True)
class NameWeights:
    """Weights of one name field; ``cap`` bounds the weight of an exact agreement on a rare name."""

    cap: float
    close_discount: float  # how much less than an exact agreement a close one weighs
    weak: float
    different: float

    def weight(
        self,
        level: NameAgreement,
        frequency: float,
        arabic: bool = False,
        close_frequency: float = 0.0,
    ) -> float:
        """``frequency``: the registry name's share of people (in this role). ``arabic``: the
        listed name is in Arabic script, whose close agreement (its consonants, and letters that
        fit) is what the same name normally gives, but also what every name its letters fit
        gives, so it weighs by their share (``close_frequency``, see
        ``Registry.close_frequency``) rather than the name's."""
        if level is NameAgreement.MISSING:
            return 0.0
        if level is NameAgreement.WEAK:
            return self.weak
        if level is NameAgreement.DIFFERENT:
            return self.different
        if level is NameAgreement.CLOSE and arabic:
            shared = min(self.cap, math.log2(0.95 / max(close_frequency, frequency, 1e-7)))
            return max(0.5, shared - ARABIC_CLOSE_DISCOUNT)
        exact = min(self.cap, math.log2(0.95 / max(frequency, 1e-7)))
        if level is NameAgreement.EXACT:
            return exact
        return max(0.5, exact - self.close_discount)


# A different surname says less than a different given name: women are listed under a married
# or a maiden name, and Arabic renderings of surnames drift. m(different) for a man about 0.03
# (log2 -5); for a woman about 0.1 (a mother is listed under her other surname about a third
# of the time, and mothers are some third of women): log2 0.1 = -3.3.
SURNAME_WEIGHTS = NameWeights(cap=12.0, close_discount=3.0, weak=-1.5, different=-5.0)
WOMAN_SURNAME_WEIGHTS = NameWeights(cap=12.0, close_discount=3.0, weak=-1.0, different=-3.0)
GIVEN_WEIGHTS = NameWeights(cap=11.0, close_discount=3.0, weak=-2.5, different=-7.0)
PATRONYMIC_WEIGHTS = NameWeights(cap=9.0, close_discount=3.0, weak=-1.0, different=-5.0)

# u (chance agreement) from births spread over some 70 years; m from how often lists get a date
# wrong in each way. A year off with only a month to compare: u = 2/840 (either side, 70 years of
# 12 months), m about 0.03, log2(m/u) = 3.6; with a whole date, u = 2/25,550 and it weighs 7.
DATE_WEIGHTS: dict[DateAgreement, float] = {
    DateAgreement.EXACT: 14.0,
    DateAgreement.SAME_MONTH: 9.0,
    DateAgreement.SAME_YEAR: 5.5,
    DateAgreement.SWAPPED: 8.0,
    DateAgreement.TYPO: 4.0,
    DateAgreement.YEAR_OFF: 7.0,
    DateAgreement.YEAR_OFF_MONTH: 3.5,
    DateAgreement.NEAR: -3.0,
    DateAgreement.DIFFERENT: -8.0,
    DateAgreement.MISSING: 0.0,
}

# The weights above take births as spread evenly over some 70 years. A registry is not: the
# program's own registry is mostly children born abroad within a few years. A date agreeing on
# a year in which the registry holds many people says less, and one in a sparse year more, by
# log2 of the even share over the year's real share (within ``YEAR_DENSITY_BOUND`` bits). Only
# the levels whose chance agreement is a matter of being born about then are adjusted; a digit
# mistyped in the year jumps decades, and disagreements are left as they are.
YEARS_ASSUMED = 70
YEAR_DENSITY_BOUND = 2.0
YEAR_DENSITY_LEVELS = frozenset(
    {
        DateAgreement.EXACT,
        DateAgreement.SAME_MONTH,
        DateAgreement.SAME_YEAR,
        DateAgreement.SWAPPED,
        DateAgreement.YEAR_OFF,
        DateAgreement.YEAR_OFF_MONTH,
    }
)


def year_density_weights(years: np.ndarray) -> np.ndarray:
    """By year (an index into the array; 0 is no year): the weight added to an agreement of a
    level in ``YEAR_DENSITY_LEVELS`` with a registry person born that year."""
    counts = np.bincount(years, minlength=int(years.max(initial=0)) + 2).astype(np.float64)
    counts[0] = 0.0
    known = counts.sum()
    if not known:
        return np.zeros(len(counts))
    share = np.maximum(counts / known, 1e-9)
    adjust = np.clip(np.log2((1 / YEARS_ASSUMED) / share), -YEAR_DENSITY_BOUND, YEAR_DENSITY_BOUND)
    adjust[0] = 0.0
    return adjust


# A sex the list states; a sex only inferred from a patronymic or a surname ending weighs less.
SEX_WEIGHTS = {SexAgreement.SAME: 1.0, SexAgreement.DIFFERENT: -5.0, SexAgreement.MISSING: 0.0}
INFERRED_SEX_WEIGHTS = {
    SexAgreement.SAME: 0.5,
    SexAgreement.DIFFERENT: -2.5,
    SexAgreement.MISSING: 0.0,
}


def sex_agreement(listed: str, registered: str) -> SexAgreement:
    if not listed or not registered:
        return SexAgreement.MISSING
    return SexAgreement.SAME if listed == registered else SexAgreement.DIFFERENT


def probability(weight: float) -> float:
    """A log2 likelihood ratio (prior included) as a probability in [0, 1]."""
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    odds = 2.0**weight
    return odds / (1.0 + odds)
