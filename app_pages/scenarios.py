"""Scenarios page: saved what-ifs: load, rename, duplicate, delete, compare side by side, report.

Streamlit's page file; the page itself is ``ui.views.scenarios``."""

from ui.views import scenarios

scenarios.render()
