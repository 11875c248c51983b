"""The backtest engine: cutoffs, leakage, fallback, ensemble, intervals and coverage."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecasting.base import Forecaster
from forecasting.engine import ForecastConfig, cutoffs, forecast_series
from forecasting.frames import to_long, to_wide
from forecasting.models import REGISTRY
from tests.test_fc.helpers import ar1, series, weekly_pattern

CHEAP = ("naive", "snaive", "ma", "croston", "ridge")


def test_cutoffs_place_the_last_window_at_the_end_of_the_data():
    ends = cutoffs(100, 10, 3)
    assert ends == [70, 80, 90]
    assert cutoffs(100, 10, 3, step=5) == [80, 85, 90]
    # Largest gap between the last cutoff and the end equals the horizon (Prophet's invariant).
    assert 100 - ends[-1] == 10


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    n=st.integers(60, 140),
    horizon=st.integers(1, 10),
    folds=st.integers(1, 3),
    fold=st.integers(0, 2),
    seed=st.integers(0, 1000),
)
def test_backtest_never_sees_data_after_its_cutoff(n, horizon, folds, fold, seed):
    rng = np.random.default_rng(seed)
    y = np.clip(20 + 5 * np.sin(np.arange(n) * 2 * np.pi / 7) + rng.normal(0, 3, n), 0, None)
    config = ForecastConfig(horizon=horizon, folds=folds, models=(*CHEAP, "ensemble"), levels=(80,))
    base = forecast_series(series(y), config)
    ends = cutoffs(n, horizon, folds, min_train=14)
    if not ends:
        return
    k = min(fold, len(ends) - 1)
    tampered = y.copy()
    tampered[ends[k] :] = rng.uniform(0, 1000, n - ends[k])
    again = forecast_series(series(tampered), config)
    cutoff = base.backtest["cutoff"].drop_duplicates().sort_values().iloc[k]
    a = base.backtest[base.backtest["cutoff"] == cutoff]
    b = again.backtest[again.backtest["cutoff"] == cutoff]
    for alias in (*CHEAP, "ensemble"):
        np.testing.assert_allclose(a[alias].to_numpy(), b[alias].to_numpy(), rtol=1e-9, err_msg=alias)
    assert (a["ds"] > cutoff).all()


class _Broken(Forecaster):
    alias = "broken"
    family = "test"

    def __init__(self) -> None:
        pass

    def _fit(self, data, context):
        raise RuntimeError("boom")


def test_a_failing_model_is_replaced_by_the_fallback_and_reported(monkeypatch):
    monkeypatch.setitem(REGISTRY, "broken", _Broken)
    data = series(weekly_pattern(200))
    result = forecast_series(data, ForecastConfig(horizon=7, folds=2, models=("snaive", "broken")))
    row = result.metrics.set_index("model").loc["broken"]
    assert row["fallback_folds"] == 2 and bool(row["final_fallback"])
    assert any("boom" in msg for msg in result.failures["broken"])
    np.testing.assert_allclose(result.forecast["broken"], result.forecast["snaive"])


def test_short_history_reduces_folds_and_says_so():
    # 30 days, 14-day folds, 8 training days at least: only the fold ending on day 16 fits.
    result = forecast_series(series(weekly_pattern(30)), ForecastConfig(horizon=14, folds=3, models=("snaive", "ma")))
    assert result.backtest["cutoff"].nunique() == 1
    assert any("allows 1 of 3 backtest folds" in n for n in result.notes)


def test_leaderboard_skill_against_seasonal_naive_and_best_model():
    data = series(weekly_pattern(300, noise=0.3))
    result = forecast_series(data, ForecastConfig(horizon=14, folds=3, models=("naive", "snaive", "ma")))
    table = result.metrics.set_index("model")
    assert table.loc["snaive", "skill_vs_snaive"] == 0.0
    assert table.loc["naive", "skill_vs_snaive"] == pytest.approx(
        1 - table.loc["naive", "mase"] / table.loc["snaive", "mase"]
    )
    assert result.best_model == "snaive"
    assert result.metrics.iloc[0]["model"] == "snaive" and result.metrics.iloc[0]["rank"] == 1


def test_intervals_cover_close_to_nominal_on_simulated_data():
    hits80, hits95, total = {}, {}, {}
    for seed in range(6):
        data = series(ar1(260, phi=0.6, sd=4.0, seed=seed))
        result = forecast_series(
            data, ForecastConfig(horizon=7, folds=8, models=("snaive", "ets", "ridge"), levels=(80, 95))
        )
        bt = result.backtest
        for alias in ("ets", "ridge"):
            inside80 = ((bt["y"] >= bt[f"{alias}-lo-80"]) & (bt["y"] <= bt[f"{alias}-hi-80"])).sum()
            inside95 = ((bt["y"] >= bt[f"{alias}-lo-95"]) & (bt["y"] <= bt[f"{alias}-hi-95"])).sum()
            hits80[alias] = hits80.get(alias, 0) + inside80
            hits95[alias] = hits95.get(alias, 0) + inside95
            total[alias] = total.get(alias, 0) + len(bt)
    for alias in ("ets", "ridge"):  # native (ETS) and conformal (Ridge)
        assert 0.70 <= hits80[alias] / total[alias] <= 0.90, (alias, hits80[alias] / total[alias])
        assert 0.88 <= hits95[alias] / total[alias] <= 0.99, (alias, hits95[alias] / total[alias])


def test_censored_periods_are_left_out_of_metrics():
    y = weekly_pattern(200)
    censored = y.copy()
    censored[-5:] = np.nan
    result = forecast_series(series(censored), ForecastConfig(horizon=14, folds=1, models=("snaive",)))
    bt = result.backtest
    assert bt["y"].isna().sum() == 5
    expected = np.nanmean(np.abs(bt["y"] - bt["snaive"]))
    assert result.metrics.set_index("model").loc["snaive", "mae"] == pytest.approx(expected)


def test_frames_round_trip_between_wide_and_long():
    result = forecast_series(series(weekly_pattern(120)), ForecastConfig(horizon=7, folds=2, models=("snaive", "ma")))
    long = to_long(result.backtest)
    assert set(long.columns) >= {"unique_id", "cutoff", "ds", "y", "model", "yhat", "lo_80", "hi_95"}
    assert len(long) == 2 * len(result.backtest)
    back = to_wide(long)
    merged = back.merge(result.backtest, on=["unique_id", "cutoff", "ds"], suffixes=("", "_orig"))
    np.testing.assert_allclose(merged["ma"], merged["ma_orig"])
    np.testing.assert_allclose(merged["snaive-hi-95"], merged["snaive-hi-95_orig"])


def test_tuning_only_uses_data_before_the_first_cutoff():
    data = series(weekly_pattern(220))
    config = ForecastConfig(horizon=7, folds=2, models=("snaive", "ridge"), tune=True, tune_budget_s=5)
    result = forecast_series(data, config)
    assert any(n.startswith("tuned ridge") for n in result.notes)
    tampered = data.y.copy()
    tampered[220 - 14 :] = 999.0
    again = forecast_series(series(tampered), config)
    first_cutoff = result.backtest["cutoff"].min()
    a = result.backtest[result.backtest["cutoff"] == first_cutoff]["ridge"].to_numpy()
    b = again.backtest[again.backtest["cutoff"] == first_cutoff]["ridge"].to_numpy()
    np.testing.assert_allclose(a, b)


def test_to_wide_keeps_only_existing_cutoff_and_date_pairs():
    result = forecast_series(series(weekly_pattern(150)), ForecastConfig(horizon=7, folds=3, models=("snaive",)))
    back = to_wide(to_long(result.backtest))
    assert len(back) == len(result.backtest) == 21
    assert back.groupby("cutoff").size().tolist() == [7, 7, 7]


def test_a_run_away_forecast_is_capped_at_ten_times_the_largest_sale():
    class Exploding(Forecaster):
        alias = "exploding"
        native_intervals = True

        def _fit(self, data, context):
            pass

        def _predict(self, h, future_exog, levels):
            grow = np.exp(np.arange(h) * 10.0)  # an extrapolated log-scale trend
            return {"mean": grow, **{f"lo-{lv}": grow / 2 for lv in levels}, **{f"hi-{lv}": grow * 2 for lv in levels}}

    from forecasting.base import FitContext

    y = np.array([3.0, 0, 7, 2, 5, 1, 4, 6])
    out = Exploding().fit(series(y), FitContext(horizon=4)).predict(4, levels=(80,))
    assert out["mean"].tolist() == [1.0, 70.0, 70.0, 70.0]  # 10 x the largest sale, 7
    assert out["hi-80"].max() == 70.0 and out["lo-80"][0] == 0.5
