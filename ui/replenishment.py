"""Rendering blocks of the Replenishment page."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import streamlit as st

from salesdata import csv_bytes, xlsx_bytes
from scenarios.exports import labelled
from ui import charts, views
from ui.i18n import export_labels, fmt_date, fmt_int, fmt_money, fmt_num, msg, t
from ui.text import md

__all__ = [
    "context_notes",
    "excess_section",
    "explanation",
    "kpis",
    "replay_panel",
    "safety_stock_method",
    "schedule_section",
    "simulation_section",
]


def _pct(x: float, digits: int = 1) -> str:
    return "–" if x is None or not np.isfinite(x) else f"{100 * x:.{digits}f}%"


def _days(days: float) -> str | None:
    """'≈ 12 days of demand' under a quantity, or nothing without demand."""
    return t("rp.kpi.in_days", days=fmt_num(days, 1 if days < 10 else 0)) if np.isfinite(days) else None


def stock_banner(item, policy, long_run, horizon_days: int) -> None:
    """At the top of the page: whether today's stock is known, and the service the policy keeps in the long run."""
    service = t(
        "rp.long_run_line",
        target=_pct(policy.service_level),
        kind=t(f"rp.service_type.{policy.service_type}").lower(),
        csl=_pct(long_run.cycle_service_level),
        fill=_pct(long_run.fill_rate),
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
        _pct(long_run.cycle_service_level),
        help=t("rp.kpi.long_run_csl_help", cycles=fmt_int(long_run.cycles), target=_pct(policy.service_level)),
    )
    row[1].metric(t("rp.kpi.long_run_fill"), _pct(long_run.fill_rate), help=t("rp.kpi.long_run_fill_help"))
    if item.on_hand_given:
        row[2].metric(
            t("rp.kpi.risk_today", days=sim.days),
            _pct(sim.stockout_probability),
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
            target=_pct(policy.service_level),
            other=t(f"rp.service_type.{other}"),
            implied=_pct(implied),
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
        text = t("rp.ss_method.calibrated", level=_pct(policy.service_level), own=fmt_int(policy.errors_own))
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
    from statsmodels.stats.proportion import proportion_confint

    target, cycles = replay.target, int(replay.cycles)
    csl = replay.cycle_service_level
    if cycles > 0 and np.isfinite(csl):
        lo, hi = proportion_confint(round(csl * cycles), cycles, alpha=0.05, method="wilson")
    else:
        lo, hi = 0.0, 1.0
    args = {"cycles": fmt_int(cycles), "target": _pct(target), "lo": _pct(lo), "hi": _pct(hi)}
    if replay.target_type == "fill":
        args["measure"] = _pct(replay.fill_rate)
        if cycles < MIN_CYCLES:
            return "few", t("rp.replay_few_fill", **args)
        ok = replay.fill_rate >= target - 0.015
        return ("ok", t("rp.replay_fill_ok", **args)) if ok else ("low", t("rp.replay_fill_low", **args))
    args["measure"] = _pct(csl)
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
            _pct(replay.fill_rate),
            delta=f"{100 * (replay.fill_rate - target):+.1f} pt" if replay.target_type == "fill" else None,
        )
        cols[1].metric(
            t("rp.replay_csl"),
            _pct(replay.cycle_service_level),
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
                    "cutoff": st.column_config.DateColumn(t("rp.col.cutoff"), format="YYYY-MM-DD"),
                    "fill_rate": st.column_config.NumberColumn(t("rp.kpi.fill_rate"), format="percent"),
                    "cycle_service_level": st.column_config.NumberColumn(t("rp.kpi.csl"), format="percent"),
                },
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
            t("rp.schedule_title", title=views.sku_title(sku, {sku: name})),
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
                "order_date": st.column_config.DateColumn(t("rp.col.order_date"), format="YYYY-MM-DD"),
                "arrival_date": st.column_config.DateColumn(t("rp.col.arrival_date"), format="YYYY-MM-DD"),
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
                _pct(sim.stockout_probability),
                fmt_num(sim.expected_stockout_days, 2),
                _pct(sim.fill_rate, 2),
                _pct(sim.cycle_service_level),
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
    st.dataframe(table, hide_index=True)


def _formula(text: str) -> str:
    """A formula as LaTeX, a rule in words as text ("EOQ or fixed Q, up to MOQ, whole packs").

    >>> _formula("L - 1"), _formula("EOQ or fixed Q, up to MOQ, whole packs")
    ('$L - 1$', 'EOQ or fixed Q, up to MOQ, whole packs')
    """
    prose = "\\" not in text and (re.search(r"[a-z]{3,}", text) is not None or not text.isascii())
    return text if prose else f"${text}$"


