"""Rendering blocks of the Portfolio and Scenarios pages: bulk parameters, the portfolio table, exports, saving,
the scenario list and the side-by-side comparison."""

from __future__ import annotations

import html
import json
import logging
from datetime import datetime

import numpy as np
import pandas as pd
import streamlit as st

from salesdata import csv_bytes
from salesdata.messages import message_of
from ui import charts, portfolio, state
from ui.i18n import export_labels, fmt_date, fmt_int, fmt_money, fmt_num, language, msg, t
from ui.text import md
from ui.widgets import translated

__all__ = [
    "bulk_controls",
    "compare_view",
    "export_panel",
    "portfolio_table_view",
    "save_panel",
    "scenario_list",
    "store",
]

log = logging.getLogger(__name__)


def store():
    """The scenario store of this server (``DATABASE_URL`` or the SQLite file); None with the reason when it
    cannot be opened (the rest of the app keeps working)."""
    from scenarios.store import ScenarioStore, StoreError, default_url

    return _store(default_url(), ScenarioStore, StoreError)


@st.cache_resource(show_spinner=False, ttl=60)
def _open(url: str):
    from scenarios.store import ScenarioStore

    return ScenarioStore(url)


def _store(url, _cls, error_cls):
    try:
        return _open(url), None
    except error_cls as exc:
        return None, message_of(exc) or str(exc)


def bulk_controls(loaded, pf: dict, categories: list[str]) -> None:
    """Global what-if and service levels by ABC class or category; writes the portfolio settings."""
    st.caption(t("pf.bulk_help"))
    c = st.columns(4)
    level = c[0].slider(
        t("rp.service_level"),
        50.0,
        99.9,
        float(pf["service_level"]) * 100,
        step=0.1,
        format="%.1f%%",
        key="w.pf.level",
    )
    policy = c[1].selectbox(
        t("rp.policy"),
        ("sQ", "sS", "RS"),
        index=("sQ", "sS", "RS").index(pf["policy"]),
        format_func=lambda v: t(f"rp.policy.{v}"),
        key=translated("w.pf.policy"),
    )
    delta = c[2].number_input(
        t("pf.lead_delta"),
        -60.0,
        120.0,
        float(pf["lead_time_delta"]),
        step=1.0,
        help=t("pf.lead_delta_help"),
        key="w.pf.lead_delta",
    )
    window = c[3].number_input(
        t("pf.window"), 7, 90, int(pf["window_days"]), step=1, help=t("pf.window_help"), key="w.pf.window"
    )
    methods = ("calibrated", "backtest", "intervals", "history")
    uncertainty = st.selectbox(
        t("rp.uncertainty"),
        methods,
        index=methods.index(pf.get("uncertainty", "calibrated")),
        format_func=lambda v: t(f"rp.uncertainty.{v}"),
        help=t("rp.uncertainty_help"),
        key=translated("w.pf.uncertainty"),
    )
    use_classes = st.toggle(t("pf.use_class_levels"), value=bool(pf["use_class_levels"]), key="w.pf.use_classes")
    k = st.columns(3)
    class_levels = {}
    for col, cls in zip(k, ("A", "B", "C"), strict=True):
        class_levels[cls] = (
            col.number_input(
                t("pf.class_level", cls=cls),
                50.0,
                99.9,
                float(pf["class_levels"].get(cls, 0.95)) * 100,
                step=0.5,
                format="%.1f",
                disabled=not use_classes,
                key=f"w.pf.class_{cls}",
            )
            / 100
        )
    cat_frame = pd.DataFrame(
        {
            "category": categories,
            "service_level": [
                pf["category_levels"].get(c, np.nan) * 100 if c in pf["category_levels"] else np.nan for c in categories
            ],
        }
    )
    edited = st.data_editor(
        cat_frame,
        hide_index=True,
        disabled=["category"],
        column_config={
            "category": st.column_config.TextColumn(t("item.category")),
            "service_level": st.column_config.NumberColumn(
                t("pf.category_level"),
                min_value=50.0,
                max_value=99.9,
                format="%.1f%%",
                help=t("pf.category_level_help"),
            ),
        },
        key="w.pf.category_levels",
    )
    cat_levels = {
        str(r["category"]): round(float(r["service_level"]) / 100, 4)
        for r in edited.to_dict("records")
        if pd.notna(r["service_level"])
    }
    new = pf | {
        "service_level": round(level / 100, 4),
        "policy": policy,
        "lead_time_delta": float(delta),
        "window_days": int(window),
        "uncertainty": uncertainty,
        "use_class_levels": bool(use_classes),
        "class_levels": {k2: round(v, 4) for k2, v in class_levels.items()},
        "category_levels": cat_levels,
    }
    if new != pf:
        st.session_state[state.PF_SETTINGS] = new
        st.rerun()


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
            "next_order_date": st.column_config.DateColumn(t("rp.kpi.next_order"), format="YYYY-MM-DD"),
            "next_order_qty": st.column_config.NumberColumn(t("rp.col.order_qty"), format="%.0f"),
            "cycle_service_level": st.column_config.NumberColumn(t("pf.kpi.csl"), format="percent"),
            "stockout_risk": st.column_config.NumberColumn(
                t("pf.col.risk_today"), format="percent", help=t("pf.col.risk_today_help")
            ),
            "order_now": st.column_config.CheckboxColumn(t("pf.col.order_now")),
            "status": st.column_config.TextColumn(t("pf.col.status")),
            "reason": st.column_config.TextColumn(t("pf.col.reason")),
        },
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


