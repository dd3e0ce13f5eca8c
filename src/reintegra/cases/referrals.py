"""Referrals to another organisation for a service, and transfers of a case's responsibility.

A referral needs a consent of the person (for a child, given by the guardian) that covers the
kind of the receiving organisation, on the day it is made and on the day it is accepted.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases import tallies
from reintegra.cases.models import (
    Case,
    CaseStatus,
    Referral,
    ReferralStatus,
    ServiceKind,
    Transfer,
    TransferStatus,
)
from reintegra.cases.selectors import consent_covering
from reintegra.core.access import CHANGE, access_context, access_object
from reintegra.core.models import Organisation, OrganisationKind, Region
from reintegra.core.roles import Role

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _today() -> dt.date:
    return timezone.localdate()


def _kind_label(kind: str) -> str:
    return str(dict(OrganisationKind.choices).get(kind, kind))


def _no_consent_message(case: Case, organisation: Organisation) -> str:
    return _(
        "No consent of %(person)s covers sharing with %(kind)s: record a consent for it first."
    ) % {"person": case.person.display_name, "kind": _kind_label(organisation.kind)}


# --- Referrals -----------------------------------------------------------------------------------


@transaction.atomic
def referral_request(
    *,
    actor: User | None,
    case: Case,
    to_organisation: Organisation,
    service_kind: str,
    need: str,
) -> Referral:
    """Refer the case's person to another organisation for a service, under a consent."""
    if actor is not None:
        case = access_object(Case, actor, case.pk, CHANGE)
    errors: dict[str, Any] = {}
    if case.status != CaseStatus.OPEN:
        errors["to_organisation"] = _("Referrals are made from open cases.")
    if to_organisation.pk == case.organisation_id:
        errors["to_organisation"] = _("Refer to another organisation than the case's own.")
    elif not to_organisation.is_active:
        errors["to_organisation"] = _("This organisation no longer works with the program.")
    if service_kind not in ServiceKind.values:
        errors["service_kind"] = _("Choose the service needed.")
    if not need.strip():
        errors["need"] = _("Say what the person needs, for the receiving organisation.")
    if errors:
        raise ValidationError(errors)
    # A form sent twice (the back button, a double click) must not refer the person twice.
    if Referral.objects.filter(
        case=case,
        to_organisation=to_organisation,
        service_kind=service_kind,
        status=ReferralStatus.PENDING,
    ).exists():
        raise ValidationError(
            {
                "to_organisation": _(
                    "A referral for this service to this organisation is already waiting for "
                    "its answer."
                )
            }
        )
    consent = consent_covering(case.person, to_organisation.kind, _today())
    if consent is None:
        raise ValidationError({"to_organisation": _no_consent_message(case, to_organisation)})
    referral = Referral.objects.create(
        case=case,
        from_organisation=case.organisation,
        to_organisation=to_organisation,
        service_kind=service_kind,
        need=need.strip(),
        consent=consent,
        requested_by=actor,
    )
    audit.record(
        actor=actor,
        action="referral.requested",
        obj=case,
        changes={
            "referral": referral.pk,
            "to": to_organisation.code,
            "service_kind": service_kind,
            "consent": consent.pk,
        },
    )
    return referral


def _receivable(actor: User, referral: Referral, *statuses: str) -> Referral:
    """The referral locked, if ``actor`` is on the receiving side and it is in ``statuses``."""
    access_object(Referral, actor, referral.pk, CHANGE)
    referral = (
        Referral.objects.select_for_update()
        .select_related("case__person", "to_organisation")
        .get(pk=referral.pk)
    )
    if referral.status not in statuses:
        raise ValidationError(
            _("This referral is already %(status)s.") % {"status": referral.get_status_display()}
        )
    return referral


@transaction.atomic
def referral_accept(*, actor: User, referral: Referral) -> Referral:
    referral = _receivable(actor, referral, ReferralStatus.PENDING)
    today = _today()
    kind = referral.to_organisation.kind
    if consent_covering(referral.case.person, kind, today) is None:
        raise ValidationError(
            _(
                "The consent of %(person)s for sharing with %(kind)s was withdrawn or has "
                "lapsed: this referral can no longer be accepted. Decline it, or ask the sender "
                "to record a new consent and refer again."
            )
            % {"person": referral.case.person.display_name, "kind": _kind_label(kind)}
        )
    referral.status = ReferralStatus.ACCEPTED
    referral.decided_by, referral.decided_at = actor, timezone.now()
    referral.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="referral.accepted",
        obj=referral,
        changes={"case": referral.case_id, "status": ReferralStatus.ACCEPTED},
    )
    return referral


