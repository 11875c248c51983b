"""Choosing a SKU's forecast from its backtest: the rules, the combination, and the nested protocol in which
the fold that judges a rule never takes part in the choice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.engine import ForecastConfig, forecast_series
from forecasting.selection import RULES, choose, combination, combination_backtest, combine, nested, rank
from tests.test_fc.helpers import intermittent, series, weekly_pattern


def scores(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_rank_orders_by_mean_score_and_breaks_ties_by_name():
    table = scores(ets=[0.8, 1.0], arima=[0.9, 0.9], ma=[1.2, np.nan], ensemble=[0.1, 0.1])
    ranked = rank(table)
    assert list(ranked.index) == ["arima", "ets", "ma"]  # 0.9 = 0.9: by name; the ensemble is not a candidate
    assert ranked["ma"] == 1.2  # a fold without a score is skipped, not counted as zero


def test_inverse_weights_are_proportional_to_the_inverse_score_and_sum_to_one():
    members, weights = combination(scores(a=[0.5], b=[1.0], c=[2.0], d=[4.0]), k=3, how="inverse")
    assert members == ("a", "b", "c")
    # 1/0.5 : 1/1 : 1/2 = 2 : 1 : 0.5, over 3.5
    assert weights == pytest.approx((2 / 3.5, 1 / 3.5, 0.5 / 3.5))
    assert combine({"a": np.array([7.0]), "b": np.array([0.0]), "c": np.array([0.0])}, members, weights, "inverse")[
        0
    ] == pytest.approx(4.0)


def test_median_combination_ignores_one_wild_member():
    means = {"a": np.array([10.0]), "b": np.array([11.0]), "c": np.array([500.0])}
    assert combine(means, ("a", "b", "c"), (1 / 3,) * 3, "median")[0] == 11.0


def test_the_combination_of_a_fold_is_chosen_on_earlier_folds_only():
    fold_means = {
        "a": [np.array([1.0]), np.array([1.0]), np.array([1.0])],
        "b": [np.array([2.0]), np.array([2.0]), np.array([2.0])],
        "c": [np.array([9.0]), np.array([9.0]), np.array([9.0])],
    }
    table = scores(a=[0.5, 0.5, 5.0], b=[0.6, 0.6, 0.1], c=[3.0, 3.0, 0.1])
    means, members = combination_backtest(fold_means, table, k=2, how="mean", first=["a", "b", "c"])
    assert members[0] == ("a", "b", "c")  # no earlier fold: every candidate
    assert members[2] == ("a", "b")  # fold 3's own scores (where c is best) do not count
    assert means[2][0] == pytest.approx(1.5)


def test_nested_protocol_never_lets_the_judged_fold_choose():
    fold_means = {m: [np.array([v])] * 3 for m, v in (("a", 1.0), ("b", 2.0), ("c", 3.0))}
    table = scores(a=[0.5, 0.5, 9.0], b=[0.9, 0.9, 0.2], c=[1.0, 1.0, 0.1])
    for rule in RULES:
        choice, forecast = nested(fold_means, table, 2, lambda j, f: 0.0, rule, k=2)
        changed = table.copy()
        changed.loc[2] = [0.1, 9.0, 9.0]  # the judged fold's scores turned upside down
        again, forecast_again = nested(fold_means, changed, 2, lambda j, f: 0.0, rule, k=2)
        assert choice == again and forecast_again == pytest.approx(forecast), rule
        assert choice.folds == 2


def test_majority_keeps_the_combination_unless_one_model_wins_most_folds_by_the_margin():
    # ets beats the combination by more than 10% on one fold of three only: the combination stays.
    table = scores(ets=[0.5, 1.0, 1.0], arima=[0.9, 0.9, 0.9], ma=[1.1, 1.0, 1.0], ensemble=[0.9, 0.95, 0.95])
    choice = choose(table, "majority", k=3, margin=0.10)
    assert choice.model == "ensemble" and choice.wins == 1 and choice.folds == 3
    # The mean-margin rule takes ets: its mean (0.833) is more than 10% below the combination's (0.933).
    assert choose(table, "margin", k=3, margin=0.10).model == "ets"
    # Winning on two folds of three and on the mean: ets.
    table["ets"] = [0.5, 0.6, 1.0]
    choice = choose(table, "majority", k=3, margin=0.10)
    assert choice.model == "ets" and choice.wins == 2
    assert choose(table, "best").model == "ets"


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown selection rule"):
        choose(scores(a=[1.0]), "luck")


def test_engine_records_the_rule_and_the_folds_of_its_choice():
    data = series(weekly_pattern(300, noise=2.0))
    config = ForecastConfig(horizon=14, folds=3, models=("naive", "snaive", "ma", "ets", "theta", "ensemble"))
    result = forecast_series(data, config)
    # The default rule: the median of the core models the run has (ETS and Theta here), on every fold too.
    assert result.choice is not None and result.choice.folds == 3
    assert (result.choice.rule, result.choice.model, result.choice.members) == ("core", "ensemble", ("ets", "theta"))
    assert result.best_model == "ensemble"
    assert "3 backtest folds" in str(result.best_reason)
    expected = np.median([result.forecast["ets"].to_numpy(), result.forecast["theta"].to_numpy()], axis=0)
    np.testing.assert_allclose(result.forecast["ensemble"].to_numpy(), expected)
    bt = result.backtest
    np.testing.assert_allclose(bt["ensemble"], (bt["ets"] + bt["theta"]) / 2)
    # Without the core, the median of the top 3 by backtest score, ranked on earlier folds only.
    other = forecast_series(data, ForecastConfig(horizon=14, folds=3, models=("naive", "snaive", "ma", "ensemble")))
    assert other.choice.rule == "median" and len(other.choice.members) == 3
    # A rule that may pick a single model says so.
    majority = forecast_series(data, config.__class__(**{**config.__dict__, "selection": "majority"}))
    assert majority.choice.rule == "majority" and majority.best_model == majority.choice.model


def test_a_history_too_short_for_any_fold_is_forecast_by_its_demand_class():
    # 14 months of sporadic demand, horizon 6: no fold has the 12 training months it needs.
    y = intermittent(14, p=0.3, size=5.0, seed=3)
    y[0] = 4.0
    data = series(y, freq="M")
    result = forecast_series(data, ForecastConfig(horizon=6, folds=3, models=("auto",)), demand_class="lumpy")
    assert result.best_model == "ensemble"
    assert result.choice.members == ("sba", "tsb", "imapa") and result.choice.folds == 0
    expected = np.mean([result.forecast[m].to_numpy() for m in ("sba", "tsb", "imapa")], axis=0)
    np.testing.assert_allclose(result.forecast["ensemble"].to_numpy(), expected)
    assert "lumpy demand" in str(result.best_reason)
    # A smooth SKU as short gets the level methods instead.
    smooth = series(20 + np.arange(14) % 3, freq="M")
    result = forecast_series(smooth, ForecastConfig(horizon=6, folds=3, models=("auto",)), demand_class="smooth")
    assert result.best_model == "ensemble" and set(result.choice.members) <= {"ma", "ets", "theta"}
    assert len(result.choice.members) >= 2


def test_auto_runs_the_core_and_baselines_and_takes_what_is_named_beside_it():
    from forecasting.engine import _model_list, auto_models

    smooth = auto_models("smooth")
    assert {"ets", "theta", "arima", "lgbm", "ensemble", "snaive"} <= set(smooth)
    assert "prophet" not in smooth and "hgb" not in smooth  # weak held out and the costliest: on request only
    assert {"croston", "sba", "tsb", "adida", "imapa"} <= set(auto_models("lumpy"))
    named = _model_list(ForecastConfig(models=("auto", "prophet")), "smooth")
    assert "prophet" in named and set(smooth) <= set(named)
