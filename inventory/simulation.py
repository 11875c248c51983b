"""Monte-Carlo simulation of a policy: demand and lead times drawn, every path in one numpy array.

Demand per day is the forecast plus an error drawn

- ``bootstrap`` (default): a block of consecutive backtest errors of the model (a random fold and start),
  so the errors keep their autocorrelation and skew; weekly or monthly errors are spread over their days;
- ``normal`` / ``gamma``: parametric, with the daily sd implied by the demand uncertainty of the policy.

Lead times are drawn per order: normal with the item's mean and sd, rounded to whole days, at least one.
Same timing convention as the policy (receipts, demand, review). The only Python loop is over days; paths
are vectorised. The same generator seed gives the same result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from inventory.demand import DemandPlan
from inventory.policy import ItemParams, PolicyResult, PolicySettings, round_order
from inventory.schedule import _open_order_arrivals

__all__ = ["SimulationResult", "demand_paths", "simulate"]

DemandModel = Literal["bootstrap", "normal", "gamma"]


@dataclass(frozen=True)
class SimulationResult:
    """KPIs of a simulated policy. Units: units, days, currency; probabilities are fractions."""

    paths: int
    days: int
    stockout_probability: float
    stockout_probability_by_day: np.ndarray
    expected_stockout_days: float
    stockout_days: np.ndarray
    fill_rate: float
    cycle_service_level: float
    cycles: int
    avg_on_hand: float
    peak_on_hand: float
    holding_cost: float
    ordering_cost: float
    stockout_cost: float
    total_cost: float
    lost_units: float
    orders_per_path: float
    on_hand_percentiles: pd.DataFrame
    demand_model: str
    balance_error: float = 0.0

    @property
    def inventory_value(self) -> float:
        return self.avg_on_hand


def demand_paths(
    plan: DemandPlan, policy: PolicyResult, paths: int, rng: np.random.Generator, model: DemandModel = "bootstrap"
) -> tuple[np.ndarray, str]:
    """(paths x days) daily demand, and the model actually used (bootstrap falls back to normal)."""
    days = plan.horizon_days
    mean = np.asarray(plan.daily_mean, dtype="float64")
    exposure = max(policy.protection_days, 1.0)
    day_sd = policy.demand_sd / math.sqrt(exposure)
    # The parametric models centre on the forecast corrected by the model's backtest bias, as the policy does
    # (the bootstrap carries the bias in its errors).
    parametric_mean = np.clip(mean + policy.bias / exposure, 0, None)
    if model == "bootstrap":
        blocks = _residual_blocks(plan)
        if blocks is not None:
            folds, length = blocks.shape
            pick = rng.integers(0, folds, paths)
            shift = rng.integers(0, length, paths)
            idx = (shift[:, None] + np.arange(days)[None, :]) % length
            errors = blocks[pick[:, None], idx]
            return np.clip(mean[None, :] + errors, 0, None), "bootstrap"
        model = "normal"
    if model == "gamma":
        m = np.maximum(parametric_mean, 1e-9)
        shape = (m / max(day_sd, 1e-9)) ** 2
        scale = max(day_sd, 1e-9) ** 2 / m
        return rng.gamma(np.broadcast_to(shape, (paths, days)), np.broadcast_to(scale, (paths, days))), "gamma"
    return np.clip(parametric_mean[None, :] + day_sd * rng.standard_normal((paths, days)), 0, None), "normal"


def _residual_blocks(plan: DemandPlan) -> np.ndarray | None:
    """Backtest errors per day, one row per fold (weekly or monthly errors spread over their days)."""
    folds = [f for f in plan.fold_errors if f.size]
    if not folds or sum(f.size for f in folds) < 6:
        return None
    length = min(f.size for f in folds)
    rows = np.array([f[:length] for f in folds], dtype="float64") / plan.period_days
    if plan.period_days > 1:
        rows = np.repeat(rows, int(round(plan.period_days)), axis=1)
    return np.where(np.isfinite(rows), rows, 0.0)


def simulate(
    plan: DemandPlan,
    item: ItemParams,
    policy: PolicyResult,
    settings: PolicySettings,
    rng: np.random.Generator,
    paths: int = 1000,
    demand_model: DemandModel = "bootstrap",
    demand: np.ndarray | None = None,
) -> SimulationResult:
    """Simulate ``paths`` demand and lead-time paths over the forecast horizon.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of every draw; the same seed gives the same result.
    demand : np.ndarray, optional
        Demand paths to use instead of drawing them (paths x days), e.g. actual demand in a replay.
    """
    if demand is None:
        demand, used = demand_paths(plan, policy, paths, rng, demand_model)
    else:
        used = "given"
    n, days = demand.shape
    lead_mean, lead_sd = item.lead_time_days, item.lead_time_sd_days
    max_lead = int(math.ceil(lead_mean + 6 * lead_sd)) + 1
    leads = np.maximum(1, np.rint(lead_mean + lead_sd * rng.standard_normal((n, days)))).astype(np.int64)
    leads = np.minimum(leads, max_lead)
    arrivals, _ = _open_order_arrivals(item, plan.start, days)
    pipeline = np.zeros((n, days + max_lead + 2))
    pipeline[:, : days + 1] += arrivals[None, :]
    on_order = np.full(n, float(arrivals.sum()))
    on_hand = np.full(n, float(item.on_hand))
    received = np.zeros(n)
    served_units = np.zeros(n)
    backlog = np.zeros(n)
    on_hand_hist = np.empty((n, days), dtype=np.float32)
    short_hist = np.zeros((n, days), dtype=bool)
    short_units = np.zeros(n)
    orders = np.zeros(n)
    order_rows: list[np.ndarray] = []
    order_days: list[np.ndarray] = []
    order_arrivals: list[np.ndarray] = []
    rows_all = np.arange(n)
    triggers = policy.triggers(days)
    up_to = policy.order_up_to_levels(days)
    decisions = policy.decisions(days, item.review_period_days)
    q_fixed = policy.order_quantity
    for t in range(days):
        receipts = pipeline[:, t]
        on_hand += receipts
        on_order -= receipts
        received += receipts
        if settings.backorders:
            settle = np.minimum(on_hand, backlog)
            on_hand -= settle
            backlog -= settle
            served_units += settle
        d = demand[:, t]
        served = np.minimum(on_hand, d)
        short = d - served
        on_hand -= served
        served_units += served
        short_units += short
        if settings.backorders:
            backlog += short
        short_hist[:, t] = short > 1e-9
        on_hand_hist[:, t] = on_hand
        position = on_hand + on_order - backlog
        s_t, big_s = triggers[t], up_to[t]
        if not decisions[t]:
            want = np.zeros(n)
        elif policy.policy == "RS":
            want = np.maximum(0.0, big_s - position)
        else:
            trigger = position <= s_t
            if policy.policy == "sQ":
                multiples = np.maximum(1, np.ceil((s_t - position + 1e-9) / q_fixed))
                want = np.where(trigger, q_fixed * multiples, 0.0)
            else:
                want = np.where(trigger, np.maximum(0.0, big_s - position), 0.0)
        qty = round_order(want, item.moq, item.pack_size, item.max_order)
        placed = qty > 0
        if placed.any():
            rows = rows_all[placed]
            arrive = t + leads[placed, t]
            pipeline[rows, arrive] += qty[placed]
            on_order[placed] += qty[placed]
            orders[placed] += 1
            order_rows.append(rows)
            order_days.append(np.full(rows.size, t))
            order_arrivals.append(arrive)
    # Cycle service level: the share of replenishment cycles without a stockout day. For (s, Q) and (s, S)
    # a cycle runs from the day after an order is placed to the day before it arrives (the lead time it
    # protects); for (R, S) from an order's arrival to the day before the next order arrives (the order-up-to
    # level must last until then). Cycles that end after the horizon are not counted.
    csl, cycles = float("nan"), 0
    if order_rows:
        rows = np.concatenate(order_rows)
        placed_day = np.concatenate(order_days)
        arrive = np.concatenate(order_arrivals)
        if policy.policy == "RS":
            order = np.lexsort((placed_day, rows))
            rows, arrive = rows[order], arrive[order]
            same = rows[1:] == rows[:-1]
            start, end, who = arrive[:-1][same], arrive[1:][same], rows[:-1][same]
        else:
            start, end, who = placed_day + 1, arrive, rows
        complete = (end <= days) & (end > start)
        if complete.any():
            cum = np.concatenate([np.zeros((n, 1), dtype=np.int64), np.cumsum(short_hist, axis=1)], axis=1)
            r, a, b = who[complete], start[complete], end[complete]
            stockouts = cum[r, b] - cum[r, a]
            cycles = int(complete.sum())
            csl = float((stockouts == 0).mean())
    total_demand = float(demand.sum())
    # Fill rate: the share of demand served from stock on the day it arises (backordered units are not).
    fill = float(1 - short_units.sum() / total_demand) if total_demand > 0 else 1.0
    stockout_days = short_hist.sum(axis=1)
    # Stock balance of every path: start + received - shipped = end (a check the tests rely on).
    balance_error = float(np.abs(float(item.on_hand) + received - served_units - on_hand).max())
    years = days / 365.0
    avg_on_hand = float(on_hand_hist.mean())
    holding = avg_on_hand * item.holding_cost_per_unit_year * years
    ordering = float(orders.mean()) * item.order_cost
    lost = float(short_units.mean())
    stockout = lost * item.stockout_cost
    pct = np.percentile(on_hand_hist, [5, 25, 50, 75, 95], axis=0)
    fan = pd.DataFrame(
        {
            "date": plan.start + pd.to_timedelta(np.arange(days), unit="D"),
            "p5": pct[0],
            "p25": pct[1],
            "p50": pct[2],
            "p75": pct[3],
            "p95": pct[4],
        }
    )
    return SimulationResult(
        paths=n,
        days=days,
        stockout_probability=float(short_hist.any(axis=1).mean()),
        stockout_probability_by_day=short_hist.mean(axis=0),
        expected_stockout_days=float(stockout_days.mean()),
        stockout_days=stockout_days,
        fill_rate=fill,
        cycle_service_level=csl,
        cycles=cycles,
        avg_on_hand=avg_on_hand,
        peak_on_hand=float(on_hand_hist.max(axis=1).mean()),
        holding_cost=holding,
        ordering_cost=ordering,
        stockout_cost=stockout,
        total_cost=holding + ordering + stockout,
        lost_units=lost,
        orders_per_path=float(orders.mean()),
        on_hand_percentiles=fan,
        demand_model=used,
        balance_error=balance_error,
    )
