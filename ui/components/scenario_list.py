"""The saved scenarios: list, load, rename, duplicate, delete; labels of parameters and KPIs."""

from __future__ import annotations

import json
import json as _json
import logging

import numpy as np
import pandas as pd
import streamlit as st

from scenarios.store import LOCAL_ACTOR, RETENTION_DAYS, Actor, NameTaken, PermissionDenied, StoreError
from ui.core import identity, state
from ui.core.i18n import CATALOGUES, fmt_int, fmt_money, fmt_num, msg, t
from ui.core.text import md
from ui.data.scenario_state import ScenarioDataMissing, apply, store

__all__ = [
    "KPI_KIND",
    "KPI_ROWS",
    "current_actor",
    "flatten_params",
    "kpi_text",
    "owner_text",
    "param_label",
    "param_value",
    "scenario_list",
]

log = logging.getLogger(__name__)


def current_actor() -> Actor:
    """Who is using this session (set by app.py's sign-in gate each run).

    Only a server without sign-in has the local user; with sign-in or a proxy, a session without a user never gets
    past the gate, and one that somehow did acts as no one rather than as the owner of every older scenario.
    """
    actor = st.session_state.get(state.ACTOR)
    if actor is not None:
        return actor
    if identity.access().mode == "local":
        return LOCAL_ACTOR
    raise RuntimeError("no signed-in user in a sign-in deployment")


def owner_text(scenario, actor: Actor) -> str:
    return t("sc.owner_you") if scenario.owner == actor.key else (scenario.owner_label or t("sc.owner_unknown"))


def scenario_list(loaded) -> list:
    """The saved scenarios with load, rename, duplicate and delete; returns them for comparison.

    Everyone sees every scenario; only its owner renames, overwrites or deletes it. Anyone may load one (its
    settings go into their own session) or duplicate it (the copy is theirs).
    """

    scenario_store, problem = store()
    if scenario_store is None:
        st.error(t("sc.store_unavailable", reason=md(msg(problem))))
        return []
    actor = current_actor()
    try:
        scenarios = scenario_store.list()
    except StoreError as exc:
        st.error(t("sc.store_failed", reason=md(msg(exc))))
        return []
    if not scenarios:
        st.info(t("sc.none"))
        return scenarios
    current_key = loaded.key if loaded is not None else None
    frame = pd.DataFrame(
        {
            "name": [s.name for s in scenarios],
            "owner": [owner_text(s, actor) for s in scenarios],
            "same_data": [s.dataset == current_key for s in scenarios],
            "updated": [s.updated_at for s in scenarios],
            "created_by": [s.created_by or "–" for s in scenarios],
            "updated_by": [s.updated_by or "–" for s in scenarios],
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
            "owner": st.column_config.TextColumn(t("sc.owner"), help=t("sc.owner_help")),
            "same_data": st.column_config.CheckboxColumn(t("sc.same_data"), help=t("sc.same_data_help")),
            "updated": st.column_config.DatetimeColumn(t("sc.updated"), format="YYYY-MM-DD HH:mm"),
            "created_by": st.column_config.TextColumn(t("sc.created_by")),
            "updated_by": st.column_config.TextColumn(t("sc.updated_by")),
            "inventory_value": st.column_config.NumberColumn(t("pf.kpi.value"), format="%.0f"),
            "fill_rate": st.column_config.NumberColumn(t("pf.kpi.fill"), format="percent"),
            "order_now": st.column_config.NumberColumn(t("pf.kpi.order_now")),
        },
        placeholder="–",
    )
    by_id = {s.id: s for s in scenarios}
    c = st.columns([3, 3, 1, 1, 1, 1], vertical_alignment="bottom")
    if st.session_state.get("w.sc.pick") not in by_id:
        st.session_state.pop("w.sc.pick", None)
    pick = c[0].selectbox(
        t("sc.pick"),
        list(by_id),
        format_func=lambda sid: (
            by_id[sid].name
            if by_id[sid].owner == actor.key
            else t("sc.pick_other", name=by_id[sid].name, owner=owner_text(by_id[sid], actor))
        ),
        key="w.sc.pick",
    )
    new_name = c[1].text_input(t("sc.new_name"), max_chars=80, key="w.sc.new_name")
    chosen = by_id[pick]
    mine = scenario_store.can_change(chosen, actor)
    locked = None if mine else t("sc.read_only_help", owner=owner_text(chosen, actor))
    try:
        if c[2].button(t("sc.load"), type="primary", key="w.sc.load"):
            try:
                apply(chosen.params)
                st.session_state[state.SC_LOADED] = chosen.name
                st.session_state[state.SC_LOADED_ID] = chosen.id
                st.rerun()
            except ScenarioDataMissing as exc:
                st.error(t("sc.data_missing", reason=md(msg(exc))))
            except ValueError as exc:  # a stored setting of the wrong kind (the store edited by hand)
                st.error(t("sc.load_bad", name=md(chosen.name), reason=md(msg(exc))))
        if c[3].button(t("sc.rename"), key="w.sc.rename", disabled=not mine, help=locked):
            scenario_store.rename(chosen.id, new_name, actor=actor)
            st.rerun()
        if c[4].button(t("sc.duplicate"), key="w.sc.duplicate", help=t("sc.duplicate_help")):
            scenario_store.duplicate(chosen.id, new_name or t("sc.copy_of", name=chosen.name), actor=actor)
            st.rerun()
        with c[5].popover(t("sc.delete"), disabled=not mine, help=locked):
            st.caption(t("sc.delete_confirm", name=md(chosen.name), days=RETENTION_DAYS))
            if st.button(t("sc.delete_yes"), key="w.sc.delete"):
                scenario_store.delete(chosen.id, actor=actor)
                st.rerun()
    except ValueError as exc:
        st.error(t("sc.bad_name", reason=md(msg(exc))))
    except NameTaken:
        st.error(t("sc.name_taken", name=md(new_name.strip())))
    except PermissionDenied as exc:
        st.error(md(msg(exc)))
    except StoreError as exc:
        st.error(t("sc.store_failed", reason=md(msg(exc))))
    if not mine:
        st.info(t("sc.read_only", name=md(chosen.name), owner=md(owner_text(chosen, actor))))
    if st.session_state[state.SC_LOADED]:
        st.caption(t("sc.loaded", name=md(st.session_state[state.SC_LOADED])))
    return scenarios


def flatten_params(d: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and v:
            out |= flatten_params(v, key + ".")
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
