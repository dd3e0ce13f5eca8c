"""Dates in the exports: in a PDF as the pages write them in the language the export was asked
for in; in an XLSX as date cells in that language's format (a partial date as text at its
precision); in a CSV as ISO, for programs to read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reintegra.cases import services as case_services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.people.services import NameInput, person_register
from reintegra.reports import exports, pdf, services
from reintegra.reports.case_summary import case_summary
from reintegra.reports.models import ExportJob
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
OPENED = dt.date(2025, 11, 25)
LANGUAGES = ("ru", "kk")


@pytest.fixture
def dated_cases(reference_data):
    """Three people in Aktau, each in a case opened on 25 November 2025: one born on a known
    day, one in a known month, one in a known year."""
    aktau = Organisation.objects.get(code="aqniet-aktau")
    people = {}
    for given, birth in [
        ("Әлия", PartialDate.of(1987, 11, 25)),
        ("Дана", PartialDate.of(1990, 3)),
        ("Мөлдір", PartialDate.of(1992)),
    ]:
        person = person_register(
            actor=None,
            organisation=aktau,
            sex="female",
            birth=birth,
            names=[NameInput(script="kk-Cyrl", surname="Жүсіпова", given_name=given)],
        )
        case_services.case_open(
            actor=None, person=person, program="returnee", organisation=aktau, opened_on=OPENED
        )
        people[given] = person
    return people


def download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- XLSX ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_xlsx_list_of_cases_holds_date_cells_in_the_readers_format(
    dated_cases, user_of_role, language
):
    # Given a case worker whose pages are in Russian or Kazakh
    client = client_for(user_of_role(Role.CASE_WORKER))
    # When they download the list of cases as XLSX
    data = download(client.get(reverse("reports:case_xlsx"), HTTP_ACCEPT_LANGUAGE=language))
    # Then each opening day is a date cell shown as 25.11.2025, which a spreadsheet can sort
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    opened = [row[7] for row in sheet.iter_rows(min_row=2)]
    assert len(opened) == 3
    for cell in opened:
        assert cell.is_date and cell.value.date() == OPENED
        assert cell.number_format == "DD.MM.YYYY"
    # And a case still open has no closing day
    assert all(row[8].value is None for row in sheet.iter_rows(min_row=2))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_xlsx_list_of_people_writes_a_partial_birth_date_at_its_precision(
    dated_cases, user_of_role, language
):
    # Given people born on a known day, in a known month and in a known year
    client = client_for(user_of_role(Role.CASE_WORKER))
    # When the list of people is downloaded as XLSX
    data = download(client.get(reverse("reports:person_xlsx"), HTTP_ACCEPT_LANGUAGE=language))
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    births = {row[0].value: row[3] for row in sheet.iter_rows(min_row=2)}
    # Then the known day is a date cell in the reader's format
    day = births[dated_cases["Әлия"].pk]
    assert day.is_date and day.value.date() == dt.date(1987, 11, 25)
    assert day.number_format == "DD.MM.YYYY"
    # And a month or a year, which no spreadsheet date can be, is text as the pages write it
    assert births[dated_cases["Дана"].pk].value == "03.1990"
    assert births[dated_cases["Мөлдір"].pk].value == "1992"
    assert not births[dated_cases["Дана"].pk].is_date


def test_a_long_xlsx_list_prepared_in_the_background_has_date_cells_too(
    dated_cases, user_of_role, settings
):
    # Given a list long enough to be prepared in the background, asked for in Kazakh
    settings.EXPORT_DIRECT_ROWS = 1
    user = user_of_role(Role.CASE_WORKER)
    client = client_for(user)
    client.post(reverse("reports:case_xlsx"), {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="kk")
    # When the job's file is downloaded
    job = user.export_jobs.get()
    assert job.status == "done" and job.language == "kk"
    data = download(client.get(reverse("reports:export_download", kwargs={"pk": job.pk})))
    # Then the opening days are date cells in the Kazakh format
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        assert row[7].is_date and row[7].value.date() == OPENED
        assert row[7].number_format == "DD.MM.YYYY"


def test_a_moment_in_an_xlsx_is_a_date_time_cell_in_the_projects_time_zone():
    # Given a moment late in the evening UTC: already the next day in Kazakhstan
    moment = dt.datetime(2026, 11, 24, 20, 30, tzinfo=dt.UTC)
    local = timezone.localtime(moment)
    buffer = io.BytesIO()
    # When it is written in a list in Russian
    with translation.override("ru"):
        exports.write_list_xlsx(buffer, title="x", header=["when"], rows=[[moment]])
    # Then the cell holds the local date and time, without a time zone, in the Russian format
    cell = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]["A2"]
    assert cell.is_date and cell.value == local.replace(tzinfo=None)
    assert cell.value.date() == dt.date(2026, 11, 25)
    assert cell.number_format == "DD.MM.YYYY hh:mm"


def test_the_excel_format_follows_the_languages_short_date_format():
    # Given Django's short formats, customised or not
    # Then each becomes the Excel number format that shows the day the same way
    assert exports.excel_format("d.m.Y", exports.ISO_DATE) == "DD.MM.YYYY"
    assert exports.excel_format("d.m.Y H:i", exports.ISO_DATETIME) == "DD.MM.YYYY hh:mm"
    assert exports.excel_format("Y-m-d", exports.ISO_DATE) == "YYYY-MM-DD"
    assert exports.excel_format("j/n/y", exports.ISO_DATE) == "D/M/YY"
    assert exports.excel_format("d.m.Y г.", exports.ISO_DATE) == 'DD.MM.YYYY "г".'
    assert exports.excel_format(r"Y \г. d.m", exports.ISO_DATE) == 'YYYY "г". DD.MM'
    # And one Excel cannot show with numbers (month names, "a.m.") is written ISO
    assert exports.excel_format("j E Y", exports.ISO_DATE) == "YYYY-MM-DD"
    assert exports.excel_format("m/d/Y P", exports.ISO_DATETIME) == "YYYY-MM-DD hh:mm"


def test_the_dashboard_xlsx_says_its_period_in_the_readers_format_and_the_csv_in_iso(
    dated_cases, user_of_role
):
    # Given a coordinator reading the dashboard of their region in Russian
    client = client_for(user_of_role(Role.REGIONAL_COORDINATOR))
    params = {"scope": "region:KZ-47", "to": "2025-06-30"}
    # When they download it as XLSX and as CSV
    xlsx = download(
        client.get(reverse("reports:dashboard_xlsx"), params, HTTP_ACCEPT_LANGUAGE="ru")
    )
    zipped = download(
        client.get(reverse("reports:dashboard_csv"), params, HTTP_ACCEPT_LANGUAGE="ru")
    )
    # Then each sheet of the XLSX gives the period as the Russian pages write it
    for sheet in load_workbook(io.BytesIO(xlsx)).worksheets:
        about = sheet["A2"].value
        assert "01.01.2017" in about and "30.06.2025" in about
        assert not ISO_DAY.search(about)
    # And each CSV file keeps ISO dates, for programs to read
    archive = zipfile.ZipFile(io.BytesIO(zipped))
    for name in archive.namelist():
        rows = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        assert "2017-01-01" in rows[1][0] and "2025-06-30" in rows[1][0]


def test_the_csv_lists_keep_iso_dates(dated_cases, user_of_role):
    # Given a case worker reading the pages in Kazakh
    client = client_for(user_of_role(Role.CASE_WORKER))
    # When they download the lists of people and of cases as CSV
    people = download(client.get(reverse("people:person_export"), HTTP_ACCEPT_LANGUAGE="kk"))
    cases = download(client.get(reverse("cases:case_export"), HTTP_ACCEPT_LANGUAGE="kk"))
    # Then the dates are ISO, a partial one at its precision
    births = {row[3] for row in csv.reader(io.StringIO(people.decode("utf-8-sig")))}
    assert {"1987-11-25", "1990-03", "1992"} <= births
    opened = [row[7] for row in csv.reader(io.StringIO(cases.decode("utf-8-sig")))][1:]
    assert opened == ["2025-11-25"] * 3


# --- PDF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_report_prepared_in_the_background_prints_days_in_the_askers_language(
    dated_cases, user_of_role, language
):
    # Given a coordinator reading the pages in Russian or Kazakh
    coordinator = user_of_role(Role.REGIONAL_COORDINATOR)
    client = client_for(coordinator)
    # When they ask for the dashboard report as a PDF, which a job prepares
    client.post(
        reverse("reports:dashboard_pdf") + "?scope=region:KZ-47&to=2025-06-30",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    job = ExportJob.objects.get(owner=coordinator)
    assert job.status == "done", job.error
    # Then the job keeps the language it was asked for in
    assert job.language == language
    # And the PDF gives the period and the day it was made as the pages write them, never ISO
    text = pdf_text(download(client.get(reverse("reports:export_download", args=[job.pk]))))
    assert "01.01.2017" in text and "30.06.2025" in text
    assert timezone.localdate().strftime("%d.%m.%Y") in text
    assert not ISO_DAY.search(text), ISO_DAY.findall(text)


def test_a_job_writes_its_pdf_in_its_own_language_whatever_the_workers(dated_cases, user_of_role):
    # Given a report asked for in Kazakh, run by a worker whose language is English
    coordinator = user_of_role(Role.REGIONAL_COORDINATOR)
    with translation.override("en"):
        job = services.export_job_start(
            actor=coordinator,
            kind="dashboard_pdf",
            parameters={"scope": "region:KZ-47", "from": "2019-01-01", "to": "2025-06-30"},
            language="kk",
        )
    assert job.status == "done", job.error
    # When its file is read
    text = " ".join(pdf_text((services.export_dir() / job.file_path).read_bytes()).split())
    # Then its period is the Kazakh sentence, with the days as the Kazakh pages write them
    period = exports.About("Маңғыстау облысы", dt.date(2019, 1, 1), dt.date(2025, 6, 30))
    with translation.override("kk"):
        kazakh = period.text(exports.short_date)
    with translation.override("en"):
        assert period.text(exports.short_date) != kazakh  # the catalogues are compiled
    assert "01.01.2019" in kazakh and "30.06.2025" in kazakh
    assert " ".join(kazakh.split()) in text
    assert not ISO_DAY.search(text), ISO_DAY.findall(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_summary_prints_every_day_as_the_pages_do(summary_case, language):
    # Given a case opened on 1 January 2020 of a woman born on 7 July 1987, with observations,
    # a service and an assessment
    case = summary_case["case"]
    client = client_for(summary_case["worker"])
    # When its summary is downloaded in Russian or Kazakh
    url = reverse("reports:case_summary", kwargs={"pk": case.pk})
    text = pdf_text(download(client.get(url, HTTP_ACCEPT_LANGUAGE=language)))
    # Then every day is written 07.07.1987, as the pages write it, and none is ISO
    today = timezone.localdate()
    for day in (
        dt.date(1987, 7, 7),  # born
        dt.date(2020, 1, 1),  # opened
        dt.date(2021, 3, 1),  # employed from
        today - dt.timedelta(days=3),  # the service
        today - dt.timedelta(days=5),  # the assessment
        today,  # the day it was made
    ):
        assert day.strftime("%d.%m.%Y") in text
    assert not ISO_DAY.search(text), ISO_DAY.findall(text)


def test_the_case_summary_prints_a_partial_birth_date_at_its_precision(summary_case):
    # Given a woman whose month of birth only is known
    case = summary_case["case"]
    Person.objects.filter(pk=case.person_id).update(birth_date_precision="month")
    # When her case summary is downloaded in Russian
    url = reverse("reports:case_summary", kwargs={"pk": case.pk})
    response = client_for(summary_case["worker"]).get(url, HTTP_ACCEPT_LANGUAGE="ru")
    text = pdf_text(download(response))
    # Then the month is printed as the pages print it, without a made-up day
    assert "07.1987" in text
    assert "07.07.1987" not in text and "1987-07" not in text


def test_the_case_summary_gives_a_referrals_day_in_the_projects_time_zone(summary_case):
    # Given a referral asked for at 20:30 UTC, already the next day in Kazakhstan
    worker = summary_case["worker"]
    summary = case_summary(user=worker, case=summary_case["case"])
    summary["referrals"] = [
        SimpleNamespace(
            requested_at=dt.datetime(2025, 11, 24, 20, 30, tzinfo=dt.UTC),
            to_organisation="Орталық",
            get_service_kind_display=lambda: "заң көмегі",
            get_status_display=lambda: "күтілуде",
        )
    ]
    # When the summary is written in Kazakh
    buffer = io.BytesIO()
    with translation.override("kk"):
        pdf.write_case_summary_pdf(buffer, summary)
    # Then the referral is of the Kazakh day
    text = pdf_text(buffer.getvalue())
    assert "25.11.2025" in text and "24.11.2025" not in text
