"""ETS and ARIMA (statsmodels), each choosing its form once per SKU by AICc.

Both fit on log1p(sales) by default (retail series carry bulk-order spikes; on the log scale the fit follows
the bulk and forecasts map back to the median) and return to units with expm1; ``transform="none"`` fits raw
units.

ETS: additive errors; trend none, additive or damped additive; seasonality none or additive with the
frequency's period (7 days, 52 weeks, 12 months) when two seasons of data exist. Censored periods are
interpolated first, as the state-space recursions need a value in every period. Estimated by maximum
likelihood with the initial states concentrated out (``forecasting.models.ets_fast``, compiled by numba);
statsmodels' ``ETSModel`` then gives the forecasts and prediction intervals.

ARIMA: regression with ARIMA errors. Weekly and yearly cycles enter as Fourier regressors (never as m = 52
or 365 seasonal terms), with event windows, holidays, promotion and log price. The ARIMA order comes from a
stepwise search in the spirit of Hyndman & Khandakar (2008): d from repeated KPSS tests (for monthly data
with three years, also a seasonal difference D when the STL seasonal strength exceeds 0.64, as R's nsdiffs
does); starting from ARIMA(2,d,2), (0,d,0), (1,d,0), (0,d,1) (with seasonal (1,D,1) ... (0,D,1) terms for
months), then moving p, q (and P, Q) by one while AICc improves, within p, q <= 2, P, Q <= 1 and a budget
of fits. As auto.arima does for long series (``approximation = TRUE``), the non-seasonal search scores each
candidate by conditional sum of squares (CSS: one linear filter per evaluation), and only the chosen order is
fitted by exact maximum likelihood (Kalman filter), starting from its CSS estimates. Censored periods are
missing values, which the Kalman filter skips (the CSS search uses the interpolated series). Non-seasonal
orders are estimated with a compiled exact likelihood (``forecasting.models.arima_fast``); statsmodels'
``SARIMAX`` gives the forecasts and prediction intervals at the estimates.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager

import numpy as np
import pandas as pd

from forecasting.base import FitContext, Forecaster, ForecastError, SeriesData
from forecasting.features import design
from forecasting.messages import Message

__all__ = ["ARIMA", "ETS"]


@contextmanager
def _quiet():
    """statsmodels warns about convergence on many short retail series; the AICc decides instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


