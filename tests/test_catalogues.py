"""The gettext catalogues: read with Babel's own .po reader, they match key for key and placeholder for
placeholder; plurals follow each language's rule; every key the code asks for exists; no page shows a literal
English sentence; numbers and dates are formatted by Babel; the Chinese terms follow the glossary."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ui.core import i18n
from ui.core.catalogues import LOCALES, po_path

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)[^{}]*\}")


def _read(lang: str):
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=LOCALES[lang])


def _entries(lang: str) -> dict:
    return {(m.id[0] if m.pluralizable else m.id): m for m in _read(lang) if m.id}


def _counted_by(message) -> str:
    named = [c.removeprefix("count: ") for c in message.auto_comments if c.startswith("count: ")]
    return named[0] if named else "n"


def _forms(message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def test_both_catalogues_have_the_same_keys_plural_kinds_and_placeholders():
    en, zh = _entries("en"), _entries("zh")
    assert set(en) == set(zh)
    assert len(en) > 1000
    for key, message in en.items():
        other = zh[key]
        assert message.pluralizable == other.pluralizable, key
        assert not message.fuzzy and not other.fuzzy, key
        names = {frozenset(PLACEHOLDER.findall(form)) for form in _forms(message) + _forms(other)}
        assert len(names) == 1, (key, names)
        assert all(form.strip() for form in _forms(message) + _forms(other)), key


def test_plural_entries_have_each_languages_forms_and_are_counted_by_n():
    en, zh = _read("en"), _read("zh")
    assert en.num_plurals == 2 and zh.num_plurals == 1
    plurals = [m for m in en if m.id and m.pluralizable]
    assert len(plurals) >= 30
    for message in plurals:
        assert len(message.string) == 2 and message.id[0] == message.id[1], message.id
        by = _counted_by(message)
        assert all(re.search(r"\{" + by + r"[:}]", form) for form in message.string), message.id
        assert _counted_by(_entries("zh")[message.id[0]]) == by, message.id
        assert message.string[0] != message.string[1], message.id


@pytest.fixture
def lang():
    """Set the language t() reads outside a session (the one of the last script run)."""
    saved = list(i18n._last_run_language)

    def use(code: str) -> None:
        i18n._last_run_language[:] = [code]

    yield use
    i18n._last_run_language[:] = saved


def test_ngettext_picks_the_form_by_count(lang):
    lang("en")
    args = {"stat": "10", "adj": "12", "change": "+20%", "qty_unit": "units"}
    assert i18n.t("plan.ov_effect", n=1, **args).startswith("1 override: ")
    assert i18n.t("plan.ov_effect", n=2, **args).startswith("2 overrides: ")
    assert i18n.t("plan.ov_effect", n=0, **args).startswith("0 overrides: ")
    assert i18n.t("pf.run", n=1234) == "Forecast 1,234 SKUs and plan"
    assert i18n.t("pf.run", n="1") == "Forecast 1 SKU and plan"  # a count already formatted
    assert i18n.t("kpi.days", n=1) == "1 day"
    lang("zh")
    assert i18n.t("pf.run", n=1) == i18n.t("pf.run", n=5).replace("5", "1")
    assert "1 条覆盖" in i18n.t("plan.ov_effect", n=1, **args)


def test_a_counted_domain_message_has_both_forms_in_english_and_one_in_chinese(lang):
    from forecasting.messages import Message as FcMessage
    from salesdata.messages import Message

    one, many = Message("note.bad_utf8", n=1), Message("note.bad_utf8", n=3)
    assert str(one).startswith("1 byte is not valid UTF-8") and str(many).startswith("3 bytes are not")
    formulas = Message("note.unsaved_formulas", n=1234)
    assert str(formulas).startswith("1,234 cells hold formulas")
    lang("en")
    assert i18n.msg(one).startswith("1 byte is not") and i18n.msg(formulas).startswith("1,234 cells hold")
    fold = FcMessage("best.lowest", metric="MASE", value=0.9, folds=1)
    assert str(fold) == "lowest MASE over 1 backtest fold (0.900)"
    assert i18n.msg(FcMessage("best.lowest", metric="MASE", value=0.9, folds=3)).endswith(
        "over 3 backtest folds (0.900)"
    )
    lang("zh")
    assert i18n.msg(many) == "有 3 个字节不是有效的 UTF-8，已替换为“\ufffd”"


def test_a_missing_key_shows_as_a_marker_and_chinese_falls_back_to_english_per_key(lang, monkeypatch):
    lang("zh")
    assert i18n.t("no.such.key") == "⟦no.such.key⟧"
    assert i18n.t("app.title") == "Replenish 补货"


# Streamlit calls whose first argument is shown to the user.
SHOWN = frozenset(
    [
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "write",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "button",
        "download_button",
        "metric",
        "expander",
        "popover",
        "selectbox",
        "radio",
        "checkbox",
        "toggle",
        "slider",
        "select_slider",
        "number_input",
        "text_input",
        "text_area",
        "multiselect",
        "date_input",
        "file_uploader",
        "spinner",
        "segmented_control",
        "pills",
    ]
)
KEY = re.compile(r"^[a-z_]+(\.[A-Za-z0-9_:\-]+)+$")
LOGGERS = {"log", "logger", "LOG", "_log", "logging", "warnings"}


def _strings(node: ast.expr) -> list[str]:
    """The literal text of an argument: a string, both branches of ``a if c else b``, an f-string's fixed parts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values if isinstance(part, ast.Constant) and isinstance(part.value, str)]
    return []


