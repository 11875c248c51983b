"""The one translation helper. Every user-facing string goes through :func:`t`.

English is the only catalogue for now; keys are stable ids so a Simplified Chinese catalogue can follow.
Reason codes from the domain (``reason.<code>``) fall back to the domain's English text.
"""

from __future__ import annotations

import streamlit as st

from salesdata import REASONS, WARNINGS, aux_reason_text

__all__ = ["CATALOGUES", "MISSING", "fmt_date", "fmt_int", "fmt_num", "language", "reason_text", "t"]

MISSING = "⟦{key}⟧"

EN: dict[str, str] = {
    # app frame
    "app.title": "Replenish",
    "app.tagline": "Demand forecasting and replenishment studio",
    "nav.data": "Data",
    "sidebar.dataset": "Dataset",
    "sidebar.no_dataset": "No dataset loaded yet. Pick a demo or upload a file on the Data page.",
    "sidebar.dataset_caption": "{skus} SKUs · {start} – {end}",
    "sidebar.sku": "SKU",
    "sidebar.sku_help": "The SKU shown on every page.",
    "sidebar.freq": "Time bucket",
    "sidebar.freq_help": "Sales are summed per day, per week (Monday to Sunday) or per calendar month.",
    "freq.D": "Daily",
    "freq.W": "Weekly",
    "freq.M": "Monthly",
    # data page: source
    "data.title": "Data",
    "data.intro": "Bring your sales history or start on a demo. Every row of the file is accounted for: used, or rejected with its reason.",
    "data.source": "Sales data",
    "data.source.demo:shop": "Demo shop (40 SKUs, 3 years)",
    "data.source.demo:uci": "UCI Online Retail (real data, 40 SKUs)",
    "data.source.upload": "Upload a file",
    "data.demo_caption.demo:shop": "A simulated cross-border online shop: 135,000 order lines with promotions, price changes, Black Friday, 11.11, 618 and Christmas peaks, stock-outs, returns, a new and a discontinued product. Item master and stock-out log included.",
    "data.demo_caption.demo:uci": "Invoice lines of the 40 most regularly sold products of a UK online gift shop, Dec 2009 – Dec 2011. Cancellations appear as returns. Source: UCI Machine Learning Repository, Online Retail (II), CC BY 4.0.",
    "data.upload_label": "Sales file",
    "data.upload_help": "CSV, TSV or TXT (any delimiter; UTF-8, GBK/GB18030 or Latin-1), Excel (.xlsx, .xls), Parquet, or any of these gzip-compressed. Transaction lines, per-period totals, or one column per SKU.",
    "data.upload_prompt": "Upload a sales file to start, or pick a demo above.",
    # data page: reading and mapping
    "data.mapping_title": "Reading and column mapping",
    "data.read_summary": "Read as {fmt}{details}. Layout: {layout} ({reason}).",
    "data.encoding": "Encoding",
    "data.delimiter": "Delimiter",
    "data.sheet": "Sheet",
    "data.header_row": "Header row",
    "data.header_row_help": "Row number of the column names as a spreadsheet shows it; 0 if the file has none.",
    "data.detect": "Detect",
    "data.delim.,": "Comma ,",
    "data.delim.\t": "Tab",
    "data.delim.;": "Semicolon ;",
    "data.delim.|": "Pipe |",
    "data.apply_reading": "Read again",
    "data.mapping_help": "Each role takes one column. Required: date, SKU and quantity (a wide file needs only the date).",
    "data.not_mapped": "— none —",
    "data.detected_by": "detected by {reason}",
    "data.layout": "Layout",
    "data.layout.auto": "Detect",
    "data.layout.transactions": "Transaction lines",
    "data.layout.totals": "Per-period totals",
    "data.layout.wide": "Wide (one column per SKU)",
    "data.day_first": "Date order",
    "data.day_first.auto": "Detect",
    "data.day_first.true": "Day first (31/12/2024)",
    "data.day_first.false": "Month first (12/31/2024)",
    "data.returns": "Negative quantities",
    "data.returns.net": "Returns: subtract from sales",
    "data.returns.exclude": "Reject them",
    "data.duplicates": "Exact duplicate rows",
    "data.duplicates.auto": "Detect (drop for totals, keep for transactions)",
    "data.duplicates.keep": "Keep",
    "data.duplicates.drop": "Drop",
    "data.stores": "Stores or warehouses",
    "data.stores.sum": "Add up per SKU",
    "data.stores.separate": "Separate series (sku@store)",
    "data.apply_mapping": "Apply mapping",
    "data.preview": "First rows of the file as read",
    "data.ambiguous_title": "Which date order does this file use?",
    "data.error_title": "The file could not be turned into a sales panel",
    "data.error_hint": "Fix the mapping or reading options above, or upload a corrected file. The rest of the app keeps working.",
    # roles
    "role.date": "Date",
    "role.sku": "SKU",
    "role.quantity": "Quantity",
    "role.price": "Unit price",
    "role.revenue": "Revenue",
    "role.promo": "Promotion flag",
    "role.store": "Store / warehouse",
    "role.category": "Category",
    "role.in_stock": "In-stock flag",
    "role.order_id": "Order / invoice id",
    "role.description": "Product name",
    # KPIs
    "kpi.skus": "SKUs",
    "kpi.periods": "Periods",
    "kpi.range": "History",
    "kpi.years": "{years} years",
    "kpi.days": "{days} days",
    "kpi.units": "Units sold",
    "kpi.revenue": "Revenue",
    "kpi.rows": "Rows used",
    "kpi.rows_help": "{used} of {read} rows read were used; {rejected} rejected.",
    "kpi.values": "Values used",
    # tabs
    "tab.overview": "SKU history",
    "tab.report": "Validation report",
    "tab.profile": "Catalogue profile",
    "tab.companions": "Item master & stock-outs",
    # overview
    "overview.pick_sku": "Choose the SKU in the sidebar.",
    "overview.sku_title": "{sku} · {name}",
    "overview.sku_facts": "{cls} demand · ABC {abc} · XYZ {xyz} · first sale {first} · last sale {last} · {zeros} of periods without sales",
    "overview.censored": "{n} periods out of stock are shaded: their sales are not demand.",
    "overview.new_item": "New item: under 90 days of history.",
    "overview.class_counts": "Demand classes",
    # report
    "report.read": "{unit} read",
    "report.used": "{unit} used",
    "report.rejected": "{unit} rejected",
    "report.balanced": "Every {unit_lower} is accounted for: {read} read = {used} used + {rejected} rejected.",
    "report.unbalanced": "Accounting does not balance: {read} read, {used} used, {rejected} rejected. Please report this.",
    "report.unit.rows": "Rows",
    "report.unit.values": "Values",
    "report.reasons": "Rejected, by reason",
    "report.no_rejects": "No row was rejected.",
    "report.col.reason": "Reason",
    "report.col.count": "Count",
    "report.col.share": "Share of read",
    "report.col.role": "Role",
    "report.col.column": "Column",
    "report.notes": "What was read how",
    "report.note.layout": "Layout: {layout} ({reason}).",
    "report.note.dates": "Dates read as {fmt}.",
    "report.note.day_first": "Date order: {order}.",
    "report.note.format": "File: {name} ({fmt}{details}).",
    "report.note.duplicates_kept": "{n} rows are exact duplicates of an earlier row. They were kept (two identical order lines can be real); choose Drop in the mapping options to remove them.",
    "report.note.duplicates_dropped": "{n} exact duplicate rows were dropped (listed among the rejected rows).",
    "report.note.returns": "{n} return lines ({units} units) were subtracted from sales in their period.",
    "report.note.negative": "{n} SKU periods had more returns than sales; they count as 0 ({units} units of returns were not netted).",
    "report.note.incomplete": "The last period ({start} – {end}) is incomplete: the data end on {data_end}. Its rows are left out so the forecast does not read a partial total as a drop.",
    "report.note.no_sales": "{n} SKUs have no net sales and are not in the panel: {skus}.",
    "report.note.read_note": "Reading: {note}.",
    "report.note.warning": "{n} used rows: {text}.",
    "report.download_rejected": "Download rejected rows (CSV)",
    "report.download_panel": "Download the panel (CSV)",
    "report.mapping_used": "Column mapping used",
    # profile table
    "profile.download": "Download the profile (CSV)",
    "profile.caption": "One row per SKU. Click a column header to sort.",
    "col.unique_id": "SKU",
    "col.description": "Product",
    "col.category": "Category",
    "col.store": "Store",
    "col.first_date": "First sale",
    "col.last_sale": "Last sale",
    "col.periods": "Periods",
    "col.history_days": "History (days)",
    "col.total_units": "Units",
    "col.revenue": "Revenue",
    "col.zero_share": "Zero periods",
    "col.mean_demand": "Mean per period",
    "col.adi": "ADI",
    "col.adi_help": "Average demand interval: periods per period with a sale. Above 1.32 is intermittent.",
    "col.cv2": "CV²",
    "col.cv2_help": "Squared coefficient of variation of non-zero sales. Above 0.49 is erratic or lumpy.",
    "col.demand_class": "Demand class",
    "col.abc": "ABC",
    "col.xyz": "XYZ",
    "col.new_item": "New",
    "col.censored_periods": "Out-of-stock periods",
    # companions
    "comp.items_title": "Item master",
    "comp.items_help": "One row per SKU with lead_time_days, lead_time_sd_days, unit_cost, on_hand, on_order, moq, pack_size, review_period_days (any subset). Blank cells take the page defaults later.",
    "comp.items_upload": "Item master file",
    "comp.stockouts_title": "Stock-out log",
    "comp.stockouts_help": "Rows of sku, start_date, end_date (or sku, date). Periods out of stock are censored: shaded in charts and, later, left out of model fitting.",
    "comp.stockouts_upload": "Stock-out file",
    "comp.demo_included": "Included with the demo.",
    "comp.none": "None loaded.",
    "comp.summary": "{used} of {read} rows used, {rejected} rejected.",
    "comp.unknown": "{n} SKUs in this file are not in the sales data: {skus}.",
    "comp.remove": "Remove",
    "comp.download_rejected": "Download rejected rows (CSV)",
    "item.unique_id": "SKU",
    "item.lead_time_days": "Lead time (days)",
    "item.lead_time_sd_days": "Lead time SD (days)",
    "item.unit_cost": "Unit cost",
    "item.on_hand": "On hand",
    "item.on_order": "On order",
    "item.moq": "MOQ",
    "item.pack_size": "Pack size",
    "item.review_period_days": "Review period (days)",
    "item.supplier": "Supplier",
    "item.category": "Category",
    "item.product_name": "Product",
    "item.start": "Out of stock from",
    "item.end": "Out of stock to",
    # classes
    "class.smooth": "Smooth",
    "class.erratic": "Erratic",
    "class.intermittent": "Intermittent",
    "class.lumpy": "Lumpy",
    "class.no demand": "No demand",
    "abc.A": "A (top 80%)",
    "abc.B": "B (next 15%)",
    "abc.C": "C (last 5%)",
    "xyz.X": "X (weekly CV ≤ 0.5)",
    "xyz.Y": "Y (weekly CV ≤ 1)",
    "xyz.Z": "Z (weekly CV > 1)",
    # charts
    "chart.units_sold": "Units sold",
    "chart.promotion": "Promotion",
    "chart.stockout": "Out of stock",
    "chart.price": "Price",
    "chart.range_3m": "3m",
    "chart.range_1y": "1y",
    "chart.range_all": "All",
    "chart.of_revenue": "of revenue",
    "chart.of_units": "of units",
    "chart.abc_xyz_title": "ABC by value × XYZ by variability",
    "chart.class_map_title": "Demand classes (Syntetos–Boylan)",
    "chart.adi_axis": "ADI: periods per sale (log scale)",
    "chart.cv2_axis": "CV² of non-zero sales",
    # errors
    "error.unexpected": "Something went wrong while reading this file ({kind}). The rest of the app keeps working; please report the file's shape.",
}
EN |= {f"reason.{code}": text for code, text in REASONS.items()}
EN |= {f"warning.{code}": text for code, text in WARNINGS.items()}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN}


def language() -> str:
    """The session's language code."""
    try:
        lang = st.session_state.get("app.lang", "en")
    except Exception:
        lang = "en"
    return lang if lang in CATALOGUES else "en"


def t(key: str, **values: object) -> str:
    """Translate ``key`` and fill ``{placeholders}``; a missing key shows as ⟦key⟧ so tests can find it."""
    text = CATALOGUES[language()].get(key) or CATALOGUES["en"].get(key)
    if text is None:
        return MISSING.format(key=key)
    return text.format(**values) if values else text


def reason_text(code: str) -> str:
    """A rejection reason for display; auxiliary codes like ``bad_number:unit_cost`` included."""
    key = f"reason.{code}"
    if key in CATALOGUES["en"]:
        return t(key)
    return aux_reason_text(code)


def fmt_int(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}"


def fmt_num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def fmt_date(value: object) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "–"
    return pd.Timestamp(value).strftime("%Y-%m-%d")
