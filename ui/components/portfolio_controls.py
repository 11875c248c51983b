"""The Portfolio's controls: bulk rules and service levels, stock on hand, and the KPI number format."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui.components.translated import translated
from ui.core import state
from ui.core.i18n import fmt_int, t
from ui.data import portfolio
from ui.data.planning import item_defaults, loaded_names
from ui.data.portfolio import STOCK_FIELDS, with_typed_stock
from ui.data.portfolio_settings import POLICIES, UNCERTAINTY_METHODS, PortfolioSettings

__all__ = ["bulk_controls", "fmt_kpi", "stock_editor"]


def fmt_kpi(value: float, pct: bool = False) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "–"
    return f"{100 * value:.1f}%" if pct else fmt_int(value)


def stock_editor(loaded, skus: list[str]) -> None:
    """An editable table of stock on hand and on order per SKU (cells can be pasted from a spreadsheet). Typed
    values override the item master's, are kept with the session's per-SKU parameters (so saved with a scenario
    and in a shared link) and replan the catalogue; an empty on-hand cell means the stock is not known."""

    params: dict = st.session_state[state.PF_SKU_PARAMS]
    names = loaded_names(loaded)
    rows = []
    for s in skus:
        master, own = item_defaults(loaded, s), params.get(s, {})
        rows.append(
            {
                "unique_id": s,
                "name": names.get(s, ""),
                **{k: with_typed_stock(master, own).get(k) for k in STOCK_FIELDS},
            }
        )
    frame = pd.DataFrame(rows, columns=["unique_id", "name", "on_hand", "on_order"])
    for col in STOCK_FIELDS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    known = int(frame["on_hand"].notna().sum())
    st.caption(t("pf.stock_editor_help", known=fmt_int(known), total=fmt_int(len(frame))))
    edited = st.data_editor(
        frame,
        key="w.pf.stock",
        hide_index=True,
        disabled=["unique_id", "name"],
        num_rows="fixed",
        column_config={
            "unique_id": st.column_config.TextColumn("SKU"),
            "name": st.column_config.TextColumn(t("item.product_name")),
            "on_hand": st.column_config.NumberColumn(t("rp.col.on_hand"), min_value=0.0, format="%.0f"),
            "on_order": st.column_config.NumberColumn(t("rp.col.on_order"), min_value=0.0, format="%.0f"),
        },
        placeholder="–",
    )
    changed = False
    for before, after in zip(frame.itertuples(index=False), edited.itertuples(index=False), strict=True):
        for col in STOCK_FIELDS:
            old, new = getattr(before, col), getattr(after, col)
            if (pd.isna(old) and pd.isna(new)) or old == new:
                continue
            entry = dict(params.get(before.unique_id, {}))
            entry[col] = None if pd.isna(new) else float(new)
            params[before.unique_id] = entry
            changed = True
    if changed:
        # The table is rebuilt from the stored values: no edit is applied twice.
        st.session_state.pop("w.pf.stock", None)
        st.rerun()


def bulk_controls(loaded, pf: PortfolioSettings, categories: list[str]) -> None:
    """Global what-if and service levels by ABC class or category; writes the portfolio settings."""
    st.caption(t("pf.bulk_help"))
    c = st.columns(4)
    level = c[0].slider(
        t("rp.service_level"),
        50.0,
        99.9,
        pf.service_level * 100,
        step=0.1,
        format="%.1f%%",
        key="w.pf.level",
    )
    policy = c[1].selectbox(
        t("rp.policy"),
        POLICIES,
        index=POLICIES.index(pf.policy),
        format_func=lambda v: t(f"rp.policy.{v}"),
        key=translated("w.pf.policy"),
    )
    delta = c[2].number_input(
        t("pf.lead_delta"),
        -60.0,
        120.0,
        pf.lead_time_delta,
        step=1.0,
        help=t("pf.lead_delta_help"),
        key="w.pf.lead_delta",
    )
    window = c[3].number_input(
        t("pf.window"), 7, 90, pf.window_days, step=1, help=t("pf.window_help"), key="w.pf.window"
    )
    uncertainty = st.selectbox(
        t("rp.uncertainty"),
        UNCERTAINTY_METHODS,
        index=UNCERTAINTY_METHODS.index(pf.uncertainty),
        format_func=lambda v: t(f"rp.uncertainty.{v}"),
        help=t("rp.uncertainty_help"),
        key=translated("w.pf.uncertainty"),
    )
    use_classes = st.toggle(t("pf.use_class_levels"), value=pf.use_class_levels, key="w.pf.use_classes")
    k = st.columns(3)
    class_levels = {}
    for col, cls in zip(k, ("A", "B", "C"), strict=True):
        class_levels[cls] = (
            col.number_input(
                t("pf.class_level", cls=cls),
                50.0,
                99.9,
                pf.class_levels.get(cls, 0.95) * 100,
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
            "service_level": [pf.category_levels[c] * 100 if c in pf.category_levels else np.nan for c in categories],
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
        placeholder=t("pf.category_level_global"),
    )
    cat_levels = {
        str(r["category"]): round(float(r["service_level"]) / 100, 4)
        for r in edited.to_dict("records")
        if pd.notna(r["service_level"])
    }
    new = PortfolioSettings.from_dict(
        pf.as_dict()
        | {
            "service_level": round(level / 100, 4),
            "policy": policy,
            "lead_time_delta": float(delta),
            "window_days": int(window),
            "uncertainty": uncertainty,
            "use_class_levels": bool(use_classes),
            "class_levels": {k2: round(v, 4) for k2, v in class_levels.items()},
            "category_levels": cat_levels,
        }
    )
    if new != pf:
        portfolio.store_settings(new)
        st.rerun()
