"""Dates in the user's format, whatever shape they arrive in."""

from __future__ import annotations

import pytest
from django.utils import translation

from reintegra.web.templatetags.dates import iso_partial_date


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1990-09-18", "18.09.1990"),
        ("1958-02", "02.1958"),
        ("1985", "1985"),
        ("None", ""),
        (None, ""),
        ("", ""),
        ("1990-02-30", "1990-02-30"),
        ("around 1990", "around 1990"),
    ],
)
def test_a_date_written_the_iso_way_is_shown_in_the_users_format(written, shown):
    with translation.override("ru"):
        assert iso_partial_date(written) == shown
