"""Item master and stock-out log validation with row accounting."""

from __future__ import annotations

import pandas as pd
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


def test_planned_promotions_expand_date_ranges_and_account_for_every_row():
    from salesdata import load_planned_drivers

    text = (
        "sku,start_date,end_date,promo,price\n"
        "A,2026-11-08,2026-11-11,1,9.9\n"
        "B,2026-11-20,2026-11-20,yes,\n"
        ",2026-11-01,2026-11-02,1,1\n"  # missing SKU
        "C,2026-11-05,2026-11-01,1,1\n"  # end before start
        "D,2026-11-05,2026-11-06,maybe,1\n"  # promo not a flag
        "E,2026-11-05,2026-11-06,1,-3\n"  # negative price
    )
    plan = load_planned_drivers(read_table(text.encode(), "plan.csv"))
    r = plan.report
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (6, 2, 4)
    assert r.balanced
    assert r.rejected_by_reason == {
        "bad_number:promo": 1,
        "end_before_start": 1,
        "missing_sku": 1,
        "negative:price": 1,
    }
    a = plan.frame[plan.frame["unique_id"] == "A"]
    assert len(a) == 4 and a["price"].eq(9.9).all()
    weekly = plan.for_sku("A", "W")
    assert weekly["ds"].tolist() == [pd.Timestamp("2026-11-02"), pd.Timestamp("2026-11-09")]
    assert weekly["promo"].tolist() == [1.0, 1.0]
    # A store-level series takes its base SKU's plan.
    assert len(plan.for_sku("B@north", "D")) == 1


def test_planned_drivers_without_dates_say_what_is_needed():
    from salesdata import load_planned_drivers

    with pytest.raises(MappingError, match=r"plan\.csv: a plan needs a date"):
        load_planned_drivers(read_table(b"sku,promo\nA,1\n", "plan.csv"))
    # Promotions need to say whose they are.
    with pytest.raises(MappingError, match=r"also needs a SKU column"):
        load_planned_drivers(read_table(b"date,promo\n2026-11-01,1\n", "plan.csv"))


def test_a_closure_plan_without_a_sku_column_closes_every_sku_and_weeks_get_their_open_share():
    from salesdata import load_planned_drivers

    text = (
        "start_date,end_date,closed\n"
        "2026-12-24,2026-12-26,yes\n"  # Thursday to Saturday
        "2027-01-01,2027-01-01,1\n"
        "2027-01-05,2027-01-05,perhaps\n"  # not a flag: rejected with its reason
    )
    plan = load_planned_drivers(read_table(text.encode(), "closures.csv"))
    r = plan.report
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (3, 2, 1)
    assert r.rejected_by_reason == {"bad_flag:closed": 1}
    assert plan.rejected["reason_text"].tolist() == ["closed is not a yes/no (1/0) flag"]
    daily = plan.for_sku("ANY-SKU", "D")
    assert daily["ds"].tolist() == [pd.Timestamp(d) for d in ("2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01")]
    assert daily["open"].tolist() == [0.0, 0.0, 0.0, 0.0]
    # Weeks starting Monday: 21-27 Dec has 3 of 7 days closed, 28 Dec - 3 Jan one.
    weekly = plan.for_sku("ANY-SKU", "W").set_index("ds")["open"]
    assert weekly[pd.Timestamp("2026-12-21")] == pytest.approx(4 / 7)
    assert weekly[pd.Timestamp("2026-12-28")] == pytest.approx(6 / 7)
    monthly = plan.for_sku("ANY-SKU", "M").set_index("ds")["open"]
    assert monthly[pd.Timestamp("2026-12-01")] == pytest.approx(28 / 31)


