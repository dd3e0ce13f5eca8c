"""Changes to return operations and to people's returns."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, access_context, access_object
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.people.services import refuse_if_merged
from reintegra.returns import reference
from reintegra.returns.models import (
    AbroadRecord,
    AbroadStatus,
    AbroadStatusEntry,
    Confidence,
    Evidence,
    EvidenceKind,
    Operation,
    Return,
    Wave,
)

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
    refuse_if_merged(person)
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


# --- People believed abroad ------------------------------------------------------------------


def _require_tracer(actor: User | None) -> None:
    if actor is not None and not access_context(actor).has_role(Role.TRACING_OFFICER):
        raise PermissionDenied(_("Only a tracing officer records people abroad."))


def _check_country(country: str) -> str:
    country = (country or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ValidationError({"country": _("Give the country as a two-letter code, e.g. SY.")})
    return country


def _check_day(day: dt.date | None, field: str) -> None:
    if day is not None and day > dt.date.today():
        raise ValidationError({field: _("The date is in the future.")})


@transaction.atomic
def abroad_record_open(
    *,
    actor: User | None,
    person: Person,
    country: str,
    status: str,
    since: dt.date,
    last_news_on: dt.date | None = None,
    in_military_action: bool = False,
    note: str = "",
) -> AbroadRecord:
    """Record that a person is believed abroad, with what is known of them since ``since``."""
    _require_tracer(actor)
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
    refuse_if_merged(person)
    country = _check_country(country)
    if status not in AbroadStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _check_day(since, "since")
    _check_day(last_news_on, "last_news_on")
    if AbroadRecord.objects.filter(person=person).exists():
        raise ValidationError(_("This person is already recorded as abroad."))
    record = AbroadRecord.objects.create(
        person=person,
        country=country,
        last_news_on=last_news_on,
        in_military_action=in_military_action,
        note=note.strip(),
        created_by=actor,
    )
    AbroadStatusEntry.objects.create(record=record, status=status, since=since, recorded_by=actor)
    audit.record(
        actor=actor,
        action="abroad.recorded",
        obj=person,
        changes={"country": country, "status": status, "since": since},
    )
    return record


@transaction.atomic
def abroad_status_add(
    *,
    actor: User | None,
    record: AbroadRecord,
    status: str,
    since: dt.date,
    note: str = "",
    last_news_on: dt.date | None = None,
) -> AbroadStatusEntry:
    """What is known of the person from ``since`` on; the earlier statuses stay as history."""
    _require_tracer(actor)
    if actor is not None:
        record = access_object(AbroadRecord, actor, record.pk, CHANGE)
    if status not in AbroadStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _check_day(since, "since")
    _check_day(last_news_on, "last_news_on")
    current = record.statuses.order_by("since", "pk").last()
    if current is not None and since < current.since:
        raise ValidationError(
            {
                "since": _("A new status cannot start before the current one (%(day)s).")
                % {"day": formats.date_format(current.since, "SHORT_DATE_FORMAT")}
            }
        )
    entry = AbroadStatusEntry.objects.create(
        record=record, status=status, since=since, note=note.strip(), recorded_by=actor
    )
    if last_news_on and (record.last_news_on is None or last_news_on > record.last_news_on):
        record.last_news_on = last_news_on
        record.save(update_fields=["last_news_on"])
    audit.record(
        actor=actor,
        action="abroad.status_recorded",
        obj=record.person,
        changes={"status": status, "since": since, "last_news_on": last_news_on},
    )
    return entry


@transaction.atomic
def abroad_evidence_add(
    *,
    actor: User | None,
    record: AbroadRecord,
    kind: str,
    date: dt.date,
    description: str,
    confidence: str,
    source: str = "",
) -> Evidence:
    """A source or a piece of evidence, with the confidence the officer judges it deserves."""
    _require_tracer(actor)
    if actor is not None:
        record = access_object(AbroadRecord, actor, record.pk, CHANGE)
    errors = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = _("Unknown kind of evidence.")
    if confidence not in Confidence.values:
        errors["confidence"] = _("Say how far the evidence can be trusted: low, medium or high.")
    if not description.strip():
        errors["description"] = _("Describe the evidence.")
    if date > dt.date.today():
        errors["date"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)
    evidence = Evidence.objects.create(
        record=record,
        kind=kind,
        date=date,
        description=description.strip(),
        source=source.strip(),
        confidence=confidence,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="abroad.evidence_recorded",
        obj=record.person,
        changes={"kind": kind, "date": date, "confidence": confidence},
    )
    return evidence
