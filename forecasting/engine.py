"""One SKU end to end: rolling-origin backtest, metrics, leaderboard, ensemble and the final forecast.

Every model goes through the same cross-validation function. Folds end at explicit cutoffs: fold k trains
on the periods up to its cutoff and forecasts the next ``horizon`` periods; the last fold's window ends at
the last observed period. A model chooses its specification (ARIMA order, ETS form) once, on the first
fold's training data, then refits that specification per fold and for the final forecast. A model that
fails on a fold or on the final fit is replaced there by the fallback (seasonal naive), and the result says
so. Nothing in a fold reads data after its cutoff; future driver values come from a plan or the last known
regime (or, if asked, from the recorded values, treating them as planned ahead).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, SeriesData, future_drivers
from forecasting.closures import closed_mask, closed_weekdays
from forecasting.global_model import GLOBAL
from forecasting.intervals import conformal_halfwidths, cross_conformal
from forecasting.messages import Message
from forecasting.metrics import METRICS, accuracy, coverage, mase_scale
from forecasting.models import DEFAULT_MODELS, ENSEMBLE, FALLBACK, INTERMITTENT, REGISTRY, make_model
from forecasting.selection import (
    COMBINATIONS,
    DEFAULT_RULE,
    Choice,
    choose,
    combination,
    combination_backtest,
    combine,
    core_members,
)
from forecasting.tuning import tune_model
from salesdata.messages import message_of

__all__ = [
    "ForecastConfig",
    "SkuForecast",
    "auto_models",
    "cutoffs",
    "fold_ends",
    "forecast_series",
    "planned_open_share",
    "sku_seed",
    "warm_pool",
]

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ForecastConfig:
    """Settings of a forecast run. Hashable, so it can key caches.

    Attributes
    ----------
    horizon : int
        Periods to forecast (and the length of each backtest window).
    folds : int
        Backtest folds (rolling origins).
    step : int | None
        Periods between consecutive cutoffs; None means ``horizon`` (non-overlapping windows).
    levels : tuple[int, ...]
        Prediction-interval levels in percent.
    models : tuple[str, ...]
        Model slugs from the registry; ``ensemble`` adds the median of the top ``ensemble_k`` models.
    metric : str
        Leaderboard metric (``mase``, ``wape``, ``mae``, ``rmse``, ``smape``).
    country : str | None
        Public-holiday calendar (ISO code) for Prophet, ARIMA and the regression family.
    events : bool
        Use the e-commerce event calendar (11.11, 618, Black Friday, Cyber Monday, Christmas).
    drivers_in_backtest : {"last_known", "recorded"}
        What a backtest fold assumes about promotions and prices after its cutoff: the last known regime
        (no promotion, last regular price), or the recorded values, as if they had been planned ahead.
    tune : bool
        Search a few hyper-parameters per family before the backtest, on data before the first cutoff.
    tune_budget_s : float
        Time budget of that search for the whole SKU.
    selection : str
        How the forecast is chosen from the backtest (``forecasting.selection.RULES``): by default the
        combination unless one model beats it by ``selection_margin`` on most folds and on the mean (the rule
        that won the nested comparison on the UCI panels; see benchmarks/README.md).
    combination : {"median", "mean", "inverse"}
        How the ``ensemble`` combines its top ``ensemble_k`` members: median, mean, or mean weighted by the
        inverse of each member's backtest score.
    selection_margin : float
        A single model is chosen over the ensemble only if it beats it by more than this fraction of the
        metric (per-SKU winners on a short backtest are noisy; see benchmarks/README.md).
    params : tuple
        Per-model hyper-parameters as ``((slug, ((name, value), ...)), ...)``.
    refit : bool
        Re-estimate every model at every backtest origin (default). ``False`` estimates once, at the first
        origin, and moves that fit to the later origins with ``Forecaster.update`` (ETS and ARIMA filter
        their states through the new periods, lag models read new lags, Prophet and Ridge keep their
        parameters), as statsforecast's ``cross_validation(refit=False)``: cheaper, no look-ahead, and
        errors from parameters up to two folds older. The final forecast is always a fresh fit on all data.
    """

    horizon: int = 28
    folds: int = 3
    step: int | None = None
    levels: tuple[int, ...] = (80, 95)
    models: tuple[str, ...] = DEFAULT_MODELS
    metric: str = "mase"
    ensemble_k: int = 3
    country: str | None = None
    events: bool = True
    seed: int = 0
    drivers_in_backtest: Literal["last_known", "recorded"] = "last_known"
    tune: bool = False
    tune_budget_s: float = 20.0
    selection: str = DEFAULT_RULE
    combination: str = "median"
    selection_margin: float = 0.10
    params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    refit: bool = True

    def model_params(self, alias: str) -> dict[str, Any]:
        return dict(dict(self.params).get(alias, ()))


@dataclass(frozen=True)
class SkuForecast:
    """Everything a SKU's run produced. Frames are wide by model alias (see ``forecasting.frames``)."""

    unique_id: str
    freq: str
    forecast: pd.DataFrame
    backtest: pd.DataFrame
    metrics: pd.DataFrame
    fold_metrics: pd.DataFrame
    best_model: str
    best_reason: str
    failures: dict[str, list[str]]
    notes: list[str]
    descriptions: dict[str, str]
    importances: dict[str, pd.Series]
    timings: dict[str, float]
    levels: tuple[int, ...]
    native: dict[str, bool] = field(default_factory=dict)
    metric: str = "mase"
    choice: Choice | None = None
    # Rolling-origin calibrations of a forecast column (``forecasting.calibration``), keyed by (model, horizon,
    # origins); filled when a plan first needs one, and kept with the forecast.
    calibrations: dict = field(default_factory=dict)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def sku_seed(seed: int, unique_id: str) -> int:
    """A per-SKU seed from the run's seed and the SKU id: the same locally and on any worker."""
    return (zlib.crc32(unique_id.encode("utf-8")) ^ (seed * 2654435761)) % (2**31)


