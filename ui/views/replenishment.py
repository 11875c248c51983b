"""Replenishment page: live what-if planning from the chosen forecast and its out-of-sample errors."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, replace

import numpy as np
import streamlit as st

from inventory import InventoryInputError, compute_policy, demand_plan, project_schedule, simulate
from inventory.catalogue import sku_seed
from inventory.defaults import PLAN_HORIZON_DAYS
from inventory.demand import pooled_from
from inventory.frontier import cost_optimal_service_level
from inventory.policy import calibration_days
from inventory.replay import replay_policy
from inventory.simulation import steady_stock
from ui import charts
from ui.components import (
    explain,
    reading,
    replenishment_controls,
    replenishment_panels,
    supplier_plan,
    translated,
)
from ui.core.i18n import currency_symbol, fmt_date, fmt_money, msg, t
from ui.core.text import md
from ui.data import compute, planning, portfolio

log = logging.getLogger(__name__)


def render() -> None:
    """Draw the page (Streamlit runs ``app_pages/replenishment.py`` on every rerun)."""
    st.title(t("rp.title"))

    page = reading.sku_page()
    loaded, sku, row, names, freq = page.loaded, page.sku, page.row, page.names, page.freq
    dataset = loaded.dataset
    series = dataset.panel[dataset.panel["unique_id"] == sku]

    horizon_days = st.session_state.get("rp.horizon_days", PLAN_HORIZON_DAYS)
    config = compute.planning_config(freq, horizon_days)
    extra = planning.extra_key(loaded, sku, freq)
    key = compute.forecast_key(loaded, sku, config, extra)
    store = compute.forecast_store()
    result = store.get(key)
    compute.warm_forecast_pool()

    st.caption(
        t(
            "rp.caption",
            title=md(planning.sku_title(sku, names)),
            cls=t(f"class.{row['demand_class']}"),
            days=horizon_days,
            last=fmt_date(row["last_date"]),
        )
    )
    if result is None:
        st.info(t("rp.need_forecast", days=horizon_days))
        new_days = st.number_input(
            t("rp.horizon"), 28, 730, int(horizon_days), step=7, help=t("rp.horizon_help"), key="w.rp.horizon"
        )
        if st.button(t("rp.run_forecast", days=int(new_days)), type="primary", key="w.rp.run"):
            st.session_state["rp.horizon_days"] = int(new_days)
            config = compute.planning_config(freq, int(new_days))
            key = compute.forecast_key(loaded, sku, config, extra)
            bar = st.progress(0.0, text=t("fc.running"))
            try:
                planned, extra_models = planning.run_inputs(loaded, sku, freq)
                extra_models |= planning.catalogue_models(loaded, config, [sku]).get(sku, {})
                result = compute.run_forecast(series, freq, config, row["demand_class"], bar, planned, extra_models)
                store.put(key, result, compute.run_of(loaded, config))
                st.rerun()
            except Exception as exc:  # never a traceback on the page
                log.exception("planning forecast failed")
                st.error(t("fc.run_failed", kind=type(exc).__name__, message=md(msg(exc))))
            finally:
                bar.empty()
        if result is None:
            st.stop()

    banner = st.container()  # what the plan assumes, said at the top once it is computed
    models = [m for m in result.metrics["model"] if m in result.forecast.columns]
    master = planning.item_defaults(loaded, sku)
    # The portfolio's bulk rules and per-SKU parameters are where this SKU's controls start.
    defaults = portfolio.sku_defaults(loaded, sku, master)
    choices = replenishment_controls.replenishment_controls(
        sku, defaults, models, planning.chosen_model(result, sku), result.forecast["ds"].min().date()
    )
    model, item, settings, sim_options = choices.model, choices.item, choices.settings, choices.sim
    if not master:
        st.caption(t("rp.no_item_master"))
    lifecycle = replenishment_controls.lifecycle_controls()
    inactive_days, cover_days = lifecycle.inactive_days, lifecycle.cover_days
    excess = planning.excess_table(loaded, cover_days)
    active, inactive_reason = planning.item_status(loaded, sku, defaults, inactive_days, cover_days)
    terms = planning.supplier_terms_for(loaded, defaults)
    item = planning.replace_item(item, terms.calendar, active, inactive_reason)
    forecast, adjusted = planning.adjusted_forecast(result, sku, model)
    explain.context_notes(sku, series, freq, terms, forecast, model, adjusted)

    cal_frame, pooled, donors, cal = None, (None, 0), {}, None
    # Every draw is seeded from the run's seed and the SKU id, as the Portfolio and the CLI plan it.
    seed = sku_seed(sim_options.seed, sku)
    if settings.uncertainty == "calibrated":
        # The errors of the chosen forecast from a year of weekly origins (seconds once per SKU and model, cached).
        try:
            cal_frame, pooled, donors, cal = planning.calibration_for(
                loaded, sku, series, config, result, model, calibration_days(item, settings)
            )
        except Exception:  # the backtest errors then set the safety stock, and the page says so
            log.exception("calibration of %s failed", sku)
    try:
        plan = demand_plan(
            forecast, model, freq, backtest=result.backtest, history=series, calibration=cal_frame, pooled=pooled
        )
        policy = compute_policy(plan, item, settings, rng_seed=seed)
    except InventoryInputError as exc:
        st.error(t("rp.input_error", message=md(msg(exc))))
        st.stop()
    if not item.on_hand_given:
        # Stock unknown: the plan starts from the stock the policy itself holds on average, and says so.
        item = replace(item, on_hand=float(steady_stock(plan, item, policy, 0.5)))
    schedule = project_schedule(plan, item, policy, settings)
    sim_args = (plan, item, policy, settings)
    sim = simulate(
        *sim_args,
        np.random.default_rng(seed),
        paths=sim_options.paths,
        demand_model=sim_options.demand_model,
    )
    long_run = simulate(
        *sim_args,
        np.random.default_rng(seed),
        paths=sim_options.paths,
        demand_model=sim_options.demand_model,
        start="steady",
    )

    with banner:
        replenishment_panels.stock_banner(item, policy, long_run, horizon_days)
    replenishment_panels.kpis(policy, schedule, sim, item, long_run)
    replenishment_panels.safety_stock_method(policy, plan, cal)
    mov, supplier = terms.min_order_value, terms.name
    if mov and not schedule.orders.empty:
        first_value = float(schedule.orders["order_qty"].iloc[0]) * item.unit_cost
        if first_value < mov:
            st.warning(t("plan.below_mov", value=fmt_money(first_value), mov=fmt_money(mov), supplier=md(supplier)))
    try:
        replay = replay_policy(
            result.backtest,
            model,
            freq,
            item,
            settings,
            history=series,
            seed=seed,
            calibration=cal_frame,
            pool=(lambda cutoff: pooled_from(donors, cal_frame, freq, known_by=cutoff)) if donors else None,
        )
    except InventoryInputError:
        replay = None
    replenishment_panels.replay_panel(replay, policy)

    tab_schedule, tab_sim, tab_frontier, tab_supplier, tab_excess, tab_explain = st.tabs(
        translated.translated_tabs(
            "w.rp.tabs",
            [
                "rp.tab.schedule",
                "rp.tab.simulation",
                "rp.tab.frontier",
                "rp.tab.supplier",
                "rp.tab.excess",
                "rp.tab.explain",
            ],
        ),
        key="w.rp.tabs",
        on_change="rerun",
    )
    with tab_schedule:
        if tab_schedule.open:
            replenishment_panels.schedule_section(schedule, policy, sku, names.get(sku, ""))
    with tab_sim:
        if tab_sim.open:
            replenishment_panels.simulation_section(sim, policy)
    with tab_frontier:
        if tab_frontier.open:
            frontier_key = json.dumps(
                [key, model, asdict(item), asdict(settings), asdict(sim_options)], default=str, sort_keys=True
            )
            frontier = compute.frontier(
                frontier_key, plan, item, settings, min(sim_options.paths, 500), seed, sim_options.demand_model
            )
            optimal = (
                cost_optimal_service_level(item, policy, settings.backorders)
                if settings.service_type == "csl"
                else None
            )
            st.plotly_chart(
                charts.frontier_figure(frontier, settings.service_level, optimal, currency_symbol()),
                key="chart.rp_frontier",
            )
            st.caption(t("rp.frontier_help", optimal="–" if optimal is None else f"{100 * optimal:.1f}%"))
    with tab_supplier:
        if tab_supplier.open:
            supplier_plan.supplier_plan_section(loaded, sku, item, settings, horizon_days, inactive_days, cover_days)
    with tab_excess:
        if tab_excess.open:
            explain.excess_section(excess, cover_days, names)
    with tab_explain:
        if tab_explain.open:
            explain.explanation(policy, item, plan, settings)
