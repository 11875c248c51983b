"""Domain packages never import streamlit or plotly (they are plain Python, testable without the UI)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ["salesdata", "forecasting", "inventory", "scenarios"]
FORBIDDEN = {"streamlit", "plotly"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_never_imports_ui_libraries(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, package
    offenders = {str(f.relative_to(ROOT)): sorted(_imports(f) & FORBIDDEN) for f in files if _imports(f) & FORBIDDEN}
    assert offenders == {}


def test_only_pages_and_ui_import_streamlit():
    allowed = {"app.py"} | {str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")}
    allowed |= {str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")}
    users = set()
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {"tests", "benchmarks", "scripts"}:
            continue
        if "streamlit" in _imports(path):
            users.add(str(rel))
    assert users <= allowed, users - allowed


def test_layer_check_detects_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\nfrom plotly import graph_objects\n")
    assert _imports(bad) & FORBIDDEN == {"streamlit", "plotly"}


def test_first_page_loads_no_planning_or_model_code():
    """The frame and the Data page (the first chart) import no scipy, inventory planning, scenario store or model
    library: they cost seconds at a cold start (benchmarks/bench_startup.py)."""
    import subprocess
    import sys

    heavy = ("scipy.stats", "inventory.catalogue", "sqlalchemy", "numba", "prophet", "sklearn", "statsmodels")
    code = f"import sys, ui.frame, ui.views.data; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
