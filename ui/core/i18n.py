"""The one translation helper. Every user-facing string goes through :func:`t`.

Two catalogues keyed by the same stable ids: English (here) and Simplified Chinese (``ui.core.i18n_zh``). The session's
language comes from the sidebar switch, the ``?lang=`` query parameter, or the ``REPLENISH_LANG`` setting
(default English). Reason codes from the domain (``reason.<code>``) have entries in both catalogues.
"""

from __future__ import annotations

import streamlit as st

from salesdata import REASONS, WARNINGS, aux_reason_text
from ui.core.i18n_zh import ZH

__all__ = [
    "CATALOGUES",
    "CURRENCY",
    "EN",
    "LANGUAGES",
    "MISSING",
    "QTY_UNIT",
    "currency_symbol",
    "default_currency",
    "default_language",
    "export_labels",
    "fmt_compact",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "fmt_num",
    "language",
    "msg",
    "quantity_unit",
    "reason_text",
    "t",
]

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
    "data.nothing_used": "No row of {name} could be used: all {n} rows were rejected ({reasons}). Check the column mapping and the date order below, or fix the file and upload it again.",
    "data.intro": "Bring your sales history or start on a demo. Every row of the file is accounted for: used, or rejected with its reason.",
    "data.source": "Sales data",
    "data.source.demo:shop": "Demo shop (40 SKUs, 3 years)",
    "data.source.demo:uci": "UCI Online Retail (real data, 40 SKUs)",
    "data.source.upload": "Upload a file",
    "data.demo_caption.demo:shop": "A simulated cross-border online shop: 135,000 order lines with promotions, price changes, Black Friday, 11.11, 618 and Christmas peaks, stock-outs, returns, a new and a discontinued product. Item master, stock-out log, planned promotions and supplier terms included.",
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
    "sidebar.freq_native": "The file's own time bucket. Coarser ones are a choice; finer ones would split its totals.",
    "data.runner_up": "runner-up: '{column}' (score {score})",
    "data.layout.wide_dates": "Wide across (one column per period)",
    "role.holiday": "Holiday flag",
    "doubts.title": "Before you forecast, check how this file was read:",
    "doubts.hint": "Change the mapping below if a column is wrong, or confirm the reading as it is.",
    "doubts.confirm": "The reading is right",
    "doubts.gate": "The Data page asks about how the file was read. Answer first: a forecast of a misread file is nonsense.",
    "doubts.go_data": "Go to the Data page",
    "reading.layout": "Layout: {layout} ({reason})",
    "reading.line": "Read as {layout}: {n} series, one per {series}, {bucket}. Open “Reading and column mapping” to check or change it.",
    "reading.key_wide": "product column",
    "reading.key_composite": "Each series is one {sku} in one {store} ({sku}@{store}): one code has several rows per date.",
    "reading.week_start": "(weeks starting {day})",
    "reading.bucket": "Time bucket of the file: {bucket}; {reason}",
    "reading.stores_to.sum": "Add up the {store} values instead",
    "reading.stores_to.separate": "Keep each {store} as its own series",
    "reading.dates_title": "How the dates were read",
    "reading.col.format": "Format",
    "reading.col.rows": "Rows",
    "reading.col.examples": "Examples (as written → as read)",
    "reading.col.settled": "Day order settled by",
    "reading.col.code": "Code",
    "reading.col.description": "Description",
    "reading.col.kind": "Kind",
    "reading.settled.values": "a value above 12",
    "reading.settled.choice": "your choice",
    "reading.settled.mixed": "the majority (both orders occur)",
    "reading.settled.fixed": "the format itself",
    "reading.nonmerch_title": "Lines that are not merchandise ({n} codes)",
    "reading.cancelled_title": "Orders that did not stand",
    "reading.cancelled_found": "'{column}' says {values} on {n} rows (with an order number, every line of such an order goes).",
    "reading.cancelled_exclude": "Leave cancelled, voided and refunded orders out (listed in the validation report as rejected)",
    "reading.nonmerch_exclude": "Leave these lines out of the forecast (they are listed in the validation report as rejected)",
    "nonmerch.postage": "postage",
    "nonmerch.carriage": "carriage",
    "nonmerch.shipping": "shipping",
    "nonmerch.freight": "freight",
    "nonmerch.bank_charges": "bank charges",
    "nonmerch.fee": "fee",
    "nonmerch.commission": "commission",
    "nonmerch.discount": "discount",
    "nonmerch.adjustment": "adjustment",
    "nonmerch.manual_adjustment": "manual adjustment",
    "nonmerch.samples": "samples",
    "weekday.MON": "Monday",
    "weekday.TUE": "Tuesday",
    "weekday.WED": "Wednesday",
    "weekday.THU": "Thursday",
    "weekday.FRI": "Friday",
    "weekday.SAT": "Saturday",
    "weekday.SUN": "Sunday",
    "dates.col.cell": "Cell as written",
    "dates.likely": "Read as “{order}”, the dates fill the calendar; the other way they scatter. That order is marked.",
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
    "tab.companions": "Companion files & stock-outs",
    # overview
    "overview.pick_sku": "Choose the SKU in the sidebar.",
    "overview.sku_title": "{sku} · {name}",
    "overview.sku_facts": "{cls} demand · ABC {abc} · XYZ {xyz} · first sale {first} · last sale {last} · {zeros} of periods without sales",
    "overview.censored": "{n} periods out of stock are shaded: their sales are not demand.",
    "overview.new_item": "New item: under 90 days of history.",
    # report
    "report.read": "{unit} read",
    "report.used": "{unit} used",
    "report.rejected": "{unit} rejected",
    "report.balanced": "Every {unit_lower} is accounted for: {read} read = {used} used + {rejected} rejected.",
    "report.unbalanced": "Accounting does not balance: {read} read, {used} used, {rejected} rejected. Please report this.",
    "report.unit.rows": "Rows",
    "report.unit.values": "Values",
    "report.unit_one.rows": "row",
    "report.unit_one.values": "value",
    "report.col.role": "Role",
    "report.col.column": "Column",
    "report.reasons": "Rejected, by reason",
    "report.no_rejects": "No row was rejected.",
    "report.col.reason": "Reason",
    "report.col.count": "Count",
    "report.col.share": "Share of read",
    "report.notes": "What was read how",
    "report.note.layout": "Layout: {layout} ({reason}).",
    "report.note.dates": "Dates read as {fmt}.",
    "report.note.day_first": "Date order: {order}.",
    "report.note.format": "File: {name} ({fmt}{details}).",
    "report.note.duplicates_kept": "{n} rows are exact duplicates of an earlier row. They were kept (two identical order lines can be real); choose Drop in the mapping options to remove them.",
    "report.note.duplicates_dropped": "{n} exact duplicate rows were dropped (listed among the rejected rows).",
    "report.note.returns": "{n} return lines ({units} {qty_unit}) were subtracted from sales in their period.",
    "report.note.negative": "{n} SKU periods had more returns than sales; they count as 0 ({units} {qty_unit} of returns were not netted).",
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
    "comp.stockouts_help": "Rows of sku, start_date, end_date (or sku, date). Periods out of stock are censored: shaded in charts, left out of model fitting, backtest errors and safety stock.",
    "comp.stockouts_upload": "Stock-out file",
    "comp.planned_title": "Planned promotions and prices",
    "comp.planned_help": "Rows of sku, start_date, end_date (or sku, date) with promo (1/0, yes/no) and/or price, for the forecast horizon. Models that learned a promotion or price effect from the history (Prophet, ARIMA, the regression family) use them; the forecast chart shades planned promotions.",
    "comp.planned_upload": "Planned promotions file",
    "comp.suppliers_title": "Supplier terms",
    "comp.suppliers_help": "Rows of supplier with order_days (e.g. Mon,Thu or 周一,周四), shutdown_start and shutdown_end (one shutdown per row; repeat the supplier for more) and min_order_value. Joined to SKUs through the item master's supplier column.",
    "comp.suppliers_upload": "Supplier file",
    "comp.file_error": "{role}: {message}",
    "comp.detect_title": "Likely stock-outs found in the sales",
    "comp.detect_help": "Runs of zero sales inside a SKU's selling life, too long to be chance at the SKU's own rate of zero days, while most of the catalogue kept selling. Tick the ones you know were stock-outs: their periods then count as unknown demand, not zero.",
    "comp.detect_none": "No likely stock-outs found.",
    "comp.detect_confirmed": "{n} confirmed stock-outs are applied to the data.",
    "comp.detect_clear": "Forget the confirmed stock-outs",
    "comp.detect_apply": "Treat the ticked runs as out of stock",
    "comp.detect_all": "Treat all {n} as out of stock",
    "comp.detect_nothing_ticked": "Tick at least one run first.",
    "comp.detect.confirm": "Stock-out?",
    "comp.detect.periods": "Periods",
    "comp.detect.zero_share": "Zero periods elsewhere",
    "comp.detect.zero_share_help": "Share of the SKU's other periods with no sales.",
    "comp.detect.probability": "Chance it is luck",
    "comp.detect.probability_help": "Probability of a zero run this long at the SKU's own rate of zero periods (periods treated as independent).",
    "item.ds": "Date",
    "item.promo": "Promotion",
    "item.price": "Price",
    "item.order_days": "Order days",
    "item.shutdown_start": "Shutdown from",
    "item.shutdown_end": "Shutdown to",
    "item.min_order_value": "Minimum order value",
    "item.discontinued": "Discontinued",
    "chart.adjusted": "{model}, planner-adjusted",
    "chart.planned_promo": "Planned promotion",
    "chart.stockout_censored": "Out of stock (left out of fitting)",
    "model.analog": "Borrowed shape (new item)",
    "model.auto": "Automatic: the median of ETS, Theta, ARIMA and LightGBM (whole catalogue), beside the baselines and, for intermittent and lumpy SKUs, Croston, SBA, TSB, ADIDA and IMAPA",
    "weekday.mon": "Mon",
    "weekday.tue": "Tue",
    "weekday.wed": "Wed",
    "weekday.thu": "Thu",
    "weekday.fri": "Fri",
    "weekday.sat": "Sat",
    "weekday.sun": "Sun",
    # planner
    "plan.planned_caption": "Planned promotions and prices are loaded for this SKU from {first}: {n} promoted periods, {inside} within this horizon. Models that learned their effect from the history use them.",
    "plan.donor_title": "New item: borrow history",
    "plan.donor_help": "A SKU with little history can borrow the weekly and seasonal shape of a like item or of its category's average SKU, scaled to its own level. The borrowed forecast is listed as 'Borrowed shape' and is chosen when the SKU is too short for a backtest of its own.",
    "plan.donor_kind": "Borrow from",
    "plan.donor_kind.none": "Nothing",
    "plan.donor_kind.category": "Category {category}",
    "plan.donor_kind.sku": "A like SKU",
    "plan.donor_sku": "Like SKU",
    "plan.donor_scale": "Scale (0 = from the sales so far)",
    "plan.donor_scale_help": "The new item's sales as a multiple of the donor's. Leave 0 to measure it over the last 28 periods both sold (needs 7).",
    "plan.donor_category_label": "category {category}",
    "plan.donor_sku_label": "like {sku}",
    "plan.donor_failed": "The donor cannot be used: {message}",
    "plan.adjust_title": "Planner adjustments: lock a model, override the forecast, note why",
    "plan.adjust_help": "The Replenishment page plans from the locked model (or the winner) with these overrides applied. Each row changes the forecast from its start to its end date: percent (+20 = 20% more), units (added to each period) or set (replaces each period's forecast). Rows apply in order. Press Apply to use them.",
    "plan.lock": "Model for the plan",
    "plan.lock_none": "The winner ({best})",
    "plan.lock_help": "Lock a model for this SKU: the plan uses it even when another model wins the backtest.",
    "plan.note": "Planner note",
    "plan.note_help": "Why this SKU is adjusted (shown on the Replenishment page and kept with the overrides).",
    "plan.ov_range": "Overrides adjust {model} between {first} and {last}.",
    "plan.ov.start": "From",
    "plan.ov.end": "To",
    "plan.ov.kind": "How",
    "plan.ov.kind_help": "percent: scale by (1 + value/100); units: add value per period; set: replace by value.",
    "plan.ov.value": "Value",
    "plan.ov.value_help": "Percent, units per period, or the new units per period.",
    "plan.ov.note": "Reason",
    "plan.ov_apply": "Apply overrides",
    "plan.ov_need_dates": "give both dates",
    "plan.ov_need_kind": "choose percent, units or set",
    "plan.ov_need_value": "give a value",
    "plan.ov_row_problem": "Override row {row}: {message}.",
    "plan.ov_effect": "{n} overrides: the horizon's forecast goes from {stat} to {adj} {qty_unit} ({change}).",
    "plan.ov_download": "Download the adjusted forecast (CSV)",
    "plan.fva_title": "Forecast Value Added of overrides",
    "plan.fva_help": "Every applied override is logged with the statistical and adjusted values of the periods it changed. Once those periods' actual sales are in the data (load newer data, or upload a log saved earlier), the log is scored: positive FVA means the overrides beat the statistical forecast (MAE, units per period).",
    "plan.fva_upload": "Override log from an earlier session (CSV)",
    "plan.fva_bad_file": "{name}: not an override log (needs the columns {columns}).",
    "plan.fva_empty": "No overrides logged yet.",
    "plan.fva_waiting": "{n} adjusted periods are logged; none has actual sales yet (the data end on {last}). Download the log and upload it with newer data to score it.",
    "plan.fva_helped": "Over {periods} periods with actuals, overrides cut the error from {stat} to {adj} {qty_unit} per period ({pct} better).",
    "plan.fva_hurt": "Over {periods} periods with actuals, overrides raised the error from {stat} to {adj} {qty_unit} per period ({pct} worse).",
    "plan.fva_download": "Download the override log (CSV)",
    "plan.fva.sku": "SKU",
    "plan.fva.logged": "Periods adjusted",
    "plan.fva.periods": "With actuals",
    "plan.fva.mae_stat": "MAE statistical",
    "plan.fva.mae_adj": "MAE adjusted",
    "plan.fva.fva": "FVA ({qty_unit})",
    "plan.fva.fva_pct": "FVA (%)",
    "plan.fva.bias_stat": "Bias statistical",
    "plan.fva.bias_adj": "Bias adjusted",
    "plan.rules_title": "Ending items and excess stock",
    "plan.inactive_days": "Ending after days without sales",
    "plan.inactive_days_help": "An item with no sales for longer than this (or flagged discontinued in the item master) gets no orders. 0 turns the rule off.",
    "plan.cover_days": "Excess above days of cover",
    "plan.cover_days_help": "Stock (on hand + on order) covering more days of the last 90 days' demand than this is excess: the item is listed in the Excess tab and gets no orders.",
    "plan.using_adjusted": "Planning from the planner-adjusted {model} forecast ({n} overrides): {stat} → {adj} {qty_unit} over the horizon.",
    "plan.note_shown": "Planner note: {note}",
    "plan.sup_caption": "Supplier {supplier}: {terms}.",
    "plan.sup_days_text": "orders on {days}",
    "plan.sup_shutdown_text": "closed {start} to {end}",
    "plan.sup_mov_text": "minimum order value {mov}",
    "plan.sup_any_day": "orders any day",
    "plan.below_mov": "The next order is worth {value}, below {supplier}'s minimum order value of {mov}. The Supplier plan tab combines it with the supplier's other SKUs.",
    "plan.lost_title": "Estimated lost sales in the history: {units} {qty_unit} in {runs} stock-outs ({periods} periods)",
    "plan.lost_help": "Each out-of-stock run times the mean {freq} sales in the 28 in-stock periods around it. These periods are left out of fitting, backtest errors and safety stock.",
    "plan.lost_rate": "Demand rate per period",
    "plan.lost_units": "Lost units",
    "plan.sup_none": "This SKU has no supplier in the item master, so there is no supplier plan. Add a supplier column to the item master.",
    "plan.sup_help": "All {n} SKUs of {supplier} planned together with the page's service level and costs and each SKU's item-master row: order days and shutdowns, the minimum order value ({mov}) per order day, and an optional budget per order day.",
    "plan.budget": "Budget per order day (0 = none)",
    "plan.budget_help": "Orders on one day are funded most urgent first (fewest days of cover, then A before B before C); an order that does not fit is cut to the whole packs that fit, or deferred to the next order day.",
    "plan.sup_missing": "{n} of the supplier's {total} SKUs have no forecast yet.",
    "plan.sup_run": "Forecast the {n} SKUs and plan",
    "plan.sup_failed": "{sku} could not be forecast: {message}",
    "plan.sup_skipped": "{sku}: {reason}",
    "plan.sup_orders": "Orders",
    "plan.sup_days": "Order days",
    "plan.sup_value": "Total value",
    "plan.sup_min_day": "Smallest order day",
    "plan.sup_min_day_help": "Value of the smallest order day; the supplier's minimum is {mov}.",
    "plan.col.order_value": "Order value",
    "plan.col.reason": "Reason",
    "plan.cuts_title": "Budget cuts",
    "plan.cuts_help": "Orders cut or deferred by the budget cap, most covered SKUs first.",
    "plan.excess_need_items": "The excess view needs an item master with on-hand stock.",
    "plan.excess_none": "No SKU holds more than {days} days of cover.",
    "plan.excess_caption": "{n} SKUs hold more than {days} days of cover; their excess is worth {value}. The plan places no orders for them.",
    "plan.excess.stock": "Stock (on hand + on order)",
    "plan.excess.daily": "Demand per day (last 90 days)",
    "plan.excess.cover": "Days of cover",
    "plan.excess.units": "Excess units",
    "plan.excess.value": "Excess value",
    "plan.excess_download": "Download the excess list (CSV)",
    "rp.tab.supplier": "Supplier plan",
    "rp.tab.excess": "Excess stock",
    "nav.portfolio": "Portfolio",
    "nav.scenarios": "Scenarios",
    "pf.title": "Portfolio",
    "pf.intro": "The whole catalogue in one go: forecast every SKU, plan each one, and see what to order now, which SKUs are at risk and how much inventory the policy ties up.",
    "pf.filter_category": "Categories (empty: all)",
    "pf.filter_abc": "ABC classes (empty: all)",
    "pf.status": "{n} SKUs selected: {done} forecast, {failed} failed, {missing} not run yet. Each SKU's forecast is chosen from these models by a backtest with the Forecast page's settings ({folds} folds, {backtest}).",
    "pf.store": "Results kept for this dataset: {mb} MB (all datasets on this server: {total} of {limit} MB).",
    "pf.store_help": "Forecasts and plans are kept in memory and shared by the sessions of this server. When the limit (REPLENISH_STORE_MB) is reached, the run used least recently is dropped whole and would be run again; a run larger than the limit is kept.",
    "pf.planning_n": "Planning the catalogue: {done} of {total} SKUs",
    "pf.kpi.exact": "Exactly {value}.",
    "pf.models": "Models to plan with",
    "pf.models_auto": "Automatic (by demand class)",
    "pf.models_help": "The models every SKU of the catalogue is forecast with before it is planned; the Replenishment page plans from the same forecasts. Automatic: the median of ETS, Theta, ARIMA and LightGBM (whole catalogue) beside the baselines, and Croston, SBA, TSB, ADIDA and IMAPA for intermittent and lumpy SKUs. Changing the set needs a new run.",
    "pf.backtest.every": "models refitted at every cutoff",
    "pf.backtest.first": "models estimated once, at the first cutoff: faster",
    "pf.run": "Forecast {n} SKUs and plan",
    "pf.run_done": "All forecast",
    "pf.cancel": "Cancel",
    "pf.cancel_help": "Stops the run; SKUs already forecast are kept, and the next run picks up the rest.",
    "pf.running": "{done} of {total} SKUs forecast (last: {sku}, {s} s)",
    "pf.press_run": "Press the button above to forecast and plan the selected SKUs. Runs are cached per SKU: SKUs forecast on the Forecast or Replenishment pages are not run again.",
    "pf.failed_forecast": "forecast failed: {reason}",
    "pf.not_run": "not forecast yet",
    "pf.bulk_title": "Bulk parameters: service level and lead time for the whole catalogue, by ABC class or category",
    "pf.bulk_help": "The global service level and policy apply to every SKU; with class levels on, A, B and C SKUs get their own; a category level wins over both; a lead-time change is added to every SKU's lead time (from the item master). The KPI deltas compare with the global settings alone.",
    "pf.lead_delta": "Lead time change (days)",
    "pf.lead_delta_help": "Added to every SKU's lead time: the 'supplier is 5 days slower' what-if.",
    "pf.window": "Stockout window (days)",
    "pf.window_help": "Projected stockouts are counted over this many days from today.",
    "pf.use_class_levels": "Service level by ABC class",
    "pf.class_level": "Class {cls} (%)",
    "pf.category_level_global": "global level",
    "pf.category_level": "Service level for the category",
    "pf.category_level_help": "Leave blank to use the class or global level.",
    "pf.kpi.skus": "SKUs planned",
    "pf.kpi.skus_help": "SKUs in the selection; {failed} could not be planned (see below).",
    "pf.kpi.value": "Inventory value",
    "pf.kpi.value_help": "Average stock on hand over the horizon (simulated) at unit cost, summed over SKUs.",
    "pf.kpi.fill": "Fill rate",
    "pf.kpi.fill_help": "In the long run: the share of demand served from stock once each SKU's policy runs in its steady state (simulated), weighted by forecast demand.",
    "pf.kpi.csl": "Cycle service",
    "pf.kpi.csl_help": "In the long run: the share of replenishment cycles without a stockout once each policy runs in its steady state (simulated), mean over SKUs: what the service targets promise, whatever today's stock.",
    "pf.safety_methods": "Safety stocks set by: {methods} SKUs. Calibrated: the chosen forecast's errors from a year of weekly origins (computed with each forecast); SKUs without enough of them fall back to the next method.",
    "pf.col.safety_method": "Safety stock from",
    "pf.col.safety_errors": "Errors used",
    "pf.col.safety_errors_help": "How many forecast errors over the protection interval set the safety stock (calibrated: this SKU's own plus those pooled from similar SKUs; backtest: windows of the backtest folds).",
    "pf.stock_assumed": "Stock on hand is not known for {unknown} of {total} SKUs (no on_hand in an item master): their plans start from the stock each policy holds on average (the reorder point plus half an order), their stockout risk from today's stock is left blank, and they count in no projected stockout. Upload an item master with on_hand to plan from your shelves.",
    "pf.col.risk_today": "Stockout risk, today's stock",
    "pf.col.risk_today_help": "Share of simulated paths with a stockout over the horizon, starting from today's stock on hand and open orders; blank where the stock is not known.",
    "pf.stock_editor_title": "Stock on hand and on order",
    "pf.stock_editor_help": "Stock is known for {known} of {total} SKUs. Type or paste (from a spreadsheet: select the first cell, then paste) today's stock on hand and on order; typed values override the item master's, are saved with the scenario and replan the catalogue. Leave on hand empty where you do not know it.",
    "pf.col.stock_known": "Stock known",
    "pf.col.stock_known_help": "On hand comes from the item master or was typed; otherwise the plan assumes the policy's average stock (the reorder point plus half an order), shown in On hand.",
    "pf.kpi.order_now": "Order now",
    "pf.kpi.order_now_help": "SKUs whose plan places an order within the next 7 days (this order cycle).",
    "pf.kpi.stockouts": "Stockouts in {days} days",
    "pf.kpi.stockouts_short": "Projected stockouts",
    "pf.kpi.stockouts_help": "SKUs whose stock runs out within {days} days on the mean forecast, even after the planned orders; only SKUs whose stock on hand is known.",
    "pf.kpi.cost": "Expected cost",
    "pf.rules_effect": "Against the global settings alone, the bulk rules change expected cost by {cost}, inventory value by {value} and the fill rate by {fill} points.",
    "pf.failed_title": "{n} SKUs could not be forecast or planned",
    "pf.tab.table": "All SKUs",
    "pf.tab.now": "Order now",
    "pf.tab.charts": "ABC-XYZ and accuracy",
    "pf.tab.export": "Exports",
    "pf.tab.save": "Save scenario",
    "pf.table_caption": "{n} of {total} SKUs. Pick a row to open the SKU on the Forecast or Replenishment page.",
    "pf.pick_row": "Pick a row to open that SKU.",
    "pf.open_forecast": "Open {sku} on the Forecast page",
    "pf.open_replenishment": "Open {sku} on the Replenishment page",
    "pf.only_now": "Order now only",
    "pf.col.class": "Demand class",
    "pf.col.model": "Model",
    "pf.col.order_now": "Order now",
    "pf.col.status": "Status",
    "pf.col.reason": "Reason",
    "pf.nothing_now": "Nothing to order in the next 7 days.",
    "pf.now_caption": "{n} SKUs to order in the next 7 days, worth {value}.",
    "pf.matrix_title": "ABC-XYZ: SKUs, share of inventory value, orders now",
    "pf.matrix_cell": "{n} SKU<br>{share} of value<br>{now} to order",
    "pf.accuracy_title": "Backtest accuracy of the chosen models (MASE; below 1 beats the seasonal naive scale)",
    "pf.skus": "SKUs",
    "pf.dl_plan_csv": "Purchase plan (CSV)",
    "pf.dl_schedule_csv": "Reorder schedule (CSV)",
    "pf.dl_xlsx": "Plan workbook (XLSX, a sheet per view)",
    "pf.dl_forecasts": "Forecasts (CSV)",
    "pf.dl_report": "Report (HTML, for email)",
    "pf.export_help": "Text cells that a spreadsheet could run as a formula (starting with =, +, -, @) are quoted in every export. The HTML report is one file with its charts inside; it opens in any browser without a network.",
    "pf.report_title": "Replenishment plan",
    "pf.report_schedule": "Reorder schedule",
    "pf.report_policy": "Policy per SKU",
    "pf.meta.dataset": "Dataset",
    "pf.meta.skus": "SKUs",
    "sc.title": "Scenarios",
    "sc.intro": "Saved what-ifs: load one to continue from it, rename, duplicate or delete it, download its report, and compare two to four side by side. Scenarios are kept in the scenario store and survive restarts.",
    "sc.name": "Scenario name",
    "sc.name_help": "Up to 80 characters, e.g. 'Lead time +5 days' or 'A-items at 98%'.",
    "sc.overwrite": "Replace a scenario with the same name",
    "sc.save": "Save scenario",
    "sc.saved": "Saved '{name}'.",
    "sc.bad_name": "Not a valid name: {reason}.",
    "sc.name_taken": "A scenario called '{name}' already exists. Choose another name or tick 'Replace'.",
    "sc.store_unavailable": "The scenario store cannot be used: {reason}. Everything else keeps working.",
    "sc.upload_not_kept": "The uploaded file could not be kept on the server ({reason}): the scenario works in this session, but other sessions and links will ask for the file again. Free disk space to keep it.",
    "sc.store_failed": "The scenario store failed: {reason}.",
    "sc.share_title": "Shareable link",
    "sc.share_help": "Add this to the app's address to reproduce the current what-if (portfolio settings, per-SKU parameters, SKU) on the same dataset.",
    "sc.link_bad": "The shared link could not be used: {reason}.",
    "sc.link_applied": "The shared what-if is applied.",
    "sc.load_bad": "Scenario {name} could not be loaded: {reason}. Save it again from the Portfolio page.",
    "sc.data_missing": "This scenario cannot be loaded here: {reason}.",
    "sc.none": "No scenarios saved yet. Save one from the Portfolio page.",
    "sc.same_data": "Same data",
    "sc.same_data_help": "Made on the dataset loaded now.",
    "sc.updated": "Saved",
    "sc.pick": "Scenario",
    "sc.new_name": "New name (rename or duplicate)",
    "sc.load": "Load",
    "sc.rename": "Rename",
    "sc.duplicate": "Duplicate",
    "sc.copy_of": "{name} (copy)",
    "sc.delete": "Delete",
    "sc.delete_confirm": "Delete '{name}' for good?",
    "sc.delete_yes": "Yes, delete",
    "sc.loaded": "Working from scenario '{name}'.",
    "sc.dl_report": "Download the report of '{name}' (HTML)",
    "sc.report_title": "Scenario",
    "sc.compare_title": "Compare",
    "sc.compare_pick": "Scenarios to compare (2 to 4)",
    "sc.compare_need": "Pick at least two scenarios.",
    "sc.compare_datasets": "These scenarios were made on different datasets: their numbers are not like for like.",
    "sc.param_diff": "Parameters that differ",
    "sc.no_param_diff": "The parameters are the same.",
    "sc.parameter": "Parameter",
    "sc.compare_download": "Download the comparison (HTML)",
    "sc.compare_report_title": "Scenario comparison",
    "sc.compare_of": "Scenarios",
    "sc.kpi_chart": "KPIs side by side",
    "sc.kpi_diff": "KPIs",
    "sc.kpi": "KPI",
    "common.yes": "yes",
    "common.no": "no",
    "sc.diff_col": "{scenario} − {base}",
    "sc.kpi_diff_help": "Each scenario's KPIs, then each scenario minus the base ({base}, the first picked): green where the change is better, red where it is worse.",
    "sc.param.window_days": "Stockout window (days)",
    "sc.param.cover_days": "Excess stock above (days of cover)",
    "sc.param.sku": "SKU shown",
    "sc.param.class_level": "Service level, class {cls}",
    "sc.param.category_level": "Service level, category {category}",
    "sc.param.forecast": "Forecast setting: {name}",
    "sc.param.overrides": "Forecast overrides of {sku}",
    "sc.param.locks": "Model locked for {sku}",
    "sc.param.notes": "Note on {sku}",
    "sc.param.donors": "Borrowed history for {sku}",
    "sc.param.filter": "SKU filter: {name}",
    "sc.kpi.risk": "Mean stockout risk from today's stock (SKUs with known stock)",
    "sc.kpi.orders": "Orders planned",
    "sc.kpi.order_value": "Value of orders",
    "sc.kpi.ss_value": "Safety stock value",
    "sc.kpi_chart_title": "KPIs relative to the first scenario",
    "sc.relative_to_first": "Relative to the first",
    "sc.spend_title": "Cumulative purchase spend",
    "sc.spend_axis": "Value of orders",
    "sc.per_sku": "Safety stock per SKU",
    "sc.saved_at": "Saved: {dates}",
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
    "fc.sku_caption": "{sku}{name} — {cls} demand, {periods} {freq} periods since {first}.",
    "fc.models": "Models",
    "fc.models_help": "Every model is backtested on the same folds. Seasonal naive always runs: it is the skill reference and the fallback when a model fails. LightGBM (whole catalogue) learns from every SKU of the file at once: it is trained once for this data and these settings (up to a minute or two on thousands of SKUs), then serves every SKU.",
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
    "fc.advanced": "Backtest, calendars, drivers and tuning",
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
    "fc.refit": "Refit at every backtest cutoff",
    "fc.refit_help": "On: every model is estimated again at each cutoff (the most faithful backtest). Off: estimated once at the first cutoff and carried forward (ETS and ARIMA update their state with the new weeks, lag models read new lags; Prophet and Ridge keep their parameters), as statsforecast's refit=False. About 30% faster for a catalogue; errors come from slightly older parameters. The final forecast is always fitted on all data.",
    "fc.tune": "Tune hyper-parameters",
    "fc.tune_help": "Try a few settings per model family on data before the first backtest cutoff, within the time budget.",
    "fc.tune_budget": "Tuning budget (seconds)",
    "fc.run": "Run backtest and forecast",
    "fc.running": "Starting…",
    "fc.training_global": "Training LightGBM on the whole catalogue ({n} SKUs), once for this data and these settings…",
    "fc.running_model": "Backtesting {model}…",
    "fc.done": "Done",
    "fc.run_failed": "The run failed ({kind}: {message}). Try fewer folds or another model set.",
    "fc.press_run": "Choose the models and press Run. Results stay cached: coming back to this SKU with the same settings is instant.",
    "fc.winner": "Forecast used: {model} — {metric} {value}{skill}",
    "fc.no_backtest_class": "No backtest: the history is too short for any fold. The forecast is {model}, chosen by demand class: {reason}.",
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
    "fc.col.cutoff": "Fold ends",
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
    "model.lgbm": "LightGBM (whole catalogue)",
    "model.rf": "Random forest",
    "model.mlp": "Neural network (MLP)",
    "model.theta": "Theta",
    "model.croston": "Croston",
    "model.sba": "SBA",
    "model.tsb": "TSB",
    "model.adida": "ADIDA (aggregated)",
    "model.imapa": "IMAPA (multi-aggregated)",
    "model.ensemble": "Ensemble (combination)",
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
    # replenishment page
    "nav.replenishment": "Replenishment",
    "rp.title": "Replenishment",
    "rp.caption": "{title} — {cls} demand; planning from a {days}-day forecast after the last data on {last}.",
    "rp.need_forecast": "Planning needs a forecast of the next {days} days for this SKU with the Forecast page's models. It runs once and is kept.",
    "rp.horizon": "Planning horizon (days)",
    "rp.horizon_help": "How far ahead to forecast and plan. It must cover lead time + review period; 3 months shows several order cycles.",
    "rp.run_forecast": "Forecast {days} days and plan",
    "rp.no_item_master": "No item-master row for this SKU: lead time, costs and stock start at defaults. Upload an item master on the Data page to prefill them.",
    "rp.input_error": "These settings cannot be planned: {message}.",
    "rp.lead_time": "Lead time (days)",
    "rp.lead_time_help": "Days from placing an order to having the stock. Prefilled from the item master.",
    "rp.lead_time_sd": "Lead-time variability (sd, days)",
    "rp.lead_time_sd_help": "Standard deviation of the lead time. Adds d̄·σ_L to the uncertainty and draws lead times in the simulation.",
    "rp.service_type": "Target",
    "rp.service_type.csl": "Cycle service level",
    "rp.service_type.fill": "Fill rate",
    "rp.service_type_help": "Cycle service level: share of order cycles without a stockout. Fill rate: share of units served from stock.",
    "rp.service_level": "Service level",
    "rp.service_level_help": "The target for the measure chosen on the left. The page shows both measures: the one targeted and the one it implies.",
    "rp.policy": "Policy",
    "rp.policy.sQ": "(s, Q) reorder point, fixed quantity",
    "rp.policy.sS": "(s, S) reorder point, order up to",
    "rp.policy.RS": "(R, S) review every R days, order up to",
    "rp.policy_help": "(s, Q): when stock on hand plus on order falls to s, order Q (EOQ by default). (s, S): order up to S instead. (R, S): every R days, order up to S.",
    "rp.review_period": "Review period R (days)",
    "rp.review_period_help": "Days between reviews for (R, S).",
    "rp.model": "Forecast model",
    "rp.model_help": "The plan follows this model's forecast and its backtest errors. ★ marks the Forecast page's winner.",
    "rp.on_hand": "On hand ({qty_unit})",
    "rp.more": "Costs, constraints, stock and simulation",
    "rp.unit_cost": "Unit cost",
    "rp.holding_rate": "Holding rate (% of cost a year)",
    "rp.holding_rate_help": "Cost of holding one unit for a year, as a share of its cost (capital, storage, shrinkage). Default 25% a year; an item master's holding_rate column sets it per SKU.",
    "rp.order_cost": "Cost per order",
    "rp.order_cost_help": "Fixed cost of placing and receiving one order (default 50). With the holding cost, it sets the EOQ; an item master's order_cost column sets it per SKU.",
    "rp.costs_given": "These are my costs: Q = EOQ",
    "rp.costs_given_help": "On: the order quantity is the economic order quantity of the ordering and holding costs above. Off (the default without an item master's order_cost or holding_rate): the default costs' EOQ is kept within the cover of days at the right, so a slow mover does not order a year's demand and a fast one every day.",
    "rp.cover_min": "Q at least (days of demand)",
    "rp.cover_max": "Q at most (days of demand)",
    "rp.cover_help": "Without your costs, the order quantity stays within this many days of forecast demand (default 7 to 91).",
    "rp.stockout_cost": "Stockout cost per unit",
    "rp.stockout_cost_help": "Lost margin (or penalty) per unit not served from stock. Sets the cost-optimal service level.",
    "rp.moq": "MOQ ({qty_unit})",
    "rp.pack": "Pack size ({qty_unit})",
    "rp.max_order": "Maximum order (0 = none)",
    "rp.max_order_help": "Largest order the supplier takes; orders are capped to whole packs below it.",
    "rp.fixed_q": "Fixed order quantity (0 = EOQ)",
    "rp.fixed_q_help": "For (s, Q) and (s, S): the order quantity. 0 uses the economic order quantity.",
    "rp.on_order": "On order ({qty_unit})",
    "rp.on_order_arrival": "On-order arrival",
    "rp.on_order_arrival_help": "When the units already on order arrive.",
    "rp.backorders": "Backorders",
    "rp.backorders_help": "On: unmet demand waits for the next delivery. Off: it is lost (usual in e-commerce).",
    "rp.uncertainty.calibrated": "Calibrated errors (default)",
    "rp.distribution.calibrated": "Empirical (rolling-origin errors, conformal quantile)",
    "rp.calibrating": "Calibrating the safety stock: the chosen forecast from {origins} rolling origins…",
    "rp.pooling": "Too few errors of its own: pooling the errors of {n} similar SKUs…",
    "rp.ss_method.calibrated": "Safety stock set by the calibrated method: the {level} conformal quantile of demand over the protection interval, from {own} forecast errors of this SKU (weekly rolling origins over the last year), lead-time variability simulated.",
    "rp.ss_method.pooled": "Plus {n} errors from {skus} SKUs of the same demand class, scaled to this SKU's demand: it has too few of its own.",
    "rp.ss_method.dropped": "The catalogue model cannot be re-run at every origin: the errors are those of the other members ({members}).",
    "rp.ss_method.backtest": "Safety stock set by the backtest errors: {n} windows of the backtest folds, {dist} distribution.",
    "rp.ss_method.intervals": "Safety stock set by the forecast's prediction intervals (no backtest errors for this model).",
    "rp.ss_method.history": "Safety stock set by the sales history's day-to-day variation, σ_d·√L (no forecast errors for this model).",
    "rp.ex.conformal": "Conformal quantile of X ({n} errors)",
    "rp.method.calibrated": "Calibrated errors",
    "rp.method.backtest": "Backtest errors",
    "rp.method.intervals": "Prediction intervals",
    "rp.method.history": "History σ_d·√L",
    "rp.uncertainty": "Demand uncertainty",
    "rp.uncertainty.backtest": "Backtest errors",
    "rp.uncertainty.intervals": "Prediction intervals",
    "rp.uncertainty.history": "History σ_d·√L",
    "rp.uncertainty_help": "Calibrated: the chosen forecast is re-run from a weekly origin over the last year; the errors of demand over the protection interval after each origin give the reorder point as their conformal quantile, with lead-time variability simulated (few errors: pooled with similar SKUs). Backtest errors: the backtest folds' errors summed over the protection interval (with their bias). Prediction intervals: the sd implied by the 80% interval. History: the classic sd of daily sales times the square root of the days.",
    "rp.distribution": "Distribution",
    "rp.distribution.normal": "Normal",
    "rp.distribution.gamma": "Gamma (intermittent)",
    "rp.distribution.empirical": "Empirical (backtest errors)",
    "rp.distribution_help": "Shape of demand over the protection interval. Gamma suits slow, skewed demand; empirical uses the backtest errors as they are.",
    "rp.sim_demand": "Simulated demand",
    "rp.sim_demand.bootstrap": "Bootstrapped backtest errors",
    "rp.sim_demand.normal": "Normal",
    "rp.sim_demand.gamma": "Gamma",
    "rp.sim_demand_help": "How the Monte-Carlo draws demand around the forecast: blocks of the model's own backtest errors, or a parametric distribution.",
    "rp.paths": "Simulated paths",
    "rp.seed": "Seed",
    "rp.seed_help": "The same seed gives the same simulation.",
    "rp.kpi.safety_stock": "Safety stock",
    "rp.kpi.safety_stock_help": "Units held beyond the expected demand over the protection interval: k × σ_X.",
    "rp.kpi.reorder_point": "Reorder point",
    "rp.kpi.order_up_to": "Order-up-to level",
    "rp.kpi.trigger_help.sQ": "Order when stock on hand + on order − backorders falls to this level.",
    "rp.kpi.trigger_help.sS": "Order when the inventory position falls to this level (then order up to S).",
    "rp.kpi.trigger_help.RS": "At each review, order enough to bring the inventory position up to this level.",
    "rp.kpi.order_qty": "Order quantity",
    "rp.kpi.expected_order": "Expected order",
    "rp.kpi.order_qty_help": "Rounded to MOQ and pack. The economic order quantity is {eoq}. Below the quantity: the days of forecast demand it covers.",
    "rp.kpi.in_days": "≈ {days} days of demand",
    "rp.kpi.next_order": "Next order",
    "rp.kpi.no_order": "None in horizon",
    "rp.kpi.next_order_qty": "{qty} {qty_unit}",
    "rp.on_hand_unknown": "not known",
    "rp.on_hand_help": "Units in stock now. Leave it empty when you do not know it: the plan then assumes the stock the policy holds on average and shows its long-run service; the risk from today's stock needs the real figure (an item master's on_hand column fills it).",
    "rp.long_run_line": "In the long run the policy keeps {csl} of replenishment cycles free of stockouts and serves {fill} of demand from stock (target: {target} {kind}; {cycles} simulated cycles).",
    "rp.stock_assumed": "Stock on hand is not known for this SKU: the plan assumes {assumed} units, the reorder point ({trigger}) plus half an order, which is what the policy holds on average. Type today's stock in On hand (or upload an item master with on_hand) to see the risk of a stockout in the next {days} days.",
    "rp.kpi.long_run_csl": "Cycle service",
    "rp.kpi.long_run_csl_help": "In the long run (simulated): the share of replenishment cycles (order to delivery) without a stockout day once the policy runs in its steady state, whatever today's stock ({cycles} simulated cycles). This is what the {target} target promises.",
    "rp.kpi.long_run_fill": "Fill rate",
    "rp.kpi.long_run_fill_help": "In the long run (simulated): the share of demand served from stock on the day it arises, once the policy runs in its steady state, whatever today's stock.",
    "rp.kpi.risk_today": "Stockout risk, {days} d",
    "rp.kpi.risk_needs_stock": "Needs today's stock: enter On hand. A risk computed from an assumed stock would say nothing about your shelf.",
    "rp.kpi.stockout_prob_help": "Share of the {paths} simulated paths with at least one stockout day in the next {days} days.",
    "rp.kpi.fill_rate": "Fill rate",
    "rp.kpi.csl": "Cycle service",
    "rp.kpi.cost": "Expected cost",
    "rp.kpi.cost_help": "Simulated over {days} days: holding {holding} + ordering {ordering} + stockouts {stockout}.",
    "rp.both_measures": "Target: {targeted} {target}; by the formulas this implies a {other} of {implied}. The cards above are simulated.",
    "rp.below_trigger": "Stock on hand + on order ({position}) is already at or below the reorder level ({trigger}): order now. Until that order arrives the SKU runs at risk, and the simulated service above includes this first cycle.",
    "rp.replay_title": "Policy replay on your history",
    "rp.replay_none": "No replay: the forecast has no backtest folds long enough for this lead time.",
    "rp.replay_fill": "Realised fill rate",
    "rp.replay_csl": "Stockout-free cycles",
    "rp.replay_cycles": "Cycles replayed",
    "rp.replay_short": "Units short",
    "rp.replay_short_help": "Demand that the replayed policy could not serve from stock.",
    "rp.replay_few": "{cycles} replenishment cycles replayed: too few cycles to judge the {target} target (with so few, the realised {measure} is compatible with anything from {lo} to {hi}). More history or more backtest folds give more cycles.",
    "rp.replay_few_fill": "{cycles} replenishment cycles replayed: too few cycles to judge the {target} fill-rate target (realised {measure}). More history or more backtest folds give more cycles.",
    "rp.replay_fill_ok": "Replayed on your history over {cycles} replenishment cycles, the policy served {measure} of demand from stock: in line with the {target} fill-rate target.",
    "rp.replay_fill_low": "Replayed on your history over {cycles} replenishment cycles, the policy served only {measure} of demand from stock, below the {target} fill-rate target. Consider a higher service level, a different model, or the history-based uncertainty.",
    "rp.replay_ok": "Replayed on your history over {cycles} replenishment cycles, the policy delivered {measure} of cycles without a stockout (95% interval {lo} to {hi}): consistent with the {target} target.",
    "rp.replay_low": "Replayed on your history over {cycles} replenishment cycles, the policy delivered only {measure} of cycles without a stockout (95% interval {lo} to {hi}), below the {target} target. Consider a higher service level, a different model, or the history-based uncertainty.",
    "rp.replay_help": "At each backtest cutoff the policy is set from the forecast and the errors known then, and run against the demand that actually followed (starting just replenished; each order's lead time drawn from the supplier's mean and variability).",
    "rp.replay_folds": "Replay by fold",
    "rp.col.cutoff": "Cutoff",
    "rp.tab.schedule": "Schedule",
    "rp.tab.simulation": "Simulation",
    "rp.tab.frontier": "Cost–service frontier",
    "rp.tab.explain": "How it is computed",
    "rp.schedule_title": "Projected stock of {title}",
    "rp.no_orders": "No order is needed within the planning horizon.",
    "rp.orders_title": "Planned orders and why",
    "rp.why_help": "Need = demand over the protection interval + safety stock − on hand − on order (the reorder point, or order-up-to level, less the position: an order is placed only when it is positive). Past the forecast's end its last week's level continues. The policy's rule sets the quantity (Q for (s, Q), up to S otherwise), then it is raised to the MOQ, rounded up to whole packs and capped at the maximum order.",
    "rp.col.order_date": "Order date",
    "rp.col.arrival_date": "Arrives",
    "rp.col.order_qty": "Quantity",
    "rp.col.on_hand": "On hand",
    "rp.col.on_order": "On order",
    "rp.col.protection_demand": "Demand over interval",
    "rp.col.raw_need": "Need",
    "rp.col.rule_qty.sQ": "Policy: n × Q",
    "rp.col.rule_qty.sS": "Policy: up to S",
    "rp.col.rule_qty.RS": "Policy: up to S",
    "rp.col.after_moq": "After MOQ",
    "rp.col.after_pack": "After packs",
    "rp.col.capped": "Capped",
    "rp.dl_csv": "Download orders (CSV)",
    "rp.dl_xlsx": "Download orders and projection (XLSX)",
    "rp.sim_caption": "{paths} paths over {days} days; demand: {model}; lead times drawn per order.",
    "rp.sim.metric": "Measure",
    "rp.sim.value": "Value",
    "rp.sim.stockout_prob": "Probability of any stockout (from the stock the plan starts with)",
    "rp.sim.stockout_days": "Expected stockout days",
    "rp.sim.avg_on_hand": "Average on hand",
    "rp.sim.peak_on_hand": "Average peak on hand",
    "rp.sim.lost_units": "Units short (lost or late)",
    "rp.sim.orders": "Orders per path",
    "rp.sim.holding": "Holding cost",
    "rp.sim.ordering": "Ordering cost",
    "rp.sim.stockout_cost": "Stockout cost",
    "rp.frontier_help": "Every level is simulated on the same demand and lead-time draws. The dashed line is the cost-optimal cycle service level from the critical ratio of stockout to holding cost ({optimal}); the star is the cheapest level in the simulation.",
    "rp.days": "days",
    "rp.ex.quantity": "Quantity",
    "rp.ex.formula": "Formula",
    "rp.ex.value": "Value",
    "rp.ex.exposure": "Protection interval (days of demand to cover)",
    "rp.ex.daily": "Mean daily demand over it",
    "rp.ex.mean": "Demand over the interval ({model} forecast + the mean of its errors, b)",
    "rp.ex.demand_sd": "Its uncertainty ({method})",
    "rp.ex.lead_sd": "Lead-time variability",
    "rp.ex.undershoot": "Undershoot below s on the review day",
    "rp.ex.sigma_x": "Combined sd",
    "rp.ex.k": "Safety factor k",
    "rp.ex.eoq": "Economic order quantity",
    "rp.ex.q_rule": "EOQ or fixed Q, up to MOQ, whole packs",
    "rp.ex.implied_csl": "Implied cycle service level",
    "rp.ex.implied_fill": "Implied fill rate",
    "rp.ex.timing": "Timing: each day receipts arrive first, then demand is served, then the position is reviewed; an order placed on day t arrives on day t + L. So an order covers the rest of its review day (the undershoot) and L − 1 more days (plus R for periodic review).",
    "rp.ex.distribution": "Distribution of demand over the interval: {dist}. Sources: Silver, Pyke & Thomas (2017) ch. 6-7; Snyder & Shen (2019) ch. 3-5.",
    "rp.chart.position": "Inventory position",
    "rp.chart.on_hand": "On hand",
    "rp.chart.order": "Order placed",
    "rp.chart.order_qty": "Order",
    "rp.chart.arrives": "arrives",
    "rp.chart.arrival": "Delivery",
    "rp.chart.received": "Received",
    "rp.chart.units": "{qty_unit}",
    "rp.chart.median": "Median",
    "rp.chart.fan_title": "Simulated stock on hand (percentiles)",
    "rp.chart.prob_title": "Probability of a stockout, day by day",
    "rp.chart.days_title": "Stockout days per path",
    "rp.chart.days": "days",
    "rp.chart.stockout_days": "Days with a stockout",
    "rp.chart.share_paths": "Share of paths",
    "rp.chart.frontier_title": "What each service level costs",
    "rp.chart.total_cost": "Expected cost",
    "rp.chart.inventory_value": "Average inventory value",
    "rp.chart.fill_rate": "Fill rate (simulated)",
    "rp.chart.csl": "Cycle service (simulated)",
    "rp.chart.target_line": "Target",
    "rp.chart.your_choice": "Your choice",
    "rp.chart.cost_optimal": "Cost-optimal",
    "rp.chart.lowest_cost": "Lowest simulated cost",
    "rp.chart.cost_axis": "Cost{currency}",
    "rp.chart.value_axis": "Inventory value{currency}",
    "rp.chart.service_axis": "Achieved (%)",
    "rp.chart.target_axis": "Target service level (%)",
    # how lists read: "Mon, Tue"; "a; b"
    "common.choose": "Choose options",
    "list.sep": ", ",
    "list.clause_sep": "; ",
    # display settings
    "display.title": "Units and currency",
    "display.qty_unit": "Quantities are counted in",
    "display.qty_unit_help": "The word shown after quantities (units, pcs, kg, cases). Leave empty for the language's default.",
    "display.qty_unit_default": "units",
    "display.currency": "Currency",
    "display.currency_help": "Shown with money amounts: a symbol (£, $, €, ¥) before the number, a code (EUR) or 元 after it. Leave empty for plain numbers.",
    # language switch
    "lang.label": "Language / 语言",
    "lang.help": "The interface language. Also set by adding ?lang=en or ?lang=zh to the address.",
    # errors
    "error.unexpected": "Something went wrong while reading this file ({kind}). The rest of the app keeps working; please report the file's shape.",
}
EN |= {f"reason.{code}": text for code, text in REASONS.items()}
EN |= {f"warning.{code}": text for code, text in WARNINGS.items()}


