"""Forecast page: compare models against baselines on one SKU by rolling-origin backtest."""

from __future__ import annotations

import logging

import streamlit as st

from salesdata import SalesDataError
from ui import cached, charts, state, views, widgets
from ui.i18n import fmt_date, t

log = logging.getLogger(__name__)

st.title(t("fc.title"))

try:
    loaded = cached.load_current()
except (LookupError, SalesDataError):
    st.info(t("fc.no_data"))
    st.stop()

dataset = loaded.dataset
sku = st.session_state[state.SKU]
profile = dataset.profile.set_index("unique_id")
if sku is None or sku not in profile.index:
    st.info(t("overview.pick_sku"))
    st.stop()

row = profile.loc[sku]
names = views.loaded_names(loaded)
freq = dataset.report.freq
st.caption(
    t(
        "fc.sku_caption",
        sku=sku,
        name=names.get(sku, ""),
        cls=t(f"class.{row['demand_class']}"),
        periods=int(row["periods"]),
        freq=t(f"freq.{freq}").lower(),
        first=fmt_date(row["first_date"]),
    )
)

cached.warm_forecast_pool()
config, run = widgets.forecast_controls(freq, row["demand_class"])
key = cached.forecast_key(loaded, sku, config)
store = cached.forecast_store()
result = store.get(key)
series = dataset.panel[dataset.panel["unique_id"] == sku]

if run and result is None:
    bar = st.progress(0.0, text=t("fc.running"))
    try:
        result = cached.run_forecast(series, freq, config, row["demand_class"], bar)
        store.put(key, result)
    except Exception as exc:  # never a traceback: the page says what failed
        log.exception("forecast run failed")
        st.error(t("fc.run_failed", kind=type(exc).__name__, message=str(exc)))
    finally:
        bar.empty()

if result is None:
    st.info(t("fc.press_run"))
    st.plotly_chart(
        charts.sku_history(series, t("overview.sku_title", sku=sku, name=names.get(sku, ""))), key="chart.fc_history"
    )
    st.stop()

views.forecast_results(result, series, names, sku)
