"""Pages of emergency access: asking for it, and the list coordinators and auditors oversee."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.cases import emergency
from reintegra.cases.models import Case, EmergencyAccess
from reintegra.core.access import VIEW, access_context, access_object
from reintegra.core.roles import Role
from reintegra.web.forms import submit
from reintegra.web.lists import paginate


class EmergencyAccessForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you need this case now?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The coordinator of the case and the auditor see this reason, your name and the time."
        ),
    )


def emergency_access(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to open a case outside one's scope. Shows nothing of the case before the reason."""
    if not emergency.may_break_the_glass(request.user):
        raise PermissionDenied(_("Your role does not allow emergency access."))
    if Case.objects.restrict(request.user, VIEW).filter(pk=pk).exists():
        return redirect("cases:case_detail", pk=pk)
    emergency._case_exists(pk)
    form = EmergencyAccessForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: emergency.emergency_access_open(
            actor=request.user, case_id=pk, reason=data["reason"]
        ),
        success=_("Emergency access is open; it is recorded and shown to the coordinator."),
        then=lambda _grant: redirect("cases:case_detail", pk=pk),
    )
    return done or render(
        request,
        "cases/emergency_form.html",
        {"form": form, "case_id": pk, "hours": emergency.settings.EMERGENCY_ACCESS_HOURS},
    )


def emergency_access_end(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("cases:emergency_list")
    grant = access_object(EmergencyAccess, request.user, pk, VIEW)
    emergency.emergency_access_end(actor=request.user, grant=grant)
    messages.success(request, _("The emergency access is ended."))
    if grant.user_id == request.user.pk:
        return redirect("cases:case_list")
    return redirect("cases:emergency_list")


def emergency_list(request: HttpRequest) -> HttpResponse:
    grants = (
        emergency.emergency_access_overseen(request.user)
        .select_related("user", "case__region", "case__organisation")
        .order_by("-granted_at", "-pk")
    )
    if request.GET.get("show") != "all":
        grants = grants.in_force()
    return render(
        request,
        "cases/emergency_list.html",
        {
            "page": paginate(request, grants),
            "show_all": request.GET.get("show") == "all",
            "may_end": access_context(request.user).has_role(Role.REGIONAL_COORDINATOR),
        },
    )
