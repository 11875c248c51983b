"""Forecast page: compare models against baselines on one SKU by rolling-origin backtest.

Streamlit's page file; the page itself is ``ui.views.forecast``."""

from ui.views import forecast

forecast.render()
