"""Pages of assessments in a case: the list, starting one, answering it, its detail, the team's
decision on the level of need, and the change of the answers over time."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases import assessments
from reintegra.cases import selectors_assessments as selectors
from reintegra.cases.forms_assessments import (
    AnswerForm,
    AssessmentStartForm,
    DiscardForm,
    NeedDecisionForm,
)
from reintegra.cases.models import Assessment, AssessmentStatus, Case, CaseStatus
from reintegra.core.access import VIEW, access_object
from reintegra.web.forms import apply_service_errors, submit


def assessment_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=case, reason="assessments")
    return render(
        request,
        "cases/assessment_list.html",
        {
            "case": case,
            "assessments": selectors.assessment_list(user=request.user, case=case),
            "current": selectors.current_need_decision(user=request.user, case=case),
            "may_assess": case.status == CaseStatus.OPEN
            and assessments.may_assess(request.user, case),
        },
    )


def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, VIEW)
    may_assess = case.status == CaseStatus.OPEN and assessments.may_assess(request.user, case)
    form = AssessmentStartForm(
        request.POST or None, instruments=selectors.instruments_in_use(user=request.user, case=case)
    )
    done = submit(
        request,
        form,
        lambda data: assessments.assessment_start(actor=request.user, case=case, **data),
        success=_("The assessment is started: answer its items."),
        then=lambda assessment: redirect("cases:assessment_answer", pk=assessment.pk),
    )
    return done or render(
        request,
        "cases/assessment_start.html",
        {"case": case, "form": form, "may_assess": may_assess},
    )


def assessment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_object(Assessment, request.user, pk, VIEW)
    if assessment.status != AssessmentStatus.DRAFT or assessment.assessor_id != request.user.pk:
        messages.info(request, _("Only the assessor answers a draft assessment."))
        return redirect("cases:assessment_detail", pk=assessment.pk)
    audit.viewed(actor=request.user, obj=assessment)
    form = AnswerForm(
        request.POST or None,
        sections=selectors.assessment_sections(assessment),
        initial={
            "judgement": assessment.judgement,
            "next_reassessment_on": assessment.next_reassessment_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("action") == "complete"
        try:
            # Saving and completing succeed or fail together: a refused completion saves nothing.
            with transaction.atomic():
                assessments.assessment_answer(
                    actor=request.user,
                    assessment=assessment,
                    answers=form.answers(),
                    comments=form.comments(),
                    judgement=form.cleaned_data["judgement"],
                )
                if complete:
                    assessments.assessment_complete(
                        actor=request.user,
                        assessment=assessment,
                        judgement=form.cleaned_data["judgement"],
                        next_reassessment_on=form.cleaned_data["next_reassessment_on"],
                    )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if complete:
                messages.success(request, _("The assessment is completed."))
                return redirect("cases:assessment_detail", pk=assessment.pk)
            messages.success(request, _("The answers are saved; the assessment is a draft."))
            return redirect("cases:assessment_answer", pk=assessment.pk)
    return render(
        request,
        "cases/assessment_answer.html",
        {"assessment": assessment, "case": assessment.case, "form": form},
    )


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_object(Assessment, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=assessment)
    case = assessment.case
    is_assessor = assessment.assessor_id == request.user.pk
    return render(
        request,
        "cases/assessment_detail.html",
        {
            "assessment": assessment,
            "case": case,
            "sections": selectors.assessment_sections(assessment),
            "decisions": selectors.need_decisions_of(user=request.user, assessment=assessment),
            "may_edit": assessment.is_draft and is_assessor and case.status == CaseStatus.OPEN,
            "may_decide": not assessment.is_draft
            and case.status == CaseStatus.OPEN
            and assessments.may_decide_need(request.user, case),
        },
    )


def need_level_decide(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_object(Assessment, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=assessment, reason="need level")
    case = assessment.case
    may_decide = (
        not assessment.is_draft
        and case.status == CaseStatus.OPEN
        and assessments.may_decide_need(request.user, case)
    )
    form = NeedDecisionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: assessments.need_level_decide(
            actor=request.user, assessment=assessment, **data
        ),
        success=_("The team's decision is recorded."),
        then=lambda _result: redirect("cases:assessment_detail", pk=assessment.pk),
    )
    return done or render(
        request,
        "cases/need_decision_form.html",
        {
            "assessment": assessment,
            "case": case,
            "form": form,
            "may_decide": may_decide,
            "decisions": selectors.need_decisions_of(user=request.user, assessment=assessment),
        },
    )


def assessment_discard(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_object(Assessment, request.user, pk, VIEW)
    case = assessment.case
    if not assessment.is_draft or assessment.assessor_id != request.user.pk:
        messages.info(request, _("Only the assessor discards a draft assessment."))
        return redirect("cases:assessment_detail", pk=assessment.pk)
    form = DiscardForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: assessments.assessment_discard(
            actor=request.user, assessment=assessment, **data
        ),
        success=_("The draft assessment is discarded."),
        then=lambda _result: redirect("cases:assessment_list", pk=case.pk),
    )
    return done or render(
        request,
        "cases/assessment_discard.html",
        {"assessment": assessment, "case": case, "form": form},
    )


def assessment_changes(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=case, reason="assessment changes")
    return render(
        request,
        "cases/assessment_changes.html",
        {"case": case, "charts": selectors.domain_charts(user=request.user, case=case)},
    )
