"""Intermittent-demand methods: Croston, SBA and TSB.

Croston (1972): exponential smoothing, with constant alpha, of the non-zero demand sizes z and of the
intervals p between them, updated only in periods with demand; forecast z / p.
SBA (Syntetos & Boylan 2005): Croston's forecast times (1 - alpha / 2), removing its positive bias.
TSB (Teunter, Syntetos & Babai 2011): smooth the demand probability d every period (beta) and the size z
at demand occurrences (alpha); forecast d * z. Unlike Croston, TSB's forecast decays while no demand
occurs, so it follows obsolescence.

All three forecast a flat line; intervals come from the backtest (conformal).
"""

from __future__ import annotations

import itertools

import numpy as np

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData
from forecasting.messages import Message

__all__ = ["SBA", "TSB", "Croston", "croston_level", "tsb_level"]


def croston_level(y: np.ndarray, alpha: float) -> tuple[float, float]:
    """Final smoothed size ``z`` and interval ``p`` of Croston's method.

    Initialised with the first demand size and the periods up to and including the first demand.

    Examples
    --------
    Demands 0, 0, 4, 0, 6 with alpha = 0.5: the first demand (4) comes in period 3 so z = 4, p = 3;
    the next (6) after 2 periods: z = 4 + 0.5 (6 - 4) = 5, p = 3 + 0.5 (2 - 3) = 2.5.

    >>> croston_level(np.array([0, 0, 4, 0, 6.0]), 0.5)
    (5.0, 2.5)
    """
    y = y[np.isfinite(y)]
    idx = np.flatnonzero(y > 0)
    if idx.size == 0:
        raise ForecastError(Message("model.no_demand"))
    z, p = float(y[idx[0]]), float(idx[0] + 1)
    for prev, cur in itertools.pairwise(idx):
        z += alpha * (float(y[cur]) - z)
        p += alpha * (float(cur - prev) - p)
    return z, p


def tsb_level(y: np.ndarray, alpha: float, beta: float) -> tuple[float, float]:
    """Final demand probability ``d`` and size ``z`` of TSB.

    Examples
    --------
    Demands 3, 0, 0 with alpha = beta = 0.5, initial d = share of periods with demand (1/3), z = 3:
    period 1 (demand): d = 1/3 + 0.5 (1 - 1/3) = 2/3, z = 3; then two empty periods halve d twice.

    >>> d, z = tsb_level(np.array([3, 0, 0.0]), 0.5, 0.5)
    >>> round(d, 4), z
    (0.1667, 3.0)
    """
    y = y[np.isfinite(y)]
    nz = y[y > 0]
    if nz.size == 0:
        raise ForecastError(Message("model.no_demand"))
    d, z = nz.size / y.size, float(nz[0])
    for value in y:
        if value > 0:
            d += beta * (1 - d)
            z += alpha * (float(value) - z)
        else:
            d += beta * (0 - d)
    return d, z


class Croston(Forecaster):
    """Croston's method for intermittent demand."""

    alias = "croston"
    family = "intermittent"
    min_train = 3

    def __init__(self, alpha: float = 0.1) -> None:
        self.alpha = alpha

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        z, p = croston_level(data.y, self.alpha)
        self.level_ = z / p

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}


class SBA(Croston):
    """Syntetos-Boylan approximation: Croston with its bias removed."""

    alias = "sba"

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        z, p = croston_level(data.y, self.alpha)
        self.level_ = (1 - self.alpha / 2) * z / p


class TSB(Forecaster):
    """Teunter-Syntetos-Babai: demand probability times size, updated every period."""

    alias = "tsb"
    family = "intermittent"
    min_train = 3

    def __init__(self, alpha: float = 0.1, beta: float = 0.1) -> None:
        self.alpha = alpha
        self.beta = beta

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        d, z = tsb_level(data.y, self.alpha, self.beta)
        self.level_ = d * z

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}
