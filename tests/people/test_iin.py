"""The IIN: format, encoded birth date and sex, and the official check digit."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.people.iin import InvalidIIN, check_digit, make_iin, parse_iin


def test_a_published_example_is_valid_and_encodes_a_girl_born_in_2006():
    facts = parse_iin("061211600012")
    assert facts.birth_date == dt.date(2006, 12, 11)
    assert facts.sex == "female"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "format"),
        ("06121160001", "format"),
        ("0612116000123", "format"),
        ("06121160001A", "format"),
        ("061211700012", "century"),
        ("061311600012", "date"),
        ("060230600012", "date"),
        ("061211600013", "checksum"),
    ],
)
def test_invalid_numbers_are_refused_with_the_reason(value, code):
    with pytest.raises(InvalidIIN) as error:
        parse_iin(value)
    assert error.value.code == code


def test_the_second_weights_are_used_when_the_first_sum_gives_ten():
    # Find eleven digits whose first weighted sum is 10 mod 11: the check digit must then come
    # from the second weights.
    for serial in range(10000):
        first11 = f"8503144{serial:04d}"
        if sum(int(d) * w for d, w in zip(first11, range(1, 12), strict=True)) % 11 == 10:
            break
    second = (
        sum(int(d) * w for d, w in zip(first11, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True))
        % 11
    )
    assert check_digit(first11) == (second if second != 10 else None)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["male", "female"]),
    st.integers(min_value=0, max_value=9999),
)
def test_every_generated_number_parses_back_to_its_date_and_sex(birth_date, sex, serial):
    iin = make_iin(birth_date, sex, serial)
    if iin is None:
        return
    facts = parse_iin(iin)
    assert (facts.birth_date, facts.sex) == (birth_date, sex)
    wrong_digit = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(InvalidIIN):
        parse_iin(wrong_digit)
