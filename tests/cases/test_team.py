"""The multidisciplinary team of a case: colleagues of its organisation join and leave it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegra.audit.models import Event
from reintegra.cases import services
from reintegra.cases.models import TeamMember
from reintegra.core.roles import Role, Scope
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def reads(user, case) -> bool:
    """The case page opens (outside the scope it sends to the emergency-access form instead)."""
    return client_for(user).get(reverse("cases:case_detail", args=[case.pk])).status_code == 200


@pytest.fixture
def psychologist(make_user):
    return make_user(
        Role.SPECIALIST, scope=Scope.TEAM, permissions=["confidential_notes"], username="dinara"
    )


def test_a_specialist_of_the_organisation_joins_and_then_reads_the_case(actors, case, psychologist):
    assert not reads(psychologist, case)
    response = client_for(actors["worker"]).post(
        reverse("cases:team_edit", args=[case.pk]), {"user": psychologist.pk}
    )
    assert response.status_code == 302
    assert TeamMember.objects.filter(case=case, user=psychologist).exists()
    assert reads(psychologist, case)
    assert Event.objects.filter(action="case.team_member_added").exists()


def test_only_colleagues_of_the_cases_organisation_join(actors, case, make_user):
    almaty = make_user(Role.SPECIALIST, organisation="aqniet-almaty")
    analyst = make_user(Role.NATIONAL_ANALYST)
    for user in (almaty, analyst):
        with pytest.raises(ValidationError):
            services.team_member_join(actor=actors["worker"], case=case, user=user)
    page = client_for(actors["worker"]).get(reverse("cases:team_edit", args=[case.pk]))
    options = page.context["form"].fields["user"].queryset
    assert almaty not in options and analyst not in options


def test_a_member_is_removed_and_loses_the_case(actors, case, psychologist):
    member = services.team_member_join(actor=actors["worker"], case=case, user=psychologist)
    client_for(actors["worker"]).post(
        reverse("cases:team_edit", args=[case.pk]), {"remove": member.pk}
    )
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert Event.objects.filter(action="case.team_member_removed").count() == 1
    assert not reads(psychologist, case)


def test_a_specialist_cannot_change_the_team(case, psychologist, actors, make_user):
    services.team_member_join(actor=actors["worker"], case=case, user=psychologist)
    other = make_user(Role.SPECIALIST, profession="theologian")
    with pytest.raises(PermissionDenied):
        services.team_member_join(actor=psychologist, case=case, user=other)
