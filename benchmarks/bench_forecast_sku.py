"""One SKU, two years of daily sales: time to backtest (3 folds, horizon 28) and forecast.

Cases: the default model set (baselines, ETS, ARIMA, Prophet, Ridge, HGB) and the full registry, with the
models run in this process (n_jobs=1) or in a 2-process pool; "cold" is the first run in a fresh Python
process (library imports included), "warm" a later run of the same process without any cache, "cached" the
lookup the Forecast page does when you come back to a SKU. Also the fit time per model per series (final
fit + 3 folds) over ten demo SKUs.

    python benchmarks/bench_forecast_sku.py
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
import salesdata
from forecasting.base import SeriesData
from forecasting.engine import ForecastConfig, forecast_series
from forecasting.models import DEFAULT_MODELS, REGISTRY
files = salesdata.demo_files("shop")
demo = salesdata.DEMOS["shop"]
ds = salesdata.build_dataset(salesdata.read_table(files["sales"][1], files["sales"][0]), demo.mapping, demo.options, "D")
models = tuple(DEFAULT_MODELS) if {full} is False else (*REGISTRY, "ensemble")
out = {{"setup_s": time.perf_counter() - t0, "runs": []}}
for i, sku in enumerate(["RP-1009", "RP-1017", "RP-1033"]):
    data = SeriesData.from_panel(ds.panel[ds.panel["unique_id"] == sku].tail(730), "D")
    t = time.perf_counter()
    res = forecast_series(data, ForecastConfig(horizon=28, folds=3, models=models), n_jobs={jobs})
    out["runs"].append({{"seconds": time.perf_counter() - t, "timings": res.timings}})
# What the Forecast page does when you come back to a SKU: hash the settings, look the result up.
import hashlib, dataclasses
from ui.data.result_store import ResultStore
store = ResultStore()
config = ForecastConfig(horizon=28, folds=3, models=models)
def key():
    payload = json.dumps(["dataset", sku, dataclasses.asdict(config)], default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()
store.put(key(), res)
t = time.perf_counter()
for _ in range(100):
    assert store.get(key()) is res
out["cached_s"] = (time.perf_counter() - t) / 100
print(json.dumps(out))
"""


def _case(full: bool, jobs: int) -> dict:
    code = CHILD.format(root=str(ROOT), full=full, jobs=jobs)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    print(
        f"# One SKU, 2 years daily, 3 folds x 28 days - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"Python {platform.python_version()}"
    )
    print("| model set | n_jobs | cold s (first run, fresh process) | warm s (median of 2 later SKUs) | cached s |")
    print("|---|---|---|---|---|")
    per_model: dict[str, list[float]] = {}
    for full in (False, True):
        for jobs in (1, 2):
            res = _case(full, jobs)
            cold = res["runs"][0]["seconds"]
            warm = statistics.median(r["seconds"] for r in res["runs"][1:])
            name = "full registry + ensemble" if full else "default (DESIGN.md)"
            print(f"| {name} | {jobs} | {cold:.1f} | {warm:.1f} | {res['cached_s'] * 1000:.3f} ms |")
            if full and jobs == 1:
                for run in res["runs"]:
                    for model, sec in run["timings"].items():
                        per_model.setdefault(model, []).append(sec)
    print(
        "\nFit time per model per series (final fit + 3 folds, includes ARIMA/ETS form selection), median of 3 SKUs:\n"
    )
    print("| model | seconds |\n|---|---|")
    for model, secs in sorted(per_model.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"| {model} | {statistics.median(secs):.2f} |")


if __name__ == "__main__":
    main()
