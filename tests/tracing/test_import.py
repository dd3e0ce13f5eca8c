"""Importing a list: the column mapping, all or nothing with a row report, matching in the
background, and the reviewer's decisions."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.core.roles import Role
from reintegra.people.models import PersonName
from reintegra.tracing import services
from reintegra.tracing.models import BatchStatus, Candidate, ImportRow, RowStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

CSV = (
    "No;Фамилия;Имя;Пол;Дата рождения\n"
    "1;Bakirov;Bauyrzhan;M;1985-03-02\n"
    "2;Сеитова;Алия;Ж;12.04.1991\n"
    "3;جومابايف;نورسلطان;ذكر;1979\n"
    "4;Ахметова;Мадина;ж;2001-07-07\n"
).encode()
MAPPING = {"0": "external_id", "1": "surname", "2": "given_name", "3": "sex", "4": "birth_date"}


def upload(actor, content=CSV, name="list.csv"):
    return services.batch_upload(
        actor=actor, source="ICRC list 2024", file_name=name, content=content
    )


def test_an_upload_keeps_the_cells_until_the_columns_are_mapped(tracer):
    batch = upload(tracer)
    assert batch.status == BatchStatus.MAPPING
    assert batch.columns == ["No", "Фамилия", "Имя", "Пол", "Дата рождения"]
    assert batch.row_count == 4
    assert services.guess_mapping(batch.columns) == MAPPING


def test_the_mapping_shows_each_columns_values_apart_in_any_script(tracer):
    # Given a list whose surname column holds Latin, Cyrillic and Arabic values
    batch = upload(tracer)
    # When the mapping step is opened
    page = client_for(tracer).get(f"/tracing/lists/{batch.pk}/").content.decode()
    # Then each value is isolated, so that an Arabic one does not carry its neighbours' order
    # along (Bakirov, Сеитова, جومابايف read in that order), and escaped
    assert (
        '<bdi dir="auto">Bakirov</bdi>, <bdi dir="auto">Сеитова</bdi>, '
        '<bdi dir="auto">جومابايف</bdi>'
    ) in page


def test_only_a_tracing_officer_imports_a_list(case_worker):
    with pytest.raises(PermissionDenied):
        upload(case_worker)


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(tracer):
    with pytest.raises(ValidationError):
        upload(tracer, name="list.pdf")


def test_a_bad_row_rejects_the_whole_list_with_a_row_report(tracer):
    bad = CSV + b"5;;;X;1990-13-40\n"
    batch = upload(tracer, content=bad)
    with pytest.raises(services.ImportRejected) as caught:
        services.batch_map(actor=tracer, batch=batch, mapping=MAPPING)
    [(line, message)] = caught.value.report
    assert line == 6 and "no name" in message and "'X'" in message and "1990-13-40" in message
    assert ImportRow.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == BatchStatus.MAPPING


def test_the_row_report_tells_a_day_that_does_not_exist_from_a_date_in_another_form(tracer):
    bad = CSV + b"5;A;B;M;32.13.1990\n6;C;D;M;March 1990\n"
    batch = upload(tracer, content=bad)
    with pytest.raises(services.ImportRejected) as caught:
        services.batch_map(actor=tracer, batch=batch, mapping=MAPPING)
    report = dict(caught.value.report)
    assert report[6] == "date of birth '32.13.1990' is not a day that exists"
    assert "is not YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY" in report[7]


def comma_list(*lines: str) -> bytes:
    """A CSV list, comma-separated: the header, then these lines (line 2 onwards)."""
    return "\n".join(["No,Surname,Given name,Sex,Date of birth", *lines, ""]).encode()


def report_of(actor, content: bytes, name: str = "list.csv") -> list[tuple[int, str]]:
    """The row-by-row report of a list refused when its columns are mapped."""
    batch = upload(actor, content=content, name=name)
    with pytest.raises(services.ImportRejected) as caught:
        services.batch_map(actor=actor, batch=batch, mapping=MAPPING)
    return caught.value.report


def test_the_row_report_cites_the_csv_files_own_lines_after_a_blank_row(tracer):
    # Given a CSV list whose line 9 has a bad date, line 10 is blank and line 11 a bad sex
    good = [f"{n},Bakirov,Bauyrzhan,M,1985-03-02" for n in range(1, 8)]  # lines 2 to 8
    content = comma_list(*good, "8,Seitova,Aliya,F,1991-02-30", ",,,,", "9,Seitova,Aliya,x,1991")
    # When its columns are mapped
    report = report_of(tracer, content)
    # Then each problem is reported on the line of the file it stands on
    assert report == [
        (9, "date of birth '1991-02-30' is not a day that exists"),
        (11, "sex 'x' is not male or female"),
    ]


def test_a_csv_line_is_counted_across_blank_lines_and_line_breaks_inside_a_quoted_cell(tracer):
    # Given a list with a blank line, and a name whose quoted cell runs over two lines
    content = comma_list(
        "1,Bakirov,Bauyrzhan,M,1985", "", '2,"Seitova\nAliya",,F,1991', "3,,,M,1990"
    )
    # When it is mapped
    report = report_of(tracer, content)
    # Then the row without a name is on line 6 of the file, after the two lines of the name
    assert report == [(6, "no name")]


def xlsx_list(rows: dict[int, list]) -> bytes:
    """A workbook whose first sheet holds these rows, by row number; other rows are empty."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for number, cells in rows.items():
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_row_report_cites_the_sheets_row_numbers_in_an_xlsx_list(tracer):
    # Given a sheet whose header is on row 2, with an empty row 5 and bad rows 4 and 6
    content = xlsx_list(
        {
            2: ["No", "Surname", "Given name", "Sex", "Date of birth"],
            3: [1, "Bakirov", "Bauyrzhan", "M", "1985-03-02"],
            4: [2, "Seitova", "Aliya", "F", "1991-02-30"],
            6: [3, "Seitova", "Aliya", "x", "1991"],
            7: [4, "Zhumabaev", "Nursultan", "M", "1979"],
        }
    )
    # When its columns are mapped
    report = report_of(tracer, content, name="list.xlsx")
    # Then each problem cites the sheet's row number
    assert report == [
        (4, "date of birth '1991-02-30' is not a day that exists"),
        (6, "sex 'x' is not male or female"),
    ]


