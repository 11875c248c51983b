"""Rendering blocks shared by pages: KPI header, validation report, profile table, companion files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from salesdata import AuxiliaryReport, Proposal, SalesDataset, ValidationReport, csv_bytes
from ui import cached, state
from ui.cached import Loaded
from ui.i18n import fmt_compact, fmt_date, fmt_int, fmt_money, msg, reason_text, t
from ui.text import md
from ui.widgets import translated

__all__ = [
    "DATA_PAGE",
    "PROFILE_COLUMNS",
    "cancelled_choice",
    "companion_report",
    "date_evidence_frame",
    "doubts_box",
    "kpi_header",
    "nonmerch_choice",
    "profile_table",
    "reading_line",
    "reading_summary",
    "reading_unanswered",
    "report_notes",
    "require_answered_reading",
    "sku_title",
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
    # Cards are narrow: millions shortened (12.0M), the exact figure in the help.
    cols[3].metric(t("kpi.units"), fmt_compact(summary.total_units), help=fmt_int(summary.total_units))
    revenue = summary.revenue
    short = fmt_money(revenue) if revenue is None or abs(revenue) < 1e7 else fmt_compact(revenue)
    cols[4].metric(t("kpi.revenue"), short, help=fmt_money(revenue))
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
        st.warning(t("comp.unknown", n=fmt_int(len(report.unknown_skus)), skus=md(shown)))
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


def _leaderboard(result, names: dict[str, str]) -> pd.DataFrame:
    table = result.metrics.copy()
    table.insert(1, "name", [names.get(m, t(f"model.{m}")) for m in table["model"]])
    return table


def forecast_results(
    result,
    series: pd.DataFrame,
    sku_names: dict[str, str],
    sku: str,
    planned: pd.DataFrame | None = None,
    adjusted: tuple[str, pd.DataFrame] | None = None,
) -> None:
    """Winner banner, chart, leaderboard, diagnostics and downloads of one SKU's run."""
    from forecasting.calendars import event_frame
    from forecasting.frames import to_long
    from ui import charts

    metric = result.metric
    model_names = {m: t(f"model.{m}") for m in result.metrics["model"]}
    best = result.best_model
    table = result.metrics.set_index("model")
    if best in table.index and pd.notna(table.loc[best, metric]):
        skill = table.loc[best, "skill_vs_snaive"]
        skill_text = ""
        if pd.notna(skill):
            skill_text = t("fc.skill_better" if skill >= 0 else "fc.skill_worse", skill=f"{abs(skill):.0%}")
        st.success(
            t(
                "fc.winner",
                model=model_names.get(best, best),
                metric=t(f"metric.{metric}"),
                value=f"{table.loc[best, metric]:.3f}",
                skill=skill_text,
            )
        )
        st.caption(t("fc.why_winner", reason=md(msg(result.best_reason))))
    elif result.choice is not None and result.choice.rule == "class":
        st.warning(t("fc.no_backtest_class", model=model_names.get(best, best), reason=md(msg(result.best_reason))))
    else:
        st.warning(t("fc.no_winner"))
    for model, messages in result.failures.items():
        st.warning(
            t("fc.failure", model=model_names.get(model, model), reasons=md("; ".join(msg(m) for m in messages[:3])))
        )
    for note in result.notes:
        st.caption(f"ℹ️ {md(msg(note))}")

    levels = list(result.levels)
    view = st.columns([4, 1, 1])
    ranked = list(result.metrics["model"])
    default_shown = [m for m in dict.fromkeys([best, "snaive"]) if m in ranked]
    # One selection per SKU and model set: another SKU's run has other models, and the chart draws exactly
    # what the selector shows.
    shown = view[0].multiselect(
        t("fc.show_models"),
        ranked,
        default=default_shown,
        format_func=lambda m: model_names.get(m, m),
        placeholder=t("common.choose"),
        key=translated(f"w.fc.shown.{sku}.{'.'.join(ranked)}"),
    )
    shown = [m for m in shown if m in ranked]
    level = view[1].selectbox(
        t("fc.show_level"),
        levels,
        index=len(levels) - 1 if 80 not in levels else levels.index(80),
        format_func=lambda v: f"{v}%",
        key="w.fc.level",
    )
    overlay = view[2].toggle(t("fc.show_backtest"), value=False, key="w.fc.overlay")
    forecast = result.forecast
    ev = event_frame(forecast["ds"].min(), forecast["ds"].max())
    ev = ev[(ev["ds"] >= forecast["ds"].min()) & (ev["ds"] <= forecast["ds"].max() + pd.Timedelta(days=6))]
    ev = ev.assign(label=[t(f"event.{h}") for h in ev["holiday"]])
    # Enough history to judge the forecast against, without squeezing the horizon.
    history_periods = max(4 * len(forecast), {"D": 56, "W": 26, "M": 24}.get(result.freq, 56))
    st.plotly_chart(
        charts.forecast_figure(
            series,
            forecast,
            shown,
            model_names,
            level,
            sku_title(sku, sku_names),
            backtest=result.backtest if overlay else None,
            events=ev,
            history_periods=history_periods,
            planned=planned,
            adjusted=adjusted,
        ),
        key="chart.forecast",
    )

    st.subheader(t("fc.leaderboard"))
    st.caption(t("fc.leaderboard_help", metric=t(f"metric.{metric}")))
    board = _leaderboard(result, model_names)
    cols = [
        "rank",
        "name",
        "mase",
        "wape",
        "mae",
        "rmse",
        "smape",
        "bias",
        *[f"coverage_{lv}" for lv in levels],
        "skill_vs_snaive",
        "fallback_folds",
        "fit_seconds",
        "description",
    ]
    board = board[[c for c in cols if c in board.columns]]
    config = {
        "rank": st.column_config.NumberColumn("#", width="small"),
        "name": st.column_config.TextColumn(t("fc.col.model")),
        "mase": st.column_config.NumberColumn(t("metric.mase"), format="%.3f", help=t("metric_help.mase")),
        "wape": st.column_config.NumberColumn(t("metric.wape"), format="percent", help=t("metric_help.wape")),
        "mae": st.column_config.NumberColumn(t("metric.mae"), format="%.2f", help=t("metric_help.mae")),
        "rmse": st.column_config.NumberColumn(t("metric.rmse"), format="%.2f", help=t("metric_help.rmse")),
        "smape": st.column_config.NumberColumn(t("metric.smape"), format="%.1f", help=t("metric_help.smape")),
        "bias": st.column_config.NumberColumn(t("metric.bias"), format="%+.2f", help=t("metric_help.bias")),
        "skill_vs_snaive": st.column_config.NumberColumn(
            t("fc.col.skill"), format="percent", help=t("fc.col.skill_help")
        ),
        "fallback_folds": st.column_config.NumberColumn(t("fc.col.fallbacks"), help=t("fc.col.fallbacks_help")),
        "fit_seconds": st.column_config.NumberColumn(t("fc.col.seconds"), format="%.2f"),
        "description": st.column_config.TextColumn(t("fc.col.form")),
    }
    config |= {
        f"coverage_{lv}": st.column_config.NumberColumn(
            t("fc.col.coverage", level=lv), format="percent", help=t("metric_help.coverage", level=lv)
        )
        for lv in levels
    }
    styled = board.style.apply(
        lambda r: [
            "background-color: #e8f1fb; font-weight: 600" if r["name"] == model_names.get(best) else "" for _ in r
        ],
        axis=1,
    )
    st.dataframe(styled, hide_index=True, column_config=config)

    tabs = st.tabs([t("fc.tab.residuals"), t("fc.tab.importance"), t("fc.tab.folds"), t("fc.tab.downloads")])
    with tabs[0]:
        if result.backtest.empty:
            st.info(t("fc.no_backtest"))
        else:
            pick = st.selectbox(
                t("fc.resid_model"),
                ranked,
                index=ranked.index(best) if best in ranked else 0,
                format_func=lambda m: model_names.get(m, m),
                key=translated("w.fc.resid_model"),
            )
            over_time, acf_fig, hist = charts.residual_figures(result.backtest, pick, model_names.get(pick, pick))
            st.plotly_chart(over_time, key="chart.resid_time")
            left, right = st.columns(2)
            left.plotly_chart(acf_fig, key="chart.resid_acf")
            right.plotly_chart(hist, key="chart.resid_hist")
    with tabs[1]:
        if not result.importances:
            st.info(t("fc.no_importance"))
        for model, imp in result.importances.items():
            st.plotly_chart(charts.importance_figure(imp, model_names.get(model, model)), key=f"chart.imp.{model}")
    with tabs[2]:
        folds = result.fold_metrics.copy()
        if not folds.empty:
            folds.insert(0, "name", [model_names.get(m, m) for m in folds["model"]])
            fold_config = config | {
                "cutoff": st.column_config.DateColumn(t("fc.col.cutoff"), format="YYYY-MM-DD"),
            }
            st.dataframe(folds.drop(columns=["model"]), hide_index=True, column_config=fold_config)
    with tabs[3]:
        stem = f"{sku}_{result.freq}"
        fc_long = to_long(result.forecast, result.levels)
        bt_long = to_long(result.backtest, result.levels) if not result.backtest.empty else pd.DataFrame()
        metrics = result.metrics.assign(unique_id=sku)
        c1, c2, c3 = st.columns(3)
        c1.download_button(t("fc.dl_forecast"), csv_bytes(fc_long), f"{stem}_forecasts.csv", "text/csv", key="w.fc.dl1")
        c2.download_button(
            t("fc.dl_backtest"),
            csv_bytes(bt_long),
            f"{stem}_backtest.csv",
            "text/csv",
            key="w.fc.dl2",
            disabled=bt_long.empty,
        )
        c3.download_button(t("fc.dl_metrics"), csv_bytes(metrics), f"{stem}_metrics.csv", "text/csv", key="w.fc.dl3")


