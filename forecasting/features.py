"""Feature matrices shared by ARIMA's regressors and the regression family.

- calendar: Fourier terms for the weekly (daily data) and yearly cycles, event windows, public holidays;
- drivers: promotion flag and log price (future values from a plan or the last known regime);
- lags (trees and MLP): lags and rolling statistics that end at least ``horizon`` periods before the row,
  so one model serves every step of the horizon without seeing data after the forecast origin (a direct
  strategy with a minimum lag equal to the horizon).
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import numpy as np
import pandas as pd

from forecasting.base import SeriesData
from forecasting.calendars import PERIODS_PER_YEAR, event_indicators, fourier_terms, holiday_indicator
from salesdata.resample import Freq

__all__ = ["calendar_features", "driver_features", "lag_features", "lag_spec"]


def calendar_features(
    ds: pd.DatetimeIndex,
    t: np.ndarray,
    freq: Freq,
    *,
    n_train: int,
    country: str | None = None,
    events: bool = True,
    trend: bool = False,
) -> pd.DataFrame:
    """Calendar design for periods at positions ``t`` (0 = first training period).

    Yearly Fourier terms need a year of training data; weekly terms apply to daily data.
    """
    parts = []
    if trend:
        parts.append(pd.DataFrame({"trend": t / PERIODS_PER_YEAR[freq]}))
    if freq == "D" and n_train >= 14:
        parts.append(fourier_terms(t, 7.0, 3, "week"))
    if n_train >= PERIODS_PER_YEAR[freq]:
        k = {"D": 6, "W": 4, "M": 3}[freq]
        parts.append(fourier_terms(t, PERIODS_PER_YEAR[freq], k, "year"))
    if events and freq != "M":
        parts.append(event_indicators(ds, freq))
    if country:
        parts.append(pd.DataFrame({"holiday": holiday_indicator(ds, freq, country)}))
    if not parts:
        return pd.DataFrame(index=range(len(ds)))
    return pd.concat([p.reset_index(drop=True) for p in parts], axis=1)


def driver_features(exog: pd.DataFrame) -> pd.DataFrame:
    """Promotion flag and log price (missing or non-positive prices carried forward, then back; 0 if none).

    >>> driver_features(pd.DataFrame({"promo": [1, None, 0], "price": [None, 2.0, -1.0]})).round(3).to_dict("list")
    {'promo': [1.0, 0.0, 0.0], 'log_price': [0.693, 0.693, 0.693]}
    """
    cols: dict[str, np.ndarray] = {}
    if "promo" in exog:
        promo = exog["promo"].to_numpy(dtype="float64", na_value=np.nan)
        cols["promo"] = np.where(np.isnan(promo), 0.0, promo)
    if "price" in exog:
        price = exog["price"].to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            log_price = np.where(price > 0, np.log(np.where(price > 0, price, 1.0)), np.nan)
        cols["log_price"] = _fill_both_ways(log_price)
    return pd.DataFrame(cols, index=range(len(exog)))


def _fill_both_ways(x: np.ndarray) -> np.ndarray:
    """NaN replaced by the last valid value before it, leading NaN by the first valid value, all-NaN by 0 (as
    pandas ``ffill().bfill().fillna(0)``)."""
    valid = ~np.isnan(x)
    if not valid.any():
        return np.zeros_like(x)
    idx = np.where(valid, np.arange(len(x)), 0)
    np.maximum.accumulate(idx, out=idx)
    filled = x[idx]
    first = int(np.argmax(valid))
    filled[:first] = x[first]
    return filled


def lag_spec(freq: Freq, horizon: int, n: int) -> tuple[list[int], list[int]]:
    """Lags and rolling windows for a series of length ``n``: lags from ``horizon`` on, one season long."""
    m = {"D": 7, "W": 4, "M": 3}[freq]
    lags = [horizon + i for i in range(m)]
    windows = [w for w in ({"D": (7, 28), "W": (4, 13), "M": (3, 6)}[freq]) if horizon + w < n - 8]
    lags = [lag for lag in lags if lag < n - 8]
    return lags, windows


def lag_features(y_filled: np.ndarray, horizon: int, freq: Freq, n_total: int | None = None) -> pd.DataFrame:
    """Lag and rolling features for rows 0..len-1 of ``y_filled`` extended with NaN to ``n_total`` rows.

    Row ``i`` only uses values at positions ``<= i - horizon``. Rolling statistics skip missing values and
    need half a window of them (pandas' ``rolling(w, min_periods=w // 2)``), computed on a window view.
    """
    n_total = n_total or len(y_filled)
    y = np.concatenate([np.asarray(y_filled, dtype="float64"), np.full(n_total - len(y_filled), np.nan)])
    lags, windows = lag_spec(freq, horizon, len(y_filled))
    cols = {f"lag_{lag}": _shift(y, lag) for lag in lags}
    base = _shift(y, horizon)
    for w in windows:
        mean, top = _rolling_mean_max(base, w, max(1, w // 2))
        cols[f"mean_{w}"] = mean
        cols[f"max_{w}"] = top
    if windows:
        w = windows[-1]
        sold = np.where(np.isnan(base), np.nan, (base > 0).astype(float))
        cols[f"nonzero_{w}"] = _rolling_mean_max(sold, w, max(1, w // 2))[0]
    return pd.DataFrame(cols)


def _shift(y: np.ndarray, k: int) -> np.ndarray:
    """``y`` moved ``k`` rows later, NaN in front (``Series.shift(k)``)."""
    out = np.full(len(y), np.nan)
    if k < len(y):
        out[k:] = y[: len(y) - k]
    return out


def _rolling_mean_max(x: np.ndarray, w: int, min_periods: int) -> tuple[np.ndarray, np.ndarray]:
    """Trailing-window mean and max over the values present, NaN where fewer than ``min_periods`` are."""
    padded = np.concatenate([np.full(w - 1, np.nan), x])
    view = np.lib.stride_tricks.sliding_window_view(padded, w)
    present = ~np.isnan(view)
    count = present.sum(axis=1)
    total = np.where(present, view, 0.0).sum(axis=1)
    top = np.where(present, view, -np.inf).max(axis=1)
    enough = count >= min_periods
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(enough, total / np.maximum(count, 1), np.nan)
    return mean, np.where(enough, top, np.nan)


def design(
    data: SeriesData, h: int, future_exog: pd.DataFrame, *, country, events, trend: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Calendar + driver features for the training rows and the ``h`` future rows."""
    n = len(data)
    # DatetimeIndex.append returns a DatetimeIndex; pandas-stubs type it as a plain Index.
    ds_all = cast(pd.DatetimeIndex, data.ds.append(data.future_ds(h)))
    if n and ds_all.equals(_regular(ds_all[0], n + h, data.freq)):
        # Folds and models ask for the same calendar again and again: memoised per date range.
        cal = _calendar(ds_all[0], n + h, data.freq, n, country, events, trend).copy()
    else:
        t_all = np.arange(n + h, dtype="float64")
        cal = calendar_features(ds_all, t_all, data.freq, n_train=n, country=country, events=events, trend=trend)
    exog_all = pd.concat([data.exog, future_exog.reindex(columns=data.exog.columns)], ignore_index=True)
    drv = driver_features(exog_all)
    full = pd.concat([cal, drv], axis=1)
    return full.iloc[:n].reset_index(drop=True), full.iloc[n:].reset_index(drop=True)


def _regular(first: pd.Timestamp, periods: int, freq: Freq) -> pd.DatetimeIndex:
    alias = {"D": "D", "W": "7D", "M": "MS"}[freq]  # weeks on the panel's own weekday
    return pd.date_range(first, periods=periods, freq=alias, unit="us")


_SPAN_BLOCK = 512  # calendars are built for spans rounded up to this many periods, and sliced


@lru_cache(maxsize=64)
def _calendar_span(first, periods, freq, country, events, trend) -> pd.DataFrame:
    """Every calendar column (as with a long training window) for ``periods`` periods from ``first``."""
    ds = _regular(first, periods, freq)
    t = np.arange(periods, dtype="float64")
    return calendar_features(ds, t, freq, n_train=10**9, country=country, events=events, trend=trend)


def _calendar(first, periods, freq, n_train, country, events, trend) -> pd.DataFrame:
    """``calendar_features`` of a regular date range: the rows of a memoised longer span (every origin of a
    backtest or a calibration asks for a prefix of the same one), with the columns its training length allows."""
    span = _calendar_span(first, -(-periods // _SPAN_BLOCK) * _SPAN_BLOCK, freq, country, events, trend)
    weekly = freq == "D" and n_train >= 14
    yearly = n_train >= PERIODS_PER_YEAR[freq]
    cols = [
        c
        for c in span.columns
        if not (c.startswith("week_") and not weekly) and not (c.startswith("year_") and not yearly)
    ]
    if not cols:
        return pd.DataFrame(index=range(periods))
    return span.iloc[:periods][cols].reset_index(drop=True)
