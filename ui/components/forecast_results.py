"""The forecast results panel: leaderboard, chart, residuals, importance and downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from forecasting.calendars import event_frame
from forecasting.frames import to_long
from salesdata import csv_bytes
from ui import charts
from ui.components.translated import translated
from ui.core.i18n import date_format, fmt_pct, msg, t
from ui.core.text import md
from ui.data.planning import sku_title

__all__ = ["forecast_results"]


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

    metric = result.metric
    model_names = {m: t(f"model.{m}") for m in result.metrics["model"]}
    best = result.best_model
    table = result.metrics.set_index("model")
    if best in table.index and pd.notna(table.loc[best, metric]):
        skill = table.loc[best, "skill_vs_snaive"]
        skill_text = ""
        if pd.notna(skill):
            skill_text = t("fc.skill_better" if skill >= 0 else "fc.skill_worse", skill=fmt_pct(abs(skill)))
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
    st.dataframe(styled, hide_index=True, column_config=config, placeholder="–")

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
                "cutoff": st.column_config.DateColumn(t("fc.col.cutoff"), format=date_format()),
            }
            st.dataframe(folds.drop(columns=["model"]), hide_index=True, column_config=fold_config, placeholder="–")
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
