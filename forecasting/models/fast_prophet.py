"""Prophet with the same model and the same numbers, minus the Python overhead around Stan.

Profiling a backtest (``benchmarks/profile_sku.py``) showed Stan itself taking a fifth of a Prophet fit; the
rest was Python around it. Six places are replaced here, each producing what Prophet 1.5 produces (the test
``tests/test_fc/test_backtest_refit.py`` compares them with the stock methods):

- ``make_holiday_features``: the stock loop converts every holiday day with ``pd.to_datetime`` and looks it up
  with ``DatetimeIndex.get_loc``; here a dictionary from day number to row does the lookups and one array
  holds the columns.
- The Stan input: the stock backend turns every array into a Python list, which ``stanio`` then walks element
  by element; handing it the numpy arrays lets it take its vectorised path (same JSON).
- ``regressor_column_matrix``: the component indicator matrix from Python sets instead of a pandas crosstab,
  built in the fit and once more for the first prediction, then reused (it depends on the columns only).
- ``construct_holiday_dataframe``: after the fit, built once instead of at every prediction.
- ``fourier_series``: the seasonal terms from the dates' integer ticks instead of pandas timedelta arithmetic
  (same operations on the same floats, so the same bits).
- ``predict_seasonal_components``: with no uncertainty samples only the additive and multiplicative totals
  are needed for ``yhat``; the stock method builds every component (one per holiday and regressor).

Imported lazily (it imports Prophet); importing this module is the cost of importing Prophet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from prophet import Prophet
from prophet.models import CmdStanPyBackend

__all__ = ["FastProphet"]

_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


class NumpyStanBackend(CmdStanPyBackend):
    """Prophet's cmdstanpy backend, passing numpy arrays to cmdstanpy instead of nested lists."""

    @staticmethod
    def prepare_data(init, data):
        as_array = np.asarray  # keeps each array's dtype, so the JSON is the stock one (s_a, s_m are 0/1 ints)
        cmdstanpy_data = {
            "T": data["T"],
            "S": data["S"],
            "K": data["K"],
            "tau": data["tau"],
            "trend_indicator": data["trend_indicator"],
            "y": as_array(data["y"]),
            "t": as_array(data["t"]),
            "cap": as_array(data["cap"]),
            "t_change": as_array(data["t_change"]),
            "s_a": as_array(data["s_a"]),
            "s_m": as_array(data["s_m"]),
            "X": data["X"].to_numpy(),
            "sigmas": data["sigmas"],
        }
        cmdstanpy_init = {
            "k": init["k"],
            "m": init["m"],
            "delta": as_array(init["delta"]),
            "beta": as_array(init["beta"]),
            "sigma_obs": init["sigma_obs"],
        }
        return cmdstanpy_init, cmdstanpy_data


