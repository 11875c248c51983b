"""Inventory: demand over the protection interval, safety stock, policies, schedule, simulation, frontier.

The names below load their module on first use (PEP 562), so ``import inventory.messages`` (the app's message
catalogue, read at start) does not pull in scipy and numba.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {
    "PERIOD_DAYS": "inventory.demand",
    "DemandPlan": "inventory.demand",
    "InventoryInputError": "inventory.demand",
    "demand_plan": "inventory.demand",
    "csl_from_k": "inventory.formulas",
    "eoq": "inventory.formulas",
    "fill_rate_from_k": "inventory.formulas",
    "lead_time_demand_sd": "inventory.formulas",
    "newsvendor_order_up_to": "inventory.formulas",
    "normal_loss": "inventory.formulas",
    "rq_eoq_ss": "inventory.formulas",
    "safety_factor_for_csl": "inventory.formulas",
    "safety_factor_for_fill_rate": "inventory.formulas",
    "undershoot_moments": "inventory.formulas",
    "ItemParams": "inventory.policy",
    "PolicyResult": "inventory.policy",
    "PolicySettings": "inventory.policy",
    "compute_policy": "inventory.policy",
    "round_order": "inventory.policy",
    "Schedule": "inventory.schedule",
    "project_schedule": "inventory.schedule",
    "SimulationResult": "inventory.simulation",
    "demand_paths": "inventory.simulation",
    "simulate": "inventory.simulation",
}

if TYPE_CHECKING:
    from inventory.demand import PERIOD_DAYS, DemandPlan, InventoryInputError, demand_plan
    from inventory.formulas import (
        csl_from_k,
        eoq,
        fill_rate_from_k,
        lead_time_demand_sd,
        newsvendor_order_up_to,
        normal_loss,
        rq_eoq_ss,
        safety_factor_for_csl,
        safety_factor_for_fill_rate,
        undershoot_moments,
    )
    from inventory.policy import ItemParams, PolicyResult, PolicySettings, compute_policy, round_order
    from inventory.schedule import Schedule, project_schedule
    from inventory.simulation import SimulationResult, demand_paths, simulate


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'inventory' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "PERIOD_DAYS",
    "DemandPlan",
    "InventoryInputError",
    "ItemParams",
    "PolicyResult",
    "PolicySettings",
    "Schedule",
    "SimulationResult",
    "compute_policy",
    "csl_from_k",
    "demand_paths",
    "demand_plan",
    "eoq",
    "fill_rate_from_k",
    "lead_time_demand_sd",
    "newsvendor_order_up_to",
    "normal_loss",
    "project_schedule",
    "round_order",
    "rq_eoq_ss",
    "safety_factor_for_csl",
    "safety_factor_for_fill_rate",
    "simulate",
    "undershoot_moments",
]