def _extracted() -> list[tuple[str, str, str]]:
    """(where, call, text) for every literal handed to t() or to a Streamlit display call in the ui."""
    out = []
    for path in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            receiver = func.value if isinstance(func, ast.Attribute) else None
            if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
                continue
            if name == "t" or name in SHOWN:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                out += [(where, name, text) for text in _strings(node.args[0])]
    return out


def test_every_key_the_code_asks_for_is_in_both_catalogues():
    en, zh = set(i18n.CATALOGUES["en"]), set(i18n.CATALOGUES["zh"])
    keys = [(where, text) for where, call, text in _extracted() if call == "t" and KEY.match(text)]
    assert len(keys) > 500
    missing = [(where, key) for where, key in keys if key not in en or key not in zh]
    assert missing == []


# Literal text a page may show as it is: marks, symbols, class letters and names the same in every language.
UNTRANSLATABLE = re.compile(r"^[\s\W\d_]*$|^(SKU|SKUs|ABC|XYZ|Replenish|MASE|WAPE|CSV|XLSX|HTML)$")


def test_no_page_shows_a_literal_sentence_that_skips_the_catalogue():
    """Every string handed straight to a Streamlit display call is a key, a mark or a proper name: a sentence
    written in the code would show in English on the Chinese page. f-strings are checked by their fixed parts."""
    literal = [
        (where, text)
        for where, call, text in _extracted()
        if call != "t"
        and not KEY.match(text)
        and any(not UNTRANSLATABLE.match(word) for word in re.findall(r"[A-Za-z]{2,}", text))
    ]
    assert literal == []


def test_the_extractor_finds_a_planted_sentence(tmp_path, monkeypatch):
    """The two checks above can fail: a planted English caption and an unknown key are found."""
    page = tmp_path / "ui" / "planted.py"
    page.parent.mkdir()
    page.write_text('st.caption("Order now")\nst.info(t("no.such.key"))\nlog.warning("quiet %s", 1)\n')
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "app.py").write_text("")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = _extracted()
    assert ("ui/planted.py:1", "caption", "Order now") in found
    assert ("ui/planted.py:2", "t", "no.such.key") in found
    assert not any(call == "warning" for _, call, _ in found)


def test_the_domain_texts_in_the_english_catalogue_match_the_domain_packages():
    """scripts/sync_catalogues.py --check: the English of reasons, messages and export labels is the code's."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sync_catalogues", ROOT / "scripts" / "sync_catalogues.py")
    sync = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sync)
    assert sync.main(["--check"]) == 0
    english = _read("en")
    texts = sync.domain_texts()
    assert sync.english_changes(english, texts) == []
    del english["msg.read.empty"]
    texts["msg.new.code"] = "A new message"
    assert sorted(sync.english_changes(english, texts)) == ["add msg.new.code", "add msg.read.empty"]


def test_numbers_money_percentages_and_dates_follow_each_locales_cldr_data(lang, monkeypatch):
    # CLDR (the data Babel ships): en and zh_CN group thousands with "," and write decimals with "."; zh_CN's
    # long date pattern is "y年M月d日" (https://cldr.unicode.org, "Dates" chart for zh).
    monkeypatch.setenv("REPLENISH_CURRENCY", "¥")
    lang("en")
    assert i18n.fmt_int(1234567.4) == "1,234,567"
    assert i18n.fmt_num(1234.56, 1) == "1,234.6"
    assert i18n.fmt_pct(0.953, 1) == "95.3%"
    assert i18n.fmt_money(-1234.5) == "-¥1,234"
    assert i18n.fmt_money(1_250_000, short=True) == "¥1.25M"
    assert i18n.fmt_compact(12_345_678) == "12.3M"
    assert i18n.fmt_date("2024-03-31") == "2024-03-31"
    assert i18n.date_format() == "YYYY-MM-DD"
    lang("zh")
    assert i18n.fmt_int(1234567.4) == "1,234,567"
    assert i18n.fmt_pct(0.5) == "50%"
    assert i18n.fmt_money(123_456_789, short=True) == "¥1.2亿"
    assert i18n.fmt_compact(12_345_678) == "1,234.6万"
    assert i18n.fmt_date("2024-03-31") == "2024年3月31日"
    assert i18n.fmt_date("2024-03-31", compact=True) == "2024-03-31"
    assert i18n.date_format() == "YYYY年M月D日"
    assert i18n.fmt_int(None) == i18n.fmt_pct(float("nan")) == "–"


def _glossary() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in (ROOT / "docs" / "glossary.zh-CN.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("English", "---"):
            rows.append((cells[0], cells[1], [v for v in re.split("[、,]", cells[2]) if v.strip()]))
    return rows


def test_the_chinese_texts_use_the_glossarys_terms_only():
    rows = _glossary()
    assert len(rows) >= 20
    texts = [(key, form) for key, m in _entries("zh").items() for form in _forms(m)]
    readme = ROOT / "README.zh-CN.md"
    if readme.exists():
        texts.append(("README.zh-CN.md", readme.read_text(encoding="utf-8")))
    avoided = [(key, word) for _, _, words in rows for word in words for key, text in texts if word in text]
    assert avoided == []
    # The terms the issue found doubled now have one name each.
    zh = _entries("zh")
    assert "季节朴素法" in zh["model.snaive"].string and "组合模型" in zh["model.ensemble"].string
    assert _forms(zh["msg.note.future_driver"])[0].startswith("未来{column}")
