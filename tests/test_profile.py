"""Demand profile: ADI/CV² classes, ABC, XYZ, dataset summary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from salesdata import abc_classes, demand_class, profile_panel, summarise, xyz_classes


def _panel(series: dict[str, list[float]], start="2024-01-01", freq="D") -> pd.DataFrame:
    frames = []
    for sku, ys in series.items():
        frames.append(pd.DataFrame({"unique_id": sku, "ds": pd.date_range(start, periods=len(ys), freq=freq), "y": ys}))
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize(
    ("adi", "cv2", "expected"),
    [
        (1.0, 0.0, "smooth"),
        (1.31, 0.48, "smooth"),
        (1.31, 0.49, "erratic"),
        (1.32, 0.48, "intermittent"),
        (3.0, 2.0, "lumpy"),
    ],
)
def test_demand_class_uses_syntetos_boylan_cutoffs(adi, cv2, expected):
    # Cut-offs ADI = 1.32 and CV² = 0.49: Syntetos, Boylan & Croston (2005), JORS 56(5) 495-503.
    assert demand_class(adi, cv2) == expected


def test_profile_panel_adi_and_cv2_by_hand():
    # 8 periods, 2 with demand (4 and 8): ADI = 8 / 2 = 4.
    # Sizes 4 and 8: mean 6, sample sd = sqrt(((4-6)^2 + (8-6)^2) / 1) = 2.828; CV² = (2.828 / 6)^2 = 0.2222.
    profile = profile_panel(_panel({"a": [4, 0, 0, 0, 8, 0, 0, 0]})).iloc[0]
    assert profile["adi"] == 4.0
    assert profile["cv2"] == pytest.approx(8 / 36)
    assert profile["demand_class"] == "intermittent"
    assert profile["zero_share"] == 0.75
    assert profile["total_units"] == 12


def test_profile_panel_leaves_censored_periods_out_of_the_statistics():
    panel = _panel({"a": [5, 0, 0, 5, 5, 5]})
    panel["in_stock"] = [1, 0, 0, 1, 1, 1]
    row = profile_panel(panel).iloc[0]
    assert row["censored_periods"] == 2
    assert row["zero_share"] == 0.0  # the two zeros were out of stock, not zero demand
    assert row["adi"] == 1.0


def test_abc_classes_by_cumulative_value():
    value = pd.Series({"a": 700.0, "b": 150.0, "c": 100.0, "d": 30.0, "e": 20.0})
    # Shares before each item: a 0%, b 70%, c 85%, d 95%, e 98%.
    assert abc_classes(value).to_dict() == {"a": "A", "b": "A", "c": "B", "d": "C", "e": "C"}


def test_xyz_classes_by_cv_thresholds():
    assert xyz_classes(pd.Series([0.2, 0.5, 0.51, 1.0, 1.5, np.nan])).tolist() == ["X", "X", "Y", "Y", "Z", "Z"]


def test_profile_panel_xyz_uses_weekly_totals_for_daily_data():
    # Steady weekly total of 7 with all sales on Mondays: daily CV is high, weekly CV is 0.
    ys = [7, 0, 0, 0, 0, 0, 0] * 8
    row = profile_panel(_panel({"a": ys}, start="2024-01-01")).iloc[0]
    assert row["cv"] == 0.0
    assert row["xyz"] == "X"


def test_profile_panel_flags_new_items_and_revenue():
    panel = _panel({"old": [1.0] * 200, "new": [1.0] * 30})
    panel["price"] = 2.0
    profile = profile_panel(panel).set_index("unique_id")
    assert profile.loc["new", "new_item"]
    assert not profile.loc["old", "new_item"]
    assert profile.loc["old", "revenue"] == 400.0
    summary = summarise(profile.reset_index())
    assert summary.n_skus == 2
    assert summary.new_items == 1
    assert summary.revenue == 460.0
