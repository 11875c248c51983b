"""Intermittent-demand methods: hand-computed values, the initialisation, and the demand rate held.

Golden values are worked by hand in each test (the recursions of Croston 1972, Syntetos & Boylan 2005,
Teunter, Syntetos & Babai 2011, Nikolopoulos et al. 2011 and Petropoulos & Kourentzes 2015), step by step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.base import FitContext, SeriesData
from forecasting.models import INTERMITTENT, make_model
from forecasting.models.intermittent import aggregated_level, croston_level, fit_ses, tsb_level

CONTEXT = FitContext(horizon=3, seed=0)


def monthly(y) -> SeriesData:
    y = np.asarray(y, dtype="float64")
    return SeriesData(pd.date_range("2020-01-01", periods=len(y), freq="MS"), y, "M")


def test_croston_starts_from_the_window_means_not_an_interval_of_one():
    # 6 units every 3 months, the series trimmed at its first sale: 6, 0, 0, 6, 0, 0, 6, 0, 0.
    # z starts at 6 (mean size) and stays 6; p starts at 9 / 3 = 3 and every interval is 3: forecast 2 a month.
    # (Read from an interval of 1 before the first demand, p would start at 1: 6 a month at first, and with
    # alpha 0.1 still 4.7 after two more demands.)
    y = [6, 0, 0, 6, 0, 0, 6, 0, 0]
    z, p, _, _ = croston_level(np.array(y, dtype=float), 0.1, 0.1)
    assert (z, p) == (6.0, 3.0)
    assert make_model("croston").fit(monthly(y), CONTEXT).predict(3)["mean"].tolist() == [2.0, 2.0, 2.0]


def test_croston_and_sba_by_hand():
    # Demands 0, 3, 0, 0, 5, 0 (six periods, two demands) with alpha 0.2 for both:
    # z0 = 4, p0 = 6 / 2 = 3. Demand 3: z = 4 + 0.2 (3 - 4) = 3.8 (the interval before it is not observed).
    # Demand 5, 3 periods later: z = 3.8 + 0.2 (5 - 3.8) = 4.04; p = 3 + 0.2 (3 - 3) = 3.
    y = np.array([0, 3, 0, 0, 5, 0.0])
    z, p, a_z, a_p = croston_level(y, 0.2, 0.2)
    assert z == pytest.approx(4.04) and p == pytest.approx(3.0) and (a_z, a_p) == (0.2, 0.2)
    croston = make_model("croston", alpha=0.2).fit(monthly(y), CONTEXT).predict(1)["mean"][0]
    sba = make_model("sba", alpha=0.2).fit(monthly(y), CONTEXT).predict(1)["mean"][0]
    assert croston == pytest.approx(4.04 / 3)
    assert sba == pytest.approx((1 - 0.2 / 2) * 4.04 / 3)  # Syntetos-Boylan's bias correction


def test_tsb_by_hand():
    # Demands 4, 0, 2, 0 with alpha = beta = 0.2: d0 = 2 / 4 = 0.5, z0 = 3.
    # t1 demand 4: d = 0.5 + 0.2 (1 - 0.5) = 0.6, z = 3 + 0.2 (4 - 3) = 3.2
    # t2 none:     d = 0.6 - 0.2 * 0.6 = 0.48
    # t3 demand 2: d = 0.48 + 0.2 (1 - 0.48) = 0.584, z = 3.2 + 0.2 (2 - 3.2) = 2.96
    # t4 none:     d = 0.584 - 0.2 * 0.584 = 0.4672.  Forecast d z = 0.4672 * 2.96 = 1.382912.
    d, z, _, _ = tsb_level(np.array([4, 0, 2, 0.0]), 0.2, 0.2)
    assert d == pytest.approx(0.4672) and z == pytest.approx(2.96)
    f = make_model("tsb", alpha=0.2, beta=0.2).fit(monthly([4, 0, 2, 0]), CONTEXT).predict(1)["mean"][0]
    assert f == pytest.approx(1.382912)


def test_adida_and_imapa_by_hand():
    # 0, 2, 0, 0, 4, 0, 0, 3, 0: nine periods, three demands, mean interval 3.
    # ADIDA, buckets of 3: sums 2, 4, 3 (mean 3); SES alpha 0.1 from 3: 2.9, 3.01, 3.009; per month 1.003.
    y = np.array([0, 2, 0, 0, 4, 0, 0, 3, 0.0])
    assert aggregated_level(y, 3, 0.1) == pytest.approx(3.009 / 3)
    assert make_model("adida").fit(monthly(y), CONTEXT).predict(1)["mean"][0] == pytest.approx(3.009 / 3)
    # IMAPA averages the same over buckets of 1, 2 and 3 months.
    expected = np.mean([aggregated_level(y, k, 0.1) for k in (1, 2, 3)])
    assert make_model("imapa").fit(monthly(y), CONTEXT).predict(1)["mean"][0] == pytest.approx(expected)
    # Buckets of 2 are taken from the end (the first month is left out): 2+0, 0+4, 0+0, 3+0 -> 2, 4, 0, 3.
    buckets = np.array([2, 4, 0, 3.0])
    level, _ = fit_ses(buckets, buckets.mean(), 0.1)
    assert aggregated_level(y, 2, 0.1) == pytest.approx(level / 2)


def test_fitted_smoothing_constants_stay_within_the_usual_bounds():
    rng = np.random.default_rng(2)
    y = (rng.random(120) < 0.3) * rng.integers(1, 9, 120).astype(float)
    _, _, a_z, a_p = croston_level(y)
    _, _, a, b = tsb_level(y)
    assert all(0.1 <= c <= 0.3 for c in (a_z, a_p, a, b))


@pytest.mark.parametrize("alias", INTERMITTENT)
def test_a_stationary_intermittent_series_is_forecast_within_a_fifth_of_its_demand_rate(alias):
    # Demand in a quarter of the periods, sizes 1-9 (mean 5): rate 1.25 a period. Averaged over 20 series so
    # the test is about the method, not one draw.
    rng = np.random.default_rng(11)
    forecasts = []
    for _ in range(20):
        y = (rng.random(240) < 0.25) * rng.integers(1, 10, 240).astype(float)
        y[0] = max(y[0], 1.0)  # the series starts at its first sale, as the panel's do
        forecasts.append(make_model(alias).fit(monthly(y), CONTEXT).predict(1)["mean"][0])
    rate = 0.25 * 5
    assert abs(np.mean(forecasts) - rate) / rate < 0.2, np.mean(forecasts)


@pytest.mark.parametrize("alias", INTERMITTENT)
def test_intermittent_methods_skip_censored_periods(alias):
    y = np.array([5, 0, 0, np.nan, np.nan, 5, 0, 0, 5, 0, 0.0])
    f = make_model(alias).fit(monthly(y), CONTEXT).predict(2)["mean"]
    assert np.isfinite(f).all() and (f > 0).all()