def _kpi_cards(kpis: dict) -> list[tuple[str, str]]:
    return [
        (t("pf.kpi.skus"), fmt_int(kpis.get("skus", 0))),
        (t("pf.kpi.value"), fmt_money(kpis.get("inventory_value", 0))),
        (t("pf.kpi.fill"), portfolio.fmt_kpi(kpis.get("fill_rate", float("nan")), pct=True)),
        (t("pf.kpi.csl"), portfolio.fmt_kpi(kpis.get("cycle_service_level", float("nan")), pct=True)),
        (t("pf.kpi.order_now"), fmt_int(kpis.get("order_now", 0))),
        (t("pf.kpi.stockouts_short"), fmt_int(kpis.get("projected_stockouts", 0))),
        (t("pf.kpi.cost"), fmt_money(kpis.get("total_cost", 0))),
    ]


def export_panel(loaded, table, orders, kpis, skus, config, title: str, meta: dict | None = None) -> None:
    """Purchase plan and schedule (CSV, formatted XLSX), forecasts (CSV), and the HTML report."""
    from forecasting.frames import to_long
    from scenarios.exports import html_report, plan_workbook, purchase_plan, schedule_frame

    pf = portfolio.current()
    meta = meta or {
        t("pf.meta.dataset"): loaded.spec.name,
        t("pf.meta.skus"): fmt_int(len(skus)),
        t("rp.service_level"): f"{100 * pf['service_level']:.1f}%",
        t("pf.lead_delta"): f"{pf['lead_time_delta']:+g}",
        t("rp.policy"): t(f"rp.policy.{pf['policy']}"),
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
    )
    c[1].download_button(
        t("pf.dl_schedule_csv"),
        csv_bytes(schedule),
        f"reorder_schedule_{stamp}.csv",
        "text/csv",
        key="w.pf.dl_sched",
    )
    c[2].download_button(
        t("pf.dl_xlsx"),
        plan_workbook(table, orders, kpis, meta, labels=labels),
        f"replenishment_plan_{stamp}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="w.pf.dl_xlsx",
    )
    from ui.cached import forecast_store

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
        disabled=forecasts.empty,
    )
    report = html_report(
        title,
        meta,
        _kpi_cards(kpis),
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
    from scenarios.store import NameTaken, Scenario, StoreError
    from ui.scenario_state import capture, encode_link, store_upload

    scenario_store, problem = store()
    if scenario_store is None:
        st.error(t("sc.store_unavailable", reason=md(msg(problem))))
    else:
        with st.form("w.sc.save_form", border=False):
            name = st.text_input(t("sc.name"), max_chars=80, help=t("sc.name_help"), key="w.sc.name")
            overwrite = st.checkbox(t("sc.overwrite"), key="w.sc.overwrite")
            saved = st.form_submit_button(t("sc.save"), type="primary")
        if saved:
            try:
                scenario = scenario_store.save(
                    Scenario(name, loaded.key, capture(loaded), summary_of(table, orders, kpis)), overwrite=overwrite
                )
                st.session_state[state.SC_LOADED] = scenario.name
                st.success(t("sc.saved", name=md(scenario.name)))
                if st.session_state[state.DATA_UPLOAD] is not None and loaded.spec.source == "upload":
                    problem = store_upload(st.session_state[state.DATA_UPLOAD])
                    if problem:
                        st.warning(t("sc.upload_not_kept", reason=md(msg(problem))))
            except ValueError as exc:
                st.error(t("sc.bad_name", reason=md(msg(exc))))
            except NameTaken:
                st.error(t("sc.name_taken", name=md(name.strip())))
            except StoreError as exc:
                st.error(t("sc.store_failed", reason=md(msg(exc))))
    link = encode_link(loaded, portfolio.current(), st.session_state[state.PF_SKU_PARAMS], st.session_state[state.SKU])
    st.markdown(f"**{t('sc.share_title')}**")
    st.caption(t("sc.share_help"))
    st.code(f"?s={link}", language=None)


def scenario_list(loaded) -> list:
    """The saved scenarios with load, rename, duplicate and delete; returns them for comparison."""
    from scenarios.store import NameTaken, StoreError
    from ui.scenario_state import ScenarioDataMissing, apply

    scenario_store, problem = store()
    if scenario_store is None:
        st.error(t("sc.store_unavailable", reason=md(msg(problem))))
        return []
    try:
        scenarios = scenario_store.list()
    except StoreError as exc:
        st.error(t("sc.store_failed", reason=md(msg(exc))))
        return []
    if not scenarios:
        st.info(t("sc.none"))
        return []
    current_key = loaded.key if loaded is not None else None
    frame = pd.DataFrame(
        {
            "name": [s.name for s in scenarios],
            "same_data": [s.dataset == current_key for s in scenarios],
            "updated": [s.updated_at for s in scenarios],
            "inventory_value": [s.summary.get("kpis", {}).get("inventory_value") for s in scenarios],
            "fill_rate": [s.summary.get("kpis", {}).get("fill_rate") for s in scenarios],
            "order_now": [s.summary.get("kpis", {}).get("order_now") for s in scenarios],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "name": st.column_config.TextColumn(t("sc.name")),
            "same_data": st.column_config.CheckboxColumn(t("sc.same_data"), help=t("sc.same_data_help")),
            "updated": st.column_config.DatetimeColumn(t("sc.updated"), format="YYYY-MM-DD HH:mm"),
            "inventory_value": st.column_config.NumberColumn(t("pf.kpi.value"), format="%.0f"),
            "fill_rate": st.column_config.NumberColumn(t("pf.kpi.fill"), format="percent"),
            "order_now": st.column_config.NumberColumn(t("pf.kpi.order_now")),
        },
    )
    names = [s.name for s in scenarios]
    c = st.columns([3, 3, 1, 1, 1])
    pick = c[0].selectbox(t("sc.pick"), names, key="w.sc.pick")
    new_name = c[1].text_input(t("sc.new_name"), max_chars=80, key="w.sc.new_name")
    chosen = next(s for s in scenarios if s.name == pick)
    try:
        if c[2].button(t("sc.load"), type="primary", key="w.sc.load"):
            try:
                apply(chosen.params)
                st.session_state[state.SC_LOADED] = chosen.name
                st.rerun()
            except ScenarioDataMissing as exc:
                st.error(t("sc.data_missing", reason=md(msg(exc))))
        if c[3].button(t("sc.rename"), key="w.sc.rename"):
            scenario_store.rename(chosen.id, new_name)
            st.rerun()
        if c[4].button(t("sc.duplicate"), key="w.sc.duplicate"):
            scenario_store.duplicate(chosen.id, new_name or t("sc.copy_of", name=chosen.name))
            st.rerun()
        with st.popover(t("sc.delete")):
            st.caption(t("sc.delete_confirm", name=md(chosen.name)))
            if st.button(t("sc.delete_yes"), key="w.sc.delete"):
                scenario_store.delete(chosen.id)
                st.rerun()
    except ValueError as exc:
        st.error(t("sc.bad_name", reason=md(msg(exc))))
    except NameTaken:
        st.error(t("sc.name_taken", name=md(new_name.strip())))
    except StoreError as exc:
        st.error(t("sc.store_failed", reason=md(msg(exc))))
    if st.session_state[state.SC_LOADED]:
        st.caption(t("sc.loaded", name=md(st.session_state[state.SC_LOADED])))
    return scenarios


def _flatten(d: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and v:
            out |= _flatten(v, key + ".")
        else:
            out[key] = json.dumps(v, sort_keys=True, default=str, ensure_ascii=False)
    return out


KPI_ROWS = (
    ("inventory_value", "pf.kpi.value"),
    ("total_cost", "pf.kpi.cost"),
    ("fill_rate", "pf.kpi.fill"),
    ("cycle_service_level", "pf.kpi.csl"),
    ("mean_stockout_risk", "sc.kpi.risk"),
    ("order_now", "pf.kpi.order_now"),
    ("orders", "sc.kpi.orders"),
    ("order_value", "sc.kpi.order_value"),
    ("safety_stock_value", "sc.kpi.ss_value"),
    ("projected_stockouts", "pf.kpi.stockouts_short"),
)
# How each KPI reads: its unit, and whether more is better (+1), worse (-1) or neither (0).
KPI_KIND = {
    "inventory_value": ("money", -1),
    "total_cost": ("money", -1),
    "fill_rate": ("pct", 1),
    "cycle_service_level": ("pct", 1),
    "mean_stockout_risk": ("pct", -1),
    "order_now": ("int", 0),
    "orders": ("int", 0),
    "order_value": ("money", 0),
    "safety_stock_value": ("money", 0),
    "projected_stockouts": ("int", -1),
}
# Scenario parameters in words: portfolio settings, per-class and per-category levels, per-SKU values, forecast.
_PARAM_LABELS = {
    "portfolio.service_level": "rp.service_level",
    "portfolio.service_type": "rp.service_type",
    "portfolio.policy": "rp.policy",
    "portfolio.use_class_levels": "pf.use_class_levels",
    "portfolio.lead_time_delta": "pf.lead_delta",
    "portfolio.holding_rate": "rp.holding_rate",
    "portfolio.order_cost": "rp.order_cost",
    "portfolio.stockout_cost": "rp.stockout_cost",
    "portfolio.unit_cost": "rp.unit_cost",
    "portfolio.lead_time_days": "rp.lead_time",
    "portfolio.paths": "rp.paths",
    "portfolio.window_days": "sc.param.window_days",
    "portfolio.horizon_days": "rp.horizon",
    "portfolio.inactive_days": "plan.inactive_days",
    "portfolio.cover_days": "sc.param.cover_days",
    "portfolio.seed": "rp.seed",
    "portfolio.uncertainty": "rp.uncertainty",
    "sku": "sc.param.sku",
}
_PCT_PARAMS = ("service_level", "holding_rate", "class_levels", "category_levels")


def param_label(key: str) -> str:
    """A flattened scenario parameter (``portfolio.class_levels.A``) in words, in the session's language."""
    if key in _PARAM_LABELS:
        return t(_PARAM_LABELS[key])
    parts = key.split(".")
    if key.startswith("portfolio.class_levels."):
        return t("sc.param.class_level", cls=parts[-1])
    if key.startswith("portfolio.category_levels."):
        return t("sc.param.category_level", category=key.removeprefix("portfolio.category_levels."))
    if key.startswith("sku_params.") and len(parts) >= 3:
        field = parts[-1]
        sku = ".".join(parts[1:-1])
        names = {
            "service_level": "rp.service_level",
            "lead_time_days": "rp.lead_time",
            "on_hand": "rp.col.on_hand",
            "on_order": "rp.col.on_order",
        }
        return f"{sku}: {t(names[field])}" if field in names else key
    if key.startswith("forecast.config."):
        from ui.i18n import CATALOGUES

        name = parts[2] if len(parts) > 2 else parts[-1]
        known = f"fc.{name}" in CATALOGUES["en"]
        return t("sc.param.forecast", name=t(f"fc.{name}") if known else name)
    if key.startswith(("overrides.", "locks.", "notes.", "donors.")):
        return t(f"sc.param.{parts[0]}", sku=".".join(parts[1:]))
    if key.startswith("filter."):
        return t("sc.param.filter", name=parts[-1])
    return key


def param_value(key: str, raw: str) -> str:
    """A parameter's stored JSON as a reader sees it: percentages, yes/no, policy names, plain numbers."""
    import json as _json

    if raw in ("–", None):
        return "–"
    try:
        value = _json.loads(raw)
    except (TypeError, ValueError):
        return str(raw)
    if value is None:
        return "–"
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if isinstance(value, (int, float)):
        if any(p in key for p in _PCT_PARAMS) and 0 <= value <= 1:
            return f"{100 * value:.1f}%"
        return fmt_num(value, 2) if isinstance(value, float) and not float(value).is_integer() else fmt_int(value)
    if key == "portfolio.policy":
        return t(f"rp.policy.{value}")
    if key == "portfolio.service_type":
        return t(f"rp.service_type.{value}")
    if key == "portfolio.uncertainty":
        return t(f"rp.uncertainty.{value}")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def kpi_text(key: str, value: float, signed: bool = False) -> str:
    """A KPI value with its unit (money, percentage or count); ``signed`` for a difference."""
    if value is None or not np.isfinite(value):
        return "–"
    unit, _ = KPI_KIND.get(key, ("num", 0))
    if unit == "pct":
        return f"{100 * value:+.1f} pt" if signed else f"{100 * value:.1f}%"
    sign = "+" if signed and value > 0 else ("−" if signed and value < 0 else "")
    magnitude = abs(value) if signed else value
    if unit == "money":
        return sign + fmt_money(magnitude)
    return sign + fmt_int(magnitude)


def kpi_comparison(kpis: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(display table, colours): each scenario's KPIs with units, then each scenario minus the first (base),
    coloured green where the change is better and red where it is worse."""
    first = kpis.columns[0]
    shown, colours = {}, {}
    for col in kpis.columns:
        shown[col] = [kpi_text(k, kpis.loc[k, col]) for k in kpis.index]
        colours[col] = [""] * len(kpis)
    for col in kpis.columns[1:]:
        name = t("sc.diff_col", scenario=col, base=first)
        delta = kpis[col] - kpis[first]
        shown[name] = [kpi_text(k, delta[k], signed=True) for k in kpis.index]
        colours[name] = [
            ""
            if not np.isfinite(delta[k]) or abs(delta[k]) < 1e-12 or KPI_KIND.get(k, ("", 0))[1] == 0
            else ("color: #1a7f37" if np.sign(delta[k]) == KPI_KIND[k][1] else "color: #cf222e")
            for k in kpis.index
        ]
    labels = [t(dict(KPI_ROWS)[k]) for k in kpis.index]
    return pd.DataFrame(shown, index=labels), pd.DataFrame(colours, index=labels)


def compare_view(scenarios: list) -> None:
    """2-4 scenarios side by side: parameter differences, KPI differences, overlaid charts."""
    names = [s.name for s in scenarios]
    picked = st.multiselect(
        t("sc.compare_pick"),
        names,
        default=names[: min(2, len(names))],
        max_selections=4,
        placeholder=t("common.choose"),
        key="w.sc.compare",
    )
    if len(picked) < 2:
        st.info(t("sc.compare_need"))
        return
    chosen = [next(s for s in scenarios if s.name == n) for n in picked]
    if len({s.dataset for s in chosen}) > 1:
        st.warning(t("sc.compare_datasets"))
    flat = {s.name: _flatten({k: v for k, v in s.params.items() if k != "data"}) for s in chosen}
    keys = sorted(set().union(*flat.values()))
    diff = pd.DataFrame({s.name: [flat[s.name].get(k, "–") for k in keys] for s in chosen}, index=keys)
    diff = diff[diff.nunique(axis=1) > 1]
    st.subheader(t("sc.param_diff"))
    if diff.empty:
        st.caption(t("sc.no_param_diff"))
    else:
        readable = pd.DataFrame(
            {col: [param_value(k, diff.loc[k, col]) for k in diff.index] for col in diff.columns},
            index=[param_label(k) for k in diff.index],
        )
        st.dataframe(readable.rename_axis(t("sc.parameter")).reset_index(), hide_index=True)
    st.subheader(t("sc.kpi_diff"))
    st.caption(t("sc.kpi_diff_help", base=md(chosen[0].name)))
    kpis = pd.DataFrame(
        {s.name: [s.summary.get("kpis", {}).get(k) for k, _ in KPI_ROWS] for s in chosen},
        index=[k for k, _ in KPI_ROWS],
    ).astype(float)
    shown, colours = kpi_comparison(kpis)
    styled = (
        shown.rename_axis(t("sc.kpi"))
        .reset_index()
        .style.apply(
            lambda _: (
                colours.reset_index(drop=True)
                .reindex(columns=shown.columns)
                .assign(**{t("sc.kpi"): ""})[[t("sc.kpi"), *shown.columns]]
            ),
            axis=None,
        )
    )
    st.dataframe(styled, hide_index=True)
    left, right = st.columns(2)
    left.plotly_chart(
        charts.scenario_kpi_figure(kpis.rename(index={k: t(label) for k, label in KPI_ROWS}), _kpi_texts(kpis)),
        key="chart.sc_kpis",
    )
    orders = {s.name: pd.DataFrame(s.summary.get("orders", [])) for s in chosen}
    right.plotly_chart(charts.scenario_spend_figure(orders), key="chart.sc_spend")
    lines = {s.name: pd.DataFrame(s.summary.get("lines", [])) for s in chosen}
    per_sku = None
    for name, frame in lines.items():
        if frame.empty or "safety_stock" not in frame:
            continue
        part = frame.set_index("unique_id")[["safety_stock"]].rename(columns={"safety_stock": name})
        per_sku = part if per_sku is None else per_sku.join(part, how="outer")
    if per_sku is not None:
        per_sku = per_sku.round(0)  # whole units, as on the other pages
        st.subheader(t("sc.per_sku"))
        st.dataframe(per_sku.reset_index().rename(columns={"unique_id": "SKU"}), hide_index=True)
    st.caption(t("sc.saved_at", dates=md(", ".join(f"{s.name}: {fmt_date(s.updated_at)}" for s in chosen))))
    report = comparison_report(chosen, readable if not diff.empty else None, shown, colours, kpis, orders, per_sku)
    st.download_button(
        t("sc.compare_download"),
        report.encode("utf-8"),
        "scenario_comparison.html",
        "text/html",
        key="w.sc.compare_html",
    )


def comparison_report(chosen, params, shown, colours, kpis, orders, per_sku) -> str:
    """The comparison as one HTML file for stakeholders: what differs in words, the KPIs with units and each
    scenario minus the base coloured by better or worse, the same charts, and safety stock per SKU."""
    from scenarios.exports import html_report

    table = shown.rename_axis(t("sc.kpi")).reset_index()
    paint = colours.reindex(index=shown.index, columns=shown.columns).reset_index(drop=True)
    paint.insert(0, t("sc.kpi"), "font-weight: 600")
    kpi_table = table.style.apply(lambda _: paint, axis=None).hide(axis="index").to_html()
    kpi_chart = charts.scenario_kpi_figure(kpis.rename(index={k: t(label) for k, label in KPI_ROWS}), _kpi_texts(kpis))
    spend = charts.scenario_spend_figure(orders)
    figures = [
        (t("sc.kpi_diff"), f"<p class='note'>{html.escape(t('sc.kpi_diff_help', base=chosen[0].name))}</p>{kpi_table}"),
        (t("sc.kpi_chart"), charts.report_html(kpi_chart, include_plotlyjs=True)),
        (t("sc.spend_title"), charts.report_html(spend, include_plotlyjs=False)),
    ]
    tables = []
    if params is not None:
        tables.append((t("sc.param_diff"), params.rename_axis(t("sc.parameter")).reset_index()))
    if per_sku is not None:
        tables.append((t("sc.per_sku"), per_sku.reset_index().rename(columns={"unique_id": "SKU"})))
    meta = {
        t("sc.compare_of"): ", ".join(s.name for s in chosen),
        t("sc.updated"): ", ".join(f"{s.name}: {fmt_date(s.updated_at)}" for s in chosen),
    }
    return html_report(
        t("sc.compare_report_title"),
        meta,
        [],
        tables,
        figures,
        labels=export_labels(),
        lang=language(),
    )


def _kpi_texts(kpis: pd.DataFrame) -> pd.DataFrame:
    """Each KPI value with its unit, for the chart's bar labels."""
    return pd.DataFrame(
        {col: [kpi_text(k, kpis.loc[k, col]) for k in kpis.index] for col in kpis.columns},
        index=[t(dict(KPI_ROWS)[k]) for k in kpis.index],
    )


def scenario_report(scenario) -> str:
    """The HTML report of a saved scenario, from what it kept: KPIs, settings, orders and per-SKU lines."""
    from scenarios.exports import html_report

    summary = scenario.summary
    kpis = summary.get("kpis", {})
    pf = portfolio.DEFAULTS | scenario.params.get("portfolio", {})
    meta = {
        t("sc.name"): scenario.name,
        t("pf.meta.dataset"): scenario.params.get("data", {}).get("name", ""),
        t("sc.updated"): fmt_date(scenario.updated_at),
        t("rp.service_level"): f"{100 * float(pf['service_level']):.1f}%",
        t("pf.lead_delta"): f"{float(pf['lead_time_delta']):+g}",
    }
    orders = pd.DataFrame(summary.get("orders", []))
    lines = pd.DataFrame(summary.get("lines", []))
    spend = charts.scenario_spend_figure({scenario.name: orders})
    return html_report(
        f"{t('sc.report_title')}: {scenario.name}",
        meta,
        _kpi_cards({k: (float("nan") if v is None else v) for k, v in kpis.items()}),
        [(t("pf.report_schedule"), orders), (t("pf.report_policy"), lines)],
        [(t("sc.spend_title"), charts.report_html(spend, include_plotlyjs=True))],
        labels=export_labels(),
        lang=language(),
    )
