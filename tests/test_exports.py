"""Real export layouts (tests/data/exports/, see its README): each is read right with no manual mapping.

``python -m salesdata inspect`` runs on every file of the corpus and its JSON is compared with the manifest:
layout, native time bucket (and a weekly file's weekday), the column of every role the file has, the number
of series, and whether the reader asks a question. The command line itself is tested once as a subprocess.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from salesdata.__main__ import main as salesdata_main

ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "tests" / "data" / "exports"
MANIFEST = json.loads((EXPORTS / "manifest.json").read_text(encoding="utf-8"))


def inspect(path: Path, sheet: str | None = None) -> tuple[int, dict]:
    """The inspect command's exit code and JSON (run in-process, through its own main)."""
    out = io.StringIO()
    argv = ["inspect", str(path)] + (["--sheet", sheet] if sheet else [])
    with contextlib.redirect_stdout(out):
        code = salesdata_main(argv)
    return code, json.loads(out.getvalue()) if code == 0 else {}


def differences(entry: dict, got: dict) -> list[str]:
    expected = entry["expected"]
    accept = entry.get("also_accept", {})
    problems = []
    for field in ("layout", "freq", "skus"):
        if got[field] != expected[field]:
            problems.append(f"{field}: {got[field]!r}, expected {expected[field]!r}")
    if expected.get("week_start") and got.get("week_start") != expected["week_start"]:
        problems.append(f"week_start: {got.get('week_start')!r}, expected {expected['week_start']!r}")
    for role, column in expected["roles"].items():
        if got["roles"].get(role) != column and got["roles"].get(role) not in accept.get(role, []):
            problems.append(f"{role}: {got['roles'].get(role)!r}, expected {column!r}")
    if bool(expected.get("doubt")) != bool(got["doubts"]):
        problems.append(f"doubts {got['doubts']}, expected {expected.get('doubt')!r}")
    return problems


def test_the_corpus_has_at_least_25_layouts_each_with_a_reference():
    assert len(MANIFEST) >= 25
    assert all(e["reference"] and e["layout_of"] for e in MANIFEST)
    assert {e["file"] for e in MANIFEST} <= {p.name for p in EXPORTS.iterdir()}


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_inspect_reads_every_export_right_without_a_manual_mapping(entry):
    code, got = inspect(EXPORTS / entry["file"], entry.get("sheet"))
    assert code == 0
    assert differences(entry, got) == []


def test_inspect_on_the_command_line_prints_the_contract_json_and_exit_codes(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "salesdata", "inspect", "tests/data/exports/walmart_train.csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert set(got) >= {"layout", "freq", "roles", "skus", "doubts"}
    assert set(got["roles"]) >= {
        "date",
        "sku",
        "quantity",
        "price",
        "revenue",
        "promotion",
        "store",
        "category",
        "in_stock",
        "order_id",
        "product_name",
    }
    assert got["roles"]["sku"] == ["Dept", "Store"] and got["week_start"] == "FRI"
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    bad = subprocess.run(
        [sys.executable, "-m", "salesdata", "inspect", str(junk)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and bad.stdout == ""
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "junk.csv" in lines[0]


def test_inspect_of_a_wide_file_lists_no_sku_column_and_counts_the_products():
    _, got = inspect(EXPORTS / "pasta_hierarchical_sales.csv")
    assert got["layout"] == "wide" and got["roles"]["sku"] == [] and got["roles"]["quantity"] is None
    assert got["skus"] == len(got["wide"]) and all(w["promotion"] for w in got["wide"])


def test_inspect_asks_about_ambiguous_dates_and_shows_both_readings():
    _, got = inspect(EXPORTS / "date_trap_ambiguous.xlsx", "Sales")
    assert any("day-first and month-first" in d for d in got["doubts"])
    first = got["date_readings"][0]
    assert first["cell"] == "02/01/2023" and first["day_first"] == "2023-01-02" and first["month_first"] == "2023-02-01"


def test_forecasting_run_defaults_to_the_file_s_own_bucket_and_records_the_mapping(tmp_path):
    out = tmp_path / "run"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "forecasting",
            "run",
            "--input",
            "tests/data/exports/walmart_train.csv",
            "--horizon",
            "4",
            "--folds",
            "1",
            "--models",
            "naive,snaive",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    run = json.loads((out / "run.json").read_text())
    _, inspected = inspect(EXPORTS / "walmart_train.csv")
    assert run["inputs"]["freq"] == "W"
    for key in ("layout", "freq", "roles", "skus", "week_start"):
        assert run["mapping"][key] == inspected[key]
    forecasts = (out / "forecasts.csv").read_text().splitlines()[1:]
    import pandas as pd

    days = pd.to_datetime([line.split(",")[1] for line in forecasts]).day_name().unique().tolist()
    assert days == ["Friday"]  # the file's weeks, not Monday weeks
    # A finer bucket than the file is refused with the reason, in one line.
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "forecasting",
            "run",
            "--input",
            "tests/data/exports/walmart_train.csv",
            "--freq",
            "D",
            "--horizon",
            "4",
            "--out",
            str(tmp_path / "daily"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 2
    assert "weekly file" in refused.stderr and "Choose weekly or monthly" in refused.stderr
