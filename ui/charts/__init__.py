"""Plotly figures, one module per subject, with the shared helpers in ``base``. Figures take frames and
numbers, never the session: ``ui.charts`` imports ``ui.core`` only. The functions are re-exported here so that
callers write ``charts.forecast_figure(...)``."""

from ui.charts.base import (
    CLASS_COLOURS,
    MODEL_COLOURS,
    PALETTE,
    flags_any,
    localise,
    report_html,
    runs,
    safe_label,
)
from ui.charts.forecast import forecast_figure, importance_figure, residual_figures
from ui.charts.history import abc_xyz_matrix, demand_class_map, sku_history
from ui.charts.inventory import fan_figure, frontier_figure, schedule_figure, stockout_figures
from ui.charts.portfolio import accuracy_figure, portfolio_matrix, scenario_kpi_figure, scenario_spend_figure

__all__ = [
    "CLASS_COLOURS",
    "MODEL_COLOURS",
    "PALETTE",
    "abc_xyz_matrix",
    "accuracy_figure",
    "demand_class_map",
    "fan_figure",
    "flags_any",
    "forecast_figure",
    "frontier_figure",
    "importance_figure",
    "localise",
    "portfolio_matrix",
    "report_html",
    "residual_figures",
    "runs",
    "safe_label",
    "scenario_kpi_figure",
    "scenario_spend_figure",
    "schedule_figure",
    "sku_history",
    "stockout_figures",
]
