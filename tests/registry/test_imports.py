"""CSV import: every row saved, or none, with each problem reported by its line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from reintegra.audit.models import Event
from reintegra.registry import imports
from reintegra.registry.models import BannedMaterial, BannedOrganisation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ORGANISATIONS = (
    "name_kk,name_ru,name_en,aliases,kind,court,decision_number,decision_date,"
    "in_force_from,in_force_to,source,notes\n"
    "Мысал ұйымы,Пример организации,Example Group,EG;Ексемпл,extremist,"
    "Specialised court of Astana,2-100/2020,05.03.2020,2020-03-20,,court decision,\n"
    ",Другая группа,,,terrorist,,,,,,,\n"
)
MATERIALS = (
    "title;kind;court;decision_number;decision_date;region;banned_on;sha256;addresses;notes\n"
    "Talbis. Iblis. 6;video;Court of Uralsk;2-77/2019;01.02.2019;KZ-27;2019-02-15;"
    f"{'a' * 64};https://www.example.org/talbis/6/;\n"
    "Leaflet;leaflet;;;;;;;;\n"
)


def test_an_organisations_file_is_imported_with_every_row(administrator):
    content = ("\ufeff" + ORGANISATIONS).encode()  # with the BOM spreadsheets write
    report = imports.registry_import(actor=administrator, what="organisations", content=content)
    assert report.ok and report.created == 2
    example = BannedOrganisation.objects.get(name_en="Example Group")
    assert example.aliases == ["EG", "Ексемпл"]
    assert str(example.decision_date) == "2020-03-05"
    assert str(example.in_force_from) == "2020-03-20"
    assert example.keys.filter(key="example group").exists()
    assert BannedOrganisation.objects.get(name_ru="Другая группа").kind == "terrorist"
    assert Event.objects.filter(action="registry.organisations_imported").exists()


def test_a_materials_file_with_semicolons_is_imported_with_hashes_and_addresses(coordinator):
    report = imports.registry_import(
        actor=coordinator, what="materials", content=MATERIALS.encode()
    )
    assert report.ok and report.created == 2
    talbis = BannedMaterial.objects.get(title="Talbis. Iblis. 6")
    assert talbis.region.code == "KZ-27"
    assert list(talbis.hashes.values_list("sha256", flat=True)) == ["a" * 64]
    assert [str(a) for a in talbis.addresses.all()] == ["example.org/talbis/6"]


def test_a_file_with_a_bad_row_saves_nothing_and_reports_every_problem(administrator):
    before = BannedOrganisation.objects.count()
    content = (
        ORGANISATIONS
        + ",,,,,,,,,,,\n"  # an empty row is skipped
        + "Үшінші,Третья,Third,,sometimes,,,31.02.2020,,,,\n"
        + ",,,only an alias,,,,,2021-01-01,2020-01-01,,\n"
    ).encode()
    report = imports.registry_import(actor=administrator, what="organisations", content=content)
    assert not report.ok and report.created == 0
    assert BannedOrganisation.objects.count() == before
    problems = {(error.line, error.column) for error in report.errors}
    assert problems == {
        (5, "decision_date"),
        (5, "kind"),
        (6, "name_ru"),
        (6, "in_force_to"),
    }
    refused = Event.objects.get(action="registry.organisations_import_refused")
    assert refused.changes == {"rows": 4, "errors": 4}


def test_a_row_repeating_a_registered_organisation_is_refused(administrator):
    content = b"name_en,name_ru\nHizbut Tahrir,\n"
    report = imports.registry_import(actor=administrator, what="organisations", content=content)
    assert [(e.line, e.column) for e in report.errors] == [(2, "name_ru")]
    assert "already in the register" in report.errors[0].message


def test_the_same_organisation_twice_in_one_file_is_refused(administrator):
    content = b"name_en,name_ru\nExample Group,\n,Example group\n"
    report = imports.registry_import(actor=administrator, what="organisations", content=content)
    assert [(e.line, e.column) for e in report.errors] == [(3, "name_ru")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title,kind,colour\nA,book,red\n", "This column is not known."),
        ("title\nA\n", "This column is required."),
        ("title,kind\n", "The file has no rows to import."),
        ("", "The file is empty."),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_as_a_whole(administrator, content, message):
    report = imports.registry_import(
        actor=administrator, what="materials", content=content.encode()
    )
    assert message in [error.message for error in report.errors]


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(administrator):
    content = "title,kind\nКнига,book\n".encode("cp1251")
    report = imports.registry_import(actor=administrator, what="materials", content=content)
    assert "not UTF-8" in report.errors[0].message


def test_material_rows_are_checked_for_kind_region_hash_and_address(administrator):
    content = (
        "title,kind,region,sha256,addresses\n"
        "One,poster,KZ-99,abc,not an address\n"
        f"Two,book,,{'b' * 64};{'B' * 64},example.com/a;EXAMPLE.com/a/\n"
    ).encode()
    report = imports.registry_import(actor=administrator, what="materials", content=content)
    assert {(e.line, e.column) for e in report.errors} == {
        (2, "kind"),
        (2, "region"),
        (2, "sha256"),
        (2, "addresses"),
    }
    assert not BannedMaterial.objects.exists()


def test_the_import_page_shows_the_row_report_and_saves_nothing(administrator):
    client = client_for(administrator)
    upload = io.BytesIO(b"title,kind\nA,poster\n")
    upload.name = "materials.csv"
    response = client.post(reverse("registry:import"), {"what": "materials", "file": upload})
    assert response.status_code == 200
    assert b'data-testid="import-errors"' in response.content
    assert response.context["report"].errors[0].line == 2
    assert not BannedMaterial.objects.exists()


def test_the_import_page_imports_a_good_file_and_goes_to_the_list(coordinator):
    upload = io.BytesIO(MATERIALS.encode())
    upload.name = "materials.csv"
    response = client_for(coordinator).post(
        reverse("registry:import"), {"what": "materials", "file": upload}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:material_list")
    assert BannedMaterial.objects.count() == 2


def test_the_command_imports_each_file_whole_and_reports_in_english(reference_data, tmp_path):
    good = tmp_path / "materials.csv"
    good.write_text(MATERIALS, encoding="utf-8-sig")
    out = io.StringIO()
    call_command("import", "registry", "--materials", str(good), stdout=out)
    assert "2 materials imported" in out.getvalue()
    bad = tmp_path / "organisations.csv"
    bad.write_text("name_en,kind\nX,maybe\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "registry", "--organisations", str(bad), stderr=err)
    assert "nothing imported, 1 error(s) in 1 row(s)" in err.getvalue()
    assert "line 2, kind: The kind is terrorist, extremist or empty." in err.getvalue()
    assert not BannedOrganisation.objects.filter(name_en="X").exists()


def test_the_command_needs_a_file(reference_data):
    with pytest.raises(CommandError, match="--organisations FILE"):
        call_command("import", "registry")