def test_a_row_keeps_the_line_of_the_file_it_was_read_from(tracer, registry_people):
    # Given a list with a blank line after its first row
    content = comma_list("1,Bakirov,Bauyrzhan,M,1985-03-02", ",,,,", "2,Seitova,Aliya,F,1991")
    # When it is mapped and matched
    batch = services.batch_map(actor=tracer, batch=upload(tracer, content=content), mapping=MAPPING)
    # Then its rows are numbered as the file's lines
    lines = dict(ImportRow.objects.filter(batch=batch).values_list("external_id", "line"))
    assert lines == {"1": 2, "2": 4}


def test_a_list_uploaded_with_bare_rows_is_still_mapped_counting_lines_from_2(tracer):
    # Given a list waiting for its mapping whose rows were kept without their lines
    batch = upload(tracer, content=CSV + b"5;;;M;1990\n")
    type(batch).objects.filter(pk=batch.pk).update(pending=[r.cells for r in batch.pending_rows])
    batch.refresh_from_db()
    # When it is mapped
    with pytest.raises(services.ImportRejected) as caught:
        services.batch_map(actor=tracer, batch=batch, mapping=MAPPING)
    # Then its rows are read, counted from line 2
    assert caught.value.report == [(6, "no name")]


def test_a_rejected_list_offers_to_import_the_corrected_file(tracer):
    batch = upload(tracer, content=CSV + b"5;;;M;1990\n")
    page = client_for(tracer).post(f"/tracing/lists/{batch.pk}/", MAPPING)
    text = page.content.decode()
    assert 'data-testid="row-report"' in text
    assert 'href="/tracing/lists/new/"' in text.split('data-testid="row-report"')[1]


def test_a_mapping_without_a_name_column_is_refused(tracer):
    batch = upload(tracer)
    with pytest.raises(ValidationError):
        services.batch_map(actor=tracer, batch=batch, mapping={"3": "sex"})
    with pytest.raises(ValidationError):
        services.batch_map(actor=tracer, batch=batch, mapping={"1": "surname", "2": "surname"})


def test_a_mapped_list_is_matched_against_the_registry_with_explanations(tracer, registry_people):
    batch = services.batch_map(actor=tracer, batch=upload(tracer), mapping=MAPPING)
    assert batch.status == BatchStatus.READY and batch.progress == 100
    assert batch.pending == []
    rows = {r.external_id: r for r in ImportRow.objects.filter(batch=batch)}
    assert [rows[k].script for k in "1234"] == ["Latn", "ru-Cyrl", "Arab", "ru-Cyrl"]
    assert rows["2"].birth_date == "1991-04-12" and rows["2"].sex == "female"
    best = {k: Candidate.objects.filter(row=r, rank=1).first() for k, r in rows.items()}
    assert best["1"].person == registry_people["bauyrzhan"]
    assert rows["1"].decision == "match"
    assert best["2"].person == registry_people["aliya"]
    assert best["3"].person == registry_people["nursultan"]
    fields = [line["field"] for line in best["1"].explanation]
    assert fields == ["surname", "given_name", "patronymic", "sex", "birth_date"]
    assert best["1"].explanation[1]["level"] == "exact"
    # The reviewer reads both spellings as written, the folded keys only beside them.
    given = best["1"].explanation[1]
    assert (given["listed"], given["registered"]) == ("Bauyrzhan", "Бауыржан")
    assert given["listed_key"] == given["registered_key"]
    assert Event.objects.filter(action="tracing.list_matched").exists()


