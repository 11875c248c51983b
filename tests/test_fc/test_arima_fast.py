"""The compiled ARIMA likelihood and estimator agree with statsmodels' SARIMAX."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.statespace.tools import constrain_stationary_univariate, unconstrain_stationary_univariate

from forecasting.models.arima_fast import _ma_invertible, arma_loglike, constrain, fit_arima, unconstrain


def _arma(n: int, ar=(), ma=(), seed=0) -> np.ndarray:
    from statsmodels.tsa.arima_process import arma_generate_sample

    np.random.seed(seed)
    return arma_generate_sample(np.r_[1, -np.asarray(ar)], np.r_[1, np.asarray(ma)], n, burnin=200)


@pytest.mark.parametrize(("ar", "ma"), [((0.5,), ()), ((), (0.4,)), ((0.6, -0.2), (0.3,)), ((0.9, -0.3), (0.2, 0.5))])
def test_the_likelihood_is_sarimax_concentrated_likelihood(ar, ma):
    z = _arma(500, ar=(0.5,), ma=(0.3,), seed=1)
    ours = arma_loglike(z, np.array(ar, dtype=float), np.array(ma, dtype=float))
    ref = SARIMAX(z, order=(len(ar), 0, len(ma)), concentrate_scale=True).smooth(np.r_[ar, ma]).llf
    assert ours == pytest.approx(ref, rel=1e-9)


def test_missing_values_are_skipped_as_sarimax_skips_them():
    z = _arma(400, ar=(0.7,), ma=(-0.2,), seed=2)
    z[[10, 11, 12, 200, 350]] = np.nan
    ours = arma_loglike(z, np.array([0.7]), np.array([-0.2]))
    ref = SARIMAX(z, order=(1, 0, 1), concentrate_scale=True).smooth([0.7, -0.2]).llf
    assert ours == pytest.approx(ref, rel=1e-9)


def test_the_transform_is_statsmodels_monahan_transform():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3):
        u = rng.normal(0, 2, n)
        c = constrain(u)
        assert np.allclose(c, constrain_stationary_univariate(u))
        assert np.allclose(unconstrain(c), unconstrain_stationary_univariate(c))
    assert unconstrain(np.array([1.2])) is None  # not stationary


@pytest.mark.parametrize(
    ("order", "ar", "ma"), [((1, 0, 1), (0.6,), (0.3,)), ((2, 0, 0), (0.5, 0.3), ()), ((1, 1, 1), (0.6,), (0.3,))]
)
def test_estimates_reach_sarimax_likelihood_from_the_same_start(order, ar, ma):
    z = _arma(700, ar=ar, ma=ma, seed=4)
    y = np.cumsum(z) if order[1] else z
    model = SARIMAX(y, order=order, concentrate_scale=True)
    start = model.start_params
    ref = model.fit(disp=False, maxiter=50, start_params=start)
    params = fit_arima(y, *order, start=start)
    assert model.smooth(params).llf >= ref.llf - 0.01
    assert np.allclose(params, ref.params, atol=0.02)
    assert np.allclose(params, np.r_[ar, ma], atol=0.1)  # and near the simulated values


@pytest.mark.parametrize(("p", "q"), [(1, 0), (0, 1), (2, 2)])
def test_the_compiled_gradient_is_the_one_lbfgsb_would_compute_so_the_search_is_unchanged(p, q):
    # One compiled call gives the value and the forward differences L-BFGS-B takes when it has no gradient
    # (absolute step 1e-8); the estimates must be exactly those of that search on the same objective.
    from scipy.optimize import minimize
    from scipy.optimize._numdiff import approx_derivative

    from forecasting.models.arima_fast import _objective, _value_and_grad

    z = _arma(300, ar=(0.5,), ma=(0.3,), seed=7)
    n = len(z)

    def objective(u):
        return _objective(z, u, p, n)

    for u in (np.zeros(p + q), np.linspace(-0.8, 0.6, p + q)):
        value, grad = _value_and_grad(z, u, p, n)
        assert value == objective(u)
        np.testing.assert_array_equal(grad, approx_derivative(objective, u, method="2-point", abs_step=1e-8))
    plain = minimize(objective, np.zeros(p + q), method="L-BFGS-B", options={"maxiter": 50}).x
    ar = constrain(plain[:p].copy()) if p else np.zeros(0)
    ma = -constrain(plain[p:].copy()) if q else np.zeros(0)
    np.testing.assert_array_equal(fit_arima(z, p, 0, q), np.r_[ar, ma])


def test_a_non_stationary_start_falls_back_to_zeros_and_still_converges():
    z = _arma(600, ar=(0.5,), seed=5)
    params = fit_arima(z, 1, 0, 0, start=np.array([1.5]))
    assert params[0] == pytest.approx(0.5, abs=0.08)


def test_the_invertibility_triangle_is_the_root_condition():
    rng = np.random.default_rng(6)
    for q in (1, 2):
        for _ in range(4500):
            theta = rng.uniform(-2.5, 2.5, q)
            roots = np.abs(np.roots(np.r_[1.0, theta][::-1]))
            assert _ma_invertible(theta) == bool(np.all(roots > 1.0))


@pytest.mark.parametrize(("p", "q"), [(1, 0), (0, 1), (1, 1), (2, 1), (1, 2), (2, 2)])
def test_css_errors_and_jacobian_are_lfilter_and_least_squares_own_bit_for_bit(p, q):
    # The CSS search gets its errors and Jacobian from compiled code; they must be the numbers the search
    # used to get from scipy (lfilter, and least_squares' own 2-point differences), so it picks the same orders.
    from scipy.optimize._numdiff import approx_derivative
    from scipy.signal import lfilter

    from forecasting.models.arima_fast import css_errors, css_jacobian

    z = np.diff(np.cumsum(_arma(400, ar=(0.4,), ma=(0.3,), seed=8)))
    rng = np.random.default_rng(9)
    for x in (np.full(p + q, 0.1), rng.uniform(-0.6, 0.6, p + q), np.zeros(p + q)):
        reference = lfilter(np.r_[1.0, -x[:p]], np.r_[1.0, x[p:]], z)[p:]
        np.testing.assert_array_equal(css_errors(x, z, p), reference)
        expected = approx_derivative(lambda v: css_errors(v, z, p), x, method="2-point")
        np.testing.assert_array_equal(css_jacobian(x, z, p), expected)
    if q:
        bad = np.r_[np.zeros(p), 1.5, np.zeros(q - 1)]  # MA root inside the unit circle: the penalty
        assert np.all(css_errors(bad, z, p) == 1e6)
