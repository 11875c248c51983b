"""The forecasting engine's messages: English templates keyed by stable codes (see ``salesdata.messages``).

Model errors, fallback reasons, the reason a model won, and notes on a run. The interface says them in the
user's language through ``msg.<code>`` in its catalogues; logs and the command line show the English text.
"""

from __future__ import annotations

from typing import ClassVar

from salesdata.messages import Counted, Template
from salesdata.messages import Message as _Message

__all__ = ["MESSAGES", "Message"]

MESSAGES: dict[str, Template] = {
    # a model cannot forecast this series
    "model.too_short": "{model}: needs at least {need} observed periods, has {observed}",
    "model.negative": "{model}: negative sales in the training data",
    "model.not_fitted": "{model}: call fit before predict",
    "model.update_shorter": "{model}: an update needs a longer history of the same series (fitted on {had} periods, given {got})",
    "model.bad_output": "{model}: produced {shape} values or non-finite forecasts",
    "model.no_demand": "no demand in the training data",
    "model.few_rows": "{model}: only {rows} usable rows after lags (needs {need})",
    "model.horizon": "{model}: fitted for {fitted} steps, asked for {asked}",
    "model.no_value": "no observed value to repeat",
    "model.ets_none": "ets: no candidate form could be fitted",
    "model.arima_none": "arima: no order could be fitted",
    "model.arima_likelihood": "arima: the likelihood is not finite",
    "model.global_missing": (
        "LightGBM (whole catalogue): no global model was trained up to {date} (too little catalogue history before it)"
    ),
    "model.no_observed": "no observed period (every period is a stock-out)",
    # analog forecasts of new items
    "analog.no_sales": "no sales for the donor group '{label}'",
    "analog.no_donor": "analog: no donor item or category chosen",
    "analog.short": "analog: the donor '{label}' has too little history before {end}",
    "analog.not_reaching": "analog: the donor '{label}' does not reach {end}",
    "analog.few_periods": "analog: fewer than 7 periods of sales to scale the donor; give a scale",
    # planner overrides
    "override.order": "override {start}..{end}: the end is before the start",
    "override.kind": "override kind must be percent, units or set, not '{kind}'",
    "override.percent": "override of {value}% would make the forecast negative",
    "override.negative": "an override cannot set a negative forecast ({value})",
    "override.no_model": "model '{model}' has no forecast to adjust",
    # where a model failed during a run (the model fell back to seasonal naive there)
    "fail.select": "choosing the form: {kind}: {detail}",
    "fail.fold": "fold ending {date}: {kind}: {detail}",
    "fail.final": "final fit: {kind}: {detail}",
    "fail.history": "needs {need} observed periods, has {observed}",
    "fail.sku": "{kind}: {detail}",
    "fail.worker": ("the forecasting process stopped while running this SKU ({kind}); the other SKUs are not affected"),
    # why a model was chosen
    "best.analog": "too little history for a backtest; shape borrowed from {donor}",
    "best.none": "no model has a {metric}; the fallback (seasonal naive) is used",
    "best.lowest": Counted(
        "lowest {metric} over {folds} backtest fold ({value:.3f})",
        "lowest {metric} over {folds} backtest folds ({value:.3f})",
        "folds",
    ),
    "best.core": Counted(
        "median of {members}, the combination that held out best on real catalogues (benchmarks/README.md); "
        "{metric} {value:.3f} over {folds} backtest fold",
        "median of {members}, the combination that held out best on real catalogues (benchmarks/README.md); "
        "{metric} {value:.3f} over {folds} backtest folds",
        "folds",
    ),
    "best.combination": Counted(
        "{how} of {members}, the best {metric} over {folds} backtest fold ({value:.3f})",
        "{how} of {members}, the best {metric} over {folds} backtest folds ({value:.3f})",
        "folds",
    ),
    "best.combination_kept": (
        "{reason}; no single model beat it by the margin on most folds ({model}, the best alone, did on {wins} of "
        "{folds})"
    ),
    "best.single_majority": (
        "{model} beat the combination by the margin on {wins} of {folds} backtest folds and on average "
        "({metric} {value:.3f} against {ensemble:.3f})"
    ),
    "best.single_margin": Counted(
        "{model} beat the combination by the margin over {folds} backtest fold "
        "({metric} {value:.3f} against {ensemble:.3f})",
        "{model} beat the combination by the margin on average over {folds} backtest folds "
        "({metric} {value:.3f} against {ensemble:.3f})",
        "folds",
    ),
    "best.short_history": ("no backtest fold fits the history: for {demand_class} demand, the mean of {members}"),
    "best.short_history_one": "no backtest fold fits the history: for {demand_class} demand, {model}",
    "demand.smooth": "smooth",
    "demand.erratic": "erratic",
    "demand.intermittent": "intermittent",
    "demand.lumpy": "lumpy",
    "demand.unknown": "unclassified",
    "how.median": "median",
    "how.mean": "mean",
    "how.inverse": "inverse-error weighted mean",
    "best.skill": "{reason}, {skill:+.0%} against seasonal naive ({snaive:.3f})",
    # notes on a run
    "note.folds": Counted(
        "history of {n} periods allows {possible} of {folds} backtest fold of {h} periods "
        "(it needs {min_train} training periods)",
        "history of {n} periods allows {possible} of {folds} backtest folds of {h} periods "
        "(each needs {min_train} training periods)",
        "folds",
    ),
    "note.future_driver": Counted(
        "future {column}: no plan for {n} future period, assumed {value:g}",
        "future {column}: no plan for {n} future periods, assumed {value:g}",
    ),
    "note.planned_ignored": "planned {column} ignored: the sales history has no {column} to learn its effect from",
    "note.tuned": "tuned {model}: {shown} (best inner MAE {score:.2f} of {tried} candidates)",
    "note.refit_first": (
        "backtest estimated once, at the first cutoff (refit off): the later folds carry that fit forward, "
        "so their errors come from older parameters"
    ),
    "note.global_missing": (
        "LightGBM (whole catalogue) learns from every SKU of the catalogue: a series forecast on its own, without "
        "its catalogue, cannot have it"
    ),
    "note.planned_closed": Counted(
        "{n} period planned closed between {first} and {last} (the plan's open/closed column): forecast as "
        "zero, or as its open share",
        "{n} periods planned closed between {first} and {last} (the plan's open/closed column): forecast as "
        "zero, or as their open share",
    ),
    "note.closed_days": (
        "never sold on {days} while selling on the other days: read as closed, left out of fitting and scoring, "
        "and forecast as zero"
    ),
    "note.no_ensemble": "ensemble skipped: fewer than two models have backtest scores",
    "note.no_backtest": "no backtest was possible: intervals of models without their own are missing",
}


class Message(_Message):
    """A forecasting message: English text with its code and parameters."""

    catalogue: ClassVar[dict[str, Template]] = MESSAGES
