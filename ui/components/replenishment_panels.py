"""Replenishment panels: KPI cards, stock banner, safety-stock method, replay, schedule, simulation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from statsmodels.stats.proportion import proportion_confint

from salesdata import csv_bytes, xlsx_bytes
from scenarios.exports import labelled
from ui import charts
from ui.core.i18n import date_format, export_labels, fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct, msg, t
from ui.core.text import md
from ui.data import planning

__all__ = [
    "MIN_CYCLES",
    "kpis",
    "pct_text",
    "replay_panel",
    "replay_verdict",
    "safety_stock_method",
    "schedule_section",
    "simulation_section",
    "stock_banner",
]


def pct_text(x: float, digits: int = 1) -> str:
    return fmt_pct(x, digits)


def _days(days: float) -> str | None:
    """'≈ 12 days of demand' under a quantity, or nothing without demand."""
    return t("rp.kpi.in_days", days=fmt_num(days, 1 if days < 10 else 0)) if np.isfinite(days) else None


def stock_banner(item, policy, long_run, horizon_days: int) -> None:
    """At the top of the page: whether today's stock is known, and the service the policy keeps in the long run."""
    service = t(
        "rp.long_run_line",
        target=pct_text(policy.service_level),
        kind=t(f"rp.service_type.{policy.service_type}").lower(),
        csl=pct_text(long_run.cycle_service_level),
        fill=pct_text(long_run.fill_rate),
        cycles=fmt_int(long_run.cycles),
    )
    if item.on_hand_given:
        st.caption(service)
        return
    st.warning(
        t("rp.stock_assumed", assumed=fmt_int(item.on_hand), trigger=fmt_int(policy.trigger), days=horizon_days)
        + " "
        + service
    )


def kpis(policy, schedule, sim, item, long_run=None) -> None:
    """Two rows of KPI cards: the policy, then what the simulation says it achieves."""
    trigger_label = t("rp.kpi.order_up_to") if policy.policy == "RS" else t("rp.kpi.reorder_point")
    row = st.columns(4)
    row[0].metric(t("rp.kpi.safety_stock"), fmt_int(policy.safety_stock), help=t("rp.kpi.safety_stock_help"))
    row[1].metric(
        trigger_label,
        fmt_int(policy.trigger),
        delta=_days(policy.in_days(policy.trigger)),
        delta_color="off",
        delta_arrow="off",
        help=t(f"rp.kpi.trigger_help.{policy.policy}"),
    )
    q_label = t("rp.kpi.expected_order") if policy.policy == "RS" else t("rp.kpi.order_qty")
    row[2].metric(
        q_label,
        fmt_int(policy.order_quantity),
        delta=_days(policy.in_days(policy.order_quantity)),
        delta_color="off",
        delta_arrow="off",
        help=t("rp.kpi.order_qty_help", eoq=fmt_int(policy.eoq)),
    )
    nxt = schedule.next_order_date
    first_qty = schedule.orders["order_qty"].iloc[0] if not schedule.orders.empty else None
    row[3].metric(
        t("rp.kpi.next_order"),
        fmt_date(nxt, compact=True) if nxt is not None else t("rp.kpi.no_order"),
        delta=t("rp.kpi.next_order_qty", qty=fmt_int(first_qty)) if first_qty else None,
        delta_color="off",
        delta_arrow="off",
    )
    row = st.columns(4)
    long_run = long_run or sim
    row[0].metric(
        t("rp.kpi.long_run_csl"),
        pct_text(long_run.cycle_service_level),
        help=t("rp.kpi.long_run_csl_help", cycles=fmt_int(long_run.cycles), target=pct_text(policy.service_level)),
    )
    row[1].metric(t("rp.kpi.long_run_fill"), pct_text(long_run.fill_rate), help=t("rp.kpi.long_run_fill_help"))
    if item.on_hand_given:
        row[2].metric(
            t("rp.kpi.risk_today", days=sim.days),
            pct_text(sim.stockout_probability),
            help=t("rp.kpi.stockout_prob_help", days=sim.days, paths=fmt_int(sim.paths)),
        )
    else:
        row[2].metric(t("rp.kpi.risk_today", days=sim.days), "–", help=t("rp.kpi.risk_needs_stock"))
    row[3].metric(
        t("rp.kpi.cost"),
        fmt_money(sim.total_cost),
        help=t(
            "rp.kpi.cost_help",
            holding=fmt_money(sim.holding_cost),
            ordering=fmt_money(sim.ordering_cost),
            stockout=fmt_money(sim.stockout_cost),
            days=sim.days,
        ),
    )
    targeted = t(f"rp.service_type.{policy.service_type}")
    other = "fill" if policy.service_type == "csl" else "csl"
    implied = policy.implied_fill_rate if other == "fill" else policy.implied_csl
    st.caption(
        t(
            "rp.both_measures",
            targeted=targeted,
            target=pct_text(policy.service_level),
            other=t(f"rp.service_type.{other}"),
            implied=pct_text(implied),
        )
    )
    position = item.on_hand + item.on_order
    if position <= policy.trigger:
        st.warning(t("rp.below_trigger", position=fmt_int(position), trigger=fmt_int(policy.trigger)))
    for note in policy.notes:
        st.caption(f"ℹ️ {md(msg(note))}")