def cutoffs(n: int, horizon: int, folds: int, step: int | None = None, min_train: int = 8) -> list[int]:
    """Training lengths of the backtest folds, oldest first; folds without ``min_train`` periods are dropped.

    >>> cutoffs(100, 10, 3)
    [70, 80, 90]
    >>> cutoffs(30, 10, 3, min_train=12)
    [20]
    """
    step = step or horizon
    ends = [n - horizon - i * step for i in reversed(range(folds))]
    return [e for e in ends if e >= min_train]


def fold_min_train(season_length: int) -> int:
    """Training periods a backtest fold needs: one season (not two), at least 8, at most 60. A season seen once
    is enough to score a level or an intermittent method; the seasonal models drop their seasonal terms below
    two seasons."""
    return max(8, min(season_length, 60))


def fold_ends(n: int, season_length: int, config: ForecastConfig) -> list[int]:
    """The training lengths of a series' backtest folds, as :func:`forecast_series` computes them."""
    return cutoffs(n, config.horizon, config.folds, config.step, min_train=fold_min_train(season_length))


@dataclass
class _ModelRun:
    alias: str
    native: bool
    fold_means: list[np.ndarray] = field(default_factory=list)
    fold_bounds: list[dict[str, np.ndarray]] = field(default_factory=list)
    fold_fallback: list[bool] = field(default_factory=list)
    final_mean: np.ndarray = field(default_factory=lambda: np.empty(0))  # set by the final fit
    final_bounds: dict[str, np.ndarray] = field(default_factory=dict)
    final_fallback: bool = False
    failures: list[str] = field(default_factory=list)
    description: str = ""
    importance: pd.Series | None = None
    seconds: float = 0.0


def _fit_predict(model: Forecaster, train: SeriesData, h: int, future: pd.DataFrame, levels, context) -> dict:
    return model.clone().fit(train, context).predict(h, future, levels)


def _fold_model(model: Forecaster, fitted: Forecaster | None, train: SeriesData, context, refit: bool) -> Forecaster:
    """The model that forecasts a fold: refitted on the fold's history, or (``refit=False``) the first
    fold's fit moved forward to this fold's origin."""
    if refit or fitted is None:
        return model.clone().fit(train, context)
    return fitted.update(train)


def _drivers(data: SeriesData, end: int, h: int, mode: str) -> pd.DataFrame:
    if mode == "recorded":
        return data.exog.iloc[end : end + h].reset_index(drop=True)
    future, _ = future_drivers(data.head(end), h)
    return future


def _fold_inputs(data: SeriesData, ends: list[int], h: int, mode: str) -> dict[int, tuple[SeriesData, pd.DataFrame]]:
    """Each fold's training window and future drivers, built once per SKU and shared by every model."""
    return {end: (data.head(end), _drivers(data, end, h, mode)) for end in ends}


