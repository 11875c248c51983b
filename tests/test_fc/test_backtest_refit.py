"""Backtests that estimate once (``ForecastConfig.refit=False``, statsforecast's ``refit=False``) and the
speed paths that must not change any number: Prophet without its Python overhead, ETS without the parameter
covariance."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from forecasting.base import FitContext
from forecasting.engine import ForecastConfig, cutoffs, forecast_series
from forecasting.models import REGISTRY, make_model
from forecasting.models.regression import Ridge
from tests.test_fc.helpers import series, trend_season, weekly_pattern

H = 14
CONTEXT = FitContext(horizon=H, seed=3, events=True)


def _shifted(n=240, shift_from=200, factor=2.0):
    """A wandering level with a weekly pattern (so smoothing weights are far from zero), multiplied by
    ``factor`` from ``shift_from`` on."""
    rng = np.random.default_rng(4)
    y = np.clip(60 + np.cumsum(rng.normal(0, 1.5, n)) + weekly_pattern(n, seed=4) - 20, 1, None)
    y[shift_from:] *= factor
    return series(y)


@pytest.mark.parametrize("alias", ["ets", "arima"])
def test_state_space_update_keeps_the_parameters_and_filters_the_new_periods(alias):
    data = _shifted()
    fitted = make_model(alias).fit(data.head(200), CONTEXT)
    moved = fitted.update(data.head(230))
    np.testing.assert_allclose(np.asarray(moved.result_.params), np.asarray(fitted.result_.params))
    before = fitted.predict(H)["mean"].mean()
    after = moved.predict(H)["mean"].mean()
    refit = make_model(alias).fit(data.head(230), CONTEXT).predict(H)["mean"].mean()
    # The level doubled after the first origin: the filtered state follows it, as a refit does.
    assert after > 1.5 * before
    assert after == pytest.approx(refit, rel=0.2)


@pytest.mark.parametrize("alias", ["prophet", "ridge"])
def test_models_without_state_forecast_the_same_dates_the_same_way_after_an_update(alias):
    data = series(trend_season(300))
    fitted = make_model(alias).fit(data.head(250), CONTEXT)
    long = fitted.predict(H + 20)["mean"]
    moved = fitted.update(data.head(270)).predict(H)["mean"]
    np.testing.assert_allclose(moved, long[20:], rtol=1e-9)


def test_lag_models_read_the_new_lags_with_the_same_estimator():
    data, low = _shifted(factor=1.0), _shifted(factor=0.5)  # the same up to day 200, then halved
    fitted = make_model("hgb", max_iter=30).fit(data.head(200), CONTEXT)
    moved, moved_low = fitted.update(data.head(230)), fitted.update(low.head(230))
    assert moved.estimator_ is fitted.estimator_ is moved_low.estimator_
    # The same trees, different recent sales: the forecast follows the lags.
    assert moved_low.predict(H)["mean"].mean() < 0.85 * moved.predict(H)["mean"].mean()


class _CountingRidge(Ridge):
    alias = "counting"
    fits = 0
    updates = 0

    def _fit(self, data, context):
        type(self).fits += 1
        super()._fit(data, context)

    def update(self, data):
        type(self).updates += 1
        return super().update(data)


def test_refit_false_fits_once_for_the_backtest_and_once_for_the_forecast(monkeypatch):
    monkeypatch.setitem(REGISTRY, "counting", _CountingRidge)
    data = series(weekly_pattern(240))
    for refit, fits, updates in ((True, 4, 0), (False, 2, 2)):
        _CountingRidge.fits = _CountingRidge.updates = 0
        forecast_series(data, ForecastConfig(horizon=H, folds=3, models=("counting",), refit=refit))
        assert (_CountingRidge.fits, _CountingRidge.updates) == (fits, updates), refit


def test_refit_false_shares_the_first_fold_and_the_final_forecast_with_a_full_backtest():
    data = series(trend_season(300, seed=2))
    models = ("snaive", "ets", "ridge")
    every = forecast_series(data, ForecastConfig(horizon=H, folds=3, models=models))
    once = forecast_series(data, ForecastConfig(horizon=H, folds=3, models=models, refit=False))
    first = every.backtest["cutoff"].min()
    for alias in models:
        a, b = every.backtest, once.backtest
        np.testing.assert_allclose(a.loc[a.cutoff == first, alias], b.loc[b.cutoff == first, alias], rtol=1e-9)
        np.testing.assert_allclose(every.forecast[alias], once.forecast[alias], rtol=1e-9)
    # Seasonal naive has no parameters: every fold is the same either way. ETS' later folds use older
    # parameters, so they differ, but only a little on a stable series.
    np.testing.assert_allclose(every.backtest["snaive"], once.backtest["snaive"])
    later = every.backtest["cutoff"] > first
    gap = np.abs(every.backtest.loc[later, "ets"].to_numpy() - once.backtest.loc[later, "ets"].to_numpy())
    assert 0 < gap.max() < 0.2 * every.backtest.loc[later, "ets"].mean()


@pytest.mark.parametrize("fold", [1, 2])
def test_refit_false_never_sees_data_after_a_folds_cutoff(fold):
    rng = np.random.default_rng(fold)
    y = trend_season(260, seed=fold)
    models = ("ets", "arima", "prophet", "ridge", "hgb")
    params = (("arima", (("max_fits", 4),)), ("hgb", (("max_iter", 20),)))
    config = ForecastConfig(horizon=H, folds=3, models=models, levels=(80,), refit=False, params=params)
    base = forecast_series(series(y), config)
    end = cutoffs(len(y), H, 3)[fold]
    tampered = y.copy()
    tampered[end:] = rng.uniform(0, 1000, len(y) - end)
    again = forecast_series(series(tampered), config)
    cutoff = sorted(base.backtest["cutoff"].unique())[fold]
    a = base.backtest[base.backtest["cutoff"] <= cutoff]
    b = again.backtest[again.backtest["cutoff"] <= cutoff]
    assert len(a) == (fold + 1) * H
    for alias in models:
        np.testing.assert_allclose(a[alias].to_numpy(), b[alias].to_numpy(), rtol=1e-9, err_msg=alias)


def test_the_config_records_the_choice_and_defaults_to_refitting():
    assert ForecastConfig().refit is True
    assert dataclasses.asdict(ForecastConfig(refit=False))["refit"] is False


# --- speed paths that must give the stock numbers -------------------------------------------------------


def _prophet_frame(n=200):
    ds = pd.date_range("2023-01-02", periods=n, freq="D")
    rng = np.random.default_rng(0)
    promo = (rng.random(n) < 0.1).astype(float)
    y = np.log1p(weekly_pattern(n) * (1 + promo))
    return pd.DataFrame({"ds": ds, "y": y, "promo": promo})


def _holidays():
    from forecasting.calendars import country_holidays, event_frame

    start, end = pd.Timestamp("2023-01-02"), pd.Timestamp("2023-12-31")
    hol = country_holidays("GB", start, end).assign(lower_window=0, upper_window=0)
    return pd.concat([event_frame(start, end), hol], ignore_index=True)


def _pair():
    from prophet import Prophet

    from forecasting.models.fast_prophet import FastProphet

    models = []
    for cls in (Prophet, FastProphet):
        m = cls(holidays=_holidays(), yearly_seasonality=False, uncertainty_samples=0, changepoint_prior_scale=0.01)
        m.add_regressor("promo")
        models.append(m)
    return models


def test_fast_prophet_builds_the_stock_features_and_stan_input():
    import dataclasses as dc

    from prophet.models import CmdStanPyBackend
    from stanio.json import dump_stan_json

    from forecasting.models.fast_prophet import NumpyStanBackend

    frame = _prophet_frame()
    stock, fast = _pair()
    a, b = stock.preprocess(frame), fast.preprocess(frame)
    sa, sb = stock.make_all_seasonality_features(stock.history), fast.make_all_seasonality_features(fast.history)
    pd.testing.assert_frame_equal(sa[0], sb[0])  # features, in Prophet's column order
    assert sa[1] == sb[1]  # prior scales
    pd.testing.assert_frame_equal(sa[2], sb[2])  # component indicator matrix
    assert sa[3] == sb[3]  # modes
    assert sa[0].filter(like="618_delim").to_numpy().sum() == 6  # June 13-18 2023 lie in the data's range
    assert sa[0].filter(like="GB: ").to_numpy().sum() > 0
    init = dc.asdict(stock.calculate_initial_params(a.K))
    stock_init, stock_data = CmdStanPyBackend.prepare_data(init, dc.asdict(a))
    fast_init, fast_data = NumpyStanBackend.prepare_data(init, dc.asdict(b))
    assert dump_stan_json(fast_data) == dump_stan_json(stock_data)
    assert dump_stan_json(fast_init) == dump_stan_json(stock_init)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_fast_prophet_fourier_terms_are_the_stock_bits(unit):
    from prophet import Prophet

    from forecasting.models.fast_prophet import FastProphet

    dates = pd.Series(pd.date_range("2009-12-01 06:00", periods=800, freq="D").astype(f"datetime64[{unit}]"))
    for period, order in ((7, 3), (365.25, 10), (30.5, 5)):
        assert np.array_equal(
            FastProphet.fourier_series(dates, period, order), Prophet.fourier_series(dates, period, order)
        )
    aware = pd.Series(pd.date_range("2024-03-01", periods=60, freq="D", tz="Europe/London"))
    assert np.array_equal(FastProphet.fourier_series(aware, 7, 3), Prophet.fourier_series(aware, 7, 3))
    with pytest.raises(ValueError, match="series_order"):
        FastProphet.fourier_series(dates, 7, 0)


def test_fast_prophet_forecasts_what_prophet_forecasts():
    frame = _prophet_frame()
    stock, fast = _pair()
    stock.fit(frame, seed=1)
    fast.fit(frame, seed=1)
    # Several predictions from one fit (the holiday table is built once after the fit): each as Prophet's.
    for start, periods in ((1, 30), (1, 90), (40, 14)):
        first = frame["ds"].iloc[-1] + pd.Timedelta(days=start)
        future = pd.DataFrame({"ds": pd.date_range(first, periods=periods)})
        future["promo"] = 0.0
        np.testing.assert_allclose(fast.predict(future)["yhat"], stock.predict(future)["yhat"], rtol=1e-12)
    # After the fit the component matrix is built once and reused: every later call returns the stock
    # matrix and modes, and a caller changing what it got back does not change the next call's.
    future = stock.setup_dataframe(pd.DataFrame({"ds": pd.date_range("2024-02-01", periods=20), "promo": 0.0}))
    for _ in range(3):
        got = fast.make_all_seasonality_features(future)
        want = stock.make_all_seasonality_features(future)
        pd.testing.assert_frame_equal(got[2], want[2])
        assert got[3] == want[3]
        got[2].iloc[:, :] = 7
        got[3]["additive"].append("tampered")


def test_lean_ets_gives_the_stock_forecast_and_intervals():
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    from forecasting.models.statsmodels_fast import LeanETSModel

    y = pd.Series(np.log1p(trend_season(300)))
    spec = {"error": "add", "trend": "add", "damped_trend": True, "seasonal": "add", "seasonal_periods": 7}
    stock = ETSModel(y, **spec).fit(disp=False)
    lean = LeanETSModel(y, **spec).fit(disp=False)
    a, b = (
        stock.get_prediction(300, 313).summary_frame(alpha=0.2),
        lean.get_prediction(300, 313).summary_frame(alpha=0.2),
    )
    pd.testing.assert_frame_equal(a, b)
    assert np.isnan(np.asarray(lean.cov_params())).all() and np.isfinite(np.asarray(stock.cov_params())).all()


def test_a_run_that_estimates_once_says_so_in_its_notes():
    data = series(weekly_pattern(240))
    once = forecast_series(data, ForecastConfig(horizon=H, folds=3, models=("snaive",), refit=False))
    assert "later folds carry that fit forward" in next(
        n for n in once.notes if getattr(n, "code", "") == "note.refit_first"
    )
    every = forecast_series(data, ForecastConfig(horizon=H, folds=3, models=("snaive",)))
    assert not [n for n in every.notes if getattr(n, "code", "") == "note.refit_first"]


def test_fast_prophet_holiday_features_match_the_stock_ones_on_awkward_tables():
    # Windows that are not numbers (both read as 0, as Prophet's except does), a prior-scale column with a gap,
    # dates with a time of day, holidays outside the dates (their columns exist, all zero), no window columns.
    from prophet import Prophet

    from forecasting.models.fast_prophet import FastProphet

    dates = pd.Series(pd.date_range("2024-01-01 08:30", periods=40, freq="D"))
    table = pd.DataFrame(
        {
            "holiday": ["a", "a", "b", "c", "d"],
            "ds": pd.to_datetime(
                ["2024-01-05 00:00", "2024-01-20 00:00", "2024-01-10 17:00", "2023-06-01 00:00", "2024-02-08 00:00"]
            ),
            "lower_window": [-1, -1, np.nan, 0, -2],
            "upper_window": [1, 1, 2, 0, 3],
            "prior_scale": [5.0, 5.0, np.nan, 2.0, 1.0],
        }
    )
    for holidays in (table, table.drop(columns=["lower_window", "upper_window"]), table.drop(columns="prior_scale")):
        stock, fast = Prophet(holidays=holidays), FastProphet(holidays=holidays)
        want, got = stock.make_holiday_features(dates, holidays), fast.make_holiday_features(dates, holidays)
        pd.testing.assert_frame_equal(got[0], want[0])
        assert got[1:] == want[1:]
        assert got[0].sum().sum() == want[0].sum().sum() > 0
    empty = table.iloc[:0]
    assert FastProphet(holidays=table).make_holiday_features(dates, empty)[0].empty
