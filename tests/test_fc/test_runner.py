"""The catalogue batch: the Dask backend gives the local results; a killed run resumes without losing work."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.engine import ForecastConfig
from forecasting.runner import ResumeMismatch, _read_manifest, run_batch

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ForecastConfig(horizon=7, folds=2, models=("snaive", "ma", "ets", "ridge", "ensemble"), levels=(80,))


def _panel(n_skus: int = 6, n: int = 120, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2025-01-06", periods=n).astype("datetime64[us]")
    frames = [
        pd.DataFrame(
            {
                "unique_id": f"S{k}",
                "ds": ds,
                "y": rng.poisson(5 + 3 * k + 4 * (np.arange(n) % 7 >= 5)).astype(float),
            }
        )
        for k in range(n_skus)
    ]
    return pd.concat(frames, ignore_index=True)


def _read(out: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(out / name)
    keys = [c for c in ("unique_id", "model", "cutoff", "ds") if c in frame]
    return frame.sort_values(keys).reset_index(drop=True)


def test_dask_local_cluster_gives_the_same_results_as_the_local_backend(tmp_path):
    pytest.importorskip("distributed")
    panel = _panel()
    local = run_batch(panel, "D", CONFIG, tmp_path / "local", input_key="x", jobs=1, chunk_size=2)
    dask = run_batch(panel, "D", CONFIG, tmp_path / "dask", input_key="x", backend="dask", jobs=2, chunk_size=2)
    assert dask.workers == 2
    assert local.forecast_skus == dask.forecast_skus == 6
    for name in ("forecasts.csv", "backtest.csv", "metrics.csv", "best_models.csv"):
        a, b = _read(tmp_path / "local", name), _read(tmp_path / "dask", name)
        drop = [c for c in ("fit_seconds",) if c in a]
        pd.testing.assert_frame_equal(a.drop(columns=drop), b.drop(columns=drop))


def test_resume_skips_finished_skus_and_refuses_other_settings(tmp_path):
    panel = _panel(4)
    out = tmp_path / "run"
    first = run_batch(panel, "D", CONFIG, out, input_key="x", skus=["S0", "S1"], chunk_size=1)
    assert first.forecast_skus == 2
    with pytest.raises(ResumeMismatch, match="another input or other settings"):
        run_batch(panel, "D", CONFIG, out, input_key="other", skus=["S0", "S1"], resume=True)
    # A manifest line cut by a kill is ignored: its chunk is simply redone.
    with open(out / ".parts" / "manifest.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"chunk": 9, "skus": ["S')
    assert len(_read_manifest(out / ".parts")) == 2
    again = run_batch(panel, "D", CONFIG, out, input_key="x", skus=["S0", "S1"], resume=True)
    assert (again.skipped, again.done, again.forecast_skus) == (2, 0, 2)
    assert sorted(_read(out, "best_models.csv")["unique_id"]) == ["S0", "S1"]


def test_a_killed_cli_run_resumes_and_loses_no_finished_work(tmp_path):
    skus = "RP-1001,RP-1002,RP-1003,RP-1004,RP-1005,RP-1006,RP-1007,RP-1008"
    args = [
        sys.executable,
        "-m",
        "forecasting",
        "run",
        "--input",
        "sample_data/orders.parquet",
        "--horizon",
        "14",
        "--folds",
        "2",
        "--models",
        "snaive,ets,arima,ensemble",
        "--skus",
        skus,
        "--chunk-size",
        "1",
    ]
    killed = tmp_path / "killed"
    proc = subprocess.Popen([*args, "--out", str(killed)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    manifest = killed / ".parts" / "manifest.jsonl"
    deadline = time.time() + 300
    while time.time() < deadline:
        if manifest.is_file() and len(manifest.read_text().splitlines()) >= 3:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.kill()
    proc.wait(30)
    done_before = {s for line in manifest.read_text().splitlines() for s in json.loads(line)["skus"]}
    assert 3 <= len(done_before) < 8
    resumed = subprocess.run(
        [*args, "--out", str(killed), "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed: {len(done_before)} SKUs were already done" in resumed.stderr
    # The finished SKUs were not run again.
    for sku in done_before:
        assert f"] {sku} done" not in resumed.stderr
    fresh = tmp_path / "fresh"
    clean = subprocess.run([*args, "--out", str(fresh)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0, clean.stderr
    for name in ("forecasts.csv", "best_models.csv", "metrics.csv"):
        a, b = _read(killed, name), _read(fresh, name)
        assert len(a) == len(b) and sorted(a["unique_id"].unique()) == sorted(skus.split(","))
        drop = [c for c in ("fit_seconds",) if c in a]
        pd.testing.assert_frame_equal(a.drop(columns=drop), b.drop(columns=drop))
    report = json.loads((killed / "run.json").read_text())
    assert report["skus"]["resumed_from_earlier_run"] == len(done_before)


def test_cli_runs_on_a_local_dask_cluster(tmp_path):
    pytest.importorskip("distributed")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "forecasting",
            "run",
            "--input",
            "sample_data/orders.parquet",
            "--horizon",
            "7",
            "--folds",
            "1",
            "--models",
            "snaive,ma",
            "--skus",
            "RP-1001,RP-1002,RP-1003",
            "--backend",
            "dask",
            "--jobs",
            "2",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["inputs"]["backend"] == "dask"
    assert report["skus"]["forecast"] == 3 and report["skus"]["workers"] == 2
    assert sorted(pd.read_csv(tmp_path / "best_models.csv")["unique_id"]) == ["RP-1001", "RP-1002", "RP-1003"]


def test_cli_scheduler_needs_the_dask_backend(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "forecasting",
            "run",
            "--input",
            "sample_data/orders.parquet",
            "--horizon",
            "7",
            "--scheduler",
            "tcp://127.0.0.1:8786",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert "--scheduler needs --backend dask" in proc.stderr
