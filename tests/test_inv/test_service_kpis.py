"""Two KPIs, two names (issue 20, item 2): the policy's long-run service per replenishment cycle, which the
target promises, and the risk of a stockout in the next days from today's stock."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from inventory import DemandPlan, ItemParams, PolicySettings, compute_policy
from inventory.simulation import simulate, steady_stock

# 20 units a day with a daily sd of 6: the demand the policy assumes ("history") and the simulation draws
# ("normal") are the same, so the long run must deliver what the policy promises.
PLAN = DemandPlan(
    start=pd.Timestamp("2026-01-05"),
    daily_mean=np.full(365, 20.0),
    freq="D",
    history_daily_mean=20.0,
    history_daily_sd=6.0,
)


@pytest.mark.parametrize("policy", ["sQ", "sS", "RS"])
@pytest.mark.parametrize("target", [0.90, 0.95])
def test_the_recommended_policy_keeps_its_long_run_cycle_service_whatever_the_lead_time(policy, target):
    for backorders in (True, False):
        settings = PolicySettings(policy=policy, uncertainty="history", service_level=target, backorders=backorders)
        for lead in (3, 7, 14, 21, 28):
            item = ItemParams(lead_time_days=lead, unit_cost=10)
            result = compute_policy(PLAN, item, settings)
            sim = simulate(PLAN, item, result, settings, np.random.default_rng(1), 2000, "normal", start="steady")
            assert sim.cycles > 10_000
            got = sim.cycle_service_level
            if backorders or policy != "RS":
                assert got == pytest.approx(target, abs=0.01), (policy, lead, backorders)
            else:
                # Lost sales leave (R, S) above the backorder formula's promise (the demand lost in a short
                # cycle is not ordered back), increasingly with longer cycles: never below it.
                assert target - 0.005 <= got <= target + 0.05, (policy, lead)


@pytest.mark.parametrize("policy", ["sQ", "sS", "RS"])
def test_for_a_fixed_policy_the_risk_from_todays_stock_does_not_fall_as_lead_time_rises(policy):
    settings = PolicySettings(policy=policy, uncertainty="history")
    base = ItemParams(lead_time_days=14, lead_time_sd_days=2, on_hand=400, on_hand_given=True)
    fixed = compute_policy(PLAN, base, settings)
    risks = [
        simulate(
            PLAN, replace(base, lead_time_days=lead), fixed, settings, np.random.default_rng(3), 1000, "normal"
        ).stockout_probability
        for lead in (7, 10, 14, 21, 28)
    ]
    assert risks == sorted(risks), risks
    assert risks[0] < 0.1 < 0.9 < risks[-1]


def test_the_long_run_does_not_depend_on_todays_stock_and_the_risk_does():
    settings = PolicySettings(uncertainty="history")
    none = ItemParams(lead_time_days=14, on_hand=0)
    plenty = replace(none, on_hand=2000, on_hand_given=True)
    plan = replace(PLAN, daily_mean=PLAN.daily_mean[:91])  # the next 91 days
    result = compute_policy(plan, none, settings)
    runs = {
        (name, start): simulate(plan, item, result, settings, np.random.default_rng(5), 1000, "normal", start=start)
        for name, item in (("none", none), ("plenty", plenty))
        for start in ("today", "steady")
    }
    assert runs["none", "steady"].cycle_service_level == runs["plenty", "steady"].cycle_service_level
    assert runs["none", "today"].stockout_probability == 1.0  # nothing on hand: the first day is short
    assert runs["plenty", "today"].stockout_probability < 0.1
    assert runs["none", "steady"].balance_error < 1e-6


def test_the_steady_stock_is_the_reorder_point_plus_a_share_of_an_order():
    settings = PolicySettings(uncertainty="history")
    item = ItemParams(lead_time_days=14)
    result = compute_policy(PLAN, item, settings)
    np.testing.assert_allclose(
        steady_stock(PLAN, item, result, np.array([0.0, 0.5])),
        [result.reorder_point, result.reorder_point + result.order_quantity / 2],
    )
