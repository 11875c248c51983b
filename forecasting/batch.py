"""Many SKUs: the same engine per SKU, sequential or in parallel (joblib), one failure never stops a run."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.base import SeriesData
from forecasting.engine import ForecastConfig, forecast_series
from forecasting.frames import to_long
from forecasting.global_model import GLOBAL
from forecasting.messages import Message

__all__ = [
    "BatchResult",
    "fit_catalogue",
    "forecast_one",
    "forecast_panel",
    "forecast_task",
    "global_models",
    "run_isolated",
    "wants_global",
]

METRIC_COLUMNS = ["mae", "rmse", "wape", "smape", "mase", "bias"]


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchResult:
    """Long frames for the whole catalogue, plus what failed and why."""

    forecasts: pd.DataFrame
    backtest: pd.DataFrame
    metrics: pd.DataFrame
    best: pd.DataFrame
    calibration: pd.DataFrame = field(default_factory=pd.DataFrame)
    failures: dict[str, str] = field(default_factory=dict)
    model_failures: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def forecast_one(
    frame: pd.DataFrame,
    freq: str,
    config: ForecastConfig,
    demand_class: str | None = None,
    planned: pd.DataFrame | None = None,
    extra_models: dict | None = None,
    calibrate_days: float = 0.0,
) -> dict:
    """Forecast one SKU's panel rows (with its planned drivers); returns plain frames (cheap between processes).

    With ``calibrate_days`` > 0, also the chosen forecast from a year of weekly rolling origins, each forecasting
    that many days (``forecasting.calibration``): what a calibrated safety stock needs (``calibration``).
    """
    started = time.perf_counter()
    uid = str(frame["unique_id"].iloc[0])
    try:
        data = SeriesData.from_panel(frame, freq)  # type: ignore[arg-type]
        if not np.isfinite(data.y).any():
            raise ValueError(Message("model.no_observed"))
        result = forecast_series(data, config, demand_class=demand_class, planned=planned, extra_models=extra_models)
    except Exception as exc:  # noqa: BLE001 - the SKU is marked failed and the run goes on
        return {"unique_id": uid, "error": _failure(exc), "seconds": time.perf_counter() - started}
    metrics = result.metrics.copy()
    metrics.insert(0, "unique_id", uid)
    choice = result.choice
    calibration = pd.DataFrame()
    cal = _calibrate_chosen(uid, frame, freq, config, result, calibrate_days)
    if cal is not None:
        calibration = cal[1].frame.assign(unique_id=uid, members=" ".join(cal[1].members))
    return {
        "unique_id": uid,
        "forecasts": to_long(result.forecast, result.levels),
        "backtest": to_long(result.backtest, result.levels),
        "metrics": metrics,
        "best": pd.DataFrame(
            {
                "unique_id": [uid],
                "model": [result.best_model],
                "reason": [result.best_reason],
                "rule": [choice.rule if choice else ""],
                "folds": [choice.folds if choice else 0],
                "members": [" ".join(choice.members) if choice else ""],
                "weights": [" ".join(f"{w:.3f}" for w in choice.weights) if choice else ""],
                "how": [choice.how if choice else ""],
            }
        ),
        "calibration": calibration,
        "model_failures": result.failures,
        "notes": result.notes,
        "seconds": time.perf_counter() - started,
    }


def forecast_panel(
    panel: pd.DataFrame,
    freq: str,
    config: ForecastConfig,
    *,
    profile: pd.DataFrame | None = None,
    skus: list[str] | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str, float, str | None], None] | None = None,
    planned: Callable[[str], pd.DataFrame | None] | None = None,
    calibrate_days: float = 0.0,
) -> BatchResult:
    """Forecast every SKU of a panel (or the listed ones); with ``calibrate_days``, their calibrations too.

    ``progress(done, total, sku, seconds, error)`` is called as each SKU finishes; ``planned(sku)`` gives a SKU's
    planned promotions and prices (``ds, promo, price``) or None.
    """
    groups: dict[str, pd.DataFrame] = {str(uid): g for uid, g in panel.groupby("unique_id", sort=True)}
    ids = [s for s in (skus or list(groups)) if s in groups]
    classes = {}
    if profile is not None and "demand_class" in profile:
        classes = dict(zip(profile["unique_id"], profile["demand_class"], strict=True))
    extra = global_models(panel, freq, config, classes, planned, ids, jobs)
    tasks = [
        (groups[s], freq, config, classes.get(s), planned(s) if planned else None, extra.get(s), calibrate_days)
        for s in ids
    ]
    outputs: list[dict] = []
    if jobs == 1 or len(tasks) <= 1:
        iterator = (forecast_one(*task) for task in tasks)
    else:
        from joblib import Parallel, delayed

        iterator = Parallel(n_jobs=jobs, return_as="generator_unordered")(delayed(forecast_one)(*t) for t in tasks)
    for out in iterator:
        outputs.append(out)
        if progress:
            progress(len(outputs), len(tasks), out["unique_id"], out["seconds"], out.get("error"))
    outputs.sort(key=lambda o: o["unique_id"])
    ok = [o for o in outputs if "error" not in o]

    def cat(key: str) -> pd.DataFrame:
        frames = [o[key] for o in ok if not o[key].empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    return BatchResult(
        forecasts=cat("forecasts"),
        backtest=cat("backtest"),
        metrics=cat("metrics"),
        best=cat("best"),
        calibration=cat("calibration"),
        failures={o["unique_id"]: o["error"] for o in outputs if "error" in o},
        model_failures={o["unique_id"]: o["model_failures"] for o in ok if o["model_failures"]},
        notes={o["unique_id"]: o["notes"] for o in ok if o["notes"]},
        timings={o["unique_id"]: o["seconds"] for o in outputs},
    )


def wants_global(config: ForecastConfig) -> bool:
    """Whether the run includes the catalogue's global model (asked for, or part of ``auto``)."""
    return GLOBAL in config.models or "auto" in config.models


