"""Who did what to the scenarios: the audit trail (filterable, downloadable), one's recently deleted scenarios
(restorable for 30 days), and exports put on the record."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

import pandas as pd
import streamlit as st

from scenarios.store import ACTIONS, RETENTION_DAYS, StoreError
from ui.components.scenario_list import current_actor, param_label, param_value
from ui.core import state
from ui.core.i18n import date_format, fmt_date, fmt_int, msg, t
from ui.core.text import md
from ui.data.scenario_state import store

__all__ = ["activity", "recently_deleted", "record_export", "record_export_of"]

log = logging.getLogger(__name__)
LIMIT = 20_000  # newest entries shown and downloaded


def record_export(what: str) -> None:
    """Put an export made while a scenario is loaded on that scenario's audit trail (a download button's
    ``on_click``); nothing when no scenario is loaded."""
    record_export_of(st.session_state.get(state.SC_LOADED_ID), what)


def record_export_of(sid: str | None, what: str) -> None:
    """Put an export of scenario ``sid`` on its audit trail."""
    scenario_store, _ = store()
    if not sid or scenario_store is None:
        return
    try:
        scenario_store.record_export(sid, what, actor=current_actor())
    except StoreError:  # the download itself went through; the log keeps the gap in the record visible
        log.warning("could not record the export %r of scenario %s", what, sid, exc_info=True)


def recently_deleted() -> None:
    """The user's own deleted scenarios, restorable for RETENTION_DAYS days."""
    scenario_store, _ = store()
    if scenario_store is None:
        return
    actor = current_actor()
    try:
        gone = scenario_store.deleted(actor)
    except StoreError as exc:
        st.error(t("sc.store_failed", reason=md(msg(exc))))
        return
    with st.expander(t("sc.deleted_title", n=len(gone), days=RETENTION_DAYS)):
        if not gone:
            st.caption(t("sc.deleted_none", days=RETENTION_DAYS))
            return
        by_id = {s.id: s for s in gone}
        c = st.columns([4, 1])
        pick = c[0].selectbox(
            t("sc.deleted_pick"),
            list(by_id),
            format_func=lambda sid: t(
                "sc.deleted_item",
                name=by_id[sid].name,
                date=fmt_date(by_id[sid].deleted_at),
                until=fmt_date(by_id[sid].deleted_at + dt.timedelta(days=RETENTION_DAYS)),
            ),
            key="w.sc.deleted_pick",
        )
        if c[1].button(t("sc.restore"), key="w.sc.restore"):
            try:
                scenario_store.restore(pick, actor=actor)
            except StoreError as exc:
                st.error(md(msg(exc)))
            else:
                st.rerun()


def _zone() -> dt.tzinfo:
    """The browser's time zone (``st.context.timezone``), so "today" is the user's today; UTC without one."""
    try:
        name = st.context.timezone
        if name:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
    except Exception:  # noqa: BLE001 - no browser context, or a zone this machine does not know: UTC
        pass
    return dt.UTC


