"""The one translation helper. Every user-facing string goes through :func:`t`.

The texts live in gettext catalogues (``ui/locale/<locale>/LC_MESSAGES/replenish.po``, read by
:mod:`ui.core.catalogues`), keyed by stable ids: English and Simplified Chinese. Plural entries go through
``ngettext``; numbers, percentages and dates are formatted by Babel for ``en`` and ``zh_CN``. The session's language
comes from the sidebar switch, the ``?lang=`` query parameter, or the ``REPLENISH_LANG`` setting (default English).
Reason codes and coded messages from the domain (``reason.<code>``, ``msg.<code>``) have entries in both catalogues.
"""

from __future__ import annotations

import gettext
import math
import numbers

import streamlit as st

from salesdata import aux_reason_text
from ui.core import catalogues

__all__ = [
    "CATALOGUES",
    "CURRENCY",
    "EN",
    "LANGUAGES",
    "MISSING",
    "PLURALS",
    "QTY_UNIT",
    "currency_symbol",
    "date_format",
    "default_currency",
    "default_language",
    "export_labels",
    "fmt_compact",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "fmt_num",
    "fmt_pct",
    "language",
    "msg",
    "quantity_unit",
    "reason_text",
    "t",
]

MISSING = "⟦{key}⟧"


class _Missing(gettext.NullTranslations):
    """The last fallback: a key no catalogue has shows as ⟦key⟧, so tests and users can spot it."""

    def gettext(self, message: str) -> str:
        return MISSING.format(key=message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return MISSING.format(key=msgid1)


def _translations(lang: str) -> gettext.NullTranslations:
    """``lang``'s gettext catalogue, falling back to English for an untranslated key, then to ⟦key⟧."""
    english = catalogues.compiled("en").translations
    if not isinstance(english._fallback, _Missing):  # type: ignore[attr-defined]
        english.add_fallback(_Missing())
    if lang == "en":
        return english
    local = catalogues.compiled(lang).translations
    if local._fallback is None:  # type: ignore[attr-defined]
        local.add_fallback(english)
    return local


# Every key's text per language (a plural entry's plural form), for listing and checks; t() reads gettext.
EN: dict[str, str] = catalogues.compiled("en").texts
CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "zh": catalogues.compiled("zh").texts}
PLURALS: dict[str, str] = catalogues.compiled("en").plurals  # plural key -> the parameter that counts
LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}


def default_language() -> str:
    """The deployment's default language: ``REPLENISH_LANG`` (``en`` or ``zh``), else English."""
    import os

    lang = os.environ.get("REPLENISH_LANG", "en").strip().lower()[:2]
    return lang if lang in CATALOGUES else "en"


# The language of the last script run. Only read outside a script run, where no session exists: Streamlit's
# AppTest formats widget options (format_func) in the test's own thread after the run. A real server only calls
# t() inside script runs, where the session's own choice is read.
_last_run_language: list[str] = []


def language() -> str:
    """The session's language code."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    lang = None
    if get_script_run_ctx(suppress_warning=True) is not None:
        try:
            lang = st.session_state.get("app.lang")
        except Exception:  # noqa: BLE001 - a session being torn down
            lang = None
    if lang:
        _last_run_language[:] = [lang]
    else:  # no session, or one that has not chosen yet (state.init sets it first thing in every run)
        lang = _last_run_language[0] if _last_run_language else default_language()
    return lang if lang in CATALOGUES else "en"


def t(key: str, **values: object) -> str:
    """Translate ``key`` and fill ``{placeholders}``; a missing key shows as ⟦key⟧ so tests can find it.

    A plural entry is counted by ``n`` or the parameter its catalogue comment names (a number, or a count already
    formatted such as "1,234"): gettext's
    ``ngettext`` picks the language's form ("1 override", "2 overrides"; Chinese has one form), and a numeric ``n``
    is shown formatted for the language. ``{qty_unit}`` and ``{currency}`` are filled from the session's display
    settings unless given.
    """
    translations = _translations(language())
    if key in PLURALS:
        by = PLURALS[key]
        text = translations.ngettext(key, key, _count(values.get(by)))
        if isinstance(values.get(by), numbers.Number) and "{" + by + ":" not in text:  # "{n:,}" formats it itself
            values[by] = fmt_int(values[by])  # type: ignore[arg-type]
    else:
        text = translations.gettext(key)
    if "{qty_unit}" in text and "qty_unit" not in values:
        values["qty_unit"] = quantity_unit()
    if "{currency}" in text and "currency" not in values:
        values["currency"] = currency_symbol()
    return text.format(**values) if values else text


def _count(value: object) -> int:
    """The count that picks a plural form: a number as it is, a formatted count ("1,234") read back; else many."""
    if isinstance(value, numbers.Number):
        number = float(value)  # type: ignore[arg-type]
        return int(number) if math.isfinite(number) else 2
    digits = str(value or "").replace(",", "").replace("\u202f", "").replace("\xa0", "").strip()
    return int(digits) if digits.isdigit() else 2


QTY_UNIT = "app.qty_unit"
CURRENCY = "app.currency"


def _setting(key: str) -> str | None:
    """A display setting of the session; None outside a script run or before the session has it."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    try:
        value = st.session_state.get(key)
    except Exception:  # noqa: BLE001 - a session being torn down
        return None
    return None if value is None else str(value).strip()


