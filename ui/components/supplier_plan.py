"""The supplier plan: every SKU of one supplier planned together, with its order calendar and minimum order value."""

from __future__ import annotations

import logging
from dataclasses import replace as _replace

import pandas as pd
import streamlit as st

from inventory.catalogue import CatalogueSettings, plan_catalogue
from salesdata import csv_bytes, xlsx_bytes
from scenarios.exports import labelled
from ui.core import state
from ui.core.i18n import date_format, export_labels, fmt_int, fmt_money, msg, t
from ui.core.text import md
from ui.data import compute, portfolio
from ui.data.planning import (
    item_defaults,
    supplier_members,
    supplier_terms,
    supplier_terms_for,
)

__all__ = ["supplier_plan_section"]

log = logging.getLogger(__name__)


def supplier_plan_section(
    loaded, sku: str, template, settings, horizon_days: int, inactive_days: int, cover_days
) -> None:
    """Every SKU of this SKU's supplier planned together (``inventory.catalogue.plan_catalogue`` with ``joint``):
    order days, shutdowns, minimum order value, budget; the page's service level and costs over each SKU's
    item-master row."""

    defaults = item_defaults(loaded, sku)
    terms = supplier_terms_for(loaded, defaults)
    supplier, mov = terms.name, terms.min_order_value
    members = supplier_members(loaded, supplier)
    if not supplier or not members:
        st.info(t("plan.sup_none"))
        return
    st.caption(t("plan.sup_help", supplier=md(supplier), n=len(members), mov=fmt_money(mov) if mov else "–"))
    budget = st.number_input(t("plan.budget"), 0.0, 1e9, 0.0, step=100.0, help=t("plan.budget_help"), key="w.rp.budget")
    freq = loaded.dataset.report.freq
    config = compute.planning_config(freq, horizon_days)
    _, failed, missing = portfolio.status(loaded, members, config)
    if missing:
        st.info(t("plan.sup_missing", n=len(missing), total=len(members)))
        if st.button(t("plan.sup_run", n=len(missing)), type="primary", key="w.rp.sup_run"):
            bar = st.progress(0.0, text=t("fc.running"))
            try:
                portfolio.run_forecasts(loaded, missing, config, bar, calibrate=settings.uncertainty == "calibrated")
            except Exception as exc:  # never a traceback: the finished SKUs stay cached
                log.exception("supplier plan run failed")
                st.error(t("fc.run_failed", kind=type(exc).__name__, message=md(msg(exc))))
            bar.empty()
            st.rerun()
        return
    for s, why in failed.items():
        st.warning(t("plan.sup_failed", sku=md(s), message=md(why)))
    catalogue = _replace(
        CatalogueSettings(),
        policy=settings,
        item=template,
        paths=0,
        inactive_days=int(inactive_days),
        cover_days=float(cover_days),
        joint=True,
        budget_per_day=budget or None,
    )
    inputs = portfolio.catalogue_inputs(
        loaded, members, config, st.session_state[state.PF_SKU_PARAMS], lambda failure: msg(failure) if failure else ""
    )
    # The page's service level applies to every member: the Portfolio's per-SKU levels are not in this what-if.
    inputs = [_replace(i, service_level=None) for i in inputs]
    plan = plan_catalogue(
        inputs,
        catalogue,
        freq,
        data_end=pd.Timestamp(loaded.dataset.profile["last_date"].max()),
        suppliers={supplier: (supplier_terms(loaded).get(supplier, (None, mov))[0], mov)},
        calibrations=portfolio.PageCalibrations(loaded, config),
    )
    skipped = [(s, msg(why)) for s, why in plan.failed.items()]
    skipped += [(ln.sku, msg(ln.row["reason"])) for ln in plan.lines if ln.row["status"] != "active"]
    joint = plan
    # Reasons said in the session's language (the schedule keeps them as coded messages).
    orders = (
        joint.orders.assign(reason=[msg(r) for r in joint.orders["reason"]]) if not joint.orders.empty else joint.orders
    )
    cuts = joint.cuts.assign(reason=[msg(r) for r in joint.cuts["reason"]]) if not joint.cuts.empty else joint.cuts
    for s, why in skipped:
        st.caption(t("plan.sup_skipped", sku=md(s), reason=md(why)))
    if orders.empty:
        st.info(t("rp.no_orders"))
        return
    days = orders.groupby("order_date")["order_value"].sum()
    cols = st.columns(4)
    cols[0].metric(t("plan.sup_orders"), fmt_int(len(orders)))
    cols[1].metric(t("plan.sup_days"), fmt_int(len(days)))
    cols[2].metric(t("plan.sup_value"), fmt_money(orders["order_value"].sum()))
    cols[3].metric(t("plan.sup_min_day"), fmt_money(days.min()), help=t("plan.sup_min_day_help", mov=fmt_money(mov)))
    st.dataframe(
        orders,
        hide_index=True,
        column_config={
            "unique_id": st.column_config.TextColumn(t("item.unique_id")),
            "supplier": st.column_config.TextColumn(t("item.supplier")),
            "order_date": st.column_config.DateColumn(t("rp.col.order_date"), format=date_format()),
            "arrival_date": st.column_config.DateColumn(t("rp.col.arrival_date"), format=date_format()),
            "order_qty": st.column_config.NumberColumn(t("rp.col.order_qty"), format="%.0f"),
            "order_value": st.column_config.NumberColumn(t("plan.col.order_value"), format="%.2f"),
            "projected_on_hand": st.column_config.NumberColumn(t("rp.col.on_hand"), format="%.1f"),
            "reason": st.column_config.TextColumn(t("plan.col.reason")),
        },
        placeholder="–",
    )
    labels = export_labels()
    if not cuts.empty:
        st.markdown(f"**{t('plan.cuts_title')}**")
        st.caption(t("plan.cuts_help"))
        st.dataframe(labelled(cuts, labels), hide_index=True, placeholder="–")
    c1, c2 = st.columns(2)
    stem = f"{supplier}_purchase_plan".replace(" ", "_")
    c1.download_button(
        t("rp.dl_csv"), csv_bytes(labelled(orders, labels)), f"{stem}.csv", "text/csv", key="w.rp.sup_csv"
    )
    c2.download_button(
        t("rp.dl_xlsx"),
        xlsx_bytes(
            {
                labels["sheet.orders"]: labelled(orders, labels),
                labels["sheet.budget_cuts"]: labelled(cuts, labels),
            }
        ),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="w.rp.sup_xlsx",
    )
