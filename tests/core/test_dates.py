"""Partial dates: what they allow, and who is a child on a given day."""

import datetime as dt

from reintegra.core.dates import PartialDate, add_years, age_on, may_be_a_child


def test_a_year_only_birth_date_spans_the_whole_year():
    birth = PartialDate.of(2008)
    assert (birth.earliest(), birth.latest()) == (dt.date(2008, 1, 1), dt.date(2008, 12, 31))
    assert str(birth) == "2008"


def test_a_month_spans_its_days_including_a_leap_february():
    assert PartialDate.of(2012, 2).latest() == dt.date(2012, 2, 29)
    assert str(PartialDate.of(2012, 2)) == "2012-02"


def test_an_approximate_year_allows_two_years_either_side():
    birth = PartialDate.of(2000, approximate=True)
    assert birth.earliest() == dt.date(1998, 1, 1) and birth.latest() == dt.date(2002, 12, 31)
    assert str(birth) == "~2000"


def test_age_is_a_range_when_the_date_is_partial():
    assert age_on(PartialDate.of(2008), dt.date(2026, 6, 1)) == (17, 18)
    assert age_on(PartialDate.of(2008, 3, 1), dt.date(2026, 6, 1)) == (18, 18)


def test_a_person_counts_as_a_child_while_they_may_be_under_18():
    assert may_be_a_child(PartialDate.of(2008), dt.date(2026, 6, 1))
    assert not may_be_a_child(PartialDate.of(2008), dt.date(2027, 1, 1))
    assert may_be_a_child(None, dt.date(2026, 6, 1))


def test_the_29th_of_february_has_birthdays_in_common_years():
    assert add_years(dt.date(2008, 2, 29), 18) == dt.date(2026, 2, 28)
