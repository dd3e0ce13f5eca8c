"""Look-ups by a name in any script, by a web address and by a file; each one audited."""

import hashlib
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reintegra.audit.models import Event
from reintegra.registry import lookups, services
from reintegra.registry.models import BannedOrganisation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def names_found(result) -> set[str]:
    return {match.organisation.name_en for match in result.organisations}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hizb ut-Tahrir", "Hizb ut-Tahrir"),
        ("Хизб ут-Тахрир", "Hizb ut-Tahrir"),
        ("Hizbut Tahrir", "Hizb ut-Tahrir"),
        ("хизб-ут-тахрир", "Hizb ut-Tahrir"),
        ("Tablighi Jamaat", "Tablighi Jamaat"),
        ("Таблиги джамагат", "Tablighi Jamaat"),
        ("Таблиғи жамағат", "Tablighi Jamaat"),
        ("Jabhat al-Nusra", "Al-Nusra Front"),
        ("Фронт ан-Нусра", "Al-Nusra Front"),
        ("Джабхат ан-Нусра", "Al-Nusra Front"),
        ("Al-Qaeda", "Al-Qaeda"),
        ("Аль-Каида", "Al-Qaeda"),
        ("Әл-Қаида", "Al-Qaeda"),
        ("al Qaida", "Al-Qaeda"),
        ("ISIS", "Islamic State"),
        ("ИГИЛ", "Islamic State"),
        ("Даиш", "Islamic State"),
        ("«Исламское государство»", "Islamic State"),
        ("Сенім Білім Өмір", "Senim. Bilim. Omir"),
        ("Сеним. Билим. Омир", "Senim. Bilim. Omir"),
    ],
)
def test_a_name_is_found_in_any_script_and_spelling(query, expected, case_worker):
    result = lookups.lookup_name(actor=case_worker, text=query)
    assert result.matched
    assert expected in names_found(result)
    exact = [m for m in result.organisations if m.organisation.name_en == expected]
    assert exact[0].exact


def test_a_name_inside_a_longer_text_is_found_as_a_partial_match(case_worker):
    result = lookups.lookup_name(
        actor=case_worker, text="листовка партии Хизб ут-Тахрир, изъятая в 2020"
    )
    assert names_found(result) == {"Hizb ut-Tahrir"}
    assert not result.organisations[0].exact


def test_a_short_abbreviation_does_not_match_every_word_it_hides_in(case_worker):
    result = lookups.lookup_name(actor=case_worker, text="this is a lecture on history")
    assert result.organisations == []


def test_an_unknown_name_matches_nothing(case_worker):
    result = lookups.lookup_name(actor=case_worker, text="Ақниет")
    assert not result.matched


def test_a_name_look_up_also_finds_materials_by_their_title(case_worker, material):
    result = lookups.lookup_name(actor=case_worker, text="talbis")
    assert result.materials == [material]


def test_a_name_look_up_is_audited_with_the_query_and_whether_it_matched(case_worker):
    lookups.lookup_name(actor=case_worker, text="Хизб ут-Тахрир")
    lookups.lookup_name(actor=case_worker, text="Nothing like it")
    found, missed = Event.objects.filter(action="registry.lookup_name").order_by("seq")
    assert found.actor == case_worker and found.kind == "access"
    assert found.changes["query"] == "Хизб ут-Тахрир"
    assert found.changes["matched"] is True
    hizb = BannedOrganisation.objects.get(name_en="Hizb ut-Tahrir")
    assert found.changes["organisations"] == [hizb.pk]
    assert missed.changes == {
        "query": "Nothing like it",
        "matched": False,
        "organisations": [],
        "materials": [],
    }


def test_a_name_without_letters_is_refused(case_worker):
    with pytest.raises(ValidationError):
        lookups.lookup_name(actor=case_worker, text="«» -")
    assert not Event.objects.filter(action="registry.lookup_name").exists()


