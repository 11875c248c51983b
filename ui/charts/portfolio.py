"""Portfolio and scenario charts: the class matrix, accuracy, scenario KPIs and spend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.base import LEGEND_ABOVE, MODEL_COLOURS, localised, safe_label, titled
from ui.charts.history import abc_xyz_heatmap
from ui.core.i18n import fmt_int, fmt_num, fmt_pct, t

__all__ = ["accuracy_figure", "portfolio_matrix", "scenario_kpi_figure", "scenario_spend_figure"]


@localised
def portfolio_matrix(table: pd.DataFrame, height: int = 340) -> go.Figure:
    """ABC-XYZ matrix of the planned catalogue: SKUs, inventory value and SKUs to order now per cell."""
    rows, cols = ["A", "B", "C"], ["X", "Y", "Z"]
    ok = table[table["status"] != "failed"] if "status" in table else table
    total = float(ok["inventory_value"].sum()) or 1.0
    counts = np.zeros((3, 3), dtype=int)
    text = [["" for _ in cols] for _ in rows]
    for i, a in enumerate(rows):
        for j, x in enumerate(cols):
            cell = ok[(ok["abc"] == a) & (ok["xyz"] == x)]
            counts[i, j] = len(cell)
            text[i][j] = t(
                "pf.matrix_cell",
                n=fmt_int(len(cell)),
                share=fmt_pct(float(cell["inventory_value"].sum()) / total),
                now=fmt_int(int(cell["order_now"].sum())),
            )
    return abc_xyz_heatmap(counts, text, t("pf.matrix_title"), height)


@localised
def accuracy_figure(table: pd.DataFrame, height: int = 340) -> go.Figure:
    """Distribution of the chosen models' backtest MASE across SKUs, by model; 1 = as good as seasonal naive's
    in-sample error."""
    fig = go.Figure()
    data = table.dropna(subset=["mase"]) if "mase" in table else table.iloc[:0]
    for model, part in data.groupby("model", sort=True):
        fig.add_trace(
            go.Histogram(
                x=part["mase"].clip(upper=5),
                name=safe_label(t(f"model.{model}")),
                marker={"color": MODEL_COLOURS.get(str(model), "#888888")},
                xbins={"size": 0.1},
                opacity=0.8,
            )
        )
    fig.add_vline(x=1.0, line_dash="dash", line_color="#555")
    fig.update_layout(
        barmode="stack",
        **titled(t("pf.accuracy_title"), height),
        xaxis={"title": t("metric.mase")},
        yaxis={"title": t("pf.skus")},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


@localised
def scenario_kpi_figure(kpis: pd.DataFrame, texts: pd.DataFrame | None = None, height: int = 440) -> go.Figure:
    """KPIs of 2-4 scenarios side by side: one row per KPI, bars relative to the first scenario (100%), each
    labelled with its value and unit (``texts``, same shape as ``kpis``)."""
    fig = go.Figure()
    base = kpis.iloc[:, 0].replace(0, np.nan)
    labels = [safe_label(i) for i in kpis.index]
    for col in kpis.columns:
        rel = kpis[col] / base
        text = (
            [safe_label(v) for v in texts[col]]
            if texts is not None
            else [fmt_num(v, 2) if np.isfinite(v) else "–" for v in kpis[col]]
        )
        fig.add_trace(
            go.Bar(
                y=labels,
                x=rel,
                orientation="h",
                name=safe_label(col),
                text=text,
                textposition="outside",
                textfont={"size": 13},
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra>" + safe_label(col) + "</extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        title={"text": t("sc.kpi_chart_title"), "x": 0, "font": {"size": 15}},
        height=max(height, 70 * len(kpis)),
        margin={"l": 10, "r": 60, "t": 50, "b": 10},
        xaxis={"title": t("sc.relative_to_first"), "tickformat": ".1~%", "tickfont": {"size": 12}},
        yaxis={"autorange": "reversed", "tickfont": {"size": 13}},
        font={"size": 13},
        legend=LEGEND_ABOVE,
    )
    return fig


@localised
def scenario_spend_figure(orders: dict[str, pd.DataFrame], height: int = 360) -> go.Figure:
    """Cumulative purchase spend of each scenario's orders over time, overlaid."""
    fig = go.Figure()
    for name, frame in orders.items():
        if frame is None or frame.empty:
            continue
        daily = frame.assign(order_date=pd.to_datetime(frame["order_date"])).groupby("order_date")["order_value"].sum()
        fig.add_trace(
            go.Scatter(
                x=daily.index,
                y=daily.cumsum(),
                mode="lines",
                line={"shape": "hv", "width": 2},
                name=safe_label(name),
                hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra>" + safe_label(name) + "</extra>",
            )
        )
    fig.update_layout(
        **titled(t("sc.spend_title"), height),
        yaxis={"title": t("sc.spend_axis"), "rangemode": "tozero"},
        legend=LEGEND_ABOVE,
    )
    return fig
