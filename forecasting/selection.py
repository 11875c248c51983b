"""How a SKU's forecast is chosen from its backtest, and the nested protocol that judges the rules.

A rule sees a table of backtest scores (one row per fold, oldest first; one column per model; lower is better)
and returns a :class:`Choice`: one model, or a combination of the best-ranked models with their weights.
Combinations are ranked on the mean score over the folds the rule may see.

Rules (``RULES``):

- ``best``: the model with the lowest mean score.
- ``median``: the median of the top ``k`` models' forecasts.
- ``mean``: their mean.
- ``inverse``: their mean weighted by the inverse of each model's mean score.
- ``margin``: the combination, unless a single model's mean score beats the combination's by more than
  ``margin`` (the engine's rule until 2026-12).
- ``majority``: the combination, unless one model beats it by ``margin`` on most folds and on the mean.
- ``core``: the median of a fixed core of models (``CORE``: ETS, Theta, ARIMA and the catalogue's global model,
  those of them the run has), whatever the backtest says; the per-SKU ranking decides only when fewer than two
  core models ran.

A per-SKU winner on three or four folds is noisy: the fold it scored best on is often its luckiest. The
nested protocol (:func:`nested`) therefore never lets the fold that judges a rule take part in the
choice: for each judged fold, the rule sees only the folds before it, and the combination's own score on an
earlier fold uses members ranked on the folds before that one. ``benchmarks/bench_accuracy_uci.py`` runs it on
the UCI panels; the default (``DEFAULT_RULE``) is the rule that won there (see benchmarks/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "COMBINATIONS",
    "CORE",
    "DEFAULT_RULE",
    "RULES",
    "Choice",
    "choose",
    "combination",
    "combination_backtest",
    "combine",
    "nested",
    "rank",
]

COMBINATIONS = ("median", "mean", "inverse")
RULES = ("best", *COMBINATIONS, "margin", "majority", "core")
DEFAULT_RULE = "core"
CORE = ("ets", "theta", "arima", "lgbm")
ENSEMBLE = "ensemble"


@dataclass(frozen=True)
class Choice:
    """What a rule chose.

    Attributes
    ----------
    model : str
        The model whose forecast is used: a single model's slug, or ``ensemble`` for a combination.
    members : tuple[str, ...]
        The combination's members, best first (the single model alone otherwise).
    weights : tuple[float, ...]
        Each member's weight (summing to one; equal for the median and the mean).
    how : str
        ``median``, ``mean`` or ``inverse`` for a combination; ``single`` otherwise.
    rule : str
        The rule that chose.
    folds : int
        How many backtest folds the choice was made on.
    wins : int
        For ``majority`` and ``margin``: on how many of those folds the best single model beat the combination
        by the margin.
    """

    model: str
    members: tuple[str, ...]
    weights: tuple[float, ...]
    how: str
    rule: str
    folds: int
    wins: int = 0


def rank(scores: pd.DataFrame, exclude: Sequence[str] = (ENSEMBLE,)) -> pd.Series:
    """Mean score per model over the rows given, lowest first (ties by name); models without a score dropped."""
    cols = [c for c in scores.columns if c not in exclude]
    means = scores[cols].mean(axis=0, skipna=True).dropna()
    order = sorted(means.index, key=lambda m: (means[m], m))
    return means[order]


def _weights(ranked: pd.Series, k: int, how: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    top = ranked.iloc[:k]
    if how == "inverse":
        raw = 1.0 / np.maximum(top.to_numpy(dtype="float64"), 1e-9)
        w = raw / raw.sum()
    else:
        w = np.full(len(top), 1.0 / max(1, len(top)))
    return tuple(str(m) for m in top.index), tuple(float(v) for v in w)


def core_members(available) -> tuple[str, ...]:
    """The core models among ``available``, in ``CORE`` order."""
    have = set(available)
    return tuple(m for m in CORE if m in have)


def combination(
    scores: pd.DataFrame, k: int = 3, how: str = "median", rule: str = "median"
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The combination's members and weights: the core models for ``rule="core"`` (when two or more have
    scores), otherwise the top ``k`` by mean score over every row of ``scores``."""
    ranked = rank(scores)
    if rule == "core" and len(core := core_members(ranked.index)) >= 2:
        return core, tuple(1 / len(core) for _ in core)
    return _weights(ranked, k, how)


def combine(means: Mapping[str, np.ndarray], members: Sequence[str], weights: Sequence[float], how: str) -> np.ndarray:
    """The combined forecast of ``members`` (arrays of the same length)."""
    stack = np.array([means[m] for m in members], dtype="float64")
    if how == "median":
        return np.median(stack, axis=0)
    return np.asarray(weights, dtype="float64") @ stack


