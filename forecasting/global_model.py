"""A global model: one LightGBM regressor per backtest cutoff, trained on every SKU of the catalogue.

Per-SKU models see one short, noisy series each; a global model learns the shapes that recur across the
catalogue (the weekly profile, the run-up to Christmas, what a promotion does, how slow movers behave) from all
of them at once, as the M5 competition's leading entries did. The design:

- **Direct, one model for every step.** A training row is a (SKU, origin, step) triple: the features are known at
  the origin, the target is the sales ``step`` periods later, and ``step`` is a feature. One model forecasts
  every step of the horizon from the last observed period, without feeding its own forecasts back.
- **Per-SKU scale.** Lags, rolling means and the target are divided by the SKU's mean over the last
  ``scale_window`` periods before the origin, so a SKU selling 2 a day and one selling 2,000 share trees; the
  level itself (log1p of the scale) is a feature, and forecasts are multiplied back.
- **Features.** Lags and rolling means and maxima at the origin, the mean of the same season position as the
  target (same weekday for daily data) over recent seasons, the share of periods without a sale and the
  periods since the last one, the target period's calendar (weekday, month, week of year) and e-commerce events,
  promotion and relative price at the target period (planned values ahead; in a backtest the last known regime,
  as the per-SKU models assume), and the SKU's demand class.
- **Count objective.** Tweedie (variance power 1.2): non-negative targets with many zeros.
- **No leakage.** The model for a cutoff is trained only on rows whose target period is on or before that cutoff,
  for every SKU of the catalogue; one SKU's later sales never reach another's training window (tested).

:func:`fit_global` trains the models for the cutoffs the engine's backtest will use and for the final forecast,
and returns a :class:`GlobalForecasts`; :class:`GlobalModel` hands a SKU's stored forecasts to the engine as a
model like the others (slug ``lgbm``), so its backtest, intervals and selection are the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData, future_drivers
from forecasting.calendars import SEASON_LENGTH, event_indicators
from forecasting.messages import Message

__all__ = ["GLOBAL", "GlobalForecasts", "GlobalModel", "fit_global"]

GLOBAL = "lgbm"
_MAX_ROWS = 600_000  # training rows kept (origins thinned beyond it): about 100 MB of features
_CLASSES = {"smooth": 0, "erratic": 1, "intermittent": 2, "lumpy": 3}


@dataclass(frozen=True)
class _Spec:
    lags: tuple[int, ...]
    windows: tuple[int, ...]
    scale_window: int
    stride: int
    seasons_back: int


_SPECS = {
    "D": _Spec(lags=tuple(range(14)), windows=(7, 28, 91), scale_window=56, stride=7, seasons_back=4),
    "W": _Spec(lags=(*range(8), 51, 52), windows=(4, 13, 52), scale_window=13, stride=2, seasons_back=2),
    "M": _Spec(lags=(*range(6), 11), windows=(3, 6, 12), scale_window=6, stride=1, seasons_back=2),
}

PARAMS = {
    "objective": "tweedie",
    "tweedie_variance_power": 1.2,
    "learning_rate": 0.05,
    "n_estimators": 200,
    "num_leaves": 31,
    "min_child_samples": 50,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "verbose": -1,
    "deterministic": True,
    "force_row_wise": True,
}


@dataclass
class _Series:
    uid: str
    y: np.ndarray  # NaN where censored
    ds: pd.DatetimeIndex
    promo: np.ndarray | None
    price: np.ndarray | None
    cls: int


def _rolling(y: np.ndarray, w: int, fn) -> np.ndarray:
    """``fn`` over the ``w`` periods ending at each index (NaN skipped; NaN where none observed)."""
    return fn(pd.Series(y).rolling(w, min_periods=1), w).to_numpy()


def _origin_stats(y: np.ndarray, spec: _Spec, season: int) -> dict[str, np.ndarray]:
    """Statistics known at each origin t (using y[:t+1]), one value per t."""
    s = pd.Series(y)
    out: dict[str, np.ndarray] = {}
    scale = s.rolling(spec.scale_window, min_periods=1).mean().to_numpy()
    longer = s.rolling(4 * spec.scale_window, min_periods=1).mean().to_numpy()
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, longer)
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)
    out["scale"] = scale
    for w in spec.windows:
        out[f"mean_{w}"] = s.rolling(w, min_periods=1).mean().to_numpy() / scale
        out[f"max_{w}"] = s.rolling(w, min_periods=1).max().to_numpy() / scale
    sold = np.nan_to_num(y, nan=0.0) > 0
    out["zero_share"] = 1 - pd.Series(sold.astype(float)).rolling(spec.windows[-1], min_periods=1).mean().to_numpy()
    idx = np.arange(len(y))
    last_sale = pd.Series(np.where(sold, idx, np.nan)).ffill().to_numpy()
    out["since_sale"] = np.where(np.isfinite(last_sale), idx - last_sale, len(y)) / max(season, 1)
    return out


_CALENDARS: dict[tuple, np.ndarray] = {}


def _calendar(ds: pd.DatetimeIndex, freq: str, events: bool) -> np.ndarray:
    """Calendar features of the regular periods ``ds``, computed once per span (most SKUs share one)."""
    key = (ds[0], ds[-1], len(ds), freq, events)
    if key not in _CALENDARS:
        if len(_CALENDARS) > 256:
            _CALENDARS.clear()
        _CALENDARS[key] = _calendar_features(ds, freq, events)
    return _CALENDARS[key]


def _calendar_features(ds: pd.DatetimeIndex, freq: str, events: bool) -> np.ndarray:
    cols = [ds.month.to_numpy(dtype="float64")]
    if freq == "D":
        cols += [ds.day_of_week.to_numpy(dtype="float64"), ds.day.to_numpy(dtype="float64")]
    if freq in ("D", "W"):
        cols.append(ds.isocalendar().week.to_numpy(dtype="float64"))
    if events and freq != "M":
        ev = event_indicators(ds, freq)  # type: ignore[arg-type]
        cols.append(ev.to_numpy(dtype="float64").sum(axis=1))
    return np.column_stack(cols)


def _rows(
    series: _Series,
    origins: np.ndarray,
    horizon: int,
    freq: str,
    spec: _Spec,
    stats: dict[str, np.ndarray],
    calendar: np.ndarray,
    promo_ahead: np.ndarray | None,
    price_ahead: np.ndarray | None,
) -> np.ndarray:
    """Feature rows for every (origin, step) pair: len(origins) * horizon rows."""
    season = SEASON_LENGTH[freq]
    y = series.y
    n_o = len(origins)
    steps = np.tile(np.arange(1, horizon + 1), n_o)
    t = np.repeat(origins, horizon)
    target = t + steps
    scale = stats["scale"][t]
    cols = [steps.astype("float64"), np.log1p(scale), np.full(len(t), float(series.cls))]
    for k in spec.lags:
        src = t - k
        lag = np.where(src >= 0, y[np.clip(src, 0, None)], np.nan)
        cols.append(lag / scale)
    for name in stats:
        if name != "scale":
            cols.append(stats[name][t])
    # Mean of the same season position as the target over the last seasons (same weekday for daily data).
    same = np.zeros(len(t))
    count = np.zeros(len(t))
    for j in range(1, spec.seasons_back + 1):
        back = target - j * season
        back = back - season * np.ceil(np.maximum(back - t, 0) / season).astype(int)  # at or before the origin
        ok = back >= 0
        vals = np.where(ok, y[np.clip(back, 0, None)], np.nan)
        good = np.isfinite(vals)
        same += np.where(good, vals, 0)
        count += good
    cols.append(np.where(count > 0, same / np.maximum(count, 1), np.nan) / scale)
    cols.append(calendar[target].T if calendar.ndim == 2 else calendar[target])
    if promo_ahead is not None:
        cols += [promo_ahead[target], promo_ahead[t]]
    else:
        cols += [np.full(len(t), np.nan), np.full(len(t), np.nan)]
    if price_ahead is not None:
        ref = price_ahead[t]
        cols.append(np.where(ref > 0, price_ahead[target] / np.where(ref > 0, ref, 1), np.nan))
    else:
        cols.append(np.full(len(t), np.nan))
    flat: list[np.ndarray] = []
    for c in cols:
        c = np.asarray(c, dtype="float64")
        flat.extend(c if c.ndim == 2 else [c])
    return np.column_stack(flat)


@dataclass
class GlobalForecasts:
    """Each SKU's forecasts from the global models: ``table[sku][last training date] = mean forecast``."""

    table: dict[str, dict[pd.Timestamp, np.ndarray]] = field(default_factory=dict)
    importances: pd.Series | None = None
    seconds: float = 0.0
    models: int = 0
    rows: int = 0

    def model_for(self, uid: str) -> GlobalModel | None:
        return GlobalModel(self.table[uid]) if uid in self.table else None


