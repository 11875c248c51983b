"""The Data page's reports: KPIs, validation, the profile table, companion files, detected stockouts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from salesdata import AuxiliaryReport, SalesDataset, ValidationReport, csv_bytes
from ui.core import state
from ui.core.i18n import date_format, fmt_compact, fmt_date, fmt_int, fmt_money, fmt_pct, msg, reason_text, t
from ui.core.text import md
from ui.data.cached import Loaded

__all__ = [
    "PROFILE_COLUMNS",
    "companion_report",
    "detected_stockouts",
    "kpi_header",
    "profile_table",
    "reasons_frame",
    "report_notes",
    "validation_report",
]

PROFILE_COLUMNS = [
    "unique_id",
    "description",
    "category",
    "store",
    "demand_class",
    "abc",
    "xyz",
    "first_date",
    "last_sale",
    "periods",
    "history_days",
    "total_units",
    "revenue",
    "zero_share",
    "mean_demand",
    "adi",
    "cv2",
    "censored_periods",
    "new_item",
]


def kpi_header(dataset: SalesDataset) -> None:
    """Headline numbers of the loaded dataset."""
    summary, report = dataset.summary, dataset.report
    cols = st.columns(6)
    cols[0].metric(t("kpi.skus"), fmt_int(summary.n_skus))
    cols[1].metric(t("kpi.periods"), fmt_int(summary.periods), help=t(f"freq.{report.freq}"))
    days = (summary.last_date - summary.first_date).days + 1 if summary.first_date is not None else 0
    cols[2].metric(
        t("kpi.range"),
        t("kpi.days", n=days) if days < 120 else t("kpi.years", years=f"{days / 365.25:.1f}"),
        help=f"{fmt_date(summary.first_date)} – {fmt_date(summary.last_date)}",
    )
    # Cards are narrow: millions shortened (12.0M), the exact figure in the help.
    cols[3].metric(t("kpi.units"), fmt_compact(summary.total_units), help=fmt_int(summary.total_units))
    revenue = summary.revenue
    short = fmt_money(revenue) if revenue is None or abs(revenue) < 1e7 else fmt_compact(revenue)
    cols[4].metric(t("kpi.revenue"), short, help=fmt_money(revenue))
    label = t("kpi.values") if report.unit == "values" else t("kpi.rows")
    cols[5].metric(
        label,
        fmt_pct(report.rows_used / max(1, report.rows_read), 1),
        help=t(
            "kpi.rows_help",
            used=fmt_int(report.rows_used),
            read=fmt_int(report.rows_read),
            rejected=fmt_int(report.rows_rejected),
        ),
    )


def report_notes(report: ValidationReport) -> list[str]:
    """The report's remarks as translated sentences."""
    details = []
    if report.encoding:
        details.append(report.encoding)
    if report.delimiter:
        details.append(t(f"data.delim.{report.delimiter}"))
    if report.sheet:
        details.append(report.sheet)
    notes = [
        t(
            "report.note.format",
            name=report.source_name,
            fmt=report.file_format,
            details=(", " + ", ".join(details)) if details else "",
        ),
        t("report.note.layout", layout=t(f"data.layout.{report.layout}"), reason=msg(report.layout_reason)),
        t("report.note.dates", fmt=report.date_format),
    ]
    if report.day_first is not None:
        notes.append(t("report.note.day_first", order=t(f"data.day_first.{str(report.day_first).lower()}")))
    for note in report.read_notes:
        notes.append(t("report.note.read_note", note=msg(note)))
    if report.duplicate_rows:
        key = "report.note.duplicates_dropped" if report.duplicates_dropped else "report.note.duplicates_kept"
        notes.append(t(key, n=fmt_int(report.duplicate_rows)))
    if report.return_rows:
        notes.append(t("report.note.returns", n=fmt_int(report.return_rows), units=fmt_int(report.return_units)))
    if report.negative_periods:
        notes.append(
            t("report.note.negative", n=fmt_int(report.negative_periods), units=fmt_int(report.negative_units))
        )
    if report.incomplete_period:
        a, b = report.incomplete_period
        notes.append(
            t("report.note.incomplete", start=fmt_date(a), end=fmt_date(b), data_end=fmt_date(report.data_end))
        )
    if report.skus_without_sales:
        shown = ", ".join(report.skus_without_sales[:10]) + (" …" if len(report.skus_without_sales) > 10 else "")
        notes.append(t("report.note.no_sales", n=fmt_int(len(report.skus_without_sales)), skus=shown))
    for code, n in report.warnings.items():
        notes.append(t("report.note.warning", n=fmt_int(n), text=t(f"warning.{code}")))
    return notes