class FastProphet(Prophet):
    """``prophet.Prophet`` with faster holiday features, Stan input and point predictions."""

    def _load_stan_backend(self, stan_backend):
        if stan_backend not in (None, "CMDSTANPY"):
            return super()._load_stan_backend(stan_backend)
        self.stan_backend = NumpyStanBackend()

    @staticmethod
    def fourier_series(dates, period, series_order):
        """Prophet's Fourier terms computed on the int64 ticks (the stock method goes through pandas
        timedelta arithmetic, 8x slower); the same float operations in the same order, so the same bits."""
        if not (series_order >= 1):
            raise ValueError("series_order must be >= 1")
        values = dates.to_numpy()
        if getattr(dates.dt, "tz", None) is not None or values.dtype.kind != "M":
            return Prophet.fourier_series(dates, period, series_order)
        unit, _ = np.datetime_data(values.dtype)
        if unit not in _PER_SECOND:
            return Prophet.fourier_series(dates, period, series_order)
        t = values.astype("int64") / _PER_SECOND[unit] / (24 * 60 * 60)  # pandas' total_seconds, then days
        x_t = np.pi * 2 * t
        out = np.empty((len(values), 2 * series_order))
        for i in range(series_order):
            c = (i + 1) / period * x_t
            out[:, 2 * i] = np.sin(c)
            out[:, 2 * i + 1] = np.cos(c)
        return out

    def construct_holiday_dataframe(self, dates):
        """After the fit, Prophet rebuilds the same holiday table for every prediction (it depends on the
        dates only through country holidays, which Replenish passes in ``holidays`` instead): built once."""
        if self.country_holidays is not None or self.train_holiday_names is None:
            return super().construct_holiday_dataframe(dates)
        if getattr(self, "_predict_holidays", None) is None:
            self._predict_holidays = super().construct_holiday_dataframe(dates)
        return self._predict_holidays.copy()

    def make_holiday_features(self, dates, holidays):
        """Prophet's holiday columns (``name_delim_+k``), prior scales and names: the day of each holiday row
        and window offset looked up in a dictionary, the columns filled in one array."""
        holiday_ds = pd.to_datetime(holidays["ds"])
        if getattr(dates.dt, "tz", None) is not None or getattr(holiday_ds.dt, "tz", None) is not None:
            return super().make_holiday_features(dates, holidays)  # local dates wanted: the stock method
        day_list = _day_numbers(dates.to_numpy()).tolist()
        row_of = {d: i for i, d in enumerate(day_list)}
        if len(row_of) < len(day_list):  # get_loc would return several rows: keep the stock behaviour
            return super().make_holiday_features(dates, holidays)
        n = dates.shape[0]
        prior_scales: dict[str, float] = {}
        hits: dict[str, list[int]] = {}  # column -> rows set to 1 (every column is created, hit or not)
        names = holidays["holiday"].tolist()
        base_days = _day_numbers(holiday_ds.to_numpy()).tolist()
        windows = _windows(holidays)
        scales = (
            holidays["prior_scale"].astype(float).tolist()
            if "prior_scale" in holidays
            else [float(self.holidays_prior_scale)] * len(names)
        )
        for name, base, (lw, uw), ps in zip(names, base_days, windows, scales, strict=True):
            if np.isnan(ps):
                ps = float(self.holidays_prior_scale)
            if name in prior_scales and prior_scales[name] != ps:
                raise ValueError(f"Holiday {name!r} does not have consistent prior scale specification.")
            if ps <= 0:
                raise ValueError("Prior scale must be > 0")
            prior_scales[name] = ps
            for offset in range(lw, uw + 1):
                rows = hits.setdefault(f"{name}_delim_{'+' if offset >= 0 else '-'}{abs(offset)}", [])
                loc = row_of.get(base + offset)
                if loc is not None:
                    rows.append(loc)
        columns = sorted(hits)
        values = np.zeros((n, len(columns)))
        for j, col in enumerate(columns):
            values[hits[col], j] = 1.0
        features = pd.DataFrame(values, columns=columns) if columns else pd.DataFrame()
        prior_scale_list = [prior_scales[h.split("_delim_")[0]] for h in columns]
        if self.train_holiday_names is None:
            self.train_holiday_names = pd.Series(list(prior_scales.keys()))
        return features, prior_scale_list, list(prior_scales.keys())

    def regressor_column_matrix(self, seasonal_features, modes):
        """Prophet's component indicator matrix, built from Python sets instead of a pandas crosstab; after the
        fit, predictions (same columns, same modes) reuse the one built for the first of them."""
        key = (tuple(seasonal_features.columns), tuple(modes["additive"]), tuple(modes["multiplicative"]))
        memo = getattr(self, "_component_memo", None)
        if self.train_component_cols is not None and memo is not None and memo[0] == key:
            for mode, names in memo[2].items():
                modes[mode][:] = names
            return memo[1].copy(), modes
        component_cols, modes = self._component_matrix(seasonal_features, modes)
        if self.train_component_cols is not None:
            self._component_memo = (key, component_cols.copy(), {m: list(v) for m, v in modes.items()})
        return component_cols, modes

    def _component_matrix(self, seasonal_features, modes):
        pairs = [(col, name.split("_delim_")[0]) for col, name in enumerate(seasonal_features.columns)]

        def add_group(name, group):
            members = set(group)
            cols = dict.fromkeys(col for col, component in pairs if component in members)
            pairs.extend((col, name) for col in cols)

        if self.train_holiday_names is not None:
            add_group("holidays", self.train_holiday_names.unique())
        for mode in ("additive", "multiplicative"):
            add_group(mode + "_terms", modes[mode])
            add_group(
                "extra_regressors_" + mode,
                [r for r, props in self.extra_regressors.items() if props["mode"] == mode],
            )
            modes[mode].append(mode + "_terms")
            modes[mode].append("extra_regressors_" + mode)
        modes[self.holidays_mode].append("holidays")
        names = sorted({component for _, component in pairs})
        position = {name: j for j, name in enumerate(names)}
        cols = sorted({col for col, _ in pairs})
        row = {col: i for i, col in enumerate(cols)}
        matrix = np.zeros((len(cols), len(names)), dtype="int64")
        for col, component in pairs:
            matrix[row[col], position[component]] += 1
        component_cols = pd.DataFrame(
            matrix,
            index=pd.Index(np.asarray(cols, dtype="int64"), name="col"),
            columns=pd.Index(names, name="component"),
        )
        for name in ("additive_terms", "multiplicative_terms"):
            if name not in component_cols:
                component_cols[name] = 0
        component_cols = component_cols.drop(columns="zeros", errors="ignore")
        if max(component_cols["additive_terms"] + component_cols["multiplicative_terms"]) > 1:
            raise Exception("A bug occurred in seasonal components.")  # Prophet's own check
        if self.train_component_cols is not None:
            component_cols = component_cols[self.train_component_cols.columns]
            if not component_cols.equals(self.train_component_cols):
                raise Exception("A bug occurred in constructing regressors.")  # Prophet's own check
        return component_cols, modes

    def predict_seasonal_components(self, df):
        """Only the additive and multiplicative totals when there is no uncertainty to sample."""
        if self.uncertainty_samples:
            return super().predict_seasonal_components(df)
        features, _, component_cols, _ = self.make_all_seasonality_features(df)
        x = features.to_numpy()
        beta = np.asarray(self.params["beta"])
        modes = self.component_modes
        assert modes is not None  # set by fit
        data = {}
        for component in ("additive_terms", "multiplicative_terms"):
            comp = x @ (beta * component_cols[component].to_numpy()).T
            if component in modes["additive"]:
                comp = comp * self.y_scale
            data[component] = np.nanmean(comp, axis=1)
        return pd.DataFrame(data)


def _windows(holidays: pd.DataFrame) -> list[tuple[int, int]]:
    """(lower, upper) window of each holiday row in whole days, as Prophet's loop reads them: ``int`` of each,
    0 where the column is absent, both 0 when either is not a number (its ``except ValueError``)."""
    lower = holidays["lower_window"].tolist() if "lower_window" in holidays else [0] * len(holidays)
    upper = holidays["upper_window"].tolist() if "upper_window" in holidays else [0] * len(holidays)
    out = []
    for lw, uw in zip(lower, upper, strict=True):
        try:
            out.append((int(lw), int(uw)))
        except ValueError:
            out.append((0, 0))
    return out


def _day_numbers(values: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of naive datetime64 values, whatever their resolution (the time of day dropped,
    as ``Timestamp.date()`` drops it)."""
    return values.astype("datetime64[D]").astype("int64")