@st.cache_data(max_entries=8, show_spinner=False)
def _detect(loaded_key: str, _panel: pd.DataFrame, freq: str) -> pd.DataFrame:
    from salesdata import detect_stockouts

    return detect_stockouts(_panel, freq)


def detected_stockouts(loaded: Loaded) -> None:
    """Likely stock-outs found in the sales (long zero runs inside a selling SKU), for the user to confirm."""
    from ui import state

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
                "start": st.column_config.DateColumn(t("item.start"), format="YYYY-MM-DD"),
                "end": st.column_config.DateColumn(t("item.end"), format="YYYY-MM-DD"),
                "periods": st.column_config.NumberColumn(t("comp.detect.periods")),
                "zero_share": st.column_config.NumberColumn(
                    t("comp.detect.zero_share"), format="percent", help=t("comp.detect.zero_share_help")
                ),
                "probability": st.column_config.NumberColumn(
                    t("comp.detect.probability"), format="%.1e", help=t("comp.detect.probability_help")
                ),
            },
            key="w.data.detect_editor",
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


DATA_PAGE = Path(__file__).resolve().parents[1] / "app_pages" / "data.py"


def sku_title(sku: str, names: dict[str, str]) -> str:
    """A SKU with its product name when it has one ("85123A · WHITE HANGING HEART"), else the SKU alone."""
    name = names.get(sku, "")
    return t("overview.sku_title", sku=sku, name=name) if name else sku


