"""The model registry: slug -> class. The UI model picker and the contract tests both read it."""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forecasting.base import Forecaster


class _Registry(MutableMapping[str, "type[Forecaster]"]):
    """Slug -> model class, each class imported on first use: listing the models (the pickers, ``in``) costs
    nothing, and asking for ``ets`` does not load Prophet, statsmodels' ARIMA or scikit-learn. A class can be
    registered (``REGISTRY["mine"] = MyModel``), as with a dict."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self._where: dict[str, tuple[str, str] | None] = dict(where)
        self._loaded: dict[str, type[Forecaster]] = {}

    def __getitem__(self, alias: str) -> type[Forecaster]:
        if alias not in self._loaded:
            place = self._where[alias]  # KeyError for an unknown slug, as a dict
            assert place is not None
            module, name = place
            self._loaded[alias] = getattr(import_module(f"forecasting.models.{module}"), name)
        return self._loaded[alias]

    def __setitem__(self, alias: str, cls: type[Forecaster]) -> None:
        self._where.setdefault(alias, None)
        self._loaded[alias] = cls

    def __delitem__(self, alias: str) -> None:
        del self._where[alias]
        self._loaded.pop(alias, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, alias: object) -> bool:
        return alias in self._where


REGISTRY: MutableMapping[str, type[Forecaster]] = _Registry(
    {
        "naive": ("baselines", "Naive"),
        "snaive": ("baselines", "SeasonalNaive"),
        "ma": ("baselines", "MovingAverage"),
        "ets": ("statistical", "ETS"),
        "arima": ("statistical", "ARIMA"),
        "theta": ("theta", "Theta"),
        "prophet": ("prophet_model", "ProphetModel"),
        "ridge": ("regression", "Ridge"),
        "hgb": ("regression", "HGB"),
        "rf": ("regression", "RandomForest"),
        "mlp": ("regression", "MLP"),
        "croston": ("intermittent", "Croston"),
        "sba": ("intermittent", "SBA"),
        "tsb": ("intermittent", "TSB"),
        "adida": ("intermittent", "ADIDA"),
        "imapa": ("intermittent", "IMAPA"),
    }
)
BASELINES = ("naive", "snaive", "ma")
INTERMITTENT = ("croston", "sba", "tsb", "adida", "imapa")
# DESIGN.md's default set (baselines, ETS, ARIMA, Prophet, Ridge, HGB) and Theta, a member of the default
# combination (``forecasting.selection.CORE``) that costs a few milliseconds.
DEFAULT_MODELS = ("naive", "snaive", "ma", "ets", "theta", "arima", "prophet", "ridge", "hgb")
FALLBACK = "snaive"
ENSEMBLE = "ensemble"


def make_model(alias: str, **params) -> Forecaster:
    """A new model by slug, with its default hyper-parameters unless given."""
    if alias not in REGISTRY:
        raise KeyError(f"unknown model '{alias}'; known: {', '.join(REGISTRY)}")
    return REGISTRY[alias](**params)


STOCK_FITS_ENV = "REPLENISH_STOCK_FITS"


def stock_fits() -> bool:
    """Whether ETS, ARIMA and Prophet fit with their libraries' own code (statsmodels' ``ETSModel.fit`` and
    ``SARIMAX.fit``, ``prophet.Prophet``) instead of Replenish's compiled fast paths (``ets_fast``,
    ``arima_fast``, ``fast_prophet``): ``REPLENISH_STOCK_FITS=1``. Slower; for bisecting a numerical problem
    (docs/reliability.md)."""
    return os.environ.get(STOCK_FITS_ENV, "").strip().lower() in ("1", "true", "yes", "on")
