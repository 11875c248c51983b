"""Several SKUs planned together: supplier minimum order values and a budget cap per order day.

Each SKU runs its own policy (as in ``inventory.schedule``) on its mean forecast; on each day the orders are
then checked together:

1. Supplier minimum: when a supplier's orders that day are worth less than its minimum order value, whole
   packs are added to its most urgent SKUs (fewest days of cover) until the minimum is met.
2. Budget: when the day's orders are worth more than the budget, they are funded most urgent first (fewest
   days of cover after today, then A before B before C); an order that does not fit is cut to the whole packs
   that fit (at least its MOQ) or deferred to the next order day. A supplier left below its minimum by the
   cut is deferred whole.

Every change is recorded with its reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from inventory.demand import DemandPlan
from inventory.messages import Message
from inventory.policy import ItemParams, PolicyResult, PolicySettings, round_order
from salesdata.messages import keep_messages

__all__ = ["JointSchedule", "SkuPlan", "joint_schedule"]


@dataclass(frozen=True)
class SkuPlan:
    """One SKU's inputs to the joint schedule."""

    sku: str
    plan: DemandPlan
    item: ItemParams
    policy: PolicyResult
    supplier: str = ""
    priority: int = 2  # 0 = A, 1 = B, 2 = C


@dataclass(frozen=True)
class JointSchedule:
    orders: pd.DataFrame
    days: dict[str, pd.DataFrame]
    cuts: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class _State:
    spec: SkuPlan
    pipeline: np.ndarray
    on_hand: float
    backlog: float = 0.0
    rows: list = field(default_factory=list)


