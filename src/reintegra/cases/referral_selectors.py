"""Reads of referrals and transfers, for pages, the API, "my tasks" and the case timeline.

The receiving side of a referral or transfer is exactly who may act on it (``restrict(user,
"change")``), so inboxes read through that; the sending side reads through the case.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.cases.models import Case, Referral, ReferralStatus, Transfer, TransferStatus
from reintegra.core.access import CHANGE, VIEW
from reintegra.core.dates import DatePrecision

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.people.models import Person

REFERRAL_RELATED = ("case__person", "from_organisation", "to_organisation", "requested_by")
TRANSFER_RELATED = (
    *("case__person", "from_organisation", "from_region", "to_organisation", "to_region"),
    *("requested_by", "decided_by"),
)


def with_case_visible(qs: QuerySet, user: User) -> QuerySet:
    """Mark each row with ``case_visible``: whether ``user`` reaches its case (the sender)."""
    cases = Case.objects.restrict(user, VIEW).filter(pk=OuterRef("case_id"))
    return qs.annotate(case_visible=Exists(cases))


def referrals_received(*, user: User, status: str = "") -> QuerySet[Referral]:
    """Referrals addressed to the user's organisations, newest first."""
    qs = Referral.objects.restrict(user, CHANGE).select_related(*REFERRAL_RELATED)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-requested_at", "-pk")


def referrals_of_case(*, user: User, case: Case) -> QuerySet[Referral]:
    return (
        Referral.objects.restrict(user, VIEW)
        .filter(case=case)
        .select_related("to_organisation", "requested_by", "decided_by", "completed_by")
        .order_by("-requested_at", "-pk")
    )


def transfers_of_case(*, user: User, case: Case) -> QuerySet[Transfer]:
    return (
        Transfer.objects.restrict(user, VIEW)
        .filter(case=case)
        .select_related(*TRANSFER_RELATED)
        .order_by("-requested_at", "-pk")
    )


def referrals_waiting_for(user: User) -> QuerySet[Referral]:
    """Pending referrals addressed to the user's organisations: theirs to accept or decline."""
    return (
        Referral.objects.restrict(user, CHANGE)
        .filter(status=ReferralStatus.PENDING)
        .select_related(*REFERRAL_RELATED)
        .order_by("requested_at", "pk")
    )


def transfers_waiting_for(user: User) -> QuerySet[Transfer]:
    """Pending transfers addressed to the user's side, not requested by the user."""
    return (
        Transfer.objects.restrict(user, CHANGE)
        .filter(status=TransferStatus.PENDING)
        .exclude(requested_by=user)
        .select_related(*TRANSFER_RELATED)
        .order_by("requested_at", "pk")
    )


def transfers_requested_by(user: User) -> QuerySet[Transfer]:
    return (
        Transfer.objects.restrict(user, VIEW)
        .filter(requested_by=user)
        .select_related(*TRANSFER_RELATED)
        .order_by("-requested_at", "-pk")[:20]
    )


def age_of(person: Person, on: dt.date | None = None) -> int | None:
    """Age in whole years as far as the birth date is known (a year only: the youngest age)."""
    if person.birth_date is None:
        return None
    on = on or timezone.localdate()
    birth = person.birth_date
    if person.birth_date_precision == DatePrecision.DAY:
        return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if person.birth_date_precision == DatePrecision.MONTH:
        return on.year - birth.year - (on.month <= birth.month)
    return max(on.year - birth.year - 1, 0)


def timeline_entries(*, user: User, case: Case) -> list:
    """Referrals and transfers of a case for ``cases.selectors.case_timeline``."""
    from reintegra.cases.selectors import TimelineEntry

    def day(moment) -> dt.date:
        return timezone.localdate(moment)

    entries = []
    for referral in referrals_of_case(user=user, case=case):
        target = f"{referral.get_service_kind_display()} · {referral.to_organisation}"
        entries.append(
            TimelineEntry(day(referral.requested_at), "referral", _("Referral made"), target)
        )
        if referral.decided_at:
            title = (
                _("Referral declined")
                if referral.status == ReferralStatus.DECLINED
                else _("Referral accepted")
            )
            entries.append(TimelineEntry(day(referral.decided_at), "referral", title, target))
        if referral.completed_at:
            entries.append(
                TimelineEntry(
                    day(referral.completed_at), "referral", _("Referral completed"), target
                )
            )
    for transfer in transfers_of_case(user=user, case=case):
        target = f"{transfer.from_organisation} → {transfer.to_organisation}"
        entries.append(
            TimelineEntry(day(transfer.requested_at), "transfer", _("Transfer requested"), target)
        )
        if transfer.decided_at:
            titles = {
                TransferStatus.ACCEPTED: _("Transfer accepted"),
                TransferStatus.DECLINED: _("Transfer declined"),
                TransferStatus.CANCELLED: _("Transfer cancelled"),
            }
            entries.append(
                TimelineEntry(day(transfer.decided_at), "transfer", titles[transfer.status], target)
            )
    return entries
