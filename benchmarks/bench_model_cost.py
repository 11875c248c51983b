"""What each model of ``auto`` costs per SKU: one SKU's full backtest and forecast, model by model.

    python benchmarks/bench_model_cost.py [--panel monthly] [--skus 20] [--folds 5]

Runs each per-SKU model of ``auto`` (plus Prophet, for comparison) alone on the first N SKUs of a
``bench_accuracy_uci.py`` panel, one process, and prints the mean seconds per SKU (seasonal naive, always run as the
reference, is inside every figure).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_accuracy_uci import PANELS, load_panel  # noqa: E402

from forecasting.base import SeriesData  # noqa: E402
from forecasting.engine import ForecastConfig, auto_models, forecast_series  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panel", choices=sorted(PANELS), default="monthly")
    parser.add_argument("--skus", type=int, default=20)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    freq, n, horizon = PANELS[args.panel]
    panel, profile, skus = load_panel(args.panel, n)
    classes = dict(zip(profile["unique_id"], profile["demand_class"], strict=True))
    seconds: Counter = Counter()
    for sku in skus[: args.skus]:
        data = SeriesData.from_panel(panel[panel["unique_id"] == sku], freq)  # type: ignore[arg-type]
        for model in [*auto_models(classes[sku]), "prophet"]:
            if model in ("lgbm", "ensemble"):
                continue  # the global model is trained once per catalogue, not per SKU
            started = time.perf_counter()
            forecast_series(
                data, ForecastConfig(horizon=horizon, folds=args.folds, models=(model,)), demand_class=classes[sku]
            )
            seconds[model] += time.perf_counter() - started
    print(
        f"Seconds per SKU, UCI {args.panel} panel, first {args.skus} SKUs, H = {horizon}, {args.folds} folds, 1 process"
    )
    print("\n| model | s per SKU |\n|---|---|")
    for model, total in seconds.most_common():
        print(f"| {model} | {total / args.skus:.3f} |")


if __name__ == "__main__":
    main()
