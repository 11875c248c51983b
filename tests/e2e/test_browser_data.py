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


def test_a_store_file_with_flag_and_count_columns_reads_right_with_no_manual_step(page, server_url):
    """Rossmann's layout (tests/data/exports/): Customers, DayOfWeek, Open, Promo and holiday columns beside the
    sales. Once read as a wide file whose "SKUs" were those columns; now the stores are the series."""
    from pathlib import Path

    export = Path(__file__).resolve().parents[1] / "data" / "exports" / "rossmann_train.csv"
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_text("Upload a file").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes('SKUs') && m.innerText.includes('3'))",
        timeout=60_000,
    )
    assert _metric(page, "SKUs") == "3"
    assert _metric(page, "Rows used") == "100.0%"
    # No question to answer, no mapping opened: the reading is stated in one line.
    assert page.locator("text=Before you forecast").count() == 0
    assert page.locator("text=Read as per-period totals: 3 series, one per Store, daily").count() == 1
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Customers" not in sidebar.inner_text() and "DayOfWeek" not in sidebar.inner_text()
    # The forecast pages are open (no question holds them back), on this file's stores.
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Forecast").click()
    page.get_by_role("button", name="Run").first.wait_for(timeout=60_000)
    assert page.locator("text=The Data page asks").count() == 0
    assert "rossmann_train.csv" in sidebar.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "data_page_rossmann_export")


def test_a_doubtful_reading_asks_before_the_forecast_pages_use_it(page, server_url, tmp_path):
    """Weekly totals whose weekday drifts: the time bucket is a guess. The Data page asks, and the Forecast
    page waits for the answer."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    starts = pd.date_range("2023-01-02", periods=60, freq="7D") + pd.to_timedelta(rng.integers(0, 3, 60), unit="D")
    frame = pd.DataFrame(
        [(d.strftime("%Y-%m-%d"), f"S{s}", int(rng.integers(5, 50))) for d in starts for s in range(20)],
        columns=["week", "sku", "units"],
    )
    path = tmp_path / "drifting_weeks.csv"
    frame.to_csv(path, index=False)
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_text("Upload a file").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.wait_for_selector("text=Before you forecast", timeout=60_000)
    assert page.locator("text=the time bucket is a guess").count() == 1
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Forecast").click()
    page.wait_for_selector("text=The Data page asks", timeout=60_000)
    assert page.get_by_role("button", name="Run").count() == 0
    page.get_by_role("button", name="Go to the Data page").click()
    page.get_by_role("button", name="The reading is right").click()
    page.locator("text=Before you forecast").wait_for(state="detached", timeout=30_000)
    nav.get_by_text("Forecast").click()
    page.get_by_role("button", name="Run").first.wait_for(timeout=60_000)
    assert page.locator("text=The Data page asks").count() == 0
    assert "drifting_weeks.csv" in page.locator('[data-testid="stSidebar"]').inner_text()
    shot(page, "forecast_page_after_answer")
