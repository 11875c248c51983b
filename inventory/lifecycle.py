"""Ending items and excess stock: when the plan should place no orders, and why.

- An item is ending when it is flagged discontinued, or has not sold for ``inactive_after_days`` days.
- An item is in excess when its stock covers more than ``cover_days`` days of recent demand; its excess is
  the stock above that cover, valued at unit cost.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inventory.demand import PERIOD_DAYS
from inventory.messages import Message

__all__ = ["excess_stock", "lifecycle_status", "recent_daily_demand"]


def lifecycle_status(
    last_sale: pd.Timestamp | None,
    data_end: pd.Timestamp | None,
    inactive_after_days: int,
    discontinued: bool = False,
) -> tuple[bool, str]:
    """(active, reason) of an item.

    >>> lifecycle_status(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-09-30"), 90)
    (False, 'no sales for 182 days (limit 90)')
    >>> lifecycle_status(pd.Timestamp("2026-09-20"), pd.Timestamp("2026-09-30"), 90, discontinued=True)
    (False, 'flagged discontinued in the item master')
    """
    if discontinued:
        return False, Message("life.discontinued")
    if last_sale is None or pd.isna(last_sale):
        return False, Message("life.no_sales")
    if data_end is None:
        return True, ""  # no end of the data to measure idleness against
    idle = (pd.Timestamp(data_end) - pd.Timestamp(last_sale)).days
    if inactive_after_days and idle > inactive_after_days:
        return False, Message("life.idle", idle=idle, limit=inactive_after_days)
    return True, ""


def recent_daily_demand(panel: pd.DataFrame, freq: str, days: int = 90) -> pd.Series:
    """Mean units per day of each SKU over its last ``days`` days (out-of-stock periods left out)."""
    periods = max(1, int(round(days / PERIOD_DAYS[freq])))
    frame = panel.sort_values("ds")
    y = frame["y"].where(frame["in_stock"] != 0) if "in_stock" in frame else frame["y"]
    tail = frame.assign(obs=y).groupby("unique_id", sort=True).tail(periods)
    return tail.groupby("unique_id")["obs"].mean() / PERIOD_DAYS[freq]


def excess_stock(daily_demand: pd.Series, items: pd.DataFrame, cover_days: float) -> pd.DataFrame:
    """SKUs whose stock (on hand + on order) covers more than ``cover_days`` days, largest excess value first.

    Parameters
    ----------
    daily_demand : pd.Series
        Units per day by SKU.
    items : pd.DataFrame
        ``unique_id, on_hand`` and optionally ``on_order, unit_cost``.
    cover_days : float
        Days of demand worth holding.

    Examples
    --------
    >>> items = pd.DataFrame({"unique_id": ["a", "b"], "on_hand": [500.0, 50.0], "unit_cost": [2.0, 1.0]})
    >>> excess_stock(pd.Series({"a": 2.0, "b": 5.0}), items, 90).to_dict("records")[0]["excess_value"]
    640.0
    """
    cols = ["unique_id", "stock", "daily_demand", "days_of_cover", "excess_units", "excess_value"]
    if items.empty:
        return pd.DataFrame(columns=cols)
    frame = items.copy()
    frame["stock"] = frame["on_hand"].fillna(0.0) + (frame["on_order"].fillna(0.0) if "on_order" in frame else 0.0)
    frame["daily_demand"] = frame["unique_id"].map(daily_demand).fillna(0.0)
    with np.errstate(divide="ignore"):
        frame["days_of_cover"] = np.where(frame["daily_demand"] > 0, frame["stock"] / frame["daily_demand"], np.inf)
    frame["excess_units"] = (frame["stock"] - cover_days * frame["daily_demand"]).clip(lower=0)
    cost = frame["unit_cost"].fillna(0.0) if "unit_cost" in frame else 0.0
    frame["excess_value"] = frame["excess_units"] * cost
    out = frame[(frame["days_of_cover"] > cover_days) & (frame["excess_units"] > 0)][cols]
    return out.sort_values(["excess_value", "excess_units"], ascending=False).reset_index(drop=True)