def quantity_unit() -> str:
    """What quantities are counted in: the session's setting, else the language's word for units."""
    return _setting(QTY_UNIT) or CATALOGUES[language()]["display.qty_unit_default"]


def default_currency() -> str:
    """The deployment's currency (``REPLENISH_CURRENCY``: a symbol such as £, ¥, $, or a code); none by default."""
    import os

    return os.environ.get("REPLENISH_CURRENCY", "").strip()[:6]


def currency_symbol() -> str:
    """The session's currency (empty: money shows as a plain number)."""
    value = _setting(CURRENCY)
    return default_currency() if value is None else value


def _locale() -> str:
    return catalogues.LOCALES[language()]


def _decimal(value: float, digits: int = 0) -> str:
    """``value`` with the language's grouping and decimal signs (Babel's CLDR data) and ``digits`` decimals."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(), decimal_quantization=True)


def _missing_number(value: object) -> bool:
    return value is None or (isinstance(value, numbers.Real) and not math.isfinite(float(value)))


def _short(size: float, digits: int = 1) -> str:
    """A large magnitude in the language's units: 12.0M, 1.25B (English); 1,201.1万, 1.3亿 (Chinese)."""
    if language() == "zh":
        return _decimal(size / 1e8, 1) + "亿" if size >= 1e8 else _decimal(size / 1e4, 1) + "万"
    if size >= 1e9:
        return _decimal(size / 1e9, digits) + "B"
    return _decimal(size / 1e6, digits) + "M" if size >= 1e6 else _decimal(size / 1e3, 1) + "K"


def fmt_compact(value: float | int | None) -> str:
    """A count short enough for a metric card: in full below ten million, else 12.0M (English) or 1,201.1万
    (Chinese)."""
    if _missing_number(value):
        return "–"
    size = abs(float(value))  # type: ignore[arg-type]
    if size < 1e7:
        return fmt_int(value)
    if language() == "zh":
        text = _decimal(size / 1e8, 1) + "亿" if size >= 1e9 else _decimal(size / 1e4, 1) + "万"
    else:
        text = _decimal(size / 1e9, 1) + "B" if size >= 1e9 else _decimal(size / 1e6, 1) + "M"
    return ("-" if float(value) < 0 else "") + text  # type: ignore[arg-type]


def fmt_money(value: float | int | None, digits: int = 0, short: bool = False) -> str:
    """An amount with the session's currency: "£1,234", "-$12", "1,234 EUR", "1,234元"; plain if none is set.

    The number is formatted by Babel for the language. The currency is what the user typed (a symbol, a code or
    元), so its place follows the symbol: a one-character sign goes before the number, a code after it with a space,
    Chinese characters right after it. ``short`` (for metric cards, which cut long numbers): from 100,000 on,
    thousands and millions ("$100.0K", "$1.25M"; Chinese "10.0万", "1.3亿"); the exact amount belongs in the card's
    help.
    """
    if _missing_number(value):
        return "–"
    amount = float(value)  # type: ignore[arg-type]
    size = abs(amount)
    number = _short(size, 2) if short and size >= 1e5 else _decimal(size, digits)
    rounds_to_zero = not (short and size >= 1e5) and round(size, digits) == 0
    sign = "-" if amount < 0 and not rounds_to_zero else ""
    symbol = currency_symbol()
    if not symbol:
        return f"{sign}{number}"
    if len(symbol) == 1 and not symbol.isalpha():
        return f"{sign}{symbol}{number}"
    if all("\u4e00" <= ch <= "\u9fff" for ch in symbol):
        return f"{sign}{number}{symbol}"
    return f"{sign}{number} {symbol}"