def combination_backtest(
    fold_means: Mapping[str, Sequence[np.ndarray]],
    scores: pd.DataFrame,
    k: int,
    how: str,
    first: Sequence[str] | None = None,
    rule: str = "median",
) -> tuple[list[np.ndarray], list[tuple[str, ...]]]:
    """The combination's forecast on each fold, its members ranked on the folds before that one only.

    The first fold has no earlier fold: its members are ``first`` (every model when None), equally weighted.
    With ``rule="core"`` the members are the core models on every fold (nothing to rank).
    """
    out, chosen = [], []
    n = len(scores)
    core = core_members(c for c in scores.columns if c in fold_means and scores[c].notna().any())
    for j in range(n):
        if rule == "core" and len(core) >= 2:
            members, weights, how_j = core, tuple(1 / len(core) for _ in core), "median"
        elif j == 0:
            members = tuple(first if first is not None else [c for c in scores.columns if c != ENSEMBLE])
            members = tuple(m for m in members if m in fold_means)
            weights = tuple(1.0 / len(members) for _ in members)
            how_j = "median" if how == "median" else "mean"
        else:
            members, weights = _weights(rank(scores.iloc[:j]), k, how)
            how_j = how
        out.append(combine({m: fold_means[m][j] for m in members}, members, weights, how_j))
        chosen.append(members)
    return out, chosen


def choose(
    scores: pd.DataFrame,
    rule: str = DEFAULT_RULE,
    *,
    k: int = 3,
    how: str = "median",
    margin: float = 0.10,
) -> Choice:
    """Apply ``rule`` to a SKU's backtest scores (rows: folds, oldest first; columns: models, and ``ensemble``
    with the combination's own fold scores where the rule needs them)."""
    if rule not in RULES:
        raise ValueError(f"unknown selection rule '{rule}'; known: {', '.join(RULES)}")
    n = len(scores)
    ranked = rank(scores)
    if ranked.empty:
        raise ValueError("no model has a backtest score")
    best = str(ranked.index[0])
    if rule == "best" or len(ranked) < 2:
        return Choice(best, (best,), (1.0,), "single", rule, n)
    if rule == "core":
        core = core_members(ranked.index)
        if len(core) >= 2:
            return Choice(ENSEMBLE, core, tuple(1 / len(core) for _ in core), "median", rule, n)
        rule = "median"
    combo_how = rule if rule in COMBINATIONS else how
    members, weights = _weights(ranked, k, combo_how)
    combo = Choice(ENSEMBLE, members, weights, combo_how, rule, n)
    if rule in COMBINATIONS:
        return combo
    ens = scores[ENSEMBLE] if ENSEMBLE in scores else pd.Series(np.nan, index=scores.index)
    if not np.isfinite(ens.to_numpy(dtype="float64")).any():
        return combo
    single = scores[best].to_numpy(dtype="float64")
    ens_v = ens.to_numpy(dtype="float64")
    beats = np.isfinite(single) & np.isfinite(ens_v) & (single < ens_v * (1 - margin))
    wins = int(beats.sum())
    mean_single, mean_ens = float(np.nanmean(single)), float(np.nanmean(ens_v))
    if rule == "margin":
        take_single = mean_single < mean_ens * (1 - margin)
    else:  # majority
        take_single = wins * 2 > n and mean_single < mean_ens * (1 - margin)
    if take_single:
        return Choice(best, (best,), (1.0,), "single", rule, n, wins)
    return Choice(ENSEMBLE, members, weights, combo_how, rule, n, wins)


def nested(
    fold_means: Mapping[str, Sequence[np.ndarray]],
    scores: pd.DataFrame,
    judged: int,
    score: Callable[[int, np.ndarray], float],
    rule: str = DEFAULT_RULE,
    *,
    k: int = 3,
    how: str = "median",
    margin: float = 0.10,
    first: Sequence[str] | None = None,
) -> tuple[Choice, np.ndarray]:
    """The nested protocol for one SKU: ``rule`` chooses on the folds before ``judged`` only, and the choice's
    forecast for fold ``judged`` is returned to be scored there.

    ``fold_means[model][j]`` is the model's forecast of fold j, ``scores`` the single models' fold scores (rows
    as folds), ``score(j, forecast)`` scores a forecast of fold j (the combination's own earlier-fold scores,
    which ``margin`` and ``majority`` compare against, come from it).
    """
    if judged < 1:
        raise ValueError("the nested protocol needs at least one fold before the judged one")
    seen = scores.iloc[:judged].drop(columns=[ENSEMBLE], errors="ignore").copy()
    if rule in ("margin", "majority"):
        means, _ = combination_backtest({m: list(v[:judged]) for m, v in fold_means.items()}, seen, k, how, first)
        seen[ENSEMBLE] = [score(j, f) for j, f in enumerate(means)]
    choice = choose(seen, rule, k=k, how=how, margin=margin)
    forecast = combine({m: fold_means[m][judged] for m in choice.members}, choice.members, choice.weights, choice.how)
    return choice, forecast
