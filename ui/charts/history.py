"""Charts of the sales history: a SKU's history, the ABC-XYZ matrix, the demand-class map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from salesdata.profile import ADI_CUTOFF, CV2_CUTOFF
from ui.charts.base import (
    CLASS_COLOURS,
    LEGEND_ABOVE,
    PALETTE,
    localised,
    promo_markers,
    safe_label,
    shade_stockouts,
    titled,
)
from ui.core.i18n import fmt_int, fmt_pct, t

__all__ = ["abc_xyz_heatmap", "abc_xyz_matrix", "demand_class_map", "sku_history"]


@localised
def sku_history(series: pd.DataFrame, title: str, height: int = 420) -> go.Figure:
    """Sales history of one SKU with promotions marked, stock-outs shaded and price on a second axis.

    Parameters
    ----------
    series : pd.DataFrame
        One SKU's panel rows: ``ds, y`` and optionally ``promo, in_stock, price``.
    title : str
        Chart title (escaped here).
    """
    series = series.sort_values("ds")
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=series["ds"],
            y=series["y"],
            mode="lines",
            name=t("chart.units_sold"),
            line={"color": PALETTE["sales"], "width": 1.4},
            hovertemplate="%{x|%Y-%m-%d}<br>" + t("chart.units_sold") + ": %{y:,.0f}<extra></extra>",
        )
    )
    if "promo" in series and series["promo"].any():
        fig.add_trace(promo_markers(series))
    shade_stockouts(fig, series, t("chart.stockout"))
    if "price" in series and series["price"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=series["ds"],
                y=series["price"],
                mode="lines",
                name=t("chart.price"),
                yaxis="y2",
                line={"color": PALETTE["price"], "width": 1, "dash": "dot", "shape": "hv"},
                hovertemplate="%{x|%Y-%m-%d}<br>" + t("chart.price") + ": %{y:,.2f}<extra></extra>",
            )
        )
    fig.update_layout(
        **titled(safe_label(title), height, top=60),
        hovermode="x unified",
        legend=LEGEND_ABOVE,
        yaxis={"title": t("chart.units_sold"), "rangemode": "tozero"},
        yaxis2={
            "title": t("chart.price"),
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "rangemode": "tozero",
        },
        xaxis={
            "rangeselector": {
                "buttons": [
                    {"count": 3, "label": t("chart.range_3m"), "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": t("chart.range_1y"), "step": "year", "stepmode": "backward"},
                    {"step": "all", "label": t("chart.range_all")},
                ],
                "x": 0,
                "y": 1.0,
                "yanchor": "bottom",
            },
        },
    )
    return fig


@localised
def abc_xyz_matrix(profile: pd.DataFrame, height: int = 340) -> go.Figure:
    """ABC (rows) by XYZ (columns) heatmap: SKU count per cell, with its share of revenue or units."""
    value = profile["revenue"] if profile["revenue"].notna().any() else profile["total_units"]
    total = float(value.sum()) or 1.0
    rows, cols = ["A", "B", "C"], ["X", "Y", "Z"]
    counts = np.zeros((3, 3), dtype=int)
    shares = np.zeros((3, 3))
    for i, a in enumerate(rows):
        for j, x in enumerate(cols):
            cell = (profile["abc"] == a) & (profile["xyz"] == x)
            counts[i, j] = int(cell.sum())
            shares[i, j] = float(value[cell].sum()) / total
    measure = t("chart.of_revenue") if profile["revenue"].notna().any() else t("chart.of_units")
    text = [[f"{fmt_int(counts[i, j])} SKU<br>{fmt_pct(shares[i, j])} {measure}" for j in range(3)] for i in range(3)]
    return abc_xyz_heatmap(counts, text, t("chart.abc_xyz_title"), height)


def abc_xyz_heatmap(counts: np.ndarray, text: list[list[str]], title: str, height: int) -> go.Figure:
    """The 3 x 3 ABC (rows) by XYZ (columns) grid, shaded by SKU count, each cell labelled with ``text``."""
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=[t(f"xyz.{c}") for c in ("X", "Y", "Z")],
            y=[t(f"abc.{r}") for r in ("A", "B", "C")],
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        **titled(title, height),
        yaxis={"autorange": "reversed"},
    )
    return fig


@localised
def demand_class_map(profile: pd.DataFrame, labels: pd.Series | None = None, height: int = 340) -> go.Figure:
    """Syntetos-Boylan map: ADI (log scale) against CV², one point per SKU, cut-offs drawn."""
    data = profile.dropna(subset=["adi"]).copy()
    data["cv2"] = data["cv2"].fillna(0.0)
    names = labels.reindex(data["unique_id"]).fillna("").to_numpy() if labels is not None else [""] * len(data)
    data["hover"] = [safe_label(f"{u} {n}".strip()) for u, n in zip(data["unique_id"], names, strict=True)]
    fig = go.Figure()
    for cls, colour in CLASS_COLOURS.items():
        part = data[data["demand_class"] == cls]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["adi"],
                y=part["cv2"],
                mode="markers",
                name=t(f"class.{cls}"),
                marker={"color": colour, "size": 8, "line": {"width": 0.5, "color": "white"}},
                text=part["hover"],
                hovertemplate="%{text}<br>ADI %{x:.2f} · CV² %{y:.2f}<extra></extra>",
            )
        )
    fig.add_vline(x=ADI_CUTOFF, line_dash="dash", line_color="#888")
    fig.add_hline(y=CV2_CUTOFF, line_dash="dash", line_color="#888")
    fig.update_layout(
        **titled(t("chart.class_map_title"), height),
        xaxis={
            "title": t("chart.adi_axis"),
            "type": "log",
            "tickvals": [1, ADI_CUTOFF, 2, 5, 10, 20, 50, 100],
            "ticktext": ["1", f"{ADI_CUTOFF}", "2", "5", "10", "20", "50", "100"],
        },
        yaxis={"title": t("chart.cv2_axis"), "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
