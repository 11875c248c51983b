"""Demand over a protection interval, from a forecast and its out-of-sample errors.

Inventory maths runs in days (DESIGN.md): a weekly or monthly forecast is spread evenly over the days of its
period. Three ways to size the uncertainty of demand over P days:

- ``backtest`` (default): the model's own backtest errors, summed over windows of P days' worth of periods
  at every start of every fold (the matching horizon). Their mean is the model's bias over such a window and
  is added to the forecast; their standard deviation is the demand uncertainty.
- ``intervals``: the standard deviation implied by the forecast's prediction interval at a level,
  sigma_t = (hi - lo) / (2 z), summed over the interval as if periods were independent.
- ``history``: the classic sigma_d sqrt(P), with sigma_d the standard deviation of daily demand over the last
  year of observed (in-stock) history.
- ``calibrated``: the errors of the chosen forecast over the first P days after each of many rolling origins (a
  week apart over the last year, ``forecasting.calibration``): the matching horizon, one independent-ish window
  per origin. The policy takes their empirical quantile (split conformal), with lead-time variability mixed in
  by simulation; a SKU with fewer than ``MIN_OWN_ERRORS`` such windows is pooled with similar SKUs (same demand
  class), their errors scaled to this SKU's demand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from forecasting.models.baselines import z_score
from inventory.messages import Message

__all__ = [
    "MIN_OWN_ERRORS",
    "PERIOD_DAYS",
    "DemandPlan",
    "InventoryInputError",
    "Uncertainty",
    "calibration_errors",
    "daily_level",
    "demand_plan",
    "pool_errors",
    "pooled_from",
]

Uncertainty = Literal["calibrated", "backtest", "intervals", "history"]
MIN_OWN_ERRORS = 30  # fewer windows of a SKU's own than this: pooled with similar SKUs
PERIOD_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


class InventoryInputError(ValueError):
    """An inventory input cannot be used; the message names the parameter and the numbers."""


@dataclass(frozen=True)
class DemandPlan:
    """One SKU's daily demand forecast with what is known about its errors.

    Attributes
    ----------
    start : pd.Timestamp
        First forecast day.
    daily_mean : np.ndarray
        Forecast units per day over the horizon.
    freq : str
        Frequency of the underlying forecast (D, W, M).
    window_errors : dict[int, np.ndarray]
        Backtest errors (actual - forecast, units) summed over windows of n periods, keyed by n.
    fold_errors : tuple[np.ndarray, ...]
        Each backtest fold's errors per period, in order (for block bootstrapping).
    period_sd : np.ndarray | None
        Per-period sd implied by the prediction interval (units per period), when available.
    history_daily_mean, history_daily_sd : float
        Mean and sd of observed daily demand over the last year (units per day).
    model : str
    notes : tuple[str, ...]
    origin_errors : np.ndarray | None
        Errors (actual - forecast, units per period) of the chosen forecast from many rolling origins: one row per
        origin, one column per period ahead, NaN where the demand is not known (``calibration_errors``).
    pooled_errors : np.ndarray | None
        The same from similar SKUs, scaled to this SKU's demand (``pool_errors``); used when the SKU has few.
    pooled_skus : int
        How many SKUs ``pooled_errors`` comes from.
    """

    start: pd.Timestamp
    daily_mean: np.ndarray
    freq: str
    window_errors: dict[int, np.ndarray] = field(default_factory=dict)
    period_sd: np.ndarray | None = None
    history_daily_mean: float = 0.0
    history_daily_sd: float = 0.0
    model: str = ""
    notes: tuple[str, ...] = ()
    fold_errors: tuple[np.ndarray, ...] = ()
    origin_errors: np.ndarray | None = None
    pooled_errors: np.ndarray | None = None
    pooled_skus: int = 0

    @property
    def period_days(self) -> float:
        return PERIOD_DAYS[self.freq]

    @property
    def horizon_days(self) -> int:
        return len(self.daily_mean)

    def mean_over(self, days: float, offset: int = 0) -> float:
        """Forecast units over ``days`` days starting ``offset`` days in (fractions of a day pro rata)."""
        whole = int(math.floor(days))
        total = float(self.daily_mean[offset : offset + whole].sum())
        frac = days - whole
        if frac > 0 and offset + whole < len(self.daily_mean):
            total += frac * float(self.daily_mean[offset + whole])
        return total

    def window_means(self, days: float, start: int = 1) -> np.ndarray:
        """For every day t of the horizon, forecast units over ``days`` days from day t + ``start``.

        Beyond the horizon the forecast's last week continues at its mean level (never a sum cut short by the
        end of the forecast).
        """
        n = self.horizon_days
        whole = int(math.floor(days))
        frac = days - whole
        tail = float(np.mean(self.daily_mean[-7:])) if n else 0.0
        pad = np.full(whole + start + 2, tail)
        series = np.concatenate([np.asarray(self.daily_mean, dtype="float64"), pad])
        cs = np.concatenate([[0.0], np.cumsum(series)])
        t = np.arange(n)
        out = cs[t + start + whole] - cs[t + start]
        if frac > 0:
            out = out + frac * series[t + start + whole]
        return out

    def daily_rate(self, days: float, offset: int = 0) -> float:
        """Mean units per day over the next ``days`` days."""
        return self.mean_over(days, offset) / days if days > 0 else float(self.daily_mean[offset])

    def error_stats(self, days: float, method: Uncertainty, level: int = 80) -> tuple[float, float, str]:
        """Bias (units, added to the mean) and sd (units) of demand over ``days`` days, and the method used.

        Falls back from ``backtest`` to ``intervals`` to ``history`` when the data for a method are missing,
        and says so in the returned method name.
        """
        if days <= 0:
            return 0.0, 0.0, method
        if method == "calibrated":
            errs, _, _ = self.calibration_windows(days)
            if errs is not None:
                return float(errs.mean()), float(errs.std(ddof=1)), "calibrated"
            method = "backtest"
        if method == "backtest":
            got = self._backtest_stats(days)
            if got is not None:
                return got[0], got[1], "backtest"
            method = "intervals"
        if method == "intervals":
            sd = self._interval_sd(days)
            if sd is not None:
                return 0.0, sd, "intervals"
        return 0.0, self.history_daily_sd * math.sqrt(days), "history"

    def calibration_paths(self, days: float) -> tuple[np.ndarray | None, int, int]:
        """The rolling-origin error rows (units per period ahead) known over the first ``days`` days, and how many
        are the SKU's own and how many pooled: its own alone when it has ``MIN_OWN_ERRORS`` of them, otherwise
        with the pooled ones; None when there are fewer than 10 in all."""
        periods = days / self.period_days
        need = max(1, int(math.ceil(periods - 1e-9)))

        def known(rows: np.ndarray | None) -> np.ndarray:
            if rows is None or len(rows) == 0 or rows.shape[1] < need:
                return np.empty((0, need))
            return rows[np.isfinite(rows[:, :need]).all(axis=1)]

        own = known(self.origin_errors)
        if len(own) >= MIN_OWN_ERRORS:
            return own, len(own), 0
        pooled = known(self.pooled_errors)
        if len(own) + len(pooled) < 10:
            return None, len(own), len(pooled)
        parts = [p for p in (own, pooled) if len(p)]
        width = min(p.shape[1] for p in parts)
        return np.vstack([p[:, :width] for p in parts]), len(own), len(pooled)

    def calibration_windows(self, days: float) -> tuple[np.ndarray | None, int, int]:
        """Errors of demand over the first ``days`` days after each rolling origin (units), with the counts of
        :meth:`calibration_paths`."""
        paths, n_own, n_pooled = self.calibration_paths(days)
        return (None if paths is None else _window_sums(paths, days / self.period_days)), n_own, n_pooled

    def _backtest_stats(self, days: float) -> tuple[float, float] | None:
        n = days / self.period_days
        lo, hi = int(math.floor(n)), int(math.ceil(n))

        def stats(k: int) -> tuple[float, float] | None:
            if k == 0:
                return 0.0, 0.0
            errs = self.window_errors.get(k)
            if errs is None or errs.size < 3:
                return None
            return float(errs.mean()), float(errs.std(ddof=1))

        a, b = stats(lo), stats(hi)
        if a is None or b is None:
            return None
        if hi == lo:
            return a
        w = n - lo
        # Interpolate the variance (not the sd) between whole numbers of periods.
        return (1 - w) * a[0] + w * b[0], math.sqrt((1 - w) * a[1] ** 2 + w * b[1] ** 2)

    def _interval_sd(self, days: float) -> float | None:
        if self.period_sd is None or not np.isfinite(self.period_sd).any():
            return None
        n = days / self.period_days
        whole = int(math.floor(n))
        sd = np.nan_to_num(self.period_sd, nan=float(np.nanmean(self.period_sd)))
        var = float((sd[:whole] ** 2).sum())
        if n > whole and whole < len(sd):
            var += (n - whole) * float(sd[whole] ** 2)
        return math.sqrt(var)

    def error_samples(self, days: float) -> np.ndarray | None:
        """Backtest window errors for ``days`` days (nearest whole number of periods), for empirical quantiles."""
        k = max(1, int(round(days / self.period_days)))
        errs = self.window_errors.get(k)
        if errs is None or errs.size < 5:
            return None
        return errs * (days / (k * self.period_days))


def _window_sums(errors: np.ndarray | None, periods: float) -> np.ndarray | None:
    """Sum of each row's first ``periods`` periods (a fraction of the next one pro rata); rows with an unknown
    period in the window are left out."""
    if errors is None or len(errors) == 0 or periods <= 0:
        return None
    whole = int(math.floor(periods + 1e-9))
    frac = periods - whole
    need = whole + (1 if frac > 1e-9 else 0)
    if need > errors.shape[1]:
        return None
    part = errors[:, :need]
    ok = np.isfinite(part).all(axis=1)
    sums = part[:, :whole].sum(axis=1)
    if frac > 1e-9:
        sums = sums + frac * part[:, whole]
    return sums[ok]


def calibration_errors(
    frame: pd.DataFrame | None, known_by: pd.Timestamp | None = None, days: int = 365
) -> np.ndarray | None:
    """Rolling-origin forecasts (``cutoff, ds, y, forecast``, as ``forecasting.calibration`` makes them) as an
    error matrix: one row per origin, oldest first, one column per period ahead.

    With ``known_by``, only what was known on that date: origins of the ``days`` before it, their demand after
    it unknown (NaN).
    """
    if frame is None or frame.empty:
        return None
    f = frame
    if known_by is not None:
        known_by = pd.Timestamp(known_by)
        f = f[(f["cutoff"] < known_by) & (f["cutoff"] >= known_by - pd.Timedelta(days=days))]
        if f.empty:
            return None
        f = f.assign(y=f["y"].where(f["ds"] <= known_by))
    f = f.sort_values(["cutoff", "ds"])
    e = f["y"].to_numpy(dtype="float64") - f["forecast"].to_numpy(dtype="float64")
    sizes = f.groupby("cutoff", sort=True).size().to_numpy()
    if len(set(sizes)) != 1:
        width = int(sizes.max())
        rows = np.split(e, np.cumsum(sizes)[:-1])
        return np.array([np.pad(r, (0, width - len(r)), constant_values=np.nan) for r in rows])
    return e.reshape(len(sizes), int(sizes[0]))


def daily_level(frame: pd.DataFrame | None, freq: str) -> float:
    """Mean demand per day over a calibration frame's known periods up to its last origin's first period (the
    scale its errors are pooled by). The periods beyond are left out so that the level does not depend on how far
    each origin forecasts: calibrations of 56 and 91 days from the same origins give the same level."""
    if frame is None or frame.empty:
        return float("nan")
    last_origin_first = frame.loc[frame["cutoff"] == frame["cutoff"].max(), "ds"].min()
    first = frame[frame["ds"] <= last_origin_first].drop_duplicates("ds")
    y = first["y"].to_numpy(dtype="float64")
    y = y[np.isfinite(y)]
    return float(y.mean() / PERIOD_DAYS[freq]) if y.size else float("nan")


def pool_errors(
    errors: Mapping[str, np.ndarray | None], scales: Mapping[str, float], target_scale: float
) -> np.ndarray | None:
    """Other SKUs' rolling-origin errors scaled to a SKU's demand: each SKU's errors divided by its own mean
    daily demand and multiplied by the target's (errors grow with the level of demand; the shape of their
    distribution is what similar SKUs share)."""
    rows = [
        e * (target_scale / scales[uid])
        for uid, e in errors.items()
        if e is not None and len(e) and scales.get(uid, 0) > 0 and np.isfinite(scales[uid])
    ]
    return np.vstack(rows) if rows else None


def pooled_from(
    donors: dict[str, pd.DataFrame], own: pd.DataFrame | None, freq: str, known_by: pd.Timestamp | None = None
) -> tuple[np.ndarray | None, int]:
    """Similar SKUs' calibration frames as pooled errors scaled to a SKU (``pool_errors``), with only what was
    known by ``known_by``; the SKU's own level comes from its own frame. Returns (errors, SKUs pooled)."""

    def known(f: pd.DataFrame | None) -> pd.DataFrame | None:
        if f is None or known_by is None or f.empty:
            return f
        return f[f["ds"] <= pd.Timestamp(known_by)]

    target = daily_level(known(own), freq)
    if not np.isfinite(target) or target <= 0:
        return None, 0
    errors = {d: calibration_errors(f, known_by=known_by) for d, f in donors.items()}
    scales = {d: daily_level(known(f), freq) for d, f in donors.items()}
    pooled = pool_errors(errors, scales, target)
    return pooled, (sum(1 for d in errors if errors[d] is not None and scales[d] > 0) if pooled is not None else 0)


