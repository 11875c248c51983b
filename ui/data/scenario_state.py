"""Between the session and a saved scenario: capture everything a what-if depends on, apply it back, and the
shareable link. Uploaded files a scenario refers to are stored content-addressed in the data directory, so the
scenario (or a link to it) can reload them."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from dataclasses import asdict
from datetime import date
from pathlib import Path

import streamlit as st

from forecasting.engine import ForecastConfig
from forecasting.overrides import Override
from salesdata import settings_from_json, settings_to_json
from salesdata.messages import message_of
from scenarios import links
from scenarios.store import ScenarioStore, StoreError, data_dir, default_url
from ui.core import state
from ui.data.portfolio import current
from ui.data.portfolio_settings import DEFAULTS, PortfolioSettings

__all__ = [
    "PARAMS_VERSION",
    "ScenarioDataMissing",
    "apply",
    "apply_link",
    "capture",
    "datasets_dir",
    "decode_link",
    "encode_link",
    "load_upload",
    "store",
    "store_upload",
]

log = logging.getLogger(__name__)

PARAMS_VERSION = 1
_DIGEST = re.compile(r"^[0-9a-f]{24}$")


class ScenarioDataMissing(LookupError):
    """The scenario's uploaded dataset is not stored on this server."""


def datasets_dir() -> Path:
    return data_dir() / "datasets"


