"""Every write of the reports app: export jobs (asked for, run, downloaded, expired) and the
figures published to partners. Each is audited."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import access_context
from reintegra.core.roles import Role
from reintegra.reports.models import ExportJob, ExportKind, ExportStatus, PublishedFigure

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.core.models import Organisation
    from reintegra.reports.indicators import Table

DASHBOARD_KINDS = {ExportKind.DASHBOARD_XLSX, ExportKind.DASHBOARD_CSV, ExportKind.DASHBOARD_PDF}
PARTNER_KINDS = {ExportKind.PARTNER_XLSX, ExportKind.PARTNER_CSV}
LIST_KINDS = {
    ExportKind.PEOPLE_XLSX,
    ExportKind.PEOPLE_CSV,
    ExportKind.CASES_XLSX,
    ExportKind.CASES_CSV,
}
EXTENSIONS = {"xlsx": "xlsx", "csv": "zip", "pdf": "pdf"}


def export_dir() -> Path:
    return Path(settings.EXPORT_DIR)


@transaction.atomic
def _job_create(*, actor: User, kind: str, parameters: dict, language: str) -> ExportJob:
    if kind not in ExportKind.values:
        raise ValidationError(_("Unknown kind of export."))
    job = ExportJob.objects.create(
        owner=actor, kind=kind, parameters=parameters, language=language[:10]
    )
    audit.record(
        actor=actor,
        action="export.requested",
        obj=job,
        changes={"kind": kind, "parameters": parameters},
    )
    return job


def export_job_start(
    *, actor: User, kind: str, parameters: dict, language: str | None = None
) -> ExportJob:
    """Ask for an export: the job is recorded, then handed to the task worker."""
    from reintegra.reports.tasks import run_export

    job = _job_create(
        actor=actor,
        kind=kind,
        parameters=parameters,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    run_export.enqueue(job.pk)
    job.refresh_from_db()
    return job


def export_job_progress(*, job: ExportJob, progress: int) -> None:
    """How far the job has got, 0 to 100 (not audited: the start and end are)."""
    job.progress = max(0, min(100, int(progress)))
    job.save(update_fields=["progress"])


def _file_name(job: ExportJob) -> str:
    p = job.parameters
    day = p.get("to") or timezone.localdate().isoformat()
    kind = job.kind.rsplit("_", 1)
    extension = {"xlsx": "xlsx", "csv": "csv", "pdf": "pdf"}[kind[1]]
    if job.kind in DASHBOARD_KINDS or job.kind in PARTNER_KINDS:
        extension = "zip" if kind[1] == "csv" else extension
        scope = (p.get("scope") or "national").replace(":", "-")
        return f"{kind[0]}-{scope}-{day}.{extension}"
    return f"{kind[0]}-{day}.{extension}"


def export_job_run(*, job_id: int) -> ExportJob:
    """Prepare the job's file, reporting progress; on failure record the error and leave no
    file behind. The owner's access is checked again now: the rights of today apply."""
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status != ExportStatus.QUEUED:
        return job
    job.status, job.started_at, job.progress = ExportStatus.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "progress"])
    folder = export_dir() / f"{job.pk}-{secrets.token_hex(8)}"
    name = _file_name(job)
    partial = folder / f".{name}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with translation.override(job.language):
            rows = _write(job, str(partial), lambda p: export_job_progress(job=job, progress=p))
        os.replace(partial, folder / name)
    except Exception as exc:  # any failure is the job's, shown to its owner
        shutil.rmtree(folder, ignore_errors=True)
        return _job_failed(job=job, error=_failure_message(exc))
    return _job_done(job=job, path=folder / name, name=name, rows=rows)


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, PermissionDenied):
        return str(exc) or _("You may no longer export this.")
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return _("The export could not be prepared: %(error)s") % {
        "error": f"{type(exc).__name__}: {exc}"
    }


