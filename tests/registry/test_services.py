"""Keeping the register: validated, audited, locked against lost updates, for its keepers only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.core.errors import EditConflict
from reintegra.core.models import Region
from reintegra.registry import lookups, services
from reintegra.registry.models import BannedOrganisation

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_an_organisation_findable_by_its_aliases(coordinator, case_worker):
    organisation = services.organisation_create(
        actor=coordinator,
        name_ru="Пример джамаат",
        aliases=["Primer Jamaat", " Primer  Jamaat ", ""],
        kind="extremist",
    )
    assert organisation.aliases == ["Primer Jamaat"]
    event = Event.objects.get(action="registry.organisation_added")
    assert event.actor == coordinator and event.changes["kind"] == "extremist"
    result = lookups.lookup_name(actor=case_worker, text="Primer Dzhamaat")
    assert [m.organisation for m in result.organisations] == [organisation]


def test_an_organisation_needs_a_name_a_known_kind_and_a_period_in_order(administrator):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=administrator,
            kind="dangerous",
            in_force_from=dt.date(2020, 1, 2),
            in_force_to=dt.date(2020, 1, 1),
            decision_date=dt.date.today() + dt.timedelta(days=3),
        )
    assert set(error.value.message_dict) == {"name_ru", "kind", "in_force_to", "decision_date"}
    assert not Event.objects.filter(action="registry.organisation_added").exists()


def test_an_organisation_already_registered_under_another_spelling_is_refused(administrator):
    with pytest.raises(ValidationError, match="already in the register"):
        services.organisation_create(actor=administrator, name_en="Al Qaida")


@pytest.mark.parametrize("role", ["case_worker", "specialist", "national_analyst", "auditor"])
def test_only_administrators_and_coordinators_keep_the_register(role, user_of_role):
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=user_of_role(role), name_en="New group")
    organisation = BannedOrganisation.objects.first()
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=user_of_role(role),
            organisation=organisation,
            expected_version=organisation.version,
            notes="x",
        )


def test_recording_a_court_decision_changes_the_keys_and_is_audited(coordinator, case_worker):
    hizb = BannedOrganisation.objects.get(name_en="Hizb ut-Tahrir")
    updated = services.organisation_update(
        actor=coordinator,
        organisation=hizb,
        expected_version=hizb.version,
        court="Court of Astana",
        decision_number="2-123",
        aliases=[*hizb.aliases, "Hizb at-Tahrir al-Islami"],
    )
    assert updated.version == hizb.version + 1
    assert updated.has_decision
    event = Event.objects.get(action="registry.organisation_changed")
    assert event.changes["court"] == ["", "Court of Astana"]
    assert lookups.lookup_name(actor=case_worker, text="Хизб ат-Тахрир аль-Ислами").matched


def test_a_save_over_a_newer_version_is_refused(coordinator, administrator):
    taliban = BannedOrganisation.objects.get(name_en="Taliban Movement")
    services.organisation_update(
        actor=administrator, organisation=taliban, expected_version=1, notes="first"
    )
    with pytest.raises(EditConflict):
        services.organisation_update(
            actor=coordinator, organisation=taliban, expected_version=1, notes="second"
        )
    taliban.refresh_from_db()
    assert taliban.notes == "first"


def test_saving_without_a_change_writes_nothing(administrator):
    taliban = BannedOrganisation.objects.get(name_en="Taliban Movement")
    same = services.organisation_update(
        actor=administrator, organisation=taliban, expected_version=1, notes=""
    )
    assert same.version == 1
    assert not Event.objects.filter(action="registry.organisation_changed").exists()


def test_a_material_keeps_normalised_hashes_and_addresses(coordinator, reference_data):
    material = services.material_create(
        actor=coordinator,
        title="Talbis. Iblis. 12",
        kind="video",
        region=Region.objects.get(code="KZ-27"),
        hashes=["C" * 64, "c" * 64],
        addresses=["https://www.Site.kz/A/", "site.kz/a", "http://site.kz/b"],
    )
    assert list(material.hashes.values_list("sha256", flat=True)) == ["c" * 64]
    assert sorted(str(a) for a in material.addresses.all()) == ["site.kz/a", "site.kz/b"]
    event = Event.objects.get(action="registry.material_added")
    assert event.changes["region"] == "KZ-27"


def test_a_material_with_a_bad_hash_or_address_is_refused_whole(administrator):
    with pytest.raises(ValidationError) as error:
        services.material_create(
            actor=administrator, title="X", kind="book", hashes=["xyz"], addresses=["no way"]
        )
    assert set(error.value.message_dict) == {"hashes", "addresses"}


def test_changing_a_material_replaces_its_hashes_and_addresses(administrator, material):
    updated = services.material_update(
        actor=administrator,
        material=material,
        expected_version=material.version,
        hashes=["d" * 64],
        addresses=["example-video.com/channel/talbis"],
    )
    assert list(updated.hashes.values_list("sha256", flat=True)) == ["d" * 64]
    assert updated.addresses.count() == 1
    changes = Event.objects.get(action="registry.material_changed").changes
    assert set(changes) == {"hashes", "addresses"}
    with pytest.raises(EditConflict):
        services.material_update(
            actor=administrator, material=material, expected_version=1, title="Old"
        )


def test_the_keys_are_rebuilt_for_every_organisation(administrator):
    assert services.organisation_keys_rebuild(actor=administrator) == 23
    assert Event.objects.filter(action="registry.keys_rebuilt").exists()
