"""Portfolio panels: bulk rules, the plan table, stock on hand, export and saving a scenario."""

from __future__ import annotations

import json
import logging
from datetime import datetime

import numpy as np
import pandas as pd
import streamlit as st

from forecasting.frames import to_long
from salesdata import csv_bytes
from scenarios.exports import html_report, plan_workbook, purchase_plan, schedule_frame
from scenarios.store import NameTaken, PermissionDenied, Scenario, StoreError
from ui import charts
from ui.components import scenario_audit, scenario_list
from ui.components.portfolio_controls import fmt_kpi
from ui.components.translated import translated
from ui.core import state
from ui.core.i18n import date_format, export_labels, fmt_int, fmt_money, language, msg, t
from ui.core.text import md
from ui.data import portfolio
from ui.data.compute import forecast_store
from ui.data.scenario_state import capture, encode_link, store, store_upload

__all__ = ["TABLE_COLUMNS", "export_panel", "kpi_cards", "portfolio_table_view", "save_panel", "summary_of"]

log = logging.getLogger(__name__)


TABLE_COLUMNS = [
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
    "cycle_service_level",
    "safety_stock",
    "safety_method",
    "safety_errors",
    "reorder_point",
    "stock_known",
    "on_hand",
    "days_of_cover",
    "next_order_date",
    "next_order_qty",
    "stockout_risk",
    "order_now",
    "status",
    "reason",
]


