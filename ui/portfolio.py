"""The whole catalogue: forecast every SKU (in parallel, cached per SKU), plan each with the bulk rules, and the
portfolio KPIs. The per-SKU runs share the Forecast and Replenishment pages' cache, so a SKU opened from the
portfolio shows at once."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, replace

import numpy as np
import pandas as pd
import streamlit as st

from ui import cached, planner, state
from ui.i18n import fmt_int, language, msg, t

__all__ = [
    "DEFAULTS",
    "plan_all",
    "policy_settings",
    "rules_from",
    "run_forecasts",
    "sku_attributes",
    "stock_editor",
    "with_typed_stock",
]

log = logging.getLogger(__name__)

DEFAULTS: dict = {
    "service_level": 0.95,
    "service_type": "csl",
    "policy": "sQ",
    "use_class_levels": False,
    "class_levels": {"A": 0.98, "B": 0.95, "C": 0.90},
    "category_levels": {},
    "lead_time_delta": 0.0,
    "holding_rate": 0.25,
    "order_cost": 50.0,
    "stockout_cost": 5.0,
    "unit_cost": 1.0,
    "lead_time_days": 14.0,
    "paths": 200,
    "window_days": 30,
    "horizon_days": 91,
    "inactive_days": 90,
    "cover_days": 180,
    "seed": 0,
    "uncertainty": "calibrated",
}
CALIBRATE_DAYS = 56.0  # the calibration a Portfolio run computes with each forecast (lead times up to ~40 days)


def current() -> dict:
    """The session's portfolio settings, with defaults for keys an older scenario did not have."""
    return DEFAULTS | dict(st.session_state[state.PF_SETTINGS])


def policy_settings(pf: dict):
    from inventory.policy import PolicySettings

    return PolicySettings(
        policy=pf["policy"],
        service_type=pf["service_type"],
        service_level=pf["service_level"],
        uncertainty=pf.get("uncertainty", "calibrated"),
    )


def rules_from(pf: dict, use_rules: bool = True):
    from inventory.portfolio import BulkRules

    if not use_rules:
        return BulkRules()
    return BulkRules(
        service_by_class=dict(pf["class_levels"]) if pf["use_class_levels"] else {},
        service_by_category=dict(pf["category_levels"]),
        lead_time_delta_days=float(pf["lead_time_delta"]),
    )


def template_item(pf: dict):
    from inventory.policy import ItemParams

    return ItemParams(
        lead_time_days=float(pf["lead_time_days"]),
        unit_cost=float(pf["unit_cost"]),
        holding_rate=float(pf["holding_rate"]),
        order_cost=float(pf["order_cost"]),
        stockout_cost=float(pf["stockout_cost"]),
    )


def forecast_config(loaded, pf: dict):
    return cached.planning_config(loaded.dataset.report.freq, int(pf["horizon_days"]))


def sku_keys(loaded, skus: list[str], config) -> dict[str, str]:
    freq = loaded.dataset.report.freq
    return {s: cached.forecast_key(loaded, s, config, planner.extra_key(loaded, s, freq)) for s in skus}


def _fail_key(key: str) -> str:
    return "failed:" + key


def run_forecasts(loaded, skus: list[str], config, bar, calibrate: bool = True) -> tuple[int, dict[str, str]]:
    """Forecast the SKUs not cached yet, in parallel across SKUs; each result is kept as soon as it finishes,
    so a cancelled run (any click reruns the page) keeps its finished SKUs. With ``calibrate``, each worker also
    calibrates the chosen forecast (``forecasting.calibration``). Returns (run now, failures)."""
    from forecasting.batch import run_isolated

    store = cached.forecast_store()
    keys = sku_keys(loaded, skus, config)
    todo = [s for s in skus if store.get(keys[s]) is None and store.get(_fail_key(keys[s])) is None]
    if not todo:
        return 0, {}
    freq = loaded.dataset.report.freq
    panel = loaded.dataset.panel
    profile = loaded.dataset.profile.set_index("unique_id")
    groups = planner.series_by_sku(panel, todo)
    tasks = []
    catalogue = planner.catalogue_models(loaded, config, todo)
    for s in todo:
        planned, extra = planner.run_inputs(loaded, s, freq)
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
    results = run_isolated(tasks, min(cached.worker_count(), 2))
    for done, (sku, result, error, seconds) in enumerate(results, start=1):
        if error is None:
            store.put(keys[sku], result)
        else:
            failures[sku] = error
            store.put(_fail_key(keys[sku]), error)
        bar.progress(done / len(tasks), text=t("pf.running", done=done, total=len(tasks), sku=sku, s=f"{seconds:.1f}"))
    return len(tasks), failures


