"""Plotly figure builders: frame in, figure out. No Streamlit calls here."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from salesdata.profile import ADI_CUTOFF, CV2_CUTOFF
from ui.i18n import fmt_int, fmt_num, language, t

__all__ = [
    "CLASS_COLOURS",
    "MODEL_COLOURS",
    "abc_xyz_matrix",
    "demand_class_map",
    "fan_figure",
    "forecast_figure",
    "frontier_figure",
    "importance_figure",
    "localise",
    "residual_figures",
    "runs",
    "safe_label",
    "schedule_figure",
    "sku_history",
    "stockout_figures",
]

PALETTE = {
    "sales": "#1f5fa8",
    "promo": "#f28e2b",
    "stockout": "rgba(120,120,120,0.22)",
    "price": "#59a14f",
}
CLASS_COLOURS = {
    "smooth": "#4e79a7",
    "erratic": "#f28e2b",
    "intermittent": "#59a14f",
    "lumpy": "#e15759",
    "no demand": "#9d9d9d",
}


# Chinese date ticks, by zoom level (Plotly's own tick labels use English month names).
_ZH_DATE_TICKS = [
    {"dtickrange": [None, "M1"], "value": "%m月%d日"},
    {"dtickrange": ["M1", "M12"], "value": "%Y年%m月"},
    {"dtickrange": ["M12", None], "value": "%Y年"},
]


def _is_dates(values: object) -> bool:
    if values is None:
        return False
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return True
    if array.dtype == object and array.size:
        first = array.flat[0]
        return isinstance(first, (pd.Timestamp, np.datetime64)) or type(first).__name__ in ("datetime", "date")
    return False


def localise(fig: go.Figure) -> go.Figure:
    """Dates on the axes and in hover labels as the session's language writes them."""
    if language() != "zh":
        return fig
    axes = {("xaxis" + trace.xaxis[1:]) for trace in fig.data if getattr(trace, "xaxis", None) and _is_dates(trace.x)}
    axes |= {
        "xaxis" for trace in fig.data if getattr(trace, "xaxis", None) is None and _is_dates(getattr(trace, "x", None))
    }
    for axis in axes:
        fig.layout[axis].update(type="date", tickformatstops=_ZH_DATE_TICKS, hoverformat="%Y年%m月%d日")
    return fig


def _localised(builder):
    """Decorator: the figure (or figures) a builder returns, localised."""
    import functools

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        out = builder(*args, **kwargs)
        if isinstance(out, tuple):
            return tuple(localise(f) if isinstance(f, go.Figure) else f for f in out)
        return localise(out) if isinstance(out, go.Figure) else out

    return wrapper


def report_html(fig: go.Figure, include_plotlyjs: bool) -> str:
    """A figure as an HTML snippet for a downloaded report: Plotly's white template and colours (the app's
    theme is not there to colour it) and room for the axis labels."""
    out = go.Figure(fig)
    out.update_layout(template="plotly_white")
    out.update_yaxes(automargin=True)
    out.update_xaxes(automargin=True)
    return out.to_html(full_html=False, include_plotlyjs=include_plotlyjs)


def safe_label(text: object) -> str:
    """A user string for Plotly text: escaped so tags in SKU names print as text, never as markup."""
    return html.escape(str(text), quote=False)


def runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """Start and end index (inclusive) of each run of True.

    >>> runs(np.array([0, 1, 1, 0, 1], dtype=bool))
    [(1, 2), (4, 4)]
    """
    padded = np.concatenate([[False], flags.astype(bool), [False]])
    edges = np.flatnonzero(np.diff(padded.astype(int)))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _half_period(ds: pd.Series) -> pd.Timedelta:
    if len(ds) < 2:
        return pd.Timedelta(hours=12)
    return (ds.iloc[1] - ds.iloc[0]) / 2


