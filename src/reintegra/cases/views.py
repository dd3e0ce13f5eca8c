from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import services as audit
from reintegra.cases import emergency, plans, referral_selectors, selectors, services
from reintegra.cases.forms import (
    CaseCreateForm,
    CaseEditForm,
    ClosureRequestForm,
    ConsentForm,
    ConsentWithdrawForm,
    DecisionForm,
    GoalForm,
    ObservationForm,
    PlanForm,
    ServiceForm,
    SubmitPlanForm,
)
from reintegra.cases.models import Approval, Case, Consent, Goal, GoalStatus, Plan, Task
from reintegra.core.access import CASE_EDITORS, CHANGE, VIEW, access_context, access_object
from reintegra.core.access.policies import workable_cases
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.models import Person, Relationship
from reintegra.people.views import filter_form, filters_from, person_form_page, unless_merged
from reintegra.reports import lists
from reintegra.web.exports import csv_response
from reintegra.web.forms import act, apply_edit_refusal, apply_service_errors, submit
from reintegra.web.lists import paginate, query_without, sort_queryset

CASE_SORTS = {
    "opened": ("opened_on", "person__sort_name"),
    "person": ("person__sort_name",),
    "region": ("region__sort_order", "person__sort_name"),
    "status": ("status", "person__sort_name"),
}


def case_workers_for(user) -> object:
    organisations = [g.organisation_id for g in access_context(user).grants]
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisations,
            memberships__role=Role.CASE_WORKER,
            memberships__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("last_name", "username")
    )


def case_list(request: HttpRequest) -> HttpResponse:
    form = filter_form(request)
    filters = filters_from(form)
    qs = selectors.case_list(user=request.user, filters=filters)
    qs, current_sort = sort_queryset(request, qs, CASE_SORTS, "-opened")
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": paginate(request, qs),
            "page_query": query_without(request, "page"),
            "sort_query": query_without(request, "page", "sort"),
            "export_query": query_without(request, "page"),
            "current_sort": current_sort,
            "filtered": any(vars(filters).values()),
        },
    )


def case_export(request: HttpRequest) -> HttpResponse:
    filters = filters_from(filter_form(request))
    cases = selectors.case_list(user=request.user, filters=filters, action="export")
    audit.exported(
        actor=request.user,
        what="case",
        count=cases.count(),
        parameters={k: v for k, v in vars(filters).items() if v},
    )
    header = lists.case_header()
    rows = (lists.case_row(c) for c in cases.order_by("pk").iterator(chunk_size=2000))
    return csv_response(f"cases-{timezone.localdate():%Y%m%d}.csv", [str(h) for h in header], rows)


