"""The Replenishment page's controls: item, policy and simulation settings; lifecycle rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import streamlit as st

from inventory.policy import ItemParams, PolicySettings, holding_fraction
from ui.components.translated import translated
from ui.core import state
from ui.core.i18n import t

if TYPE_CHECKING:
    from inventory.policy import ItemParams, PolicySettings

__all__ = [
    "SERVICE_LEVELS_PCT",
    "Lifecycle",
    "PlanChoices",
    "SimOptions",
    "holding_percent",
    "lifecycle_controls",
    "replenishment_controls",
]

SERVICE_LEVELS_PCT = (80.0, 99.9)


def holding_percent(value, fallback_fraction: float) -> float:
    """An item master's holding rate as a percentage a year (0.25 and 25 both mean 25%)."""

    return holding_fraction(value, fallback_fraction) * 100


@dataclass(frozen=True)
class SimOptions:
    """The Monte-Carlo simulation's settings: paths, the base seed (offset by the SKU id) and the demand model."""

    paths: int
    seed: int
    demand_model: str


@dataclass(frozen=True)
class PlanChoices:
    """What the Replenishment controls set: the forecast model, the item, the policy and the simulation."""

    model: str
    item: ItemParams
    settings: PolicySettings
    sim: SimOptions


@dataclass(frozen=True)
class Lifecycle:
    """Days without sales after which an item is ending; days of cover above which stock is excess."""

    inactive_days: int
    cover_days: int


