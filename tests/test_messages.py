"""Coded domain messages: English for logs and the command line, any catalogue language in the interface.

The hostile-input corpus (tests/data/bad/) is read again here: every refusal carries a code, and its message
exists in English and in Chinese, names the file in both, and leaves no placeholder or missing-key marker.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

import salesdata
from forecasting.messages import MESSAGES as FORECASTING
from inventory.messages import MESSAGES as INVENTORY
from salesdata.messages import MESSAGES as SALESDATA
from salesdata.messages import Message, message_of
from scenarios.messages import MESSAGES as SCENARIOS
from ui import charts
from ui.core import i18n

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
CASES = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))
PACKAGES = {"salesdata": SALESDATA, "forecasting": FORECASTING, "inventory": INVENTORY, "scenarios": SCENARIOS}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def in_language(monkeypatch):
    def use(lang: str) -> None:
        monkeypatch.setattr(i18n, "language", lambda: lang)

    return use


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_every_code_is_used_by_its_package(package):
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / package).rglob("*.py") if p.name != "messages.py")
    unused = [code for code in PACKAGES[package] if f'"{code}"' not in source]
    assert unused == []


def test_codes_are_unique_across_packages_and_in_both_catalogues():
    codes = [code for messages in PACKAGES.values() for code in messages]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert f"msg.{code}" in i18n.EN and f"msg.{code}" in i18n.CATALOGUES["zh"], code


def test_a_message_is_its_english_text_and_survives_pickling_with_its_code():
    m = Message("read.too_big", name="big.csv", mb=250.4, limit=200.0)
    assert m == "big.csv is 250 MB; the limit is 200 MB. Aggregate it to daily totals, or split it by period."
    back = pickle.loads(pickle.dumps(salesdata.LimitError(m)))
    assert str(back) == m and message_of(back).code == "read.too_big" and message_of(back).params["mb"] == 250.4
    ambiguous = pickle.loads(pickle.dumps(salesdata.AmbiguousDateError("日期", ("03/04/2024",))))
    assert ambiguous.column == "日期" and message_of(ambiguous).code == "dates.ambiguous"


def test_messages_are_said_in_the_sessions_language_with_lists_and_nested_messages(in_language):
    from forecasting.messages import Message as FcMessage

    choose = Message("map.choose_many", name="s.csv", roles=["date", "sku", "quantity"], layout="transactions")
    inner = FcMessage("model.arima_none")
    fold = FcMessage("fail.fold", date="2024-03-31", kind="ForecastError", detail=inner)
    in_language("en")
    assert (
        i18n.msg(choose)
        == str(choose)
        == ("s.csv: choose the date, sku and quantity columns in the column mapping (transactions layout).")
    )
    assert i18n.msg(fold) == "fold ending 2024-03-31: ForecastError: arima: no order could be fitted"
    in_language("zh")
    assert i18n.msg(choose) == "s.csv：请在列映射中选择 date、sku和quantity 列（transactions 格式）。"
    assert i18n.msg(fold) == "截至 2024-03-31 的回测折：ForecastError：arima：没有任何阶数能拟合"
    # Plain text (a library's own message) is shown as it is.
    assert i18n.msg(ValueError("boom")) == "boom"


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c["expect"] == "error"))
def test_every_corpus_refusal_has_a_message_in_both_languages(name, in_language):
    data = (BAD / name).read_bytes()

    def load() -> None:
        raw = salesdata.read_table(data, name)
        salesdata.build_dataset(raw, salesdata.detect_mapping(raw.frame).mapping, salesdata.IngestOptions())

    with pytest.raises(salesdata.SalesDataError) as err:
        load()
    coded = message_of(err.value)
    assert coded is not None, f"{name}: the refusal has no code: {err.value}"
    texts = {}
    for lang in ("en", "zh"):
        in_language(lang)
        texts[lang] = i18n.msg(err.value)
        assert "⟦" not in texts[lang] and "{" not in texts[lang], texts[lang]
        assert name in texts[lang] or coded.code == "dates.ambiguous", texts[lang]
    assert texts["en"] == str(err.value)
    assert CJK.search(texts["zh"]) and texts["zh"] != texts["en"]


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c["expect"] != "error"))
def test_every_corpus_rejection_reason_and_note_exists_in_both_languages(name, in_language):
    raw = salesdata.read_table((BAD / name).read_bytes(), name)
    guess = salesdata.detect_mapping(raw.frame)
    dataset = salesdata.build_dataset(raw, guess.mapping, salesdata.IngestOptions())
    report = dataset.report
    shown = [*raw.notes, report.layout_reason, *guess.reasons.values()]
    for lang in ("en", "zh"):
        in_language(lang)
        for code in report.rejected_by_reason:
            assert f"reason.{code}" in i18n.CATALOGUES[lang], code
        for text in shown:
            assert message_of(text) is not None, f"{name}: not coded: {text}"
            said = i18n.msg(text)
            assert "⟦" not in said and (lang == "en" or CJK.search(said) or said == str(text)), said


def test_money_dates_and_chart_axes_follow_the_language_and_the_setting(in_language, monkeypatch):
    import pandas as pd

    monkeypatch.setenv("REPLENISH_CURRENCY", "¥")
    assert i18n.fmt_money(1234.4) == "¥1,234" and i18n.fmt_money(-56.0) == "-¥56" and i18n.fmt_money(-0.2) == "¥0"
    monkeypatch.setenv("REPLENISH_CURRENCY", "EUR")
    assert i18n.fmt_money(1234.4) == "1,234 EUR"
    monkeypatch.setenv("REPLENISH_CURRENCY", "")
    assert i18n.fmt_money(1234.4) == "1,234" and i18n.fmt_money(float("nan")) == "–"
    # Metric cards cut long numbers ("100,04…"): the short form from 100,000 on, the exact one below it.
    monkeypatch.setenv("REPLENISH_CURRENCY", "$")
    in_language("en")
    assert i18n.fmt_money(99_999, short=True) == "$99,999"
    assert i18n.fmt_money(100_045, short=True) == "$100.0K" and i18n.fmt_money(-1_234_567, short=True) == "-$1.23M"
    in_language("zh")
    monkeypatch.setenv("REPLENISH_CURRENCY", "元")
    assert i18n.fmt_money(123_456, short=True) == "12.3万元" and i18n.fmt_money(2.5e8, short=True) == "2.5亿元"
    monkeypatch.setenv("REPLENISH_CURRENCY", "")
    series = pd.DataFrame({"ds": pd.date_range("2024-03-01", periods=40), "y": 1.0, "in_stock": 1, "promo": 0})
    in_language("en")
    monkeypatch.setattr(charts.base, "language", i18n.language)
    assert i18n.fmt_date("2024-03-31") == "2024-03-31"
    assert not charts.sku_history(series, "t").layout.xaxis.tickformatstops
    assert i18n.quantity_unit() == "units"
    in_language("zh")
    monkeypatch.setattr(charts.base, "language", i18n.language)
    assert i18n.fmt_date("2024-03-31") == "2024年3月31日"
    axis = charts.sku_history(series, "t").layout.xaxis
    assert axis.type == "date" and axis.hoverformat == "%Y年%m月%d日"
    assert [stop.value for stop in axis.tickformatstops] == ["%m月%d日", "%Y年%m月", "%Y年"]
    assert i18n.quantity_unit() == "件"


def test_reasons_in_plan_tables_keep_their_codes(in_language):
    import pandas as pd

    from inventory.lifecycle import lifecycle_status
    from inventory.portfolio import portfolio_table

    _, why = lifecycle_status(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-09-30"), 90)
    table = portfolio_table([{"unique_id": "A", "reason": why}], pd.DataFrame({"unique_id": ["A"], "abc": ["A"]}))
    in_language("en")
    assert i18n.msg(table["reason"].iloc[0]) == "no sales for 182 days (limit 90)"
    in_language("zh")
    assert i18n.msg(table["reason"].iloc[0]) == "已 182 天无销售（上限 90 天）"
