"""Assessments: instruments, answers on their scales, the assessor's judgement, the team's
decision on the level of need, the reassessment task; and never a score about a person."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reintegra.audit.models import Event
from reintegra.cases import assessments, services
from reintegra.cases.api_assessments import (
    AnswerSerializer,
    AssessmentSerializer,
    NeedDecisionSerializer,
)
from reintegra.cases.instrument_content import load_instruments
from reintegra.cases.models import (
    Answer,
    AnswerScale,
    Assessment,
    AssessmentStatus,
    CaseStatus,
    Instrument,
    InstrumentDomain,
    InstrumentItem,
    NeedDecision,
    ScaleOption,
    Task,
    TaskKind,
)
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
ASSESSED = TODAY - dt.timedelta(days=10)
SCORE_WORDS = re.compile(r"score|total|risk|sum|average|mean|points|rating|index", re.I)


@pytest.fixture
def adult_needs():
    return Instrument.objects.get(code="adult-needs")


@pytest.fixture
def specialist(make_user, case):
    user = make_user(Role.SPECIALIST, scope=Scope.TEAM, permissions=["children"])
    services.team_member_add(actor=None, case=case, user=user)
    return user


def items_of(instrument: Instrument) -> list[InstrumentItem]:
    return list(
        InstrumentItem.objects.filter(domain__instrument=instrument).order_by(
            "domain__position", "position"
        )
    )


def all_answers(instrument: Instrument, code: str = "some") -> dict[int, str]:
    return {item.pk: code for item in items_of(instrument)}


def completed(actor, case, instrument, *, day=ASSESSED, code="some", next_on=None):
    assessment = assessments.assessment_start(
        actor=actor, case=case, instrument=instrument, assessed_on=day
    )
    assessments.assessment_answer(
        actor=actor, assessment=assessment, answers=all_answers(instrument, code)
    )
    return assessments.assessment_complete(
        actor=actor,
        assessment=assessment,
        judgement="Главное сейчас — документы детей.",
        next_reassessment_on=next_on,
    )


def child_case(actors):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    child = person_register(
        actor=None,
        organisation=aktau,
        sex="male",
        birth=PartialDate.of(TODAY.year - 8, 3, 3),
        names=[NameInput(script="kk-Cyrl", surname="Досанов", given_name="Алихан")],
    )
    return services.case_open(
        actor=None,
        person=child,
        program="returnee",
        organisation=aktau,
        case_worker=actors["worker"],
        opened_on=dt.date(2020, 1, 1),
    )


# --- The shipped instruments ---------------------------------------------------------------------


def test_every_installation_gets_three_instruments_in_kazakh_russian_and_english():
    instruments = {i.code: i for i in Instrument.objects.all()}
    assert {"adult-needs", "child-wellbeing", "reassessment"} <= set(instruments)
    assert {i.purpose for i in instruments.values()} >= {
        "adult_needs",
        "child_wellbeing",
        "reassessment",
    }
    adult_domains = list(instruments["adult-needs"].domains.values_list("code", flat=True))
    assert adult_domains == [
        *("health", "housing", "documents", "employment"),
        *("education", "family", "psychological", "religious"),
    ]
    child_domains = list(instruments["child-wellbeing"].domains.values_list("code", flat=True))
    assert child_domains == [
        *("health", "development", "schooling", "caregivers", "trauma", "social")
    ]
    for domain in InstrumentDomain.objects.all():
        assert 3 <= domain.items.count() <= 5, domain.code
        assert domain.name_kk and domain.name_ru and domain.name_en
        assert domain.guidance_kk and domain.guidance_ru and domain.guidance_en
    for item in InstrumentItem.objects.all():
        assert item.text_kk and item.text_ru and item.text_en
        assert item.scale.options.count() >= 3
    for option in ScaleOption.objects.all():
        assert option.label_kk and option.label_ru and option.label_en


def test_the_shipped_items_ask_about_needs_and_behaviour_not_beliefs():
    texts = " ".join(InstrumentItem.objects.values_list("text_en", flat=True)).lower()
    for word in (
        "believe",
        "belief",
        "ideolog",
        "extremis",
        "radical",
        "faith in",
        "vera-2r",
        "erg22",
    ):
        assert word not in texts


def test_loading_the_instruments_again_keeps_an_administrators_changes():
    instrument = Instrument.objects.get(code="adult-needs")
    instrument.name_en = "Needs of an adult (our wording)"
    instrument.save(update_fields=["name_en"])
    count = InstrumentItem.objects.count()
    created = load_instruments(
        scale_model=AnswerScale,
        option_model=ScaleOption,
        instrument_model=Instrument,
        domain_model=InstrumentDomain,
        item_model=InstrumentItem,
    )
    assert created == 0 and InstrumentItem.objects.count() == count
    instrument.refresh_from_db()
    assert instrument.name_en == "Needs of an adult (our wording)"


def test_texts_are_shown_in_the_users_language_or_another_when_it_is_empty(adult_needs):
    domain = adult_needs.domains.get(code="housing")
    with translation.override("kk"):
        assert domain.name == "Тұрғын үй"
    with translation.override("ru"):
        assert domain.name == "Жильё"
    domain.name_en = ""
    with translation.override("en"):
        assert domain.name == "Жильё"


# --- Starting -------------------------------------------------------------------------------------


def test_the_case_worker_starts_an_assessment_and_is_its_assessor(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.assessor == actors["worker"]
    event = Event.objects.filter(action="assessment.started").get()
    assert event.changes["instrument"] == "adult-needs"
    assert event.actor == actors["worker"]


def test_a_specialist_on_the_team_assesses_and_one_off_the_team_may_not(
    actors, case, adult_needs, specialist, make_user
):
    assessments.assessment_start(
        actor=specialist, case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    colleague = make_user(Role.SPECIALIST, scope=Scope.ORGANISATION)
    with pytest.raises(PermissionDenied):
        assessments.assessment_start(
            actor=colleague, case=case, instrument=adult_needs, assessed_on=ASSESSED
        )


def test_a_coordinator_who_reaches_the_case_is_not_its_assessor(actors, case, adult_needs):
    with pytest.raises(PermissionDenied, match="case worker or a specialist"):
        assessments.assessment_start(
            actor=actors["coordinator"], case=case, instrument=adult_needs, assessed_on=ASSESSED
        )


def test_a_coordinator_of_another_region_does_not_reach_the_case(actors, case, adult_needs):
    with pytest.raises(PermissionDenied):
        assessments.assessment_start(
            actor=actors["far_coordinator"],
            case=case,
            instrument=adult_needs,
            assessed_on=ASSESSED,
        )


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + dt.timedelta(days=1), "future"),
        (dt.date(2019, 12, 31), "before the case was opened"),
    ],
)
def test_an_assessment_is_dated_between_the_opening_and_today(
    actors, case, adult_needs, day, message
):
    with pytest.raises(ValidationError, match=message):
        assessments.assessment_start(
            actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=day
        )
    assert not Assessment.objects.exists()


def test_assessments_are_made_only_in_open_cases(actors, case, adult_needs):
    case.status = CaseStatus.CLOSING
    case.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="open cases"):
        assessments.assessment_start(
            actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
        )


def test_an_instrument_no_longer_in_use_is_refused(actors, case, adult_needs):
    adult_needs.is_active = False
    adult_needs.save(update_fields=["is_active"])
    with pytest.raises(ValidationError, match="no longer in use"):
        assessments.assessment_start(
            actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
        )


def test_a_child_is_assessed_with_the_child_instrument_not_the_adult_one(make_user, actors):
    worker = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION, permissions=["children"])
    child = child_case({"worker": worker})
    with pytest.raises(ValidationError, match="for adults"):
        assessments.assessment_start(
            actor=worker,
            case=child,
            instrument=Instrument.objects.get(code="adult-needs"),
            assessed_on=ASSESSED,
        )
    assessment = assessments.assessment_start(
        actor=worker,
        case=child,
        instrument=Instrument.objects.get(code="child-wellbeing"),
        assessed_on=ASSESSED,
    )
    assert assessment.instrument.purpose == "child_wellbeing"


def test_an_adult_is_not_assessed_with_the_child_instrument(actors, case):
    with pytest.raises(ValidationError, match="for children"):
        assessments.assessment_start(
            actor=actors["worker"],
            case=case,
            instrument=Instrument.objects.get(code="child-wellbeing"),
            assessed_on=ASSESSED,
        )


def test_a_childs_assessments_need_the_children_permission(make_user):
    with_permission = make_user(
        Role.CASE_WORKER, scope=Scope.ORGANISATION, permissions=["children"]
    )
    without = make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION)
    child = child_case({"worker": with_permission})
    assessment = assessments.assessment_start(
        actor=with_permission,
        case=child,
        instrument=Instrument.objects.get(code="child-wellbeing"),
        assessed_on=ASSESSED,
    )
    assert not Assessment.objects.restrict(without, "view").exists()
    assert not Answer.objects.restrict(without, "view").exists()
    assert client_for(without).get(f"/cases/assessments/{assessment.pk}/").status_code == 403


# --- Answering ----------------------------------------------------------------------------------


def test_answers_are_saved_changed_and_cleared_with_audit_entries(actors, case, adult_needs):
    worker = actors["worker"]
    assessment = assessments.assessment_start(
        actor=worker, case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    first, second = items_of(adult_needs)[:2]
    assessments.assessment_answer(
        actor=worker,
        assessment=assessment,
        answers={first.pk: "clear", second.pk: "none"},
        comments={first.pk: "Нет прикрепления к поликлинике."},
    )
    answer = Answer.objects.get(assessment=assessment, item=first)
    assert answer.option.code == "clear" and answer.comment == "Нет прикрепления к поликлинике."
    assessments.assessment_answer(
        actor=worker, assessment=assessment, answers={first.pk: "some", second.pk: ""}
    )
    assert [(a.item_id, a.option.code) for a in assessment.answers.all()] == [(first.pk, "some")]
    events = list(Event.objects.filter(action="assessment.answered").order_by("seq"))
    assert len(events) == 2
    assert events[1].changes["answers"] == {first.code: "some", second.code: None}


def test_an_answer_outside_the_items_scale_is_refused_and_nothing_is_saved(
    actors, case, adult_needs
):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    first, second = items_of(adult_needs)[:2]
    with pytest.raises(ValidationError, match="not an answer on the scale"):
        assessments.assessment_answer(
            actor=actors["worker"],
            assessment=assessment,
            answers={first.pk: "some", second.pk: "protect"},  # an option of the child scale
        )
    assert not Answer.objects.exists()


def test_an_answer_to_an_item_of_another_instrument_is_refused(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    child_item = InstrumentItem.objects.filter(domain__instrument__code="child-wellbeing").first()
    with pytest.raises(ValidationError, match="another instrument"):
        assessments.assessment_answer(
            actor=actors["worker"], assessment=assessment, answers={child_item.pk: "well"}
        )


def test_a_comment_needs_an_answer_to_its_item(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    item = items_of(adult_needs)[0]
    with pytest.raises(ValidationError, match="comment needs an answer"):
        assessments.assessment_answer(
            actor=actors["worker"],
            assessment=assessment,
            answers={},
            comments={item.pk: "без ответа"},
        )


def test_only_the_assessor_changes_a_draft(actors, case, adult_needs, specialist):
    assessment = assessments.assessment_start(
        actor=specialist, case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    with pytest.raises(PermissionDenied, match="assessor"):
        assessments.assessment_answer(
            actor=actors["worker"], assessment=assessment, answers=all_answers(adult_needs)
        )


# --- Completing ---------------------------------------------------------------------------------


def test_completing_needs_the_professional_judgement(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    assessments.assessment_answer(
        actor=actors["worker"], assessment=assessment, answers=all_answers(adult_needs)
    )
    with pytest.raises(ValidationError, match="professional judgement"):
        assessments.assessment_complete(
            actor=actors["worker"], assessment=assessment, judgement=" "
        )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_completing_needs_every_item_answered(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    answers = all_answers(adult_needs)
    answers.popitem()
    assessments.assessment_answer(actor=actors["worker"], assessment=assessment, answers=answers)
    with pytest.raises(ValidationError, match="1 item has no answer yet"):
        assessments.assessment_complete(
            actor=actors["worker"], assessment=assessment, judgement="Вывод."
        )


def test_completing_with_a_next_reassessment_date_gives_the_case_worker_a_task(
    actors, case, adult_needs, specialist
):
    due = TODAY + dt.timedelta(days=180)
    assessment = completed(specialist, case, adult_needs, next_on=due)
    assert assessment.status == AssessmentStatus.COMPLETED and assessment.completed_at
    task = Task.objects.get(case=case)
    assert task.kind == TaskKind.REASSESSMENT
    assert task.due_on == due and task.assigned_to == actors["worker"]
    event = Event.objects.get(action="assessment.completed")
    assert event.changes["task"] == task.pk and event.actor == specialist


def test_completing_without_a_next_date_creates_no_task(actors, case, adult_needs):
    completed(actors["worker"], case, adult_needs)
    assert not Task.objects.exists()


def test_the_next_reassessment_is_after_today(actors, case, adult_needs):
    with pytest.raises(ValidationError, match="after today"):
        completed(actors["worker"], case, adult_needs, next_on=TODAY)
    assert not Task.objects.exists()


def test_a_completed_assessment_cannot_change_or_be_discarded(actors, case, adult_needs):
    assessment = completed(actors["worker"], case, adult_needs)
    with pytest.raises(ValidationError, match="completed"):
        assessments.assessment_answer(
            actor=actors["worker"], assessment=assessment, answers=all_answers(adult_needs, "none")
        )
    with pytest.raises(ValidationError, match="completed"):
        assessments.assessment_discard(actor=actors["worker"], assessment=assessment)
    assert Answer.objects.filter(assessment=assessment, option__code="some").count() == len(
        items_of(adult_needs)
    )


def test_a_draft_is_discarded_with_its_answers_and_an_audit_entry(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    assessments.assessment_answer(
        actor=actors["worker"], assessment=assessment, answers=all_answers(adult_needs)
    )
    assessments.assessment_discard(
        actor=actors["worker"], assessment=assessment, reason="Не тот инструмент"
    )
    assert not Assessment.objects.exists() and not Answer.objects.exists()
    event = Event.objects.get(action="assessment.discarded")
    assert event.reason == "Не тот инструмент"


# --- The team's decision on the level of need -----------------------------------------------------


def test_the_level_of_need_is_a_persons_decision_recorded_with_who_and_when(
    actors, case, adult_needs, specialist
):
    assessment = completed(specialist, case, adult_needs, code="urgent")
    decision = assessments.need_level_decide(
        actor=actors["worker"],
        assessment=assessment,
        level="moderate",
        decided_on=TODAY,
        rationale="Команда: документы в работе, семья поддерживает.",
    )
    # Every answer said "urgent"; the team's choice stands as it was made.
    assert decision.level == "moderate"
    assert decision.decided_by == actors["worker"] and decision.decided_on == TODAY
    event = Event.objects.get(action="assessment.need_level_decided")
    assert event.changes["level"] == "moderate" and event.actor == actors["worker"]


def test_a_later_decision_becomes_the_current_one_and_the_earlier_stays(actors, case, adult_needs):
    from reintegra.cases.selectors_assessments import current_need_decision

    assessment = completed(actors["worker"], case, adult_needs)
    for level, day in (("high", ASSESSED), ("low", TODAY)):
        assessments.need_level_decide(
            actor=actors["coordinator"],
            assessment=assessment,
            level=level,
            decided_on=day,
            rationale="Решение команды.",
        )
    assert current_need_decision(user=actors["worker"], case=case).level == "low"
    assert NeedDecision.objects.count() == 2


@pytest.mark.parametrize(
    ("level", "day", "rationale", "field"),
    [
        ("enormous", TODAY, "ok", "level"),
        ("high", TODAY + dt.timedelta(days=1), "ok", "decided_on"),
        ("high", ASSESSED - dt.timedelta(days=1), "ok", "decided_on"),
        ("high", TODAY, "  ", "rationale"),
    ],
)
def test_a_decision_needs_a_known_level_a_past_date_and_reasons(
    actors, case, adult_needs, level, day, rationale, field
):
    assessment = completed(actors["worker"], case, adult_needs)
    with pytest.raises(ValidationError) as error:
        assessments.need_level_decide(
            actor=actors["worker"],
            assessment=assessment,
            level=level,
            decided_on=day,
            rationale=rationale,
        )
    assert field in error.value.message_dict
    assert not NeedDecision.objects.exists()


def test_a_draft_gets_no_decision(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    with pytest.raises(ValidationError, match="after the assessment is completed"):
        assessments.need_level_decide(
            actor=actors["worker"],
            assessment=assessment,
            level="low",
            decided_on=TODAY,
            rationale="Рано.",
        )


def test_only_the_team_decides_the_level_of_need(actors, case, adult_needs, make_user):
    assessment = completed(actors["worker"], case, adult_needs)
    reader = make_user(Role.SPECIALIST, scope=Scope.ORGANISATION)
    with pytest.raises(PermissionDenied, match="case team"):
        assessments.need_level_decide(
            actor=reader, assessment=assessment, level="low", decided_on=TODAY, rationale="x"
        )
    with pytest.raises(PermissionDenied):
        assessments.need_level_decide(
            actor=actors["far_coordinator"],
            assessment=assessment,
            level="low",
            decided_on=TODAY,
            rationale="x",
        )


# --- Never a score -------------------------------------------------------------------------------

NUMERIC = (models.IntegerField, models.FloatField, models.DecimalField)


@pytest.mark.parametrize("model", [Assessment, Answer, NeedDecision])
def test_no_assessment_model_holds_a_score_like_or_numeric_aggregate(model):
    for field in model._meta.get_fields():
        assert not SCORE_WORDS.search(field.name), f"{model.__name__}.{field.name}"
        if isinstance(field, NUMERIC) and not field.primary_key:
            raise AssertionError(f"{model.__name__}.{field.name} is a number")
    for name in dir(model):
        assert (
            not SCORE_WORDS.search(name) or name.startswith("_") or name in ("get_deferred_fields",)
        ), f"{model.__name__}.{name}"


@pytest.mark.parametrize(
    "serializer", [AssessmentSerializer, AnswerSerializer, NeedDecisionSerializer]
)
def test_no_assessment_serializer_exposes_a_score_like_key(serializer):
    assert [f for f in serializer().fields if SCORE_WORDS.search(f)] == []


def keys_of(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for value in data.values() for k in keys_of(value)}
    if isinstance(data, list):
        return {k for value in data for k in keys_of(value)}
    return set()


def test_the_api_gives_the_answers_as_chosen_options_and_no_score(actors, case, adult_needs):
    assessment = completed(actors["worker"], case, adult_needs, code="clear")
    response = client_for(actors["worker"]).get(f"/api/assessments/{assessment.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert [k for k in keys_of(data) if SCORE_WORDS.search(k)] == []
    assert {a["option"] for a in data["answers"]} == {"clear"}
    assert data["answers"][0]["option_label"] == "Clear need: support needed now"
    assert Event.objects.filter(action="assessment.viewed", actor=actors["worker"]).exists()


def test_the_change_over_time_page_shows_the_option_labels_not_a_sum(actors, case, adult_needs):
    completed(
        actors["worker"], case, adult_needs, day=ASSESSED - dt.timedelta(days=200), code="urgent"
    )
    completed(
        actors["worker"],
        case,
        Instrument.objects.get(code="reassessment"),
        day=ASSESSED,
        code="some",
    )
    page = client_for(actors["worker"]).get(f"/cases/{case.pk}/assessments/changes/")
    html = page.content.decode()
    assert page.status_code == 200
    charts = page.context["charts"]
    assert [c.title for c in charts][:2] == ["Health", "Housing"]
    health = charts[0]
    assert len(health.days) == 2 and len(health.series) == 4
    # The reassessment's item sits on the same line as the first assessment's.
    clinic = next(s for s in health.series if s.code == "clinic")
    assert [p.label for p in clinic.points] == [
        "Urgent need: act without delay",
        "Some need: support would help",
    ]
    assert "Urgent need: act without delay" in html and "Some need: support would help" in html
    assert html.count("<svg") >= len(charts)
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\b(score|total|sum|average|mean|risk)\b", text, re.I)
    labels = set(ScaleOption.objects.values_list("label_en", flat=True)) | {"—"}
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert cells and set(cells) <= labels  # every cell an answer as chosen, never a number
    assert "style=" not in html and "<script>" not in html


def test_the_change_over_time_page_of_a_case_without_assessments_says_so(actors, case):
    page = client_for(actors["worker"]).get(f"/cases/{case.pk}/assessments/changes/")
    assert page.context["charts"] == []
    assert "No completed assessments yet" in page.content.decode()


# --- Pages ----------------------------------------------------------------------------------------


def test_an_assessment_is_started_answered_and_completed_through_the_pages(
    actors, case, adult_needs
):
    client = client_for(actors["worker"])
    response = client.post(
        f"/cases/{case.pk}/assessments/new/",
        {"instrument": adult_needs.pk, "assessed_on": ASSESSED.isoformat()},
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    form_page = client.get(response["Location"])
    html = form_page.content.decode()
    assert "Religious understanding" in html and "Lawful belief and practice" in html
    data = {f"item_{pk}": code for pk, code in all_answers(adult_needs, "none").items()}
    data.update(
        {
            "judgement": "Потребности закрыты.",
            "next_reassessment_on": (TODAY + dt.timedelta(days=90)).isoformat(),
            "action": "complete",
        }
    )
    response = client.post(f"/cases/assessments/{assessment.pk}/answers/", data)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert Task.objects.filter(kind=TaskKind.REASSESSMENT).exists()
    detail = client.get(f"/cases/assessments/{assessment.pk}/").content.decode()
    assert "No need" in detail and "Потребности закрыты." in detail


def test_a_refused_completion_saves_nothing_and_says_why(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    data = {f"item_{pk}": "some" for pk in all_answers(adult_needs)}
    data.update({"judgement": "", "action": "complete"})
    response = client_for(actors["worker"]).post(
        f"/cases/assessments/{assessment.pk}/answers/", data
    )
    assert response.status_code == 200
    assert "Write your professional judgement" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_answer_not_on_the_scale_is_shown_as_an_error_on_its_item(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    item = items_of(adult_needs)[0]
    response = client_for(actors["worker"]).post(
        f"/cases/assessments/{assessment.pk}/answers/",
        {f"item_{item.pk}": "enormous", "action": "save"},
    )
    assert response.status_code == 200
    assert "Choose one of the answers on the item" in response.content.decode()


def test_someone_else_than_the_assessor_is_sent_to_the_detail_page(
    actors, case, adult_needs, specialist
):
    assessment = assessments.assessment_start(
        actor=specialist, case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    response = client_for(actors["worker"]).get(f"/cases/assessments/{assessment.pk}/answers/")
    assert response.status_code == 302
    assert response["Location"] == f"/cases/assessments/{assessment.pk}/"


def test_the_need_level_is_recorded_through_its_page(actors, case, adult_needs):
    assessment = completed(actors["worker"], case, adult_needs)
    client = client_for(actors["coordinator"])
    response = client.post(
        f"/cases/assessments/{assessment.pk}/need-level/",
        {"level": "high", "decided_on": TODAY.isoformat(), "rationale": "Обсудили на встрече."},
    )
    assert response.status_code == 302
    decision = NeedDecision.objects.get()
    assert decision.decided_by == actors["coordinator"] and decision.level == "high"
    listing = client.get(f"/cases/{case.pk}/assessments/")
    assert "high need" in listing.content.decode()


def test_the_need_level_page_asks_for_reasons(actors, case, adult_needs):
    assessment = completed(actors["worker"], case, adult_needs)
    response = client_for(actors["worker"]).post(
        f"/cases/assessments/{assessment.pk}/need-level/",
        {"level": "high", "decided_on": TODAY.isoformat(), "rationale": ""},
    )
    assert response.status_code == 200
    assert "Write the reasons" in response.content.decode()
    assert not NeedDecision.objects.exists()


def test_a_draft_is_discarded_after_a_confirmation_page(actors, case, adult_needs):
    assessment = assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=ASSESSED
    )
    client = client_for(actors["worker"])
    page = client.get(f"/cases/assessments/{assessment.pk}/discard/").content.decode()
    assert "cannot be undone" in page and "data-confirm" in page
    assert Assessment.objects.exists()
    response = client.post(f"/cases/assessments/{assessment.pk}/discard/", {"reason": ""})
    assert response.status_code == 302 and not Assessment.objects.exists()


def test_the_assessment_pages_write_access_entries(actors, case, adult_needs):
    assessment = completed(actors["worker"], case, adult_needs)
    client = client_for(actors["coordinator"])
    for url in (
        f"/cases/{case.pk}/assessments/",
        f"/cases/{case.pk}/assessments/changes/",
        f"/cases/assessments/{assessment.pk}/",
        f"/cases/assessments/{assessment.pk}/need-level/",
    ):
        before = Event.objects.filter(kind="access", actor=actors["coordinator"]).count()
        assert client.get(url).status_code == 200, url
        after = Event.objects.filter(kind="access", actor=actors["coordinator"]).count()
        assert after == before + 1, url


def test_the_assessments_list_is_empty_at_first_and_links_from_the_case(actors, case):
    client = client_for(actors["worker"])
    assert f"/cases/{case.pk}/assessments/" in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(f"/cases/{case.pk}/assessments/").content.decode()
    assert "No assessments in this case yet." in page and "not decided yet" in page


def test_the_assessments_list_takes_as_many_queries_for_many_assessments_as_for_one(
    actors, case, adult_needs
):
    client = client_for(actors["worker"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/cases/{case.pk}/assessments/").status_code == 200
        return len(captured)

    first = completed(actors["worker"], case, adult_needs)
    assessments.need_level_decide(
        actor=actors["worker"], assessment=first, level="high", decided_on=TODAY, rationale="x"
    )
    one = queries()
    for _ in range(4):
        done = completed(actors["worker"], case, adult_needs)
        assessments.need_level_decide(
            actor=actors["worker"], assessment=done, level="low", decided_on=TODAY, rationale="y"
        )
    assert queries() == one


def test_the_timeline_shows_completed_assessments_and_decisions(actors, case, adult_needs):
    from reintegra.cases.selectors import case_timeline

    assessment = completed(actors["worker"], case, adult_needs)
    assessments.assessment_start(
        actor=actors["worker"], case=case, instrument=adult_needs, assessed_on=TODAY
    )  # a draft stays off the timeline
    assessments.need_level_decide(
        actor=actors["worker"], assessment=assessment, level="high", decided_on=TODAY, rationale="x"
    )
    titles = [
        e.title for e in case_timeline(user=actors["worker"], case=case) if e.kind == "assessment"
    ]
    assert titles == ["Level of need decided", "Assessment completed"]
    page = client_for(actors["worker"]).get(f"/cases/{case.pk}/timeline/").content.decode()
    assert "Assessment completed" in page


def test_the_api_lists_only_the_assessments_within_reach(actors, case, adult_needs):
    completed(actors["worker"], case, adult_needs)
    assert client_for(actors["worker"]).get("/api/assessments/").json()["count"] == 1
    assert client_for(actors["far_coordinator"]).get("/api/assessments/").json()["count"] == 0


def test_the_api_lists_the_instruments_with_their_items_and_scales(actors):
    data = client_for(actors["worker"]).get("/api/instruments/").json()
    codes = {i["code"] for i in data["results"]}
    assert {"adult-needs", "child-wellbeing", "reassessment"} <= codes
    adult = next(i for i in data["results"] if i["code"] == "adult-needs")
    item = adult["domains"][0]["items"][0]
    assert [o["code"] for o in item["options"]] == ["none", "some", "clear", "urgent"]


# --- Administration -----------------------------------------------------------------------------


def test_an_administrator_adds_an_answer_scale_with_its_options_audited(administrator):
    client = client_for(administrator)
    response = client.post(
        "/admin/cases/answerscale/add/",
        {
            "code": "frequency",
            "name_kk": "Жиілік",
            "name_ru": "Частота",
            "name_en": "Frequency",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "0",
            "options-MIN_NUM_FORMS": "0",
            "options-MAX_NUM_FORMS": "1000",
            "options-0-position": "0",
            "options-0-code": "never",
            "options-0-label_en": "Never",
            "options-1-position": "1",
            "options-1-code": "often",
            "options-1-label_ru": "Часто",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scale = AnswerScale.objects.get(code="frequency")
    assert list(scale.options.values_list("code", flat=True)) == ["never", "often"]
    assert Event.objects.filter(action="answerscale.created", actor=administrator).exists()
    assert Event.objects.filter(action="scaleoption.created").count() == 2
    with translation.override("kk"):
        assert scale.options.get(code="never").label == "Never"


def test_nobody_but_an_administrator_changes_an_instrument(case_worker, adult_needs):
    adult_needs.name_en = "x"
    with pytest.raises(PermissionDenied):
        assessments.instrument_part_save(actor=case_worker, obj=adult_needs, changed=["name_en"])
    assert client_for(case_worker).get("/admin/cases/instrument/").status_code in (302, 403)


def test_an_unknown_assessment_is_not_found(actors):
    with pytest.raises(Http404):
        from reintegra.core.access import access_object

        access_object(Assessment, actors["worker"], 99999)
