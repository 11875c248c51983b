"""Per-SKU demand profile: history, volume, intermittency class, ABC and XYZ.

Demand classes follow Syntetos, Boylan & Croston (2005): with ADI the average number of periods per
demand occurrence and CV² the squared coefficient of variation of the non-zero demand sizes,

- smooth: ADI < 1.32 and CV² < 0.49
- erratic: ADI < 1.32 and CV² >= 0.49
- intermittent: ADI >= 1.32 and CV² < 0.49
- lumpy: ADI >= 1.32 and CV² >= 0.49

ABC ranks SKUs by revenue (units when no price is known): A holds the first 80% of the total, B the next
15%, C the rest. XYZ grades the coefficient of variation of demand (weekly totals for a daily panel,
per period otherwise): X <= 0.5 < Y <= 1.0 < Z.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ADI_CUTOFF",
    "CV2_CUTOFF",
    "DatasetSummary",
    "abc_classes",
    "demand_class",
    "profile_panel",
    "summarise",
    "xyz_classes",
]

# Syntetos, Boylan & Croston (2005), "On the categorization of demand patterns", JORS 56(5), 495-503.
ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49


def demand_class(adi: float, cv2: float) -> str:
    """Syntetos-Boylan demand class from ADI and CV².

    Examples
    --------
    >>> demand_class(1.0, 0.1), demand_class(1.0, 0.6), demand_class(2.0, 0.1), demand_class(2.0, 0.6)
    ('smooth', 'erratic', 'intermittent', 'lumpy')
    """
    if not np.isfinite(adi):
        return "no demand"
    cv2 = 0.0 if not np.isfinite(cv2) else cv2
    if adi < ADI_CUTOFF:
        return "smooth" if cv2 < CV2_CUTOFF else "erratic"
    return "intermittent" if cv2 < CV2_CUTOFF else "lumpy"


def abc_classes(value: pd.Series, a: float = 0.80, b: float = 0.95) -> pd.Series:
    """ABC class per item from its value (revenue or units).

    An item is A while the cumulative share of the items ranked above it is below ``a``, so the item that
    crosses 80% is still A; B likewise up to ``b``; C after.

    Examples
    --------
    >>> abc_classes(pd.Series([50, 30, 10, 6, 4], index=list("vwxyz"))).tolist()
    ['A', 'A', 'B', 'B', 'C']
    """
    total = value.clip(lower=0).sum()
    if total <= 0:
        return pd.Series("C", index=value.index)
    order = value.sort_values(ascending=False, kind="stable")
    before = (order.cumsum() - order) / total
    cls = np.where(before < a, "A", np.where(before < b, "B", "C"))
    return pd.Series(cls, index=order.index).reindex(value.index)


def xyz_classes(cv: pd.Series, x: float = 0.5, y: float = 1.0) -> pd.Series:
    """XYZ class from the coefficient of variation of per-period demand."""
    return pd.Series(np.where(cv <= x, "X", np.where(cv <= y, "Y", "Z")), index=cv.index).where(cv.notna(), "Z")


def profile_panel(panel: pd.DataFrame, new_item_days: int = 90) -> pd.DataFrame:
    """One row per SKU describing its history and demand pattern.

    Columns: ``unique_id, first_date, last_date, last_sale, periods, history_days, total_units, revenue,
    zero_share, mean_demand, adi, cv2, demand_class, cv, abc, xyz, abc_xyz, new_item, censored_periods``.
    ``revenue`` is NaN when the panel has no price. A SKU is a new item when its history is shorter than
    ``new_item_days`` days.

    Examples
    --------
    >>> p = pd.DataFrame({"unique_id": ["a"] * 6, "ds": pd.date_range("2024-01-01", periods=6),
    ...                   "y": [4.0, 0.0, 0.0, 2.0, 0.0, 6.0]})
    >>> row = profile_panel(p).iloc[0]
    >>> float(row.adi), round(float(row.cv2), 4), row.demand_class
    (2.0, 0.25, 'intermittent')
    """
    if panel.empty:
        cols = [
            "unique_id",
            "first_date",
            "last_date",
            "last_sale",
            "periods",
            "history_days",
            "total_units",
            "revenue",
            "zero_share",
            "mean_demand",
            "adi",
            "cv2",
            "demand_class",
            "cv",
            "abc",
            "xyz",
            "abc_xyz",
            "new_item",
            "censored_periods",
        ]
        return pd.DataFrame(columns=cols)
    frame = panel[["unique_id", "ds", "y"]].copy()
    observed = panel["in_stock"].to_numpy() != 0 if "in_stock" in panel else np.ones(len(panel), dtype=bool)
    frame["obs_y"] = frame["y"].where(observed)
    frame["nz"] = frame["y"].where((frame["y"] > 0) & observed)
    frame["is_zero"] = (frame["obs_y"] == 0).astype("int64")
    frame["sale_ds"] = frame["ds"].where(frame["y"] > 0)
    if "price" in panel:
        frame["rev"] = panel["y"] * panel["price"]
    g = frame.groupby("unique_id", sort=True)
    out = pd.DataFrame(
        {
            "first_date": g["ds"].min(),
            "last_date": g["ds"].max(),
            "last_sale": g["sale_ds"].max(),
            "periods": g["y"].size(),
            "total_units": g["y"].sum(),
            "observed": g["obs_y"].count(),
            "nonzero": g["nz"].count(),
            "zeros": g["is_zero"].sum(),
            "mean_demand": g["obs_y"].mean(),
            "sd_demand": g["obs_y"].std(ddof=0),
            "nz_mean": g["nz"].mean(),
            # Sample standard deviation of the demand sizes, as R's tsintermittent::idclass computes CV².
            "nz_sd": g["nz"].std(ddof=1),
        }
    )
    out["revenue"] = g["rev"].sum(min_count=1) if "rev" in frame else np.nan
    out["history_days"] = (out["last_date"] - out["first_date"]).dt.days + _period_days(panel)
    out["zero_share"] = out["zeros"] / out["observed"].replace(0, np.nan)
    out["adi"] = out["observed"] / out["nonzero"].replace(0, np.nan)
    out["cv2"] = (out["nz_sd"] / out["nz_mean"]) ** 2
    out["demand_class"] = [demand_class(a, c) for a, c in zip(out["adi"].fillna(np.inf), out["cv2"], strict=True)]
    out["cv"] = _xyz_cv(panel, observed).reindex(out.index)
    value = out["revenue"] if out["revenue"].notna().any() else out["total_units"]
    out["abc"] = abc_classes(value.fillna(0.0))
    out["xyz"] = xyz_classes(out["cv"])
    out["abc_xyz"] = out["abc"] + out["xyz"]
    out["new_item"] = out["history_days"] < new_item_days
    out["censored_periods"] = out["periods"] - out["observed"]
    cols = [
        "first_date",
        "last_date",
        "last_sale",
        "periods",
        "history_days",
        "total_units",
        "revenue",
        "zero_share",
        "mean_demand",
        "adi",
        "cv2",
        "demand_class",
        "cv",
        "abc",
        "xyz",
        "abc_xyz",
        "new_item",
        "censored_periods",
    ]
    return out[cols].reset_index()


def _xyz_cv(panel: pd.DataFrame, observed: np.ndarray) -> pd.Series:
    """Coefficient of variation for XYZ: of weekly totals when the panel is daily, else per period.

    Day-to-day noise makes nearly every SKU look erratic; practice grades variability on weekly or
    monthly demand. Only full weeks with every day observed (in stock) count.
    """
    frame = pd.DataFrame({"unique_id": panel["unique_id"], "y": panel["y"].where(observed)})
    if _period_days(panel) == 1:
        ds = panel["ds"]
        frame["week"] = ds - pd.to_timedelta(ds.dt.day_of_week, unit="D")
        weekly = frame.groupby(["unique_id", "week"], sort=False)["y"].agg(["sum", "count", "size"])
        weekly = weekly[(weekly["size"] == 7) & (weekly["count"] == 7)]
        values = weekly["sum"].groupby(level="unique_id")
    else:
        values = frame.groupby("unique_id")["y"]
    mean = values.mean()
    return values.std(ddof=0) / mean.where(mean > 0)


def _period_days(panel: pd.DataFrame) -> int:
    """Days in one period (1, 7 or ~30), so a single-period history has a non-zero length."""
    ds = panel["ds"].drop_duplicates().sort_values()
    if len(ds) < 2:
        return 1
    step = int(ds.diff().dt.days.min())
    return 30 if step >= 28 else step


@dataclass(frozen=True)
class DatasetSummary:
    """Headline numbers of a panel, for the KPI header."""

    n_skus: int
    first_date: pd.Timestamp | None
    last_date: pd.Timestamp | None
    periods: int
    total_units: float
    revenue: float | None
    class_counts: dict[str, int]
    abc_counts: dict[str, int]
    new_items: int
    censored_periods: int


def summarise(profile: pd.DataFrame) -> DatasetSummary:
    """Dataset-level totals from a per-SKU profile."""
    if profile.empty:
        return DatasetSummary(0, None, None, 0, 0.0, None, {}, {}, 0, 0)
    revenue = profile["revenue"]
    return DatasetSummary(
        n_skus=len(profile),
        first_date=pd.Timestamp(profile["first_date"].min()),
        last_date=pd.Timestamp(profile["last_date"].max()),
        periods=int(profile["periods"].max()),
        total_units=float(profile["total_units"].sum()),
        revenue=float(revenue.sum()) if revenue.notna().any() else None,
        class_counts={str(k): int(v) for k, v in profile["demand_class"].value_counts().items()},
        abc_counts={str(k): int(v) for k, v in profile["abc"].value_counts().sort_index().items()},
        new_items=int(profile["new_item"].sum()),
        censored_periods=int(profile["censored_periods"].sum()),
    )