class GlobalModel(Forecaster):
    """A SKU's view of the catalogue's global LightGBM models: the forecast of the model trained up to the
    training window's last date (every backtest cutoff and the final origin have one)."""

    alias = GLOBAL
    family = "regression"
    min_train = 1

    def __init__(self, forecasts: dict | None = None) -> None:
        self.forecasts = forecasts

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        origin = pd.Timestamp(data.ds[-1])
        stored = (self.forecasts or {}).get(origin)
        if stored is None:
            raise ForecastError(Message("model.global_missing", date=f"{origin:%Y-%m-%d}"))
        self.mean_ = np.asarray(stored, dtype="float64")

    def update(self, data: SeriesData) -> GlobalModel:
        """A global model is trained per cutoff anyway: the stored forecast of the new origin."""
        return self.clone().fit(data, self.context_)

    def _predict(self, h, future_exog, levels):
        if h > len(self.mean_):
            raise ForecastError(Message("model.horizon", model=self.alias, fitted=len(self.mean_), asked=h))
        return {"mean": self.mean_[:h]}

    def describe(self) -> str:
        return "LightGBM trained on the whole catalogue"


def fit_global(
    panel: pd.DataFrame,
    freq: str,
    horizon: int,
    ends_of: Callable[[int], list[int]],
    *,
    classes: dict[str, str] | None = None,
    planned: Callable[[str], pd.DataFrame | None] | None = None,
    events: bool = True,
    seed: int = 0,
    skus: Iterable[str] | None = None,
    params: dict | None = None,
    n_jobs: int = 2,
) -> GlobalForecasts:
    """Train one model per distinct training end (every backtest cutoff and the final origin) on every SKU of
    ``panel``, and forecast each SKU whose own folds end there.

    ``ends_of(n)`` gives a series of length n its fold ends, as the engine computes them.
    """
    import lightgbm as lgb

    started = time.perf_counter()
    spec = _SPECS[freq]
    wanted = set(skus) if skus is not None else None
    series: list[_Series] = []
    for uid, g in panel.groupby("unique_id", sort=True):
        data = SeriesData.from_panel(g, freq)  # type: ignore[arg-type]
        series.append(
            _Series(
                str(uid),
                data.y,
                data.ds,
                data.exog["promo"].to_numpy(dtype="float64") if "promo" in data.exog else None,
                data.exog["price"].to_numpy(dtype="float64") if "price" in data.exog else None,
                _CLASSES.get((classes or {}).get(str(uid), ""), -1),
            )
        )
    # The training ends each SKU needs: its fold ends (dates of the last training period) and its last date.
    needs: dict[pd.Timestamp, list[tuple[_Series, int]]] = {}
    for s in series:
        if wanted is not None and s.uid not in wanted:
            continue
        for end in [*ends_of(len(s.y)), len(s.y)]:
            needs.setdefault(pd.Timestamp(s.ds[end - 1]), []).append((s, end))
    season = SEASON_LENGTH[freq]
    # Training rows are built once per SKU over its whole history; each cutoff's model then takes the rows whose
    # target period is on or before the cutoff (the features at an origin use nothing after it).
    possible = sum(max(0, len(s.y) - spec.windows[0]) for s in series) * horizon
    stride = max(spec.stride, int(np.ceil(possible / spec.stride / _MAX_ROWS)) * spec.stride)
    prepared = {}
    X_parts, y_parts, date_parts = [], [], []
    futures = {
        s.uid: pd.DatetimeIndex(s.ds.append(SeriesData(s.ds, s.y, freq).future_ds(horizon)))  # type: ignore[arg-type]
        for s in series
    }
    # Calendar features once for every date of the catalogue (series differ only in where they start).
    span = pd.DatetimeIndex(sorted(set().union(*(f for f in futures.values())))) if futures else pd.DatetimeIndex([])
    span_calendar = _calendar(span, freq, events) if len(span) else np.empty((0, 0))
    for s in series:
        future = futures[s.uid]
        stats, cal = _origin_stats(s.y, spec, season), span_calendar[span.get_indexer(future)]
        prepared[s.uid] = (stats, cal)
        origins = np.arange(len(s.y) - 2, spec.windows[0] - 1, -stride)[::-1]
        if len(origins) == 0:
            continue
        promo, price = _drivers(s, len(s.y), len(s.y) + horizon, None, freq)
        rows = _rows(s, origins, horizon, freq, spec, stats, cal, promo, price)
        target_idx = np.repeat(origins, horizon) + np.tile(np.arange(1, horizon + 1), len(origins))
        inside = target_idx < len(s.y)
        target = np.where(inside, s.y[np.clip(target_idx, 0, len(s.y) - 1)], np.nan)
        ok = np.isfinite(target)
        scale = stats["scale"][np.repeat(origins, horizon)]
        X_parts.append(rows[ok].astype("float32"))
        y_parts.append(target[ok] / scale[ok])
        date_parts.append(s.ds.values[target_idx[ok]])
    out = GlobalForecasts()
    if not X_parts:
        out.seconds = time.perf_counter() - started
        return out
    X_all, y_all, dates = np.vstack(X_parts), np.concatenate(y_parts), np.concatenate(date_parts)
    del X_parts, y_parts, date_parts
    importances = []
    params = {**PARAMS, "random_state": seed, "n_jobs": n_jobs, **(params or {})}
    for date, members in sorted(needs.items()):
        use = dates <= np.datetime64(date)
        if use.sum() < 200 or not np.any(y_all[use] > 0):
            continue
        model = lgb.LGBMRegressor(**params)
        model.fit(X_all[use], y_all[use])
        out.models += 1
        out.rows += int(use.sum())
        importances.append(model.booster_.feature_importance("gain"))
        # One prediction call for every SKU whose fold ends here (a call per SKU costs more than the trees).
        blocks, scales = [], []
        for s, end in members:
            stats, cal = prepared[s.uid]
            plan = planned(s.uid) if planned is not None and end == len(s.y) else None
            promo, price = _drivers(s, end, len(s.y) + horizon, plan, freq)
            blocks.append(_rows(s, np.array([end - 1]), horizon, freq, spec, stats, cal, promo, price))
            scales.append(stats["scale"][end - 1])
        # An array here (predict is typed for sparse contributions too, which are not asked for).
        predicted = np.asarray(model.predict(np.vstack(blocks).astype("float32")))
        preds = np.clip(predicted, 0, None).reshape(len(members), horizon)
        for (s, _), pred, scale in zip(members, preds, scales, strict=True):
            out.table.setdefault(s.uid, {})[date] = pred * scale
    if importances:
        out.importances = pd.Series(np.mean(importances, axis=0))
    out.seconds = time.perf_counter() - started
    return out