def _local(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """An audit time in ``zone``."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


# Export descriptions the interface records (English in the store, so it reads the same to anyone querying it).
EXPORTS = {
    "purchase plan CSV, Portfolio page": "sc.audit.export.plan_csv",
    "reorder schedule CSV, Portfolio page": "sc.audit.export.schedule_csv",
    "plan XLSX, Portfolio page": "sc.audit.export.plan_xlsx",
    "forecasts CSV, Portfolio page": "sc.audit.export.forecasts_csv",
    "report HTML, Portfolio page": "sc.audit.export.report_html",
    "order-now plan CSV, Portfolio page": "sc.audit.export.now_csv",
    "order-now plan XLSX, Portfolio page": "sc.audit.export.now_xlsx",
    "report HTML": "sc.audit.export.scenario_report",
}
_CHANGE = re.compile(r"^(?P<path>\S+) (?P<old>.+?) → (?P<new>.+)$")


def _value(path: str, text: str) -> str:
    if text == "—":
        return "–"
    try:
        json.loads(text)
    except ValueError:
        text = json.dumps(text, ensure_ascii=False)
    return param_value(path, text)


def summary_text(action: str, summary: str) -> str:
    """The store's audit summary (language-neutral data) in the session's language: setting paths in words
    ("Service level 95.0% → 98.0%"), copies, datasets and exports in sentences; anything else as stored."""
    if not summary:
        return ""
    if summary == "no changes":
        return t("sc.audit.no_changes")
    if summary == "results updated":
        return t("sc.audit.results_updated")
    if action == "export":
        if summary in EXPORTS:
            return t(EXPORTS[summary])
        if m := re.fullmatch(r"comparison HTML of (\d+) scenarios", summary):
            return t("sc.audit.export.comparison", n=int(m.group(1)))
        return summary
    if m := re.fullmatch(r"copy of (?P<name>.+) \(owner (?P<owner>.+)\)", summary):
        return t("sc.audit.copy_of", name=m["name"], owner=m["owner"])
    if m := re.fullmatch(r"dataset (\S+)", summary):
        return t("sc.audit.dataset", fingerprint=m.group(1))
    if action == "rename":
        return summary
    if action == "transfer" and (m := re.fullmatch(r"from (?P<old>.+) to (?P<new>.+)", summary)):
        return t("sc.audit.transfer", old=m["old"], new=m["new"])
    parts = []
    for part in summary.split("; "):
        if m := re.fullmatch(r"\+(\d+) more", part):
            parts.append(t("sc.audit.more", n=int(m.group(1))))
        elif part.startswith("dataset ") and " → " in part:
            parts.append(t("sc.audit.dataset_changed", change=part.removeprefix("dataset ")))
        elif m := _CHANGE.fullmatch(part):
            label = param_label(m["path"])
            parts.append(
                t("sc.audit.change", label=label, old=_value(m["path"], m["old"]), new=_value(m["path"], m["new"]))
            )
        else:
            parts.append(part)
    return t("common.list_sep").join(parts)


def _audit_frame(entries, local: dict[int, dt.datetime]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "at": [local[e.id].replace(tzinfo=None) for e in entries],
            "who": [e.actor_label or e.actor for e in entries],
            "action": [t(f"sc.action.{e.action}") for e in entries],
            "scenario": [e.scenario_name for e in entries],
            "summary": [summary_text(e.action, e.summary) for e in entries],
        },
        columns=["at", "who", "action", "scenario", "summary"],
    )


def activity() -> None:
    """The audit trail, newest first: filter by person, action, scenario and dates; download what is shown."""
    scenario_store, _ = store()
    if scenario_store is None:
        return
    try:
        entries = scenario_store.audit(limit=LIMIT)
    except StoreError as exc:
        st.error(t("sc.store_failed", reason=md(msg(exc))))
        return
    st.caption(t("sc.activity_help"))
    if not entries:
        st.info(t("sc.activity_none"))
        return
    f = st.columns([2, 2, 2, 2])
    people = sorted({e.actor_label or e.actor for e in entries})
    who = f[0].multiselect(t("sc.activity_who"), people, placeholder=t("common.choose"), key="w.sc.audit_who")
    what = f[1].multiselect(
        t("sc.activity_action"),
        list(ACTIONS),
        format_func=lambda a: t(f"sc.action.{a}"),
        placeholder=t("common.choose"),
        key="w.sc.audit_action",
    )
    names = sorted({e.scenario_name for e in entries})
    which = f[2].multiselect(t("sc.activity_scenario"), names, placeholder=t("common.choose"), key="w.sc.audit_sc")
    zone = _zone()  # once per run: every entry's local time below
    local = {e.id: _local(e.at, zone) for e in entries}
    first = min(local.values()).date()
    last = max(local.values()).date()
    span = f[3].date_input(  # keyed by the span, so a newer entry widens it instead of being filtered out
        t("sc.activity_dates"), (first, last), min_value=first, max_value=last, key=f"w.sc.audit_dates.{first}.{last}"
    )
    start, end = (span[0], span[-1]) if isinstance(span, (tuple, list)) and span else (first, last)
    shown = [
        e
        for e in entries
        if (not who or (e.actor_label or e.actor) in who)
        and (not what or e.action in what)
        and (not which or e.scenario_name in which)
        and start <= local[e.id].date() <= end
    ]
    frame = _audit_frame(shown, local)
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "at": st.column_config.DatetimeColumn(t("sc.activity_at"), format=date_format() + " HH:mm:ss"),
            "who": st.column_config.TextColumn(t("sc.activity_who")),
            "action": st.column_config.TextColumn(t("sc.activity_action")),
            "scenario": st.column_config.TextColumn(t("sc.activity_scenario")),
            "summary": st.column_config.TextColumn(t("sc.activity_summary"), width="large"),
        },
        placeholder="–",
    )
    st.caption(t("sc.activity_count", n=len(shown), total=len(entries)))
    if len(entries) >= LIMIT:
        st.caption(t("sc.activity_truncated", n=fmt_int(LIMIT)))
    export = frame.assign(at=frame["at"].map(lambda v: pd.Timestamp(v).isoformat())).rename(
        columns={
            "at": t("sc.activity_at"),
            "who": t("sc.activity_who"),
            "action": t("sc.activity_action"),
            "scenario": t("sc.activity_scenario"),
            "summary": t("sc.activity_summary"),
        }
    )
    st.download_button(
        t("sc.activity_download"),
        export.to_csv(index=False).encode("utf-8-sig"),
        "scenario_activity.csv",
        "text/csv",
        key="w.sc.audit_dl",
    )