class ETS(Forecaster):
    """Exponential smoothing state-space model (statsmodels ETSModel), form chosen by AICc."""

    alias = "ets"
    family = "statistical"
    native_intervals = True
    min_train = 8

    def __init__(
        self,
        trend: str | None = "auto",
        damped: bool = False,
        seasonal: str | None = "auto",
        transform: str = "log1p",
        start_params: tuple[float, ...] | None = None,
    ) -> None:
        self.trend = trend
        self.damped = damped
        self.seasonal = seasonal
        self.transform = transform
        self.start_params = start_params

    def _candidates(self, data: SeriesData) -> list[tuple[str | None, bool, str | None]]:
        m = data.season_length
        seasonal_ok = len(data) >= 2 * m + 4
        trends = [(None, False), ("add", False), ("add", True)] if self.trend == "auto" else [(self.trend, self.damped)]
        seasons = ([None, "add"] if seasonal_ok else [None]) if self.seasonal == "auto" else [self.seasonal]
        return [(t, d, s) for t, d in trends for s in seasons if s is None or seasonal_ok]

    @staticmethod
    def _model(y: pd.Series, m: int, trend, damped, seasonal):
        from forecasting.models import stock_fits

        if stock_fits():
            from statsmodels.tsa.exponential_smoothing.ets import ETSModel as LeanETSModel
        else:
            from forecasting.models.statsmodels_fast import LeanETSModel

        return LeanETSModel(
            y,
            error="add",
            trend=trend,
            damped_trend=damped,
            seasonal=seasonal,
            seasonal_periods=m if seasonal else None,
            initialization_method="estimated",
        )

    @staticmethod
    def _estimate(y: np.ndarray, m: int, trend, damped, seasonal, start_params=None) -> tuple[np.ndarray, float]:
        """Maximum-likelihood parameters (statsmodels' order) and log-likelihood, initial states concentrated
        out (``forecasting.models.ets_fast``); with ``stock_fits()``, statsmodels' own ``ETSModel.fit``."""
        from forecasting.models import stock_fits
        from forecasting.models.ets_fast import EtsSpec, fit_ets

        spec = EtsSpec(trend, damped, seasonal, m)
        if stock_fits():
            model = ETS._model(pd.Series(y), m, trend, damped, seasonal)
            with _quiet():
                res = model.fit(disp=False, maxiter=200, start_params=start_params)
            return np.asarray(res.params), float(res.llf)
        fits = start_params is not None and len(start_params) == spec.n_params
        start = spec.weights_from_params(start_params) if fits else None
        return fit_ets(y, spec, start=start)

    def select(self, data: SeriesData, context: FitContext) -> ETS:
        """The form with the lowest AICc. Each candidate is estimated by ``_estimate`` (no results object, whose
        numerical Hessian the choice does not need); the winner's parameters start the refits."""
        from statsmodels.tools.eval_measures import aic, aicc

        from forecasting.models.ets_fast import EtsSpec

        y = _forward(data.y_filled(), self.transform)
        best, best_ic, best_params = None, np.inf, None
        for trend, damped, seasonal in self._candidates(data):
            try:
                params, llf = self._estimate(y, data.season_length, trend, damped, seasonal)
            except (ValueError, np.linalg.LinAlgError, ZeroDivisionError):
                continue
            # The free parameters and the error variance, counted as ETSResults counts them.
            k = EtsSpec(trend, damped, seasonal, data.season_length).n_params + 1
            nobs = len(y)
            ic = aicc(llf, nobs, k) if nobs - k - 1 > 0 else aic(llf, nobs, k)
            if np.isfinite(ic) and ic < best_ic:
                best, best_ic, best_params = (trend, damped, seasonal), ic, params
        if best is None or best_params is None:
            raise ForecastError(Message("model.ets_none"))
        return ETS(
            trend=best[0],
            damped=best[1],
            seasonal=best[2],
            transform=self.transform,
            start_params=tuple(float(v) for v in best_params),
        )

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        spec = self if self.trend != "auto" and self.seasonal != "auto" else self.select(data, context)
        seasonal = spec.seasonal if len(data) >= 2 * data.season_length + 4 else None
        self.form_ = (spec.trend, spec.damped, seasonal)
        y = _forward(data.y_filled(), self.transform)
        params, _ = self._estimate(y, data.season_length, spec.trend, spec.damped, seasonal, spec.start_params)
        model = self._model(pd.Series(y), data.season_length, spec.trend, spec.damped, seasonal)
        with _quiet():
            self.result_ = model.smooth(params)

    def update(self, data: SeriesData) -> ETS:
        """The estimated parameters (smoothing weights and initial states) kept; the states are run through
        the longer history (statsmodels ``ETSModel.smooth``)."""
        moved = self._moved(data)
        trend, damped, seasonal = self.form_
        model = self._model(
            pd.Series(_forward(data.y_filled(), self.transform)), data.season_length, trend, damped, seasonal
        )
        with _quiet():
            moved.result_ = model.smooth(np.asarray(self.result_.params))
        return moved

    def _predict(self, h, future_exog, levels):
        n = self.n_train_ if hasattr(self, "n_train_") else len(self.result_.model.endog)
        with _quiet():
            pred = self.result_.get_prediction(start=n, end=n + h - 1)
            out = {"mean": _inverse(np.asarray(pred.predicted_mean), self.transform)}
            for level in levels:
                bounds = np.asarray(pred.pred_int(alpha=1 - level / 100))  # what summary_frame tabulates
                out[f"lo-{level}"] = _inverse(bounds[:, 0], self.transform)
                out[f"hi-{level}"] = _inverse(bounds[:, 1], self.transform)
        return out

    def describe(self) -> str:
        trend, damped, seasonal = self.form_
        t = "N" if trend is None else ("Ad" if damped else "A")
        return f"ETS(A,{t},{'A' if seasonal else 'N'})"


def _forward(y: np.ndarray, transform: str) -> np.ndarray:
    """Fit scale: log1p damps the spikes of retail sales (bulk orders), so least squares follows the bulk."""
    return np.log1p(np.clip(y, 0, None)) if transform == "log1p" else np.asarray(y, dtype="float64")


