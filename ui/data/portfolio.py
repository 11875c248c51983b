"""The Portfolio's catalogue run: settings with their defaults, forecasts of every SKU, plans through inventory.catalogue."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict

import numpy as np
import pandas as pd
import streamlit as st

from forecasting.batch import run_isolated
from inventory.catalogue import SkuInput, plan_catalogue
from inventory.portfolio import portfolio_table
from ui.core import state
from ui.core.i18n import fmt_int, language, msg, t
from ui.core.text import md
from ui.data import compute, planning
from ui.data.planning import item_defaults, loaded_names
from ui.data.portfolio_settings import PortfolioSettings

__all__ = [
    "CALIBRATE_DAYS",
    "STOCK_FIELDS",
    "PageCalibrations",
    "catalogue_inputs",
    "current",
    "forecast_config",
    "plan_all",
    "run_forecasts",
    "selected_skus",
    "sku_attributes",
    "sku_defaults",
    "sku_keys",
    "status",
    "store_settings",
    "with_typed_stock",
]

log = logging.getLogger(__name__)

CALIBRATE_DAYS = 56.0  # the calibration a Portfolio run computes with each forecast (lead times up to ~40 days)


def current() -> PortfolioSettings:
    """The session's portfolio settings, with defaults for keys an older scenario did not have."""
    return PortfolioSettings.from_dict(st.session_state[state.PF_SETTINGS])


def store_settings(pf: PortfolioSettings) -> None:
    """Keep ``pf`` as the session's portfolio settings (in the plain form scenarios and links save)."""
    st.session_state[state.PF_SETTINGS] = pf.as_dict()


def forecast_config(loaded, pf: PortfolioSettings):
    return compute.planning_config(loaded.dataset.report.freq, pf.horizon_days)


def sku_keys(loaded, skus: list[str], config) -> dict[str, str]:
    freq = loaded.dataset.report.freq
    return {s: compute.forecast_key(loaded, s, config, planning.extra_key(loaded, s, freq)) for s in skus}


def _fail_key(key: str) -> str:
    return "failed:" + key


def run_forecasts(loaded, skus: list[str], config, bar, calibrate: bool = True) -> tuple[int, dict[str, str]]:
    """Forecast the SKUs not cached yet, in parallel across SKUs; each result is kept as soon as it finishes,
    so a cancelled run (any click reruns the page) keeps its finished SKUs. With ``calibrate``, each worker also
    calibrates the chosen forecast (``forecasting.calibration``). Returns (run now, failures)."""

    store = compute.forecast_store()
    keys = sku_keys(loaded, skus, config)
    todo = [s for s in skus if store.get(keys[s]) is None and store.get(_fail_key(keys[s])) is None]
    if not todo:
        return 0, {}
    freq = loaded.dataset.report.freq
    panel = loaded.dataset.panel
    profile = loaded.dataset.profile.set_index("unique_id")
    groups = planning.series_by_sku(panel, todo)
    tasks = []
    catalogue = planning.catalogue_models(loaded, config, todo)
    for s in todo:
        planned, extra = planning.run_inputs(loaded, s, freq)
        tasks.append(
            (
                s,
                groups[s],
                freq,
                config,
                profile.loc[s, "demand_class"],
                planned,
                extra | catalogue.get(s, {}),
                CALIBRATE_DAYS if calibrate else 0.0,
            )
        )
    failures: dict[str, str] = {}
    run = compute.run_of(loaded, config)
    results = run_isolated(tasks, min(compute.worker_count(), 2))
    with store.writing(run):  # another session's results do not push this run out while it is written
        for done, (sku, result, error, seconds) in enumerate(results, start=1):
            if error is None:
                store.put(keys[sku], result, run)
            else:
                failures[sku] = error
                store.put(_fail_key(keys[sku]), error, run)
            text = t("pf.running", done=done, total=len(tasks), sku=md(sku), s=f"{seconds:.1f}")
            bar.progress(done / len(tasks), text=text)
    return len(tasks), failures


