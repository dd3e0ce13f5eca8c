"""Exports prepared in the background: lifecycle, progress, failure, downloads, expiry; the
partner export and the figures it publishes; the case summary PDF."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reintegra.audit.models import Event
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.reports import exports, services
from reintegra.reports.dashboards import HEADLINES
from reintegra.reports.indicators import Query, evaluate
from reintegra.reports.models import ExportJob, PublishedFigure
from reintegra.reports.partner import PARTNER_PANELS
from reintegra.reports.suppression import MASKED, SMALL, WITHHELD, suppress
from reintegra.reports.worker import worker
from tests.conftest import client_for
from tests.reports.conftest import IIN, NOTE

pytestmark = pytest.mark.django_db


def start(client, url, data=None):
    return client.post(url + ("?" + data if data else ""))


def test_a_national_export_is_a_job_that_reports_progress_and_ends_with_a_file(
    demo_data, user_of_role, monkeypatch
):
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    client = client_for(analyst)
    url = reverse("reports:dashboard_xlsx")
    assert b"start-export" in client.get(url, {"scope": "national"}).content
    seen: list[int] = []
    original = services.export_job_progress
    monkeypatch.setattr(
        services,
        "export_job_progress",
        lambda *, job, progress: (seen.append(progress), original(job=job, progress=progress)),
    )
    response = start(client, url, "scope=national&to=2025-06-30")
    assert response.status_code == 302 and response["Location"] == reverse("reports:export_list")
    job = ExportJob.objects.get(owner=analyst)
    assert job.status == "done" and job.progress == 100
    assert seen == sorted(seen) and 0 < seen[0] < 100
    listing = client.get(reverse("reports:export_list"))
    assert b"Download" in listing.content and b"hx-trigger" not in listing.content
    download = client.get(reverse("reports:export_download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    table = evaluate("returns.returned", Query(as_of=dt.date(2025, 6, 30), by=("category",)))
    rows = [list(r) for r in workbook.worksheets[1].iter_rows(min_row=5, values_only=True)]
    assert rows[-1][-1] == table.total.count
    assert Event.objects.filter(action="export.downloaded", actor=analyst).count() == 1
    assert Event.objects.filter(action="export.requested", actor=analyst).count() == 1


def test_a_job_still_running_is_polled_with_a_progress_bar(user_of_role):
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    ExportJob.objects.create(owner=analyst, kind="dashboard_pdf", status="running", progress=40)
    rows = client_for(analyst).get(reverse("reports:export_rows"))
    assert b'hx-trigger="every 2s"' in rows.content
    assert b'<progress value="40" max="100"' in rows.content


def test_a_failing_job_shows_its_error_and_leaves_no_file(
    demo_data, user_of_role, monkeypatch, settings, tmp_path
):
    def broken(target, sheets, progress=None):
        with open(target, "wb") as half:
            half.write(b"PK half a workbook")
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(exports, "write_xlsx", broken)
    settings.EXPORT_DIR = tmp_path / "exports"
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    client = client_for(analyst)
    start(client, reverse("reports:dashboard_xlsx"), "scope=national")
    job = ExportJob.objects.get(owner=analyst)
    assert job.status == "failed" and "the disk is full" in job.error
    assert job.file_path == "" and not job.downloadable
    leftovers = [p for p in settings.EXPORT_DIR.rglob("*") if p.is_file()]
    assert leftovers == []
    assert b"the disk is full" in client.get(reverse("reports:export_list")).content
    download = client.get(reverse("reports:export_download", kwargs={"pk": job.pk}))
    assert download.status_code == 404


def test_nobody_downloads_another_users_export(demo_data, user_of_role, make_user):
    coordinator = user_of_role(Role.REGIONAL_COORDINATOR)
    start(client_for(coordinator), reverse("reports:dashboard_pdf"), "scope=region:KZ-47")
    job = ExportJob.objects.get(owner=coordinator)
    assert job.status == "done" and job.file_name.endswith(".pdf")
    for other in (make_user(Role.REGIONAL_COORDINATOR), user_of_role(Role.NATIONAL_ANALYST)):
        response = client_for(other).get(reverse("reports:export_download", kwargs={"pk": job.pk}))
        assert response.status_code == 404
        assert (
            job.get_kind_display().encode()
            not in client_for(other).get(reverse("reports:export_list")).content
        )
    assert not Event.objects.filter(action="export.downloaded").exists()


def test_the_database_backend_queues_the_job_and_the_worker_runs_it(
    demo_data, user_of_role, monkeypatch
):
    # A worker process drops stale connections between tasks; here it shares the test's
    # connection, whose transaction must outlive the run.
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    coordinator = user_of_role(Role.REGIONAL_COORDINATOR)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        from django_tasks_db.models import DBTaskResult

        job = services.export_job_start(
            actor=coordinator,
            kind="dashboard_csv",
            parameters={"scope": "region:KZ-47", "from": "", "to": "2025-06-30"},
        )
        assert job.status == "queued" and DBTaskResult.objects.count() == 1
        worker(batch=True, interval=0).run()
        job.refresh_from_db()
        assert job.status == "done", job.error
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    path = services.export_dir() / job.file_path
    assert zipfile.ZipFile(path).namelist()[0].endswith(".csv")


def test_old_export_files_are_deleted_and_the_job_stays_listed(demo_data, user_of_role):
    coordinator = user_of_role(Role.REGIONAL_COORDINATOR)
    client = client_for(coordinator)
    start(client, reverse("reports:dashboard_pdf"), "scope=region:KZ-47")
    job = ExportJob.objects.get(owner=coordinator)
    path = services.export_dir() / job.file_path
    assert path.is_file()
    ExportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    assert b"deleted" in client.get(reverse("reports:export_list")).content
    assert not path.exists()
    job.refresh_from_db()
    assert job.expired_at and not job.downloadable


# --- Partners ------------------------------------------------------------------------------------


def published_cells(values: dict) -> list:
    cells = [shown for _key, shown in values["cells"]] + [values["total"]]
    cells += list(values.get("row_totals", {}).values())
    cells += list(values.get("column_totals", {}).values())
    return cells


def test_the_partner_export_is_suppressed_and_every_table_is_kept(demo_data, user_of_role):
    partner = user_of_role(Role.PARTNER)
    client = client_for(partner)
    undp = Organisation.objects.get(code="undp-kz")
    response = client.post(
        reverse("reports:partner_export"),
        {"partner": undp.pk, "start": "2019-01-01", "as_of": "2025-06-30", "format": "xlsx"},
    )
    assert response.status_code == 302
    job = ExportJob.objects.get(owner=partner)
    assert job.status == "done", job.error
    figures = PublishedFigure.objects.filter(export=job)
    assert figures.count() == len(HEADLINES) + len(PARTNER_PANELS)
    assert {f.partner for f in figures} == {undp}
    for figure in figures:
        for shown in published_cells(figure.values):
            assert shown in (SMALL, MASKED, WITHHELD, None) or shown == 0 or shown >= 5
    download = client.get(reverse("reports:export_download", kwargs={"pk": job.pk}))
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(workbook.worksheets) == 1 + len(PARTNER_PANELS)
    for sheet in workbook.worksheets[1:]:
        for row in sheet.iter_rows(min_row=5, values_only=True):
            for value in row:
                if isinstance(value, int) and sheet.cell(4, 2).value != "%":
                    assert value == 0 or value >= 5
    assert any(
        SMALL in row
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(min_row=5, values_only=True)
    )
    assert Event.objects.filter(action="figures.published", actor=partner).exists()


def test_a_partner_publishes_only_to_their_own_organisation(demo_data, user_of_role):
    partner = user_of_role(Role.PARTNER)
    other = Organisation.objects.exclude(code="undp-kz").first()
    response = client_for(partner).post(
        reverse("reports:partner_export"), {"partner": other.pk, "format": "csv"}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not ExportJob.objects.exists()


def test_a_published_figure_is_reproduced_from_its_indicator_and_parameters(
    demo_data, user_of_role
):
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    undp = Organisation.objects.get(code="undp-kz")
    tables = [
        evaluate("returns.returned", Query(as_of=dt.date(2025, 6, 30), by=("region", "category"))),
        evaluate(
            "returns.women_employed_pct", Query(as_of=dt.date(2025, 6, 30), by=("operation",))
        ),
        evaluate("cases.opened", Query(as_of=dt.date(2025, 6, 30), start=dt.date(2024, 1, 1))),
    ]
    services.figures_publish(actor=analyst, partner=undp, tables=tables)
    for figure in PublishedFigure.objects.all():
        p = figure.parameters
        query = Query(
            as_of=dt.date.fromisoformat(p["as_of"]),
            start=dt.date.fromisoformat(p["start"]),
            by=tuple(p["by"]),
            region=p["region"],
            organisation=p["organisation"],
        )
        assert suppress(evaluate(figure.indicator, query)).as_published() == figure.values
    page = client_for(user_of_role(Role.AUDITOR)).get(reverse("reports:published_list"))
    assert b"returns.women_employed_pct" in page.content


# --- The case summary ----------------------------------------------------------------------------


def summary_text(client, case) -> str:
    response = client.get(reverse("reports:case_summary", kwargs={"pk": case.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_case_summary_never_carries_a_confidential_note(summary_case):
    case, psychologist = summary_case["case"], summary_case["psychologist"]
    text = summary_text(client_for(psychologist), case)
    assert "Досанова Меруерт" in text
    assert "Разговор о работе" in text  # the service is there, without its note
    assert NOTE not in text and "Секретная" not in text


def test_the_case_summary_shows_legal_status_only_with_the_permission(summary_case, make_user):
    case = summary_case["case"]
    text = summary_text(client_for(summary_case["worker"]), case)
    assert "not prosecuted" not in text
    assert "employed" in text
    legal = make_user(Role.CASE_WORKER, permissions=["legal_security", "identity_numbers"])
    text = summary_text(client_for(legal), case)
    assert "not prosecuted" in text
    assert IIN in text


def test_the_case_summary_masks_identity_numbers_and_shows_answers_not_scores(summary_case):
    case = summary_case["case"]
    text = summary_text(client_for(summary_case["worker"]), case)
    assert IIN not in text and IIN[-4:] in text
    assert "Assessments" in text and "score" not in text.lower()


def test_the_case_summary_is_recorded_as_an_access_with_its_reason(summary_case, make_user):
    worker = summary_case["worker"]
    summary_text(client_for(worker), summary_case["case"])
    entry = Event.objects.filter(actor=worker, action="case.viewed").latest("seq")
    assert entry.reason == "case summary PDF" and entry.kind == "access"
    stranger = make_user(Role.CASE_WORKER, organisation="aqniet-almaty")
    response = client_for(stranger).get(
        reverse("reports:case_summary", kwargs={"pk": summary_case["case"].pk})
    )
    assert response.status_code == 403


def test_the_export_page_gives_the_day_as_the_readers_language_writes_it(user_of_role):
    client = client_for(user_of_role(Role.NATIONAL_ANALYST))
    page = client.get(
        reverse("reports:dashboard_pdf"),
        {"scope": "national", "to": "2025-06-30"},
        HTTP_ACCEPT_LANGUAGE="kk",
    ).content.decode()
    about = page.split("<article>")[1].split("</p>")[0]
    assert "30.06.2025" in about and "2025-06-30" not in about


def test_the_list_of_exports_names_whose_figures_and_the_day_in_words(user_of_role):
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    for scope in ("national", "region:KZ-47", "organisation:aqniet-aktau"):
        ExportJob.objects.create(
            owner=analyst,
            kind="dashboard_pdf",
            status="running",
            parameters={"scope": scope, "from": "", "to": "2025-06-30"},
        )
    page = client_for(analyst).get(reverse("reports:export_list"), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Kazakhstan, national · 30.06.2025" in text
    assert "Mangystau Region · 30.06.2025" in text
    assert "AQNIET branch in Aktau · 30.06.2025" in text
    assert "region:KZ-47" not in text and "2025-06-30" not in text
