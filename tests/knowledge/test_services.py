"""Writing materials: validation, versions, access, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.core.errors import EditConflict
from reintegra.core.roles import Role
from reintegra.knowledge import selectors, services
from reintegra.knowledge.models import Material, MaterialStatus, MaterialText
from reintegra.knowledge.services import TextInput

pytestmark = pytest.mark.django_db


def test_a_material_needs_a_title_in_at_least_one_language(writer):
    with pytest.raises(ValidationError) as error:
        services.material_create(actor=writer, kind="manual", audience="specialists", texts={})
    assert "title_ru" in error.value.message_dict
    assert not Material.objects.exists()


def test_a_language_version_with_text_but_no_title_is_refused(writer):
    with pytest.raises(ValidationError) as error:
        services.material_create(
            actor=writer,
            kind="manual",
            audience="specialists",
            texts={"en": TextInput("", "", "A body without a title.")},
        )
    assert "title_en" in error.value.message_dict


def test_an_unknown_kind_and_audience_are_refused_together(writer):
    with pytest.raises(ValidationError) as error:
        services.material_create(
            actor=writer, kind="poem", audience="everyone", texts={"ru": TextInput("Т")}
        )
    assert {"kind", "audience"} <= set(error.value.message_dict)


def test_a_new_material_is_a_draft_in_version_one_and_audited(make_material, writer):
    material = make_material(publish=False)
    assert material.status == MaterialStatus.DRAFT
    assert material.revision == 1
    assert material.organisation.code == "aqniet-aktau"
    event = Event.objects.get(action="material.created")
    assert event.changes["languages"] == ["kk", "ru"]


def test_a_case_study_is_refused_without_the_anonymisation_confirmation(writer):
    with pytest.raises(ValidationError) as error:
        services.material_create(
            actor=writer, kind="case_study", audience="specialists", texts={"ru": TextInput("Т")}
        )
    assert "anonymised" in error.value.message_dict


def test_the_anonymisation_confirmation_records_who_confirmed_it(writer):
    material = services.material_create(
        actor=writer,
        kind="case_study",
        audience="specialists",
        texts={"ru": TextInput("Случай")},
        anonymised=True,
    )
    assert material.anonymised_confirmed_by == writer
    assert material.anonymised_confirmed_at is not None


def test_changing_the_text_makes_a_new_version_and_keeps_the_earlier_one(make_material, writer):
    material = make_material()
    updated = services.material_update(
        actor=writer,
        material=material,
        expected_version=material.version,
        texts={"en": TextInput("Working with women", "", "Support for returned women.")},
    )
    assert updated.revision == 2
    versions = selectors.material_texts(updated)
    assert sorted(versions) == [1, 2]
    assert [t.language for t in versions[1]] == ["kk", "ru"]
    assert [t.language for t in versions[2]] == ["en"]
    assert Event.objects.filter(action="material.updated").get().changes["revision"] == [1, 2]


def test_changing_only_the_audience_keeps_the_version_number(make_material, writer):
    material = make_material()
    updated = services.material_update(
        actor=writer, material=material, expected_version=material.version, audience="partners"
    )
    assert (updated.revision, updated.audience) == (1, "partners")
    assert MaterialText.objects.filter(material=material).count() == 2


def test_a_stale_edit_is_refused_and_changes_nothing(make_material, writer):
    material = make_material()
    services.material_update(
        actor=writer, material=material, expected_version=material.version, author="A"
    )
    with pytest.raises(EditConflict):
        services.material_update(
            actor=writer, material=material, expected_version=material.version, author="B"
        )
    material.refresh_from_db()
    assert material.author == "A"


def test_only_writers_of_the_keeping_organisation_change_a_material(make_material, far_writer):
    material = make_material()
    with pytest.raises(PermissionDenied):
        services.material_update(
            actor=far_writer, material=material, expected_version=material.version, author="X"
        )


def test_analysts_and_partners_cannot_write_materials(user_of_role, topics):
    for role in (Role.NATIONAL_ANALYST, Role.PARTNER):
        with pytest.raises(PermissionDenied):
            services.material_create(
                actor=user_of_role(role),
                kind="manual",
                audience="public",
                texts={"ru": TextInput("Т")},
            )


def test_drafts_are_read_only_by_their_organisation_published_ones_by_every_reader(
    make_material, far_writer, user_of_role
):
    draft = make_material(publish=False)
    published = make_material()
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    for reader in (far_writer, analyst):
        visible = set(Material.objects.restrict(reader, "view"))
        assert published in visible and draft not in visible


def test_partners_read_only_what_is_published_and_public(make_material, user_of_role):
    public = make_material(public=True)
    make_material(public=False)
    make_material(public=True, publish=False)
    partner = user_of_role(Role.PARTNER)
    assert list(Material.objects.restrict(partner, "view")) == [public]


def test_administrators_and_tracers_read_no_materials(make_material, user_of_role):
    make_material(public=True)
    for role in (Role.ADMINISTRATOR, Role.TRACING_OFFICER, Role.AUDITOR):
        assert not Material.objects.restrict(user_of_role(role), "view").exists()


def test_publishing_twice_is_refused(make_material, writer):
    material = make_material()
    with pytest.raises(ValidationError):
        services.material_publish(actor=writer, material=material)
    assert Event.objects.filter(action="material.published").count() == 1


def test_questions_need_their_answers_in_the_same_language(make_material, writer, topics):
    material = make_material(kind="qa")
    with pytest.raises(ValidationError) as error:
        services.qa_pair_add(
            actor=writer,
            material=material,
            topic=topics["faith"],
            questions={"ru": "Вопрос?"},
            answers={"en": "An answer."},
        )
    assert {"answer_ru", "question_en"} <= set(error.value.message_dict)


def test_questions_belong_only_to_a_questions_and_answers_material(make_material, writer, topics):
    with pytest.raises(ValidationError):
        services.qa_pair_add(
            actor=writer,
            material=make_material(kind="manual"),
            topic=topics["faith"],
            questions={"ru": "Вопрос?"},
            answers={"ru": "Ответ."},
        )


def test_questions_and_answers_are_browsed_by_topic(make_material, writer, topics):
    material = make_material(kind="qa")
    for topic in ("faith", "women", "faith"):
        services.qa_pair_add(
            actor=writer,
            material=material,
            topic=topics[topic],
            questions={"en": f"A question on {topic}?"},
            answers={"en": "An answer."},
        )
    assert selectors.qa_by_topic(user=writer, topic=topics["faith"].pk).count() == 2
    assert selectors.qa_by_topic(user=writer).count() == 3


def test_only_administrators_change_topics(writer, topics):
    topic = topics["faith"]
    topic.name_en = "Belief"
    with pytest.raises(PermissionDenied):
        services.topic_save(actor=writer, topic=topic, changed=["name_en"])