def _domain_messages() -> dict[str, str]:
    """The coded messages of every domain package, as ``msg.<code>``; a code used twice is a bug."""
    from forecasting.messages import MESSAGES as FORECASTING
    from inventory.messages import MESSAGES as INVENTORY
    from salesdata.messages import MESSAGES as SALESDATA
    from scenarios.messages import MESSAGES as SCENARIOS

    out: dict[str, str] = {}
    for catalogue in (SALESDATA, FORECASTING, INVENTORY, SCENARIOS):
        for code, text in catalogue.items():
            if f"msg.{code}" in out:
                raise RuntimeError(f"message code {code} is defined twice")
            out[f"msg.{code}"] = text
    return out


EN |= _domain_messages()


def _export_labels() -> dict[str, str]:
    from scenarios.exports import LABELS

    return {f"export.{key}": text for key, text in LABELS.items()}


EN |= _export_labels()

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}
LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}


def default_language() -> str:
    """The deployment's default language: ``REPLENISH_LANG`` (``en`` or ``zh``), else English."""
    import os

    lang = os.environ.get("REPLENISH_LANG", "en").strip().lower()[:2]
    return lang if lang in CATALOGUES else "en"


# The language of the last script run. Only read outside a script run, where no session exists: Streamlit's
# AppTest formats widget options (format_func) in the test's own thread after the run. A real server only calls
# t() inside script runs, where the session's own choice is read.
_last_run_language: list[str] = []


