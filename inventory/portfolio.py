"""The whole catalogue planned at once: per-SKU policy, schedule and a short simulation, and the portfolio KPIs.

Bulk parameters set the service level and lead time per ABC class or category (for example A 98%, B 95%,
C 90%), on top of a global what-if (lead time + n days). A SKU whose forecast failed, or whose plan cannot be
made, is kept in the table with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from inventory.demand import DemandPlan, InventoryInputError, demand_plan
from inventory.policy import ItemParams, PolicyResult, PolicySettings, compute_policy
from inventory.schedule import project_schedule
from inventory.simulation import SimulationResult, simulate, steady_stock
from salesdata.messages import keep_messages

__all__ = ["BulkRules", "PortfolioPlan", "plan_sku", "portfolio_kpis", "portfolio_table"]


@dataclass(frozen=True)
class BulkRules:
    """Service levels and lead-time changes by ABC class or category; category rules win over class rules.

    Attributes
    ----------
    service_by_class : dict[str, float]
        ``{"A": 0.98, "B": 0.95, "C": 0.90}``; a class not listed keeps the global level.
    service_by_category : dict[str, float]
    lead_time_delta_days : float
        Added to every SKU's lead time (the "lead time + 5 days" what-if).
    lead_time_by_category : dict[str, float]
        Lead time in days for every SKU of a category (before the delta).
    """

    service_by_class: dict[str, float] = field(default_factory=dict)
    service_by_category: dict[str, float] = field(default_factory=dict)
    lead_time_delta_days: float = 0.0
    lead_time_by_category: dict[str, float] = field(default_factory=dict)

    def service_level(self, abc: str | None, category: str | None, default: float) -> float:
        if category is not None and category in self.service_by_category:
            return float(self.service_by_category[category])
        if abc is not None and abc in self.service_by_class:
            return float(self.service_by_class[abc])
        return float(default)

    def lead_time(self, category: str | None, default: float) -> float:
        base = float(self.lead_time_by_category.get(category, default)) if category is not None else float(default)
        return max(1.0, base + float(self.lead_time_delta_days))


@dataclass(frozen=True)
class PortfolioPlan:
    """One SKU's plan line and its orders, with what they were computed from (the item as planned: with the
    stock assumed when it was not known)."""

    row: dict
    orders: pd.DataFrame
    plan: DemandPlan
    item: ItemParams
    policy: PolicyResult
    sim: SimulationResult | None = None
    long_run: SimulationResult | None = None


def plan_sku(
    sku: str,
    forecast: pd.DataFrame,
    model: str,
    freq: str,
    item: ItemParams,
    settings: PolicySettings,
    *,
    backtest: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    paths: int = 200,
    seed: int = 0,
    stockout_window_days: int = 30,
    order_now_days: int = 7,
    calibration: pd.DataFrame | None = None,
    pooled: tuple[np.ndarray | None, int] = (None, 0),
) -> PortfolioPlan:
    """Policy, schedule and a ``paths``-path simulation of one SKU; the line the portfolio table shows.

    ``seed`` seeds every draw (the policy's and the simulation's); ``paths`` 0 skips the simulation (its columns
    are then empty).

    Raises
    ------
    InventoryInputError
        The forecast cannot carry the plan (the message names why).
    """
    plan = demand_plan(
        forecast, model, freq, backtest=backtest, history=history, calibration=calibration, pooled=pooled
    )
    policy = compute_policy(plan, item, settings, rng_seed=seed)
    known = item.on_hand_given
    if not known:
        # Stock unknown: plan from the stock the policy holds on average; no risk is claimed from it.
        item = replace(item, on_hand=float(steady_stock(plan, item, policy, 0.5)))
    schedule = project_schedule(plan, item, policy, settings)
    sim = long_run = None
    if paths > 0:
        sim = simulate(plan, item, policy, settings, np.random.default_rng(seed), paths=paths)
        long_run = simulate(plan, item, policy, settings, np.random.default_rng(seed), paths=paths, start="steady")
    nan = float("nan")
    days = schedule.days
    window = days.head(stockout_window_days)
    out_day: pd.Index | list[int] = window.index[window["on_hand"] <= 1e-9] if "on_hand" in window else []
    rate = plan.daily_rate(28.0)
    position = item.on_hand + sum(q for _, q in item.open_orders)
    orders = schedule.orders
    first = orders.iloc[0] if not orders.empty else None
    row = {
        "unique_id": sku,
        "model": model,
        "service_level": settings.service_level,
        "lead_time_days": item.lead_time_days,
        "safety_stock": policy.safety_stock,
        # Which method set it, and on how many forecast errors (calibrated: own + pooled windows).
        "safety_method": policy.uncertainty_used,
        "safety_errors": policy.errors_own + policy.errors_pooled,
        "reorder_point": policy.trigger,
        "order_qty": policy.order_quantity,
        "on_hand": item.on_hand,
        "on_order": position - item.on_hand,
        "days_of_cover": position / rate if rate > 0 else np.inf,
        "next_order_date": first["order_date"] if first is not None else pd.NaT,
        "next_order_qty": float(first["order_qty"]) if first is not None else 0.0,
        # Due in the current order cycle: the first order falls within ``order_now_days`` of today.
        "order_now": bool(first is not None and first["order_date"] < plan.start + pd.Timedelta(days=order_now_days)),
        "stock_known": known,
        # The risk of a stockout in the next days from today's stock: only when that stock is known.
        "stockout_risk": sim.stockout_probability if known and sim is not None else np.nan,
        "projected_stockout": bool(known and len(out_day) > 0 and float(window["demand"].sum()) > 0),
        # The policy's long run (per replenishment cycle, what the target promises), whatever today's stock.
        "fill_rate": long_run.fill_rate if long_run is not None else nan,
        "cycle_service_level": long_run.cycle_service_level if long_run is not None else nan,
        "avg_on_hand": sim.avg_on_hand if sim is not None else nan,
        "inventory_value": sim.avg_on_hand * item.unit_cost if sim is not None else nan,
        "holding_cost": sim.holding_cost if sim is not None else nan,
        "ordering_cost": sim.ordering_cost if sim is not None else nan,
        "stockout_cost": sim.stockout_cost if sim is not None else nan,
        "total_cost": sim.total_cost if sim is not None else nan,
        "demand_units": float(plan.daily_mean.sum()),
        "orders": len(orders),
        "order_value": float(orders["order_qty"].sum() * item.unit_cost) if not orders.empty else 0.0,
        "unit_cost": item.unit_cost,
        "status": "active" if item.active else "no orders",
        "reason": item.inactive_reason,
    }
    lines = (
        orders[["order_date", "arrival_date", "order_qty", "projected_on_hand"]].assign(
            unique_id=sku, order_value=orders["order_qty"] * item.unit_cost
        )
        if not orders.empty
        else pd.DataFrame(columns=["order_date", "arrival_date", "order_qty", "projected_on_hand", "unique_id"])
    )
    return PortfolioPlan(row, lines, plan, item, policy, sim, long_run)


def failed_row(sku: str, reason: object) -> dict:
    """The line of a SKU that could not be planned."""
    return {"unique_id": sku, "status": "failed", "reason": reason}


def portfolio_table(rows: list[dict], attributes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per SKU, joined to its attributes (category, ABC/XYZ, demand class, metrics)."""
    table = keep_messages(pd.DataFrame(rows), "reason", [r.get("reason") for r in rows])
    if table.empty:
        return table
    if attributes is not None and not attributes.empty:
        table = attributes.merge(table, on="unique_id", how="right")
    return table.sort_values("unique_id").reset_index(drop=True)


