"""Hypothesis properties: the row accounting balances for random messy files."""

from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesdata import AmbiguousDateError, ColumnMapping, FrequencyError, IngestOptions, build_dataset, read_table

DATES = st.sampled_from(
    [
        "2024-01-01",
        "2024-01-02",
        "2024-02-29",
        "2024-03-10 10:00",
        "2031-01-01",
        "1975-05-05",
        "2024-13-40",
        "",
        "n/a",
        "yesterday",
        "45300",
        "2024/03/11",
    ]
)
SKUS = st.sampled_from(["A", "B", " C ", "", "ä-1", "<b>x</b>", "=cmd|'/c calc'!A1", "😀"])
QTYS = st.sampled_from(["1", "2", "-1", "0", "3.5", "", "abc", "1,000", "inf", "1e13", "(2)", "¥5"])
ROW = st.tuples(DATES, SKUS, QTYS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=1, max_size=40),
    returns=st.sampled_from(["net", "exclude"]),
    duplicates=st.sampled_from(["keep", "drop"]),
    freq=st.sampled_from(["D", "W", "M"]),
)
def test_row_accounting_balances_for_random_messy_frames(rows, returns, duplicates, freq):
    text = "date,sku,qty\n" + "".join(f'"{d}","{s}","{q}"\n' for d, s, q in rows)
    raw = read_table(text.encode(), "random.csv")
    options = IngestOptions(layout="totals", returns=returns, duplicates=duplicates, as_of=date(2025, 1, 1))
    try:
        ds = build_dataset(raw, ColumnMapping(date="date", sku="sku", quantity="qty"), options, freq)
    except (AmbiguousDateError, FrequencyError):
        return  # a question for the user (date order) or a bucket finer than the dates allow
    r = ds.report
    assert r.rows_read == len(raw.frame)
    assert r.rows_read == r.rows_used + r.rows_rejected
    assert sum(r.rejected_by_reason.values()) == r.rows_rejected
    assert len(ds.rejected) == r.rows_rejected
    assert ds.rejected["row"].is_unique
    # Nothing negative and no SKU without a first sale reaches the panel.
    assert (ds.panel["y"] >= 0).all()
    if not ds.panel.empty:
        assert (ds.panel.groupby("unique_id")["y"].sum() > 0).all()


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 60), st.sampled_from(["A", "B"]), st.integers(-3, 9)), min_size=1, max_size=60
    )
)
def test_units_in_panel_equal_used_units_after_clipping(rows):
    frame = pd.DataFrame(rows, columns=["day", "sku", "qty"])
    frame["date"] = (pd.Timestamp("2024-01-01") + pd.to_timedelta(frame["day"], unit="D")).dt.strftime("%Y-%m-%d")
    text = frame[["date", "sku", "qty"]].to_csv(index=False)
    try:
        ds = build_dataset(
            read_table(text.encode(), "t.csv"),
            ColumnMapping(date="date", sku="sku", quantity="qty"),
            IngestOptions(layout="transactions", as_of=date(2025, 1, 1)),
            "D",
        )
    except FrequencyError:
        return  # the dates fall a week apart on one weekday: daily buckets are refused (tested elsewhere)
    daily = frame.groupby(["sku", "date"])["qty"].sum().clip(lower=0)
    first = daily[daily > 0].reset_index().groupby("sku")["date"].min()
    expected = sum(v for (sku, d), v in daily.items() if sku in first and d >= first[sku])
    assert ds.panel["y"].sum() == expected