def explanation(policy, item, plan, settings) -> None:
    """Every formula with the numbers that went into it."""
    z_text = (
        "\\Phi^{-1}(" + f"{settings.service_level:.3f}" + ")"
        if settings.service_type == "csl"
        else "G(k) = (1-\\beta)\\,Q/\\sigma_X"
    )
    h = item.holding_cost_per_unit_year
    lines = [
        (
            t("rp.ex.exposure"),
            "L - 1" + (" + R" if policy.policy == "RS" else ""),
            f"{policy.protection_days:g} " + t("rp.days"),
        ),
        (t("rp.ex.daily"), "\\bar d", fmt_num(policy.daily_demand, 2)),
        (
            t("rp.ex.mean", model=t(f"model.{plan.model}")),
            "\\mu = \\sum \\hat y + b",
            f"{fmt_num(policy.protection_mean, 1)}" + (f" (b = {policy.bias:+.1f})" if policy.bias else ""),
        ),
        (
            t("rp.ex.demand_sd", method=t(f"rp.method.{policy.uncertainty_used}")),
            "\\sigma",
            fmt_num(policy.demand_sd, 2),
        ),
        (
            t("rp.ex.lead_sd"),
            "\\bar d\\,\\sigma_L",
            f"{fmt_num(policy.daily_demand, 2)} × {item.lead_time_sd_days:g} = {fmt_num(policy.lead_time_sd_units, 2)}",
        ),
    ]
    if policy.policy != "RS":
        lines.append(
            (
                t("rp.ex.undershoot"),
                "E[U] = E[D^2]/2E[D]",
                f"{fmt_num(policy.undershoot_mean, 2)} (sd {fmt_num(policy.undershoot_sd, 2)})",
            )
        )
    lines += [
        (
            t("rp.ex.sigma_x"),
            "\\sigma_X = \\sqrt{\\sigma^2 + \\bar d^2\\sigma_L^2 + Var(U)}",
            fmt_num(policy.protection_sd, 2),
        ),
        (
            t("rp.ex.k"),
            z_text if policy.uncertainty_used != "calibrated" else "SS/\\sigma_X",
            fmt_num(policy.safety_factor, 3),
        ),
        (t("rp.kpi.safety_stock"), "SS = k\\,\\sigma_X", fmt_num(policy.safety_stock, 1)),
        (
            t("rp.kpi.order_up_to") if policy.policy == "RS" else t("rp.kpi.reorder_point"),
            "S = \\mu + SS" if policy.policy == "RS" else "s = E[U] + \\mu + SS",
            fmt_num(policy.trigger, 1),
        ),
        (
            t("rp.ex.eoq"),
            "\\sqrt{2K\\lambda/h}",
            f"√(2 × {item.order_cost:g} × {fmt_num(policy.annual_demand, 0)} / {h:.3g}) = {fmt_num(policy.eoq, 1)}",
        ),
    ]
    if policy.uncertainty_used == "calibrated":
        n_err = policy.errors_own + policy.errors_pooled
        q_level = min(1.0, math.ceil((n_err + 1) * policy.service_level) / n_err) if n_err else float("nan")
        lines.insert(
            -1,
            (
                t("rp.ex.conformal", n=fmt_int(n_err)),
                "s = Q_{q'}(F(P') + E(P') + U),\\ q' = \\lceil (n+1)\\,CSL \\rceil / n",
                f"q' = {q_level:.3f}",
            ),
        )
    if policy.policy == "RS":
        lines.append((t("rp.kpi.expected_order"), "\\bar d\\,R", fmt_num(policy.order_quantity, 1)))
    else:
        lines.append((t("rp.kpi.order_qty"), t("rp.ex.q_rule"), fmt_num(policy.order_quantity, 0)))
    if policy.policy == "sS":
        lines.append((t("rp.kpi.order_up_to"), "S = s + Q", fmt_num(policy.order_up_to, 1)))
    lines += [
        (t("rp.ex.implied_csl"), "P(X \\le s)", _pct(policy.implied_csl, 2)),
        (t("rp.ex.implied_fill"), "1 - E[(X-s)^+]/Q", _pct(policy.implied_fill_rate, 2)),
    ]
    table = "| " + t("rp.ex.quantity") + " | " + t("rp.ex.formula") + " | " + t("rp.ex.value") + " |\n|---|---|---|\n"
    table += "\n".join(f"| {a} | {_formula(b)} | {c} |" for a, b, c in lines)
    st.markdown(table)
    st.caption(t("rp.ex.timing"))
    st.caption(t("rp.ex.distribution", dist=t(f"rp.distribution.{policy.distribution}")))


