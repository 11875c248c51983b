"""Exports for stakeholders: the purchase plan and reorder schedule (CSV, formatted XLSX), forecasts (CSV), and a
self-contained HTML report of a scenario. Every text cell is neutralised against spreadsheet formula injection,
and every user string in the report is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np
import pandas as pd

from salesdata.export import csv_bytes, neutralise_formulas, xlsx_bytes

__all__ = ["LABELS", "html_report", "labelled", "plan_workbook", "purchase_plan", "schedule_frame"]

# Headers, sheet names and the few sentences of the exports, by stable id. English here; the interface passes
# its own language's labels (``export.<id>`` in its catalogues), the command line keeps these.
LABELS: dict[str, str] = {
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
    "stockout_risk": "Stockout risk from today's stock",
    "cycle_service_level": "Long-run cycle service",
    "stock_known": "Stock on hand known",
    "order_date": "Order date",
    "arrival_date": "Arrival date",
    "order_qty": "Quantity",
    "projected_on_hand": "Projected on hand",
    "abc": "ABC",
    "xyz": "XYZ",
    "demand_class": "Demand class",
    "model": "Model",
    "mase": "MASE",
    "wape": "WAPE",
    "service_level": "Service level",
    "lead_time_days": "Lead time (days)",
    "days_of_cover": "Days of cover",
    "fill_rate": "Long-run fill rate",
    "inventory_value": "Inventory value",
    "total_cost": "Expected cost",
    "status": "Status",
    "reason": "Reason",
    "order_now": "Order now",
    "on_order": "On order",
    "backorders": "Backorders",
    "protection_demand": "Protection demand",
    "trigger": "Reorder level",
    "raw_need": "Raw need",
    "rule_qty": "Rule quantity",
    "after_moq": "After MOQ",
    "after_pack": "After pack size",
    "capped": "Capped by maximum",
    "date": "Date",
    "demand": "Demand",
    "receipts": "Receipts",
    "inventory_position": "Inventory position",
    "short": "Short",
    "policy.order_qty": "Order quantity (Q)",
    "policy.next_order_date": "Next order date",
    "policy.next_order_qty": "Next order quantity",
    "wanted": "Wanted",
    "funded": "Funded",
    "supplier": "Supplier",
    "sheet.orders": "Orders",
    "sheet.projection": "Projection",
    "sheet.budget_cuts": "Budget cuts",
    "sheet.summary": "Summary",
    "sheet.plan": "Purchase plan",
    "sheet.schedule": "Reorder schedule",
    "sheet.policy": "Policy per SKU",
    "summary.item": "Item",
    "summary.value": "Value",
    "report.more_rows": "{n:,} more rows in the XLSX export.",
}

PLAN_COLUMNS = (
    "unique_id",
    "name",
    "category",
    "next_order_date",
    "next_order_qty",
    "unit_cost",
    "order_value",
    "on_hand",
    "reorder_point",
    "safety_stock",
    "stockout_risk",
)
SCHEDULE_COLUMNS = ("unique_id", "order_date", "arrival_date", "order_qty", "order_value", "projected_on_hand")
POLICY_COLUMNS = (
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
    "stock_known",
    "stockout_risk",
    "cycle_service_level",
    "fill_rate",
    "inventory_value",
    "total_cost",
    "status",
    "reason",
)


def labelled(frame: pd.DataFrame, labels: Mapping[str, str] = LABELS) -> pd.DataFrame:
    """``frame`` with its known column ids replaced by their headers (unknown columns keep their names).

    Headers stay unique: a header already taken gets its column id in brackets.
    """
    names: dict[str, str] = {}
    for c in frame.columns:
        name = str(labels.get(c, LABELS.get(c, c)))
        names[c] = f"{name} [{c}]" if name in names.values() else name
    return frame.rename(columns=names)


def purchase_plan(table: pd.DataFrame, only_now: bool = True, labels: Mapping[str, str] = LABELS) -> pd.DataFrame:
    """What to order: one line per SKU with its next order (only those due now when ``only_now``)."""
    if table.empty or "next_order_date" not in table:
        return labelled(pd.DataFrame(columns=list(PLAN_COLUMNS)), labels)
    rows = table[table["next_order_date"].notna() & (table["status"] == "active")]
    if only_now:
        rows = rows[rows["order_now"].astype(bool)]
    out = rows.assign(order_value=rows["next_order_qty"] * rows["unit_cost"])
    out = out[[c for c in PLAN_COLUMNS if c in out]].sort_values(["next_order_date", "unique_id"])
    return labelled(out.reset_index(drop=True), labels)


def schedule_frame(orders: pd.DataFrame, labels: Mapping[str, str] = LABELS) -> pd.DataFrame:
    """Every planned order of every SKU, by date."""
    if orders.empty:
        return labelled(pd.DataFrame(columns=list(SCHEDULE_COLUMNS)), labels)
    out = orders[[c for c in SCHEDULE_COLUMNS if c in orders]].sort_values(["order_date", "unique_id"])
    return labelled(out.reset_index(drop=True), labels)


def _policy_labels(labels: Mapping[str, str]) -> dict[str, str]:
    """The policy table holds both the policy's order quantity and the next order: say which is which."""
    label = {**LABELS, **labels}
    return label | {key: label[f"policy.{key}"] for key in ("order_qty", "next_order_date", "next_order_qty")}