def _run_model(
    alias: str,
    model: Forecaster,
    data: SeriesData,
    ends: list[int],
    config: ForecastConfig,
    context: FitContext,
    final_future: pd.DataFrame,
    folds: dict[int, tuple[SeriesData, pd.DataFrame]] | None = None,
) -> _ModelRun:
    started = time.perf_counter()
    h, levels = config.horizon, config.levels
    folds = folds if folds is not None else _fold_inputs(data, ends, h, config.drivers_in_backtest)
    run = _ModelRun(alias, model.native_intervals)
    fallback = make_model(FALLBACK)
    try:
        model = model.select(folds[ends[0]][0] if ends else data, context)
    except Exception as exc:  # noqa: BLE001 - the folds below then fall back where the model fails
        run.failures.append(Message("fail.select", kind=type(exc).__name__, detail=message_of(exc) or str(exc)))
    fitted: Forecaster | None = None
    for end in ends:
        train, future = folds[end]
        try:
            current = _fold_model(model, fitted, train, context, config.refit)
            if fitted is None:
                fitted = current
            out = current.predict(h, future, levels)
            run.fold_fallback.append(False)
        except Exception as exc:  # noqa: BLE001 - any model error becomes a fallback, never a crash
            run.failures.append(
                Message(
                    "fail.fold",
                    date=f"{data.ds[end - 1]:%Y-%m-%d}",
                    kind=type(exc).__name__,
                    detail=message_of(exc) or str(exc),
                )
            )
            out = _fit_predict(fallback, train, h, future, levels, context)
            run.fold_fallback.append(True)
        run.fold_means.append(out["mean"])
        run.fold_bounds.append({k: v for k, v in out.items() if k != "mean"})
    try:
        fitted = model.clone().fit(data, context)
        out = fitted.predict(h, final_future, levels)
        run.description = fitted.describe() if hasattr(fitted, "describe") else ""
        try:
            run.importance = fitted.importances()
        except Exception:  # noqa: BLE001 - importances are optional extras
            run.importance = None
    except Exception as exc:  # noqa: BLE001 - the final fit falls back too
        run.failures.append(Message("fail.final", kind=type(exc).__name__, detail=message_of(exc) or str(exc)))
        out = _fit_predict(fallback, data, h, final_future, levels, context)
        run.final_fallback = True
    run.final_mean = out["mean"]
    run.final_bounds = {k: v for k, v in out.items() if k != "mean"}
    if run.final_fallback and not fallback.native_intervals:  # pragma: no cover - snaive is native
        run.native = False
    run.seconds = time.perf_counter() - started
    return run


# Rough relative cost of a model, to start the slow ones first in a pool.
_COST = {"arima": 5, "prophet": 5, "hgb": 4, "rf": 4, "ets": 3, "mlp": 3, "ridge": 2}


def _run_model_job(alias, model, data, ends, config, context, final_future, observed, folds=None) -> _ModelRun:
    """Picklable wrapper of one model's backtest for a process pool."""
    if model is None:
        run = _run_model(alias, make_model(FALLBACK), data, ends, config, context, final_future, folds)
        run.failures.insert(0, Message("fail.history", need=REGISTRY[alias].min_train, observed=observed))
        run.fold_fallback = [True] * len(ends)
        run.final_fallback = True
        run.native = REGISTRY[alias].native_intervals
        return run
    return _run_model(alias, model, data, ends, config, context, final_future, folds)


def _warm_worker() -> int:
    """Import the heavy model libraries in a pool worker."""
    import os

    import prophet  # noqa: F401
    import sklearn.ensemble  # noqa: F401
    import statsmodels.tsa.statespace.sarimax  # noqa: F401

    return os.getpid()


def warm_pool(n_jobs: int) -> None:
    """Start the joblib worker pool and import the model libraries in it, so the first run is fast."""
    from joblib import Parallel, delayed

    Parallel(n_jobs=n_jobs)(delayed(_warm_worker)() for _ in range(n_jobs))


def _interval_sources(run: _ModelRun) -> bool:
    """Native bounds are used only when every fold and the final fit came from the model itself."""
    return run.native and not run.final_fallback and not any(run.fold_fallback)


def _describe_combination(members: tuple[str, ...], weights: tuple[float, ...], how: str) -> str:
    """``median of ets, arima, theta`` or ``weighted mean of ets 0.40, arima 0.35, theta 0.25``."""
    if how == "inverse":
        return "weighted mean of " + ", ".join(f"{m} {w:.2f}" for m, w in zip(members, weights, strict=True))
    return f"{how} of " + ", ".join(members)


