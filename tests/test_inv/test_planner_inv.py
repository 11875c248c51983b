"""Planner-grade replenishment: censoring, overrides, ending items, supplier calendars, minimums and budgets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest

from forecasting.base import SeriesData
from forecasting.engine import ForecastConfig, forecast_series
from forecasting.overrides import Override, apply_overrides
from inventory import DemandPlan, ItemParams, PolicySettings, compute_policy, project_schedule, simulate
from inventory.demand import demand_plan
from inventory.joint import SkuPlan, joint_schedule
from inventory.lifecycle import excess_stock, lifecycle_status, recent_daily_demand
from inventory.order_calendar import OrderCalendar, parse_weekdays, supplier_calendars

HISTORY = PolicySettings(uncertainty="history")


def _plan(days=200, mean=10.0, sd=3.0, start="2026-01-05") -> DemandPlan:
    return DemandPlan(
        start=pd.Timestamp(start),
        daily_mean=np.full(days, mean),
        freq="D",
        history_daily_mean=mean,
        history_daily_sd=sd,
    )


def test_censoring_raises_fitted_demand_and_brings_the_reorder_point_to_the_truth():
    # True demand Poisson(12)/day; 4 stock-outs recorded as zero sales. The oracle plans on the true demand.
    rng = np.random.default_rng(7)
    n = 240
    demand = rng.poisson(12, n).astype(float)
    in_stock = np.ones(n, dtype=int)
    for a, b in ((30, 45), (90, 110), (150, 165), (215, 228)):
        in_stock[a:b] = 0
    ds = pd.date_range("2025-03-03", periods=n).astype("datetime64[us]")
    flagged = pd.DataFrame(
        {"unique_id": "s", "ds": ds, "y": np.where(in_stock == 1, demand, 0.0), "in_stock": in_stock}
    )
    as_zero = flagged.drop(columns="in_stock")
    truth = flagged.assign(y=demand, in_stock=1)
    config = ForecastConfig(horizon=60, folds=3, models=("ma",), levels=(80,))
    item = ItemParams(lead_time_days=10)
    result = {}
    for name, panel in (("flagged", flagged), ("as_zero", as_zero), ("truth", truth)):
        fc = forecast_series(SeriesData.from_panel(panel, "D"), config)
        plan = demand_plan(fc.forecast, "ma", "D", backtest=fc.backtest, history=panel)
        result[name] = (plan, compute_policy(plan, item, PolicySettings(uncertainty="backtest")))
    mean = {k: v[0].daily_mean.mean() for k, v in result.items()}
    safety = {k: v[1].safety_stock for k, v in result.items()}
    rop = {k: v[1].reorder_point for k, v in result.items()}
    # Fitted demand: the zeros pull the uncensored fit down; the censored fit is near the truth.
    assert mean["as_zero"] < mean["flagged"] - 1.0
    assert abs(mean["flagged"] - mean["truth"]) < 1.0
    # Safety stock: spurious zeros are huge backtest errors that inflate it; censoring removes them.
    assert safety["as_zero"] > safety["flagged"]
    assert abs(rop["flagged"] - rop["truth"]) < abs(rop["as_zero"] - rop["truth"])
    # The history spread used by the "history" method leaves the stock-out days out too.
    assert result["flagged"][0].history_daily_sd < result["as_zero"][0].history_daily_sd


def test_an_override_flows_into_the_schedule():
    ds = pd.date_range("2026-02-02", periods=120)
    forecast = pd.DataFrame({"ds": ds, "m": 10.0, "m-lo-80": 6.0, "m-hi-80": 14.0})
    adjusted = apply_overrides(forecast, "m", [Override(date(2026, 2, 10), date(2026, 3, 15), "percent", 100)])
    item = ItemParams(lead_time_days=7, on_hand=300)
    out = {}
    for name, frame in (("statistical", forecast), ("adjusted", adjusted)):
        plan = demand_plan(frame, "m", "D")
        policy = compute_policy(plan, item, PolicySettings(uncertainty="intervals"))
        out[name] = project_schedule(plan, item, policy, PolicySettings(uncertainty="intervals"))
    stat, adj = out["statistical"], out["adjusted"]
    # Doubled demand from 16 Feb: the plan orders sooner and more over the override window.
    assert adj.next_order_date < stat.next_order_date
    window = adj.orders["order_date"] < pd.Timestamp("2026-03-15")
    assert (
        adj.orders.loc[window, "order_qty"].sum()
        > stat.orders.loc[stat.orders["order_date"] < pd.Timestamp("2026-03-15"), "order_qty"].sum() + 250
    )
    assert adj.days.loc[adj.days["date"] == pd.Timestamp("2026-02-20"), "demand"].iloc[0] == pytest.approx(20.0)


def test_a_discontinued_item_gets_no_orders_and_the_plan_says_why():
    active, reason = lifecycle_status(pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-04"), 90, discontinued=True)
    item = ItemParams(lead_time_days=7, on_hand=0, active=active, inactive_reason=reason)
    plan = _plan()
    policy = compute_policy(plan, item, HISTORY)
    schedule = project_schedule(plan, item, policy, HISTORY)
    assert schedule.orders.empty
    assert any("discontinued" in n for n in policy.notes)
    sim = simulate(plan, item, policy, HISTORY, np.random.default_rng(1), paths=50)
    assert sim.orders_per_path == 0
    assert sim.stockout_probability == 1.0  # no stock, no orders: the simulation shows the cost of stopping
    # The same SKU when active orders at once (it has no stock).
    live = project_schedule(
        plan, replace(item, active=True), compute_policy(plan, replace(item, active=True), HISTORY), HISTORY
    )
    assert not live.orders.empty


def test_an_item_idle_longer_than_the_limit_is_ending():
    assert lifecycle_status(pd.Timestamp("2026-01-01"), pd.Timestamp("2026-05-01"), 90) == (
        False,
        "no sales for 120 days (limit 90)",
    )
    assert lifecycle_status(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-05-01"), 90) == (True, "")
    assert lifecycle_status(None, pd.Timestamp("2026-05-01"), 90)[0] is False


def test_weekday_parsing_in_english_numbers_and_chinese():
    assert parse_weekdays("Mon,Thu") == frozenset({0, 3})
    assert parse_weekdays("monday; friday") == frozenset({0, 4})
    assert parse_weekdays("2 5") == frozenset({1, 4})
    assert parse_weekdays("周一、周日") == frozenset({0, 6})
    with pytest.raises(ValueError, match="'Funday' is not a weekday"):
        parse_weekdays("Mon,Funday")


def test_order_calendar_days_and_gaps():
    cal = OrderCalendar(frozenset({0, 3}), ((date(2026, 1, 12), date(2026, 1, 18)),))
    ok = cal.allowed(pd.Timestamp("2026-01-05"), 21)  # Mon 5 Jan .. Sun 25 Jan
    days = pd.date_range("2026-01-05", periods=21)[ok]
    assert [d.strftime("%a %d") for d in days] == ["Mon 05", "Thu 08", "Mon 19", "Thu 22"]
    gaps = cal.gaps(pd.Timestamp("2026-01-05"), 21)
    assert gaps[0] == 3 and gaps[3] == 11  # Thu 8 -> Mon 19 over the shutdown


def test_supplier_weekdays_restrict_order_days():
    cal = OrderCalendar(frozenset({1}))  # Tuesdays only
    item = ItemParams(lead_time_days=5, on_hand=80, calendar=cal)
    plan = _plan()
    policy = compute_policy(plan, item, HISTORY)
    schedule = project_schedule(plan, item, policy, HISTORY)
    assert not schedule.orders.empty
    assert (pd.DatetimeIndex(schedule.orders["order_date"]).day_of_week == 1).all()
    # A weekly order window must protect a week more than daily ordering: the reorder level is higher.
    daily = compute_policy(plan, replace(item, calendar=None), HISTORY)
    # On an order day the next chance is a week away: about six more days of demand (60 units) are covered.
    tuesdays = policy.decision_days[:140]
    assert (policy.trigger_by_day[:140][tuesdays] > daily.trigger_by_day[:140][tuesdays] + 45).all()
    assert any("supplier's order days" in n for n in policy.notes)


def test_a_shutdown_shifts_orders_earlier_and_keeps_the_shelf_stocked():
    plan = _plan(days=200, mean=10.0, sd=2.0)
    base_item = ItemParams(lead_time_days=10, on_hand=400, order_cost=50.0)
    # Mon 5 Jan start; without a shutdown the first order falls in mid-February.
    base_policy = compute_policy(plan, base_item, HISTORY)
    base = project_schedule(plan, base_item, base_policy, HISTORY)
    first = base.orders["order_date"].iloc[0]
    shutdown = (
        first.date() - pd.Timedelta(days=3).to_pytimedelta(),
        first.date() + pd.Timedelta(days=14).to_pytimedelta(),
    )
    item = replace(base_item, calendar=OrderCalendar(shutdowns=(shutdown,)))
    policy = compute_policy(plan, item, HISTORY)
    shifted = project_schedule(plan, item, policy, HISTORY)
    dates = pd.DatetimeIndex(shifted.orders["order_date"])
    assert dates[0] < pd.Timestamp(shutdown[0])
    assert not ((dates >= pd.Timestamp(shutdown[0])) & (dates <= pd.Timestamp(shutdown[1]))).any()
    # Ordering ahead covers the closure: no more shortage than without it.
    assert shifted.days["short"].sum() <= base.days["short"].sum() + 1e-9
    after = shifted.days[
        (shifted.days["date"] > pd.Timestamp(shutdown[1]))
        & (shifted.days["date"] < pd.Timestamp(shutdown[1]) + pd.Timedelta(days=10))
    ]
    assert (after["on_hand"] > 0).all()


def _sku(sku, supplier, cost, on_hand, mean=10.0, pack=1.0, priority=2):
    plan = _plan(days=120, mean=mean)
    item = ItemParams(lead_time_days=7, on_hand=on_hand, unit_cost=cost, pack_size=pack)
    return SkuPlan(sku, plan, item, compute_policy(plan, item, HISTORY), supplier=supplier, priority=priority)


def test_supplier_minimum_order_value_holds_on_every_order_day():
    skus = [_sku("a", "S1", 2.0, 60), _sku("b", "S1", 3.0, 200, pack=6), _sku("c", "S2", 1.0, 80)]
    out = joint_schedule(skus, HISTORY, min_order_value={"S1": 4000.0, "S2": 0.0})
    per_day = out.orders.groupby(["supplier", "order_date"])["order_value"].sum()
    s1 = per_day.loc["S1"]
    assert len(s1) > 0
    assert (s1 >= 4000 - 1e-6).all()
    assert out.orders["reason"].str.contains("minimum order value").any()
    # Packs stay whole when raised.
    assert (out.orders.loc[out.orders["unique_id"] == "b", "order_qty"] % 6 == 0).all()
    # Without a minimum the same SKUs order smaller amounts.
    free = joint_schedule(skus, HISTORY)
    assert free.orders.loc[free.orders["supplier"] == "S1", "order_value"].min() < 4000


def test_budget_cap_holds_and_cuts_the_best_covered_skus_first():
    skus = [
        _sku("urgent", "S", 5.0, 0, mean=20),
        _sku("soon", "S", 5.0, 30, mean=20),
        _sku("later", "S", 5.0, 120, mean=20),
    ]
    uncapped = joint_schedule(skus, HISTORY)
    first_day = uncapped.orders["order_date"].min()
    need = uncapped.orders.loc[uncapped.orders["order_date"] == first_day, "order_value"].sum()
    budget = need * 0.5
    capped = joint_schedule(skus, HISTORY, budget_per_day=budget)
    per_day = capped.orders.groupby("order_date")["order_value"].sum()
    assert (per_day <= budget + 1e-6).all()
    assert not capped.cuts.empty
    day_one = capped.orders[capped.orders["order_date"] == first_day]
    # The SKU with no stock is funded first; cuts fall on those with more cover.
    assert "urgent" in set(day_one["unique_id"])
    assert "urgent" not in set(capped.cuts.loc[capped.cuts["date"] == first_day, "unique_id"])
    assert capped.cuts["reason"].str.match(r"^(cut to the budget|deferred: over the budget)").all()


def test_supplier_calendars_from_the_supplier_file():
    frame = pd.DataFrame(
        {
            "supplier": ["A", "A", "B"],
            "order_days": ["Mon,Thu", "", ""],
            "shutdown_start": [pd.Timestamp("2027-02-04"), pd.NaT, pd.NaT],
            "shutdown_end": [pd.Timestamp("2027-02-18"), pd.NaT, pd.NaT],
            "min_order_value": [1500.0, np.nan, np.nan],
        }
    )
    out = supplier_calendars(frame)
    cal_a, mov_a = out["A"]
    assert cal_a.weekdays == frozenset({0, 3}) and mov_a == 1500.0
    assert cal_a.shutdowns == ((date(2027, 2, 4), date(2027, 2, 18)),)
    assert out["B"][0].trivial and out["B"][1] == 0.0


def test_excess_lists_stock_above_the_cover_with_its_value():
    panel = pd.DataFrame(
        {
            "unique_id": ["a"] * 10 + ["b"] * 10,
            "ds": list(pd.date_range("2026-01-01", periods=10)) * 2,
            "y": [2.0] * 10 + [5.0] * 10,
            "in_stock": [1] * 10 + [1] * 8 + [0, 0],
        }
    )
    rate = recent_daily_demand(panel, "D", days=30)
    assert rate.to_dict() == {"a": 2.0, "b": 5.0}
    items = pd.DataFrame(
        {"unique_id": ["a", "b"], "on_hand": [500.0, 50.0], "on_order": [100.0, 0.0], "unit_cost": [2.0, 1.0]}
    )
    out = excess_stock(rate, items, cover_days=90)
    assert out["unique_id"].tolist() == ["a"]
    # No stock and no demand: infinite cover, but nothing in excess.
    empty = pd.DataFrame({"unique_id": ["z"], "on_hand": [0.0], "unit_cost": [3.0]})
    assert excess_stock(pd.Series({"z": 0.0}), empty, cover_days=90).empty
    # Stock 600 covers 300 days; 90 days hold 180; excess 420 units x 2.0 = 840.
    assert out.loc[0, "excess_units"] == 420.0
    assert out.loc[0, "excess_value"] == 840.0
