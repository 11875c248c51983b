"""Shared what-if links: the query-string value that reproduces a what-if on the same dataset, and its checks.

A link carries settings, never data: the source (a demo, or an upload the server keeps by its digest), a short
hash of the dataset, the time bucket, the Portfolio settings that differ from their defaults, the per-SKU
settings and the open SKU. It is JSON, URL-safe base64 without padding. A link from elsewhere is checked before
anything of it is applied: only known keys, known settings, a service level in range, a known source.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection, Mapping

__all__ = ["LINK_KEYS", "MAX_LINK_CHARS", "SOURCES", "decode_link", "encode_link"]

VERSION = 1
LINK_KEYS = frozenset({"v", "src", "ds", "digest", "name", "pf", "sp", "sku", "freq", "sc"})
SOURCES = ("demo:shop", "demo:uci", "upload")
MAX_LINK_CHARS = 8000


def encode_link(payload: Mapping) -> str:
    """The link value of a what-if (``payload`` without ``v``: the version is added)."""
    unknown = set(payload) - LINK_KEYS
    if unknown:
        raise ValueError(f"unknown link keys: {', '.join(sorted(unknown))}")
    text = json.dumps({"v": VERSION, **payload}, separators=(",", ":"), sort_keys=True, default=str)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_link(value: str, settings: Collection[str]) -> dict:
    """The what-if in a link, checked: only ``LINK_KEYS``, Portfolio settings among ``settings``, a service level
    from 0.5 to below 1, per-SKU settings keyed by SKU, a known source.

    Raises
    ------
    ValueError
        Not a Replenish link, or a value out of range (the message says which).
    """
    if len(value) > MAX_LINK_CHARS:
        raise ValueError("the link is too long")
    try:
        payload = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("the link is not a Replenish what-if link") from exc
    if not isinstance(payload, dict) or payload.get("v") != VERSION or not set(payload) <= LINK_KEYS:
        raise ValueError("the link is not a Replenish what-if link")
    pf = payload.get("pf", {})
    if not isinstance(pf, dict) or not set(pf) <= set(settings):
        raise ValueError("the link carries unknown settings")
    models = pf.get("models", [])
    if not isinstance(models, list) or not all(isinstance(m, str) and len(m) <= 32 for m in models):
        raise ValueError("the link's model set is malformed")
    level = pf.get("service_level", 0.95)
    if not isinstance(level, int | float) or not 0.5 <= float(level) < 1:
        raise ValueError("the link's service level is out of range")
    for sku, own in (payload.get("sp") or {}).items():
        if not isinstance(sku, str) or not isinstance(own, dict):
            raise ValueError("the link's per-SKU settings are malformed")
    scenario = payload.get("sc")
    if scenario is not None and not (isinstance(scenario, str) and scenario.isalnum() and len(scenario) <= 32):
        raise ValueError("the link's scenario id is malformed")
    if payload.get("src") not in SOURCES:
        raise ValueError("the link names an unknown data source")
    return payload
