"""Per-SKU planning inputs from the loaded data: series, planned events, categories, suppliers, item status, calibrations."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from forecasting.base import ForecastError
from ui.core import state
from ui.core.i18n import fmt_int, msg, t
from ui.core.text import md
from ui.data import compute
from ui.data.cached import Loaded

if TYPE_CHECKING:
    from inventory.order_calendar import OrderCalendar

__all__ = [
    "SupplierTerms",
    "adjusted_forecast",
    "calibration_for",
    "catalogue_models",
    "category_of",
    "chosen_model",
    "donor_calibrations",
    "excess_table",
    "extra_key",
    "item_defaults",
    "item_status",
    "loaded_names",
    "own_calibration",
    "planned_for",
    "replace_item",
    "run_inputs",
    "series_by_sku",
    "sku_title",
    "supplier_members",
    "supplier_terms",
    "supplier_terms_for",
]

log = logging.getLogger(__name__)


def item_defaults(loaded, sku: str) -> dict:
    """The SKU's item-master row (the SKU or, for sku@store series, its base SKU); empty without one."""
    if loaded.items is None:
        return {}
    items = loaded.items.items
    for key in (sku, sku.split("@", 1)[0]):
        row = items[items["unique_id"] == key]
        if not row.empty:
            return {k: v for k, v in row.iloc[0].to_dict().items() if v == v and v is not None and v != ""}
    return {}


def loaded_names(loaded: Loaded) -> dict[str, str]:
    """SKU -> product name, from the sales file or the item master."""
    names: dict[str, str] = {}
    attrs = loaded.dataset.attributes
    if "description" in attrs:
        names |= dict(zip(attrs["unique_id"], attrs["description"].fillna(""), strict=True))
    if loaded.items is not None and "product_name" in loaded.items.items:
        for sku, name in zip(loaded.items.items["unique_id"], loaded.items.items["product_name"], strict=True):
            names.setdefault(sku, name)
    return names


def sku_title(sku: str, names: dict[str, str]) -> str:
    """A SKU with its product name when it has one ("85123A · WHITE HANGING HEART"), else the SKU alone."""
    name = names.get(sku, "")
    return t("overview.sku_title", sku=sku, name=name) if name else sku


def series_by_sku(panel: pd.DataFrame, skus: list[str]) -> dict[str, pd.DataFrame]:
    """Each SKU's panel rows from one pass over the panel (a mask per SKU is a pass per SKU: 23 ms each on the
    3-million-row UCI panel). SKUs without rows get an empty frame."""
    wanted = panel[panel["unique_id"].isin(skus)]
    groups = {uid: g for uid, g in wanted.groupby("unique_id", sort=False)}  # noqa: C416
    empty = panel.iloc[:0]
    return {s: groups.get(s, empty) for s in skus}


def planned_for(loaded, sku: str, freq: str) -> pd.DataFrame | None:
    """The SKU's planned promotions and prices per period, or None."""
    planned = loaded.planned
    if planned is None:
        return None
    plan = planned.for_sku(sku, freq, loaded.dataset.report.week_start or 0)
    return None if plan.empty else plan


def category_of(loaded, sku: str) -> str | None:
    """The SKU's category from the item master or the sales file."""
    base = sku.split("@", 1)[0]
    if loaded.items is not None and "category" in loaded.items.items:
        items = loaded.items.items
        hit = items.loc[items["unique_id"].isin([sku, base]), "category"].dropna()
        if not hit.empty and str(hit.iloc[0]).strip():
            return str(hit.iloc[0])
    attrs = loaded.dataset.attributes
    if "category" in attrs:
        hit = attrs.loc[attrs["unique_id"] == sku, "category"].dropna()
        if not hit.empty:
            return str(hit.iloc[0])
    return None


def _category_members(loaded, category: str, exclude: str) -> list[str]:
    skus = set(loaded.dataset.profile["unique_id"])
    members: set[str] = set()
    if loaded.items is not None and "category" in loaded.items.items:
        items = loaded.items.items
        base = set(items.loc[items["category"].astype("str") == category, "unique_id"])
        members |= {s for s in skus if s.split("@", 1)[0] in base}
    attrs = loaded.dataset.attributes
    if "category" in attrs:
        members |= set(attrs.loc[attrs["category"].astype("str") == category, "unique_id"])
    return sorted(members - {exclude})


def extra_key(loaded, sku: str, freq: str) -> str:
    """What besides the settings changes a SKU's run: its planned drivers and its donor."""
    plan = planned_for(loaded, sku, freq)
    donor = st.session_state[state.FC_DONORS].get(sku)
    return json.dumps([None if plan is None else plan.to_json(date_format="iso"), donor], default=str, sort_keys=True)


