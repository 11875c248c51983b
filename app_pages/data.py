"""Data page: choose or upload sales data, check the mapping, read the validation report, explore SKUs.

Streamlit's page file; the page itself is ``ui.views.data``."""

from ui.views import data

data.render()
