"""Exports written and read back: the values are those of ``evaluate``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reintegra.audit.models import Event
from reintegra.core.roles import Role, Scope
from reintegra.reports import exports, pdf, selectors
from reintegra.reports.dashboards import HEADLINES, PANELS, dashboard_tables
from reintegra.reports.dashboards import Scope as FigureScope
from reintegra.reports.indicators import PERCENT, Query, evaluate
from reintegra.reports.indicators.dimensions import label_of
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 6, 30)
MANGYSTAU = FigureScope(region="KZ-47")


def expected_rows(table) -> list[list]:
    cache: dict = {}
    rows = []
    for row in table.rows:
        labels = [label_of(d, v, cache) for d, v in zip(table.query.by, row.key, strict=True)]
        if table.indicator.unit == PERCENT:
            rows.append([*labels, table.value(row), row.count, row.base])
        else:
            rows.append([*labels, row.count])
    return rows


def test_the_dashboard_as_xlsx_holds_every_panel_with_the_values_of_evaluate(demo_data):
    headlines, panels = dashboard_tables(FigureScope(), as_of=AS_OF)
    buffer = io.BytesIO()
    with translation.override("ru"):
        exports.write_xlsx(buffer, exports.dashboard_sheets(headlines, panels, "Казахстан"))
        workbook = load_workbook(io.BytesIO(buffer.getvalue()))
        assert len(workbook.worksheets) == 1 + len(PANELS)
        first = workbook.worksheets[0]
        values = {row[0]: row[1] for row in first.iter_rows(min_row=5, values_only=True)}
        for table in headlines:
            assert values[str(table.indicator.title)] == table.total_value
        for sheet, table in zip(workbook.worksheets[1:], panels, strict=True):
            assert sheet["A1"].value == str(table.indicator.title)
            assert "30.06.2025" in sheet["A2"].value  # as the Russian pages write it
            rows = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
            assert rows[:-1] == expected_rows(table)
            assert rows[-1][-3 if table.indicator.unit == PERCENT else -1] == (
                table.total_value if table.indicator.unit == PERCENT else table.total.count
            )
            for row in rows:  # numbers are numbers
                assert all(isinstance(v, int) or v is None for v in row[len(table.query.by) :])


def test_each_table_as_csv_is_utf8_with_a_bom_and_reads_back_with_its_labels(demo_data):
    headlines, panels = dashboard_tables(MANGYSTAU, as_of=AS_OF)
    buffer = io.BytesIO()
    with translation.override("kk"):
        sheets = exports.dashboard_sheets(headlines, panels, "Маңғыстау")
        exports.write_csv_zip(buffer, sheets)
        archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        names = archive.namelist()
        assert len(names) == 1 + len(PANELS)
        for name, table in zip(names[1:], panels, strict=True):
            raw = archive.read(name)
            assert raw.startswith("\ufeff".encode())
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert rows[0] == [str(table.indicator.title)]
            body = rows[4:-1]
            assert body == [[str(v) for v in row] for row in expected_rows(table)]


def test_one_indicator_table_is_exported_as_it_is_evaluated(demo_data, user_of_role):
    client = client_for(user_of_role(Role.NATIONAL_ANALYST))
    url = reverse("reports:indicator_xlsx", kwargs={"code": "returns.returned"})
    response = client.get(url, {"by": "operation,category", "to": "2025-06-30"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    table = evaluate("returns.returned", Query(as_of=AS_OF, by=("operation", "category")))
    rows = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert rows[:-1] == expected_rows(table)
    assert rows[-1][-1] == table.total.count == 749


def test_the_pdf_report_has_the_headline_figures_and_every_panel_in_kazakh(demo_data):
    headlines, panels = dashboard_tables(FigureScope(), as_of=AS_OF)
    buffer = io.BytesIO()
    with translation.override("kk"):
        pdf.write_dashboard_pdf(
            buffer, headlines=headlines, panels=panels, scope_label="Қазақстан, әңгіме ғұқүһі"
        )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)
    assert "Қазақстан, әңгіме ғұқүһі" in text  # the Kazakh letters are in the embedded font
    assert "749" in text
    flat = " ".join(text.split())
    with translation.override("kk"):
        for table in panels:
            assert " ".join(str(table.indicator.title).split()) in flat
        assert len(HEADLINES) and all(str(t.indicator.title)[:20] in flat for t in headlines[:3])


def test_a_coordinator_downloads_the_regional_dashboard_at_once(demo_data, user_of_role):
    client = client_for(user_of_role(Role.REGIONAL_COORDINATOR))
    response = client.get(
        reverse("reports:dashboard_xlsx"), {"scope": "region:KZ-47", "to": "2025-06-30"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    _headlines, panels = dashboard_tables(MANGYSTAU, as_of=AS_OF)
    rows = [list(r) for r in workbook.worksheets[1].iter_rows(min_row=5, values_only=True)]
    assert rows[:-1] == expected_rows(panels[0])


def test_figures_are_refused_outside_the_users_scopes(demo_data, user_of_role):
    coordinator = client_for(user_of_role(Role.REGIONAL_COORDINATOR))
    assert (
        coordinator.get(reverse("reports:dashboard_xlsx"), {"scope": "national"}).status_code == 403
    )
    assert (
        coordinator.get(reverse("reports:dashboard_xlsx"), {"scope": "region:KZ-75"}).status_code
        == 403
    )
    assert (
        coordinator.get(reverse("reports:dashboard_xlsx"), {"scope": "everything"}).status_code
        == 400
    )
    assert (
        coordinator.get(reverse("reports:dashboard_xlsx"), {"from": "2025-13-01"}).status_code
        == 400
    )
    partner = client_for(user_of_role(Role.PARTNER))
    assert partner.get(reverse("reports:dashboard_xlsx")).status_code == 403


def test_allowed_scopes_follow_the_roles(make_user):
    analyst = make_user(Role.NATIONAL_ANALYST, scope=Scope.NATIONAL, organisation="aqniet")
    partner = make_user(Role.PARTNER, scope=Scope.NATIONAL, organisation="undp-kz")
    coordinator = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION)
    worker = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION)
    auditor = make_user(Role.AUDITOR, scope=Scope.NATIONAL, organisation="aqniet")
    assert selectors.allowed_scopes(analyst)[0] == FigureScope()
    assert FigureScope(region="KZ-75") in selectors.allowed_scopes(analyst)
    assert selectors.allowed_scopes(partner) == [FigureScope()]
    assert selectors.suppressed_only(partner) and not selectors.suppressed_only(analyst)
    regional = selectors.allowed_scopes(coordinator)
    assert regional[0] == MANGYSTAU
    assert FigureScope(organisation="aqniet-aktau") in regional
    assert FigureScope() not in regional
    assert selectors.allowed_scopes(worker) == [FigureScope(organisation="aqniet-aktau")]
    assert selectors.allowed_scopes(auditor) == []


def test_the_xlsx_list_of_cases_has_the_columns_of_the_csv_and_is_recorded(demo_data, user_of_role):
    user = user_of_role(Role.CASE_WORKER)
    client = client_for(user)
    csv_response = client.get(reverse("cases:case_export"))
    csv_rows = list(
        csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")))
    )
    response = client.get(reverse("reports:case_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == csv_rows[0]
    assert len(rows) == len(csv_rows) > 1
    assert [str(r[0]) for r in rows[1:]] == [r[0] for r in csv_rows[1:]]
    assert isinstance(rows[1][0], int)
    entries = Event.objects.filter(action="case.exported", actor=user)
    assert entries.count() == 2
    assert entries.last().changes["count"] == len(rows) - 1


def test_a_long_list_is_prepared_in_the_background(demo_data, user_of_role, settings):
    settings.EXPORT_DIRECT_ROWS = 10
    user = user_of_role(Role.CASE_WORKER)
    client = client_for(user)
    page = client.get(reverse("reports:person_xlsx"))
    assert page.status_code == 200 and b"start-export" in page.content
    response = client.post(reverse("reports:person_xlsx"), {"format": "xlsx"})
    assert response.status_code == 302
    job = user.export_jobs.get()
    assert job.status == "done" and job.kind == "people_xlsx"
    download = client.get(reverse("reports:export_download", kwargs={"pk": job.pk}))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    assert sheet.max_row - 1 == job.rows > 10
    assert timezone.now() >= job.finished_at


def test_the_demos_children_who_came_back_young_have_started_school_since(demo_data):
    from reintegra.cases.models import Observation
    from reintegra.demo.dataset import SETTLED_BY, first_school_day

    # Given the demo's children, as its history stands on its last day
    current = Observation.objects.filter(dimension="schooling", valid_from__lte=SETTLED_BY).exclude(
        valid_to__lte=SETTLED_BY
    )
    # Then nobody old enough for school by then is still "not of school age"
    stale = [
        o.person
        for o in current.filter(value="not_school_age").select_related("person")
        if first_school_day(o.person.birth_date) <= SETTLED_BY
    ]
    assert stale == []
    assert current.filter(value="enrolled").exists()
