"""Widgets whose option labels follow the language: keys, tabs and keeping the choice across a switch."""

from __future__ import annotations

import streamlit as st

from ui.core.i18n import t

__all__ = ["TRANSLATED", "TRANSLATED_TABS", "keep_translated_choices", "option_index", "translated", "translated_tabs"]

TRANSLATED = "app.translated_widgets"  # keys of widgets whose option labels depend on the language
TRANSLATED_TABS = "app.translated_tabs"  # keyed st.tabs: {key: {label in the language drawn: catalogue key}}


def translated(key: str) -> str:
    """Register a widget whose option labels are translated; returns the key.

    The browser redraws such a widget without its selection when a language switch changes its labels, and
    sends the first option back. The language switch re-asserts the value of every registered widget
    (``keep_translated_choices``), so the choice survives.
    """
    st.session_state.setdefault(TRANSLATED, set()).add(key)
    return key


def translated_tabs(key: str, label_keys: list[str]) -> list[str]:
    """Labels of a keyed ``st.tabs`` in the session's language, registered so a language switch keeps the open
    tab (its state is the label itself, which the switch changes)."""
    labels = [t(k) for k in label_keys]
    st.session_state.setdefault(TRANSLATED_TABS, {})[key] = dict(zip(labels, label_keys, strict=True))
    return labels


def keep_translated_choices() -> None:
    """In the language switch's callback, after the language changed: set every registered widget to its
    current value through the Session State API, which makes the browser show that value with the new labels;
    a registered tab bar gets its open tab's label in the new language."""
    for key in st.session_state.get(TRANSLATED, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    for key, by_label in st.session_state.get(TRANSLATED_TABS, {}).items():
        if st.session_state.get(key) in by_label:
            st.session_state[key] = t(by_label[st.session_state[key]])


def option_index(options: list | tuple, value: object) -> int:
    return list(options).index(value) if value in options else 0
