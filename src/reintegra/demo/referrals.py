"""Demo referrals and a demo transfer: a few referrals from AQNIET Aktau to the city's
polyclinic and school under the demo consents (which cover health and education), each answered
differently, and one transfer of an Aktau case waiting for AQNIET Almaty.

Written in bulk like the rest of the dataset; the figures of the returns report do not depend on
them (no case changes organisation, region or status).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reintegra.accounts.demo import demo_case_worker
from reintegra.accounts.models import User
from reintegra.cases.models import (
    Case,
    CaseStatus,
    Consent,
    Referral,
    ReferralStatus,
    ServiceKind,
    Transfer,
)
from reintegra.core.models import Organisation
from reintegra.core.roles import SensitivePermission

# (receiving organisation, service, what is needed, status, the receiver's answer)
REFERRALS = [
    ("aktau-polyclinic", ServiceKind.MEDICAL, "Толық медициналық тексеру, тіс емі.",
     ReferralStatus.COMPLETED, "Тексеруден өтті; тіс емі жасалды."),
    ("aktau-polyclinic", ServiceKind.PSYCHOLOGICAL, "Ұйқысыздық, педиатр мен невролог кеңесі.",
     ReferralStatus.PENDING, ""),
    ("aktau-school", ServiceKind.EDUCATION, "Мектепке қабылдау, қазақ тілі бойынша қосымша сабақ.",
     ReferralStatus.ACCEPTED, ""),
    ("aktau-school", ServiceKind.EDUCATION, "Кешкі сыныпқа орналастыру.",
     ReferralStatus.DECLINED, "Кешкі сынып биыл ашылмайды; облыстық колледжге жолдаңыз."),
    ("aktau-polyclinic", ServiceKind.MEDICAL, "Егу кестесін қалпына келтіру.",
     ReferralStatus.PENDING, ""),
]  # fmt: skip


def _receiver(code: str) -> User:
    """One demo case worker of the receiving organisation, to show its referrals inbox."""
    return demo_case_worker(code, permissions=(SensitivePermission.CHILDREN,))


def demo_referrals_load(*, cases: list[Case], workers: dict[str, User]) -> None:
    sender = workers.get("aqniet-aktau")
    aktau = sorted(
        (c for c in cases if c.organisation.code == "aqniet-aktau" and c.status == CaseStatus.OPEN),
        key=lambda c: c.pk,
    )
    if sender is None or not aktau:
        return
    consents = {}
    for consent in Consent.objects.filter(person_id__in=[c.person_id for c in aktau]).order_by(
        "pk"
    ):
        consents.setdefault(consent.person_id, consent)
    organisations = {
        o.code: o
        for o in Organisation.objects.filter(
            code__in=["aktau-polyclinic", "aktau-school", "aqniet-almaty"]
        )
    }
    now = timezone.now()
    rows = []
    covered = [c for c in aktau if c.person_id in consents]
    for case, (code, kind, need, status, answer) in zip(covered, REFERRALS, strict=False):
        receiver = _receiver(code)
        organisation = organisations[code]
        consent = consents[case.person_id]
        if organisation.kind not in consent.recipient_kinds:
            continue
        answered = status != ReferralStatus.PENDING
        completed = status == ReferralStatus.COMPLETED
        rows.append(
            Referral(
                case=case,
                from_organisation=case.organisation,
                to_organisation=organisation,
                service_kind=kind,
                need=need,
                consent=consent,
                status=status,
                requested_by=sender,
                decided_by=receiver if answered else None,
                decided_at=now if answered else None,
                decline_reason=answer if status == ReferralStatus.DECLINED else "",
                completed_by=receiver if completed else None,
                completed_at=now if completed else None,
                service_given_on=dt.date(2024, 6, 3) if completed else None,
                outcome=answer if completed else "",
            )
        )
    Referral.objects.bulk_create(rows)
    moving = next((c for c in aktau if c.person_id not in consents), aktau[-1])
    Transfer.objects.create(
        case=moving,
        from_organisation=moving.organisation,
        from_region_id=moving.region_id,
        to_organisation=organisations["aqniet-almaty"],
        to_region_id=organisations["aqniet-almaty"].region_id,
        reason="Отбасы Алматыға көшті; ағайындарының қасында тұрады.",
        requested_by=sender,
    )
