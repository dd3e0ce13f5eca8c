from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from reintegra.core import selectors
from reintegra.core.access import access_object
from reintegra.core.forms import OrganisationFilterForm
from reintegra.core.models import Organisation, Region
from reintegra.web.lists import paginate, query_without, sort_queryset


def organisation_sorts() -> dict[str, tuple[str, ...]]:
    """Sort keys of the organisation list; names sort in the language being shown."""
    language = (get_language() or "ru")[:2]
    name_field = f"name_{language}" if language in {"kk", "ru", "en"} else "name_ru"
    return {
        "code": ("code",),
        "name": (name_field,),
        "kind": ("kind",),
        "region": ("region__sort_order",),
    }


def region_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/region_list.html", {"regions": selectors.region_list(user=request.user)}
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(
        request.GET or None, regions=Region.objects.restrict(request.user, "view")
    )
    filters = form.cleaned_data if form.is_valid() else {}
    region = filters.get("region")
    qs = selectors.organisation_list(
        user=request.user,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        region_id=region.pk if region else None,
    )
    qs, current_sort = sort_queryset(request, qs, organisation_sorts(), "code")
    page = paginate(request, qs)
    return render(
        request,
        "core/organisation_list.html",
        {
            "form": form,
            "page": page,
            "page_query": query_without(request, "page"),
            "sort_query": query_without(request, "page", "sort"),
            "current_sort": current_sort,
            "filtered": bool(filters and any(filters.values())),
        },
    )


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_object(Organisation, request.user, pk, "view")
    branches = selectors.organisation_list(user=request.user).filter(parent=organisation)
    return render(
        request,
        "core/organisation_detail.html",
        {"organisation": organisation, "branches": branches},
    )
