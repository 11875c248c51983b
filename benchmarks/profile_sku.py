"""Profile one SKU's default run (auto set, H=28, 3 folds) on three UCI best sellers after a warm-up SKU:
wall time per SKU, seconds per model, and the top functions by cumulative time (cProfile).

    python benchmarks/profile_sku.py [--top 35]
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
    parser.add_argument(
        "--refit", choices=["every", "first"], default="every", help="backtest: refit at every cutoff, or once"
    )
    args = parser.parse_args()
    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
    ds = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), "D")
    top = ds.profile.sort_values("total_units", ascending=False)["unique_id"].head(4).tolist()
    config = ForecastConfig(horizon=28, folds=3, models=("auto",), levels=(80, 95), refit=args.refit == "every")

    def one(sku: str):
        return forecast_series(SeriesData.from_panel(ds.panel[ds.panel["unique_id"] == sku], "D"), config)

    one(top[0])  # imports and caches
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    timings: dict[str, float] = {}
    for sku in top[1:]:
        for model, seconds in one(sku).timings.items():
            timings[model] = timings.get(model, 0.0) + seconds / 3
    profiler.disable()
    print(f"wall per SKU: {(time.perf_counter() - started) / 3:.2f} s")
    print("| model | seconds per SKU |\n|---|---|")
    for model, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"| {model} | {seconds:.2f} |")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
