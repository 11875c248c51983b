"""Forecast page: compare models against baselines on one SKU by rolling-origin backtest."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from inventory.demand import PERIOD_DAYS
from ui import charts
from ui.components import forecast_controls, forecast_results, planner_panels, reading
from ui.core.i18n import fmt_date, msg, t
from ui.core.text import md
from ui.data import compute, planning

log = logging.getLogger(__name__)


def render() -> None:
    """Draw the page (Streamlit runs ``app_pages/forecast.py`` on every rerun)."""
    st.title(t("fc.title"))

    page = reading.sku_page()
    loaded, sku, row, names, freq = page.loaded, page.sku, page.row, page.names, page.freq
    dataset = loaded.dataset
    st.caption(
        t(
            "fc.sku_caption",
            sku=md(sku),
            name=f" · {md(names[sku])}" if names.get(sku) else "",
            cls=t(f"class.{row['demand_class']}"),
            periods=int(row["periods"]),
            freq=t(f"freq.{freq}").lower(),
            first=fmt_date(row["first_date"]),
        )
    )

    compute.warm_forecast_pool()
    planner_panels.donor_controls(loaded, sku, row)
    choices = forecast_controls.forecast_controls(freq, row["demand_class"])
    config, run = choices.config, choices.run
    planned, extra_models = planning.run_inputs(loaded, sku, freq)
    if planned is not None:
        horizon_end = dataset.panel["ds"].max() + pd.Timedelta(days=config.horizon * PERIOD_DAYS[freq])
        promoted = planned[planned["promo"] > 0] if "promo" in planned else planned.iloc[:0]
        st.caption(
            t(
                "plan.planned_caption",
                n=len(promoted),
                inside=int((promoted["ds"] <= horizon_end).sum()),
                first=fmt_date(planned["ds"].min()),
            )
        )
    key = compute.forecast_key(loaded, sku, config, planning.extra_key(loaded, sku, freq))
    store = compute.forecast_store()
    result = store.get(key)
    series = dataset.panel[dataset.panel["unique_id"] == sku]

    if run and result is None:
        bar = st.progress(0.0, text=t("fc.running"))
        try:
            extra_models = extra_models | planning.catalogue_models(loaded, config, [sku]).get(sku, {})
            result = compute.run_forecast(series, freq, config, row["demand_class"], bar, planned, extra_models)
            store.put(key, result, compute.run_of(loaded, config))
        except Exception as exc:  # never a traceback: the page says what failed
            log.exception("forecast run failed")
            st.error(t("fc.run_failed", kind=type(exc).__name__, message=md(msg(exc))))
        finally:
            bar.empty()

    if result is None:
        st.info(t("fc.press_run"))
        st.plotly_chart(charts.sku_history(series, planning.sku_title(sku, names)), key="chart.fc_history")
        st.stop()

    planner_panels.override_panel(result, sku, series)
    chosen = planning.chosen_model(result, sku)
    adjusted, changed = planning.adjusted_forecast(result, sku, chosen)
    forecast_results.forecast_results(
        result, series, names, sku, planned=planned, adjusted=(chosen, adjusted) if changed else None
    )
    planner_panels.fva_panel(loaded)
