"""Matching keys of a stored name, so that a search in any script finds a name in any other.

A name's ``match_keys`` hold, for each of its words, the identity package's fine key (one Latin
spelling for the Kazakh and Russian Cyrillic, the Kazakh Latin alphabets, passport, English and
French spellings: Бауыржан, Bauyrzhan and Baourjan are all ``baurjan``) and, after a ``#``, its
consonant skeleton, which is what an Arabic-script rendering (no short vowels) can agree on. A
query word in Latin or Cyrillic is looked up by its fine key, one in Arabic script by its
skeleton, or by the fine key of its Cyrillic form when it is a known Arabic given name.
"""

from __future__ import annotations

from reintegra.identity.arabic import arabic_given_name, is_arabic
from reintegra.identity.names import words
from reintegra.identity.phonetic import fine_key, skeleton_of_key

SKELETON_MARK = "#"
# The skeleton of a word written in Arabic script, again: a word typed in Latin or Cyrillic
# letters finds an Arabic-script name only by its consonants (أحمدوف is "ahmduf", not
# "ahmetov"), and must not find every Cyrillic name of the same consonants that way.
ARABIC_MARK = "@"
MAX_LENGTH = 400


def match_keys(text: str) -> str:
    """The stored keys of a written name: `` fine1 fine2 #skel1 #skel2 @skel1 `` (padded with
    spaces, so that a whole key can be looked up as `` key ``); ``@`` keys are the skeletons of
    words in Arabic script."""
    fine: list[str] = []
    skeletons: list[str] = []
    arabic: list[str] = []
    for word in words(text or ""):
        key = fine_key(word)
        if not key:
            continue
        if key not in fine:
            fine.append(key)
        shape = skeleton_of_key(key)
        if shape and shape not in skeletons:
            skeletons.append(shape)
        if shape and is_arabic(word) and shape not in arabic:
            arabic.append(shape)
    if not fine:
        return ""
    keys = " ".join(
        [*fine, *(SKELETON_MARK + s for s in skeletons), *(ARABIC_MARK + s for s in arabic)]
    )
    return f" {keys} "[:MAX_LENGTH]


def consonant_terms(query: str) -> list[list[str]]:
    """For each word of a search, the ``match_keys`` substring of its consonant skeleton (what
    a name spelled with other vowels shares: Жусупов, Жүсіпов); a word of fewer than two
    consonants, or of fewer than three letters (X is k and s), which too many names share,
    keeps its ``query_terms`` options."""
    terms: list[list[str]] = []
    for word in words(query or ""):
        key = fine_key(word)
        shape = skeleton_of_key(key)
        terms += (
            [[f"{SKELETON_MARK}{shape}"]]
            if len(shape) >= 2 and len(key) >= 3
            else query_terms(word)
        )
    return terms


def query_terms(query: str) -> list[list[str]]:
    """For each word of a search, the substrings of ``match_keys`` any of which finds it."""
    terms: list[list[str]] = []
    for word in words(query or ""):
        if is_arabic(word):
            options = [f"{SKELETON_MARK}{skeleton_of_key(fine_key(word))} "]
            known = arabic_given_name(word)
            if known:
                options.append(f" {fine_key(known)} ")
        else:
            key = fine_key(word)
            # A word typed in Latin or Cyrillic: its fine key begins a stored word (so that
            # "Bakirov" finds "Бакирова", and a name being typed finds the whole name), or its
            # consonants begin those of a word stored in Arabic script.
            options = [f" {key}"] if key else []
            shape = skeleton_of_key(key)
            if len(shape) >= 2:
                options.append(f"{ARABIC_MARK}{shape}")
        options = [o for o in options if o.strip(" " + SKELETON_MARK)]
        if options:
            terms.append(options)
    return terms


def key_prefix(text: str, letters: int) -> str:
    """What a stored name's ``match_keys`` must hold to share a block with the first word of
    ``text``: its fine key's first letters, after a space; for a word in Arabic script, whose
    short vowels are not written, its skeleton's first consonants, after the skeleton mark
    (a known Arabic given name: its Cyrillic form's fine key)."""
    for word in words(text or ""):
        if is_arabic(word):
            known = arabic_given_name(word)
            if known:
                return " " + fine_key(known)[:letters]
            shape = skeleton_of_key(fine_key(word))[: letters - 1]
            if shape:
                return SKELETON_MARK + shape
            continue
        key = fine_key(word)
        if key:
            return " " + key[:letters]
    return ""


def arabic_key_prefix(text: str, letters: int) -> str:
    """What the ``match_keys`` of a name stored in Arabic script hold for the first word of
    ``text`` (Latin or Cyrillic), by its consonants (``ARABIC_MARK``); nothing for a
    word in Arabic script, which ``key_prefix`` covers."""
    for word in words(text or ""):
        if is_arabic(word):
            return ""
        shape = skeleton_of_key(fine_key(word))[: letters - 1]
        if shape:
            return ARABIC_MARK + shape
    return ""


def store_match_keys(names) -> int:
    """Compute the keys of every stored name (``names``: the PersonName model, as a migration
    gives it) and write those that changed; returns how many were written. For migrations that
    add the keys or change how they are folded."""
    batch, written = [], 0
    fields = ("pk", "surname", "given_name", "patronymic", "full_name", "match_keys")
    for name in names.objects.only(*fields).iterator(chunk_size=2000):
        text = name.full_name or " ".join(
            part for part in (name.surname, name.given_name, name.patronymic) if part
        )
        keys = match_keys(text)
        if keys != name.match_keys:
            name.match_keys = keys
            batch.append(name)
        if len(batch) >= 2000:
            names.objects.bulk_update(batch, ["match_keys"])
            written, batch = written + len(batch), []
    if batch:
        names.objects.bulk_update(batch, ["match_keys"])
    return written + len(batch)
