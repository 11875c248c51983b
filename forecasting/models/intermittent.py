"""Intermittent-demand methods: Croston, SBA, TSB, ADIDA and IMAPA.

Croston (1972): exponential smoothing of the non-zero demand sizes z and of the intervals p between them,
updated only in periods with demand; forecast z / p.
SBA (Syntetos & Boylan 2005): Croston's forecast times (1 - alpha_p / 2), removing its positive bias.
TSB (Teunter, Syntetos & Babai 2011): smooth the demand probability d every period (beta) and the size z
at demand occurrences (alpha); forecast d * z. Unlike Croston, TSB's forecast decays while no demand
occurs, so it follows obsolescence.
ADIDA (Nikolopoulos et al. 2011): sum the series into buckets as long as the mean interval between demands,
where demand is no longer intermittent, forecast the buckets by exponential smoothing, and spread the
bucket forecast evenly over its periods. IMAPA (Petropoulos & Kourentzes 2015): the same at every bucket
length from 1 to the mean interval, averaged.

Initialisation. A series here starts at its first sale, so the interval before the first demand is unknown
and reading it as 1 (the first demand "one period after" nothing) makes p start far too short: with few
demands p stays near 1 and z / p near the demand size (6 units every 3-4 months forecast at 3.2 a month). The
levels therefore start at the window's mean demand size and mean interval (periods / demands), and the first
demand updates only the size.

Smoothing constants: 0.1 by default, the literature's usual value for intermittent demand; ``None`` fits them
in-sample within 0.1-0.3 (statsforecast's CrostonOptimized range), minimising each component's one-step
squared error over a grid (TSB's two constants together, on the demand). Held out on 400 intermittent UCI SKUs
(monthly, three 6-month windows; ``benchmarks/bench_intermittent.py``) the fitted constants were no better
than 0.1 (Croston 1.997 against 1.961 mean MASE, TSB 1.979 against 1.936), so 0.1 is the default.

All forecast a flat line; intervals come from the backtest (conformal).

References
----------
Croston, J. D. (1972). Forecasting and stock control for intermittent demands. ORQ 23(3), 289-303.
Syntetos, A. A., Boylan, J. E. (2005). The accuracy of intermittent demand estimates. IJF 21(2), 303-314.
Teunter, R. H., Syntetos, A. A., Babai, M. Z. (2011). Intermittent demand: linking forecasting to inventory
obsolescence. EJOR 214(3), 606-615.
Nikolopoulos, K. et al. (2011). An aggregate-disaggregate intermittent demand approach (ADIDA). JORS 62(3).
Petropoulos, F., Kourentzes, N. (2015). Forecast combinations for intermittent demand. JORS 66(6), 914-924.
"""

from __future__ import annotations

import numpy as np

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData
from forecasting.messages import Message

__all__ = [
    "ADIDA",
    "IMAPA",
    "SBA",
    "SMOOTHING_BOUNDS",
    "TSB",
    "Croston",
    "aggregated_level",
    "croston_level",
    "fit_ses",
    "mean_interval",
    "ses_level",
    "tsb_level",
]

# The usual range of the smoothing constants for intermittent demand (Syntetos & Boylan; statsforecast).
SMOOTHING_BOUNDS = (0.1, 0.3)
_GRID = np.linspace(*SMOOTHING_BOUNDS, 9)


def _observed(y: np.ndarray) -> np.ndarray:
    """The periods with a known demand (censored, out-of-stock periods are NaN and left out)."""
    y = np.asarray(y, dtype="float64")
    y = y[np.isfinite(y)]
    if not (y > 0).any():
        raise ForecastError(Message("model.no_demand"))
    return y


def ses_level(x: np.ndarray, alpha: float, start: float) -> tuple[float, float]:
    """Simple exponential smoothing of ``x`` from ``start``: the final level and the sum of squared one-step errors.

    >>> ses_level(np.array([4.0, 6.0]), 0.5, 5.0)
    (5.25, 3.25)
    """
    level, sse = float(start), 0.0
    for value in x:
        error = float(value) - level
        sse += error * error
        level += alpha * error
    return level, sse


def fit_ses(x: np.ndarray, start: float, fixed: float | None = None) -> tuple[float, float]:
    """The level and the smoothing constant (within :data:`SMOOTHING_BOUNDS`) of least one-step squared error.

    ``fixed`` skips the search.
    """
    if fixed is not None:
        return ses_level(x, fixed, start)[0], fixed
    best = min(_GRID, key=lambda a: ses_level(x, a, start)[1])
    return ses_level(x, best, start)[0], float(best)


def croston_level(
    y: np.ndarray, alpha_size: float | None = None, alpha_interval: float | None = None
) -> tuple[float, float, float, float]:
    """Smoothed demand size ``z`` and interval ``p`` of Croston's method, and the constants used.

    Sizes and intervals start at their window means (sizes: mean of the demands; interval: periods / demands);
    the first demand updates the size only, as the interval before it is not observed. A constant given as
    None is fitted in-sample within 0.1-0.3.

    Examples
    --------
    Demands 0, 0, 4, 0, 6 (five periods, two demands) with both constants 0.5: z starts at 5 and p at 2.5;
    the demand 4 gives z = 5 + 0.5 (4 - 5) = 4.5; the demand 6, two periods later, gives
    z = 4.5 + 0.5 (6 - 4.5) = 5.25 and p = 2.5 + 0.5 (2 - 2.5) = 2.25. Forecast 5.25 / 2.25 = 2.33 a period.

    >>> croston_level(np.array([0, 0, 4, 0, 6.0]), 0.5, 0.5)
    (5.25, 2.25, 0.5, 0.5)
    """
    y = _observed(y)
    idx = np.flatnonzero(y > 0)
    sizes = y[idx]
    intervals = np.diff(idx).astype("float64")
    z, a_z = fit_ses(sizes, float(sizes.mean()), alpha_size)
    p, a_p = fit_ses(intervals, len(y) / len(idx), alpha_interval)
    return z, max(p, 1.0), a_z, a_p


