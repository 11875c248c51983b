"""The translation catalogues: gettext ``.po`` files under ``ui/locale``, compiled when first used.

Message ids are the stable keys (``rp.kpi.reorder_point``), not English sentences: a change to the English wording
does not orphan the Chinese one. ``ui/locale/en`` holds the English text, ``ui/locale/zh_CN`` the Simplified
Chinese. A key whose text counts something is a plural entry (``msgid_plural`` equal to the key) and is counted by
its ``{n}`` placeholder; each language's ``Plural-Forms`` header says how many forms it has (English two, Chinese
one).

The English texts of the domain packages (rejection reasons, coded messages, export labels) are written in those
packages, which the command line prints without this layer. ``scripts/sync_catalogues.py`` copies them into the
English catalogue and lists what the Chinese one lacks; ``tests/test_catalogues.py`` fails while they differ.

No Streamlit here: the sync script and the tests read the catalogues without a session.
"""

from __future__ import annotations

import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "COUNT_COMMENT",
    "DOMAIN",
    "LOCALES",
    "LOCALE_DIR",
    "Compiled",
    "compiled",
    "po_path",
    "read_catalogue",
    "write_catalogue",
]

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "replenish"
# A plural entry counted by another parameter than ``n`` says so in a comment for translators: "#. count: folds".
COUNT_COMMENT = "count: "
# The app's language codes (the sidebar, ?lang=, REPLENISH_LANG) and the locales they stand for.
LOCALES: dict[str, str] = {"en": "en", "zh": "zh_CN"}

_HEADER = {
    "en": "English texts of Replenish (the source language).",
    "zh": "Simplified Chinese texts of Replenish. Planning terms follow docs/glossary.zh-CN.md.",
}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str):
    """The ``.po`` file of ``lang`` as a :class:`babel.messages.catalog.Catalog`."""
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=LOCALES[lang], domain=DOMAIN)


def write_catalogue(catalog, lang: str) -> None:
    """Write ``catalog`` back to its ``.po`` file in a stable form (no dates, entries in their own order)."""
    from babel.messages.pofile import write_po

    catalog.project = "Replenish"
    catalog.version = "1"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "Replenish contributors"
    catalog.language_team = LOCALES[lang]
    catalog.copyright_holder = "Replenish contributors"
    catalog.header_comment = f"# {_HEADER[lang]}\n# SPDX-License-Identifier: MIT"
    catalog.creation_date = catalog.revision_date = _EPOCH
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=False)
    po_path(lang).write_bytes(buffer.getvalue())


def _epoch():
    import datetime as dt

    return dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


_EPOCH = _epoch()


@dataclass(frozen=True)
class Compiled:
    """One language compiled for lookups.

    ``translations`` answers ``gettext``/``ngettext``; ``texts`` has every key's text (a plural entry's last form)
    for listing and checks; ``plurals`` names each plural entry's counting parameter (``n`` unless its
    ``#. count:`` comment names another).
    """

    translations: gettext.GNUTranslations
    texts: dict[str, str]
    plurals: dict[str, str]


@functools.cache
def compiled(lang: str) -> Compiled:
    """Read ``lang``'s ``.po`` file and compile it to a gettext catalogue in memory (about 20 ms)."""
    from babel.messages.mofile import write_mo

    catalog = read_catalogue(lang)
    texts: dict[str, str] = {}
    plurals: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            key = message.id[0]
            named = [c.removeprefix(COUNT_COMMENT) for c in message.auto_comments if c.startswith(COUNT_COMMENT)]
            plurals[key] = named[0].strip() if named else "n"
            forms = [form for form in message.string if form]
            if forms:
                texts[key] = forms[-1]
        elif message.string:
            texts[message.id] = message.string
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Compiled(gettext.GNUTranslations(buffer), texts, plurals)
