"""AppTest: the app starts on the sample and the Data page shows the numbers of the report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parent.parent / "app_entry.py")
SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_data"


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _open_tab(app: AppTest, label: str) -> None:
    app.session_state["w.data.tabs"] = label
    app.run()
    assert not app.exception, [e.value for e in app.exception]


def _upload(app: AppTest, name: str, data: bytes) -> None:
    app.radio(key="w.data.source").set_value("upload").run()
    app.file_uploader(key="w.data.upload").upload(name, data, "application/octet-stream").run()


def test_app_starts_on_the_demo_shop_with_its_kpis(at):
    shipped = pd.read_parquet(SAMPLE / "orders.parquet")
    metrics = _metrics(at)
    assert metrics["SKUs"] == "40"
    assert metrics["Periods"] == "1,096"
    # Units = daily net sales per SKU, a day with more returns than sales counting as 0.
    day = pd.to_datetime(shipped["order_time"]).dt.normalize()
    daily = shipped.groupby([shipped["sku"], day])["quantity"].sum().clip(lower=0)
    assert metrics["Units sold"] == f"{daily.sum():,.0f}"
    assert metrics["Rows used"] == "100.0%"
    # The sidebar offers the SKUs, best seller first, and the chart shows the chosen one.
    sku = at.sidebar.selectbox(key="w.app.sku").value
    assert sku.startswith("RP-")
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sku in chart["layout"]["title"]["text"]
    assert {trace["name"] for trace in chart["data"]} >= {"Units sold", "Promotion", "Price"}


def test_validation_report_balances_and_counts_every_line(at):
    shipped = pd.read_parquet(SAMPLE / "orders.parquet")
    _open_tab(at, "Validation report")
    metrics = _metrics(at)
    assert metrics["Rows read"] == f"{len(shipped):,}"
    assert metrics["Rows used"] == f"{len(shipped):,}"
    assert metrics["Rows rejected"] == "0"
    assert at.success[0].value.startswith(f"Every row is accounted for: {len(shipped):,} read")
    returns = int((shipped["quantity"] < 0).sum())
    assert any(f"{returns:,} return lines" in m.value for m in at.markdown)


def test_sku_choice_in_the_sidebar_changes_the_chart(at):
    at.sidebar.selectbox(key="w.app.sku").set_value("RP-1016").run()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "RP-1016" in chart["layout"]["title"]["text"]
    assert any("New item" in c.value for c in at.caption)


def test_weekly_time_bucket_rebuilds_the_panel(at):
    at.sidebar.button_group(key="w.app.freq").set_value("W").run()
    # 2023-10-01 is a Sunday: its week starts 2023-09-26; data end 2026-09-30 (Wednesday) -> last week dropped.
    assert _metrics(at)["Periods"] == "157"


def test_uci_demo_loads_real_data_with_returns(at):
    at.radio(key="w.data.source").set_value("demo:uci").run()
    assert _metrics(at)["SKUs"] == "40"
    _open_tab(at, "Validation report")
    assert any("return lines" in m.value for m in at.markdown)


def test_upload_of_a_gbk_csv_with_chinese_headers_is_mapped(at):
    text = "日期,商品编码,销量,促销\n2024-01-01,SKU1,3,是\n2024-01-02,SKU1,5,否\n2024-01-02,SKU2,1,否\n2024-01-03,SKU2,x,否\n"
    _upload(at, "销售.csv", text.encode("gbk"))
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["SKUs"] == "2"
    assert metrics["Units sold"] == "9"
    assert metrics["Rows used"] == "75.0%"
    _open_tab(at, "Validation report")
    assert _metrics(at)["Rows rejected"] == "1"
    reasons = next(df.value for df in at.dataframe if "Reason" in df.value.columns and "Count" in df.value.columns)
    assert reasons.iloc[0].to_dict() == {"Reason": "quantity is not a number", "Count": 1, "Share of read": 0.25}


def test_ambiguous_dates_ask_for_the_order_then_build(at):
    _upload(at, "us.csv", b"date,sku,qty\n03/04/2024,A,1\n05/06/2024,A,2\n")
    assert at.subheader[0].value == "Which date order does this file use?"
    assert not at.metric
    at.button(key="w.data.dayfirst_false").click().run()
    assert _metrics(at)["Periods"] == "64"  # 2024-03-04 .. 2024-05-06


def test_broken_file_shows_a_message_and_the_app_stays_usable(at):
    _upload(at, "junk.csv", bytes(range(256)) * 50)
    assert not at.exception
    assert "not a text table" in at.error[0].value
    at.radio(key="w.data.source").set_value("demo:shop").run()
    assert _metrics(at)["SKUs"] == "40"


def test_mapping_form_changes_the_mapping(at):
    text = b"when,code,units,extra\n2024-01-01,A,3,7\n2024-01-02,A,4,8\n"
    _upload(at, "odd.csv", text)
    assert _metrics(at)["Units sold"] == "7"
    # A file read without doubts keeps the mapping folded away; the user opens it to change a role.
    assert "w.map.quantity" not in [box.key for box in at.selectbox]
    at.session_state["w.data.mapping_expander"] = True
    at.run()
    at.selectbox(key="w.map.quantity").set_value("extra")
    next(b for b in at.button if b.label == "Apply mapping").click().run()
    assert _metrics(at)["Units sold"] == "15"


def _xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    import io

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buf.getvalue()


def test_excel_upload_lets_the_user_pick_the_sheet(at):
    sales = pd.DataFrame({"Date": pd.date_range("2024-01-01", periods=10), "SKU": ["A", "B"] * 5, "Qty": range(1, 11)})
    data = _xlsx({"Cover": pd.DataFrame({"Title": ["Sales export"]}), "Sales": sales})
    _upload(at, "book.xlsx", data)
    # The sheet with a date and a quantity column is read, not the cover sheet in front of it.
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["SKUs"] == "2"
    assert metrics["Units sold"] == "55"
    # The user can still choose another sheet (in the folded reading settings); one without a sales table says
    # what is missing.
    at.session_state["w.data.mapping_expander"] = True
    at.run()
    at.selectbox(key="w.data.read_sheet").set_value("Cover")
    next(b for b in at.button if b.label == "Read again").click().run()
    assert not at.exception
    assert "choose the date" in at.error[0].value.lower()
    at.selectbox(key="w.data.read_sheet").set_value("Sales")
    next(b for b in at.button if b.label == "Read again").click().run()
    assert _metrics(at)["SKUs"] == "2"


def test_item_master_upload_is_validated(at):
    _upload(at, "sales.csv", b"date,sku,qty\n2024-01-01,A,3\n2024-01-02,B,4\n")
    _open_tab(at, "Companion files & stock-outs")
    items = b"sku,lead_time_days,unit_cost\nA,14,2.5\nB,soon,1.0\nZ,7,1\n"
    at.file_uploader(key="w.data.items_upload").upload("items.csv", items, "text/csv").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "2 of 3 rows used, 1 rejected." in captions
    assert any("Z" in w.value and "not in the sales data" in w.value for w in at.warning)


EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"


def test_a_weekly_export_opens_weekly_and_a_daily_bucket_is_refused_with_the_reason(at):
    _upload(at, "walmart_train.csv", (EXPORTS / "walmart_train.csv").read_bytes())
    assert not at.exception
    assert at.sidebar.button_group(key="w.app.freq").value == "W"
    assert _metrics(at)["SKUs"] == "24" and _metrics(at)["Periods"] == "20"
    assert any("one per Dept@Store, weekly (weeks starting Friday)" in c.value for c in at.caption)
    at.sidebar.button_group(key="w.app.freq").set_value("D").run()
    assert any("weekly file" in w.value and "Choose weekly or monthly" in w.value for w in at.sidebar.warning)
    assert at.sidebar.button_group(key="w.app.freq").value == "W"
    assert _metrics(at)["Periods"] == "20"
    at.sidebar.button_group(key="w.app.freq").set_value("M").run()
    assert _metrics(at)["Periods"] == "4"  # Feb..May 2010; June ends mid-month and is left out


def test_ambiguous_dates_show_both_readings_of_the_same_cells_and_mark_the_likelier(at):
    _upload(at, "parts.xlsx", (EXPORTS / "date_trap_ambiguous.xlsx").read_bytes())
    assert at.subheader[0].value == "Which date order does this file use?"
    readings = next(df.value for df in at.dataframe if "Cell as written" in df.value.columns)
    first = readings.iloc[0].to_dict()
    assert first == {
        "Cell as written": "02/01/2023",
        "Day first (31/12/2024)": "2023-01-02",
        "Month first (12/31/2024)": "2023-02-01",
    }
    assert at.button(key="w.data.dayfirst_false").proto.type == "primary"
    assert at.button(key="w.data.dayfirst_true").proto.type == "secondary"
    at.button(key="w.data.dayfirst_false").click().run()
    assert not at.exception
    assert at.sidebar.button_group(key="w.app.freq").value == "M" and _metrics(at)["Periods"] == "24"


def test_open_questions_hold_the_forecast_page_until_the_user_answers(at):
    rng = np.random.default_rng(5)
    starts = pd.date_range("2023-01-02", periods=60, freq="7D") + pd.to_timedelta(rng.integers(0, 3, 60), unit="D")
    frame = pd.DataFrame(
        [(d.strftime("%Y-%m-%d"), f"S{s}", int(rng.integers(5, 50))) for d in starts for s in range(20)],
        columns=["week", "sku", "units"],
    )
    _upload(at, "drifting.csv", frame.to_csv(index=False).encode())
    assert any("Before you forecast" in w.value for w in at.warning)
    at.switch_page(str(Path(__file__).resolve().parents[2] / "app_pages" / "forecast.py")).run()
    assert any("The Data page asks" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label.startswith("Run")]
    at.switch_page(str(Path(__file__).resolve().parents[2] / "app_pages" / "data.py")).run()
    at.button(key="w.data.confirm_reading").click().run()
    assert not any("Before you forecast" in w.value for w in at.warning)
    # The answer is about the file and its mapping: another time bucket does not ask again.
    at.sidebar.button_group(key="w.app.freq").set_value("M").run()
    assert not any("Before you forecast" in w.value for w in at.warning)
    at.switch_page(str(Path(__file__).resolve().parents[2] / "app_pages" / "forecast.py")).run()
    assert not any("The Data page asks" in w.value for w in at.warning)
    assert [b for b in at.button if b.label.startswith("Run")]


def test_postage_and_manual_lines_are_listed_left_out_and_can_be_kept(at):
    _upload(at, "data.csv", (EXPORTS / "uci_online_retail.csv").read_bytes())
    assert _metrics(at)["SKUs"] == "15"
    at.session_state["w.data.mapping_expander"] = True
    at.run()
    listed = next(df.value for df in at.dataframe if "Kind" in df.value.columns)
    assert set(listed["Code"]) == {"POST", "DOT", "M", "C2"}
    box = next(c for c in at.checkbox if c.key.startswith("w.data.nonmerch_exclude."))
    assert box.value is True
    box.uncheck().run()
    assert _metrics(at)["SKUs"] == "19"
    # The choice belongs to this file: the next upload is proposed afresh, its service lines left out.
    _upload(at, "data_ii.xlsx", (EXPORTS / "uci_online_retail_ii.xlsx").read_bytes())
    assert _metrics(at)["SKUs"] == "15"


def test_a_wide_file_of_a_few_products_asks_nothing(at):
    # 600 dates x 2 products: the report counts 1,200 values, but the file has 600 rows and 2 series is right.
    days = pd.date_range("2023-01-01", periods=600).strftime("%Y-%m-%d")
    rng = np.random.default_rng(8)
    frame = pd.DataFrame({"date": days, "Widget": rng.integers(0, 9, 600), "Gadget": rng.integers(0, 9, 600)})
    _upload(at, "two.csv", frame.to_csv(index=False).encode())
    assert _metrics(at)["SKUs"] == "2"
    assert not any("Before you forecast" in w.value for w in at.warning)


def test_a_bad_supplier_or_promotion_file_is_reported_and_the_rest_still_works(at):
    """Planned events and supplier terms are read when first needed (not on the way to the first chart); a file
    that cannot be used is still reported on the companions tab, and the sales data still load."""
    _upload(at, "sales.csv", b"date,sku,qty\n2024-01-01,A,3\n2024-01-02,A,4\n2024-01-03,B,1\n")
    _open_tab(at, "Companion files & stock-outs")
    at.file_uploader(key="w.data.suppliers_upload").upload("suppliers.csv", b"\x00\x01\x02", "text/csv").run()
    at.file_uploader(key="w.data.planned_upload").upload("promos.csv", b"sku,start_date\n", "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(e.startswith("Supplier terms: ") for e in errors), errors
    assert any(e.startswith("Planned promotions and prices: ") for e in errors), errors
    assert _metrics(at)["SKUs"] == "2"
