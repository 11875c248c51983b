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
    # Quantities also in days of the demand planned for; without costs the EOQ is kept within 7-91 days.
    assert (policy["order_qty_days"] > 0).all()
    assert (policy["order_qty_days"] / policy["trigger_days"]).to_numpy() == pytest.approx(
        (policy["order_qty"] / policy["reorder_point"]).to_numpy(), rel=1e-4
    )
    assert set(policy["q_rule"]) == {"eoq_in_cover"}
    items = pd.read_csv(ROOT / "sample_data" / "items.csv").set_index("sku")
    # Lead times come from the item master, not the command-line default.
    assert policy.set_index("unique_id").loc["RP-1001", "lead_time_days"] == items.loc["RP-1001", "lead_time_days"]
    # Order quantities respect each SKU's MOQ and pack size.
    for row in policy.itertuples():
        pack = items.loc[row.unique_id, "pack_size"]
        assert row.order_qty % pack == 0
        assert row.order_qty >= items.loc[row.unique_id, "moq"]
    schedule = pd.read_csv(tmp_path / "schedule.csv")
    assert list(schedule.columns) == [
        "unique_id",
        "supplier",
        "order_date",
        "arrival_date",
        "order_qty",
        "order_value",
        "projected_on_hand",
        "reason",
    ]
    # Without supplier terms or a budget, each SKU's orders come from its own policy.
    assert set(schedule["reason"]) == {"policy"}
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


