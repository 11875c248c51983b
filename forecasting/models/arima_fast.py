"""Exact maximum likelihood for ARIMA(p, d, q) errors, with the likelihood compiled by numba.

statsmodels' ``SARIMAX.fit`` evaluates its Kalman filter (general state-space code, with the differencing in
the state vector) about 5 times per step of a numerical gradient: 0.06-0.2 s per fit on two years of days,
three fits per SKU. Here the same model is estimated by maximising the exact Gaussian likelihood of the
differenced series as a stationary ARMA (Harvey's state-space form, the initial state covariance from the
Lyapunov equation, the scale concentrated out) - for an exactly diffuse integrated part, as statsmodels uses,
this is the same likelihood (Durbin & Koopman 2012, section 5.7). The search runs on statsmodels'
unconstrained parameters (Monahan's 1984 transform), so every candidate is stationary and invertible as in
statsmodels, and from the same start. ``SARIMAX.smooth`` then builds the results object at the estimates:
forecasts, intervals and the log-likelihood stay statsmodels' (``tests/test_fc/test_arima_fast.py`` compares
them with ``SARIMAX.fit``).

Missing values (censored periods) are skipped by the filter. Differencing a series with a gap loses one more
value per gap than statsmodels' filter does, so with gaps the two estimates differ slightly; the reported
log-likelihood is statsmodels' at these estimates either way.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from scipy.optimize import minimize

__all__ = ["arma_loglike", "constrain", "css_errors", "css_jacobian", "fit_arima", "unconstrain"]

_REL_STEP = float(np.sqrt(np.finfo(np.float64).eps))  # scipy's relative step for 2-point differences


@njit(cache=True)
def constrain(u):  # pragma: no cover - compiled
    """statsmodels' ``constrain_stationary_univariate``: any real vector to stationary AR coefficients."""
    n = u.shape[0]
    y = np.zeros((n, n))
    r = u / np.sqrt(1 + u * u)
    for k in range(n):
        for i in range(k):
            y[k, i] = y[k - 1, i] + r[k] * y[k - 1, k - i - 1]
        y[k, k] = r[k]
    return -y[n - 1, :] if n else np.zeros(0)


def unconstrain(c: np.ndarray) -> np.ndarray | None:
    """statsmodels' ``unconstrain_stationary_univariate``; None when the coefficients are not stationary."""
    n = len(c)
    if n == 0:
        return np.zeros(0)
    y = np.zeros((n, n))
    y[n - 1 :] = -np.asarray(c, dtype=float)
    for k in range(n - 1, 0, -1):
        if abs(y[k, k]) >= 1:
            return None
        for i in range(k):
            y[k - 1, i] = (y[k, i] - y[k, k] * y[k, k - i - 1]) / (1 - y[k, k] ** 2)
    r = y.diagonal()
    if np.any(np.abs(r) >= 1):
        return None
    return r / np.sqrt(1 - r**2)


@njit(cache=True)
def _solve(a, b):  # pragma: no cover - compiled
    """Gaussian elimination with partial pivoting (numba's LAPACK bindings are slow to compile)."""
    n = b.shape[0]
    m = a.copy()
    x = b.copy()
    for col in range(n):
        piv = col
        for row in range(col + 1, n):
            if abs(m[row, col]) > abs(m[piv, col]):
                piv = row
        if piv != col:
            for j in range(n):
                m[col, j], m[piv, j] = m[piv, j], m[col, j]
            x[col], x[piv] = x[piv], x[col]
        if m[col, col] == 0.0:
            return np.full(n, np.nan)
        for row in range(col + 1, n):
            f = m[row, col] / m[col, col]
            for j in range(col, n):
                m[row, j] -= f * m[col, j]
            x[row] -= f * x[col]
    for row in range(n - 1, -1, -1):
        acc = x[row]
        for j in range(row + 1, n):
            acc -= m[row, j] * x[j]
        x[row] = acc / m[row, row]
    return x