def _spread_daily(ds: pd.Series, values: np.ndarray, freq: str) -> tuple[pd.Timestamp, np.ndarray]:
    """Period forecasts to days: each period's units divided evenly over its days."""
    ds = pd.to_datetime(ds).reset_index(drop=True)
    if freq == "D":
        return ds.iloc[0], np.asarray(values, dtype="float64")
    out = []
    for i, start in enumerate(ds):
        end = start + (pd.Timedelta(days=7) if freq == "W" else pd.offsets.MonthBegin(1))
        n = (end - start).days
        out.append(np.full(n, values[i] / n))
    return ds.iloc[0], np.concatenate(out)


def _fold_arrays(backtest: pd.DataFrame | None, model: str) -> list[np.ndarray]:
    """Each fold's errors (actual - forecast) in period order, folds in cutoff order."""
    if backtest is None or backtest.empty or model not in backtest:
        return []
    cutoff = backtest["cutoff"].to_numpy()
    order = np.lexsort((backtest["ds"].to_numpy(), cutoff))
    e = (backtest["y"].to_numpy(dtype="float64") - backtest[model].to_numpy(dtype="float64"))[order]
    starts = np.flatnonzero(np.r_[True, cutoff[order][1:] != cutoff[order][:-1]])
    return np.split(e, starts[1:])