@transaction.atomic
def _job_done(*, job: ExportJob, path: Path, name: str, rows: int | None) -> ExportJob:
    job.status, job.progress, job.finished_at = ExportStatus.DONE, 100, timezone.now()
    job.file_path = str(path.relative_to(export_dir()))
    job.file_name, job.rows = name, rows
    job.save(update_fields=["status", "progress", "finished_at", "file_path", "file_name", "rows"])
    audit.record(actor=job.owner, action="export.done", obj=job, changes={"rows": rows})
    return job


@transaction.atomic
def _job_failed(*, job: ExportJob, error: str) -> ExportJob:
    job.status, job.finished_at, job.error = ExportStatus.FAILED, timezone.now(), error
    job.file_path = ""
    job.save(update_fields=["status", "finished_at", "error", "file_path"])
    audit.record(actor=job.owner, action="export.failed", obj=job, changes={"error": error})
    return job


def export_downloaded(*, actor: User, job: ExportJob) -> Path:
    """The file of a finished job, for its owner only; the download is an access entry."""
    if job.owner_id != actor.pk:
        raise PermissionDenied(_("This export is not yours."))
    if not job.downloadable:
        raise ValidationError(_("This export has no file to download."))
    path = export_dir() / job.file_path
    if not path.is_file():
        raise ValidationError(_("The file of this export is no longer kept."))
    from reintegra.audit.models import EventKind

    audit.record(
        actor=actor,
        action="export.downloaded",
        obj=job,
        kind=EventKind.ACCESS,
        changes={"kind": job.kind, "rows": job.rows},
    )
    return path


