"""Data page inputs: the source, uploads, the time bucket, the SKU, reading options and the column mapping."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from salesdata import ROLES, AmbiguousDateError, ColumnMapping, IngestOptions, RawTable, ReadOptions
from ui.components.translated import option_index, translated
from ui.core import state
from ui.core.i18n import fmt_date, msg, t
from ui.core.text import md
from ui.data.cached import digest

__all__ = [
    "DELIMITERS",
    "ENCODINGS",
    "SOURCES",
    "UPLOAD_TYPES",
    "date_order_choice",
    "freq_picker",
    "mapping_form",
    "reading_form",
    "sku_picker",
    "source_picker",
    "upload_companion",
    "upload_sales",
]

SOURCES = ("demo:shop", "demo:uci", "upload")
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "parquet", "pq", "gz"]
ENCODINGS = [None, "utf-8", "utf-8-sig", "gb18030", "gbk", "cp1252", "latin-1", "utf-16", "big5", "shift_jis"]
DELIMITERS = [None, ",", "\t", ";", "|"]


def _take_source(choice: str) -> None:
    if choice != st.session_state[state.DATA_SOURCE]:
        st.session_state[state.DATA_SOURCE] = choice
        state.reset_dataset_choices()


def source_picker() -> str:
    """Demo or upload; a change forgets the previous dataset's mapping.

    The change is taken in the widget's callback, which runs before the script: the sidebar, drawn before
    the page, then already shows the newly chosen dataset.
    """
    current = st.session_state[state.DATA_SOURCE]
    key = translated("w.data.source")
    choice = st.radio(
        t("data.source"),
        SOURCES,
        index=option_index(SOURCES, current),
        horizontal=True,
        format_func=lambda s: t(f"data.source.{s}"),
        key=key,
        on_change=lambda: _take_source(st.session_state[key]),
    )
    _take_source(choice)
    return choice


def _take_upload(file) -> None:
    if file is None:
        return
    data = file.getvalue()
    dig = digest(data)
    current: state.Upload | None = st.session_state[state.DATA_UPLOAD]
    if current is None or current.digest != dig:
        st.session_state[state.DATA_UPLOAD] = state.Upload(file.name, dig, data)
        state.reset_dataset_choices()


def upload_sales() -> None:
    """The sales-file uploader. A new file replaces the previous one and resets the mapping (in the callback,
    so the sidebar of the same run already shows the new file)."""
    file = st.file_uploader(
        t("data.upload_label"),
        type=UPLOAD_TYPES,
        help=t("data.upload_help"),
        key="w.data.upload",
        on_change=lambda: _take_upload(st.session_state.get("w.data.upload")),
    )
    _take_upload(file)


def upload_companion(key: str, label: str, help_text: str) -> None:
    """Uploader for the item master or the stock-out log, with a remove button."""
    file = st.file_uploader(label, type=UPLOAD_TYPES, help=help_text, key=f"w.{key}")
    if file is not None:
        data = file.getvalue()
        dig = digest(data)
        current: state.Upload | None = st.session_state[key]
        if current is None or current.digest != dig:
            st.session_state[key] = state.Upload(file.name, dig, data)
            st.rerun()


def freq_picker(report=None) -> str:
    """The time bucket. It opens on the file's own (a weekly file reads weekly); a coarser one is a choice, a
    finer one is refused with the reason (daily buckets would split each weekly total into empty days).

    ``report``: the loaded dataset's validation report, or None before a dataset loads.
    """
    from salesdata import FrequencyGuess, refuse_finer
    from salesdata.frequency import finer_than

    options = ("D", "W", "M")
    effective = report.freq if report is not None else (st.session_state[state.DATA_FREQ] or "D")
    key = translated("w.app.freq")
    # Until the user picks a bucket, the widget shows the one in use (the file's own).
    if key not in st.session_state or (
        st.session_state[state.DATA_FREQ] is None and st.session_state[key] != effective
    ):
        st.session_state[key] = effective

    def take() -> None:
        choice = st.session_state.get(key) or effective
        if report is not None and report.native_strong and finer_than(choice, report.native_freq):
            native = FrequencyGuess(report.native_freq, report.week_start, report.native_reason, 0, True)
            st.session_state[state.DATA_FREQ_REFUSED] = refuse_finer(report.source_name, choice, native)
            st.session_state[key] = effective
            return
        st.session_state[state.DATA_FREQ] = choice

    st.segmented_control(
        t("sidebar.freq"),
        options,
        format_func=lambda f: t(f"freq.{f}"),
        help=t("sidebar.freq_help"),
        key=key,
        on_change=take,
    )
    refused = st.session_state[state.DATA_FREQ_REFUSED]
    if refused is not None:
        st.warning(md(msg(refused)))
        st.session_state[state.DATA_FREQ_REFUSED] = None
    elif report is not None and report.freq == report.native_freq:
        st.caption(t("sidebar.freq_native"))
    return effective


def sku_picker(skus: list[str], names: dict[str, str]) -> str | None:
    """The cross-page SKU selector; keeps the choice when it still exists."""
    if not skus:
        return None
    current = st.session_state[state.SKU]
    if current not in skus:
        current = skus[0]
    choice = st.selectbox(
        t("sidebar.sku"),
        skus,
        index=skus.index(current),
        format_func=lambda s: f"{s} · {names[s]}" if names.get(s) else s,
        help=t("sidebar.sku_help"),
        key="w.app.sku",
    )
    st.session_state[state.SKU] = choice
    return choice


def reading_form(raw: RawTable | None, sheets: tuple[str, ...]) -> None:
    """Encoding, delimiter, sheet and header row; submitting reads the file again."""
    opts: ReadOptions = st.session_state[state.DATA_READ]
    with st.form("w.data.read_form", border=False):
        cols = st.columns(4)
        is_text = raw is None or raw.file_format == "csv"
        encoding = cols[0].selectbox(
            t("data.encoding"),
            ENCODINGS,
            index=option_index(ENCODINGS, opts.encoding),
            format_func=lambda e: t("data.detect") if e is None else e,
            disabled=not is_text,
        )
        delimiter = cols[1].selectbox(
            t("data.delimiter"),
            DELIMITERS,
            index=option_index(DELIMITERS, opts.delimiter),
            format_func=lambda d: t("data.detect") if d is None else t(f"data.delim.{d}"),
            disabled=not is_text,
        )
        sheet_options = [None, *sheets]
        sheet = cols[2].selectbox(
            t("data.sheet"),
            sheet_options,
            index=option_index(sheet_options, opts.sheet),
            format_func=lambda s: (sheets[0] if sheets else t("data.detect")) if s is None else s,
            disabled=not sheets,
            key="w.data.read_sheet",
        )
        header = cols[3].number_input(
            t("data.header_row"),
            min_value=0,
            max_value=1000,
            step=1,
            value=opts.header_row if opts.header_row is not None else (raw.header_row if raw else 1),
            help=t("data.header_row_help"),
            disabled=raw is not None and raw.file_format == "parquet",
        )
        if st.form_submit_button(t("data.apply_reading")):
            detected = raw.header_row if raw is not None else None
            st.session_state[state.DATA_READ] = replace(
                opts,
                encoding=encoding,
                delimiter=delimiter,
                sheet=sheet,
                header_row=None
                if detected is not None and header == detected and opts.header_row is None
                else int(header),
            )
            st.session_state[state.DATA_MAPPING] = None
            st.rerun()


def mapping_form(
    columns: list[str],
    mapping: ColumnMapping,
    reasons: dict[str, str],
    ingest: IngestOptions,
    runner_up: dict[str, tuple[str, float]] | None = None,
    frame=None,
) -> None:
    """One selectbox per role plus the ingestion options; submitting rebuilds the panel.

    Each role's help says why its column was detected and which column came second.
    """
    runner_up = runner_up or {}
    options = [None, *columns]
    with st.form("w.data.mapping_form", border=False):
        st.caption(t("data.mapping_help"))
        chosen: dict[str, str | None] = {}
        grid = st.columns(4)
        for i, role in enumerate(ROLES):
            current = getattr(mapping, role)
            chosen[role] = grid[i % 4].selectbox(
                t(f"role.{role}"),
                options,
                index=option_index(options, current),
                format_func=lambda c: t("data.not_mapped") if c is None else str(c),
                help=_role_help(role, reasons, runner_up),
                key=f"w.map.{role}",
            )
        row = st.columns(4)
        layouts = ("auto", "transactions", "totals", "wide", "wide_dates")
        layout = row[0].selectbox(
            t("data.layout"),
            layouts,
            index=option_index(layouts, ingest.layout),
            format_func=lambda v: t(f"data.layout.{v}"),
        )
        orders = (None, True, False)
        day_first = row[1].selectbox(
            t("data.day_first"),
            orders,
            index=option_index(orders, ingest.day_first),
            format_func=lambda v: t(f"data.day_first.{'auto' if v is None else str(v).lower()}"),
        )
        returns = row[2].selectbox(
            t("data.returns"),
            ("net", "exclude"),
            index=option_index(("net", "exclude"), ingest.returns),
            format_func=lambda v: t(f"data.returns.{v}"),
        )
        dups = ("auto", "keep", "drop")
        duplicates = row[3].selectbox(
            t("data.duplicates"),
            dups,
            index=option_index(dups, ingest.duplicates),
            format_func=lambda v: t(f"data.duplicates.{v}"),
        )
        stores = st.radio(
            t("data.stores"),
            ("sum", "separate"),
            index=option_index(("sum", "separate"), ingest.stores),
            format_func=lambda v: t(f"data.stores.{v}"),
            horizontal=True,
        )
        if st.form_submit_button(t("data.apply_mapping"), type="primary"):
            new = ColumnMapping(**chosen)
            updated = replace(
                ingest, layout=layout, day_first=day_first, returns=returns, duplicates=duplicates, stores=stores
            )
            columns_changed = any(getattr(new, r) != getattr(mapping, r) for r in ("sku", "quantity", "order_id"))
            if frame is not None and columns_changed:
                # Lines left out, sales written negative, rows counted as units: judged again for these columns.
                from salesdata import reading_flags

                updated = reading_flags(frame, new, layout).apply(updated)
            st.session_state[state.DATA_MAPPING] = new
            st.session_state[state.DATA_INGEST] = updated
            st.rerun()


def _role_help(role: str, reasons: dict[str, str], runner_up: dict[str, tuple[str, float]]) -> str | None:
    parts = []
    if reasons.get(role):
        parts.append(t("data.detected_by", reason=msg(reasons[role])))
    if role in runner_up:
        parts.append(t("data.runner_up", column=runner_up[role][0], score=f"{runner_up[role][1]:.2f}"))
    return " · ".join(parts) or None


def date_order_choice(error: AmbiguousDateError, ingest: IngestOptions, values=None) -> None:
    """Ask for the date order when the file does not settle it: the same cells read both ways, side by side,
    and the reading under which the dates fill the calendar marked as the likelier one."""
    import pandas as pd

    from salesdata.inspection import suggest_date_order
    from salesdata.parsing import both_readings

    likely = suggest_date_order(values, error.column)[0] if values is not None else None
    st.warning(md(msg(error)))
    readings = both_readings(error.examples[:5])
    st.dataframe(
        pd.DataFrame(
            {
                t("dates.col.cell"): [r[0] for r in readings],
                t("data.day_first.true"): [fmt_date(r[1]) if r[1] else "–" for r in readings],
                t("data.day_first.false"): [fmt_date(r[2]) if r[2] else "–" for r in readings],
            }
        ),
        hide_index=True,
        placeholder="–",
    )
    if likely is not None:
        st.caption(t("dates.likely", order=t(f"data.day_first.{str(likely).lower()}")))
    cols = st.columns(2)
    for col, day_first in zip(cols, (True, False), strict=True):
        label = t(f"data.day_first.{str(day_first).lower()}")
        kind = "primary" if likely is day_first else "secondary"
        if col.button(label, key=f"w.data.dayfirst_{str(day_first).lower()}", width="stretch", type=kind):
            st.session_state[state.DATA_INGEST] = replace(ingest, day_first=day_first)
            st.rerun()
