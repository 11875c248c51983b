"""Item master and stock-out log validation with row accounting."""

from __future__ import annotations

import pytest

from salesdata import MappingError, load_item_master, load_stockouts, read_table


def test_item_master_detects_columns_and_rejects_bad_rows():
    text = (
        "商品编码,交期,成本,库存,起订量,箱规\n"
        "A,14,2.5,100,50,12\n"
        ",7,1,1,1,1\n"  # missing SKU
        "B,two weeks,1,1,1,1\n"  # lead time not a number
        "C,7,-1,1,1,1\n"  # negative cost
        "D,7,1,1,1,0\n"  # pack size 0
        "A,9,9,9,9,9\n"  # duplicate SKU
        "E,,3,,,\n"  # blanks are fine
    )
    result = load_item_master(read_table(text.encode("gbk"), "items.csv"), known_skus=["A", "E", "Z"])
    r = result.report
    assert r.columns["lead_time_days"] == "交期"
    assert r.columns["pack_size"] == "箱规"
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (7, 2, 5)
    assert r.balanced
    assert r.rejected_by_reason == {
        "bad_number:lead_time_days": 1,
        "duplicate_sku": 1,
        "missing_sku": 1,
        "negative:unit_cost": 1,
        "zero_pack": 1,
    }
    assert result.items["unique_id"].tolist() == ["A", "E"]
    assert result.rejected["row"].tolist() == [3, 4, 5, 6, 7]


def test_item_master_lists_skus_missing_from_sales():
    result = load_item_master(read_table(b"sku,on_hand\nA,1\nX,2\n", "i.csv"), known_skus=["A"])
    assert result.report.unknown_skus == ("X",)


def test_item_master_without_sku_column_names_what_to_do():
    with pytest.raises(MappingError, match="no SKU column"):
        load_item_master(read_table(b"name,cost\nmug,1\n", "i.csv"))


def test_stockouts_read_spans_or_single_dates():
    spans = load_stockouts(
        read_table(b"sku,start_date,end_date\nA,2024-01-02,2024-01-05\nB,2024-02-01,2024-01-01\n", "s.csv")
    )
    assert spans.spans["unique_id"].tolist() == ["A"]
    assert spans.report.rejected_by_reason == {"end_before_start": 1}
    days = load_stockouts(read_table(b"sku,date\nA,2024-01-02\nA,bad\n", "s.csv"))
    assert len(days.spans) == 1
    assert days.report.rejected_by_reason == {"bad_date": 1}
