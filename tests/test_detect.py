"""Reading real exports: what is not a SKU, series keys, wide files, the native time bucket, dates, doubts.

Each test builds a small frame in the layout of a real export (named in the test) and checks one rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import salesdata
from salesdata import ColumnMapping, IngestOptions, build_dataset, find_doubts, propose
from salesdata.detect import date_header_columns, detect_roles
from salesdata.errors import AmbiguousDateError, FrequencyError
from salesdata.frequency import infer_frequency
from salesdata.inspection import suggest_date_order
from salesdata.nonmerch import find_non_merchandise
from salesdata.parsing import both_readings, parse_dates
from salesdata.reading import RawTable


def raw_of(frame: pd.DataFrame, name: str = "export.csv") -> RawTable:
    """A frame as the reader returns a CSV: every cell text."""
    text = frame.astype("str")
    return RawTable(text, name, "csv", np.arange(2, len(text) + 2), pd.Series([""] * len(text), dtype="str"))


def walmart(stores=(1, 2, 3), depts=(1, 2, 5, 7), weeks: int = 20) -> pd.DataFrame:
    """Kaggle Walmart Recruiting train.csv: Store, Dept, Date (Fridays), Weekly_Sales, IsHoliday."""
    rng = np.random.default_rng(1)
    dates = pd.date_range("2010-02-05", periods=weeks, freq="W-FRI")
    rows = [
        (s, d, day.strftime("%Y-%m-%d"), round(float(rng.uniform(5_000, 50_000)), 2), day.month == 2 and day.day < 13)
        for s in stores
        for d in depts
        for day in dates
    ]
    return pd.DataFrame(rows, columns=["Store", "Dept", "Date", "Weekly_Sales", "IsHoliday"])


def rossmann(stores=(1, 2, 3, 4), days: int = 60) -> pd.DataFrame:
    """Kaggle Rossmann train.csv, with the extra columns that were once read as SKUs."""
    rng = np.random.default_rng(2)
    rows = []
    for store in stores:
        for day in pd.date_range("2015-01-01", periods=days, freq="D"):
            is_open = int(day.day_of_week != 6)
            customers = int(rng.integers(400, 900)) * is_open
            rows.append(
                (store, day.day_of_week + 1, day.strftime("%Y-%m-%d"), customers * 9 * is_open, customers, is_open,
                 int(day.day % 14 < 5), "a" if day.day == 1 else "0", int(day.month == 1 and day.day < 7))
            )  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=["Store", "DayOfWeek", "Date", "Sales", "Customers", "Open", "Promo", "StateHoliday", "SchoolHoliday"],
    )


def test_detect_roles_never_takes_a_holiday_flag_as_the_sku_and_completes_the_key_with_the_store():
    d = detect_roles(walmart())
    assert d.key == ("Dept", "Store")  # several rows per Dept and date: Store completes the key
    assert d.mapping.holiday == "IsHoliday" and d.mapping.sku == "Dept"
    assert d.layout == "totals"


def test_detect_roles_on_a_store_file_leaves_day_of_week_counts_and_flags_out_of_the_key():
    d = detect_roles(rossmann())
    m = d.mapping
    assert (m.sku, m.quantity, m.promo, m.in_stock, m.holiday) == ("Store", "Sales", "Promo", "Open", "StateHoliday")
    assert d.layout == "totals" and d.key == ("Store",)
    assert "DayOfWeek" not in d.mapping.mapped().values() and "Customers" not in d.mapping.mapped().values()


def test_detect_roles_leaves_helper_index_columns_and_prices_out_of_the_key():
    # 1C "Predict Future Sales": date_block_num is a month counter, a function of the date.
    rng = np.random.default_rng(3)
    days = pd.date_range("2013-01-01", periods=90, freq="D")
    rows = [
        (day.strftime("%d.%m.%Y"), (day.year - 2013) * 12 + day.month - 1, shop, item,
         float(rng.choice([99.0, 149.0, 899.0])), float(rng.integers(1, 4)))
        for day in days for shop in (25, 31) for item in (22154, 2552, 2554)
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["date", "date_block_num", "shop_id", "item_id", "item_price", "item_cnt_day"])
    d = detect_roles(frame)
    assert d.key == ("item_id", "shop_id")
    assert d.mapping.quantity == "item_cnt_day" and d.mapping.price == "item_price"
    assert "date_block_num" not in d.mapping.mapped().values()


def test_detect_roles_keeps_the_runner_up_of_each_role_with_its_score():
    frame = pd.DataFrame(
        {
            "Order Date": [f"2024-01-0{i % 9 + 1}" for i in range(40)],
            "Ship Date": [f"2024-01-1{i % 9}" for i in range(40)],
            "SKU": [f"A{i % 5}" for i in range(40)],
            "Qty": [str(i % 4 + 1) for i in range(40)],
        }
    )
    d = detect_roles(frame)
    assert d.mapping.date == "Order Date"  # a ship date is not the sale date
    column, score = d.runner_up["date"]
    assert column == "Ship Date" and 0 < score < d.scores["date"]


def test_detect_roles_reads_chinese_headers_by_name_and_content():
    frame = pd.DataFrame(
        {
            "订单编号": [f"T{1000 + i // 2}" for i in range(30)],
            "下单时间": [f"2024-03-{i // 2 % 28 + 1:02d} 10:{i // 2:02d}:00" for i in range(30)],
            "商家编码": [f"SJ-{i % 4}" for i in range(30)],
            "购买数量": [str(i % 3 + 1) for i in range(30)],
            "收货人姓名": [f"张{i}" for i in range(30)],
        }
    )
    m = detect_roles(frame).mapping
    assert (m.order_id, m.date, m.sku, m.quantity) == ("订单编号", "下单时间", "商家编码", "购买数量")


def test_detect_roles_pairs_the_columns_of_a_wide_file_by_their_product_part():
    # The Italian pasta data set (Mancuso et al.): DATE, one QTY_ and one PROMO_ column per product.
    days = pd.date_range("2014-01-02", periods=40, freq="D").strftime("%Y-%m-%d")
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({"DATE": days})
    for p in ("B1_1", "B1_2", "B2_1"):
        frame[f"QTY_{p}"] = rng.integers(0, 30, len(days))
    for p in ("B1_1", "B1_2", "B2_1"):
        frame[f"PROMO_{p}"] = rng.integers(0, 2, len(days))
    proposal = propose(raw_of(frame))
    assert proposal.detection.layout == "wide"
    assert [(w.sku, w.quantity, w.promo) for w in proposal.detection.wide] == [
        ("B1_1", "QTY_B1_1", "PROMO_B1_1"),
        ("B1_2", "QTY_B1_2", "PROMO_B1_2"),
        ("B2_1", "QTY_B2_1", "PROMO_B2_1"),
    ]
    ds = build_dataset(raw_of(frame), proposal.mapping, proposal.ingest)
    assert ds.report.n_skus == 3  # not six: the flags are not products
    b11 = ds.panel[ds.panel["unique_id"] == "B1_1"].reset_index(drop=True)
    assert b11["promo"].tolist() == frame["PROMO_B1_1"].tolist()
    assert b11["y"].sum() == frame["QTY_B1_1"].sum()  # 0/1 flags are not added to units


def test_wide_pairing_also_reads_units_and_price_suffixes():
    days = pd.date_range("2024-01-01", periods=20, freq="D").strftime("%Y-%m-%d")
    frame = pd.DataFrame({"day": days, "units_x": range(20), "price_x": [2.5] * 20, "units_y": range(20)})
    frame["price_y"] = 3.0
    d = detect_roles(frame)
    assert {(w.sku, w.price) for w in d.wide} == {("x", "price_x"), ("y", "price_y")}


def test_a_file_with_dates_as_column_headers_is_read_across():
    # Car parts (Hyndman et al. 2008): one row per part, one column per month.
    assert date_header_columns(["Part", "Jan-98", "Feb-98", "Mar-98"]) == ["Jan-98", "Feb-98", "Mar-98"]
    frame = pd.DataFrame({"Part": ["10279876", "10279995", "10280000"]})
    for month in ("Jan-98", "Feb-98", "Mar-98", "Apr-98"):
        frame[month] = [0, 1, 2]
    proposal = propose(raw_of(frame))
    assert proposal.detection.layout == "wide_dates" and proposal.mapping.sku == "Part"
    ds = build_dataset(raw_of(frame), proposal.mapping, proposal.ingest)
    assert ds.report.freq == "M" and ds.report.balanced
    assert ds.panel[ds.panel["unique_id"] == "10280000"]["y"].tolist() == [2.0, 2.0, 2.0, 2.0]


def test_native_frequency_of_weekly_and_monthly_files_and_sparse_daily_lines():
    fridays = pd.Series(pd.date_range("2010-02-05", periods=12, freq="W-FRI"))
    guess = infer_frequency(fridays)
    assert (guess.freq, guess.week_label, guess.strong) == ("W", "FRI", True)
    month_ends = pd.Series(pd.date_range("2020-01-31", periods=12, freq="ME"))
    assert infer_frequency(month_ends).freq == "M"
    # Trading days only (no Saturdays): still daily.
    weekdays = pd.Series(pd.bdate_range("2024-01-01", periods=40))
    assert infer_frequency(weekdays).freq == "D"


def test_a_weekly_file_dated_on_fridays_keeps_friday_weeks_and_its_last_week():
    frame = walmart(stores=(1,), depts=(1,), weeks=10)
    proposal = propose(raw_of(frame))
    ds = build_dataset(raw_of(frame), proposal.mapping, proposal.ingest)
    assert ds.report.freq == "W" and ds.report.week_label == "FRI"
    assert ds.panel["ds"].dt.day_name().unique().tolist() == ["Friday"]
    assert len(ds.panel) == 10 and ds.report.incomplete_period is None  # the last week is whole
    assert ds.panel["y"].round(2).tolist() == frame["Weekly_Sales"].round(2).tolist()


def test_a_finer_bucket_than_the_file_is_refused_with_the_reason_and_a_coarser_one_is_taken():
    frame = walmart(stores=(1,), depts=(1,), weeks=10)
    proposal = propose(raw_of(frame))
    with pytest.raises(FrequencyError, match=r"weekly file.*Choose weekly or monthly"):
        build_dataset(raw_of(frame), proposal.mapping, proposal.ingest, "D")
    monthly = build_dataset(raw_of(frame), proposal.mapping, proposal.ingest, "M")
    assert monthly.report.freq == "M"
    # The data end on a Friday in mid-April: April is incomplete and left out, the other months add up.
    start, _ = monthly.report.incomplete_period
    whole_months = frame[pd.to_datetime(frame["Date"]) < start]["Weekly_Sales"].sum()
    assert monthly.panel["y"].sum() == pytest.approx(whole_months)


def test_mixed_date_formats_are_read_per_format_with_evidence():
    cells = pd.Series(["2024-03-05", "03/15/2024", "04/02/2024", "15.03.2024", "04.02.2024"])
    parsed = parse_dates(cells)
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-05",
        "2024-03-15",
        "2024-04-02",  # month-first: its own format has 03/15
        "2024-03-15",
        "2024-02-04",  # day-first: its own format has 15.03
    ]
    by_format = {e.format: e for e in parsed.evidence}
    assert set(by_format) == {"yyyy-mm-dd", "mm/dd/yyyy", "dd.mm.yyyy"}
    assert by_format["mm/dd/yyyy"].settled_by == "values" and by_format["mm/dd/yyyy"].rows == 2
    assert ("03/15/2024", "2024-03-15") in by_format["mm/dd/yyyy"].examples


def test_a_format_no_value_settles_is_asked_about_even_when_another_format_is_settled():
    # The dots settle day-first; the slashes never go above 12: reading them day-first too would be a guess.
    cells = pd.Series(["15.03.2024", "03/04/2024", "05/06/2024"])
    with pytest.raises(AmbiguousDateError) as err:
        parse_dates(cells)
    assert err.value.examples[0] == "03/04/2024"
    assert both_readings(["03/04/2024"]) == [("03/04/2024", "2024-04-03", "2024-03-04")]
    answered = parse_dates(cells, day_first=False)
    assert answered.values.dt.strftime("%Y-%m-%d").tolist() == ["2024-03-15", "2024-03-04", "2024-05-06"]


def test_the_likelier_order_of_ambiguous_dates_is_the_one_that_fills_the_calendar():
    # A monthly report dated on the 1st for two years: month-first is 24 consecutive months; day-first would be
    # 1-12 January of each year.
    cells = pd.Series([f"{m:02d}/01/{y}" for y in (2023, 2024) for m in range(1, 13)])
    order, guess = suggest_date_order(cells, "Date")
    assert order is False and guess.freq == "M"


def test_doubts_name_flag_skus_few_skus_and_small_consecutive_integers():
    frame = walmart(stores=(1, 2), depts=tuple(range(1, 26)), weeks=21)  # 1,050 rows
    raw = raw_of(frame)
    proposal = propose(raw)
    assert find_doubts(proposal, build_dataset(raw, proposal.mapping, proposal.ingest), None, len(frame)) == ()
    # The reading that was once proposed: the holiday flag as the SKU.
    wrong = ColumnMapping(date="Date", sku="IsHoliday", quantity="Weekly_Sales")
    ds = build_dataset(raw, wrong, IngestOptions())
    codes = [salesdata.messages.message_of(d).code for d in find_doubts(proposal, ds, None, len(frame), mapping=wrong)]
    assert "doubt.flag_skus" in codes and "doubt.few_skus" in codes
    # Week numbers 1..21 taken as SKUs by content.
    weeks = pd.DataFrame({"d": frame["Date"], "wk": frame.groupby("Date").ngroup() % 21 + 1, "q": frame["Dept"]})
    wk = ColumnMapping(date="d", sku="wk", quantity="q")
    ds = build_dataset(raw_of(weeks), wk, IngestOptions(layout="transactions"))
    codes = [
        salesdata.messages.message_of(d).code for d in find_doubts(propose(raw_of(weeks)), ds, None, 1050, mapping=wk)
    ]
    assert "doubt.small_int_skus" in codes


def test_doubt_on_mostly_empty_periods_when_the_bucket_is_finer_than_the_file():
    # Weekly totals whose weekday drifts (a loose weekly guess), read daily on request: 6 of 7 days empty.
    rng = np.random.default_rng(5)
    starts = pd.date_range("2023-01-02", periods=60, freq="7D") + pd.to_timedelta(rng.integers(0, 3, 60), unit="D")
    frame = pd.DataFrame(
        [(d.strftime("%Y-%m-%d"), f"S{s}", int(rng.integers(5, 50))) for d in starts for s in range(20)],
        columns=["week", "sku", "units"],
    )
    raw = raw_of(frame)
    proposal = propose(raw)
    ds = build_dataset(raw, proposal.mapping, proposal.ingest, "D")
    codes = [salesdata.messages.message_of(d).code for d in find_doubts(proposal, ds, None, len(frame))]
    assert "doubt.empty_periods" in codes


def test_non_merchandise_lines_are_listed_and_excluded_with_their_reason():
    # UCI Online Retail: postage and manual lines on the same invoices as the goods.
    frame = pd.DataFrame(
        {
            "InvoiceNo": ["536365", "536365", "536366", "536366", "536367"] * 8,
            "StockCode": ["85123A", "POST", "22423", "M", "22423"] * 8,
            "Description": ["WHITE HANGING HEART", "POSTAGE", "REGENCY CAKESTAND", "Manual", "REGENCY CAKESTAND"] * 8,
            "Quantity": ["6", "1", "2", "1", "3"] * 8,
            "InvoiceDate": [f"12/{d + 1}/2010 8:26" for d in range(8) for _ in range(5)],
            "UnitPrice": ["2.55", "18.00", "12.75", "0.85", "12.75"] * 8,
        }
    )
    found = find_non_merchandise(frame, ColumnMapping(sku="StockCode", description="Description"))
    assert [(n.code, n.kind, n.rows) for n in found] == [("POST", "postage", 8), ("M", "manual adjustment", 8)]
    raw = raw_of(frame)
    proposal = propose(raw)
    ds = build_dataset(raw, proposal.mapping, replace_day_first(proposal.ingest))
    assert set(ds.profile["unique_id"]) == {"85123A", "22423"}
    assert ds.report.rejected_by_reason == {"excluded_sku": 16} and ds.report.balanced


def replace_day_first(ingest: IngestOptions) -> IngestOptions:
    from dataclasses import replace

    return replace(ingest, day_first=False)


def test_single_letter_codes_are_not_service_lines_without_a_description_that_says_so():
    frame = pd.DataFrame({"SKU": ["A", "B", "M", "S"] * 3})
    assert find_non_merchandise(frame, ColumnMapping(sku="SKU")) == ()


def test_negative_item_ledger_quantities_are_read_as_sales_and_each_row_counted_when_there_is_no_quantity():
    # An ERP item ledger writes a sale as stock leaving (Business Central: Quantity -3).
    ledger = pd.DataFrame(
        {
            "Posting_Date": [f"2024-02-{d:02d}" for d in range(1, 21)],
            "Item_No": ["1896-S", "1900-S"] * 10,
            "Quantity": ["-3", "-1"] * 9 + ["2", "-4"],
        }
    )
    proposal = propose(raw_of(ledger))
    assert proposal.ingest.negate_quantity
    ds = build_dataset(raw_of(ledger), proposal.mapping, proposal.ingest)
    # The one positive row is a return (2 units back) on a day without sales: that day nets to 0 and is counted.
    assert ds.report.return_rows == 1 and ds.report.negative_units == 2
    assert ds.panel["y"].sum() == 3 * 9 + 1 * 9 + 4
    # Lazada's order items: one row per unit, no quantity column.
    units = pd.DataFrame(
        {
            "orderNumber": [f"{4000 + i // 2}" for i in range(24)],
            "createTime": [f"{i // 3 + 10:02d} Mar 2024 14:23" for i in range(24)],
            "sellerSku": ["PH-CASE-01", "PH-CABLE-2M", "PH-CASE-01"] * 8,
            "itemName": ["Phone case", "USB-C cable 2m", "Phone case"] * 8,
        }
    )
    proposal = propose(raw_of(units))
    assert proposal.ingest.count_rows and proposal.mapping.quantity is None
    ds = build_dataset(raw_of(units), proposal.mapping, proposal.ingest)
    assert ds.panel.groupby("unique_id")["y"].sum().to_dict() == {"PH-CABLE-2M": 8.0, "PH-CASE-01": 16.0}


def test_saved_reading_settings_keep_the_detected_key_pairs_exclusions_and_bucket():
    from salesdata import ReadOptions, settings_from_json, settings_to_json

    ingest = IngestOptions(
        layout="wide",
        stores="separate",
        wide_links=(("QTY_B1_1", "B1_1", "PROMO_B1_1", ""),),
        exclude_skus=("POST", "M"),
        week_start=4,
        count_rows=True,
        negate_quantity=True,
    )
    text = settings_to_json(ReadOptions(sheet="Sales"), ColumnMapping(date="DATE", holiday="IsHoliday"), ingest, None)
    back = settings_from_json(text)
    assert back.ingest == ingest and back.freq is None and back.mapping.holiday == "IsHoliday"


def test_cancelled_orders_are_found_by_their_status_and_all_their_lines_left_out():
    # Shopify's order export: the order's status only on its first line item.
    frame = pd.DataFrame(
        {
            "Name": [f"#{1000 + 4 * d + k}" for d in range(5) for k in (1, 1, 2, 3, 3, 4)],
            "Financial Status": ["paid", "", "voided", "refunded", "", "partially_refunded"] * 5,
            "Created at": [f"2024-03-{d:02d} 10:00:00 -0400" for d in range(1, 6) for _ in range(6)],
            "Lineitem quantity": ["1", "2", "1", "3", "1", "2"] * 5,
            "Lineitem sku": ["MUG-01", "TEE-M", "MUG-01", "TEE-M", "CAP-01", "MUG-01"] * 5,
        }
    )
    proposal = propose(raw_of(frame))
    assert proposal.cancelled.column == "Financial Status"
    assert proposal.cancelled.values == ("refunded", "voided")  # a partial refund stands
    ds = build_dataset(raw_of(frame), proposal.mapping, proposal.ingest)
    # Each day's second order (1 line) and third (2 lines, the second with a blank status) go; the rest stay.
    assert ds.report.rejected_by_reason == {"cancelled_order": 15}
    assert ds.panel["y"].sum() == (1 + 2 + 2) * 5 and ds.report.balanced


def test_a_price_of_something_else_and_an_empty_store_column_get_no_role():
    # Walmart's store file (Kaggle yasserh): Fuel_Price is the price of fuel, not of what the store sells.
    rng = np.random.default_rng(6)
    dates = pd.date_range("2010-02-05", periods=30, freq="W-FRI")
    frame = pd.DataFrame(
        [(s, d.strftime("%d-%m-%Y"), round(float(rng.uniform(1e6, 2e6)), 2), round(float(rng.uniform(2.5, 3.5)), 3), "")
         for s in (1, 2, 3) for d in dates],
        columns=["Store", "Date", "Weekly_Sales", "Fuel_Price", "Location"],
    )  # fmt: skip
    proposal = propose(raw_of(frame))
    assert proposal.mapping.price is None and proposal.mapping.store is None
    assert proposal.mapping.quantity == "Weekly_Sales"
    assert any("money rather than units" in n for n in proposal.notes)


def test_a_cancelled_line_without_an_order_number_goes_alone():
    # Blank order ids are not one big order: only the cancelled line itself goes (Parquet reads blanks as NaN).
    import io

    frame = pd.DataFrame(
        {
            "order_id": [None, "SO1", "SO1", None, "SO2"] * 6,
            "status": ["Cancelled", "Shipped", "Cancelled", "Shipped", "Shipped"] * 6,
            "date": [f"2024-01-{d:02d}" for d in range(1, 7) for _ in range(5)],
            "sku": ["A", "B", "B", "C", "A"] * 6,
            "qty": [1, 2, 3, 4, 5] * 6,
        }
    )
    frame["order_id"] = [None if pd.isna(o) else f"{o}-{i // 5}" for i, o in enumerate(frame["order_id"])]
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    raw = salesdata.read_table(buf.getvalue(), "orders.parquet")
    proposal = propose(raw)
    mapping = proposal.mapping.with_role("order_id", "order_id")
    ds = build_dataset(raw, mapping, proposal.ingest)
    # Per day: the cancelled line without an id, and both lines of the order with a cancelled line.
    assert ds.report.rejected_by_reason == {"cancelled_order": 3 * 6}
    assert set(ds.panel["unique_id"]) == {"A", "C"}


def test_a_wide_file_of_numbered_product_columns_is_wide_even_when_they_are_named_like_codes():
    rng = np.random.default_rng(7)
    names = [f"SKU_{i:03d}" for i in range(12)]
    frame = pd.DataFrame(rng.poisson(3, (60, len(names))), columns=names)
    frame.insert(0, "date", pd.date_range("2024-01-01", periods=60).strftime("%Y-%m-%d"))
    proposal = propose(raw_of(frame))
    assert proposal.detection.layout == "wide" and len(proposal.detection.wide) == 12


def test_period_headers_written_as_dates_are_read_across():
    for header in ("%Y-%m", "%Y-%m-%d", "%Y%m"):
        months = pd.date_range("2022-01-01", periods=6, freq="MS").strftime(header)
        text = "Item," + ",".join(months) + "\n" + "".join(f"P{i},1,2,3,4,5,6\n" for i in range(4))
        raw = salesdata.read_table(text.encode(), "pivot.csv")
        assert raw.frame.columns[1] == months[0], header
        proposal = propose(raw)
        ds = build_dataset(raw, proposal.mapping, proposal.ingest)
        assert ds.report.freq == "M" and ds.report.n_skus == 4, header


def test_a_saved_pairing_whose_column_is_gone_names_it():
    days = pd.date_range("2024-01-01", periods=20).strftime("%Y-%m-%d")
    frame = pd.DataFrame({"DATE": days, "QTY_A": range(20), "PROMO_A": [0, 1] * 10, "QTY_B": range(20)})
    frame["PROMO_B"] = 0
    proposal = propose(raw_of(frame))
    next_month = frame.drop(columns=["PROMO_B"])
    with pytest.raises(salesdata.MappingError, match="PROMO_B"):
        build_dataset(raw_of(next_month), proposal.mapping, proposal.ingest)


def test_parquet_columns_with_the_same_name_are_numbered_as_a_header_would_be():
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table([["2024-01-01", "2024-01-02"], ["A", "A"], [1, 2], [3, 4]], names=["date", "sku", "qty", "qty"])
    buf = io.BytesIO()
    pq.write_table(table, buf)
    raw = salesdata.read_table(buf.getvalue(), "dup.parquet")
    assert list(raw.frame.columns) == ["date", "sku", "qty", "qty (2)"]
    assert propose(raw).mapping.quantity == "qty"


def test_flags_are_judged_again_for_a_column_the_user_chooses():
    ledger = pd.DataFrame(
        {
            "Posting Date": [f"2024-01-{d:02d}" for d in range(1, 21)],
            "Item No.": ["IT1", "IT2"] * 10,
            "Quantity": [-2, -1] * 10,
            "Invoiced Count": [2, 1] * 10,
        }
    )
    proposal = propose(raw_of(ledger))
    assert proposal.ingest.negate_quantity
    chosen = proposal.mapping.with_role("quantity", "Invoiced Count")
    assert not salesdata.reading_flags(ledger, chosen, "auto").apply(proposal.ingest).negate_quantity


def test_settings_saved_before_the_bucket_was_detected_take_the_file_s_own():
    import json

    from salesdata import settings_from_json

    old = {"version": 1, "read": {}, "mapping": {"date": "Date", "sku": "Dept", "quantity": "Weekly_Sales"},
           "ingest": {}, "freq": "D"}  # fmt: skip
    assert settings_from_json(json.dumps(old)).freq is None
    assert settings_from_json(json.dumps(old | {"freq": "W"})).freq == "W"


def test_a_reading_that_gives_no_sale_is_a_question():
    frame = pd.DataFrame({"date": ["2024-01-01", "2024-01-02"] * 10, "sku": ["A"] * 20, "qty": ["n/a"] * 20})
    proposal = propose(raw_of(frame))
    ds = build_dataset(raw_of(frame), proposal.mapping, proposal.ingest)
    codes = [salesdata.messages.message_of(d).code for d in find_doubts(proposal, ds, None, 20)]
    assert "doubt.nothing_usable" in codes
