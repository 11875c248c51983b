"""The dated reorder schedule: the policy run day by day against the mean forecast.

Same timing convention as the policy and the simulation: receipts, then demand, then review and order.
Each order carries its "why": demand over the protection interval + safety stock - on hand - on order =
the raw need; the policy's rule (Q for (s, Q), up to S otherwise); then MOQ, pack and cap rounding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from inventory.demand import DemandPlan
from inventory.policy import ItemParams, PolicyResult, PolicySettings, round_order

__all__ = ["Schedule", "project_schedule"]


@dataclass(frozen=True)
class Schedule:
    """Projected days and planned orders.

    Attributes
    ----------
    days : pd.DataFrame
        ``date, demand, receipts, on_hand, on_order, inventory_position, short, order_qty``.
    orders : pd.DataFrame
        ``order_date, arrival_date, order_qty, projected_on_hand, on_hand, on_order, protection_demand,
        safety_stock, raw_need, rule_qty, after_moq, after_pack, capped``.
    """

    days: pd.DataFrame
    orders: pd.DataFrame

    @property
    def next_order_date(self) -> pd.Timestamp | None:
        return None if self.orders.empty else pd.Timestamp(self.orders["order_date"].iloc[0])


def _open_order_arrivals(item: ItemParams, start: pd.Timestamp, days: int) -> tuple[np.ndarray, float]:
    """Arrivals per day from orders already placed; orders due before the start count as arrived today."""
    arrivals = np.zeros(days + 1)
    for arrival, qty in item.open_orders:
        offset = max(0, (pd.Timestamp(arrival) - start).days)
        if offset < days:
            arrivals[offset] += qty
        else:
            arrivals[days] += qty
    return arrivals, float(arrivals.sum())


def project_schedule(plan: DemandPlan, item: ItemParams, policy: PolicyResult, settings: PolicySettings) -> Schedule:
    """Run the policy on the mean forecast over the horizon and list the orders it places."""
    horizon = plan.horizon_days
    start = plan.start
    lead = max(1, int(round(item.lead_time_days)))
    arrivals, _ = _open_order_arrivals(item, start, horizon)
    pipeline = np.zeros(horizon + lead + 2)
    pipeline[: horizon + 1] += arrivals
    on_hand = float(item.on_hand)
    backlog = 0.0
    rows = []
    orders = []
    triggers = policy.triggers(horizon)
    safety = policy.safety_stocks(horizon)
    up_to = policy.order_up_to_levels(horizon)
    decisions = policy.decisions(horizon, item.review_period_days)
    for t in range(horizon):
        receipts = float(pipeline[t])
        on_hand += receipts
        if settings.backorders and backlog > 0:
            served_backlog = min(on_hand, backlog)
            on_hand -= served_backlog
            backlog -= served_backlog
        demand = float(plan.daily_mean[t])
        served = min(on_hand, demand)
        short = demand - served
        on_hand -= served
        if settings.backorders:
            backlog += short
        on_order = float(pipeline[t + 1 :].sum())
        position = on_hand + on_order - backlog
        qty = 0.0
        want = 0.0
        if not decisions[t]:
            pass
        elif policy.policy == "RS":
            want = max(0.0, float(up_to[t]) - position)
        elif position <= triggers[t]:
            if policy.policy == "sQ":
                # (s, nQ): enough multiples of Q to bring the position back above s.
                want = policy.order_quantity * max(
                    1, math.ceil((triggers[t] - position + 1e-9) / policy.order_quantity)
                )
            else:
                want = max(0.0, float(up_to[t]) - position)
        if want > 0:
            qty = float(round_order(want, item.moq, item.pack_size, item.max_order))
        if qty > 0:
            arrival = t + lead
            pipeline[arrival] += qty
            # The need is the day's own trigger less the position, split into what the trigger is made of: the
            # demand it protects against (forecast over the days the order covers, the last week's level
            # continuing past the forecast's end, plus bias and undershoot) and the safety stock. An order is
            # placed only when the position is at or below the trigger, so the need is never negative.
            protection = float(triggers[t] - safety[t])
            raw_need = float(triggers[t]) - position
            after_moq = max(want, item.moq) if want > 0 else 0.0
            pack = item.pack_size or 1.0
            after_pack = math.ceil(after_moq / pack - 1e-9) * pack
            orders.append(
                {
                    "order_date": start + pd.Timedelta(days=t),
                    "arrival_date": start + pd.Timedelta(days=arrival),
                    "order_qty": qty,
                    "projected_on_hand": on_hand,
                    "on_hand": on_hand,
                    "on_order": on_order,
                    "backorders": backlog,
                    "protection_demand": protection,
                    "safety_stock": float(safety[t]),
                    "trigger": float(triggers[t]),
                    "raw_need": raw_need,
                    "rule_qty": want,
                    "after_moq": after_moq,
                    "after_pack": after_pack,
                    "capped": qty < after_pack,
                }
            )
        rows.append(
            {
                "date": start + pd.Timedelta(days=t),
                "demand": demand,
                "receipts": receipts,
                "on_hand": on_hand,
                "on_order": on_order + qty,
                "inventory_position": position + qty,
                "short": short,
                "order_qty": qty,
                "trigger": float(triggers[t]),
            }
        )
    order_cols = [
        "order_date",
        "arrival_date",
        "order_qty",
        "projected_on_hand",
        "on_hand",
        "on_order",
        "backorders",
        "protection_demand",
        "safety_stock",
        "trigger",
        "raw_need",
        "rule_qty",
        "after_moq",
        "after_pack",
        "capped",
    ]
    return Schedule(pd.DataFrame(rows), pd.DataFrame(orders, columns=order_cols))
