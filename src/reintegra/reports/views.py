"""Export pages: dashboard and indicator tables (XLSX, CSV, PDF), the partner export, list
exports as XLSX, the case summary PDF, the user's exports and what was published to partners.

The dashboard exports take the dashboard's GET parameters (``scope``, ``from``, ``to``) and check
them with ``selectors.scope_from_request``. Small exports are returned at once; the national
dashboard, every PDF report, the partner export and long lists are prepared in the background
(a page asks to confirm, then the job is listed with its progress).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases.models import Case
from reintegra.core.access import VIEW, access_context, access_object
from reintegra.core.roles import Role
from reintegra.reports import exports, lists, pdf, selectors, services
from reintegra.reports.case_summary import case_summary as case_summary_data
from reintegra.reports.dashboards import dashboard_tables
from reintegra.reports.forms import PartnerExportForm
from reintegra.reports.indicators import BadQuery, Query, UnknownIndicator, evaluate
from reintegra.reports.models import ExportJob, ExportKind

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
    "pdf": "application/pdf",
}


def _file(data: bytes, name: str, *, inline: bool = False) -> FileResponse:
    extension = name.rsplit(".", 1)[-1]
    response = FileResponse(
        io.BytesIO(data),
        as_attachment=not inline,
        filename=name,
        content_type=CONTENT_TYPES[extension],
    )
    return response


def _job_page(request: HttpRequest, kind: str, parameters: dict, about: str) -> HttpResponse:
    """GET: what will be prepared, with a button; POST: the job is started."""
    if request.method == "POST":
        services.export_job_start(actor=request.user, kind=kind, parameters=parameters)
        messages.success(request, _("The export is being prepared: it is listed below."))
        return redirect("reports:export_list")
    return render(
        request,
        "reports/export_start.html",
        {"kind": ExportKind(kind).label, "about": about},
    )


def _dashboard_request(request: HttpRequest):
    scope = selectors.scope_from_request(request)
    if selectors.suppressed_only(request.user):
        raise PermissionDenied(_("Partners receive the partner export."))
    start, as_of = selectors.period_from_request(request)
    parameters = {
        "scope": selectors.scope_code(scope),
        "from": start.isoformat() if start else "",
        "to": as_of.isoformat(),
    }
    return scope, start, as_of, parameters


def dashboard_export(request: HttpRequest, format: str) -> HttpResponse:
    scope, start, as_of, parameters = _dashboard_request(request)
    label = selectors.scope_label(scope)
    kind = {
        "xlsx": ExportKind.DASHBOARD_XLSX,
        "csv": ExportKind.DASHBOARD_CSV,
        "pdf": ExportKind.DASHBOARD_PDF,
    }[format]
    if format == "pdf" or scope.is_national:
        day = formats.date_format(as_of, "SHORT_DATE_FORMAT")
        about = _("%(scope)s, as of %(day)s") % {"scope": label, "day": day}
        return _job_page(request, kind, parameters, about)
    headlines, panels = dashboard_tables(scope, as_of=as_of, start=start)
    sheets = exports.dashboard_sheets(headlines, panels, label)
    buffer = io.BytesIO()
    name = f"dashboard-{parameters['scope'].replace(':', '-')}-{as_of.isoformat()}"
    if format == "xlsx":
        exports.write_xlsx(buffer, sheets)
        return _file(buffer.getvalue(), f"{name}.xlsx")
    exports.write_csv_zip(buffer, sheets)
    return _file(buffer.getvalue(), f"{name}.zip")


def indicator_export(request: HttpRequest, code: str, format: str) -> HttpResponse:
    """One indicator's table, broken down by ``by`` (comma-separated disaggregations)."""
    scope, start, as_of, parameters = _dashboard_request(request)
    by = tuple(d for d in request.GET.get("by", "").split(",") if d)
    query = Query(
        as_of=as_of, start=start, by=by, region=scope.region, organisation=scope.organisation
    )
    try:
        table = evaluate(code, query)
    except UnknownIndicator:
        raise Http404(_("No such indicator.")) from None
    except BadQuery as exc:
        raise BadRequest(str(exc)) from None
    sheet = exports.table_sheet(table, selectors.scope_label(scope))
    name = f"{exports.sheet_name(table)}-{parameters['scope'].replace(':', '-')}-{as_of}"
    if format == "csv":
        return _file(exports.csv_bytes(sheet), f"{name}.csv")
    buffer = io.BytesIO()
    exports.write_xlsx(buffer, [sheet])
    return _file(buffer.getvalue(), f"{name}.xlsx")


