"""App cold start: from `streamlit run` to the first rendered Plotly chart in headless chromium.

Compares Replenish on its demo data with a minimal Streamlit + Plotly app timed in the same run
(DESIGN.md target: within 1.5x of that floor). Each start is a fresh server process with empty caches;
a second browser session against the same server gives the warm time.

    python benchmarks/bench_startup.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = """
import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
"""
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _time_app(browser, script: Path, cwd: Path) -> tuple[float, float]:
    port = _port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - t0 > 60:
                raise RuntimeError("server did not start")
        times = []
        for _ in range(2):
            start = time.perf_counter()
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            page.goto(url)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            times.append(time.perf_counter() - (t0 if not times else start))
            ctx.close()
        return times[0], times[1]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL)
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        results: dict[str, list[tuple[float, float]]] = {"minimal Streamlit + Plotly": [], "Replenish (demo shop)": []}
        for _ in range(args.repeat):
            results["minimal Streamlit + Plotly"].append(_time_app(browser, minimal, Path(tmp)))
            results["Replenish (demo shop)"].append(_time_app(browser, ROOT / "app.py", ROOT))
        browser.close()
    print(
        f"# App start to first chart - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"Python {platform.python_version()}, {args.repeat} runs each (median)"
    )
    print("| app | cold start s (server start to chart) | warm session s (new tab to chart) |")
    print("|---|---|---|")
    medians = {}
    for name, runs in results.items():
        cold = statistics.median(r[0] for r in runs)
        warm = statistics.median(r[1] for r in runs)
        medians[name] = (cold, warm)
        print(f"| {name} | {cold:.2f} | {warm:.2f} |")
    (mc, mw), (rc, rw) = medians.values()
    print(f"\nratio Replenish / minimal: cold {rc / mc:.2f}x, warm {rw / mw:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
