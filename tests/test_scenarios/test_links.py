"""scenarios.links: a what-if link round-trips, and a link from elsewhere is checked before it is applied."""

from __future__ import annotations

import base64
import json

import pytest

from scenarios.links import MAX_LINK_CHARS, decode_link, encode_link

SETTINGS = {"service_level", "lead_time_delta", "models"}


def _raw(payload: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def test_a_link_round_trips_url_safe():
    payload = {"src": "demo:shop", "ds": "abc", "freq": "W", "pf": {"service_level": 0.98}, "sp": {}, "sku": "A_1"}
    value = encode_link(payload)
    assert set(value) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode_link(value, SETTINGS) == {"v": 1, **payload}


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        ({"v": 2, "src": "demo:shop"}, "not a Replenish"),
        ({"v": 1, "src": "demo:shop", "evil": 1}, "not a Replenish"),
        ({"v": 1, "src": "demo:shop", "pf": {"rm -rf": 1}}, "unknown settings"),
        ({"v": 1, "src": "demo:shop", "pf": {"service_level": 1.5}}, "out of range"),
        ({"v": 1, "src": "demo:shop", "pf": {"service_level": "0.9"}}, "out of range"),
        ({"v": 1, "src": "demo:shop", "sp": {"A": 3}}, "malformed"),
        ({"v": 1, "src": "demo:shop", "pf": {"models": "ets"}}, "model set is malformed"),
        ({"v": 1, "src": "http://x"}, "unknown data source"),
    ],
)
def test_a_bad_link_is_refused_with_the_reason(payload, why):
    with pytest.raises(ValueError, match=why):
        decode_link(_raw(payload), SETTINGS)


def test_garbage_and_overlong_links_are_refused():
    with pytest.raises(ValueError, match="not a Replenish"):
        decode_link("%%%not-base64", SETTINGS)
    with pytest.raises(ValueError, match="too long"):
        decode_link("A" * (MAX_LINK_CHARS + 1), SETTINGS)
    with pytest.raises(ValueError, match="unknown link keys"):
        encode_link({"src": "demo:shop", "data": [1, 2]})
