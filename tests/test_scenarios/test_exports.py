"""Exports: golden purchase plan, schedule and report files; formula injection neutralised everywhere."""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from scenarios.exports import csv_bytes, html_report, plan_workbook, purchase_plan, schedule_frame
from ui.core import i18n

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unique_id": ["RP-1", '=HYPERLINK("http://x","y")', "RP-3", "RP-4"],
            "name": ["Mug", "@SUM(A1)", "<script>alert(1)</script>", "-cmd"],
            "category": ["Home", "Home", "Beauty", "Toys"],
            "next_order_date": pd.to_datetime(["2026-10-01", "2026-10-02", "2026-10-20", pd.NaT]),
            "next_order_qty": [120.0, 24.0, 50.0, 0.0],
            "unit_cost": [2.5, 10.0, 4.0, 1.0],
            "on_hand": [10.0, 0.0, 300.0, 5.0],
            "reorder_point": [80.0, 30.0, 60.0, 0.0],
            "safety_stock": [20.0, 8.0, 15.0, 0.0],
            "stockout_risk": [0.12, 0.5, 0.01, 1.0],
            "order_now": [True, True, False, False],
            "status": ["active", "active", "active", "no orders"],
        }
    )


def _orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unique_id": ["RP-1", "RP-3", "RP-1"],
            "order_date": pd.to_datetime(["2026-10-01", "2026-10-20", "2026-11-05"]),
            "arrival_date": pd.to_datetime(["2026-10-15", "2026-11-03", "2026-11-19"]),
            "order_qty": [120.0, 50.0, 120.0],
            "order_value": [300.0, 200.0, 300.0],
            "projected_on_hand": [10.0, 40.0, 35.0],
        }
    )


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it)"


def test_purchase_plan_and_schedule_csv_match_the_golden_files():
    plan = purchase_plan(_table())
    # Only SKUs due now, active, with an order; value = quantity x unit cost.
    assert plan["Value"].tolist() == [300.0, 240.0]
    _golden("purchase_plan.csv", csv_bytes(plan))
    _golden("reorder_schedule.csv", csv_bytes(schedule_frame(_orders())))
    text = (GOLDEN / "purchase_plan.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text


def test_plan_workbook_has_a_formatted_sheet_per_view():
    table = _table().assign(order_qty=[100.0, 20.0, 50.0, 10.0])  # the policy's Q beside the next order
    data = plan_workbook(table, _orders(), {"inventory_value": 1234.5}, {"Dataset": "demo"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "Purchase plan", "Reorder schedule", "Policy per SKU"]
    plan = book["Purchase plan"]
    assert [c.value for c in plan[1]][:3] == ["SKU", "Product", "Category"]
    assert plan["A1"].font.bold and plan.freeze_panes == "A2"
    # Formula payloads are text, never formulas.
    cells = [c.value for row in book["Policy per SKU"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert book["Reorder schedule"]["B2"].number_format == "yyyy-mm-dd"
    assert book["Summary"]["B2"].value == "demo"
    # The policy sheet holds the policy's quantity and the next order's: each header says which.
    headers = [c.value for c in book["Policy per SKU"][1]]
    assert len(headers) == len(set(headers))
    assert {"Order quantity (Q)", "Next order quantity", "Next order date"} <= set(headers)


def test_html_report_is_self_contained_escaped_and_golden():
    report = html_report(
        "Plan <Q4>",
        {"Dataset": "shop & co"},
        [("Inventory value", "1,234"), ("Fill rate", "97.5%")],
        [
            ("Purchase plan", purchase_plan(_table())),
            ("Schedule", schedule_frame(_orders())),
            ("Policy", _table()),
        ],
        [("Chart", "<div id='fixed'>chart</div>")],
        generated=datetime(2026, 11, 29, 9, 30),
    )
    # User strings are text, never markup; formula payloads are quoted as in the spreadsheets.
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "Plan &lt;Q4&gt;" in report and "shop &amp; co" in report
    assert "&#x27;=HYPERLINK" in report
    # Self-contained: nothing is fetched from elsewhere.
    assert 'src="http' not in report and "<link" not in report
    _golden("report.html", report.encode("utf-8"))


def test_exports_speak_the_sessions_language(monkeypatch):

    monkeypatch.setattr(i18n, "language", lambda: "zh")
    labels = i18n.export_labels()
    data = plan_workbook(_table(), _orders(), {"inventory_value": 1234.5}, {"数据集": "demo"}, labels=labels)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["摘要", "采购计划", "订货日程", "各 SKU 策略"]
    assert [c.value for c in book["采购计划"][1]][:5] == ["SKU", "商品", "品类", "下单日期", "数量"]
    assert [c.value for c in book["摘要"]["A"]] == ["项目", "数据集", "库存金额"]
    # The numbers are those of the English export, under Chinese headers.
    english = purchase_plan(_table())
    chinese = purchase_plan(_table(), labels=labels)
    assert chinese["金额"].tolist() == english["Value"].tolist() == [300.0, 240.0]
    report = html_report(
        "计划",
        {},
        [],
        [("日程", schedule_frame(_orders(), labels=labels)), ("策略", _table())],
        labels=labels,
        lang="zh",
    )
    assert "<html lang='zh'>" in report and "<th>到货日期</th>" in report and "<th>再订货点</th>" in report
    assert "Arrival date" not in report and "reorder_point" not in report
