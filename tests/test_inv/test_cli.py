"""`python -m inventory plan` end to end on the sample: files, columns and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def forecasts(tmp_path_factory):
    out = tmp_path_factory.mktemp("fc")
    proc = _run(
        "forecasting",
        "run",
        "--input",
        "sample_data/orders.parquet",
        "--horizon",
        "60",
        "--folds",
        "2",
        "--models",
        "snaive,ets,ensemble",
        "--skus",
        "RP-1001,RP-1005",
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_inventory_plan_writes_policy_schedule_and_simulation(forecasts, tmp_path):
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(forecasts),
        "--items",
        "sample_data/items.csv",
        "--lead-time",
        "14",
        "--service-level",
        "0.95",
        "--policy",
        "sQ",
        "--simulate",
        "300",
        "--out",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    policy = pd.read_csv(tmp_path / "policy.csv")
    assert list(policy.columns)[:8] == [
        "unique_id",
        "model",
        "demand_mean",
        "demand_sd",
        "safety_stock",
        "reorder_point",
        "order_qty",
        "order_up_to",
    ]
    assert set(policy["unique_id"]) == {"RP-1001", "RP-1005"}
    assert (policy["safety_stock"] >= 0).all()
    items = pd.read_csv(ROOT / "sample_data" / "items.csv").set_index("sku")
    # Lead times come from the item master, not the command-line default.
    assert policy.set_index("unique_id").loc["RP-1001", "lead_time_days"] == items.loc["RP-1001", "lead_time_days"]
    # Order quantities respect each SKU's MOQ and pack size.
    for row in policy.itertuples():
        pack = items.loc[row.unique_id, "pack_size"]
        assert row.order_qty % pack == 0
        assert row.order_qty >= items.loc[row.unique_id, "moq"]
    schedule = pd.read_csv(tmp_path / "schedule.csv")
    assert list(schedule.columns) == ["unique_id", "order_date", "arrival_date", "order_qty", "projected_on_hand"]
    sim = pd.read_csv(tmp_path / "simulation.csv")
    assert list(sim.columns)[:6] == [
        "unique_id",
        "stockout_probability",
        "fill_rate",
        "cycle_service_level",
        "avg_on_hand",
        "total_cost",
    ]
    assert sim["fill_rate"].between(0, 1).all()
    report = json.loads((tmp_path / "plan.json").read_text())
    assert report["skus"]["planned"] == 2


def test_inventory_plan_bad_input_exits_2_and_too_short_horizon_is_reported(forecasts, tmp_path):
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(tmp_path / "none"),
        "--lead-time",
        "7",
        "--service-level",
        "0.95",
        "--out",
        str(tmp_path / "o"),
    )
    assert proc.returncode == 2
    assert "not found" in proc.stderr
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(forecasts),
        "--lead-time",
        "7",
        "--service-level",
        "95",
        "--out",
        str(tmp_path / "o"),
    )
    assert proc.returncode == 2
    assert "--service-level must be a fraction" in proc.stderr
    # A 90-day lead time does not fit in a 60-day forecast: every SKU is skipped -> nothing usable.
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(forecasts),
        "--lead-time",
        "90",
        "--service-level",
        "0.95",
        "--out",
        str(tmp_path / "o2"),
    )
    assert proc.returncode == 3
    report = json.loads((tmp_path / "o2" / "plan.json").read_text())
    assert "covers 60 days but lead time (90 days)" in report["problems"]["RP-1001"]
