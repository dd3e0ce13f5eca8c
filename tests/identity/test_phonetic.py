"""Every script's rendering of a name folds to one key; different names keep different keys."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.identity.names import patronymic_of, surname_stem
from reintegra.identity.phonetic import fine_key, skeleton

SAME_NAME = [
    # Kazakh and Russian Cyrillic, ICAO, BGN, informal, upper case, Kazakh Latin 2021, French
    ("Бауыржан", "Бауржан", "Bauyrzhan", "Baurzhan", "BAUYRZHAN", "Bauırjan", "Baourjan"),
    # ... Kazakh Latin 2017 (apostrophes) and 2018 (acute accents)
    ("Бауыржан", "Bay'yrjan", "Baýyrjan"),
    ("Жұмабаев", "Жумабаев", "Zhumabaev", "Jumabayev", "Djoumabaev", "Jūmabaev", "ZHUMABAEV"),
    ("Жумабаев", "Joumabaeff", "Zhumabayev"),
    ("Нұрсұлтан", "Nursultan", "Nūrsūltan", "Noursoultan", "NURSULTAN"),
    ("Қасымқызы", "Kasymkyzy", "Qasymqyzy", "Qasymqızı", "Касымкызы"),
    ("Әлия", "Алия", "Aliya", "Aliia", "Álııa", "Äliya"),
    ("Ерлан", "Yerlan", "Erlan", "IERLAN"),
    ("Шолпан", "Sholpan", "S'olpan", "Şolpan"),
    ("Ғалым", "Галым", "Ghalym", "Galym", "Ǵalym", "Ğalym"),
    ("Семён", "Семен", "Semen"),
]


@pytest.mark.parametrize("variants", SAME_NAME)
def test_renderings_of_one_name_share_a_fine_key(variants):
    assert len({fine_key(v) for v in variants}) == 1, {v: fine_key(v) for v in variants}


@pytest.mark.parametrize(
    ("cyrillic", "arabic"),
    [
        ("Бауыржан", "باورجان"),
        ("Жұмабаев", "جومابايف"),
        ("Нұрсұлтан", "نورسلطان"),
        ("Мухаммед", "محمد"),
        ("Ахмет", "أحمد"),
        ("Ибрагим", "إبراهيم"),
        ("Фатима", "فاطمة"),
        ("Бакиров", "باكيروف"),
    ],
)
def test_arabic_script_agrees_on_the_consonant_skeleton(cyrillic, arabic):
    assert skeleton(cyrillic) == skeleton(arabic)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Асель", "Асем"), ("Ерлан", "Ержан"), ("Айбек", "Айдос"), ("Нұрлан", "Нұржан")],
)
def test_different_names_keep_different_keys(one, other):
    assert fine_key(one) != fine_key(other)


def test_mens_and_womens_forms_of_a_family_name_share_a_stem():
    stems = {surname_stem(w) for w in ("Жұмабаев", "Жумабаева", "Zhumabayeva", "JUMABAEV")}
    assert stems == {"jumaba"}
    assert surname_stem("Сейфуллин") == surname_stem("Сейфуллина")


@pytest.mark.parametrize(
    ("word", "father", "sex"),
    [
        ("Қасымқызы", "kasim", "F"),
        ("Kasymkyzy", "kasim", "F"),
        ("Qasymqyzy", "kasim", "F"),
        ("Касымовна", "kasim", "F"),
        ("Серікұлы", "serik", "M"),
        ("Serikuly", "serik", "M"),
        ("Serikuli", "serik", "M"),
        ("Серикович", "serik", "M"),
        ("Sergeyevich", "serg", "M"),
        ("Сергеевна", "serg", "F"),
        ("ايداروفنا", "aidar", "F"),
    ],
)
def test_a_patronymic_gives_the_fathers_name_and_the_sex(word, father, sex):
    found = patronymic_of(word)
    assert found is not None
    assert (found.stem, found.sex) == (father, sex)


def test_given_names_are_not_taken_for_patronymics():
    assert patronymic_of("Бауыржан") is None
    assert patronymic_of("Rasul") is None
    # -гүл in Arabic script (غول) ends women's names; it is not ұлы (ول)
    assert patronymic_of("ايغول") is None
    assert patronymic_of("نورغول") is None
    assert patronymic_of("قايراتول") is not None


@given(st.text(max_size=30))
def test_folding_a_fine_key_again_changes_nothing(text):
    assert fine_key(fine_key(text)) == fine_key(text)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ", max_size=20))
def test_a_cyrillic_name_folds_to_plain_latin_letters(text):
    assert fine_key(text).isascii()