# How a list parameter of a message reads: ("and", ", ") gives "a, b and c"; Chinese gives "a、b和c".
_LIST_JOIN = {"en": ("and", ", "), "zh": ("和", "、")}


# Message parameters that hold model slugs.
_MODEL_PARAMS = ("model", "members")


def _model_name(slug: object) -> object:
    """A model's name in the session's language ("Moving average", 移动平均); anything else as it is."""
    key = f"model.{slug}"
    return t(key) if isinstance(slug, str) and key in EN else slug


def msg(value: object) -> str:
    """A domain message (or an exception carrying one) in the session's language; plain text as it is."""
    from salesdata.messages import Message, join_list, message_of

    coded = message_of(value)
    if coded is None:
        return str(value)
    key = f"msg.{coded.code}"
    if key not in CATALOGUES["en"]:
        return str(coded)
    conjunction, separator = _LIST_JOIN.get(language(), _LIST_JOIN["en"])
    params = {}
    for name, param in coded.params.items():
        if name in _MODEL_PARAMS:  # model slugs ("ma", "prophet") read as the models' names
            param = [_model_name(p) for p in param] if isinstance(param, (list, tuple)) else _model_name(param)
        if isinstance(param, Message):
            param = msg(param)
        elif isinstance(param, (list, tuple)):
            param = join_list(param, conjunction, separator)
        params[name] = param
    return t(key, **params)


def export_labels() -> dict[str, str]:
    """Headers, sheet names and report sentences of the exports in the session's language."""
    return {key.removeprefix("export."): t(key) for key in CATALOGUES["en"] if key.startswith("export.")}


def reason_text(code: str) -> str:
    """A rejection reason for display; auxiliary codes like ``bad_number:unit_cost`` included."""
    key = f"reason.{code}"
    if key in CATALOGUES["en"]:
        return t(key)
    return aux_reason_text(code)


def fmt_int(value: float | int | None) -> str:
    """A whole number with the language's grouping (Babel): 1,234."""
    return "–" if _missing_number(value) else _decimal(float(value), 0)  # type: ignore[arg-type]


def fmt_num(value: float | None, digits: int = 1) -> str:
    """A number with ``digits`` decimals and the language's signs (Babel): 1,234.5."""
    return "–" if _missing_number(value) else _decimal(float(value), digits)  # type: ignore[arg-type]


def fmt_pct(value: float | None, digits: int = 0) -> str:
    """A share as a percentage with the language's signs (Babel): 0.953 gives 95% or 95.3% with one digit."""
    if _missing_number(value):
        return "–"
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return format_percent(float(value), format=pattern, locale=_locale(), decimal_quantization=True)  # type: ignore[arg-type]


def date_format() -> str:
    """The date format of table columns (Streamlit's moment.js form): 2024-03-31, or 2024年3月31日 in Chinese."""
    return "YYYY年M月D日" if language() == "zh" else "YYYY-MM-DD"


def fmt_date(value: object, compact: bool = False) -> str:
    """A date as the language writes it (Babel): ISO 8601 in English (2024-03-31, unambiguous for every reader),
    CLDR's long form in Chinese text (2024年3月31日).

    ``compact`` (metric cards, narrow cells) keeps ISO 8601 in every language.
    """
    import pandas as pd
    from babel.dates import format_date

    if value is None or pd.isna(value):
        return "–"
    day = pd.Timestamp(value).date()
    if language() == "zh" and not compact:
        return format_date(day, format="long", locale=_locale())
    return day.isoformat()