def joint_schedule(
    skus: list[SkuPlan],
    settings: PolicySettings,
    *,
    min_order_value: dict[str, float] | None = None,
    budget_per_day: float | None = None,
) -> JointSchedule:
    """Project every SKU day by day, applying supplier minimums and the budget cap."""
    if not skus:
        return JointSchedule(pd.DataFrame(), {}, pd.DataFrame())
    mov = min_order_value or {}
    start = min(s.plan.start for s in skus)
    horizon = max(s.plan.horizon_days + (s.plan.start - start).days for s in skus)
    states = {}
    for s in skus:
        lead = max(1, round(s.item.lead_time_days))
        pipe = np.zeros(horizon + lead + 400)
        for arrival, qty in s.item.open_orders:
            pipe[max(0, (pd.Timestamp(arrival) - start).days)] += qty
        states[s.sku] = _State(s, pipe, float(s.item.on_hand))
    triggers = {s.sku: s.policy.triggers(s.plan.horizon_days) for s in skus}
    up_to = {s.sku: s.policy.order_up_to_levels(s.plan.horizon_days) for s in skus}
    decisions = {s.sku: s.policy.decisions(s.plan.horizon_days, s.item.review_period_days) for s in skus}
    orders, cuts = [], []
    for t in range(horizon):
        date = start + pd.Timedelta(days=t)
        wants: dict[str, dict] = {}
        for sku, st in states.items():
            spec = st.spec
            offset = (spec.plan.start - start).days
            k = t - offset
            if k < 0 or k >= spec.plan.horizon_days:
                continue
            st.on_hand += st.pipeline[t]
            if settings.backorders and st.backlog > 0:
                settle = min(st.on_hand, st.backlog)
                st.on_hand -= settle
                st.backlog -= settle
            demand = float(spec.plan.daily_mean[k])
            served = min(st.on_hand, demand)
            st.on_hand -= served
            if settings.backorders:
                st.backlog += demand - served
            on_order = float(st.pipeline[t + 1 :].sum())
            position = st.on_hand + on_order - st.backlog
            st.rows.append(
                {
                    "date": date,
                    "demand": demand,
                    "on_hand": st.on_hand,
                    "short": demand - served,
                    "inventory_position": position,
                }
            )
            if not decisions[sku][k]:
                continue
            want = 0.0
            if spec.policy.policy == "RS":
                want = max(0.0, up_to[sku][k] - position)
            elif position <= triggers[sku][k]:
                if spec.policy.policy == "sQ":
                    q = spec.policy.order_quantity
                    want = q * max(1, math.ceil((triggers[sku][k] - position + 1e-9) / q))
                else:
                    want = max(0.0, up_to[sku][k] - position)
            qty = float(round_order(want, spec.item.moq, spec.item.pack_size, spec.item.max_order)) if want > 0 else 0.0
            rate = max(spec.plan.daily_rate(14.0, k), 1e-9)
            if qty > 0:
                wants[sku] = {"qty": qty, "reason": Message("joint.policy"), "cover": position / rate, "rate": rate}
        # 1. Supplier minimum order value.
        by_supplier: dict[str, list[str]] = {}
        for sku in wants:
            by_supplier.setdefault(states[sku].spec.supplier, []).append(sku)
        for supplier, members in by_supplier.items():
            minimum = mov.get(supplier, 0.0)
            value = sum(wants[s]["qty"] * states[s].spec.item.unit_cost for s in members)
            if minimum <= 0 or value >= minimum or value <= 0:
                continue
            guard = 0
            while value < minimum and guard < 10_000:
                sku = min(members, key=lambda s: wants[s]["qty"] / wants[s]["rate"] + wants[s]["cover"])
                pack = states[sku].spec.item.pack_size or 1.0
                wants[sku]["qty"] += pack
                wants[sku]["reason"] = Message("joint.raised_mov", supplier=supplier, minimum=minimum)
                value += pack * states[sku].spec.item.unit_cost
                guard += 1
        # 2. Budget cap.
        if budget_per_day is not None and wants:
            total = sum(w["qty"] * states[s].spec.item.unit_cost for s, w in wants.items())
            if total > budget_per_day:
                ranked = sorted(wants, key=lambda s: (wants[s]["cover"], states[s].spec.priority, s))
                left = budget_per_day
                for sku in ranked:
                    item = states[sku].spec.item
                    cost = wants[sku]["qty"] * item.unit_cost
                    if cost <= left:
                        left -= cost
                        continue
                    pack = item.pack_size or 1.0
                    fit = math.floor(left / (item.unit_cost * pack) + 1e-9) * pack if item.unit_cost > 0 else 0.0
                    if fit >= max(item.moq, pack) and fit > 0:
                        cuts.append(
                            {
                                "date": date,
                                "unique_id": sku,
                                "wanted": wants[sku]["qty"],
                                "funded": fit,
                                "reason": Message("joint.cut"),
                            }
                        )
                        wants[sku]["qty"] = fit
                        wants[sku]["reason"] = Message("joint.then_cut", reason=wants[sku]["reason"])
                        left -= fit * item.unit_cost
                    else:
                        cuts.append(
                            {
                                "date": date,
                                "unique_id": sku,
                                "wanted": wants[sku]["qty"],
                                "funded": 0.0,
                                "reason": Message("joint.deferred_budget"),
                            }
                        )
                        wants[sku]["qty"] = 0.0
                for supplier, members in by_supplier.items():
                    minimum = mov.get(supplier, 0.0)
                    funded = [s for s in members if wants.get(s, {}).get("qty", 0) > 0]
                    value = sum(wants[s]["qty"] * states[s].spec.item.unit_cost for s in funded)
                    if minimum > 0 and 0 < value < minimum:
                        for sku in funded:
                            cuts.append(
                                {
                                    "date": date,
                                    "unique_id": sku,
                                    "wanted": wants[sku]["qty"],
                                    "funded": 0.0,
                                    "reason": Message("joint.deferred_mov", supplier=supplier),
                                }
                            )
                            wants[sku]["qty"] = 0.0
        for sku, w in wants.items():
            if w["qty"] <= 0:
                continue
            st = states[sku]
            lead = max(1, round(st.spec.item.lead_time_days))
            st.pipeline[t + lead] += w["qty"]
            st.rows[-1]["inventory_position"] += w["qty"]
            orders.append(
                {
                    "unique_id": sku,
                    "supplier": st.spec.supplier,
                    "order_date": date,
                    "arrival_date": date + pd.Timedelta(days=lead),
                    "order_qty": w["qty"],
                    "order_value": w["qty"] * st.spec.item.unit_cost,
                    "projected_on_hand": st.on_hand,
                    "reason": w["reason"],
                }
            )
    cols = [
        "unique_id",
        "supplier",
        "order_date",
        "arrival_date",
        "order_qty",
        "order_value",
        "projected_on_hand",
        "reason",
    ]
    cut_cols = ["date", "unique_id", "wanted", "funded", "reason"]
    return JointSchedule(
        orders=keep_messages(pd.DataFrame(orders, columns=cols), "reason", [o["reason"] for o in orders]),
        days={sku: pd.DataFrame(st.rows) for sku, st in states.items()},
        cuts=keep_messages(pd.DataFrame(cuts, columns=cut_cols), "reason", [c["reason"] for c in cuts]),
    )
