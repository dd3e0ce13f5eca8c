"""Cases, observation history answered "as of" a day, consents, and who sees what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.cases import selectors, services
from reintegra.cases.models import Case, Observation, Program
from reintegra.cases.observations import Dimension, Employment, LegalStatus
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.models import Person, Script, Sex
from reintegra.people.services import NameInput, person_register

pytestmark = pytest.mark.django_db
D = dt.date


ADULT_BIRTH = PartialDate.of(1988, 6, 1)


def person(*, birth=ADULT_BIRTH, organisation="aqniet-aktau", sex=Sex.FEMALE):
    return person_register(
        actor=None,
        organisation=Organisation.objects.get(code=organisation),
        sex=sex,
        birth=birth,
        names=[NameInput(script=Script.KAZAKH_CYRILLIC, surname="Оспанова", given_name="Жанар")],
    )


@pytest.fixture
def woman(reference_data):
    return person()


def record(who, dimension, value, start):
    return services.observation_record(
        actor=None, person=who, dimension=dimension, value=value, valid_from=start
    )


def test_a_new_value_ends_the_previous_one_and_history_answers_as_of(woman):
    record(woman, Dimension.EMPLOYMENT, Employment.HOMEMAKER, D(2019, 6, 1))
    record(woman, Dimension.EMPLOYMENT, Employment.EMPLOYED, D(2021, 3, 15))

    def ask(day):
        return selectors.value_as_of(
            user=None,
            person=woman,
            dimension=Dimension.EMPLOYMENT,
            on=day,
        )

    assert ask(D(2019, 5, 31)) is None
    assert ask(D(2019, 6, 1)) == "homemaker"
    assert ask(D(2021, 3, 14)) == "homemaker"
    assert ask(D(2021, 3, 15)) == "employed"
    history = list(Observation.objects.filter(person=woman).order_by("valid_from"))
    assert [(o.value, o.valid_to) for o in history] == [
        ("homemaker", D(2021, 3, 15)),
        ("employed", None),
    ]


def test_a_value_dated_before_the_newest_is_refused(woman):
    record(woman, Dimension.EMPLOYMENT, Employment.EMPLOYED, D(2021, 3, 15))
    with pytest.raises(ValidationError, match="must start after"):
        record(woman, Dimension.EMPLOYMENT, Employment.HOMEMAKER, D(2020, 1, 1))


def test_an_unknown_value_is_refused(woman):
    with pytest.raises(ValidationError):
        record(woman, Dimension.EMPLOYMENT, "astronaut", D(2021, 1, 1))


def test_values_as_of_answers_for_many_people_in_one_query(woman, django_assert_num_queries):
    other = person()
    record(woman, Dimension.EMPLOYMENT, Employment.EMPLOYED, D(2020, 1, 1))
    record(other, Dimension.EMPLOYMENT, Employment.HOMEMAKER, D(2020, 1, 1))
    with django_assert_num_queries(1):
        values = selectors.values_as_of(dimension=Dimension.EMPLOYMENT, on=D(2022, 1, 1))
    assert values == {woman.pk: "employed", other.pk: "homemaker"}


def test_legal_status_is_hidden_without_the_legal_permission(woman, make_user):
    worker = make_user(Role.CASE_WORKER)
    lawyer_like = make_user(Role.CASE_WORKER, permissions=["legal_security"])
    record(woman, Dimension.LEGAL_STATUS, LegalStatus.NOT_PROSECUTED, D(2020, 1, 1))
    record(woman, Dimension.EMPLOYMENT, Employment.EMPLOYED, D(2020, 1, 1))
    seen = lambda user: set(
        selectors.observation_history(user=user, person=woman).values_list("dimension", flat=True)
    )
    assert seen(worker) == {"employment"}
    assert seen(lawyer_like) == {"employment", "legal_status"}
    with pytest.raises(PermissionDenied):
        services.observation_record(
            actor=worker,
            person=woman,
            dimension=Dimension.LEGAL_STATUS,
            value=LegalStatus.CHARGED,
            valid_from=D(2021, 1, 1),
        )


def test_a_childs_consent_is_given_by_a_guardian_and_can_be_withdrawn(reference_data):
    mother = person()
    child = person(birth=PartialDate.of(2015, 3, 3), sex=Sex.MALE)
    with pytest.raises(ValidationError, match="parent or guardian"):
        services.consent_record(
            actor=None,
            person=child,
            recipient_kinds=["health"],
            purpose="treatment",
            given_on=D(2020, 1, 1),
        )
    consent = services.consent_record(
        actor=None,
        person=child,
        recipient_kinds=["health"],
        purpose="treatment",
        given_on=D(2020, 1, 1),
        given_by=mother,
    )
    assert selectors.consent_covering(child, "health", D(2021, 1, 1)) == consent
    assert selectors.consent_covering(child, "education", D(2021, 1, 1)) is None
    services.consent_withdraw(actor=None, consent=consent, withdrawn_on=D(2022, 1, 1))
    assert selectors.consent_covering(child, "health", D(2021, 12, 31)) == consent
    assert selectors.consent_covering(child, "health", D(2022, 1, 1)) is None
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=None, consent=consent)


def test_case_scopes_reach_own_team_organisation_and_region(reference_data, make_user):
    own = make_user(Role.CASE_WORKER, scope=Scope.OWN_CASELOAD)
    team = make_user(Role.SPECIALIST, scope=Scope.TEAM)
    branch = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION)
    coordinator = make_user(
        Role.REGIONAL_COORDINATOR, scope=Scope.REGION, organisation="aqniet-almaty"
    )
    aktau, almaty = (
        Organisation.objects.get(code="aqniet-aktau"),
        Organisation.objects.get(code="aqniet-almaty"),
    )
    mine = services.case_open(
        actor=None,
        person=person(),
        program=Program.RETURNEE,
        organisation=aktau,
        case_worker=own,
        opened_on=D(2020, 1, 1),
    )
    teamed = services.case_open(
        actor=None,
        person=person(),
        program=Program.RETURNEE,
        organisation=aktau,
        opened_on=D(2020, 1, 1),
    )
    services.team_member_add(actor=None, case=teamed, user=team)
    elsewhere = services.case_open(
        actor=None,
        person=person(organisation="aqniet-almaty"),
        program=Program.COUNSELLING,
        organisation=almaty,
        opened_on=D(2020, 1, 1),
    )
    visible = lambda user: set(Case.objects.restrict(user, "view"))
    assert visible(own) == {mine}
    assert visible(team) == {teamed}
    assert visible(branch) == {mine, teamed}
    assert visible(coordinator) == {elsewhere}
    assert set(Person.objects.restrict(team, "view")) == {teamed.person}
    assert Case.objects.restrict(team, "change").count() == 0


def test_a_childs_case_is_hidden_from_a_membership_without_the_children_permission(
    reference_data, make_user
):
    plain = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION)
    trusted = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, permissions=["children"])
    child = person(birth=PartialDate.of(2016, 1, 1), sex=Sex.MALE)
    case = services.case_open(
        actor=None,
        person=child,
        program=Program.RETURNEE,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        opened_on=D(2020, 1, 1),
    )
    assert not Case.objects.restrict(plain, "view").filter(pk=case.pk).exists()
    assert Case.objects.restrict(trusted, "view").filter(pk=case.pk).exists()


def test_a_second_open_case_in_the_same_program_is_refused(woman):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    services.case_open(actor=None, person=woman, program=Program.RETURNEE, organisation=aktau)
    with pytest.raises(ValidationError, match="already has an open case"):
        services.case_open(actor=None, person=woman, program=Program.RETURNEE, organisation=aktau)
