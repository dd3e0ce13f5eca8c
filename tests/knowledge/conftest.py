"""Fixtures of the knowledge centre: topics, writers and readers, and a few materials."""

from __future__ import annotations

import pytest

from reintegra.core.roles import Role, Scope
from reintegra.knowledge import services
from reintegra.knowledge.models import Topic
from reintegra.knowledge.services import TextInput

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def topics(db):
    return {
        code: services.topic_save(
            actor=None, topic=Topic(code=code, name_kk=kk, name_ru=ru, name_en=en)
        )
        for code, kk, ru, en in [
            ("women", "Әйелдер мен балалар", "Женщины и дети", "Women and children"),
            ("faith", "Сенім мен дін", "Вера и религия", "Faith and religion"),
        ]
    }


@pytest.fixture
def writer(make_user):
    return make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, username="writer")


@pytest.fixture
def far_writer(make_user):
    return make_user(
        Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-almaty", username="far"
    )


@pytest.fixture
def make_material(writer, topics):
    def make(*, kind="manual", publish=True, public=False, texts=None, topic="women", **extra):
        material = services.material_create(
            actor=writer,
            kind=kind,
            audience="specialists",
            is_public=public,
            topics=[topics[topic]],
            texts=texts
            or {
                "kk": TextInput("Әйелдермен жұмыс", "Қысқаша", "Қайтарылған әйелдерге қолдау."),
                "ru": TextInput("Работа с женщинами", "", "Поддержка вернувшихся женщин."),
            },
            **extra,
        )
        if publish:
            material = services.material_publish(actor=writer, material=material)
        return material

    return make
