"""What the case summary PDF of one person holds: everything read as the user may read it.

Observations follow the observation rules (legal status only with the legal and security
permission); services come without their confidential notes, always; assessments show the
completed answers as their labels (never a score); identity numbers are masked unless the user
holds the identity-numbers permission.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reintegra.cases import referral_selectors, selectors
from reintegra.cases.models import Answer, Assessment, AssessmentStatus, Goal, Plan, Service
from reintegra.core.access import VIEW
from reintegra.people.models import IdentityDocument
from reintegra.people.selectors import may_see_identity_numbers

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.cases.models import Case


def case_summary(*, user: User, case: Case) -> dict:
    person = case.person
    show_numbers = may_see_identity_numbers(user)
    documents = "; ".join(
        f"{d.get_kind_display()} {d.number if show_numbers else d.masked_number}"
        for d in IdentityDocument.objects.restrict(user, VIEW).filter(person=person)
    )
    plan = Plan.objects.restrict(user, VIEW).filter(case=case).order_by("-created_at").first()
    goals = (
        list(Goal.objects.restrict(user, VIEW).filter(plan=plan).select_related("responsible"))
        if plan
        else []
    )
    # Only the fields a summary shows: the confidential note is not even read.
    services = list(
        Service.objects.restrict(user, VIEW)
        .filter(case=case)
        .select_related("provider", "provider_organisation")
        .defer("confidential_note")
        .order_by("date", "pk")
    )
    assessments = []
    completed = (
        Assessment.objects.restrict(user, VIEW)
        .filter(case=case, status=AssessmentStatus.COMPLETED)
        .select_related("instrument")
        .order_by("assessed_on", "pk")
    )
    for assessment in completed:
        answers = (
            Answer.objects.restrict(user, VIEW)
            .filter(assessment=assessment)
            .select_related("item__domain", "option")
            .order_by("item__domain__position", "item__position", "pk")
        )
        assessments.append(
            (
                assessment,
                [[a.item.domain.name, a.item.text, a.option.label] for a in answers],
            )
        )
    return {
        "case": case,
        "person": person,
        "documents": documents,
        "observations": list(
            selectors.observation_history(user=user, person=person).order_by(
                "dimension", "valid_from"
            )
        ),
        "plan": plan,
        "goals": goals,
        "services": services,
        "assessments": assessments,
        "referrals": list(referral_selectors.referrals_of_case(user=user, case=case)),
    }
