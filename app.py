"""Replenish: page config, session state, the cross-page sidebar and navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import frame
from ui.core import state
from ui.core.i18n import t

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Replenish", page_icon="📦", layout="wide")
state.init()
frame.apply_language()  # before any text: the page titles below are translated
frame.gate()  # sign-in and the allow-list, before any page is listed or run (docs/deployment.md)

# Absolute paths: AppTest starts from tests/app_entry.py, whose directory is not the app's.
pages = [
    st.Page(
        HERE / "app_pages" / "data.py",
        title=t("nav.data"),
        icon=":material/table_chart:",
        url_path="data",
        default=True,
    ),
    st.Page(
        HERE / "app_pages" / "forecast.py", title=t("nav.forecast"), icon=":material/query_stats:", url_path="forecast"
    ),
    st.Page(
        HERE / "app_pages" / "replenishment.py",
        title=t("nav.replenishment"),
        icon=":material/inventory_2:",
        url_path="replenishment",
    ),
    st.Page(
        HERE / "app_pages" / "portfolio.py",
        title=t("nav.portfolio"),
        icon=":material/dashboard:",
        url_path="portfolio",
    ),
    st.Page(
        HERE / "app_pages" / "scenarios.py",
        title=t("nav.scenarios"),
        icon=":material/compare_arrows:",
        url_path="scenarios",
    ),
]
page = st.navigation(pages)
frame.apply_shared_link()
frame.render()
frame.notes()
page.run()