def safety_stock_method(policy, plan, cal=None) -> None:
    """Which method set the safety stock, and on how many errors."""
    used = policy.uncertainty_used
    if used == "calibrated":
        text = t("rp.ss_method.calibrated", level=pct_text(policy.service_level), own=fmt_int(policy.errors_own))
        if policy.errors_pooled:
            text += " " + t("rp.ss_method.pooled", n=fmt_int(policy.errors_pooled), skus=fmt_int(policy.pooled_skus))
        if cal is not None and cal.dropped:
            text += " " + t("rp.ss_method.dropped", members=", ".join(t(f"model.{m}") for m in cal.members))
    elif used == "backtest":
        errs = plan.window_errors.get(max(1, int(round(policy.protection_days / plan.period_days))))
        text = t(
            "rp.ss_method.backtest",
            n=fmt_int(0 if errs is None else errs.size),
            dist=t(f"rp.distribution.{policy.distribution}").lower(),
        )
    else:
        text = t(f"rp.ss_method.{used}")
    st.caption(text)


MIN_CYCLES = 20  # fewer replayed cycles judge nothing: a 95% target's interval spans tens of points


def replay_verdict(replay) -> tuple[str, str]:
    """("few" | "ok" | "low", sentence): the replay judged on its cycles, with the Wilson 95% interval of the
    realised cycle service (statsmodels' ``proportion_confint``); the same numbers as the cards above it."""

    target, cycles = replay.target, int(replay.cycles)
    csl = replay.cycle_service_level
    if cycles > 0 and np.isfinite(csl):
        lo, hi = proportion_confint(round(csl * cycles), cycles, alpha=0.05, method="wilson")
    else:
        lo, hi = 0.0, 1.0
    args = {"n": cycles, "cycles": fmt_int(cycles), "target": pct_text(target), "lo": pct_text(lo), "hi": pct_text(hi)}
    if replay.target_type == "fill":
        args["measure"] = pct_text(replay.fill_rate)
        if cycles < MIN_CYCLES:
            return "few", t("rp.replay_few_fill", **args)
        ok = replay.fill_rate >= target - 0.015
        return ("ok", t("rp.replay_fill_ok", **args)) if ok else ("low", t("rp.replay_fill_low", **args))
    args["measure"] = pct_text(csl)
    if cycles < MIN_CYCLES:
        return "few", t("rp.replay_few", **args)
    return ("ok", t("rp.replay_ok", **args)) if hi >= target else ("low", t("rp.replay_low", **args))


def replay_panel(replay, policy) -> None:
    """The policy replayed on history, against the target."""
    with st.container(border=True):
        st.markdown(f"**{t('rp.replay_title')}**")
        if replay is None or replay.folds.empty:
            st.caption(t("rp.replay_none"))
            for note in getattr(replay, "notes", ()):
                st.caption(md(msg(note)))
            return
        target = replay.target
        measure = replay.fill_rate if replay.target_type == "fill" else replay.cycle_service_level
        cols = st.columns(4)
        cols[0].metric(
            t("rp.replay_fill"),
            pct_text(replay.fill_rate),
            delta=f"{100 * (replay.fill_rate - target):+.1f} pt" if replay.target_type == "fill" else None,
        )
        cols[1].metric(
            t("rp.replay_csl"),
            pct_text(replay.cycle_service_level),
            delta=f"{100 * (replay.cycle_service_level - target):+.1f} pt"
            if replay.target_type == "csl" and np.isfinite(replay.cycle_service_level)
            else None,
        )
        cols[2].metric(t("rp.replay_cycles"), fmt_int(replay.cycles))
        cols[3].metric(t("rp.replay_short"), fmt_int(replay.short), help=t("rp.replay_short_help"))
        if np.isfinite(measure):
            kind, text = replay_verdict(replay)
            {"few": st.info, "ok": st.success, "low": st.warning}[kind](text)
        st.caption(t("rp.replay_help"))
        with st.expander(t("rp.replay_folds")):
            view = replay.folds.copy()
            st.dataframe(
                view,
                hide_index=True,
                column_config={
                    "cutoff": st.column_config.DateColumn(t("rp.col.cutoff"), format=date_format()),
                    "fill_rate": st.column_config.NumberColumn(t("rp.kpi.fill_rate"), format="percent"),
                    "cycle_service_level": st.column_config.NumberColumn(t("rp.kpi.csl"), format="percent"),
                },
                placeholder="–",
            )


