"""Honest baselines: naive, seasonal naive, moving average, with their textbook prediction intervals.

Intervals (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., section 5.5,
table 5.2), with sigma the standard deviation of the method's one-step in-sample residuals:

- naive: sigma_h = sigma * sqrt(h)
- seasonal naive: sigma_h = sigma * sqrt(k + 1), k = floor((h - 1) / m)
- mean of the last w values: sigma_h = sigma * sqrt(1 + 1 / w)

A single observation gives a forecast (its value) but no residual, so its intervals are missing, not zero-wide.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.stats import norm

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData
from forecasting.messages import Message

__all__ = ["MovingAverage", "Naive", "SeasonalNaive", "normal_bounds", "z_score"]


@lru_cache(maxsize=64)
def z_score(level: float) -> float:
    """The standard normal quantile of a central ``level`` % interval (scipy's ``norm.ppf``, computed once per
    level: a ppf call costs more than a baseline's whole forecast).

    >>> round(z_score(95), 4)
    1.96
    """
    return float(norm.ppf(0.5 + level / 200))


def normal_bounds(mean: np.ndarray, sd: np.ndarray, levels: tuple[int, ...]) -> dict[str, np.ndarray]:
    """Symmetric normal prediction intervals ``mean -/+ z * sd`` for each level (in percent)."""
    out: dict[str, np.ndarray] = {"mean": mean}
    for level in levels:
        z = z_score(level)
        out[f"lo-{level}"] = mean - z * sd
        out[f"hi-{level}"] = mean + z * sd
    return out


def _last_observed(y: np.ndarray) -> float:
    finite = y[np.isfinite(y)]
    if finite.size == 0:
        raise ForecastError(Message("model.no_value"))
    return float(finite[-1])


class Naive(Forecaster):
    """Repeat the last observed value."""

    alias = "naive"
    family = "baseline"
    native_intervals = True
    min_train = 1

    def __init__(self) -> None:
        pass

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        y = data.y
        self.level_ = _last_observed(y)
        resid = np.diff(y)
        resid = resid[np.isfinite(resid)]
        self.sigma_ = float(np.sqrt(np.mean(resid**2))) if resid.size else np.nan

    def _predict(self, h, future_exog, levels):
        mean = np.full(h, self.level_)
        return normal_bounds(mean, self.sigma_ * np.sqrt(np.arange(1, h + 1)), levels)


class SeasonalNaive(Forecaster):
    """Repeat the last observed season (7 days, 52 weeks or 12 months); the fallback model."""

    alias = "snaive"
    family = "baseline"
    native_intervals = True
    min_train = 1

    def __init__(self, season_length: int | None = None) -> None:
        self.season_length = season_length

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        m = self.season_length or data.season_length
        y = pd.Series(data.y)
        if len(y) < m:
            # Less than one season: repeat the last value (naive), as the seasonal profile is unknown.
            m = 1
        self.m_ = m
        # Censored periods take the latest observed value at the same season position.
        filled = y.copy()
        for pos in range(m):
            filled.iloc[pos::m] = filled.iloc[pos::m].ffill().bfill()
        filled = filled.fillna(_last_observed(data.y))
        self.last_season_ = filled.to_numpy()[-m:]
        resid = (y - y.shift(m)).to_numpy()
        resid = resid[np.isfinite(resid)]
        self.sigma_ = float(np.sqrt(np.mean(resid**2))) if resid.size else np.nan

    def _predict(self, h, future_exog, levels):
        mean = np.resize(self.last_season_, h)
        k = np.floor(np.arange(h) / self.m_)
        return normal_bounds(mean, self.sigma_ * np.sqrt(k + 1), levels)


class MovingAverage(Forecaster):
    """Mean of the last ``window`` observed periods (default: 28 days, 8 weeks or 6 months)."""

    alias = "ma"
    family = "baseline"
    native_intervals = True
    min_train = 1

    def __init__(self, window: int | None = None) -> None:
        self.window = window

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        w = self.window or {"D": 28, "W": 8, "M": 6}[data.freq]
        y = data.y[np.isfinite(data.y)]
        self.w_ = min(w, y.size)
        self.level_ = float(y[-self.w_ :].mean())
        rolling = pd.Series(data.y).rolling(self.w_, min_periods=1).mean().shift(1).to_numpy()
        resid = data.y - rolling
        resid = resid[np.isfinite(resid)]
        self.sigma_ = float(np.sqrt(np.mean(resid**2))) if resid.size else np.nan

    def _predict(self, h, future_exog, levels):
        mean = np.full(h, self.level_)
        return normal_bounds(mean, np.full(h, self.sigma_ * np.sqrt(1 + 1 / self.w_)), levels)
