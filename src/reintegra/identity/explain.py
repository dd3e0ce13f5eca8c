"""Scoring one candidate at a time, field by field: the model as plainly written
(``Matcher.score_each``, which the array scoring agrees with exactly) and each field's level
and weight for a reviewer (``Matcher.explain``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reintegra.identity.compare import (
    GIVEN_WEIGHTS,
    INFERRED_SEX_WEIGHTS,
    PATRONYMIC_WEIGHTS,
    SEX_WEIGHTS,
    SURNAME_WEIGHTS,
    WOMAN_SURNAME_WEIGHTS,
    FieldAgreement,
    NameAgreement,
    NameWeights,
    name_agreement,
    sex_agreement,
)
from reintegra.identity.dates import PartialDate, compare_dates
from reintegra.identity.keys import (
    GIVEN,
    SURNAME,
    _listed_words,
    _patronymic_words,
    _Word,
    _written_words,
)
from reintegra.identity.names import FEMALE
from reintegra.identity.phonetic import skeleton_of_key
from reintegra.identity.records import SEX_CODES, SEX_NAMES, Candidate, ListedPerson
from reintegra.identity.registry import Registry


class _ScoresOneByOne:
    """The ``Matcher``'s plain scoring and explanations (``Matcher`` inherits them)."""

    registry: Registry
    prior: float

    # -- scoring ----------------------------------------------------------------------------

    def _name_weights(
        self, word: _Word | None, role: int, weights: NameWeights
    ) -> Callable[[int], tuple[NameAgreement, float]]:
        """A memoised weight of this list word against a registry name code, in one role."""
        registry, vocabulary = self.registry, self.registry.vocabulary
        memo: dict[int, tuple[NameAgreement, float]] = {}
        if word is None:
            return lambda code: (NameAgreement.MISSING, 0.0)
        key = word.as_surname if role == 0 else word.as_given
        listed_skeleton = word.surname_skeleton if role == 0 else word.given_skeleton
        letters = not word.known

        def weigh(code: int) -> tuple[NameAgreement, float]:
            found = memo.get(code)
            if found is None:
                level = name_agreement(
                    key,
                    listed_skeleton,
                    word.arabic,
                    vocabulary.keys[code],
                    skeleton_of_key(vocabulary.keys[code]),
                    letters=letters,
                    surname=role == 0,
                )
                found = memo[code] = (
                    level,
                    weights.weight(
                        level,
                        registry.frequency(role, code),
                        word.arabic,
                        registry.close_frequency(role, key, listed_skeleton, letters)
                        if word.arabic
                        else 0.0,
                    ),
                )
            return found

        return weigh

    def score_each(self, person: ListedPerson, positions: Iterable[int]) -> list[Candidate]:
        """Every candidate's weight, best first, one candidate at a time: the model as plainly
        written (``score`` computes the same as arrays)."""
        registry = self.registry
        listed, assignments = _listed_words(person.name)
        surname_weights = [self._name_weights(w, 0, SURNAME_WEIGHTS) for w in listed]
        woman_surname_weights = [self._name_weights(w, 0, WOMAN_SURNAME_WEIGHTS) for w in listed]
        given_weights = [self._name_weights(w, 1, GIVEN_WEIGHTS) for w in listed]
        missing = self._name_weights(None, 0, SURNAME_WEIGHTS)
        patronymic_readings = [
            self._name_weights(word, 2, PATRONYMIC_WEIGHTS) for word in _patronymic_words(person)
        ] or [self._name_weights(None, 2, PATRONYMIC_WEIGHTS)]
        sex_table = SEX_WEIGHTS if person.sex else INFERRED_SEX_WEIGHTS
        listed_sex = SEX_CODES.get(person.sex or person.name.sex_hint, 0)
        listed_date = person.birth_date
        date_memo: dict[int, float] = {}
        pairs_by_sex = [
            [
                (
                    table[s] if s >= 0 else missing,
                    given_weights[g] if g >= 0 else missing,
                    (s, g),
                )
                for s, g in assignments
            ]
            for table in (surname_weights, surname_weights, woman_surname_weights)
        ]
        out = []
        surnames, givens, patronymics = registry.surname, registry.given, registry.patronymic
        sexes, years, months, days = registry.sex, registry.year, registry.month, registry.day
        # Relatives share names, candidates share dates: each (surname, given name, sex) and each
        # date is weighed once per list row, not once per candidate.
        name_memo: dict[int, tuple[float, tuple[int, int]]] = {}
        patronymic_memo: dict[int, float] = {}
        prior = self.prior
        listed_year = listed_date.year
        for position in positions:
            surname_code, given_code, sex = surnames[position], givens[position], sexes[position]
            pair = (surname_code << 34) | (given_code << 2) | sex
            found = name_memo.get(pair)
            if found is None:
                best, chosen = -1e9, (-1, -1)
                for weigh_surname, weigh_given, assignment in pairs_by_sex[sex]:
                    total = weigh_surname(surname_code)[1] + weigh_given(given_code)[1]
                    if total > best:
                        best, chosen = total, assignment
                if listed_sex and sex:
                    best += sex_table[sex_agreement(SEX_NAMES[listed_sex], SEX_NAMES[sex])]
                found = name_memo[pair] = (best, chosen)
            weight = prior + found[0]
            patronymic_code = patronymics[position]
            patronymic_weight = patronymic_memo.get(patronymic_code)
            if patronymic_weight is None:
                patronymic_weight = patronymic_memo[patronymic_code] = max(
                    weigh(patronymic_code)[1] for weigh in patronymic_readings
                )
            weight += patronymic_weight
            year = years[position]
            if listed_year and year:
                date_key = year * 10_000 + months[position] * 100 + days[position]
                date_weight = date_memo.get(date_key)
                if date_weight is None:
                    level = compare_dates(
                        listed_date, PartialDate(year, months[position], days[position])
                    )
                    date_weight = date_memo[date_key] = registry.date_weight(level, position)
                weight += date_weight
            out.append(Candidate(position, weight, found[1]))
        out.sort(key=lambda candidate: -candidate.weight)
        return out

    def explain(self, person: ListedPerson, candidate: Candidate) -> tuple[FieldAgreement, ...]:
        """Each field's agreement between the list row and one candidate, for a reviewer."""
        registry, keys = self.registry, self.registry.vocabulary.keys
        position = candidate.index
        listed, _ = _listed_words(person.name)
        written = _written_words(person.name)
        surname_at, given_at = candidate.assignment
        lines = []
        woman = registry.sex[position] == SEX_CODES[FEMALE]
        surname_table = WOMAN_SURNAME_WEIGHTS if woman else SURNAME_WEIGHTS
        for role, at, weights, code, name in (
            (0, surname_at, surname_table, registry.surname[position], SURNAME),
            (1, given_at, GIVEN_WEIGHTS, registry.given[position], GIVEN),
        ):
            word = listed[at] if at >= 0 else None
            level, weight = self._name_weights(word, role, weights)(code)
            shown = "" if word is None else (word.as_surname if role == 0 else word.as_given)
            as_written, written_in = written[at] if at >= 0 else ("", "")
            lines.append(
                FieldAgreement(name, level.value, weight, shown, keys[code], as_written, written_in)
            )
        code = registry.patronymic[position]
        readings = _patronymic_words(person)
        if readings:
            # The reading that agrees best, as scoring takes it (the first of equals).
            weighed = [(self._name_weights(w, 2, PATRONYMIC_WEIGHTS)(code), w) for w in readings]
            (level, weight), word = max(weighed, key=lambda found: found[0][1])
            lines.append(
                FieldAgreement(
                    "patronymic",
                    level.value,
                    weight,
                    word.as_given,
                    keys[code],
                    written=person.name.patronymic,
                )
            )
        else:
            lines.append(FieldAgreement("patronymic", "missing", 0.0, "", keys[code]))
        listed_sex = person.sex or person.name.sex_hint
        registered_sex = SEX_NAMES[registry.sex[position]]
        sex_level = sex_agreement(listed_sex, registered_sex)
        table = SEX_WEIGHTS if person.sex else INFERRED_SEX_WEIGHTS
        lines.append(
            FieldAgreement("sex", sex_level.value, table[sex_level], listed_sex, registered_sex)
        )
        registered_date = registry.birth_date(position)
        date_level = compare_dates(person.birth_date, registered_date)
        lines.append(
            FieldAgreement(
                "birth_date",
                date_level.value,
                registry.date_weight(date_level, position),
                str(person.birth_date),
                str(registered_date),
            )
        )
        return tuple(lines)
