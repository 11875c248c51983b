"""Replenishment page: live what-if planning from the chosen forecast and its out-of-sample errors.

Streamlit's page file; the page itself is ``ui.views.replenishment``."""

from ui.views import replenishment

replenishment.render()
