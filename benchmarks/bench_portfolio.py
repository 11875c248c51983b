"""Portfolio run time (forecast + plan every SKU, as the Portfolio page does) and scenario store latency.

- Portfolio: the demo shop (40 SKUs) and the top-N SKUs of the UCI Online Retail daily totals, each SKU
  forecast with the app's planning settings (91-day horizon, 3 folds, ``auto`` models: the default set plus
  Croston/SBA/TSB for intermittent SKUs) in parallel across SKUs (joblib, 2 processes), then planned
  ((s, Q), 95% CSL, 200-path simulation).
- Scenario store: save and load latency of a scenario carrying a 500-SKU summary, on SQLite (and on
  PostgreSQL when REPLENISH_TEST_PG_URL or the local test server answers).

    python benchmarks/bench_portfolio.py [--uci-skus 500] [--jobs 2] [--skip-uci]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import salesdata  # noqa: E402
from forecasting.batch import forecast_task  # noqa: E402
from forecasting.engine import ForecastConfig  # noqa: E402
from inventory.catalogue import sku_seed  # noqa: E402
from inventory.demand import InventoryInputError  # noqa: E402
from inventory.policy import ItemParams, PolicySettings  # noqa: E402
from inventory.portfolio import plan_sku, portfolio_kpis, portfolio_table  # noqa: E402
from scenarios.store import Scenario, ScenarioStore  # noqa: E402

DAILY = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"
PG_URL = os.environ.get(
    "REPLENISH_TEST_PG_URL", "postgresql+psycopg://replenish:replenish@127.0.0.1:5432/replenish_test"
)


def portfolio(ds, skus: list[str], jobs: int, refit: bool = True) -> dict:
    from joblib import Parallel, delayed

    config = ForecastConfig(horizon=91, folds=3, models=("auto",), levels=(80, 95), refit=refit)
    classes = dict(zip(ds.profile["unique_id"], ds.profile["demand_class"], strict=True))
    groups = {u: g for u, g in ds.panel[ds.panel["unique_id"].isin(skus)].groupby("unique_id")}  # noqa: C416
    t0 = time.perf_counter()
    results = Parallel(n_jobs=jobs, return_as="generator_unordered")(
        delayed(forecast_task)(s, groups[s], "D", config, classes.get(s)) for s in skus
    )
    done = {}
    failed = 0
    for k, (sku, result, error, _) in enumerate(results, start=1):
        if error:
            failed += 1
        else:
            done[sku] = result
        if k % 50 == 0:
            print(f"  [{k}/{len(skus)}] {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    forecast_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    rows = []
    settings = PolicySettings()
    for sku, result in sorted(done.items()):
        try:
            line = plan_sku(
                sku,
                result.forecast,
                result.best_model,
                "D",
                ItemParams(lead_time_days=14, on_hand=float(result.forecast[result.best_model].head(14).sum())),
                settings,
                backtest=result.backtest,
                paths=200,
                seed=sku_seed(0, sku),  # as the app and the CLI seed a SKU: from its id
            )
            rows.append(line.row)
        except InventoryInputError:
            failed += 1
    plan_s = time.perf_counter() - t1
    kpis = portfolio_kpis(portfolio_table(rows))
    return {
        "skus": len(skus),
        "forecast_s": forecast_s,
        "plan_s": plan_s,
        "total_s": forecast_s + plan_s,
        "per_sku_s": (forecast_s + plan_s) / max(1, len(skus)),
        "failed": failed,
        "fill_rate": kpis.get("fill_rate", float("nan")),
    }


def store_latency(url: str, n_lines: int = 500, repeats: int = 20) -> dict:
    store = ScenarioStore(url)
    rng = np.random.default_rng(0)
    lines = [
        {
            "unique_id": f"SKU-{i}",
            "safety_stock": float(rng.uniform(0, 100)),
            "reorder_point": float(rng.uniform(0, 300)),
        }
        for i in range(n_lines)
    ]
    orders = [
        {"unique_id": f"SKU-{i % n_lines}", "order_date": "2026-10-01", "order_qty": 10.0} for i in range(n_lines * 3)
    ]
    params = {"portfolio": {"service_level": 0.95}, "overrides": {}, "sku_params": {}}
    save, load = [], []
    for r in range(repeats):
        t0 = time.perf_counter()
        saved = store.save(Scenario(f"bench-{r}-{time.time_ns()}", "d", params, {"lines": lines, "orders": orders}))
        save.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.get(saved.id)
        load.append(time.perf_counter() - t0)
        store.delete(saved.id)
    store.dispose()
    return {"save_ms": 1000 * statistics.median(save), "load_ms": 1000 * statistics.median(load)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uci-skus", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-uci", action="store_true")
    parser.add_argument(
        "--refit", choices=["every", "first"], default="every", help="backtest: refit at every cutoff, or once"
    )
    args = parser.parse_args()
    out = []
    files = salesdata.demo_files("shop")
    demo = salesdata.DEMOS["shop"]
    spans = salesdata.load_stockouts(salesdata.read_table(files["stockouts"][1], "stockouts.csv")).spans
    shop = salesdata.build_dataset(
        salesdata.read_table(files["sales"][1], files["sales"][0]), demo.mapping, demo.options, "D", spans
    )
    print("demo shop…", file=sys.stderr)
    out.append(("demo shop", portfolio(shop, shop.profile["unique_id"].tolist(), args.jobs, args.refit == "every")))
    if not args.skip_uci:
        raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
        mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
        uci = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), "D")
        top = uci.profile.sort_values("total_units", ascending=False)["unique_id"].head(args.uci_skus).tolist()
        print(f"UCI top {len(top)}…", file=sys.stderr)
        out.append((f"UCI top {len(top)}", portfolio(uci, top, args.jobs, args.refit == "every")))
    print(
        f"\nPortfolio run, backtest refit {args.refit}, {args.jobs} processes ({platform.processor() or platform.machine()}, {os.cpu_count()} cores), "
        f"{datetime.now():%Y-%m-%d}"
    )
    print("| panel | SKUs | forecast s | plan s | total s | s per SKU | failed | fill rate |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in out:
        print(
            f"| {name} | {r['skus']} | {r['forecast_s']:.1f} | {r['plan_s']:.1f} | {r['total_s']:.1f} | "
            f"{r['per_sku_s']:.2f} | {r['failed']} | {100 * r['fill_rate']:.1f}% |"
        )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("SQLite", store_latency(f"sqlite:///{Path(tmp) / 'bench.db'}")))
    try:
        rows.append(("PostgreSQL", store_latency(PG_URL)))
    except Exception as exc:  # noqa: BLE001 - no server: report SQLite only
        print(f"(PostgreSQL skipped: {str(exc).splitlines()[0]})", file=sys.stderr)
    print("\nScenario store, a scenario with 500 SKU lines and 1,500 orders (median of 20)")
    print("| store | save ms | load ms |")
    print("|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['save_ms']:.1f} | {r['load_ms']:.1f} |")
    _ = pd


if __name__ == "__main__":
    main()
