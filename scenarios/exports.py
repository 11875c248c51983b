"""Exports for stakeholders: the purchase plan and reorder schedule (CSV, formatted XLSX), forecasts (CSV), and a
self-contained HTML report of a scenario. Every text cell is neutralised against spreadsheet formula injection,
and every user string in the report is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pandas as pd

from salesdata.export import csv_bytes, neutralise_formulas, xlsx_bytes

__all__ = ["html_report", "plan_workbook", "purchase_plan", "schedule_frame"]

PLAN_COLUMNS = {
    "unique_id": "SKU",
    "name": "Product",
    "category": "Category",
    "next_order_date": "Order date",
    "next_order_qty": "Quantity",
    "unit_cost": "Unit cost",
    "order_value": "Value",
    "on_hand": "On hand",
    "reorder_point": "Reorder point",
    "safety_stock": "Safety stock",
    "stockout_risk": "Stockout risk",
}


def purchase_plan(table: pd.DataFrame, only_now: bool = True) -> pd.DataFrame:
    """What to order: one line per SKU with its next order (only those due now when ``only_now``)."""
    if table.empty or "next_order_date" not in table:
        return pd.DataFrame(columns=list(PLAN_COLUMNS.values()))
    rows = table[table["next_order_date"].notna() & (table["status"] == "active")]
    if only_now:
        rows = rows[rows["order_now"].astype(bool)]
    out = rows.assign(order_value=rows["next_order_qty"] * rows["unit_cost"])
    out = out[[c for c in PLAN_COLUMNS if c in out]].rename(columns=PLAN_COLUMNS)
    return out.sort_values(["Order date", "SKU"]).reset_index(drop=True)


def schedule_frame(orders: pd.DataFrame) -> pd.DataFrame:
    """Every planned order of every SKU, by date."""
    cols = {
        "unique_id": "SKU",
        "order_date": "Order date",
        "arrival_date": "Arrival date",
        "order_qty": "Quantity",
        "order_value": "Value",
        "projected_on_hand": "Projected on hand",
    }
    if orders.empty:
        return pd.DataFrame(columns=list(cols.values()))
    out = orders[[c for c in cols if c in orders]].rename(columns=cols)
    return out.sort_values(["Order date", "SKU"]).reset_index(drop=True)


def plan_workbook(table: pd.DataFrame, orders: pd.DataFrame, kpis: dict[str, float], meta: dict[str, str]) -> bytes:
    """Formatted XLSX: a sheet per view (summary, purchase plan, reorder schedule, policy per SKU)."""
    summary = pd.DataFrame([*meta.items(), *kpis.items()], columns=["Item", "Value"])
    summary["Value"] = summary["Value"].astype("str")
    policy_cols = [
        c
        for c in (
            "unique_id",
            "name",
            "category",
            "abc",
            "xyz",
            "demand_class",
            "model",
            "mase",
            "wape",
            "service_level",
            "lead_time_days",
            "safety_stock",
            "reorder_point",
            "order_qty",
            "on_hand",
            "days_of_cover",
            "next_order_date",
            "next_order_qty",
            "stockout_risk",
            "fill_rate",
            "inventory_value",
            "total_cost",
            "status",
            "reason",
        )
        if c in table
    ]
    policy = table[policy_cols].replace([np.inf, -np.inf], np.nan) if not table.empty else table
    return xlsx_bytes(
        {
            "Summary": summary,
            "Purchase plan": purchase_plan(table),
            "Reorder schedule": schedule_frame(orders),
            "Policy per SKU": policy,
        }
    )


def _table_html(frame: pd.DataFrame, max_rows: int = 200) -> str:
    safe = neutralise_formulas(frame.head(max_rows))
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in safe.columns)
    body = []
    for row in safe.itertuples(index=False):
        cells = []
        for v in row:
            if isinstance(v, float):
                text = "" if not np.isfinite(v) else f"{v:,.2f}"
                cells.append(f'<td class="n">{text}</td>')
            elif isinstance(v, pd.Timestamp):
                cells.append(f"<td>{v:%Y-%m-%d}</td>")
            else:
                cells.append(f"<td>{html.escape('' if v is None else str(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p class="note">{len(frame) - max_rows:,} more rows in the XLSX export.</p>' if len(frame) > max_rows else ""
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,"Noto Sans CJK SC",sans-serif;margin:32px;color:#222}
h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
.meta{color:#666;font-size:13px}.kpis{display:flex;flex-wrap:wrap;gap:16px;margin:16px 0}
.kpi{border:1px solid #e3e3e3;border-radius:8px;padding:10px 14px;min-width:150px}
.kpi .l{font-size:12px;color:#666}.kpi .v{font-size:22px;font-weight:600}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #e3e3e3;padding:4px 8px}
th{background:#e8f1fb;text-align:left}td.n{text-align:right}.note{color:#666;font-size:12px}
"""


def html_report(
    title: str,
    meta: dict[str, str],
    kpis: Sequence[tuple[str, str]],
    tables: Sequence[tuple[str, pd.DataFrame]],
    figures: Sequence[tuple[str, str]] = (),
    generated: datetime | None = None,
) -> str:
    """A single HTML file: title, settings, KPI cards, charts (pre-rendered HTML, e.g. Plotly with its
    JavaScript inlined once) and tables. Text from users (names, notes, SKUs) is escaped."""
    stamp = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    meta_html = " · ".join(f"{html.escape(k)}: {html.escape(str(v))}" for k, v in meta.items())
    cards = "".join(
        f'<div class="kpi"><div class="l">{html.escape(label)}</div><div class="v">{html.escape(value)}</div></div>'
        for label, value in kpis
    )
    charts = "".join(f"<h2>{html.escape(name)}</h2>{snippet}" for name, snippet in figures)
    body_tables = "".join(f"<h2>{html.escape(name)}</h2>{_table_html(frame)}" for name, frame in tables)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class='meta'>Replenish · {stamp}<br>{meta_html}</p>"
        f"<div class='kpis'>{cards}</div>{charts}{body_tables}</body></html>"
    )


__all__ += ["csv_bytes"]
