"""Maximum likelihood for additive-error ETS with the initial states concentrated out.

statsmodels' ``ETSModel.fit`` maximises the likelihood over every parameter at once (smoothing weights and
the 2 + m initial states) by L-BFGS with a numerical gradient: for a daily seasonal model that is a search in
11 dimensions, ~13 likelihood evaluations per step, and it often stops short of the optimum (a seasonal model
with trend ends below the same model without it, which nests in it).

For additive errors the one-step errors are affine in the initial states: ``e = e0 + E x0``, where ``e0`` are
the errors from zero initial states and column ``i`` of ``E`` the errors that a unit initial state ``i``
alone produces (the recursions are linear). So for given smoothing weights the best initial states are a
least-squares solution, and the likelihood (Gaussian, variance concentrated: ``-n/2 (log(2 pi SSE/n) + 1)``)
depends on at most four numbers, alpha, beta*, gamma* and phi. Those are searched by L-BFGS-B inside
statsmodels' usual bounds (0 < alpha < 1, 0 < beta* = beta/alpha < 1, 0 < gamma* = gamma/(1-alpha) < 1,
0.8 <= phi <= 0.98), with the recursions compiled by numba. The optimum is the exact joint maximum over the
initial states for the weights found, so its likelihood is at least the one statsmodels reports from the
same start (``tests/test_fc/test_ets_fast.py``), at a fraction of the cost (``benchmarks/README.md``).

The parameters come back in statsmodels' order (its last seasonal initial state fixed at 0, as it fixes it),
so ``ETSModel.smooth`` builds the results object: forecasts and prediction intervals stay statsmodels'.
This was the approach of early ETS software too: Hyndman et al. (2008), *Forecasting with Exponential
Smoothing*, section 5.2, set initial states by least squares given the smoothing parameters.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from scipy.optimize import minimize

__all__ = ["EtsSpec", "concentrated_sse", "fit_ets"]

_LB, _UB = 1e-4, 1 - 1e-4  # statsmodels' bounds for alpha, beta*, gamma*
_PHI = (0.8, 0.98)  # statsmodels' bounds for the damping parameter
# scipy's relative step for 2-point differences. The step rule below is also in ``arima_fast``: numba's disk
# cache is checked against each function's own file only, so a compiled helper shared across the two modules
# could leave a stale compiled caller behind when the helper changes.
_REL_STEP = float(np.sqrt(np.finfo(np.float64).eps))


@njit(cache=True)
def _responses(y, alpha, beta_s, gamma_s, phi, m, has_trend, has_season):  # pragma: no cover - compiled
    """One-step errors from zero initial states (``e0``) and the unit-state responses (``E``, n x k).

    Free initial states, in this order: level, trend (if any), then the seasonal states s[-1] ... s[-(m-1)]
    (s[-m] is fixed at 0). The recursion is statsmodels' ``_ets_smooth_add_add`` (error-correction form with
    beta* and gamma*); without a trend b stays 0, without a season s stays 0.
    """
    n = y.shape[0]
    k = 1 + has_trend + (m - 1 if has_season else 0)
    c = k + 1  # channel 0: the data from zero states; channel j: no data, unit initial state j - 1
    ms = m if has_season else 1
    level = np.zeros(c)
    trend = np.zeros(c)
    seas = np.zeros((c, ms))  # circular: seas[:, t % m] holds s[t - m] at time t
    level[1] = 1.0
    if has_trend:
        trend[2] = 1.0
    if has_season:
        first = 2 + has_trend
        for i in range(m - 1):  # s[-1-i] sits at position m-1-i (position 0 is s[-m] = 0)
            seas[first + i, m - 1 - i] = 1.0
    e0 = np.empty(n)
    resp = np.empty((n, k))
    for t in range(n):
        pos = t % ms
        for j in range(c):
            yt = y[t] if j == 0 else 0.0
            s_old = seas[j, pos] if has_season else 0.0
            damped = level[j] + phi * trend[j]
            err = yt - damped - s_old
            new_level = alpha * (yt - s_old) + (1 - alpha) * damped
            if has_trend:
                trend[j] = beta_s * (new_level - level[j]) + (1 - beta_s) * phi * trend[j]
            if has_season:
                seas[j, pos] = gamma_s * (yt - new_level) + (1 - gamma_s) * s_old
            level[j] = new_level
            if j == 0:
                e0[t] = err
            else:
                resp[t, j - 1] = err
    return e0, resp


@njit(cache=True)
def _best_states(e0, resp):  # pragma: no cover - compiled
    """The initial states that minimise the sum of squared errors, and that sum.

    Normal equations solved by a Cholesky factorisation written out (numba's LAPACK bindings take 12 s to
    compile), with a ridge of 1e-10 of the largest diagonal entry: the responses of states the data no longer
    remember (alpha near 1) are near zero, and any value of them fits equally well.
    """
    n, k = resp.shape
    gram = np.zeros((k, k))
    rhs = np.zeros(k)
    for t in range(n):
        for i in range(k):
            ri = resp[t, i]
            rhs[i] -= ri * e0[t]
            for j in range(i + 1):
                gram[i, j] += ri * resp[t, j]
    top = 1e-300
    for i in range(k):
        top = max(top, gram[i, i])
    chol = np.zeros((k, k))
    for i in range(k):
        for j in range(i + 1):
            acc = gram[i, j] + (1e-10 * top if i == j else 0.0)
            for p in range(j):
                acc -= chol[i, p] * chol[j, p]
            if i == j:
                chol[i, i] = np.sqrt(max(acc, 1e-300))
            else:
                chol[i, j] = acc / chol[j, j]
    z = np.zeros(k)
    for i in range(k):
        acc = rhs[i]
        for p in range(i):
            acc -= chol[i, p] * z[p]
        z[i] = acc / chol[i, i]
    x0 = np.zeros(k)
    for i in range(k - 1, -1, -1):
        acc = z[i]
        for p in range(i + 1, k):
            acc -= chol[p, i] * x0[p]
        x0[i] = acc / chol[i, i]
    sse = 0.0
    for t in range(n):
        fit = e0[t]
        for i in range(k):
            fit += resp[t, i] * x0[i]
        sse += fit * fit
    return x0, sse


@njit(cache=True)
def _weights_objective(y, w, m, has_trend, has_season, damped, floor):  # pragma: no cover - compiled
    """log SSE at free weights ``w`` (alpha, beta*, gamma*, phi: those in the form), states concentrated out;
    1e10 where the recursion overflows."""
    i = 1
    beta_s = gamma_s = 0.0
    phi = 1.0
    if has_trend:
        beta_s = w[i]
        i += 1
    if has_season:
        gamma_s = w[i]
        i += 1
    if damped:
        phi = w[i]
    e0, resp = _responses(y, w[0], beta_s, gamma_s, phi, m, has_trend, has_season)
    _, sse = _best_states(e0, resp)
    if not np.isfinite(sse):
        return 1e10
    return np.log(max(sse, floor))


@njit(cache=True)
def _logit_objective(y, u, lo, hi, m, has_trend, has_season, damped, floor):  # pragma: no cover - compiled
    """The objective on the logit of the weights: ``w = lo + (hi - lo) / (1 + exp(-u))``."""
    w = np.empty(u.shape[0])
    for i in range(u.shape[0]):
        ui = min(max(u[i], -30.0), 30.0)
        w[i] = lo[i] + (hi[i] - lo[i]) / (1.0 + np.exp(-ui))
    return _weights_objective(y, w, m, has_trend, has_season, damped, floor)


@njit(cache=True)
def _logit_value_and_grad(y, u, lo, hi, m, has_trend, has_season, damped, floor):  # pragma: no cover - compiled
    """The logit objective and the forward-difference gradient L-BFGS-B computes itself (absolute step
    ``eps`` = 1e-8, scipy's relative step where that vanishes), in one compiled call instead of k + 1 Python
    ones."""
    k = u.shape[0]
    f0 = _logit_objective(y, u, lo, hi, m, has_trend, has_season, damped, floor)
    grad = np.empty(k)
    for i in range(k):
        moved = u.copy()
        moved[i] = u[i] + 1e-8
        if moved[i] == u[i]:  # the step vanished at this magnitude: scipy's relative step instead
            moved[i] = u[i] + _REL_STEP * (1.0 if u[i] >= 0 else -1.0) * max(1.0, abs(u[i]))
        grad[i] = (_logit_objective(y, moved, lo, hi, m, has_trend, has_season, damped, floor) - f0) / (moved[i] - u[i])
    return f0, grad


@njit(cache=True)
def _grid_objectives(y, grid, m, has_trend, has_season, damped, floor):  # pragma: no cover - compiled
    """The objective at every row of ``grid`` (free weights)."""
    out = np.empty(grid.shape[0])
    for r in range(grid.shape[0]):
        out[r] = _weights_objective(y, grid[r].copy(), m, has_trend, has_season, damped, floor)
    return out


class EtsSpec:
    """An additive-error ETS form: trend ``None`` or ``"add"`` (damped or not), season ``None`` or ``"add"``."""

    def __init__(self, trend: str | None, damped: bool, seasonal: str | None, m: int) -> None:
        self.has_trend = trend is not None
        self.damped = bool(damped) and self.has_trend
        self.has_season = seasonal is not None and m > 1
        self.m = m if self.has_season else 1

    @property
    def n_params(self) -> int:
        """statsmodels' parameter count: the weights, the initial level and trend, m initial seasonal states."""
        return self.n_weights + 1 + self.has_trend + (self.m if self.has_season else 0)

    @property
    def n_weights(self) -> int:
        return 1 + self.has_trend + self.has_season + self.damped

    def bounds(self) -> list[tuple[float, float]]:
        return [(_LB, _UB)] * (1 + self.has_trend + self.has_season) + ([_PHI] if self.damped else [])

    def unpack(self, w: np.ndarray) -> tuple[float, float, float, float]:
        """alpha, beta*, gamma*, phi from the free weights."""
        i = 1
        beta_s = gamma_s = 0.0
        if self.has_trend:
            beta_s, i = float(w[i]), i + 1
        if self.has_season:
            gamma_s, i = float(w[i]), i + 1
        phi = float(w[i]) if self.damped else 1.0
        return float(w[0]), beta_s, gamma_s, phi

    def start(self) -> np.ndarray:
        """statsmodels' default start (alpha 0.1, beta 0.01, gamma 0.01) as free weights, nudged as it does;
        phi 0.95."""
        alpha = 0.1 + 1e-3
        w = [alpha]
        if self.has_trend:
            w.append(min(max((0.01 + 1e-3) / alpha, _LB), _UB))
        if self.has_season:
            w.append(min(max((0.01 + 1e-3) / (1 - alpha), _LB), _UB))
        if self.damped:
            w.append(0.95)  # statsmodels starts at the bound (0.98), where the logit search has no slope
        return np.array(w)

    def weights_from_params(self, params) -> np.ndarray | None:
        """Free weights from a statsmodels parameter vector of this form (a start for a refit)."""
        params = np.asarray(params, dtype=float)
        if len(params) < self.n_weights:
            return None
        alpha = params[0]
        w = [alpha]
        i = 1
        if self.has_trend:
            w.append(params[i] / alpha if alpha > 0 else _LB)
            i += 1
        if self.has_season:
            w.append(params[i] / (1 - alpha) if alpha < 1 else _LB)
            i += 1
        if self.damped:
            w.append(params[i])
        lo, hi = np.array(self.bounds()).T
        return np.clip(np.array(w, dtype=float), lo, hi)

    def params(self, w: np.ndarray, x0: np.ndarray) -> np.ndarray:
        """statsmodels' parameter vector: alpha, beta, gamma, phi (those in the form), initial level, trend,
        seasonal.0 ... seasonal.m-1 (the last 0)."""
        alpha, beta_s, gamma_s, phi = self.unpack(w)
        out = [alpha]
        if self.has_trend:
            out.append(beta_s * alpha)
        if self.has_season:
            out.append(gamma_s * (1 - alpha))
        if self.damped:
            out.append(phi)
        out.extend(float(v) for v in x0)
        if self.has_season:
            out.append(0.0)
        return np.array(out)


def concentrated_sse(y: np.ndarray, spec: EtsSpec, w: np.ndarray) -> tuple[float, np.ndarray]:
    """The smallest sum of squared one-step errors over the initial states, and those states."""
    alpha, beta_s, gamma_s, phi = spec.unpack(w)
    e0, resp = _responses(
        np.ascontiguousarray(y, dtype=np.float64),
        alpha,
        beta_s,
        gamma_s,
        phi,
        spec.m,
        int(spec.has_trend),
        bool(spec.has_season),
    )
    x0, sse = _best_states(e0, resp)
    return sse, x0


def _grid_start(spec: EtsSpec, objectives) -> np.ndarray:
    """The best of a coarse grid of weights (alpha 0.001-0.9, beta* and gamma* 0.01-0.9, phi 0.85 or 0.97):
    at most 162 evaluations, a few milliseconds. ``objectives`` maps the grid (one row per point) to values."""
    axes = [np.array([0.001, 0.02, 0.1, 0.3, 0.6, 0.9])]
    if spec.has_trend:
        axes.append(np.array([0.01, 0.2, 0.9]))
    if spec.has_season:
        axes.append(np.array([0.01, 0.2, 0.6]))
    if spec.damped:
        axes.append(np.array([0.85, 0.97]))
    grid = np.array(np.meshgrid(*axes, indexing="ij")).reshape(len(axes), -1).T
    return grid[int(np.argmin(objectives(np.ascontiguousarray(grid))))]


def fit_ets(
    y: np.ndarray, spec: EtsSpec, start: np.ndarray | None = None, grid: bool = True
) -> tuple[np.ndarray, float]:
    """Maximum-likelihood parameters (statsmodels' order) and the log-likelihood of an additive-error ETS."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    n = len(y)
    floor = 1e-12 * max(1.0, float(np.sum(y**2)))  # a perfect fit (a constant series) keeps a finite objective

    lo, hi = (np.ascontiguousarray(b) for b in np.array(spec.bounds(), dtype=np.float64).T)
    form = (spec.m, int(spec.has_trend), bool(spec.has_season), bool(spec.damped), floor)

    def objective(w: np.ndarray) -> float:
        return float(_weights_objective(y, np.asarray(w, dtype=np.float64), *form))

    def value_and_grad(u: np.ndarray) -> tuple[float, np.ndarray]:
        f, g = _logit_value_and_grad(y, np.asarray(u, dtype=np.float64), lo, hi, *form)
        return float(f), g

    def weights(u: np.ndarray) -> np.ndarray:
        return lo + (hi - lo) / (1 + np.exp(-np.clip(u, -30, 30)))

    def free(w: np.ndarray) -> np.ndarray:
        inside = np.clip(w, lo + 1e-9, hi - 1e-9)
        return np.log((inside - lo) / (hi - inside))

    def search(w0: np.ndarray) -> tuple[np.ndarray, float]:
        # Value and forward-difference gradient in one compiled call (scipy would make k + 1 Python calls).
        result = minimize(value_and_grad, free(w0), jac=True, method="L-BFGS-B", options={"maxiter": 200})
        return weights(result.x), float(result.fun)

    # The profile likelihood can have a local optimum on a bound (alpha -> 0: a fixed level). A box-bounded
    # search's first step can land there and stop, so the search runs on the logit of the weights (a step
    # never reaches a bound). It starts from statsmodels' start (or the given one); when a point of a
    # coarse grid is better than where it ended, a second search starts there, and the better end wins.
    w0 = spec.start() if start is None else np.asarray(start, dtype=float)
    w, best = search(w0)
    if not np.isfinite(best) or best > objective(w0):
        w, best = w0, objective(w0)
    if grid:
        g = _grid_start(spec, lambda grid: _grid_objectives(y, grid, *form))
        if objective(g) < best:
            w_g, f_g = search(g)
            if f_g < best:
                w, best = w_g, f_g
    sse, x0 = concentrated_sse(y, spec, w)
    sse = max(sse, floor)
    llf = -n / 2 * (np.log(2 * np.pi * sse / n) + 1)
    return spec.params(w, x0), float(llf)
