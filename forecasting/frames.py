"""The one place where forecast frames change shape.

In code, frames are wide by model alias: ``unique_id, ds, <model>, <model>-lo-80, <model>-hi-80, ...``
(backtests add ``cutoff`` and ``y``). In files they are long: ``unique_id, [cutoff,] ds, [y,] model, yhat,
lo_80, hi_80, ...``, one row per model and date.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["model_columns", "to_long", "to_wide"]

_BOUND = re.compile(r"^(?P<model>.+)-(?P<side>lo|hi)-(?P<level>\d+)$")
KEYS = ("unique_id", "cutoff", "ds", "y")


def model_columns(wide: pd.DataFrame) -> list[str]:
    """Model aliases present in a wide frame, in column order."""
    return [c for c in wide.columns if c not in KEYS and not _BOUND.match(c)]


def to_long(wide: pd.DataFrame, levels: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Wide by model -> long by model.

    >>> w = pd.DataFrame({"unique_id": ["a"], "ds": [pd.Timestamp("2024-01-01")], "ets": [5.0],
    ...                   "ets-lo-80": [3.0], "ets-hi-80": [7.0]})
    >>> to_long(w).to_dict("records")[0]["lo_80"]
    3.0
    """
    keys = [k for k in KEYS if k in wide.columns]
    models = model_columns(wide)
    if levels is None:
        found = {int(m.group("level")) for c in wide.columns if (m := _BOUND.match(c))}
        levels = tuple(sorted(found))
    parts = []
    for model in models:
        part = wide[keys].copy()
        part["model"] = model
        part["yhat"] = wide[model].to_numpy()
        for level in levels:
            for side in ("lo", "hi"):
                col = f"{model}-{side}-{level}"
                part[f"{side}_{level}"] = wide[col].to_numpy() if col in wide else float("nan")
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=[*keys, "model", "yhat"])
    out = pd.concat(parts, ignore_index=True)
    order = [k for k in keys if k != "y"]
    return out.sort_values([*order, "model"], kind="stable").reset_index(drop=True)


def to_wide(long: pd.DataFrame) -> pd.DataFrame:
    """Long by model -> wide by model (inverse of :func:`to_long`)."""
    keys = [k for k in KEYS if k in long.columns and k != "y"]
    bounds = [c for c in long.columns if re.match(r"^(lo|hi)_\d+$", c)]
    # unstack keeps only the key combinations that exist (a pivot would cross every cutoff with every date).
    wide = long.drop_duplicates([*keys, "model"]).set_index([*keys, "model"])[["yhat", *bounds]].unstack("model")
    out = pd.DataFrame(index=wide.index)
    for model in dict.fromkeys(long["model"]):
        out[model] = wide[("yhat", model)]
        for b in bounds:
            side, level = b.split("_")
            out[f"{model}-{side}-{level}"] = wide[(b, model)]
    out = out.reset_index()
    if "y" in long.columns:
        ys = long.drop_duplicates(keys)[[*keys, "y"]]
        out = out.merge(ys, on=keys, how="left")
    return out