def reasons_frame(report: ValidationReport | AuxiliaryReport) -> pd.DataFrame:
    rows = [
        {
            t("report.col.reason"): reason_text(code),
            t("report.col.count"): n,
            t("report.col.share"): n / max(1, report.rows_read),
        }
        for code, n in report.rejected_by_reason.items()
    ]
    return pd.DataFrame(rows)


def validation_report(dataset: SalesDataset, file_stem: str) -> None:
    """Counts by bucket, rejected reasons, notes and the downloads."""
    report = dataset.report
    unit = t(f"report.unit.{report.unit}")
    cols = st.columns(3)
    cols[0].metric(t("report.read", unit=unit), fmt_int(report.rows_read))
    cols[1].metric(t("report.used", unit=unit), fmt_int(report.rows_used))
    cols[2].metric(t("report.rejected", unit=unit), fmt_int(report.rows_rejected))
    if report.balanced:
        st.success(
            t(
                "report.balanced",
                unit_lower=t(f"report.unit_one.{report.unit}"),
                read=fmt_int(report.rows_read),
                used=fmt_int(report.rows_used),
                rejected=fmt_int(report.rows_rejected),
            )
        )
    else:  # pragma: no cover - the property tests keep this from happening
        st.error(t("report.unbalanced", read=report.rows_read, used=report.rows_used, rejected=report.rows_rejected))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('report.reasons')}**")
        if report.rejected_by_reason:
            st.dataframe(
                reasons_frame(report),
                hide_index=True,
                column_config={t("report.col.share"): st.column_config.NumberColumn(format="percent")},
                placeholder="–",
            )
        else:
            st.caption(t("report.no_rejects"))
        st.markdown(f"**{t('report.notes')}**")
        st.markdown("\n".join(f"- {md(n)}" for n in report_notes(report)))
    with right:
        st.markdown(f"**{t('report.mapping_used')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("report.col.role"): [t(f"role.{r}") for r in report.mapping],
                    t("report.col.column"): list(report.mapping.values()),
                }
            ),
            hide_index=True,
            placeholder="–",
        )
        st.download_button(
            t("report.download_rejected"),
            csv_bytes(dataset.rejected),
            file_name=f"{file_stem}_rejected_rows.csv",
            mime="text/csv",
            disabled=dataset.rejected.empty,
            key="w.report.dl_rejected",
        )
        st.download_button(
            t("report.download_panel"),
            csv_bytes(dataset.panel),
            file_name=f"{file_stem}_panel_{report.freq}.csv",
            mime="text/csv",
            key="w.report.dl_panel",
        )


def profile_table(profile: pd.DataFrame, file_stem: str) -> None:
    """The sortable per-SKU profile with a download."""
    cols = [c for c in PROFILE_COLUMNS if c in profile.columns]
    view = profile[cols].copy()
    view["demand_class"] = view["demand_class"].map(lambda c: t(f"class.{c}"))
    config = {c: st.column_config.Column(t(f"col.{c}")) for c in cols}
    config |= {
        "zero_share": st.column_config.NumberColumn(t("col.zero_share"), format="percent"),
        "adi": st.column_config.NumberColumn(t("col.adi"), format="%.2f", help=t("col.adi_help")),
        "cv2": st.column_config.NumberColumn(t("col.cv2"), format="%.2f", help=t("col.cv2_help")),
        "mean_demand": st.column_config.NumberColumn(t("col.mean_demand"), format="%.2f"),
        "total_units": st.column_config.NumberColumn(t("col.total_units"), format="localized"),
        "revenue": st.column_config.NumberColumn(t("col.revenue"), format="localized"),
        "first_date": st.column_config.DateColumn(t("col.first_date"), format=date_format()),
        "last_sale": st.column_config.DateColumn(t("col.last_sale"), format=date_format()),
        "new_item": st.column_config.CheckboxColumn(t("col.new_item")),
    }
    st.caption(t("profile.caption"))
    st.dataframe(
        view, hide_index=True, column_config={k: v for k, v in config.items() if k in cols}, height=520, placeholder="–"
    )
    st.download_button(
        t("profile.download"),
        csv_bytes(profile),
        file_name=f"{file_stem}_profile.csv",
        mime="text/csv",
        key="w.profile.dl",
    )


