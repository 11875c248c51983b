"""inventory.catalogue: one planning path for a catalogue, seeded by SKU id, defaults in one place."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from inventory.catalogue import (
    CatalogueSettings,
    FrameCalibrations,
    SkuInput,
    calibration_covers,
    choose_donors,
    item_for,
    order_status,
    plan_catalogue,
    sku_seed,
)
from inventory.policy import ItemParams


def _forecast(mean: float, days: int = 91) -> pd.DataFrame:
    ds = pd.date_range("2026-10-01", periods=days)
    return pd.DataFrame({"ds": ds, "m": mean, "m-lo-80": mean * 0.6, "m-hi-80": mean * 1.4})


def _inputs(n: int = 6) -> list[SkuInput]:
    return [
        SkuInput(
            f"S{i}",
            _forecast(5.0 + i),
            "m",
            master={"on_hand": 20.0 + 10 * i, "lead_time_days": 7.0 + i, "lead_time_sd_days": 2.0},
            abc="ABC"[i % 3],
        )
        for i in range(n)
    ]


def test_a_skus_seed_depends_on_its_id_and_the_runs_seed_only():
    assert sku_seed(0, "RP-1001") == sku_seed(0, "RP-1001")
    assert sku_seed(0, "RP-1001") != sku_seed(0, "RP-1002")
    assert sku_seed(0, "RP-1001") != sku_seed(1, "RP-1001")
    assert 0 <= sku_seed(7, "é-ü") < 2**32


def test_a_skus_plan_and_simulated_risk_do_not_depend_on_the_other_skus_planned():
    settings = CatalogueSettings(paths=100)
    inputs = _inputs()
    whole = {ln.sku: ln.row for ln in plan_catalogue(inputs, settings, "D").lines}
    # Reversed and with half the SKUs filtered out: the same rows for the SKUs left.
    part = plan_catalogue(list(reversed(inputs))[::2], settings, "D")
    assert len(part.lines) == 3
    for line in part.lines:
        for col in ("safety_stock", "reorder_point", "order_qty", "stockout_risk", "fill_rate", "total_cost"):
            assert line.row[col] == pytest.approx(whole[line.sku][col], rel=1e-12, nan_ok=True), (line.sku, col)
    # Position-based seeds would make at least one SKU's risk move; the simulation is not trivially constant.
    risks = [whole[s]["stockout_risk"] for s in whole]
    assert len(set(np.round(risks, 6))) > 1


def test_the_runs_seed_changes_the_draws():
    a = plan_catalogue(_inputs(2), CatalogueSettings(paths=50, seed=0), "D")
    b = plan_catalogue(_inputs(2), CatalogueSettings(paths=50, seed=1), "D")
    assert [ln.row["avg_on_hand"] for ln in a.lines] != [ln.row["avg_on_hand"] for ln in b.lines]


def test_defaults_live_in_one_place_and_the_item_master_overrides_them():
    base = CatalogueSettings()
    assert base.item == ItemParams()  # the template is the domain's ItemParams, not a second copy of its values
    item = item_for({"lead_time_days": 21, "on_order": 40, "unit_cost": 3.5}, base.item, pd.Timestamp("2026-10-01"))
    assert item.lead_time_days == 21 and item.unit_cost == 3.5
    assert item.order_cost == base.item.order_cost
    # An open order without a date arrives after half a lead time (10 days of 21).
    assert item.open_orders == ((pd.Timestamp("2026-10-11").date(), 40.0),)
    assert not item.on_hand_given


def test_order_status_stops_orders_for_discontinued_idle_and_excess_skus():
    settings = CatalogueSettings(inactive_days=90, cover_days=180)
    end = pd.Timestamp("2026-09-30")
    ok = SkuInput("A", None, master={"on_hand": 10.0}, last_sale=end, recent_daily_demand=1.0)
    assert order_status(ok, settings, end) == (True, "")
    assert not order_status(replace(ok, master={"discontinued": True}), settings, end)[0]
    idle = replace(ok, last_sale=end - pd.Timedelta(days=120))
    assert not order_status(idle, settings, end)[0]
    # 400 units at one a day cover 400 days, 220 above the 180-day limit.
    active, why = order_status(replace(ok, master={"on_hand": 400.0}), settings, end)
    assert not active and why.code == "life.excess" and why.params["excess"] == 220
    # With the rule off, or the stock or the last sale not known, nothing is stopped.
    assert order_status(replace(ok, master={"on_hand": 400.0}), replace(settings, cover_days=0), end)[0]
    assert order_status(replace(idle, last_sale=None), settings, end)[0]


def test_a_sku_without_a_forecast_or_with_a_bad_one_is_kept_with_its_reason():
    inputs = [*_inputs(1), SkuInput("gone", None, failure="not run"), SkuInput("bad", _forecast(3.0), "nope")]
    plan = plan_catalogue(inputs, CatalogueSettings(paths=0), "D")
    assert [r["unique_id"] for r in plan.rows()] == ["S0", "gone", "bad"]
    assert plan.failed["gone"] == "not run"
    assert "nope" in str(plan.failed["bad"])


def test_a_calibration_covers_a_protection_interval_within_a_week_of_slack():
    assert calibration_covers(56, 63, "D")
    assert not calibration_covers(56, 64, "D")
    assert calibration_covers(8, 60, "W")


def test_unknown_recent_demand_does_not_stop_orders_as_excess():
    # Out of stock for the whole recent window: the rate is not known (NaN), which says nothing about excess.
    settings = CatalogueSettings(cover_days=180)
    inp = SkuInput("A", None, master={"on_hand": 50.0, "on_order": 20.0}, recent_daily_demand=float("nan"))
    assert order_status(inp, settings, None) == (True, "")
    assert not order_status(replace(inp, recent_daily_demand=0.0), settings, None)[0]


def _profile() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unique_id": ["new", "old1", "old2", "old3", "mid", "other"],
            "demand_class": ["smooth", "smooth", "smooth", "smooth", "smooth", "lumpy"],
            "history_days": [58, 1000, 1000, 800, 300, 2000],
            "total_units": [10, 50, 80, 900, 5, 1e6],
        }
    )


def test_donors_are_the_same_class_with_the_longest_histories_whatever_else_is_planned():
    prof = _profile()
    # Longest history first, then most units; another class never, the SKU itself never.
    assert choose_donors("new", prof, k=3) == ["old2", "old1", "old3"]
    assert choose_donors("new", prof.set_index("unique_id"), k=3) == ["old2", "old1", "old3"]
    assert choose_donors("other", prof) == [] and choose_donors("unknown", prof) == []
    assert choose_donors("new", prof.drop(columns=["total_units"])) == []  # an old profile.csv: no rule to apply


def test_frame_calibrations_read_the_runs_donors_and_fall_back_to_the_rule_among_its_skus():
    frame = pd.DataFrame({"cutoff": pd.to_datetime(["2024-01-01"]), "ds": pd.to_datetime(["2024-01-02"])})
    frame = frame.assign(y=1.0, forecast=1.0)
    inp = SkuInput("new", None, demand_class="smooth")
    kept = FrameCalibrations({"new": frame}, donor_frames={"new": {"old3": frame}})
    assert list(kept.donors(inp, frame, 14)) == ["old3"]
    # A SKU the run did not pool (its protection interval longer than the run calibrated): the rule below.
    assert FrameCalibrations({"new": frame}, donor_frames={}).donors(inp, frame, 14) == {}
    # Without donor_calibration.csv: the same rule, among the SKUs the run calibrated.
    run = dict.fromkeys(("new", "old1", "mid", "other"), frame)
    older = FrameCalibrations(run, profile=_profile().set_index("unique_id"), donor_frames={"x": {}})
    assert list(older.donors(inp, frame, 14)) == ["old1", "mid"]
    # A profile.csv older still (no history_days, total_units): the same demand class with the most origins.
    oldest = _profile().set_index("unique_id")[["demand_class"]]
    classes = oldest["demand_class"].to_dict()
    assert list(FrameCalibrations(run, classes, profile=oldest).donors(inp, frame, 14)) == ["mid", "old1"]
