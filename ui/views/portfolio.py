"""Portfolio page: forecast and plan the whole catalogue; what to order now, what is at risk, what it ties up."""

from __future__ import annotations

import logging
from dataclasses import replace

import pandas as pd
import streamlit as st

from inventory.portfolio import portfolio_kpis
from salesdata import SalesDataError, csv_bytes, xlsx_bytes
from scenarios.exports import purchase_plan
from ui import charts
from ui.components import portfolio_controls, portfolio_panels, reading, scenario_audit, translated
from ui.core import settings, state
from ui.core.i18n import date_format, export_labels, fmt_int, fmt_money, msg, t
from ui.core.text import md
from ui.data import cached, compute, portfolio

log = logging.getLogger(__name__)


def render() -> None:
    """Draw the page (Streamlit runs ``app_pages/portfolio.py`` on every rerun)."""
    st.title(t("pf.title"))
    st.caption(t("pf.intro"))

    try:
        loaded = cached.load_current()
    except (LookupError, SalesDataError):
        st.info(t("fc.no_data"))
        st.stop()
    reading.require_answered_reading(loaded)

    pf = portfolio.current()
    flt: dict = st.session_state[state.PF_FILTER]
    all_attrs = portfolio.sku_attributes(loaded, loaded.dataset.profile["unique_id"].tolist())

    # -- what to run ------------------------------------------------------------------------------------------
    with st.container(border=True):
        c1, c2, c3 = st.columns([3, 2, 2])
        categories = sorted(c for c in all_attrs["category"].unique() if c)
        chosen_cats = c1.multiselect(
            t("pf.filter_category"),
            categories,
            default=[c for c in flt.get("categories", []) if c in categories],
            placeholder=t("common.choose"),
            key="w.pf.categories",
        )
        chosen_abc = c2.multiselect(
            t("pf.filter_abc"),
            ["A", "B", "C"],
            default=flt.get("abc", []),
            placeholder=t("common.choose"),
            key="w.pf.abc",
        )
        horizon = c3.number_input(
            t("rp.horizon"), 28, 365, pf.horizon_days, step=7, help=t("rp.horizon_help"), key="w.pf.horizon"
        )
        st.session_state[state.PF_FILTER] = {"categories": chosen_cats, "abc": chosen_abc}
        options = settings.planning_model_options()
        chosen_models = st.multiselect(
            t("pf.models"),
            options,
            default=[m for m in pf.models if m in options] or ["auto"],
            format_func=lambda m: t("pf.models_auto") if m == "auto" else t(f"model.{m}"),
            help=t("pf.models_help"),
            placeholder=t("common.choose"),
            key=translated.translated("w.pf.models"),
        )
        if int(horizon) != pf.horizon_days or (chosen_models and tuple(chosen_models) != pf.models):
            pf = replace(pf, horizon_days=int(horizon), models=tuple(chosen_models) or ("auto",))
            portfolio.store_settings(pf)
        skus = portfolio.selected_skus(loaded, st.session_state[state.PF_FILTER])
        config = portfolio.forecast_config(loaded, pf)
        done, failed, missing = portfolio.status(loaded, skus, config)
        st.caption(
            t(
                "pf.status",
                n=fmt_int(len(skus)),
                done=fmt_int(len(done)),
                failed=fmt_int(len(failed)),
                missing=fmt_int(len(missing)),
                folds=config.folds,
                backtest=t("pf.backtest.every" if config.refit else "pf.backtest.first"),
            )
        )
        held = compute.forecast_store().stats(loaded.key)
        if held["entries"]:
            st.caption(
                t(
                    "pf.store",
                    mb=fmt_int(held["bytes"] / 2**20),
                    total=fmt_int(held["total_bytes"] / 2**20),
                    limit=fmt_int(held["max_bytes"] / 2**20),
                ),
                help=t("pf.store_help"),
            )
        b1, b2 = st.columns([1, 4])
        run = b1.button(
            t("pf.run", n=fmt_int(len(missing))) if missing else t("pf.run_done"),
            type="primary",
            disabled=not missing,
            key="w.pf.run",
        )
        if run:
            b2.button(t("pf.cancel"), key="w.pf.cancel", help=t("pf.cancel_help"))
            bar = st.progress(0.0, text=t("fc.running"))
            try:
                portfolio.run_forecasts(loaded, skus, config, bar, calibrate=pf.uncertainty == "calibrated")
            except Exception as exc:  # never a traceback: finished SKUs stay cached
                log.exception("portfolio run failed")
                st.error(t("fc.run_failed", kind=type(exc).__name__, message=md(msg(exc))))
            finally:
                bar.empty()
            st.rerun()

    with st.expander(t("pf.bulk_title"), expanded=False):
        portfolio_controls.bulk_controls(loaded, pf, categories)

    if not done:
        st.info(t("pf.press_run"))
        st.stop()

    pf = portfolio.current()
    sku_params = st.session_state[state.PF_SKU_PARAMS]
    rules_on = pf.rules_on
    planning = st.empty()
    table, orders = portfolio.plan_all(loaded, skus, pf, sku_params, bar=planning)
    # Without bulk rules the plan without them is the same plan: not computed twice.
    base_table = (
        portfolio.plan_all(loaded, skus, pf, sku_params, use_rules=False, bar=planning)[0] if rules_on else table
    )
    planning.empty()

    kpis = portfolio_kpis(table)
    base = portfolio_kpis(base_table)

    # -- KPI header -----------------------------------------------------------------------------------------
    if kpis["planned"] and kpis["stock_known"] < kpis["planned"]:
        st.warning(
            t(
                "pf.stock_assumed",
                unknown=fmt_int(kpis["planned"] - kpis["stock_known"]),
                total=fmt_int(kpis["planned"]),
            )
        )
    methods = table["safety_method"].value_counts() if "safety_method" in table else None
    if methods is not None and len(methods):
        st.caption(
            t(
                "pf.safety_methods",
                methods="; ".join(f"{t(f'rp.method.{m}')}: {fmt_int(n)}" for m, n in methods.items()),
            )
        )
    cols = st.columns(6)
    cols[0].metric(t("pf.kpi.skus"), fmt_int(kpis["skus"]), help=t("pf.kpi.skus_help", failed=kpis["failed"]))
    cols[1].metric(
        t("pf.kpi.value"),
        fmt_money(kpis["inventory_value"], short=True),  # a narrow card: the exact amount is in the help
        delta=fmt_money(kpis["inventory_value"] - base["inventory_value"], short=True) if rules_on else None,
        delta_color="inverse",
        help=t("pf.kpi.value_help") + " " + t("pf.kpi.exact", value=fmt_money(kpis["inventory_value"])),
    )
    cols[2].metric(
        t("pf.kpi.fill"),
        portfolio_controls.fmt_kpi(kpis["fill_rate"], pct=True),
        delta=f"{100 * (kpis['fill_rate'] - base['fill_rate']):+.1f} pt" if rules_on else None,
        help=t("pf.kpi.fill_help"),
    )
    cols[3].metric(
        t("pf.kpi.csl"),
        portfolio_controls.fmt_kpi(kpis["cycle_service_level"], pct=True),
        delta=f"{100 * (kpis['cycle_service_level'] - base['cycle_service_level']):+.1f} pt" if rules_on else None,
        help=t("pf.kpi.csl_help"),
    )
    cols[4].metric(t("pf.kpi.order_now"), fmt_int(kpis["order_now"]), help=t("pf.kpi.order_now_help"))
    cols[5].metric(
        t("pf.kpi.stockouts", days=pf.window_days),
        fmt_int(kpis["projected_stockouts"]),
        help=t("pf.kpi.stockouts_help", days=pf.window_days),
    )
    if rules_on:
        st.caption(
            t(
                "pf.rules_effect",
                cost=fmt_money(kpis["total_cost"] - base["total_cost"]),
                value=fmt_money(kpis["inventory_value"] - base["inventory_value"]),
                fill=f"{100 * (kpis['fill_rate'] - base['fill_rate']):+.1f}",
            )
        )
    with st.expander(t("pf.stock_editor_title"), expanded=kpis["stock_known"] < kpis["planned"]):
        portfolio_controls.stock_editor(loaded, skus)
    if failed:
        with st.expander(t("pf.failed_title", n=len(failed))):
            st.dataframe(
                pd.DataFrame({"SKU": list(failed), t("pf.col.reason"): list(failed.values())}),
                hide_index=True,
                placeholder="–",
            )

    tab_table, tab_now, tab_charts, tab_export, tab_save = st.tabs(
        translated.translated_tabs(
            "w.pf.tabs", ["pf.tab.table", "pf.tab.now", "pf.tab.charts", "pf.tab.export", "pf.tab.save"]
        ),
        key="w.pf.tabs",
        on_change="rerun",
    )
    with tab_table:
        if tab_table.open:
            portfolio_panels.portfolio_table_view(table)
    with tab_now:
        if tab_now.open:
            labels = export_labels()
            plan = purchase_plan(table, labels=labels)
            if plan.empty:
                st.success(t("pf.nothing_now"))
            else:
                st.caption(t("pf.now_caption", n=len(plan), value=fmt_money(plan[labels["order_value"]].sum())))
                number = st.column_config.NumberColumn
                st.dataframe(
                    plan,
                    hide_index=True,
                    column_config={
                        labels["next_order_date"]: st.column_config.DateColumn(format=date_format()),
                        labels["next_order_qty"]: number(format="%.0f"),
                        labels["unit_cost"]: number(format="%.2f"),
                        labels["order_value"]: number(format="%.2f"),
                        labels["on_hand"]: number(format="%.0f"),
                        labels["reorder_point"]: number(format="%.0f"),
                        labels["safety_stock"]: number(format="%.0f"),
                        labels["stockout_risk"]: number(format="percent"),
                    },
                    placeholder="–",
                )
            c1, c2 = st.columns(2)
            c1.download_button(
                t("rp.dl_csv"),
                csv_bytes(plan),
                "purchase_plan.csv",
                "text/csv",
                key="w.pf.dl_now",
                on_click=scenario_audit.record_export,
                args=("order-now plan CSV, Portfolio page",),
            )
            c2.download_button(
                t("rp.dl_xlsx"),
                xlsx_bytes({labels["sheet.plan"]: plan}),
                "purchase_plan.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="w.pf.dl_now_x",
                on_click=scenario_audit.record_export,
                args=("order-now plan XLSX, Portfolio page",),
            )
    with tab_charts:
        if tab_charts.open:
            left, right = st.columns(2)
            left.plotly_chart(charts.portfolio_matrix(table), key="chart.pf_matrix")
            right.plotly_chart(charts.accuracy_figure(table), key="chart.pf_accuracy")
    with tab_export:
        if tab_export.open:
            portfolio_panels.export_panel(loaded, table, orders, kpis, skus, config, title=t("pf.report_title"))
    with tab_save:
        if tab_save.open:
            portfolio_panels.save_panel(loaded, table, orders, kpis)