def companion_report(report: AuxiliaryReport, rejected: pd.DataFrame, table: pd.DataFrame, key: str) -> None:
    """Row accounting and contents of an item master or stock-out log."""
    st.caption(
        t(
            "comp.summary",
            used=fmt_int(report.rows_used),
            read=fmt_int(report.rows_read),
            rejected=fmt_int(report.rows_rejected),
        )
    )
    if report.rejected_by_reason:
        st.dataframe(reasons_frame(report), hide_index=True, placeholder="–")
        st.download_button(
            t("comp.download_rejected"),
            csv_bytes(rejected),
            file_name=f"{key}_rejected_rows.csv",
            mime="text/csv",
            key=f"w.{key}.dl",
        )
    if report.unknown_skus:
        shown = ", ".join(report.unknown_skus[:10]) + (" …" if len(report.unknown_skus) > 10 else "")
        st.warning(t("comp.unknown", n=fmt_int(len(report.unknown_skus)), skus=md(shown)))
    config = {c: st.column_config.Column(t(f"item.{c}")) for c in table.columns}
    config |= {
        c: st.column_config.DateColumn(t(f"item.{c}"), format=date_format())
        for c in table.columns
        if table[c].dtype.kind == "M"
    }
    st.dataframe(table, hide_index=True, height=260, column_config=config, placeholder="–")


@st.cache_data(max_entries=8, show_spinner=False)
def _detect(loaded_key: str, _panel: pd.DataFrame, freq: str) -> pd.DataFrame:
    from salesdata import detect_stockouts

    return detect_stockouts(_panel, freq)


def detected_stockouts(loaded: Loaded) -> None:
    """Likely stock-outs found in the sales (long zero runs inside a selling SKU), for the user to confirm."""

    st.subheader(t("comp.detect_title"))
    st.caption(t("comp.detect_help"))
    confirmed = tuple(st.session_state[state.DATA_CONFIRMED])
    if confirmed:
        st.caption(t("comp.detect_confirmed", n=fmt_int(len(confirmed))))
        if st.button(t("comp.detect_clear"), key="w.data.detect_clear"):
            st.session_state[state.DATA_CONFIRMED] = ()
            st.rerun()
    found = _detect(loaded.key, loaded.dataset.panel, loaded.dataset.report.freq)
    if found.empty:
        st.info(t("comp.detect_none"))
        return
    view = found.assign(confirm=False)[["confirm", "unique_id", "start", "end", "periods", "zero_share", "probability"]]
    with st.form("w.data.detect_form", border=False):
        edited = st.data_editor(
            view,
            hide_index=True,
            disabled=["unique_id", "start", "end", "periods", "zero_share", "probability"],
            column_config={
                "confirm": st.column_config.CheckboxColumn(t("comp.detect.confirm")),
                "unique_id": st.column_config.TextColumn(t("item.unique_id")),
                "start": st.column_config.DateColumn(t("item.start"), format=date_format()),
                "end": st.column_config.DateColumn(t("item.end"), format=date_format()),
                "periods": st.column_config.NumberColumn(t("comp.detect.periods")),
                "zero_share": st.column_config.NumberColumn(
                    t("comp.detect.zero_share"), format="percent", help=t("comp.detect.zero_share_help")
                ),
                "probability": st.column_config.NumberColumn(
                    t("comp.detect.probability"), format="%.1e", help=t("comp.detect.probability_help")
                ),
            },
            key="w.data.detect_editor",
            placeholder="–",
        )
        left, right = st.columns(2)
        ticked = left.form_submit_button(t("comp.detect_apply"), type="primary")
        every = right.form_submit_button(t("comp.detect_all", n=fmt_int(len(found))))
    if ticked or every:
        chosen = found if every else found[edited["confirm"].to_numpy(dtype=bool)]
        add = tuple(
            (str(r.unique_id), pd.Timestamp(r.start).date().isoformat(), pd.Timestamp(r.end).date().isoformat())
            for r in chosen.itertuples()
        )
        if add:
            st.session_state[state.DATA_CONFIRMED] = tuple(dict.fromkeys(confirmed + add))
            st.rerun()
        st.warning(t("comp.detect_nothing_ticked"))