@njit(cache=True)
def arma_loglike(z, ar, ma):  # pragma: no cover - compiled
    """Exact Gaussian log-likelihood of a zero-mean stationary ARMA, the innovation variance concentrated out
    (as statsmodels' ``concentrate_scale``). NaN in ``z`` is a missing value."""
    p, q = ar.shape[0], ma.shape[0]
    r = max(p, q + 1)
    t_mat = np.zeros((r, r))
    for i in range(p):
        t_mat[i, 0] = ar[i]
    for i in range(r - 1):
        t_mat[i, i + 1] = 1.0
    rvec = np.zeros(r)
    rvec[0] = 1.0
    for i in range(q):
        rvec[i + 1] = ma[i]
    # Initial covariance: P = T P T' + R R', solved as (I - T kron T) vec(P) = vec(R R').
    k = r * r
    lhs = np.eye(k)
    rhs = np.zeros(k)
    for i in range(r):
        for j in range(r):
            rhs[i * r + j] = rvec[i] * rvec[j]
            for a in range(r):
                for b in range(r):
                    lhs[i * r + j, a * r + b] -= t_mat[i, a] * t_mat[j, b]
    vec = _solve(lhs, rhs)
    cov = np.zeros((r, r))
    for i in range(r):
        for j in range(r):
            cov[i, j] = vec[i * r + j]
    prev = cov.copy()
    state = np.zeros(r)
    new_state = np.zeros(r)
    col = np.zeros(r)
    tmp = np.zeros((r, r))
    sum_log_f = 0.0
    sum_v2 = 0.0
    nobs = 0
    steady = False  # once the covariance stops changing (F -> 1), only the state is updated
    for t in range(z.shape[0]):
        missing = np.isnan(z[t])
        if missing:
            steady = False
        else:
            f = cov[0, 0]
            if not f > 0:
                return -np.inf
            v = z[t] - state[0]
            sum_log_f += np.log(f)
            sum_v2 += v * v / f
            nobs += 1
            for i in range(r):
                col[i] = cov[i, 0]
                state[i] += col[i] / f * v
            if not steady:
                for i in range(r):
                    for j in range(r):
                        cov[i, j] -= col[i] * col[j] / f
        # predict: a = T a, P = T P T' + R R'
        for i in range(r):
            acc = 0.0
            for a in range(r):
                acc += t_mat[i, a] * state[a]
            new_state[i] = acc
        for i in range(r):
            state[i] = new_state[i]
        if steady:  # the predicted covariance is the same as at the last step
            continue
        for i in range(r):
            for j in range(r):
                acc = 0.0
                for a in range(r):
                    acc += t_mat[i, a] * cov[a, j]
                tmp[i, j] = acc
        change = 0.0
        for i in range(r):
            for j in range(r):
                acc = rvec[i] * rvec[j]
                for a in range(r):
                    acc += tmp[i, a] * t_mat[j, a]
                change = max(change, abs(acc - prev[i, j]))
                cov[i, j] = acc
                prev[i, j] = acc
        if not missing and change < 1e-12:
            steady = True
    if nobs == 0 or not sum_v2 > 0:
        return -np.inf
    sigma2 = sum_v2 / nobs
    return -0.5 * nobs * (np.log(2 * np.pi * sigma2) + 1) - 0.5 * sum_log_f


@njit(cache=True)
def _objective(z, u, p, nobs):  # pragma: no cover - compiled
    """Minus the log-likelihood per observation at unconstrained parameters ``u`` (p AR, then MA); 1e10 where
    it is not finite."""
    ar = constrain(u[:p].copy())
    ma = -constrain(u[p:].copy())
    llf = arma_loglike(z, ar, ma)
    return -llf / nobs if np.isfinite(llf) else 1e10


@njit(cache=True)
def _value_and_grad(z, u, p, nobs):  # pragma: no cover - compiled
    """The objective and the forward-difference gradient L-BFGS-B computes itself (absolute step ``eps`` =
    1e-8, scipy's relative step where that vanishes), in one compiled call instead of k + 1 Python ones: the
    same numbers, so the same search."""
    f0 = _objective(z, u, p, nobs)
    grad = np.empty(u.shape[0])
    for i in range(u.shape[0]):
        moved = u.copy()
        moved[i] = u[i] + 1e-8
        if moved[i] == u[i]:  # the step vanished at this magnitude: scipy's relative step instead
            moved[i] = u[i] + _REL_STEP * (1.0 if u[i] >= 0 else -1.0) * max(1.0, abs(u[i]))
        grad[i] = (_objective(z, moved, p, nobs) - f0) / (moved[i] - u[i])
    return f0, grad


@njit(cache=True)
def _ma_invertible(theta):  # pragma: no cover - compiled
    """1 + theta_1 B (+ theta_2 B^2) has its roots outside the unit circle (the triangle conditions, Box,
    Jenkins & Reinsel section 3.3); no MA part is invertible."""
    if theta.shape[0] == 0:
        return True
    if theta.shape[0] == 1:
        return abs(theta[0]) < 1
    t1, t2 = theta[0], theta[1]
    return abs(t2) < 1 and t2 + t1 > -1 and t2 - t1 > -1


