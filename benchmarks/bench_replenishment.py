"""Replenishment: recompute latency after a slider change, and the policy replay's realised service.

1. Latency: policy + dated schedule + 1,000-path x 365-day simulation for one SKU, timed 30 times after a
   warm-up (what the page recomputes when a slider moves; the forecast comes from the cache).
2. Replay: for every SKU of the demo shop and the 50 best-selling UCI SKUs, forecast 91 days ahead with 4 folds,
   set an (s, Q) policy for a 95% cycle service level (lead time 14 days) at each backtest cutoff from what was
   known then, run it against the demand that followed, and pool the realised service. Uncertainty: calibrated
   (the chosen forecast from weekly rolling origins over the year before each cutoff, ``forecasting.calibration``;
   every fold replayed), backtest (the first fold only calibrates) and history. Per SKU, a one-sided binomial
   test of its cycles against 95% at the 5% level; the calibrated policy also for a 95% fill-rate target.

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
from scipy.stats import binom

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import salesdata  # noqa: E402
from forecasting.base import SeriesData  # noqa: E402
from forecasting.batch import forecast_panel  # noqa: E402
from forecasting.calibration import (  # noqa: E402
    backtest_span_days,
    calibrate,
    calibration_shape,
    members_of,
    rolling_origins,
)
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
from inventory.policy import calibration_days  # noqa: E402
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
    item = ItemParams(lead_time_days=9, lead_time_sd_days=2.3, unit_cost=12.4, on_hand=1093, moq=24, pack_size=12)
    # The calibration is computed once per SKU and model (cached by the page); a slider move reuses it.
    spec = members_of(result.best_model, result.choice, result.descriptions)
    shape = calibration_shape("D", calibration_days(item, PolicySettings()), 365, backtest_span_days(result.backtest))
    t0 = time.perf_counter()
    cal = calibrate(series, "D", ForecastConfig(), spec, *shape)
    calibration_ms = 1000 * (time.perf_counter() - t0)
    plan = demand_plan(
        result.forecast, result.best_model, "D", backtest=result.backtest, history=series, calibration=cal.frame
    )
    times: dict[str, list[float]] = {"policy": [], "schedule": [], "simulation": [], "total": []}
    for i in range(33):
        settings = PolicySettings(service_level=0.90 + 0.003 * (i % 20))
        t0 = time.perf_counter()
        policy = compute_policy(plan, item, settings)
        assert policy.uncertainty_used == "calibrated"
        t1 = time.perf_counter()
        project_schedule(plan, item, policy, settings)
        t2 = time.perf_counter()
        sim = simulate(plan, item, policy, settings, np.random.default_rng(i), paths=1000)
        t3 = time.perf_counter()
        assert sim.days == 365 and sim.paths == 1000
        if i >= 3:
            for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
                times[key].append(1000 * value)
    out = {k: (statistics.median(v), float(np.percentile(v, 90))) for k, v in times.items()}
    out["calibration (once per SKU and model, cached)"] = (calibration_ms, calibration_ms)
    return out


CAL_HORIZON = 28  # days forecast from each calibration origin (the protection interval here is about 14-20)


def _calibration(frame: pd.DataFrame, members: tuple[str, ...], weights: tuple[float, ...], how: str):
    data = SeriesData.from_panel(frame, "D")
    # Weekly origins from the start of the history: the year before the first replayed cutoff is covered.
    return rolling_origins(data, members, weights=weights, how=how, horizon=CAL_HORIZON, origins=110, known=1).frame


def replay_panel(ds, skus, jobs: int, label: str, cache: Path | None = None, choice: str = "best") -> pd.DataFrame:
    import pickle

    from joblib import Parallel, delayed

    config = ForecastConfig(horizon=91, folds=4, models=MODELS)
    stored = cache / f"{label.split()[0]}_{len(skus)}.pkl" if cache else None
    if stored is not None and stored.exists():
        result = pickle.loads(stored.read_bytes())
    else:
        result = forecast_panel(ds.panel, "D", config, profile=ds.profile, skus=skus, jobs=jobs)
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_bytes(pickle.dumps(result))
    rows = []
    best = dict(zip(result.best["unique_id"], result.best["model"], strict=True))
    spec = {
        r.unique_id: (
            tuple(r.members.split()),
            tuple(float(w) for w in r.weights.split()),
            r.how if r.how in ("median", "mean", "inverse") else "median",
        )
        for r in result.best.itertuples()
        if r.members
    }
    if choice == "ensemble":
        # Nested: the ensemble column's members on each fold are ranked on the folds before it only, so no replayed
        # fold chose the forecast it is judged on. The calibration combines the ensemble's final members.
        ens = result.metrics[result.metrics["model"] == "ensemble"].set_index("unique_id")["description"]
        best = {s: "ensemble" for s in best if s in ens.index}
        spec = {s: members_of("ensemble", None, {"ensemble": ens[s]}) for s in best}
    todo = [s for s in skus if s in spec]
    frames = Parallel(n_jobs=jobs)(delayed(_calibration)(ds.panel[ds.panel["unique_id"] == s], *spec[s]) for s in todo)
    calibrations = dict(zip(todo, frames, strict=True))
    for sku in skus:
        if sku not in best:
            continue
        bt = to_wide(result.backtest[result.backtest["unique_id"] == sku])
        series = ds.panel[ds.panel["unique_id"] == sku]
        item = ItemParams(lead_time_days=14, lead_time_sd_days=2, unit_cost=10)
        for method, service in (("calibrated", "csl"), ("calibrated", "fill"), ("backtest", "csl"), ("history", "csl")):
            settings = PolicySettings(policy="sQ", service_type=service, service_level=0.95, uncertainty=method)
            try:
                rp = replay_policy(
                    bt,
                    best[sku],
                    "D",
                    item,
                    settings,
                    history=series,
                    calibration=calibrations.get(sku) if method == "calibrated" else None,
                )
            except InventoryInputError:  # no backtest (a new item)
                continue
            if rp.folds.empty:
                continue
            rows.append(
                {
                    "data": label,
                    "sku": sku,
                    "method": method,
                    "target": "95% fill rate" if service == "fill" else "95% cycle service",
                    "used": ",".join(sorted(set(rp.folds["uncertainty"]))),
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
    parser.add_argument("--cache", type=Path, help="keep the forecasts here and reuse them (to iterate on the policy)")
    parser.add_argument("--no-latency", action="store_true", help="skip the recompute timing")
    parser.add_argument(
        "--choice",
        choices=["best", "ensemble"],
        default="best",
        help="the model replayed: each SKU's chosen one (chosen on all folds), or the ensemble (members ranked on "
        "earlier folds only: nested)",
    )
    args = parser.parse_args()
    print(f"# Replenishment - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, Python {platform.python_version()}")
    if not args.no_latency:
        lat = latency()
        print("\n| step (after a slider change) | median ms | p90 ms |\n|---|---|---|")
        for key, (med, p90) in lat.items():
            print(f"| {key} | {med:.1f} | {p90:.1f} |")
    started = time.perf_counter()
    shop = _shop()
    frames = [
        replay_panel(shop, sorted(shop.profile["unique_id"]), args.jobs, "demo shop (40 SKUs)", args.cache, args.choice)
    ]
    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    uci = salesdata.build_dataset(
        raw,
        salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty"),
        salesdata.IngestOptions(layout="totals"),
        "D",
    )
    top = uci.profile.sort_values("total_units", ascending=False)["unique_id"].head(args.uci_skus).tolist()
    frames.append(
        replay_panel(uci, top, args.jobs, f"UCI Online Retail ({args.uci_skus} best sellers)", args.cache, args.choice)
    )
    table = pd.concat(frames, ignore_index=True)
    print(
        f"\nPolicy replay, (s, Q) for a 95% cycle service level, lead time 14 +/- 2 days, 4 folds x 91 days "
        f"({time.perf_counter() - started:.0f} s; model replayed: {args.choice}):\n"
    )
    print(
        "| data | uncertainty | target | SKUs | cycles | realised cycle service | realised fill rate "
        "| SKUs failing the binomial test |\n|---|---|---|---|---|---|---|---|"
    )
    for (data, method, target), part in table.groupby(["data", "method", "target"], sort=False):
        csl = part["cycles_ok"].sum() / part["cycles"].sum()
        fill = 1 - part["short"].sum() / part["demand"].sum()
        # One-sided: could this SKU's cycles come from a 95% process? (a calibrated plan fails on ~5% by chance)
        judged = part[part["cycles"] > 0]
        pvals = binom.cdf(judged["cycles_ok"], judged["cycles"], 0.95)
        fails = f"{(pvals < 0.05).mean():.1%} of {len(judged)}" if target.endswith("cycle service") else "-"
        print(
            f"| {data} | {method} | {target} | {part['sku'].nunique()} | {int(part['cycles'].sum())} | {csl:.1%} "
            f"| {fill:.1%} | {fails} |"
        )
    used = table[table["method"] == "calibrated"]["used"].value_counts()
    print("\nMethod that set the safety stock (calibrated runs, SKU-targets):", dict(used))


if __name__ == "__main__":
    main()