def status(loaded, skus: list[str], config) -> tuple[list[str], dict[str, str], list[str]]:
    """(SKUs forecast, failures, SKUs not run yet)."""
    store = compute.forecast_store()
    keys = sku_keys(loaded, skus, config)
    done, failed, missing = [], {}, []
    for s in skus:
        if store.get(keys[s]) is not None:
            done.append(s)
        elif store.get(_fail_key(keys[s])) is not None:
            failed[s] = msg(store.get(_fail_key(keys[s])))
        else:
            missing.append(s)
    return done, failed, missing


def sku_attributes(loaded, skus: list[str]) -> pd.DataFrame:
    """Name, category, ABC, XYZ and demand class of each SKU."""

    names = loaded_names(loaded)
    profile = loaded.dataset.profile.set_index("unique_id")
    return pd.DataFrame(
        {
            "unique_id": skus,
            "name": [names.get(s, "") for s in skus],
            "category": [planning.category_of(loaded, s) or "" for s in skus],
            "abc": [profile.loc[s, "abc"] for s in skus],
            "xyz": [profile.loc[s, "xyz"] for s in skus],
            "demand_class": [profile.loc[s, "demand_class"] for s in skus],
        }
    )


def catalogue_inputs(loaded, skus: list[str], config, sku_params: dict, failure_text) -> list[SkuInput]:
    """Each SKU's inputs to ``inventory.catalogue.plan_catalogue``: its forecast (the locked model, with the
    planner's overrides), item-master row with typed stock, class, category, last sale and recent demand."""

    keys = sku_keys(loaded, skus, config)
    store = compute.forecast_store()
    attrs = sku_attributes(loaded, skus).set_index("unique_id")
    profile = loaded.dataset.profile.set_index("unique_id")
    history = planning.series_by_sku(loaded.dataset.panel, skus)
    rates = compute.recent_demand(loaded)
    out = []
    for s in skus:
        result = store.get(keys[s])
        if result is None:
            out.append(SkuInput(s, None, failure=failure_text(store.get(_fail_key(keys[s])))))
            continue
        model = planning.chosen_model(result, s)
        frame, _ = planning.adjusted_forecast(result, s, model)
        own = sku_params.get(s, {})
        metrics = result.metrics.set_index("model")
        out.append(
            SkuInput(
                s,
                frame,
                model,
                backtest=result.backtest,
                history=history[s],
                master=with_typed_stock(item_defaults(loaded, s), own),
                abc=attrs.loc[s, "abc"],
                category=attrs.loc[s, "category"] or None,
                demand_class=attrs.loc[s, "demand_class"],
                last_sale=profile.loc[s, "last_sale"],
                recent_daily_demand=float(rates.get(s, 0.0)),
                service_level=own.get("service_level") or None,
                lead_time_days=own.get("lead_time_days") or None,
                extra={
                    "mase": float(metrics.loc[model, "mase"]) if model in metrics.index else np.nan,
                    "wape": float(metrics.loc[model, "wape"]) if model in metrics.index else np.nan,
                },
            )
        )
    return out


class PageCalibrations:
    """The calibrated safety stock's errors as the pages compute them (``planning.calibration_for``): kept with
    each forecast, computed (with a spinner) when missing; donors re-run with the SKU's members."""

    def __init__(self, loaded, config) -> None:
        self.loaded, self.config = loaded, config
        self._kept: dict = {}

    def own(self, inp: SkuInput, protection_days: float):
        store = compute.forecast_store()
        key = sku_keys(self.loaded, [inp.sku], self.config)[inp.sku]
        result = store.get(key)
        if result is None or inp.history is None:
            return None
        try:
            cal = planning.own_calibration(self.loaded, inp.history, self.config, result, inp.model, protection_days)
        except Exception:
            log.exception("calibration of %s failed; planned from the backtest errors", inp.sku)
            return None
        self._kept[inp.sku] = (cal, result)
        return cal.frame

    def donors(self, inp: SkuInput, own, protection_days: float) -> dict:
        cal, result = self._kept.get(inp.sku, (None, None))
        if cal is None or not cal.members:
            return {}
        return planning.donor_calibrations(self.loaded, inp.sku, self.config, result, cal, protection_days)