@njit(cache=True)
def css_errors(x, z, p):  # pragma: no cover - compiled
    """One-step errors ``e = (phi(B) / theta(B)) z`` from zero initial conditions, the first p dropped: scipy's
    ``lfilter([1, -phi], [1, theta], z)[p:]``, computed as its C loop computes it (transposed direct form II,
    same operations in the same order, so the same bits). 1e6 everywhere when the MA part (at most two
    terms) is not invertible or the filter overflows, as the search expects."""
    q = x.shape[0] - p
    n = z.shape[0]
    out = np.full(n - p, 1e6)
    if not _ma_invertible(x[p:]):
        return out
    size = max(p, q) + 1
    b = np.zeros(size)
    a = np.zeros(size)
    b[0] = 1.0
    a[0] = 1.0
    for i in range(p):
        b[i + 1] = -x[i]
    for j in range(q):
        a[j + 1] = x[p + j]
    state = np.zeros(size)  # state[0 .. size-2] used
    e = np.empty(n)
    for t in range(n):
        xt = z[t]
        if size > 1:
            yt = state[0] + b[0] * xt
            for k in range(size - 2):
                state[k] = state[k + 1] + xt * b[k + 1] - yt * a[k + 1]
            state[size - 2] = xt * b[size - 1] - yt * a[size - 1]
        else:
            yt = xt * b[0]
        e[t] = yt
    for t in range(p, n):
        if not np.isfinite(e[t]):
            return out
    return e[p:].copy()


@njit(cache=True)
def css_jacobian(x, z, p):  # pragma: no cover - compiled
    """The forward-difference Jacobian of :func:`css_errors` that ``least_squares`` computes itself ('2-point',
    step ``sqrt(eps) * sign(x) * max(1, |x|)``): the same numbers from one compiled call."""
    f0 = css_errors(x, z, p)
    jac = np.empty((f0.shape[0], x.shape[0]))
    for i in range(x.shape[0]):
        moved = x.copy()
        moved[i] = x[i] + _REL_STEP * (1.0 if x[i] >= 0 else -1.0) * max(1.0, abs(x[i]))
        f1 = css_errors(moved, z, p)
        dx = moved[i] - x[i]
        for r in range(f0.shape[0]):
            jac[r, i] = (f1[r] - f0[r]) / dx
    return jac


def _coefficients(u: np.ndarray, p: int, q: int) -> tuple[np.ndarray, np.ndarray]:
    """AR and MA coefficients from unconstrained parameters, as SARIMAX's ``transform_params``."""
    ar = constrain(np.ascontiguousarray(u[:p])) if p else np.zeros(0)
    ma = -constrain(np.ascontiguousarray(u[p:])) if q else np.zeros(0)
    return ar, ma


def fit_arima(r: np.ndarray, p: int, d: int, q: int, start=None, maxiter: int = 50) -> np.ndarray:
    """ML estimates ``(ar.L1..ar.Lp, ma.L1..ma.Lq)`` of an ARIMA(p, d, q) without constant, scale
    concentrated, from ``start`` (SARIMAX's parameter order) or zeros when it is absent or not stationary and
    invertible (as SARIMAX falls back to zeros)."""
    z = np.asarray(r, dtype=np.float64)
    for _ in range(d):
        z = z[1:] - z[:-1]
    z = np.ascontiguousarray(z)
    nobs = max(1, int(np.isfinite(z).sum()))
    u0 = np.zeros(p + q)
    if start is not None and len(start) == p + q:
        # A non-stationary AR or non-invertible MA start is replaced by zeros, part by part, as SARIMAX does.
        start = np.asarray(start, dtype=float)
        u_ar = unconstrain(start[:p])
        u_ma = unconstrain(-start[p:])
        if u_ar is not None and np.all(np.isfinite(u_ar)):
            u0[:p] = u_ar
        if u_ma is not None and np.all(np.isfinite(u_ma)):
            u0[p:] = u_ma

    def objective(u: np.ndarray) -> float:
        return float(_objective(z, np.asarray(u, dtype=np.float64), p, nobs))

    def value_and_grad(u: np.ndarray) -> tuple[float, np.ndarray]:
        f, g = _value_and_grad(z, np.asarray(u, dtype=np.float64), p, nobs)
        return float(f), g

    result = minimize(value_and_grad, u0, jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    u = result.x if np.isfinite(result.fun) and result.fun <= objective(u0) else u0
    ar, ma = _coefficients(u, p, q)
    return np.r_[ar, ma]
