"""The matching engine: a registry held in compact columns, blocking, scoring, assignment.

1. **Registry** (``Registry``): each person is a handful of integers in columns (codes of the
   folded surname stem, given name and patronymic, sex, year, month, day) and an id; the folded
   names are interned once in a vocabulary, and each distinct raw spelling is folded once. A file
   is read into columns at once (``Registry.add_columns``, ``files.load_registry``).
2. **Blocking** (``blocks``): a person is filed under several keys (``BLOCKING_KEYS``):
   consonant skeletons of the names, paired or tripled with each other and with the date, so that
   a typo, a missing date, a married name or a swapped word order still leaves a key in common
   with the list's rendering. The index is a sorted NumPy array of keys, built once, for the
   blocks the list will look up when it is known first (``Registry.expect``). A list row's
   candidates are ranked by the most informative block they share with it (log2 of registry size
   over block size) and only the best ``MOST_CANDIDATES`` (and those tied with them) are scored;
   blocks over ``LARGEST_BLOCK`` people are not read.
3. **Scoring**: the sum of each field's log2 likelihood ratio, names compared in every assignment
   of the list's words to surname and given name; the best assignment counts. Name agreements
   weigh by the name's frequency in the registry (a rare name says more). A chunk of rows is
   found candidates and scored together, as arrays (``Matcher.best_of``): each listed word is
   weighed once against the whole vocabulary, and a pair's weights are looked up by its row and
   the registry name's code. ``Matcher.score_each`` is the same model written one candidate at a
   time, and ``explain`` gives a reviewer each field's level and weight.
4. **Decision**: the score is the posterior probability that the best candidate is the person,
   against both the other candidates and "not in the registry": a second candidate nearly as
   good lowers it. The prior share of listed people in the registry is estimated from the list
   itself (EM on that one parameter), and the match threshold is the one that maximises the F1
   the posteriors themselves predict (``Matcher._match_threshold``). Each registry person is
   assigned to at most one list row (the surest first), then ``match`` (over the threshold and
   twice as likely as the runner-up), ``review`` or ``none``.

Family-aware scoring is left open: a list row carries an optional ``group`` (a family on the
list) and ``Matcher.match`` takes an ``adjust`` hook that may change candidates' weights (say,
when a mother and her children point to one registry family) before decisions are taken.

The engine lives in these modules; this one names them in order and re-exports what other code
imports:

- ``records``: what goes in and comes out (``RegistryPerson``, ``ListedPerson``, ``Candidate``,
  ``MatchResult``, ``Decision``, ``Thresholds``, ``SEX_CODES``).
- ``keys``: a name's fine key per role (``given_key``, ``patronymic_key``), a listed row's words
  and their readings, and the blocks a person is filed under (``_person_keys``) or looked up in
  (``lookup_keys``).
- ``registry``: ``Registry``, its vocabulary and its columns.
- ``candidates``: step 2's candidate search (``MOST_CANDIDATES``, ``LARGEST_BLOCK``).
- ``scoring``: step 3 as arrays (``Matcher.best_of``; ``WHOLE_VOCABULARY``).
- ``explain``: step 3 one candidate at a time (``Matcher.score_each``) and ``Matcher.explain``.
- ``matcher``: ``Matcher``, which inherits the three steps above and takes step 4's decisions;
  a long list is scored on forked processes (``PARALLEL_FROM``, ``PARALLEL_CHUNK``).
"""

from reintegra.identity.keys import _person_keys, given_key, lookup_keys, patronymic_key
from reintegra.identity.matcher import PARALLEL_CHUNK, PARALLEL_FROM, Matcher
from reintegra.identity.records import (
    SEX_CODES,
    SEX_NAMES,
    Candidate,
    Decision,
    ListedPerson,
    MatchResult,
    RegistryPerson,
    Thresholds,
)
from reintegra.identity.registry import Registry

__all__ = [
    "PARALLEL_CHUNK",
    "PARALLEL_FROM",
    "SEX_CODES",
    "SEX_NAMES",
    "Candidate",
    "Decision",
    "ListedPerson",
    "MatchResult",
    "Matcher",
    "Registry",
    "RegistryPerson",
    "Thresholds",
    "_person_keys",
    "given_key",
    "lookup_keys",
    "patronymic_key",
]