def portfolio_kpis(table: pd.DataFrame) -> dict[str, float]:
    """Headline numbers: SKUs, inventory value, demand-weighted long-run fill rate, mean long-run cycle service,
    orders now, projected stockouts and the mean risk from today's stock (over SKUs whose stock is known)."""
    if table.empty or "status" not in table:
        return {"skus": 0, "planned": 0, "failed": 0}
    ok = table[table["status"] != "failed"]
    weights = ok["demand_units"].clip(lower=0) if "demand_units" in ok else pd.Series(1.0, index=ok.index)
    fill = float(np.average(ok["fill_rate"], weights=weights)) if len(ok) and weights.sum() > 0 else float("nan")
    csl = ok["cycle_service_level"].dropna() if "cycle_service_level" in ok else pd.Series(dtype=float)
    known = ok[ok["stock_known"].astype(bool)] if "stock_known" in ok else ok
    return {
        "skus": int(len(table)),
        "planned": int(len(ok)),
        "failed": int((table["status"] == "failed").sum()),
        "no_orders": int((table["status"] == "no orders").sum()),
        "inventory_value": float(ok["inventory_value"].sum()),
        "total_cost": float(ok["total_cost"].sum()),
        "fill_rate": fill,
        "order_now": int(ok["order_now"].sum()),
        "projected_stockouts": int(ok["projected_stockout"].sum()),
        # The long-run service per replenishment cycle (what the targets promise), mean over SKUs.
        "cycle_service_level": float(csl.mean()) if len(csl) else float("nan"),
        # The risk from today's stock, only over SKUs whose stock is known.
        "stock_known": int(len(known)),
        "mean_stockout_risk": float(known["stockout_risk"].mean()) if len(known) else float("nan"),
        "orders": int(ok["orders"].sum()),
        "order_value": float(ok["order_value"].sum()),
        "safety_stock_value": float((ok["safety_stock"] * ok["unit_cost"]).sum()),
    }


def with_rules(item: ItemParams, settings: PolicySettings, rules: BulkRules, abc, category):
    """The item and settings of one SKU after the bulk rules."""
    level = rules.service_level(abc, category, settings.service_level)
    lead = rules.lead_time(category, item.lead_time_days)
    return replace(item, lead_time_days=lead), replace(settings, service_level=level)


__all__ += ["InventoryInputError", "failed_row", "with_rules"]
