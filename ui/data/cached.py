"""Every Streamlit cache of the app, keyed by content hashes and small frozen configs.

Bulky inputs fixed by a hash travel as ``_``-prefixed arguments, which Streamlit does not hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace

import pandas as pd
import streamlit as st

import salesdata
from salesdata import (
    ColumnMapping,
    IngestOptions,
    ItemMaster,
    PlannedDrivers,
    Proposal,
    RawTable,
    ReadOptions,
    SalesDataset,
    StockoutLog,
    SupplierTerms,
)
from salesdata.messages import message_of
from ui.core import state

__all__ = [
    "CACHE_VERSION",
    "COMPANIONS",
    "DEMO_COMPANIONS",
    "LATER",
    "DatasetSpec",
    "Loaded",
    "build_dataset",
    "current_raw",
    "current_spec",
    "demo_file",
    "digest",
    "doubts",
    "guess_mapping",
    "later_companion",
    "load_current",
    "read_raw",
    "sheet_names",
]

# Bump when the sales-data code changes what it returns for the same input.
CACHE_VERSION = "salesdata-2"


def digest(data: bytes) -> str:
    """Content hash of a file (also its cache key)."""
    return hashlib.sha256(data).hexdigest()[:24]


COMPANIONS = ("items", "stockouts", "planned", "suppliers")
DEMO_COMPANIONS = ReadOptions(encoding="utf-8", delimiter=",", header_row=1)


@dataclass(frozen=True)
class DatasetSpec:
    """Everything that determines the loaded dataset, small enough to hash."""

    source: str
    name: str
    digest: str
    read: ReadOptions
    mapping: ColumnMapping | None
    ingest: IngestOptions | None  # None until resolved: the session's choice, else the demo's or the proposal's
    freq: str | None  # None: the file's own time bucket
    companions: tuple[tuple[str, str, str], ...] = ()  # (role, file name, digest)
    confirmed: tuple[tuple[str, str, str], ...] = ()  # stock-outs the user confirmed: (sku, start, end)

    def key(self) -> str:
        return json.dumps([CACHE_VERSION, asdict(self)], default=str, sort_keys=True)

    def companion(self, role: str) -> tuple[str, str] | None:
        """(file name, digest) of a companion file, or None."""
        for r, name, dig in self.companions:
            if r == role:
                return name, dig
        return None


@dataclass(frozen=True)
class Loaded:
    """A built dataset with its companion files and the mapping actually used."""

    spec: DatasetSpec
    dataset: SalesDataset
    mapping: ColumnMapping
    guess: Proposal
    raw_columns: tuple[str, ...]
    items: ItemMaster | None
    stockouts: StockoutLog | None
    raw_rows: int = 0  # rows of the file (a wide file's report counts cells)
    build_errors: tuple[tuple[str, str], ...] = ()  # (role, message) of the stock-outs and item master
    files: Mapping[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    # Planned events and supplier terms are read when first asked for, not on the way to the first chart.
    @property
    def planned(self) -> PlannedDrivers | None:
        return later_companion(self.spec.key(), "planned", self.spec, self.files)[0]

    @property
    def suppliers(self) -> SupplierTerms | None:
        return later_companion(self.spec.key(), "suppliers", self.spec, self.files)[0]

    @property
    def companion_errors(self) -> tuple[tuple[str, str], ...]:
        """(role, message) of every companion file that could not be used (reported, not fatal)."""
        later = [later_companion(self.spec.key(), r, self.spec, self.files)[1] for r in ("planned", "suppliers")]
        return self.build_errors + tuple(e for e in later if e is not None)

    @property
    def key(self) -> str:
        """Hash of everything that fixed this dataset (file contents, reading choices, mapping)."""
        return hashlib.sha256((self.spec.key() + json.dumps(asdict(self.mapping))).encode()).hexdigest()[:32]


# Two demos of five files each: fewer entries than files would read and hash them again on every rerun.
@st.cache_resource(max_entries=16, show_spinner=False)
def demo_file(key: str, role: str) -> tuple[str, str, bytes]:
    """A shipped demo file as (name, digest, bytes)."""
    name, data = salesdata.demo_files(key)[role]
    return name, digest(data), data


@st.cache_data(max_entries=16, show_spinner=False)
def sheet_names(file_digest: str, name: str, _data: bytes) -> tuple[str, ...]:
    return salesdata.list_sheets(_data, name)


@st.cache_resource(max_entries=6, show_spinner=False)
def read_raw(file_digest: str, name: str, options_key: str, _data: bytes, _options: ReadOptions) -> RawTable:
    """The file read into a raw table. A resource cache: the table is large and never modified."""
    return salesdata.read_table(_data, name, _options)


@st.cache_data(max_entries=16, show_spinner=False)
def guess_mapping(file_digest: str, options_key: str, _raw: RawTable) -> Proposal:
    """The detected reading of a file: roles, series key, layout, products of a wide file, lines to leave out."""
    return salesdata.propose(_raw)


@st.cache_data(max_entries=12, show_spinner=False)
def build_dataset(spec_key: str, _spec: DatasetSpec, _raw: RawTable, _mapping: ColumnMapping, _files: dict):
    """Validate and aggregate; companion files are validated alongside (a bad one is reported, not fatal)."""
    errors: list[tuple[str, str]] = []
    # The demos' companion files are ours: UTF-8 CSV with the header on the first line, read without sniffing
    # (a third of a cold start's dataset build). An upload's are detected.
    options = DEMO_COMPANIONS if _spec.source.startswith("demo:") else None

    def load(role: str, loader):
        named = _spec.companion(role)
        if named is None or role not in _files:
            return None
        try:
            return loader(salesdata.read_table(_files[role], named[0], options))
        except salesdata.SalesDataError as exc:
            errors.append((role, message_of(exc) or str(exc)))
            return None

    stock_log = load("stockouts", salesdata.load_stockouts)
    spans = [stock_log.spans] if stock_log is not None else []
    if _spec.confirmed:
        spans.append(
            pd.DataFrame(list(_spec.confirmed), columns=["unique_id", "start", "end"]).assign(
                start=lambda f: pd.to_datetime(f["start"]), end=lambda f: pd.to_datetime(f["end"])
            )
        )
    merged = pd.concat(spans, ignore_index=True) if spans else None
    dataset = salesdata.build_dataset(_raw, _mapping, _spec.ingest, _spec.freq, stockouts=merged)  # type: ignore[arg-type]
    known = dataset.profile["unique_id"].tolist()
    items = load("items", lambda raw: salesdata.load_item_master(raw, known_skus=known))
    return dataset, items, stock_log, tuple(errors)


LATER = {"planned": "load_planned_drivers", "suppliers": "load_suppliers"}


# A resource, not a copy: the Portfolio asks for the planned events once per SKU, and they are only read.
@st.cache_resource(max_entries=24, show_spinner=False)
def later_companion(spec_key: str, role: str, _spec: DatasetSpec, _files: Mapping[str, bytes]):
    """A companion file the first chart does not need (planned events, supplier terms), read on first use:
    ``(parsed or None, (role, message) or None)``."""
    named = _spec.companion(role)
    if named is None or role not in _files:
        return None, None
    options = DEMO_COMPANIONS if _spec.source.startswith("demo:") else None
    try:
        return getattr(salesdata, LATER[role])(salesdata.read_table(_files[role], named[0], options)), None
    except salesdata.SalesDataError as exc:
        return None, (role, message_of(exc) or str(exc))


def _source_files() -> tuple[str, str, bytes, dict[str, tuple[str, str, bytes]]]:
    """(name, digest, data, companions role -> (name, digest, bytes)) of the chosen source."""
    source = st.session_state[state.DATA_SOURCE]
    companions: dict[str, tuple[str, str, bytes]] = {}
    if source.startswith("demo:"):
        key = source.split(":", 1)[1]
        name, dig, data = demo_file(key, "sales")
        demo = salesdata.DEMOS[key]
        for role in COMPANIONS:
            if getattr(demo, role, None):
                companions[role] = demo_file(key, role)
    else:
        upload: state.Upload | None = st.session_state[state.DATA_UPLOAD]
        if upload is None:
            raise LookupError("no upload")
        name, dig, data = upload.name, upload.digest, upload.data
        for role in COMPANIONS:
            up: state.Upload | None = st.session_state[state.COMPANION_KEYS[role]]
            if up is not None:
                companions[role] = (up.name, up.digest, up.data)
    return name, dig, data, companions


def current_spec() -> tuple[DatasetSpec, bytes, dict[str, bytes]]:
    """The spec of the dataset this session has chosen, with the file bytes.

    Raises
    ------
    LookupError
        The session chose to upload a file but has not uploaded one yet.
    """
    name, dig, data, companions = _source_files()
    source = st.session_state[state.DATA_SOURCE]
    ingest = st.session_state[state.DATA_INGEST]
    mapping = st.session_state[state.DATA_MAPPING]
    if source.startswith("demo:"):
        demo = salesdata.DEMOS[source.split(":", 1)[1]]
        ingest = ingest or demo.options
        mapping = mapping or demo.mapping
    spec = DatasetSpec(
        source=source,
        name=name,
        digest=dig,
        read=st.session_state[state.DATA_READ],
        mapping=mapping,
        ingest=ingest,
        freq=st.session_state[state.DATA_FREQ],
        companions=tuple((role, n, d) for role, (n, d, _) in sorted(companions.items())),
        confirmed=tuple(st.session_state[state.DATA_CONFIRMED]),
    )
    return spec, data, {role: b for role, (_, _, b) in companions.items()}


def current_raw() -> tuple[DatasetSpec, RawTable, Proposal]:
    """The session's file read into a raw table, with the detected reading (cached).

    The spec comes back resolved: the session's mapping and options, else the demo's, else the proposal's.
    """
    spec, data, _ = current_spec()
    read_key = json.dumps(asdict(spec.read), sort_keys=True)
    raw = read_raw(spec.digest, spec.name, read_key, data, spec.read)
    if spec.source.startswith("demo:") and st.session_state[state.DATA_READ] == ReadOptions():
        # A demo comes with its reading: no detection on the way to the first chart.
        demo = salesdata.DEMOS[spec.source.split(":", 1)[1]]
        proposal = salesdata.inspection.given_reading(demo.mapping, demo.options)
    else:
        proposal = guess_mapping(spec.digest, read_key, raw)
    spec = replace(spec, mapping=spec.mapping or proposal.mapping, ingest=spec.ingest or proposal.ingest)
    return spec, raw, proposal


def load_current() -> Loaded:
    """Read, map, validate and aggregate the session's dataset (all cached).

    Raises
    ------
    LookupError
        Nothing uploaded yet.
    salesdata.SalesDataError
        Any input problem; its message is for the user.
    """
    _, _, files = current_spec()
    spec, raw, guess = current_raw()
    mapping = spec.mapping or guess.mapping
    dataset, item_master, stock_log, errors = build_dataset(
        spec.key() + json.dumps(asdict(mapping)), spec, raw, mapping, files
    )
    return Loaded(
        spec=spec,
        dataset=dataset,
        mapping=mapping,
        guess=guess,
        raw_columns=tuple(str(c) for c in raw.frame.columns),
        raw_rows=len(raw.frame),
        items=item_master,
        stockouts=stock_log,
        build_errors=errors,
        files=files,
    )


def doubts(loaded: Loaded) -> tuple[str, ...]:
    """What the Data page asks about this reading before forecasting (coded messages; none for the demos)."""
    if loaded.spec.source.startswith("demo:"):
        return ()
    return _doubts(loaded.key, loaded)


@st.cache_data(max_entries=16, show_spinner=False)
def _doubts(key: str, _loaded: Loaded) -> tuple[str, ...]:
    report = _loaded.dataset.report
    guess = salesdata.FrequencyGuess(
        report.native_freq,  # type: ignore[arg-type]
        report.week_start,
        report.native_reason,
        0,
        report.native_strong,
    )
    return salesdata.find_doubts(_loaded.guess, _loaded.dataset, guess, _loaded.raw_rows, mapping=_loaded.mapping)
