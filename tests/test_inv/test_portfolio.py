"""Portfolio lines, bulk rules and KPIs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.batch import forecast_task
from forecasting.engine import ForecastConfig
from inventory import ItemParams, PolicySettings
from inventory.portfolio import BulkRules, failed_row, plan_sku, portfolio_kpis, portfolio_table, with_rules


def _forecast(mean=10.0, days=91) -> pd.DataFrame:
    ds = pd.date_range("2026-10-01", periods=days)
    return pd.DataFrame({"ds": ds, "m": mean, "m-lo-80": mean * 0.6, "m-hi-80": mean * 1.4})


def test_bulk_rules_category_beats_class_beats_global_and_lead_delta_adds():
    rules = BulkRules({"A": 0.98, "C": 0.9}, {"Toys": 0.85}, lead_time_delta_days=5, lead_time_by_category={"Toys": 30})
    assert rules.service_level("A", "Home", 0.95) == 0.98
    assert rules.service_level("B", "Home", 0.95) == 0.95
    assert rules.service_level("A", "Toys", 0.95) == 0.85
    assert rules.lead_time("Home", 14) == 19
    assert rules.lead_time("Toys", 14) == 35
    assert BulkRules(lead_time_delta_days=-30).lead_time(None, 14) == 1.0
    item, settings = with_rules(ItemParams(lead_time_days=14), PolicySettings(), rules, "A", "Home")
    assert (item.lead_time_days, settings.service_level) == (19, 0.98)


def test_a_plan_line_states_what_to_order_and_the_kpis_add_up():
    settings = PolicySettings(uncertainty="intervals")
    known = {"lead_time_days": 7, "on_hand_given": True}
    empty = plan_sku("a", _forecast(), "m", "D", ItemParams(on_hand=0, unit_cost=2, **known), settings)
    full = plan_sku("b", _forecast(), "m", "D", ItemParams(on_hand=2000, unit_cost=1, **known), settings)
    assert empty.row["order_now"] and not full.row["order_now"]
    assert empty.row["next_order_date"] == pd.Timestamp("2026-10-01")
    assert full.row["days_of_cover"] == pytest.approx(200.0)
    assert empty.row["projected_stockout"] and not full.row["projected_stockout"]
    assert empty.row["order_value"] == pytest.approx(empty.orders["order_value"].sum())
    table = portfolio_table([empty.row, full.row, failed_row("c", "forecast failed: too short")])
    kpis = portfolio_kpis(table)
    assert (kpis["skus"], kpis["planned"], kpis["failed"], kpis["order_now"]) == (3, 2, 1, 1)
    assert kpis["inventory_value"] == pytest.approx(empty.row["inventory_value"] + full.row["inventory_value"])
    weights = np.array([empty.row["demand_units"], full.row["demand_units"]])
    fills = np.array([empty.row["fill_rate"], full.row["fill_rate"]])
    assert kpis["fill_rate"] == pytest.approx(float((weights * fills).sum() / weights.sum()))


def test_a_sku_whose_stock_is_not_known_is_planned_from_its_policys_average_stock_and_claims_no_risk():
    settings = PolicySettings(uncertainty="intervals")
    unknown = plan_sku("u", _forecast(), "m", "D", ItemParams(lead_time_days=7, unit_cost=2), settings)
    zero = plan_sku("z", _forecast(), "m", "D", ItemParams(lead_time_days=7, unit_cost=2, on_hand_given=True), settings)
    row = unknown.row
    assert not row["stock_known"] and zero.row["stock_known"]
    # The assumed stock: the reorder point plus half an order; no order today, no stockout claimed from it.
    assert row["on_hand"] == pytest.approx(row["reorder_point"] + row["order_qty"] / 2)
    assert not row["order_now"] and not row["projected_stockout"]
    assert np.isnan(row["stockout_risk"]) and zero.row["stockout_risk"] == 1.0
    # The long run is the policy's, whatever the stock: the same for both.
    assert row["cycle_service_level"] == pytest.approx(zero.row["cycle_service_level"])
    kpis = portfolio_kpis(portfolio_table([row, zero.row]))
    assert kpis["stock_known"] == 1
    assert kpis["mean_stockout_risk"] == 1.0  # over the SKU with known stock only
    assert kpis["cycle_service_level"] == pytest.approx(row["cycle_service_level"])


def test_a_sku_whose_run_fails_is_reported_not_raised():
    # Every period out of stock: nothing observed to forecast from.
    frame = pd.DataFrame({"unique_id": "x", "ds": pd.to_datetime(["2026-01-01", "2026-01-02"]), "y": [np.nan, np.nan]})
    sku, result, error, seconds = forecast_task("x", frame, "D", ForecastConfig(horizon=7, models=("naive",)))
    assert (sku, result) == ("x", None)
    assert "no observed period" in error
    assert seconds >= 0
