"""Planner panels: donors, overrides, forecast value added and the supplier plan."""

from __future__ import annotations

import logging
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from forecasting.base import ForecastError
from forecasting.frames import to_long
from forecasting.overrides import Override, apply_overrides, forecast_value_added
from salesdata import csv_bytes
from ui.components.translated import translated
from ui.core import state
from ui.core.i18n import date_format, fmt_date, fmt_int, fmt_num, fmt_pct, msg, t
from ui.core.text import md
from ui.data.planning import (
    _category_members,
    adjusted_forecast,
    category_of,
    chosen_model,
)

__all__ = ["KINDS", "donor_controls", "fva_panel", "override_panel", "parse_overrides"]

log = logging.getLogger(__name__)

KINDS = ("percent", "units", "set")


def donor_controls(loaded, sku: str, row) -> None:
    """Let a new or short SKU borrow a like item's or its category's shape."""
    donors: dict = st.session_state[state.FC_DONORS]
    current = donors.get(sku)
    short = bool(row["new_item"]) or int(row["periods"] - row["censored_periods"]) < {"D": 60, "W": 16, "M": 8}.get(
        loaded.dataset.report.freq, 60
    )
    with st.expander(t("plan.donor_title"), expanded=short or current is not None):
        st.caption(t("plan.donor_help"))
        category = category_of(loaded, sku)
        options = ["none", "category", "sku"] if category else ["none", "sku"]
        kind = st.radio(
            t("plan.donor_kind"),
            options,
            index=options.index(current[0]) if current and current[0] in options else 0,
            format_func=lambda k: t(f"plan.donor_kind.{k}", category=category or ""),
            horizontal=True,
            key=translated(f"w.plan.{sku}.donor_kind"),
        )
        ref = None
        if kind == "category":
            ref = category
        elif kind == "sku":
            skus = [s for s in loaded.dataset.profile["unique_id"] if s != sku]
            same = _category_members(loaded, category, sku) if category else []
            ordered = same + [s for s in skus if s not in same]
            ref = st.selectbox(
                t("plan.donor_sku"),
                ordered,
                index=ordered.index(current[1]) if current and current[1] in ordered else 0,
                key=f"w.plan.{sku}.donor_sku",
            )
        scale_text = st.number_input(
            t("plan.donor_scale"),
            min_value=0.0,
            max_value=100.0,
            value=float(current[2]) if current and current[2] is not None else 0.0,
            step=0.05,
            help=t("plan.donor_scale_help"),
            key=f"w.plan.{sku}.donor_scale",
        )
        chosen = None if kind == "none" else (kind, ref, float(scale_text) if scale_text > 0 else None)
        if chosen != current:
            if chosen is None:
                donors.pop(sku, None)
            else:
                donors[sku] = chosen
            st.rerun()


def _overrides_frame(overrides: tuple[Override, ...], default_start: date, default_end: date) -> pd.DataFrame:
    if not overrides:
        return pd.DataFrame(
            {
                "start": pd.Series([], dtype="datetime64[us]"),
                "end": pd.Series([], dtype="datetime64[us]"),
                "kind": pd.Series([], dtype="str"),
                "value": pd.Series([], dtype="float64"),
                "note": pd.Series([], dtype="str"),
            }
        )
    return pd.DataFrame(
        {
            "start": pd.to_datetime([o.start for o in overrides]),
            "end": pd.to_datetime([o.end for o in overrides]),
            "kind": [o.kind for o in overrides],
            "value": [float(o.value) for o in overrides],
            "note": [o.note for o in overrides],
        }
    )


def parse_overrides(frame: pd.DataFrame) -> tuple[tuple[Override, ...], list[str]]:
    out, problems = [], []
    for i, r in enumerate(frame.to_dict("records"), start=1):
        if all(v is None or v == "" or (not isinstance(v, str) and pd.isna(v)) for v in r.values()):
            continue
        try:
            if pd.isna(r.get("start")) or pd.isna(r.get("end")):
                raise ForecastError(t("plan.ov_need_dates"))
            if r.get("kind") not in KINDS:
                raise ForecastError(t("plan.ov_need_kind"))
            if r.get("value") is None or pd.isna(r.get("value")):
                raise ForecastError(t("plan.ov_need_value"))
            ov = Override(
                pd.Timestamp(r["start"]).date(),
                pd.Timestamp(r["end"]).date(),
                r["kind"],
                float(r["value"]),
                str(r.get("note") or ""),
            )
            ov.check()
            out.append(ov)
        except ForecastError as exc:
            problems.append(t("plan.ov_row_problem", row=i, message=msg(exc)))
    return tuple(out), problems


