"""Every user string that reaches Markdown goes through ``ui.core.text.md``: a static check of the app's code (the
Streamlit calls that render Markdown, and the ``t()`` parameters that carry SKU ids, product, scenario, supplier
and file names, notes and messages), and the helper itself on the names that used to display mangled."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui.core.text import md

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN_CALLS = {
    "caption", "info", "warning", "error", "success", "markdown", "subheader", "header", "title", "toast",
    "button", "download_button", "expander", "progress", "metric",
}  # fmt: skip
USER_PARAMS = {
    "name", "reason", "reasons", "message", "sku", "supplier", "skus", "columns", "column", "values", "note",
    "scenario", "file", "names", "base", "dates",
}  # fmt: skip
SAFE_WRAPPERS = {"md", "fmt_int", "fmt_num", "fmt_money", "fmt_date", "fmt_compact", "t", "len", "int", "float"}


def _safe(node: ast.expr) -> bool:
    """Text that is escaped, formatted by us, or a constant on every branch."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in SAFE_WRAPPERS
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return all(_safe(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _safe(node.left) and _safe(node.right)
    return False


def _unescaped(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in MARKDOWN_CALLS:
            continue
        for inner in ast.walk(node):
            if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "t"):
                continue
            for kw in inner.keywords:
                if kw.arg not in USER_PARAMS:
                    continue
                if not _safe(kw.value):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno} {kw.arg}={ast.unparse(kw.value)}")
        # A domain message shown on its own may quote a file, a column or a value: escaped too.
        for arg in node.args[:1]:
            if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "msg":
                found.append(f"{path.relative_to(ROOT)}:{arg.lineno} {ast.unparse(arg)}")
    return found


def test_user_strings_in_markdown_are_escaped():
    files = sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py")])
    problems = [p for f in files for p in _unescaped(f)]
    assert not problems, "wrap these in ui.core.text.md:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", ["AB_12_X", "#5", "[promo](x)", "*star*", "50% <b>off</b>", "a|b", "$9.99", "~x~"])
def test_md_escapes_every_markup_character(name):
    from markdown_it import MarkdownIt

    # Rendered as CommonMark (Streamlit's Markdown), the escaped name is the name, in one paragraph, as typed.
    html = MarkdownIt("commonmark").render(md(name)).strip()
    expected = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert html == f"<p>{expected}</p>"
