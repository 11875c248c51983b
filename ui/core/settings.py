"""Model sets offered by the pages (pure: no widgets, no session)."""

from __future__ import annotations

__all__ = ["default_models", "planning_model_options"]


def default_models(demand_class: str | None) -> tuple[str, ...]:
    """The page's first selection: the models ``auto`` runs for this demand class (the same forecast as the
    batch), and Prophet beside them for comparison (the batch leaves it out for time)."""
    from forecasting.engine import auto_models

    models = list(auto_models(demand_class))
    models.insert(models.index("arima") + 1, "prophet")
    return tuple(models)


def planning_model_options() -> list[str]:
    """The choices of the Portfolio's model set: automatic, every model, the catalogue model and the ensemble."""
    from forecasting.global_model import GLOBAL
    from forecasting.models import REGISTRY

    return ["auto", *REGISTRY, GLOBAL, "ensemble"]
