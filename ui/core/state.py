"""Session-state keys, declared once. State holds identifiers and small configs; frames come from caches."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from salesdata import ReadOptions
from ui.core.i18n import default_currency, default_language

__all__ = [
    "ACTOR",
    "COMPANION_KEYS",
    "CURRENCY",
    "DATA_CONFIRMED",
    "DATA_FREQ",
    "DATA_FREQ_REFUSED",
    "DATA_INGEST",
    "DATA_ITEMS",
    "DATA_MAPPING",
    "DATA_PLANNED",
    "DATA_READ",
    "DATA_READING_OK",
    "DATA_SOURCE",
    "DATA_STOCKOUTS",
    "DATA_SUPPLIERS",
    "DATA_UPLOAD",
    "DEFAULTS",
    "FC_CONFIG",
    "FC_DONORS",
    "FC_LOCKS",
    "FC_LOG",
    "FC_NOTES",
    "FC_OVERRIDES",
    "FC_VIEW",
    "LANG",
    "PF_FILTER",
    "PF_SETTINGS",
    "PF_SKU_PARAMS",
    "QTY_UNIT",
    "RP_COVER_DAYS",
    "RP_INACTIVE_DAYS",
    "SC_LOADED",
    "SC_LOADED_ID",
    "SKU",
    "Upload",
    "init",
    "reset_dataset_choices",
]

LANG = "app.lang"
QTY_UNIT = "app.qty_unit"  # what quantities are counted in ("" = the language's word)
CURRENCY = "app.currency"  # shown with money amounts ("" = plain numbers)
SKU = "app.sku"
DATA_SOURCE = "data.source"  # "demo:shop" | "demo:uci" | "upload"
DATA_UPLOAD = "data.upload"  # Upload | None
DATA_READ = "data.read_options"  # ReadOptions
DATA_MAPPING = "data.mapping"  # ColumnMapping | None (None: use the detected one)
DATA_INGEST = "data.ingest_options"  # IngestOptions | None (None: the demo's or the defaults)
DATA_FREQ = "data.freq"  # "D" | "W" | "M" | None (None: the file's own bucket)
DATA_ITEMS = "data.items_upload"  # Upload | None
DATA_STOCKOUTS = "data.stockouts_upload"  # Upload | None
DATA_PLANNED = "data.planned_upload"  # Upload | None
DATA_SUPPLIERS = "data.suppliers_upload"  # Upload | None
DATA_CONFIRMED = "data.confirmed_stockouts"  # tuple of (sku, start ISO, end ISO)
DATA_READING_OK = "data.reading_confirmed"  # set of dataset keys whose doubts the user has answered
DATA_FREQ_REFUSED = "data.freq_refused"  # the refusal of a bucket finer than the file's, to show once
COMPANION_KEYS = {
    "items": DATA_ITEMS,
    "stockouts": DATA_STOCKOUTS,
    "planned": DATA_PLANNED,
    "suppliers": DATA_SUPPLIERS,
}
FC_OVERRIDES = "fc.overrides"  # dict: sku -> tuple[Override, ...]
FC_LOCKS = "fc.locks"  # dict: sku -> model slug
FC_NOTES = "fc.notes"  # dict: sku -> planner note
FC_DONORS = "fc.donors"  # dict: sku -> (donor kind "category" | "sku", donor id, scale or None)
FC_LOG = "fc.override_log"  # list of logged overrides with the forecasts they changed (for FVA)
PF_SETTINGS = "pf.settings"  # dict: the portfolio's global what-if and bulk rules (ui.data.portfolio_settings.PortfolioSettings.as_dict)
PF_SKU_PARAMS = "pf.sku_params"  # dict: sku -> {"service_level": float, "lead_time_days": float}
PF_FILTER = "pf.filter"  # dict: categories, abc classes to run (empty: all)
SC_LOADED = "sc.loaded"  # name of the scenario last loaded or saved in this session
SC_LOADED_ID = "sc.loaded_id"  # its id (exports of it go on its audit trail; a shared link names it)
ACTOR = "app.actor"  # scenarios.store.Actor: who is using this session (ui.core.identity), set by app.py each run
RP_INACTIVE_DAYS = "rp.inactive_days"
RP_COVER_DAYS = "rp.cover_days"
FC_CONFIG = "fc.config"  # (freq, ForecastConfig) | None (None: defaults for the frequency)
FC_VIEW = "fc.view"  # dict of display choices (models shown, level, backtest overlay)


@dataclass(frozen=True)
class Upload:
    """A file the user uploaded in this browser session."""

    name: str
    digest: str
    data: bytes = field(repr=False)


DEFAULTS: dict[str, object] = {
    LANG: None,  # set from REPLENISH_LANG at init
    QTY_UNIT: "",
    CURRENCY: None,  # set from REPLENISH_CURRENCY at init
    SKU: None,
    DATA_SOURCE: "demo:shop",
    DATA_UPLOAD: None,
    DATA_READ: ReadOptions(),
    DATA_MAPPING: None,
    DATA_INGEST: None,
    DATA_FREQ: None,
    DATA_ITEMS: None,
    DATA_STOCKOUTS: None,
    DATA_PLANNED: None,
    DATA_SUPPLIERS: None,
    DATA_CONFIRMED: (),
    DATA_FREQ_REFUSED: None,
    FC_CONFIG: None,
    FC_VIEW: None,
    SC_LOADED: None,
    SC_LOADED_ID: None,
    ACTOR: None,
    RP_INACTIVE_DAYS: 90,
    RP_COVER_DAYS: 180,
}


def init() -> None:
    """Give every key its default once per browser session (mutable defaults are fresh per session)."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value
    if st.session_state[LANG] is None:
        st.session_state[LANG] = default_language()
    if st.session_state[CURRENCY] is None:
        st.session_state[CURRENCY] = default_currency()
    if DATA_READING_OK not in st.session_state:
        st.session_state[DATA_READING_OK] = set()
    for key in (FC_OVERRIDES, FC_LOCKS, FC_NOTES, FC_DONORS, PF_SKU_PARAMS, PF_FILTER):
        if key not in st.session_state:
            st.session_state[key] = {}
    if PF_SETTINGS not in st.session_state:
        # The settings the user changed; ``ui.data.portfolio.current()`` reads them over the defaults (not imported
        # here: they come from the planning code, which the first page does not need).
        st.session_state[PF_SETTINGS] = {}
    if FC_LOG not in st.session_state:
        st.session_state[FC_LOG] = []


def reset_dataset_choices() -> None:
    """Forget the mapping and reading choices made for the previous dataset."""
    st.session_state[DATA_READ] = ReadOptions()
    st.session_state[DATA_MAPPING] = None
    st.session_state[DATA_INGEST] = None
    st.session_state[DATA_CONFIRMED] = ()
    st.session_state[DATA_FREQ] = None
    st.session_state[SKU] = None