def test_linking_a_row_adds_the_lists_spelling_to_the_persons_names(tracer, registry_people):
    batch = services.batch_map(actor=tracer, batch=upload(tracer), mapping=MAPPING)
    row = ImportRow.objects.get(batch=batch, external_id="3")
    services.row_link(actor=tracer, row=row, person=registry_people["nursultan"])
    row.refresh_from_db()
    assert row.status == RowStatus.LINKED and row.person == registry_people["nursultan"]
    name = PersonName.objects.get(person=registry_people["nursultan"], script="Arab")
    assert name.source == "ICRC list 2024" and name.surname == "جومابايف"
    assert Event.objects.filter(action="tracing.row_linked").exists()
    with pytest.raises(ValidationError):
        services.row_not_found(actor=tracer, row=row)


def test_a_row_nobody_matches_is_registered_as_a_new_person(tracer, registry_people):
    batch = services.batch_map(actor=tracer, batch=upload(tracer), mapping=MAPPING)
    row = ImportRow.objects.get(batch=batch, external_id="4")
    services.row_register(actor=tracer, row=row)
    row.refresh_from_db()
    assert row.status == RowStatus.CREATED
    assert row.person.display_name == "Ахметова Мадина" and row.person.sex == "female"
    assert str(row.person.birth) == "2001-07-07"


def test_a_row_marked_not_found_is_audited(tracer, registry_people):
    batch = services.batch_map(actor=tracer, batch=upload(tracer), mapping=MAPPING)
    row = ImportRow.objects.get(batch=batch, external_id="4")
    services.row_not_found(actor=tracer, row=row)
    assert Event.objects.filter(action="tracing.row_not_found").exists()


def test_candidates_are_only_people_the_lists_owner_may_see(make_user, registry_people):
    regional = make_user(Role.TRACING_OFFICER, scope="region", organisation="aqniet-almaty")
    batch = services.batch_map(actor=regional, batch=upload(regional), mapping=MAPPING)
    assert not Candidate.objects.filter(row__batch=batch).exists()


def test_another_organisations_tracer_cannot_review_the_list(tracer, make_user, registry_people):
    batch = services.batch_map(actor=tracer, batch=upload(tracer), mapping=MAPPING)
    other = make_user(Role.TRACING_OFFICER, scope="region", organisation="aqniet-almaty")
    row = ImportRow.objects.filter(batch=batch).first()
    with pytest.raises(PermissionDenied):
        services.row_not_found(actor=other, row=row)


def test_a_list_refused_for_its_rows_can_be_discarded_from_its_page(tracer):
    # Given a list whose rows were refused
    batch = upload(tracer, content=CSV + b"5;;;X;1990-13-40\n")
    client = client_for(tracer)
    page = client.post(f"/tracing/lists/{batch.pk}/", MAPPING).content.decode()
    assert 'data-testid="row-report"' in page and 'data-testid="discard"' in page
    # When the tracer discards it
    response = client.post(f"/tracing/lists/{batch.pk}/discard/")
    # Then it is gone from the lists, and the discarding is audited
    assert response.status_code == 302 and response["Location"] == "/tracing/lists/"
    assert not type(batch).objects.filter(pk=batch.pk).exists()
    event = Event.objects.get(action="tracing.list_discarded")
    assert event.changes["rows"] == 5 and event.actor == tracer


def test_a_list_with_a_decided_row_is_kept(tracer, registry_people):
    batch = services.batch_map(actor=tracer, batch=upload(tracer), mapping=MAPPING)
    row = ImportRow.objects.get(batch=batch, external_id="4")
    services.row_not_found(actor=tracer, row=row)
    with pytest.raises(ValidationError, match="1 row of this list is already decided"):
        services.batch_discard(actor=tracer, batch=batch)
    assert ImportRow.objects.filter(batch=batch).count() == 4
    review = client_for(tracer).get(f"/tracing/lists/{batch.pk}/review/").content.decode()
    assert 'data-testid="discard"' not in review


def test_another_organisations_tracer_cannot_discard_the_list(tracer, make_user):
    batch = upload(tracer)
    other = make_user(Role.TRACING_OFFICER, scope="region", organisation="aqniet-almaty")
    with pytest.raises(PermissionDenied):
        services.batch_discard(actor=other, batch=batch)
    assert client_for(other).post(f"/tracing/lists/{batch.pk}/discard/").status_code == 403
    assert type(batch).objects.filter(pk=batch.pk).exists()
