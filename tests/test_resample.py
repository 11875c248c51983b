"""Resampling to D/W/M: sums, zeros after the first sale only, weighted price, incomplete last period."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesdata import to_panel
from salesdata.resample import period_start


def _lines(rows):
    frame = pd.DataFrame(rows, columns=["unique_id", "ds", "y"])
    frame["ds"] = pd.to_datetime(frame["ds"])
    return frame


def test_to_panel_daily_fills_zeros_from_first_sale_to_end_of_data():
    lines = _lines([("a", "2024-01-02", 2), ("a", "2024-01-04", 1), ("b", "2024-01-01", 5), ("b", "2024-01-05", 1)])
    panel = to_panel(lines, "D").panel
    a = panel[panel.unique_id == "a"]
    # Nothing before a's first sale on 01-02; zeros through the end of the data (01-05).
    assert a["ds"].dt.strftime("%m-%d").tolist() == ["01-02", "01-03", "01-04", "01-05"]
    assert a["y"].tolist() == [2.0, 0.0, 1.0, 0.0]
    assert panel.groupby("unique_id").size().to_dict() == {"a": 4, "b": 5}


def test_to_panel_weekly_uses_monday_weeks_and_drops_incomplete_last_week():
    # 2024-01-01 is a Monday. The data end on Wednesday 2024-01-17, inside the third week.
    lines = _lines([("a", "2024-01-01", 1), ("a", "2024-01-07", 2), ("a", "2024-01-08", 4), ("a", "2024-01-17", 9)])
    result = to_panel(lines, "W")
    assert result.panel["ds"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-01-08"]
    assert result.panel["y"].tolist() == [3.0, 4.0]
    assert result.notes.incomplete_period == (pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-21"))
    assert result.line_reasons.tolist() == ["", "", "", "incomplete_last_period"]


def test_to_panel_monthly_uses_calendar_months():
    lines = _lines([("a", "2024-01-31", 1), ("a", "2024-02-01", 2), ("a", "2024-03-31", 3)])
    panel = to_panel(lines, "M").panel
    assert panel["ds"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert panel["y"].tolist() == [1.0, 2.0, 3.0]


def test_to_panel_keeps_period_totals_last_period():
    lines = _lines([("a", "2024-01-01", 1), ("a", "2024-01-08", 2)])
    result = to_panel(lines, "W")
    assert result.notes.incomplete_period is None
    assert result.panel["y"].tolist() == [1.0, 2.0]


def test_to_panel_price_is_weighted_by_units_and_ignores_returns():
    lines = _lines([("a", "2024-01-01", 1), ("a", "2024-01-01", 3), ("a", "2024-01-01", -1)])
    lines["price"] = [10.0, 6.0, 100.0]
    panel = to_panel(lines, "D").panel
    assert panel["y"].tolist() == [3.0]
    assert panel["price"].tolist() == [7.0]


def test_to_panel_sku_without_net_sales_is_left_out_and_its_lines_reported():
    lines = _lines([("a", "2024-01-01", 2), ("z", "2024-01-01", 1), ("z", "2024-01-02", -1), ("z", "2024-01-02", 0)])
    lines.loc[1, "y"] = 0
    result = to_panel(lines, "D")
    assert result.panel["unique_id"].unique().tolist() == ["a"]
    assert result.notes.skus_without_sales == ("z",)
    assert result.line_reasons.tolist() == ["", "no_net_sales", "no_net_sales", "no_net_sales"]


def test_to_panel_lines_before_the_first_net_sale_are_reported():
    lines = _lines([("a", "2024-01-01", 0), ("a", "2024-01-02", 3)])
    result = to_panel(lines, "D")
    assert result.panel["ds"].dt.day.tolist() == [2]
    assert result.line_reasons.tolist() == ["before_first_sale", ""]


def test_to_panel_matches_a_naive_loop_on_random_lines():
    rng = np.random.default_rng(7)
    n = 400
    lines = pd.DataFrame(
        {
            "unique_id": rng.choice(["a", "b", "c"], n),
            "ds": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D"),
            "y": rng.integers(-1, 6, n).astype(float),
        }
    )
    for freq, alias in (("D", "D"), ("W", "W-MON"), ("M", "MS")):
        result = to_panel(lines, freq, drop_incomplete_last=False)
        starts = period_start(lines["ds"], freq)
        end = starts.max()
        for sku in ("a", "b", "c"):
            own = lines[lines.unique_id == sku]
            totals: dict[pd.Timestamp, float] = {}
            for start, y in zip(starts[own.index], own["y"], strict=True):
                totals[start] = totals.get(start, 0.0) + y
            first = min(p for p, v in totals.items() if v > 0)
            expected = [max(0.0, totals.get(p, 0.0)) for p in pd.date_range(first, end, freq=alias)]
            got = result.panel[result.panel.unique_id == sku]["y"].tolist()
            assert got == expected, (freq, sku)


def test_apply_stockouts_censors_weeks_and_store_series():
    from salesdata import apply_stockouts

    panel = pd.DataFrame(
        {
            "unique_id": ["a@S1"] * 3 + ["a@S2"] * 3 + ["b"] * 3,
            "ds": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-15"] * 3),
            "y": [1.0] * 9,
        }
    )
    spans = pd.DataFrame(
        {
            "unique_id": ["a", "b"],
            "start": pd.to_datetime(["2024-01-10", "2024-01-20"]),
            "end": pd.to_datetime(["2024-01-10", "2024-01-22"]),
        }
    )
    out = apply_stockouts(panel, spans, "W")
    # One day out in a week censors the week; the SKU id reaches each of its store series.
    assert out["in_stock"].tolist() == [1, 0, 1, 1, 0, 1, 1, 1, 0]
