"""Intermittent-demand methods held out on real slow movers: UCI Online Retail, monthly, last 6 months unseen.

Panel: the shared UCI daily SKU totals summed to calendar months (2009-12 .. ``--end``; December 2011 is
incomplete and never used), each SKU from its first sale. SKUs kept: sold in the last year of the history,
with at least 12 months before the hold-out, and intermittent or lumpy by Syntetos-Boylan (ADI > 1.32) over
their history. Each method is fitted on the history only and forecasts the 6 held-out months.

Scores: MASE (mean absolute error over the hold-out divided by the in-sample mean absolute error of the
one-step naive forecast, as intermittent series are too short for a seasonal scale), averaged over SKUs;
and the rate error, |forecast total - actual total| / actual total over the whole panel (how well the level
that reorder points are built on is held).

    python benchmarks/bench_intermittent.py [--hold 6] [--end 2011-11] [--limit 400]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCE = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"


def panel(limit: int, hold: int, end: str) -> dict[str, np.ndarray]:
    daily = pd.read_csv(SOURCE, parse_dates=["date"])
    daily["month"] = daily["date"].dt.to_period("M")
    daily = daily[daily["month"] <= pd.Period(end, "M")]
    monthly = daily.groupby(["StockCode", "month"])["qty"].sum().clip(lower=0)
    months = pd.period_range("2009-12", end, freq="M")
    out = {}
    for sku, s in monthly.groupby(level=0):
        s = s.droplevel(0).reindex(months, fill_value=0.0)
        first = int(np.flatnonzero(s.to_numpy() > 0)[0]) if (s > 0).any() else len(s)
        y = s.to_numpy(dtype="float64")[first:]
        train = y[:-hold]
        if len(train) < 12 or train[-12:].sum() <= 0 or y[-hold:].sum() <= 0:
            continue
        adi = len(train) / max(1, int((train > 0).sum()))
        if adi <= 1.32:
            continue
        out[str(sku)] = y
        if len(out) >= limit:
            break
    return out


def run(models: list[str], series: dict[str, np.ndarray], hold: int) -> list[dict]:
    from forecasting.base import FitContext, SeriesData
    from forecasting.models import make_model

    rows = []
    for alias in models:
        started = time.perf_counter()
        mases, forecast_total, actual_total, failed = [], 0.0, 0.0, 0
        for sku, y in series.items():
            train, test = y[:-hold], y[-hold:]
            data = SeriesData(pd.date_range("2000-01-01", periods=len(train), freq="MS"), train, "M", unique_id=sku)
            try:
                f = make_model(alias).fit(data, FitContext(horizon=hold, seed=0)).predict(hold)["mean"]
            except Exception:  # noqa: BLE001 - a method that fails on a SKU is counted, the panel goes on
                failed += 1
                f = np.full(hold, train[-1])
            scale = np.mean(np.abs(np.diff(train))) or 1.0
            mases.append(float(np.mean(np.abs(test - f)) / scale))
            forecast_total += float(f.sum())
            actual_total += float(test.sum())
        rows.append(
            {
                "model": alias,
                "mase": float(np.mean(mases)),
                "median_mase": float(np.median(mases)),
                "rate_error": abs(forecast_total - actual_total) / actual_total,
                "bias": (forecast_total - actual_total) / actual_total,
                "failed": failed,
                "seconds": time.perf_counter() - started,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=int, default=6)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--end", default="2011-11", help="last held-out month (2011-11: the Christmas ramp)")
    parser.add_argument("--models", default="naive,snaive,ma,croston,sba,tsb,adida,imapa")
    args = parser.parse_args()
    from forecasting.models import REGISTRY

    series = panel(args.limit, args.hold, args.end)
    models = [m for m in args.models.split(",") if m in REGISTRY]
    print(
        f"# Intermittent methods held out - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"Python {platform.python_version()}"
    )
    print(f"\n{len(series)} UCI SKUs, monthly, intermittent or lumpy; {args.hold} months to {args.end} held out\n")
    print("| model | mean MASE | median MASE | rate error | bias | failed | s |")
    print("|---|---|---|---|---|---|---|")
    for r in run(models, series, args.hold):
        print(
            f"| {r['model']} | {r['mase']:.3f} | {r['median_mase']:.3f} | {r['rate_error']:.1%} | "
            f"{r['bias']:+.1%} | {r['failed']} | {r['seconds']:.1f} |"
        )


if __name__ == "__main__":
    main()
