"""Synthetic series for the forecasting tests (seeded; each built to have one pattern)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.base import SeriesData


def series(y, freq="D", start="2023-01-02", exog: dict | None = None, uid="s") -> SeriesData:
    y = np.asarray(y, dtype="float64")
    alias = {"D": "D", "W": "W-MON", "M": "MS"}[freq]
    ds = pd.date_range(start, periods=len(y), freq=alias).astype("datetime64[us]")
    frame = pd.DataFrame(exog or {}, index=range(len(y)))
    return SeriesData(pd.DatetimeIndex(ds), y, freq, frame, uid)


def weekly_pattern(n=240, level=20.0, amp=8.0, noise=1.0, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    profile = np.array([1.0, 0.8, 0.9, 1.0, 1.2, 1.6, 1.5])
    return np.clip(level * profile[t % 7] + amp * 0 + rng.normal(0, noise, n), 0, None)


def trend_season(n=400, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return np.clip(20 + 0.05 * t + 6 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 1.5, n), 0, None)


def ar1(n=300, phi=0.8, level=30.0, sd=3.0, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.zeros(n)
    for i in range(1, n):
        x[i] = phi * x[i - 1] + rng.normal(0, sd)
    return np.clip(level + x, 0, None)


def intermittent(n=300, p=0.15, size=4.0, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.random(n) < p) * (1 + rng.poisson(size - 1, n)).astype(float)
