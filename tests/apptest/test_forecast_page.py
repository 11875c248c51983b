"""AppTest: the Forecast page runs a backtest and shows the leaderboard numbers the engine computes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from forecasting.base import SeriesData
from forecasting.engine import ForecastConfig, forecast_series
from ui.data import compute

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
PAGE = str(ROOT / "app_pages" / "forecast.py")
MODELS = ["snaive", "ma", "ets", "ridge", "ensemble"]


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _configure(app: AppTest, sku: str = "RP-1001") -> None:
    app.sidebar.selectbox(key="w.app.sku").set_value(sku).run()
    app.multiselect(key="w.fc.models").set_value(MODELS)
    app.number_input(key="w.fc.horizon.D").set_value(14)
    app.number_input(key="w.fc.folds").set_value(2)
    app.run()


def _demo_dataset():
    """The demo shop's dataset as the app builds it, for running the engine directly."""
    import salesdata

    files = salesdata.demo_files("shop")
    demo = salesdata.DEMOS["shop"]
    spans = salesdata.load_stockouts(salesdata.read_table(files["stockouts"][1], "stockouts.csv")).spans
    return salesdata.build_dataset(
        salesdata.read_table(files["sales"][1], files["sales"][0]), demo.mapping, demo.options, "D", spans
    )


def _demo_series(sku: str) -> SeriesData:
    panel = _demo_dataset().panel
    return SeriesData.from_panel(panel[panel["unique_id"] == sku], "D")


def test_forecast_page_asks_to_run_first(at):
    assert "press Run" in at.info[0].value
    assert at.button(key="w.fc.run").label == "Run backtest and forecast"


