"""Text that reaches the page: the one Markdown escape for user strings.

Streamlit renders Markdown in captions, alerts, labels and ``st.markdown``: a SKU ``AB_12_X`` would print as
"AB12X" in italics, ``#5`` as a heading, ``[x](y)`` as a link. Every user string (SKU ids, product and scenario
names, file and column names, notes, and messages that quote them) goes through :func:`md` on its way into
Markdown. Plotly text has its own escape (``ui.charts.safe_label``, HTML); tables and exports take text as it is.
"""

from __future__ import annotations

__all__ = ["md"]

_SPECIAL = ("\\", "*", "_", "`", "[", "]", "<", ">", "#", "|", "$", "~")


def md(text: object) -> str:
    """``text`` with every Markdown and HTML special character escaped, so it prints as typed.

    >>> md("AB_12_X")
    'AB\\\\_12\\\\_X'
    >>> md("#5 [promo]")
    '\\\\#5 \\\\[promo\\\\]'
    """
    out = str(text)
    for ch in _SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out