def test_a_sku_promotion_and_a_store_closure_on_the_same_day_close_the_day():
    from salesdata import load_planned_drivers

    text = "sku,date,promo,open\nA,2026-12-24,1,\n*,2026-12-24,,0\nA,2026-12-23,1,1\n"
    plan = load_planned_drivers(read_table(text.encode(), "plan.csv")).for_sku("A", "D").set_index("ds")
    assert plan.loc[pd.Timestamp("2026-12-24"), "open"] == 0.0
    assert plan.loc[pd.Timestamp("2026-12-24"), "promo"] == 1.0
    assert plan.loc[pd.Timestamp("2026-12-23"), "open"] == 1.0


def test_supplier_file_reads_weekdays_shutdowns_and_minimums():
    from salesdata import load_suppliers

    text = (
        "supplier,order_days,shutdown_start,shutdown_end,min_order_value\n"
        'North,"Mon,Thu",2027-02-04,2027-02-18,1500\n'
        "South,周二、周五,,,800\n"
        "West,Funday,,,\n"  # not a weekday
        "East,,2027-02-10,,\n"  # shutdown without an end
        ",Mon,,,\n"  # no supplier
        "Far,Mon,,,-5\n"  # negative minimum
    )
    terms = load_suppliers(read_table(text.encode(), "suppliers.csv"))
    r = terms.report
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (6, 2, 4)
    assert r.balanced
    assert r.rejected_by_reason == {
        "bad_weekdays": 1,
        "missing_date": 1,
        "missing_supplier": 1,
        "negative:min_order_value": 1,
    }
    assert terms.frame["supplier"].tolist() == ["North", "South"]
    assert terms.frame.loc[0, "shutdown_end"] == pd.Timestamp("2027-02-18")
    with pytest.raises(MappingError, match=r"suppliers\.csv: no supplier column"):
        load_suppliers(read_table(b"vendor_name,x\nA,1\n", "suppliers.csv"))


def test_detect_stockouts_proposes_long_zero_runs_inside_the_selling_life_only():
    from salesdata import detect_stockouts

    ds = pd.date_range("2025-01-01", periods=120)
    steady = [6.0] * 120
    gap = list(steady)
    gap[40:52] = [0.0] * 12  # 12 empty days in a SKU that sells every day: a stock-out
    gap[100:103] = [0.0] * 3  # 3 days: too short to call
    launched = [0.0] * 30 + [6.0] * 90  # zeros before the first sale: not yet listed, not a stock-out
    sparse = [1.0 if i % 9 == 0 else 0.0 for i in range(120)]  # zero 8 days in 9: long runs are normal
    frames = [
        pd.DataFrame({"unique_id": uid, "ds": ds, "y": y})
        for uid, y in (("gap", gap), ("launched", launched), ("sparse", sparse), ("other", steady))
    ]
    # Everything is shut for Christmas-like days 80..89: a closure, not a stock-out.
    closed = pd.concat(frames, ignore_index=True)
    closed.loc[closed["ds"].between(ds[80], ds[89]), "y"] = 0.0
    out = detect_stockouts(closed, "D")
    assert out[["unique_id", "start", "end", "periods"]].to_dict("records") == [
        {"unique_id": "gap", "start": ds[40], "end": ds[51], "periods": 12}
    ]
    # Periods already flagged are not proposed again.
    flagged = closed.assign(in_stock=1)
    flagged.loc[(flagged["unique_id"] == "gap") & flagged["ds"].between(ds[40], ds[51]), "in_stock"] = 0
    assert detect_stockouts(flagged, "D").empty


def test_estimated_lost_sales_use_the_rate_around_each_stock_out():
    from salesdata import estimate_lost_sales

    y = [10.0] * 20 + [0.0] * 5 + [14.0] * 20
    s = pd.DataFrame({"ds": pd.date_range("2025-01-01", periods=45), "y": y, "in_stock": [1] * 20 + [0] * 5 + [1] * 20})
    out = estimate_lost_sales(s, window=4)
    # Rate: mean of 4 days before (10) and 4 after (14) = 12/day; 5 days lost = 60 units.
    assert out[["periods", "rate", "lost_units"]].to_dict("records") == [
        {"periods": 5, "rate": 12.0, "lost_units": 60.0}
    ]
