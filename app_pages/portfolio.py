"""Portfolio page: forecast and plan the whole catalogue; what to order now, what is at risk, what it ties up.

Streamlit's page file; the page itself is ``ui.views.portfolio``."""

from ui.views import portfolio

portfolio.render()
