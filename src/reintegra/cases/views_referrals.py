"""Pages of referrals and transfers.

The receiving side is shown only what it needs to decide: the person's name, sex and age, the
service or reason, and who sent it. Links to the case appear only for users who reach it anyway.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases import referral_selectors as selectors
from reintegra.cases import referrals as services
from reintegra.cases.forms_referrals import (
    ReferralCompleteForm,
    ReferralDeclineForm,
    ReferralFilterForm,
    ReferralForm,
    TransferCancelForm,
    TransferDeclineForm,
    TransferForm,
)
from reintegra.cases.models import Case, Referral, Transfer, TransferStatus
from reintegra.cases.selectors import consents_of
from reintegra.core.access import CHANGE, VIEW, access_object
from reintegra.core.models import Organisation, Region
from reintegra.web.forms import act, submit
from reintegra.web.lists import paginate, query_without


def _case_visible(user, case_id: int) -> bool:
    return Case.objects.restrict(user, VIEW).filter(pk=case_id).exists()


def _posted(request: HttpRequest, name: str):
    return request.POST if request.method == "POST" and request.POST.get("form") == name else None


def referral_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    organisations = (
        Organisation.objects.restrict(request.user, VIEW)
        .filter(is_active=True)
        .exclude(pk=case.organisation_id)
        .order_by("kind", "code")
    )
    form = ReferralForm(request.POST or None, organisations=organisations)
    done = submit(
        request,
        form,
        lambda data: services.referral_request(actor=request.user, case=case, **data),
        success=_("The referral is sent; the receiving organisation will answer it."),
        then=lambda _result: redirect("cases:case_detail", pk=case.pk),
    )
    return done or render(
        request,
        "cases/referral_form.html",
        {
            "form": form,
            "case": case,
            "consents": consents_of(user=request.user, person=case.person).filter(
                withdrawn_on__isnull=True
            ),
        },
    )


def referral_inbox(request: HttpRequest) -> HttpResponse:
    form = ReferralFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    referrals = selectors.referrals_received(user=request.user, status=status)
    return render(
        request,
        "cases/referral_inbox.html",
        {
            "form": form,
            "page": paginate(request, referrals),
            "page_query": query_without(request, "page"),
            "filtered": bool(status),
        },
    )


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access_object(Referral, request.user, pk, VIEW)
    may_act = Referral.objects.restrict(request.user, CHANGE).filter(pk=pk).exists()
    decline_form = ReferralDeclineForm(_posted(request, "decline"))
    complete_form = ReferralCompleteForm(_posted(request, "complete"))
    if request.method == "POST" and not may_act:
        raise PermissionDenied(_("Only the receiving organisation answers a referral."))
    back = lambda _result: redirect("cases:referral_detail", pk=referral.pk)  # noqa: E731
    done = None
    action = request.POST.get("form") if request.method == "POST" else None
    if request.method == "POST" and action == "accept":
        act(
            request,
            lambda: services.referral_accept(actor=request.user, referral=referral),
            success=_("The referral is accepted."),
        )
        return back(None)
    if action == "decline":
        done = submit(
            request,
            decline_form,
            lambda data: services.referral_decline(
                actor=request.user, referral=referral, reason=data["reason"]
            ),
            success=_("The referral is declined; the sender sees your reason."),
            then=back,
        )
    elif action == "complete":
        done = submit(
            request,
            complete_form,
            lambda data: services.referral_complete(actor=request.user, referral=referral, **data),
            success=_("The referral is completed."),
            then=back,
        )
    if done:
        return done
    audit.viewed(actor=request.user, obj=referral)
    person = referral.case.person
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "person": person,
            "age": selectors.age_of(person),
            "may_act": may_act,
            "case_visible": _case_visible(request.user, referral.case_id),
            "decline_form": decline_form,
            "complete_form": complete_form,
        },
    )


def transfer_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(Case, request.user, pk, CHANGE)
    organisations = (
        Organisation.objects.restrict(request.user, VIEW)
        .filter(is_active=True, kind__in=services.TRANSFER_KINDS)
        .order_by("kind", "code")
    )
    form = TransferForm(
        request.POST or None,
        organisations=organisations,
        regions=Region.objects.restrict(request.user, VIEW),
    )
    done = submit(
        request,
        form,
        lambda data: services.transfer_request(actor=request.user, case=case, **data),
        success=_("The transfer is requested; the receiving organisation will decide."),
        then=lambda _result: redirect("cases:case_detail", pk=case.pk),
    )
    pending = Transfer.objects.filter(case=case, status=TransferStatus.PENDING).first()
    return done or render(
        request, "cases/transfer_form.html", {"form": form, "case": case, "pending": pending}
    )


def transfer_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/transfer_list.html",
        {
            "waiting": selectors.transfers_waiting_for(request.user),
            "mine": selectors.transfers_requested_by(request.user),
        },
    )


def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = access_object(Transfer, request.user, pk, VIEW)
    may_decide = services.may_decide_transfer(request.user, transfer)
    may_cancel = transfer.status == TransferStatus.PENDING and (
        Case.objects.restrict(request.user, CHANGE).filter(pk=transfer.case_id).exists()
    )
    decline_form = TransferDeclineForm(_posted(request, "decline"))
    cancel_form = TransferCancelForm(_posted(request, "cancel"))
    action = request.POST.get("form") if request.method == "POST" else None
    if action in ("accept", "decline") and not may_decide:
        raise PermissionDenied(_("You may not decide this transfer."))
    if action == "cancel" and not may_cancel:
        raise PermissionDenied(_("Only the sending side cancels a transfer."))
    back = lambda _result: redirect("cases:transfer_detail", pk=transfer.pk)  # noqa: E731
    done = None
    if action == "accept":
        if not act(
            request,
            lambda: services.transfer_accept(actor=request.user, transfer=transfer),
            success=_("The transfer is accepted: the case is now followed here."),
        ):
            return back(None)
        if _case_visible(request.user, transfer.case_id):
            return redirect("cases:case_detail", pk=transfer.case_id)
        return redirect("cases:transfer_list")
    if action == "decline":
        done = submit(
            request,
            decline_form,
            lambda data: services.transfer_decline(
                actor=request.user, transfer=transfer, reason=data["reason"]
            ),
            success=_("The transfer is declined; the sender sees your reason."),
            then=back,
        )
    elif action == "cancel":
        done = submit(
            request,
            cancel_form,
            lambda data: services.transfer_cancel(
                actor=request.user, transfer=transfer, reason=data["reason"]
            ),
            success=_("The transfer request is cancelled."),
            then=back,
        )
    if done:
        return done
    audit.viewed(actor=request.user, obj=transfer)
    person = transfer.case.person
    return render(
        request,
        "cases/transfer_detail.html",
        {
            "transfer": transfer,
            "person": person,
            "age": selectors.age_of(person),
            "program": transfer.case.get_program_display(),
            "may_decide": may_decide,
            "may_cancel": may_cancel,
            "case_visible": _case_visible(request.user, transfer.case_id),
            "decline_form": decline_form,
            "cancel_form": cancel_form,
        },
    )
