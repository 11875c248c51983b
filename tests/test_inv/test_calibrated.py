"""Calibrated safety stock: rolling-origin errors, their conformal quantile, pooling and lead-time variability."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from forecasting.calibration import origin_ends, rolling_origins
from inventory import DemandPlan, ItemParams, PolicySettings, compute_policy, simulate
from inventory.demand import MIN_OWN_ERRORS, calibration_errors, demand_plan, pool_errors
from inventory.replay import replay_policy
from tests.test_fc.helpers import series, weekly_pattern

CAL = PolicySettings(policy="sQ", uncertainty="calibrated", service_level=0.95, order_quantity=100)


def _plan(errors: np.ndarray | None, mean: float = 10.0, days: int = 120, **kw) -> DemandPlan:
    return DemandPlan(
        start=pd.Timestamp("2026-01-05"),
        daily_mean=np.full(days, mean),
        freq="D",
        history_daily_mean=mean,
        history_daily_sd=3.0,
        origin_errors=errors,
        **kw,
    )


def _normal_errors(origins: int, horizon: int = 30, sd: float = 3.0, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, sd, (origins, horizon))


# --- rolling origins -------------------------------------------------------------------------------------------


def test_origins_are_a_week_apart_and_leave_the_horizon_known():
    data = series(weekly_pattern(400))
    cal = rolling_origins(data, ("snaive",), horizon=14, origins=10)
    cutoffs = pd.DatetimeIndex(sorted(cal.frame["cutoff"].unique()))
    assert len(cutoffs) == 10
    assert set(np.diff(cutoffs).astype("timedelta64[D]").astype(int)) == {7}
    assert cal.frame["ds"].max() == data.ds[-1]  # the last origin's window ends on the last day
    assert cal.frame.groupby("cutoff").size().eq(14).all()
    assert origin_ends(400, 14, 10, 7, 60, known=14) == [323 + 7 * i for i in range(10)]
    # Origins up to the last day: the demand after the data is not known yet (NaN), the windows run on.
    late = rolling_origins(data, ("snaive",), horizon=14, origins=3, known=1)
    assert late.frame["cutoff"].max() == data.ds[-2]
    assert late.frame["y"].isna().sum() == 13 + 6 and late.frame["ds"].max() == data.ds[-1] + pd.Timedelta(days=13)


def test_an_origin_never_reads_data_after_it():
    y = weekly_pattern(300, noise=2.0, seed=3)
    data = series(y)
    cal = rolling_origins(data, ("ets", "theta"), horizon=14, origins=8, refit_every=3)
    k = 4  # tamper with everything after origin k: its forecast (and the earlier ones) must not move
    cut = pd.Timestamp(sorted(cal.frame["cutoff"].unique())[k])
    n = int(np.flatnonzero(data.ds == cut)[0]) + 1
    tampered = series(np.concatenate([y[:n], np.full(len(y) - n, 1e5)]))
    again = rolling_origins(tampered, ("ets", "theta"), horizon=14, origins=8, refit_every=3)
    before = cal.frame[cal.frame["cutoff"] <= cut]["forecast"].to_numpy()
    np.testing.assert_allclose(again.frame[again.frame["cutoff"] <= cut]["forecast"].to_numpy(), before, rtol=1e-9)
    # ... and the tampering does reach the later origins, so the comparison above could fail.
    later = again.frame[again.frame["cutoff"] > cut]["forecast"].to_numpy()
    assert later.max() > 10 * cal.frame["forecast"].max()


def test_members_that_cannot_move_are_named_and_the_rest_combine():
    data = series(weekly_pattern(300))
    cal = rolling_origins(data, ("ets", "lgbm", "snaive"), weights=(0.5, 0.3, 0.2), how="inverse", horizon=7, origins=5)
    assert cal.members == ("ets", "snaive") and cal.dropped == ("lgbm",)
    only_ets = rolling_origins(data, ("ets",), horizon=7, origins=5).frame["forecast"].to_numpy()
    only_sn = rolling_origins(data, ("snaive",), horizon=7, origins=5).frame["forecast"].to_numpy()
    # weights renormalised over the members kept: 0.5 / 0.7 and 0.2 / 0.7
    np.testing.assert_allclose(cal.frame["forecast"].to_numpy(), (5 * only_ets + 2 * only_sn) / 7, rtol=1e-9)


def test_censored_days_have_no_known_error():
    y = weekly_pattern(300)
    y[280:283] = np.nan  # out of stock: demand unknown
    cal = rolling_origins(series(y), ("snaive",), horizon=14, origins=6)
    errors = calibration_errors(cal.frame)
    assert errors.shape == (6, 14)
    assert np.isnan(errors).any() and np.isfinite(errors).sum() == 6 * 14 - np.isnan(errors).sum()


# --- the calibrated policy -------------------------------------------------------------------------------------


def test_the_reorder_point_is_the_conformal_quantile_of_the_errors():
    # No lead-time variability, no undershoot on an (s, Q) with daily review of a smooth forecast: the trigger is
    # the forecast over the 13 days an order protects plus the ceil((n+1)*0.95)-th smallest of the n window errors.
    errors = _normal_errors(200, sd=3.0, seed=1)
    plan = _plan(errors)
    policy = compute_policy(plan, ItemParams(lead_time_days=14), CAL)
    assert policy.uncertainty_used == "calibrated" and policy.errors_own == 200 and policy.errors_pooled == 0
    exposure = policy.protection_days
    window = errors[:, : int(exposure)].sum(axis=1)
    order_stat = np.sort(window)[math.ceil(201 * 0.95) - 1]
    expected = 10.0 * exposure + order_stat + policy.undershoot_mean
    # The undershoot of a smooth daily demand is small; the sampled quantile lands within its spread.
    assert policy.reorder_point == pytest.approx(expected, abs=3 * policy.undershoot_sd + 1.0)
    # With normal errors the textbook k sigma sqrt(E) is the same number (SPT eq. 6.15, no lead-time sd).
    textbook = 10.0 * exposure + policy.undershoot_mean + norm.ppf(0.95) * 3.0 * math.sqrt(exposure)
    assert policy.reorder_point == pytest.approx(textbook, rel=0.05)


def test_few_errors_raise_the_quantile_level():
    # n = 20 errors: the conformal level for 95% is ceil(21 * 0.95) / 20 = 1.0, the largest error.
    errors = np.zeros((20, 30))
    errors[:, 0] = np.arange(20.0)  # window error of any length = 0..19
    plan = _plan(errors, pooled_errors=None)
    policy = compute_policy(plan, ItemParams(lead_time_days=14), CAL)
    assert policy.errors_own == 20
    assert policy.reorder_point - (10.0 * policy.protection_days + policy.undershoot_mean) == pytest.approx(
        19.0, abs=3 * policy.undershoot_sd + 0.5
    )


def test_a_sku_with_few_errors_is_pooled_and_says_so():
    own = _normal_errors(8, sd=3.0)
    others = {f"s{i}": _normal_errors(52, sd=30.0, seed=i) for i in range(3)}  # demand ten times larger
    pooled = pool_errors(others, dict.fromkeys(others, 100.0), target_scale=10.0)
    plan = _plan(own, pooled_errors=pooled, pooled_skus=3)
    policy = compute_policy(plan, ItemParams(lead_time_days=14), CAL)
    assert policy.uncertainty_used == "calibrated"
    assert (policy.errors_own, policy.errors_pooled, policy.pooled_skus) == (8, 156, 3)
    # Scaled to this SKU, the pooled errors have sd 3 a day again: the safety stock matches the textbook's.
    k_sigma = norm.ppf(0.95) * 3.0 * math.sqrt(policy.protection_days)
    assert policy.safety_stock == pytest.approx(k_sigma, rel=0.2)
    alone = compute_policy(replace(plan, pooled_errors=None, pooled_skus=0), ItemParams(lead_time_days=14), CAL)
    assert alone.uncertainty_used != "calibrated"  # 8 windows alone are too few: the next method, named
    assert MIN_OWN_ERRORS > 8


def test_lead_time_variability_raises_the_reorder_point_by_about_its_demand():
    plan = _plan(_normal_errors(300, sd=1.0))
    fixed = compute_policy(plan, ItemParams(lead_time_days=14), CAL)
    varied = compute_policy(plan, ItemParams(lead_time_days=14, lead_time_sd_days=3.0), CAL)
    # Demand 10 a day, lead time sd 3 days: about 30 units of sd on top of sqrt(13) ~ 3.6 from the errors.
    extra = varied.reorder_point - fixed.reorder_point
    expected = norm.ppf(0.95) * (math.sqrt(3.6**2 + 30**2) - 3.6)
    assert extra == pytest.approx(expected, rel=0.2)


def test_a_calibrated_policy_keeps_its_promise_when_demand_follows_the_errors():
    # Demand is the forecast plus errors drawn like the calibration's: the long-run cycle service is the target.
    rng = np.random.default_rng(7)
    errors = rng.gamma(2.0, 2.0, (400, 40)) - 4.0  # skewed, mean zero: a normal quantile would be too low
    plan = _plan(errors, mean=10.0, days=365)
    item = ItemParams(lead_time_days=10, on_hand=0.0)
    policy = compute_policy(plan, item, CAL)
    paths = np.maximum(10.0 + rng.gamma(2.0, 2.0, (400, 365)) - 4.0, 0.0)
    sim = simulate(plan, item, policy, CAL, rng, demand=paths, start="steady")
    assert sim.cycle_service_level == pytest.approx(0.95, abs=0.02)


def test_the_plan_carries_the_calibration_from_a_frame():
    data = series(weekly_pattern(300))
    cal = rolling_origins(data, ("snaive",), horizon=21, origins=35)
    fc = pd.DataFrame({"ds": data.future_ds(21), "snaive": np.full(21, 20.0)})
    plan = demand_plan(fc, "snaive", "D", calibration=cal.frame)
    assert plan.origin_errors.shape == (35, 21)
    policy = compute_policy(plan, ItemParams(lead_time_days=14), replace(CAL, order_quantity=None))
    assert policy.uncertainty_used == "calibrated" and policy.errors_own == 35


def test_the_replay_uses_only_origins_known_at_each_cutoff():
    y = weekly_pattern(500, noise=3.0, seed=2)
    data = series(y)
    cal = rolling_origins(data, ("snaive",), horizon=21, origins=60).frame
    cutoffs = [data.ds[n - 1] for n in (360, 430)]
    bt = pd.concat(
        [
            pd.DataFrame({"cutoff": c, "ds": data.ds[n : n + 60], "y": y[n : n + 60], "snaive": y[n - 7 : n + 53]})
            for c, n in zip(cutoffs, (360, 430), strict=True)
        ]
    )
    cal = cal.assign(y=cal["y"].where(cal["ds"] <= data.ds[-1]))
    rp = replay_policy(bt, "snaive", "D", ItemParams(lead_time_days=7), CAL, calibration=cal)
    assert len(rp.folds) == 2  # with a calibration, the first fold is replayed too
    assert set(rp.folds["uncertainty"]) == {"calibrated"}
    for cutoff, n_errors in zip(cutoffs, rp.folds["errors"], strict=True):
        # Origins before the cutoff whose first 7 days (the protection interval, L - 1 = 6 days, plus the
        # undershoot's day and the lead-time spread) were known by it.
        known = calibration_errors(cal, known_by=cutoff)
        exposure = 6  # days an order protects with a 7-day lead time, daily review
        assert n_errors == int(np.isfinite(known[:, :exposure]).all(axis=1).sum())
        assert n_errors < len(cal["cutoff"].unique())  # the later origins were not known yet


def test_the_long_run_simulation_draws_the_errors_the_policy_was_calibrated_on():
    # Skewed errors: the calibrated policy is set on them, and the default simulation draws them back, so the
    # long-run cycle service it reports is the target (not a normal approximation's figure).
    rng = np.random.default_rng(3)
    errors = rng.gamma(1.5, 4.0, (300, 56)) - 6.0
    plan = _plan(errors, mean=10.0, days=365)
    item = ItemParams(lead_time_days=10)
    policy = compute_policy(plan, item, CAL)
    sim = simulate(plan, item, policy, CAL, np.random.default_rng(0), paths=1000, start="steady")
    assert sim.demand_model == "bootstrap"
    assert sim.cycle_service_level == pytest.approx(0.95, abs=0.02)
    # The same policy simulated with normal demand of the same sd reads differently: the draws matter.
    normal = simulate(
        plan, item, policy, CAL, np.random.default_rng(0), paths=1000, start="steady", demand_model="normal"
    )
    assert abs(normal.cycle_service_level - sim.cycle_service_level) > 0.005