def context_notes(loaded, sku, series, freq, supplier, calendar, mov, adjusted, forecast, model) -> None:
    """What shapes this plan besides the controls: overrides, note, supplier terms, lost sales in the history."""
    from salesdata import estimate_lost_sales
    from ui import state

    if adjusted:
        stat = float(forecast[f"{model}-statistical"].sum())
        adj = float(forecast[model].sum())
        n = len(st.session_state[state.FC_OVERRIDES].get(sku, ()))
        st.info(t("plan.using_adjusted", n=n, stat=fmt_int(stat), adj=fmt_int(adj), model=t(f"model.{model}")))
    note = st.session_state[state.FC_NOTES].get(sku)
    if note:
        st.caption(t("plan.note_shown", note=md(note)))
    if supplier:
        parts = []
        if calendar is not None:
            from inventory.order_calendar import WEEKDAYS

            if len(calendar.weekdays) < 7:
                parts.append(
                    t(
                        "plan.sup_days_text",
                        days=t("list.sep").join(t(f"weekday.{WEEKDAYS[d]}") for d in sorted(calendar.weekdays)),
                    )
                )
            for a, b in calendar.shutdowns:
                parts.append(t("plan.sup_shutdown_text", start=fmt_date(a), end=fmt_date(b)))
        if mov:
            parts.append(t("plan.sup_mov_text", mov=fmt_money(mov)))
        st.caption(
            t(
                "plan.sup_caption",
                supplier=md(supplier),
                terms=t("list.clause_sep").join(parts) or t("plan.sup_any_day"),
            )
        )
    lost = estimate_lost_sales(series)
    if not lost.empty:
        total = float(lost["lost_units"].sum(skipna=True))
        with st.expander(
            t("plan.lost_title", units=fmt_int(total), runs=len(lost), periods=fmt_int(lost["periods"].sum()))
        ):
            st.caption(t("plan.lost_help", freq=t(f"freq.{freq}").lower()))
            st.dataframe(
                lost,
                hide_index=True,
                column_config={
                    "start": st.column_config.DateColumn(t("item.start"), format="YYYY-MM-DD"),
                    "end": st.column_config.DateColumn(t("item.end"), format="YYYY-MM-DD"),
                    "periods": st.column_config.NumberColumn(t("comp.detect.periods")),
                    "rate": st.column_config.NumberColumn(t("plan.lost_rate"), format="%.1f"),
                    "lost_units": st.column_config.NumberColumn(t("plan.lost_units"), format="%.0f"),
                },
            )


def excess_section(excess, cover_days: int, names: dict[str, str]) -> None:
    """SKUs holding more than ``cover_days`` of stock: excess units and value; the plan orders none of them."""
    if excess is None:
        st.info(t("plan.excess_need_items"))
        return
    if excess.empty:
        st.success(t("plan.excess_none", days=fmt_int(cover_days)))
        return
    st.caption(
        t(
            "plan.excess_caption",
            n=fmt_int(len(excess)),
            days=fmt_int(cover_days),
            value=fmt_money(excess["excess_value"].sum()),
        )
    )
    view = excess.assign(name=[names.get(s, "") for s in excess["unique_id"]])
    view = view[["unique_id", "name", "stock", "daily_demand", "days_of_cover", "excess_units", "excess_value"]]
    st.dataframe(
        view.replace([np.inf], np.nan),
        hide_index=True,
        column_config={
            "unique_id": st.column_config.TextColumn(t("item.unique_id")),
            "name": st.column_config.TextColumn(t("item.product_name")),
            "stock": st.column_config.NumberColumn(t("plan.excess.stock"), format="%.0f"),
            "daily_demand": st.column_config.NumberColumn(t("plan.excess.daily"), format="%.2f"),
            "days_of_cover": st.column_config.NumberColumn(t("plan.excess.cover"), format="%.0f"),
            "excess_units": st.column_config.NumberColumn(t("plan.excess.units"), format="%.0f"),
            "excess_value": st.column_config.NumberColumn(t("plan.excess.value"), format="%.2f"),
        },
    )
    st.download_button(
        t("plan.excess_download"), csv_bytes(excess), "excess_stock.csv", "text/csv", key="w.rp.excess_dl"
    )
