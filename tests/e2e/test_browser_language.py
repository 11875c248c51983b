"""Real browser: the sidebar switch turns the interface into Simplified Chinese and back; ?lang=zh opens in it."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_language_switch_and_query_parameter(page, server_url):
    page.goto(server_url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Data"
    page.locator('[data-testid="stSidebar"]').get_by_text("简体中文").click()
    page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText === '数据'")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "预测" in sidebar and "补货" in sidebar  # the page names in the navigation
    body = page.locator("body").inner_text()
    assert "SKU 数" in body and "销量" in body  # the KPI cards
    assert "lang=zh" in page.url
    # The data-source choice keeps its selection across the switch.
    checked = page.locator('[data-testid="stMain"] [data-testid="stRadioGroup"] input:checked')
    assert checked.count() == 1
    shot(page, "language_zh")
    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    page.wait_for_function("() => document.querySelector('h1').innerText === 'Data'")
    # A fresh visit with ?lang=zh opens in Chinese.
    page.goto(f"{server_url}/forecast?lang=zh")
    page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText === '预测'")
    assert page.locator('[data-testid="stException"]').count() == 0