# Methods a SKU without any backtest fold is forecast with, by demand class (Syntetos-Boylan).
_SHORT_HISTORY = {
    "intermittent": ("sba", "tsb", "imapa"),
    "lumpy": ("sba", "tsb", "imapa"),
}
_SHORT_HISTORY_LEVEL = ("ma", "ets", "theta")


def _short_history_members(runs: dict[str, _ModelRun], demand_class: str | None) -> tuple[str, ...]:
    """The demand class's methods that produced their own final forecast (none fell back)."""
    wanted = _SHORT_HISTORY.get(demand_class or "", _SHORT_HISTORY_LEVEL)
    members = tuple(m for m in wanted if m in runs and not runs[m].final_fallback)
    if len(members) < 2:  # the class's methods were not run: any model with its own final forecast
        others = tuple(
            m for m in runs if m not in (ENSEMBLE, "naive", "snaive", *members) and not runs[m].final_fallback
        )
        members = (members + others)[:3]
    return members


_SINGLE_REASON = {"majority": "best.single_majority", "margin": "best.single_margin"}
_HOW = {"median": "how.median", "mean": "how.mean", "inverse": "how.inverse"}
_DEMAND = {
    "smooth": "demand.smooth",
    "erratic": "demand.erratic",
    "intermittent": "demand.intermittent",
    "lumpy": "demand.lumpy",
}


def _choice_reason(choice: Choice, table: pd.DataFrame, metric: str) -> Message:
    """Why the choice was made, in words, with its skill against seasonal naive."""
    score = dict(zip(table["model"], table[metric], strict=True))
    value = float(score.get(choice.model, np.nan))
    if choice.model != ENSEMBLE:
        if choice.rule in ("majority", "margin") and np.isfinite(score.get(ENSEMBLE, np.nan)):
            reason = Message(
                _SINGLE_REASON[choice.rule],
                model=choice.model,
                wins=choice.wins,
                folds=choice.folds,
                value=value,
                ensemble=float(score[ENSEMBLE]),
                metric=metric.upper(),
            )
        else:
            reason = Message("best.lowest", metric=metric.upper(), value=value, folds=choice.folds)
    elif choice.rule == "core":
        reason = Message("best.core", members=choice.members, folds=choice.folds, metric=metric.upper(), value=value)
    else:
        how = Message(_HOW.get(choice.how, "how.median"))
        reason = Message(
            "best.combination",
            how=how,
            members=choice.members,
            folds=choice.folds,
            metric=metric.upper(),
            value=value,
        )
        if choice.rule in ("majority", "margin"):
            runner = table[table["model"] != ENSEMBLE].dropna(subset=[metric])
            if len(runner):
                top = runner.sort_values([metric, "model"]).iloc[0]
                reason = Message(
                    "best.combination_kept",
                    reason=reason,
                    model=str(top["model"]),
                    wins=choice.wins,
                    folds=choice.folds,
                )
    snaive = score.get("snaive", np.nan)
    if choice.model != "snaive" and np.isfinite(snaive) and snaive > 0 and np.isfinite(value):
        reason = Message("best.skill", reason=reason, skill=1 - value / snaive, snaive=float(snaive))
    return reason


def planned_open_share(planned: pd.DataFrame | None, future_ds: pd.DatetimeIndex) -> np.ndarray | None:
    """The share of each future period planned open (``open`` of the planned drivers; 1 where not planned), or
    None when no future period is planned closed."""
    if planned is None or planned.empty or "open" not in planned:
        return None
    share = (
        planned.set_index(pd.DatetimeIndex(planned["ds"]))["open"]
        .groupby(level=0)
        .min()
        .reindex(future_ds)
        .to_numpy(dtype="float64")
    )
    share = np.clip(np.nan_to_num(share, nan=1.0), 0.0, 1.0)
    return share if (share < 1).any() else None


def auto_models(demand_class: str | None) -> tuple[str, ...]:
    """The models of ``auto`` for a SKU of this demand class: the core of the forecast (ETS, Theta, ARIMA, the
    catalogue's LightGBM), the baselines it is judged against, ridge, and the intermittent methods for
    intermittent and lumpy SKUs."""
    # The catalogue's global LightGBM replaces per-SKU gradient boosting: better held out (UCI daily MASE
    # 0.85 against 0.93) and the largest per-SKU cost of a catalogue run saved. Prophet is left out: it is not
    # in the forecast's core, it was among the weakest held out on the UCI daily, weekly and monthly panels
    # (MASE 0.954, 1.754, 3.233 against auto's 0.810, 0.858, 0.962) and it was most of a catalogue run's time
    # (2.2 s of 3.1 s per monthly SKU). It stays one click away: ``--models auto,prophet``, the Forecast page.
    models = [m for m in DEFAULT_MODELS if m not in ("hgb", "prophet")]
    if demand_class in ("intermittent", "lumpy"):
        models += list(INTERMITTENT)
    return (*models, GLOBAL, ENSEMBLE)