def catalogue_models(loaded, config, skus: list[str]) -> dict[str, dict]:
    """Each SKU's global model (its ``extra_models`` entry) when ``config`` includes it: trained on the loaded
    catalogue once per dataset and settings and kept for every session; a spinner says so while it trains."""
    from forecasting.batch import fit_catalogue, wants_global
    from forecasting.global_model import GLOBAL

    if not wants_global(config) or not skus:
        return {}
    store, key = compute.global_store(), compute.global_key(loaded, config)
    fitted = store.get(key)
    if fitted is None:
        dataset = loaded.dataset
        freq = dataset.report.freq
        classes = dict(zip(dataset.profile["unique_id"], dataset.profile["demand_class"], strict=True))
        with st.spinner(t("fc.training_global", n=fmt_int(len(classes)))):
            fitted = fit_catalogue(
                dataset.panel,
                freq,
                config,
                classes,
                lambda s: planned_for(loaded, s, freq),
                jobs=min(2, compute.worker_count()),
            )
        store.put(key, fitted, (loaded.key, key))
    return {s: {GLOBAL: model} for s in skus if (model := fitted.model_for(s)) is not None}


def run_inputs(loaded, sku: str, freq: str) -> tuple[pd.DataFrame | None, dict]:
    """(planned drivers, extra models) for a SKU's run; the analog model when a donor is chosen."""
    from forecasting.base import SeriesData
    from forecasting.newitems import Analog, category_series

    planned = planned_for(loaded, sku, freq)
    donor = st.session_state[state.FC_DONORS].get(sku)
    extra: dict = {}
    if donor:
        kind, ref, scale = donor
        panel = loaded.dataset.panel
        try:
            if kind == "category":
                members = _category_members(loaded, ref, sku)
                data = category_series(panel, members, freq, t("plan.donor_category_label", category=ref))
                label = t("plan.donor_category_label", category=ref)
            else:
                data = SeriesData.from_panel(panel[panel["unique_id"] == ref], freq)  # type: ignore[arg-type]
                label = t("plan.donor_sku_label", sku=ref)
            extra["analog"] = Analog(data, label, scale)
        except ForecastError as exc:
            st.warning(t("plan.donor_failed", message=md(msg(exc))))
    return planned, extra


def chosen_model(result, sku: str) -> str:
    """The locked model of a SKU if it has one (and it forecast), else the run's best."""
    locked = st.session_state[state.FC_LOCKS].get(sku)
    return locked if locked in result.forecast.columns else result.best_model


def adjusted_forecast(result, sku: str, model: str) -> tuple[pd.DataFrame, bool]:
    """The forecast with the session's overrides of the SKU applied to ``model`` (and whether any applied):
    ``forecasting.overrides.adjusted_forecast``, as the command line plans it."""
    from forecasting.overrides import adjusted_forecast as adjusted

    return adjusted(result.forecast, model, st.session_state[state.FC_OVERRIDES].get(sku, ()))


@dataclass(frozen=True)
class SupplierTerms:
    """A SKU's supplier: its name ("" without one), its order calendar (None: any day) and minimum order value."""

    name: str
    calendar: OrderCalendar | None = None
    min_order_value: float = 0.0


def supplier_terms_for(loaded, defaults: dict) -> SupplierTerms:
    """The terms of the SKU's supplier (from the item master's ``supplier`` and the suppliers file)."""
    from inventory.order_calendar import supplier_calendars

    supplier = str(defaults.get("supplier", "") or "")
    if not supplier or loaded.suppliers is None or loaded.suppliers.frame.empty:
        return SupplierTerms(supplier)
    terms = supplier_calendars(loaded.suppliers.frame)
    if supplier not in terms:
        return SupplierTerms(supplier)
    calendar, mov = terms[supplier]
    return SupplierTerms(supplier, None if calendar.trivial else calendar, float(mov))


def supplier_terms(loaded) -> dict:
    """Supplier name -> (OrderCalendar, minimum order value) from the supplier terms file; {} without one."""
    from inventory.order_calendar import supplier_calendars

    if loaded.suppliers is None or loaded.suppliers.frame.empty:
        return {}
    return supplier_calendars(loaded.suppliers.frame)


def item_status(loaded, sku: str, defaults: dict, inactive_days: int, cover_days: float) -> tuple[bool, str]:
    """(active, reason): discontinued, idle longer than the limit, or holding excess stock
    (``inventory.catalogue.order_status``, the rule the catalogue plan applies)."""
    from inventory.catalogue import CatalogueSettings, SkuInput, order_status

    profile = loaded.dataset.profile
    row = profile.set_index("unique_id").loc[sku]
    inp = SkuInput(
        sku,
        None,
        master=defaults,
        last_sale=row["last_sale"],
        recent_daily_demand=float(compute.recent_demand(loaded).get(sku, 0.0)),
    )
    settings = CatalogueSettings(inactive_days=int(inactive_days), cover_days=float(cover_days))
    active, reason = order_status(inp, settings, pd.Timestamp(profile["last_date"].max()))
    return active, msg(reason) if reason else ""


