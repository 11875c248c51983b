"""Reading settings saved from the Data page (``--mapping FILE`` of the command line)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import date

from salesdata.errors import MappingError
from salesdata.mapping import ColumnMapping
from salesdata.messages import Message
from salesdata.reading import ReadOptions
from salesdata.resample import Freq
from salesdata.validation import IngestOptions

__all__ = ["ReadingSettings", "settings_from_json", "settings_to_json"]

_READ_KEYS = ("encoding", "delimiter", "sheet", "header_row")


@dataclass(frozen=True)
class ReadingSettings:
    """Everything needed to read a file the way the Data page did."""

    read: ReadOptions
    mapping: ColumnMapping
    ingest: IngestOptions
    freq: Freq | None  # None: the file's own time bucket


def settings_to_json(read: ReadOptions, mapping: ColumnMapping, ingest: IngestOptions, freq: str | None) -> str:
    """Serialise the Data page's choices."""
    ingest_dict = asdict(ingest)
    ingest_dict["as_of"] = ingest.as_of.isoformat() if ingest.as_of else None
    ingest_dict["wide_columns"] = list(ingest.wide_columns) if ingest.wide_columns is not None else None
    ingest_dict["wide_links"] = [list(link) for link in ingest.wide_links]
    ingest_dict["exclude_skus"] = list(ingest.exclude_skus)
    ingest_dict["excluded_status"] = list(ingest.excluded_status)
    payload = {
        "version": 2,
        "read": {k: getattr(read, k) for k in _READ_KEYS},
        "mapping": mapping.mapped(),
        "ingest": ingest_dict,
        "freq": freq,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def settings_from_json(text: str, source: str = "mapping file") -> ReadingSettings:
    """Parse saved settings; unknown keys are refused with the key named."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MappingError(Message("settings.bad_json", name=source, detail=str(exc))) from exc
    if not isinstance(payload, dict):
        raise MappingError(Message("settings.not_object", name=source))
    read_in = payload.get("read", {}) or {}
    map_in = payload.get("mapping", {}) or {}
    ingest_in = dict(payload.get("ingest", {}) or {})
    for key in read_in:
        if key not in _READ_KEYS:
            raise MappingError(Message("settings.unknown_read", name=source, key=key))
    roles = {f.name for f in fields(ColumnMapping)}
    for key in map_in:
        if key not in roles:
            raise MappingError(Message("settings.unknown_role", name=source, key=key, roles=", ".join(sorted(roles))))
    known = {f.name for f in fields(IngestOptions)}
    for key in ingest_in:
        if key not in known:
            raise MappingError(Message("settings.unknown_option", name=source, key=key))
    if ingest_in.get("as_of"):
        ingest_in["as_of"] = date.fromisoformat(ingest_in["as_of"])
    if ingest_in.get("wide_columns") is not None:
        ingest_in["wide_columns"] = tuple(ingest_in["wide_columns"])
    if ingest_in.get("wide_links") is not None:
        ingest_in["wide_links"] = tuple(tuple(str(x) for x in link) for link in ingest_in["wide_links"])
    if ingest_in.get("excluded_status") is not None:
        ingest_in["excluded_status"] = tuple(str(x) for x in ingest_in["excluded_status"])
    if ingest_in.get("exclude_skus") is not None:
        ingest_in["exclude_skus"] = tuple(str(x) for x in ingest_in["exclude_skus"])
    freq = payload.get("freq", "D")
    if payload.get("version", 1) < 2 and freq == "D":
        # Settings saved before the time bucket was detected always said daily, chosen or not: take the file's
        # own bucket (a daily file stays daily; a weekly one no longer fails).
        freq = None
    if freq is not None and freq not in ("D", "W", "M"):
        raise MappingError(Message("settings.bad_freq", name=source, freq=freq))
    return ReadingSettings(ReadOptions(**read_in), ColumnMapping(**map_in), IngestOptions(**ingest_in), freq)
