"""Row-level access: restrict() and access_object() decide, and expired grants give nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from reintegra.accounts import services as account_services
from reintegra.accounts.models import Membership, User
from reintegra.audit.models import Event
from reintegra.core.access import ScopePaths, access_context, access_object, filter_by_scope
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role, Scope

pytestmark = pytest.mark.django_db


def test_an_active_member_reads_reference_data_but_only_administrators_change_it(
    case_worker, administrator
):
    assert Region.objects.restrict(case_worker, "view").count() == 20
    assert Region.objects.restrict(case_worker, "change").count() == 0
    assert Region.objects.restrict(administrator, "change").count() == 20


def test_nobody_without_an_active_membership_sees_anything(expired_user, make_user):
    revoked = make_user(Role.CASE_WORKER)
    account_services.membership_revoke(actor=None, membership=revoked.memberships.get())
    future = make_user(Role.CASE_WORKER, valid_from=timezone.localdate() + dt.timedelta(days=1))
    for user in (expired_user, revoked, future, None):
        assert Organisation.objects.restrict(user, "view").count() == 0
        assert not access_context(user).is_active


def test_a_switched_off_account_has_no_access(make_user):
    user = make_user(Role.AUDITOR)
    account_services.user_set_active(actor=None, user=user, active=False)
    user.refresh_from_db()
    assert Event.objects.restrict(user, "view").count() == 0


def test_a_membership_valid_until_today_still_works_today(make_user):
    user = make_user(Role.CASE_WORKER, valid_until=timezone.localdate())
    assert access_context(user).is_active


def test_the_audit_trail_is_for_auditors_only(auditor, administrator, case_worker):
    assert Event.objects.restrict(auditor, "view").count() == Event.objects.count()
    assert Event.objects.restrict(administrator, "view").count() == 0
    assert Event.objects.restrict(case_worker, "view").count() == 0
    assert Event.objects.restrict(auditor, "change").count() == 0


def test_users_see_their_own_account_and_administrators_all(case_worker, administrator):
    assert list(User.objects.restrict(case_worker, "view")) == [case_worker]
    assert User.objects.restrict(administrator, "view").count() == User.objects.count()
    assert list(Membership.objects.restrict(case_worker, "view")) == list(
        case_worker.memberships.all()
    )


def test_a_model_without_a_policy_is_closed_to_everybody(administrator):
    from django.contrib.sessions.models import Session

    Session.objects.create(session_key="x", session_data="", expire_date=timezone.now())
    from reintegra.core.access import RestrictedQuerySet

    assert RestrictedQuerySet(model=Session).restrict(administrator, "view").count() == 0


def test_an_unknown_action_is_a_programming_error(case_worker):
    with pytest.raises(ValueError):
        Region.objects.restrict(case_worker, "approve")


def test_access_object_tells_forbidden_from_missing(case_worker, auditor):
    event = Event.objects.first()
    assert access_object(Event, auditor, event.pk) == event
    with pytest.raises(PermissionDenied):
        access_object(Event, case_worker, event.pk)
    with pytest.raises(Http404):
        access_object(Event, auditor, 10**9)
    with pytest.raises(Http404):
        access_object(Event, auditor, "not-a-number")


# Scopes, checked on organisations standing in for any record with a region and an organisation.
PATHS = ScopePaths(region="region_id", organisation="pk")


def scoped(user) -> set[str]:
    qs = Organisation.objects.all()
    return set(
        filter_by_scope(
            qs, access_context(user), [Role.CASE_WORKER, Role.REGIONAL_COORDINATOR], PATHS
        ).values_list("code", flat=True)
    )


def test_a_region_scope_reaches_the_whole_region(make_user):
    coordinator = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION)
    assert scoped(coordinator) == {
        "aqniet-aktau",
        "mangystau-guardianship",
        "aktau-polyclinic",
        "aktau-school",
    }


def test_an_organisation_scope_reaches_the_organisation_and_its_branches(make_user):
    national = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet")
    assert scoped(national) == {
        "aqniet",
        *(f"aqniet-{b}" for b in ("astana", "almaty", "zhezkazgan", "aktobe", "atyrau", "aktau")),
    }
    branch = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, organisation="aqniet-aktau")
    assert scoped(branch) == {"aqniet-aktau"}


def test_a_national_scope_reaches_everything(make_user):
    coordinator = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.NATIONAL)
    assert len(scoped(coordinator)) == Organisation.objects.count()


def test_roles_not_named_reach_nothing(make_user):
    auditor = make_user(Role.AUDITOR, scope=Scope.NATIONAL, organisation="aqniet")
    assert scoped(auditor) == set()