def global_models(
    panel: pd.DataFrame,
    freq: str,
    config: ForecastConfig,
    classes: dict[str, str],
    planned: Callable[[str], pd.DataFrame | None] | None,
    skus: list[str],
    jobs: int = 1,
) -> dict[str, dict]:
    """Train the global model on the whole panel when the run includes it; each SKU's ``extra_models``."""
    if not wants_global(config) or not skus:
        return {}
    fitted = fit_catalogue(panel, freq, config, classes, planned, skus, jobs)
    return {uid: {GLOBAL: model} for uid in skus if (model := fitted.model_for(uid)) is not None}


def fit_catalogue(
    panel: pd.DataFrame,
    freq: str,
    config: ForecastConfig,
    classes: dict[str, str] | None = None,
    planned: Callable[[str], pd.DataFrame | None] | None = None,
    skus: list[str] | None = None,
    jobs: int = 1,
):
    """The catalogue's global LightGBM for these settings: one model per training end of the SKUs' folds (all
    SKUs, or the listed ones), trained on every SKU of ``panel``. Returns ``GlobalForecasts``."""
    from forecasting.calendars import SEASON_LENGTH
    from forecasting.engine import fold_ends
    from forecasting.global_model import fit_global

    season = SEASON_LENGTH[freq]
    return fit_global(
        panel,
        freq,
        config.horizon,
        lambda n: fold_ends(n, season, config),
        classes=classes or {},
        planned=planned,
        events=config.events,
        seed=config.seed,
        skus=skus,
        n_jobs=max(1, jobs),
    )


def _failure(exc: Exception) -> Message:
    """Why a SKU failed, as a coded message (the exception's own message translated inside it)."""
    from salesdata.messages import message_of

    return Message("fail.sku", kind=type(exc).__name__, detail=message_of(exc) or str(exc))


def forecast_task(
    uid: str,
    frame: pd.DataFrame,
    freq: str,
    config: ForecastConfig,
    demand_class: str | None = None,
    planned: pd.DataFrame | None = None,
    extra_models: dict | None = None,
    calibrate_days: float = 0.0,
) -> tuple[str, object, str | None, float]:
    """One SKU's full run for the app's portfolio: ``(sku, SkuForecast or None, error or None, seconds)``.

    With ``calibrate_days``, the chosen forecast's calibration too (``SkuForecast.calibrations``)."""
    started = time.perf_counter()
    try:
        data = SeriesData.from_panel(frame, freq)  # type: ignore[arg-type]
        if not np.isfinite(data.y).any():
            raise ValueError(Message("model.no_observed"))
        result = forecast_series(data, config, demand_class=demand_class, planned=planned, extra_models=extra_models)
    except Exception as exc:  # noqa: BLE001 - the SKU is marked failed and the run goes on
        return uid, None, _failure(exc), time.perf_counter() - started
    cal = _calibrate_chosen(uid, frame, freq, config, result, calibrate_days)
    if cal is not None:
        result.calibrations[cal[0]] = cal[1]
    return uid, result, None, time.perf_counter() - started


def _calibrate_chosen(uid: str, frame: pd.DataFrame, freq: str, config: ForecastConfig, result, days: float):
    """The chosen forecast from a year of weekly origins before the plan and before each backtest cutoff, each
    forecasting ``days`` ahead (``forecasting.calibration``): ``((model, horizon, origins), Calibration)``, or None
    when not asked for or when it fails (the plan then calibrates when it needs it, or uses the backtest errors and
    says so). The app's workers and ``python -m forecasting run --calibrate`` both call this, so the page and the
    command line plan from the same errors."""
    if days <= 0:
        return None
    from forecasting.calibration import backtest_span_days, calibrate, calibration_shape, members_of

    shape = calibration_shape(freq, days, config.horizon, backtest_span_days(result.backtest))
    spec = members_of(result.best_model, result.choice, result.descriptions)
    try:
        return (result.best_model, *shape), calibrate(frame, freq, config, spec, *shape)
    except Exception:
        log.exception("calibration of %s failed", uid)
        return None


def run_isolated(tasks: list[tuple], jobs: int) -> Iterator[tuple[str, object, str | None, float]]:
    """Run :func:`forecast_task` over ``tasks`` (first item = SKU), in parallel across SKUs when ``jobs > 1``.

    Yields ``(sku, SkuForecast or None, error or None, seconds)`` as SKUs finish. A worker process that dies
    in the middle of a SKU (a crash in a model's compiled code, the out-of-memory killer) does not end the
    run: the SKUs left are retried one per task, so the SKU that kills its worker again is marked failed
    with the reason and every other SKU still gets its forecast.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield forecast_task(*task)
        return
    from joblib import Parallel, delayed

    pending = {task[0]: task for task in tasks}
    try:
        for out in Parallel(n_jobs=jobs, return_as="generator_unordered")(delayed(forecast_task)(*t) for t in tasks):
            pending.pop(out[0], None)
            yield out
    except Exception:  # noqa: BLE001 - a dead worker (TerminatedWorkerError) or a broken pool
        pass
    for sku, task in list(pending.items()):
        started = time.perf_counter()
        try:
            (out,) = Parallel(n_jobs=2)(delayed(forecast_task)(*task) for _ in range(1))
        except Exception as exc:  # noqa: BLE001 - this SKU kills its worker: mark it, go on
            out = (sku, None, Message("fail.worker", kind=type(exc).__name__), time.perf_counter() - started)
        yield out
