"""Known zeros: days a shop is closed are not days of low demand.

A weekday on which a daily series never sells while it sells on the other days (the UCI shop's Saturdays, a
store's Sundays) is a closure. Fitted as demand, those zeros drag every level and smoothing model down by a
seventh and teach the regression models nothing they could not read from the calendar; scored as demand, they
reward forecasts that happen to be low. So the engine treats them as known:

- they are left out of fitting and scoring, like stock-out periods (``y`` is NaN there);
- every model's forecast, bounds and backtest on those weekdays is exactly zero.

A weekday counts as closed when all of its observed days in the recent window (``weeks``, at least
``min_weeks`` of them observed) are zero while the series sells on the other weekdays, and an all-zero run
that long would be improbable by chance: with ``z`` the share of zero days on the open weekdays and ``n`` the
observed days of the weekday, ``z ** n`` must be below ``chance`` (a slow mover selling on one day in ten is
not "closed on Tuesdays" because it sold on none of the last 26).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["closed_mask", "closed_weekdays"]


def closed_weekdays(
    ds: pd.DatetimeIndex, y: np.ndarray, *, weeks: int = 26, min_weeks: int = 8, chance: float = 1e-3
) -> tuple[int, ...]:
    """Weekdays (0 = Monday) on which the daily series ``y`` is closed, by the rule in the module docstring."""
    if len(ds) < 7 * min_weeks:
        return ()
    recent = slice(max(0, len(ds) - 7 * weeks), len(ds))
    days = np.asarray(ds[recent].day_of_week)
    values = np.asarray(y[recent], dtype="float64")
    observed = np.isfinite(values)
    candidates = []
    for wd in range(7):
        mine = (days == wd) & observed
        if mine.sum() >= min_weeks and not np.any(values[mine] != 0):
            candidates.append(wd)
    open_days = observed & ~np.isin(days, candidates)
    if not candidates or not np.any(values[open_days] > 0):
        return ()
    zero_share = float(np.mean(values[open_days] == 0))
    return tuple(wd for wd in candidates if zero_share ** int(((days == wd) & observed).sum()) < chance)


def closed_mask(ds: pd.DatetimeIndex, closed: tuple[int, ...]) -> np.ndarray:
    """True on the periods of ``ds`` that fall on a closed weekday."""
    if not closed:
        return np.zeros(len(ds), dtype=bool)
    return np.isin(np.asarray(ds.day_of_week), closed)