def _window_errors(backtest: pd.DataFrame, model: str) -> dict[int, np.ndarray]:
    """Sums of (actual - forecast) over every window of n consecutive periods within each fold."""
    parts: dict[int, list[np.ndarray]] = {}
    for e in _fold_arrays(backtest, model):
        missing = ~np.isfinite(e)
        sums = np.concatenate([[0.0], np.cumsum(np.where(missing, 0.0, e))])
        gaps = np.concatenate([[0], np.cumsum(missing)])
        for n in range(1, len(e) + 1):
            window = sums[n:] - sums[:-n]
            # Windows that hold a censored period are left out.
            parts.setdefault(n, []).append(window[(gaps[n:] - gaps[:-n]) == 0])
    return {n: np.concatenate(v) for n, v in parts.items()}


def _fold_errors(backtest: pd.DataFrame, model: str) -> tuple[np.ndarray, ...]:
    """Each fold's errors (actual - forecast) in period order, for block bootstrapping."""
    return tuple(_fold_arrays(backtest, model))


def demand_plan(
    forecast: pd.DataFrame,
    model: str,
    freq: str,
    *,
    backtest: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    interval_level: int | None = None,
    calibration: pd.DataFrame | None = None,
    pooled: tuple[np.ndarray | None, int] = (None, 0),
) -> DemandPlan:
    """Build a :class:`DemandPlan` from wide forecast frames (``ds, <model>, <model>-lo-L, <model>-hi-L``).

    Parameters
    ----------
    forecast : pd.DataFrame
        The SKU's final forecast, wide by model.
    model : str
        The model whose forecast drives the plan.
    freq : {"D", "W", "M"}
    backtest : pd.DataFrame, optional
        The SKU's backtest, wide by model, with ``cutoff, ds, y``.
    history : pd.DataFrame, optional
        The SKU's panel rows (``ds, y`` [, ``in_stock``]) for the history method.
    interval_level : int, optional
        Interval level used for the ``intervals`` method (default: the lowest level present).
    calibration : pd.DataFrame, optional
        The chosen forecast from many rolling origins (``cutoff, ds, y, forecast``), for ``calibrated``.
    pooled : (np.ndarray, int), optional
        Similar SKUs' rolling-origin errors scaled to this SKU (``pool_errors``) and how many SKUs they come from.

    Raises
    ------
    InventoryInputError
        The model has no forecast in the frame.
    """
    if model not in forecast:
        raise InventoryInputError(Message("inv.no_forecast", model=model))
    frame = forecast.sort_values("ds")
    start, daily = _spread_daily(frame["ds"], frame[model].to_numpy(dtype="float64"), freq)
    notes: list[str] = []
    levels = sorted(int(c.rsplit("-", 1)[1]) for c in frame.columns if c.startswith(f"{model}-lo-"))
    period_sd = None
    if levels:
        level = interval_level if interval_level in levels else levels[0]
        z = z_score(level)
        period_sd = (frame[f"{model}-hi-{level}"] - frame[f"{model}-lo-{level}"]).to_numpy(dtype="float64") / (2 * z)
    hist_mean = hist_sd = 0.0
    if history is not None and not history.empty:
        h = history.sort_values("ds")
        y = h["y"].to_numpy(dtype="float64").copy()
        if "in_stock" in h:
            y[h["in_stock"].to_numpy() == 0] = np.nan
        per_day = y / PERIOD_DAYS[freq]
        recent = per_day[-int(round(365 / PERIOD_DAYS[freq])) :]
        recent = recent[np.isfinite(recent)]
        if recent.size >= 2:
            hist_mean = float(recent.mean())
            # A weekly or monthly total's sd, spread over its days, scaled to one day: sd / sqrt(days).
            hist_sd = float(recent.std(ddof=1) * math.sqrt(PERIOD_DAYS[freq]))
    return DemandPlan(
        start=pd.Timestamp(start),
        daily_mean=np.clip(daily, 0, None),
        freq=freq,
        window_errors=_window_errors(backtest, model) if backtest is not None else {},
        fold_errors=_fold_errors(backtest, model) if backtest is not None else (),
        period_sd=period_sd,
        history_daily_mean=hist_mean,
        history_daily_sd=hist_sd,
        model=model,
        notes=tuple(notes),
        origin_errors=calibration_errors(calibration),
        pooled_errors=pooled[0],
        pooled_skus=int(pooled[1]) if pooled[0] is not None else 0,
    )
