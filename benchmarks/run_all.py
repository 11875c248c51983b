"""The benchmark suite in one command: runs every benchmark, prints their tables and records them, with the
machine, date and versions, in ``benchmarks/results/<date>.md`` (and ``latest.md``).

    python benchmarks/run_all.py [--quick]

a. one-SKU comparison latency, cold and cached            bench_forecast_sku.py
b. throughput for 100 and 1,000 SKUs, local and Dask 1/2   bench_scale.py
c. replenishment recompute latency                        bench_replenishment.py
d. 1,000,000-row upload to a panel, time and peak memory  bench_ingest.py
e. accuracy and time against statsforecast                bench_peer.py (own virtual environment)
f. portfolio run and scenario store latency               bench_portfolio.py
g. real export layouts read with no manual mapping       bench_exports.py

``--quick`` runs smaller sizes (100 SKUs, fast models) to check the suite itself in minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

FULL = [
    ("a. one SKU", ["bench_forecast_sku.py"]),
    ("b. throughput", ["bench_scale.py", "--skus", "100,1000"]),
    ("c. replenishment", ["bench_replenishment.py"]),
    ("d. upload", ["bench_ingest.py", "--repeat", "2"]),
    ("e. peer", ["bench_peer.py", "--skus", "100"]),
    ("f. portfolio", ["bench_portfolio.py", "--uci-skus", "500"]),
    ("g. exports", ["bench_exports.py"]),
]
QUICK = [
    ("a. one SKU", ["bench_forecast_sku.py"]),
    ("b. throughput", ["bench_scale.py", "--skus", "100", "--models", "snaive,ma,ets,ridge,ensemble"]),
    ("c. replenishment", ["bench_replenishment.py"]),
    ("d. upload", ["bench_ingest.py", "--repeat", "1"]),
    ("e. peer", ["bench_peer.py", "--skus", "30"]),
    ("f. portfolio", ["bench_portfolio.py", "--skip-uci"]),
    ("g. exports", ["bench_exports.py"]),
]


def versions() -> str:
    names = ("pandas", "numpy", "statsmodels", "scikit-learn", "prophet", "dask", "distributed", "streamlit")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="letters of the benchmarks to run, e.g. ace")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.only:
        plan = [p for p in plan if p[0][0] in args.only]
    header = (
        f"# Benchmark results {datetime.now():%Y-%m-%d %H:%M}\n\n"
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; Python "
        f"{platform.python_version()}; {versions()}.\n"
        f"Command: `python benchmarks/run_all.py{' --quick' if args.quick else ''}"
        f"{' --only ' + args.only if args.only else ''}`\n"
    )
    print(header)
    sections = [header]
    for title, cmd in plan:
        started = time.perf_counter()
        print(f"## {title}: {' '.join(cmd)}", flush=True)
        proc = subprocess.run([sys.executable, str(HERE / cmd[0]), *cmd[1:]], cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - started
        body = proc.stdout.strip() or "(no output)"
        if proc.returncode != 0:
            body += f"\n\nFAILED (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}"
        text = f"## {title}\n\n`python benchmarks/{' '.join(cmd)}` ({took:.0f} s)\n\n{body}\n"
        print(text, flush=True)
        sections.append(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    report = "\n".join(sections)
    (out / f"{datetime.now():%Y-%m-%d}.md").write_text(report, encoding="utf-8")
    (out / "latest.md").write_text(report, encoding="utf-8")
    print(f"recorded in {out / 'latest.md'}")


if __name__ == "__main__":
    main()
