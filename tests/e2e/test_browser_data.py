"""Real browser: the app opens on the sample, shows the chart and the report numbers, and handles an upload."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_first_visit_shows_sample_chart_and_kpis(page, server_url):
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert _metric(page, "SKUs") == "40"
    assert _metric(page, "Rows used") == "100.0%"
    assert page.locator('[data-testid="stException"]').count() == 0
    # The sidebar names the dataset and offers the SKU picker.
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Demo shop" in sidebar.inner_text()
    shot(page, "data_page_sample")


def test_validation_report_tab_shows_balanced_accounting(page, server_url):
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_role("tab", name="Validation report").click()
    page.wait_for_selector("text=Every row is accounted for", timeout=30_000)
    read = _metric(page, "Rows read")
    assert int(read.replace(",", "")) > 100_000
    assert _metric(page, "Rows rejected") == "0"
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "data_page_report")


def test_upload_of_a_broken_file_shows_a_message(page, server_url, tmp_path):
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_text("Upload a file").click()
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 40)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(junk))
    page.wait_for_selector("text=not a text table", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "data_page_broken_upload")
