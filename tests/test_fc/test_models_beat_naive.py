"""Each model beats naive on a synthetic series built to have the pattern it is designed for.

Scores are averaged over four forecast origins so one lucky window cannot decide.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.base import FitContext
from forecasting.models import make_model
from tests.test_fc.helpers import ar1, intermittent, series, trend_season, weekly_pattern

H = 14


def _score(alias, data, params=None, metric="mae", origins=4, future=None):
    errors = []
    for k in range(origins):
        end = len(data) - H - k * H
        train = data.head(end)
        fut = future(end) if future else None
        pred = make_model(alias, **(params or {})).fit(train, FitContext(horizon=H, seed=1)).predict(H, fut)["mean"]
        actual = data.y[end : end + H]
        errors.append(np.mean(np.abs(actual - pred)) if metric == "mae" else np.sqrt(np.mean((actual - pred) ** 2)))
    return float(np.mean(errors))


@pytest.mark.parametrize(
    ("alias", "make", "params"),
    [
        ("snaive", lambda: series(weekly_pattern(240, noise=0.5)), {}),
        ("ma", lambda: series(20 + np.random.default_rng(1).normal(0, 4, 240)), {}),
        ("ets", lambda: series(trend_season(300)), {}),
        ("arima", lambda: series(ar1(300, phi=0.9)), {}),
        ("prophet", lambda: series(trend_season(400)), {}),
        ("ridge", lambda: series(weekly_pattern(240)), {}),
        ("hgb", lambda: series(weekly_pattern(300)), {}),
        ("rf", lambda: series(weekly_pattern(300)), {"n_estimators": 50}),
        ("mlp", lambda: series(weekly_pattern(300)), {}),
    ],
)
def test_model_beats_naive_on_its_pattern(alias, make, params):
    data = make()
    assert _score(alias, data, params) < 0.85 * _score("naive", data)


@pytest.mark.parametrize("alias", ["croston", "sba", "tsb"])
def test_intermittent_models_beat_naive_in_rmse(alias):
    # Naive repeats the last period (often 0, sometimes a spike); a smoothed rate wins in squared error.
    data = series(intermittent(400, seed=4))
    assert _score(alias, data, metric="rmse", origins=8) < 0.85 * _score("naive", data, metric="rmse", origins=8)


def test_regression_models_use_planned_promotions():
    rng = np.random.default_rng(5)
    n = 300
    promo = (rng.random(n + H) < 0.15).astype(float)
    y = weekly_pattern(n + H, noise=0.5) * (1 + 1.5 * promo)
    full = series(y, exog={"promo": promo})
    import pandas as pd

    def plan(end):
        return pd.DataFrame({"promo": promo[end : end + H]})

    assert _score("ridge", full, future=plan) < 0.6 * _score(
        "ridge", full, future=lambda end: pd.DataFrame({"promo": np.zeros(H)})
    )
