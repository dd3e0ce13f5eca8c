"""Specialists: categories under their criteria, certificates expiring, the report, and the case
team's candidates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.audit.models import Event
from reintegra.core.roles import Profession, Role, Scope
from reintegra.demo.knowledge import CATEGORIES
from reintegra.knowledge import selectors, specialists
from reintegra.knowledge.models import QualificationCategory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def categories(db):
    return {
        code: specialists.category_save(
            actor=None,
            category=QualificationCategory(
                code=code,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                seniority=seniority,
                min_years_experience=years,
                required_trainings=trainings,
            ),
        )
        for code, kk, ru, en, seniority, years, trainings in [
            ("highest", "Жоғары санат", "Высшая категория", "Highest category", 3, 5, 2),
            ("first", "Бірінші санат", "Первая категория", "First category", 2, 3, 1),
        ]
    }


@pytest.fixture
def psychologist(make_user):
    return make_user(Role.SPECIALIST, scope=Scope.TEAM, username="dinara")


@pytest.fixture
def theologian(make_user):
    return make_user(
        Role.SPECIALIST, scope=Scope.TEAM, profession=Profession.THEOLOGIAN, username="nurlan"
    )


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION, username="gulnar")


def training(profile, *, expires_in=None, issued_days_ago=400, actor=None, title="Training"):
    return specialists.certificate_add(
        actor=actor,
        specialist=profile,
        kind="training",
        title=title,
        issued_on=TODAY() - dt.timedelta(days=issued_days_ago),
        expires_on=TODAY() + dt.timedelta(days=expires_in) if expires_in is not None else None,
    )


def test_a_profile_takes_the_organisation_of_the_specialists_membership(psychologist):
    profile = specialists.specialist_create(actor=None, user=psychologist, years_experience=4)
    assert profile.organisation.code == "aqniet-aktau"
    assert Event.objects.filter(action="specialist.created").exists()


def test_an_account_without_a_profession_gets_no_profile(make_user):
    user = make_user(Role.CASE_WORKER)
    with pytest.raises(ValidationError, match="profession"):
        specialists.specialist_create(actor=None, user=user)


def test_a_category_is_given_only_when_its_criteria_are_met(psychologist, categories, coordinator):
    profile = specialists.specialist_create(actor=None, user=psychologist, years_experience=6)
    with pytest.raises(ValidationError) as error:
        specialists.specialist_update(
            actor=coordinator,
            specialist=profile,
            expected_version=profile.version,
            category=categories["highest"],
            years_experience=6,
        )
    assert "2 valid certificates" in str(error.value)
    training(profile)
    training(profile, expires_in=-1)  # expired: does not count
    with pytest.raises(ValidationError):
        specialists.specialist_update(
            actor=coordinator,
            specialist=profile,
            expected_version=profile.version,
            category=categories["highest"],
            years_experience=6,
        )
    training(profile, expires_in=30)
    updated = specialists.specialist_update(
        actor=coordinator,
        specialist=profile,
        expected_version=profile.version,
        category=categories["highest"],
        years_experience=6,
    )
    assert updated.category == categories["highest"]


def test_a_specialist_records_their_own_trainings_but_not_their_category(psychologist, categories):
    profile = specialists.specialist_create(actor=None, user=psychologist, years_experience=3)
    training(profile, actor=psychologist)
    with pytest.raises(PermissionDenied):
        specialists.specialist_update(
            actor=psychologist,
            specialist=profile,
            expected_version=profile.version,
            category=categories["first"],
            years_experience=3,
        )


def test_a_certificate_cannot_expire_before_it_was_issued(psychologist):
    profile = specialists.specialist_create(actor=None, user=psychologist)
    with pytest.raises(ValidationError) as error:
        specialists.certificate_add(
            actor=None,
            specialist=profile,
            kind="certificate",
            title="X",
            issued_on=dt.date(2024, 5, 1),
            expires_on=dt.date(2024, 4, 1),
        )
    assert "expires_on" in error.value.message_dict


def test_the_expiring_list_shows_what_expires_within_the_period_and_what_expired(
    psychologist, coordinator
):
    profile = specialists.specialist_create(actor=None, user=psychologist)
    soon = training(profile, expires_in=20, title="soon")
    later = training(profile, expires_in=200, title="later")
    expired = training(profile, expires_in=-3, title="expired")
    training(profile, title="no expiry")
    listed = selectors.certificates_expiring(user=coordinator)
    assert listed.days == 90
    assert list(listed.soon) == [soon] and list(listed.expired) == [expired]
    assert later in selectors.certificates_expiring(user=coordinator, days=365).soon
    page = client_for(coordinator).get(reverse("knowledge:certificate_expiring"), {"days": 30})
    assert list(page.context["expiring"].soon) == [soon]


def test_the_warning_period_is_configurable(psychologist, coordinator, settings):
    settings.CERTIFICATE_WARNING_DAYS = 10
    profile = specialists.specialist_create(actor=None, user=psychologist)
    training(profile, expires_in=20)
    assert not selectors.certificates_expiring(user=coordinator).soon.exists()


def test_colleagues_elsewhere_do_not_see_a_profile(psychologist, make_user):
    profile = specialists.specialist_create(actor=None, user=psychologist)
    far = make_user(Role.CASE_WORKER, organisation="aqniet-almaty")
    assert not selectors.specialist_list(user=far).filter(pk=profile.pk).exists()
    response = client_for(far).get(reverse("knowledge:specialist_detail", args=[profile.pk]))
    assert response.status_code == 403


def test_the_report_counts_by_region_profession_and_category(
    psychologist, theologian, categories, make_user, user_of_role
):
    specialists.specialist_create(actor=None, user=psychologist, years_experience=3, category=None)
    profile = specialists.specialist_create(actor=None, user=theologian, years_experience=4)
    training(profile)
    specialists.specialist_update(
        actor=None,
        specialist=profile,
        expected_version=profile.version,
        category=categories["first"],
        years_experience=4,
    )
    almaty = make_user(Role.SPECIALIST, organisation="aqniet-almaty")
    specialists.specialist_create(actor=None, user=almaty)
    page = client_for(user_of_role(Role.NATIONAL_ANALYST)).get(
        reverse("knowledge:specialist_report")
    )
    rows = {(r["region"], r["profession"], r["category"]): r["count"] for r in page.context["rows"]}
    assert page.context["total"] == 3
    assert rows[("Mangystau Region", "Theologian", "First category")] == 1
    assert rows[("Mangystau Region", "Psychologist", "No category")] == 1
    assert sum(v for (region, *_rest), v in rows.items() if region != "Mangystau Region") == 1


def test_the_report_states_each_categorys_requirements_in_the_readers_language(
    categories, user_of_role
):
    page = client_for(user_of_role(Role.NATIONAL_ANALYST)).get(
        reverse("knowledge:specialist_report"), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert "<dd>at least 5 years of experience, 2 valid certificates or trainings</dd>" in text
    assert "— ·" not in text


def test_the_demo_categories_carry_no_criteria_text_in_three_languages_at_once():
    assert all(criteria == "" for *_rest, criteria in CATEGORIES)


def test_a_coordinator_reports_only_on_their_region(psychologist, make_user):
    specialists.specialist_create(actor=None, user=psychologist)
    specialists.specialist_create(
        actor=None, user=make_user(Role.SPECIALIST, organisation="aqniet-almaty")
    )
    far = make_user(Role.REGIONAL_COORDINATOR, scope=Scope.REGION, organisation="aqniet-almaty")
    assert sum(row["count"] for row in selectors.specialist_report(user=far)) == 1


def test_the_team_candidates_show_profession_and_category_and_filter_by_profession(
    psychologist, theologian, categories
):
    from reintegra.cases.services import case_open
    from reintegra.core.dates import PartialDate
    from reintegra.core.models import Organisation
    from reintegra.people.services import NameInput, person_register

    aktau = Organisation.objects.get(code="aqniet-aktau")
    person = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1988, 3, 3),
        names=[NameInput(script="kk-Cyrl", surname="Досанова", given_name="Меруерт")],
    )
    case = case_open(actor=None, person=person, program="returnee", organisation=aktau)
    profile = specialists.specialist_create(actor=None, user=theologian, years_experience=4)
    training(profile)
    specialists.specialist_update(
        actor=None,
        specialist=profile,
        expected_version=profile.version,
        category=categories["first"],
        years_experience=4,
    )
    from reintegra.accounts import services as accounts

    caseworker = accounts.user_create(actor=None, username="madina", password="Long-pass-123!")
    accounts.membership_grant(
        actor=None, user=caseworker, organisation=aktau, role="case_worker", scope="organisation"
    )
    client = client_for(caseworker)
    page = client.get(reverse("cases:team_edit", args=[case.pk]))
    field = page.context["form"].fields["user"]
    labels = [label for _value, label in field.choices if _value]
    assert any("Theologian" in label and "First category" in label for label in labels)
    filtered = client.get(reverse("cases:team_edit", args=[case.pk]), {"profession": "theologian"})
    assert list(filtered.context["form"].fields["user"].queryset) == [theologian]
