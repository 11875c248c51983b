"""Real browser: the Forecast page runs the default models and shows a leaderboard with numbers."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_forecast_page_runs_and_shows_the_winner(page, server_url):
    page.goto(f"{server_url}/forecast")
    page.get_by_role("button", name="Run backtest and forecast").click()
    page.wait_for_selector("text=Leaderboard", timeout=240_000)
    banner = page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
    assert re.match(r"Forecast used: .+ — MASE \d+\.\d{3}", banner), banner
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)  # Plotly draws after the page
    assert page.locator(".js-plotly-plot .main-svg").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "forecast_page")
