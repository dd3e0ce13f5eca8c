"""On the demo data, one number everywhere: the dashboard, `reintegra report indicators`, the XLSX
export and the API give the same figures, and they are the program's published ones."""

from __future__ import annotations

import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reintegra.core.roles import Role
from reintegra.reports.models import ExportJob
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

AS_OF = "2025-06-30"
PUBLISHED = {
    "returns.returned": 749,
    "returns.women_employed_pct": 46,
    "returns.women_higher_education_pct": 24,
    "returns.women_specialised_secondary_pct": 24,
    "returns.women_not_prosecuted_pct": 90,
    "returns.women_renounced_pct": 97,
    "counselling.people": 570,
    "counselling.rehabilitated": 245,
}


def xlsx_figures(workbook) -> dict[str, object]:
    """The headline sheet: title in the first column, the figure in the last filled one."""
    figures = {}
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        cells = [cell for cell in row if cell not in (None, "")]
        if len(cells) >= 2:
            figures[str(cells[0])] = cells[-1] if len(cells) == 2 else cells[1]
    return figures


def test_the_dashboard_the_report_the_xlsx_and_the_api_agree(demo_data, user_of_role):
    analyst = user_of_role(Role.NATIONAL_ANALYST)
    client = client_for(analyst)

    page = client.get(reverse("reports:dashboard"), {"to": AS_OF})
    on_page = {h.table.indicator.code: h.total.value for h in page.context["headlines"]}

    out = StringIO()
    call_command("report", "indicators", "--as-of", AS_OF, "--format", "json", stdout=out)
    reported = {
        code: item["value"] for code, item in json.loads(out.getvalue())["indicators"].items()
    }

    client.post(reverse("reports:dashboard_xlsx") + f"?scope=national&to={AS_OF}")
    job = ExportJob.objects.get(owner=analyst)
    download = client.get(reverse("reports:export_download", kwargs={"pk": job.pk}))
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    in_xlsx = xlsx_figures(workbook)

    api = APIClient()
    api.force_authenticate(analyst)
    for code, value in on_page.items():
        assert reported[code] == value, code
        title = str(page.context["headlines"][list(on_page).index(code)].table.indicator.title)
        assert in_xlsx.get(title) == value, (code, title, in_xlsx.get(title))
        answer = api.get(f"/api/indicators/{code}/", {"as_of": AS_OF}).json()
        assert answer["total"]["value"] == value, code
    for code, value in PUBLISHED.items():
        assert reported[code] == value, code
