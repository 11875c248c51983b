"""Planner overrides of a forecast, and their value once the actuals arrive.

An override changes the chosen model's forecast over a date range (inclusive), in one of three ways:
``percent`` (multiply by 1 + value / 100), ``units`` (add value units to each period) or ``set`` (replace each
period's forecast by value). Later overrides apply on top of earlier ones. Interval bounds move with the
point forecast: scaled for ``percent``, shifted otherwise. Results are clipped at zero.

Forecast Value Added (Gilliland 2013) compares the adjusted forecast with the statistical one on the periods
whose actual sales are now known: FVA = error of statistical - error of adjusted (positive: the override helped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from forecasting.base import ForecastError
from forecasting.messages import Message

__all__ = ["Override", "apply_overrides", "forecast_value_added"]

Kind = Literal["percent", "units", "set"]


@dataclass(frozen=True)
class Override:
    """One adjustment of a SKU's forecast.

    Attributes
    ----------
    start, end : date
        First and last period affected (period starts, inclusive).
    kind : {"percent", "units", "set"}
    value : float
        Percent change, units added per period, or the new units per period.
    note : str
        Why (shown in the plan and kept with the scenario).
    """

    start: date
    end: date
    kind: Kind
    value: float
    note: str = ""

    def check(self) -> None:
        if pd.Timestamp(self.end) < pd.Timestamp(self.start):
            raise ForecastError(Message("override.order", start=str(self.start), end=str(self.end)))
        if self.kind not in ("percent", "units", "set"):
            raise ForecastError(Message("override.kind", kind=self.kind))
        if self.kind == "percent" and self.value <= -100:
            raise ForecastError(Message("override.percent", value=self.value))
        if self.kind == "set" and self.value < 0:
            raise ForecastError(Message("override.negative", value=self.value))


def apply_overrides(forecast: pd.DataFrame, model: str, overrides: Sequence[Override]) -> pd.DataFrame:
    """The wide forecast with ``model`` (and its bounds) adjusted; the statistical values are kept in
    ``<model>-statistical``.

    Examples
    --------
    >>> f = pd.DataFrame({"ds": pd.date_range("2026-01-05", periods=3, freq="W-MON"), "ets": [10.0, 10.0, 10.0],
    ...                   "ets-lo-80": [6.0] * 3, "ets-hi-80": [14.0] * 3})
    >>> out = apply_overrides(f, "ets", [Override(date(2026, 1, 12), date(2026, 1, 19), "percent", 50)])
    >>> out["ets"].tolist(), out["ets-hi-80"].tolist(), out["ets-statistical"].tolist()
    ([10.0, 15.0, 15.0], [14.0, 21.0, 21.0], [10.0, 10.0, 10.0])
    """
    out = forecast.copy()
    if model not in out:
        raise ForecastError(Message("override.no_model", model=model))
    out[f"{model}-statistical"] = out[model]
    bounds = [c for c in out.columns if re.match(rf"^{re.escape(model)}-(lo|hi)-\d+$", c)]
    ds = pd.to_datetime(out["ds"])
    for ov in overrides:
        ov.check()
        hit = ((ds >= pd.Timestamp(ov.start)) & (ds <= pd.Timestamp(ov.end))).to_numpy()
        if not hit.any():
            continue
        before = out.loc[hit, model].to_numpy(dtype="float64")
        if ov.kind == "percent":
            factor = 1 + ov.value / 100
            out.loc[hit, model] = before * factor
            for col in bounds:
                out.loc[hit, col] = out.loc[hit, col].to_numpy(dtype="float64") * factor
            continue
        after = before + ov.value if ov.kind == "units" else np.full(before.shape, float(ov.value))
        out.loc[hit, model] = np.clip(after, 0, None)
        for col in bounds:
            out.loc[hit, col] = np.clip(out.loc[hit, col].to_numpy(dtype="float64") + (after - before), 0, None)
    return out


def adjusted_forecast(forecast: pd.DataFrame, model: str, overrides: Sequence[Override]) -> tuple[pd.DataFrame, bool]:
    """The forecast the plan uses: ``model``'s column with the planner's overrides applied, and whether any
    applied (none given, or a model without a column: the forecast as it is). The pages and ``python -m
    inventory plan`` both plan from this."""
    if not overrides or model not in forecast.columns:
        return forecast, False
    return apply_overrides(forecast, model, overrides), True


def forecast_value_added(actual: np.ndarray, statistical: np.ndarray, adjusted: np.ndarray) -> dict[str, float]:
    """MAE and bias of both forecasts on the periods with actuals, and the value the override added.

    >>> forecast_value_added(np.array([12.0, 8.0]), np.array([10.0, 10.0]), np.array([12.0, 9.0]))
    {'periods': 2, 'mae_statistical': 2.0, 'mae_adjusted': 0.5, 'fva_mae': 1.5, 'fva_pct': 0.75, 'bias_statistical': 0.0, 'bias_adjusted': 0.5}
    """
    y = np.asarray(actual, dtype="float64")
    keep = np.isfinite(y)
    y, s, a = y[keep], np.asarray(statistical, dtype="float64")[keep], np.asarray(adjusted, dtype="float64")[keep]
    if y.size == 0:
        return {"periods": 0}
    mae_s, mae_a = float(np.mean(np.abs(y - s))), float(np.mean(np.abs(y - a)))
    return {
        "periods": int(y.size),
        "mae_statistical": mae_s,
        "mae_adjusted": mae_a,
        "fva_mae": mae_s - mae_a,
        "fva_pct": (mae_s - mae_a) / mae_s if mae_s > 0 else float("nan"),
        "bias_statistical": float(np.mean(s - y)),
        "bias_adjusted": float(np.mean(a - y)),
    }
