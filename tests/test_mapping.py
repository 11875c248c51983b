"""Column mapping by name (English and Chinese) and by content; layout detection."""

from __future__ import annotations

import pandas as pd
import pytest

from salesdata import ColumnMapping, MappingError, detect_layout, detect_mapping


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["Order Date", "Item ID", "Units Sold", "Unit Price"],
            {"date": "Order Date", "sku": "Item ID", "quantity": "Units Sold", "price": "Unit Price"},
        ),
        (
            ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice"],
            {
                "date": "InvoiceDate",
                "sku": "StockCode",
                "quantity": "Quantity",
                "price": "UnitPrice",
                "order_id": "InvoiceNo",
            },
        ),
        (
            ["日期", "商品编码", "销量", "价格", "促销"],
            {"date": "日期", "sku": "商品编码", "quantity": "销量", "price": "价格", "promo": "促销"},
        ),
        (
            ["下单时间", "货号", "数量", "单价", "仓库", "类目", "订单号"],
            {
                "date": "下单时间",
                "sku": "货号",
                "quantity": "数量",
                "price": "单价",
                "store": "仓库",
                "category": "类目",
                "order_id": "订单号",
            },
        ),
        (["ds", "unique_id", "y"], {"date": "ds", "sku": "unique_id", "quantity": "y"}),
    ],
)
def test_detect_mapping_matches_synonyms(columns, expected):
    frame = pd.DataFrame({c: ["1"] for c in columns})
    assert detect_mapping(frame).mapping.mapped() == expected


def test_detect_mapping_reports_why():
    guess = detect_mapping(pd.DataFrame({"销量": ["1"], "日期": ["2024-01-01"], "sku": ["A"]}))
    assert guess.reasons["quantity"] == "name '销量'"


def test_detect_mapping_uses_content_when_names_say_nothing():
    frame = pd.DataFrame(
        {
            "col_a": ["2024-01-01", "2024-01-01", "2024-01-02", "2024-01-03"],
            "col_b": ["X-1", "Y-2", "X-1", "Y-2"],
            "col_c": ["3", "1", "2", "5"],
            "col_d": ["9.95", "4.50", "9.95", "4.50"],
        }
    )
    guess = detect_mapping(frame)
    assert guess.mapping.date == "col_a"
    assert guess.mapping.sku == "col_b"
    assert guess.mapping.quantity == "col_c"
    assert guess.reasons["date"].startswith("content")


def test_column_mapping_check_names_the_missing_role_and_column():
    m = ColumnMapping(date="date", sku="sku")
    with pytest.raises(MappingError, match="choose the quantity column"):
        m.check(["date", "sku", "qty"], "transactions", "f.csv")
    with pytest.raises(MappingError, match="'qty2' is not in the file"):
        ColumnMapping(date="date", sku="sku", quantity="qty2").check(["date", "sku", "qty"], "totals", "f.csv")
    with pytest.raises(MappingError, match="more than one role"):
        ColumnMapping(date="date", sku="sku", quantity="sku").check(["date", "sku"], "totals", "f.csv")


def test_detect_layout_transactions_by_order_column_or_times_or_repeats():
    base = {"date": ["2024-01-01"] * 4, "sku": ["A", "A", "B", "B"], "qty": ["1"] * 4}
    frame = pd.DataFrame(base)
    m = ColumnMapping(date="date", sku="sku", quantity="qty")
    assert detect_layout(frame, m).layout == "transactions"  # repeated SKU-dates
    timed = frame.assign(date=["2024-01-01 10:00", "2024-01-01 11:30", "2024-01-02 09:00", "2024-01-03 17:00"])
    timed["sku"] = ["A", "B", "C", "D"]
    assert detect_layout(timed, m).reason == "dates carry times of day"
    with_orders = frame.assign(order=["1", "2", "3", "4"])
    assert (
        detect_layout(with_orders, ColumnMapping(date="date", sku="sku", quantity="qty", order_id="order")).layout
        == "transactions"
    )


def test_detect_layout_totals_when_one_row_per_sku_and_date():
    frame = pd.DataFrame(
        {"date": ["2024-01-01", "2024-01-02", "2024-01-01"], "sku": ["A", "A", "B"], "qty": ["1", "2", "3"]}
    )
    assert detect_layout(frame, ColumnMapping(date="date", sku="sku", quantity="qty")).layout == "totals"


def test_detect_layout_wide_when_no_sku_column_and_numeric_columns():
    frame = pd.DataFrame(
        {"week": ["2024-01-01", "2024-01-08"], "RP-1": ["3", "4"], "RP-2": ["0", "7"], "RP-3": ["", "1"]}
    )
    guess = detect_mapping(frame)
    assert guess.mapping.sku is None
    layout = detect_layout(frame, guess.mapping)
    assert layout.layout == "wide"
    assert "3 numeric columns" in layout.reason
