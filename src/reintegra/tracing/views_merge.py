"""Pages of merging duplicates: choose the duplicate, confirm side by side, undo."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, access_object, restrict_through
from reintegra.people.models import Person
from reintegra.people.selectors import name_search_q
from reintegra.people.views import unless_merged
from reintegra.tracing import merge as merging
from reintegra.tracing.models import PersonMerge
from reintegra.web.forms import act


@unless_merged
def merge_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the duplicate to merge into this person."""
    survivor = access_object(Person, request.user, pk, CHANGE)
    query = (request.GET.get("q") or "").strip()
    found = Person.objects.none()
    if query:
        # Only people the merge will allow: changed through a merging membership that also
        # reaches this person (``merge.access_merge``).
        found = (
            restrict_through(
                Person, request.user, CHANGE, roles=merging.MERGERS, reaching=survivor.pk
            )
            .filter(name_search_q(query), merged_into__isnull=True)
            .exclude(pk=survivor.pk)
            .order_by("sort_name", "pk")
            .distinct()[:25]
        )
    return render(
        request, "tracing/merge_choose.html", {"person": survivor, "q": query, "found": found}
    )


def merge_confirm(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    survivor = access_object(Person, request.user, pk, CHANGE)
    merged = access_object(Person, request.user, other, CHANGE)
    if request.method != "POST":
        # Both records are shown in full, side by side.
        for someone in (survivor, merged):
            audit.viewed(actor=request.user, obj=someone, reason="merge")
    if request.method == "POST" and act(
        request,
        lambda: merging.person_merge(actor=request.user, survivor=survivor, merged=merged),
        success=_("%(merged)s is merged into %(name)s.") % {"merged": merged, "name": survivor},
    ):
        return redirect("people:person_detail", pk=survivor.pk)
    return render(
        request,
        "tracing/merge_confirm.html",
        {
            "person": survivor,
            "other": merged,
            "preview": merging.merge_preview(survivor=survivor, merged=merged),
            "sides": [
                (survivor, survivor.names.all(), _("Kept")),
                (merged, merged.names.all(), _("Merged into it")),
            ],
            "differs": merging.differences(survivor, merged),
        },
    )


def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """The question (also on a plain load, as after switching the language), then the undo."""
    record = access_object(PersonMerge, request.user, pk, CHANGE)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(request, "tracing/merge_undo.html", {"merge": record})
    act(
        request,
        lambda: merging.person_merge_undo(actor=request.user, merge=record),
        success=_("The merge is undone."),
    )
    return redirect("people:person_detail", pk=record.survivor_id)
