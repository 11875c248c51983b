"""The Portfolio page's own path at catalogue scale: a synthetic catalogue uploaded on the Data page, forecast and
planned by the Portfolio page's code (``streamlit.testing`` AppTest runs the page script in this process; the
forecasts run in the page's worker processes), then every SKU's result checked in the page's result store.

Reports wall time per phase, peak memory (this process and the largest worker), what the store holds, and the
page's status counts. Cheap models (naive, one backtest fold, backtest-error safety stocks, 20 simulated paths) so
the run measures the page, the store and the planning, not the models; ``--models`` and ``--paths`` change that.

    python benchmarks/bench_portfolio_page.py [--skus 1000 5000] [--models naive] [--paths 20]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from forecasting.engine import ForecastConfig  # noqa: E402
from tests.synthetic_catalogue import csv_bytes  # noqa: E402
from ui.data import compute, portfolio  # noqa: E402

ENTRY = str(ROOT / "tests" / "app_entry.py")
PORTFOLIO = str(ROOT / "app_pages" / "portfolio.py")


def _rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of the largest finished child (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _status(app: AppTest) -> str:
    return next(c.value for c in app.caption if "SKUs selected" in c.value)


def _timed(module, name: str, spent: dict) -> None:
    """Wrap the page's own ``module.name`` so its time is added to ``spent[name]`` (the page calls it through the
    module, so it runs the wrapper; nothing else changes)."""
    inner = getattr(module, name)

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

    setattr(module, name, wrapper)


def bench(n: int, models: tuple[str, ...], paths: int) -> dict:

    spent: dict = {}
    for name in ("run_forecasts", "plan_all"):
        _timed(portfolio, name, spent)
    data = csv_bytes(n)
    t0 = time.perf_counter()
    app = AppTest.from_file(ENTRY, default_timeout=7200)
    app.run()
    app.radio(key="w.data.source").set_value("upload").run()
    app.file_uploader(key="w.data.upload").upload(f"catalogue_{n}.csv", data, "text/csv").run()
    load_s = time.perf_counter() - t0
    app.session_state["fc.config"] = ("D", ForecastConfig(horizon=14, folds=1, models=models, levels=(80,)))
    app.session_state["pf.settings"] = {"models": list(models), "uncertainty": "backtest", "paths": paths}
    t1 = time.perf_counter()
    app.switch_page(PORTFOLIO).run()
    open_s = time.perf_counter() - t1
    assert not app.exception, [e.value for e in app.exception]
    t2 = time.perf_counter()
    app.button(key="w.pf.run").click().run()
    run_s = time.perf_counter() - t2
    assert not app.exception, [e.value for e in app.exception]
    t3 = time.perf_counter()
    app.run()  # a rerun: every forecast and the plan from the store
    rerun_s = time.perf_counter() - t3
    status = _status(app)
    # Every SKU's result, looked up as the page looks it up, after the run and the rerun.

    store = compute.forecast_store()
    ns = next(r for r in store._runs if r[1] != "plans")[0]
    held = store.stats(ns)
    kept = sum(1 for k in store.entry_keys() if not k.startswith(("plan:", "failed:")))
    table = next(df.value for df in app.dataframe if "reorder_point" in df.value.columns)
    own, kids = _rss_mb()
    for name in ("run_forecasts", "plan_all"):
        setattr(portfolio, name, getattr(portfolio, name).__closure__[0].cell_contents)
    return {
        "forecast_s": spent.get("run_forecasts", 0.0),
        "plan_s": spent.get("plan_all", 0.0),
        "skus": n,
        "load_s": load_s,
        "open_s": open_s,
        "run_s": run_s,
        "rerun_s": rerun_s,
        "kept": kept,
        "table_rows": len(table),
        "status": status.split(". ")[0],
        "store_mb": held["bytes"] / 2**20,
        "peak_mb": own,
        "worker_peak_mb": kids,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skus", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--models", default="naive")
    ap.add_argument("--paths", type=int, default=20)
    args = ap.parse_args()
    models = tuple(m.strip() for m in args.models.split(",") if m.strip())
    print(f"# Portfolio page path, {datetime.now():%Y-%m-%d %H:%M}, {platform.platform()}, {os.cpu_count()} CPUs")
    print(
        f"# models {','.join(models)}, 1 fold, backtest-error safety stocks, {args.paths} paths; store limit "
        f"{os.environ.get('REPLENISH_STORE_MB', 'default')} MB"
    )
    print()
    print(
        "| SKUs | load s | open s | run + plan s | of which forecast s | of which plan s | rerun s | results kept "
        "| table rows | store MB | peak MB (app) | peak MB (worker) | status line |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n in args.skus:
        r = bench(n, models, args.paths)
        print(
            f"| {r['skus']:,} | {r['load_s']:.1f} | {r['open_s']:.1f} | {r['run_s']:.1f} | {r['forecast_s']:.1f} "
            f"| {r['plan_s']:.1f} | {r['rerun_s']:.1f} "
            f"| {r['kept']:,} | {r['table_rows']:,} | {r['store_mb']:.0f} | {r['peak_mb']:.0f} "
            f"| {r['worker_peak_mb']:.0f} | {r['status']} |",
            flush=True,
        )

        compute.forecast_store().clear()


if __name__ == "__main__":
    main()
