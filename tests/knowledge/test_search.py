"""Full-text search in Kazakh, Russian and English, on whichever database runs the suite
(SQLite FTS5 locally, PostgreSQL full-text search in CI)."""

from __future__ import annotations

import pytest

from reintegra.core.roles import Role
from reintegra.knowledge import services
from reintegra.knowledge.search import index_text
from reintegra.knowledge.selectors import material_search
from reintegra.knowledge.services import TextInput

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def library(make_material):
    return {
        "women": make_material(
            texts={
                "kk": TextInput(
                    "Қайтарылған әйелдермен жұмыс",
                    "Оңалту әдістері",
                    "Психолог пен теолог әйелдерге күнделікті өмірге оралуға көмектеседі.",
                ),
                "ru": TextInput(
                    "Работа с вернувшимися женщинами",
                    "Методы реабилитации",
                    "Психолог и теолог помогают женщинам вернуться к обычной жизни.",
                ),
                "en": TextInput(
                    "Working with returned women",
                    "Rehabilitation methods",
                    "A psychologist and a theologian help women return to everyday life.",
                ),
            }
        ),
        "children": make_material(
            texts={
                "en": TextInput(
                    "Schooling for children born abroad",
                    "",
                    "Placing children in school after the return.",
                )
            }
        ),
        "law": make_material(
            kind="legal_act",
            texts={"ru": TextInput("Закон о противодействии экстремизму", "", "Статьи закона.")},
        ),
    }


def found(user, query, language=None):
    return list(material_search(user, query, language))


def test_a_kazakh_word_finds_the_material_as_typed(library, writer):
    assert found(writer, "әйелдермен") == [library["women"]]


def test_a_kazakh_word_is_found_in_its_folded_spelling(library, writer):
    # Typed on a Russian keyboard: ә→а, қ→к, і→и.
    assert found(writer, "Кайтарылган") == [library["women"]]
    assert found(writer, "ОҢАЛТУ") == [library["women"]]
    assert found(writer, "оналту") == [library["women"]]


def test_a_russian_word_finds_the_material(library, writer):
    assert found(writer, "реабилитации") == [library["women"]]
    assert found(writer, "экстремизму") == [library["law"]]


def test_an_english_word_finds_the_material(library, writer):
    assert found(writer, "theologian") == [library["women"]]
    assert found(writer, "schooling") == [library["children"]]


def test_a_word_beginning_finds_longer_words(library, writer):
    assert found(writer, "реабилит") == [library["women"]]


def test_every_word_of_the_query_must_match(library, writer):
    assert found(writer, "theologian schooling") == []
    assert found(writer, "returned women") == [library["women"]]


def test_the_language_limits_the_search_to_that_version(library, writer):
    assert found(writer, "психолог", language="ru") == [library["women"]]
    assert found(writer, "психолог", language="en") == []
    assert found(writer, "psychologist", language="en") == [library["women"]]


def test_a_title_match_ranks_above_a_match_in_the_text(make_material, writer):
    in_text = make_material(
        texts={"en": TextInput("Mentoring", "", "Mentoring helps women. " * 3 + "Family.")}
    )
    in_title = make_material(texts={"en": TextInput("Family visits", "", "Visits at home.")})
    assert found(writer, "family") == [in_title, in_text]


def test_search_returns_only_what_the_user_may_read(make_material, user_of_role):
    make_material(public=False, texts={"en": TextInput("Mediation at home")})
    public = make_material(public=True, texts={"en": TextInput("Mediation in schools")})
    draft = make_material(publish=False, texts={"en": TextInput("Mediation drafts")})
    partner = user_of_role(Role.PARTNER)
    assert found(partner, "mediation") == [public]
    assert draft not in found(user_of_role(Role.NATIONAL_ANALYST), "mediation")


def test_a_new_version_replaces_the_words_searched(library, writer):
    material = library["law"]
    services.material_update(
        actor=writer,
        material=material,
        expected_version=material.version,
        texts={"ru": TextInput("Закон о свободе вероисповедания")},
    )
    assert found(writer, "экстремизму") == []
    assert found(writer, "вероисповедания") == [material]


def test_questions_and_answers_and_topic_names_are_searched(make_material, writer, topics):
    material = make_material(kind="qa")
    services.qa_pair_add(
        actor=writer,
        material=material,
        topic=topics["faith"],
        questions={"kk": "Хиджра парыз ба?"},
        answers={"kk": "Жоқ: ғұламалар бейбіт елде тұруды құптайды."},
    )
    assert found(writer, "ғұламалар") == [material]
    assert found(writer, "гуламалар") == [material]
    assert material in found(writer, "сенім")


def test_an_empty_or_punctuation_query_finds_nothing(library, writer):
    assert found(writer, "") == []
    assert found(writer, "«»!?") == []


def test_quotes_and_operators_in_a_query_are_plain_words(library, writer):
    assert found(writer, '"women" OR NEAR(*)') == []


def test_the_index_keeps_words_as_typed_and_folded():
    assert index_text("Қазақстан Women") == "қазақстан women казакстан"