@unless_merged
def case_create(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = access_object(Person, request.user, person_pk, VIEW)
    organisations = Organisation.objects.filter(
        pk__in=[g.organisation_id for g in access_context(request.user).grants_for(CASE_EDITORS)]
    )
    initial = {}
    if access_context(request.user).has_role(Role.CASE_WORKER):
        initial["case_worker"] = request.user.pk
    form = CaseCreateForm(
        request.POST or None,
        organisations=organisations,
        case_workers=case_workers_for(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The case is open."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "person": person})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        case = access_object(Case, request.user, pk, VIEW)
    except PermissionDenied:
        if emergency.may_break_the_glass(request.user):
            return redirect("cases:emergency_access", pk=pk)
        raise
    in_scope = workable_cases(access_context(request.user)).filter(pk=pk).exists()
    glass = None if in_scope else emergency.emergency_access_held(request.user, case)
    audit.viewed(
        actor=request.user, obj=case, reason=f"emergency access {glass.pk}" if glass else ""
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "person": case.person,
            "observations": selectors.observation_history(user=request.user, person=case.person),
            "services": selectors.service_list(user=request.user, case=case),
            "team": case.team.select_related("user"),
            "may_edit": Case.objects.restrict(request.user, CHANGE).filter(pk=pk).exists(),
            "may_record_service": in_scope and case.status == "open",
            "emergency": glass,
            "plan": Plan.objects.restrict(request.user, "view").filter(case=case).first(),
            # A closure the coordinator returned: its comment belongs where the work goes on.
            "returned_closure": (
                Approval.objects.restrict(request.user, "view")
                .filter(case=case, kind="closure")
                .select_related("decided_by")
                .order_by("-requested_at", "-pk")
                .first()
                if case.status == "open"
                else None
            ),
            "referrals": referral_selectors.referrals_of_case(user=request.user, case=case),
            "transfers": referral_selectors.transfers_of_case(user=request.user, case=case),
        },
    )


def case_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=case, reason="timeline")
    return render(
        request,
        "cases/case_timeline.html",
        {"case": case, "entries": selectors.case_timeline(user=request.user, case=case)},
    )


def service_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, VIEW)
    profession, team_cases = selectors.readable_note_cases(request.user)
    form = ServiceForm(
        request.POST or None, may_write_note=bool(profession) and case.pk in team_cases
    )
    done = submit(
        request,
        form,
        lambda data: services.service_record(actor=request.user, case=case, **data),
        success=_("The service is recorded."),
        then=lambda _result: redirect("cases:case_detail", pk=case.pk),
    )
    return done or render(request, "cases/service_form.html", {"form": form, "case": case})


def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    form = CaseEditForm(
        request.POST or None,
        initial={"version": case.version, "case_worker": case.case_worker_id},
        case_workers=case_workers_for(request.user),
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                case_worker=form.cleaned_data["case_worker"],
            )
        except ValidationError as exc:
            conflict = apply_edit_refusal(form, exc, case)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request, "cases/case_edit.html", {"form": form, "case": case, "conflict": conflict}
    )


def observation_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    form = ObservationForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.observation_record(
            actor=request.user,
            person=case.person,
            case=case,
            dimension=data["dimension"],
            value=data["value"],
            valid_from=data["valid_from"],
            source=data["source"],
        ),
        success=_("The observation is recorded."),
        then=lambda _result: redirect("cases:case_detail", pk=case.pk),
    )
    return done or render(request, "cases/observation_form.html", {"form": form, "case": case})


@unless_merged
def consent_add(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = access_object(Person, request.user, person_pk, CHANGE)
    carer_ids = Relationship.objects.filter(
        person=person, kind__in=["mother", "father", "guardian"]
    ).values("relative_id")
    form = ConsentForm(
        request.POST or None,
        carers=Person.objects.restrict(request.user, VIEW).filter(pk__in=carer_ids),
    )
    return person_form_page(
        request,
        person_pk,
        form,
        lambda person, data: services.consent_record(actor=request.user, person=person, **data),
        success=_("The consent is recorded."),
        title=_("Record a consent"),
    )


def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = access_object(Consent, request.user, pk, CHANGE)
    form = ConsentWithdrawForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.consent_withdraw(actor=request.user, consent=consent, **data),
        success=_("The consent is withdrawn."),
        then=lambda _result: redirect("people:person_detail", pk=consent.person_id),
    )
    return done or render(
        request, "cases/consent_withdraw.html", {"form": form, "consent": consent}
    )


def closure_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    form = ClosureRequestForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.case_closure_request(
            actor=request.user,
            case=case,
            reason=data["reason"],
            note=data["note"],
            follow_ups=data["follow_ups"],
        ),
        success=_("The closure is requested; a regional coordinator will decide."),
        then=lambda _result: redirect("cases:case_detail", pk=case.pk),
    )
    return done or render(request, "cases/closure_form.html", {"form": form, "case": case})


def approval_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/approval_list.html",
        {
            "waiting": selectors.approvals_waiting_for(request.user),
            "mine": selectors.my_requests(request.user),
        },
    )


