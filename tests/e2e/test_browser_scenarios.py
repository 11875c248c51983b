"""Real browser: run a portfolio, save two scenarios, reload the app (a new session), compare them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scenarios.store import ScenarioStore
from tests.e2e.conftest import DATA_DIR, shot, wait_idle

pytestmark = pytest.mark.e2e


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def _save(page, name: str) -> None:
    page.get_by_role("tab", name="Save scenario").click()
    box = page.get_by_role("textbox", name="Scenario name")
    box.fill(name)
    page.get_by_role("button", name="Save scenario").first.click()
    page.wait_for_selector(f"text=Saved '{name}'", timeout=60_000)


def test_save_a_scenario_reload_and_compare(page, server_url):
    page.goto(f"{server_url}/portfolio")
    page.wait_for_selector("text=SKUs selected", timeout=120_000)
    # Only the Toys & Games category (8 SKUs) keeps the run short.
    for _ in range(3):  # the dropdown can open a moment after the click: pick the option when it is there
        page.locator('[data-testid="stMultiSelect"]').first.click()
        option = page.get_by_role("option", name="Toys & Games")
        try:
            option.wait_for(timeout=10_000)
            option.click()
            # Close the list by clicking away (Escape can land before the choice is committed and drop it).
            page.locator("h1").first.click()
            page.wait_for_selector("text=8 SKUs selected", timeout=20_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    page.wait_for_selector("text=8 SKUs selected", timeout=30_000)
    wait_idle(page)  # the choice is on the server before the run is pressed
    page.get_by_role("button", name=re.compile(r"Forecast 8 SKUs and plan")).click()
    page.wait_for_selector('[data-testid="stMetric"] >> text=Inventory value', timeout=600_000)
    # The cards arrive one by one as the rerun streams in; wait for the one read next.
    page.wait_for_selector('[data-testid="stMetric"] >> text=SKUs planned', timeout=120_000)
    assert _metric(page, "SKUs planned") == "8"
    value_base = _metric(page, "Inventory value")
    _save(page, "Browser base")
    page.get_by_text("Bulk parameters").click()
    lead = page.get_by_role("spinbutton", name="Lead time change (days)")
    lead.fill("10")
    lead.press("Enter")
    page.wait_for_function(
        "v => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes('Inventory value') && !m.innerText.includes(v))",
        arg=value_base,
        timeout=120_000,
    )
    value_slow = _metric(page, "Inventory value")
    _save(page, "Browser lead +10")
    shot(page, "portfolio_page")

    # What the server stored matches what the page showed.
    store = ScenarioStore(f"sqlite:///{Path(DATA_DIR) / 'scenarios.db'}")
    saved = {s.name: s for s in store.list()}
    store.dispose()
    assert round(saved["Browser base"].summary["kpis"]["inventory_value"]) == int(value_base.replace(",", ""))
    assert round(saved["Browser lead +10"].summary["kpis"]["inventory_value"]) == int(value_slow.replace(",", ""))
    assert saved["Browser lead +10"].params["portfolio"]["lead_time_delta"] == 10.0

    # A reload is a new session: the scenarios are still there and compare side by side.
    page.reload()
    page.goto(f"{server_url}/scenarios")
    page.wait_for_selector("text=Parameters that differ", timeout=120_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    chart_text = page.locator(".js-plotly-plot").first.inner_text()
    for name in ("Browser base", "Browser lead +10"):
        value = saved[name].summary["kpis"]["inventory_value"]
        assert f"{value:,.0f}" in chart_text, (name, value)  # the bar's label: the value with its unit
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "scenarios_compare")
