"""Appending to the audit trail. Every service that changes data calls ``record``; every view of
a personal record calls ``viewed``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from reintegra.audit.context import current_ip
from reintegra.audit.models import GENESIS_HASH, ChainHead, Event, EventKind
from reintegra.core.access import access_context

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _actor_organisation_id(actor: User | None) -> int | None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    grants = access_context(actor).grants
    return grants[0].organisation_id if grants else None


@transaction.atomic
def record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    kind: str = EventKind.CHANGE,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_username: str = "",
) -> Event:
    """Append one entry, chained to the entry before it.

    The chain head row is locked for the rest of the transaction, so concurrent writers queue
    and every entry gets the next number and the true previous hash.
    """
    head, _created = ChainHead.objects.select_for_update().get_or_create(
        id=1, defaults={"seq": 0, "hash": GENESIS_HASH}
    )
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    event = Event(
        seq=head.seq + 1,
        at=timezone.now(),
        kind=kind,
        action=action,
        actor=actor,
        actor_username=actor.get_username() if actor else actor_username[:150],
        actor_organisation_id=_actor_organisation_id(actor),
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=_json_safe(changes or {}),
        reason=reason,
        ip_address=current_ip.get(),
        prev_hash=head.hash,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def viewed(*, actor: User, obj: models.Model, reason: str = "") -> Event:
    """An access entry: ``actor`` opened the personal record ``obj``."""
    return record(
        actor=actor,
        action=f"{obj._meta.model_name}.viewed",
        obj=obj,
        kind=EventKind.ACCESS,
        reason=reason,
    )


def exported(*, actor: User, what: str, count: int, parameters: dict[str, Any]) -> Event:
    """An access entry for an export of personal records: what, how many, with which filters."""
    return record(
        actor=actor,
        action=f"{what}.exported",
        kind=EventKind.ACCESS,
        changes={"count": count, "parameters": parameters},
    )


def model_changes(instance: models.Model, fields: list[str], before: dict[str, Any]) -> dict:
    """The fields that changed, as {field: [old, new]}."""
    changes = {}
    for name in fields:
        new = getattr(instance, name)
        if before.get(name) != new:
            changes[name] = [before.get(name), new]
    return _json_safe(changes)
