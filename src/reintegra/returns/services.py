"""Changes to return operations and to people's returns."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, access_context, access_object
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.returns import reference
from reintegra.returns.models import Operation, Return, Wave

if TYPE_CHECKING:
    from reintegra.accounts.models import User


@transaction.atomic
def operations_load(*, actor: User | None) -> int:
    """Create or update the shipped operations and waves; returns how many rows were added."""
    if actor is not None and not access_context(actor).has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an administrator may change reference data."))
    added = 0
    for code, kind, kk, ru, en in reference.OPERATIONS:
        _op, created = Operation.objects.update_or_create(
            code=code, defaults={"kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en}
        )
        added += created
    for code, number, date, country in reference.WAVES:
        _wave, created = Wave.objects.update_or_create(
            operation=Operation.objects.get(code=code),
            number=number,
            defaults={"date": date, "origin_country": country},
        )
        added += created
    if added:
        audit.record(actor=actor, action="operations.loaded", changes={"added": added})
    return added


@transaction.atomic
def return_record(
    *,
    actor: User | None,
    person: Person,
    operation: Operation,
    arrival_date: dt.date,
    wave: Wave | None = None,
    arrival_point: str = "",
    origin_country: str = "",
) -> Return:
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
    errors = {}
    if wave is not None and wave.operation_id != operation.pk:
        errors["wave"] = _("The wave belongs to another operation.")
    if arrival_date > dt.date.today():
        errors["arrival_date"] = _("The arrival date is in the future.")
    if person.birth_date and arrival_date < person.birth_date:
        errors["arrival_date"] = _("The arrival date is before the person's birth.")
    if Return.objects.filter(person=person, arrival_date=arrival_date).exists():
        errors["arrival_date"] = _("This return is already recorded.")
    if errors:
        raise ValidationError(errors)
    record = Return.objects.create(
        person=person,
        operation=operation,
        wave=wave,
        arrival_date=arrival_date,
        arrival_point=arrival_point.strip(),
        origin_country=(origin_country or (wave.origin_country if wave else "")).upper(),
    )
    audit.record(
        actor=actor,
        action="person.return_recorded",
        obj=person,
        changes={
            "operation": operation.code,
            "wave": wave.number if wave else None,
            "arrival_date": arrival_date,
        },
    )
    return record