def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    approval = access_object(Approval, request.user, pk, VIEW)
    if request.method == "GET":
        audit.viewed(actor=request.user, obj=approval.case, reason="approval")
    may_decide = approval.status == "pending" and services.may_decide(request.user, approval)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and not may_decide:
        raise PermissionDenied(_("You may not decide this request."))
    done = submit(
        request,
        form,
        lambda data: services.approval_decide(
            actor=request.user,
            approval=approval,
            approve=data["decision"] == "approve",
            comment=data["comment"],
        ),
        success=_("The decision is recorded."),
        then=lambda _result: redirect("cases:approval_list"),
    )
    return done or render(
        request,
        "cases/approval_detail.html",
        {
            "approval": approval,
            "form": form,
            "may_decide": may_decide,
            # What is to be approved, shown with the request rather than a click away.
            "plan": (
                Plan.objects.restrict(request.user, VIEW)
                .filter(pk=approval.subject_id)
                .prefetch_related("goals__responsible")
                .first()
                if approval.kind == "plan"
                else None
            ),
        },
    )


def task_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/task_list.html",
        {
            "tasks": selectors.my_tasks(request.user),
            "today": timezone.localdate(),
            "referrals_waiting": selectors.referrals_waiting_for(request.user),
            "transfers_waiting": selectors.transfers_waiting_for(request.user),
        },
    )


def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("cases:task_list")
    task = access_object(Task, request.user, pk, VIEW)
    services.task_complete(actor=request.user, task=task)
    messages.success(request, _("The task is done."))
    return redirect("cases:task_list")


def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    form = PlanForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: plans.plan_create(actor=request.user, case=case, **data),
        success=_("The plan is started: add its goals."),
        then=lambda plan: redirect("cases:plan_detail", pk=plan.pk),
    )
    return done or render(request, "cases/plan_form.html", {"form": form, "case": case})


def _team_and_worker(case: Case):
    ids = {case.case_worker_id, *case.team.values_list("user_id", flat=True)} - {None}
    return User.objects.filter(pk__in=ids).order_by("last_name", "username")


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_object(Plan, request.user, pk, VIEW)
    case = plan.case
    if request.method == "GET":
        audit.viewed(actor=request.user, obj=case, reason="plan")
    may_edit = Case.objects.restrict(request.user, CHANGE).filter(pk=case.pk).exists()
    goal_form = GoalForm(
        request.POST if request.POST.get("form") == "goal" else None,
        people=_team_and_worker(case),
    )
    submit_form = SubmitPlanForm(request.POST if request.POST.get("form") == "submit" else None)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    back = lambda _result: redirect("cases:plan_detail", pk=plan.pk)  # noqa: E731
    done = None
    if request.POST.get("form") == "goal":
        done = submit(
            request,
            goal_form,
            lambda data: plans.goal_add(actor=request.user, plan=plan, **data),
            success=_("The goal is added."),
            then=back,
        )
    elif request.POST.get("form") == "submit":
        done = submit(
            request,
            submit_form,
            lambda data: plans.plan_submit(actor=request.user, plan=plan, **data),
            success=_("The plan is sent to the coordinator."),
            then=back,
        )
    elif request.POST.get("form") == "goal_status":
        goal = access_object(Goal, request.user, request.POST.get("goal"), CHANGE)
        act(
            request,
            lambda: plans.goal_set_status(
                actor=request.user, goal=goal, status=request.POST.get("status", "")
            ),
            success=_("The goal is updated."),
        )
        return back(None)
    return done or render(
        request,
        "cases/plan_detail.html",
        {
            "plan": plan,
            "case": case,
            "goals": plan.goals.select_related("responsible"),
            "goal_form": goal_form,
            "submit_form": submit_form,
            "may_edit": may_edit,
            "goal_statuses": GoalStatus.choices,
            "approvals": Approval.objects.restrict(request.user, VIEW)
            .filter(kind="plan", subject_id=plan.pk)
            .select_related("decided_by")
            .order_by("-requested_at"),
        },
    )
