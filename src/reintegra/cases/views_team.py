"""The case team page: who works on the case, adding and removing colleagues."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.cases import services
from reintegra.cases.models import Case, TeamMember
from reintegra.core.access import CHANGE, access_object
from reintegra.core.roles import Profession
from reintegra.web.forms import submit


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Colleague"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = candidate_label


def candidate_label(user) -> str:
    """Name, profession and qualification category (from the specialist's profile, if any)."""
    parts = [user.get_full_name() or user.username]
    if user.profession:
        parts.append(str(user.get_profession_display()))
    profile = getattr(user, "specialist", None)
    if profile is not None and profile.category is not None:
        parts.append(str(profile.category))
    return " · ".join(parts)


class ProfessionFilterForm(forms.Form):
    profession = forms.ChoiceField(
        label=gettext_lazy("Profession"),
        required=False,
        choices=[("", gettext_lazy("Any profession")), *Profession.choices],
    )


def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    if request.method == "POST" and request.POST.get("remove"):
        member = TeamMember.objects.filter(case=case, pk=request.POST["remove"]).first()
        if member is not None:
            services.team_member_remove(actor=request.user, member=member)
            messages.success(
                request, _("%(user)s is no longer on the team.") % {"user": member.user}
            )
        return redirect("cases:team_edit", pk=case.pk)
    filter_form = ProfessionFilterForm(request.GET or None)
    profession = filter_form.cleaned_data["profession"] if filter_form.is_valid() else ""
    candidates = services.team_candidates(case, profession=profession)
    form = TeamMemberForm(request.POST or None, candidates=candidates)
    done = submit(
        request,
        form,
        lambda data: services.team_member_join(actor=request.user, case=case, user=data["user"]),
        success=_("The colleague is on the team."),
        then=lambda _member: redirect("cases:team_edit", pk=case.pk),
    )
    return done or render(
        request,
        "cases/team_edit.html",
        {
            "case": case,
            "members": case.team.select_related("user").order_by("added_on", "pk"),
            "form": form,
            "filter_form": filter_form,
            "profession": profession,
            "has_candidates": candidates.exists(),
        },
    )
