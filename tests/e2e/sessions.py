"""Several browser sessions against one server at once, each with its own upload (used by the concurrency test
and by benchmarks/bench_sessions.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

KPI_JS = (
    "([label, v]) => [...document.querySelectorAll('[data-testid=stMetric]')].some("
    "m => m.innerText.includes(label) && m.innerText.split('\\n').includes(v))"
)


@dataclass
class Session:
    prefix: str
    n_skus: int
    units: int
    path: Path
    page: object = None
    upload_s: float = float("nan")
    page_s: float = float("nan")


def make_uploads(folder: Path, n: int = 5, days: int = 120, seed: int = 0) -> list[Session]:
    """``n`` sales files with disjoint SKU names (prefix A-, B-, ...) and different SKU counts."""
    rng = np.random.default_rng(seed)
    sessions = []
    for i in range(n):
        prefix = "ABCDEFGHIJ"[i] + "-"
        skus = [f"{prefix}{k:03d}" for k in range(2 + i)]
        ds = pd.date_range("2025-01-01", periods=days, freq="D").strftime("%Y-%m-%d")
        frame = pd.DataFrame(
            [(d, s, int(rng.poisson(4 + k))) for k, s in enumerate(skus) for d in ds], columns=["date", "sku", "qty"]
        )
        frame = frame[frame["qty"] > 0]
        path = folder / f"session_{i}.csv"
        frame.to_csv(path, index=False)
        sessions.append(Session(prefix, len(skus), int(frame["qty"].sum()), path))
    return sessions


def open_all(browser, url: str, sessions: list[Session]) -> None:
    for s in sessions:
        s.page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        started = time.perf_counter()
        s.page.goto(url)
        s.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
        s.page_s = time.perf_counter() - started


def upload_all(sessions: list[Session], timeout_ms: int = 120_000) -> None:
    """Start every upload, then wait for each page to show its own SKU count (the uploads run at once)."""
    started = {}
    for s in sessions:
        s.page.get_by_test_id("stRadioGroup").get_by_text("Upload a file").click()
    for s in sessions:
        s.page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(s.path))
        started[s.prefix] = time.perf_counter()
    for s in sessions:
        s.page.wait_for_function(KPI_JS, arg=["SKUs", str(s.n_skus)], timeout=timeout_ms)
        s.page.wait_for_function(KPI_JS, arg=["Units sold", f"{s.units:,}"], timeout=timeout_ms)
        s.upload_s = time.perf_counter() - started[s.prefix]


def close_all(sessions: list[Session]) -> None:
    for s in sessions:
        if s.page is not None:
            s.page.context.close()