def exports_expire(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Delete the files of exports finished more than ``days`` days ago (the setting by
    default); the jobs stay listed as expired. Returns how many files were deleted."""
    days = settings.EXPORT_KEEP_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    count = 0
    old = ExportJob.objects.filter(finished_at__lt=cutoff, expired_at__isnull=True)
    for job in old:
        with transaction.atomic():
            if job.file_path:
                shutil.rmtree((export_dir() / job.file_path).parent, ignore_errors=True)
                count += 1
            job.expired_at, job.file_path = timezone.now(), ""
            job.save(update_fields=["expired_at", "file_path"])
            audit.record(actor=None, action="export.expired", obj=job, actor_username="system")
    return count


@transaction.atomic
def figures_publish(
    *,
    actor: User,
    partner: Organisation,
    tables: Sequence[Table],
    export: ExportJob | None = None,
) -> list[PublishedFigure]:
    """Keep each table published to ``partner`` (suppressed), with its query, so that it can
    be reproduced later."""
    from reintegra.reports.suppression import suppress

    if not access_context(actor).has_role(Role.PARTNER, Role.NATIONAL_ANALYST):
        raise PermissionDenied(_("Only analysts and partners publish figures to partners."))
    figures = PublishedFigure.objects.bulk_create(
        [
            PublishedFigure(
                indicator=table.indicator.code,
                parameters=table.query.as_dict(),
                values=suppress(table).as_published(),
                published_by=actor,
                partner=partner,
                export=export,
            )
            for table in tables
        ]
    )
    audit.record(
        actor=actor,
        action="figures.published",
        obj=partner,
        changes={
            "indicators": sorted({t.indicator.code for t in tables}),
            "tables": len(tables),
            "export": export.pk if export else None,
        },
    )
    return figures


# --- What each kind of job writes ----------------------------------------------------------------


def _write(job: ExportJob, target: str, progress: Callable[[int], None]) -> int | None:
    if job.kind in DASHBOARD_KINDS:
        return _write_dashboard(job, target, progress)
    if job.kind in PARTNER_KINDS:
        return _write_partner(job, target, progress)
    return _write_list(job, target, progress)


def _period(parameters: dict) -> tuple[dt.date | None, dt.date]:
    start = dt.date.fromisoformat(parameters["from"]) if parameters.get("from") else None
    as_of = dt.date.fromisoformat(parameters["to"]) if parameters.get("to") else None
    return start, as_of or timezone.localdate()


def evaluate_with_progress(panels, scope, *, start, as_of, progress, share: int = 80):
    from reintegra.reports.dashboards import query_for
    from reintegra.reports.indicators import evaluate

    tables = []
    for index, panel in enumerate(panels, start=1):
        tables.append(evaluate(panel.indicator, query_for(panel, scope, as_of=as_of, start=start)))
        progress(index * share // max(len(panels), 1))
    return tables


def _write_dashboard(job: ExportJob, target: str, progress) -> None:
    from reintegra.reports import exports, pdf, selectors
    from reintegra.reports.dashboards import HEADLINES, PANELS

    scope = selectors.parse_scope(job.parameters.get("scope") or "national")
    if scope not in selectors.allowed_scopes(job.owner) or selectors.suppressed_only(job.owner):
        raise PermissionDenied(_("You may no longer see the figures of this scope."))
    start, as_of = _period(job.parameters)
    tables = evaluate_with_progress(
        [*HEADLINES, *PANELS], scope, start=start, as_of=as_of, progress=progress
    )
    headlines, panels = tables[: len(HEADLINES)], tables[len(HEADLINES) :]
    label = selectors.scope_label(scope)
    rest = lambda p: progress(80 + p // 5)  # noqa: E731
    if job.kind == ExportKind.DASHBOARD_PDF:
        pdf.write_dashboard_pdf(
            target, headlines=headlines, panels=panels, scope_label=label, progress=rest
        )
    else:
        sheets = exports.dashboard_sheets(headlines, panels, label)
        writer = (
            exports.write_xlsx if job.kind == ExportKind.DASHBOARD_XLSX else exports.write_csv_zip
        )
        writer(target, sheets, rest)
    return None


def _write_partner(job: ExportJob, target: str, progress) -> None:
    from reintegra.core.models import Organisation
    from reintegra.reports import exports, selectors
    from reintegra.reports.dashboards import HEADLINES
    from reintegra.reports.partner import PARTNER_PANELS

    partner = Organisation.objects.get(pk=job.parameters["partner"])
    context = access_context(job.owner)
    own = {g.organisation_id for g in context.grants_for([Role.PARTNER])}
    if not context.has_role(Role.NATIONAL_ANALYST) and partner.pk not in own:
        raise PermissionDenied(_("You may not publish figures to this organisation."))
    start, as_of = _period(job.parameters)
    tables = evaluate_with_progress(
        [*HEADLINES, *PARTNER_PANELS],
        selectors.NATIONAL,
        start=start,
        as_of=as_of,
        progress=progress,
        share=70,
    )
    headlines, panels = tables[: len(HEADLINES)], tables[len(HEADLINES) :]
    label = selectors.scope_label(selectors.NATIONAL)
    sheets = exports.dashboard_sheets(headlines, panels, label, partner=True)
    rest = lambda p: progress(70 + p // 5)  # noqa: E731
    writer = exports.write_xlsx if job.kind == ExportKind.PARTNER_XLSX else exports.write_csv_zip
    writer(target, sheets, rest)
    figures_publish(actor=job.owner, partner=partner, tables=tables, export=job)
    return None


def _write_list(job: ExportJob, target: str, progress) -> int:
    from reintegra.reports import exports, lists

    people = job.kind in (ExportKind.PEOPLE_XLSX, ExportKind.PEOPLE_CSV)
    query = job.parameters.get("query", {})
    if people:
        records, filters = lists.people_for_export(job.owner, query)
        header, row = lists.person_header(), lists.person_row
    else:
        records, filters = lists.cases_for_export(job.owner, query)
        header, row = lists.case_header(), lists.case_row
    total = records.count()
    audit.exported(
        actor=job.owner,
        what="person" if people else "case",
        count=total,
        parameters=lists.filter_parameters(filters),
    )
    rows = (row(record) for record in records.iterator(chunk_size=2000))
    if job.kind.endswith("xlsx"):
        title = _("People") if people else _("Cases")
        return exports.write_list_xlsx(
            target, title=title, header=header, rows=rows, total=total, progress=progress
        )
    return exports.write_list_csv(target, header=header, rows=rows, total=total, progress=progress)