def _model_list(config: ForecastConfig, demand_class: str | None) -> list[str]:
    models = [m for m in config.models if m != "auto"]
    if "auto" in config.models:
        models = list(auto_models(demand_class)) + models  # auto and whatever is named beside it
    if FALLBACK not in models:
        models.insert(0, FALLBACK)  # the skill reference and the fallback are always run
    return list(dict.fromkeys(models))


def forecast_series(
    data: SeriesData,
    config: ForecastConfig,
    *,
    demand_class: str | None = None,
    planned: pd.DataFrame | None = None,
    progress: Progress | None = None,
    n_jobs: int = 1,
    extra_models: dict[str, Forecaster] | None = None,
) -> SkuForecast:
    """Backtest every configured model on one series, then forecast ``config.horizon`` periods.

    Parameters
    ----------
    data : SeriesData
        The SKU's series (censored periods as NaN).
    config : ForecastConfig
    demand_class : str, optional
        Syntetos-Boylan class; with ``models=("auto",)`` intermittent and lumpy SKUs add Croston, SBA, TSB.
    planned : pd.DataFrame, optional
        Planned future drivers ``ds, promo, price``.
    progress : callable, optional
        ``progress(fraction, message)``.
    n_jobs : int
        Worker processes for the models of this SKU (joblib); 1 runs them in this process.
    extra_models : dict[str, Forecaster], optional
        Models built for this SKU only (the ``analog`` of a new item), backtested like the others.
    """
    h, levels = config.horizon, tuple(sorted(config.levels))
    context = FitContext(
        horizon=h, seed=sku_seed(config.seed, data.unique_id), country=config.country, events=config.events
    )
    notes: list[str] = []
    raw_y = data.y
    # Known zeros: a weekday the SKU never sells on while it sells on the others is a closure, not demand: left
    # out of fitting and scoring, and forecast as zero (``forecasting.closures``).
    closed = closed_weekdays(data.ds, data.y) if data.freq == "D" else ()
    if closed:
        y = data.y.copy()
        y[closed_mask(data.ds, closed)] = np.nan
        data = replace(data, y=y)
        notes.append(Message("note.closed_days", days=tuple(_WEEKDAYS[d] for d in closed)))
    observed = int(np.isfinite(data.y).sum())
    min_train = fold_min_train(data.season_length)
    ends = cutoffs(len(data), h, config.folds, config.step, min_train=min_train)
    if len(ends) < config.folds:
        notes.append(
            Message("note.folds", n=len(data), possible=len(ends), folds=config.folds, h=h, min_train=min_train)
        )
    if not config.refit and len(ends) > 1:
        notes.append(Message("note.refit_first"))
    final_future, driver_notes = future_drivers(data, h, planned)
    notes += driver_notes
    if planned is not None and not planned.empty:
        for col in ("promo", "price"):
            if col in planned and planned[col].notna().any() and col not in data.exog:
                notes.append(Message("note.planned_ignored", column=col))
    aliases = _model_list(config, demand_class)
    if GLOBAL in aliases:
        # The global model is trained on the whole catalogue (``forecasting.global_model``) and arrives here as
        # an extra model; a run of one SKU on its own cannot have it.
        aliases.remove(GLOBAL)
        if GLOBAL not in (extra_models or {}) and "auto" not in config.models:
            notes.append(Message("note.global_missing"))
    singles = [a for a in aliases if a != ENSEMBLE]
    runs: dict[str, _ModelRun] = {}
    tuned: dict[str, dict] = {}
    if config.tune and ends:
        budget = config.tune_budget_s / max(1, len(singles))
        for alias in singles:
            params, note = tune_model(alias, data.head(ends[0]), context, budget, config.model_params(alias))
            if params:
                tuned[alias] = params
            if note:
                notes.append(note)
    folds = _fold_inputs(data, ends, h, config.drivers_in_backtest)
    jobs: list[tuple[str, Forecaster | None, dict[str, Any]]] = []
    for alias in singles:
        params = config.model_params(alias) | tuned.get(alias, {})
        if observed < REGISTRY[alias].min_train:
            jobs.append((alias, None, params))
        else:
            jobs.append((alias, make_model(alias, **params), params))
    for alias, extra in (extra_models or {}).items():
        jobs.append((alias, extra, {}))

    if n_jobs > 1 and len(jobs) > 1:
        from joblib import Parallel, delayed

        # Slow models first, so the pool is not left waiting on one long job at the end.
        order = sorted(jobs, key=lambda j: -_COST.get(j[0], 1))
        outputs = Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
            delayed(_run_model_job)(alias, model, data, ends, config, context, final_future, observed, folds)
            for alias, model, _ in order
        )
        for done, run in enumerate(outputs, start=1):
            runs[run.alias] = run
            if progress:
                progress(done / (len(jobs) + 1), run.alias)
        runs = {alias: runs[alias] for alias, _, _ in jobs}
    else:
        for i, (alias, model, _) in enumerate(jobs):
            if progress:
                progress(i / (len(jobs) + 1), alias)
            runs[alias] = _run_model_job(alias, model, data, ends, config, context, final_future, observed, folds)

    y_folds = [data.y[e : e + h] for e in ends]
    scales = [mase_scale(raw_y[:e], data.season_length) for e in ends]  # the shop's own scale, closures included
    residuals = {
        a: np.array([y - m for y, m in zip(y_folds, r.fold_means, strict=True)]).reshape(len(ends), h)
        for a, r in runs.items()
    }

    def fold_metrics_for(alias: str, means: list[np.ndarray], bounds_of) -> list[dict]:
        rows = []
        for k, end in enumerate(ends):
            row = {"model": alias, "cutoff": data.ds[end - 1], **accuracy(y_folds[k], means[k], scales[k])}
            bounds = bounds_of(k)
            for level in levels:
                row[f"coverage_{level}"] = coverage(y_folds[k], bounds[f"lo-{level}"], bounds[f"hi-{level}"])
            rows.append(row)
        return rows

    fold_bounds: dict[tuple[str, int], dict[str, np.ndarray]] = {}  # conformal bounds, computed once per fold

    def bounds_for(alias: str, run: _ModelRun) -> Callable[[int], dict[str, np.ndarray]]:
        def get(k: int) -> dict[str, np.ndarray]:
            if _interval_sources(run):
                return run.fold_bounds[k]
            if (alias, k) not in fold_bounds:
                widths = cross_conformal(residuals[alias], k, levels)
                fold_bounds[alias, k] = {
                    **{f"lo-{lv}": np.clip(run.fold_means[k] - widths[lv], 0, None) for lv in levels},
                    **{f"hi-{lv}": run.fold_means[k] + widths[lv] for lv in levels},
                }
            return fold_bounds[alias, k]

        return get

    fold_rows: list[dict] = []
    for alias, run in runs.items():
        fold_rows += fold_metrics_for(alias, run.fold_means, bounds_for(alias, run))
    fold_table = pd.DataFrame(fold_rows)

    def aggregate(alias: str) -> dict:
        run = runs[alias]
        if not ends:
            return {"model": alias, **dict.fromkeys(METRICS, np.nan)}
        y_all = np.concatenate(y_folds)
        f_all = np.concatenate(run.fold_means)
        pooled = accuracy(y_all, f_all, np.nan)
        part = fold_table[fold_table["model"] == alias]
        pooled["mase"] = float(np.nanmean(part["mase"])) if part["mase"].notna().any() else np.nan
        row = {"model": alias, **pooled}
        get = bounds_for(alias, run)
        for level in levels:
            lo = np.concatenate([get(k)[f"lo-{level}"] for k in range(len(ends))])
            hi = np.concatenate([get(k)[f"hi-{level}"] for k in range(len(ends))])
            row[f"coverage_{level}"] = coverage(y_all, lo, hi)
        return row

    table = pd.DataFrame([aggregate(a) for a in runs])

    # The single models' fold scores: rows are folds (oldest first), columns models.
    singles_run = [a for a in runs if a != ENSEMBLE]
    scores = (
        fold_table.pivot(index="cutoff", columns="model", values=config.metric).reindex(columns=singles_run)
        if ends
        else pd.DataFrame(columns=singles_run)
    )
    scored = [a for a in singles_run if ends and scores[a].notna().any()]
    short_members: tuple[str, ...] = ()
    # A combination rule (median, mean, inverse) names how the ensemble combines; other rules use the setting.
    how = config.selection if config.selection in COMBINATIONS else config.combination
    if ENSEMBLE in aliases:
        if len(scored) >= 2:
            # Fold k's members are ranked on earlier folds only (the first fold takes every non-baseline
            # model), so the ensemble's backtest never uses a fold's own errors to pick its members.
            first = [a for a in scored if a not in ("naive", "snaive")] or scored
            fold_means, _ = combination_backtest(
                {a: runs[a].fold_means for a in scored}, scores[scored], config.ensemble_k, how, first, config.selection
            )
            members, weights = combination(scores[scored], config.ensemble_k, how, config.selection)
            core = config.selection == "core" and len(core_members(scored)) >= 2
            ens_how = "median" if core else how
            ens = _ModelRun(ENSEMBLE, False)
            ens.fold_means = fold_means
            ens.final_mean = combine({m: runs[m].final_mean for m in members}, members, weights, ens_how)
            ens.description = _describe_combination(members, weights, ens_how)
            runs[ENSEMBLE] = ens
            residuals[ENSEMBLE] = np.array([y - m for y, m in zip(y_folds, ens.fold_means, strict=True)]).reshape(
                len(ends), h
            )
            fold_table = pd.concat(
                [fold_table, pd.DataFrame(fold_metrics_for(ENSEMBLE, ens.fold_means, bounds_for(ENSEMBLE, ens)))],
                ignore_index=True,
            )
            table = pd.concat([table, pd.DataFrame([aggregate(ENSEMBLE)])], ignore_index=True)
            scores[ENSEMBLE] = fold_table[fold_table["model"] == ENSEMBLE].set_index("cutoff")[config.metric]
        elif not ends:
            # No fold fits the history: no score to choose by, so the demand class chooses a combination of
            # the methods made for it (intermittent ones for sporadic demand, level methods otherwise).
            short_members = _short_history_members(runs, demand_class)
            if len(short_members) >= 2:
                ens = _ModelRun(ENSEMBLE, False)
                ens.fold_means = []
                ens.final_mean = np.mean([runs[m].final_mean for m in short_members], axis=0)
                ens.description = _describe_combination(
                    short_members, tuple(1 / len(short_members) for _ in short_members), "mean"
                )
                runs[ENSEMBLE] = ens
                residuals[ENSEMBLE] = np.zeros((0, h))
                table = pd.concat([table, pd.DataFrame([aggregate(ENSEMBLE)])], ignore_index=True)
            else:
                notes.append(Message("note.no_ensemble"))
        else:
            notes.append(Message("note.no_ensemble"))

    # Final intervals: native, or conformal from all folds' residuals.
    final_bounds: dict[str, dict[str, np.ndarray]] = {}
    for alias, run in runs.items():
        if _interval_sources(run) and run.final_bounds:
            final_bounds[alias] = run.final_bounds
        elif ends:
            widths = conformal_halfwidths(residuals[alias], levels)
            final_bounds[alias] = {
                **{f"lo-{lv}": np.clip(run.final_mean - widths[lv], 0, None) for lv in levels},
                **{f"hi-{lv}": run.final_mean + widths[lv] for lv in levels},
            }
        else:
            final_bounds[alias] = {f"{s}-{lv}": np.full(h, np.nan) for lv in levels for s in ("lo", "hi")}
    if not ends:
        notes.append(Message("note.no_backtest"))

    snaive_score = table.loc[table["model"] == "snaive", config.metric]
    ref = float(snaive_score.iloc[0]) if len(snaive_score) else np.nan
    table["skill_vs_snaive"] = 1 - table[config.metric] / ref if np.isfinite(ref) and ref > 0 else np.nan
    table["fallback_folds"] = [sum(runs[m].fold_fallback) for m in table["model"]]
    table["final_fallback"] = [runs[m].final_fallback for m in table["model"]]
    table["fit_seconds"] = [runs[m].seconds for m in table["model"]]
    table["description"] = [runs[m].description for m in table["model"]]
    table = table.sort_values([config.metric, "model"], na_position="last").reset_index(drop=True)
    table.insert(1, "rank", np.arange(1, len(table) + 1))
    choice: Choice | None = None
    reason: str  # a Message
    if scored:
        rule = config.selection if ENSEMBLE in runs else "best"  # no combination to keep: the best single model
        choice = choose(scores, rule, k=config.ensemble_k, how=how, margin=config.selection_margin)
        best, reason = choice.model, _choice_reason(choice, table, config.metric)
    elif not ends and (short_members := short_members or _short_history_members(runs, demand_class)):
        if ENSEMBLE not in runs:  # one method of the class, or no combination asked for: the class's first
            short_members = short_members[:1]
        best = ENSEMBLE if len(short_members) > 1 else short_members[0]
        cls_text = Message(_DEMAND.get(demand_class or "", "demand.unknown"))
        reason = (
            Message("best.short_history", demand_class=cls_text, members=short_members)
            if len(short_members) > 1
            else Message("best.short_history_one", demand_class=cls_text, model=best)
        )
        how_short = "mean" if len(short_members) > 1 else "single"
        choice = Choice(
            best, short_members, tuple(1 / len(short_members) for _ in short_members), how_short, "class", 0
        )
    else:
        best, reason = FALLBACK, Message("best.none", metric=config.metric.upper())
    if (
        "analog" in runs
        and not runs["analog"].final_fallback
        and (not ends or table.loc[table["model"] == "analog", config.metric].isna().all())
    ):
        # A new item without a backtest of its own: the borrowed shape is the best evidence there is.
        best, reason = "analog", Message("best.analog", donor=runs["analog"].description)
        choice = Choice("analog", ("analog",), (1.0,), "single", "analog", len(ends))

    # Wide frames built from one dict each (a column at a time costs a pandas block insert per column).
    future_ds = data.future_ds(h)
    columns: dict[str, object] = {"unique_id": data.unique_id, "ds": future_ds}
    for alias, run in runs.items():
        columns[alias] = run.final_mean
        for level in levels:
            columns[f"{alias}-lo-{level}"] = final_bounds[alias][f"lo-{level}"]
            columns[f"{alias}-hi-{level}"] = final_bounds[alias][f"hi-{level}"]
    forecast = pd.DataFrame(columns)
    if closed:
        forecast.loc[closed_mask(future_ds, closed), forecast.columns[2:]] = 0.0
    open_share = planned_open_share(planned, future_ds)
    if open_share is not None:
        # Planned closures are known: a closed period sells nothing, a partly closed one its open share.
        forecast[forecast.columns[2:]] = forecast[forecast.columns[2:]].to_numpy() * open_share[:, None]
        shut = open_share < 1
        notes.append(
            Message(
                "note.planned_closed",
                n=int(shut.sum()),
                first=f"{future_ds[shut][0]:%Y-%m-%d}",
                last=f"{future_ds[shut][-1]:%Y-%m-%d}",
            )
        )
    if ends:
        # One frame for all folds, each column the folds' arrays end to end (a concat of per-fold frames costs
        # pandas a block-compatibility check per column).
        columns = {
            "unique_id": data.unique_id,
            "cutoff": np.concatenate(
                [np.repeat(data.ds[end - 1 : end].to_numpy(), len(y)) for end, y in zip(ends, y_folds, strict=True)]
            ),
            "ds": np.concatenate([data.ds[end : end + h].to_numpy() for end in ends]),
            "y": np.concatenate([raw_y[e : e + h] for e in ends]),  # closed days show their zero
        }
        for alias, run in runs.items():
            columns[alias] = np.concatenate(run.fold_means)
            bounds = [bounds_for(alias, run)(k) for k in range(len(ends))]
            for level in levels:
                columns[f"{alias}-lo-{level}"] = np.concatenate([b[f"lo-{level}"] for b in bounds])
                columns[f"{alias}-hi-{level}"] = np.concatenate([b[f"hi-{level}"] for b in bounds])
        backtest = pd.DataFrame(columns)
        if closed:
            shut = closed_mask(pd.DatetimeIndex(backtest["ds"]), closed)
            backtest.loc[shut, [c for c in backtest.columns if c not in ("unique_id", "cutoff", "ds", "y")]] = 0.0
    else:
        backtest = pd.DataFrame(columns=["unique_id", "cutoff", "ds", "y"])
    if progress:
        progress(1.0, "done")
    return SkuForecast(
        unique_id=data.unique_id,
        freq=data.freq,
        forecast=forecast,
        backtest=backtest,
        metrics=table,
        fold_metrics=fold_table,
        best_model=best,
        best_reason=reason,
        failures={a: r.failures for a, r in runs.items() if r.failures},
        notes=notes,
        descriptions={a: r.description for a, r in runs.items() if r.description},
        importances={a: r.importance for a, r in runs.items() if r.importance is not None},
        timings={a: r.seconds for a, r in runs.items()},
        levels=levels,
        native={a: _interval_sources(r) for a, r in runs.items()},
        metric=config.metric,
        choice=choice,
    )
