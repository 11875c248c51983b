"""Replenishment: recompute latency after a slider change, and the policy replay's realised service.

1. Latency: policy + dated schedule + 1,000-path x 365-day simulation for one SKU, timed 30 times after a
   warm-up (what the page recomputes when a slider moves; the forecast comes from the cache).
2. Replay: for every SKU of the demo shop and the 50 best-selling UCI SKUs, forecast 91 days ahead with 3 folds,
   set an (s, Q) policy for a 95% cycle service level (lead time 14 days, sd 2) at each backtest cutoff (4 folds;
   with the backtest errors the first fold calibrates) from
   what was known then, run it against the demand that followed, and pool the realised service.

    python benchmarks/bench_replenishment.py [--uci-skus 50] [--jobs 2]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import salesdata  # noqa: E402
from forecasting.base import SeriesData  # noqa: E402
from forecasting.batch import forecast_panel  # noqa: E402
from forecasting.engine import ForecastConfig, forecast_series  # noqa: E402
from forecasting.frames import to_wide  # noqa: E402
from inventory import (  # noqa: E402
    InventoryInputError,
    ItemParams,
    PolicySettings,
    compute_policy,
    demand_plan,
    project_schedule,
    simulate,
)
from inventory.replay import replay_policy  # noqa: E402

DAILY = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"
MODELS = ("naive", "snaive", "ma", "ets", "arima", "prophet", "ridge", "hgb", "ensemble")


def _shop():
    files = salesdata.demo_files("shop")
    demo = salesdata.DEMOS["shop"]
    spans = salesdata.load_stockouts(salesdata.read_table(files["stockouts"][1], "stockouts.csv")).spans
    return salesdata.build_dataset(
        salesdata.read_table(files["sales"][1], files["sales"][0]), demo.mapping, demo.options, "D", spans
    )


def latency() -> dict[str, float]:
    ds = _shop()
    series = ds.panel[ds.panel["unique_id"] == "RP-1009"]
    result = forecast_series(
        SeriesData.from_panel(series, "D"),
        ForecastConfig(horizon=365, folds=2, models=("snaive", "ets", "ridge", "ensemble")),
    )
    plan = demand_plan(result.forecast, result.best_model, "D", backtest=result.backtest, history=series)
    item = ItemParams(lead_time_days=9, lead_time_sd_days=2.3, unit_cost=12.4, on_hand=1093, moq=24, pack_size=12)
    times: dict[str, list[float]] = {"policy": [], "schedule": [], "simulation": [], "total": []}
    for i in range(33):
        settings = PolicySettings(service_level=0.90 + 0.003 * (i % 20))
        t0 = time.perf_counter()
        policy = compute_policy(plan, item, settings)
        t1 = time.perf_counter()
        project_schedule(plan, item, policy, settings)
        t2 = time.perf_counter()
        sim = simulate(plan, item, policy, settings, np.random.default_rng(i), paths=1000)
        t3 = time.perf_counter()
        assert sim.days == 365 and sim.paths == 1000
        if i >= 3:
            for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
                times[key].append(1000 * value)
    return {k: (statistics.median(v), float(np.percentile(v, 90))) for k, v in times.items()}


def replay_panel(ds, skus, jobs: int, label: str) -> pd.DataFrame:
    config = ForecastConfig(horizon=91, folds=4, models=MODELS)
    result = forecast_panel(ds.panel, "D", config, profile=ds.profile, skus=skus, jobs=jobs)
    rows = []
    best = dict(zip(result.best["unique_id"], result.best["model"], strict=True))
    for sku in skus:
        if sku not in best:
            continue
        bt = to_wide(result.backtest[result.backtest["unique_id"] == sku])
        series = ds.panel[ds.panel["unique_id"] == sku]
        item = ItemParams(lead_time_days=14, lead_time_sd_days=2, unit_cost=10)
        for method in ("backtest", "history"):
            settings = PolicySettings(policy="sQ", service_level=0.95, uncertainty=method)
            try:
                rp = replay_policy(bt, best[sku], "D", item, settings, history=series)
            except InventoryInputError:  # no backtest (a new item)
                continue
            if rp.folds.empty:
                continue
            rows.append(
                {
                    "data": label,
                    "sku": sku,
                    "method": method,
                    "demand": rp.demand,
                    "short": rp.short,
                    "cycles": rp.cycles,
                    "cycles_ok": int(rp.folds["cycles_ok"].sum()),
                }
            )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uci-skus", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"# Replenishment - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, Python {platform.python_version()}")
    lat = latency()
    print("\n| step (after a slider change) | median ms | p90 ms |\n|---|---|---|")
    for key, (med, p90) in lat.items():
        print(f"| {key} | {med:.1f} | {p90:.1f} |")
    started = time.perf_counter()
    shop = _shop()
    frames = [replay_panel(shop, sorted(shop.profile["unique_id"]), args.jobs, "demo shop (40 SKUs)")]
    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    uci = salesdata.build_dataset(
        raw,
        salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty"),
        salesdata.IngestOptions(layout="totals"),
        "D",
    )
    top = uci.profile.sort_values("total_units", ascending=False)["unique_id"].head(args.uci_skus).tolist()
    frames.append(replay_panel(uci, top, args.jobs, f"UCI Online Retail ({args.uci_skus} best sellers)"))
    table = pd.concat(frames, ignore_index=True)
    print(
        f"\nPolicy replay, (s, Q) for a 95% cycle service level, lead time 14 +/- 2 days, 4 folds x 91 days "
        f"({time.perf_counter() - started:.0f} s):\n"
    )
    print(
        "| data | uncertainty | SKUs | cycles | realised cycle service | realised fill rate |\n|---|---|---|---|---|---|"
    )
    for (data, method), part in table.groupby(["data", "method"], sort=False):
        csl = part["cycles_ok"].sum() / part["cycles"].sum()
        fill = 1 - part["short"].sum() / part["demand"].sum()
        print(f"| {data} | {method} | {part['sku'].nunique()} | {int(part['cycles'].sum())} | {csl:.1%} | {fill:.1%} |")


if __name__ == "__main__":
    main()