def _last_known(values: np.ndarray, promo: np.ndarray | None) -> float:
    """The last non-promotional value (the last value when every one was on promotion), as
    ``forecasting.base.future_drivers`` assumes for the periods ahead without a plan."""
    known = np.isfinite(values)
    regular = known & (promo == 0) if promo is not None else known
    pick = regular if regular.any() else known
    return float(values[np.flatnonzero(pick)[-1]]) if pick.any() else np.nan


def _drivers(
    s: _Series, end: int, total: int, plan: pd.DataFrame | None, freq: str
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Promotion and price over ``total`` periods as known at ``end``: recorded before it, then the plan or the
    last known regime (no promotion, last regular price), as the per-SKU models assume."""
    if s.promo is None and s.price is None:
        return None, None
    ahead = total - end
    planned: dict[str, np.ndarray] = {}
    if plan is not None and not plan.empty:
        exog = pd.DataFrame(index=range(end))
        for col, hist in (("promo", s.promo), ("price", s.price)):
            if hist is not None:
                exog[col] = hist[:end]
        data = SeriesData(s.ds[:end], s.y[:end], freq, exog)  # type: ignore[arg-type]
        drivers, _ = future_drivers(data, ahead, plan)
        planned = {c: drivers[c].to_numpy(dtype="float64") for c in drivers.columns}
    promo_hist = s.promo[:end] if s.promo is not None else None
    out: list[np.ndarray | None] = []
    for col, hist in (("promo", s.promo), ("price", s.price)):
        if hist is None:
            out.append(None)
            continue
        if col in planned:
            future = planned[col]
        else:
            default = 0.0 if col == "promo" else _last_known(hist[:end], promo_hist)
            future = np.full(ahead, default)
        out.append(np.concatenate([hist[:end].astype("float64"), future]))
    return out[0], out[1]
