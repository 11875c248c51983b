"""The model registry: slug -> class. The UI model picker and the contract tests both read it."""

from __future__ import annotations

from forecasting.base import Forecaster
from forecasting.models.baselines import MovingAverage, Naive, SeasonalNaive
from forecasting.models.intermittent import ADIDA, IMAPA, SBA, TSB, Croston
from forecasting.models.prophet_model import ProphetModel
from forecasting.models.regression import HGB, MLP, RandomForest, Ridge
from forecasting.models.statistical import ARIMA, ETS
from forecasting.models.theta import Theta

__all__ = [
    "BASELINES",
    "DEFAULT_MODELS",
    "FALLBACK",
    "INTERMITTENT",
    "REGISTRY",
    "make_model",
]

REGISTRY: dict[str, type[Forecaster]] = {
    cls.alias: cls
    for cls in (
        Naive,
        SeasonalNaive,
        MovingAverage,
        ETS,
        ARIMA,
        Theta,
        ProphetModel,
        Ridge,
        HGB,
        RandomForest,
        MLP,
        Croston,
        SBA,
        TSB,
        ADIDA,
        IMAPA,
    )
}
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
