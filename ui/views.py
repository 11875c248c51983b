"""Rendering blocks shared by pages: KPI header, validation report, profile table, companion files."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from salesdata import AuxiliaryReport, SalesDataset, ValidationReport, csv_bytes
from ui.cached import Loaded
from ui.i18n import fmt_date, fmt_int, reason_text, t

__all__ = [
    "PROFILE_COLUMNS",
    "companion_report",
    "kpi_header",
    "profile_table",
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
        t("kpi.days", days=fmt_int(days)) if days < 120 else t("kpi.years", years=f"{days / 365.25:.1f}"),
        help=f"{fmt_date(summary.first_date)} – {fmt_date(summary.last_date)}",
    )
    cols[3].metric(t("kpi.units"), fmt_int(summary.total_units))
    cols[4].metric(t("kpi.revenue"), fmt_int(summary.revenue) if summary.revenue is not None else "–")
    label = t("kpi.values") if report.unit == "values" else t("kpi.rows")
    cols[5].metric(
        label,
        f"{report.rows_used / max(1, report.rows_read):.1%}",
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
        t("report.note.layout", layout=t(f"data.layout.{report.layout}"), reason=report.layout_reason),
        t("report.note.dates", fmt=report.date_format),
    ]
    if report.day_first is not None:
        notes.append(t("report.note.day_first", order=t(f"data.day_first.{str(report.day_first).lower()}")))
    for note in report.read_notes:
        notes.append(t("report.note.read_note", note=note))
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
                unit_lower=unit.lower()[:-1],
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
            )
        else:
            st.caption(t("report.no_rejects"))
        st.markdown(f"**{t('report.notes')}**")
        st.markdown("\n".join(f"- {_md_escape(n)}" for n in report_notes(report)))
    with right:
        st.markdown(f"**{t('report.mapping_used')}**")
        st.dataframe(
            pd.DataFrame(
                {t("report.col.reason"): [t(f"role.{r}") for r in report.mapping], "": list(report.mapping.values())}
            ),
            hide_index=True,
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


def _md_escape(text: str) -> str:
    """User strings inside markdown: no markup, no HTML."""
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "#", "|", "$", "~"):
        text = text.replace(ch, "\\" + ch)
    return text


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
        "first_date": st.column_config.DateColumn(t("col.first_date"), format="YYYY-MM-DD"),
        "last_sale": st.column_config.DateColumn(t("col.last_sale"), format="YYYY-MM-DD"),
        "new_item": st.column_config.CheckboxColumn(t("col.new_item")),
    }
    st.caption(t("profile.caption"))
    st.dataframe(view, hide_index=True, column_config={k: v for k, v in config.items() if k in cols}, height=520)
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
        st.dataframe(reasons_frame(report), hide_index=True)
        st.download_button(
            t("comp.download_rejected"),
            csv_bytes(rejected),
            file_name=f"{key}_rejected_rows.csv",
            mime="text/csv",
            key=f"w.{key}.dl",
        )
    if report.unknown_skus:
        shown = ", ".join(report.unknown_skus[:10]) + (" …" if len(report.unknown_skus) > 10 else "")
        st.warning(t("comp.unknown", n=fmt_int(len(report.unknown_skus)), skus=shown))
    config = {c: st.column_config.Column(t(f"item.{c}")) for c in table.columns}
    config |= {
        c: st.column_config.DateColumn(t(f"item.{c}"), format="YYYY-MM-DD")
        for c in table.columns
        if table[c].dtype.kind == "M"
    }
    st.dataframe(table, hide_index=True, height=260, column_config=config)


def loaded_names(loaded: Loaded) -> dict[str, str]:
    """SKU -> product name, from the sales file or the item master."""
    names: dict[str, str] = {}
    attrs = loaded.dataset.attributes
    if "description" in attrs:
        names |= dict(zip(attrs["unique_id"], attrs["description"].fillna(""), strict=True))
    if loaded.items is not None and "product_name" in loaded.items.items:
        for sku, name in zip(loaded.items.items["unique_id"], loaded.items.items["product_name"], strict=True):
            names.setdefault(sku, name)
    return names