def language() -> str:
    """The session's language code."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    lang = None
    if get_script_run_ctx(suppress_warning=True) is not None:
        try:
            lang = st.session_state.get("app.lang")
        except Exception:  # noqa: BLE001 - a session being torn down
            lang = None
    if lang:
        _last_run_language[:] = [lang]
    else:  # no session, or one that has not chosen yet (state.init sets it first thing in every run)
        lang = _last_run_language[0] if _last_run_language else default_language()
    return lang if lang in CATALOGUES else "en"


def t(key: str, **values: object) -> str:
    """Translate ``key`` and fill ``{placeholders}``; a missing key shows as ⟦key⟧ so tests can find it.

    ``{qty_unit}`` and ``{currency}`` are filled from the session's display settings unless given.
    """
    text = CATALOGUES[language()].get(key) or CATALOGUES["en"].get(key)
    if text is None:
        return MISSING.format(key=key)
    if "{qty_unit}" in text and "qty_unit" not in values:
        values["qty_unit"] = quantity_unit()
    if "{currency}" in text and "currency" not in values:
        values["currency"] = currency_symbol()
    return text.format(**values) if values else text


QTY_UNIT = "app.qty_unit"
CURRENCY = "app.currency"


def _setting(key: str) -> str | None:
    """A display setting of the session; None outside a script run or before the session has it."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    try:
        value = st.session_state.get(key)
    except Exception:  # noqa: BLE001 - a session being torn down
        return None
    return None if value is None else str(value).strip()


