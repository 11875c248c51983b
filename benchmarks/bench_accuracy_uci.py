"""Accuracy held out on the shared UCI Online Retail panels, with the nested protocol for choosing a forecast.

Panels (calendar zero-filled; the shop hardly trades on Saturdays: those zeros are kept):

- ``daily``: the best-selling SKUs of the daily totals (default 200), horizon 28 days;
- ``weekly``: the best-selling SKUs of the weekly totals (default 500), horizon 8 weeks;
- ``monthly``: SKUs sold in the last twelve months (a seeded sample, default 300; mostly intermittent and
  lumpy), horizon 3 months, December 2011 (a partial month) left out.

Every model runs the engine's rolling-origin backtest (default 5 folds). The last ``--judged`` folds (default 3)
are scored out of sample: for each, a selection rule sees only the folds before it (``forecasting.selection.
nested``), so the fold that scores a rule never takes part in the choice. Reported: per model and per rule, the
mean MASE over SKUs and judged folds (scaled by the in-sample seasonal naive error before the cutoff, as the
engine does), pooled WAPE and, for the models and the default combination, 80% interval coverage. The default
(``auto``) is the engine's own ensemble column: the median of the core models, fixed members on every fold.

    python benchmarks/bench_accuracy_uci.py --panel daily [--skus 200] [--jobs 2] [--folds 5] [--judged 3]
        [--models ...] [--save DIR | --load DIR]
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

import salesdata  # noqa: E402
from forecasting.batch import forecast_panel  # noqa: E402
from forecasting.calendars import SEASON_LENGTH  # noqa: E402
from forecasting.engine import ForecastConfig  # noqa: E402
from forecasting.metrics import mase_scale  # noqa: E402
from forecasting.selection import nested  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "online_retail"
DAILY = DATA / "online_retail_daily_sku_2009-12_2011-12.csv.gz"
PANELS = {"daily": ("D", 200, 28), "weekly": ("W", 500, 8), "monthly": ("M", 300, 3)}
MODELS = "naive,snaive,ma,ets,theta,arima,prophet,ridge,hgb,croston,sba,tsb,adida,imapa,lgbm,ensemble"
# (label, rule, k, how, margin): the rules compared under the nested protocol.
RULES = [
    ("best single model per SKU", "best", 3, "median", 0.1),
    ("median of the SKU's top 3", "median", 3, "median", 0.1),
    ("median of the SKU's top 7", "median", 7, "median", 0.1),
    ("inverse-error mean of the SKU's top 3", "inverse", 3, "inverse", 0.1),
    ("top-3 median unless one model wins by 10% on the mean (before)", "margin", 3, "median", 0.1),
    ("top-3 median unless one model wins by 10% on most folds", "majority", 3, "median", 0.1),
    ("median of the core models (auto)", "core", 3, "median", 0.1),
]


def load_panel(kind: str, n: int):
    freq, _, _ = PANELS[kind]
    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
    ds = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), freq)
    panel, profile = ds.panel, ds.profile
    if kind == "monthly":
        panel = panel[panel["ds"] < "2011-12-01"]  # December 2011 has 9 days of data
        last = panel[panel["ds"] >= "2010-12-01"].groupby("unique_id")["y"].sum()
        sold = sorted(last[last > 0].index)
        rng = np.random.default_rng(7)
        skus = sorted(rng.choice(sold, size=min(n, len(sold)), replace=False).tolist())
    else:
        skus = profile.sort_values("total_units", ascending=False)["unique_id"].head(n).tolist()
    return panel, profile, skus


def evaluate(bt: pd.DataFrame, panel: pd.DataFrame, season: int, judged_folds: int) -> pd.DataFrame:
    """One row per (SKU, judged fold, policy): MASE, absolute error, sales, 80% hits."""
    bt = bt.copy()
    bt["cutoff"] = pd.to_datetime(bt["cutoff"])
    bt["ds"] = pd.to_datetime(bt["ds"])
    history = {u: g.sort_values("ds") for u, g in panel.groupby("unique_id")}
    rows = []
    for uid, g in bt.groupby("unique_id"):
        hist = history[uid]
        cuts = sorted(g["cutoff"].unique())
        ys, scales = [], []
        for c in cuts:
            ys.append(g[g["cutoff"] == c].groupby("ds")["y"].first().to_numpy(dtype="float64"))
            scales.append(mase_scale(hist[hist["ds"] <= c]["y"].to_numpy(dtype="float64"), season))
        by = {m: part for m, part in g.groupby("model")}  # noqa: C416
        fm = {m: [p[p["cutoff"] == c].sort_values("ds")["yhat"].to_numpy() for c in cuts] for m, p in by.items()}

        def score(j: int, f: np.ndarray, ys=ys, scales=scales) -> float:
            ok = np.isfinite(ys[j])
            return float(np.mean(np.abs(ys[j][ok] - f[ok])) / scales[j]) if scales[j] > 0 and ok.any() else np.nan

        singles = [m for m in fm if m != "ensemble"]
        sc = pd.DataFrame({m: [score(j, fm[m][j]) for j in range(len(cuts))] for m in singles})
        for j in range(max(1, len(cuts) - judged_folds), len(cuts)):
            y = ys[j]
            ok = np.isfinite(y)
            base = {"unique_id": uid, "judged": len(cuts) - j, "ysum": float(y[ok].sum())}
            for m, part in by.items():
                f = fm[m][j]
                fold = part[part["cutoff"] == cuts[j]].sort_values("ds")
                inside = ((fold["y"] >= fold["lo_80"]) & (fold["y"] <= fold["hi_80"]))[fold["lo_80"].notna()]
                name = "auto (engine ensemble)" if m == "ensemble" else m
                rows.append(
                    {
                        **base,
                        "policy": name,
                        "kind": "model",
                        "mase": score(j, f),
                        "ae": float(np.abs(y - f)[ok].sum()),
                        "hits80": float(inside.sum()),
                        "n80": float(len(inside)),
                    }
                )
            for label, rule, k, how, margin in RULES:
                _, f = nested({m: fm[m] for m in singles}, sc, j, score, rule, k=k, how=how, margin=margin)
                rows.append(
                    {
                        **base,
                        "policy": label,
                        "kind": "rule",
                        "mase": score(j, f),
                        "ae": float(np.abs(y - f)[ok].sum()),
                        "hits80": np.nan,
                        "n80": np.nan,
                    }
                )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panel", choices=sorted(PANELS), default="daily")
    parser.add_argument("--skus", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--horizon", type=int, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--judged", type=int, default=3, help="last folds scored out of sample")
    parser.add_argument("--refit", choices=["every", "first"], default="every")
    parser.add_argument("--models", default=MODELS)
    parser.add_argument("--save", type=Path, help="keep the backtest here (backtest.parquet) to evaluate again")
    parser.add_argument("--load", type=Path, help="evaluate a saved backtest instead of running the models")
    args = parser.parse_args()
    freq, default_n, default_h = PANELS[args.panel]
    n, horizon = args.skus or default_n, args.horizon or default_h
    started = time.perf_counter()
    panel, profile, skus = load_panel(args.panel, n)
    elapsed = np.nan
    if args.load:
        bt = pd.read_parquet(args.load / "backtest.parquet")
    else:
        config = ForecastConfig(
            horizon=horizon, folds=args.folds, models=tuple(args.models.split(",")), refit=args.refit == "every"
        )
        t0 = time.perf_counter()

        def progress(done, total, sku, seconds, error):
            if done % 50 == 0 or done == total:
                print(f"  [{done}/{total}] {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)

        result = forecast_panel(panel, freq, config, profile=profile, skus=skus, jobs=args.jobs, progress=progress)
        elapsed = time.perf_counter() - t0
        bt = result.backtest
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            bt.to_parquet(args.save / "backtest.parquet")
    res = evaluate(bt, panel, SEASON_LENGTH[freq], args.judged)
    classes = dict(zip(profile["unique_id"], profile["demand_class"], strict=True))
    res["class"] = res["unique_id"].map(classes)
    summary = res.groupby(["kind", "policy"]).agg(
        mase=("mase", "mean"), ae=("ae", "sum"), ysum=("ysum", "sum"), hits=("hits80", "sum"), n80=("n80", "sum")
    )
    summary["wape"] = summary["ae"] / summary["ysum"]
    summary["cov80"] = summary["hits"] / summary["n80"].replace(0, np.nan)
    by_class = res.groupby(["policy", "class"])["mase"].mean().unstack()
    print(
        f"# Accuracy held out on UCI Online Retail, {args.panel} - {datetime.now():%Y-%m-%d %H:%M}, "
        f"{platform.node()}, Python {platform.python_version()}"
    )
    print(
        f"{len(skus)} SKUs ({args.panel}), horizon {horizon}, {args.folds} folds (refit {args.refit}), the last "
        f"{args.judged} judged out of sample; models {args.models}; run {elapsed:.0f} s with {args.jobs} jobs; "
        f"total {time.perf_counter() - started:.0f} s"
    )
    counts = pd.Series(classes).reindex(skus).value_counts().to_dict()
    print(f"demand classes: {counts}")
    classes_shown = [c for c in ("smooth", "erratic", "intermittent", "lumpy") if c in by_class.columns]
    head = " | ".join(f"MASE {c}" for c in classes_shown)
    for kind, title in (
        ("model", "Per model"),
        ("rule", "Selection rules, nested (each judged fold chosen on the folds before it)"),
    ):
        part = summary.loc[kind].sort_values("mase")
        print(f"\n{title}:\n\n| | mean MASE | pooled WAPE | 80% coverage | {head} |")
        print("|---|---|---|---|" + "---|" * len(classes_shown))
        for name, r in part.iterrows():
            cov = f"{r['cov80']:.3f}" if np.isfinite(r["cov80"]) else ""
            per = " | ".join(f"{by_class.loc[name, c]:.3f}" for c in classes_shown)
            print(f"| {name} | {r['mase']:.3f} | {r['wape']:.3f} | {cov} | {per} |")
    models = summary.loc["model"].drop(index="auto (engine ensemble)", errors="ignore")
    best_single = models["mase"].idxmin()
    auto = (
        summary.loc["model"].loc["auto (engine ensemble)", "mase"]
        if "auto (engine ensemble)" in summary.loc["model"].index
        else np.nan
    )
    print(
        f"\nauto {auto:.3f} against the best single model of the run, {best_single} {models['mase'].min():.3f} "
        f"({'at or below' if auto <= models['mase'].min() else 'above'}); seasonal naive "
        f"{models['mase'].get('snaive', np.nan):.3f}"
    )


if __name__ == "__main__":
    main()
