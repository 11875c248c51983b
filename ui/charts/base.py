"""Shared chart helpers: palettes, localised date axes, safe labels, HTML export."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.core.i18n import language, t

__all__ = [
    "CLASS_COLOURS",
    "LEGEND_ABOVE",
    "MODEL_COLOURS",
    "PALETTE",
    "flags_any",
    "half_period",
    "localise",
    "localised",
    "promo_markers",
    "report_html",
    "rgba",
    "runs",
    "safe_label",
    "shade_stockouts",
    "titled",
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
    _upright_y_titles(fig)
    return fig


def _upright_y_titles(fig: go.Figure) -> None:
    """Chinese y-axis titles written upright at the top of their axis, as Chinese charts do: Plotly turns them a
    quarter, which lays every character (件, 销量) on its side.

    A left axis's title goes above its top-left corner, a right axis's above its top-right. Where that corner is
    taken (the range buttons at the left, the legend at the right), the title goes one row higher and the chart
    grows a row at the top for it.
    """
    layout = fig.layout
    selector = any(
        layout[key].rangeselector and layout[key].rangeselector.buttons for key in layout if key.startswith("xaxis")
    )
    legend_above = layout.legend is not None and (layout.legend.y or 0) > 1
    row = 22
    raised = False
    for name in [key for key in layout if key.startswith("yaxis")]:
        axis = layout[name]
        text = axis.title.text if axis.title else None
        if not text:
            continue
        right = axis.side == "right"
        lift = (right and legend_above) or (not right and selector)
        raised |= lift
        axis.title.text = None
        fig.add_annotation(
            text=text,
            xref="paper",
            x=1 if right else 0,
            xanchor="right" if right else "left",
            yref=f"y{name[5:]} domain" if not axis.overlaying else f"{axis.overlaying} domain",
            y=1,
            yanchor="bottom",
            yshift=2 + (row + 4 if lift else 0),
            showarrow=False,
            font={"size": 12, "color": "#555"},
        )
    if raised:
        top = (layout.margin.t if layout.margin and layout.margin.t is not None else 50) + row
        fig.update_layout(margin={"t": top}, title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8}})


def localised(builder):
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


def half_period(ds: pd.Series) -> pd.Timedelta:
    if len(ds) < 2:
        return pd.Timedelta(hours=12)
    return (ds.iloc[1] - ds.iloc[0]) / 2


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


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


LEGEND_ABOVE = {"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"}


def titled(title: str, height: int, size: int = 15, top: int = 50) -> dict:
    """The layout every chart starts from: its title at the left, its height and tight margins."""
    return {
        "title": {"text": title, "x": 0, "font": {"size": size}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": top, "b": 10},
    }


def promo_markers(frame: pd.DataFrame, hover: bool = True) -> go.Scatter:
    """Promotion days as triangles on the units-sold line (``frame``: ``ds, y, promo``)."""
    promo = frame[frame["promo"] == 1]
    return go.Scatter(
        x=promo["ds"],
        y=promo["y"],
        mode="markers",
        name=t("chart.promotion"),
        marker={"color": PALETTE["promo"], "size": 6, "symbol": "triangle-up"},
        **(
            {"hovertemplate": "%{x|%Y-%m-%d}<br>" + t("chart.promotion") + ": %{y:,.0f}<extra></extra>"}
            if hover
            else {"hoverinfo": "skip"}
        ),
    )


def shade_stockouts(fig: go.Figure, frame: pd.DataFrame, legend: str) -> None:
    """Out-of-stock periods of ``frame`` (``ds, in_stock``) shaded behind the lines, with a legend entry
    ``legend`` (their sales are not demand)."""
    if "in_stock" not in frame or not (frame["in_stock"] == 0).any():
        return
    half = half_period(frame["ds"])
    ds = frame["ds"].reset_index(drop=True)
    for a, b in runs((frame["in_stock"] == 0).to_numpy()):
        fig.add_vrect(x0=ds[a] - half, x1=ds[b] + half, fillcolor=PALETTE["stockout"], line_width=0, layer="below")
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=legend,
            marker={"color": PALETTE["stockout"], "size": 12, "symbol": "square"},
        )
    )
