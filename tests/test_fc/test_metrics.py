"""Metrics against hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.metrics import accuracy, coverage, mase_scale, smape, wape


def test_accuracy_hand_computed_case():
    # y = 2, 4, 6; f = 3, 4, 3 -> errors (f - y) = 1, 0, -3.
    y, f = np.array([2.0, 4.0, 6.0]), np.array([3.0, 4.0, 3.0])
    # Training 1, 2, 4, 7 with m = 1: mean |diff| = (1 + 2 + 3) / 3 = 2.
    scale = mase_scale(np.array([1.0, 2.0, 4.0, 7.0]), 1)
    m = accuracy(y, f, scale)
    assert scale == 2.0
    assert m["mae"] == pytest.approx(4 / 3)
    assert m["rmse"] == pytest.approx(np.sqrt(10 / 3))
    assert m["wape"] == pytest.approx(4 / 12)
    # sMAPE terms: 2*1/5, 0, 2*3/9 -> mean 0.35556 -> 35.556 %
    assert m["smape"] == pytest.approx(100 * (0.4 + 0 + 2 / 3) / 3)
    assert m["mase"] == pytest.approx((4 / 3) / 2)
    assert m["bias"] == pytest.approx(-2 / 3)


def test_smape_is_safe_at_zero():
    assert smape(np.zeros(3), np.zeros(3)) == 0.0
    assert smape(np.array([0.0]), np.array([2.0])) == 200.0


def test_metrics_skip_censored_actuals():
    y = np.array([1.0, np.nan, 3.0])
    f = np.array([2.0, 100.0, 3.0])
    assert accuracy(y, f, 1.0)["mae"] == 0.5
    assert wape(y, f) == 0.25


def test_mase_scale_falls_back_to_lag_one_when_seasonal_scale_is_zero():
    train = np.array([5.0, 1.0, 5.0, 1.0, 5.0, 1.0])
    assert mase_scale(train, 2) == 4.0  # lag 2 differences are all zero


def test_coverage_counts_points_inside():
    assert coverage(np.array([1.0, 2.0, 3.0, 4.0]), np.full(4, 1.5), np.full(4, 3.0)) == 0.5


def test_mae_and_rmse_are_scikit_learns():
    from sklearn.metrics import mean_absolute_error, root_mean_squared_error

    rng = np.random.default_rng(0)
    for n in (1, 7, 91, 500):
        y = rng.poisson(5, n).astype(float)
        f = y + rng.normal(0, 2, n)
        m = accuracy(y, f, 1.0)
        assert m["mae"] == pytest.approx(mean_absolute_error(y, f), rel=1e-12)
        assert m["rmse"] == pytest.approx(root_mean_squared_error(y, f), rel=1e-12)