@transaction.atomic
def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the referral is declined.")})
    referral = _receivable(actor, referral, ReferralStatus.PENDING)
    referral.status = ReferralStatus.DECLINED
    referral.decided_by, referral.decided_at = actor, timezone.now()
    referral.decline_reason = reason.strip()
    referral.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    audit.record(
        actor=actor,
        action="referral.declined",
        obj=referral,
        changes={"case": referral.case_id, "status": ReferralStatus.DECLINED},
        reason=reason.strip(),
    )
    return referral


@transaction.atomic
def referral_complete(
    *,
    actor: User,
    referral: Referral,
    outcome: str,
    service_given_on: dt.date | None = None,
) -> Referral:
    """Close an accepted referral with what came of it (and, if known, when it was given)."""
    errors: dict[str, Any] = {}
    if not outcome.strip():
        errors["outcome"] = _("Say what came of the referral.")
    if service_given_on is not None and service_given_on > _today():
        errors["service_given_on"] = _("The service cannot be given in the future.")
    if errors:
        raise ValidationError(errors)
    referral = _receivable(actor, referral, ReferralStatus.ACCEPTED)
    if service_given_on is not None and service_given_on < referral.requested_at.date():
        raise ValidationError(
            {"service_given_on": _("The service date is before the referral was made.")}
        )
    referral.status = ReferralStatus.COMPLETED
    referral.completed_by, referral.completed_at = actor, timezone.now()
    referral.outcome, referral.service_given_on = outcome.strip(), service_given_on
    referral.save(
        update_fields=["status", "completed_by", "completed_at", "outcome", "service_given_on"]
    )
    audit.record(
        actor=actor,
        action="referral.completed",
        obj=referral,
        changes={
            "case": referral.case_id,
            "status": ReferralStatus.COMPLETED,
            "service_given_on": service_given_on,
        },
    )
    return referral


# --- Transfers -----------------------------------------------------------------------------------

# Organisations that follow cases themselves; the others receive referrals.
TRANSFER_KINDS = (
    OrganisationKind.REHABILITATION_CENTRE,
    OrganisationKind.CENTRE_BRANCH,
    OrganisationKind.REGIONAL_CENTRE,
    OrganisationKind.RELIGIOUS_AFFAIRS,
    OrganisationKind.PENAL_INSTITUTION,
)


@transaction.atomic
def transfer_request(
    *,
    actor: User | None,
    case: Case,
    to_organisation: Organisation,
    reason: str,
    to_region: Region | None = None,
) -> Transfer:
    """Ask another organisation (or region) to take over the case; one pending at a time."""
    if actor is not None:
        access_object(Case, actor, case.pk, CHANGE)
    case = Case.objects.select_for_update().select_related("organisation").get(pk=case.pk)
    to_region = to_region or to_organisation.region
    errors: dict[str, Any] = {}
    if case.status != CaseStatus.OPEN:
        errors["to_organisation"] = _("Only an open case can be transferred.")
    elif not to_organisation.is_active:
        errors["to_organisation"] = _("This organisation no longer works with the program.")
    elif to_organisation.kind not in TRANSFER_KINDS:
        errors["to_organisation"] = _(
            "Organisations of this kind (%(kind)s) do not follow cases: make a referral instead."
        ) % {"kind": _kind_label(to_organisation.kind)}
    elif to_region is None:
        errors["to_region"] = _("Choose the region where the case will be followed.")
    elif to_organisation.pk == case.organisation_id and to_region.pk == case.region_id:
        errors["to_organisation"] = _(
            "The case is already followed by this organisation in this region."
        )
    if not reason.strip():
        errors["reason"] = _("Say why the case is transferred.")
    if Transfer.objects.filter(case=case, status=TransferStatus.PENDING).exists():
        errors["to_organisation"] = _(
            "This case already has a transfer waiting for a decision: cancel it first."
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                case=case,
                from_organisation_id=case.organisation_id,
                from_region_id=case.region_id,
                to_organisation=to_organisation,
                to_region=to_region,
                reason=reason.strip(),
                requested_by=actor,
            )
    except IntegrityError:
        raise ValidationError(
            {
                "to_organisation": _(
                    "This case already has a transfer waiting for a decision: cancel it first."
                )
            }
        ) from None
    audit.record(
        actor=actor,
        action="transfer.requested",
        obj=case,
        changes={
            "transfer": transfer.pk,
            "to": to_organisation.code,
            "to_region": to_region.code,
        },
        reason=reason.strip(),
    )
    return transfer