def store_upload(upload: state.Upload) -> str | None:
    """Keep an uploaded file under its content hash (idempotent); the reason when it cannot be kept.

    A full or read-only disk never breaks the page: the scenario and its link still work in this session,
    and the caller tells the user that other sessions will not find the file.
    """
    if not _DIGEST.match(upload.digest):
        return None
    folder = datasets_dir()
    path = folder / upload.digest
    tmp = path.with_suffix(".tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            tmp.write_bytes(upload.data)
            tmp.replace(path)
            (folder / f"{upload.digest}.name").write_text(upload.name, encoding="utf-8")
    except OSError as exc:
        log.warning("cannot keep the uploaded file %s: %s", upload.name, exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return f"{exc.strerror or exc} ({folder})"
    return None


def load_upload(digest: str, name: str) -> state.Upload:
    if not _DIGEST.match(str(digest)):
        raise ScenarioDataMissing("the scenario names no valid dataset")
    path = datasets_dir() / digest
    if not path.is_file():
        raise ScenarioDataMissing(f"the file '{name}' this scenario was made on is not stored on this server")
    return state.Upload(name, digest, path.read_bytes())


def capture(loaded) -> dict:
    """The session's what-if as JSON-able parameters (data choices, forecast settings, portfolio rules, per-SKU
    parameters, overrides, locks, notes, donors)."""

    spec = loaded.spec
    data = {
        "source": spec.source,
        "name": spec.name,
        "digest": spec.digest,
        # The session's own choices (None: the demo's or detected ones), so the fingerprint comes back the same.
        "reading": json.loads(settings_to_json(spec.read, loaded.mapping, spec.ingest, spec.freq)),
        "mapping_set": st.session_state[state.DATA_MAPPING] is not None,
        "ingest_set": st.session_state[state.DATA_INGEST] is not None,
        "fingerprint": loaded.key,
        "companions": [list(c) for c in spec.companions],
        "confirmed": [list(c) for c in spec.confirmed],
    }
    if spec.source == "upload":
        store_upload(st.session_state[state.DATA_UPLOAD])
        for role, key in state.COMPANION_KEYS.items():
            up = st.session_state[key]
            if up is not None:
                store_upload(up)
                data.setdefault("companion_files", {})[role] = [up.name, up.digest]
    saved = st.session_state[state.FC_CONFIG]
    return {
        "version": PARAMS_VERSION,
        "data": data,
        "forecast": None if saved is None else {"freq": saved[0], "config": asdict(saved[1])},
        "portfolio": current().as_dict(),
        "sku_params": dict(st.session_state[state.PF_SKU_PARAMS]),
        "filter": dict(st.session_state[state.PF_FILTER]),
        "overrides": {s: [asdict(o) for o in v] for s, v in st.session_state[state.FC_OVERRIDES].items()},
        "locks": dict(st.session_state[state.FC_LOCKS]),
        "notes": dict(st.session_state[state.FC_NOTES]),
        "donors": {s: list(v) for s, v in st.session_state[state.FC_DONORS].items()},
        "sku": st.session_state[state.SKU],
    }


def _config(d: dict):

    fields = ForecastConfig.__dataclass_fields__
    clean = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in fields}
    if "params" in clean:
        clean["params"] = tuple((m, tuple(tuple(p) for p in ps)) for m, ps in clean["params"])
    return ForecastConfig(**clean)


def apply(params: dict) -> None:
    """Restore a scenario's parameters into the session (the caller reruns the app).

    Raises
    ------
    ScenarioDataMissing
        The scenario was made on an uploaded file that is not stored here.
    """

    data = params.get("data", {})
    source = data.get("source", "demo:shop")
    if source == "upload":
        st.session_state[state.DATA_UPLOAD] = load_upload(data.get("digest", ""), data.get("name", "upload"))
        for role, key in state.COMPANION_KEYS.items():
            named = data.get("companion_files", {}).get(role)
            st.session_state[key] = load_upload(named[1], named[0]) if named else None
    st.session_state[state.DATA_SOURCE] = source
    reading = settings_from_json(json.dumps(data["reading"]), "scenario") if data.get("reading") else None
    if reading is not None:
        st.session_state[state.DATA_READ] = reading.read
        st.session_state[state.DATA_MAPPING] = reading.mapping if data.get("mapping_set", True) else None
        st.session_state[state.DATA_INGEST] = reading.ingest if data.get("ingest_set", True) else None
        st.session_state[state.DATA_FREQ] = reading.freq
    st.session_state[state.DATA_CONFIRMED] = tuple(tuple(c) for c in data.get("confirmed", []))
    fc = params.get("forecast")
    st.session_state[state.FC_CONFIG] = None if not fc else (fc["freq"], _config(fc["config"]))
    st.session_state[state.PF_SETTINGS] = PortfolioSettings.from_dict(params.get("portfolio")).as_dict()
    st.session_state[state.PF_SKU_PARAMS] = dict(params.get("sku_params", {}))
    st.session_state[state.PF_FILTER] = dict(params.get("filter", {}))
    st.session_state[state.FC_OVERRIDES] = {
        s: tuple(
            Override(
                date.fromisoformat(str(o["start"])), date.fromisoformat(str(o["end"])), o["kind"], o["value"], o["note"]
            )
            for o in v
        )
        for s, v in params.get("overrides", {}).items()
    }
    st.session_state[state.FC_LOCKS] = dict(params.get("locks", {}))
    st.session_state[state.FC_NOTES] = dict(params.get("notes", {}))
    st.session_state[state.FC_DONORS] = {s: tuple(v) for s, v in params.get("donors", {}).items()}
    if params.get("sku"):
        st.session_state[state.SKU] = params["sku"]


def encode_link(loaded, pf: PortfolioSettings, sku_params: dict, sku: str | None) -> str:
    """The query-string value that reproduces the current what-if on the same dataset
    (``scenarios.links.encode_link``); an upload is kept on the server for the link to find."""

    spec = loaded.spec
    payload = {
        "src": spec.source,
        "ds": loaded.key[:16],
        "freq": spec.freq,
        "pf": pf.changed(),
        "sp": sku_params,
        "sku": sku,
    }
    if st.session_state.get(state.SC_LOADED_ID):
        payload["sc"] = st.session_state[state.SC_LOADED_ID]
    if spec.source == "upload":
        store_upload(st.session_state[state.DATA_UPLOAD])
        payload |= {"digest": spec.digest, "name": spec.name}
    return links.encode_link(payload)


def decode_link(value: str) -> dict:
    """The what-if in a shared link, checked against the Portfolio's settings (``scenarios.links.decode_link``).

    Raises
    ------
    ValueError
        Not a Replenish link, or a value out of range.
    """

    payload = links.decode_link(value, DEFAULTS)
    PortfolioSettings.from_dict(payload.get("pf"))  # every value of the right kind (ValueError names the bad one)
    return payload


def apply_link(payload: dict) -> None:
    """Switch to the link's dataset (a demo, or a stored upload) and apply its what-if."""

    source = payload["src"]
    if source == "upload":
        st.session_state[state.DATA_UPLOAD] = load_upload(payload.get("digest", ""), payload.get("name", "upload"))
    if st.session_state[state.DATA_SOURCE] != source:
        st.session_state[state.DATA_SOURCE] = source
        state.reset_dataset_choices()
    if payload.get("freq") in ("D", "W", "M"):
        st.session_state[state.DATA_FREQ] = payload["freq"]
    st.session_state[state.PF_SETTINGS] = PortfolioSettings.from_dict(payload.get("pf")).as_dict()
    st.session_state[state.PF_SKU_PARAMS] = dict(payload.get("sp") or {})
    if payload.get("sku"):
        st.session_state[state.SKU] = payload["sku"]


def store():
    """The scenario store of this server (``DATABASE_URL`` or the SQLite file); None with the reason when it
    cannot be opened (the rest of the app keeps working)."""

    return _store(default_url(), ScenarioStore, StoreError)


@st.cache_resource(show_spinner=False, ttl=60)
def _open(url: str):

    return ScenarioStore(url)


def _store(url, _cls, error_cls):
    try:
        return _open(url), None
    except error_cls as exc:
        return None, message_of(exc) or str(exc)
