"""Data page: choose or upload sales data, check the mapping, read the validation report, explore SKUs."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from salesdata import AmbiguousDateError, SalesDataError, settings_to_json
from ui import charts
from ui.components import data_inputs, data_report, reading
from ui.core import state
from ui.core.i18n import fmt_date, fmt_int, fmt_pct, msg, reason_text, t
from ui.core.text import md
from ui.data import cached, planning

log = logging.getLogger(__name__)


def render() -> None:
    """Draw the page (Streamlit runs ``app_pages/data.py`` on every rerun)."""
    st.title(t("data.title"))
    st.caption(t("data.intro"))

    source = data_inputs.source_picker()
    if source == "upload":
        data_inputs.upload_sales()
        if st.session_state[state.DATA_UPLOAD] is None:
            st.info(t("data.upload_prompt"))
            st.stop()
    else:
        st.caption(t(f"data.demo_caption.{source}"))

    try:
        spec, raw, guess = cached.current_raw()
    except SalesDataError as exc:
        st.error(md(msg(exc)))
        with st.expander(t("data.mapping_title"), expanded=True):
            data_inputs.reading_form(None, ())
        st.stop()

    error: Exception | None = None
    loaded = None
    try:
        loaded = cached.load_current()
    except SalesDataError as exc:
        error = exc
    except Exception as exc:  # never a traceback in the UI
        log.exception("building the dataset failed")
        error = RuntimeError(t("error.unexpected", kind=type(exc).__name__))

    mapping = loaded.mapping if loaded else (spec.mapping or guess.mapping)
    upload = source == "upload"
    # Questions about the reading (close calls, implausible results) are asked before anything is forecast.
    open_doubts = reading.reading_unanswered(loaded) if loaded else ()
    if open_doubts:
        reading.doubts_box(open_doubts, loaded)
    ambiguous = isinstance(error, AmbiguousDateError)
    if ambiguous:
        # The one question to answer comes first; the settings stay folded below it.
        st.subheader(t("data.ambiguous_title"))
        data_inputs.date_order_choice(error, spec.ingest, raw.frame.get(mapping.date))
    expander = st.expander(
        t("data.mapping_title"),
        expanded=(error is not None and not ambiguous) or bool(open_doubts),
        key="w.data.mapping_expander",
        on_change="rerun",
    )
    # Only an open expander runs its content: the forms and the preview are not needed on every rerun.
    with expander:
        if expander.open:
            details = []
            if raw.encoding:
                details.append(raw.encoding)
            if raw.delimiter:
                details.append(t(f"data.delim.{raw.delimiter}"))
            if raw.sheet:
                details.append(raw.sheet)
            if loaded:
                report = loaded.dataset.report
                st.caption(
                    t(
                        "data.read_summary",
                        fmt=raw.file_format,
                        details=(" · " + ", ".join(details)) if details else "",
                        layout=t(f"data.layout.{report.layout}"),
                        reason=md(msg(reading.layout_reason(loaded))),
                    )
                )
                reading.reading_summary(loaded, guess)
            sheets = cached.sheet_names(spec.digest, spec.name, cached.current_spec()[1]) if raw.sheets else ()
            data_inputs.reading_form(raw, sheets)
            st.divider()
            data_inputs.mapping_form(
                list(raw.frame.columns),
                mapping,
                guess.detection.reasons,
                spec.ingest,
                guess.detection.runner_up,
                raw.frame,
            )
            if loaded:
                st.download_button(
                    t("data.save_settings"),
                    settings_to_json(spec.read, loaded.mapping, spec.ingest, loaded.dataset.report.freq).encode(
                        "utf-8"
                    ),
                    file_name=f"{Path(spec.name).name.split('.')[0]}_mapping.json",
                    mime="application/json",
                    help=t("data.save_settings_help"),
                    key="w.data.save_settings",
                )
            st.caption(t("data.preview"))
            st.dataframe(raw.frame.head(20).astype("str"), hide_index=True, height=240, placeholder="–")

    if ambiguous:
        st.stop()
    if error is not None or loaded is None:
        st.error(f"{t('data.error_title')}: {md(msg(error))}")
        st.caption(t("data.error_hint"))
        st.stop()

    dataset = loaded.dataset
    stem = Path(spec.name).name.split(".")[0] or "sales"
    if dataset.report.rows_used == 0:
        # Every row was rejected: say why in one line, and keep the report (with the rejected rows) at hand.
        top = sorted(dataset.report.rejected_by_reason.items(), key=lambda kv: -kv[1])[:3]
        st.error(
            t(
                "data.nothing_used",
                name=md(spec.name),
                n=fmt_int(dataset.report.rows_read),
                reasons=md("; ".join(f"{fmt_int(n)} {reason_text(code)}" for code, n in top)),
            )
        )
        st.caption(t("data.error_hint"))
        data_report.validation_report(dataset, stem)
        st.stop()
    reading.reading_line(loaded)
    data_report.kpi_header(dataset)
    # Stateful tabs: only the open tab's content is computed and sent.
    tab_overview, tab_profile, tab_report, tab_companions = st.tabs(
        [t("tab.overview"), t("tab.profile"), t("tab.report"), t("tab.companions")],
        key="w.data.tabs",
        on_change="rerun",
    )

    with tab_overview:
        if tab_overview.open:
            sku = st.session_state[state.SKU]
            profile = dataset.profile.set_index("unique_id")
            if sku is None or sku not in profile.index:
                st.info(t("overview.pick_sku"))
            else:
                names = planning.loaded_names(loaded)
                row = profile.loc[sku]
                series = dataset.panel[dataset.panel["unique_id"] == sku]
                st.plotly_chart(
                    charts.sku_history(series, planning.sku_title(sku, names)),
                    key="chart.sku_history",
                )
                st.caption(
                    t(
                        "overview.sku_facts",
                        cls=t(f"class.{row['demand_class']}"),
                        abc=row["abc"],
                        xyz=row["xyz"],
                        first=fmt_date(row["first_date"]),
                        last=fmt_date(row["last_sale"]),
                        zeros=fmt_pct(row["zero_share"]),
                    )
                )
                if row["censored_periods"] > 0:
                    st.caption(t("overview.censored", n=int(row["censored_periods"])))
                if row["new_item"]:
                    st.caption(t("overview.new_item"))

    with tab_report:
        if tab_report.open:
            data_report.validation_report(dataset, stem)

    with tab_profile:
        if tab_profile.open:
            left, right = st.columns(2)
            with left:
                st.plotly_chart(charts.abc_xyz_matrix(dataset.profile), key="chart.abc_xyz")
            with right:
                names_series = None
                if "description" in dataset.profile:
                    names_series = dataset.profile.set_index("unique_id")["description"]
                st.plotly_chart(charts.demand_class_map(dataset.profile, names_series), key="chart.class_map")
            data_report.profile_table(dataset.profile, stem)

    with tab_companions:
        if tab_companions.open:
            for role, message in loaded.companion_errors:
                st.error(t("comp.file_error", role=t(f"comp.{role}_title"), message=md(msg(message))))
            for kind, upload_key in (
                ("items", state.DATA_ITEMS),
                ("stockouts", state.DATA_STOCKOUTS),
                ("planned", state.DATA_PLANNED),
                ("suppliers", state.DATA_SUPPLIERS),
            ):
                st.subheader(t(f"comp.{kind}_title"))
                st.caption(t(f"comp.{kind}_help"))
                if upload:
                    data_inputs.upload_companion(upload_key, t(f"comp.{kind}_upload"), t(f"comp.{kind}_help"))
                result = getattr(loaded, kind)
                if result is None:
                    st.caption(t("comp.none"))
                    continue
                if not upload:
                    st.caption(t("comp.demo_included"))
                table = {"items": "items", "stockouts": "spans", "planned": "frame", "suppliers": "frame"}[kind]
                data_report.companion_report(result.report, result.rejected, getattr(result, table), kind)
            data_report.detected_stockouts(loaded)
