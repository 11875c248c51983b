"""Textbook inventory formulas. Each documents its symbols with units, the equation and a worked example.

References
----------
- L. V. Snyder & Z.-J. M. Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., Wiley 2019 (S&S).
- E. A. Silver, D. F. Pyke & D. J. Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.,
  CRC Press 2017 (SPT).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq
from scipy.stats import gamma, norm

__all__ = [
    "csl_from_k",
    "eoq",
    "fill_rate_from_k",
    "gamma_loss",
    "lead_time_demand_sd",
    "newsvendor_order_up_to",
    "normal_loss",
    "rq_eoq_ss",
    "safety_factor_for_csl",
    "safety_factor_for_fill_rate",
    "undershoot_moments",
]


def eoq(order_cost: float, holding_cost: float, demand_rate: float) -> float:
    """Economic order quantity.

    Parameters
    ----------
    order_cost : float
        K, fixed cost per order (currency per order).
    holding_cost : float
        h, holding cost (currency per unit per year).
    demand_rate : float
        lambda, demand (units per year).

    Notes
    -----
    Q* = sqrt(2 K lambda / h)   (S&S eq. 3.3)

    Examples
    --------
    S&S Example 3.1: K = 8, h = 0.225, lambda = 1300.

    >>> round(eoq(8, 0.225, 1300), 4)
    304.0468
    """
    if holding_cost <= 0:
        raise ValueError(f"holding_cost must be positive, got {holding_cost}")
    if demand_rate <= 0 or order_cost <= 0:
        return 0.0
    return math.sqrt(2 * order_cost * demand_rate / holding_cost)


def newsvendor_order_up_to(holding_cost: float, stockout_cost: float, demand_mean: float, demand_sd: float) -> float:
    """Optimal order-up-to level for normally distributed demand (newsvendor).

    Parameters
    ----------
    holding_cost : float
        h, cost per unit left over (currency per unit).
    stockout_cost : float
        p, cost per unit short (currency per unit).
    demand_mean, demand_sd : float
        mu, sigma of demand (units).

    Notes
    -----
    S* = mu + sigma * Phi^-1(p / (p + h))   (S&S eq. 4.24)

    Examples
    --------
    S&S Example 4.3: h = 0.18, p = 0.70, mu = 50, sigma = 8.

    >>> round(newsvendor_order_up_to(0.18, 0.70, 50, 8), 4)
    56.604
    """
    return demand_mean + demand_sd * float(norm.ppf(stockout_cost / (stockout_cost + holding_cost)))


def rq_eoq_ss(
    order_cost: float,
    holding_cost: float,
    stockout_cost: float,
    demand_rate: float,
    demand_rate_sd: float,
    lead_time: float,
) -> tuple[float, float]:
    """(r, Q) by the EOQ + safety-stock approximation: Q = EOQ, r from the newsvendor critical ratio.

    Parameters
    ----------
    order_cost : float
        K (currency per order).
    holding_cost : float
        h (currency per unit per year).
    stockout_cost : float
        p (currency per unit short).
    demand_rate : float
        lambda, mean demand (units per year).
    demand_rate_sd : float
        tau, standard deviation of annual demand (units per year, so lead-time sd is tau sqrt(L)).
    lead_time : float
        L (years).

    Notes
    -----
    Q = sqrt(2 K lambda / h);  r = lambda L + tau sqrt(L) Phi^-1(p / (p + h))   (S&S section 5.4.3)

    Examples
    --------
    S&S Example 5.5: h = 0.225, p = 7.5, K = 8, lambda = 1300, tau = 150, L = 1/12.

    >>> q, r = rq_eoq_ss(8, 0.225, 7.5, 1300, 150, 1 / 12)
    >>> round(q, 4), round(r, 4)
    (304.0468, 190.337)
    """
    q = eoq(order_cost, holding_cost, demand_rate)
    r = newsvendor_order_up_to(
        holding_cost, stockout_cost, demand_rate * lead_time, demand_rate_sd * math.sqrt(lead_time)
    )
    return q, r


def lead_time_demand_sd(demand_mean: float, demand_sd: float, lead_time_mean: float, lead_time_sd: float) -> float:
    """Standard deviation of demand over a random lead time.

    Parameters
    ----------
    demand_mean : float
        d, mean demand per day (units per day).
    demand_sd : float
        sigma_d, standard deviation of daily demand (units per day).
    lead_time_mean : float
        L (days).
    lead_time_sd : float
        sigma_L (days).

    Notes
    -----
    sigma_LTD = sqrt(L sigma_d^2 + d^2 sigma_L^2)   (SPT eq. 6.15)

    Examples
    --------
    Chopra & Meindl, *Supply Chain Management* (the Dell example on lead-time uncertainty): d = 2,500 units
    per day, sigma_d = 500, L = 7 days, sigma_L = 7 days -> sigma_L = 17,550 units; at CSL 90% the safety
    inventory is Phi^-1(0.9) x 17,550 = 22,491 units.

    >>> round(lead_time_demand_sd(2500, 500, 7, 7))
    17550
    """
    return math.sqrt(max(0.0, lead_time_mean) * demand_sd**2 + demand_mean**2 * lead_time_sd**2)


def normal_loss(k: float | np.ndarray) -> float | np.ndarray:
    """Standard normal loss function G(k) = E[(Z - k)+] = phi(k) - k (1 - Phi(k)).

    >>> round(float(normal_loss(0.0)), 4)
    0.3989
    >>> round(float(normal_loss(1.0)), 4)
    0.0833
    """
    return norm.pdf(k) - k * norm.sf(k)


def safety_factor_for_csl(cycle_service_level: float) -> float:
    """k = Phi^-1(CSL): safety stock = k sigma for a target cycle service level.

    >>> round(safety_factor_for_csl(0.95), 4)
    1.6449
    """
    if not 0 < cycle_service_level < 1:
        raise ValueError(f"cycle service level must lie in (0, 1), got {cycle_service_level}")
    return float(norm.ppf(cycle_service_level))


def safety_factor_for_fill_rate(fill_rate: float, order_quantity: float, sigma: float) -> float:
    """Safety factor k that gives a target fill rate (beta) with order quantity Q and demand sd sigma.

    Parameters
    ----------
    fill_rate : float
        beta, share of demand met from stock.
    order_quantity : float
        Q, units per replenishment cycle.
    sigma : float
        sd of demand over the protection interval (units).

    Notes
    -----
    Solve G(k) = (1 - beta) Q / sigma   (SPT eq. 6.21); expected units short per cycle = sigma G(k).

    Examples
    --------
    beta = 0.99, Q = 200, sigma = 40 -> G(k) = 0.05; normal loss tables give G(1.25) = 0.0506 and
    G(1.26) = 0.0495, so k lies between them:

    >>> round(safety_factor_for_fill_rate(0.99, 200, 40), 4)
    1.2556
    """
    if not 0 < fill_rate < 1:
        raise ValueError(f"fill rate must lie in (0, 1), got {fill_rate}")
    if sigma <= 0 or order_quantity <= 0:
        return 0.0
    target = (1 - fill_rate) * order_quantity / sigma
    return float(brentq(lambda k: float(normal_loss(k)) - target, -6.0, 8.0)) if target < normal_loss(-6.0) else -6.0


def csl_from_k(k: float) -> float:
    """Cycle service level implied by safety factor k: Phi(k)."""
    return float(norm.cdf(k))


def fill_rate_from_k(k: float, order_quantity: float, sigma: float) -> float:
    """Fill rate implied by safety factor k: 1 - sigma G(k) / Q (at least 0)."""
    if order_quantity <= 0:
        return float("nan")
    return float(max(0.0, 1 - sigma * normal_loss(k) / order_quantity))


def gamma_loss(r: float, mean: float, sd: float) -> float:
    """E[(X - r)+] for X ~ gamma with the given mean and sd.

    Notes
    -----
    With shape a and scale theta: E[(X - r)+] = a theta (1 - F_{a+1}(r)) - r (1 - F_a(r)).
    """
    if sd <= 0 or mean <= 0:
        return max(0.0, mean - r)
    shape, scale = (mean / sd) ** 2, sd**2 / mean
    return float(shape * scale * gamma.sf(r, shape + 1, scale=scale) - r * gamma.sf(r, shape, scale=scale))


def undershoot_moments(demand_mean: float, demand_sd: float) -> tuple[float, float]:
    """Mean and sd of the undershoot below the reorder point when the position is checked once a day.

    Parameters
    ----------
    demand_mean, demand_sd : float
        Mean and sd of one day's demand (units).

    Notes
    -----
    Renewal approximation (Hadley & Whitin 1963; SPT section 7.6): E[U] = E[D^2] / (2 E[D]),
    E[U^2] = E[D^3] / (3 E[D]), with E[D^2] = mu^2 + s^2 and the third moment of a gamma daily demand,
    E[D^3] = mu^3 + 3 mu s^2 + 2 s^4 / mu. A day's demand cannot be negative; the normal third moment
    (mu^3 + 3 mu s^2) ignores that, and past a coefficient of variation of 1 it makes the undershoot's
    variance fall as demand grows more variable. With the gamma moment it always rises.

    Examples
    --------
    Constant demand of 10 a day: the undershoot is uniform on (0, 10): mean 5, sd 2.8868.

    >>> m, s = undershoot_moments(10, 0)
    >>> round(m, 4), round(s, 4)
    (5.0, 2.8868)
    """
    if demand_mean <= 0:
        return 0.0, 0.0
    m2 = demand_mean**2 + demand_sd**2
    m3 = demand_mean**3 + 3 * demand_mean * demand_sd**2 + 2 * demand_sd**4 / demand_mean
    mean = m2 / (2 * demand_mean)
    second = m3 / (3 * demand_mean)
    return mean, math.sqrt(max(0.0, second - mean**2))
