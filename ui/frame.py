"""The cross-page sidebar: dataset, SKU and time bucket."""

from __future__ import annotations

import logging

import streamlit as st

from salesdata import SalesDataError
from ui.components import data_inputs, translated
from ui.core import identity, state
from ui.core.i18n import LANGUAGES, fmt_date, msg, t
from ui.core.text import md
from ui.data import cached
from ui.data.planning import loaded_names

__all__ = ["apply_language", "apply_shared_link", "display_settings", "gate", "language_switch", "notes", "render"]

log = logging.getLogger(__name__)


def render() -> None:
    with st.sidebar:
        st.markdown(f"### {t('app.title')}")
        st.caption(t("app.tagline"))
        try:
            loaded = cached.load_current()
        except (LookupError, SalesDataError):
            loaded = None
        except Exception:  # the Data page shows the problem; the sidebar stays usable
            log.exception("loading the dataset for the sidebar failed")
            loaded = None
        st.markdown(f"**{t('sidebar.dataset')}**")
        if loaded is None:
            st.caption(t("sidebar.no_dataset"))
        else:
            summary = loaded.dataset.summary
            source = loaded.spec.source
            st.text(t(f"data.source.{source}") if source.startswith("demo:") else loaded.spec.name)
            st.caption(
                t(
                    "sidebar.dataset_caption",
                    n=summary.n_skus,
                    start=fmt_date(summary.first_date),
                    end=fmt_date(summary.last_date),
                )
            )
            profile = loaded.dataset.profile
            value = profile["revenue"] if profile["revenue"].notna().any() else profile["total_units"]
            skus = profile.assign(v=value.fillna(0)).sort_values(["v", "unique_id"], ascending=[False, True])
            data_inputs.sku_picker(skus["unique_id"].tolist(), loaded_names(loaded))
        data_inputs.freq_picker(loaded.dataset.report if loaded is not None else None)
        st.divider()
        language_switch()
        display_settings()
        signed_in()


def gate():
    """The session's user (``scenarios.store.Actor``), or a sign-in or refusal page and the end of this run.

    Called before ``st.navigation``: without an allowed user no page runs, and no page is listed.
    """
    who = identity.identify()
    if who.ok:
        st.session_state[state.ACTOR] = who.actor
        return who.actor
    st.session_state[state.ACTOR] = None
    st.title(t("app.title"))
    if who.problem == "sign_in":
        st.markdown(t("auth.sign_in_text"))
        if st.button(t("auth.sign_in"), type="primary", key="w.auth.login"):
            if who.access.provider:
                st.login(who.access.provider)
            else:
                st.login()
    elif who.problem in ("no_header", "bad_header"):
        st.error(t(f"auth.{who.problem}", header=md(who.access.header)))
    elif who.problem == "misconfigured":
        st.error(t(f"auth.misconfigured.{who.access.reason}"))
    else:
        email = who.actor.email if who.actor is not None else ""
        st.error(t(f"auth.{who.problem}", email=md(email or "–")))
        if who.access.mode == "oidc" and st.button(t("auth.sign_out"), key="w.auth.logout_refused"):
            st.logout()
    language_switch()
    st.stop()


def notes() -> None:
    """A note left by the shared link this session opened (whose scenario it is), shown once above the page."""
    note = st.session_state.pop("app.link_note", None)
    if note:
        st.info(md(note))


def signed_in() -> None:
    """Who is signed in, and the way out (sign-in mode); nothing for a local install."""
    actor = st.session_state.get(state.ACTOR)
    settings = identity.access()
    if actor is None or settings.mode == "local":
        return
    st.caption(t("auth.signed_in_as", who=md(actor.label)))
    if settings.mode == "oidc" and st.button(t("auth.sign_out"), key="w.auth.logout"):
        st.logout()