def override_panel(result, sku: str, series: pd.DataFrame) -> None:
    """Lock a model, adjust its forecast over date ranges, note why; log the change for FVA."""

    models = [m for m in result.metrics["model"] if m in result.forecast.columns]
    locks: dict = st.session_state[state.FC_LOCKS]
    notes: dict = st.session_state[state.FC_NOTES]
    overrides: dict = st.session_state[state.FC_OVERRIDES]
    current = overrides.get(sku, ())
    with st.expander(t("plan.adjust_title"), expanded=bool(current) or sku in locks):
        st.caption(t("plan.adjust_help"))
        left, right = st.columns([1, 2])
        options = ["", *models]
        lock = left.selectbox(
            t("plan.lock"),
            options,
            index=options.index(locks.get(sku, "")) if locks.get(sku, "") in options else 0,
            format_func=lambda m: (
                t("plan.lock_none", best=t(f"model.{result.best_model}")) if m == "" else t(f"model.{m}")
            ),
            help=t("plan.lock_help"),
            key=f"w.plan.{sku}.lock",
        )
        if (lock or None) != locks.get(sku):
            if lock:
                locks[sku] = lock
            else:
                locks.pop(sku, None)
        note = right.text_input(
            t("plan.note"), value=notes.get(sku, ""), max_chars=500, help=t("plan.note_help"), key=f"w.plan.{sku}.note"
        )
        if note != notes.get(sku, ""):
            notes[sku] = note
        model = chosen_model(result, sku)
        first, last = result.forecast["ds"].min().date(), result.forecast["ds"].max().date()
        st.caption(t("plan.ov_range", model=t(f"model.{model}"), first=fmt_date(first), last=fmt_date(last)))
        with st.form(f"w.plan.{sku}.ov_form", border=False):
            edited = st.data_editor(
                _overrides_frame(current, first, last),
                num_rows="dynamic",
                hide_index=True,
                column_config={
                    "start": st.column_config.DateColumn(t("plan.ov.start"), format=date_format(), required=True),
                    "end": st.column_config.DateColumn(t("plan.ov.end"), format=date_format(), required=True),
                    "kind": st.column_config.SelectboxColumn(
                        t("plan.ov.kind"), options=list(KINDS), required=True, help=t("plan.ov.kind_help")
                    ),
                    "value": st.column_config.NumberColumn(
                        t("plan.ov.value"), required=True, help=t("plan.ov.value_help")
                    ),
                    "note": st.column_config.TextColumn(t("plan.ov.note"), max_chars=200),
                },
                key=f"w.plan.{sku}.ov_editor",
                placeholder="–",
            )
            applied = st.form_submit_button(t("plan.ov_apply"), type="primary")
        if applied:
            parsed, problems = parse_overrides(edited)
            for p in problems:
                st.error(p)
            if not problems:
                if parsed:
                    overrides[sku] = parsed
                else:
                    overrides.pop(sku, None)
                _log_overrides(result, sku, model, parsed)
                st.rerun()
        if current:
            adjusted, _ = adjusted_forecast(result, sku, model)
            total_stat = float(adjusted[f"{model}-statistical"].sum())
            total_adj = float(adjusted[model].sum())
            st.caption(
                t(
                    "plan.ov_effect",
                    n=len(current),
                    stat=fmt_int(total_stat),
                    adj=fmt_int(total_adj),
                    change=f"{(total_adj / total_stat - 1) if total_stat else 0:+.1%}",
                )
            )
            long = to_long(adjusted[["unique_id", "ds", model, f"{model}-statistical"]], ())
            st.download_button(
                t("plan.ov_download"),
                csv_bytes(long),
                f"{sku}_adjusted_forecast.csv",
                "text/csv",
                key=f"w.plan.{sku}.ov_dl",
            )


def _log_overrides(result, sku: str, model: str, parsed: tuple[Override, ...]) -> None:
    """Record the adjusted periods (statistical and adjusted values) so FVA can be scored when actuals arrive."""
    log: list = st.session_state[state.FC_LOG]
    log[:] = [r for r in log if r["sku"] != sku or pd.Timestamp(r["ds"]) < result.forecast["ds"].min()]
    if not parsed:
        return
    adjusted = apply_overrides(result.forecast, model, parsed)
    changed = adjusted[model] != adjusted[f"{model}-statistical"]
    for _, r in adjusted[changed].iterrows():
        log.append(
            {
                "sku": sku,
                "ds": pd.Timestamp(r["ds"]).date().isoformat(),
                "model": model,
                "statistical": float(r[f"{model}-statistical"]),
                "adjusted": float(r[model]),
                "note": "; ".join(o.note for o in parsed if o.note),
            }
        )


