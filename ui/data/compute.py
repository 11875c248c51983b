"""What the pages compute and keep: the result store of forecasts and plans, forecast runs, calibrations and frontiers."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import asdict, replace

import pandas as pd
import streamlit as st

from ui.core import state
from ui.core.i18n import t
from ui.core.settings import planning_model_options
from ui.data.cached import Loaded
from ui.data.result_store import ResultStore, Run, store_budget_bytes

__all__ = [
    "FORECAST_VERSION",
    "PLANS",
    "calibration",
    "forecast_key",
    "forecast_store",
    "frontier",
    "global_key",
    "global_store",
    "planning_config",
    "planning_models",
    "plans_run",
    "recent_demand",
    "run_forecast",
    "run_of",
    "warm_forecast_pool",
    "worker_count",
]


# Bump when the forecasting code changes what it returns for the same input.
FORECAST_VERSION = "forecasting-1"


@st.cache_resource(show_spinner=False)
def forecast_store() -> ResultStore:
    """Every session's finished forecasts, failure markers and plans (``ui.data.result_store``: bounded by memory,
    runs grouped by dataset and settings, evicted whole; plans, which are recomputed from the kept forecasts, go
    first)."""
    return ResultStore(recomputable=lambda run: run[1] == PLANS)


@st.cache_resource(show_spinner=False)
def global_store() -> ResultStore:
    """The catalogue models (global LightGBM) of recent datasets and settings, shared by sessions."""
    return ResultStore(max_bytes=store_budget_bytes() // 4, max_entries=4)


def run_of(loaded: Loaded, config: object) -> Run:
    """The run a SKU's result belongs to: its dataset (the namespace) and the forecast settings; the store evicts
    a run whole."""
    payload = json.dumps([asdict(config), FORECAST_VERSION], default=str, sort_keys=True)
    return loaded.key, hashlib.sha256(payload.encode()).hexdigest()[:16]


PLANS = "plans"


def plans_run(loaded: Loaded) -> Run:
    """The run that keeps a dataset's computed plans (they are recomputed from the forecasts when dropped)."""
    return loaded.key, PLANS


def global_key(loaded: Loaded, config) -> str:
    """What fixes a catalogue model: the dataset, and the settings that set its training ends and targets."""
    fields = [loaded.key, config.horizon, config.folds, config.step, config.events, config.seed, FORECAST_VERSION]
    return hashlib.sha256(json.dumps(fields, default=str).encode()).hexdigest()[:32]


def forecast_key(loaded: Loaded, sku: str, config: object, extra: str = "") -> str:
    """Cache key of one SKU's run: dataset content and reading choices, SKU, settings, code version, and
    ``extra`` (the SKU's planned drivers and donor, see ``ui.data.planning.extra_key``)."""
    payload = json.dumps([loaded.key, sku, asdict(config), FORECAST_VERSION, extra], default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def worker_count() -> int:
    """Processes for one SKU's models: the machine's cores, at most 4 (there are ~9 models).

    ``REPLENISH_JOBS`` overrides it (the AppTest suite sets 1 to keep the run in-process).
    """
    import os

    if os.environ.get("REPLENISH_JOBS", "").isdigit():
        return max(1, int(os.environ["REPLENISH_JOBS"]))
    return max(1, min(4, os.cpu_count() or 1))


@st.cache_resource(show_spinner=False)
def warm_forecast_pool() -> bool:
    """Start the model worker pool in the background once per server process."""
    from forecasting.engine import warm_pool

    if worker_count() > 1:
        threading.Thread(target=warm_pool, args=(worker_count(),), daemon=True).start()
    return True


def run_forecast(series, freq: str, config, demand_class: str | None, bar=None, planned=None, extra_models=None):
    """Backtest and forecast one SKU, updating a Streamlit progress bar as each model finishes.

    ``planned``: the SKU's planned promotions and prices; ``extra_models``: models for this SKU only (analog).
    """
    from forecasting.base import SeriesData
    from forecasting.engine import forecast_series

    def progress(fraction: float, message: str) -> None:
        if bar is not None:
            label = t("fc.running_model", model=t(f"model.{message}")) if message != "done" else t("fc.done")
            bar.progress(min(1.0, max(0.0, fraction)), text=label)

    data = SeriesData.from_panel(series, freq)  # type: ignore[arg-type]
    return forecast_series(
        data,
        config,
        demand_class=demand_class,
        planned=planned,
        progress=progress,
        n_jobs=worker_count(),
        extra_models=extra_models,
    )


def planning_models() -> tuple[str, ...]:
    """The models every plan forecasts with: the Portfolio page's explicit choice (saved with a scenario), by
    default "auto" (the default set, plus Croston, SBA and TSB for intermittent and lumpy SKUs: the engine routes
    by demand class)."""

    chosen = st.session_state[state.PF_SETTINGS].get("models")
    known = set(planning_model_options())
    # A saved scenario or a link from elsewhere may carry anything: only known models, as a list.
    picked = [m for m in chosen if isinstance(m, str) and m in known] if isinstance(chosen, list | tuple) else []
    return tuple(picked) or ("auto",)


def planning_config(freq: str, horizon_days: int):
    """The forecast settings the Portfolio, Replenishment and supplier plans forecast with: the Portfolio's model
    set (``planning_models``) over the planning horizon, with the Forecast page's backtest settings (folds,
    levels, metric, calendar), which that page shows."""
    import math

    from forecasting.engine import ForecastConfig
    from inventory.demand import PERIOD_DAYS

    saved = st.session_state[state.FC_CONFIG]
    base = saved[1] if saved is not None and saved[0] == freq else ForecastConfig()
    return replace(base, models=planning_models(), horizon=max(1, math.ceil(horizon_days / PERIOD_DAYS[freq])))


@st.cache_data(max_entries=8, show_spinner=False)
def _recent_demand(key: str, _panel: pd.DataFrame, freq: str) -> pd.Series:
    from inventory.lifecycle import recent_daily_demand

    return recent_daily_demand(_panel, freq, days=90)


def recent_demand(loaded: Loaded) -> pd.Series:
    """Each SKU's mean units per day over its last 90 days (in-stock days only): the excess-stock rule's rate."""
    return _recent_demand(loaded.key, loaded.dataset.panel, loaded.dataset.report.freq)


@st.cache_data(max_entries=128, show_spinner=False)
def calibration(key: str, model: str, freq: str, horizon: int, origins: int, _series: pd.DataFrame, _config, _spec):
    """The chosen forecast from many rolling origins (``forecasting.calibration.calibrate``), once per forecast
    (``key``), model and shape: a few seconds per SKU."""
    from forecasting.calibration import calibrate

    return calibrate(_series, freq, _config, _spec, horizon, origins)


@st.cache_data(max_entries=64, show_spinner=False)
def frontier(key: str, _plan, _item, _settings, paths: int, seed: int, demand_model: str):
    """The cost-service frontier of a policy (about a tenth of a second; cached per inputs)."""
    from inventory.frontier import service_frontier

    return service_frontier(_plan, _item, _settings, paths=paths, seed=seed, demand_model=demand_model)