def replenishment_controls(sku: str, defaults: dict, models: list[str], best: str, start_date) -> PlanChoices:
    """Live what-if controls. Widget keys carry the SKU, so each SKU keeps its own values.

    Returns the choices as one frozen ``PlanChoices``.
    """

    base = ItemParams()

    def d(name: str, fallback: float) -> float:
        value = defaults.get(name)
        return float(value) if value is not None else float(fallback)

    k = f"w.rp.{sku}"
    with st.container(border=True):
        top = st.columns([2, 2, 2, 2])
        lead = top[0].slider(
            t("rp.lead_time"),
            1,
            120,
            int(round(d("lead_time_days", base.lead_time_days))),
            help=t("rp.lead_time_help"),
            key=f"{k}.lead",
        )
        lead_sd = top[1].slider(
            t("rp.lead_time_sd"),
            0.0,
            30.0,
            float(d("lead_time_sd_days", 0.0)),
            step=0.5,
            help=t("rp.lead_time_sd_help"),
            key=f"{k}.lead_sd",
        )
        stype = top[2].radio(
            t("rp.service_type"),
            ("csl", "fill"),
            format_func=lambda v: t(f"rp.service_type.{v}"),
            help=t("rp.service_type_help"),
            horizontal=True,
            key=translated(f"{k}.stype"),
        )
        level_pct = top[3].slider(
            t("rp.service_level"),
            *SERVICE_LEVELS_PCT,
            min(SERVICE_LEVELS_PCT[1], max(SERVICE_LEVELS_PCT[0], round(d("service_level", 0.95) * 100, 1))),
            step=0.1,
            format="%.1f%%",
            help=t("rp.service_level_help"),
            key=f"{k}.level",
        )
        row = st.columns([2, 2, 2, 2])
        policy = row[0].radio(
            t("rp.policy"),
            ("sQ", "sS", "RS"),
            format_func=lambda v: t(f"rp.policy.{v}"),
            help=t("rp.policy_help"),
            key=translated(f"{k}.policy"),
        )
        review = row[1].number_input(
            t("rp.review_period"),
            1,
            90,
            int(round(d("review_period_days", 7))),
            help=t("rp.review_period_help"),
            disabled=policy != "RS",
            key=f"{k}.review",
        )
        model = row[2].selectbox(
            t("rp.model"),
            models,
            index=models.index(best) if best in models else 0,
            format_func=lambda m: t(f"model.{m}") + (" ★" if m == best else ""),
            help=t("rp.model_help"),
            key=translated(f"{k}.model"),
        )
        on_hand = row[3].number_input(
            t("rp.on_hand"),
            0.0,
            1e9,
            float(defaults["on_hand"]) if defaults.get("on_hand") is not None else None,
            step=1.0,
            placeholder=t("rp.on_hand_unknown"),
            help=t("rp.on_hand_help"),
            key=f"{k}.on_hand",
        )
        with st.expander(t("rp.more")):
            a = st.columns(4)
            unit_cost = a[0].number_input(
                t("rp.unit_cost"), 0.0, 1e7, d("unit_cost", base.unit_cost), step=0.5, key=f"{k}.unit_cost"
            )
            holding = a[1].number_input(
                t("rp.holding_rate"),
                0.0,
                200.0,
                holding_percent(defaults.get("holding_rate"), base.holding_rate),
                step=1.0,
                help=t("rp.holding_rate_help"),
                key=f"{k}.holding",
            )
            order_cost = a[2].number_input(
                t("rp.order_cost"),
                0.0,
                1e6,
                d("order_cost", base.order_cost),
                step=5.0,
                help=t("rp.order_cost_help"),
                key=f"{k}.order_cost",
            )
            stockout_cost = a[3].number_input(
                t("rp.stockout_cost"),
                0.0,
                1e6,
                base.stockout_cost,
                step=0.5,
                help=t("rp.stockout_cost_help"),
                key=f"{k}.stockout_cost",
            )
            b = st.columns(4)
            moq = b[0].number_input(t("rp.moq"), 0.0, 1e9, d("moq", 0.0), step=1.0, key=f"{k}.moq")
            pack = b[1].number_input(t("rp.pack"), 1.0, 1e6, max(1.0, d("pack_size", 1.0)), step=1.0, key=f"{k}.pack")
            max_order = b[2].number_input(
                t("rp.max_order"), 0.0, 1e9, 0.0, step=10.0, help=t("rp.max_order_help"), key=f"{k}.max_order"
            )
            fixed_q = b[3].number_input(
                t("rp.fixed_q"), 0.0, 1e9, 0.0, step=10.0, help=t("rp.fixed_q_help"), key=f"{k}.fixed_q"
            )
            q_row = st.columns(4)
            costs_given = q_row[0].toggle(
                t("rp.costs_given"),
                value="order_cost" in defaults or "holding_rate" in defaults,
                help=t("rp.costs_given_help"),
                key=f"{k}.costs_given",
            )
            cover_lo = q_row[1].number_input(
                t("rp.cover_min"), 1, 365, 7, step=1, disabled=costs_given, help=t("rp.cover_help"), key=f"{k}.cover_lo"
            )
            cover_hi = q_row[2].number_input(
                t("rp.cover_max"),
                int(cover_lo),
                730,
                max(int(cover_lo), 91),
                step=1,
                disabled=costs_given,
                help=t("rp.cover_help"),
                key=f"{k}.cover_hi",
            )
            c = st.columns(4)
            on_order = c[0].number_input(t("rp.on_order"), 0.0, 1e9, d("on_order", 0.0), step=1.0, key=f"{k}.on_order")
            arrival = c[1].date_input(
                t("rp.on_order_arrival"),
                value=start_date + timedelta(days=max(1, lead // 2)),
                help=t("rp.on_order_arrival_help"),
                key=f"{k}.arrival",
            )
            backorders = c[2].toggle(
                t("rp.backorders"), value=False, help=t("rp.backorders_help"), key=f"{k}.backorders"
            )
            uncertainty = c[3].selectbox(
                t("rp.uncertainty"),
                ("calibrated", "backtest", "intervals", "history"),
                format_func=lambda v: t(f"rp.uncertainty.{v}"),
                help=t("rp.uncertainty_help"),
                key=translated(f"{k}.uncertainty"),
            )
            e = st.columns(4)
            distribution = e[0].selectbox(
                t("rp.distribution"),
                ("normal", "gamma", "empirical"),
                format_func=lambda v: t(f"rp.distribution.{v}"),
                help=t("rp.distribution_help"),
                key=translated(f"{k}.distribution"),
            )
            demand_model = e[1].selectbox(
                t("rp.sim_demand"),
                ("bootstrap", "normal", "gamma"),
                format_func=lambda v: t(f"rp.sim_demand.{v}"),
                help=t("rp.sim_demand_help"),
                key=translated(f"{k}.sim_demand"),
            )
            paths = e[2].number_input(t("rp.paths"), 100, 20_000, 1000, step=100, key=f"{k}.paths")
            seed = e[3].number_input(t("rp.seed"), 0, 1_000_000, 0, step=1, help=t("rp.seed_help"), key=f"{k}.seed")
    item = ItemParams(
        lead_time_days=float(lead),
        lead_time_sd_days=float(lead_sd),
        review_period_days=float(review),
        unit_cost=float(unit_cost),
        holding_rate=float(holding) / 100,
        order_cost=float(order_cost),
        stockout_cost=float(stockout_cost),
        moq=float(moq),
        pack_size=float(pack),
        max_order=float(max_order) or None,
        on_hand=float(on_hand or 0.0),
        open_orders=((arrival, float(on_order)),) if on_order > 0 else (),
        costs_given=bool(costs_given),
        on_hand_given=on_hand is not None,
    )
    settings = PolicySettings(
        cover_days=(float(cover_lo), float(cover_hi)),
        policy=policy,
        service_type=stype,
        service_level=round(level_pct / 100, 4),
        order_quantity=float(fixed_q) or None,
        uncertainty=uncertainty,
        distribution=distribution,
        backorders=backorders,
    )
    return PlanChoices(model, item, settings, SimOptions(int(paths), int(seed), str(demand_model)))


def lifecycle_controls() -> Lifecycle:
    """Days without sales after which an item is ending, and the days of cover above which stock is excess."""
    with st.expander(t("plan.rules_title")):
        left, right = st.columns(2)
        inactive = left.number_input(
            t("plan.inactive_days"),
            0,
            3650,
            int(st.session_state[state.RP_INACTIVE_DAYS]),
            step=15,
            help=t("plan.inactive_days_help"),
            key="w.rp.inactive_days",
        )
        cover = right.number_input(
            t("plan.cover_days"),
            7,
            3650,
            int(st.session_state[state.RP_COVER_DAYS]),
            step=15,
            help=t("plan.cover_days_help"),
            key="w.rp.cover_days",
        )
    st.session_state[state.RP_INACTIVE_DAYS] = int(inactive)
    st.session_state[state.RP_COVER_DAYS] = int(cover)
    return Lifecycle(int(inactive), int(cover))