@_localised
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
        promo = series[series["promo"] == 1]
        fig.add_trace(
            go.Scatter(
                x=promo["ds"],
                y=promo["y"],
                mode="markers",
                name=t("chart.promotion"),
                marker={"color": PALETTE["promo"], "size": 6, "symbol": "triangle-up"},
                hovertemplate="%{x|%Y-%m-%d}<br>" + t("chart.promotion") + ": %{y:,.0f}<extra></extra>",
            )
        )
    if "in_stock" in series and (series["in_stock"] == 0).any():
        half = _half_period(series["ds"])
        ds = series["ds"].reset_index(drop=True)
        for a, b in runs((series["in_stock"] == 0).to_numpy()):
            fig.add_vrect(x0=ds[a] - half, x1=ds[b] + half, fillcolor=PALETTE["stockout"], line_width=0, layer="below")
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t("chart.stockout"),
                marker={"color": PALETTE["stockout"], "size": 12, "symbol": "square"},
            )
        )
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
        title={"text": safe_label(title), "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hovermode="x unified",
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
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


@_localised
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
    text = [[f"{fmt_int(counts[i, j])} SKU<br>{shares[i, j]:.0%} {measure}" for j in range(3)] for i in range(3)]
    return _abc_xyz_heatmap(counts, text, t("chart.abc_xyz_title"), height)


def _abc_xyz_heatmap(counts: np.ndarray, text: list[list[str]], title: str, height: int) -> go.Figure:
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
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        yaxis={"autorange": "reversed"},
    )
    return fig


@_localised
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
        title={"text": t("chart.class_map_title"), "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
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


MODEL_COLOURS = {
    "naive": "#9d9d9d",
    "snaive": "#7f7f7f",
    "ma": "#bab0ac",
    "ets": "#4e79a7",
    "arima": "#e15759",
    "prophet": "#59a14f",
    "ridge": "#edc948",
    "hgb": "#b07aa1",
    "rf": "#9c755f",
    "mlp": "#ff9da7",
    "croston": "#76b7b2",
    "sba": "#17becf",
    "tsb": "#bcbd22",
    "ensemble": "#f28e2b",
}


def flags_any(planned: pd.DataFrame, forecast: pd.DataFrame) -> bool:
    """Whether a planned promotion falls inside the forecast's dates."""
    inside = planned["ds"].isin(pd.DatetimeIndex(forecast["ds"]))
    return bool((planned.loc[inside, "promo"].fillna(0) > 0).any())


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


@_localised
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
        promo = hist[hist["promo"] == 1]
        fig.add_trace(
            go.Scatter(
                x=promo["ds"],
                y=promo["y"],
                mode="markers",
                name=t("chart.promotion"),
                marker={"color": PALETTE["promo"], "size": 6, "symbol": "triangle-up"},
                hoverinfo="skip",
            )
        )
    if "in_stock" in hist and (hist["in_stock"] == 0).any():
        half = _half_period(hist["ds"])
        ds = hist["ds"].reset_index(drop=True)
        for a, b in runs((hist["in_stock"] == 0).to_numpy()):
            fig.add_vrect(x0=ds[a] - half, x1=ds[b] + half, fillcolor=PALETTE["stockout"], line_width=0, layer="below")
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t("chart.stockout_censored"),
                marker={"color": PALETTE["stockout"], "size": 12, "symbol": "square"},
            )
        )
    if planned is not None and "promo" in planned and (planned["promo"] > 0).any():
        half = _half_period(forecast["ds"])
        plan = planned.set_index("ds").reindex(pd.DatetimeIndex(forecast["ds"]))
        flags = (plan["promo"].fillna(0) > 0).to_numpy()
        ds = pd.Series(forecast["ds"]).reset_index(drop=True)
        for a, b in runs(flags):
            fig.add_vrect(
                x0=ds[a] - half, x1=ds[b] + half, fillcolor=_rgba(PALETTE["promo"], 0.18), line_width=0, layer="below"
            )
    if planned is not None and "promo" in planned and flags_any(planned, forecast):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t("chart.planned_promo"),
                marker={"color": _rgba(PALETTE["promo"], 0.5), "size": 12, "symbol": "square"},
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
                    fillcolor=_rgba(colour, 0.15),
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
                        hovertemplate=f"{t('chart.cutoff')} {cutoff:%Y-%m-%d}<br>"
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
        title={"text": safe_label(title), "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hovermode="x unified",
        # Below the plot: a legend of several models and bands would run into the title and the toolbar above.
        legend={"orientation": "h", "y": -0.12, "x": 0, "xanchor": "left", "yanchor": "top"},
        yaxis={"title": t("chart.units_sold"), "rangemode": "tozero"},
        xaxis={"rangeslider": {"visible": False}},
    )
    return fig


