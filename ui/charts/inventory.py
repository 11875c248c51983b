"""Replenishment charts: the dated schedule, the stock fan, the stockout simulation, the cost frontier."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.base import LEGEND_ABOVE, PALETTE, localised, rgba, safe_label, titled
from ui.core.i18n import t

__all__ = ["fan_figure", "frontier_figure", "schedule_figure", "stockout_figures"]


@localised
def schedule_figure(
    days: pd.DataFrame,
    orders: pd.DataFrame,
    trigger: float,
    safety_stock: float,
    trigger_label: str,
    title: str,
    height: int = 400,
) -> go.Figure:
    """Projected on hand and inventory position over the horizon, the (time-phased) reorder level, and order and
    arrival markers."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=days["date"],
            y=days["inventory_position"],
            mode="lines",
            name=t("rp.chart.position"),
            line={"color": "#9c755f", "dash": "dash", "width": 1.2, "shape": "hv"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=days["date"],
            y=days["on_hand"],
            mode="lines",
            name=t("rp.chart.on_hand"),
            line={"color": PALETTE["sales"], "width": 2, "shape": "hv"},
            hovertemplate="%{x|%Y-%m-%d}<br>" + t("rp.chart.on_hand") + ": %{y:,.0f}<extra></extra>",
        )
    )
    if "trigger" in days:
        fig.add_trace(
            go.Scatter(
                x=days["date"],
                y=days["trigger"],
                mode="lines",
                name=trigger_label,
                line={"color": "#e15759", "dash": "dot", "width": 1.5, "shape": "hv"},
                hovertemplate="%{x|%Y-%m-%d}<br>" + trigger_label + ": %{y:,.0f}<extra></extra>",
            )
        )
    else:
        fig.add_hline(
            y=trigger,
            line_dash="dot",
            line_color="#e15759",
            annotation_text=f"{trigger_label} {trigger:,.0f}",
            annotation_position="top left",
        )
    fig.add_hline(
        y=safety_stock,
        line_dash="dot",
        line_color="#f28e2b",
        annotation_text=f"{t('rp.kpi.safety_stock')} {safety_stock:,.0f}",
        annotation_position="bottom left",
    )
    if not orders.empty:
        fig.add_trace(
            go.Scatter(
                x=orders["order_date"],
                y=orders["projected_on_hand"],
                mode="markers",
                name=t("rp.chart.order"),
                marker={"symbol": "triangle-down", "size": 12, "color": "#e15759"},
                customdata=orders[["order_qty", "arrival_date"]].assign(
                    arrival_date=orders["arrival_date"].dt.strftime("%Y-%m-%d")
                ),
                hovertemplate="%{x|%Y-%m-%d}<br>"
                + t("rp.chart.order_qty")
                + ": %{customdata[0]:,.0f}<br>"
                + t("rp.chart.arrives")
                + " %{customdata[1]}<extra></extra>",
            )
        )
        arrivals = days.set_index("date")["on_hand"].reindex(orders["arrival_date"])
        fig.add_trace(
            go.Scatter(
                x=orders["arrival_date"],
                y=arrivals.to_numpy(),
                mode="markers",
                name=t("rp.chart.arrival"),
                marker={"symbol": "triangle-up", "size": 12, "color": "#59a14f"},
                customdata=orders[["order_qty"]],
                hovertemplate="%{x|%Y-%m-%d}<br>" + t("rp.chart.received") + ": %{customdata[0]:,.0f}<extra></extra>",
            )
        )
    fig.update_layout(
        **titled(safe_label(title), height, top=60),
        hovermode="x unified",
        legend=LEGEND_ABOVE,
        yaxis={"title": t("rp.chart.units"), "rangemode": "tozero"},
    )
    return fig


