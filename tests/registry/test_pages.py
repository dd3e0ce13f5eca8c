"""The register's pages and API: lists with search and filters, details, forms, who sees what."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.registry import services
from reintegra.registry.models import BannedMaterial, BannedOrganisation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def listed(response) -> set[str]:
    return {o.name_en for o in response.context["page"]}


def test_the_organisation_list_finds_a_name_in_another_script(case_worker):
    client = client_for(case_worker)
    response = client.get(reverse("registry:organisation_list"), {"q": "Хизбут Тахрир"})
    assert listed(response) == {"Hizb ut-Tahrir"}
    response = client.get(reverse("registry:organisation_list"), {"q": "nusra"})
    assert listed(response) == {"Al-Nusra Front"}


def test_the_organisation_list_says_which_language_each_name_column_is_in(case_worker):
    response = client_for(case_worker).get(
        reverse("registry:organisation_list"), HTTP_ACCEPT_LANGUAGE="ru"
    )
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", response.content.decode(), re.S)
    names = [re.sub(r"<[^>]+>|[▲▼]", "", header).strip() for header in headers[:3]]
    assert names == ["Название на английском", "Название на русском", "Название на казахском"]


def test_the_organisation_list_filters_by_kind_and_by_being_in_force(case_worker, administrator):
    client = client_for(case_worker)
    extremist = client.get(reverse("registry:organisation_list"), {"kind": "extremist"})
    assert listed(extremist) == {"Hizb ut-Tahrir", "Tablighi Jamaat", "At-Takfir wal-Hijra"}
    unstated = client.get(reverse("registry:organisation_list"), {"kind": "unstated"})
    assert len(listed(unstated)) == 3
    ended = BannedOrganisation.objects.get(name_en="Ata Zholy")
    services.organisation_update(
        actor=administrator,
        organisation=ended,
        expected_version=1,
        in_force_from="2000-01-01",
        in_force_to="2001-01-01",
    )
    assert listed(client.get(reverse("registry:organisation_list"), {"in_force": "no"})) == {
        "Ata Zholy"
    }
    assert "Ata Zholy" not in listed(
        client.get(reverse("registry:organisation_list"), {"in_force": "yes"})
    )


def test_the_organisation_list_is_paginated_in_a_fixed_number_of_queries(case_worker, settings):
    settings.PAGE_SIZE = 10
    client = client_for(case_worker)
    with CaptureQueriesContext(connection) as full:
        client.get(reverse("registry:organisation_list"))
    with CaptureQueriesContext(connection) as last:
        response = client.get(reverse("registry:organisation_list"), {"page": 3})
    assert len(response.context["page"]) == 3
    assert len(last) == len(full)  # ten rows or three: the same queries, no query per row


def test_the_detail_shows_every_spelling_and_says_no_court_data_is_given(case_worker):
    isis = BannedOrganisation.objects.get(name_en="Islamic State")
    response = client_for(case_worker).get(reverse("registry:organisation_detail", args=[isis.pk]))
    content = response.content.decode()
    assert "ИГИЛ" in content and "Daesh" in content and "Ислам мемлекеті" in content
    assert "not given in the source" in content
    assert not response.context["may_edit"]


def test_a_coordinator_edits_an_organisation_through_the_form(coordinator):
    taliban = BannedOrganisation.objects.get(name_en="Taliban Movement")
    client = client_for(coordinator)
    url = reverse("registry:organisation_edit", args=[taliban.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(court="Supreme Court", aliases="Taliban\nТолибон")
    response = client.post(url, data)
    assert response.status_code == 302
    taliban.refresh_from_db()
    assert taliban.court == "Supreme Court" and taliban.aliases == ["Taliban", "Толибон"]


def test_an_edit_over_a_newer_version_shows_the_conflict_and_keeps_the_newer(
    coordinator, administrator
):
    taliban = BannedOrganisation.objects.get(name_en="Taliban Movement")
    client = client_for(coordinator)
    url = reverse("registry:organisation_edit", args=[taliban.pk])
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    services.organisation_update(
        actor=administrator, organisation=taliban, expected_version=1, notes="newer"
    )
    response = client.post(url, {**data, "notes": "mine"})
    assert response.status_code == 200 and response.context["conflict"]
    taliban.refresh_from_db()
    assert taliban.notes == "newer"


def test_an_administrator_adds_a_material_through_the_form(administrator):
    response = client_for(administrator).post(
        reverse("registry:material_create"),
        {
            "title": "Talbis. Part 1",
            "kind": "video",
            "hashes": "f" * 64,
            "addresses": "https://www.example.org/talbis\nexample.org/talbis/",
        },
    )
    material = BannedMaterial.objects.get(title="Talbis. Part 1")
    assert response["Location"] == reverse("registry:material_detail", args=[material.pk])
    assert material.addresses.count() == 1


def test_the_material_form_shows_the_services_errors_on_its_fields(administrator):
    response = client_for(administrator).post(
        reverse("registry:material_create"), {"title": "X", "kind": "book", "hashes": "nope"}
    )
    assert response.status_code == 200
    assert "hashes" in response.context["form"].errors


def test_the_material_list_filters_by_kind_and_search(case_worker, material):
    client = client_for(case_worker)
    assert list(client.get(reverse("registry:material_list"), {"q": "talbis"}).context["page"]) == [
        material
    ]
    assert not list(client.get(reverse("registry:material_list"), {"kind": "book"}).context["page"])
    detail = client.get(reverse("registry:material_detail", args=[material.pk]))
    assert material.hashes.first().sha256 in detail.content.decode()


def test_an_analyst_reads_and_checks_but_may_not_change(analyst, material):
    client = client_for(analyst)
    assert client.get(reverse("registry:organisation_list")).status_code == 200
    assert client.get(reverse("registry:lookup")).status_code == 200
    assert client.get(reverse("registry:material_create")).status_code == 403
    assert client.get(reverse("registry:import")).status_code == 403


def test_the_api_lists_organisations_and_materials_read_only(case_worker, material):
    client = client_for(case_worker)
    organisations = client.get("/api/banned-organisations/", {"search": "Daesh"}).json()
    assert [o["name_en"] for o in organisations["results"]] == ["Islamic State"]
    assert organisations["results"][0]["court"] == ""
    materials = client.get("/api/banned-materials/").json()["results"]
    assert materials[0]["sha256"] == [material.hashes.first().sha256]
    assert client.post("/api/banned-materials/", {}).status_code == 405


def test_a_partner_sees_nothing_of_the_register(user_of_role):
    client = client_for(user_of_role("partner"))
    assert client.get(reverse("registry:organisation_list")).status_code == 403
    assert client.get("/api/banned-organisations/").status_code == 403


def test_the_navigation_shows_the_legal_register_to_those_who_may_open_it(case_worker):
    response = client_for(case_worker).get(reverse("home"))
    assert reverse("registry:organisation_list") in response.content.decode()
