"""Inventory: demand over the protection interval, safety stock, policies, schedule, simulation, frontier."""

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
