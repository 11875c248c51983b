"""The app's store of finished runs: forecasts, failure markers and plans, shared by the sessions of one server.

Bounded by memory, not by entry count: each entry's size is measured when it is put (pandas frames with
``memory_usage(deep=True)``, arrays by ``nbytes``), and the store holds at most ``REPLENISH_STORE_MB`` megabytes
(default 2,048: a 5,000-SKU catalogue with its calibrations). Entries belong to a *run*, ``(namespace, name)``:
the namespace is the dataset (``Loaded.key``, its content and reading choices), the name the settings (one
forecast configuration). When the store is full it drops the least recently used run as a whole, never single
SKUs from the middle of one, and never the run being written: a run larger than the whole store is kept and
logged, and the Portfolio page says how much is held.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_STORE_MB", "NO_RUN", "ResultStore", "Run", "estimate_bytes", "store_budget_bytes"]

log = logging.getLogger(__name__)

DEFAULT_STORE_MB = 2048
Run = tuple[str, str]  # (namespace: the dataset, name: the settings)
NO_RUN: Run = ("", "")


def store_budget_bytes() -> int:
    """``REPLENISH_STORE_MB`` megabytes (default ``DEFAULT_STORE_MB``); a value that is not a positive number
    falls back to the default, with a log line."""
    raw = os.environ.get("REPLENISH_STORE_MB", "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_STORE_MB
        if not mb > 0:
            raise ValueError(raw)
    except ValueError:
        log.warning("REPLENISH_STORE_MB=%r is not a positive number of megabytes; using %d", raw, DEFAULT_STORE_MB)
        mb = DEFAULT_STORE_MB
    return int(mb * 1024 * 1024)


def estimate_bytes(obj: Any, _seen: set[int] | None = None) -> int:
    """Approximate memory held by ``obj``: frames and arrays by their buffers, containers and dataclasses by their
    parts (each object counted once)."""
    seen = _seen if _seen is not None else set()
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, pd.DataFrame | pd.Series | pd.Index):
        usage = obj.memory_usage(deep=True, index=True)
        return int(usage.sum() if isinstance(usage, pd.Series) else usage)
    if isinstance(obj, np.ndarray):
        return int(obj.nbytes)
    if isinstance(obj, dict):
        return sys.getsizeof(obj) + sum(estimate_bytes(k, seen) + estimate_bytes(v, seen) for k, v in obj.items())
    if isinstance(obj, list | tuple | set | frozenset):
        return sys.getsizeof(obj) + sum(estimate_bytes(v, seen) for v in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return sys.getsizeof(obj) + sum(estimate_bytes(getattr(obj, f.name), seen) for f in dataclasses.fields(obj))
    if hasattr(obj, "__dict__") and not isinstance(obj, type):
        return sys.getsizeof(obj) + estimate_bytes(vars(obj), seen)
    return sys.getsizeof(obj)


class ResultStore:
    """A thread-safe store of finished results, bounded by memory, evicting whole runs (least recently used first).

    Shared by sessions; a key holds the dataset's content hash, so a session only finds results for data it has
    itself.

    Parameters
    ----------
    max_bytes : int, optional
        Memory budget; default ``store_budget_bytes()``.
    max_entries : int, optional
        Also bound the number of entries (for small stores of large objects, such as catalogue models).
    recomputable : callable, optional
        Runs cheap to compute again (plans from kept forecasts): dropped before any other run, and trimmed oldest
        entry first when they are the run being written.
    """

    def __init__(
        self,
        max_bytes: int | None = None,
        max_entries: int | None = None,
        recomputable: Callable[[Run], bool] | None = None,
    ) -> None:
        self.max_bytes = store_budget_bytes() if max_bytes is None else int(max_bytes)
        self.max_entries = max_entries
        self._recomputable = recomputable or (lambda run: False)
        self._items: dict[str, tuple[Run, object, int]] = {}
        self._runs: OrderedDict[Run, dict[str, None]] = OrderedDict()  # keys in the order they were stored
        self._writing: dict[Run, int] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        self._warned: set[Run] = set()

    def get(self, key: str):
        """The value kept under ``key`` (its run becomes the most recently used), or None."""
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                return None
            self._runs.move_to_end(entry[0])
            return entry[1]

    def put(self, key: str, value: object, run: Run = NO_RUN) -> None:
        """Keep ``value`` under ``key`` as part of ``run``; drop whole older runs while over the budget."""
        size = estimate_bytes(value) + sys.getsizeof(key)
        with self._lock:
            self._drop_key(key)
            self._items[key] = (run, value, size)
            self._runs.setdefault(run, {})[key] = None
            self._runs.move_to_end(run)
            self._bytes += size
            self._evict(keep=run)

    def resize(self, key: str) -> None:
        """Measure an entry again after its value grew in place (a calibration added to a kept forecast), and
        evict as ``put`` would."""
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                return
        size = estimate_bytes(entry[1]) + sys.getsizeof(key)
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                return
            self._bytes += size - entry[2]
            self._items[key] = (entry[0], entry[1], size)
            self._evict(keep=entry[0])

    def _drop_key(self, key: str) -> None:
        old = self._items.pop(key, None)
        if old is None:
            return
        self._bytes -= old[2]
        keys = self._runs.get(old[0])
        if keys is not None:
            keys.pop(key, None)
            if not keys:
                del self._runs[old[0]]

    def _over(self) -> bool:
        return self._bytes > self.max_bytes or (self.max_entries is not None and len(self._items) > self.max_entries)

    @contextmanager
    def writing(self, run: Run) -> Iterator[None]:
        """While a run is being written (a Portfolio run of many SKUs), no other session's entries evict it."""
        with self._lock:
            self._writing[run] = self._writing.get(run, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._writing[run] -= 1
                if not self._writing[run]:
                    del self._writing[run]

    def _victim(self, keep: Run) -> Run | None:
        """The run to drop: a recomputable one first, then the least recently used; never ``keep`` or a run being
        written."""
        candidates = [r for r in self._runs if r != keep and r not in self._writing]
        cheap = [r for r in candidates if self._recomputable(r)]
        return (cheap or candidates or [None])[0]

    def _evict(self, keep: Run) -> None:
        while self._over():
            if (
                self._recomputable(keep)
                and len(self._runs.get(keep, ())) > 1
                and not any(self._recomputable(r) for r in self._runs if r != keep)
            ):
                # Plans are trimmed oldest first before any forecast run goes.
                self._drop_key(next(iter(self._runs[keep])))
                continue
            victim = self._victim(keep)
            if victim is None:
                if self.max_entries is not None and len(self._items) > self.max_entries:
                    # An entry-bounded store drops the oldest entry of the one run left.
                    self._drop_key(next(iter(self._items)))
                    continue
                if keep not in self._warned:
                    self._warned.add(keep)
                    log.warning(
                        "one run holds %.0f MB, more than the store's %.0f MB (REPLENISH_STORE_MB): kept whole",
                        self._bytes / 2**20,
                        self.max_bytes / 2**20,
                    )
                return
            for key in list(self._runs[victim]):
                self._drop_key(key)
            log.info("result store full: dropped the run %s of dataset %s", victim[1][:8], victim[0][:8])

    def drop_namespace(self, namespace: str) -> int:
        """Drop every run of one dataset; returns the entries dropped."""
        with self._lock:
            runs = [r for r in self._runs if r[0] == namespace]
            n = 0
            for run in runs:
                for key in list(self._runs[run]):
                    self._drop_key(key)
                    n += 1
            return n

    def stats(self, namespace: str | None = None) -> dict:
        """Entries, runs and bytes held (of one dataset, or all), and the budget."""
        with self._lock:
            runs = [r for r in self._runs if namespace is None or r[0] == namespace]
            keys = [k for r in runs for k in self._runs[r]]
            return {
                "entries": len(keys),
                "runs": len(runs),
                "bytes": sum(self._items[k][2] for k in keys),
                "total_bytes": self._bytes,
                "max_bytes": self.max_bytes,
            }

    def entry_keys(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def values(self) -> list[object]:
        with self._lock:
            return [v for _, v, _ in self._items.values()]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._runs.clear()
            self._bytes = 0
