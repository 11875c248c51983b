"""A seeded synthetic catalogue of daily totals, for tests and benchmarks at catalogue scale (not real data: the
shapes of demand only, smooth and intermittent)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def daily_totals(n_skus: int, days: int = 240, seed: int = 0, start: str = "2025-01-06") -> pd.DataFrame:
    """``date, sku, quantity`` for ``n_skus`` SKUs over ``days`` days: four in five smooth (Poisson with a weekly
    pattern, 0.5-20 a day), one in five intermittent (a sale on about one day in ten). Every SKU sells at least
    once in its last 30 days."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    weekly = np.array([1.0, 1.0, 1.05, 1.1, 1.2, 0.9, 0.75])[dates.dayofweek]
    frames = []
    for i in range(n_skus):
        if i % 5 == 4:
            qty = rng.poisson(3.0, days) * (rng.random(days) < 0.1)
        else:
            qty = rng.poisson(rng.uniform(0.5, 20.0) * weekly)
        qty[-1 - rng.integers(0, 30)] = max(1, qty[-1])
        frames.append(pd.DataFrame({"date": dates, "sku": f"SYN-{i:05d}", "quantity": qty}))
    return pd.concat(frames, ignore_index=True)


def csv_bytes(n_skus: int, days: int = 240, seed: int = 0) -> bytes:
    frame = daily_totals(n_skus, days, seed)
    return frame.to_csv(index=False, date_format="%Y-%m-%d").encode()
