"""The dated schedule explains itself: every order's need is the trigger less the position, never negative, and
the demand it protects against is never cut short by the end of the forecast (issue 20)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import salesdata
from forecasting.base import SeriesData
from forecasting.engine import ForecastConfig, forecast_series
from inventory import DemandPlan, ItemParams, PolicySettings, compute_policy, project_schedule
from inventory.demand import demand_plan


def _flat(days: int, mean: float = 10.0) -> DemandPlan:
    return DemandPlan(
        start=pd.Timestamp("2026-01-05"),
        daily_mean=np.full(days, mean),
        freq="D",
        history_daily_mean=mean,
        history_daily_sd=3.0,
    )


@pytest.mark.parametrize("policy", ["sQ", "sS", "RS"])
def test_demand_over_the_interval_is_not_truncated_at_the_end_of_the_forecast(policy):
    """Flat demand of 10 a day: every order protects against the same demand, the last ones included."""
    plan = _flat(60)
    item = ItemParams(lead_time_days=14, review_period_days=7)
    settings = PolicySettings(policy=policy, uncertainty="history", order_quantity=70.0)
    result = compute_policy(plan, item, settings)
    orders = project_schedule(plan, item, result, settings).orders
    assert len(orders) >= 3
    np.testing.assert_allclose(orders["protection_demand"], orders["protection_demand"].iloc[0], rtol=1e-9)
    late = orders[orders["order_date"] > plan.start + pd.Timedelta(days=60 - result.protection_days)]
    assert not late.empty  # orders placed when the forecast no longer covers their interval still see full demand


def _check(orders: pd.DataFrame, label: str) -> int:
    need = orders["protection_demand"] + orders["safety_stock"] - orders["on_hand"] - orders["on_order"]
    need = need + orders["backorders"]
    np.testing.assert_allclose(orders["raw_need"], need, atol=1e-6, err_msg=label)
    assert (orders["raw_need"] >= -1e-6).all(), (label, orders.loc[orders["raw_need"] < 0].head())
    assert (orders["rule_qty"] >= orders["raw_need"] - 1e-6).all(), label
    assert (orders["order_qty"] > 0).all(), label
    return len(orders)


def _scan(panel: pd.DataFrame, skus: list[str]) -> int:
    config = ForecastConfig(horizon=91, folds=1, models=("ma", "snaive"), levels=(80,))
    rows = 0
    for sku in skus:
        hist = panel[panel["unique_id"] == sku]
        fc = forecast_series(SeriesData.from_panel(hist, "D"), config)
        plan = demand_plan(fc.forecast, "ma", "D", backtest=fc.backtest, history=hist)
        for policy in ("sQ", "sS", "RS"):
            for lead in (7, 21):
                item = ItemParams(lead_time_days=lead, lead_time_sd_days=2, on_hand=0)
                settings = PolicySettings(policy=policy)
                result = compute_policy(plan, item, settings)
                rows += _check(project_schedule(plan, item, result, settings).orders, f"{sku} {policy} L={lead}")
    return rows


def _demo_panel(key: str) -> pd.DataFrame:
    files = salesdata.demo_files(key)
    demo = salesdata.DEMOS[key]
    raw = salesdata.read_table(files["sales"][1], files["sales"][0])
    return salesdata.build_dataset(raw, demo.mapping, demo.options, "D").panel


def test_every_order_of_the_demo_shop_has_a_non_negative_need_that_adds_up():
    panel = _demo_panel("shop")
    assert _scan(panel, sorted(panel["unique_id"].unique())[:12]) > 100


def test_every_order_of_the_uci_best_sellers_has_a_non_negative_need_that_adds_up():
    """UCI Online Retail (CC BY 4.0): the invoice lines of the 40 best sellers shipped as a demo."""
    panel = _demo_panel("uci")
    assert _scan(panel, sorted(panel["unique_id"].unique())[:12]) > 100