def portfolio_table_view(table: pd.DataFrame) -> None:
    """The filterable per-SKU table; picking a row opens the SKU on the Forecast or Replenishment page."""
    f = st.columns(6)
    cats = sorted(c for c in table["category"].dropna().unique() if c)
    pick_cat = f[0].multiselect(t("item.category"), cats, placeholder=t("common.choose"), key="w.pf.t_cat")
    pick_abc = f[1].multiselect("ABC", ["A", "B", "C"], placeholder=t("common.choose"), key="w.pf.t_abc")
    pick_xyz = f[2].multiselect("XYZ", ["X", "Y", "Z"], placeholder=t("common.choose"), key="w.pf.t_xyz")
    classes = sorted(table["demand_class"].dropna().unique())
    pick_cls = f[3].multiselect(
        t("pf.col.class"),
        classes,
        format_func=lambda c: t(f"class.{c}"),
        placeholder=t("common.choose"),
        key=translated("w.pf.t_cls"),
    )
    models = sorted(table["model"].dropna().unique()) if "model" in table else []
    pick_model = f[4].multiselect(
        t("fc.col.model"),
        models,
        format_func=lambda m: t(f"model.{m}"),
        placeholder=t("common.choose"),
        key=translated("w.pf.t_model"),
    )
    only_now = f[5].toggle(t("pf.only_now"), key="w.pf.t_now")
    view = table.copy()
    for col, picked in (
        ("category", pick_cat),
        ("abc", pick_abc),
        ("xyz", pick_xyz),
        ("demand_class", pick_cls),
        ("model", pick_model),
    ):
        if picked:
            view = view[view[col].isin(picked)]
    if only_now:
        view = view[view["order_now"].fillna(False).astype(bool)]
    view = view[[c for c in TABLE_COLUMNS if c in view]].replace([np.inf, -np.inf], np.nan).reset_index(drop=True)
    # Display names for the reader; the filters above work on the ids.
    view["model"] = [t(f"model.{m}") if isinstance(m, str) else "" for m in view["model"]]
    view["demand_class"] = [t(f"class.{c}") if isinstance(c, str) else "" for c in view["demand_class"]]
    if "reason" in view:
        view["reason"] = [msg(r) if isinstance(r, str) else "" for r in view["reason"]]
    if "safety_method" in view:
        view["safety_method"] = [t(f"rp.method.{m}") if isinstance(m, str) else "" for m in view["safety_method"]]
    st.caption(t("pf.table_caption", n=len(view), total=len(table)))
    event = st.dataframe(
        view,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="w.pf.table",
        column_config={
            "unique_id": st.column_config.TextColumn("SKU"),
            "name": st.column_config.TextColumn(t("item.product_name")),
            "category": st.column_config.TextColumn(t("item.category")),
            "abc": st.column_config.TextColumn("ABC", width="small"),
            "xyz": st.column_config.TextColumn("XYZ", width="small"),
            "demand_class": st.column_config.TextColumn(t("pf.col.class")),
            "model": st.column_config.TextColumn(t("pf.col.model")),
            "mase": st.column_config.NumberColumn(t("metric.mase"), format="%.2f"),
            "wape": st.column_config.NumberColumn(t("metric.wape"), format="percent"),
            "service_level": st.column_config.NumberColumn(t("rp.service_level"), format="percent"),
            "safety_stock": st.column_config.NumberColumn(t("rp.kpi.safety_stock"), format="%.0f"),
            "safety_method": st.column_config.TextColumn(t("pf.col.safety_method"), help=t("rp.uncertainty_help")),
            "safety_errors": st.column_config.NumberColumn(
                t("pf.col.safety_errors"), format="%d", help=t("pf.col.safety_errors_help")
            ),
            "reorder_point": st.column_config.NumberColumn(t("rp.kpi.reorder_point"), format="%.0f"),
            "stock_known": st.column_config.CheckboxColumn(t("pf.col.stock_known"), help=t("pf.col.stock_known_help")),
            "on_hand": st.column_config.NumberColumn(t("rp.col.on_hand"), format="%.0f"),
            "days_of_cover": st.column_config.NumberColumn(t("plan.excess.cover"), format="%.0f"),
            "next_order_date": st.column_config.DateColumn(t("rp.kpi.next_order"), format=date_format()),
            "next_order_qty": st.column_config.NumberColumn(t("rp.col.order_qty"), format="%.0f"),
            "cycle_service_level": st.column_config.NumberColumn(t("pf.kpi.csl"), format="percent"),
            "stockout_risk": st.column_config.NumberColumn(
                t("pf.col.risk_today"), format="percent", help=t("pf.col.risk_today_help")
            ),
            "order_now": st.column_config.CheckboxColumn(t("pf.col.order_now")),
            "status": st.column_config.TextColumn(t("pf.col.status")),
            "reason": st.column_config.TextColumn(t("pf.col.reason")),
        },
        placeholder="–",
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if rows:
        sku = str(view.iloc[rows[0]]["unique_id"])
        c1, c2, _ = st.columns([1, 1, 3])
        if c1.button(t("pf.open_forecast", sku=md(sku)), key="w.pf.open_fc"):
            st.session_state[state.SKU] = sku
            st.switch_page("app_pages/forecast.py")
        if c2.button(t("pf.open_replenishment", sku=md(sku)), key="w.pf.open_rp"):
            st.session_state[state.SKU] = sku
            st.switch_page("app_pages/replenishment.py")
    else:
        st.caption(t("pf.pick_row"))


def _figures_html(table: pd.DataFrame) -> list[tuple[str, str]]:
    matrix = charts.portfolio_matrix(table)
    accuracy = charts.accuracy_figure(table)
    return [
        (t("pf.matrix_title"), charts.report_html(matrix, include_plotlyjs=True)),
        (t("pf.accuracy_title"), charts.report_html(accuracy, include_plotlyjs=False)),
    ]


def kpi_cards(kpis: dict) -> list[tuple[str, str]]:
    return [
        (t("pf.kpi.skus"), fmt_int(kpis.get("skus", 0))),
        (t("pf.kpi.value"), fmt_money(kpis.get("inventory_value", 0))),
        (t("pf.kpi.fill"), fmt_kpi(kpis.get("fill_rate", float("nan")), pct=True)),
        (t("pf.kpi.csl"), fmt_kpi(kpis.get("cycle_service_level", float("nan")), pct=True)),
        (t("pf.kpi.order_now"), fmt_int(kpis.get("order_now", 0))),
        (t("pf.kpi.stockouts_short"), fmt_int(kpis.get("projected_stockouts", 0))),
        (t("pf.kpi.cost"), fmt_money(kpis.get("total_cost", 0))),
    ]


def export_panel(loaded, table, orders, kpis, skus, config, title: str, meta: dict | None = None) -> None:
    """Purchase plan and schedule (CSV, formatted XLSX), forecasts (CSV), and the HTML report."""

    pf = portfolio.current()
    meta = meta or {
        t("pf.meta.dataset"): loaded.spec.name,
        t("pf.meta.skus"): fmt_int(len(skus)),
        t("rp.service_level"): f"{100 * pf.service_level:.1f}%",
        t("pf.lead_delta"): f"{pf.lead_time_delta:+g}",
        t("rp.policy"): t(f"rp.policy.{pf.policy}"),
    }
    stamp = datetime.now().strftime("%Y%m%d")
    labels = export_labels()
    schedule = schedule_frame(orders, labels=labels)
    c = st.columns(3)
    c[0].download_button(
        t("pf.dl_plan_csv"),
        csv_bytes(purchase_plan(table, only_now=False, labels=labels)),
        f"purchase_plan_{stamp}.csv",
        "text/csv",
        key="w.pf.dl_plan",
        on_click=scenario_audit.record_export,
        args=("purchase plan CSV, Portfolio page",),
    )
    c[1].download_button(
        t("pf.dl_schedule_csv"),
        csv_bytes(schedule),
        f"reorder_schedule_{stamp}.csv",
        "text/csv",
        key="w.pf.dl_sched",
        on_click=scenario_audit.record_export,
        args=("reorder schedule CSV, Portfolio page",),
    )
    c[2].download_button(
        t("pf.dl_xlsx"),
        plan_workbook(table, orders, kpis, meta, labels=labels),
        f"replenishment_plan_{stamp}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="w.pf.dl_xlsx",
        on_click=scenario_audit.record_export,
        args=("plan XLSX, Portfolio page",),
    )

    store_ = forecast_store()
    keys = portfolio.sku_keys(loaded, skus, config)
    frames = []
    for s in skus:
        result = store_.get(keys[s])
        if result is not None and not isinstance(result, str):
            frames.append(to_long(result.forecast, result.levels))
    forecasts = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    d = st.columns(3)
    d[0].download_button(
        t("pf.dl_forecasts"),
        csv_bytes(forecasts),
        f"forecasts_{stamp}.csv",
        "text/csv",
        key="w.pf.dl_fc",
        on_click=scenario_audit.record_export,
        args=("forecasts CSV, Portfolio page",),
        disabled=forecasts.empty,
    )
    report = html_report(
        title,
        meta,
        kpi_cards(kpis),
        [
            (t("pf.tab.now"), purchase_plan(table, labels=labels)),
            (t("pf.report_schedule"), schedule),
            (t("pf.report_policy"), table[[c2 for c2 in TABLE_COLUMNS if c2 in table]]),
        ],
        _figures_html(table),
        labels=labels,
        lang=language(),
    )
    d[1].download_button(
        t("pf.dl_report"),
        report.encode("utf-8"),
        f"replenishment_report_{stamp}.html",
        "text/html",
        key="w.pf.dl_report",
        on_click=scenario_audit.record_export,
        args=("report HTML, Portfolio page",),
    )
    st.caption(t("pf.export_help"))


def summary_of(table: pd.DataFrame, orders: pd.DataFrame, kpis: dict) -> dict:
    """What a saved scenario keeps of its results: KPIs, per-SKU lines and the orders."""
    keep = [
        c
        for c in (
            "unique_id",
            "safety_stock",
            "reorder_point",
            "order_qty",
            "next_order_date",
            "next_order_qty",
            "stockout_risk",
            "fill_rate",
            "inventory_value",
            "total_cost",
            "service_level",
            "lead_time_days",
            "status",
            "model",
        )
        if c in table
    ]
    lines = table[keep].replace([np.inf, -np.inf], np.nan)
    order_cols = [c for c in ("unique_id", "order_date", "arrival_date", "order_qty", "order_value") if c in orders]
    return {
        "kpis": {k: (None if isinstance(v, float) and not np.isfinite(v) else v) for k, v in kpis.items()},
        "lines": json.loads(lines.to_json(orient="records", date_format="iso")),
        "orders": json.loads(orders[order_cols].to_json(orient="records", date_format="iso")) if order_cols else [],
    }


def save_panel(loaded, table, orders, kpis) -> None:
    """Save the current what-if as a named scenario; a shareable link to it."""

    scenario_store, problem = store()
    if scenario_store is None:
        st.error(t("sc.store_unavailable", reason=md(msg(problem))))
    else:
        loaded_id = st.session_state.get(state.SC_LOADED_ID)
        if loaded_id:
            try:
                working = scenario_store.get(loaded_id)
            except StoreError:
                working = None
            actor = scenario_list.current_actor()
            if working is not None and working.id == loaded_id and not scenario_store.can_change(working, actor):
                st.info(
                    t("sc.save_not_yours", name=md(working.name), owner=md(scenario_list.owner_text(working, actor)))
                )
        with st.form("w.sc.save_form", border=False):
            name = st.text_input(t("sc.name"), max_chars=80, help=t("sc.name_help"), key="w.sc.name")
            overwrite = st.checkbox(t("sc.overwrite"), key="w.sc.overwrite")
            saved = st.form_submit_button(t("sc.save"), type="primary")
        if saved:
            try:
                scenario = scenario_store.save(
                    Scenario(name, loaded.key, capture(loaded), summary_of(table, orders, kpis)),
                    overwrite=overwrite,
                    actor=scenario_list.current_actor(),
                )
                st.session_state[state.SC_LOADED] = scenario.name
                st.session_state[state.SC_LOADED_ID] = scenario.id
                st.success(t("sc.saved", name=md(scenario.name)))
                if st.session_state[state.DATA_UPLOAD] is not None and loaded.spec.source == "upload":
                    problem = store_upload(st.session_state[state.DATA_UPLOAD])
                    if problem:
                        st.warning(t("sc.upload_not_kept", reason=md(msg(problem))))
            except ValueError as exc:
                st.error(t("sc.bad_name", reason=md(msg(exc))))
            except NameTaken:
                st.error(t("sc.name_taken", name=md(name.strip())))
            except PermissionDenied as exc:
                st.error(md(msg(exc)))
            except StoreError as exc:
                st.error(t("sc.store_failed", reason=md(msg(exc))))
    link = encode_link(loaded, portfolio.current(), st.session_state[state.PF_SKU_PARAMS], st.session_state[state.SKU])
    st.markdown(f"**{t('sc.share_title')}**")
    st.caption(t("sc.share_help"))
    st.code(f"?s={link}", language=None)