def quantity_unit() -> str:
    """What quantities are counted in: the session's setting, else the language's word for units."""
    return _setting(QTY_UNIT) or CATALOGUES[language()]["display.qty_unit_default"]


def default_currency() -> str:
    """The deployment's currency (``REPLENISH_CURRENCY``: a symbol such as £, ¥, $, or a code); none by default."""
    import os

    return os.environ.get("REPLENISH_CURRENCY", "").strip()[:6]


def currency_symbol() -> str:
    """The session's currency (empty: money shows as a plain number)."""
    value = _setting(CURRENCY)
    return default_currency() if value is None else value


def fmt_compact(value: float | int | None) -> str:
    """A count short enough for a metric card: in full below ten million, else 12.0M (English) or 1,201.1万
    (Chinese)."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    size = abs(value)
    if size < 1e7:
        return f"{value:,.0f}"
    if language() == "zh":
        return f"{value / 1e8:,.1f}亿" if size >= 1e9 else f"{value / 1e4:,.1f}万"
    return f"{value / 1e9:,.1f}B" if size >= 1e9 else f"{value / 1e6:,.1f}M"


def fmt_money(value: float | int | None, digits: int = 0, short: bool = False) -> str:
    """An amount with the session's currency: "£1,234", "-$12", "1,234 EUR", "1,234元"; plain if none is set.

    ``short`` (for metric cards, which cut long numbers): from 100,000 on, thousands and millions ("$100.0K",
    "$1.25M"; Chinese "10.0万", "1.3亿"); the exact amount belongs in the card's help.
    """
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    symbol = currency_symbol()
    number = f"{abs(value):,.{digits}f}"
    size = abs(value)
    if short and size >= 1e5:
        if language() == "zh":
            number = f"{size / 1e8:,.1f}亿" if size >= 1e8 else f"{size / 1e4:,.1f}万"
        else:
            number = (
                f"{size / 1e9:,.2f}B"
                if size >= 1e9
                else (f"{size / 1e6:,.2f}M" if size >= 1e6 else f"{size / 1e3:,.1f}K")
            )
    sign = "-" if value < 0 and float(number.rstrip("KMB万亿").replace(",", "")) != 0 else ""
    if not symbol:
        return f"{sign}{number}"
    if len(symbol) == 1 and not symbol.isalpha():
        return f"{sign}{symbol}{number}"
    if all("\u4e00" <= ch <= "\u9fff" for ch in symbol):
        return f"{sign}{number}{symbol}"
    return f"{sign}{number} {symbol}"


# How a list parameter of a message reads: ("and", ", ") gives "a, b and c"; Chinese gives "a、b和c".
_LIST_JOIN = {"en": ("and", ", "), "zh": ("和", "、")}


def msg(value: object) -> str:
    """A domain message (or an exception carrying one) in the session's language; plain text as it is."""
    from salesdata.messages import Message, join_list, message_of

    coded = message_of(value)
    if coded is None:
        return str(value)
    key = f"msg.{coded.code}"
    if key not in CATALOGUES["en"]:
        return str(coded)
    conjunction, separator = _LIST_JOIN.get(language(), _LIST_JOIN["en"])
    params = {}
    for name, param in coded.params.items():
        if isinstance(param, Message):
            param = msg(param)
        elif isinstance(param, (list, tuple)):
            param = join_list(param, conjunction, separator)
        params[name] = param
    return t(key, **params)


def export_labels() -> dict[str, str]:
    """Headers, sheet names and report sentences of the exports in the session's language."""
    return {key.removeprefix("export."): t(key) for key in CATALOGUES["en"] if key.startswith("export.")}


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


def fmt_date(value: object, compact: bool = False) -> str:
    """A date as the language writes it: 2024-03-31 in English (ISO 8601), 2024年3月31日 in Chinese text.

    ``compact`` (metric cards, narrow cells) keeps ISO 8601 in every language.
    """
    import pandas as pd

    if value is None or pd.isna(value):
        return "–"
    day = pd.Timestamp(value)
    if language() == "zh" and not compact:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%Y-%m-%d")
