"""The ETS estimator with concentrated initial states: textbook values, statsmodels' likelihood at its
parameters, at least statsmodels' own optimum, and no stop on a bound where statsmodels' start leads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from forecasting.base import FitContext
from forecasting.models.ets_fast import EtsSpec, concentrated_sse, fit_ets
from forecasting.models.statistical import ETS
from tests.test_fc.helpers import ar1, series, trend_season, weekly_pattern

FORMS = [(None, False, None), (None, False, "add"), ("add", False, None), ("add", False, "add"), ("add", True, None)]
FORMS.append(("add", True, "add"))
UCI_17003 = Path(__file__).resolve().parent.parent / "data" / "uci_daily_17003.csv"


def _statsmodels(y: np.ndarray, form, m: int = 7):
    """statsmodels' ETSModel of the form, as ETS builds it (its fit is statsmodels' own joint search)."""
    return ETS._model(pd.Series(y), m, *form)


def test_simple_exponential_smoothing_of_saudi_oil_matches_the_textbook():
    # Hyndman & Athanasopoulos, Forecasting: Principles and Practice (2nd ed.), section 7.1, Table 7.1: oil
    # production in Saudi Arabia 1996-2013 (fpp2::oil), ses() gives alpha = 0.8339 and l0 = 446.59.
    oil = [445.3641, 453.1950, 454.4096, 422.3789, 456.0371, 440.3866, 425.1944, 486.2052, 500.4291, 521.2759]
    oil += [508.9476, 488.8889, 509.8706, 456.7229, 473.8166, 525.9509, 549.8338, 542.3405]
    params, _ = fit_ets(np.array(oil), EtsSpec(None, False, None, 1))
    assert params[0] == pytest.approx(0.8339, abs=1e-3)
    assert params[1] == pytest.approx(446.59, abs=0.05)


@pytest.mark.parametrize("make", [weekly_pattern, trend_season, ar1])
@pytest.mark.parametrize("form", FORMS)
def test_the_likelihood_is_statsmodels_at_its_parameters_and_at_least_its_optimum(make, form):
    y = np.log1p(make(seed=11))
    params, llf = fit_ets(y, EtsSpec(*form, 7))
    model = _statsmodels(y, form)
    assert len(params) == len(model.param_names)
    assert model.smooth(params).llf == pytest.approx(llf, rel=1e-9)
    reference = model.fit(disp=False, maxiter=200)
    assert llf >= reference.llf - 0.01


def test_the_initial_states_are_the_least_squares_solution():
    y = np.log1p(trend_season(seed=3))
    spec = EtsSpec("add", True, "add", 7)
    w = np.array([0.2, 0.1, 0.1, 0.9])
    sse, x0 = concentrated_sse(y, spec, w)
    params = spec.params(w, x0)
    base = _statsmodels(y, ("add", True, "add")).smooth(params)
    assert np.sum(base.resid**2) == pytest.approx(sse, rel=1e-9)
    # any other initial states fit worse
    rng = np.random.default_rng(0)
    for _ in range(5):
        moved = params.copy()
        moved[4:-1] += rng.normal(0, 0.05, len(moved) - 5)
        other = _statsmodels(y, ("add", True, "add")).smooth(moved)
        assert np.sum(other.resid**2) > sse


def _uci_17003() -> np.ndarray:
    frame = pd.read_csv(UCI_17003, comment="#")
    return np.log1p(frame["qty"].interpolate(limit_direction="both").to_numpy())


def test_a_local_optimum_on_the_bound_is_left_behind():
    # Real data (UCI Online Retail II, StockCode 17003): the profile likelihood of ETS(A,A,A) has a local
    # optimum at alpha = 1e-4. A box-bounded search from statsmodels' start steps onto it and stops.
    y = _uci_17003()
    spec = EtsSpec("add", False, "add", 7)

    def objective(w):
        return np.log(concentrated_sse(y, spec, w)[0])

    boxed = minimize(objective, spec.start(), method="L-BFGS-B", bounds=spec.bounds())
    assert boxed.x[0] == pytest.approx(1e-4)
    params, llf = fit_ets(y, spec)
    reference = _statsmodels(y, ("add", False, "add")).fit(disp=False, maxiter=200).llf
    assert params[0] > 0.01
    assert llf >= reference - 0.01
    n = len(y)
    assert llf > -n / 2 * (np.log(2 * np.pi * np.exp(boxed.fun) / n) + 1) + 3


def test_refit_from_a_start_reaches_the_same_optimum():
    y = np.log1p(weekly_pattern(seed=4))
    spec = EtsSpec("add", True, "add", 7)
    params, llf = fit_ets(y, spec)
    again, llf2 = fit_ets(y, spec, start=spec.weights_from_params(params))
    assert llf2 == pytest.approx(llf, abs=1e-3)
    assert np.allclose(again[:4], params[:4], atol=0.02)  # the same weights


def test_a_constant_series_is_estimated_not_rejected():
    data = series(np.full(120, 5.0))
    fitted = ETS().fit(data, FitContext(horizon=7, seed=0, events=False))
    out = fitted.predict(7, pd.DataFrame(index=range(7)), (80,))
    assert np.allclose(out["mean"], 5.0, atol=1e-6)


def test_ets_select_ranks_forms_by_the_aicc_of_statsmodels_results():
    data = series(trend_season(seed=8))
    chosen = ETS().select(data, FitContext(horizon=7, seed=0))
    y = np.log1p(np.clip(data.y_filled(), 0, None))
    scores = {}
    for form in ETS()._candidates(data):
        params, _ = fit_ets(y, EtsSpec(*form, 7))
        scores[form] = _statsmodels(y, form).smooth(params).aicc
    assert (chosen.trend, chosen.damped, chosen.seasonal) == min(scores, key=scores.get)


@pytest.mark.parametrize("form", FORMS)
def test_the_compiled_gradient_is_scipys_forward_difference_of_the_same_objective(form):
    # The search takes value and gradient from one compiled call; they must be what L-BFGS-B computes from
    # the objective itself when given no gradient (2-point differences, absolute step 1e-8), so the search
    # is the one it was.
    from scipy.optimize._numdiff import approx_derivative

    from forecasting.models.ets_fast import _logit_objective, _logit_value_and_grad

    y = trend_season(n=200, seed=3)
    spec = EtsSpec(*form, 7)
    lo, hi = (np.ascontiguousarray(b) for b in np.array(spec.bounds(), dtype=float).T)
    args = (spec.m, int(spec.has_trend), bool(spec.has_season), bool(spec.damped), 1e-12)
    for u in (np.zeros(spec.n_weights), np.linspace(-2.0, 1.5, spec.n_weights)):
        value, grad = _logit_value_and_grad(y, u, lo, hi, *args)
        assert value == _logit_objective(y, u, lo, hi, *args)
        expected = approx_derivative(
            lambda v: _logit_objective(y, v, lo, hi, *args), u, method="2-point", abs_step=1e-8
        )
        np.testing.assert_array_equal(grad, expected)
        # and the objective is log SSE at those weights, states concentrated out
        w = lo + (hi - lo) / (1 + np.exp(-u))
        assert value == pytest.approx(np.log(concentrated_sse(y, spec, w)[0]), rel=1e-12)


def test_the_grid_is_scored_by_the_same_objective():
    from forecasting.models.ets_fast import _grid_objectives, _weights_objective

    y = trend_season(n=150, seed=4)
    spec = EtsSpec("add", True, "add", 7)
    grid = np.array([[0.1, 0.2, 0.3, 0.9], [0.5, 0.01, 0.6, 0.85], [0.9, 0.9, 0.01, 0.97]])
    args = (7, 1, True, True, 1e-12)
    values = _grid_objectives(y, grid, *args)
    assert list(values) == [_weights_objective(y, row.copy(), *args) for row in grid]
    assert values[0] == pytest.approx(np.log(concentrated_sse(y, spec, grid[0])[0]), rel=1e-12)
