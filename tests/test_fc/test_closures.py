"""Known zeros: a weekday that never sells while the others do is a closure, not low demand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.closures import closed_mask, closed_weekdays
from forecasting.engine import ForecastConfig, forecast_series
from tests.test_fc.helpers import series


def shop(n: int = 210, closed: tuple[int, ...] = (6,), level: float = 10.0, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2023-01-02", periods=n, freq="D")  # a Monday
    y = rng.poisson(level, n).astype(float)
    y[np.isin(ds.day_of_week, closed)] = 0.0
    return y


def test_a_weekday_that_never_sells_is_closed():
    y = shop(closed=(5, 6))
    ds = pd.date_range("2023-01-02", periods=len(y), freq="D")
    assert closed_weekdays(ds, y) == (5, 6)
    assert closed_mask(ds[:7], (5, 6)).tolist() == [False] * 5 + [True, True]


def test_a_slow_mover_is_not_closed_on_the_days_it_happened_not_to_sell():
    # Sells on about one day in fifteen: 26 Tuesdays without a sale are likely by chance (0.93 ** 26 = 0.15).
    rng = np.random.default_rng(3)
    n = 182
    y = (rng.random(n) < 1 / 15).astype(float) * 3
    ds = pd.date_range("2023-01-02", periods=n, freq="D")
    y[ds.day_of_week == 1] = 0.0
    assert closed_weekdays(ds, y) == ()


def test_a_short_history_says_nothing_about_closures():
    y = shop(n=35)
    assert closed_weekdays(pd.date_range("2023-01-02", periods=35, freq="D"), y) == ()


def test_closed_days_are_forecast_as_zero_and_do_not_drag_the_level_down():
    y = shop(n=210, closed=(6,), level=10.0)
    data = series(y, start="2023-01-02")
    result = forecast_series(data, ForecastConfig(horizon=14, folds=2, models=("snaive", "ma", "ets", "theta")))
    assert any("never sold on Sunday" in str(n) for n in result.notes)
    fc = result.forecast
    sunday = pd.DatetimeIndex(fc["ds"]).day_of_week == 6
    for model in ("snaive", "ma", "ets", "theta"):
        assert (fc.loc[sunday, model] == 0).all(), model
        assert (fc.loc[sunday, [c for c in fc.columns if c.startswith(f"{model}-")]] == 0).all().all(), model
    # The moving average of the open days is the open-day level (about 10), not 10 x 6/7.
    assert abs(fc.loc[~sunday, "ma"].mean() - 10.0) < 0.8
    bt = result.backtest
    shut = pd.DatetimeIndex(bt["ds"]).day_of_week == 6
    assert (bt.loc[shut, "y"] == 0).all() and (bt.loc[shut, "ma"] == 0).all()


def test_planned_closures_are_forecast_as_zero_by_every_model_and_leave_other_days_alone():
    """A plan's open/closed column: closed days sell nothing whatever the model; the other days keep the
    forecast they had without the plan."""
    y = shop(n=210, closed=(), level=10.0)
    data = series(y, start="2023-01-02")
    future = data.future_ds(14)
    plan = pd.DataFrame({"ds": future[[3, 4, 10]], "promo": np.nan, "price": np.nan, "open": [0.0, 0.0, 0.5]})
    models = ("snaive", "ma", "ets", "theta", "ensemble")
    config = ForecastConfig(horizon=14, folds=2, models=models)
    plain = forecast_series(data, config).forecast
    closed = forecast_series(data, config, planned=plan)
    fc = closed.forecast
    values = [c for c in fc.columns if c not in ("unique_id", "ds")]
    assert (fc.loc[[3, 4], values] == 0).all().all()
    np.testing.assert_allclose(fc.loc[10, values].to_numpy(float), 0.5 * plain.loc[10, values].to_numpy(float))
    others = [i for i in range(14) if i not in (3, 4, 10)]
    np.testing.assert_allclose(fc.loc[others, values].to_numpy(float), plain.loc[others, values].to_numpy(float))
    note = next(str(n) for n in closed.notes if "planned closed" in str(n))
    assert note.startswith(f"3 periods planned closed between {future[3]:%Y-%m-%d} and {future[10]:%Y-%m-%d}")
