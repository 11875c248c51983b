"""The forecaster interface every model implements, and the series it works on.

Rules (scikit-learn's estimator contract, as in STYLE.md): the constructor stores hyper-parameters
unchanged; ``fit`` validates, starts from scratch and returns ``self``; fitted state ends in ``_``;
``predict`` refuses to run before ``fit``. Forecasts are clipped at zero, and at ten times the largest sales
observed in training (a run-away extrapolation is not a demand).
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Self

import numpy as np
import pandas as pd

from forecasting.calendars import PERIODS_PER_YEAR, SEASON_LENGTH, future_dates
from forecasting.messages import Message
from salesdata.messages import MESSAGES as DATA_MESSAGES
from salesdata.messages import Message as DataMessage
from salesdata.resample import Freq

__all__ = [
    "FitContext",
    "ForecastError",
    "Forecaster",
    "NotFittedError",
    "SeriesData",
    "future_drivers",
]


# A forecast above this multiple of the largest sales ever observed is an extrapolation run away (a log-scale
# trend over twelve months, an explosive ARIMA fit on a short window), not a plausible demand: it is capped there.
_CAP_FACTOR = 10.0


class ForecastError(ValueError):
    """A model cannot forecast this series; the message says why."""


class NotFittedError(ForecastError):
    """``predict`` was called before ``fit``."""


@dataclass(frozen=True)
class SeriesData:
    """One SKU's regular series.

    Attributes
    ----------
    ds : pd.DatetimeIndex
        Period starts, one regular frequency.
    y : np.ndarray
        Units per period; NaN where the period was out of stock (censored: demand unknown).
    freq : {"D", "W", "M"}
    exog : pd.DataFrame
        Known drivers aligned with ``ds`` (``promo``, ``price``); may have no columns.
    unique_id : str
    """

    ds: pd.DatetimeIndex
    y: np.ndarray
    freq: Freq
    exog: pd.DataFrame = field(default_factory=pd.DataFrame)
    unique_id: str = ""

    @classmethod
    def from_panel(cls, frame: pd.DataFrame, freq: Freq) -> SeriesData:
        """Build from one SKU's panel rows (``unique_id, ds, y`` [, ``promo, price, in_stock``])."""
        frame = frame.sort_values("ds")
        y = frame["y"].to_numpy(dtype="float64").copy()
        if "in_stock" in frame:
            y[frame["in_stock"].to_numpy() == 0] = np.nan
        exog = pd.DataFrame(index=range(len(frame)))
        for col in ("promo", "price"):
            if col in frame and frame[col].notna().any():
                exog[col] = frame[col].to_numpy(dtype="float64")
        uid = str(frame["unique_id"].iloc[0]) if len(frame) else ""
        return cls(pd.DatetimeIndex(frame["ds"]), y, freq, exog, uid)

    def __len__(self) -> int:
        return len(self.y)

    @property
    def season_length(self) -> int:
        return SEASON_LENGTH[self.freq]

    @property
    def periods_per_year(self) -> float:
        return PERIODS_PER_YEAR[self.freq]

    def head(self, n: int) -> SeriesData:
        """The first ``n`` periods (a training window ending at a cutoff)."""
        return replace(self, ds=self.ds[:n], y=self.y[:n], exog=self.exog.iloc[:n].reset_index(drop=True))

    def future_ds(self, h: int) -> pd.DatetimeIndex:
        return future_dates(self.ds[-1], h, self.freq)

    def y_filled(self) -> np.ndarray:
        """``y`` with censored periods filled by linear interpolation (for models that need no gaps)."""
        y = pd.Series(self.y)
        if y.isna().all():
            return np.zeros(len(y))
        return y.interpolate(limit_direction="both").to_numpy()


