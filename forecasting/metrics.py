"""Forecast accuracy metrics. Censored actuals (NaN) are left out of every metric.

- MAE, RMSE (as scikit-learn's ``mean_absolute_error`` and ``root_mean_squared_error``, computed directly:
  their input validation cost more than the metric on a 91-day fold; ``tests/test_fc`` compares them)
- WAPE = sum |y - f| / sum |y|
- sMAPE = mean of 2 |y - f| / (|y| + |f|), with 0 when both are 0 (so zeros are safe), in percent
- MASE = MAE / mean |y_t - y_{t-m}| over the training data (seasonal naive in-sample; the lag-1 naive scale
  when the seasonal one is zero or unavailable) (Hyndman & Koehler 2006)
- bias = mean (f - y), in units (positive: over-forecast)
- coverage_L = share of actuals inside the L% interval
"""

from __future__ import annotations

import numpy as np

__all__ = ["METRICS", "accuracy", "coverage", "mase_scale", "smape", "wape"]

METRICS = ("mae", "rmse", "wape", "smape", "mase", "bias")
# Metrics where lower is better (all but coverage, which should be near nominal).
LOWER_IS_BETTER = {"mae", "rmse", "wape", "smape", "mase"}


def _clean(y: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype="float64")
    f = np.asarray(f, dtype="float64")
    keep = np.isfinite(y) & np.isfinite(f)
    return y[keep], f[keep]


def wape(y: np.ndarray, f: np.ndarray) -> float:
    """Weighted absolute percentage error as a fraction.

    >>> wape(np.array([10.0, 0.0, 30.0]), np.array([12.0, 1.0, 27.0]))
    0.15
    """
    y, f = _clean(y, f)
    denom = np.abs(y).sum()
    return float(np.abs(y - f).sum() / denom) if denom > 0 else float("nan")


def smape(y: np.ndarray, f: np.ndarray) -> float:
    """Symmetric MAPE in percent, 0 for points where actual and forecast are both zero.

    >>> smape(np.array([0.0, 10.0]), np.array([0.0, 30.0]))
    50.0
    """
    y, f = _clean(y, f)
    if y.size == 0:
        return float("nan")
    denom = np.abs(y) + np.abs(f)
    terms = np.divide(2 * np.abs(y - f), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(100 * terms.mean())


def mase_scale(train: np.ndarray, m: int) -> float:
    """In-sample MAE of seasonal naive (lag m) on the training data; lag 1 if that is zero or too short.

    >>> mase_scale(np.array([1.0, 3.0, 2.0, 4.0, 3.0, 5.0]), 2)
    1.0
    """
    x = np.asarray(train, dtype="float64")
    for lag in (m, 1):
        if lag < len(x):
            d = x[lag:] - x[:-lag]
            d = d[np.isfinite(d)]
            if d.size and np.abs(d).mean() > 0:
                return float(np.abs(d).mean())
    return float("nan")


def coverage(y: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """Share of actuals within [lo, hi].

    >>> coverage(np.array([1.0, 5.0, 9.0, np.nan]), np.array([0, 0, 0, 0.0]), np.array([4, 6, 8, 8.0]))
    0.6666666666666666
    """
    y = np.asarray(y, dtype="float64")
    keep = np.isfinite(y) & np.isfinite(lo) & np.isfinite(hi)
    if not keep.any():
        return float("nan")
    return float(((y[keep] >= lo[keep]) & (y[keep] <= hi[keep])).mean())


def accuracy(y: np.ndarray, f: np.ndarray, scale: float) -> dict[str, float]:
    """MAE, RMSE, WAPE, sMAPE, MASE and bias of one set of forecasts."""
    yc, fc = _clean(y, f)
    if yc.size == 0:
        return dict.fromkeys(METRICS, float("nan"))
    err = fc - yc
    mae = float(np.mean(np.abs(err)))
    return {
        "mae": mae,
        "rmse": float(np.sqrt(np.mean(err * err))),
        "wape": wape(yc, fc),
        "smape": smape(yc, fc),
        "mase": mae / scale if scale and np.isfinite(scale) and scale > 0 else float("nan"),
        "bias": float(err.mean()),
    }
