"""Order quantities a planner can read: in days of demand, and bounded to a sensible cover when the costs behind
the EOQ are only defaults (issue 20, item 3)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from inventory import DemandPlan, ItemParams, PolicySettings, compute_policy
from inventory.formulas import eoq
from inventory.policy import holding_fraction
from salesdata import load_item_master, read_table


def _plan(rate: float, days: int = 120) -> DemandPlan:
    return DemandPlan(
        start=pd.Timestamp("2026-01-05"),
        daily_mean=np.full(days, rate),
        freq="D",
        history_daily_mean=rate,
        history_daily_sd=math.sqrt(rate),
    )


SETTINGS = PolicySettings(uncertainty="history")


def test_a_slow_mover_without_costs_orders_at_most_a_quarter_of_demand():
    # EOQ = sqrt(2 K D / h) = sqrt(2 * 50 * 36.5 / (0.25 * 10)) = 38.2 units = 382 days of 0.1 a day.
    plan = _plan(0.1)
    assert eoq(50, 2.5, 36.5) == pytest.approx(math.sqrt(1460))
    bounded = compute_policy(plan, ItemParams(lead_time_days=7, unit_cost=10.0), SETTINGS)
    assert bounded.eoq == pytest.approx(38.21, abs=0.01)
    assert bounded.order_quantity == 10.0  # 91 days x 0.1 = 9.1, rounded up to a whole unit
    assert bounded.in_days(bounded.order_quantity) == pytest.approx(100.0)
    assert any("kept within 7-91 days of demand" in str(n) for n in bounded.notes)
    given = compute_policy(plan, ItemParams(lead_time_days=7, unit_cost=10.0, costs_given=True), SETTINGS)
    assert given.order_quantity == 39.0  # the user's costs: EOQ as it is, rounded up
    assert not any("kept within" in str(n) for n in given.notes)


def test_a_fast_mover_without_costs_does_not_order_every_few_days():
    # EOQ = sqrt(2 * 50 * 365000 / 2.5) = 3,821 units = 3.8 days of 1,000 a day: raised to a week.
    plan = _plan(1000.0)
    result = compute_policy(plan, ItemParams(lead_time_days=7, unit_cost=10.0), SETTINGS)
    assert result.eoq == pytest.approx(3821.0, abs=1)
    assert result.order_quantity == pytest.approx(7000.0)
    wider = compute_policy(
        plan, ItemParams(lead_time_days=7, unit_cost=10.0), PolicySettings(uncertainty="history", cover_days=(2, 91))
    )
    assert wider.order_quantity == pytest.approx(3821.0)  # inside the bounds: EOQ (3,820.995), rounded up


def test_a_fixed_order_quantity_is_never_bounded():
    result = compute_policy(
        _plan(0.1),
        ItemParams(lead_time_days=7, unit_cost=10.0),
        PolicySettings(uncertainty="history", order_quantity=60),
    )
    assert result.order_quantity == 60.0
    assert result.in_days(result.reorder_point) == pytest.approx(result.reorder_point / 0.1)


def test_the_item_master_gives_order_cost_and_holding_rate_in_either_form():
    text = b"sku,order_cost,holding_rate\nA,80,25\nB,,0.3\n"
    items = load_item_master(read_table(text, "items.csv")).items.set_index("unique_id")
    assert items.loc["A", "order_cost"] == 80.0
    assert holding_fraction(items.loc["A", "holding_rate"]) == 0.25
    assert holding_fraction(items.loc["B", "holding_rate"]) == 0.3
    assert holding_fraction(float("nan")) == 0.25
