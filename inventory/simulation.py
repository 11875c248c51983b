"""Monte-Carlo simulation of a policy: demand and lead times drawn, every path in one numpy array.

Demand per day is the forecast plus an error drawn

- ``bootstrap`` (default): a block of consecutive backtest errors of the model (a random fold and start),
  so the errors keep their autocorrelation and skew; weekly or monthly errors are spread over their days. With a
  calibrated policy, the error paths of the rolling origins it was set from instead (a random origin for each
  stretch of the horizon, from its first day ahead): the simulation then draws the errors the promise is made on;
- ``normal`` / ``gamma``: parametric, with the daily sd implied by the demand uncertainty of the policy.

Lead times are drawn per order: normal with the item's mean and sd, rounded to whole days, at least one.
Same timing convention as the policy (receipts, demand, review). The draws are numpy's, vectorised over paths
and days; the day loop over every path is compiled by numba. The same generator seed gives the same result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numba import njit

from inventory.demand import DemandPlan
from inventory.policy import ItemParams, PolicyResult, PolicySettings
from inventory.schedule import _open_order_arrivals

__all__ = ["SimulationResult", "demand_paths", "simulate", "steady_stock"]

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


def steady_stock(plan: DemandPlan, item: ItemParams, policy: PolicyResult, share: np.ndarray | float) -> np.ndarray:
    """Stock on hand the policy itself holds at a random moment of its cycle (``share`` uniform in [0, 1)):
    the reorder point plus that share of an order for (s, Q) and (s, S); for (R, S) the order-up-to level less
    the lead time's demand and that share of a review period's. Also the stock the plan assumes when the
    user's is not known (``share`` = 0.5: the cycle's average)."""
    share = np.asarray(share, dtype="float64")
    rate = plan.daily_rate(max(policy.protection_days, 1.0))
    q = float(policy.order_quantity or 0.0)
    if policy.policy == "RS":
        review = max(1.0, float(item.review_period_days))
        stock = float(policy.trigger) - rate * item.lead_time_days - share * rate * review
        return np.maximum(stock, float(policy.safety_stock))
    return np.maximum(float(policy.trigger) + share * q, 0.0)


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
    if model == "bootstrap" and policy.uncertainty_used == "calibrated":
        rows = _origin_blocks(plan)
        if rows is not None:
            n_rows, length = rows.shape
            segments = -(-days // length)
            pick = rng.integers(0, n_rows, (paths, segments))
            day = np.arange(days)
            errors = rows[pick[:, day // length], day % length]
            return np.clip(mean[None, :] + errors, 0, None), "bootstrap"
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


def _origin_blocks(plan: DemandPlan, min_days: int = 28) -> np.ndarray | None:
    """The calibration's error paths per day (one row per origin whose first ``min_days`` days are known; weekly or
    monthly errors spread over their days), or None with fewer than 20."""
    paths, _, _ = plan.calibration_paths(float(min_days))
    if paths is None or len(paths) < 20:
        return None
    known = np.isfinite(paths).all(axis=0)
    width = int(np.argmin(known)) if not known.all() else paths.shape[1]
    rows = paths[:, : max(width, int(math.ceil(min_days / plan.period_days)))] / plan.period_days
    if plan.period_days > 1:
        rows = np.repeat(rows, int(round(plan.period_days)), axis=1)
    return np.where(np.isfinite(rows), rows, 0.0)


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


_POLICY_CODE = {"RS": 0, "sQ": 1, "sS": 2}


@njit(cache=True, error_model="numpy")
def _run_days(
    demand, leads, pipeline, on_hand, on_order, triggers, up_to, decisions, code, q_fixed, moq, pack, cap, backorders
):  # pragma: no cover - compiled
    """The day loop over every path: receipts, backorders settled, demand served, the policy's review, orders
    rounded (MOQ, packs, cap: ``round_order``) and put in the pipeline at their drawn lead time. Element by
    element the operations the vectorised numpy loop did, so the same numbers. Orders come back as
    (path, day placed, arrival day) in day order, paths ascending within a day."""
    n, days = demand.shape
    received = np.zeros(n)
    served_units = np.zeros(n)
    backlog = np.zeros(n)
    on_hand_hist = np.empty((n, days), dtype=np.float32)
    short_hist = np.zeros((n, days), dtype=np.bool_)
    short_units = np.zeros(n)
    orders = np.zeros(n)
    rec_rows = np.empty(n * days, dtype=np.int64)
    rec_days = np.empty(n * days, dtype=np.int64)
    rec_arrive = np.empty(n * days, dtype=np.int64)
    count = 0
    cap_units = np.floor(cap / pack + 1e-9) * pack if cap > 0 else 0.0
    for t in range(days):
        s_t = triggers[t]
        big_s = up_to[t]
        for i in range(n):
            receipt = pipeline[i, t]
            on_hand[i] += receipt
            on_order[i] -= receipt
            received[i] += receipt
            if backorders:
                settle = min(on_hand[i], backlog[i])
                on_hand[i] -= settle
                backlog[i] -= settle
                served_units[i] += settle
            d = demand[i, t]
            served = min(on_hand[i], d)
            short = d - served
            on_hand[i] -= served
            served_units[i] += served
            short_units[i] += short
            if backorders:
                backlog[i] += short
            short_hist[i, t] = short > 1e-9
            on_hand_hist[i, t] = on_hand[i]
            if not decisions[t]:
                continue
            position = on_hand[i] + on_order[i] - backlog[i]
            if code == 0:
                want = big_s - position
            elif position <= s_t:
                if code == 1:
                    multiples = np.ceil((s_t - position + 1e-9) / q_fixed)
                    if multiples < 1:
                        multiples = 1.0
                    want = q_fixed * multiples
                else:
                    want = big_s - position
            else:
                continue
            if not want > 0:  # nothing wanted (or not a number): no order, as round_order gives 0
                continue
            qty = np.ceil(max(want, moq) / pack - 1e-9) * pack
            if cap > 0:
                qty = min(qty, cap_units)
            if qty > 0:
                arrive = t + leads[i, t]
                pipeline[i, arrive] += qty
                on_order[i] += qty
                orders[i] += 1
                rec_rows[count] = i
                rec_days[count] = t
                rec_arrive[count] = arrive
                count += 1
    return (
        received,
        served_units,
        on_hand_hist,
        short_hist,
        short_units,
        orders,
        rec_rows[:count].copy(),
        rec_days[:count].copy(),
        rec_arrive[:count].copy(),
    )


def simulate(
    plan: DemandPlan,
    item: ItemParams,
    policy: PolicyResult,
    settings: PolicySettings,
    rng: np.random.Generator,
    paths: int = 1000,
    demand_model: DemandModel = "bootstrap",
    demand: np.ndarray | None = None,
    start: Literal["today", "steady"] = "today",
) -> SimulationResult:
    """Simulate ``paths`` demand and lead-time paths over the forecast horizon.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of every draw; the same seed gives the same result.
    demand : np.ndarray, optional
        Demand paths to use instead of drawing them (paths x days), e.g. actual demand in a replay.
    start : {"today", "steady"}
        ``today``: from the item's stock on hand and open orders (the risk from today's position).
        ``steady``: the policy's long run, whatever today's stock: each path starts from a stock the policy
        itself would hold (for (s, Q) and (s, S) the reorder point plus a uniform share of an order, for
        (R, S) the order-up-to level less the lead time's demand and a uniform share of a review period's),
        without open orders, and cycles count from the first lead time on, when the start no longer shows.
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
    warmup = 0
    if start == "steady":
        arrivals = np.zeros(days + 1)
        on_hand = steady_stock(plan, item, policy, rng.random(n))
        warmup = int(math.ceil(lead_mean))
    else:
        arrivals, _ = _open_order_arrivals(item, plan.start, days)
        on_hand = np.full(n, float(item.on_hand))
    initial = on_hand.copy()
    pipeline = np.zeros((n, days + max_lead + 2))
    pipeline[:, : days + 1] += arrivals[None, :]
    on_order = np.full(n, float(arrivals.sum()))
    pack = float(item.pack_size) if item.pack_size and item.pack_size > 0 else 1.0
    cap = float(item.max_order) if item.max_order is not None and item.max_order > 0 else -1.0
    (received, served_units, on_hand_hist, short_hist, short_units, orders, rows, placed_day, arrive) = _run_days(
        np.ascontiguousarray(demand, dtype=np.float64),
        np.ascontiguousarray(leads),
        pipeline,
        on_hand,
        on_order,
        np.ascontiguousarray(policy.triggers(days), dtype=np.float64),
        np.ascontiguousarray(policy.order_up_to_levels(days), dtype=np.float64),
        np.ascontiguousarray(policy.decisions(days, item.review_period_days), dtype=np.bool_),
        _POLICY_CODE[policy.policy],
        float(policy.order_quantity or 0.0),
        float(item.moq or 0.0),
        pack,
        cap,
        bool(settings.backorders),
    )
    # Cycle service level: the share of replenishment cycles without a stockout day. For (s, Q) and (s, S)
    # a cycle runs from the day after an order is placed to the day before it arrives (the lead time it
    # protects); for (R, S) from an order's arrival to the day before the next order arrives (the order-up-to
    # level must last until then). Cycles that end after the horizon are not counted.
    csl, cycles = float("nan"), 0
    if rows.size:
        if policy.policy == "RS":
            order = np.lexsort((placed_day, rows))
            rows, arrive = rows[order], arrive[order]
            same = rows[1:] == rows[:-1]
            begin, end, who = arrive[:-1][same], arrive[1:][same], rows[:-1][same]
        else:
            # From the day after the order to its arrival; when an earlier order is still in transit (an order
            # smaller than the lead time's demand), from that order's arrival: a stockout before it belongs to the
            # earlier cycle, as in the textbook's reorder point (net stock at each arrival).
            order = np.lexsort((placed_day, rows))
            rows, placed_day, arrive = rows[order], placed_day[order], arrive[order]
            begin = placed_day + 1
            same = np.concatenate([[False], rows[1:] == rows[:-1]])
            previous = np.concatenate([[0], arrive[:-1]])
            begin = np.where(same, np.maximum(begin, previous), begin)
            end, who = arrive, rows
        complete = (end <= days) & (end > begin) & (begin >= warmup)
        if complete.any():
            cum = np.concatenate([np.zeros((n, 1), dtype=np.int64), np.cumsum(short_hist, axis=1)], axis=1)
            r, a, b = who[complete], begin[complete], end[complete]
            stockouts = cum[r, b] - cum[r, a]
            cycles = int(complete.sum())
            csl = float((stockouts == 0).mean())
    total_demand = float(demand.sum())
    # Fill rate: the share of demand served from stock on the day it arises (backordered units are not).
    fill = float(1 - short_units.sum() / total_demand) if total_demand > 0 else 1.0
    stockout_days = short_hist.sum(axis=1)
    # Stock balance of every path: start + received - shipped = end (a check the tests rely on).
    balance_error = float(np.abs(initial + received - served_units - on_hand).max())
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
