"""Supplier order calendars: the weekdays a supplier takes orders, and its shutdowns.

An order can only be placed on an allowed day. The gap to the next allowed day lengthens the interval an order
has to cover, so the reorder level rises before a long gap (a weekend, Chinese New Year) and the plan orders
ahead of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

__all__ = ["WEEKDAYS", "OrderCalendar", "parse_weekdays", "supplier_calendars"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CN = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def parse_weekdays(text: str) -> frozenset[int]:
    """Weekdays from text such as ``"Mon,Thu"``, ``"mon;wed;fri"``, ``"1,4"`` (Monday = 1) or ``"周一 周四"``.

    >>> sorted(parse_weekdays("Mon, Thu")), sorted(parse_weekdays("1;5")), sorted(parse_weekdays("周二、周五"))
    ([0, 3], [0, 4], [1, 4])
    """
    days: set[int] = set()
    for token in str(text).replace("、", ",").replace(";", ",").replace(" ", ",").split(","):
        tok = token.strip().lower().removeprefix("周").removeprefix("星期")
        if not tok:
            continue
        if tok[:3] in WEEKDAYS:
            days.add(WEEKDAYS.index(tok[:3]))
        elif tok.isdigit() and 1 <= int(tok) <= 7:
            days.add(int(tok) - 1)
        elif tok in _CN:
            days.add(_CN[tok])
        else:
            raise ValueError(f"'{token.strip()}' is not a weekday (use Mon..Sun, 1..7 or 周一..周日)")
    return frozenset(days)


@dataclass(frozen=True)
class OrderCalendar:
    """When a supplier accepts orders.

    Attributes
    ----------
    weekdays : frozenset[int]
        Allowed weekdays, Monday = 0.
    shutdowns : tuple[tuple[date, date], ...]
        Closed periods (inclusive).
    """

    weekdays: frozenset[int] = frozenset(range(7))
    shutdowns: tuple[tuple[date, date], ...] = ()

    @property
    def trivial(self) -> bool:
        return len(self.weekdays) == 7 and not self.shutdowns

    def allowed(self, start: pd.Timestamp, days: int) -> np.ndarray:
        """Whether each of ``days`` days from ``start`` is an order day."""
        dates = pd.date_range(pd.Timestamp(start), periods=days, freq="D")
        ok = np.isin(dates.day_of_week, sorted(self.weekdays))
        for a, b in self.shutdowns:
            ok &= ~((dates >= pd.Timestamp(a)) & (dates <= pd.Timestamp(b)))
        return ok

    def gaps(self, start: pd.Timestamp, days: int, lookahead: int = 400) -> np.ndarray:
        """For each day, the days until the next order day after it (beyond the horizon the calendar goes on)."""
        ok = self.allowed(start, days + lookahead)
        nxt = np.full(len(ok), len(ok) + 30, dtype=np.int64)
        upcoming = len(ok) + 30
        for t in range(len(ok) - 1, -1, -1):
            nxt[t] = upcoming
            if ok[t]:
                upcoming = t
        return (nxt - np.arange(len(ok)))[:days]


def supplier_calendars(frame: pd.DataFrame) -> dict[str, tuple[OrderCalendar, float]]:
    """Per supplier, its order calendar and minimum order value, from ``salesdata.load_suppliers`` rows."""
    out: dict[str, tuple[OrderCalendar, float]] = {}
    for supplier, rows in frame.groupby("supplier", sort=True):
        days_text = next((d for d in rows.get("order_days", pd.Series(dtype=str)) if str(d).strip()), "")
        weekdays = parse_weekdays(days_text) if days_text else frozenset(range(7))
        shutdowns = tuple(
            (pd.Timestamp(a).date(), pd.Timestamp(b).date())
            for a, b in zip(rows.get("shutdown_start", []), rows.get("shutdown_end", []), strict=True)
            if pd.notna(a) and pd.notna(b)
        )
        mov = rows["min_order_value"].max() if "min_order_value" in rows else float("nan")
        out[str(supplier)] = (
            OrderCalendar(weekdays or frozenset(range(7)), shutdowns),
            float(mov) if pd.notna(mov) else 0.0,
        )
    return out
