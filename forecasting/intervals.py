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
    folds, horizon = r.shape
    if band is None:
        # Widen the band until about 30 scores feed each step (fewer folds, wider band).
        band = max(1, math.ceil((30 / max(1, folds) - 1) / 2))
    # Row h of ``pools`` holds the scores of steps h - band .. h + band of every fold (NaN outside the
    # horizon), sorted with the NaNs last: one sort serves every level.
    padded = np.pad(r, ((0, 0), (band, band)), constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * band + 1, axis=1)  # folds x horizon x width
    pools = np.sort(windows.transpose(1, 0, 2).reshape(horizon, -1), axis=1)
    n = np.isfinite(pools).sum(axis=1)
    out: dict[int, np.ndarray] = {}
    for level in levels:
        rank = np.minimum(n, np.ceil((n + 1) * level / 100).astype("int64"))
        widths = np.take_along_axis(pools, np.maximum(rank - 1, 0)[:, None], axis=1)[:, 0]
        out[level] = np.where(n > 0, widths, np.nan)
    return out


def cross_conformal(
    residuals: np.ndarray, fold: int, levels: tuple[int, ...], band: int | None = None
) -> dict[int, np.ndarray]:
    """Half-widths for one backtest fold, calibrated on the other folds only (so its coverage is honest)."""
    others = np.delete(np.atleast_2d(residuals), fold, axis=0)
    if others.size == 0:
        return {level: np.full(np.atleast_2d(residuals).shape[1], np.nan) for level in levels}
    return conformal_halfwidths(others, levels, band)
