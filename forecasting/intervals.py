"""Conformal prediction intervals from backtest residuals, per horizon step.

For step h the calibration scores are the absolute backtest errors at steps h - band .. h + band of every
fold (a few folds alone give too few scores per step; the band widens until about 30 scores feed a step), and the half-width at level L is their
ceil((n + 1) L) / n empirical quantile (split-conformal finite-sample correction; Vovk et al. 2005,
Angelopoulos & Bates 2021). Lower bounds are clipped at zero.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["conformal_halfwidths", "cross_conformal"]


def conformal_halfwidths(
    residuals: np.ndarray, levels: tuple[int, ...], band: int | None = None
) -> dict[int, np.ndarray]:
    """Half-widths per level and step from a (folds x horizon) residual matrix (NaN = not observed).

    Examples
    --------
    Errors 1..9 at every step: the 80% width is the ceil(10 * 0.8) = 8th smallest absolute error.

    >>> r = np.tile(np.arange(1.0, 10.0)[:, None], (1, 4))
    >>> conformal_halfwidths(r, (80,), band=0)[80].tolist()
    [8.0, 8.0, 8.0, 8.0]
    """
    r = np.atleast_2d(np.abs(np.asarray(residuals, dtype="float64")))
    horizon = r.shape[1]
    if band is None:
        # Widen the band until about 30 scores feed each step (fewer folds, wider band).
        band = max(1, math.ceil((30 / max(1, r.shape[0]) - 1) / 2))
    out: dict[int, np.ndarray] = {}
    for level in levels:
        widths = np.full(horizon, np.nan)
        for h in range(horizon):
            pool = r[:, max(0, h - band) : h + band + 1].ravel()
            pool = np.sort(pool[np.isfinite(pool)])
            n = pool.size
            if n == 0:
                continue
            rank = min(n, math.ceil((n + 1) * level / 100))
            widths[h] = pool[rank - 1]
        out[level] = widths
    return out


def cross_conformal(
    residuals: np.ndarray, fold: int, levels: tuple[int, ...], band: int | None = None
) -> dict[int, np.ndarray]:
    """Half-widths for one backtest fold, calibrated on the other folds only (so its coverage is honest)."""
    others = np.delete(np.atleast_2d(residuals), fold, axis=0)
    if others.size == 0:
        return {level: np.full(np.atleast_2d(residuals).shape[1], np.nan) for level in levels}
    return conformal_halfwidths(others, levels, band)