def plan_all(loaded, skus: list[str], pf: PortfolioSettings, sku_params: dict, use_rules: bool = True, bar=None):
    """Plan every SKU with a forecast through ``inventory.catalogue.plan_catalogue``; (table, orders). Cached by
    everything that changes a plan. ``bar`` (an ``st.progress``) shows the SKUs planned when it computes."""

    config = forecast_config(loaded, pf)
    keys = sku_keys(loaded, skus, config)
    store = compute.forecast_store()
    # The plan depends on which forecasts exist (a plan made before a run lists the SKUs as not run) and on
    # the language of the reasons it writes.
    present = [s for s in skus if store.get(keys[s]) is not None]
    failed = [s for s in skus if s not in present and store.get(_fail_key(keys[s])) is not None]
    payload = json.dumps(
        [
            "portfolio-4",
            keys,
            present,
            failed,
            language(),
            pf.as_dict(),
            sku_params,
            use_rules,
            {s: [asdict(o) for o in v] for s, v in st.session_state[state.FC_OVERRIDES].items() if s in keys},
            {s: v for s, v in st.session_state[state.FC_LOCKS].items() if s in keys},
        ],
        default=str,
        sort_keys=True,
    )
    cache_key = "plan:" + hashlib.sha256(payload.encode()).hexdigest()[:32]
    hit = store.get(cache_key)
    if hit is not None:
        return hit

    def failure_text(failure) -> str:
        return t("pf.failed_forecast", reason=msg(failure)) if failure else t("pf.not_run")

    inputs = catalogue_inputs(loaded, skus, config, sku_params, failure_text)
    shown = [-1]

    def progress(done: int, total: int, sku: str) -> None:
        pct = int(100 * done / max(total, 1))
        if bar is not None and pct != shown[0]:  # a hundred updates at most, not one per SKU
            shown[0] = pct
            bar.progress(done / max(total, 1), text=t("pf.planning_n", done=fmt_int(done), total=fmt_int(total)))

    plan = plan_catalogue(
        inputs,
        pf.catalogue_settings(use_rules),
        loaded.dataset.report.freq,
        data_end=pd.Timestamp(loaded.dataset.profile["last_date"].max()),
        suppliers=planning.supplier_terms(loaded),
        calibrations=PageCalibrations(loaded, config),
        progress=progress,
    )
    rows = [{**r, "reason": msg(r["reason"])} if r.get("reason") else r for r in plan.rows()]
    table = portfolio_table(rows, sku_attributes(loaded, skus))
    store.put(cache_key, (table, plan.orders), compute.plans_run(loaded))
    return table, plan.orders


def selected_skus(loaded, flt: dict) -> list[str]:
    """The SKUs the filter keeps (category, ABC class); all when the filter is empty."""
    attrs = sku_attributes(loaded, loaded.dataset.profile["unique_id"].tolist())
    keep = pd.Series(True, index=attrs.index)
    if flt.get("categories"):
        keep &= attrs["category"].isin(flt["categories"])
    if flt.get("abc"):
        keep &= attrs["abc"].isin(flt["abc"])
    return attrs.loc[keep, "unique_id"].tolist()


def sku_defaults(loaded, sku: str, defaults: dict) -> dict:
    """A SKU's item-master defaults after the portfolio's bulk rules and per-SKU parameters, so the Replenishment
    page starts where the Portfolio page planned it."""
    pf = current()
    attrs = sku_attributes(loaded, [sku]).iloc[0]
    rules = pf.rules()
    out = dict(defaults)
    out["service_level"] = rules.service_level(attrs["abc"], attrs["category"] or None, pf.service_level)
    lead = float(defaults.get("lead_time_days", pf.lead_time_days))
    out["lead_time_days"] = rules.lead_time(attrs["category"] or None, lead)
    own = st.session_state[state.PF_SKU_PARAMS].get(sku, {})
    out = with_typed_stock(out, own)
    if own.get("service_level"):
        out["service_level"] = float(own["service_level"])
    if own.get("lead_time_days"):
        out["lead_time_days"] = float(own["lead_time_days"])
    return out


STOCK_FIELDS = ("on_hand", "on_order")


def with_typed_stock(defaults: dict, own: dict) -> dict:
    """A SKU's defaults with the stock a user typed on the Portfolio page (saved with the scenario) over the item
    master's; a cleared cell removes the master's value (the stock is then not known)."""
    out = dict(defaults)
    for k in STOCK_FIELDS:
        if k in own:
            if own[k] is None:
                out.pop(k, None)
            else:
                out[k] = float(own[k])
    return out
