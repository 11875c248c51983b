"""Sales lines to a regular per-SKU panel at daily, weekly (Monday, or a weekly file's own weekday) or monthly
frequency.

Units are summed; price is averaged weighted by units sold; a period with no sales between a SKU's first
sale and the end of the data is a zero; nothing before a SKU's first sale exists. A net-negative period
(more returns than sales) becomes 0 and is counted. An incomplete last week or month is left out, because
a forecast would read its partial total as a drop in demand. Input whose dates all fall on period starts
is taken as per-period totals already, so its last period counts as whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "FREQ_ALIASES",
    "Freq",
    "PanelNotes",
    "PanelResult",
    "apply_stockouts",
    "period_end",
    "period_start",
    "to_panel",
]

Freq = Literal["D", "W", "M"]
# DESIGN.md: W means weeks starting Monday; M means calendar months (pandas rejects plain "M").
FREQ_ALIASES: dict[str, str] = {"D": "D", "W": "W-MON", "M": "MS"}


def _period_index(ds: np.ndarray, freq: Freq, week_start: int = 0) -> np.ndarray:
    """Integer period number: days, weeks (starting on ``week_start``, 0 = Monday) or months since the epoch."""
    days = ds.astype("datetime64[D]").astype("int64")
    if freq == "D":
        return days
    if freq == "W":
        # 1970-01-01 is a Thursday; the Monday before it is day -3, the week's first day week_start days later.
        return np.floor_divide(days + 3 - week_start, 7)
    months = ds.astype("datetime64[M]").astype("int64")
    return months


def _index_to_start(k: np.ndarray, freq: Freq, week_start: int = 0) -> np.ndarray:
    if freq == "D":
        return k.astype("datetime64[D]").astype("datetime64[us]")
    if freq == "W":
        return (k * 7 - 3 + week_start).astype("datetime64[D]").astype("datetime64[us]")
    return k.astype("datetime64[M]").astype("datetime64[us]")


def period_start(ds: pd.Series, freq: Freq, week_start: int = 0) -> pd.Series:
    """First day of the period holding each date (weeks start on ``week_start``, 0 = Monday)."""
    k = _period_index(ds.to_numpy(dtype="datetime64[us]"), freq, week_start)
    return pd.Series(_index_to_start(k, freq, week_start), index=ds.index)


def period_end(start: pd.Timestamp, freq: Freq) -> pd.Timestamp:
    """Last day of the period that starts at ``start``."""
    if freq == "D":
        return start
    if freq == "W":
        return start + pd.Timedelta(days=6)
    return start + pd.offsets.MonthEnd(0)


@dataclass(frozen=True)
class PanelNotes:
    """What the resampling changed, for the validation report."""

    freq: Freq
    negative_periods: int
    negative_units: float
    skus_without_sales: tuple[str, ...]
    incomplete_period: tuple[pd.Timestamp, pd.Timestamp] | None
    data_end: pd.Timestamp | None


@dataclass(frozen=True)
class PanelResult:
    """A panel and, per input line, why it is not in the panel (``""`` when it is)."""

    panel: pd.DataFrame
    line_reasons: np.ndarray
    notes: PanelNotes


def to_panel(
    lines: pd.DataFrame, freq: Freq = "D", *, drop_incomplete_last: bool = True, week_start: int = 0
) -> PanelResult:
    """Aggregate sales lines to a dense ``unique_id, ds, y`` panel.

    Parameters
    ----------
    lines : pd.DataFrame
        ``unique_id, ds, y`` and optionally ``price, promo, in_stock``.
    freq : {"D", "W", "M"}
        Target frequency.
    drop_incomplete_last : bool
        Leave out a last week or month that the data do not cover to its end.
    week_start : int
        Weekly panels: the weekday weeks start on (0 = Monday .. 6 = Sunday). A weekly file dated on
        Fridays keeps Friday weeks, so each of its rows is one whole period.

    Examples
    --------
    >>> lines = pd.DataFrame({"unique_id": ["a", "a", "a"],
    ...                       "ds": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-04"]),
    ...                       "y": [2.0, 1.0, 4.0]})
    >>> to_panel(lines, "D").panel["y"].tolist()
    [3.0, 0.0, 0.0, 4.0]
    """
    n_lines = len(lines)
    line_reasons = np.full(n_lines, "", dtype=object)
    columns = ["unique_id", "ds", "y"] + [c for c in ("price", "promo", "in_stock", "holiday") if c in lines.columns]
    if n_lines == 0:
        empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
        empty["unique_id"] = empty["unique_id"].astype("str")
        empty["ds"] = empty["ds"].astype("datetime64[us]")
        return PanelResult(empty, line_reasons, PanelNotes(freq, 0, 0.0, (), None, None))

    k = _period_index(lines["ds"].to_numpy(dtype="datetime64[us]"), freq, week_start)
    data_end = pd.Timestamp(lines["ds"].max()).normalize()
    last_k = int(k.max())
    incomplete = None
    # Dates that all fall on period starts are already per-period totals: their last period is whole.
    day = lines["ds"].to_numpy(dtype="datetime64[us]").astype("datetime64[D]")
    aligned = bool((_index_to_start(k, freq, week_start).astype("datetime64[D]") == day).all())
    if freq != "D" and drop_incomplete_last and not aligned and int(k.min()) < last_k:
        start = pd.Timestamp(_index_to_start(np.array([last_k]), freq, week_start)[0])
        end = period_end(start, freq)
        if data_end < end:
            incomplete = (start, end)
            line_reasons[k == last_k] = "incomplete_last_period"
            last_k -= 1

    keep = line_reasons == ""
    sku_codes, skus = pd.factorize(lines["unique_id"], sort=True)
    frame = pd.DataFrame({"s": sku_codes[keep], "k": k[keep], "y": lines["y"].to_numpy()[keep]})
    has_price = "price" in lines.columns
    if has_price:
        price = lines["price"].to_numpy()[keep]
        priced = (frame["y"].to_numpy() > 0) & np.isfinite(price)
        frame["rev"] = np.where(priced, price * frame["y"].to_numpy(), 0.0)
        frame["units_priced"] = np.where(priced, frame["y"].to_numpy(), 0.0)
    for flag in ("promo", "in_stock", "holiday"):
        if flag in lines.columns:
            frame[flag] = lines[flag].to_numpy()[keep]
    agg: dict[str, str] = {"y": "sum"}
    if has_price:
        agg |= {"rev": "sum", "units_priced": "sum"}
    if "promo" in frame:
        agg["promo"] = "max"
    if "in_stock" in frame:
        agg["in_stock"] = "min"
    if "holiday" in frame:
        agg["holiday"] = "max"
    grouped = frame.groupby(["s", "k"], sort=True).agg(agg).reset_index()

    negative = grouped["y"] < 0
    negative_units = float(-grouped.loc[negative, "y"].sum())
    grouped.loc[negative, "y"] = 0.0

    selling = grouped[grouped["y"] > 0]
    first_k = selling.groupby("s")["k"].min()
    n_skus = len(skus)
    first = np.full(n_skus, np.iinfo(np.int64).max, dtype="int64")
    first[first_k.index.to_numpy()] = first_k.to_numpy()
    no_sales = first == np.iinfo(np.int64).max
    line_first = first[sku_codes]
    mask_nosales = keep & no_sales[sku_codes]
    line_reasons[mask_nosales] = "no_net_sales"
    line_reasons[keep & ~no_sales[sku_codes] & (k < line_first)] = "before_first_sale"

    # Dense grid from each SKU's first sale to the last complete period.
    live = np.flatnonzero(~no_sales)
    lengths = last_k - first[live] + 1
    grid_s = np.repeat(live, lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    grid_k = np.repeat(first[live], lengths) + offsets

    span = int(max(last_k, grouped["k"].max()) - min(grouped["k"].min(), grid_k.min() if len(grid_k) else 0) + 1)
    base = int(min(grouped["k"].min(), grid_k.min() if len(grid_k) else 0))
    agg_key = grouped["s"].to_numpy() * span + (grouped["k"].to_numpy() - base)
    grid_key = grid_s * span + (grid_k - base)
    pos = np.searchsorted(agg_key, grid_key)
    pos = np.minimum(pos, len(agg_key) - 1)
    hit = agg_key[pos] == grid_key

    panel = pd.DataFrame(
        {
            "unique_id": pd.Series(np.asarray(skus)[grid_s], dtype="str"),
            "ds": _index_to_start(grid_k, freq, week_start),
            "y": np.where(hit, grouped["y"].to_numpy()[pos], 0.0),
        }
    )
    if has_price:
        with np.errstate(divide="ignore", invalid="ignore"):
            p = grouped["rev"].to_numpy() / grouped["units_priced"].to_numpy()
        p = np.where(grouped["units_priced"].to_numpy() > 0, p, np.nan)
        panel["price"] = np.where(hit, p[pos], np.nan)
        # Periods without a sale show no price: carry the last known one (then the first one backwards).
        panel["price"] = panel.groupby("unique_id", sort=False)["price"].ffill()
        panel["price"] = panel.groupby("unique_id", sort=False)["price"].bfill()
    if "promo" in grouped:
        panel["promo"] = np.where(hit, grouped["promo"].to_numpy()[pos], 0.0).astype("int8")
    if "in_stock" in grouped:
        panel["in_stock"] = np.where(hit, grouped["in_stock"].to_numpy()[pos], 1.0).astype("int8")
    if "holiday" in grouped:
        panel["holiday"] = np.where(hit, grouped["holiday"].to_numpy()[pos], 0.0).astype("int8")

    negative_periods = int(
        (negative & (grouped["k"] <= last_k) & (grouped["k"].to_numpy() >= first[grouped["s"].to_numpy()])).sum()
    )
    notes = PanelNotes(
        freq=freq,
        negative_periods=negative_periods,
        negative_units=negative_units,
        skus_without_sales=tuple(str(s) for s in np.asarray(skus)[no_sales]),
        incomplete_period=incomplete,
        data_end=data_end,
    )
    return PanelResult(panel, line_reasons, notes)


def apply_stockouts(panel: pd.DataFrame, stockouts: pd.DataFrame, freq: Freq) -> pd.DataFrame:
    """Mark periods that overlap a stock-out as ``in_stock = 0``.

    Parameters
    ----------
    panel : pd.DataFrame
        The panel; an ``in_stock`` column is added when missing.
    stockouts : pd.DataFrame
        ``unique_id, start, end`` (inclusive dates). A SKU id also matches its ``sku@store`` series.
    freq : {"D", "W", "M"}
        The panel's frequency: a week or month with any day out of stock is censored.
    """
    out = panel.copy()
    if "in_stock" not in out:
        out["in_stock"] = np.int8(1)
    if stockouts.empty:
        return out
    # A weekly panel's weeks start on the weekday of its dates.
    week_start = int(pd.Timestamp(out["ds"].iloc[0]).day_of_week) if freq == "W" and len(out) else 0
    k = _period_index(out["ds"].to_numpy(dtype="datetime64[us]"), freq, week_start)
    start = _period_index(stockouts["start"].to_numpy(dtype="datetime64[us]"), freq, week_start)
    end = _period_index(stockouts["end"].to_numpy(dtype="datetime64[us]"), freq, week_start)
    # Expand every span to its (sku, period) pairs, then look the panel's rows up in that set.
    lengths = np.maximum(end - start + 1, 0)
    span_sku = np.repeat(stockouts["unique_id"].astype("str").to_numpy(), lengths)
    span_k = np.repeat(start, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    codes, uniques = pd.factorize(out["unique_id"])
    uid = np.asarray(uniques, dtype=object)[codes]
    base_id = np.array([u.split("@", 1)[0] for u in uniques], dtype=object)[codes]
    names = pd.Index(pd.unique(np.concatenate([uid, base_id, span_sku.astype(object)])))
    lo = int(min(k.min(), span_k.min())) if len(span_k) else int(k.min())
    width = int(max(k.max(), span_k.max() if len(span_k) else k.max())) - lo + 1
    censored = names.get_indexer(span_sku) * width + (span_k - lo)
    hit = np.isin(names.get_indexer(uid) * width + (k - lo), censored)
    hit |= np.isin(names.get_indexer(base_id) * width + (k - lo), censored)
    flags = out["in_stock"].to_numpy().copy()
    flags[hit] = 0
    out["in_stock"] = flags.astype("int8")
    return out
