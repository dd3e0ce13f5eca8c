"""Pages of program activities: the list, one activity, recording and editing it, its teams and
named participants, and the annual targets with their progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, VIEW, access_object
from reintegra.core.models import Organisation, Region
from reintegra.people.models import Person
from reintegra.people.selectors import name_search_q
from reintegra.programs import selectors, services
from reintegra.programs.forms import (
    ActivityFilterForm,
    ActivityForm,
    PersonSearchForm,
    TargetForm,
    TeamForm,
)
from reintegra.programs.models import (
    AGE_GROUPS,
    Activity,
    Attendance,
    ParticipantSex,
    Target,
    Team,
)
from reintegra.web.forms import apply_edit_refusal, apply_service_errors, submit
from reintegra.web.lists import paginate, query_without, sort_queryset

ACTIVITY_SORTS = {
    "date": ("starts_on",),
    "title": ("title",),
    "kind": ("kind",),
    "participants": ("participants",),
}
PEOPLE_FOUND = 20


def _may_change(user, activity: Activity) -> bool:
    return Activity.objects.restrict(user, CHANGE).filter(pk=activity.pk).exists()


def activity_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = Activity.objects.restrict(user, VIEW)
    form = ActivityFilterForm(
        request.GET or None,
        years=selectors.activity_years(user=user),
        organisations=Organisation.objects.filter(pk__in=visible.values("organisation_id")),
        regions=Region.objects.filter(pk__in=visible.values("region_id")),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ActivityFilters(
        search=data.get("q", ""),
        kind=data.get("kind", ""),
        year=data.get("year"),
        organisation_id=data["organisation"].pk if data.get("organisation") else None,
        region_id=data["region"].pk if data.get("region") else None,
    )
    qs, current_sort = sort_queryset(
        request, selectors.activity_list(user=user, filters=filters), ACTIVITY_SORTS, "-date"
    )
    return render(
        request,
        "programs/activity_list.html",
        {
            "form": form,
            "page": paginate(request, qs),
            "page_query": query_without(request, "page"),
            "sort_query": query_without(request, "page", "sort"),
            "current_sort": current_sort,
            "filtered": any(vars(filters).values()),
            "may_record": services.editable_organisations(user).exists(),
        },
    )


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_object(Activity, request.user, pk, VIEW)
    teams = list(selectors.teams_of(user=request.user, activity=activity))
    counts = {(c.sex, c.age_group): c.count for c in activity.counts.all()}
    count_rows = [
        {
            "label": ParticipantSex(sex).label,
            "cells": [counts.get((sex, age)) for age in AGE_GROUPS],
            "total": sum(n for (s, _age), n in counts.items() if s == sex),
        }
        for sex in ParticipantSex.values
    ]
    return render(
        request,
        "programs/activity_detail.html",
        {
            "activity": activity,
            "teams": teams,
            "totals": selectors.team_totals(teams),
            "count_rows": count_rows,
            "age_groups": AGE_GROUPS,
            "has_counts": bool(counts),
            "recorded": sum(counts.values()),
            "attendance": selectors.attendance_of(user=request.user, activity=activity),
            "may_edit": _may_change(request.user, activity),
        },
    )


def _activity_form_page(request, form, activity=None) -> HttpResponse:
    return render(
        request,
        "programs/activity_form.html",
        {"form": form, "activity": activity, "conflict": getattr(form, "conflict", False)},
    )


def activity_create(request: HttpRequest) -> HttpResponse:
    form = ActivityForm(
        request.POST or None,
        organisations=services.editable_organisations(request.user),
        initial={"starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_record(actor=request.user, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The activity is recorded."))
            if activity.is_tournament:
                return redirect("programs:team_edit", pk=activity.pk)
            return redirect("programs:activity_detail", pk=activity.pk)
    return _activity_form_page(request, form)


def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_object(Activity, request.user, pk, CHANGE)
    form = ActivityForm(
        request.POST or None,
        organisations=services.editable_organisations(request.user),
        initial=ActivityForm.initial_from(activity),
    )
    form.conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            services.activity_update(
                actor=request.user,
                activity=activity,
                expected_version=form.cleaned_data["version"] or 0,
                **data,
            )
        except ValidationError as exc:
            form.conflict = apply_edit_refusal(form, exc, activity)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("programs:activity_detail", pk=activity.pk)
    return _activity_form_page(request, form, activity)


def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_object(Activity, request.user, pk, CHANGE)
    if request.method == "POST" and request.POST.get("remove"):
        team = Team.objects.filter(activity=activity, pk=request.POST["remove"]).first()
        if team is not None:
            services.team_remove(actor=request.user, team=team)
            messages.success(request, _("The team %(team)s is removed.") % {"team": team.name})
        return redirect("programs:team_edit", pk=activity.pk)
    form = TeamForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.team_add(actor=request.user, activity=activity, **data),
        success=_("The team is added."),
        then=lambda _team: redirect("programs:team_edit", pk=activity.pk),
    )
    if done:
        return done
    teams = list(selectors.teams_of(user=request.user, activity=activity))
    return render(
        request,
        "programs/team_edit.html",
        {
            "activity": activity,
            "teams": teams,
            "totals": selectors.team_totals(teams),
            "form": form,
        },
    )


def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_object(Activity, request.user, pk, CHANGE)
    if request.method == "GET":
        # The named participants are personal records.
        audit.viewed(actor=request.user, obj=activity, reason="attendance")
    if request.method == "POST":
        if request.POST.get("remove"):
            attendance = Attendance.objects.filter(
                activity=activity, pk=request.POST["remove"]
            ).first()
            if attendance is not None:
                services.attendance_remove(actor=request.user, attendance=attendance)
                messages.success(request, _("The participant is removed."))
        elif request.POST.get("person"):
            person = access_object(Person, request.user, request.POST["person"], VIEW)
            try:
                services.attendance_add(actor=request.user, activity=activity, person=person)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request, _("%(person)s is listed as a participant.") % {"person": person}
                )
        return redirect(f"{request.path}?{request.GET.urlencode()}")
    listed = selectors.attendance_of(user=request.user, activity=activity)
    search = PersonSearchForm(request.GET or None)
    found = []
    if search.is_valid():
        found = list(
            Person.objects.restrict(request.user, VIEW)
            .filter(name_search_q(search.cleaned_data["q"]), merged_into__isnull=True)
            .filter(~Q(pk__in=Attendance.objects.filter(activity=activity).values("person_id")))
            .order_by("sort_name", "pk")[:PEOPLE_FOUND]
        )
    return render(
        request,
        "programs/attendance_edit.html",
        {
            "activity": activity,
            "listed": listed,
            "search": search,
            "found": found,
            "searched": search.is_valid(),
            "query": request.GET.urlencode(),
        },
    )


def target_list(request: HttpRequest) -> HttpResponse:
    years = sorted(
        set(selectors.target_list(user=request.user).values_list("year", flat=True)), reverse=True
    )
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    if year is None and years:
        this_year = timezone.localdate().year
        year = this_year if this_year in years else years[0]
    targets = selectors.target_list(user=request.user, year=year)
    return render(
        request,
        "programs/target_list.html",
        {
            "progress": [selectors.progress_of(t, as_of=timezone.localdate()) for t in targets],
            "years": years,
            "year": year,
            "may_set": services.target_organisations(request.user).exists(),
        },
    )


def target_set(request: HttpRequest) -> HttpResponse:
    form = TargetForm(
        request.POST or None, organisations=services.target_organisations(request.user)
    )
    done = submit(
        request,
        form,
        lambda data: services.target_set(actor=request.user, **data),
        success=_("The target is set."),
        then=lambda target: redirect(f"{_targets_url()}?year={target.year}"),
    )
    return done or render(request, "programs/target_form.html", {"form": form})


def _targets_url() -> str:
    from django.urls import reverse

    return reverse("programs:target_list")


def target_remove(request: HttpRequest, pk: int) -> HttpResponse:
    target = access_object(Target, request.user, pk, CHANGE)
    if request.method == "POST":
        year = target.year
        services.target_remove(actor=request.user, target=target)
        messages.success(request, _("The target is removed."))
        return redirect(f"{_targets_url()}?year={year}")
    return render(request, "programs/target_remove.html", {"target": target})
