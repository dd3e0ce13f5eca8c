"""The knowledge centre's pages: list, search, detail, editing, attachments, the delegation view."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.core.roles import Role
from reintegra.knowledge import services
from reintegra.knowledge.models import Attachment, Material
from reintegra.knowledge.services import TextInput
from tests.conftest import client_for
from tests.knowledge.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def test_the_list_searches_and_filters(make_material, writer):
    women = make_material()
    law = make_material(kind="legal_act", texts={"en": TextInput("Law on religious activity")})
    client = client_for(writer)
    page = client.get(reverse("knowledge:material_list"), {"q": "әйелдермен"})
    assert list(page.context["page"]) == [women]
    page = client.get(reverse("knowledge:material_list"), {"kind": "legal_act"})
    assert list(page.context["page"]) == [law]
    page = client.get(reverse("knowledge:material_list"), {"language": "en"})
    assert list(page.context["page"]) == [law]
    page = client.get(reverse("knowledge:material_list"), {"sort": "title"})
    assert list(page.context["page"]) == [law, women]


def test_a_search_that_finds_nothing_shows_an_empty_list(make_material, writer):
    make_material()
    client = client_for(writer)
    for query in ("вербовщики", "zzzz"):
        page = client.get(reverse("knowledge:material_list"), {"q": query})
        assert page.status_code == 200
        assert list(page.context["page"]) == []


def test_the_list_page_takes_the_same_number_of_queries_for_many_materials(make_material, writer):
    client = client_for(writer)
    make_material()
    client.get(reverse("knowledge:material_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("knowledge:material_list"))
    for _ in range(8):
        make_material(kind="research")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("knowledge:material_list"))
    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_detail_shows_the_users_language_and_switches_to_the_others(make_material, writer):
    material = make_material()
    client = client_for(writer)
    page = client.get(reverse("knowledge:material_detail", args=[material.pk]))
    assert page.context["text"].language == "ru"  # no English version: Russian next
    page = client.get(reverse("knowledge:material_detail", args=[material.pk]), {"lang": "kk"})
    assert page.context["text"].title == "Әйелдермен жұмыс"
    assert page.context["text_languages"] == ["kk", "ru"]


def test_an_earlier_version_stays_readable(make_material, writer):
    material = make_material()
    services.material_update(
        actor=writer,
        material=material,
        expected_version=material.version,
        texts={"ru": TextInput("Новая редакция")},
    )
    client = client_for(writer)
    url = reverse("knowledge:material_detail", args=[material.pk])
    assert client.get(url).context["text"].title == "Новая редакция"
    old = client.get(url, {"version": 1, "lang": "ru"})
    assert old.context["text"].title == "Работа с женщинами"
    assert not old.context["is_current"]


def test_editing_a_material_that_changed_meanwhile_shows_the_conflict(make_material, writer):
    material = make_material()
    client = client_for(writer)
    url = reverse("knowledge:material_edit", args=[material.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "topics"}
    data["author"] = "Mine"
    services.material_update(
        actor=writer, material=material, expected_version=material.version, author="Theirs"
    )
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["conflict"]
    material.refresh_from_db()
    assert material.author == "Theirs"


def test_a_writer_creates_and_publishes_a_material_through_the_pages(writer, topics):
    client = client_for(writer)
    response = client.post(
        reverse("knowledge:material_create"),
        {
            "kind": "training",
            "audience": "specialists",
            "topics": [topics["women"].pk],
            "organisation": writer.memberships.get().organisation_id,
            "title_en": "Module 1: first contact",
            "body_en": "How to hold a first conversation.",
        },
    )
    material = Material.objects.get()
    assert response.status_code == 302
    client.post(reverse("knowledge:material_publish", args=[material.pk]))
    material.refresh_from_db()
    assert material.status == "published"


def test_the_delegation_view_shows_only_public_published_materials(make_material, user_of_role):
    public = make_material(public=True)
    make_material(public=False)
    make_material(public=True, publish=False)
    partner = client_for(user_of_role(Role.PARTNER))
    page = partner.get(reverse("knowledge:public_list"))
    assert list(page.context["page"]) == [public]
    assert partner.get(reverse("knowledge:public_detail", args=[public.pk])).status_code == 200
    hidden = Material.objects.exclude(pk=public.pk).first()
    assert partner.get(reverse("knowledge:public_detail", args=[hidden.pk])).status_code == 404


def test_the_delegation_view_names_no_person(make_material, user_of_role, writer):
    material = make_material(public=True, author="Динара Қасымова")
    page = client_for(user_of_role(Role.PARTNER)).get(
        reverse("knowledge:public_detail", args=[material.pk])
    )
    content = page.content.decode()
    assert "Қасымова" not in content and writer.username not in content


def test_partners_do_not_open_the_staff_pages(make_material, user_of_role):
    material = make_material(public=True)
    partner = client_for(user_of_role(Role.PARTNER))
    assert partner.get(reverse("knowledge:material_list")).status_code == 403
    assert partner.get(reverse("knowledge:material_detail", args=[material.pk])).status_code == 403


def attach(writer, material, name="guide.pdf", content=MINIMAL_PDF):
    return services.attachment_add(
        actor=writer, material=material, upload=SimpleUploadedFile(name, content)
    )


def test_an_attachment_is_checked_hashed_and_kept_under_the_data_directory(make_material, writer):
    from django.conf import settings

    attachment = attach(writer, make_material())
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(MINIMAL_PDF)
    assert len(attachment.sha256) == 64
    assert str(settings.DATA_DIR) in attachment.file.path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tool.exe", b"MZ..."),
        ("renamed.pdf", b"MZ not a pdf"),
        ("fake.docx", b"PK\x03\x04 not a zip"),
        ("binary.txt", b"abc\x00def"),
        ("empty.pdf", b""),
    ],
)
def test_an_unexpected_file_is_refused_and_nothing_is_kept(make_material, writer, name, content):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        attach(writer, make_material(), name, content)
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(make_material, writer, settings):
    from django.core.exceptions import ValidationError

    settings.KNOWLEDGE_MAX_UPLOAD_MB = 0
    with pytest.raises(ValidationError, match="larger"):
        attach(writer, make_material())


def test_attachments_are_downloaded_only_by_those_who_may_read_the_material(
    make_material, writer, user_of_role
):
    private = attach(writer, make_material(public=False))
    public = attach(writer, make_material(public=True))
    partner = client_for(user_of_role(Role.PARTNER))
    url = reverse("knowledge:attachment_download", args=[public.pk])
    response = partner.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert "attachment" in response["Content-Disposition"]
    refused = partner.get(reverse("knowledge:attachment_download", args=[private.pk]))
    assert refused.status_code == 403


def test_questions_and_answers_are_browsed_by_topic_on_their_page(make_material, writer, topics):
    material = make_material(kind="qa")
    services.qa_pair_add(
        actor=writer,
        material=material,
        topic=topics["faith"],
        questions={"en": "Is it a duty to leave for the conflict zone?"},
        answers={"en": "No."},
    )
    page = client_for(writer).get(reverse("knowledge:qa_browse"), {"topic": topics["faith"].pk})
    assert [topic.code for topic, _pairs in page.context["groups"]] == ["faith"]
    assert "conflict zone" in page.content.decode()


def test_the_api_lists_materials_restricted_like_the_pages(make_material, user_of_role):
    public = make_material(public=True)
    make_material(public=False)
    response = client_for(user_of_role(Role.PARTNER)).get(reverse("api:material-list"))
    assert [row["id"] for row in response.json()["results"]] == [public.pk]
    assert {t["language"] for t in response.json()["results"][0]["texts"]} == {"kk", "ru"}
