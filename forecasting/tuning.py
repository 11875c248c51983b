"""Optional, time-budgeted hyper-parameter search per model family.

Candidates are scored on an inner split of the data before the first backtest cutoff (train on all but the
last ``horizon`` periods, score MAE on those), so tuning never sees a backtest window. The default
parameters are always scored first; the search stops when the budget is spent. ETS and ARIMA choose their
form by AICc instead and are not tuned here.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import numpy as np

from forecasting.base import FitContext, SeriesData
from forecasting.messages import Message
from forecasting.models import make_model

__all__ = ["GRIDS", "tune_model"]

GRIDS: dict[str, dict[str, list[Any]]] = {
    "prophet": {"changepoint_prior_scale": [0.01, 0.05, 0.001, 0.2]},
    "ridge": {"alpha": [1.0, 0.1, 10.0, 100.0]},
    "hgb": {"learning_rate": [0.1, 0.05, 0.2], "max_depth": [4, 3, 6]},
    "rf": {"min_samples_leaf": [5, 2, 10]},
    "mlp": {"alpha": [1e-3, 1e-4, 1e-2]},
    "croston": {"alpha": [0.1, 0.05, 0.2, 0.3]},
    "sba": {"alpha": [0.1, 0.05, 0.2, 0.3]},
    "tsb": {"alpha": [0.1, 0.2], "beta": [0.1, 0.05, 0.2]},
    "ma": {"window": [None, 7, 14, 56]},
}


def tune_model(
    alias: str, data: SeriesData, context: FitContext, budget_s: float, base: dict[str, Any] | None = None
) -> tuple[dict[str, Any] | None, str | None]:
    """Best parameters for ``alias`` within ``budget_s`` seconds, and a note for the run's report.

    Returns ``(None, None)`` for models without a grid or too little data for an inner split.
    """
    grid = GRIDS.get(alias)
    h = context.horizon
    if not grid or len(data) < h + 20:
        return None, None
    names = list(grid)
    started = time.perf_counter()
    train, valid = data.head(len(data) - h), data.y[len(data) - h :]
    inner = FitContext(horizon=h, seed=context.seed, country=context.country, events=context.events)
    best, best_score, tried = None, np.inf, 0
    for values in itertools.product(*(grid[n] for n in names)):
        if tried and time.perf_counter() - started > budget_s:
            break
        params = dict(base or {}) | dict(zip(names, values, strict=True))
        try:
            pred = make_model(alias, **params).fit(train, inner).predict(h, None)["mean"]
        except Exception:  # noqa: BLE001 - a candidate that fails is skipped
            continue
        tried += 1
        keep = np.isfinite(valid)
        score = float(np.mean(np.abs(valid[keep] - pred[keep]))) if keep.any() else np.inf
        if score < best_score:
            best, best_score = dict(zip(names, values, strict=True)), score
    if best is None:
        return None, None
    shown = ", ".join(f"{k}={v}" for k, v in best.items())
    return best, Message("note.tuned", model=alias, shown=shown, score=best_score, tried=tried)