@localised
def fan_figure(percentiles: pd.DataFrame, trigger: float, trigger_label: str, height: int = 360) -> go.Figure:
    """Simulated on-hand percentiles (5-95% and 25-75% bands, median)."""
    fig = go.Figure()
    for lo, hi, alpha, name in (("p5", "p95", 0.15, "5–95%"), ("p25", "p75", 0.30, "25–75%")):
        fig.add_trace(
            go.Scatter(
                x=list(percentiles["date"]) + list(percentiles["date"][::-1]),
                y=list(percentiles[hi]) + list(percentiles[lo][::-1]),
                fill="toself",
                fillcolor=rgba("#1f5fa8", alpha),
                line={"width": 0},
                name=name,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=percentiles["date"],
            y=percentiles["p50"],
            mode="lines",
            name=t("rp.chart.median"),
            line={"color": "#1f5fa8", "width": 2},
        )
    )
    fig.add_hline(
        y=trigger, line_dash="dot", line_color="#e15759", annotation_text=trigger_label, annotation_position="top left"
    )
    fig.update_layout(
        **titled(t("rp.chart.fan_title"), height, size=14),
        yaxis={"title": t("rp.chart.units"), "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


@localised
def stockout_figures(
    prob_by_day: np.ndarray, dates: pd.Series, stockout_days: np.ndarray
) -> tuple[go.Figure, go.Figure]:
    """Daily stockout probability, and the distribution of stockout days per path."""
    by_day = go.Figure(
        go.Scatter(
            x=dates,
            y=prob_by_day,
            mode="lines",
            line={"color": "#e15759"},
            hovertemplate="%{x|%Y-%m-%d}: %{y:.1%}<extra></extra>",
        )
    )
    by_day.update_layout(
        **titled(t("rp.chart.prob_title"), 300, size=14),
        yaxis={"tickformat": ".1~%", "rangemode": "tozero"},
    )
    counts = np.bincount(stockout_days.astype(int))
    hist = go.Figure(
        go.Bar(
            x=np.arange(len(counts)),
            y=counts / max(1, counts.sum()),
            marker_color="#e15759",
            hovertemplate="%{x} " + t("rp.chart.days") + ": %{y:.1%}<extra></extra>",
        )
    )
    hist.update_layout(
        **titled(t("rp.chart.days_title"), 300, size=14),
        xaxis={"title": t("rp.chart.stockout_days")},
        yaxis={"tickformat": ".1~%", "title": t("rp.chart.share_paths")},
    )
    return by_day, hist


@localised
def frontier_figure(frontier: pd.DataFrame, chosen: float, optimal: float | None, currency: str = "") -> go.Figure:
    """Expected cost and inventory value (top), simulated fill rate and cycle service (bottom) by target level."""
    from plotly.subplots import make_subplots

    x = frontier["service_level"] * 100
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, specs=[[{"secondary_y": True}], [{}]])
    fig.add_trace(
        go.Scatter(
            x=x,
            y=frontier["total_cost"],
            mode="lines+markers",
            name=t("rp.chart.total_cost"),
            line={"color": "#e15759", "width": 2},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=frontier["inventory_value"],
            mode="lines+markers",
            name=t("rp.chart.inventory_value"),
            line={"color": "#4e79a7", "dash": "dash"},
        ),
        row=1,
        col=1,
        secondary_y=True,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=frontier["fill_rate"] * 100,
            mode="lines+markers",
            name=t("rp.chart.fill_rate"),
            line={"color": "#59a14f"},
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=frontier["cycle_service_level"] * 100,
            mode="lines+markers",
            name=t("rp.chart.csl"),
            line={"color": "#b07aa1"},
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(x=x, y=x, mode="lines", name=t("rp.chart.target_line"), line={"color": "#bbbbbb", "dash": "dot"}),
        row=2,
        col=1,
    )
    fig.add_vline(x=chosen * 100, line_color="#1f5fa8", line_width=2)
    fig.add_annotation(
        x=chosen * 100,
        y=1.0,
        yref="paper",
        text=t("rp.chart.your_choice"),
        showarrow=False,
        font={"color": "#1f5fa8"},
        xanchor="left",
        yanchor="top",
    )
    if optimal is not None and np.isfinite(optimal):
        fig.add_vline(x=optimal * 100, line_color="#f28e2b", line_dash="dash", line_width=2)
        fig.add_annotation(
            x=optimal * 100,
            y=0.93,
            yref="paper",
            text=t("rp.chart.cost_optimal"),
            showarrow=False,
            font={"color": "#f28e2b"},
            xanchor="right",
            yanchor="top",
        )
    cheapest = frontier.loc[frontier["total_cost"].idxmin()]
    fig.add_trace(
        go.Scatter(
            x=[cheapest["service_level"] * 100],
            y=[cheapest["total_cost"]],
            mode="markers",
            name=t("rp.chart.lowest_cost"),
            marker={"size": 12, "symbol": "star", "color": "#f28e2b"},
        ),
        row=1,
        col=1,
    )
    fig.update_layout(
        height=560,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        title={"text": t("rp.chart.frontier_title"), "x": 0, "font": {"size": 15}},
        legend={"orientation": "h", "y": -0.12},
        hovermode="x unified",
    )
    money = f" ({currency})" if currency else ""
    fig.update_yaxes(
        title_text=t("rp.chart.cost_axis", currency=money), row=1, col=1, secondary_y=False, rangemode="tozero"
    )
    fig.update_yaxes(
        title_text=t("rp.chart.value_axis", currency=money), row=1, col=1, secondary_y=True, rangemode="tozero"
    )
    fig.update_yaxes(title_text=t("rp.chart.service_axis"), row=2, col=1)
    fig.update_xaxes(title_text=t("rp.chart.target_axis"), row=2, col=1)
    return fig