def apply_language() -> None:
    """``?lang=zh`` (or ``en``) sets the session's language; the sidebar switch keeps the address in step."""

    wanted = str(st.query_params.get("lang", "")).strip().lower()
    if wanted in LANGUAGES and wanted != st.session_state[state.LANG]:
        st.session_state[state.LANG] = wanted
        st.session_state["w.app.lang"] = wanted


def _take_language() -> None:

    chosen = st.session_state.get("w.app.lang") or st.session_state[state.LANG]
    st.session_state[state.LANG] = chosen
    translated.keep_translated_choices()
    st.query_params["lang"] = chosen


def language_switch() -> None:

    if "w.app.lang" not in st.session_state:
        st.session_state["w.app.lang"] = st.session_state[state.LANG]
    st.radio(
        t("lang.label"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        help=t("lang.help"),
        horizontal=True,
        key="w.app.lang",
        on_change=_take_language,
    )


def _take_display(widget: str, key: str) -> None:
    st.session_state[key] = str(st.session_state.get(widget) or "").strip()[:12]


def display_settings() -> None:
    """Units and currency: what quantities are counted in and how money is shown, for this session."""

    with st.expander(t("display.title")):
        for widget, key, label, help_key in (
            ("w.app.qty_unit", state.QTY_UNIT, "display.qty_unit", "display.qty_unit_help"),
            ("w.app.currency", state.CURRENCY, "display.currency", "display.currency_help"),
        ):
            if widget not in st.session_state:
                st.session_state[widget] = st.session_state[key]
            st.text_input(
                t(label),
                max_chars=12,
                placeholder=t("display.qty_unit_default") if key == state.QTY_UNIT else "£ $ € ¥ EUR 元",
                help=t(help_key),
                key=widget,
                on_change=_take_display,
                args=(widget, key),
            )


def apply_shared_link() -> None:
    """Apply a shared what-if link (``?s=...``) once per session; a bad link gets a message, not a traceback."""
    value = st.query_params.get("s")
    if not value or st.session_state.get("app.link_applied") == value:
        return
    # Only with a link: the planning defaults (inventory, scipy) and the scenario store (SQLAlchemy) are not
    # loaded for an ordinary start. The one ui import inside a function, on purpose: tests/test_layers.py
    # checks that the first page does not load them.
    from ui.data.scenario_state import ScenarioDataMissing, apply_link, decode_link

    st.session_state["app.link_applied"] = value
    try:
        payload = decode_link(value)
        apply_link(payload)
    except ValueError as exc:
        st.warning(t("sc.link_bad", reason=md(msg(exc))))
        return
    except ScenarioDataMissing as exc:
        st.warning(t("sc.data_missing", reason=md(msg(exc))))
        return
    st.session_state[state.SC_LOADED] = None
    st.session_state[state.SC_LOADED_ID] = None
    _link_scenario(payload.get("sc"))
    st.toast(t("sc.link_applied"))
    st.rerun()


def _link_scenario(sid: str | None) -> None:
    """A link made from a saved scenario names it; the note says whose it is. The link's settings are not the
    scenario (its maker may have changed them since, or written any settings beside any id), so the session is
    not marked as working from that scenario: its exports are not put on that scenario's record, and saving
    never changes it. For anyone but its owner the scenario is read-only anyway."""
    from ui.data.scenario_state import store

    scenario_store, _ = store()
    if not sid or scenario_store is None:
        return
    try:
        scenario = scenario_store.get(sid)
    except Exception:  # noqa: BLE001 - deleted since, or a store that cannot be read: the settings still apply
        return
    if scenario.id != sid:  # the store also finds names; a link names its scenario by id only
        return
    actor = st.session_state.get(state.ACTOR)
    own = actor is not None and scenario_store.can_change(scenario, actor)
    st.session_state["app.link_note"] = (
        t("sc.link_from_own", name=scenario.name)
        if own
        else t("sc.link_read_only", name=scenario.name, owner=scenario.owner_label)
    )
