"""Matching keys: spellings of one name in Cyrillic and Latin share a key, other names do not."""

import pytest

from reintegra.registry.names import name_keys


@pytest.mark.parametrize(
    "spellings",
    [
        ("Hizb ut-Tahrir", "Хизб ут-Тахрир", "Hizbut Tahrir", "ХИЗБ-УТ-ТАХРИР"),
        ("Al-Qaeda", "Аль-Каида", "Әл-Қаида", "Al Qaida", "al-Qa'ida"),
        ("Jabhat al-Nusra", "Джабхат ан-Нусра"),
        ("Tabligi jamagat", "Таблиги джамагат", "Таблиғи жамағат"),
        ("At-Takfir wal-Hijra", "Ат-Такфир валь-Хиджра"),
        ("Daesh", "ДАИШ"),
        ("Jund al-Khilafah", "Джунд аль-Хилафах"),
    ],
)
def test_spellings_of_one_name_in_any_script_share_a_key(spellings):
    first = name_keys(spellings[0])
    for other in spellings[1:]:
        assert first & name_keys(other), other


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Islamic Movement of Uzbekistan", "Islamic Movement of East Turkestan"),
        ("Хизб ут-Тахрир", "Таблиги джамагат"),
        ("ISIS", "IS"),
    ],
)
def test_different_names_share_no_key(one, other):
    assert not name_keys(one) & name_keys(other)


def test_a_text_without_letters_has_no_key():
    assert name_keys(" - «» ") == set()