def status(loaded, skus: list[str], config) -> tuple[list[str], dict[str, str], list[str]]:
    """(SKUs forecast, failures, SKUs not run yet)."""
    store = cached.forecast_store()
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
    from ui.views import loaded_names

    names = loaded_names(loaded)
    profile = loaded.dataset.profile.set_index("unique_id")
    return pd.DataFrame(
        {
            "unique_id": skus,
            "name": [names.get(s, "") for s in skus],
            "category": [planner.category_of(loaded, s) or "" for s in skus],
            "abc": [profile.loc[s, "abc"] for s in skus],
            "xyz": [profile.loc[s, "xyz"] for s in skus],
            "demand_class": [profile.loc[s, "demand_class"] for s in skus],
        }
    )


def plan_all(loaded, skus: list[str], pf: dict, sku_params: dict, use_rules: bool = True):
    """Plan every SKU with a forecast; (table, orders). Cached by everything that changes a plan."""
    from inventory.demand import InventoryInputError
    from inventory.policy import calibration_days
    from inventory.portfolio import failed_row, plan_sku, portfolio_table, with_rules
    from ui.widgets import item_defaults

    config = forecast_config(loaded, pf)
    keys = sku_keys(loaded, skus, config)
    store = cached.forecast_store()
    # The plan depends on which forecasts exist (a plan made before a run lists the SKUs as not run) and on
    # the language of the reasons it writes.
    present = [s for s in skus if store.get(keys[s]) is not None]
    failed = [s for s in skus if s not in present and store.get(_fail_key(keys[s])) is not None]
    payload = json.dumps(
        [
            "portfolio-3",
            keys,
            present,
            failed,
            language(),
            pf,
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
    freq = loaded.dataset.report.freq
    attrs = sku_attributes(loaded, skus).set_index("unique_id")
    excess = planner.excess_table(loaded, int(pf["cover_days"]))
    base_settings = policy_settings(pf)
    rules = rules_from(pf, use_rules)
    template = template_item(pf)
    rows, orders = [], []
    history = planner.series_by_sku(loaded.dataset.panel, skus)
    for i, s in enumerate(skus):
        result = store.get(keys[s])
        if result is None:
            failure = store.get(_fail_key(keys[s]))
            rows.append(failed_row(s, t("pf.failed_forecast", reason=msg(failure)) if failure else t("pf.not_run")))
            continue
        try:
            model = planner.chosen_model(result, s)
            frame, _ = planner.adjusted_forecast(result, s, model)
            own = sku_params.get(s, {})
            d = with_typed_stock(item_defaults(loaded, s), own)
            active, reason = planner.item_status(loaded, s, d, int(pf["inactive_days"]), excess)
            _, calendar, _ = planner.supplier_terms_for(loaded, d)
            item = planner.item_from_master(d, template, pd.Timestamp(frame["ds"].min()))
            item = replace(item, calendar=calendar, active=active, inactive_reason=reason)
            item, settings = with_rules(item, base_settings, rules, attrs.loc[s, "abc"], attrs.loc[s, "category"])
            if own.get("service_level"):
                settings = replace(settings, service_level=float(own["service_level"]))
            if own.get("lead_time_days"):
                item = replace(item, lead_time_days=float(own["lead_time_days"]))
            series = history[s]
            cal_frame, pooled = None, (None, 0)
            if settings.uncertainty == "calibrated":
                cal_frame, pooled, _, _ = planner.calibration_for(
                    loaded, s, series, config, result, model, calibration_days(item, settings)
                )
            line = plan_sku(
                s,
                frame,
                model,
                freq,
                item,
                settings,
                backtest=result.backtest,
                history=series,
                paths=int(pf["paths"]),
                seed=int(pf["seed"]) + i,
                stockout_window_days=int(pf["window_days"]),
                calibration=cal_frame,
                pooled=pooled,
            )
        except InventoryInputError as exc:
            rows.append(failed_row(s, msg(exc)))
            continue
        metrics = result.metrics.set_index("model")
        line.row["mase"] = float(metrics.loc[model, "mase"]) if model in metrics.index else np.nan
        line.row["wape"] = float(metrics.loc[model, "wape"]) if model in metrics.index else np.nan
        rows.append(line.row)
        if not line.orders.empty:
            orders.append(line.orders)
    table = portfolio_table(rows, attrs.reset_index())
    order_frame = pd.concat(orders, ignore_index=True) if orders else pd.DataFrame()
    store.put(cache_key, (table, order_frame))
    return table, order_frame


def selected_skus(loaded, flt: dict) -> list[str]:
    """The SKUs the filter keeps (category, ABC class); all when the filter is empty."""
    attrs = sku_attributes(loaded, loaded.dataset.profile["unique_id"].tolist())
    keep = pd.Series(True, index=attrs.index)
    if flt.get("categories"):
        keep &= attrs["category"].isin(flt["categories"])
    if flt.get("abc"):
        keep &= attrs["abc"].isin(flt["abc"])
    return attrs.loc[keep, "unique_id"].tolist()


def fmt_kpi(value: float, pct: bool = False) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "–"
    return f"{100 * value:.1f}%" if pct else fmt_int(value)


def sku_defaults(loaded, sku: str, defaults: dict) -> dict:
    """A SKU's item-master defaults after the portfolio's bulk rules and per-SKU parameters, so the Replenishment
    page starts where the Portfolio page planned it."""
    pf = current()
    attrs = sku_attributes(loaded, [sku]).iloc[0]
    rules = rules_from(pf)
    out = dict(defaults)
    out["service_level"] = rules.service_level(attrs["abc"], attrs["category"] or None, pf["service_level"])
    lead = float(defaults.get("lead_time_days", pf["lead_time_days"]))
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


def stock_editor(loaded, skus: list[str]) -> None:
    """An editable table of stock on hand and on order per SKU (cells can be pasted from a spreadsheet). Typed
    values override the item master's, are kept with the session's per-SKU parameters (so saved with a scenario
    and in a shared link) and replan the catalogue; an empty on-hand cell means the stock is not known."""
    from ui.views import loaded_names
    from ui.widgets import item_defaults

    params: dict = st.session_state[state.PF_SKU_PARAMS]
    names = loaded_names(loaded)
    rows = []
    for s in skus:
        master, own = item_defaults(loaded, s), params.get(s, {})
        rows.append(
            {
                "unique_id": s,
                "name": names.get(s, ""),
                **{k: with_typed_stock(master, own).get(k) for k in STOCK_FIELDS},
            }
        )
    frame = pd.DataFrame(rows, columns=["unique_id", "name", "on_hand", "on_order"])
    for col in STOCK_FIELDS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    known = int(frame["on_hand"].notna().sum())
    st.caption(t("pf.stock_editor_help", known=fmt_int(known), total=fmt_int(len(frame))))
    edited = st.data_editor(
        frame,
        key="w.pf.stock",
        hide_index=True,
        disabled=["unique_id", "name"],
        num_rows="fixed",
        column_config={
            "unique_id": st.column_config.TextColumn("SKU"),
            "name": st.column_config.TextColumn(t("item.product_name")),
            "on_hand": st.column_config.NumberColumn(t("rp.col.on_hand"), min_value=0.0, format="%.0f"),
            "on_order": st.column_config.NumberColumn(t("rp.col.on_order"), min_value=0.0, format="%.0f"),
        },
    )
    changed = False
    for before, after in zip(frame.itertuples(index=False), edited.itertuples(index=False), strict=True):
        for col in STOCK_FIELDS:
            old, new = getattr(before, col), getattr(after, col)
            if (pd.isna(old) and pd.isna(new)) or old == new:
                continue
            entry = dict(params.get(before.unique_id, {}))
            entry[col] = None if pd.isna(new) else float(new)
            params[before.unique_id] = entry
            changed = True
    if changed:
        # The table is rebuilt from the stored values: no edit is applied twice.
        st.session_state.pop("w.pf.stock", None)
        st.rerun()