def _inverse(values: np.ndarray, transform: str) -> np.ndarray:
    """Back to units. On the log1p scale the mean maps to the median of sales, which MAE-type scores reward."""
    return np.expm1(np.clip(values, -50, 50)) if transform == "log1p" else values


def _ndiffs(y: np.ndarray, max_d: int = 2) -> int:
    """Differences needed for stationarity by repeated KPSS tests at 5% (as R's forecast::ndiffs)."""
    from statsmodels.tsa.stattools import kpss

    d = 0
    x = y.copy()
    while d < max_d and len(x) > 10 and np.std(x) > 0:
        with _quiet():
            _, pvalue, _, _ = kpss(x, regression="c", nlags="auto")
        if pvalue >= 0.05:
            break
        x = np.diff(x)
        d += 1
    return d


def _varies(col: np.ndarray) -> bool:
    """``Series.std() > 0`` computed as pandas computes it (NaN skipped, ddof 1: the mean of the values
    present, the squared deviations summed), without a Series per column."""
    missing = np.isnan(col)
    n = int(col.size - missing.sum())
    if n < 2:
        return False
    present = np.where(missing, 0.0, col)
    squares = (present.sum() / n - present) ** 2
    squares[missing] = 0.0
    return bool(squares.sum() / (n - 1) > 0)


def _css_fit(z: np.ndarray, p: int, q: int) -> tuple[float, np.ndarray]:
    """ARMA(p, q) without constant by conditional sum of squares: the AICc and the estimates (ar..., ma...).

    The one-step errors come from a linear filter e = (phi(B) / theta(B)) z, conditioned on the first p
    values (Box & Jenkins; R's ``arima(method = "CSS")``). The log-likelihood is the Gaussian one at the CSS
    variance, so candidates of different orders compare on the same n; the variance counts as a parameter.
    """
    from scipy.optimize import least_squares

    from forecasting.models.arima_fast import css_errors, css_jacobian

    n_eff = len(z) - p
    k = p + q + 1
    z = np.ascontiguousarray(z, dtype=np.float64)

    if q > 2:
        raise ValueError("The CSS search checks MA invertibility for at most two terms.")
    if p + q == 0:
        params = np.zeros(0)
        sse = float(np.sum(z**2))
    else:
        # Errors and their forward-difference Jacobian compiled (``arima_fast``): the numbers scipy's
        # ``lfilter`` and ``least_squares`` would compute, without a Python call per column.
        fit = least_squares(css_errors, np.full(p + q, 0.1), jac=css_jacobian, args=(z, p), method="trf", max_nfev=200)
        params, sse = fit.x, float(np.sum(fit.fun**2))
    if n_eff - k - 1 <= 0 or sse <= 0:
        return np.inf, params
    sigma2 = sse / n_eff
    llf = -0.5 * n_eff * (np.log(2 * np.pi * sigma2) + 1)
    aicc = -2 * llf + 2 * k + 2 * k * (k + 1) / (n_eff - k - 1)
    return float(aicc), params


def _seasonal_strength(y: np.ndarray, m: int) -> float:
    """STL seasonal strength F_s = max(0, 1 - Var(R) / Var(S + R)) (Wang, Smith & Hyndman 2006)."""
    from statsmodels.tsa.seasonal import STL

    if len(y) < 2 * m + 1 or np.std(y) == 0:
        return 0.0
    res = STL(y, period=m, robust=True).fit()
    denom = np.var(res.seasonal + res.resid)
    return float(max(0.0, 1 - np.var(res.resid) / denom)) if denom > 0 else 0.0