def future_drivers(data: SeriesData, h: int, planned: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Driver values for the next ``h`` periods, and notes on what was assumed.

    Planned values (``ds, promo, price``) win; without them the last known regime holds: no promotion,
    the last non-promotional price.
    """
    future = pd.DataFrame(index=range(h))
    notes: list[str] = []
    ds = data.future_ds(h)
    plan = None
    if planned is not None and not planned.empty:
        plan = planned.set_index(pd.DatetimeIndex(planned["ds"])).reindex(ds)
    for col in data.exog.columns:
        known = plan[col].to_numpy(dtype="float64") if plan is not None and col in plan else np.full(h, np.nan)
        if col == "promo":
            default = 0.0
        else:
            hist = data.exog[col]
            regular = hist[data.exog["promo"] == 0] if "promo" in data.exog else hist
            default = float(regular.dropna().iloc[-1]) if regular.notna().any() else float(hist.dropna().iloc[-1])
        if np.isnan(known).any():
            # The driver by its role name ("promotion", 促销), not the column's internal name.
            name = DataMessage(f"rolename.{col}") if f"rolename.{col}" in DATA_MESSAGES else col
            notes.append(Message("note.future_driver", column=name, n=int(np.isnan(known).sum()), value=default))
        future[col] = np.where(np.isnan(known), default, known)
    return future, notes


@dataclass(frozen=True)
class FitContext:
    """What a fit may know besides the data: the horizon it will be asked for, the seed, calendars."""

    horizon: int
    seed: int = 0
    country: str | None = None
    events: bool = True


class Forecaster:
    """Base class of every model. Subclasses implement ``_fit`` and ``_predict``.

    Class attributes
    ----------------
    alias : str
        Short slug used in files and code (``ets``, ``arima`` ...).
    family : str
        ``baseline``, ``statistical``, ``prophet``, ``regression``, ``intermittent``.
    native_intervals : bool
        The model gives its own prediction intervals; others get conformal intervals from the backtest.
    min_train : int
        Fewest non-censored training points the model accepts.
    """

    alias: ClassVar[str] = ""
    family: ClassVar[str] = ""
    native_intervals: ClassVar[bool] = False
    min_train: ClassVar[int] = 2

    def get_params(self) -> dict[str, Any]:
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {n: getattr(self, n) for n in names}

    def clone(self) -> Self:
        return type(self)(**self.get_params())

    @classmethod
    def test_params(cls) -> dict[str, Any]:
        """Cheap hyper-parameters for the contract tests."""
        return {}

    def select(self, data: SeriesData, context: FitContext) -> Self:
        """Choose a specification once per SKU (ARIMA order, ETS form); default: nothing to choose."""
        return self

    def fit(self, data: SeriesData, context: FitContext) -> Self:
        for name in [k for k in vars(self) if k.endswith("_") and not k.startswith("_")]:
            delattr(self, name)
        observed = int(np.isfinite(data.y).sum())
        if observed < self.min_train:
            raise ForecastError(Message("model.too_short", model=self.alias, need=self.min_train, observed=observed))
        if np.nanmin(data.y, initial=0.0) < 0:
            raise ForecastError(Message("model.negative", model=self.alias))
        self._fit(data, context)
        finite = data.y[np.isfinite(data.y)]
        top = float(finite.max()) if finite.size else 0.0
        self.cap_ = _CAP_FACTOR * top if top > 0 else np.inf
        self.n_train_ = len(data)
        self.context_ = context
        self.data_ = data
        return self

    def predict(
        self, h: int, future_exog: pd.DataFrame | None = None, levels: Sequence[int] = ()
    ) -> dict[str, np.ndarray]:
        """Mean forecast for ``h`` periods and, for native-interval models, ``lo-L``/``hi-L`` bounds."""
        if not hasattr(self, "n_train_"):
            raise NotFittedError(Message("model.not_fitted", model=self.alias))
        if future_exog is None:
            future_exog = pd.DataFrame(index=range(h))
        out = self._predict(h, future_exog, tuple(levels))
        cap = getattr(self, "cap_", np.inf)
        mean = np.clip(np.asarray(out["mean"], dtype="float64"), 0.0, cap)
        if mean.shape != (h,) or not np.isfinite(mean).all():
            raise ForecastError(Message("model.bad_output", model=self.alias, shape=str(mean.shape)))
        result = {"mean": mean}
        if self.native_intervals:
            for level in levels:
                lo = np.clip(np.asarray(out[f"lo-{level}"], dtype="float64"), 0.0, None)
                hi = np.clip(np.asarray(out[f"hi-{level}"], dtype="float64"), 0.0, cap)
                result[f"lo-{level}"] = np.minimum(lo, mean)
                result[f"hi-{level}"] = np.maximum(hi, mean)
        return result

    def update(self, data: SeriesData) -> Self:
        """This fitted model conditioned on a longer history of the same series, its parameters kept.

        Backtests that estimate once (``ForecastConfig.refit=False``, statsforecast's ``refit=False``) fit
        at the first origin and move each later fold's origin forward with ``update``: models with a state
        (ETS, ARIMA) filter it through the new periods with their estimated parameters, models with lags
        read them from the new history, models with neither (Prophet, Ridge) forecast from the new origin
        with their old parameters. This default refits, which is what the parameter-free baselines need.
        """
        self._check_longer(data)
        return self.clone().fit(data, self.context_)

    def _check_longer(self, data: SeriesData) -> None:
        if not hasattr(self, "n_train_"):
            raise NotFittedError(Message("model.not_fitted", model=self.alias))
        if len(data) < self.n_train_:
            raise ForecastError(Message("model.update_shorter", model=self.alias, had=self.n_train_, got=len(data)))

    def _moved(self, data: SeriesData) -> Self:
        """A shallow copy whose history (and so the forecast origin) is ``data``; fitted parameters shared."""
        self._check_longer(data)
        moved = copy.copy(self)
        moved.data_, moved.n_train_ = data, len(data)
        return moved

    def _fit(self, data: SeriesData, context: FitContext) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _predict(
        self, h: int, future_exog: pd.DataFrame, levels: tuple[int, ...]
    ) -> dict[str, np.ndarray]:  # pragma: no cover
        raise NotImplementedError

    def importances(self) -> pd.Series | None:
        """Feature importances for models that have them."""
        return None

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"
