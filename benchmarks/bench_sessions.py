"""Response times with several browser sessions at once: one `streamlit run` server, Debian's chromium,
N sessions opening the app (demo shop, first chart) and then each uploading its own file (until its KPIs
show), first one session alone, then N at the same time.

    python benchmarks/bench_sessions.py [--sessions 5] [--repeat 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.e2e.sessions import close_all, make_uploads, open_all, upload_all  # noqa: E402


def _server():
    import contextlib
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, REPLENISH_DATA_DIR=tempfile.mkdtemp(prefix="bench-sessions-"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return proc, url
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    proc, url = _server()
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            # Warm the server (imports, demo cache) once.
            warm = make_uploads(Path(tempfile.mkdtemp()), 1)
            open_all(browser, url, warm)
            close_all(warm)
            for rep in range(args.repeat):
                for n in (1, args.sessions):
                    sessions = make_uploads(Path(tempfile.mkdtemp()), n, seed=rep)
                    try:
                        open_all(browser, url, sessions)
                        upload_all(sessions)
                    finally:
                        close_all(sessions)
                    rows.append((n, [s.page_s for s in sessions], [s.upload_s for s in sessions]))
            browser.close()
    finally:
        proc.terminate()
    print(
        "| sessions at once | open app, median s | open app, max s | upload to KPIs, median s | upload to KPIs, max s |"
    )
    print("|---|---|---|---|---|")
    for n in (1, args.sessions):
        pages = [x for m, p, _ in rows if m == n for x in p]
        uploads = [x for m, _, u in rows if m == n for x in u]
        print(
            f"| {n} | {statistics.median(pages):.2f} | {max(pages):.2f} | "
            f"{statistics.median(uploads):.2f} | {max(uploads):.2f} |"
        )
    print(f"\n{args.repeat} repeats; sessions opened one after the other, uploads started together.")


if __name__ == "__main__":
    main()
