"""LICENSE and NOTICE ship with the code, and NOTICE names files that exist (the data under CC BY 4.0)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_licence_and_notice_are_there():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    notice = (ROOT / "NOTICE").read_text()
    assert "CC BY 4.0" in notice and "creativecommons.org/licenses/by/4.0" in notice


def test_every_file_the_notice_names_exists():
    notice = (ROOT / "NOTICE").read_text()
    named = re.findall(r"\b((?:sample_data|tests/data)/[\w./-]+\.(?:csv|parquet|xlsx))", notice)
    assert len(named) >= 7
    assert [n for n in named if not (ROOT / n).is_file()] == []


def test_the_uci_derived_files_are_all_named():
    notice = (ROOT / "NOTICE").read_text()
    uci = list((ROOT / "sample_data").glob("uci*")) + [
        p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file() and re.match(r"(uci|online_retail)", p.name)
    ]
    assert uci and [str(p.relative_to(ROOT)) for p in uci if str(p.relative_to(ROOT)) not in notice] == []
