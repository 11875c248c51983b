"""New items: borrow the shape of a like item or of the item's category, scaled to the new item's level.

The donor (a like SKU, or the category's average SKU) is forecast with ETS on log1p; the forecast is scaled by
the ratio of the new item's mean sales to the donor's over the days both were selling (at most the last 28
periods), or by a ratio the planner gives when the new item has too few sales to say. The donor's own
interval bounds are scaled the same way.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData
from forecasting.messages import Message
from forecasting.models.statistical import ETS

__all__ = ["Analog", "category_series"]


def category_series(panel: pd.DataFrame, unique_ids: list[str], freq: str, label: str) -> SeriesData:
    """The average SKU of a group: total sales per period divided by the SKUs selling by then."""
    part = panel[panel["unique_id"].isin(unique_ids)]
    if part.empty:
        raise ForecastError(Message("analog.no_sales", label=label))
    observed = part["y"].where(part["in_stock"] != 0) if "in_stock" in part else part["y"]
    y = part.assign(obs=observed).groupby("ds")
    frame = pd.DataFrame({"ds": y.size().index, "y": (y["obs"].sum(min_count=1) / y["obs"].count()).to_numpy()})
    frame["unique_id"] = label
    return SeriesData.from_panel(frame, freq)  # type: ignore[arg-type]


class Analog(Forecaster):
    """The donor's forecast, scaled to the new item's level."""

    alias = "analog"
    family = "new item"
    native_intervals = True
    min_train = 1

    def __init__(
        self, donor: SeriesData | None = None, donor_label: str = "", scale: float | None = None, window: int = 28
    ) -> None:
        self.donor = donor
        self.donor_label = donor_label
        self.scale = scale
        self.window = window

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        if self.donor is None:
            raise ForecastError(Message("analog.no_donor"))
        donor = self.donor
        end = data.ds[-1]
        keep = int(np.searchsorted(donor.ds.values, end.to_datetime64(), side="right"))
        if keep < 8:
            raise ForecastError(Message("analog.short", label=self.donor_label, end=f"{end:%Y-%m-%d}"))
        donor = donor.head(keep)
        if donor.ds[-1] != end:
            raise ForecastError(Message("analog.not_reaching", label=self.donor_label, end=f"{end:%Y-%m-%d}"))
        # Level ratio over the periods both were selling.
        shared = pd.Series(data.y, index=data.ds).tail(self.window)
        donor_part = pd.Series(donor.y, index=donor.ds).reindex(shared.index)
        ok = shared.notna() & donor_part.notna()
        ratio = None
        if self.scale is not None:
            ratio = float(self.scale)
        elif ok.sum() >= 7 and donor_part[ok].sum() > 0 and shared[ok].sum() > 0:
            ratio = float(shared[ok].sum() / donor_part[ok].sum())
        if ratio is None:
            raise ForecastError(Message("analog.few_periods"))
        self.ratio_ = ratio
        self.model_ = ETS().fit(replace(donor, exog=pd.DataFrame(index=range(len(donor)))), context)

    def _predict(self, h, future_exog, levels):
        out = self.model_.predict(h, None, levels)
        return {k: v * self.ratio_ for k, v in out.items()}

    def describe(self) -> str:
        return f"{self.donor_label} x {self.ratio_:.2f}"