class ARIMA(Forecaster):
    """Regression with ARIMA errors, order chosen by a bounded stepwise AICc search.

    Estimated in two steps for speed: least squares of sales on the regressors (Fourier terms, events,
    holidays, promotion, log price and an intercept), then an ARIMA (statsmodels SARIMAX) on the residuals.
    Forecast = regression part + ARIMA forecast of the residuals; intervals are the ARIMA's.
    """

    alias = "arima"
    family = "statistical"
    native_intervals = True
    min_train = 12

    def __init__(
        self,
        order: tuple[int, int, int] | None = None,
        seasonal_order: tuple[int, int, int, int] | None = None,
        max_fits: int = 12,
        transform: str = "log1p",
        start_params: tuple[float, ...] | None = None,
    ) -> None:
        self.order = order
        self.seasonal_order = seasonal_order
        self.max_fits = max_fits
        self.transform = transform
        self.start_params = start_params

    @classmethod
    def test_params(cls):
        return {"max_fits": 4}

    @staticmethod
    def _regressors(data: SeriesData, context: FitContext) -> pd.DataFrame:
        future = pd.DataFrame(0.0, index=range(1), columns=data.exog.columns)
        train, _ = design(data, 1, future, country=context.country, events=context.events, trend=False)
        return train

    def _regression(self, data: SeriesData, context: FitContext) -> tuple[np.ndarray, list[str], np.ndarray]:
        """Least-squares coefficients, the regressor names, and the residual series (NaN where censored)."""
        train = self._regressors(data, context)
        values = train.to_numpy(dtype="float64")
        cols = [c for j, c in enumerate(train.columns) if _varies(values[:, j])]
        x = np.column_stack([np.ones(len(data)), train[cols].to_numpy()]) if cols else np.ones((len(data), 1))
        y = _forward(data.y, self.transform)
        rows = np.isfinite(y)
        # A touch of ridge keeps rare event dummies from taking extreme values.
        penalty = 1e-2 * rows.sum() * np.eye(x.shape[1])
        penalty[0, 0] = 0.0
        xt = x[rows]
        beta = np.linalg.solve(xt.T @ xt + penalty, xt.T @ y[rows])
        return beta, cols, y - x @ beta

    def _fit_one(self, r: np.ndarray, order, seasonal_order, start_params=None):
        from statsmodels.tsa.statespace.sarimax import SARIMAX

        # The scale is concentrated out of the likelihood: one parameter fewer for the numerical gradient
        # (1.5-2x faster fits, same optimum). White noise has no other parameter, so it keeps its scale.
        has_params = order[0] + order[2] + seasonal_order[0] + seasonal_order[2] > 0
        model = SARIMAX(r, order=order, seasonal_order=seasonal_order, concentrate_scale=has_params)
        if start_params is not None and len(start_params) != len(model.param_names):
            start_params = None
        with _quiet():
            from forecasting.models import stock_fits

            if has_params and seasonal_order[3] == 0 and not stock_fits():
                # Non-seasonal: the compiled exact likelihood (``forecasting.models.arima_fast``), from the
                # same start SARIMAX would use; SARIMAX's filter then gives the results at the estimates (the
                # forecast needs the filtered state only: no smoother, no parameter covariance).
                from forecasting.models.arima_fast import fit_arima

                start = model.start_params if start_params is None else start_params
                params = fit_arima(r, order[0], order[1], order[2], start=start, maxiter=50)
                return model.filter(params, cov_type="none")
            # No parameter covariance: the forecast and its intervals do not use it.
            return model.fit(disp=False, maxiter=50, start_params=start_params, cov_type="none")

    def select(self, data: SeriesData, context: FitContext) -> ARIMA:
        if self.order is not None:
            return self
        _, _, resid = self._regression(data, context)
        filled = pd.Series(resid).interpolate(limit_direction="both").to_numpy()
        seasonal = data.freq == "M" and len(data) >= 36
        m = 12 if seasonal else 0
        big_d = 1 if seasonal and _seasonal_strength(filled, 12) > 0.64 else 0
        d = _ndiffs(np.diff(filled, 12) if big_d else filled)
        tried: dict[tuple[int, int, int, int], float] = {}
        fits: dict[tuple[int, int, int, int], tuple[float, ...]] = {}
        z = np.diff(filled, d) if d else filled

        def score(p, q, sp, sq):
            key = (p, q, sp, sq)
            if key in tried or len(tried) >= self.max_fits:
                return tried.get(key, np.inf)
            try:
                if seasonal:
                    res = self._fit_one(resid, (p, d, q), (sp, big_d, sq, m))
                    ic = res.aicc if np.isfinite(res.aicc) else np.inf
                    fits[key] = tuple(res.params)
                else:
                    ic, params = _css_fit(z, p, q)
                    fits[key] = tuple(params)
            except (ValueError, np.linalg.LinAlgError, IndexError):
                ic = np.inf
            tried[key] = ic
            return ic

        if seasonal:
            starts = [(2, 2, 1, 1), (0, 0, 0, 0), (1, 0, 1, 0), (0, 1, 0, 1)]
        else:
            starts = [(2, 2, 0, 0), (0, 0, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0)]
        for first in starts:
            score(*first)
        best = min(tried, key=tried.__getitem__)
        improved = True
        while improved and len(tried) < self.max_fits:
            improved = False
            p, q, sp, sq = best
            moves = [
                (p + 1, q, sp, sq),
                (p - 1, q, sp, sq),
                (p, q + 1, sp, sq),
                (p, q - 1, sp, sq),
                (p + 1, q + 1, sp, sq),
                (p - 1, q - 1, sp, sq),
            ]
            if seasonal:
                moves += [(p, q, 1 - sp, sq), (p, q, sp, 1 - sq)]
            for cand in moves:
                if min(cand) < 0 or cand[0] > 2 or cand[1] > 2 or cand[2] > 1 or cand[3] > 1:
                    continue
                if score(*cand) < tried[best]:
                    best, improved = cand, True
        if not np.isfinite(tried[best]):
            raise ForecastError(Message("model.arima_none"))
        p, q, sp, sq = best
        order, seasonal_order = (p, d, q), ((sp, big_d, sq, m) if seasonal else (0, 0, 0, 0))
        start = fits[best]
        if not seasonal:
            # The chosen order by exact maximum likelihood, from its CSS estimates.
            start = tuple(self._fit_one(resid, order, seasonal_order, start or None).params)
        # The refits per fold start from the parameters found here: same order, neighbouring data.
        return ARIMA(
            order=order,
            seasonal_order=seasonal_order,
            max_fits=self.max_fits,
            transform=self.transform,
            start_params=tuple(float(v) for v in start) or None,
        )

    def _fit(self, data: SeriesData, context: FitContext) -> None:
        spec = self if self.order is not None else self.select(data, context)
        assert spec.order is not None  # select() returns the model with its order chosen
        self.order_ = spec.order
        self.seasonal_order_ = spec.seasonal_order or (0, 0, 0, 0)
        self.beta_, self.exog_columns_, resid = self._regression(data, context)
        self.result_ = self._fit_one(resid, self.order_, self.seasonal_order_, spec.start_params)
        if not np.isfinite(self.result_.llf):
            raise ForecastError(Message("model.arima_likelihood"))

    def update(self, data: SeriesData) -> ARIMA:
        """Regression coefficients and ARIMA parameters kept; the residuals of the longer history are filtered
        with them (statsmodels ``MLEResults.apply``), so the forecast starts from the new origin's state."""
        moved = self._moved(data)
        train = self._regressors(data, self.context_).reindex(columns=self.exog_columns_).fillna(0.0)
        x = np.column_stack([np.ones(len(data)), train.to_numpy()])
        resid = _forward(data.y, self.transform) - x @ self.beta_
        model = self.result_.model
        with _quiet():
            # As ``MLEResults.apply(resid)``, without the smoother it runs when the results came from one.
            moved.result_ = model.clone(resid).filter(np.asarray(self.result_.params), cov_type="none")
        return moved

    def _predict(self, h, future_exog, levels):
        _, future = design(
            self.data_, h, future_exog, country=self.context_.country, events=self.context_.events, trend=False
        )
        x = np.column_stack([np.ones(h), future.reindex(columns=self.exog_columns_).fillna(0.0).to_numpy()])
        regression = x @ self.beta_
        with _quiet():
            fc = self.result_.get_forecast(h)
            out = {"mean": _inverse(regression + np.asarray(fc.predicted_mean), self.transform)}
            for level in levels:
                ci = np.asarray(fc.conf_int(alpha=1 - level / 100))
                out[f"lo-{level}"] = _inverse(regression + ci[:, 0], self.transform)
                out[f"hi-{level}"] = _inverse(regression + ci[:, 1], self.transform)
        return out

    def describe(self) -> str:
        p, d, q = self.order_
        sp, sd, sq, m = self.seasonal_order_
        seasonal = f"({sp},{sd},{sq})[{m}]" if m else ""
        regs = f" + {len(self.exog_columns_)} regressors" if self.exog_columns_ else ""
        return f"ARIMA({p},{d},{q}){seasonal}{regs}"
