"""Pages of tracing: imported lists (upload, column mapping, matching progress, review queue)
and people abroad (records, statuses, evidence, the report)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, DELETE, VIEW, access_object
from reintegra.people.models import Person
from reintegra.people.views import unless_merged
from reintegra.returns import services as return_services
from reintegra.returns.models import AbroadRecord, AbroadStatus, EvidenceKind
from reintegra.tracing import selectors, services
from reintegra.tracing.forms import (
    AbroadForm,
    EvidenceForm,
    MappingForm,
    RegisterRowForm,
    RowFilterForm,
    StatusForm,
    UploadForm,
)
from reintegra.tracing.models import BatchStatus, ImportBatch, ImportRow
from reintegra.web.forms import act, apply_service_errors, submit
from reintegra.web.lists import paginate, query_without


def batch_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.batch_list(user=request.user))
    return render(request, "tracing/batch_list.html", {"page": page, "page_query": ""})


def batch_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.batch_upload(
                actor=request.user,
                source=form.cleaned_data["source"],
                file_name=upload.name,
                content=upload.read(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("tracing:batch_detail", pk=batch.pk)
    return render(request, "tracing/batch_upload.html", {"form": form})


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Mapping the columns while they are not; the progress of matching; then the review."""
    batch = access_object(ImportBatch, request.user, pk, VIEW)
    if batch.status == BatchStatus.READY:
        return redirect("tracing:review", pk=batch.pk)
    form, report = None, []
    if batch.status == BatchStatus.MAPPING:
        form = MappingForm(
            request.POST or None,
            columns=batch.columns,
            samples=[row.cells for row in batch.pending_rows[:3]],
            initial=services.guess_mapping(batch.columns),
        )
        if request.method == "POST" and form.is_valid():
            try:
                batch = services.batch_map(
                    actor=request.user, batch=batch, mapping=form.cleaned_data
                )
            except services.ImportRejected as exc:
                report = exc.report
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                return redirect("tracing:batch_detail", pk=batch.pk)
    return render(
        request,
        "tracing/batch_detail.html",
        {"batch": batch, "form": form, "report": report},
    )


@require_POST
def batch_discard(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_object(ImportBatch, request.user, pk, DELETE)
    if act(
        request,
        lambda: services.batch_discard(actor=request.user, batch=batch),
        success=_("The list %(source)s was discarded.") % {"source": batch.source},
    ):
        return redirect("tracing:batch_list")
    return redirect("tracing:batch_detail", pk=batch.pk)


def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled while the list is matched; the review link once it is."""
    batch = access_object(ImportBatch, request.user, pk, VIEW)
    return render(request, "tracing/_progress.html", {"batch": batch})


def review(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_object(ImportBatch, request.user, pk, VIEW)
    # The queue shows registered people beside each row: an access entry, like any person page.
    audit.viewed(actor=request.user, obj=batch, reason="review")
    form = RowFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RowFilters(
        decision=data.get("decision", ""), undecided=bool(data.get("undecided"))
    )
    page = paginate(
        request, selectors.review_rows(user=request.user, batch=batch, filters=filters), 10
    )
    return render(
        request,
        "tracing/review.html",
        {
            "batch": batch,
            "form": form,
            "page": page,
            "page_query": query_without(request, "page"),
            "counts": selectors.batch_counts(user=request.user, batch=batch),
            "sex_form": RegisterRowForm(prefix="new"),
        },
    )


@require_POST
def row_decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_object(ImportRow, request.user, pk, CHANGE)
    action = request.POST.get("action")
    try:
        if action == "link":
            person = access_object(Person, request.user, request.POST.get("person"), CHANGE)
            services.row_link(actor=request.user, row=row, person=person)
            messages.success(request, _("Linked to %(name)s.") % {"name": person})
        elif action == "register":
            form = RegisterRowForm(request.POST, prefix="new")
            sex = form.cleaned_data["sex"] if form.is_valid() else ""
            row = services.row_register(actor=request.user, row=row, sex=sex)
            messages.success(request, _("%(name)s is registered.") % {"name": row.person})
        elif action == "not_found":
            services.row_not_found(actor=request.user, row=row)
            messages.success(request, _("Marked as not found."))
        else:
            messages.error(request, _("Unknown decision."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    # Back where the reviewer was, at the row just decided (its header now says what was done).
    back = request.POST.get("next", "")
    if not back.startswith("/tracing/"):
        back = reverse("tracing:review", args=[row.batch_id])
    return redirect(f"{back.split('#')[0]}#line-{row.line}")


# --- People abroad -------------------------------------------------------------------------------


def abroad_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in AbroadStatus.values:
        status = ""
    records = selectors.abroad_list(user=request.user, status=status)
    rows = [
        (r, selectors.declaration_for(r, r.current.status if r.current else "")) for r in records
    ]
    return render(
        request,
        "tracing/abroad_list.html",
        {"rows": rows, "statuses": AbroadStatus.choices, "status": status},
    )


def abroad_report(request: HttpRequest) -> HttpResponse:
    report = selectors.abroad_report(user=request.user)
    table = [
        (
            AbroadStatus(status).label,
            report["by_status"][status],
            [report["by_status_and_evidence"][status][k] for k in EvidenceKind.values],
        )
        for status in AbroadStatus.values
    ]
    return render(
        request,
        "tracing/abroad_report.html",
        {"report": report, "table": table, "kinds": EvidenceKind.choices},
    )


@unless_merged
def abroad_create(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = access_object(Person, request.user, person_pk, CHANGE)
    form = AbroadForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: return_services.abroad_record_open(actor=request.user, person=person, **data),
        success=_("The person is recorded as abroad."),
        then=lambda record: redirect("tracing:abroad_detail", pk=record.pk),
    )
    return done or render(
        request,
        "tracing/abroad_form.html",
        {"form": form, "person": person, "title": _("Record as abroad")},
    )


def abroad_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_object(AbroadRecord, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=record.person, reason="abroad")
    may_record = AbroadRecord.objects.restrict(request.user, CHANGE).filter(pk=pk).exists()
    return render(
        request,
        "tracing/abroad_detail.html",
        {
            "record": record,
            "person": record.person,
            "may_record": may_record,
            **selectors.abroad_detail(user=request.user, record=record),
        },
    )


def _record_form(request, pk, form, perform, *, success, title) -> HttpResponse:
    record = access_object(AbroadRecord, request.user, pk, CHANGE)
    done = submit(
        request,
        form,
        lambda data: perform(record, data),
        success=success,
        then=lambda _result: redirect("tracing:abroad_detail", pk=record.pk),
    )
    return done or render(
        request,
        "tracing/abroad_form.html",
        {"form": form, "person": record.person, "record": record, "title": title},
    )


def abroad_status_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form(
        request,
        pk,
        StatusForm(request.POST or None),
        lambda record, data: return_services.abroad_status_add(
            actor=request.user, record=record, **data
        ),
        success=_("The status is recorded."),
        title=_("Record a status"),
    )


def abroad_evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form(
        request,
        pk,
        EvidenceForm(request.POST or None),
        lambda record, data: return_services.abroad_evidence_add(
            actor=request.user, record=record, **data
        ),
        success=_("The evidence is recorded."),
        title=_("Record evidence"),
    )
