"""What the engine takes and gives: registry and listed people, candidates, results and the
thresholds that turn a score into a decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from reintegra.identity.compare import FieldAgreement
from reintegra.identity.dates import UNKNOWN_DATE, PartialDate
from reintegra.identity.names import FEMALE, MALE, NameParts

SEX_CODES = {"": 0, MALE: 1, FEMALE: 2}
SEX_NAMES = ("", MALE, FEMALE)


class Decision(StrEnum):
    MATCH = "match"
    REVIEW = "review"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where a score becomes a decision. ``margin``: log2 ratio the best candidate must have over
    the runner-up to be a match (a 2 is four times as likely)."""

    match: float = 0.6
    review: float = 0.15
    margin: float = 1.0
    # Prior share of listed people who are in the registry; with the registry's size it sets how
    # much evidence a match needs (more in a larger registry).
    prior_in_registry: float = 0.5
    # Estimate that share from the list, and the match threshold from the posteriors (see
    # ``Matcher._estimate_prior`` and ``Matcher._match_threshold``); ``match`` is then the
    # highest the threshold may be, ``lowest_match`` the lowest.
    estimate: bool = True
    prior_strength: float = 20.0  # pseudo-rows of the Beta prior around prior_in_registry
    least_rows_to_estimate: int = 200
    lowest_match: float = 0.35


@dataclass(frozen=True, slots=True)
class RegistryPerson:
    id: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    sex: str = ""
    birth_date: PartialDate = UNKNOWN_DATE


@dataclass(frozen=True, slots=True)
class ListedPerson:
    id: str
    name: NameParts
    sex: str = ""
    birth_date: PartialDate = UNKNOWN_DATE
    group: str = ""  # a family on the list, for family-aware scoring


@dataclass(slots=True)
class Candidate:
    index: int  # the registry person's position
    weight: float  # log2 odds, prior included
    assignment: tuple[int, int] = (-1, -1)  # which list words were taken as surname, given name


@dataclass(slots=True)
class MatchResult:
    listed: ListedPerson
    candidates: list[Candidate]  # best first
    registry_id: str = ""
    score: float = 0.0
    decision: Decision = Decision.NONE
    # Each field's agreement with the chosen person, for a reviewer: made when first read (a
    # file of matches never reads it).
    _explain: Callable[[], tuple[FieldAgreement, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _explanation: tuple[FieldAgreement, ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def explanation(self) -> tuple[FieldAgreement, ...]:
        if self._explanation is None:
            self._explanation = self._explain() if self._explain is not None else ()
        return self._explanation
