"""Structured assessments in a case: started, answered, completed or discarded by the assessor;
the level of need decided by the team.

Nothing here derives a figure from the answers: the level of need is chosen by a person and
recorded with who decided and when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.audit import services as audit
from reintegra.cases import tallies
from reintegra.cases.models import (
    Answer,
    AnswerScale,
    Assessment,
    AssessmentStatus,
    Case,
    CaseStatus,
    Instrument,
    InstrumentDomain,
    InstrumentItem,
    InstrumentPurpose,
    NeedDecision,
    NeedLevel,
    ScaleOption,
    TaskKind,
    TeamMember,
)
from reintegra.core.access import CHANGE, VIEW, access_context, access_object
from reintegra.core.roles import Role

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _today() -> dt.date:
    return timezone.localdate()


def may_assess(user: User | None, case: Case) -> bool:
    """The case worker of the case, or a member of its team (the specialists)."""
    if user is None:
        return False
    return (
        case.case_worker_id == user.pk
        or TeamMember.objects.filter(case_id=case.pk, user_id=user.pk).exists()
    )


def may_decide_need(user: User | None, case: Case) -> bool:
    """The team decides: its members, the case worker, or a coordinator who may change the case."""
    if user is None:
        return False
    return may_assess(user, case) or Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists()


def _case_for(actor: User | None, case_id: int) -> Case:
    """The case, read through its access rule when a person acts."""
    if actor is None:
        return Case.objects.get(pk=case_id)
    return access_object(Case, actor, case_id, VIEW)


def _draft_for(actor: User | None, assessment: Assessment) -> Assessment:
    """The draft, locked, for its assessor only, in an open case."""
    if actor is not None:
        access_object(Assessment, actor, assessment.pk, VIEW)
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("case", "instrument")
        .get(pk=assessment.pk)
    )
    if actor is not None and assessment.assessor_id != actor.pk:
        raise PermissionDenied(_("Only the assessor changes an assessment."))
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("The assessment is completed: it cannot change."))
    if assessment.case.status != CaseStatus.OPEN:
        raise ValidationError(_("Assessments are made in open cases."))
    return assessment


def instrument_suits(instrument: Instrument, case: Case, on: dt.date) -> bool:
    """A child's instrument for a child, an adult's for an adult; a reassessment for anyone."""
    child = case.person.is_child_on(on)
    if instrument.purpose == InstrumentPurpose.CHILD_WELLBEING:
        return child
    if instrument.purpose == InstrumentPurpose.ADULT_NEEDS:
        return not child
    return True


@transaction.atomic
def assessment_start(
    *, actor: User | None, case: Case, instrument: Instrument, assessed_on: dt.date
) -> Assessment:
    """Start an assessment with an instrument; ``actor`` is its assessor."""
    case = _case_for(actor, case.pk)
    if actor is not None and not may_assess(actor, case):
        raise PermissionDenied(
            _("Only the case worker or a specialist on the case team makes assessments.")
        )
    errors: dict[str, Any] = {}
    if case.status != CaseStatus.OPEN:
        errors["instrument"] = _("Assessments are made in open cases.")
    if not instrument.is_active:
        errors["instrument"] = _("This instrument is no longer in use.")
    elif not instrument_suits(instrument, case, assessed_on):
        errors["instrument"] = (
            _("This instrument is for adults; the person is a child.")
            if instrument.purpose == InstrumentPurpose.ADULT_NEEDS
            else _("This instrument is for children; the person is an adult.")
        )
    if assessed_on > _today():
        errors["assessed_on"] = _("An assessment cannot be dated in the future.")
    elif assessed_on < case.opened_on:
        errors["assessed_on"] = _("The date is before the case was opened.")
    if errors:
        raise ValidationError(errors)
    assessment = Assessment.objects.create(
        case=case, instrument=instrument, assessor=actor, assessed_on=assessed_on
    )
    audit.record(
        actor=actor,
        action="assessment.started",
        obj=case,
        changes={
            "assessment": assessment.pk,
            "instrument": instrument.code,
            "assessed_on": assessed_on,
        },
    )
    return assessment


@transaction.atomic
def assessment_answer(
    *,
    actor: User | None,
    assessment: Assessment,
    answers: Mapping[int, str],
    comments: Mapping[int, str] | None = None,
    judgement: str | None = None,
) -> Assessment:
    """Save answers of a draft: ``answers`` maps item ids to option codes of the item's scale
    (an empty code clears the answer); ``comments`` maps item ids to comments."""
    assessment = _draft_for(actor, assessment)
    answers = {int(key): value for key, value in answers.items()}
    comments = {int(key): value for key, value in (comments or {}).items()}
    items = {
        item.pk: item
        for item in InstrumentItem.objects.filter(domain__instrument=assessment.instrument_id)
    }
    options = {
        (option.scale_id, option.code): option
        for option in ScaleOption.objects.filter(
            scale_id__in={item.scale_id for item in items.values()}
        )
    }
    errors: list[str] = []
    chosen: dict[int, ScaleOption | None] = {}
    for item_id in {*answers, *comments}:
        item = items.get(item_id)
        if item is None:
            errors.append(_("An answer is given to an item of another instrument."))
            continue
        code = (answers.get(item_id) or "").strip()
        if not code:
            chosen[item.pk] = None
            continue
        option = options.get((item.scale_id, code))
        if option is None:
            errors.append(
                _("“%(option)s” is not an answer on the scale of “%(item)s”.")
                % {"option": code, "item": item.text}
            )
            continue
        chosen[item.pk] = option
    for item_id, comment in comments.items():
        if item_id in items and (comment or "").strip() and chosen.get(item_id) is None:
            errors.append(
                _("A comment needs an answer to its item: “%(item)s”.")
                % {"item": items[item_id].text}
            )
    if errors:
        raise ValidationError(errors)
    existing = {a.item_id: a for a in assessment.answers.all()}
    changed: dict[str, Any] = {}
    for item_id, option in chosen.items():
        comment = (comments.get(item_id) or "").strip()
        current = existing.get(item_id)
        code = items[item_id].code
        if option is None:
            if current is not None:
                current.delete()
                changed[code] = None
            continue
        if current is None:
            Answer.objects.create(
                assessment=assessment, item_id=item_id, option=option, comment=comment
            )
            changed[code] = option.code
        elif current.option_id != option.pk or current.comment != comment:
            current.option, current.comment = option, comment
            current.save(update_fields=["option", "comment"])
            changed[code] = option.code
    if judgement is not None and judgement.strip() != assessment.judgement:
        assessment.judgement = judgement.strip()
        assessment.save(update_fields=["judgement"])
        changed["judgement"] = True  # the text stays on the assessment, not in the trail
    if changed:
        audit.record(
            actor=actor,
            action="assessment.answered",
            obj=assessment.case,
            changes={"assessment": assessment.pk, "answers": changed},
        )
    return assessment


@transaction.atomic
def assessment_complete(
    *,
    actor: User | None,
    assessment: Assessment,
    judgement: str,
    next_reassessment_on: dt.date | None = None,
) -> Assessment:
    """Complete a draft with the assessor's professional judgement: every item answered.

    A next reassessment date becomes a task for the case worker.
    """
    assessment = _draft_for(actor, assessment)
    errors: dict[str, Any] = {}
    if not judgement.strip():
        errors["judgement"] = _("Write your professional judgement before completing.")
    missing = (
        InstrumentItem.objects.filter(domain__instrument=assessment.instrument_id)
        .exclude(answers__assessment=assessment)
        .count()
    )
    if missing:
        errors["__all__"] = ngettext(
            "%(count)s item has no answer yet: answer every item before completing.",
            "%(count)s items have no answer yet: answer every item before completing.",
            missing,
        ) % {"count": missing}
    if next_reassessment_on is not None and next_reassessment_on <= _today():
        errors["next_reassessment_on"] = _("The next reassessment is after today.")
    if errors:
        raise ValidationError(errors)
    assessment.judgement = judgement.strip()
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.next_reassessment_on = next_reassessment_on
    assessment.save(update_fields=["judgement", "status", "completed_at", "next_reassessment_on"])
    tallies.assessment_completed(assessment)
    task = None
    if next_reassessment_on is not None:
        from reintegra.cases.services import task_create

        task = task_create(
            case=assessment.case,
            kind=TaskKind.REASSESSMENT,
            title=_("Reassess: %(instrument)s") % {"instrument": assessment.instrument.name},
            due_on=next_reassessment_on,
            assigned_to=assessment.case.case_worker,
        )
    audit.record(
        actor=actor,
        action="assessment.completed",
        obj=assessment.case,
        changes={
            "assessment": assessment.pk,
            "instrument": assessment.instrument.code,
            "next_reassessment_on": next_reassessment_on,
            "task": task.pk if task else None,
        },
    )
    return assessment


@transaction.atomic
def assessment_discard(*, actor: User | None, assessment: Assessment, reason: str = "") -> None:
    """Throw away a draft with its answers; a completed assessment stays for good."""
    assessment = _draft_for(actor, assessment)
    case, pk, code = assessment.case, assessment.pk, assessment.instrument.code
    assessment.delete()
    audit.record(
        actor=actor,
        action="assessment.discarded",
        obj=case,
        changes={"assessment": pk, "instrument": code},
        reason=reason,
    )


@transaction.atomic
def need_level_decide(
    *,
    actor: User | None,
    assessment: Assessment,
    level: str,
    decided_on: dt.date,
    rationale: str,
) -> NeedDecision:
    """Record the level of need the team decided after a completed assessment.

    A person's choice with their reasons: nothing proposes or computes it from the answers.
    """
    if actor is not None:
        access_object(Assessment, actor, assessment.pk, VIEW)
    assessment = Assessment.objects.select_related("case").get(pk=assessment.pk)
    case = assessment.case
    if actor is not None and not may_decide_need(actor, case):
        raise PermissionDenied(_("The level of need is decided by the case team."))
    errors: dict[str, Any] = {}
    if assessment.status != AssessmentStatus.COMPLETED:
        errors["__all__"] = _("The level of need is decided after the assessment is completed.")
    if case.status != CaseStatus.OPEN:
        errors["__all__"] = _("Decisions are recorded in open cases.")
    if level not in NeedLevel.values:
        errors["level"] = _("Choose the level of need the team decided.")
    if decided_on > _today():
        errors["decided_on"] = _("A decision cannot be dated in the future.")
    elif decided_on < assessment.assessed_on:
        errors["decided_on"] = _("The decision is dated before the assessment.")
    if not rationale.strip():
        errors["rationale"] = _("Write the reasons for the team's decision.")
    if errors:
        raise ValidationError(errors)
    decision = NeedDecision.objects.create(
        case=case,
        assessment=assessment,
        level=level,
        decided_on=decided_on,
        decided_by=actor,
        rationale=rationale.strip(),
    )
    audit.record(
        actor=actor,
        action="assessment.need_level_decided",
        obj=case,
        changes={
            "assessment": assessment.pk,
            "decision": decision.pk,
            "level": level,
            "decided_on": decided_on,
        },
    )
    return decision


INSTRUMENT_MODELS = (Instrument, InstrumentDomain, InstrumentItem, AnswerScale, ScaleOption)


@transaction.atomic
def instrument_part_save(*, actor: User, obj: Any, changed: list[str]) -> Any:
    """Save an instrument, domain, item, scale or option an administrator edited (validated by
    the administration form), with its audit entry."""
    if not isinstance(obj, INSTRUMENT_MODELS):
        raise ValueError(f"not a part of an instrument: {type(obj).__name__}")
    if not access_context(actor).has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an administrator may change reference data."))
    created = obj.pk is None
    obj.save()
    audit.record(
        actor=actor,
        action=f"{obj._meta.model_name}.{'created' if created else 'changed'}",
        obj=obj,
        changes={"code": getattr(obj, "code", ""), "fields": sorted(changed)},
    )
    return obj
