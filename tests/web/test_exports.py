"""Exports never hand a spreadsheet a formula that came from a user's text."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from reintegra.cases import services as case_services
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.people.services import NameInput, person_register
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def planted(reference_data):
    aktau = Organisation.objects.get(code="aqniet-aktau")
    person = person_register(
        actor=None,
        organisation=aktau,
        sex="female",
        birth=PartialDate.of(1990, 1, 1),
        names=[NameInput(script="Latn", surname=FORMULA, given_name="@SUM(A1:A2)")],
    )
    case_services.case_open(actor=None, person=person, program="returnee", organisation=aktau)
    return person


def test_the_csv_lists_write_formula_like_text_as_text(planted, user_of_role):
    client = client_for(user_of_role(Role.CASE_WORKER))
    for url in ("/people/export.csv", "/cases/export.csv"):
        text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
        assert "'=HYPERLINK" in text, url
        assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text, url


def test_the_xlsx_lists_hold_no_formula(planted, user_of_role):
    client = client_for(user_of_role(Role.CASE_WORKER))
    for name in ("reports:person_xlsx", "reports:case_xlsx"):
        from django.urls import reverse

        response = client.get(reverse(name))
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        values = [c.value for row in workbook.active.iter_rows() for c in row if c.value]
        assert not any(isinstance(v, str) and v.startswith("=") for v in values), name
        assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values), name
