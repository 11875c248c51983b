"""The inventory engine's messages: English templates keyed by stable codes (see ``salesdata.messages``).

Input errors and notes on a policy or a replay. The interface says them in the user's language through
``msg.<code>`` in its catalogues; logs and the command line show the English text.
"""

from __future__ import annotations

from typing import ClassVar

from salesdata.messages import Message as _Message
from salesdata.messages import Template

__all__ = ["MESSAGES", "Message"]

MESSAGES: dict[str, Template] = {
    "inv.no_forecast": "model '{model}' has no forecast for this SKU",
    "inv.service_level": "service level must be between 0 and 1 (exclusive), got {level}",
    "inv.lead_time": "lead time must be at least 1 day, got {lead}",
    "inv.review": "review period must be at least 1 day for (R, S), got {review}",
    "inv.horizon": (
        "the forecast covers {days} days but lead time ({lead:g} days) = {needed:g} days: "
        "forecast further ahead or shorten the lead time"
    ),
    "inv.horizon_review": (
        "the forecast covers {days} days but lead time ({lead:g} days) + review period ({review:g} days) = "
        "{needed:g} days: forecast further ahead or shorten the lead time"
    ),
    "inv.no_backtest": "no backtest for model '{model}': run the forecast with at least one fold",
    "inv.note.uncertainty": "uncertainty: {wanted} not available for this SKU, used {used}",
    "inv.note.empirical": "empirical distribution: too few backtest errors, used the normal",
    "inv.note.q_cover": (
        "no ordering or holding costs given: the EOQ of the default costs ({eoq:.0f} units, {days:.0f} days of "
        "demand) is kept within {lo:g}-{hi:g} days of demand: Q = {q:.0f}; give your costs for an EOQ of your own"
    ),
    "inv.note.floored": "safety stock floored at 0 (the {service} target alone would allow {safety:.1f})",
    "inv.note.inactive": "no orders: {reason}",
    "inv.note.inactive_default": "no orders: the item is inactive",
    "inv.note.order_days": "orders only on the supplier's order days: the reorder level rises before each gap",
    "inv.note.calibrates": "fold ending {date} calibrates the errors for the folds after it",
    "inv.note.fold_skipped": "fold ending {date} skipped: {detail}",
    "life.discontinued": "flagged discontinued in the item master",
    "life.no_sales": "no sales at all",
    "life.idle": "no sales for {idle} days (limit {limit})",
    "life.excess": "stock covers {days} days of recent demand, {excess} units above the {limit}-day limit",
    "joint.policy": "policy",
    "joint.raised_mov": "raised to meet {supplier}'s minimum order value {minimum:,.0f}",
    "joint.cut": "cut to the budget",
    "joint.then_cut": "{reason}; cut to the budget",
    "joint.deferred_budget": "deferred: over the budget",
    "joint.deferred_mov": "deferred: below {supplier}'s minimum after the budget cut",
}


class Message(_Message):
    """An inventory message: English text with its code and parameters."""

    catalogue: ClassVar[dict[str, Template]] = MESSAGES
