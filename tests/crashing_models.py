"""Models that misbehave on purpose, for the fault tests (importable by worker processes)."""

from __future__ import annotations

import os

import numpy as np

from forecasting.base import Forecaster


class KillsItsProcess(Forecaster):
    """Repeats the last value, except on SKU ``victim``: there it ends its process, like a crash in C code."""

    alias = "killer"
    family = "baseline"
    min_train = 1

    def __init__(self, victim: str = "S2") -> None:
        self.victim = victim

    def _fit(self, data, context) -> None:
        if data.unique_id == self.victim and os.environ.get("REPLENISH_TEST_ALLOW_KILL") == "1":
            os._exit(1)
        self.level_ = float(data.y[np.isfinite(data.y)][-1])

    def _predict(self, h, future_exog, levels):
        return {"mean": np.full(h, self.level_)}


class RaisesOnVictim(KillsItsProcess):
    """Raises an ordinary exception on SKU ``victim`` (a model bug, not a process crash)."""

    alias = "raiser"

    def _fit(self, data, context) -> None:
        if data.unique_id == self.victim:
            raise ZeroDivisionError("division by zero inside the model")
        self.level_ = float(data.y[np.isfinite(data.y)][-1])
