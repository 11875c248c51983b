"""Censored demand: finding likely stock-outs, and estimating the sales they cost.

A period flagged out of stock (``in_stock = 0``) has unknown demand, not zero demand. When no flag exists,
:func:`detect_stockouts` proposes runs of zero sales that are too long to be chance for the SKU:

- the run lies strictly inside the SKU's selling life (after its first sale, before its last);
- with p0 the SKU's share of zero periods outside the run, p0 ** length < ``max_probability`` (as if periods
  were independent), and the run is at least ``min_periods`` long;
- the shop itself was open: most of the catalogue sold in those periods (so Christmas closures, when nothing
  sells, are not read as stock-outs).

The user confirms the proposals before they count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["detect_stockouts", "estimate_lost_sales"]

MIN_PERIODS = {"D": 5, "W": 3, "M": 2}


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(int)))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def detect_stockouts(
    panel: pd.DataFrame,
    freq: str = "D",
    *,
    max_probability: float = 1e-5,
    min_periods: int | None = None,
    open_share: float = 0.5,
) -> pd.DataFrame:
    """Propose likely stock-outs: ``unique_id, start, end, periods, zero_share, probability``.

    Parameters
    ----------
    panel : pd.DataFrame
        ``unique_id, ds, y`` [, ``in_stock``]; periods already flagged are neither proposed nor counted.
    freq : {"D", "W", "M"}
    max_probability : float
        Largest chance, under the SKU's own zero rate, that a run this long is luck.
    min_periods : int, optional
        Shortest run proposed (default 5 days, 3 weeks or 2 months).
    open_share : float
        Share of the catalogue's SKUs that must sell in a period for the shop to count as open.

    Examples
    --------
    >>> ds = pd.date_range("2024-01-01", periods=40)
    >>> y = [5.0] * 40
    >>> y[20:30] = [0.0] * 10
    >>> other = pd.DataFrame({"unique_id": "b", "ds": ds, "y": 3.0})
    >>> p = pd.concat([pd.DataFrame({"unique_id": "a", "ds": ds, "y": y}), other])
    >>> detect_stockouts(p)[["unique_id", "periods"]].to_dict("records")
    [{'unique_id': 'a', 'periods': 10}]
    """
    min_len = min_periods or MIN_PERIODS.get(freq, 5)
    cols = ["unique_id", "start", "end", "periods", "zero_share", "probability"]
    if panel.empty:
        return pd.DataFrame(columns=cols)
    sold = panel.assign(sold=(panel["y"] > 0).astype(float))
    live = sold.groupby("ds")["unique_id"].size()
    selling = sold.groupby("ds")["sold"].sum()
    open_days = set((selling / live.clip(lower=1))[lambda s: s >= open_share * (selling / live).median()].index)
    rows = []
    for uid, g in panel.sort_values("ds").groupby("unique_id", sort=True):
        y = g["y"].to_numpy(dtype="float64")
        flagged = (g["in_stock"].to_numpy() == 0) if "in_stock" in g else np.zeros(len(g), dtype=bool)
        sales = np.flatnonzero(y > 0)
        if sales.size < 2:
            continue
        first, last = sales[0], sales[-1]
        zero = (y == 0) & ~flagged
        zero[: first + 1] = False
        zero[last:] = False
        observed = ~flagged
        ds = g["ds"].to_numpy()
        for a, b in _runs(zero):
            length = b - a + 1
            if length < min_len:
                continue
            outside = observed.copy()
            outside[a : b + 1] = False
            p0 = float((y[outside] == 0).mean()) if outside.any() else 1.0
            probability = p0**length
            if probability >= max_probability:
                continue
            open_share_run = np.mean([pd.Timestamp(d) in open_days for d in ds[a : b + 1]])
            if open_share_run < 0.5:
                continue
            rows.append(
                {
                    "unique_id": str(uid),
                    "start": pd.Timestamp(ds[a]),
                    "end": pd.Timestamp(ds[b]),
                    "periods": int(length),
                    "zero_share": p0,
                    "probability": probability,
                }
            )
    return pd.DataFrame(rows, columns=cols)


def estimate_lost_sales(series: pd.DataFrame, window: int = 28) -> pd.DataFrame:
    """Sales lost in each out-of-stock run: the demand rate around the run times its length.

    The rate is the mean of the observed (in-stock) periods in the ``window`` periods before and after the run.
    Returns ``start, end, periods, rate, lost_units``.

    Examples
    --------
    >>> s = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=9), "y": [4.0, 6, 5, 0, 0, 0, 5, 4, 6],
    ...                   "in_stock": [1, 1, 1, 0, 0, 0, 1, 1, 1]})
    >>> estimate_lost_sales(s)[["periods", "rate", "lost_units"]].to_dict("records")
    [{'periods': 3, 'rate': 5.0, 'lost_units': 15.0}]
    """
    cols = ["start", "end", "periods", "rate", "lost_units"]
    if series.empty or "in_stock" not in series:
        return pd.DataFrame(columns=cols)
    s = series.sort_values("ds").reset_index(drop=True)
    out = s["in_stock"].to_numpy() == 0
    y = s["y"].to_numpy(dtype="float64")
    rows = []
    for a, b in _runs(out):
        before = np.arange(max(0, a - window), a)
        after = np.arange(b + 1, min(len(s), b + 1 + window))
        idx = np.concatenate([before, after])
        idx = idx[~out[idx]]
        rate = float(y[idx].mean()) if idx.size else float("nan")
        length = b - a + 1
        rows.append(
            {
                "start": s.loc[a, "ds"],
                "end": s.loc[b, "ds"],
                "periods": int(length),
                "rate": rate,
                "lost_units": rate * length if np.isfinite(rate) else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=cols)
