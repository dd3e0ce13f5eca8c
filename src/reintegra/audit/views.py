from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reintegra.audit.forms import EventFilterForm
from reintegra.audit.models import Event
from reintegra.audit.selectors import event_list, verify_chain
from reintegra.core.access import access_object
from reintegra.web.lists import paginate, query_without


def event_list_view(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, event_list(user=request.user, **filters))
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page": page,
            "page_query": query_without(request, "page"),
            "filtered": bool(filters and any(filters.values())),
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_object(Event, request.user, pk, "view")
    return render(request, "audit/event_detail.html", {"event": event})


def verify(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/verify.html", {"report": verify_chain()})