def test_forecast_page_leaderboard_matches_the_engine(at):
    _configure(at)
    at.button(key="w.fc.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # Same settings through the engine directly (the run is deterministic).
    data = _demo_series("RP-1001")
    expected = forecast_series(data, ForecastConfig(horizon=14, folds=2, models=tuple(MODELS)))
    board = next(df.value for df in at.dataframe if "rank" in df.value.columns)
    shown = dict(zip(board["name"], board["mase"], strict=True))
    truth = expected.metrics.set_index("model")["mase"]
    assert shown["Seasonal naive"] == pytest.approx(truth["snaive"], rel=1e-9)
    assert shown["ETS"] == pytest.approx(truth["ets"], rel=1e-9)
    winner = expected.best_model
    banner = at.success[0].value
    names = {
        "snaive": "Seasonal naive",
        "ma": "Moving average",
        "ets": "ETS",
        "ridge": "Ridge regression",
        "ensemble": "Ensemble (combination)",
    }
    assert banner.startswith(f"Forecast used: {names[winner]} — MASE {truth[winner]:.3f}")
    skill = 1 - truth[winner] / truth["snaive"]
    assert f"{abs(skill):.0%}" in banner
    assert board.iloc[0]["rank"] == 1
    assert np.isclose(board.iloc[0]["mase"], truth.min())
    # The reason says how the forecast was chosen and on how many folds.
    captions = " ".join(c.value for c in at.caption)
    assert "over 2 backtest folds" in captions or "on 2 backtest folds" in captions or "of 2 backtest" in captions


def test_forecast_results_are_cached_when_coming_back(at):
    _configure(at)
    at.button(key="w.fc.run").click().run()
    first = at.success[0].value
    at.sidebar.selectbox(key="w.app.sku").set_value("RP-1002").run()
    assert "press Run" in at.info[0].value
    at.sidebar.selectbox(key="w.app.sku").set_value("RP-1001").run()
    # No click: the stored result shows at once.
    assert at.success[0].value == first


def test_forecast_page_says_when_history_limits_the_backtest(at):
    _configure(at, sku="RP-1016")  # launched 59 days before the end of the data
    at.number_input(key="w.fc.horizon.D").set_value(28)
    at.number_input(key="w.fc.folds").set_value(3)
    at.run()
    at.button(key="w.fc.run").click().run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "history of 59 periods allows 1 of 3 backtest folds" in captions


def test_refit_off_runs_the_backtest_the_engine_runs_with_refit_false_and_the_portfolio_says_so(at):
    _configure(at)
    at.toggle(key="w.fc.refit").set_value(False).run()
    at.button(key="w.fc.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    data = _demo_series("RP-1001")
    once = forecast_series(data, ForecastConfig(horizon=14, folds=2, models=tuple(MODELS), refit=False))
    every = forecast_series(data, ForecastConfig(horizon=14, folds=2, models=tuple(MODELS)))
    board = next(df.value for df in at.dataframe if "rank" in df.value.columns)
    shown = dict(zip(board["name"], board["mase"], strict=True))
    ets_once = once.metrics.set_index("model").loc["ets", "mase"]
    assert shown["ETS"] == pytest.approx(ets_once, rel=1e-9)
    assert ets_once != pytest.approx(every.metrics.set_index("model").loc["ets", "mase"], rel=1e-6)
    assert any(
        "backtest estimated once, at the first cutoff (refit off): the later folds" in c.value for c in at.caption
    )
    at.switch_page(str(ROOT / "app_pages" / "portfolio.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("models estimated once, at the first cutoff" in c.value for c in at.caption)


def test_a_sku_too_short_for_any_fold_is_forecast_by_its_demand_class(at):
    _configure(at, sku="RP-1016")  # 59 days of history
    at.number_input(key="w.fc.horizon.D").set_value(56)  # no fold has the 8 training days it needs
    at.run()
    at.button(key="w.fc.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    warning = " ".join(w.value for w in at.warning)
    assert "No backtest: the history is too short for any fold" in warning
    assert "chosen by demand class" in warning and "no backtest fold fits the history" in warning


def test_the_catalogue_model_runs_on_the_forecast_page_trained_once_on_the_whole_catalogue(at):
    """LightGBM (whole catalogue) is offered and selected by default; its score is the one the batch engine gets
    with the model trained on every SKU of the loaded file, and a second SKU reuses the trained model."""
    from forecasting.batch import fit_catalogue

    compute.global_store().clear()
    assert "lgbm" in at.multiselect(key="w.fc.models").value  # the default selection is auto's
    models = ["snaive", "ets", "lgbm", "ensemble"]
    at.sidebar.selectbox(key="w.app.sku").set_value("RP-1001").run()
    at.multiselect(key="w.fc.models").set_value(models)
    at.number_input(key="w.fc.horizon.D").set_value(14)
    at.number_input(key="w.fc.folds").set_value(2)
    at.run()
    at.button(key="w.fc.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    board = next(df.value for df in at.dataframe if "rank" in df.value.columns)
    shown = dict(zip(board["name"], board["mase"], strict=True))
    config = ForecastConfig(horizon=14, folds=2, models=tuple(models))
    dataset = _demo_dataset()
    classes = dict(zip(dataset.profile["unique_id"], dataset.profile["demand_class"], strict=True))
    fitted = fit_catalogue(dataset.panel, "D", config, classes)
    data = SeriesData.from_panel(dataset.panel[dataset.panel["unique_id"] == "RP-1001"], "D")
    expected = forecast_series(data, config, extra_models={"lgbm": fitted.model_for("RP-1001")})
    truth = expected.metrics.set_index("model")["mase"]
    assert shown["LightGBM (whole catalogue)"] == pytest.approx(truth["lgbm"], rel=1e-9)
    assert compute.global_store().stats()["entries"] == 1
    at.sidebar.selectbox(key="w.app.sku").set_value("RP-1002").run()
    at.button(key="w.fc.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    board = next(df.value for df in at.dataframe if "rank" in df.value.columns)
    assert "LightGBM (whole catalogue)" in set(board["name"])
    assert compute.global_store().stats()["entries"] == 1  # the same catalogue model served the second SKU
