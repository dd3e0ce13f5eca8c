"""Reads of the audit trail: the filtered list for auditors, and the chain check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from reintegra.audit.models import GENESIS_HASH, ChainHead, Event

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def event_list(
    *,
    user: User,
    actor: str = "",
    action: str = "",
    kind: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Event]:
    qs = Event.objects.restrict(user, "view").select_related("actor_organisation")
    if actor:
        qs = qs.filter(actor_username__iexact=actor)
    if action:
        qs = qs.filter(action__icontains=action)
    if kind:
        qs = qs.filter(kind=kind)
    if object_type:
        qs = qs.filter(object_type__iexact=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-seq")


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""

    def __str__(self) -> str:
        if self.ok:
            return _("OK: %(count)s entries, the chain is intact (newest hash %(hash)s).") % {
                "count": self.checked,
                "hash": self.head_hash,
            }
        return _("FAILED at entry #%(seq)s: %(problem)s") % {
            "seq": self.bad_seq,
            "problem": self.problem,
        }


def verify_chain(*, chunk_size: int = 5000) -> ChainReport:
    """Walk the trail in order and check numbering, links and content of every entry.

    Reads the entries without ``restrict``: this is the integrity check run by the operator's
    command and by auditors, and it returns no personal content.
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for event in Event.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if event.seq != expected_seq:
            problem = (
                _("entry #%(missing)s is missing: it was removed, or the entries were reordered.")
                if event.seq > expected_seq
                else _("the numbering goes backwards: the entries were reordered.")
            ) % {"missing": expected_seq}
            return ChainReport(False, checked, prev_hash, expected_seq, problem)
        if event.prev_hash != prev_hash:
            return ChainReport(
                False,
                checked,
                prev_hash,
                event.seq,
                _(
                    "it does not follow the entry before it: "
                    "an entry was removed, inserted or moved."
                ),
            )
        if event.compute_hash() != event.hash:
            return ChainReport(
                False,
                checked,
                prev_hash,
                event.seq,
                _("its content was changed after it was written."),
            )
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    head = ChainHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    if head_seq != checked or head_hash != prev_hash:
        return ChainReport(
            False,
            checked,
            prev_hash,
            checked + 1 if head_seq > checked else head_seq + 1,
            _("the newest entries were removed: the log should end at entry #%(seq)s.")
            % {"seq": head_seq},
        )
    return ChainReport(True, checked, prev_hash)
