"""Real-browser fixtures: a `streamlit run` server on a free port and Debian's chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
DATA_DIR = tempfile.mkdtemp(prefix="replenish-e2e-")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


RUN_APP = ("streamlit", "run", "app.py")  # the README's command, as the browser tests run it (tests/test_docs.py)


def start_server(env: dict, data_dir: Path, extra_args: tuple[str, ...] = (), port: int | None = None):
    """``streamlit run app.py`` on ``port`` (a free one by default) with ``env``; its log in ``data_dir``.

    Returns the process, its URL and the open log file; :func:`stop_server` ends them.
    """
    port = port or _free_port()
    # The server's log goes to a file (a pipe nobody reads would block the server once full).
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed by stop_server
    proc = subprocess.Popen(
        [sys.executable, "-m", *RUN_APP, "--server.port", str(port), "--server.headless", "true", *extra_args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return proc, url, log
        except OSError:
            time.sleep(0.3)
    proc.kill()
    log.close()
    raise RuntimeError("streamlit did not start: " + (data_dir / "server.log").read_text(errors="replace"))


def stop_server(proc, log) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def server_url():
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    env.pop("REPLENISH_JOBS", None)  # the real server runs with its worker pool
    env.pop("DATABASE_URL", None)
    env["REPLENISH_DATA_DIR"] = DATA_DIR  # scenarios of this test server, away from the repository
    proc, url, log = start_server(env, Path(DATA_DIR))
    yield url
    stop_server(proc, log)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def plan_replenishment(page, server_url: str) -> None:
    """Open the Replenishment page and plan; the forecast may already be cached by an earlier test on this server
    (forecasts are shared by content hash), in which case the page plans straight away."""
    import re

    page.goto(f"{server_url}/replenishment")
    page.wait_for_selector("text=Replenishment", timeout=60_000)
    button = page.get_by_role("button", name=re.compile(r"Forecast \d+ days and plan"))
    replay = page.get_by_text("Policy replay on your history")
    replay.or_(button).first.wait_for(timeout=60_000)  # the button, or the plan at once
    if not replay.count():
        button.click()
    page.wait_for_selector("text=Policy replay on your history", timeout=240_000)


RUNNING = '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]'


def wait_idle(page, quiet_ms: int = 1500, timeout_ms: int = 120_000) -> None:
    """Wait until the app has not been running a script for ``quiet_ms`` (slider keys queue several reruns: a
    click during one lands on an element the next rerun replaces)."""
    waited = quiet = 0
    while waited < timeout_ms:
        busy = page.locator(RUNNING).count() > 0
        quiet = 0 if busy else quiet + 250
        if quiet >= quiet_ms:
            return
        page.wait_for_timeout(250)
        waited += 250
    raise AssertionError(f"the app was still running after {timeout_ms / 1000:.0f} s")
