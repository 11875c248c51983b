"""The Forecast page's controls: models, horizon, folds, levels, metric and advanced options."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from forecasting.engine import ForecastConfig
from forecasting.global_model import GLOBAL
from forecasting.models import REGISTRY
from ui.components.translated import option_index, translated
from ui.core import state
from ui.core.i18n import t
from ui.core.settings import default_models

__all__ = ["COUNTRIES", "DEFAULT_HORIZON", "LEVEL_CHOICES", "METRIC_CHOICES", "ForecastChoices", "forecast_controls"]

DEFAULT_HORIZON = {"D": 28, "W": 12, "M": 6}
LEVEL_CHOICES = (50, 80, 90, 95, 99)
METRIC_CHOICES = ("mase", "wape", "mae", "rmse", "smape")
COUNTRIES = (None, "CN", "US", "GB", "DE", "FR", "JP", "KR", "AU", "CA", "IN", "SG", "NL", "ES", "IT")


@dataclass(frozen=True)
class ForecastChoices:
    """What the Forecast controls set: the run's settings, and whether the run button was pressed."""

    config: ForecastConfig
    run: bool


def forecast_controls(freq: str, demand_class: str | None) -> ForecastChoices:
    """Model picker, horizon, folds, levels, metric and advanced options."""

    saved = st.session_state[state.FC_CONFIG]
    if saved is None or saved[0] != freq:
        stored = ForecastConfig(horizon=DEFAULT_HORIZON[freq], models=default_models(demand_class))
    else:
        stored = saved[1]
    options = [*REGISTRY, GLOBAL, "ensemble"]
    with st.container(border=True):
        top = st.columns([4, 1, 1, 2, 1])
        models = top[0].multiselect(
            t("fc.models"),
            options,
            default=[m for m in stored.models if m in options],
            format_func=lambda m: t(f"model.{m}"),
            help=t("fc.models_help"),
            placeholder=t("common.choose"),
            key=translated("w.fc.models"),
        )
        horizon = top[1].number_input(
            t("fc.horizon"),
            min_value=1,
            max_value={"D": 365, "W": 104, "M": 36}[freq],
            value=int(stored.horizon),
            step=1,
            help=t(f"fc.horizon_help.{freq}"),
            key=f"w.fc.horizon.{freq}",
        )
        folds = top[2].number_input(
            t("fc.folds"),
            min_value=1,
            max_value=12,
            value=int(stored.folds),
            step=1,
            help=t("fc.folds_help"),
            key="w.fc.folds",
        )
        levels = top[3].multiselect(
            t("fc.levels"),
            LEVEL_CHOICES,
            default=list(stored.levels),
            format_func=lambda v: f"{v}%",
            help=t("fc.levels_help"),
            placeholder=t("common.choose"),
            key="w.fc.levels",
        )
        metric = top[4].selectbox(
            t("fc.metric"),
            METRIC_CHOICES,
            index=METRIC_CHOICES.index(stored.metric),
            format_func=lambda m: t(f"metric.{m}"),
            help=t("fc.metric_help"),
            key=translated("w.fc.metric"),
        )
        with st.expander(t("fc.advanced")):
            cut = st.columns([1, 1])
            step = cut[0].number_input(
                t("fc.step"),
                min_value=0,
                max_value=365,
                value=int(stored.step or 0),
                step=1,
                help=t("fc.step_help"),
                key="w.fc.step",
            )
            refit = cut[1].toggle(t("fc.refit"), value=stored.refit, help=t("fc.refit_help"), key="w.fc.refit")
            adv = st.columns(4)
            country = adv[0].selectbox(
                t("fc.country"),
                COUNTRIES,
                index=option_index(COUNTRIES, stored.country),
                format_func=lambda c: t("fc.country_none") if c is None else c,
                help=t("fc.country_help"),
                key="w.fc.country",
            )
            events = adv[1].toggle(t("fc.events"), value=stored.events, help=t("fc.events_help"), key="w.fc.events")
            drivers = adv[2].selectbox(
                t("fc.drivers"),
                ("last_known", "recorded"),
                index=0 if stored.drivers_in_backtest == "last_known" else 1,
                format_func=lambda d: t(f"fc.drivers.{d}"),
                help=t("fc.drivers_help"),
                key=translated("w.fc.drivers"),
            )
            tune = adv[3].toggle(t("fc.tune"), value=stored.tune, help=t("fc.tune_help"), key="w.fc.tune")
            budget = adv[3].slider(
                t("fc.tune_budget"),
                5,
                120,
                int(stored.tune_budget_s),
                step=5,
                disabled=not tune,
                key="w.fc.tune_budget",
            )
        run = st.button(t("fc.run"), type="primary", key="w.fc.run", disabled=not models or not levels)
    config = ForecastConfig(
        horizon=int(horizon),
        folds=int(folds),
        step=int(step) or None,
        levels=tuple(sorted(levels)) or (80,),
        models=tuple(models) or ("snaive",),
        metric=metric,
        country=country,
        events=events,
        drivers_in_backtest=drivers,
        tune=tune,
        tune_budget_s=float(budget),
        refit=bool(refit),
    )
    st.session_state[state.FC_CONFIG] = (freq, config)
    return ForecastChoices(config, bool(run))