def tsb_level(
    y: np.ndarray, alpha: float | None = None, beta: float | None = None
) -> tuple[float, float, float, float]:
    """Final demand probability ``d`` and size ``z`` of TSB, and the constants used.

    ``d`` starts at the share of periods with demand, ``z`` at the mean demand size. Constants given as None
    are fitted together in-sample within 0.1-0.3, minimising the one-step squared error of ``d * z``.

    Examples
    --------
    Demands 3, 0, 0 with alpha = beta = 0.5: d starts at 1/3 and z at 3; period 1 (demand 3):
    d = 1/3 + 0.5 (1 - 1/3) = 2/3, z stays 3; then two empty periods halve d twice: 1/6.

    >>> d, z, _, _ = tsb_level(np.array([3, 0, 0.0]), 0.5, 0.5)
    >>> round(d, 4), z
    (0.1667, 3.0)
    """
    y = _observed(y)
    demand = y > 0
    alphas = _GRID if alpha is None else np.array([alpha])
    betas = _GRID if beta is None else np.array([beta])
    a, b = (g.ravel() for g in np.meshgrid(alphas, betas))
    d = np.full(a.shape, demand.mean())
    z = np.full(a.shape, float(y[demand].mean()))
    sse = np.zeros(a.shape)
    for value, hit in zip(y, demand, strict=True):
        sse += (value - d * z) ** 2
        if hit:
            d += b * (1 - d)
            z += a * (value - z)
        else:
            d -= b * d
    k = int(np.argmin(sse))
    return float(d[k]), float(z[k]), float(a[k]), float(b[k])


def aggregated_level(y: np.ndarray, k: int, alpha: float | None = 0.1) -> float:
    """Per-period forecast from buckets of ``k`` periods (summed from the end, a partial first bucket dropped),
    smoothed from their mean (``alpha`` None: fitted), spread evenly over the bucket.

    Demands 0, 2, 0, 0, 4, 0 in buckets of 3: sums 2 and 4, smoothed from their mean 3 with alpha 0.5:
    3 + 0.5 (2 - 3) = 2.5, then 2.5 + 0.5 (4 - 2.5) = 3.25; per period 3.25 / 3.

    >>> round(aggregated_level(np.array([0, 2, 0, 0, 4, 0.0]), 3, 0.5), 4)
    1.0833
    """
    n = (len(y) // k) * k
    buckets = y[len(y) - n :].reshape(-1, k).sum(axis=1)
    level, _ = fit_ses(buckets, float(buckets.mean()), alpha)
    return level / k


def mean_interval(y: np.ndarray) -> float:
    """Periods per demand in the window (the mean inter-demand interval, ADI)."""
    y = _observed(y)
    return len(y) / int((y > 0).sum())


class Croston(Forecaster):
    """Croston's method for intermittent demand (constants fitted in-sample unless given)."""

    alias = "croston"
    family = "intermittent"
    min_train = 3

    def __init__(self, alpha: float | None = 0.1) -> None:
        self.alpha = alpha

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        z, p, _, self.alpha_interval_ = croston_level(data.y, self.alpha, self.alpha)
        self.level_ = z / p

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}


class SBA(Croston):
    """Syntetos-Boylan approximation: Croston with its bias removed (1 - alpha_p / 2)."""

    alias = "sba"

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        z, p, _, a_p = croston_level(data.y, self.alpha, self.alpha)
        self.level_ = (1 - a_p / 2) * z / p


class TSB(Forecaster):
    """Teunter-Syntetos-Babai: demand probability times size, updated every period."""

    alias = "tsb"
    family = "intermittent"
    min_train = 3

    def __init__(self, alpha: float | None = 0.1, beta: float | None = 0.1) -> None:
        self.alpha = alpha
        self.beta = beta

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        d, z, _, _ = tsb_level(data.y, self.alpha, self.beta)
        self.level_ = d * z

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}


class ADIDA(Forecaster):
    """Aggregate-disaggregate: buckets as long as the mean interval between demands, smoothed, spread evenly."""

    alias = "adida"
    family = "intermittent"
    min_train = 3

    def __init__(self, alpha: float | None = 0.1) -> None:
        self.alpha = alpha

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        y = _observed(data.y)
        self.bucket_ = max(1, min(len(y), round(mean_interval(y))))
        self.level_ = aggregated_level(y, self.bucket_, self.alpha)

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}


class IMAPA(Forecaster):
    """Multiple temporal aggregation: ADIDA at every bucket length from 1 to the mean interval, averaged."""

    alias = "imapa"
    family = "intermittent"
    min_train = 3

    def __init__(self, alpha: float | None = 0.1) -> None:
        self.alpha = alpha

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        y = _observed(data.y)
        top = max(1, min(len(y), round(mean_interval(y))))
        self.level_ = float(np.mean([aggregated_level(y, k, self.alpha) for k in range(1, top + 1)]))

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}
