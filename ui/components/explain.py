"""Explanations beside a plan: the formulas with the SKU's numbers, context notes, excess stock."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import streamlit as st

from inventory.order_calendar import WEEKDAYS
from salesdata import csv_bytes, estimate_lost_sales
from ui.components.replenishment_panels import pct_text
from ui.core import state
from ui.core.i18n import date_format, fmt_date, fmt_int, fmt_money, fmt_num, t
from ui.core.text import md
from ui.data.planning import SupplierTerms

__all__ = ["context_notes", "excess_section", "explanation"]


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
        (t("rp.ex.implied_csl"), "P(X \\le s)", pct_text(policy.implied_csl, 2)),
        (t("rp.ex.implied_fill"), "1 - E[(X-s)^+]/Q", pct_text(policy.implied_fill_rate, 2)),
    ]
    table = "| " + t("rp.ex.quantity") + " | " + t("rp.ex.formula") + " | " + t("rp.ex.value") + " |\n|---|---|---|\n"
    table += "\n".join(f"| {a} | {_formula(b)} | {c} |" for a, b, c in lines)
    st.markdown(table)
    st.caption(t("rp.ex.timing"))
    st.caption(t("rp.ex.distribution", dist=t(f"rp.distribution.{policy.distribution}")))


def context_notes(
    sku: str, series: pd.DataFrame, freq: str, terms: SupplierTerms, forecast: pd.DataFrame, model: str, adjusted: bool
) -> None:
    """What shapes this plan besides the controls: overrides, note, supplier terms, lost sales in the history."""
    supplier, calendar, mov = terms.name, terms.calendar, terms.min_order_value

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
        with st.expander(t("plan.lost_title", units=fmt_int(total), runs=len(lost), n=int(lost["periods"].sum()))):
            st.caption(t("plan.lost_help", freq=t(f"freq.{freq}").lower()))
            st.dataframe(
                lost,
                hide_index=True,
                column_config={
                    "start": st.column_config.DateColumn(t("item.start"), format=date_format()),
                    "end": st.column_config.DateColumn(t("item.end"), format=date_format()),
                    "periods": st.column_config.NumberColumn(t("comp.detect.periods")),
                    "rate": st.column_config.NumberColumn(t("plan.lost_rate"), format="%.1f"),
                    "lost_units": st.column_config.NumberColumn(t("plan.lost_units"), format="%.0f"),
                },
                placeholder="–",
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
        placeholder="–",
    )
    st.download_button(
        t("plan.excess_download"), csv_bytes(excess), "excess_stock.csv", "text/csv", key="w.rp.excess_dl"
    )
