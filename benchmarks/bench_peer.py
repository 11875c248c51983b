"""Against the peer: Replenish and statsforecast on the same panel, in the same run.

The panel: the top-N SKUs of the UCI Online Retail daily totals (calendar zero-filled). Both sides backtest the
same three 28-day windows at the end of each series (statsforecast ``cross_validation(h=28, n_windows=3,
step_size=28)``; ours ``folds=3``). MASE is computed here, identically for both, from the raw backtest
forecasts: mean absolute error over the windows divided by the in-sample MAE of the weekly seasonal naive on the
data before each window's cutoff.

- ours: the model our backtest picks per SKU (the ``best_models.csv`` choice, default set ``auto``);
- peer best: per SKU, the best of AutoARIMA, AutoETS and SeasonalNaive on the same windows (optimistic: chosen on
  the scored windows themselves);
- times are wall-clock for the whole panel on 2 processes each (statsforecast ``n_jobs=2``, numba compilation
  included as a user would meet it).

statsforecast pins pandas below 3, so it runs from its own virtual environment, which this script creates once
(``benchmarks/.venv-peer``, ``pip install statsforecast "pandas<3"``).

    python benchmarks/bench_peer.py [--skus 100] [--models auto]
    python benchmarks/bench_peer.py --panel daily --ours DIR [--ours-seconds S]   # nested, on a saved run

With ``--panel``, the peer (AutoARIMA, AutoETS, AutoTheta, SeasonalNaive) runs on the same panel and windows as a
saved ``bench_accuracy_uci.py`` run, and both are judged the same way: the last windows out of sample, the peer's
per-SKU choice made on the windows before each one.
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
import venv
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DAILY = ROOT.parent / "shared" / "data" / "online_retail" / "online_retail_daily_sku_2009-12_2011-12.csv.gz"
VENV = Path(os.environ.get("PEER_VENV", ROOT / "benchmarks" / ".venv-peer"))
H, WINDOWS, SEASON = 28, 3, 7

PEER = r"""
import json, sys, time
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, SeasonalNaive
df = pd.read_parquet(sys.argv[1])
sf = StatsForecast(models=[AutoARIMA(season_length=7), AutoETS(season_length=7), SeasonalNaive(season_length=7)],
                   freq="D", n_jobs=2)
t0 = time.perf_counter()
cv = sf.cross_validation(df=df, h=28, n_windows=3, step_size=28)
seconds = time.perf_counter() - t0
cv.reset_index().to_parquet(sys.argv[2], index=False)
import statsforecast
print(json.dumps({"seconds": seconds, "version": statsforecast.__version__}))
"""


def ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} (statsforecast, pandas<3)…", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "statsforecast>=2", "pandas<3", "pyarrow"], check=True
        )
    return python


def mase_by_window(history: pd.DataFrame, cv: pd.DataFrame, model_cols: list[str]) -> pd.DataFrame:
    """Per SKU and model: MAE over the windows / seasonal-naive scale before each cutoff, averaged over windows."""
    from forecasting.metrics import mase_scale

    rows = []
    hist = {u: g.sort_values("ds") for u, g in history.groupby("unique_id")}
    for (uid, cutoff), part in cv.groupby(["unique_id", "cutoff"]):
        h = hist[uid]
        scale = mase_scale(h.loc[h["ds"] <= cutoff, "y"].to_numpy(), SEASON)
        for m in model_cols:
            err = np.abs(part["y"].to_numpy() - part[m].to_numpy()).mean()
            rows.append({"unique_id": uid, "cutoff": cutoff, "model": m, "mase": err / scale if scale > 0 else np.nan})
    frame = pd.DataFrame(rows)
    return frame.groupby(["unique_id", "model"], as_index=False)["mase"].mean()


PEER_PANEL = r"""
import json, sys, time
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, Naive, SeasonalNaive
df = pd.read_parquet(sys.argv[1])
cuts = pd.read_parquet(sys.argv[7])  # unique_id, cutoff: the windows our backtest used for each SKU
freq, season, h = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
models = [AutoARIMA(season_length=season), AutoETS(season_length=season), AutoTheta(season_length=season),
          SeasonalNaive(season_length=season)]
