"""The chosen forecast from many rolling origins: the calibration set of a calibrated safety stock.

A safety stock protects against the error of the demand forecast over the protection interval (the lead time,
plus the review period). Three backtest folds hold a few dozen overlapping windows of that error; the
calibrated method (``inventory.demand``, ``uncertainty="calibrated"``) wants many independent ones. This module
forecasts the SKU's chosen forecast (a single model, or the combination of its members) from an origin every
week (every period for weekly and monthly data) over the last year, each for the forecast horizon, and keeps
what followed. Each member is estimated at the first origin and re-estimated every ``refit_every`` origins; in
between ``Forecaster.update`` moves the fit to the next origin (ETS and ARIMA filter their states through the
new periods, lag models read the new lags), which keeps the run cheap. Nothing at an origin reads data after it.

Members that cannot be moved to another origin are left out of the combination, and the result names them: the
catalogue model (trained per backtest cutoff on every SKU) and the analog of a new item.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, SeriesData, future_drivers
from forecasting.closures import closed_mask, closed_weekdays
from forecasting.models import FALLBACK, REGISTRY, make_model
from forecasting.selection import combine

__all__ = [
    "CALIBRATION_DAYS",
    "STEP_DAYS",
    "Calibration",
    "backtest_span_days",
    "calibrate",
    "calibration_shape",
    "members_of",
    "origin_ends",
    "rolling_origins",
]

STEP_DAYS = 7  # an origin a week (daily data); weekly and monthly data take one origin per period
# Days each origin forecasts: the shortest of these that holds the protection interval with room for the lead-time
# spread (a longer one only when the lead time needs it: the cost grows with the horizon).
CALIBRATION_DAYS = (56, 91, 182, 365)
_PERIOD_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


@dataclass(frozen=True)
class Calibration:
    """Forecasts from many origins and the demand that followed.

    Attributes
    ----------
    frame : pd.DataFrame
        ``cutoff, ds, y, forecast``: one row per origin (``cutoff``, its last training date) and period ahead.
        ``y`` is NaN where the demand is not known (censored, or after the data).
    members : tuple[str, ...]
        The models combined at every origin.
    dropped : tuple[str, ...]
        Members of the chosen forecast that could not be moved to the origins (left out).
    fallbacks : int
        Origins at which a member failed and seasonal naive stood in for it.
    """

    frame: pd.DataFrame
    members: tuple[str, ...]
    dropped: tuple[str, ...] = ()
    fallbacks: int = 0

    @property
    def origins(self) -> int:
        return int(self.frame["cutoff"].nunique()) if not self.frame.empty else 0


def calibration_shape(
    freq: str, protection_days: float, max_periods: int, backtest_days: float = 0.0
) -> tuple[int, int]:
    """(periods each origin forecasts, number of origins) for a protection interval of ``protection_days``: a year
    of origins before the plan, and before each replayed backtest cutoff (``backtest_days`` earlier).

    >>> calibration_shape("D", 30, 91, 273)
    (56, 92)
    >>> calibration_shape("W", 30, 13, 0)
    (8, 53)
    """
    days = next((d for d in CALIBRATION_DAYS if d >= protection_days), CALIBRATION_DAYS[-1])
    horizon = max(1, min(max_periods, math.ceil(days / _PERIOD_DAYS[freq])))
    step_days = STEP_DAYS if freq == "D" else _PERIOD_DAYS[freq]
    return horizon, math.ceil((365 + backtest_days) / step_days)


def backtest_span_days(backtest: pd.DataFrame | None) -> float:
    """Days from the first backtest cutoff to the last backtest day (the span a replay covers)."""
    if backtest is None or backtest.empty:
        return 0.0
    return float((pd.Timestamp(backtest["ds"].max()) - pd.Timestamp(backtest["cutoff"].min())).days)


def calibrate(
    series: pd.DataFrame,
    freq: str,
    config,
    spec: tuple[tuple[str, ...], tuple[float, ...], str],
    horizon: int,
    origins: int,
) -> Calibration:
    """A SKU's panel rows calibrated with the members ``spec`` (``members_of``) under a forecast ``config``: the
    seed, holiday calendar, events and hyper-parameters of the run whose forecast is planned."""
    from forecasting.engine import sku_seed

    data = SeriesData.from_panel(series, freq)  # type: ignore[arg-type]
    members, weights, how = spec
    context = FitContext(
        horizon=horizon, seed=sku_seed(config.seed, data.unique_id), country=config.country, events=config.events
    )
    return rolling_origins(
        data,
        members,
        weights=weights,
        how="median" if how == "single" else how,
        horizon=horizon,
        origins=origins,
        params={m: config.model_params(m) for m in members if m in REGISTRY},
        context=context,
        known=1,
    )


def members_of(model: str, choice, descriptions: dict[str, str]) -> tuple[tuple[str, ...], tuple[float, ...], str]:
    """(members, weights, how) of a forecast column: a single model is its own member; the ensemble's members are
    the choice's when it chose the ensemble, otherwise read from the ensemble's description ("median of ets,
    theta, arima" or "weighted mean of ets 0.40, theta 0.60").

    >>> members_of("ensemble", None, {"ensemble": "weighted mean of ets 0.40, theta 0.60"})
    (('ets', 'theta'), (0.4, 0.6), 'inverse')
    >>> members_of("ets", None, {})
    (('ets',), (1.0,), 'single')
    """
    if choice is not None and choice.model == model and len(choice.members) > 1:
        return tuple(choice.members), tuple(choice.weights), choice.how
    text = descriptions.get(model, "")
    for how, prefix in (("inverse", "weighted mean of "), ("median", "median of "), ("mean", "mean of ")):
        if text.startswith(prefix):
            parts = [p.strip() for p in text[len(prefix) :].split(",") if p.strip()]
            if how == "inverse":
                names = tuple(p.rsplit(" ", 1)[0] for p in parts)
                return names, tuple(float(p.rsplit(" ", 1)[1]) for p in parts), how
            return tuple(parts), tuple(1 / len(parts) for _ in parts), how
    return (model,), (1.0,), "single"


def origin_ends(n: int, horizon: int, origins: int, step: int, min_train: int, known: int = 1) -> list[int]:
    """Training lengths of the calibration origins, oldest first: the last one leaves ``known`` periods of demand
    after it (the rest of its window is not known yet), the others go back ``step`` periods at a time.

    >>> origin_ends(100, 10, 4, 7, 20, known=10)
    [69, 76, 83, 90]
    >>> origin_ends(40, 10, 5, 7, 20, known=10)
    [23, 30]
    """
    last = n - min(known, horizon)
    ends = [last - i * step for i in reversed(range(origins))]
    return [e for e in ends if e >= min_train]


def _member(alias: str, params: dict) -> Forecaster | None:
    if alias not in REGISTRY:
        return None
    return make_model(alias, **params)


def rolling_origins(
    data: SeriesData,
    members: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    how: str = "median",
    horizon: int,
    origins: int = 52,
    step: int | None = None,
    refit_every: int = 13,
    params: dict[str, dict] | None = None,
    context: FitContext | None = None,
    min_train: int | None = None,
    known: int | None = None,
) -> Calibration:
    """Forecast ``horizon`` periods from ``origins`` rolling origins with the chosen forecast's members.

    Parameters
    ----------
    data : SeriesData
        The SKU's whole series (censored periods as NaN).
    members : sequence of str
        Model slugs; one for a single model.
    weights, how
        How the members combine (``forecasting.selection.combine``); the median by default.
    horizon : int
        Periods forecast from each origin (the forecast's horizon: a protection interval never exceeds it).
    origins : int
        How many origins (52: a year of weekly origins on daily data).
    step : int, optional
        Periods between origins; default a week on daily data, one period otherwise.
    refit_every : int
        Re-estimate every member after this many origins; ``update`` moves the fit in between.
    params : dict, optional
        Per-member hyper-parameters.
    min_train : int, optional
        Fewest training periods at an origin (default: one season, at least 8, at most 60).
    known : int, optional
        Periods of known demand the last origin leaves (default the whole horizon); a later origin's window
        runs past the data, and its unknown periods are NaN.
    """
    step = step or (STEP_DAYS if data.freq == "D" else 1)
    context = context or FitContext(horizon=horizon)
    if context.horizon < horizon:
        context = replace(context, horizon=horizon)
    min_train = min_train or max(8, min(data.season_length, 60))
    raw_y = data.y
    closed = closed_weekdays(data.ds, data.y) if data.freq == "D" else ()
    if closed:
        y = data.y.copy()
        y[closed_mask(data.ds, closed)] = np.nan
        data = replace(data, y=y)
    ends = origin_ends(len(data), horizon, origins, step, min_train, known or horizon)
    kept = [m for m in members if m in REGISTRY]
    dropped = tuple(m for m in members if m not in REGISTRY)
    empty = pd.DataFrame(columns=["cutoff", "ds", "y", "forecast"])
    if not ends or not kept:
        return Calibration(empty, tuple(kept), dropped)
    w: tuple[float, ...]
    if weights is not None and len(weights) == len(members):
        given = np.array([wt for m, wt in zip(members, weights, strict=True) if m in REGISTRY], dtype="float64")
        w = tuple(given / given.sum()) if given.sum() > 0 else tuple(1 / len(kept) for _ in kept)
    else:
        w = tuple(1 / len(kept) for _ in kept)
    futures = {end: future_drivers(data.head(end), horizon)[0] for end in ends}
    means: dict[str, list[np.ndarray]] = {}
    fallbacks = 0
    fallback = make_model(FALLBACK)
    for alias in kept:
        model = _member(alias, (params or {}).get(alias, {}))
        assert model is not None
        with contextlib.suppress(Exception):  # the fits below fall back where the model fails
            model = model.select(data.head(ends[0]), context)
        fitted: Forecaster | None = None
        out: list[np.ndarray] = []
        for i, end in enumerate(ends):
            train = data.head(end)
            try:
                if fitted is None or i % refit_every == 0:
                    fitted = model.clone().fit(train, context)
                else:
                    fitted = fitted.update(train)
                out.append(fitted.predict(horizon, futures[end])["mean"])
            except Exception:  # noqa: BLE001 - a failing origin is forecast by the fallback, and counted
                fitted = None
                fallbacks += 1
                out.append(fallback.clone().fit(train, context).predict(horizon, futures[end])["mean"])
        means[alias] = out
    rows_fc = [
        combine({a: means[a][k] for a in kept}, kept, w, how if len(kept) > 1 else "mean") for k in range(len(ends))
    ]
    fc = np.concatenate(rows_fc)
    future_idx = np.concatenate([np.arange(end, end + horizon) for end in ends])
    dates = data.ds.append(data.future_ds(horizon))
    ds = dates[future_idx]
    inside = future_idx < len(data)
    idx = np.minimum(future_idx, len(data) - 1)
    y = np.where(inside, raw_y[idx], np.nan).astype("float64")
    shut = closed_mask(pd.DatetimeIndex(ds), closed) if closed else np.zeros(len(ds), dtype=bool)
    # Censored periods (out of stock) have no known demand; closed days keep their zero, forecast as zero.
    y = np.where(inside & ~np.isfinite(data.y[idx]) & ~shut, np.nan, y)
    fc = np.where(shut, 0.0, fc)
    frame = pd.DataFrame(
        {
            "cutoff": np.repeat(data.ds[np.array(ends) - 1].to_numpy(), horizon),
            "ds": ds,
            "y": y,
            "forecast": fc,
        }
    )
    return Calibration(frame, tuple(kept), dropped, fallbacks)