def schedule_section(schedule, policy, sku: str, name: str) -> None:
    trigger_label = t("rp.kpi.order_up_to") if policy.policy == "RS" else t("rp.kpi.reorder_point")
    st.plotly_chart(
        charts.schedule_figure(
            schedule.days,
            schedule.orders,
            policy.trigger,
            policy.safety_stock,
            trigger_label,
            t("rp.schedule_title", title=planning.sku_title(sku, {sku: name})),
        ),
        key="chart.rp_schedule",
    )
    orders = schedule.orders
    if orders.empty:
        st.info(t("rp.no_orders"))
    else:
        view = orders[
            [
                "order_date",
                "arrival_date",
                "order_qty",
                "on_hand",
                "on_order",
                "protection_demand",
                "safety_stock",
                "raw_need",
                "rule_qty",
                "after_moq",
                "after_pack",
                "capped",
            ]
        ]
        st.markdown(f"**{t('rp.orders_title')}**")
        st.caption(t("rp.why_help"))
        st.dataframe(
            view,
            hide_index=True,
            column_config={
                "order_date": st.column_config.DateColumn(t("rp.col.order_date"), format=date_format()),
                "arrival_date": st.column_config.DateColumn(t("rp.col.arrival_date"), format=date_format()),
                "order_qty": st.column_config.NumberColumn(t("rp.col.order_qty"), format="%.0f"),
                "on_hand": st.column_config.NumberColumn(t("rp.col.on_hand"), format="%.1f"),
                "on_order": st.column_config.NumberColumn(t("rp.col.on_order"), format="%.0f"),
                "protection_demand": st.column_config.NumberColumn(t("rp.col.protection_demand"), format="%.1f"),
                "safety_stock": st.column_config.NumberColumn(t("rp.kpi.safety_stock"), format="%.1f"),
                "raw_need": st.column_config.NumberColumn(t("rp.col.raw_need"), format="%.1f"),
                "rule_qty": st.column_config.NumberColumn(t(f"rp.col.rule_qty.{policy.policy}"), format="%.1f"),
                "after_moq": st.column_config.NumberColumn(t("rp.col.after_moq"), format="%.1f"),
                "after_pack": st.column_config.NumberColumn(t("rp.col.after_pack"), format="%.0f"),
                "capped": st.column_config.CheckboxColumn(t("rp.col.capped")),
            },
            placeholder="–",
        )
    days = schedule.days
    stem = f"{sku}_replenishment"
    c1, c2 = st.columns(2)
    labels = export_labels()
    orders_out = labelled(orders.assign(unique_id=sku), labels)
    c1.download_button(t("rp.dl_csv"), csv_bytes(orders_out), f"{stem}_orders.csv", "text/csv", key="w.rp.dl_csv")
    c2.download_button(
        t("rp.dl_xlsx"),
        xlsx_bytes({labels["sheet.orders"]: orders_out, labels["sheet.projection"]: labelled(days, labels)}),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="w.rp.dl_xlsx",
    )


def simulation_section(sim, policy) -> None:
    trigger_label = t("rp.kpi.order_up_to") if policy.policy == "RS" else t("rp.kpi.reorder_point")
    st.caption(
        t(
            "rp.sim_caption",
            paths=fmt_int(sim.paths),
            days=sim.days,
            model=t(f"rp.sim_demand.{sim.demand_model}")
            if sim.demand_model in ("bootstrap", "normal", "gamma")
            else sim.demand_model,
        )
    )
    st.plotly_chart(charts.fan_figure(sim.on_hand_percentiles, policy.trigger, trigger_label), key="chart.rp_fan")
    by_day, hist = charts.stockout_figures(
        sim.stockout_probability_by_day, sim.on_hand_percentiles["date"], sim.stockout_days
    )
    left, right = st.columns(2)
    left.plotly_chart(by_day, key="chart.rp_prob")
    right.plotly_chart(hist, key="chart.rp_days")
    table = pd.DataFrame(
        {
            t("rp.sim.metric"): [
                t("rp.sim.stockout_prob"),
                t("rp.sim.stockout_days"),
                t("rp.kpi.fill_rate"),
                t("rp.kpi.csl"),
                t("rp.sim.avg_on_hand"),
                t("rp.sim.peak_on_hand"),
                t("rp.sim.lost_units"),
                t("rp.sim.orders"),
                t("rp.sim.holding"),
                t("rp.sim.ordering"),
                t("rp.sim.stockout_cost"),
                t("rp.kpi.cost"),
            ],
            t("rp.sim.value"): [
                pct_text(sim.stockout_probability),
                fmt_num(sim.expected_stockout_days, 2),
                pct_text(sim.fill_rate, 2),
                pct_text(sim.cycle_service_level),
                fmt_num(sim.avg_on_hand),
                fmt_num(sim.peak_on_hand),
                fmt_num(sim.lost_units),
                fmt_num(sim.orders_per_path, 2),
                fmt_money(sim.holding_cost),
                fmt_money(sim.ordering_cost),
                fmt_money(sim.stockout_cost),
                fmt_money(sim.total_cost),
            ],
        }
    )
    st.dataframe(table, hide_index=True, placeholder="–")
