"""ui.data.result_store: bounded by memory, runs grouped by dataset and settings, evicted whole."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from ui.data.result_store import DEFAULT_STORE_MB, ResultStore, estimate_bytes, store_budget_bytes

MB = 2**20


def _result(mb: float) -> dict:
    """A stand-in for a SKU's forecast: a frame of ``mb`` megabytes of float64."""
    return {"forecast": pd.DataFrame({"y": np.zeros(int(mb * MB / 8))})}


def test_sizes_are_measured_from_the_buffers():
    frame = pd.DataFrame({"y": np.zeros(125_000)})  # 1,000,000 bytes of float64
    assert 1_000_000 <= estimate_bytes(frame) < 1_001_000
    shared = np.zeros(1000)
    # A buffer reached twice is counted once.
    assert estimate_bytes({"a": shared, "b": shared}) < 2 * 8000
    strings = pd.Series(["x" * 1000] * 100)
    assert estimate_bytes(strings) > 100_000  # deep: the strings themselves


def test_a_run_larger_than_the_old_entry_bound_is_kept_whole():
    store = ResultStore(max_bytes=100 * MB)
    run = ("dataset-a", "settings-1")
    for i in range(1000):  # the old store kept 256 entries
        store.put(f"sku-{i}", _result(0.01), run)
    assert all(store.get(f"sku-{i}") is not None for i in range(1000))
    assert store.stats("dataset-a")["entries"] == 1000


def test_when_full_the_least_recently_used_run_goes_whole_and_the_run_being_written_stays():
    store = ResultStore(max_bytes=10 * MB)
    old, used, new = ("ds1", "a"), ("ds2", "a"), ("ds1", "b")
    for i in range(3):
        store.put(f"old-{i}", _result(1), old)
        store.put(f"used-{i}", _result(1), used)
    store.get("old-0")  # the oldest run is used again: the other one is now the least recently used
    for i in range(6):
        store.put(f"new-{i}", _result(1), new)
    assert [store.get(f"used-{i}") for i in range(3)] == [None] * 3  # dropped whole
    assert all(store.get(f"old-{i}") is not None for i in range(3))
    assert all(store.get(f"new-{i}") is not None for i in range(6))
    assert store.stats()["total_bytes"] <= 10 * MB
    # More of the new run: the old one goes whole too, never part of the run being written.
    for i in range(6, 9):
        store.put(f"new-{i}", _result(1), new)
    assert store.stats()["runs"] == 1 and store.stats()["entries"] == 9


def test_a_run_larger_than_the_store_is_kept_and_logged(caplog):
    store = ResultStore(max_bytes=2 * MB)
    with caplog.at_level(logging.WARNING, logger="ui.data.result_store"):
        for i in range(4):
            store.put(f"k{i}", _result(1), ("ds", "big"))
    assert store.stats()["entries"] == 4
    assert sum("more than the store's" in r.message for r in caplog.records) == 1


def test_replacing_a_key_does_not_count_it_twice_and_datasets_are_namespaces():
    store = ResultStore(max_bytes=100 * MB)
    store.put("k", _result(1), ("ds1", "a"))
    store.put("k", _result(1), ("ds1", "a"))
    assert store.stats()["entries"] == 1 and store.stats()["total_bytes"] < 1.1 * MB
    store.put("j", _result(1), ("ds2", "a"))
    assert store.stats("ds1")["entries"] == 1 and store.stats("ds2")["entries"] == 1
    assert store.drop_namespace("ds1") == 1
    assert store.get("k") is None and store.get("j") is not None


def test_an_entry_bounded_store_keeps_its_count():
    store = ResultStore(max_bytes=100 * MB, max_entries=2)
    for i in range(3):
        store.put(f"m{i}", _result(0.1), ("ds", f"m{i}"))
    assert store.get("m0") is None and store.get("m2") is not None and store.stats()["entries"] == 2


@pytest.mark.parametrize(
    ("value", "mb"), [("", DEFAULT_STORE_MB), ("512", 512), ("0.5", 0.5), ("-3", None), ("x", None)]
)
def test_the_budget_setting(monkeypatch, value, mb):
    monkeypatch.setenv("REPLENISH_STORE_MB", value)
    assert store_budget_bytes() == int((mb or DEFAULT_STORE_MB) * MB)


def test_an_entry_that_grew_in_place_is_measured_again_and_can_push_out_an_older_run():
    store = ResultStore(max_bytes=10 * MB)
    store.put("old", _result(4), ("ds", "old"))
    grown = _result(1)
    store.put("sku", grown, ("ds", "new"))
    assert store.stats()["total_bytes"] < 6 * MB
    grown["calibration"] = pd.DataFrame({"e": np.zeros(int(6 * MB / 8))})  # added after it was stored
    store.resize("sku")
    assert store.get("old") is None and store.get("sku") is grown
    assert 7 * MB < store.stats()["total_bytes"] <= 10 * MB


def test_recomputable_runs_go_first_and_a_run_being_written_is_not_evicted_by_another_session():
    store = ResultStore(max_bytes=10 * MB, recomputable=lambda run: run[1] == "plans")
    forecasts, plans, other = ("ds", "fc"), ("ds", "plans"), ("ds2", "fc")
    for i in range(3):
        store.put(f"fc-{i}", _result(1), forecasts)
    for i in range(3):
        store.put(f"plan-{i}", _result(1), plans)
    store.get("plan-0")  # plans used last: still the first to go
    with store.writing(forecasts):
        for i in range(7):
            store.put(f"other-{i}", _result(1), other)
    assert all(store.get(f"fc-{i}") is not None for i in range(3))  # written meanwhile: kept
    assert store.stats("ds")["entries"] == 3  # the plans went, the forecasts they came from stayed
    # Plans put while nothing else can go are trimmed oldest first, never the forecasts.
    store.drop_namespace("ds2")
    for i in range(12):
        store.put(f"p{i}", _result(1), plans)
    assert all(store.get(f"fc-{i}") is not None for i in range(3))
    assert store.get("p11") is not None and store.get("p0") is None
    assert store.stats()["total_bytes"] <= 10 * MB
