"""Real browser: the Replenishment page plans from a fresh forecast and shows the policy and the replay."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import plan_replenishment, shot, wait_idle

pytestmark = pytest.mark.e2e


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_replenishment_page_plans_and_replays(page, server_url):
    plan_replenishment(page, server_url)
    assert re.fullmatch(r"[\d,]+", _metric(page, "Safety stock"))
    assert re.fullmatch(r"[\d,]+", _metric(page, "Reorder point"))
    # Which method set the safety stock, and on how many errors.
    method = page.get_by_text(re.compile(r"Safety stock set by the calibrated method")).first
    method.wait_for(timeout=60_000)
    assert re.search(r"from \d+ forecast errors of this SKU", method.inner_text())
    assert _metric(page, "Fill rate").endswith("%")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)  # the schedule chart
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "replenishment_page")


def _uci_demo(page, server_url: str) -> None:
    """Open the app and pick the UCI demo (no item master: stock not known), staying in the same session."""
    page.goto(server_url)
    page.wait_for_selector("text=Sales data", timeout=60_000)
    page.get_by_text("UCI Online Retail (real data, 40 SKUs)").click(force=True)
    page.wait_for_selector("text=85123A", timeout=120_000)


def test_unknown_stock_is_said_and_the_risk_from_todays_stock_appears_once_typed(page, server_url):
    _uci_demo(page, server_url)
    page.get_by_role("link", name="Replenishment").click()
    button = page.get_by_role("button", name=re.compile(r"Forecast \d+ days and plan"))
    button.wait_for(timeout=60_000)
    button.click()
    page.wait_for_selector("text=Policy replay on your history", timeout=300_000)
    page.wait_for_selector("text=Stock on hand is not known for this SKU", timeout=60_000)
    assert _metric(page, "Cycle service").endswith("%")
    assert _metric(page, "Stockout risk,") == "–"
    shot(page, "replenishment_stock_unknown")
    box = page.locator('input[aria-label="On hand (units)"]')
    box.fill("0")
    box.press("Enter")
    page.get_by_text("Stock on hand is not known for this SKU").wait_for(state="detached", timeout=60_000)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(m => m.innerText.includes('Stockout risk,') && /\\d%/.test(m.innerText))""",
        timeout=60_000,
    )
    assert float(_metric(page, "Stockout risk,").rstrip("%")) > 90.0  # an empty shelf
    assert page.locator('[data-testid="stException"]').count() == 0


def _type_into_cell(page, grid, column_share: float, row: int, text: str) -> None:
    """Type into a data-editor cell: double-click opens the grid's editor; retried while the grid settles."""
    for _ in range(5):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.dblclick(box["x"] + box["width"] * column_share, box["y"] + 35 + 17 + 35 * row)
        editor = page.locator("textarea.gdg-input, input.gdg-input").first
        try:
            editor.wait_for(state="visible", timeout=5_000)
        except Exception:  # noqa: BLE001 - the click landed before the grid was ready: try again
            page.keyboard.press("Escape")
            wait_idle(page, quiet_ms=500)
            continue
        editor.fill(text)
        editor.press("Enter")
        return
    raise AssertionError("the data editor did not open on the cell")


def test_the_portfolio_stock_table_takes_a_typed_on_hand(page, server_url):
    _uci_demo(page, server_url)
    page.get_by_role("link", name="Portfolio").click()
    # The six C-class SKUs (a short run): the filter, then the run.
    abc = page.locator('[data-testid="stMultiSelect"]').filter(has_text="ABC class").first
    abc.wait_for(timeout=60_000)
    abc.click()
    page.get_by_role("option", name="C", exact=True).click()
    page.locator("h1").first.click()  # close the list by clicking away (Escape can drop the choice)
    wait_idle(page)
    run = page.get_by_role("button", name=re.compile(r"Forecast 6 SKUs and plan|All forecast"))
    run.first.wait_for(timeout=60_000)
    run = page.get_by_role("button", name=re.compile(r"Forecast \d+ SKUs and plan"))
    banner = page.get_by_text(re.compile(r"Stock on hand is not known for 6 of 6 SKUs"))
    # The run button, or the plan straight away when an earlier test forecast these SKUs.
    banner.or_(run).first.wait_for(timeout=60_000)
    if not banner.count() and run.first.is_enabled():
        run.first.click()
    banner.wait_for(timeout=900_000)
    page.get_by_text(re.compile(r"Safety stocks set by: Calibrated errors")).wait_for(timeout=60_000)
    grid = page.locator('[data-testid="stDataFrame"]').filter(has=page.locator("text=On order")).first
    grid.wait_for(timeout=60_000)
    wait_idle(page)
    # First data row, the On hand column (third of four).
    _type_into_cell(page, grid, 0.67, 0, "250")
    page.get_by_text(re.compile(r"Stock on hand is not known for 5 of 6 SKUs")).wait_for(timeout=300_000)
    shot(page, "portfolio_stock_editor")
    assert page.locator('[data-testid="stException"]').count() == 0