def reading_unanswered(loaded: Loaded) -> tuple[str, ...]:
    """The doubts about this reading that the user has not answered yet (none once they confirmed it or chose
    the mapping themselves)."""
    if (
        st.session_state[state.DATA_MAPPING] is not None
        or reading_key(loaded) in st.session_state[state.DATA_READING_OK]
    ):
        return ()
    return cached.doubts(loaded)


def reading_key(loaded: Loaded) -> str:
    """What an answer to the reading's questions is about: the file, how it is read and mapped; not the time
    bucket or the companion files, so changing those keeps the answer."""
    import hashlib
    import json
    from dataclasses import asdict

    spec = loaded.spec
    payload = json.dumps(
        [spec.digest, asdict(spec.read), asdict(loaded.mapping), asdict(spec.ingest) if spec.ingest else None],
        default=str,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def doubts_box(doubts: tuple[str, ...], loaded: Loaded) -> None:
    """The questions the Data page asks before anything is forecast, with the button that answers them."""
    with st.container(border=True):
        st.warning(t("doubts.title"), icon=":material/help:")
        st.markdown("\n".join(f"- {md(msg(d))}" for d in doubts))
        st.caption(t("doubts.hint"))
        if st.button(t("doubts.confirm"), type="primary", key="w.data.confirm_reading"):
            st.session_state[state.DATA_READING_OK] = st.session_state[state.DATA_READING_OK] | {reading_key(loaded)}
            st.rerun()


def require_answered_reading(loaded: Loaded) -> None:
    """On the forecast pages: stop with a pointer to the Data page while its questions are open."""
    open_doubts = reading_unanswered(loaded)
    if not open_doubts:
        return
    st.warning(t("doubts.gate"), icon=":material/help:")
    st.markdown("\n".join(f"- {md(msg(d))}" for d in open_doubts))
    if st.button(t("doubts.go_data"), type="primary", key="w.gate.go_data"):
        st.switch_page(str(DATA_PAGE))
    st.stop()


def layout_reason(loaded: Loaded) -> str:
    """Why the layout is what it is: the detection's evidence when the detected layout is the one in use."""
    report = loaded.dataset.report
    if report.layout == loaded.guess.detection.layout and loaded.spec.ingest == loaded.guess.ingest:
        return loaded.guess.detection.layout_reason
    return report.layout_reason


def reading_line(loaded: Loaded) -> None:
    """One sentence under the upload: how the file was read, so a misreading shows without opening anything."""
    report = loaded.dataset.report
    mapping = loaded.mapping
    if report.layout in ("wide", "wide_dates"):
        key = t("reading.key_wide")
    elif mapping.sku and mapping.store and loaded.spec.ingest is not None and loaded.spec.ingest.stores == "separate":
        key = f"{mapping.sku}@{mapping.store}"
    else:
        key = mapping.sku or "–"
    bucket = t(f"freq.{report.freq}").lower()
    if report.week_label:
        bucket += " " + t("reading.week_start", day=t(f"weekday.{report.week_label}"))
    st.caption(
        t(
            "reading.line",
            layout=t(f"data.layout.{report.layout}").lower(),
            n=fmt_int(report.n_skus),
            series=key,
            bucket=bucket,
        )
    )


def reading_summary(loaded: Loaded, proposal: Proposal) -> None:
    """How the file was read: layout and series key, time bucket, date formats, notes, lines left out."""
    report = loaded.dataset.report
    mapping = loaded.mapping
    lines = [t("reading.layout", layout=t(f"data.layout.{report.layout}"), reason=msg(layout_reason(loaded)))]
    if mapping.sku and mapping.store and loaded.spec.ingest and loaded.spec.ingest.stores == "separate":
        lines.append(t("reading.key_composite", sku=mapping.sku, store=mapping.store))
    bucket = t(f"freq.{report.native_freq}").lower()
    if report.week_label:
        bucket += " " + t("reading.week_start", day=t(f"weekday.{report.week_label}"))
    lines.append(t("reading.bucket", bucket=bucket, reason=msg(report.native_reason)))
    for note in proposal.notes:
        lines.append(msg(note))
    st.markdown("\n".join(f"- {md(x)}" for x in lines))
    if mapping.sku and mapping.store and loaded.spec.ingest is not None:
        ingest = loaded.spec.ingest
        other = "sum" if ingest.stores == "separate" else "separate"
        if st.button(t(f"reading.stores_to.{other}", store=mapping.store), key="w.data.toggle_stores"):
            st.session_state[state.DATA_INGEST] = replace(ingest, stores=other)
            st.rerun()
    if report.date_evidence:
        st.markdown(f"**{t('reading.dates_title')}**")
        st.dataframe(date_evidence_frame(report.date_evidence), hide_index=True)
    if proposal.non_merchandise:
        nonmerch_choice(loaded, proposal)
    if proposal.cancelled is not None:
        cancelled_choice(loaded, proposal)


def cancelled_choice(loaded: Loaded, proposal: Proposal) -> None:
    """Lines of cancelled, voided or refunded orders, found by the order status, with the choice to keep them."""
    ingest = loaded.spec.ingest or proposal.ingest
    found = proposal.cancelled
    st.markdown(f"**{t('reading.cancelled_title')}**")
    st.caption(
        t(
            "reading.cancelled_found",
            column=md(found.column),
            values=md(", ".join(found.values)),
            n=fmt_int(found.rows),
        )
    )
    excluded = bool(ingest.excluded_status)
    keep_out = st.checkbox(
        t("reading.cancelled_exclude"), value=excluded, key=f"w.data.cancelled_exclude.{loaded.spec.digest}"
    )
    if keep_out != excluded:
        st.session_state[state.DATA_INGEST] = replace(
            ingest,
            status_column=found.column if keep_out else None,
            excluded_status=found.values if keep_out else (),
        )
        st.rerun()


def date_evidence_frame(evidence) -> pd.DataFrame:
    """One row per date format found: format, cells, examples as written and as read, how the order was settled."""
    return pd.DataFrame(
        {
            t("reading.col.format"): [e.format for e in evidence],
            t("reading.col.rows"): [e.rows for e in evidence],
            t("reading.col.examples"): [
                "; ".join(f"{raw} → {fmt_date(read)}" for raw, read in e.examples) for e in evidence
            ],
            t("reading.col.settled"): [t(f"reading.settled.{e.settled_by}") for e in evidence],
        }
    )


def nonmerch_choice(loaded: Loaded, proposal: Proposal) -> None:
    """The lines recognised as postage, fees or discounts, listed, with the choice to keep them."""
    ingest = loaded.spec.ingest or proposal.ingest
    found = proposal.non_merchandise
    st.markdown(f"**{t('reading.nonmerch_title', n=len(found))}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("reading.col.code"): [n.code for n in found],
                t("reading.col.description"): [n.description for n in found],
                t("reading.col.kind"): [t(f"nonmerch.{n.kind.replace(' ', '_')}") for n in found],
                t("reading.col.rows"): [n.rows for n in found],
            }
        ),
        hide_index=True,
    )
    excluded = bool(ingest.exclude_skus)
    # Keyed by the file: a choice made for one file does not carry over to the next upload.
    keep_out = st.checkbox(
        t("reading.nonmerch_exclude"), value=excluded, key=f"w.data.nonmerch_exclude.{loaded.spec.digest}"
    )
    if keep_out != excluded:
        codes = tuple(n.code for n in found) if keep_out else ()
        st.session_state[state.DATA_INGEST] = replace(ingest, exclude_skus=codes)
        st.rerun()
