"""`python -m forecasting run` end to end: files, columns, accounting and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "forecasting", "run", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    proc = _run(
        "--input",
        "sample_data/orders.csv.gz",
        "--freq",
        "W",
        "--horizon",
        "8",
        "--folds",
        "2",
        "--models",
        "snaive,ets,ridge,ensemble",
        "--skus",
        "RP-1001,RP-1005,RP-1016",
        "--jobs",
        "2",
        "--out",
        str(out),
    )
    return proc, out


def test_cli_run_on_the_sample_writes_the_contract_files(sample_run):
    proc, out = sample_run
    assert proc.returncode == 0, proc.stderr
    assert "[3/3]" in proc.stderr
    forecasts = pd.read_csv(out / "forecasts.csv")
    assert list(forecasts.columns) == ["unique_id", "ds", "model", "yhat", "lo_80", "hi_80", "lo_95", "hi_95"]
    # One row per model and date: 3 SKUs x 4 models (snaive, ets, ridge, ensemble) x 8 weeks, less the ensemble of
    # the new SKU, which has no backtest and so no ranking.
    assert forecasts.groupby("unique_id")["ds"].nunique().to_dict() == {"RP-1001": 8, "RP-1005": 8, "RP-1016": 8}
    assert (forecasts["yhat"] >= 0).all()
    assert ((forecasts["lo_80"] <= forecasts["hi_80"]) | forecasts["lo_80"].isna()).all()
    # The new SKU (8 weeks of history) has no backtest, so models without their own intervals have none.
    assert forecasts.loc[forecasts["unique_id"] != "RP-1016", "lo_80"].notna().all()
    backtest = pd.read_csv(out / "backtest.csv")
    assert list(backtest.columns)[:6] == ["unique_id", "cutoff", "ds", "y", "model", "yhat"]
    assert (pd.to_datetime(backtest["ds"]) > pd.to_datetime(backtest["cutoff"])).all()
    metrics = pd.read_csv(out / "metrics.csv")
    assert list(metrics.columns)[:10] == [
        "unique_id",
        "model",
        "mae",
        "rmse",
        "wape",
        "smape",
        "mase",
        "bias",
        "coverage_80",
        "coverage_95",
    ]
    best = pd.read_csv(out / "best_models.csv")
    assert list(best.columns) == ["unique_id", "model", "reason", "rule", "folds", "members", "weights"]
    # Each choice says how it was made and on how many backtest folds.
    backtested = best[best["folds"] >= 1]
    assert len(backtested) == 2 and backtested["reason"].str.contains("backtest folds").all()
    # Of the core (ETS, Theta, ARIMA, lgbm) only ETS ran: the default rule falls back to the median of the top 3.
    assert (backtested["rule"] == "median").all()
    combos = best[best["model"] == "ensemble"]
    assert (combos["members"].str.split().str.len() >= 2).all()
    # The new SKU has no fold: its choice is made by demand class, and says so.
    new = best[best["folds"] == 0].iloc[0]
    assert new["rule"] == "class" and "no backtest fold fits the history" in new["reason"], new.to_dict()
    assert set(best["unique_id"]) == {"RP-1001", "RP-1005", "RP-1016"}


def test_cli_run_json_accounts_for_every_row(sample_run):
    _, out = sample_run
    run = json.loads((out / "run.json").read_text())
    rows = run["rows"]
    assert rows["read"] == rows["used"] + rows["rejected"]
    assert rows["read"] == len(pd.read_csv(ROOT / "sample_data" / "orders.csv.gz"))
    assert rows["balanced"] is True
    assert run["skus"]["forecast"] == 3
    assert run["versions"]["statsmodels"]
    assert set(run["timings"]["per_sku_s"]) == {"RP-1001", "RP-1005", "RP-1016"}


def test_cli_refit_first_estimates_once_and_records_it(sample_run, tmp_path):
    _, every = sample_run
    proc = _run(
        *("--input", "sample_data/orders.csv.gz", "--freq", "W", "--horizon", "8", "--folds", "2"),
        *("--models", "snaive,ets,ridge,ensemble", "--skus", "RP-1001", "--refit", "first", "--out", str(tmp_path)),
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "run.json").read_text())["inputs"]["config"]["refit"] is False
    assert json.loads((every / "run.json").read_text())["inputs"]["config"]["refit"] is True
    key = ["unique_id", "cutoff", "ds", "model"]
    a = pd.read_csv(every / "backtest.csv").query("unique_id == 'RP-1001'").sort_values(key).reset_index(drop=True)
    b = pd.read_csv(tmp_path / "backtest.csv").sort_values(key).reset_index(drop=True)
    first = a["cutoff"].min()
    # The first fold is the same fit either way (conformal bounds differ: they calibrate on the other folds);
    # Ridge's second fold forecasts with the first fit's coefficients instead of refitting. (ETS chooses a
    # random walk here, alpha near 1: moved forward or refitted, it forecasts the last week either way.)
    cols = [*key, "y", "yhat"]
    pd.testing.assert_frame_equal(a.loc[a.cutoff == first, cols], b.loc[b.cutoff == first, cols])
    later_ridge = (a.cutoff > first) & (a.model == "ridge")
    assert not np.allclose(a.loc[later_ridge, "yhat"].to_numpy(), b.loc[later_ridge, "yhat"].to_numpy())
    fa = pd.read_csv(every / "forecasts.csv").query("unique_id == 'RP-1001'").reset_index(drop=True)
    fb = pd.read_csv(tmp_path / "forecasts.csv")
    # The final fit uses all the data either way; native intervals (ETS, seasonal naive) are the same too.
    pd.testing.assert_frame_equal(fa[["unique_id", "ds", "model", "yhat"]], fb[["unique_id", "ds", "model", "yhat"]])
    native = fa["model"].isin(["ets", "snaive"])
    pd.testing.assert_frame_equal(fa[native], fb[native])


def test_cli_exits_2_with_a_one_line_reason_on_bad_input(tmp_path):
    missing = _run("--input", "nope.csv", "--horizon", "7", "--out", str(tmp_path))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines()[-1].startswith("error: nope.csv: no such file")
    ambiguous = tmp_path / "us.csv"
    ambiguous.write_text("date,sku,qty\n03/04/2024,A,1\n05/06/2024,A,2\n")
    proc = _run("--input", str(ambiguous), "--horizon", "7", "--out", str(tmp_path / "o"))
    assert proc.returncode == 2
    assert "--day-first or --month-first" in proc.stderr
    proc = _run("--input", str(ambiguous), "--horizon", "7", "--models", "magic", "--out", str(tmp_path / "o"))
    assert proc.returncode == 2 and "unknown model(s) magic" in proc.stderr
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    proc = _run("--input", str(junk), "--horizon", "7", "--out", str(tmp_path / "o"))
    assert proc.returncode == 2 and "not a text table" in proc.stderr


def test_cli_exits_3_when_nothing_is_usable(tmp_path):
    returns_only = tmp_path / "returns.csv"
    returns_only.write_text("date,sku,qty\n2024-01-01,A,-1\n2024-01-02,A,-2\n")
    proc = _run("--input", str(returns_only), "--horizon", "7", "--out", str(tmp_path / "o"))
    assert proc.returncode == 3
    run = json.loads((tmp_path / "o" / "run.json").read_text())
    assert run["rows"]["rejected_by_reason"] == {"no_net_sales": 2}


def test_cli_reads_saved_mapping_settings(tmp_path):
    from salesdata import ColumnMapping, IngestOptions, ReadOptions, settings_to_json

    data = tmp_path / "odd.csv"
    data.write_text("when;code;units\n" + "".join(f"0{d % 9 + 1}/01/2024;A;{d % 5 + 1}\n" for d in range(9)))
    settings = settings_to_json(
        ReadOptions(delimiter=";"),
        ColumnMapping(date="when", sku="code", quantity="units"),
        IngestOptions(day_first=True),
        "D",
    )
    (tmp_path / "mapping.json").write_text(settings)
    proc = _run(
        "--input",
        str(data),
        "--mapping",
        str(tmp_path / "mapping.json"),
        "--horizon",
        "2",
        "--folds",
        "1",
        "--models",
        "naive",
        "--out",
        str(tmp_path / "o"),
    )
    assert proc.returncode == 0, proc.stderr
    forecasts = pd.read_csv(tmp_path / "o" / "forecasts.csv")
    naive = forecasts[forecasts["model"] == "naive"]
    assert naive["ds"].tolist() == ["2024-01-10", "2024-01-11"]
