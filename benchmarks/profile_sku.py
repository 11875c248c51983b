"""Profile one SKU's default run (auto set, H=28, 3 folds) on three UCI best sellers after a warm-up SKU:
wall time per SKU, seconds per model, and the top functions by cumulative time (cProfile).

    python benchmarks/profile_sku.py [--top 35] [--skus 3] [--horizon 28] [--refit every|first] [--no-profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import salesdata  # noqa: E402
from forecasting.base import SeriesData  # noqa: E402
from forecasting.engine import ForecastConfig, forecast_series  # noqa: E402

DAILY = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--skus", type=int, default=3, help="SKUs timed after the warm-up SKU")
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--no-profile", action="store_true", help="time without cProfile (true wall time)")
    parser.add_argument(
        "--refit", choices=["every", "first"], default="every", help="backtest: refit at every cutoff, or once"
    )
    args = parser.parse_args()
    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
    ds = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), "D")
    top = ds.profile.sort_values("total_units", ascending=False)["unique_id"].head(args.skus + 1).tolist()
    # ``refit`` only when asked, so the script also runs on trees from before the option (before/after tables).
    extra = {"refit": False} if args.refit == "first" else {}
    config = ForecastConfig(horizon=args.horizon, folds=3, models=("auto",), levels=(80, 95), **extra)

    def one(sku: str):
        return forecast_series(SeriesData.from_panel(ds.panel[ds.panel["unique_id"] == sku], "D"), config)

    one(top[0])  # imports and caches
    profiler = cProfile.Profile()
    started = time.perf_counter()
    if not args.no_profile:
        profiler.enable()
    timings: dict[str, float] = {}
    for sku in top[1:]:
        for model, seconds in one(sku).timings.items():
            timings[model] = timings.get(model, 0.0) + seconds / args.skus
    profiler.disable()
    print(
        f"H = {args.horizon}, refit {args.refit}, {args.skus} SKUs, "
        f"{'no profiler' if args.no_profile else 'cProfile'}: wall per SKU "
        f"{(time.perf_counter() - started) / args.skus:.2f} s"
    )
    print("| model | seconds per SKU |\n|---|---|")
    for model, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"| {model} | {seconds:.2f} |")
    if not args.no_profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
