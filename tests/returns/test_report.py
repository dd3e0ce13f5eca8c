"""`reintegra report returns` on the demo data gives the program's published figures."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reintegra.accounts.demo import demo_users_create
from reintegra.demo.dataset import demo_dataset_load
from reintegra.returns.services import operations_load

pytestmark = pytest.mark.django_db

PUBLISHED = {
    "returned_total": 749,
    "by_operation": {"zhusan": 595, "rusafa": 14, "individual": 140, "other": 0},
    "men": 37,
    "women": 190,
    "children": 522,
    "women_employed_pct": 46,
    "women_higher_education_pct": 24,
    "women_specialised_secondary_pct": 24,
    "women_not_prosecuted_pct": 90,
    "women_renounced_pct": 97,
}


@pytest.fixture
def demo_data(reference_data):
    operations_load(actor=None)
    demo_users_create()
    return demo_dataset_load()


def report(*args: str) -> str:
    out = StringIO()
    call_command("report", "returns", *args, stdout=out)
    return out.getvalue()


def test_the_report_gives_every_published_figure(demo_data):
    data = json.loads(report("--format", "json"))
    for key, value in PUBLISHED.items():
        assert data[key] == value, key
    assert data["men"] + data["women"] + data["children"] == data["returned_total"]


def test_the_figures_can_be_asked_as_of_an_earlier_day(demo_data):
    early = json.loads(report("--as-of", "2019-06-01", "--format", "json"))
    assert early["by_operation"]["zhusan"] == 47 + 231 + 238  # the first three waves
    assert early["by_operation"]["rusafa"] == 0
    assert early["returned_total"] < 749
    assert early["women_employed_pct"] < 46  # employment came in the years after return
    before = json.loads(report("--as-of", "2016-12-31", "--format", "json"))
    assert before["returned_total"] == 0 and before["women_employed_pct"] is None


def test_the_table_format_lists_the_figures(demo_data):
    text = report()
    assert "749" in text and "zhusan" in text and "97" in text


def test_a_malformed_date_is_refused_clearly(demo_data):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        report("--as-of", "24.11.2026")


def test_the_demo_dataset_is_loaded_once(demo_data):
    assert demo_data.returned == 749
    assert demo_data.counselling == 570
    assert demo_dataset_load() is None


def test_almaty_counselling_holds_570_conversations_and_245_rehabilitated(demo_data):
    from reintegra.cases.models import Case, CaseStatus, ClosureReason, Program

    counselling = Case.objects.filter(
        program=Program.COUNSELLING, organisation__code="almaty-religious-affairs"
    )
    assert counselling.count() == 570
    assert (
        counselling.filter(
            status=CaseStatus.CLOSED, closure_reason=ClosureReason.GOALS_ACHIEVED
        ).count()
        == 245
    )


def test_every_returnee_has_a_case_with_a_case_worker_in_a_region(demo_data):
    from reintegra.cases.models import Case, Program
    from reintegra.returns.models import Return

    returned = set(Return.objects.values_list("person_id", flat=True))
    with_case = set(
        Case.objects.filter(
            program=Program.RETURNEE, case_worker__isnull=False, region__isnull=False
        ).values_list("person_id", flat=True)
    )
    assert returned == with_case


def test_every_demo_mother_is_old_enough_to_be_the_mother(demo_data):
    """A user clicking through the demo families must not meet a mother who bore a child at
    five: each mother is at least 16 years older than her child."""
    from reintegra.people.models import Relationship, RelationshipKind

    mothers = Relationship.objects.filter(kind=RelationshipKind.MOTHER).select_related(
        "person", "relative"
    )
    assert mothers.count() > 300
    too_young = [
        (r.relative_id, r.person_id)
        for r in mothers
        if r.person.birth_date.year - r.relative.birth_date.year < 16
    ]
    assert too_young == []
