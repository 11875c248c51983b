"""Degenerate series through every model: a forecast, or a clear per-model failure with the fallback used."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.engine import FALLBACK, ForecastConfig, forecast_series
from forecasting.models import INTERMITTENT, REGISTRY
from tests.test_fc.helpers import series


def _gappy() -> np.ndarray:
    y = np.tile([3.0, 4.0, 5.0, 4.0, 6.0, 9.0, 8.0], 12)
    y[10:25] = np.nan  # a censored stretch (stock-out)
    y[50:53] = np.nan
    return y


CASES = {
    "length_1": np.array([4.0]),
    "length_2": np.array([4.0, 6.0]),
    "length_3": np.array([4.0, 6.0, 5.0]),
    "constant": np.full(90, 5.0),
    "all_zero": np.zeros(90),
    "single_spike": np.r_[np.zeros(60), 250.0, np.zeros(29)],
    "gaps": _gappy(),
}
MODELS = sorted(a for a in REGISTRY if a != "analog")


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("alias", MODELS)
def test_every_model_forecasts_or_falls_back_clearly(alias, case):
    cls = REGISTRY[alias]
    config = ForecastConfig(
        horizon=7, folds=2, models=(alias,), levels=(80,), params=((alias, tuple(cls.test_params().items())),)
    )
    result = forecast_series(series(CASES[case]), config, demand_class="lumpy" if alias in INTERMITTENT else None)
    mean = result.forecast[alias].to_numpy()
    assert len(mean) == 7
    assert np.all(np.isfinite(mean)) and np.all(mean >= 0), (alias, case, mean)
    row = result.metrics.set_index("model").loc[alias]
    if result.failures.get(alias):
        # A failure names the model's problem, and the forecast came from the fallback.
        assert all(isinstance(f, str) and len(f) > 10 for f in result.failures[alias])
        assert row["final_fallback"] or row["fallback_folds"] > 0
        np.testing.assert_allclose(mean, result.forecast[FALLBACK].to_numpy())
    observed = CASES[case][np.isfinite(CASES[case])]
    if case in ("constant", "all_zero") and not result.failures.get(alias):
        # A flat history gets a flat forecast at its level (within the models' smoothing).
        assert np.allclose(mean, observed[-1], atol=0.5 + 0.05 * observed[-1]), (alias, mean)
    if case == "single_spike":
        assert mean.max() < 250.0  # one bulk order is not repeated as a weekly pattern
