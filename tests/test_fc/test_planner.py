"""Planner-grade demand on the forecasting side: censoring, planned drivers, overrides, new items."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from forecasting.base import ForecastError, SeriesData
from forecasting.engine import ForecastConfig, forecast_series
from forecasting.newitems import Analog, category_series
from forecasting.overrides import Override, apply_overrides, forecast_value_added
from tests.test_fc.helpers import series
from ui.components.planner_panels import parse_overrides
from ui.data.planning import series_by_sku

CHEAP = ("naive", "snaive", "ma", "ridge")


def _censored_panel(seed: int = 3) -> tuple[pd.DataFrame, np.ndarray]:
    """True demand is Poisson(12) a day; three stock-outs record zero sales."""
    rng = np.random.default_rng(seed)
    n = 210
    demand = rng.poisson(12, n).astype(float)
    in_stock = np.ones(n, dtype=int)
    for a, b in ((40, 55), (110, 130), (190, 202)):
        in_stock[a:b] = 0
    sales = np.where(in_stock == 1, demand, 0.0)
    ds = pd.date_range("2025-01-06", periods=n).astype("datetime64[us]")
    return pd.DataFrame({"unique_id": "s", "ds": ds, "y": sales, "in_stock": in_stock}), demand


def test_censored_periods_are_left_out_of_fitting_and_backtest_metrics():
    panel, _demand = _censored_panel()
    config = ForecastConfig(horizon=14, folds=3, models=("ma", "naive"), levels=(80,))
    flagged = forecast_series(SeriesData.from_panel(panel, "D"), config)
    naive_zeros = forecast_series(SeriesData.from_panel(panel.drop(columns="in_stock"), "D"), config)
    # Reading the empty shelf as zero demand drags the moving average down; the flagged fit sees ~12 a day.
    assert flagged.forecast["ma"].mean() == pytest.approx(12, abs=1.5)
    assert naive_zeros.forecast["ma"].mean() < flagged.forecast["ma"].mean() - 1
    # A backtest window that falls in a stock-out scores nothing there: no zero actuals in its metrics.
    bt = flagged.backtest
    out_days = set(panel.loc[panel["in_stock"] == 0, "ds"])
    assert bt.loc[bt["ds"].isin(out_days), "y"].isna().all()


def test_planned_promotion_lifts_only_the_promoted_periods():
    rng = np.random.default_rng(0)
    n = 240
    promo = (rng.random(n) < 0.15).astype(float)
    y = 10 + 25 * promo + rng.normal(0, 1.0, n)
    data = series(np.clip(y, 0, None), exog={"promo": promo})
    config = ForecastConfig(horizon=14, folds=2, models=("ridge",), levels=(80,))
    future = data.future_ds(14)
    plan = pd.DataFrame({"ds": future[4:7], "promo": 1.0, "price": np.nan})
    base = forecast_series(data, config)
    promoted = forecast_series(data, config, planned=plan)
    lift = promoted.forecast["ridge"].to_numpy() - base.forecast["ridge"].to_numpy()
    assert (lift[4:7] > 15).all(), lift
    np.testing.assert_allclose(np.delete(lift, [4, 5, 6]), 0, atol=1e-6)


def test_a_plan_for_a_driver_the_history_lacks_is_reported_not_silently_dropped():
    data = series(np.full(120, 5.0) + np.arange(120) % 3)
    plan = pd.DataFrame({"ds": data.future_ds(7)[:2], "promo": 1.0, "price": np.nan})
    out = forecast_series(data, ForecastConfig(horizon=7, folds=1, models=("ma",), levels=(80,)), planned=plan)
    assert any("planned promo ignored" in n for n in out.notes)


def test_overrides_percent_units_and_set_apply_in_order_over_their_ranges():
    f = pd.DataFrame(
        {
            "ds": pd.date_range("2026-03-02", periods=6),
            "m": [10.0] * 6,
            "m-lo-80": [6.0] * 6,
            "m-hi-80": [14.0] * 6,
        }
    )
    out = apply_overrides(
        f,
        "m",
        [
            Override(date(2026, 3, 2), date(2026, 3, 3), "percent", 20),
            Override(date(2026, 3, 3), date(2026, 3, 4), "units", -4),
            Override(date(2026, 3, 7), date(2026, 3, 9), "set", 0),
        ],
    )
    assert out["m"].tolist() == [12.0, 8.0, 6.0, 10.0, 10.0, 0.0]
    assert out["m-statistical"].tolist() == [10.0] * 6
    # Bounds move with the point: scaled by a percentage, shifted by units, clipped at zero.
    assert out["m-hi-80"].tolist()[:3] == [16.8, 12.8, 10.0]
    assert out["m-lo-80"].tolist()[5] == 0.0
    with pytest.raises(ForecastError, match="end is before the start"):
        apply_overrides(f, "m", [Override(date(2026, 3, 5), date(2026, 3, 1), "units", 1)])
    with pytest.raises(ForecastError, match="negative"):
        apply_overrides(f, "m", [Override(date(2026, 3, 2), date(2026, 3, 3), "percent", -120)])


def test_forecast_value_added_by_hand():
    # Actuals 12, 8, 15; statistical 10 each (MAE (2+2+5)/3 = 3); planner 12, 9, 13
    # (MAE (0+1+2)/3 = 1); FVA = 3 - 1 = 2 units, 2/3 of the statistical error. The NaN period has no actual yet.
    fva = forecast_value_added(
        np.array([12.0, 8.0, 15.0, np.nan]), np.array([10.0, 10.0, 10.0, 10.0]), np.array([12.0, 9.0, 13.0, 30.0])
    )
    assert fva["periods"] == 3
    assert fva["mae_statistical"] == pytest.approx(3.0)
    assert fva["fva_mae"] == pytest.approx(2.0)
    assert fva["fva_pct"] == pytest.approx(2 / 3)


def _category(n_days=200, seed=1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2025-01-06", periods=n_days).astype("datetime64[us]")
    weekly = np.array([1.0, 0.8, 0.9, 1.0, 1.3, 1.8, 1.6])
    frames = []
    for k, level in enumerate((20.0, 30.0, 40.0)):
        y = rng.poisson(level * weekly[np.arange(n_days) % 7]).astype(float)
        frames.append(pd.DataFrame({"unique_id": f"old{k}", "ds": ds, "y": y}))
    return pd.concat(frames, ignore_index=True)


def test_a_new_item_borrows_its_category_shape_scaled_to_its_level():
    panel = _category()
    end = panel["ds"].max()
    ds = pd.date_range(end - pd.Timedelta(days=9), end).astype("datetime64[us]")
    weekly = np.array([1.0, 0.8, 0.9, 1.0, 1.3, 1.8, 1.6])
    # The new SKU sells at a third of the average SKU (30 / 3 = 10 a day) for ten days.
    new = pd.DataFrame({"unique_id": "new", "ds": ds, "y": np.round(10 * weekly[ds.day_of_week.to_numpy()])})
    donor = category_series(panel, ["old0", "old1", "old2"], "D", "category Home")
    config = ForecastConfig(horizon=14, folds=3, models=("naive", "snaive", "ma"), levels=(80,))
    out = forecast_series(
        SeriesData.from_panel(new, "D"), config, extra_models={"analog": Analog(donor, "category Home")}
    )
    assert out.best_model == "analog"
    assert "category Home" in out.best_reason
    fc = out.forecast["analog"].to_numpy()
    assert np.isfinite(fc).all()
    assert fc.mean() == pytest.approx(10 * weekly.mean(), rel=0.25)
    # The borrowed shape keeps the weekend peak.
    dow = pd.DatetimeIndex(out.forecast["ds"]).day_of_week.to_numpy()
    assert fc[dow == 5].mean() > fc[dow == 1].mean() * 1.5


def test_a_new_item_with_too_few_sales_needs_a_scale():
    panel = _category()
    end = panel["ds"].max()
    new = pd.DataFrame(
        {"unique_id": "new", "ds": pd.date_range(end - pd.Timedelta(days=2), end).astype("datetime64[us]"), "y": 4.0}
    )
    donor = category_series(panel, ["old0"], "D", "like old0")
    config = ForecastConfig(horizon=7, folds=1, models=("naive",), levels=(80,))
    failed = forecast_series(SeriesData.from_panel(new, "D"), config, extra_models={"analog": Analog(donor, "like")})
    assert any("give a scale" in m for m in failed.failures.get("analog", [])), failed.failures
    assert failed.best_model != "analog"
    scaled = forecast_series(
        SeriesData.from_panel(new, "D"), config, extra_models={"analog": Analog(donor, "like old0", scale=0.5)}
    )
    assert scaled.best_model == "analog"
    assert scaled.forecast["analog"].mean() == pytest.approx(10.0 * 1.143, rel=0.3)


def test_the_override_editor_rows_are_parsed_and_bad_rows_named():

    frame = pd.DataFrame(
        {
            "start": [pd.Timestamp("2026-10-05"), pd.Timestamp("2026-10-09"), None, pd.Timestamp("2026-10-20"), None],
            "end": [pd.Timestamp("2026-10-11"), pd.Timestamp("2026-10-01"), None, pd.Timestamp("2026-10-21"), None],
            "kind": ["percent", "units", None, "bogus", None],
            "value": [25.0, 3.0, None, 1.0, None],
            "note": ["campaign", "", None, "", None],
        }
    )
    parsed, problems = parse_overrides(frame)
    assert parsed == (Override(date(2026, 10, 5), date(2026, 10, 11), "percent", 25.0, "campaign"),)
    # Blank rows are ignored; the others are named by their row number.
    assert problems == [
        "Override row 2: override 2026-10-09..2026-10-01: the end is before the start.",
        "Override row 4: choose percent, units or set.",
    ]


def test_series_by_sku_gives_each_skus_rows_as_a_mask_would_from_one_pass():

    rng = np.random.default_rng(5)
    ids = rng.choice(["A", "B", "C", "D"], 400)
    panel = pd.DataFrame({"unique_id": pd.array(ids, dtype="str"), "ds": np.arange(400), "y": rng.poisson(3, 400)})
    out = series_by_sku(panel, ["C", "A", "Z"])
    assert list(out) == ["C", "A", "Z"]
    for s in ("C", "A"):
        pd.testing.assert_frame_equal(out[s], panel[panel["unique_id"] == s])
    assert out["Z"].empty and list(out["Z"].columns) == list(panel.columns)
