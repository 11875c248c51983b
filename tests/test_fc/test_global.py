"""The catalogue's global LightGBM model: no SKU's future reaches another's training window, it learns a shared
pattern, and the engine treats it like any other model (backtest, fallback, combination)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.base import FitContext
from forecasting.batch import forecast_panel
from forecasting.engine import ForecastConfig, fold_ends, forecast_series
from forecasting.global_model import GlobalModel, fit_global
from tests.test_fc.helpers import series

CHEAP = {"n_estimators": 40, "num_leaves": 15, "min_child_samples": 10}


def panel(n_skus: int = 6, n: int = 240, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2023-01-02", periods=n, freq="D")
    profile = np.array([1.0, 0.8, 0.9, 1.0, 1.3, 1.8, 0.4])
    frames = []
    for i in range(n_skus):
        level = 5.0 * (i + 1)
        y = rng.poisson(level * profile[np.arange(n) % 7]).astype(float)
        frames.append(pd.DataFrame({"unique_id": f"S{i}", "ds": ds, "y": y}))
    return pd.concat(frames, ignore_index=True)


def ends_of(config: ForecastConfig):
    return lambda n: fold_ends(n, 7, config)


def test_no_sku_sees_another_skus_sales_after_its_cutoff():
    config = ForecastConfig(horizon=14, folds=3)
    base = panel()
    first = fit_global(base, "D", 14, ends_of(config), params=CHEAP, n_jobs=1)
    cutoff = min(first.table["S0"])  # the first fold's last training date
    tampered = base.copy()
    later = (tampered["unique_id"] == "S3") & (tampered["ds"] > cutoff)
    tampered.loc[later, "y"] *= 50  # another SKU's future changes beyond recognition
    second = fit_global(tampered, "D", 14, ends_of(config), params=CHEAP, n_jobs=1)
    np.testing.assert_array_equal(first.table["S0"][cutoff], second.table["S0"][cutoff])
    # ... while the final model, trained on everything, does see it (the test can fail).
    last = max(first.table["S0"])
    assert not np.array_equal(first.table["S0"][last], second.table["S0"][last])


def test_one_model_per_training_end_and_a_forecast_for_every_fold():
    config = ForecastConfig(horizon=14, folds=3)
    fitted = fit_global(panel(), "D", 14, ends_of(config), params=CHEAP, n_jobs=1)
    assert fitted.models == 4  # three fold cutoffs shared by every SKU, and the final origin
    for uid in (f"S{i}" for i in range(6)):
        assert len(fitted.table[uid]) == 4
        assert all(v.shape == (14,) and (v >= 0).all() for v in fitted.table[uid].values())


def test_the_global_model_learns_the_shared_weekly_profile():
    config = ForecastConfig(horizon=14, folds=1)
    data = panel(n_skus=8, n=300, seed=1)
    fitted = fit_global(data, "D", 14, ends_of(config), params={"n_estimators": 150}, n_jobs=1)
    last = max(fitted.table["S4"])
    forecast = fitted.table["S4"][last]
    # Truth: level 25 times the weekday profile; the forecast follows it within 20% on average.
    ds = pd.date_range(last + pd.Timedelta(days=1), periods=14, freq="D")
    profile = np.array([1.0, 0.8, 0.9, 1.0, 1.3, 1.8, 0.4])
    truth = 25.0 * profile[ds.day_of_week]
    assert np.mean(np.abs(forecast - truth)) / truth.mean() < 0.2
    assert forecast[ds.day_of_week == 5].mean() > 3 * forecast[ds.day_of_week == 6].mean()


def test_a_missing_training_end_falls_back_with_the_reason():
    data = series(np.tile([5.0, 4, 4, 5, 7, 9, 2], 30))
    model = GlobalModel({})
    with pytest.raises(ValueError, match="no global model was trained up to"):
        model.fit(data, FitContext(horizon=7))
    result = forecast_series(
        data, ForecastConfig(horizon=7, folds=2, models=("snaive", "ensemble")), extra_models={"lgbm": model}
    )
    assert "lgbm" in result.failures and "no global model" in str(result.failures["lgbm"][0])


def test_forecast_panel_runs_the_global_model_for_every_sku():
    data = panel(n_skus=4, n=200)
    config = ForecastConfig(horizon=14, folds=2, models=("snaive", "ets", "lgbm", "ensemble"))
    result = forecast_panel(data, "D", config, jobs=1)
    scored = result.metrics[result.metrics["model"] == "lgbm"]
    assert set(scored["unique_id"]) == {"S0", "S1", "S2", "S3"}
    assert scored["mase"].notna().all() and not result.model_failures
    # lgbm is a core model: the default combination is the median of ETS and lgbm.
    assert (result.best["members"] == "ets lgbm").all()
