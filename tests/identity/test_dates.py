"""Partial dates: parsed strictly, compared at the precision both sides give."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.identity.dates import BadDate, DateAgreement, PartialDate, compare_dates, parse_date


def d(text: str) -> PartialDate:
    return parse_date(text)


@pytest.mark.parametrize(
    ("one", "other", "level"),
    [
        ("1985-03-14", "1985-03-14", DateAgreement.EXACT),
        ("1985-03", "1985-03-14", DateAgreement.SAME_MONTH),
        ("1985", "1985-03-14", DateAgreement.SAME_YEAR),
        ("1985", "1985", DateAgreement.SAME_YEAR),
        ("1985-03-04", "1985-04-03", DateAgreement.SWAPPED),
        ("1985-03-14", "1986-03-14", DateAgreement.YEAR_OFF),
        ("1985-03", "1984-03", DateAgreement.YEAR_OFF_MONTH),
        ("1985-03-14", "1985-03-17", DateAgreement.TYPO),
        ("1985-03-14", "1955-03-14", DateAgreement.TYPO),
        ("1985-03-19", "1985-03-20", DateAgreement.NEAR),  # one apart, but in two digits
        ("1989-12-01", "1990-12-01", DateAgreement.YEAR_OFF),
        ("1985", "1986-07-01", DateAgreement.NEAR),
        ("1985-03-14", "1992-11-02", DateAgreement.DIFFERENT),
        ("", "1985-03-14", DateAgreement.MISSING),
    ],
)
def test_dates_agree_at_the_precision_both_give(one, other, level):
    assert compare_dates(d(one), d(other)) == level


@pytest.mark.parametrize("text", ["14.03.1985", "1985-13", "1985-02-30", "85", "1985-3-4", "abc"])
def test_a_bad_date_is_refused(text):
    with pytest.raises(BadDate):
        parse_date(text)


def test_precision_is_kept():
    assert parse_date("1985-03") == PartialDate(1985, 3, 0)
    assert str(parse_date("1985")) == "1985"
    assert not parse_date("").known


dates = st.builds(
    PartialDate,
    st.sampled_from([0, 1984, 1985, 1986, 2001]),
    st.integers(0, 12),
    st.integers(0, 28),
).map(lambda p: p if p.month else PartialDate(p.year, 0, 0))


@given(dates, dates)
def test_date_comparison_is_symmetric(one, other):
    assert compare_dates(one, other) == compare_dates(other, one)
