"""Real browser journeys with the numbers they show: what-if on the Replenishment page with its XLSX export,
a GBK upload with Chinese headers through to a forecast, a broken upload the app recovers from, and SKU names
carrying HTML and script payloads shown as text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.conftest import plan_replenishment, shot, wait_idle

pytestmark = pytest.mark.e2e
BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def _number(text: str) -> float:
    return float(text.replace(",", "").split()[0])


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def _wait_change(page, label: str, before: str, timeout: int = 60_000) -> str:
    page.wait_for_function(
        "([label, v]) => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes(label) && !m.innerText.includes(v))",
        arg=[label, before],
        timeout=timeout,
    )
    return _metric(page, label)


def _slide(page, label: str, key: str, times: int = 1) -> None:
    thumb = page.locator('[data-testid="stSlider"]').filter(has_text=label).first.get_by_role("slider")
    thumb.focus()
    for _ in range(times):
        page.keyboard.press(key)


def _upload(page, server_url: str, path: Path) -> None:
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_test_id("stRadioGroup").get_by_text("Upload a file").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def test_what_if_on_service_level_and_lead_time_moves_the_plan_and_the_xlsx_matches(page, server_url, tmp_path):
    plan_replenishment(page, server_url)
    safety = _metric(page, "Safety stock")
    reorder = _metric(page, "Reorder point")
    # A higher service level needs more safety stock.
    _slide(page, "Service level", "End")
    safety_high = _wait_change(page, "Safety stock", safety)
    assert _number(safety_high) > _number(safety)
    # A longer lead time raises the reorder point (more demand to cover while the order travels).
    reorder_high = _wait_change(page, "Reorder point", reorder)
    _slide(page, "Lead time (days)", "ArrowRight", 10)
    reorder_long = _wait_change(page, "Reorder point", reorder_high)
    assert _number(reorder_long) > _number(reorder_high)
    _no_exception(page)
    shot(page, "journey_replenishment_what_if")

    # The exported workbook holds the schedule the page shows (clicked once the slider's reruns are done).
    wait_idle(page)
    path = tmp_path / "plan.xlsx"
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download orders and projection (XLSX)").click()
    info.value.save_as(path)
    orders = pd.read_excel(path, sheet_name="Orders", engine="openpyxl")
    projection = pd.read_excel(path, sheet_name="Projection", engine="openpyxl")
    assert len(projection) > 0 and {"Order date", "Quantity", "Arrival date"} <= set(orders.columns)
    next_order = page.locator('[data-testid="stMetric"]').filter(has_text="Next order").first.inner_text()
    if not orders.empty:
        first = orders.iloc[0]
        assert (
            f"{pd.Timestamp(first['Order date']):%Y-%m-%d}" in next_order or f"{first['Quantity']:,.0f}" in next_order
        )


def test_gbk_upload_with_chinese_headers_maps_and_forecasts(page, server_url):
    source = BAD / "gbk_chinese_headers.csv"
    frame = pd.read_csv(io.BytesIO(source.read_bytes()), encoding="gbk")
    _upload(page, server_url, source)
    page.wait_for_selector('[data-testid="stMetric"] >> text=SKUs', timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes('SKUs') && m.innerText.includes('2'))",
        timeout=60_000,
    )
    assert _metric(page, "SKUs") == "2"
    assert _metric(page, "Units sold") == f"{frame['销量'].sum():,.0f}"
    assert _metric(page, "Rows used") == "100.0%"
    # Read without doubts, so no question is asked and the mapping stays folded; opened, it shows the Chinese
    # headers recognised, and the user confirms it.
    assert page.locator("text=Before you forecast").count() == 0
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Reading and column mapping").click()
    for role, header in (("Date", "日期"), ("SKU", "商品编码"), ("Quantity", "销量")):
        mapping = page.locator('[data-testid="stExpander"]').filter(has_text="Apply mapping")
        chosen = mapping.locator(f'[data-testid="stSelectbox"] input[aria-label="{role}"]').first.get_attribute("value")
        assert chosen == header, (role, chosen)
    shot(page, "journey_gbk_mapping")
    page.get_by_role("button", name="Apply mapping").click()
    wait_idle(page)
    assert _metric(page, "SKUs") == "2"
    # Through the app's navigation (a new page load would start a new session, on the demo).
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Forecast").click()
    page.get_by_role("button", name=re.compile("Run")).first.click()
    page.wait_for_selector("text=MASE", timeout=240_000)
    assert "gbk_chinese_headers.csv" in page.locator('[data-testid="stSidebar"]').inner_text()
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    _no_exception(page)
    shot(page, "journey_gbk_forecast")


def test_a_broken_upload_shows_a_message_and_the_app_stays_usable(page, server_url):
    _upload(page, server_url, BAD / "not_gzip.csv.gz")
    page.wait_for_selector("text=the gzip file is damaged", timeout=30_000)
    _no_exception(page)
    # Still interactive: back to the demo shop.
    page.get_by_test_id("stRadioGroup").get_by_text(re.compile("^Demo shop")).click()
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert _metric(page, "SKUs") == "40"
    _no_exception(page)


def test_payload_sku_names_are_shown_as_text_never_run(page, server_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _upload(page, server_url, BAD / "payload_sku_names.csv")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes('SKUs') && m.innerText.includes('9'))",
        timeout=60_000,
    )
    # The SKU picker shows a payload name as plain text.
    payloads = set(pd.read_csv(BAD / "payload_sku_names.csv", keep_default_na=False)["sku"])
    picked = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.get_attribute("value")
    assert picked in payloads
    page.get_by_role("tab", name="Catalogue profile").click()
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    wait_idle(page)  # every element drawn: a dialog a payload opened would be there by now
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    _no_exception(page)
    shot(page, "journey_payload_names")