def _headers(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    both = "order_qty" in frame and "next_order_qty" in frame
    return labelled(frame, _policy_labels(labels) if both else labels)


def plan_workbook(
    table: pd.DataFrame,
    orders: pd.DataFrame,
    kpis: dict[str, float],
    meta: dict[str, str],
    labels: Mapping[str, str] = LABELS,
) -> bytes:
    """Formatted XLSX: a sheet per view (summary, purchase plan, reorder schedule, policy per SKU)."""
    label = {**LABELS, **labels}
    rows = [*meta.items(), *((label.get(k, k), v) for k, v in kpis.items())]
    summary = pd.DataFrame(rows, columns=[label["summary.item"], label["summary.value"]])
    summary[label["summary.value"]] = summary[label["summary.value"]].astype("str")
    policy = table[[c for c in POLICY_COLUMNS if c in table]] if not table.empty else table
    policy = policy.replace([np.inf, -np.inf], np.nan) if not policy.empty else policy
    return xlsx_bytes(
        {
            label["sheet.summary"]: summary,
            label["sheet.plan"]: purchase_plan(table, labels=label),
            label["sheet.schedule"]: schedule_frame(orders, labels=label),
            label["sheet.policy"]: _headers(policy, label),
        }
    )


def _table_html(frame: pd.DataFrame, max_rows: int = 200, more_rows: str = LABELS["report.more_rows"]) -> str:
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
        f'<p class="note">{html.escape(more_rows.format(n=len(frame) - max_rows))}</p>' if len(frame) > max_rows else ""
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
    labels: Mapping[str, str] = LABELS,
    lang: str = "en",
) -> str:
    """A single HTML file: title, settings, KPI cards, charts (pre-rendered HTML, e.g. Plotly with its
    JavaScript inlined once) and tables, with column ids as ``labels`` say. Text from users (names, notes,
    SKUs) is escaped. ``lang`` is the page's language tag."""
    stamp = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    meta_html = " · ".join(f"{html.escape(k)}: {html.escape(str(v))}" for k, v in meta.items())
    cards = "".join(
        f'<div class="kpi"><div class="l">{html.escape(label)}</div><div class="v">{html.escape(value)}</div></div>'
        for label, value in kpis
    )
    charts = "".join(f"<h2>{html.escape(name)}</h2>{snippet}" for name, snippet in figures)
    more_rows = {**LABELS, **labels}["report.more_rows"]
    body_tables = "".join(
        f"<h2>{html.escape(name)}</h2>{_table_html(_headers(frame, labels), more_rows=more_rows)}"
        for name, frame in tables
    )
    return (
        f"<!DOCTYPE html><html lang='{html.escape(lang)}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class='meta'>Replenish · {stamp}<br>{meta_html}</p>"
        f"<div class='kpis'>{cards}</div>{charts}{body_tables}</body></html>"
    )


__all__ += ["csv_bytes"]
