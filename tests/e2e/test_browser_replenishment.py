"""Real browser: the Replenishment page plans from a fresh forecast and shows the policy and the replay."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import plan_replenishment, shot

pytestmark = pytest.mark.e2e


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_replenishment_page_plans_and_replays(page, server_url):
    plan_replenishment(page, server_url)
    assert re.fullmatch(r"[\d,]+", _metric(page, "Safety stock"))
    assert re.fullmatch(r"[\d,]+", _metric(page, "Reorder point"))
    assert _metric(page, "Fill rate").endswith("%")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)  # the schedule chart
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "replenishment_page")
