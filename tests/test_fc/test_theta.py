"""The Theta method: worked by hand, and equal to statsmodels' ThetaModel (the reference implementation of
Hyndman & Billah's (2003) formulation) with a cheaper fit of the smoothing weight."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from forecasting.base import FitContext, SeriesData
from forecasting.models import make_model
from forecasting.models.baselines import z_score
from forecasting.models.theta import ses_weight

CONTEXT = FitContext(horizon=14, seed=0)


def daily(y) -> SeriesData:
    y = np.asarray(y, dtype="float64")
    return SeriesData(pd.date_range("2024-01-01", periods=len(y), freq="D"), y, "D")


def test_theta_on_a_straight_line_by_hand():
    # y = 0, 1, 2, 3, 4: the least-squares slope b0 is 1; SES started at y0 has one-step errors 1 at alpha = 1
    # and larger ones below it, so alpha = 1 and the level is the last value, 4. Theta (theta = 2) adds half
    # the drift per step: 4 + h / 2 -> 4.5, 5, 5.5.
    model = make_model("theta", transform="none").fit(daily([0, 1, 2, 3, 4]), CONTEXT)
    assert model.alpha_ == pytest.approx(1.0, abs=1e-3)
    assert model.b0_ == pytest.approx(1.0)
    assert model.predict(3)["mean"] == pytest.approx([4.5, 5.0, 5.5], abs=2e-3)


def test_theta_equals_statsmodels_theta_model_on_a_seasonal_series():
    from statsmodels.tsa.forecasting.theta import ThetaModel

    rng = np.random.default_rng(1)
    n = 200
    t = np.arange(n)
    y = 20 + 0.05 * t + 4 * np.sin(t * 2 * np.pi / 7) + rng.normal(0, 2, n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ThetaModel(y, period=7, method="additive").fit()
    ours = make_model("theta", transform="none").fit(daily(y), CONTEXT)
    assert ours.season_.size == 7  # the weekly cycle passes statsmodels' seasonality test
    assert ours.alpha_ == pytest.approx(float(reference.params["alpha"]), abs=1e-4)
    assert ours.b0_ == pytest.approx(float(reference.params["b0"]), rel=1e-9)
    np.testing.assert_allclose(ours.predict(14)["mean"], reference.forecast(14).to_numpy(), atol=1e-5)


def test_theta_skips_the_seasonal_step_when_there_is_no_cycle():
    rng = np.random.default_rng(2)
    y = 50 + rng.normal(0, 3, 120)
    model = make_model("theta", transform="none").fit(daily(y), CONTEXT)
    assert model.season_.size == 0


def test_theta_intervals_widen_as_simple_exponential_smoothing_s():
    # FPP3 table 8.8, ETS(A,N,N): var_h = sigma^2 (1 + alpha^2 (h - 1)).
    rng = np.random.default_rng(3)
    y = 30 + np.cumsum(rng.normal(0, 1, 150))
    model = make_model("theta", transform="none").fit(daily(y), CONTEXT)
    out = model.predict(5, levels=(80,))
    sd = np.sqrt(model.sigma2_ * (1 + model.alpha_**2 * np.arange(5)))
    np.testing.assert_allclose(out["hi-80"] - out["mean"], z_score(80) * sd, rtol=1e-9)
    np.testing.assert_allclose(out["mean"] - out["lo-80"], z_score(80) * sd, rtol=1e-9)


def test_ses_weight_minimises_the_one_step_errors():
    rng = np.random.default_rng(4)
    y = 10 + np.cumsum(rng.normal(0, 1, 80)) + rng.normal(0, 2, 80)
    alpha = ses_weight(y)

    def sse(a: float) -> float:
        level, total = y[0], 0.0
        for v in y[1:]:
            total += (v - level) ** 2
            level = a * v + (1 - a) * level
        return total

    grid = np.linspace(0.001, 1, 1000)
    assert sse(alpha) <= min(sse(a) for a in grid) + 1e-9
