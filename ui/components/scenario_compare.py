"""Scenario comparison side by side and the HTML reports of one scenario or a comparison."""

from __future__ import annotations

import html
import logging
from collections import Counter
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from scenarios.exports import html_report
from ui import charts
from ui.components import scenario_audit
from ui.components.portfolio_panels import kpi_cards
from ui.components.scenario_list import KPI_KIND, KPI_ROWS, flatten_params, kpi_text, param_label, param_value
from ui.core.i18n import export_labels, fmt_date, language, t
from ui.core.text import md
from ui.data.portfolio_settings import PortfolioSettings

__all__ = ["compare_view", "comparison_report", "kpi_comparison", "scenario_report"]

log = logging.getLogger(__name__)


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
    # Names are unique per owner: two people's scenarios of one name are told apart by their owner.
    counts = Counter(s.name for s in scenarios)
    labelled = {
        s.id: replace(s, name=s.name if counts[s.name] == 1 else f"{s.name} · {s.owner_label or s.owner}")
        for s in scenarios
    }
    ids = list(labelled)
    picked = st.multiselect(
        t("sc.compare_pick"),
        ids,
        default=ids[: min(2, len(ids))],
        format_func=lambda sid: labelled[sid].name,
        max_selections=4,
        placeholder=t("common.choose"),
        key="w.sc.compare",
    )
    if len(picked) < 2:
        st.info(t("sc.compare_need"))
        return
    chosen = [labelled[sid] for sid in picked]
    if len({s.dataset for s in chosen}) > 1:
        st.warning(t("sc.compare_datasets"))
    flat = {s.name: flatten_params({k: v for k, v in s.params.items() if k != "data"}) for s in chosen}
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
        st.dataframe(readable.rename_axis(t("sc.parameter")).reset_index(), hide_index=True, placeholder="–")
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
    st.dataframe(styled, hide_index=True, placeholder="–")
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
        st.dataframe(per_sku.reset_index().rename(columns={"unique_id": "SKU"}), hide_index=True, placeholder="–")
    st.caption(t("sc.saved_at", dates=md(", ".join(f"{s.name}: {fmt_date(s.updated_at)}" for s in chosen))))
    report = comparison_report(chosen, readable if not diff.empty else None, shown, colours, kpis, orders, per_sku)
    st.download_button(
        t("sc.compare_download"),
        report.encode("utf-8"),
        "scenario_comparison.html",
        "text/html",
        key="w.sc.compare_html",
        on_click=_record_comparison,
        args=(tuple(s.id for s in chosen),),
    )


def _record_comparison(ids: tuple[str, ...]) -> None:
    for sid in ids:
        scenario_audit.record_export_of(sid, f"comparison HTML of {len(ids)} scenarios")


def comparison_report(chosen, params, shown, colours, kpis, orders, per_sku) -> str:
    """The comparison as one HTML file for stakeholders: what differs in words, the KPIs with units and each
    scenario minus the base coloured by better or worse, the same charts, and safety stock per SKU."""

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

    summary = scenario.summary
    kpis = summary.get("kpis", {})
    pf = PortfolioSettings.from_dict(scenario.params.get("portfolio"))
    meta = {
        t("sc.name"): scenario.name,
        t("pf.meta.dataset"): scenario.params.get("data", {}).get("name", ""),
        t("sc.updated"): fmt_date(scenario.updated_at),
        t("rp.service_level"): f"{100 * pf.service_level:.1f}%",
        t("pf.lead_delta"): f"{pf.lead_time_delta:+g}",
    }
    orders = pd.DataFrame(summary.get("orders", []))
    lines = pd.DataFrame(summary.get("lines", []))
    spend = charts.scenario_spend_figure({scenario.name: orders})
    return html_report(
        f"{t('sc.report_title')}: {scenario.name}",
        meta,
        kpi_cards({k: (float("nan") if v is None else v) for k, v in kpis.items()}),
        [(t("pf.report_schedule"), orders), (t("pf.report_policy"), lines)],
        [(t("sc.spend_title"), charts.report_html(spend, include_plotlyjs=True))],
        labels=export_labels(),
        lang=language(),
    )
