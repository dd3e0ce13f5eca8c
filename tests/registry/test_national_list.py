"""Every installation holds the 23 organisations of the national list, without invented details."""

import pytest

from reintegra.registry.models import BannedOrganisation

pytestmark = pytest.mark.django_db


def test_the_national_list_holds_the_23_organisations_of_the_source():
    assert BannedOrganisation.objects.count() == 23
    assert "Hizb ut-Tahrir" in set(BannedOrganisation.objects.values_list("name_en", flat=True))


def test_no_court_decision_is_invented_for_the_national_list():
    for organisation in BannedOrganisation.objects.all():
        assert organisation.court == ""
        assert organisation.decision_number == ""
        assert organisation.decision_date is None
        assert organisation.in_force_from is None and organisation.in_force_to is None
        assert not organisation.has_decision


def test_each_organisation_has_names_in_three_languages_a_source_and_matching_keys():
    for organisation in BannedOrganisation.objects.prefetch_related("keys"):
        assert organisation.name_kk and organisation.name_ru and organisation.name_en
        assert "Committee for Religious Affairs" in organisation.source
        assert organisation.keys.exists()


def test_the_kind_is_left_empty_where_it_is_not_commonly_known():
    unstated = BannedOrganisation.objects.filter(kind="")
    assert set(unstated.values_list("name_en", flat=True)) == {
        "Alla-Ayat",
        "Ata Zholy",
        "Senim. Bilim. Omir",
    }
    assert all(o.notes for o in unstated)
    assert BannedOrganisation.objects.get(name_en="Islamic State").kind == "terrorist"
    assert BannedOrganisation.objects.get(name_en="Hizb ut-Tahrir").kind == "extremist"


def test_the_demo_adds_the_three_materials_of_the_source_once_without_court_data(
    reference_data,
):
    from reintegra.registry.demo import demo_materials_load
    from reintegra.registry.models import BannedMaterial

    assert demo_materials_load() == 3
    assert demo_materials_load() == 0
    for material in BannedMaterial.objects.all():
        assert not material.has_decision
        assert material.region.code == "KZ-27"
        assert not material.hashes.exists()
