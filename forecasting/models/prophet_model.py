"""Prophet with e-commerce events, optional country holidays, promotion and price regressors.

A new ``Prophet`` is built in every fit. Sampling is off (``uncertainty_samples=0``, MAP fit with a seed
derived from the run's seed), so identical fits give identical forecasts; intervals come from the backtest
(conformal) like the other models without native intervals. Weekly seasonality for daily data, yearly
seasonality once a year of history exists. Events and holidays are mapped to the period that holds them
for weekly and monthly data. Fitted on log1p(sales) by default, so bulk-order spikes do not drag the trend
(changepoint prior 0.01: daily retail noise otherwise reads as trend changes). Output is clipped at zero.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, SeriesData
from forecasting.calendars import PERIODS_PER_YEAR, country_holidays, event_frame
from salesdata.resample import period_start

__all__ = ["ProphetModel"]


def _silence() -> None:
    """Prophet and cmdstanpy log every fit at INFO; cmdstanpy resets its level, so disable the logger."""
    for name in ("prophet", "prophet.plot", "prophet.forecaster"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("cmdstanpy").disabled = True


class ProphetModel(Forecaster):
    """Facebook/Meta Prophet adapter."""

    alias = "prophet"
    family = "prophet"
    min_train = 10

    def __init__(
        self,
        changepoint_prior_scale: float = 0.01,
        seasonality_prior_scale: float = 10.0,
        seasonality_mode: Literal["additive", "multiplicative"] = "additive",
        transform: str = "log1p",
    ) -> None:
        self.changepoint_prior_scale = changepoint_prior_scale
        self.seasonality_prior_scale = seasonality_prior_scale
        self.seasonality_mode = seasonality_mode
        self.transform = transform

    def _holidays(self, data: SeriesData, context: FitContext) -> pd.DataFrame | None:
        parts = []
        end = data.ds[-1] + pd.Timedelta(days=400)
        if context.events:
            parts.append(event_frame(data.ds[0], end))
        if context.country:
            hol = country_holidays(context.country, data.ds[0], end)
            hol["lower_window"], hol["upper_window"] = 0, 0
            parts.append(hol)
        if not parts:
            return None
        frame = pd.concat(parts, ignore_index=True)
        if data.freq != "D":
            # Expand each window to days, then map to the period holding them.
            rows = []
            for holiday, ds, lower, upper in zip(
                frame["holiday"], frame["ds"], frame["lower_window"], frame["upper_window"], strict=True
            ):
                for offset in range(int(lower), int(upper) + 1):
                    rows.append((holiday, ds + pd.Timedelta(days=offset)))
            days = pd.DataFrame(rows, columns=["holiday", "ds"])
            week_start = int(data.ds[0].day_of_week) if data.freq == "W" and len(data.ds) else 0
            days["ds"] = period_start(days["ds"], data.freq, week_start).to_numpy()
            frame = days.drop_duplicates().assign(lower_window=0, upper_window=0)
        return frame

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        from forecasting.models import stock_fits

        if stock_fits():
            from prophet import Prophet as FastProphet  # the library's own fit (REPLENISH_STOCK_FITS)
        else:
            from forecasting.models.fast_prophet import FastProphet

        _silence()  # after the import: prophet configures its logger when first imported

        years = len(data) / PERIODS_PER_YEAR[data.freq]
        model = FastProphet(
            growth="linear",
            # Fourier order 10 by default; monthly data hold at most 5 identifiable yearly harmonics (order 6 and
            # above alias onto lower ones), and order 10 on two years of months made the fit crawl (6-30 s).
            yearly_seasonality=(5 if data.freq == "M" else 10) if years >= 1.0 else False,
            weekly_seasonality=data.freq == "D",
            daily_seasonality=False,
            holidays=self._holidays(data, context),
            changepoint_prior_scale=self.changepoint_prior_scale,
            seasonality_prior_scale=self.seasonality_prior_scale,
            seasonality_mode=self.seasonality_mode,
            uncertainty_samples=0,
        )
        y = np.log1p(np.clip(data.y, 0, None)) if self.transform == "log1p" else data.y
        frame = pd.DataFrame({"ds": data.ds, "y": y})
        self.regressors_ = []
        for col in data.exog.columns:
            values = data.exog[col].astype("float64")
            if values.nunique() > 1:
                frame[col] = values.ffill().bfill().to_numpy()
                model.add_regressor(col)
                self.regressors_.append(col)
        frame = frame[np.isfinite(frame["y"])]
        model.fit(frame, seed=context.seed % (2**31))
        self.model_ = model

    def update(self, data: SeriesData) -> ProphetModel:
        """The fitted parameters kept (Prophet has no state to filter): forecasts start at the new origin."""
        return self._moved(data)

    def _predict(self, h, future_exog, levels):
        future = pd.DataFrame({"ds": self.data_.future_ds(h)})
        for col in self.regressors_:
            future[col] = future_exog[col].to_numpy() if col in future_exog else float(self.data_.exog[col].iloc[-1])
        yhat = self.model_.predict(future)["yhat"].to_numpy()
        return {"mean": np.expm1(np.clip(yhat, -50, 50)) if self.transform == "log1p" else yhat}
