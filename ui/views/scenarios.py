"""Scenarios page: saved what-ifs: load, rename, duplicate, delete, compare side by side, report."""

from __future__ import annotations

import streamlit as st

from salesdata import SalesDataError
from ui.components import scenario_audit, scenario_compare, scenario_list
from ui.core.i18n import t
from ui.core.text import md
from ui.data import cached


def render() -> None:
    """Draw the page (Streamlit runs ``app_pages/scenarios.py`` on every rerun)."""
    st.title(t("sc.title"))
    st.caption(t("sc.intro"))

    try:
        loaded = cached.load_current()
    except (LookupError, SalesDataError):
        loaded = None

    scenarios = scenario_list.scenario_list(loaded)
    scenario_audit.recently_deleted()
    if scenarios:
        pick = next((s for s in scenarios if s.id == st.session_state.get("w.sc.pick")), scenarios[0])
        st.download_button(
            t("sc.dl_report", name=md(pick.name)),
            scenario_compare.scenario_report(pick).encode("utf-8"),
            f"scenario_{pick.id[:8]}.html",
            "text/html",
            key="w.sc.dl_report",
            on_click=scenario_audit.record_export_of,
            args=(pick.id, "report HTML"),
        )
        st.divider()
        st.header(t("sc.compare_title"))
        scenario_compare.compare_view(scenarios)
    st.divider()
    st.header(t("sc.activity_title"))
    scenario_audit.activity()
