"""Family-aware matching, the pure rule: members of one family on a list strengthen each other's
candidates through the registry's relations, by a bounded amount, never against their names."""

from __future__ import annotations

from reintegra.identity.compare import FieldAgreement
from reintegra.identity.family import MOST_BITS, SUPPORT_BITS, Relation, Scored, bonuses


def agreeing(**levels: str) -> tuple[FieldAgreement, ...]:
    """An explanation with both names the same, and any field overridden."""
    fields = {"surname": "exact", "given_name": "exact", "sex": "same", "birth_date": "missing"}
    fields.update(levels)
    return tuple(FieldAgreement(name, level, 0.0) for name, level in fields.items())


def scored(person: str, weight: float = 10.0, **levels: str) -> Scored:
    return Scored(person=person, weight=weight, fields=agreeing(**levels))


# The registry: mother M with children C1, C2, C3 (each recorded both ways, as the people app
# does); their namesakes m, c1, c2, c3 are related to nobody on the list.
RELATIONS = [
    *(Relation(child, "M", "mother") for child in ("C1", "C2", "C3")),
    *(Relation("M", child, "child") for child in ("C1", "C2", "C3")),
]
# One family on the list: row 1 the mother, rows 2-4 the children; each row alone is a tie
# between the real person and a namesake.
GROUPS = {"1": "F", "2": "F", "3": "F", "4": "F"}
CANDIDATES = {
    "1": [scored("M"), scored("m")],
    "2": [scored("C1"), scored("c1")],
    "3": [scored("C2"), scored("c2")],
    "4": [scored("C3"), scored("c3")],
}


def test_a_mother_and_her_children_listed_together_strengthen_each_other():
    # Given a family on the list whose members are related in the registry
    # When the bonuses are worked out
    found = bonuses(GROUPS, CANDIDATES, RELATIONS)
    # Then the mother gains from her children (capped) and each child from the mother
    assert found[("1", "M")].bits == MOST_BITS
    for row, child in (("2", "C1"), ("3", "C2"), ("4", "C3")):
        assert found[(row, child)].bits == SUPPORT_BITS
        [support] = found[(row, child)].supports
        assert (support.row, support.relative, support.kind) == ("1", "M", "mother")


def test_unrelated_namesakes_gain_nothing():
    found = bonuses(GROUPS, CANDIDATES, RELATIONS)
    assert not any(person in {"m", "c1", "c2", "c3"} for _row, person in found)


def test_the_bonus_is_symmetric_between_mother_and_child():
    found = bonuses({"1": "F", "2": "F"}, {"1": [scored("M")], "2": [scored("C1")]}, RELATIONS)
    assert found[("1", "M")].bits == found[("2", "C1")].bits == SUPPORT_BITS
    assert found[("1", "M")].supports[0].kind == "child"


def test_one_direction_recorded_still_works_both_ways():
    candidates = {"1": [scored("M")], "2": [scored("C1")]}
    found = bonuses({"1": "F", "2": "F"}, candidates, [Relation("C1", "M", "mother")])
    assert found[("1", "M")].supports[0].kind == "child"
    assert found[("2", "C1")].supports[0].kind == "mother"
    # Recorded from the mother's side only, the child's mother is known only as a parent.
    found = bonuses({"1": "F", "2": "F"}, candidates, [Relation("M", "C1", "child")])
    assert found[("2", "C1")].supports[0].kind == "parent"
    assert found[("1", "M")].bits == found[("2", "C1")].bits == SUPPORT_BITS


def test_without_a_family_on_the_list_nothing_changes():
    assert bonuses({}, CANDIDATES, RELATIONS) == {}
    # Each row a family of its own: nobody to be strengthened by.
    assert bonuses({"1": "A", "2": "B", "3": "C", "4": "D"}, CANDIDATES, RELATIONS) == {}


def test_a_relative_named_by_two_rows_counts_once_and_the_total_is_capped():
    # Given the mother listed twice (a repeated line) and three children
    groups = {**GROUPS, "5": "F"}
    candidates = {**CANDIDATES, "5": [scored("M")]}
    found = bonuses(groups, candidates, RELATIONS)
    # Then a child counts the mother once, not once per line naming her
    assert found[("2", "C1")].bits == SUPPORT_BITS
    assert len(found[("2", "C1")].supports) == 1
    # And the mother's bonus never passes the cap, however many children support her
    assert found[("1", "M")].bits == MOST_BITS
    assert sum(s.bits for s in found[("1", "M")].supports) == MOST_BITS


def test_a_clearly_different_person_gains_nothing_and_supports_nobody():
    # Given the registered child has the other sex, or an impossible date of birth
    for levels in ({"sex": "different"}, {"birth_date": "different"}):
        candidates = {"1": [scored("M")], "2": [scored("C1", **levels)]}
        found = bonuses({"1": "F", "2": "F"}, candidates, RELATIONS)
        # Then neither the child nor the mother gains from the relation
        assert found == {}


def test_a_relation_is_not_enough_when_the_names_disagree():
    for levels in ({"given_name": "different"}, {"given_name": "weak"}, {"surname": "different"}):
        candidates = {"1": [scored("M")], "2": [scored("C1", **levels)]}
        assert bonuses({"1": "F", "2": "F"}, candidates, RELATIONS) == {}


def test_a_far_weaker_candidate_of_another_row_does_not_support():
    # Given the child's row is clearly somebody else, the related child far below
    candidates = {"1": [scored("M")], "2": [scored("X", 30.0), scored("C1", 10.0)]}
    assert bonuses({"1": "F", "2": "F"}, candidates, RELATIONS) == {}


def test_siblings_and_guardians_do_not_make_a_family_bonus():
    relations = [Relation("C1", "C2", "sibling"), Relation("C2", "C1", "sibling")]
    candidates = {"2": [scored("C1")], "3": [scored("C2")]}
    assert bonuses({"2": "F", "3": "F"}, candidates, relations) == {}
