"""Security properties that must not regress: upload limit, no code execution on user data, no HTML from user
strings, formula-safe exports, XSRF on, parameterised store queries."""

from __future__ import annotations

import ast
import csv
import io
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from salesdata import LimitError, ReadOptions, csv_bytes, read_table, xlsx_bytes
from scenarios.store import Scenario, ScenarioStore
from ui.core.text import md
from ui.data.scenario_state import decode_link

ROOT = Path(__file__).resolve().parents[1]
APP_CODE = [ROOT / "app.py"] + [
    p
    for d in ("salesdata", "forecasting", "inventory", "scenarios", "ui", "app_pages")
    for p in (ROOT / d).rglob("*.py")
]
PAYLOADS = [
    '=HYPERLINK("http://evil","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
]


def _calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            yield owner, name, node


def test_the_upload_limit_is_set_and_matches_the_reader():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == ReadOptions().max_bytes
    with pytest.raises(LimitError, match="the limit is"):
        read_table(b"date,sku,qty\n" + b"2024-01-01,A,1\n" * 100, "big.csv", ReadOptions(max_bytes=1000))


def test_xsrf_protection_and_same_origin_checks_stay_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config["server"].get("enableCORS", True) is True
    docs = [ROOT / "README.md", ROOT / "README.zh-CN.md", *(ROOT / "docs").rglob("*.md")]  # deployment.md above all
    for path in (ROOT / ".ci" / "run", ROOT / "scripts" / "test.sh", *docs):
        assert (
            "enableXsrfProtection false" not in path.read_text()
            and "enableXsrfProtection=false" not in path.read_text()
        )


def test_no_code_execution_or_unpickling_anywhere_in_the_app():
    banned = {
        ("", "eval"), ("", "exec"), ("", "compile"), ("", "__import__"),
        ("pickle", "load"), ("pickle", "loads"), ("marshal", "loads"), ("shelve", "open"),
        ("pd", "read_pickle"), ("joblib", "load"), ("yaml", "load"), ("dill", "loads"),
    }  # fmt: skip
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} {owner}.{name}"
        for path in APP_CODE
        for owner, name, node in _calls(path)
        if (owner, name) in banned or (owner == "" and ("", name) in banned)
    ]
    assert found == []


def test_no_user_string_can_reach_raw_html():
    found = []
    for path in APP_CODE:
        for owner, name, node in _calls(path):
            if name in ("html",) and owner in ("st", "components"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {owner}.{name}")
            for kw in node.keywords:
                if kw.arg == "unsafe_allow_html" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} unsafe_allow_html")
    assert found == []


def test_markdown_with_user_text_is_escaped():

    shown = md("**bold** [x](javascript:alert(1)) <b>x</b> _y_ `z`")
    for raw in ("**bold**", "[x](", "<b>", "_y_", "`z`"):
        assert raw not in shown


@pytest.mark.parametrize("payload", PAYLOADS)
def test_exports_neutralise_formula_payloads(payload):
    frame = pd.DataFrame({"sku": [payload], "units": [-5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert header == ["sku", "units"]
    cell, units = row
    if payload[0] in "=+-@\t\r":
        assert cell == "'" + payload  # shown as text, never run
    else:
        assert cell == payload
    assert units == "-5"  # numbers stay numbers
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes({"plan": frame})))
    value = book["plan"]["A2"].value
    assert book["plan"]["A2"].data_type != "f"
    if payload[0] in "=+-@\t\r":
        assert str(value).startswith("'")


def test_store_queries_are_parameterised(tmp_path):
    source = (ROOT / "scenarios" / "store.py").read_text()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("execute", "exec_driver_sql", "text"):
            for arg in node.args:
                if isinstance(arg, ast.JoinedStr):
                    line = source.splitlines()[node.lineno - 1]
                    assert "PRAGMA busy_timeout" in line, f"SQL built from a string at line {node.lineno}: {line}"
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    hostile = "x'); DROP TABLE replenish_scenarios; --"
    store.save(Scenario(hostile, "d", {"note": hostile}, {}))
    assert store.get(hostile).params == {"note": hostile}
    assert [s.name for s in store.list()] == [hostile]
    store.dispose()


def test_shared_links_are_json_not_code():

    for bad in ("not-a-link", "eyJ2IjogMX0", "gASVAAAAAAAAAAB9lC4="):  # junk, incomplete JSON, a pickle
        with pytest.raises(ValueError, match="link"):
            decode_link(bad)
