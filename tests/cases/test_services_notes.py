"""Services and confidential notes: only team members of the author's profession read a note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.audit.models import Event
from reintegra.cases import services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role, Scope
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
NOTE = "Тревожность снизилась; говорит о сне и о сыне."


@pytest.fixture
def team(make_user):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    person = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1989, 2, 2),
        names=[NameInput(script="kk-Cyrl", surname="Қасымова", given_name="Айнұр")],
    )
    case = services.case_open(
        actor=None,
        person=person,
        program="returnee",
        organisation=aktau,
        opened_on=dt.date(2020, 1, 1),
    )
    notes = ["confidential_notes"]
    people = {
        "author": make_user(Role.SPECIALIST, permissions=notes, profession="psychologist"),
        "colleague": make_user(Role.SPECIALIST, permissions=notes, profession="psychologist"),
        "theologian": make_user(Role.SPECIALIST, permissions=notes, profession="theologian"),
        "outsider": make_user(
            Role.SPECIALIST, scope=Scope.ORGANISATION, permissions=notes, profession="psychologist"
        ),
        "unpermitted": make_user(Role.SPECIALIST, profession="psychologist"),
        "worker": make_user(Role.CASE_WORKER, scope=Scope.ORGANISATION),
        "coordinator": make_user(
            Role.REGIONAL_COORDINATOR, permissions=notes, profession="psychologist"
        ),
    }
    for name in ("author", "colleague", "theologian", "unpermitted"):
        services.team_member_add(actor=None, case=case, user=people[name])
    return case, people


def record(case, author, note=NOTE):
    return services.service_record(
        actor=author,
        case=case,
        kind="psychological",
        date=dt.date(2021, 5, 5),
        duration_minutes=50,
        outcome="Следующая встреча через две недели.",
        confidential_note=note,
    )


@pytest.mark.parametrize(
    ("who", "reads"),
    [
        ("author", True),
        ("colleague", True),
        ("theologian", False),
        ("outsider", False),
        ("unpermitted", False),
        ("worker", False),
        ("coordinator", False),
    ],
)
def test_a_note_is_read_only_by_team_members_of_its_profession(team, who, reads):
    case, people = team
    service = record(case, people["author"])
    client = client_for(people[who])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert (NOTE in page) is reads
    assert "Следующая встреча" in page  # the outcome is for the whole team
    api = client.get(f"/api/services/{service.pk}/").json()
    assert api["confidential_note"] == (NOTE if reads else None)
    listed = client.get("/api/services/", {"case": case.pk}).json()["results"]
    assert [s["confidential_note"] for s in listed] == [NOTE if reads else None]
    timeline = client.get(f"/cases/{case.pk}/timeline/").content.decode()
    assert NOTE not in timeline


def test_a_note_never_leaves_in_exports_or_the_audit_trail(team):
    case, people = team
    record(case, people["author"])
    export = client_for(people["colleague"]).get("/cases/export.csv")
    assert NOTE not in b"".join(export.streaming_content).decode("utf-8-sig")
    assert not any(NOTE in str(event.changes) for event in Event.objects.all())


def test_writing_a_note_needs_the_permission_and_a_place_on_the_team(team):
    case, people = team
    with pytest.raises(PermissionDenied):
        record(case, people["unpermitted"])
    with pytest.raises(ValidationError, match="case team"):
        record(case, people["outsider"])
    assert record(case, people["unpermitted"], note="").confidential_note == ""


def test_a_service_cannot_be_dated_before_the_case_or_in_the_future(team):
    case, people = team
    for day in (dt.date(2019, 12, 31), dt.date.today() + dt.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.service_record(
                actor=people["author"], case=case, kind="conversation", date=day
            )


def test_the_timeline_shows_everything_in_order(team):
    case, people = team
    record(case, people["author"])
    services.observation_record(
        actor=None,
        person=case.person,
        dimension="employment",
        value="employed",
        valid_from=dt.date(2022, 3, 1),
    )
    response = client_for(people["author"]).get(
        f"/cases/{case.pk}/timeline/", HTTP_ACCEPT_LANGUAGE="en"
    )
    titles = [entry.title for entry in response.context["entries"]]
    assert titles == ["employment", "psychological counselling", "Case opened"]
