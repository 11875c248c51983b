"""Scenarios page: saved what-ifs: load, rename, duplicate, delete, compare side by side, report."""

from __future__ import annotations

import streamlit as st

from salesdata import SalesDataError
from ui import cached, scenario_views
from ui.i18n import t
from ui.text import md

st.title(t("sc.title"))
st.caption(t("sc.intro"))

try:
    loaded = cached.load_current()
except (LookupError, SalesDataError):
    loaded = None

scenarios = scenario_views.scenario_list(loaded)
if scenarios:
    pick = next((s for s in scenarios if s.name == st.session_state.get("w.sc.pick")), scenarios[0])
    st.download_button(
        t("sc.dl_report", name=md(pick.name)),
        scenario_views.scenario_report(pick).encode("utf-8"),
        f"scenario_{pick.id[:8]}.html",
        "text/html",
        key="w.sc.dl_report",
    )
    st.divider()
    st.header(t("sc.compare_title"))
    scenario_views.compare_view(scenarios)
