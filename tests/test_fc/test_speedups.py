"""The speed work must not change what the models estimate: CSS order search, ETS selection without results
objects, and the batched permutation importance agree with the slow reference computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.base import FitContext
from forecasting.models.regression import HGB
from forecasting.models.statistical import ARIMA, ETS, _css_fit
from tests.test_fc.helpers import series, trend_season, weekly_pattern


def _arma(n: int, ar=(), ma=(), seed=0) -> np.ndarray:
    from statsmodels.tsa.arima_process import arma_generate_sample

    np.random.seed(seed)
    return arma_generate_sample(np.r_[1, -np.asarray(ar)], np.r_[1, np.asarray(ma)], n, burnin=200)


def test_css_recovers_ar_and_ma_coefficients():
    # Box, Jenkins & Reinsel: CSS and exact ML agree to O(1/n) for long stationary series.
    z = _arma(3000, ar=(0.6,), seed=1)
    _, (phi,) = _css_fit(z, 1, 0)
    assert phi == pytest.approx(0.6, abs=0.04)
    z = _arma(3000, ma=(0.5,), seed=2)
    _, (theta,) = _css_fit(z, 0, 1)
    assert theta == pytest.approx(0.5, abs=0.04)


def test_css_aicc_prefers_the_true_order_over_white_noise_and_overfitting():
    z = _arma(1500, ar=(0.7,), seed=3)
    ic = {pq: _css_fit(z, *pq)[0] for pq in [(0, 0), (1, 0), (2, 0), (0, 1)]}
    assert ic[(1, 0)] < ic[(0, 1)] and ic[(1, 0)] - min(ic.values()) < 2  # AICc may add a spare lag, no more
    assert ic[(0, 0)] - ic[(1, 0)] > 100  # strong autocorrelation: white noise is far behind


def test_arima_search_picks_an_autoregressive_order_and_fits_it_exactly():
    y = 50 + _arma(700, ar=(0.5,), seed=4) * 3
    spec = ARIMA(transform="none").select(series(y), FitContext(horizon=14, seed=0, events=False))
    p, d, q = spec.order
    assert spec.order == (1, 0, 0) or (d == 0 and p + q >= 1)
    # the start values are exact ML estimates: refitting the same data stays where it starts
    context = FitContext(horizon=14, seed=0, events=False)
    _, _, resid = spec._regression(series(y), context)
    res = spec._fit_one(resid, spec.order, spec.seasonal_order, spec.start_params)
    assert np.allclose(res.params, spec.start_params, atol=1e-3)


def test_arima_white_noise_order_fits():
    y = 40 + np.random.default_rng(5).normal(0, 2, 300)
    fitted = ARIMA(order=(0, 0, 0), transform="none").fit(series(y), FitContext(horizon=7, seed=0, events=False))
    out = fitted.predict(7, pd.DataFrame(index=range(7)), (80,))
    assert np.allclose(out["mean"], y.mean(), atol=0.5)
    assert np.all(out["hi-80"] > out["mean"])


@pytest.mark.parametrize("make", [weekly_pattern, trend_season])
def test_ets_selection_matches_the_aicc_of_full_results(make):
    data = series(make(seed=6))
    model = ETS()
    chosen = model.select(data, FitContext(horizon=7, seed=0))
    y = pd.Series(np.log1p(np.clip(data.y_filled(), 0, None)))
    scores = {}
    for trend, damped, seasonal in model._candidates(data):
        res = ETS._model(y, 7, trend, damped, seasonal).fit(disp=False, maxiter=200)  # statsmodels' own fit
        scores[(trend, damped, seasonal)] = res.aicc
    assert (chosen.trend, chosen.damped, chosen.seasonal) == min(scores, key=scores.get)
    assert chosen.start_params is not None


def test_batched_permutation_importance_ranks_like_sklearn():
    from sklearn.inspection import permutation_importance

    y = weekly_pattern(n=400, seed=7)
    fitted = HGB(max_iter=30).fit(series(y), FitContext(horizon=7, seed=0, events=False))
    ours = fitted.importances()
    ref = permutation_importance(
        fitted.estimator_,
        fitted.train_x_.to_numpy(),
        fitted.train_y_,
        n_repeats=20,
        random_state=0,
        scoring="neg_mean_absolute_error",
    )
    ref = pd.Series(ref.importances_mean, index=fitted.columns_)
    assert ours.index[0] == ref.idxmax()
    assert np.corrcoef(ours.reindex(ref.index), ref)[0, 1] > 0.9


def test_driver_features_fill_prices_as_pandas_does():
    from forecasting.features import driver_features

    def reference(exog):  # the pandas formulation the numpy one replaced
        out = pd.DataFrame(index=range(len(exog)))
        out["promo"] = exog["promo"].fillna(0.0).to_numpy(dtype="float64")
        price = exog["price"].astype("float64")
        out["log_price"] = np.log(price.where(price > 0)).ffill().bfill().fillna(0.0).to_numpy()
        return out

    rng = np.random.default_rng(0)
    for _ in range(300):
        n = int(rng.integers(0, 25))
        exog = pd.DataFrame(
            {"promo": rng.choice([np.nan, 0.0, 1.0], n), "price": rng.choice([np.nan, -1.0, 0.0, 2.5, 9.0], n)}
        )
        pd.testing.assert_frame_equal(driver_features(exog), reference(exog))


@pytest.mark.parametrize(("freq", "horizon", "n"), [("D", 91, 730), ("D", 7, 60), ("W", 13, 104), ("M", 3, 36)])
def test_lag_features_are_pandas_shift_and_rolling(freq, horizon, n):
    # The lag and rolling features come from a window view; they must be what pandas' shift and
    # rolling(w, min_periods=w // 2) give: exactly on counts, to rounding on real values.
    from forecasting.features import lag_features, lag_spec

    def reference(y_filled):
        y = pd.Series(np.concatenate([y_filled, np.full(horizon, np.nan)]))
        lags, windows = lag_spec(freq, horizon, len(y_filled))
        cols = {f"lag_{lag}": y.shift(lag) for lag in lags}
        base = y.shift(horizon)
        for w in windows:
            cols[f"mean_{w}"] = base.rolling(w, min_periods=max(1, w // 2)).mean()
            cols[f"max_{w}"] = base.rolling(w, min_periods=max(1, w // 2)).max()
        if windows:
            w = windows[-1]
            sold = (base > 0).astype(float).where(base.notna())
            cols[f"nonzero_{w}"] = sold.rolling(w, min_periods=max(1, w // 2)).mean()
        return pd.DataFrame(cols)

    rng = np.random.default_rng(1)
    counts = rng.poisson(2, n).astype(float)
    counts[: n // 5] = 0.0  # a quiet start: the nonzero share moves
    pd.testing.assert_frame_equal(lag_features(counts, horizon, freq, n + horizon), reference(counts))
    real = rng.gamma(2.0, 1.7, n)
    pd.testing.assert_frame_equal(
        lag_features(real, horizon, freq, n + horizon), reference(real), check_exact=False, rtol=1e-12
    )


def test_regressor_screen_is_pandas_std_above_zero():
    # ARIMA keeps the regressors whose standard deviation is positive; the screen runs on numpy and must
    # agree with pandas' Series.std() > 0, including constant prices whose mean is not exact in binary.
    from forecasting.models.statistical import _varies

    rng = np.random.default_rng(2)
    columns = [
        np.full(50, np.log(2.95)),
        np.r_[np.full(30, np.log(1.25)), np.full(20, np.nan)],
        np.full(40, 0.1 * 3),
        np.zeros(60),
        np.r_[1.0, np.full(9, np.nan)],
        np.full(5, np.nan),
        rng.normal(size=30),
        np.r_[np.zeros(99), 1.0],
    ]
    columns += [np.full(n, v) for n in (3, 7, 365, 731) for v in rng.uniform(-3, 3, 20)]
    for col in columns:
        assert _varies(col) == bool(pd.Series(col).std() > 0)
