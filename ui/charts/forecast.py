"""Forecast charts: the forecast with its intervals and backtests, residuals, feature importance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.base import (
    MODEL_COLOURS,
    PALETTE,
    flags_any,
    half_period,
    localised,
    promo_markers,
    rgba,
    runs,
    safe_label,
    shade_stockouts,
    titled,
)
from ui.core.i18n import fmt_date, t

__all__ = ["forecast_figure", "importance_figure", "residual_figures"]


@localised
def forecast_figure(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    models: list[str],
    names: dict[str, str],
    level: int | None,
    title: str,
    *,
    backtest: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    history_periods: int | None = None,
    planned: pd.DataFrame | None = None,
    adjusted: tuple[str, pd.DataFrame] | None = None,
    height: int = 460,
) -> go.Figure:
    """History, each model's forecast with its shaded interval, optional backtest folds and event markers.

    ``planned``: planned drivers (``ds, promo, price``), promotions shaded; ``adjusted``: (model, frame with the
    planner-adjusted ``model`` column), drawn as a thick dashed line over the statistical forecast.
    """
    hist = history.sort_values("ds")
    if history_periods:
        hist = hist.tail(history_periods)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=hist["ds"],
            y=hist["y"],
            mode="lines",
            name=t("chart.history"),
            line={"color": "#2b2b2b", "width": 1.3},
            hovertemplate="%{x|%Y-%m-%d}<br>" + t("chart.units_sold") + ": %{y:,.1f}<extra></extra>",
        )
    )
    if "promo" in hist and hist["promo"].any():
        fig.add_trace(promo_markers(hist, hover=False))
    shade_stockouts(fig, hist, t("chart.stockout_censored"))
    if planned is not None and "promo" in planned and (planned["promo"] > 0).any():
        half = half_period(forecast["ds"])
        plan = planned.set_index("ds").reindex(pd.DatetimeIndex(forecast["ds"]))
        flags = (plan["promo"].fillna(0) > 0).to_numpy()
        ds = pd.Series(forecast["ds"]).reset_index(drop=True)
        for a, b in runs(flags):
            fig.add_vrect(
                x0=ds[a] - half, x1=ds[b] + half, fillcolor=rgba(PALETTE["promo"], 0.18), line_width=0, layer="below"
            )
    if planned is not None and "promo" in planned and flags_any(planned, forecast):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t("chart.planned_promo"),
                marker={"color": rgba(PALETTE["promo"], 0.5), "size": 12, "symbol": "square"},
            )
        )
    for model in models:
        if model not in forecast:
            continue
        colour = MODEL_COLOURS.get(model, "#333333")
        label = names.get(model, model)
        lo, hi = f"{model}-lo-{level}", f"{model}-hi-{level}"
        if level is not None and lo in forecast and forecast[lo].notna().any():
            fig.add_trace(
                go.Scatter(
                    x=list(forecast["ds"]) + list(forecast["ds"][::-1]),
                    y=list(forecast[hi]) + list(forecast[lo][::-1]),
                    fill="toself",
                    fillcolor=rgba(colour, 0.15),
                    line={"width": 0},
                    hoverinfo="skip",
                    name=f"{label} {level}%",
                    legendgroup=model,
                    showlegend=False,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=forecast["ds"],
                y=forecast[model],
                mode="lines",
                name=label,
                legendgroup=model,
                line={"color": colour, "width": 2},
                hovertemplate="%{x|%Y-%m-%d}<br>" + safe_label(label) + ": %{y:,.1f}<extra></extra>",
            )
        )
        if backtest is not None and model in backtest:
            for i, (cutoff, fold) in enumerate(backtest.groupby("cutoff")):
                fig.add_trace(
                    go.Scatter(
                        x=fold["ds"],
                        y=fold[model],
                        mode="lines",
                        name=f"{label} · {t('chart.backtest')}",
                        legendgroup=f"{model}-bt",
                        showlegend=i == 0,
                        line={"color": colour, "width": 1.2, "dash": "dot"},
                        hovertemplate=f"{t('chart.cutoff')} {fmt_date(cutoff)}<br>"
                        + "%{x|%Y-%m-%d}: %{y:,.1f}<extra></extra>",
                    )
                )
    if adjusted is not None and adjusted[0] in adjusted[1]:
        model, frame = adjusted
        label = t("chart.adjusted", model=names.get(model, model))
        fig.add_trace(
            go.Scatter(
                x=frame["ds"],
                y=frame[model],
                mode="lines",
                name=label,
                line={"color": "#d62728", "width": 3, "dash": "dash"},
                hovertemplate="%{x|%Y-%m-%d}<br>" + safe_label(label) + ": %{y:,.1f}<extra></extra>",
            )
        )
    if events is not None and not events.empty:
        for row in events.itertuples():
            fig.add_vline(x=row.ds, line_dash="dot", line_color="#aaaaaa", line_width=1)
            fig.add_annotation(
                x=row.ds,
                y=1.0,
                yref="paper",
                text=safe_label(row.label),
                showarrow=False,
                font={"size": 10, "color": "#777"},
                textangle=-90,
                xanchor="right",
                yanchor="top",
            )
    fig.update_layout(
        **titled(safe_label(title), height),
        hovermode="x unified",
        # Below the plot: a legend of several models and bands would run into the title and the toolbar above.
        legend={"orientation": "h", "y": -0.12, "x": 0, "xanchor": "left", "yanchor": "top"},
        yaxis={"title": t("chart.units_sold"), "rangemode": "tozero"},
        xaxis={"rangeslider": {"visible": False}},
    )
    return fig


@localised
def residual_figures(
    backtest: pd.DataFrame, model: str, label: str, acf_lags: int = 28
) -> tuple[go.Figure, go.Figure, go.Figure]:
    """Backtest residuals of one model: over time (by fold), their autocorrelation, their histogram."""
    frame = backtest[["cutoff", "ds", "y", model]].dropna()
    frame = frame.assign(resid=frame["y"] - frame[model])
    over_time = go.Figure()
    for cutoff, fold in frame.groupby("cutoff"):
        over_time.add_trace(
            go.Scatter(
                x=fold["ds"],
                y=fold["resid"],
                mode="lines+markers",
                marker={"size": 4},
                name=f"{t('chart.cutoff')} {fmt_date(cutoff)}",
            )
        )
    over_time.add_hline(y=0, line_color="#888", line_dash="dash")
    over_time.update_layout(
        **titled(t("chart.resid_time", model=safe_label(label)), 300, size=14),
        yaxis={"title": t("chart.resid_axis")},
        legend={"orientation": "h", "y": -0.3},  # below the year under the first date tick
    )
    resid = frame["resid"].to_numpy()
    n = len(resid)
    lags = max(1, min(acf_lags, n - 1))
    acf = _acf(resid, lags)
    bound = 1.96 / np.sqrt(max(n, 1))
    acf_fig = go.Figure(go.Bar(x=np.arange(1, lags + 1), y=acf, marker_color="#4e79a7"))
    for b in (bound, -bound):
        acf_fig.add_hline(y=b, line_dash="dash", line_color="#e15759")
    acf_fig.update_layout(
        **titled(t("chart.resid_acf"), 300, size=14),
        xaxis={"title": t("chart.lag")},
        yaxis={"range": [-1, 1]},
    )
    hist = go.Figure(go.Histogram(x=resid, nbinsx=30, marker_color="#59a14f"))
    hist.update_layout(
        **titled(t("chart.resid_hist"), 300, size=14),
        xaxis={"title": t("chart.resid_axis")},
        yaxis={"title": t("chart.count")},
    )
    return over_time, acf_fig, hist


def _acf(x: np.ndarray, lags: int) -> np.ndarray:
    """Sample autocorrelation at lags 1..lags (statsmodels' acf, without its import cost at page load)."""
    from statsmodels.tsa.stattools import acf

    if len(x) < 3 or np.std(x) == 0:
        return np.zeros(lags)
    return acf(x, nlags=lags, fft=True)[1:]


@localised
def importance_figure(importance: pd.Series, label: str, top: int = 15) -> go.Figure:
    """Horizontal bars of the largest feature importances."""
    imp = importance.sort_values(ascending=False).head(top)[::-1]
    fig = go.Figure(
        go.Bar(x=imp.to_numpy(), y=[safe_label(i) for i in imp.index], orientation="h", marker_color="#b07aa1")
    )
    fig.update_layout(
        **titled(t("chart.importance", model=safe_label(label)), max(260, 22 * len(imp) + 80), size=14),
        xaxis={"title": t("chart.importance_axis")},
    )
    return fig
