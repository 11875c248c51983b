"""The hostile-input corpus (tests/data/bad/, built by make_corpus.py) through the reader and the batch CLI.

Every file gets a clear one-line message naming the file, or is read with every row used or rejected with a
reason. The two large cases (10,000 columns, 2,000,000 rows) are generated here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import salesdata
from forecasting.__main__ import EXIT_BAD_INPUT, EXIT_NOTHING, EXIT_OK, main

BAD = Path(__file__).resolve().parent / "data" / "bad"
CASES = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[1]


def load(data: bytes, name: str):
    """What the Data page and the CLI do with a file, before any choice by the user."""
    raw = salesdata.read_table(data, name)
    mapping = salesdata.detect_mapping(raw.frame).mapping
    return raw, salesdata.build_dataset(raw, mapping, salesdata.IngestOptions())


def assert_clear(message: str, name: str) -> None:
    assert "\n" not in message and "Traceback" not in message, message
    assert len(message) < 400, message
    assert name in message or "Column '" in message, f"the message does not name the file: {message}"


def test_the_corpus_has_at_least_40_cases_and_every_file_exists():
    assert len(CASES) >= 40
    for name in CASES:
        assert (BAD / name).is_file(), name


@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_gives_a_clear_message_or_balanced_accounting(name):
    case = CASES[name]
    data = (BAD / name).read_bytes()
    if case["expect"] == "error":
        with pytest.raises(salesdata.SalesDataError) as err:
            load(data, name)
        assert_clear(str(err.value), name)
        return
    raw, dataset = load(data, name)
    report = dataset.report
    assert report.balanced
    assert report.rows_read == report.rows_used + report.rows_rejected
    # Every rejected row is listed with its reason and row number.
    assert report.rows_rejected == sum(report.rejected_by_reason.values())
    if report.unit == "rows":
        assert len(dataset.rejected) == report.rows_rejected
        assert dataset.rejected["reason"].ne("").all()
    if case["expect"] == "ok":
        assert report.rows_used > 0 and report.n_skus > 0
        assert np.isfinite(dataset.panel["y"].dropna()).all()
    else:  # nothing_used
        assert report.rows_used == 0 and report.rows_read > 0
    if "note" in case:
        assert any(case["note"] in n for n in raw.notes), raw.notes


def test_payload_names_survive_unchanged_and_huge_values_are_rejected():
    _, dataset = load((BAD / "payload_sku_names.csv").read_bytes(), "payload_sku_names.csv")
    skus = set(dataset.profile["unique_id"])
    assert "<script>alert(1)</script>" in skus and '=HYPERLINK("http://evil","x")' in skus
    _, dataset = load((BAD / "huge_quantities.csv").read_bytes(), "huge_quantities.csv")
    assert dataset.report.rejected_by_reason == {"huge_quantity": 2}
    assert dataset.panel["y"].max() < 1e6


def test_a_10000_column_file_reads_as_a_wide_table_with_every_cell_accounted_for():
    days = pd.date_range("2024-01-01", periods=12, freq="D")
    cols = [f"P{i:05d}" for i in range(9_999)]
    values = np.random.default_rng(0).integers(0, 5, size=(len(days), len(cols)))
    frame = pd.DataFrame(values, columns=cols)
    frame.insert(0, "date", days.strftime("%Y-%m-%d"))
    data = frame.to_csv(index=False).encode()
    raw, dataset = load(data, "wide_10000_columns.csv")
    assert raw.frame.shape[1] == 10_000
    report = dataset.report
    assert report.layout == "wide" and report.balanced
    assert report.n_skus == int((values.sum(axis=0) > 0).sum())


def test_over_the_column_limit_is_a_clear_limit_error():
    header = ",".join(["date"] + [f"c{i}" for i in range(25_000)])
    with pytest.raises(salesdata.LimitError) as err:
        salesdata.read_table((header + "\n" + ",".join(["2024-01-01"] + ["1"] * 25_000)).encode(), "too_wide.csv")
    assert_clear(str(err.value), "too_wide.csv")


def test_a_2000000_row_file_is_read_with_every_row_accounted_for(tmp_path):
    n = 2_000_000
    rng = np.random.default_rng(1)
    days = pd.date_range("2020-01-01", periods=1000, freq="D").strftime("%Y-%m-%d").to_numpy()
    frame = pd.DataFrame(
        {
            "date": days[rng.integers(0, 1000, n)],
            "sku": rng.integers(0, 2000, n).astype(str),
            "qty": rng.integers(1, 9, n),
        }
    )
    frame.loc[::100_000, "qty"] = -1  # a few returns
    frame.loc[7::250_000, "date"] = "not a date"
    data = frame.to_csv(index=False).encode()
    _, dataset = load(data, "two_million_rows.csv")
    report = dataset.report
    assert report.rows_read == n
    assert report.balanced and report.rows_used + report.rows_rejected == n
    assert report.rejected_by_reason.get("bad_date") == len(frame.loc[7::250_000])


def _cli(tmp_path: Path, path: Path, capsys) -> tuple[int, str]:
    out = tmp_path / path.name.replace(".", "_")
    code = main(
        ["run", "--input", str(path), "--horizon", "7", "--folds", "1", "--models", "snaive,ma", "--out", str(out)]
    )
    err = capsys.readouterr().err.strip().splitlines()
    return code, err[-1] if err else ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_exits_with_a_one_line_reason_or_balanced_accounting(name, tmp_path, capsys):
    case = CASES[name]
    code, last = _cli(tmp_path, BAD / name, capsys)
    if case["expect"] == "error":
        assert code == EXIT_BAD_INPUT, last
        assert last.startswith("error: ")
        assert_clear(last, name)
        return
    run = json.loads((tmp_path / name.replace(".", "_") / "run.json").read_text())
    rows = run["rows"]
    assert rows["balanced"] and rows["read"] == rows["used"] + rows["rejected"]
    if case["expect"] == "ok":
        assert code == EXIT_OK, last
        assert run["skus"]["forecast"] + run["skus"]["failed"] == run["skus"]["in_data"]
    else:
        assert code == EXIT_NOTHING
        assert last.startswith(f"nothing usable in {name}: ")


def test_cli_process_reports_a_broken_file_on_one_line(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "forecasting",
            "run",
            "--input",
            str(BAD / "binary_junk.csv"),
            "--horizon",
            "7",
            "--out",
            str(tmp_path / "o"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == EXIT_BAD_INPUT
    assert proc.stderr.strip().splitlines() == [
        "error: binary_junk.csv is not a text table (it contains binary data). Upload a CSV, Excel or Parquet file."
    ]
