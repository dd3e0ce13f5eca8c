"""The dashboard in the browser: charts drawn, the figures downloaded as XLSX, a number followed
to the list behind it."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from reintegra.accounts.demo import demo_users_create
from reintegra.demo.dataset import demo_dataset_load
from reintegra.reports import drill
from reintegra.returns.services import operations_load
from tests.e2e.test_people_flow import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data):
    operations_load(actor=None)
    demo_users_create()
    drill.clear()
    return demo_dataset_load()


def test_the_coordinator_reads_the_regions_figures_and_opens_the_list_behind_one(new_page, demo):
    page = new_page()
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Figures").first.click()
    page.wait_for_url("**/reports/")
    assert "Mangystau" in page.locator("h1").inner_text()

    chart = page.locator("canvas#chart-returns-returned-category")
    chart.wait_for()
    page.wait_for_function(
        "document.querySelector('canvas#chart-returns-returned-category')"
        ".getAttribute('data-drawn') === 'true'"
    )
    box = chart.bounding_box()
    assert box["width"] > 100 and box["height"] > 100

    panel = page.locator("[data-testid=panel-returns-returned-category]")
    women = panel.locator("tbody tr", has_text="women").locator("a")
    shown = int(women.inner_text())

    with page.expect_download() as download:
        page.get_by_role("button", name="Download XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet_text = [
        [str(value) for value in row if value is not None]
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]
    assert any(row[-1:] == [str(shown)] and "women" in " ".join(row) for row in sheet_text)

    women.click()
    page.wait_for_url("**/people/?*returned_as=woman*")
    assert f"{shown} result" in page.locator("main").inner_text()


def test_an_analyst_changes_the_scope_and_the_period(new_page, demo):
    page = new_page()
    sign_in(page, "analyst")
    page.goto("/reports/")
    national = page.locator("[data-indicator='returns.returned'] .figure-value").inner_text()
    assert national.strip() == "749"
    page.locator("#to").fill("2019-06-01")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/reports/?*to=2019-06-01*")
    early = page.locator("[data-indicator='returns.returned'] .figure-value").inner_text()
    assert int(early) < 749
    assert page.locator("main a[href^='/people/']").count() == 0


def test_a_chart_of_a_few_referrals_counts_in_whole_numbers(new_page, demo):
    page = new_page()
    sign_in(page, "analyst")
    page.goto("/reports/")
    page.wait_for_function(
        "[...document.querySelectorAll('canvas[id^=chart-]')]"
        ".every(c => c.getAttribute('data-drawn') === 'true')"
    )
    fractional = page.evaluate(
        """() => [...document.querySelectorAll('canvas[id^=chart-]')].flatMap(canvas => {
            const chart = Chart.getChart(canvas);
            const axis = chart.options.indexAxis === 'y' ? chart.scales.x : chart.scales.y;
            return axis.ticks.filter(t => !Number.isInteger(t.value)).map(t => canvas.id);
        })"""
    )
    assert fractional == []
