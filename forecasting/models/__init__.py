"""The model registry: slug -> class. The UI model picker and the contract tests both read it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forecasting.base import Forecaster


class _Registry(Mapping[str, "type[Forecaster]"]):
    """Slug -> model class, each class imported on first use: listing the models (the pickers, ``in``) costs
    nothing, and asking for ``ets`` does not load Prophet, statsmodels' ARIMA or scikit-learn."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self._where = where
        self._loaded: dict[str, type[Forecaster]] = {}

    def __getitem__(self, alias: str) -> type[Forecaster]:
        if alias not in self._loaded:
            module, name = self._where[alias]  # KeyError for an unknown slug, as a dict
            self._loaded[alias] = getattr(import_module(f"forecasting.models.{module}"), name)
        return self._loaded[alias]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, alias: object) -> bool:
        return alias in self._where


REGISTRY: Mapping[str, type[Forecaster]] = _Registry(
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