def _pending_transfer(transfer: Transfer) -> Transfer:
    transfer = (
        Transfer.objects.select_for_update()
        .select_related("case", "to_organisation", "to_region")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(
            _("This transfer is already %(status)s.") % {"status": transfer.get_status_display()}
        )
    return transfer


def _decidable(actor: User, transfer: Transfer) -> Transfer:
    access_object(Transfer, actor, transfer.pk, CHANGE)
    transfer = _pending_transfer(transfer)
    if transfer.requested_by_id is not None and transfer.requested_by_id == actor.pk:
        raise PermissionDenied(_("Nobody accepts or declines their own transfer request."))
    return transfer


def may_decide_transfer(actor: User, transfer: Transfer) -> bool:
    """On the receiving side, not the requester, and still pending (for the pages)."""
    return (
        transfer.status == TransferStatus.PENDING
        and transfer.requested_by_id != actor.pk
        and Transfer.objects.restrict(actor, CHANGE).filter(pk=transfer.pk).exists()
    )


@transaction.atomic
def transfer_accept(*, actor: User, transfer: Transfer) -> Transfer:
    """Take over the case: its organisation and region change; the accepting case worker
    follows it, or nobody until the receiving coordinator assigns someone."""
    transfer = _decidable(actor, transfer)
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Only an open case can be transferred."))
    takes_over = any(
        transfer.to_organisation_id in grant.organisation_ids
        for grant in access_context(actor).grants_for([Role.CASE_WORKER])
    )
    before = {
        "organisation": str(case.organisation),
        "region": str(case.region),
        "case_worker": case.case_worker.username if case.case_worker else None,
    }
    from_region_id, from_organisation_id = case.region_id, case.organisation_id
    case.organisation_id, case.region_id = transfer.to_organisation_id, transfer.to_region_id
    case.case_worker = actor if takes_over else None
    case.version = F("version") + 1
    case.save(update_fields=["organisation", "region", "case_worker", "version", "updated_at"])
    case.refresh_from_db()
    # The case and its services are counted where the case is: the counts move with it.
    tallies.case_moved(
        case=case, from_region_id=from_region_id, from_organisation_id=from_organisation_id
    )
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="transfer.accepted",
        obj=case,
        changes={
            "transfer": transfer.pk,
            "organisation": [before["organisation"], str(case.organisation)],
            "region": [before["region"], str(case.region)],
            "case_worker": [
                before["case_worker"],
                case.case_worker.username if case.case_worker else None,
            ],
        },
    )
    return transfer


@transaction.atomic
def transfer_decline(*, actor: User, transfer: Transfer, reason: str) -> Transfer:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the transfer is declined.")})
    transfer = _decidable(actor, transfer)
    transfer.status = TransferStatus.DECLINED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.decision_note = reason.strip()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action="transfer.declined",
        obj=transfer.case,
        changes={"transfer": transfer.pk},
        reason=reason.strip(),
    )
    return transfer


@transaction.atomic
def transfer_cancel(*, actor: User, transfer: Transfer, reason: str = "") -> Transfer:
    """The sending side withdraws its request while it waits."""
    access_object(Case, actor, transfer.case_id, CHANGE)
    transfer = _pending_transfer(transfer)
    transfer.status = TransferStatus.CANCELLED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.decision_note = reason.strip()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action="transfer.cancelled",
        obj=transfer.case,
        changes={"transfer": transfer.pk},
        reason=reason.strip(),
    )
    return transfer