@_localised
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
                name=f"{t('chart.cutoff')} {cutoff:%Y-%m-%d}",
            )
        )
    over_time.add_hline(y=0, line_color="#888", line_dash="dash")
    over_time.update_layout(
        title={"text": t("chart.resid_time", model=safe_label(label)), "x": 0, "font": {"size": 14}},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
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
        title={"text": t("chart.resid_acf"), "x": 0, "font": {"size": 14}},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": t("chart.lag")},
        yaxis={"range": [-1, 1]},
    )
    hist = go.Figure(go.Histogram(x=resid, nbinsx=30, marker_color="#59a14f"))
    hist.update_layout(
        title={"text": t("chart.resid_hist"), "x": 0, "font": {"size": 14}},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
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


@_localised
def importance_figure(importance: pd.Series, label: str, top: int = 15) -> go.Figure:
    """Horizontal bars of the largest feature importances."""
    imp = importance.sort_values(ascending=False).head(top)[::-1]
    fig = go.Figure(
        go.Bar(x=imp.to_numpy(), y=[safe_label(i) for i in imp.index], orientation="h", marker_color="#b07aa1")
    )
    fig.update_layout(
        title={"text": t("chart.importance", model=safe_label(label)), "x": 0, "font": {"size": 14}},
        height=max(260, 22 * len(imp) + 80),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": t("chart.importance_axis")},
    )
    return fig


@_localised
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
        title={"text": safe_label(title), "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hovermode="x unified",
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        yaxis={"title": t("rp.chart.units"), "rangemode": "tozero"},
    )
    return fig


@_localised
def fan_figure(percentiles: pd.DataFrame, trigger: float, trigger_label: str, height: int = 360) -> go.Figure:
    """Simulated on-hand percentiles (5-95% and 25-75% bands, median)."""
    fig = go.Figure()
    for lo, hi, alpha, name in (("p5", "p95", 0.15, "5–95%"), ("p25", "p75", 0.30, "25–75%")):
        fig.add_trace(
            go.Scatter(
                x=list(percentiles["date"]) + list(percentiles["date"][::-1]),
                y=list(percentiles[hi]) + list(percentiles[lo][::-1]),
                fill="toself",
                fillcolor=_rgba("#1f5fa8", alpha),
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
        title={"text": t("rp.chart.fan_title"), "x": 0, "font": {"size": 14}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        yaxis={"title": t("rp.chart.units"), "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


@_localised
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
        title={"text": t("rp.chart.prob_title"), "x": 0, "font": {"size": 14}},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
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
        title={"text": t("rp.chart.days_title"), "x": 0, "font": {"size": 14}},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": t("rp.chart.stockout_days")},
        yaxis={"tickformat": ".1~%", "title": t("rp.chart.share_paths")},
    )
    return by_day, hist


@_localised
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


@_localised
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
                share=f"{float(cell['inventory_value'].sum()) / total:.0%}",
                now=fmt_int(int(cell["order_now"].sum())),
            )
    return _abc_xyz_heatmap(counts, text, t("pf.matrix_title"), height)


@_localised
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
        title={"text": t("pf.accuracy_title"), "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": t("metric.mase")},
        yaxis={"title": t("pf.skus")},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


@_localised
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
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    return fig


@_localised
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
        title={"text": t("sc.spend_title"), "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        yaxis={"title": t("sc.spend_axis"), "rangemode": "tozero"},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    return fig
