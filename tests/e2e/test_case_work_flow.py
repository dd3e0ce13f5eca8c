"""One case from intake to approved closure, in the browser, by the people who do it: the case
worker opens it and builds the team, the psychologist assesses and holds a session with a
confidential note, the worker makes the plan, the coordinator approves it, a referral is accepted
by a second organisation, and the coordinator approves the closure."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from reintegra.cases.models import Approval, Case, CaseStatus, PlanStatus, Task
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Profession, Role, Scope
from reintegra.people.services import NameInput, person_register
from tests.e2e.test_people_flow import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = "Говорит о кошмарах; доверие растёт. Не пересказывать."
TODAY = dt.date.today()


def accept_confirmations(page) -> None:
    """Destructive or binding forms ask for confirmation; the user says yes."""
    page.on("dialog", lambda dialog: dialog.accept())


@pytest.fixture
def team(make_user):
    return {
        "worker": make_user(
            Role.CASE_WORKER, scope=Scope.ORGANISATION, permissions=["children"], username="madina"
        ),
        "psychologist": make_user(
            Role.SPECIALIST,
            scope=Scope.TEAM,
            permissions=["confidential_notes"],
            profession=Profession.PSYCHOLOGIST,
            username="dinara",
        ),
        "polyclinic": make_user(
            Role.CASE_WORKER,
            scope=Scope.ORGANISATION,
            organisation="aktau-polyclinic",
            username="aliya",
        ),
        "coordinator": make_user(
            Role.REGIONAL_COORDINATOR,
            scope=Scope.REGION,
            permissions=["children", "legal_security"],
            username="gulnar",
        ),
    }


@pytest.fixture
def returnee():
    return person_register(
        actor=None,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex="female",
        birth=PartialDate.of(1990, 2, 14),
        names=[NameInput(script="kk-Cyrl", surname="Жүсіпова", given_name="Мөлдір")],
    )


def test_a_case_goes_from_intake_to_approved_closure(new_page, team, returnee):
    worker = new_page()
    accept_confirmations(worker)
    sign_in(worker, "madina")

    # The case worker opens the case and puts the psychologist on the team.
    worker.goto(f"/people/{returnee.pk}/")
    worker.get_by_role("link", name="Open a case").click()
    worker.locator("main form button[type=submit]").click()
    worker.wait_for_url(re.compile(r".*/cases/\d+/$"))
    case = Case.objects.get(person=returnee)
    worker.get_by_role("link", name="Change the team").click()
    worker.locator("#id_user").select_option(str(team["psychologist"].pk))
    worker.locator("main form button[type=submit]").last.click()
    assert "dinara" in worker.locator("[data-testid=team]").inner_text()

    # The psychologist assesses: answers each item, writes a judgement, completes it.
    psychologist = new_page()
    accept_confirmations(psychologist)
    sign_in(psychologist, "dinara")
    psychologist.goto(f"/cases/{case.pk}/")
    psychologist.get_by_role("link", name="Assessments and the team's decisions").click()
    psychologist.get_by_role("button", name="New assessment").click()
    psychologist.get_by_label("Adult needs", exact=True).check()
    psychologist.get_by_role("button", name="Start the assessment").click()
    items = psychologist.locator(".assessment-item")
    assert items.count() >= 8
    for index in range(items.count()):
        items.nth(index).locator("input[type=radio][value=some]").check()
    psychologist.locator("#id_judgement").fill("Нуждается в работе и документах для детей.")
    psychologist.get_by_role("button", name="Complete the assessment").click()
    psychologist.wait_for_url(re.compile(r".*/cases/assessments/\d+/$"))
    assert "Some need: support would help" in psychologist.locator("main").inner_text()

    # Then holds a session and writes a note only psychologists read.
    psychologist.goto(f"/cases/{case.pk}/")
    psychologist.get_by_role("button", name="Record a service").click()
    psychologist.locator("#id_kind").select_option("psychological")
    psychologist.locator("#id_duration_minutes").fill("50")
    psychologist.locator("#id_outcome").fill("Договорились о встречах раз в неделю.")
    psychologist.locator("#id_confidential_note").fill(NOTE)
    psychologist.locator("main form button[type=submit]").click()
    psychologist.wait_for_url(f"**/cases/{case.pk}/")
    assert NOTE in psychologist.locator("[data-testid=confidential-note]").inner_text()

    worker.goto(f"/cases/{case.pk}/")
    assert "Договорились о встречах" in worker.locator("[data-testid=services]").inner_text()
    assert NOTE not in worker.content()

    # The worker makes the plan and sends it to the coordinator.
    worker.get_by_role("link", name="Make an individual plan").click()
    worker.locator("#id_review_on").fill((TODAY + dt.timedelta(days=120)).isoformat())
    worker.locator("main form button[type=submit]").click()
    worker.wait_for_url(re.compile(r".*/cases/plans/\d+/$"))
    worker.locator("#id_domain").select_option("employment")
    worker.locator("#id_description").fill("Курсы швей и работа")
    worker.get_by_role("button", name="Add the goal").click()
    worker.get_by_role("button", name="Send for approval").click()
    assert worker.locator("[data-testid=plan-status]").inner_text() == "waiting for approval"

    # The coordinator approves the plan; the review becomes the worker's task.
    coordinator = new_page()
    sign_in(coordinator, "gulnar")
    coordinator.get_by_role("link", name=re.compile("^Approvals")).first.click()
    coordinator.get_by_role("link", name="individual plan").click()
    coordinator.get_by_label("Approve").check()
    coordinator.get_by_role("button", name="Record the decision").click()
    coordinator.wait_for_url("**/cases/approvals/")
    assert case.plans.get().status == PlanStatus.APPROVED

    # The worker records her consent to share with health services, and refers her to the
    # polyclinic, which accepts without ever seeing the case.
    worker.goto(f"/people/{returnee.pk}/")
    worker.get_by_role("link", name="Record a consent").click()
    worker.locator("input[name=recipient_kinds][value=health]").check()
    worker.locator("#id_purpose").fill("Медицинская помощь")
    worker.locator("main form button[type=submit]").click()
    worker.goto(f"/cases/{case.pk}/")
    worker.get_by_role("link", name="Refer to another organisation").click()
    worker.locator("#id_to_organisation").select_option(label="Aktau city polyclinic")
    worker.locator("#id_service_kind").select_option("medical")
    worker.locator("#id_need").fill("Осмотр терапевта и стоматолога.")
    worker.get_by_role("button", name="Send the referral").click()
    worker.wait_for_url(f"**/cases/{case.pk}/")

    polyclinic = new_page()
    sign_in(polyclinic, "aliya")
    polyclinic.get_by_role("link", name=re.compile("^Referrals")).first.click()
    polyclinic.get_by_role("link", name="Жүсіпова Мөлдір").click()
    assert "Осмотр терапевта" in polyclinic.locator("main").inner_text()
    assert NOTE not in polyclinic.content()
    polyclinic.get_by_role("button", name="Accept the referral").click()
    assert "accepted" in polyclinic.locator("main").inner_text()
    polyclinic.goto(f"/cases/{case.pk}/")
    assert "Жүсіпова" not in polyclinic.content(), "the receiver never sees the case"

    # The worker asks to close the case with a follow-up; the coordinator approves.
    worker.goto(f"/cases/{case.pk}/")
    worker.get_by_role("button", name="Request closure").click()
    worker.locator("#id_reason").select_option("goals_achieved")
    worker.locator("#id_follow_up_1").fill((TODAY + dt.timedelta(days=90)).isoformat())
    worker.get_by_role("button", name="Send for approval").click()
    worker.wait_for_url(f"**/cases/{case.pk}/")

    coordinator.goto("/cases/approvals/")
    coordinator.get_by_role("link", name="case closure").click()
    coordinator.get_by_label("Approve").check()
    coordinator.get_by_role("button", name="Record the decision").click()
    coordinator.wait_for_url("**/cases/approvals/")

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert not Approval.objects.filter(case=case, status="pending").exists()
    worker.goto("/cases/tasks/")
    tasks = worker.locator("main table").inner_text()
    assert "Plan review" in tasks
    assert "Follow-up after closure" in tasks
    assert Task.objects.filter(case=case, kind="follow_up").get().assigned_to == team["worker"]