def fva_panel(loaded) -> None:
    """Forecast Value Added of the logged overrides whose actuals are now in the data."""
    log: list = st.session_state[state.FC_LOG]
    with st.expander(t("plan.fva_title")):
        st.caption(t("plan.fva_help"))
        upload = st.file_uploader(t("plan.fva_upload"), type=["csv"], key="w.plan.fva_upload")
        if upload is not None:
            try:
                frame = pd.read_csv(upload, dtype={"sku": "str"})
                need = {"sku", "ds", "model", "statistical", "adjusted"}
                if not need <= set(frame.columns):
                    st.error(t("plan.fva_bad_file", name=md(upload.name), columns=md(", ".join(sorted(need)))))
                else:
                    known = {(r["sku"], r["ds"]) for r in log}
                    for r in frame.fillna({"note": ""}).to_dict("records"):
                        r["ds"] = pd.Timestamp(r["ds"]).date().isoformat()
                        if (r["sku"], r["ds"]) not in known:
                            log.append({k: r.get(k, "") for k in (*need, "note")})
            except (ValueError, pd.errors.ParserError) as exc:
                st.error(t("plan.fva_bad_file", name=md(upload.name), columns=md(str(exc))))
        if not log:
            st.info(t("plan.fva_empty"))
            return
        frame = pd.DataFrame(log)
        panel = loaded.dataset.panel
        observed = panel["y"].where(panel["in_stock"] != 0) if "in_stock" in panel else panel["y"]
        actual = dict(
            zip(zip(panel["unique_id"], panel["ds"].dt.strftime("%Y-%m-%d"), strict=True), observed, strict=True)
        )
        frame["actual"] = [actual.get((s, d), np.nan) for s, d in zip(frame["sku"], frame["ds"], strict=True)]
        rows = []
        for sku_id, g in frame.groupby("sku", sort=True):
            fva = forecast_value_added(g["actual"].to_numpy(), g["statistical"].to_numpy(), g["adjusted"].to_numpy())
            rows.append({"sku": sku_id, "logged": len(g), **fva})
        summary = pd.DataFrame(rows)
        scored = int(summary["periods"].sum())
        if scored == 0:
            st.info(t("plan.fva_waiting", n=fmt_int(len(frame)), last=fmt_date(loaded.dataset.panel["ds"].max())))
        else:
            total = forecast_value_added(
                frame["actual"].to_numpy(), frame["statistical"].to_numpy(), frame["adjusted"].to_numpy()
            )
            verdict = "plan.fva_helped" if total["fva_mae"] > 0 else "plan.fva_hurt"
            (st.success if total["fva_mae"] > 0 else st.warning)(
                t(
                    verdict,
                    n=int(total["periods"]),
                    stat=fmt_num(total["mae_statistical"], 2),
                    adj=fmt_num(total["mae_adjusted"], 2),
                    pct=fmt_pct(abs(total["fva_pct"]), 1),
                )
            )
        st.dataframe(
            summary,
            hide_index=True,
            column_config={
                "sku": st.column_config.TextColumn(t("plan.fva.sku")),
                "logged": st.column_config.NumberColumn(t("plan.fva.logged")),
                "periods": st.column_config.NumberColumn(t("plan.fva.periods")),
                "mae_statistical": st.column_config.NumberColumn(t("plan.fva.mae_stat"), format="%.2f"),
                "mae_adjusted": st.column_config.NumberColumn(t("plan.fva.mae_adj"), format="%.2f"),
                "fva_mae": st.column_config.NumberColumn(t("plan.fva.fva"), format="%+.2f"),
                "fva_pct": st.column_config.NumberColumn(t("plan.fva.fva_pct"), format="percent"),
                "bias_statistical": st.column_config.NumberColumn(t("plan.fva.bias_stat"), format="%+.2f"),
                "bias_adjusted": st.column_config.NumberColumn(t("plan.fva.bias_adj"), format="%+.2f"),
            },
            placeholder="–",
        )
        st.download_button(
            t("plan.fva_download"), csv_bytes(frame), "override_log.csv", "text/csv", key="w.plan.fva_dl"
        )
