"""Cost-service frontier: the policy priced at a sweep of service levels, on common random numbers.

Every level is simulated on the same demand and lead-time draws, so the curves differ only by the policy.
The cost-optimal cycle service level comes from the critical ratio of stockout to holding cost:

- (s, Q) and (s, S), backorders: F(s) = 1 - h Q / (p lambda); lost sales: 1 - h Q / (h Q + p lambda)
  (Hadley & Whitin 1963; S&S section 5.4);
- (R, S): the newsvendor ratio per review cycle, p / (p + h R / 365) (S&S section 4.3).

with h the holding cost (currency per unit per year), p the stockout cost (currency per unit), lambda the
annual demand (units per year), Q the order quantity (units) and R the review period (days).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from inventory.demand import DemandPlan
from inventory.policy import ItemParams, PolicyResult, PolicySettings, compute_policy
from inventory.simulation import demand_paths, simulate

__all__ = ["DEFAULT_LEVELS", "cost_optimal_service_level", "service_frontier"]

DEFAULT_LEVELS = (0.80, 0.85, 0.90, 0.925, 0.95, 0.965, 0.975, 0.985, 0.99, 0.995, 0.999)


def cost_optimal_service_level(item: ItemParams, policy: PolicyResult, backorders: bool) -> float:
    """Cycle service level that balances holding and stockout cost (the critical ratio).

    Examples
    --------
    h = 0.25 x 10 = 2.5 a unit-year, p = 5, lambda = 3,650, Q = 300, backorders:
    1 - 2.5 x 300 / (5 x 3,650) = 0.9589.

    >>> from inventory.policy import PolicyResult
    >>> item = ItemParams(unit_cost=10, holding_rate=0.25, stockout_cost=5)
    >>> p = PolicyResult("sQ", 0, 10, 0, 0, 0, 0, 0, 0, 0, "history", "normal", 0, 0, 0, 300, None, 300, 3650,
    ...                  "csl", 0.95, 0.95, 0.99)
    >>> round(cost_optimal_service_level(item, p, backorders=True), 4)
    0.9589
    """
    h, p = item.holding_cost_per_unit_year, item.stockout_cost
    if p <= 0 or h <= 0:
        return float("nan")
    if policy.policy == "RS":
        ratio = p / (p + h * item.review_period_days / 365.0)
    else:
        annual = max(policy.annual_demand, 1e-9)
        hq = h * policy.order_quantity
        ratio = 1 - hq / (p * annual) if backorders else 1 - hq / (hq + p * annual)
    return float(np.clip(ratio, 0.5, 0.9999))


def service_frontier(
    plan: DemandPlan,
    item: ItemParams,
    settings: PolicySettings,
    *,
    levels=DEFAULT_LEVELS,
    paths: int = 400,
    seed: int = 0,
    demand_model: str = "bootstrap",
) -> pd.DataFrame:
    """Expected cost, fill rate, cycle service and inventory value of the policy at each service level."""
    base = compute_policy(plan, item, settings)
    demand, used = demand_paths(plan, base, paths, np.random.default_rng(seed), demand_model)  # type: ignore[arg-type]
    rows = []
    for level in levels:
        chosen = replace(settings, service_level=float(level))
        policy = compute_policy(plan, item, chosen)
        sim = simulate(plan, item, policy, chosen, np.random.default_rng(seed + 1), demand=demand)
        rows.append(
            {
                "service_level": float(level),
                "safety_stock": policy.safety_stock,
                "trigger": policy.trigger,
                "implied_csl": policy.implied_csl,
                "implied_fill_rate": policy.implied_fill_rate,
                "fill_rate": sim.fill_rate,
                "cycle_service_level": sim.cycle_service_level,
                "stockout_probability": sim.stockout_probability,
                "avg_on_hand": sim.avg_on_hand,
                "inventory_value": sim.avg_on_hand * item.unit_cost,
                "holding_cost": sim.holding_cost,
                "ordering_cost": sim.ordering_cost,
                "stockout_cost": sim.stockout_cost,
                "total_cost": sim.total_cost,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["demand_model"] = used
    return out
