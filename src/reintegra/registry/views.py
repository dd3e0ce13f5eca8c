from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render as django_render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from reintegra.core.access import CHANGE, REGISTER_EDITORS, VIEW, access_context, access_object
from reintegra.core.routes import may_open
from reintegra.registry import imports, lookups, selectors, services
from reintegra.registry.forms import (
    AddressLookupForm,
    FileLookupForm,
    ImportForm,
    MaterialFilterForm,
    MaterialForm,
    NameLookupForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from reintegra.registry.models import BannedMaterial, BannedOrganisation
from reintegra.registry.uploads import HashingUploadHandler
from reintegra.web.forms import apply_edit_refusal, apply_service_errors, submit
from reintegra.web.lists import paginate, query_without, sort_queryset

ORGANISATION_SORTS = {
    "name_en": ("name_en",),
    "name_ru": ("name_ru",),
    "kind": ("kind",),
    "decision": ("decision_date",),
}
MATERIAL_SORTS = {
    "title": ("title",),
    "kind": ("kind",),
    "banned": ("banned_on",),
    "region": ("region__sort_order",),
}


REGISTER_PAGES = [
    ("registry:organisation_list", _lazy("Banned organisations")),
    ("registry:material_list", _lazy("Banned materials")),
    ("registry:lookup", _lazy("Check")),
    ("registry:import", _lazy("Import")),
]


def render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a page of the register, with the register's own links the user may open."""
    context["register_pages"] = [
        {"route": route, "label": label, "url": reverse(route)}
        for route, label in REGISTER_PAGES
        if may_open(request.user, route)
    ]
    return django_render(request, template, context)


def _may_edit(user) -> bool:
    return access_context(user).has_role(*REGISTER_EDITORS)


def _list_context(request: HttpRequest, form, qs, sorts, default: str) -> dict[str, Any]:
    qs, current_sort = sort_queryset(request, qs, sorts, default)
    return {
        "form": form,
        "page": paginate(request, qs),
        "page_query": query_without(request, "page"),
        "sort_query": query_without(request, "page", "sort"),
        "current_sort": current_sort,
        "filtered": bool(form.is_valid() and any(form.cleaned_data.values())),
        "may_edit": _may_edit(request.user),
    }


def _edit_page(
    request: HttpRequest,
    *,
    record: Model,
    form,
    update: Callable[..., Model],
    template: str,
    then: str,
) -> HttpResponse:
    """An edit form with optimistic locking: a save over a newer version is refused."""
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            update(expected_version=version, **data)
        except ValidationError as exc:
            conflict = apply_edit_refusal(form, exc, record)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(then, pk=record.pk)
    return render(request, template, {"form": form, "record": record, "conflict": conflict})


# --- Organisations -------------------------------------------------------------------------------


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.organisation_list(
        user=request.user,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        in_force=filters.get("in_force", ""),
    )
    context = _list_context(request, form, qs, ORGANISATION_SORTS, "name_en")
    return render(request, "registry/organisation_list.html", context)


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_object(BannedOrganisation, request.user, pk, VIEW)
    return render(
        request,
        "registry/organisation_detail.html",
        {
            "organisation": organisation,
            "in_force": lookups.in_force(organisation),
            "may_edit": BannedOrganisation.objects.restrict(request.user, CHANGE)
            .filter(pk=pk)
            .exists(),
        },
    )


def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)

    def create(data):
        data = {k: v for k, v in data.items() if k != "version"}
        return services.organisation_create(actor=request.user, **data)

    done = submit(
        request,
        form,
        create,
        success=_("The organisation is added to the register."),
        then=lambda organisation: redirect("registry:organisation_detail", pk=organisation.pk),
    )
    return done or render(
        request, "registry/organisation_form.html", {"form": form, "record": None}
    )


def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_object(BannedOrganisation, request.user, pk, CHANGE)
    initial = {
        field: getattr(organisation, field)
        for field in services.ORGANISATION_FIELDS
        if field != "aliases"
    }
    initial["aliases"] = "\n".join(organisation.aliases or [])
    initial["version"] = organisation.version
    form = OrganisationForm(request.POST or None, initial=initial)
    return _edit_page(
        request,
        record=organisation,
        form=form,
        update=lambda **data: services.organisation_update(
            actor=request.user, organisation=organisation, **data
        ),
        template="registry/organisation_form.html",
        then="registry:organisation_detail",
    )