sf = StatsForecast(models=models, freq=freq, n_jobs=2, fallback_model=Naive())
t0 = time.perf_counter()
out = []
# One forecast per cutoff on the SKUs whose window starts there, trained on the data up to it (statsforecast's
# cross_validation needs every series long enough for every window; new items are not).
for cutoff, ids in cuts.groupby("cutoff")["unique_id"]:
    train = df[df["unique_id"].isin(set(ids)) & (df["ds"] <= cutoff)]
    fc = sf.forecast(df=train, h=h)
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    out.append(fc.assign(cutoff=cutoff))
seconds = time.perf_counter() - t0
cv = pd.concat(out, ignore_index=True).merge(df[["unique_id", "ds", "y"]], on=["unique_id", "ds"], how="left")
cv.to_parquet(sys.argv[2], index=False)
import statsforecast
print(json.dumps({"seconds": seconds, "version": statsforecast.__version__}))
"""


def nested_panel(args) -> None:
    """The peer on a panel of ``bench_accuracy_uci.py`` (same SKUs, same windows), judged as ours is: the last
    ``--judged`` windows out of sample, the peer's per-SKU choice made on the windows before each."""
    from bench_accuracy_uci import PANELS, evaluate, load_panel

    from forecasting.calendars import SEASON_LENGTH

    freq, default_n, default_h = PANELS[args.panel]
    n, horizon = args.skus or default_n, args.horizon or default_h
    panel, _, skus = load_panel(args.panel, n)
    panel = panel[panel["unique_id"].isin(skus)][["unique_id", "ds", "y"]].reset_index(drop=True)
    season = SEASON_LENGTH[freq]
    alias = {"D": "D", "W": f"W-{pd.Timestamp(panel['ds'].min()).day_name()[:3].upper()}", "M": "MS"}[freq]
    python = ensure_venv()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        peer_in = tmp / "panel.parquet"
        panel.assign(ds=panel["ds"].astype("datetime64[ns]")).to_parquet(peer_in, index=False)
        ours_bt = pd.read_parquet(args.ours / "backtest.parquet", columns=["unique_id", "cutoff"])
        cuts = ours_bt.drop_duplicates().assign(cutoff=lambda d: pd.to_datetime(d["cutoff"]).astype("datetime64[ns]"))
        cuts_file = tmp / "cutoffs.parquet"
        cuts.to_parquet(cuts_file, index=False)
        script = tmp / "peer.py"
        script.write_text(PEER_PANEL)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [
                str(python),
                str(script),
                str(peer_in),
                str(tmp / "cv.parquet"),
                alias,
                str(season),
                str(horizon),
                str(args.windows),
                str(cuts_file),
            ],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(f"statsforecast failed: {proc.stderr[-2000:]}")
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        cv = pd.read_parquet(tmp / "cv.parquet")
    cv["ds"] = pd.to_datetime(cv["ds"]).astype("datetime64[us]")
    cv["cutoff"] = pd.to_datetime(cv["cutoff"]).astype("datetime64[us]")
    names = ["AutoARIMA", "AutoETS", "AutoTheta", "SeasonalNaive"]
    long = cv.melt(id_vars=["unique_id", "ds", "cutoff", "y"], value_vars=names, var_name="model", value_name="yhat")
    long["lo_80"] = np.nan
    long["hi_80"] = np.nan
    res = evaluate(long, panel, season, args.judged)
    peer = res[res["kind"] == "model"].groupby("policy")["mase"].mean()
    nested_best = res[res["policy"] == "best single model per SKU"]["mase"].mean()
    optimistic = res[res["kind"] == "model"].groupby(["unique_id", "judged"])["mase"].min().mean()
    ours = pd.read_parquet(args.ours / "backtest.parquet")
    mine = evaluate(ours, panel, season, args.judged)
    auto = mine[mine["policy"] == "auto (engine ensemble)"]["mase"].mean()
    print(
        f"# Peer on the UCI {args.panel} panel ({len(skus)} SKUs, H = {horizon}, {args.windows} windows, the last "
        f"{args.judged} judged) - statsforecast {info['version']}, {datetime.now():%Y-%m-%d}"
    )
    print("\n| side | mean MASE held out | seconds (2 processes) |\n|---|---|---|")
    print(f"| Replenish auto (median of the core models) | {auto:.3f} | {args.ours_seconds or '-'} |")
    for m in names:
        print(f"| statsforecast {m} | {peer[m]:.3f} | |")
    print(f"| statsforecast best per SKU, chosen on earlier windows | {nested_best:.3f} | {info['seconds']:.1f} |")
    print(f"| statsforecast best per SKU, chosen on the judged window itself (optimistic) | {optimistic:.3f} | |")
    print(f"\nMASE ratio, ours / peer's nested choice: {auto / nested_best:.3f}; process wall {wall:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=None)
    parser.add_argument("--models", default="auto")
    parser.add_argument("--panel", choices=["daily", "weekly", "monthly"], help="a bench_accuracy_uci.py panel")
    parser.add_argument("--ours", type=Path, help="its saved backtest (bench_accuracy_uci.py --save DIR)")
    parser.add_argument("--ours-seconds", type=float, default=None, help="its run time, for the table")
    parser.add_argument("--horizon", type=int, default=None)
    parser.add_argument("--windows", type=int, default=5)
    parser.add_argument("--judged", type=int, default=3)
    args = parser.parse_args()
    if args.panel:
        if args.ours is None:
            sys.exit("--panel needs --ours DIR: run bench_accuracy_uci.py --panel P --save DIR first")
        nested_panel(args)
        return
    args.skus = args.skus or 100
    import salesdata
    from forecasting.engine import ForecastConfig
    from forecasting.runner import run_batch

    raw = salesdata.read_table(DAILY.read_bytes(), DAILY.name)
    mapping = salesdata.ColumnMapping(date="date", sku="StockCode", quantity="qty", revenue="revenue")
    ds = salesdata.build_dataset(raw, mapping, salesdata.IngestOptions(layout="totals"), "D")
    top = ds.profile.sort_values("total_units", ascending=False)["unique_id"].head(args.skus).tolist()
    panel = ds.panel[ds.panel["unique_id"].isin(top)][["unique_id", "ds", "y"]].reset_index(drop=True)
    python = ensure_venv()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        peer_in = tmp / "panel.parquet"
        panel.assign(ds=panel["ds"].astype("datetime64[ns]")).to_parquet(peer_in, index=False)
        script = tmp / "peer.py"
        script.write_text(PEER)
        print("statsforecast…", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [str(python), str(script), str(peer_in), str(tmp / "cv.parquet")], capture_output=True, text=True
        )
        peer_wall = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(f"statsforecast failed: {proc.stderr[-2000:]}")
        peer_info = json.loads(proc.stdout.strip().splitlines()[-1])
        peer_cv = pd.read_parquet(tmp / "cv.parquet")
        print("replenish…", file=sys.stderr, flush=True)
        config = ForecastConfig(horizon=H, folds=WINDOWS, models=tuple(args.models.split(",")), levels=(80,))
        t0 = time.perf_counter()
        summary = run_batch(panel, "D", config, tmp / "ours", input_key="peer", profile=ds.profile, jobs=2)
        ours_s = time.perf_counter() - t0
        # SKU codes such as 15036 must stay text, as in the panel.
        backtest = pd.read_csv(tmp / "ours" / "backtest.csv", parse_dates=["cutoff", "ds"], dtype={"unique_id": str})
        best = pd.read_csv(tmp / "ours" / "best_models.csv", dtype={"unique_id": str})
    peer_models = ["AutoARIMA", "AutoETS", "SeasonalNaive"]
    peer_cv["ds"] = pd.to_datetime(peer_cv["ds"]).astype("datetime64[us]")
    peer_cv["cutoff"] = pd.to_datetime(peer_cv["cutoff"]).astype("datetime64[us]")
    peer_mase = mase_by_window(panel, peer_cv, peer_models)
    wide = backtest.pivot_table(index=["unique_id", "cutoff", "ds", "y"], columns="model", values="yhat").reset_index()
    our_models = [c for c in wide.columns if c not in ("unique_id", "cutoff", "ds", "y")]
    ours_mase = mase_by_window(panel, wide, our_models)
    chosen = ours_mase.merge(best[["unique_id", "model"]], on=["unique_id", "model"])
    peer_best = peer_mase.groupby("unique_id")["mase"].min()
    common = sorted(set(chosen["unique_id"]) & set(peer_best.index))
    ours_mean = chosen.set_index("unique_id").loc[common, "mase"].mean()
    peer_mean = peer_best.loc[common].mean()
    per_model = peer_mase.groupby("model")["mase"].mean()
    print(
        f"\nPeer comparison on the top {len(common)} UCI daily SKUs, H={H}, {WINDOWS} windows; "
        f"{platform.machine()}, {os.cpu_count()} cores, statsforecast {peer_info['version']}; {datetime.now():%Y-%m-%d}"
    )
    print("| side | models | seconds | mean MASE |")
    print("|---|---|---|---|")
    print(f"| Replenish, chosen per SKU | {args.models} | {ours_s:.1f} | {ours_mean:.3f} |")
    for m in peer_models:
        print(f"| statsforecast {m} | {m} | – | {per_model[m]:.3f} |")
    print(
        f"| statsforecast, best per SKU | AutoARIMA, AutoETS, SeasonalNaive | {peer_info['seconds']:.1f} "
        f"(process {peer_wall:.1f}) | {peer_mean:.3f} |"
    )
    print(f"\nTime ratio (ours / peer cross_validation): {ours_s / peer_info['seconds']:.2f}")
    print(f"MASE ratio (ours chosen / peer best per SKU): {ours_mean / peer_mean:.3f}")
    print(f"Failed SKUs: ours {len(summary.failures)}")


if __name__ == "__main__":
    main()
