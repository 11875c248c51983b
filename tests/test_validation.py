"""Row-level validation and full accounting: every row is used or rejected with its reason."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from salesdata import (
    AmbiguousDateError,
    ColumnMapping,
    IngestOptions,
    MappingError,
    build_dataset,
    read_table,
)

MAP = ColumnMapping(date="date", sku="sku", quantity="qty")
AS_OF = IngestOptions(as_of=date(2025, 1, 1))


def _build(text: str, mapping: ColumnMapping = MAP, options: IngestOptions = AS_OF, freq="D", name="t.csv"):
    return build_dataset(read_table(text.encode(), name), mapping, options, freq)


def test_build_dataset_rejects_each_bad_row_with_its_reason_and_row_number():
    text = (
        "date,sku,qty\n"
        "2024-01-01,A,3\n"  # row 2 used
        "2024-01-02,,4\n"  # row 3 missing SKU
        ",A,4\n"  # row 4 missing date
        "2024-13-45,A,4\n"  # row 5 bad date
        "2024-01-03,A,\n"  # row 6 missing quantity
        "2024-01-03,A,lots\n"  # row 7 bad quantity
        "2030-01-03,A,1\n"  # row 8 future date
        "1970-01-03,A,1\n"  # row 9 date before 1980
        "2024-01-04,A,1e12\n"  # row 10 huge
        "2024-01-04,A,2,x\n"  # row 11 too many fields
        "2024-01-05,A,1\n"  # row 12 used
    )
    ds = _build(text)
    r = ds.report
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (11, 2, 9)
    assert r.balanced
    reasons = dict(zip(ds.rejected["row"], ds.rejected["reason"], strict=True))
    assert reasons == {
        3: "missing_sku",
        4: "missing_date",
        5: "bad_date",
        6: "missing_quantity",
        7: "bad_quantity",
        8: "future_date",
        9: "date_too_early",
        10: "huge_quantity",
        11: "too_many_fields",
    }
    # The rejected rows keep their original cells for the download.
    assert ds.rejected.loc[ds.rejected["row"] == 7, "qty"].item() == "lots"
    assert ds.panel["y"].tolist() == [3.0, 0.0, 0.0, 0.0, 1.0]


def test_build_dataset_nets_returns_by_default_and_reports_them():
    text = "date,sku,qty\n2024-01-01,A,5\n2024-01-01,A,-2\n2024-01-02,A,1\n2024-01-03,A,-4\n"
    ds = _build(text)
    assert ds.panel["y"].tolist() == [3.0, 1.0, 0.0]
    assert ds.report.return_rows == 2
    assert ds.report.return_units == 6.0
    # 2024-01-03 nets to -4: it becomes 0 and is counted.
    assert ds.report.negative_periods == 1
    assert ds.report.negative_units == 4.0
    assert ds.report.rows_used == 4


def test_build_dataset_can_reject_returns_instead():
    text = "date,sku,qty\n2024-01-01,A,5\n2024-01-01,A,-2\n"
    ds = _build(text, options=IngestOptions(as_of=date(2025, 1, 1), returns="exclude"))
    assert ds.panel["y"].tolist() == [5.0]
    assert ds.report.rejected_by_reason == {"return_excluded": 1}


def test_build_dataset_counts_exact_duplicates_keeps_them_for_transactions_drops_for_totals():
    text = "date,sku,qty\n2024-01-01,A,5\n2024-01-01,A,5\n2024-01-02,A,1\n"
    trans = _build(text, options=IngestOptions(as_of=date(2025, 1, 1), layout="transactions"))
    assert trans.report.duplicate_rows == 1
    assert not trans.report.duplicates_dropped
    assert trans.panel["y"].tolist() == [10.0, 1.0]
    totals = _build(text, options=IngestOptions(as_of=date(2025, 1, 1), layout="totals"))
    assert totals.report.duplicates_dropped
    assert totals.report.rejected_by_reason == {"duplicate_row": 1}
    assert totals.rejected["row"].tolist() == [3]
    assert totals.panel["y"].tolist() == [5.0, 1.0]


def test_build_dataset_sums_or_separates_stores():
    text = "date,sku,store,qty\n2024-01-01,A,S1,2\n2024-01-01,A,S2,3\n2024-01-02,A,S1,1\n"
    mapping = ColumnMapping(date="date", sku="sku", quantity="qty", store="store")
    summed = _build(text, mapping)
    assert summed.panel["unique_id"].unique().tolist() == ["A"]
    assert summed.panel["y"].tolist() == [5.0, 1.0]
    separate = _build(text, mapping, IngestOptions(as_of=date(2025, 1, 1), stores="separate"))
    assert sorted(separate.panel["unique_id"].unique()) == ["A@S1", "A@S2"]
    assert separate.panel.groupby("unique_id")["y"].sum().to_dict() == {"A@S1": 3.0, "A@S2": 3.0}


def test_build_dataset_asks_for_the_date_order_and_then_uses_it():
    text = "date,sku,qty\n03/04/2024,A,1\n05/06/2024,A,2\n"
    with pytest.raises(AmbiguousDateError):
        _build(text)
    ds = _build(text, options=IngestOptions(as_of=date(2025, 1, 1), day_first=True))
    assert ds.panel["ds"].min() == pd.Timestamp("2024-04-03")
    assert ds.report.day_first is True


def test_build_dataset_reads_wide_files_and_accounts_per_value():
    text = "week,RP-1,RP-2\n2024-01-01,3,\n2024-01-08,4,7\n2024-01-15,x,2\n"
    guess_map = ColumnMapping(date="week")
    ds = _build(text, guess_map, IngestOptions(as_of=date(2025, 1, 1), layout="wide"), freq="W")
    r = ds.report
    assert r.unit == "values"
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (6, 4, 2)
    bad = ds.rejected.set_index("column")
    assert bad.loc["RP-1", "reason"] == "bad_quantity"
    assert bad.loc["RP-1", "row"] == 4
    assert bad.loc["RP-2", "reason"] == "missing_quantity"
    assert bad.loc["RP-2", "row"] == 2
    assert ds.panel.groupby("unique_id")["y"].sum().to_dict() == {"RP-1": 7.0, "RP-2": 9.0}


def test_build_dataset_keeps_price_weighted_by_units_and_flags():
    text = (
        "date,sku,qty,price,promo\n"
        "2024-01-01,A,1,10,no\n2024-01-01,A,3,6,yes\n2024-01-02,A,2,abc,\n2024-01-03,A,1,8,0\n"
    )
    mapping = ColumnMapping(date="date", sku="sku", quantity="qty", price="price", promo="promo")
    ds = _build(text, mapping)
    # (1*10 + 3*6) / 4 = 7.0; the unreadable price on 01-02 is carried forward from 01-01.
    assert ds.panel["price"].tolist() == [7.0, 7.0, 8.0]
    assert ds.panel["promo"].tolist() == [1, 0, 0]
    assert ds.report.warnings == {"bad_price": 1}
    assert ds.report.rows_used == 4


def test_build_dataset_derives_price_from_revenue():
    text = "date,sku,qty,amount\n2024-01-01,A,4,10.00\n"
    ds = _build(text, ColumnMapping(date="date", sku="sku", quantity="qty", revenue="amount"))
    assert ds.panel["price"].tolist() == [2.5]


def test_build_dataset_raises_a_mapping_error_naming_the_missing_role():
    with pytest.raises(MappingError, match="quantity"):
        _build("date,sku\n2024-01-01,A\n", ColumnMapping(date="date", sku="sku"), IngestOptions(layout="totals"))


def test_build_dataset_reads_excel_numeric_skus_without_decimal_point():
    frame = pd.DataFrame({"date": ["2024-01-01"], "sku": [10002.0], "qty": [3]})
    import io

    buf = io.BytesIO()
    frame.to_parquet(buf)
    ds = build_dataset(read_table(buf.getvalue(), "x.parquet"), MAP, AS_OF, "D")
    assert ds.panel["unique_id"].tolist() == ["10002"]


def test_build_dataset_applies_stockouts_as_censored_periods():
    text = "date,sku,qty\n2024-01-01,A,3\n2024-01-05,A,2\n"
    spans = pd.DataFrame(
        {"unique_id": ["A"], "start": pd.to_datetime(["2024-01-02"]), "end": pd.to_datetime(["2024-01-03"])}
    )
    ds = build_dataset(read_table(text.encode(), "t.csv"), MAP, AS_OF, "D", stockouts=spans)
    assert ds.panel["in_stock"].tolist() == [1, 0, 0, 1, 1]
    assert ds.profile["censored_periods"].item() == 2
