"""Pages about specialists: profiles, certificates about to expire, the report by region,
profession and category."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, User
from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, VIEW, access_context, access_object
from reintegra.core.roles import Profession, Role
from reintegra.core.routes import may_open
from reintegra.knowledge import selectors, specialists
from reintegra.knowledge.forms import (
    CertificateForm,
    ExpiringForm,
    SpecialistFilterForm,
    SpecialistForm,
)
from reintegra.knowledge.models import Certificate, QualificationCategory, Specialist
from reintegra.web.forms import apply_edit_refusal, submit
from reintegra.web.lists import paginate, query_without


def specialist_list(request: HttpRequest) -> HttpResponse:
    form = SpecialistFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.specialist_list(
        user=request.user,
        profession=data.get("profession") or "",
        category=data["category"].pk if data.get("category") else None,
    )
    context = access_context(request.user)
    return render(
        request,
        "knowledge/specialist_list.html",
        {
            "form": form,
            "page": paginate(request, qs),
            "page_query": query_without(request, "page"),
            "may_add": context.has_role(Role.ADMINISTRATOR, Role.REGIONAL_COORDINATOR),
            "may_report": may_open(request.user, "knowledge:specialist_report"),
        },
    )


def specialist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    specialist = access_object(Specialist, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=specialist)
    context = access_context(request.user)
    may_change = Specialist.objects.restrict(request.user, CHANGE).filter(pk=pk).exists()
    return render(
        request,
        "knowledge/specialist_detail.html",
        {
            "specialist": specialist,
            "certificates": specialist.certificates.all(),
            "valid_trainings": specialists.valid_trainings(specialist),
            "may_edit": may_change
            and context.has_role(Role.ADMINISTRATOR, Role.REGIONAL_COORDINATOR),
            "may_add_certificate": may_change,
            "today": timezone.localdate(),
        },
    )


def _candidates(request: HttpRequest):
    """Accounts with a profession and a specialist or case worker membership the user reaches,
    that have no profile yet."""
    context = access_context(request.user)
    members = Membership.objects.active().filter(role__in=specialists.PROFILE_ROLES)
    if not context.has_role(Role.ADMINISTRATOR):
        reach = set()
        for grant in context.grants_for([Role.REGIONAL_COORDINATOR]):
            reach |= grant.organisation_ids
        regions = [
            g.region_id for g in context.grants_for([Role.REGIONAL_COORDINATOR]) if g.region_id
        ]
        members = members.filter(organisation_id__in=reach) | members.filter(
            organisation__region_id__in=regions
        )
    return (
        User.objects.filter(pk__in=members.values("user_id"), is_active=True)
        .exclude(profession="")
        .exclude(specialist__isnull=False)
        .order_by("last_name", "first_name", "username")
    )


def specialist_create(request: HttpRequest) -> HttpResponse:
    form = SpecialistForm(request.POST or None, users=_candidates(request))
    done = submit(
        request,
        form,
        lambda data: specialists.specialist_create(
            actor=request.user,
            user=data["user"],
            category=data["category"],
            category_since=data["category_since"],
            years_experience=data["years_experience"],
            education=data["education"],
        ),
        success=_("The specialist's profile is saved."),
        then=lambda specialist: redirect("knowledge:specialist_detail", pk=specialist.pk),
    )
    return done or render(request, "knowledge/specialist_form.html", {"form": form})


def specialist_edit(request: HttpRequest, pk: int) -> HttpResponse:
    specialist = access_object(Specialist, request.user, pk, CHANGE)
    form = SpecialistForm(
        request.POST or None,
        initial={
            "version": specialist.version,
            "category": specialist.category_id,
            "category_since": specialist.category_since,
            "years_experience": specialist.years_experience,
            "education": specialist.education,
        },
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            specialists.specialist_update(
                actor=request.user,
                specialist=specialist,
                expected_version=data["version"] or 0,
                category=data["category"],
                category_since=data["category_since"],
                years_experience=data["years_experience"],
                education=data["education"],
            )
        except ValidationError as exc:
            conflict = apply_edit_refusal(form, exc, specialist)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("knowledge:specialist_detail", pk=specialist.pk)
    return render(
        request,
        "knowledge/specialist_form.html",
        {"form": form, "specialist": specialist, "conflict": conflict},
    )


def certificate_add(request: HttpRequest, pk: int) -> HttpResponse:
    specialist = access_object(Specialist, request.user, pk, CHANGE)
    form = CertificateForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: specialists.certificate_add(
            actor=request.user,
            specialist=specialist,
            kind=data["kind"],
            title=data["title"],
            issuer=data["issuer"],
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
            hours=data["hours"],
            upload=data["file"],
        ),
        success=_("The certificate is recorded."),
        then=lambda _c: redirect("knowledge:specialist_detail", pk=specialist.pk),
    )
    return done or render(
        request, "knowledge/certificate_form.html", {"form": form, "specialist": specialist}
    )


def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    certificate = access_object(Certificate, request.user, pk, VIEW)
    if not certificate.file:
        raise Http404(_("No file is kept for this certificate."))
    try:
        handle = certificate.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from the server.")) from exc
    audit.viewed(actor=request.user, obj=certificate, reason="file")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=certificate.filename,
        content_type=certificate.content_type,
    )


def certificate_expiring(request: HttpRequest) -> HttpResponse:
    form = ExpiringForm(request.GET or None)
    days = form.cleaned_data.get("days") if form.is_valid() else None
    expiring = selectors.certificates_expiring(user=request.user, days=days)
    if not form.is_bound:
        form = ExpiringForm(initial={"days": expiring.days})
    return render(
        request, "knowledge/certificate_expiring.html", {"form": form, "expiring": expiring}
    )


def specialist_report(request: HttpRequest) -> HttpResponse:
    language = (get_language() or "ru")[:2]
    professions = dict(Profession.choices)
    rows = []
    total = 0
    for row in selectors.specialist_report(user=request.user):
        region = (
            row[f"organisation__region__name_{language}"] or row["organisation__region__name_ru"]
        )
        category = row[f"category__name_{language}"] or row["category__name_ru"]
        rows.append(
            {
                "region": region or _("National or international"),
                "profession": professions.get(row["user__profession"], row["user__profession"])
                or _("Not given"),
                "category": category or _("No category"),
                "count": row["count"],
            }
        )
        total += row["count"]
    return render(
        request,
        "knowledge/specialist_report.html",
        {
            "rows": rows,
            "total": total,
            "categories": QualificationCategory.objects.all(),
        },
    )