def excess_table(loaded, cover_days: float) -> pd.DataFrame | None:
    """SKUs whose item-master stock covers more than ``cover_days`` days of recent demand (needs an item master
    with stock), largest excess value first."""
    from inventory.lifecycle import excess_stock

    if loaded.items is None or "on_hand" not in loaded.items.items:
        return None
    items = loaded.items.items
    frame = pd.DataFrame({"unique_id": loaded.dataset.profile["unique_id"]})
    frame["base"] = frame["unique_id"].str.split("@", n=1).str[0]
    cols = [c for c in ("on_hand", "on_order", "unit_cost") if c in items]
    frame = frame.merge(items[["unique_id", *cols]].rename(columns={"unique_id": "base"}), on="base", how="inner")
    frame = frame[frame["on_hand"].notna()]
    return excess_stock(compute.recent_demand(loaded), frame.drop(columns="base"), cover_days)


def replace_item(item, calendar, active: bool, reason: str):
    return replace(item, calendar=calendar, active=active, inactive_reason=reason)


def supplier_members(loaded, supplier: str) -> list[str]:
    """The dataset's SKUs whose item-master supplier is ``supplier``."""
    if loaded.items is None or "supplier" not in loaded.items.items or not supplier:
        return []
    items = loaded.items.items
    base = set(items.loc[items["supplier"].astype("str") == supplier, "unique_id"])
    return [s for s in loaded.dataset.profile["unique_id"] if s.split("@", 1)[0] in base]


def own_calibration(loaded, series: pd.DataFrame, config, result, model: str, protection_days: float):
    """The chosen forecast from a year of weekly origins (and the backtest's span before it, for the replay),
    kept with the forecast (the Portfolio's run computes it in its workers) so every page plans from the same one.
    Any kept one long enough will do: a what-if on the lead time within its reach reuses it. A spinner says when
    it runs."""
    from forecasting.calibration import backtest_span_days, calibrate, calibration_shape, members_of
    from inventory.catalogue import calibration_covers

    freq = loaded.dataset.report.freq
    horizon, origins = calibration_shape(freq, protection_days, config.horizon, backtest_span_days(result.backtest))
    fits = sorted(
        (h, o)
        for m, h, o in list(result.calibrations)  # a copy: another session may add one meanwhile
        if m == model and o >= origins and calibration_covers(h, protection_days, freq)
    )
    cal = result.calibrations.get((model, *fits[0])) if fits else None
    if cal is None:
        spec = members_of(model, result.choice, result.descriptions)
        with st.spinner(t("rp.calibrating", origins=origins)):
            cal = calibrate(series, freq, config, spec, horizon, origins)
        result.calibrations[(model, horizon, origins)] = cal
        # The kept forecast grew by the calibration (about 165 KB a SKU): the store measures it again.

        sku = str(series["unique_id"].iloc[0])
        compute.forecast_store().resize(compute.forecast_key(loaded, sku, config, extra_key(loaded, sku, freq)))
    return cal


def donor_calibrations(loaded, sku: str, config, result, cal, protection_days: float) -> dict[str, pd.DataFrame]:
    """Calibration frames of the donors ``inventory.catalogue.choose_donors`` picks from the whole dataset (the rule
    ``python -m forecasting run --calibrate`` uses too), run with the SKU's own members and origins (cached per
    donor, members and shape)."""
    from forecasting.calibration import backtest_span_days, calibration_shape
    from inventory.catalogue import choose_donors

    freq = loaded.dataset.report.freq
    horizon, origins = calibration_shape(freq, protection_days, config.horizon, backtest_span_days(result.backtest))
    donors = choose_donors(sku, loaded.dataset.profile)
    frames = {}
    rows = series_by_sku(loaded.dataset.panel, donors)
    spec = (cal.members, tuple(1 / len(cal.members) for _ in cal.members), "median")
    # The forecast settings and the members are part of the key: two SKUs borrowing the same donor with different
    # models must not share its calibration.
    settings = json.dumps([cal.members, repr(config)], default=str)
    with st.spinner(t("rp.pooling", n=len(donors))):
        for d in donors:
            donor_key = f"{loaded.key}:{d}:pool:{settings}"
            try:
                frames[d] = compute.calibration(donor_key, "pool", freq, horizon, origins, rows[d], config, spec).frame
            except Exception:
                log.exception("calibration of donor %s for %s failed", d, sku)
    return frames


def calibration_for(loaded, sku: str, series: pd.DataFrame, config, result, model: str, protection_days: float):
    """The calibration of the calibrated safety stock, and, when the SKU has fewer than ``MIN_OWN_ERRORS`` windows
    of its own, the errors of similar SKUs scaled to its demand (``inventory.catalogue.pooled_errors``, the rule
    the catalogue plan uses). Returns ``(frame, pooled, donor_frames, calibration)``."""
    from inventory.catalogue import pooled_errors

    cal = own_calibration(loaded, series, config, result, model, protection_days)
    if not cal.members:
        return cal.frame, (None, 0), {}, cal
    freq = loaded.dataset.report.freq
    pooled, frames = pooled_errors(
        cal.frame, protection_days, freq, lambda: donor_calibrations(loaded, sku, config, result, cal, protection_days)
    )
    return cal.frame, pooled, frames, cal