@pytest.fixture(scope="module")
def supplier_forecasts(tmp_path_factory):
    """Four Ningbo HomeWorks SKUs, the discontinued RP-1013, and RP-1009 with its planned 11.11 promotion."""
    out = tmp_path_factory.mktemp("fc_sup")
    proc = _run(
        "forecasting",
        "run",
        "--input",
        "sample_data/orders.parquet",
        "--stockouts",
        "sample_data/stockouts.csv",
        "--planned",
        "sample_data/planned_promotions.csv",
        "--horizon",
        "91",
        "--folds",
        "2",
        "--models",
        "snaive,ma",
        "--skus",
        "RP-1001,RP-1002,RP-1003,RP-1004,RP-1013,RP-1009",
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    assert "planned_promotions.csv: 6 rows read, 6 used, 0 rejected" in proc.stderr
    return out


def test_forecast_run_writes_the_profile_the_planner_needs(supplier_forecasts):
    profile = pd.read_csv(supplier_forecasts / "profile.csv")
    assert set(profile["unique_id"]) >= {"RP-1001", "RP-1013"}
    assert {"last_sale", "last_date", "recent_daily_demand", "abc"} <= set(profile.columns)


def test_inventory_plan_applies_supplier_terms_minimums_budget_and_lifecycle(supplier_forecasts, tmp_path):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("sku,start_date,end_date,kind,value,note\nRP-1002,2026-10-01,2026-12-31,percent,50,campaign\n")
    base = [
        "inventory",
        "plan",
        "--forecasts",
        str(supplier_forecasts),
        "--items",
        "sample_data/items.csv",
        "--suppliers",
        "sample_data/suppliers.csv",
        "--lead-time",
        "14",
        "--service-level",
        "0.95",
    ]
    free_out, capped_out = tmp_path / "free", tmp_path / "capped"
    proc = _run(*base, "--overrides", str(overrides), "--out", str(free_out))
    assert proc.returncode == 0, proc.stderr
    policy = pd.read_csv(free_out / "policy.csv").set_index("unique_id")
    sched = pd.read_csv(free_out / "schedule.csv", parse_dates=["order_date"])
    # The discontinued SKU gets no orders and the plan says why.
    assert policy.loc["RP-1013", "status"] == "no orders"
    assert "discontinued" in policy.loc["RP-1013", "status_reason"]
    assert "RP-1013" not in set(sched["unique_id"])
    assert "discontinued" in json.loads((free_out / "plan.json").read_text())["no_orders"]["RP-1013"]
    assert policy.loc["RP-1002", "overrides"] == 1
    # Ningbo HomeWorks orders only on Mondays and Thursdays, never in its stocktake week, each day worth >= 1,500.
    ningbo = sched[sched["supplier"] == "Ningbo HomeWorks"]
    assert len(ningbo) > 0
    assert set(ningbo["order_date"].dt.day_name()) <= {"Monday", "Thursday"}
    assert not ningbo["order_date"].between("2026-11-16", "2026-11-22").any()
    assert (ningbo.groupby("order_date")["order_value"].sum() >= 1500 - 1e-6).all()
    # A budget below the busiest day's value holds on every day, and the cuts are listed.
    budget = float(sched.groupby("order_date")["order_value"].sum().max()) * 0.5
    proc = _run(*base, "--budget", f"{budget:.2f}", "--out", str(capped_out))
    assert proc.returncode == 0, proc.stderr
    capped = pd.read_csv(capped_out / "schedule.csv", parse_dates=["order_date"])
    assert (capped.groupby("order_date")["order_value"].sum() <= budget + 0.01).all()
    cuts = pd.read_csv(capped_out / "budget_cuts.csv")
    assert len(cuts) > 0
    assert cuts["reason"].str.contains("budget").all()


def test_inventory_plan_override_file_errors_name_the_row(supplier_forecasts, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,start_date,end_date,kind,value\nRP-1002,2026-10-01,2026-10-05,double,2\n")
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(supplier_forecasts),
        "--lead-time",
        "14",
        "--service-level",
        "0.95",
        "--overrides",
        str(bad),
        "--out",
        str(tmp_path / "o"),
    )
    assert proc.returncode == 2
    assert "bad.csv row 2: override kind must be percent, units or set, not 'double'" in proc.stderr


def test_inventory_plan_excess_stock_gets_no_orders(tmp_path):
    out = tmp_path / "fc"
    proc = _run(
        "forecasting",
        "run",
        "--input",
        "sample_data/orders.parquet",
        "--horizon",
        "60",
        "--folds",
        "1",
        "--models",
        "snaive,ma",
        "--skus",
        "RP-1024,RP-1001",
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(out),
        "--items",
        "sample_data/items.csv",
        "--lead-time",
        "14",
        "--service-level",
        "0.95",
        "--cover-days",
        "180",
        "--out",
        str(tmp_path / "plan"),
    )
    assert proc.returncode == 0, proc.stderr
    excess = pd.read_csv(tmp_path / "plan" / "excess.csv")
    assert excess["unique_id"].tolist() == ["RP-1024"]
    assert excess.loc[0, "excess_value"] > 0
    policy = pd.read_csv(tmp_path / "plan" / "policy.csv").set_index("unique_id")
    assert policy.loc["RP-1024", "status"] == "no orders"
    sched = pd.read_csv(tmp_path / "plan" / "schedule.csv")
    assert "RP-1024" not in set(sched["unique_id"])


@pytest.fixture(scope="module")
def calibrated_forecasts(tmp_path_factory):
    out = tmp_path_factory.mktemp("fc_cal")
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
        "RP-1002,RP-1016",
        "--calibrate",
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_a_calibrated_run_writes_the_errors_and_the_plan_sets_safety_stocks_from_them(calibrated_forecasts, tmp_path):
    cal = pd.read_csv(calibrated_forecasts / "calibration.csv", parse_dates=["cutoff", "ds"])
    assert set(cal["unique_id"]) == {"RP-1002", "RP-1016"}
    long = cal[cal["unique_id"] == "RP-1002"]
    # A year of weekly origins before the plan and before the first backtest cutoff (for the replay), as the app's
    # workers calibrate: the page and the command line plan from the same errors.
    cutoffs = pd.Series(sorted(long["cutoff"].unique()))
    assert cutoffs.diff().dropna().eq(pd.Timedelta(days=7)).all()
    bt = pd.read_csv(calibrated_forecasts / "backtest.csv", parse_dates=["cutoff", "ds"])
    first_bt = bt.loc[bt["unique_id"] == "RP-1002", "cutoff"].min()
    assert cutoffs.iloc[0] <= first_bt - pd.Timedelta(days=358)
    assert cutoffs.iloc[-1] == bt.loc[bt["unique_id"] == "RP-1002", "ds"].max() - pd.Timedelta(days=1)
    assert long.groupby("cutoff").size().eq(56).all()  # each forecasting 56 days (the default)
    assert (long["cutoff"] < long["ds"]).all()
    proc = _run(
        "inventory",
        "plan",
        "--forecasts",
        str(calibrated_forecasts),
        "--lead-time",
        "14",
        "--service-level",
        "0.95",
        "--out",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    policy = pd.read_csv(tmp_path / "policy.csv").set_index("unique_id")
    assert policy.loc["RP-1002", "uncertainty_used"] == "calibrated"
    assert policy.loc["RP-1002", "errors_own"] >= 30 and policy.loc["RP-1002", "errors_pooled"] == 0
    # RP-1016 is 59 days old, too young for a backtest: a handful of its own errors, pooled with the other smooth
    # SKU of the run (RP-1002).
    assert policy.loc["RP-1016", "uncertainty_used"] == "calibrated"
    assert policy.loc["RP-1016", "errors_own"] < 30 < policy.loc["RP-1016", "errors_pooled"]


def test_without_a_calibration_the_plan_says_it_uses_the_backtest(forecasts, tmp_path):
    proc = _run(
        "inventory", "plan", "--forecasts", str(forecasts), "--lead-time", "14", "--service-level", "0.95",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "no calibration.csv" in proc.stderr
    assert set(pd.read_csv(tmp_path / "policy.csv")["uncertainty_used"]) == {"backtest"}


def test_lead_times_beyond_the_calibration_are_named_with_the_calibrate_days_that_cover_them(
    calibrated_forecasts, tmp_path
):
    args = ["--forecasts", str(calibrated_forecasts), "--service-level", "0.95", "--out", str(tmp_path)]
    proc = _run("inventory", "plan", *args, "--lead-time", "14")
    assert proc.returncode == 0, proc.stderr
    assert "--calibrate" not in proc.stderr
    # 60 days and 10 days' sd: the drawn lead times reach 60 + 3 x 10 + 7 = 97 days, past the 56 forecast.
    proc = _run("inventory", "plan", *args, "--lead-time", "60", "--lead-time-sd", "10")
    assert proc.returncode == 0, proc.stderr
    assert "2 SKUs have lead times beyond what calibration.csv forecasts (RP-1002, RP-1016)" in proc.stderr
    assert "--calibrate 97" in proc.stderr


def test_a_run_file_with_missing_columns_is_named_with_what_to_do(tmp_path):
    """donor_calibration.csv and history.csv (written by ``python -m forecasting run``) are checked when read: a
    damaged one gets a message naming the file and the columns, not a KeyError."""
    from argparse import Namespace

    from inventory.__main__ import BadInput, _calibrations, _histories

    pd.DataFrame(
        {"unique_id": ["A"], "cutoff": ["2024-01-01"], "ds": ["2024-01-02"], "y": [1.0], "forecast": [1.0]}
    ).to_csv(tmp_path / "calibration.csv", index=False)
    pd.DataFrame({"unique_id": ["A"], "donor": ["B"], "ds": ["2024-01-02"]}).to_csv(
        tmp_path / "donor_calibration.csv", index=False
    )
    pd.DataFrame({"unique_id": ["A"], "y": [1.0]}).to_csv(tmp_path / "history.csv", index=False)
    args = Namespace(forecasts=tmp_path, uncertainty="calibrated")
    with pytest.raises(BadInput, match=r"donor_calibration.csv: missing columns cutoff, forecast, y"):
        _calibrations(args, pd.DataFrame())
    with pytest.raises(BadInput, match=r"history.csv: missing columns ds"):
        _histories(args)