@pytest.mark.parametrize(
    "address",
    [
        "https://www.example-video.com/channel/talbis",
        "example-video.com/Channel/Talbis/",
        "HTTP://EXAMPLE-VIDEO.COM/CHANNEL/TALBIS/part-1",
        "www.example-video.com/channel/talbis?page=2",
        "https://пример.рф/talbis/",
        "xn--e1afmkfd.xn--p1ai/TALBIS",
    ],
)
def test_an_address_is_found_with_or_without_scheme_www_slash_and_in_any_case(
    address, case_worker, material
):
    result = lookups.lookup_address(actor=case_worker, text=address)
    assert result.matched
    assert result.materials == [material]


def test_another_page_of_a_blocked_host_is_shown_but_does_not_match(case_worker, material):
    result = lookups.lookup_address(actor=case_worker, text="example-video.com/other")
    assert not result.matched
    assert [m.covers for m in result.addresses] == [False]


def test_an_address_look_up_is_audited_with_the_host_and_path(case_worker, material):
    lookups.lookup_address(actor=case_worker, text="WWW.Example-Video.com/channel/talbis/")
    event = Event.objects.get(action="registry.lookup_address")
    assert event.changes["query"] == "example-video.com/channel/talbis"
    assert event.changes["matched"] is True
    assert event.changes["materials"] == [material.pk]


def test_a_file_hash_finds_the_material_it_belongs_to(case_worker, material):
    digest = hashlib.sha256(b"test").hexdigest()
    result = lookups.lookup_hash(actor=case_worker, sha256=digest.upper())
    assert result.materials == [material]


def files_under(directory: Path) -> set[str]:
    return {str(path) for path in directory.rglob("*")} if directory.exists() else set()


def test_an_uploaded_file_is_hashed_matched_and_never_stored(
    case_worker, material, settings, tmp_path
):
    # Were the default upload handlers used, any upload would be written here.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    data_before = files_under(settings.DATA_DIR)
    client = client_for(case_worker)
    response = client.post(
        reverse("registry:lookup"),
        {"by": "file", "file-file": SimpleUploadedFile("talbis.mp4", b"test")},
    )
    assert response.status_code == 200
    assert response.context["result"].materials == [material]
    assert b'data-testid="matched"' in response.content
    assert os.listdir(tmp_path) == []
    assert files_under(settings.DATA_DIR) == data_before
    event = Event.objects.get(action="registry.lookup_file")
    assert event.changes["query"] == hashlib.sha256(b"test").hexdigest()
    assert event.changes["matched"] is True
    assert event.changes["size"] == 4


def test_a_large_file_is_hashed_in_chunks_to_the_same_digest(case_worker, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    content = os.urandom(300 * 1024 + 17)
    response = client_for(case_worker).post(
        reverse("registry:lookup"),
        {"by": "file", "file-file": SimpleUploadedFile("big.bin", content)},
    )
    result = response.context["result"]
    assert result.query == hashlib.sha256(content).hexdigest()
    assert result.size == len(content)
    assert not result.matched
    assert os.listdir(tmp_path) == []


def test_the_look_up_page_checks_a_name_and_an_address(case_worker, material):
    client = client_for(case_worker)
    response = client.post(reverse("registry:lookup"), {"by": "name", "name-name": "Hizbut Tahrir"})
    assert "Hizb ut-Tahrir" in response.content.decode()
    response = client.post(
        reverse("registry:lookup"), {"by": "address", "address-address": "example-video.com/x"}
    )
    assert b'data-testid="not-matched"' in response.content


def test_the_look_up_page_shows_a_bad_address_as_an_error_of_the_form(case_worker):
    response = client_for(case_worker).post(
        reverse("registry:lookup"), {"by": "address", "address-address": "not an address"}
    )
    assert response.context["form"].errors
    assert response.context["result"] is None


def test_the_look_up_page_still_requires_the_csrf_token(case_worker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(case_worker, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("registry:lookup"), {"by": "name", "name-name": "ISIS"})
    assert response.status_code == 403


def test_a_partner_may_not_check_anything(user_of_role):
    response = client_for(user_of_role("partner")).get(reverse("registry:lookup"))
    assert response.status_code == 403


def test_services_may_not_be_called_around_the_register_rules(case_worker):
    with pytest.raises(Exception) as error:
        services.organisation_create(actor=case_worker, name_en="Something")
    assert error.type.__name__ == "PermissionDenied"