def partner_export(request: HttpRequest) -> HttpResponse:
    """National figures for a partner, every table suppressed; prepared in the background and
    each table kept as published."""
    context = access_context(request.user)
    own = [g.organisation_id for g in context.grants_for([Role.PARTNER])]
    partners = selectors.partner_organisations()
    if not context.has_role(Role.NATIONAL_ANALYST):
        partners = partners.model.objects.filter(pk__in=own)
    form = PartnerExportForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = ExportKind.PARTNER_XLSX if data["format"] == "xlsx" else ExportKind.PARTNER_CSV
        services.export_job_start(
            actor=request.user,
            kind=kind,
            parameters={
                "scope": "national",
                "from": data["start"].isoformat() if data["start"] else "",
                "to": (data["as_of"] or timezone.localdate()).isoformat(),
                "partner": data["partner"].pk,
            },
        )
        messages.success(request, _("The export is being prepared: it is listed below."))
        return redirect("reports:export_list")
    return render(request, "reports/partner_export.html", {"form": form})


def _list_export(request: HttpRequest, *, people: bool) -> HttpResponse:
    if people:
        records, filters = lists.people_for_export(request.user, request.GET)
    else:
        records, filters = lists.cases_for_export(request.user, request.GET)
    count = records.count()
    query = {key: request.GET.getlist(key) for key in request.GET}
    if count > settings.EXPORT_DIRECT_ROWS:
        if request.method == "POST":
            csv_kind = ExportKind.PEOPLE_CSV if people else ExportKind.CASES_CSV
            xlsx_kind = ExportKind.PEOPLE_XLSX if people else ExportKind.CASES_XLSX
            kind = csv_kind if request.POST.get("format") == "csv" else xlsx_kind
            services.export_job_start(actor=request.user, kind=kind, parameters={"query": query})
            messages.success(request, _("The export is being prepared: it is listed below."))
            return redirect("reports:export_list")
        return render(
            request,
            "reports/export_start.html",
            {
                "kind": _("People") if people else _("Cases"),
                "about": _("%(count)s rows") % {"count": count},
                "formats": True,
            },
        )
    audit.exported(
        actor=request.user,
        what="person" if people else "case",
        count=count,
        parameters=lists.filter_parameters(filters),
    )
    header = lists.person_header() if people else lists.case_header()
    row = lists.person_row if people else lists.case_row
    buffer = io.BytesIO()
    exports.write_list_xlsx(
        buffer,
        title=_("People") if people else _("Cases"),
        header=header,
        rows=(row(r) for r in records.iterator(chunk_size=2000)),
    )
    name = f"{'people' if people else 'cases'}-{timezone.localdate():%Y%m%d}.xlsx"
    return _file(buffer.getvalue(), name)


def person_export_xlsx(request: HttpRequest) -> HttpResponse:
    return _list_export(request, people=True)


def case_export_xlsx(request: HttpRequest) -> HttpResponse:
    return _list_export(request, people=False)


def case_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The case summary of one person as a PDF: restricted like the case, and recorded."""
    case = access_object(Case, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=case, reason="case summary PDF")
    buffer = io.BytesIO()
    pdf.write_case_summary_pdf(buffer, case_summary_data(user=request.user, case=case))
    return _file(buffer.getvalue(), f"case-{case.pk}-summary.pdf")


def _jobs(request: HttpRequest) -> list[ExportJob]:
    services.exports_expire()
    return selectors.export_jobs_describe(list(selectors.export_jobs_of(user=request.user)[:50]))


def export_list(request: HttpRequest) -> HttpResponse:
    jobs = _jobs(request)
    return render(
        request,
        "reports/export_list.html",
        {
            "jobs": jobs,
            "polling": any(not job.is_finished for job in jobs),
            "keep_days": settings.EXPORT_KEEP_DAYS,
        },
    )


def export_rows(request: HttpRequest) -> HttpResponse:
    """The rows of the export list, polled while an export is being prepared."""
    jobs = _jobs(request)
    return render(
        request,
        "reports/_export_rows.html",
        {"jobs": jobs, "polling": any(not job.is_finished for job in jobs)},
    )


def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        job = access_object(ExportJob, request.user, pk, VIEW)
    except PermissionDenied:
        # Another user's export: it is not shown to exist.
        raise Http404(_("No such export.")) from None
    try:
        path = services.export_downloaded(actor=request.user, job=job)
    except ValidationError as exc:
        raise Http404("; ".join(exc.messages)) from None
    extension = job.file_name.rsplit(".", 1)[-1]
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )


def published_list(request: HttpRequest) -> HttpResponse:
    figures = selectors.published_figures(user=request.user)[:200]
    return render(request, "reports/published_list.html", {"figures": figures})
