"""Catalogue throughput and memory: the batch runner on the UCI daily totals, locally and on Dask.

For each SKU count, runs ``forecasting.runner.run_batch`` (horizon 28, 3 folds) with the local backend
(2 processes) and on a local Dask cluster with 1 and 2 workers, in a fresh process each, and reports series per
second, the speed-up from 1 to 2 Dask workers, and the peak memory of the client process and of the whole process
tree (sampled every 0.2 s).

    python benchmarks/bench_scale.py [--skus 100,1000] [--models auto] [--backends local,dask1,dask2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAILY = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
import salesdata
from forecasting.engine import ForecastConfig
from forecasting.runner import run_batch
raw = salesdata.read_table(open({daily!r}, "rb").read(), "daily.csv.gz")
mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
ds = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), "D")
top = ds.profile.sort_values("total_units", ascending=False)["unique_id"].head({n}).tolist()
panel = ds.panel[ds.panel["unique_id"].isin(top)]
config = ForecastConfig(horizon=28, folds=3, models=tuple({models!r}.split(",")), levels=(80, 95),
                        refit={refit!r})
t0 = time.perf_counter()
s = run_batch(panel, "D", config, __import__("pathlib").Path({out!r}), input_key="bench", profile=ds.profile,
              backend={backend!r}, jobs={jobs}, chunk_size=50)
print(json.dumps({{"seconds": time.perf_counter() - t0, "skus": s.forecast_skus, "failed": len(s.failures),
                  "workers": s.workers}}))
"""


def _tree_rss(pid: int) -> tuple[int, int]:
    import psutil

    try:
        proc = psutil.Process(pid)
        own = proc.memory_info().rss
        total = own + sum(c.memory_info().rss for c in proc.children(recursive=True))
        return own, total
    except psutil.Error:
        return 0, 0


def run_case(n: int, models: str, backend: str, jobs: int, refit: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        code = CHILD.format(
            root=str(ROOT), daily=str(DAILY), n=n, models=models, out=tmp, backend=backend, jobs=jobs, refit=refit
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        peak_own = peak_tree = 0
        while proc.poll() is None:
            own, tree = _tree_rss(proc.pid)
            peak_own, peak_tree = max(peak_own, own), max(peak_tree, tree)
            time.sleep(0.2)
        out = json.loads(proc.stdout.read().strip().splitlines()[-1])
    out |= {"peak_client_mb": peak_own / 2**20, "peak_tree_mb": peak_tree / 2**20}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", default="100,1000")
    parser.add_argument("--models", default="auto")
    parser.add_argument("--backends", default="local,dask1,dask2")
    parser.add_argument(
        "--refit", choices=["every", "first"], default="every", help="backtest: refit at every cutoff, or once"
    )
    args = parser.parse_args()
    cases = {"local": ("local", 2), "dask1": ("dask", 1), "dask2": ("dask", 2)}
    rows = []
    for n in (int(x) for x in args.skus.split(",")):
        for name in args.backends.split(","):
            backend, jobs = cases[name]
            print(f"{n} SKUs, {name}…", file=sys.stderr, flush=True)
            r = run_case(n, args.models, backend, jobs, args.refit == "every")
            rows.append((n, name, r))
    import pandas as pd

    versions = {m: __import__(m).__version__ for m in ("pandas", "statsmodels", "sklearn", "prophet", "dask")}
    print(
        f"\nCatalogue batch, models {args.models}, H=28, 3 folds (refit {args.refit}); {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {versions}; {datetime.now():%Y-%m-%d}"
    )
    print("| SKUs | backend | workers | seconds | series/s | peak client MB | peak all processes MB | failed |")
    print("|---|---|---|---|---|---|---|---|")
    for n, name, r in rows:
        print(
            f"| {n} | {name} | {r['workers']} | {r['seconds']:.1f} | {r['skus'] / r['seconds']:.2f} | "
            f"{r['peak_client_mb']:.0f} | {r['peak_tree_mb']:.0f} | {r['failed']} |"
        )
    frame = pd.DataFrame([{"skus": n, "backend": b, **r} for n, b, r in rows])
    for n, part in frame.groupby("skus"):
        d1 = part.loc[part["backend"] == "dask1", "seconds"]
        d2 = part.loc[part["backend"] == "dask2", "seconds"]
        if len(d1) and len(d2):
            print(f"\n{n} SKUs: Dask speed-up from 1 to 2 workers: {float(d1.iloc[0]) / float(d2.iloc[0]):.2f}x")


if __name__ == "__main__":
    main()
