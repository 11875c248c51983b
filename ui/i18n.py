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
    "data.save_settings": "Save these settings (JSON)",
    "data.save_settings_help": "For the batch command: python -m forecasting run --input FILE --mapping this.json …",
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
    # forecast page
    "nav.forecast": "Forecast",
    "fc.title": "Forecast",
    "fc.no_data": "Load sales data on the Data page first.",
    "fc.sku_caption": "{sku} · {name} — {cls} demand, {periods} {freq} periods since {first}.",
    "fc.models": "Models",
    "fc.models_help": "Every model is backtested on the same folds. Seasonal naive always runs: it is the skill reference and the fallback when a model fails.",
    "fc.horizon": "Horizon",
    "fc.horizon_help.D": "Days to forecast; also the length of each backtest window.",
    "fc.horizon_help.W": "Weeks to forecast; also the length of each backtest window.",
    "fc.horizon_help.M": "Months to forecast; also the length of each backtest window.",
    "fc.folds": "Folds",
    "fc.folds_help": "Rolling origins: the model is refitted at each cutoff and scored on the next horizon.",
    "fc.levels": "Intervals",
    "fc.levels_help": "Prediction-interval levels. Models without their own intervals get conformal intervals from their backtest errors.",
    "fc.metric": "Rank by",
    "fc.metric_help": "Metric that orders the leaderboard and picks the winner.",
    "fc.advanced": "Calendars, drivers and tuning",
    "fc.step": "Step between cutoffs (0 = horizon)",
    "fc.step_help": "Periods between consecutive backtest cutoffs. 0 uses the horizon, so the test windows do not overlap; a smaller step gives more, overlapping folds.",
    "fc.country": "Public holidays",
    "fc.country_none": "None",
    "fc.country_help": "A country's public holidays as extra events for Prophet, ARIMA and the regression models.",
    "fc.events": "E-commerce events",
    "fc.events_help": "11.11, 618, Black Friday, Cyber Monday and the Christmas run as known events.",
    "fc.drivers": "Promotions in the backtest",
    "fc.drivers.last_known": "Unknown ahead (no promotion, last price)",
    "fc.drivers.recorded": "Planned ahead (use recorded values)",
    "fc.drivers_help": "What a backtest fold may know about promotions and prices after its cutoff. Choose 'planned ahead' only if your promotion calendar and prices are fixed in advance.",
    "fc.tune": "Tune hyper-parameters",
    "fc.tune_help": "Try a few settings per model family on data before the first backtest cutoff, within the time budget.",
    "fc.tune_budget": "Tuning budget (seconds)",
    "fc.run": "Run backtest and forecast",
    "fc.running": "Starting…",
    "fc.running_model": "Backtesting {model}…",
    "fc.done": "Done",
    "fc.run_failed": "The run failed ({kind}: {message}). Try fewer folds or another model set.",
    "fc.press_run": "Choose the models and press Run. Results stay cached: coming back to this SKU with the same settings is instant.",
    "fc.winner": "Winner: {model} — {metric} {value}{skill}",
    "fc.skill_better": ", {skill} better than seasonal naive",
    "fc.skill_worse": ", {skill} worse than seasonal naive",
    "fc.why_winner": "Why: {reason}.",
    "fc.no_winner": "No model could be scored: the history is too short for a backtest. The forecast uses seasonal naive.",
    "fc.failure": "{model} failed and was replaced by seasonal naive where it failed: {reasons}",
    "fc.show_models": "Show on the chart",
    "fc.show_level": "Interval",
    "fc.show_backtest": "Backtest folds",
    "fc.leaderboard": "Leaderboard",
    "fc.leaderboard_help": "Backtest scores over all folds, ranked by {metric}. Skill is the improvement over seasonal naive; coverage is the share of actual sales inside the interval (close to its level is honest).",
    "fc.col.model": "Model",
    "fc.col.skill": "Skill vs seasonal naive",
    "fc.col.skill_help": "1 − metric / metric of seasonal naive. Positive: better than repeating last season.",
    "fc.col.coverage": "Coverage {level}%",
    "fc.col.fallbacks": "Fallback folds",
    "fc.col.fallbacks_help": "Folds where the model failed and seasonal naive stood in.",
    "fc.col.seconds": "Seconds",
    "fc.col.form": "Chosen form",
    "fc.tab.residuals": "Residuals",
    "fc.tab.importance": "Feature importance",
    "fc.tab.folds": "Fold metrics",
    "fc.tab.downloads": "Downloads",
    "fc.resid_model": "Model",
    "fc.no_backtest": "No backtest: the history is too short.",
    "fc.no_importance": "Feature importances come from the tree models (gradient boosting, random forest). Add one to the run.",
    "fc.dl_forecast": "Forecasts (CSV)",
    "fc.dl_backtest": "Backtest (CSV)",
    "fc.dl_metrics": "Metrics (CSV)",
    "model.naive": "Naive",
    "model.snaive": "Seasonal naive",
    "model.ma": "Moving average",
    "model.ets": "ETS",
    "model.arima": "ARIMA",
    "model.prophet": "Prophet",
    "model.ridge": "Ridge regression",
    "model.hgb": "Gradient boosting",
    "model.rf": "Random forest",
    "model.mlp": "Neural network (MLP)",
    "model.croston": "Croston",
    "model.sba": "SBA",
    "model.tsb": "TSB",
    "model.ensemble": "Ensemble (median of top 3)",
    "metric.mase": "MASE",
    "metric.wape": "WAPE",
    "metric.mae": "MAE",
    "metric.rmse": "RMSE",
    "metric.smape": "sMAPE",
    "metric.bias": "Bias",
    "metric_help.mase": "Mean absolute error divided by the in-sample error of seasonal naive. Below 1 beats repeating last season.",
    "metric_help.wape": "Total absolute error as a share of total sales.",
    "metric_help.mae": "Mean absolute error, in units per period.",
    "metric_help.rmse": "Root mean squared error, in units: punishes large misses.",
    "metric_help.smape": "Symmetric percentage error (0–200); zero when sales and forecast are both zero.",
    "metric_help.bias": "Mean of forecast − actual, in units. Positive: over-forecasting.",
    "metric_help.coverage": "Share of actual sales inside the {level}% interval in the backtest.",
    "event.singles_day": "11.11",
    "event.618": "618",
    "event.black_friday": "Black Friday",
    "event.cyber_monday": "Cyber Monday",
    "event.christmas_run": "Christmas run",
    "event.christmas": "Christmas",
    "chart.history": "History",
    "chart.backtest": "backtest",
    "chart.cutoff": "Cutoff",
    "chart.resid_time": "Backtest errors of {model} (actual − forecast)",
    "chart.resid_acf": "Autocorrelation of the errors",
    "chart.resid_hist": "Distribution of the errors",
    "chart.resid_axis": "Actual − forecast",
    "chart.lag": "Lag",
    "chart.count": "Count",
    "chart.importance": "What drives {model}",
    "chart.importance_axis": "Importance",
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
    except Exception:  # noqa: BLE001 - outside a Streamlit session (figure tests, scripts)
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
