"""Every table the app shows says how a missing value looks: Streamlit draws "None" in an empty cell unless the
call passes ``placeholder`` (a new user read "None" in the Portfolio's category levels as a level)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tables_without_placeholder(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("dataframe", "data_editor")
            and (node.args or node.keywords)
            and not any(k.arg == "placeholder" for k in node.keywords)
        ):
            lines.append(node.lineno)
    return lines


def test_every_table_sets_a_placeholder_for_missing_values():
    files = sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py")])
    missing = {str(f.relative_to(ROOT)): n for f in files if (n := _tables_without_placeholder(f.read_text()))}
    assert missing == {}


def test_the_check_finds_a_table_without_one():
    assert _tables_without_placeholder("st.dataframe(frame, hide_index=True)\nst.write(1)\n") == [1]
    assert _tables_without_placeholder("st.data_editor(frame, placeholder='–')\n") == []
