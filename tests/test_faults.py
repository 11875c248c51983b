"""Injected faults: the scenario store missing, locked, full; a model or its process crashing mid-portfolio;
the disk filling while the command line writes its results. Each gets a clear message and nothing is lost."""

from __future__ import annotations

import errno
import json
import sqlite3
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import event

from forecasting.batch import run_isolated
from forecasting.engine import ForecastConfig
from forecasting.runner import KINDS
from scenarios.store import Scenario, ScenarioStore, StoreError
from tests.crashing_models import KillsItsProcess, RaisesOnVictim
from tests.test_fc.test_runner import _panel
from ui.core import state
from ui.data.scenario_state import store_upload

CONFIG = ForecastConfig(horizon=7, folds=2, models=("snaive", "ma"), levels=(80,))


# -- the scenario store ------------------------------------------------------------------------------------
def test_a_store_whose_folder_cannot_exist_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data directory should be")
    with pytest.raises(StoreError, match="cannot create the data directory"):
        ScenarioStore(f"sqlite:///{blocker / 'scenarios.db'}")


def test_a_missing_store_file_is_created(tmp_path):
    store = ScenarioStore(f"sqlite:///{tmp_path / 'new' / 'deeper' / 'scenarios.db'}")
    store.save(Scenario("first", "d", {}, {}))
    assert [s.name for s in store.list()] == ["first"]
    store.dispose()


def test_a_locked_store_gives_up_with_a_message_and_works_once_released(tmp_path):
    path = tmp_path / "scenarios.db"
    store = ScenarioStore(f"sqlite:///{path}", busy_timeout_s=0.5)
    store.save(Scenario("before", "d", {}, {}))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    started = time.perf_counter()
    with pytest.raises(StoreError, match="locked by another program"):
        store.save(Scenario("during", "d", {}, {}))
    assert time.perf_counter() - started < 10
    holder.execute("ROLLBACK")
    holder.close()
    store.save(Scenario("after", "d", {}, {}))
    assert {s.name for s in store.list()} == {"before", "after"}
    store.dispose()


def test_a_full_disk_loses_nothing_already_saved(tmp_path):
    path = tmp_path / "scenarios.db"
    store = ScenarioStore(f"sqlite:///{path}")
    store.save(Scenario("kept", "d", {"x": 1}, {"kpis": {"inventory_value": 10.0}}))
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    # SQLite's page cap makes the database report SQLITE_FULL, the same error as a full disk.
    @event.listens_for(store.engine, "connect")
    def _cap(conn, _record):
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    store.engine.dispose()
    big = {"blob": "x" * 2_000_000}
    with pytest.raises(StoreError, match="the disk is full, nothing was saved"):
        store.save(Scenario("too big", "d", big, {}))
    assert [s.name for s in store.list()] == ["kept"]
    assert store.get("kept").summary["kpis"]["inventory_value"] == 10.0
    store.dispose()


def test_an_upload_copy_that_cannot_be_written_returns_the_reason(tmp_path, monkeypatch):

    monkeypatch.setenv("REPLENISH_DATA_DIR", str(tmp_path))

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    problem = store_upload(state.Upload("sales.csv", "0123456789abcdef01234567", b"date,sku,qty\n"))
    assert problem is not None and "No space left on device" in problem
    assert not list((tmp_path / "datasets").glob("*.tmp"))


# -- models and their processes ----------------------------------------------------------------------------
def _tasks(n_skus: int, model) -> list[tuple]:
    panel = _panel(n_skus, n=60)
    return [(uid, g, "D", CONFIG, None, None, {model.alias: model}) for uid, g in panel.groupby("unique_id", sort=True)]


def test_a_model_error_mid_portfolio_falls_back_on_that_sku_only():
    results = {sku: (result, error) for sku, result, error, _ in run_isolated(_tasks(4, RaisesOnVictim("S2")), 1)}
    assert set(results) == {"S0", "S1", "S2", "S3"}
    assert all(error is None for _, error in results.values())
    failures = results["S2"][0].failures
    assert "raiser" in failures and "ZeroDivisionError" in failures["raiser"][0]
    assert all("raiser" not in results[s][0].failures for s in ("S0", "S1", "S3"))


def test_a_worker_process_dying_mid_portfolio_marks_that_sku_and_the_run_completes(monkeypatch):
    monkeypatch.setenv("REPLENISH_TEST_ALLOW_KILL", "1")
    results = {sku: (result, error) for sku, result, error, _ in run_isolated(_tasks(5, KillsItsProcess("S2")), 2)}
    assert set(results) == {"S0", "S1", "S2", "S3", "S4"}
    assert results["S2"][0] is None and "stopped while running this SKU" in results["S2"][1]
    for sku in ("S0", "S1", "S3", "S4"):
        result, error = results[sku]
        assert error is None and "killer" in result.forecast


# -- the command line writing its results -------------------------------------------------------------------
def _sales_csv(tmp_path: Path, n_skus: int = 4) -> Path:
    panel = _panel(n_skus, n=60).rename(columns={"unique_id": "sku", "ds": "date", "y": "qty"})
    path = tmp_path / "sales.csv"
    panel.to_csv(path, index=False)
    return path


def test_disk_full_during_a_batch_run_exits_4_and_resume_finishes_it(tmp_path, monkeypatch, capsys):
    from forecasting.__main__ import main

    sales, out = _sales_csv(tmp_path), tmp_path / "out"
    argv = ["run", "--input", str(sales), "--horizon", "7", "--folds", "1", "--models", "snaive,ma"]
    argv += ["--chunk-size", "1", "--out", str(out)]
    original = pd.DataFrame.to_parquet
    calls = {"n": 0}

    def fills_up(self, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 2 * len(KINDS):  # two chunks (one SKU each) written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fills_up)
    assert main(argv) == 4
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("error: cannot write ") and "No space left on device" in err and "--resume" in err
    monkeypatch.setattr(pd.DataFrame, "to_parquet", original)  # space freed
    assert main([*argv, "--resume"]) == 0
    run = json.loads((out / "run.json").read_text())
    assert run["skus"]["resumed_from_earlier_run"] == 2 and run["skus"]["forecast"] == 4
    assert sorted(pd.read_csv(out / "best_models.csv")["unique_id"]) == ["S0", "S1", "S2", "S3"]


def test_disk_full_while_writing_the_plan_exits_4_with_one_line(tmp_path, monkeypatch, capsys):
    from forecasting.__main__ import main as forecast_main
    from inventory.__main__ import main as plan_main

    fc = tmp_path / "fc"
    argv = ["run", "--input", str(_sales_csv(tmp_path, 2)), "--horizon", "30", "--folds", "1", "--models", "snaive"]
    assert forecast_main([*argv, "--out", str(fc)]) == 0
    capsys.readouterr()

    def full(self, path=None, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    code = plan_main(
        ["plan", "--forecasts", str(fc), "--lead-time", "5", "--service-level", "0.95", "--out", str(tmp_path / "p")]
    )
    assert code == 4
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1].startswith("error: cannot write ") and "No space left on device" in lines[-1]
