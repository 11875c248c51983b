"""Policy replay on history: what the policy would have achieved with the forecasts it would have had.

At each backtest cutoff the policy is computed from the forecast the model made at that cutoff (and the
errors it could have known: earlier folds only, so with the backtest method the first fold only calibrates
the ones after it), then run against the demand that actually followed. The fold starts just replenished (stock at the order-up-to
level, or reorder point + Q); each order's lead time is drawn from the item's (mean and sd, seeded), as the policy
assumes. The realised fill rate and cycle service level are
compared with the target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from inventory.demand import (
    PERIOD_DAYS,
    DemandPlan,
    InventoryInputError,
    _spread_daily,
    _window_errors,
    calibration_errors,
)
from inventory.messages import Message
from inventory.policy import ItemParams, PolicySettings, compute_policy
from inventory.simulation import simulate
from salesdata.messages import message_of

__all__ = ["ReplayResult", "replay_policy"]


@dataclass(frozen=True)
class ReplayResult:
    """Realised service per fold and pooled."""

    folds: pd.DataFrame
    fill_rate: float
    cycle_service_level: float
    cycles: int
    demand: float
    short: float
    target_type: str
    target: float
    notes: tuple[str, ...] = ()


def replay_policy(
    backtest: pd.DataFrame,
    model: str,
    freq: str,
    item: ItemParams,
    settings: PolicySettings,
    history: pd.DataFrame | None = None,
    seed: int = 0,
    calibration: pd.DataFrame | None = None,
    pool: Callable[[pd.Timestamp], tuple[np.ndarray | None, int]] | None = None,
) -> ReplayResult:
    """Replay the policy over the backtest folds of ``model``.

    With ``calibration`` (the chosen forecast from many rolling origins, ``forecasting.calibration``), each fold
    uses the origins of the year before its cutoff and the demand known by then; ``pool(cutoff)`` gives similar
    SKUs' errors known by the cutoff, scaled to this SKU.

    Raises
    ------
    InventoryInputError
        No backtest for the model.
    """
    if backtest is None or backtest.empty or model not in backtest:
        raise InventoryInputError(Message("inv.no_backtest", model=model))
    rows, notes = [], []
    cutoffs = sorted(backtest["cutoff"].unique())
    replayed = replace(item, open_orders=())  # the lead time varies as the item says; no orders are open
    for k, cutoff in enumerate(cutoffs):
        if k == 0 and settings.uncertainty == "backtest" and len(cutoffs) > 1 and calibration is None:
            # The backtest method needs errors known before the cutoff: the first fold only calibrates the next.
            notes.append(Message("inv.note.calibrates", date=f"{pd.Timestamp(cutoff):%Y-%m-%d}"))
            continue
        fold = backtest[backtest["cutoff"] == cutoff].sort_values("ds")
        start, daily_fc = _spread_daily(fold["ds"], fold[model].to_numpy(dtype="float64"), freq)
        actual_period = fold["y"].to_numpy(dtype="float64")
        # Censored periods: the actual demand is unknown, the forecast stands in (and is reported).
        censored = ~np.isfinite(actual_period)
        actual_period = np.where(censored, fold[model].to_numpy(dtype="float64"), actual_period)
        _, actual = _spread_daily(fold["ds"], actual_period, freq)
        earlier = backtest[backtest["cutoff"] < cutoff]
        hist_mean = hist_sd = 0.0
        if history is not None and not history.empty:
            past = history[pd.to_datetime(history["ds"]) <= pd.Timestamp(cutoff)].sort_values("ds")
            y = past["y"].to_numpy(dtype="float64")
            if "in_stock" in past:
                y = np.where(past["in_stock"].to_numpy() == 0, np.nan, y)
            per_day = y[-int(round(365 / PERIOD_DAYS[freq])) :] / PERIOD_DAYS[freq]
            per_day = per_day[np.isfinite(per_day)]
            if per_day.size >= 2:
                hist_mean = float(per_day.mean())
                hist_sd = float(per_day.std(ddof=1) * np.sqrt(PERIOD_DAYS[freq]))
        # The origins of the year before the cutoff, with only the demand known by then.
        origin_errors = calibration_errors(calibration, known_by=pd.Timestamp(cutoff))
        pooled, pooled_skus = pool(pd.Timestamp(cutoff)) if pool is not None else (None, 0)
        plan = DemandPlan(
            start=pd.Timestamp(start),
            daily_mean=np.clip(daily_fc, 0, None),
            freq=freq,
            window_errors=_window_errors(earlier, model) if not earlier.empty else {},
            history_daily_mean=hist_mean,
            history_daily_sd=hist_sd,
            model=model,
            origin_errors=origin_errors,
            pooled_errors=pooled,
            pooled_skus=pooled_skus,
        )
        try:
            policy = compute_policy(plan, replayed, settings)
        except InventoryInputError as exc:
            notes.append(
                Message(
                    "inv.note.fold_skipped", date=f"{pd.Timestamp(cutoff):%Y-%m-%d}", detail=message_of(exc) or str(exc)
                )
            )
            continue
        start_stock = policy.order_up_to if policy.order_up_to is not None else policy.trigger + policy.order_quantity
        state = replace(replayed, on_hand=max(0.0, float(start_stock)))
        sim = simulate(plan, state, policy, settings, np.random.default_rng(seed + k), demand=actual[None, :])
        demand_total = float(actual.sum())
        rows.append(
            {
                "cutoff": pd.Timestamp(cutoff),
                "days": len(actual),
                "demand": demand_total,
                "short": (1 - sim.fill_rate) * demand_total,
                "fill_rate": sim.fill_rate,
                "cycles": sim.cycles,
                "cycles_ok": int(round(sim.cycle_service_level * sim.cycles)) if sim.cycles else 0,
                "cycle_service_level": sim.cycle_service_level,
                "stockout_days": int(sim.stockout_days[0]),
                "censored_periods": int(censored.sum()),
                "uncertainty": policy.uncertainty_used,
                "safety_stock": policy.safety_stock,
                "errors": policy.errors_own + policy.errors_pooled,
            }
        )
    folds = pd.DataFrame(rows)
    if folds.empty:
        return ReplayResult(
            folds, float("nan"), float("nan"), 0, 0.0, 0.0, settings.service_type, settings.service_level, tuple(notes)
        )
    demand = float(folds["demand"].sum())
    short = float(folds["short"].sum())
    cycles = int(folds["cycles"].sum())
    csl = float(folds["cycles_ok"].sum() / cycles) if cycles else float("nan")
    return ReplayResult(
        folds,
        1 - short / demand if demand > 0 else float("nan"),
        csl,
        cycles,
        demand,
        short,
        settings.service_type,
        settings.service_level,
        tuple(notes),
    )