# --- Materials -----------------------------------------------------------------------------------


def material_list(request: HttpRequest) -> HttpResponse:
    form = MaterialFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    region = filters.get("region")
    qs = selectors.material_list(
        user=request.user,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        region_id=region.pk if region else None,
    )
    context = _list_context(request, form, qs, MATERIAL_SORTS, "-banned")
    return render(request, "registry/material_list.html", context)


def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(BannedMaterial, request.user, pk, VIEW)
    return render(
        request,
        "registry/material_detail.html",
        {
            "material": material,
            "hashes": material.hashes.all(),
            "addresses": material.addresses.all(),
            "may_edit": BannedMaterial.objects.restrict(request.user, CHANGE)
            .filter(pk=pk)
            .exists(),
        },
    )


def material_create(request: HttpRequest) -> HttpResponse:
    form = MaterialForm(request.POST or None)

    def create(data):
        data = {k: v for k, v in data.items() if k != "version"}
        return services.material_create(actor=request.user, **data)

    done = submit(
        request,
        form,
        create,
        success=_("The material is added to the register."),
        then=lambda material: redirect("registry:material_detail", pk=material.pk),
    )
    return done or render(request, "registry/material_form.html", {"form": form, "record": None})


def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(BannedMaterial, request.user, pk, CHANGE)
    initial = services.material_fields(material)
    initial["hashes"] = "\n".join(initial["hashes"])
    initial["addresses"] = "\n".join(initial["addresses"])
    initial["region"] = material.region_id
    initial["version"] = material.version
    form = MaterialForm(request.POST or None, initial=initial)
    return _edit_page(
        request,
        record=material,
        form=form,
        update=lambda **data: services.material_update(
            actor=request.user, material=material, **data
        ),
        template="registry/material_form.html",
        then="registry:material_detail",
    )


# --- Look-up -------------------------------------------------------------------------------------

LOOKUP_TABS = ("name", "address", "file")


@csrf_exempt
def lookup(request: HttpRequest) -> HttpResponse:
    """Check a name, an address or a file. The upload handler is replaced before anything reads
    the request body (hence CSRF is checked inside, after): the file is hashed, never kept."""
    if request.method == "POST":
        request.upload_handlers = [HashingUploadHandler(request)]
    return _lookup(request)


@csrf_protect
def _lookup(request: HttpRequest) -> HttpResponse:
    by = request.POST.get("by") or request.GET.get("by") or "name"
    by = by if by in LOOKUP_TABS else "name"
    posted = request.method == "POST"
    forms_by = {
        "name": NameLookupForm(request.POST if posted and by == "name" else None, prefix="name"),
        "address": AddressLookupForm(
            request.POST if posted and by == "address" else None, prefix="address"
        ),
        "file": FileLookupForm(
            request.POST if posted and by == "file" else None,
            request.FILES if posted and by == "file" else None,
            prefix="file",
        ),
    }
    form = forms_by[by]
    result = None
    if posted and form.is_valid():
        try:
            if by == "name":
                result = lookups.lookup_name(actor=request.user, text=form.cleaned_data["name"])
            elif by == "address":
                result = lookups.lookup_address(
                    actor=request.user, text=form.cleaned_data["address"]
                )
            else:
                upload = form.cleaned_data["file"]
                result = lookups.lookup_hash(
                    actor=request.user,
                    sha256=upload.sha256,
                    size=upload.size,
                    filename=upload.name or "",
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "registry/lookup.html",
        {"by": by, "tabs": LOOKUP_TABS, "form": form, "result": result},
    )


# --- Import --------------------------------------------------------------------------------------


def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        what = form.cleaned_data["what"]
        report = imports.registry_import(
            actor=request.user, what=what, content=upload.read(), filename=upload.name or ""
        )
        upload.close()
        if report.ok:
            messages.success(
                request,
                _("%(count)d rows imported.") % {"count": report.created},
            )
            target = (
                "registry:organisation_list"
                if what == "organisations"
                else "registry:material_list"
            )
            return redirect(target)
    return render(
        request,
        "registry/import.html",
        {
            "form": form,
            "report": report,
            "organisation_columns": imports.ORGANISATION_COLUMNS,
            "material_columns": imports.MATERIAL_COLUMNS,
        },
    )
