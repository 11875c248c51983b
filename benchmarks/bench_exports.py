"""Real export layouts read with no manual mapping: the tuned corpus and the held-out one.

``tests/data/exports/`` (30 layouts) is the corpus the detector was built against; ``data/exports_heldout/``
(17 other layouts, made by someone who did not see the detector) measures it on files it was not tuned on.
Each file goes through ``python -m salesdata inspect``'s code and is compared with its manifest: layout, time
bucket, the column of every role, the number of series, and whether a question is asked.

    python benchmarks/bench_exports.py [--corpus tuned|heldout|both]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = {
    "tuned": ROOT / "tests" / "data" / "exports",
    "heldout": ROOT / "benchmarks" / "data" / "exports_heldout",
}


def compare(entry: dict, got: dict) -> list[str]:
    expected, accept = entry["expected"], entry.get("also_accept", {})
    problems = [
        f"{k} {got[k]!r} (expected {expected[k]!r})" for k in ("layout", "freq", "skus") if got[k] != expected[k]
    ]
    if expected.get("week_start") and got.get("week_start") != expected["week_start"]:
        problems.append(f"week_start {got.get('week_start')!r} (expected {expected['week_start']!r})")
    for role, column in expected["roles"].items():
        if got["roles"].get(role) != column and got["roles"].get(role) not in accept.get(role, []):
            problems.append(f"{role} {got['roles'].get(role)!r} (expected {column!r})")
    if bool(expected.get("doubt")) != bool(got["doubts"]):
        problems.append("asks: " + ("; ".join(got["doubts"]) or f"nothing (expected {expected.get('doubt')})"))
    return problems


def run(name: str, folder: Path) -> tuple[int, int, float]:
    from salesdata.inspection import inspect_file
    from salesdata.reading import ReadOptions

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    print(f"\n## {name}: {folder.relative_to(ROOT)} ({len(manifest)} files)\n")
    print("| file | layout of | read right | s | what differs |")
    print("|---|---|---|---|---|")
    right, total_s = 0, 0.0
    for entry in manifest:
        started = time.perf_counter()
        try:
            got = inspect_file(
                (folder / entry["file"]).read_bytes(), entry["file"], ReadOptions(sheet=entry.get("sheet"))
            )
            problems = compare(entry, got.to_contract())
        except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure and goes on
            problems = [f"{type(exc).__name__}: {exc}"]
        seconds = time.perf_counter() - started
        total_s += seconds
        right += not problems
        what = "; ".join(problems).replace("|", "/")
        print(
            f"| {entry['file']} | {entry['layout_of'][:60]} | {'yes' if not problems else 'no'} | {seconds:.2f} | {what} |"
        )
    print(f"\n{name}: {right} of {len(manifest)} read right with no manual mapping ({total_s:.1f} s in all)")
    return right, len(manifest), total_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["tuned", "heldout", "both"], default="both")
    args = parser.parse_args()
    print(f"# Export layouts - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, Python {platform.python_version()}")
    for name, folder in CORPORA.items():
        if args.corpus in (name, "both"):
            run(name, folder)


if __name__ == "__main__":
    main()
