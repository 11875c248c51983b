"""Both languages: the catalogues match key for key, every key is used, and every page renders in English and
in Simplified Chinese with no missing-key marker and no exception."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.core.i18n import CATALOGUES, EN, MISSING

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "tests" / "app_entry.py")
PAGES = ["data", "forecast", "replenishment", "portfolio", "scenarios"]
PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")
MARK = MISSING.split("{")[0]


def test_every_key_is_used_somewhere():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for d in ("ui", "app_pages", "scenarios")
        for p in (ROOT / d).rglob("*.py")
        if p.name != "i18n.py"
    ) + (ROOT / "app.py").read_text(encoding="utf-8")
    literal = set(re.findall(r"[\"']([a-z_]+\.[A-Za-z0-9_.:\- ]+)[\"']", code))
    prefixes = set(re.findall(r"f[\"']([a-z_]+\.[a-z_.]*)\{", code))  # t(f"model.{alias}") and the like
    # Reason, warning and message codes and export labels come from the domain packages; tests/test_messages.py
    # checks that every message code is raised or returned somewhere in its package, and export labels are read
    # as a whole by ui.core.i18n.export_labels.
    domain = ("reason.", "warning.", "msg.", "export.")
    unused = [
        k for k in EN if k not in literal and not any(k.startswith(p) for p in prefixes) and not k.startswith(domain)
    ]
    assert unused == []


def _texts(app: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        out += [str(e.value) for e in getattr(app, kind)]
    out += [str(m.label) for m in app.metric] + [str(b.label) for b in app.button]
    out += [str(w.label) for w in (*app.selectbox, *app.radio, *app.slider, *app.number_input, *app.multiselect)]
    out += [str(tab.label) for tab in app.tabs]
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(page, lang):
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.query_params["lang"] = lang
    app.run()
    if page != "data":
        app.switch_page(str(ROOT / "app_pages" / f"{page}.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    texts = _texts(app)
    missing = [x for x in texts if MARK in x]
    assert missing == []
    assert app.session_state["app.lang"] == lang
    title = app.title[0].value
    assert (
        title
        == CATALOGUES[lang][
            f"{'fc' if page == 'forecast' else 'rp' if page == 'replenishment' else 'pf' if page == 'portfolio' else 'sc' if page == 'scenarios' else 'data'}.title"
        ]
    )
    if lang == "zh":
        assert any(re.search(r"[\u4e00-\u9fff]", x) for x in texts)


def test_the_sidebar_switch_changes_the_language_for_the_session():
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert app.title[0].value == "Data"
    app.sidebar.radio(key="w.app.lang").set_value("zh").run()
    assert not app.exception
    assert app.title[0].value == "数据"
    assert app.session_state["app.lang"] == "zh"
    app.switch_page(str(ROOT / "app_pages" / "forecast.py")).run()
    assert app.title[0].value == "预测"


def test_the_default_language_comes_from_the_setting(monkeypatch):
    monkeypatch.setenv("REPLENISH_LANG", "zh")
    app = AppTest.from_file(ENTRY, default_timeout=300)
    app.run()
    assert app.title[0].value == "数据"
