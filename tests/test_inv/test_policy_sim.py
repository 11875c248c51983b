"""Policies, schedule and simulation: properties, balance, reproducibility and the statistical check."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory import (
    DemandPlan,
    InventoryInputError,
    ItemParams,
    PolicySettings,
    compute_policy,
    project_schedule,
    simulate,
)
from inventory.frontier import cost_optimal_service_level, service_frontier
from inventory.replay import replay_policy


def _plan(days=400, mean=10.0, sd=4.0) -> DemandPlan:
    return DemandPlan(
        start=pd.Timestamp("2026-01-05"),
        daily_mean=np.full(days, mean),
        freq="D",
        history_daily_mean=mean,
        history_daily_sd=sd,
    )


HISTORY = PolicySettings(uncertainty="history")


@settings(max_examples=40, deadline=None)
@given(
    level=st.floats(0.5, 0.995),
    bump=st.floats(0.001, 0.004),
    sd=st.floats(0.5, 20),
    lead=st.integers(1, 60),
    policy=st.sampled_from(["sQ", "sS", "RS"]),
    stype=st.sampled_from(["csl", "fill"]),
)
def test_safety_stock_never_falls_as_service_sigma_or_lead_time_rise(level, bump, sd, lead, policy, stype):
    item = ItemParams(lead_time_days=lead, lead_time_sd_days=1.0)
    base_settings = replace(HISTORY, policy=policy, service_type=stype, service_level=level)
    base = compute_policy(_plan(sd=sd), item, base_settings).safety_stock
    higher_level = compute_policy(_plan(sd=sd), item, replace(base_settings, service_level=min(0.999, level + bump)))
    more_sd = compute_policy(_plan(sd=sd * 1.5), item, base_settings)
    longer = compute_policy(_plan(sd=sd), replace(item, lead_time_days=lead + 5), base_settings)
    more_lt_sd = compute_policy(_plan(sd=sd), replace(item, lead_time_sd_days=3.0), base_settings)
    assert higher_level.safety_stock >= base - 1e-6
    assert more_sd.safety_stock >= base - 1e-6
    assert longer.safety_stock >= base - 1e-6
    assert more_lt_sd.safety_stock >= base - 1e-6


def test_reorder_point_by_hand_for_a_simple_case():
    # d = 10/day, sd 4/day, L = 8 days, sigma_L = 0, CSL 95%, (s, Q).
    # Exposure: the undershoot plus L - 1 = 7 days: mean 70, sd 4 sqrt(7) = 10.583.
    # Undershoot (renewal, Hadley & Whitin; SPT 7.6): E[U] = E[D^2] / (2 E[D]) = (100 + 16) / 20 = 5.8;
    # E[U^2] = E[D^3] / (3 E[D]) with the gamma third moment E[D^3] = 1000 + 480 + 2 x 256 / 10 = 1531.2,
    # so E[U^2] = 51.04 and Var(U) = 51.04 - 5.8^2 = 17.40.
    # sigma_X = sqrt(7 x 16 + 17.40) = 11.3754; s = 5.8 + 70 + 1.644854 x 11.3754 = 94.5109.
    policy = compute_policy(_plan(), ItemParams(lead_time_days=8), HISTORY)
    assert policy.protection_days == 7
    assert policy.undershoot_mean == pytest.approx(5.8)
    assert policy.protection_sd == pytest.approx(11.3754, abs=1e-4)
    assert policy.reorder_point == pytest.approx(94.5109, abs=1e-4)
    assert policy.safety_stock == pytest.approx(1.644854 * 11.3754, abs=1e-3)


def test_horizon_shorter_than_lead_time_plus_review_names_both():
    with pytest.raises(
        InventoryInputError, match=r"covers 20 days but lead time \(14 days\) \+ review period \(7 days\)"
    ):
        compute_policy(
            _plan(days=20), ItemParams(lead_time_days=14, review_period_days=7), replace(HISTORY, policy="RS")
        )


def test_schedule_balances_every_day_and_orders_when_position_hits_s():
    item = ItemParams(lead_time_days=10, on_hand=120, moq=50, pack_size=10)
    policy = compute_policy(_plan(), item, HISTORY)
    sched = project_schedule(_plan(), item, policy, HISTORY)
    days = sched.days
    on_hand_before = np.concatenate([[item.on_hand], days["on_hand"].to_numpy()[:-1]])
    served = days["demand"] - days["short"]
    np.testing.assert_allclose(days["on_hand"], on_hand_before + days["receipts"] - served, atol=1e-9)
    first = sched.orders.iloc[0]
    assert first["order_qty"] % 10 == 0 and first["order_qty"] >= 50
    assert (first["arrival_date"] - first["order_date"]).days == 10
    # The first order is placed on the first day the position is at or below s.
    pos = days["inventory_position"] - days["order_qty"]
    assert sched.next_order_date == days.loc[pos <= policy.reorder_point, "date"].iloc[0]


def test_open_orders_arrive_on_their_dates():
    start = pd.Timestamp("2026-01-05")
    item = ItemParams(lead_time_days=10, on_hand=500, open_orders=((start + pd.Timedelta(days=3), 40.0),))
    policy = compute_policy(_plan(), item, HISTORY)
    days = project_schedule(_plan(), item, policy, HISTORY).days
    assert days.loc[3, "receipts"] == 40.0
    assert days["receipts"].iloc[:3].sum() == 0


@pytest.mark.parametrize("policy", ["sQ", "sS", "RS"])
def test_simulation_balances_and_repeats_with_the_same_seed(policy):
    chosen = replace(HISTORY, policy=policy)
    item = ItemParams(lead_time_days=7, lead_time_sd_days=2, on_hand=150)
    pol = compute_policy(_plan(), item, chosen)
    a = simulate(_plan(), item, pol, chosen, np.random.default_rng(42), paths=200, demand_model="normal")
    b = simulate(_plan(), item, pol, chosen, np.random.default_rng(42), paths=200, demand_model="normal")
    c = simulate(_plan(), item, pol, chosen, np.random.default_rng(43), paths=200, demand_model="normal")
    assert a.balance_error < 1e-6
    assert a.total_cost == b.total_cost and a.fill_rate == b.fill_rate
    assert np.array_equal(a.stockout_days, b.stockout_days)
    assert a.total_cost != c.total_cost


@pytest.mark.parametrize(
    ("policy", "stype", "level", "lead", "lead_sd"),
    [
        ("sQ", "csl", 0.95, 7, 0),
        ("sQ", "fill", 0.98, 14, 2),
        ("sS", "csl", 0.90, 10, 1),
        ("RS", "csl", 0.95, 14, 2),
        ("RS", "fill", 0.98, 7, 0),
    ],
)
def test_simulated_service_lands_within_one_and_a_half_points_of_target(policy, stype, level, lead, lead_sd):
    """Demand as assumed (normal iid daily, backorders): simulated CSL and fill rate vs the formulas."""
    days = 2000
    plan = _plan(days=days)
    chosen = PolicySettings(
        policy=policy, service_type=stype, service_level=level, uncertainty="history", backorders=True
    )
    item = ItemParams(lead_time_days=lead, lead_time_sd_days=lead_sd, review_period_days=7, order_cost=50, unit_cost=10)
    pol = compute_policy(plan, item, chosen)
    start = replace(item, on_hand=pol.trigger + pol.order_quantity)
    sim = simulate(plan, start, pol, chosen, np.random.default_rng(7), paths=200, demand_model="normal")
    assert sim.cycles > 10_000
    assert abs(sim.cycle_service_level - pol.implied_csl) <= 0.015
    assert abs(sim.fill_rate - pol.implied_fill_rate) <= 0.015
    target = sim.cycle_service_level if stype == "csl" else sim.fill_rate
    assert abs(target - level) <= 0.015


def test_frontier_cost_and_service_move_with_the_level():
    plan = _plan(days=200)
    item = ItemParams(lead_time_days=7, unit_cost=10, stockout_cost=20, on_hand=120)
    frontier = service_frontier(
        plan, item, replace(HISTORY, backorders=False), levels=(0.8, 0.9, 0.95, 0.99), paths=200, demand_model="normal"
    )
    assert frontier["safety_stock"].is_monotonic_increasing
    assert frontier["inventory_value"].is_monotonic_increasing
    assert frontier["fill_rate"].iloc[-1] > frontier["fill_rate"].iloc[0]
    # The lost-sales critical ratio (Silver, Pyke & Peterson 1998, ch. 7, shortage cost B2 per unit short):
    # P(no stockout in a cycle) = 1 - Qvr / (Qvr + D B2). With v r = 10 x 0.25 = 2.5 a unit-year, Q = 300,
    # D = 3,650 a year, B2 = 20: 1 - 750 / (750 + 73,000) = 0.98983.
    from inventory.policy import PolicyResult

    lost = ItemParams(unit_cost=10, holding_rate=0.25, stockout_cost=20)
    fixed = PolicyResult(
        "sQ", 0, 10, 0, 0, 0, 0, 0, 0, 0, "history", "normal", 0, 0, 0, 300, None, 300, 3650, "csl", 0.95, 0.95, 0.99
    )
    assert cost_optimal_service_level(lost, fixed, backorders=False) == pytest.approx(0.98983, abs=1e-5)


def test_replay_with_a_perfect_forecast_never_runs_out():
    dates = pd.date_range("2025-01-01", periods=60)
    folds = []
    for cutoff in pd.to_datetime(["2024-12-31", "2025-03-01"]):
        ds = pd.date_range(cutoff + pd.Timedelta(days=1), periods=60)
        folds.append(pd.DataFrame({"cutoff": cutoff, "ds": ds, "y": 10.0, "ets": 10.0}))
    backtest = pd.concat(folds, ignore_index=True)
    history = pd.DataFrame({"ds": dates, "y": 10.0})
    result = replay_policy(
        backtest,
        "ets",
        "D",
        ItemParams(lead_time_days=7, unit_cost=10),
        PolicySettings(uncertainty="history"),
        history=history,
    )
    assert result.fill_rate == 1.0
    assert result.cycle_service_level == 1.0
    assert result.cycles > 0


def test_window_errors_sum_every_uncensored_window_within_each_fold_whatever_the_row_order():
    # Window errors feed the empirical lead-time demand quantiles: every window of n consecutive periods
    # inside one fold, none across folds, none holding a censored (NaN) actual. Checked by brute force on a
    # backtest whose rows arrive shuffled.
    from inventory.demand import _fold_errors, _window_errors

    rng = np.random.default_rng(0)
    frames = []
    for k, cutoff in enumerate(pd.to_datetime(["2024-03-01", "2024-01-01", "2024-02-01"])):
        ds = cutoff + pd.to_timedelta(np.arange(1, 9), unit="D")
        y = rng.poisson(5, 8).astype(float)
        if k == 0:
            y[3] = np.nan
        frames.append(pd.DataFrame({"cutoff": cutoff, "ds": ds, "y": y, "m": rng.uniform(3, 7, 8)}))
    backtest = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=1)
    folds = _fold_errors(backtest, "m")
    ordered = backtest.sort_values(["cutoff", "ds"])
    assert len(folds) == 3
    for fold, (_, rows) in zip(folds, ordered.groupby("cutoff"), strict=True):
        np.testing.assert_array_equal(fold, (rows["y"] - rows["m"]).to_numpy())
    windows = _window_errors(backtest, "m")
    for n in range(1, 9):
        expected = [e[i : i + n].sum() for e in folds for i in range(len(e) - n + 1) if np.isfinite(e[i : i + n]).all()]
        np.testing.assert_allclose(np.sort(windows[n]), np.sort(expected), rtol=1e-12)
    # the March fold (first cutoff in the file, last in time) lost the windows over its censored day
    assert len(windows[1]) == 8 + 8 + 7
    assert _window_errors(backtest, "missing") == {} and _fold_errors(backtest.iloc[:0], "m") == ()


@pytest.mark.parametrize(
    ("cap", "on_hand_by_day", "placed", "qty"),
    [(-1.0, [6, 2, 0, 8, 4, 0], [1, 4], 12.0), (8.0, [6, 2, 0, 4, 0, 4], [1, 3, 5], 8.0)],
)
def test_the_simulated_day_loop_by_hand(cap, on_hand_by_day, placed, qty):
    # One path, 4 units a day, 10 on hand, (s, Q) with s = 5 and Q = 7, MOQ 10, packs of 4, lead time 2 days.
    # Day 1 ends with 2 on hand: Q = 7 -> MOQ 10 -> 3 packs = 12 (with a cap of 8 units: 2 packs), arriving
    # on day 3; day 2 serves 2 of its 4 units. Without the cap day 3 ends at 8 and day 4 at 4 <= 5: the next
    # order. With it day 3 ends at 4 and orders, and so does day 5.
    from inventory.simulation import _run_days

    days = 6
    demand = np.full((1, days), 4.0)
    leads = np.full((1, days), 2, dtype=np.int64)
    pipeline = np.zeros((1, days + 4))
    on_hand, on_order = np.array([10.0]), np.array([0.0])
    out = _run_days(
        demand, leads, pipeline, on_hand, on_order, np.full(days, 5.0), np.full(days, 5.0),
        np.ones(days, dtype=bool), 1, 7.0, 10.0, 4.0, cap, False,
    )  # fmt: skip
    received, served, on_hand_hist, short_hist, short_units, orders, rows, days_placed, arrive = out
    np.testing.assert_array_equal(on_hand_hist[0], on_hand_by_day)
    assert short_units[0] == 2 and list(np.flatnonzero(short_hist[0])) == [2]
    assert list(rows) == [0] * len(placed) and list(days_placed) == placed and list(arrive) == [d + 2 for d in placed]
    assert orders[0] == len(placed) and all(pipeline[0, d + 2] == qty for d in placed)
    arrived = sum(qty for d in placed if d + 2 < days)
    assert received[0] == arrived and served[0] == 22 and on_order[0] == qty * len(placed) - arrived
