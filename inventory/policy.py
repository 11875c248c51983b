"""Replenishment policies: continuous review (s, Q) and (s, S), periodic review (R, S).

Timing convention (STYLE.md), one period = one day: receipts due on day t arrive first, then demand is
served, then the inventory position is reviewed and an order may be placed; an order placed on day t with
lead time L arrives at the start of day t + L. So an order protects against:

- (s, Q), (s, S): the undershoot U below s on the review day plus demand on the next L - 1 days;
- (R, S): demand on the R + L - 1 days until the next order arrives.

With mean d and sd sigma of demand over that interval (``inventory.demand``), lead-time sd sigma_L,
sigma_X = sqrt(sigma^2 + Var(U) + d^2 sigma_L^2) (SPT eq. 6.15 with the undershoot added), the reorder point
is s = E[U] + mu + k sigma_X, with k from the cycle service level (k = Phi^-1(CSL)) or from the fill rate
(G(k) = (1 - beta) Q / sigma_X). mu follows the forecast: on day t it is the demand forecast for the days the
order placed that day covers, so the reorder point (and S) rise ahead of a forecast peak (time-phased). Non-normal options: gamma (intermittent demand) or the empirical
distribution of backtest errors.

Calibrated (``uncertainty="calibrated"``, the default): the reorder point is the empirical quantile of simulated
protection demand X = F(P') + E(P') + U, where P' is the protection interval with a lead time drawn from the
supplier's (normal, sd sigma_L days), F(P') the forecast over it, E(P') the error of the chosen forecast over the
first P' days after one of many rolling origins (drawn at random, ``inventory.demand``) and U the undershoot. The
level is raised to ceil((n + 1) CSL) / n for n error windows, the split-conformal correction that makes the
quantile valid in finite samples (Vovk et al. 2005; Angelopoulos & Bates 2021, eq. 1). No distribution is
assumed: the skew and the bias of the errors are in the quantile.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
from scipy.optimize import brentq
from scipy.stats import gamma, norm

from inventory.demand import DemandPlan, InventoryInputError, Uncertainty
from inventory.formulas import eoq, gamma_loss, normal_loss, undershoot_moments
from inventory.messages import Message
from inventory.order_calendar import OrderCalendar

__all__ = [
    "ItemParams",
    "PolicyResult",
    "PolicySettings",
    "compute_policy",
    "holding_fraction",
    "round_order",
]

Policy = Literal["sQ", "sS", "RS"]
ServiceType = Literal["csl", "fill"]
Distribution = Literal["normal", "gamma", "empirical"]


@dataclass(frozen=True)
class ItemParams:
    """One SKU's supply, cost and stock. Units are in the names.

    Attributes
    ----------
    lead_time_days, lead_time_sd_days : float
        Supplier lead time, mean and standard deviation (days).
    review_period_days : float
        Days between reviews for (R, S).
    unit_cost : float
        Purchase cost (currency per unit).
    holding_rate : float
        Holding cost as a fraction of unit cost per year (0.25 = 25% a year).
    order_cost : float
        Fixed cost per order (currency per order).
    stockout_cost : float
        Cost per unit short (currency per unit): lost margin or backorder penalty.
    moq, pack_size, max_order : float
        Minimum order (units), pack multiple (units), largest order (units; None = no cap).
    on_hand : float
        Units in stock now.
    open_orders : tuple[tuple[date, float], ...]
        Orders already placed: (arrival date, units).
    calendar : OrderCalendar, optional
        The supplier's order days and shutdowns; None means any day.
    costs_given : bool
        The ordering and holding costs are the user's (item master, page or command line). Without them the
        EOQ of the default costs (50 per order, 25% of unit cost a year) is bounded to a cover of days
        (``PolicySettings.cover_days``).
    on_hand_given : bool
        Stock on hand is the user's, not the default of zero.
    active : bool
        False for an ending item (discontinued, no sales for long, excess stock): no orders are planned.
    inactive_reason : str
        Why the item is inactive, for the plan.
    """

    lead_time_days: float = 14.0
    lead_time_sd_days: float = 0.0
    review_period_days: float = 7.0
    unit_cost: float = 1.0
    holding_rate: float = 0.25
    order_cost: float = 50.0
    stockout_cost: float = 5.0
    moq: float = 0.0
    pack_size: float = 1.0
    max_order: float | None = None
    on_hand: float = 0.0
    open_orders: tuple[tuple[date, float], ...] = ()
    calendar: OrderCalendar | None = None
    costs_given: bool = False
    on_hand_given: bool = False
    active: bool = True
    inactive_reason: str = ""

    @property
    def holding_cost_per_unit_year(self) -> float:
        """h (currency per unit per year) = holding rate x unit cost."""
        return self.holding_rate * self.unit_cost

    @property
    def on_order(self) -> float:
        return float(sum(q for _, q in self.open_orders))


@dataclass(frozen=True)
class PolicySettings:
    """How to plan. ``service_level`` is a fraction (0.95); shown as a percentage."""

    policy: Policy = "sQ"
    service_type: ServiceType = "csl"
    service_level: float = 0.95
    order_quantity: float | None = None
    uncertainty: Uncertainty = "calibrated"  # without a calibration run: the backtest errors
    distribution: Distribution = "normal"
    backorders: bool = False
    interval_level: int = 80
    cover_days: tuple[float, float] = (7.0, 91.0)  # Q's bounds in days of demand when the costs are not given


@dataclass(frozen=True)
class PolicyResult:
    """A computed policy and every number that went into it.

    Quantities are units; rates are units per day; days are days.
    """

    policy: str
    protection_days: float
    daily_demand: float
    protection_mean: float
    demand_sd: float
    lead_time_sd_units: float
    undershoot_mean: float
    undershoot_sd: float
    protection_sd: float
    bias: float
    uncertainty_used: str
    distribution: str
    safety_factor: float
    safety_stock: float
    reorder_point: float | None
    order_quantity: float
    order_up_to: float | None
    eoq: float
    annual_demand: float
    service_type: str
    service_level: float
    implied_csl: float
    implied_fill_rate: float
    notes: tuple[str, ...] = field(default_factory=tuple)
    errors_own: int = 0
    errors_pooled: int = 0
    pooled_skus: int = 0
    trigger_by_day: np.ndarray | None = None
    decision_days: np.ndarray | None = None
    safety_by_day: np.ndarray | None = None

    def in_days(self, units: float | None) -> float:
        """Units as days of forecast demand (the mean over the horizon, up to a year: the rate the EOQ and its
        cover bounds use); NaN without demand."""
        rate = self.annual_demand / 365.0
        if units is None or not rate > 0:
            return float("nan")
        return float(units) / rate

    def triggers(self, days: int) -> np.ndarray:
        """Reorder point (or order-up-to level for (R, S)) on each day of the horizon (time-phased)."""
        if self.trigger_by_day is not None and len(self.trigger_by_day) >= days:
            return np.asarray(self.trigger_by_day[:days], dtype="float64")
        return np.full(days, self.trigger)

    def safety_stocks(self, days: int) -> np.ndarray:
        """Safety stock inside each day's trigger (the trigger less the demand it protects against)."""
        if self.safety_by_day is not None and len(self.safety_by_day) >= days:
            return np.asarray(self.safety_by_day[:days], dtype="float64")
        return np.full(days, self.safety_stock)

    def decisions(self, days: int, review_period_days: float = 7.0) -> np.ndarray:
        """Whether an order may be placed on each day (policy, supplier calendar, item status)."""
        if self.decision_days is not None and len(self.decision_days) >= days:
            return np.asarray(self.decision_days[:days], dtype=bool)
        if self.policy == "RS":
            return np.arange(days) % max(1, round(review_period_days)) == 0
        return np.ones(days, dtype=bool)

    def order_up_to_levels(self, days: int) -> np.ndarray:
        """Order-up-to level on each day: the trigger for (R, S), trigger + Q for (s, S)."""
        levels = self.triggers(days)
        return levels + self.order_quantity if self.policy == "sS" else levels

    @property
    def trigger(self) -> float:
        """The level the position is compared with: reorder point, or order-up-to for (R, S)."""
        return self.reorder_point if self.reorder_point is not None else float(self.order_up_to or 0.0)


def calibration_days(item: ItemParams, settings: PolicySettings) -> float:
    """Days after a forecast origin whose errors a calibrated policy may need: the lead time (plus the review
    period for (R, S)), three lead-time sds for the drawn lead times, and a week for the undershoot and the gaps
    between order days."""
    review = item.review_period_days if settings.policy == "RS" else 0.0
    return item.lead_time_days + review + 3 * item.lead_time_sd_days + 7


def holding_fraction(value: float | None, default: float = 0.25) -> float:
    """A holding rate as a fraction of unit cost a year; 0.25 and 25 (a percentage) both mean 25%.

    >>> holding_fraction(25), holding_fraction(0.2), holding_fraction(None)
    (0.25, 0.2, 0.25)
    """
    if value is None or value != value:
        return default
    value = float(value)
    return value / 100 if value > 1 else value


def round_order(qty: float | np.ndarray, moq: float, pack: float, max_order: float | None) -> float | np.ndarray:
    """Round a wanted quantity up to the MOQ, then up to whole packs, then down to the cap (in whole packs).

    >>> round_order(37.0, 50, 12, None), round_order(61.0, 50, 12, None), round_order(500.0, 0, 12, 100)
    (60.0, 72.0, 96.0)
    >>> round_order(0.0, 50, 12, None)
    0.0
    """
    q = np.asarray(qty, dtype="float64")
    pack = pack if pack and pack > 0 else 1.0
    out = np.where(q > 0, np.ceil(np.maximum(q, moq) / pack - 1e-9) * pack, 0.0)
    if max_order is not None and max_order > 0:
        out = np.minimum(out, np.floor(max_order / pack + 1e-9) * pack)
    return float(out) if np.ndim(out) == 0 else out


def _distribution_quantities(mean: float, sd: float, samples: np.ndarray | None, dist: str):
    """(ppf, loss) of protection demand X for the chosen distribution."""
    if dist == "gamma" and mean > 0 and sd > 0:
        shape, scale = (mean / sd) ** 2, sd**2 / mean
        return (lambda p: float(gamma.ppf(p, shape, scale=scale))), (lambda r: gamma_loss(r, mean, sd))
    if dist == "empirical" and samples is not None and samples.size >= 20:
        xs = np.sort(samples)
        return (lambda p: float(np.quantile(xs, p))), (lambda r: float(np.maximum(xs - r, 0).mean()))
    return (lambda p: mean + sd * float(norm.ppf(p))), (
        lambda r: sd * float(normal_loss((r - mean) / sd)) if sd > 0 else max(0.0, mean - r)
    )


def _calibrated_samples(
    plan: DemandPlan, exposure: float, lead_sd_days: float, u_mean: float, u_sd: float, seed: int, n: int = 20_000
) -> tuple[np.ndarray | None, int, int]:
    """Protection demand X = F(P') + E(P') + U drawn ``n`` times (see the module docstring), with the number of
    the SKU's own and of pooled error windows; None when there are too few errors."""
    longest = exposure + 3 * lead_sd_days
    paths, n_own, n_pooled = plan.calibration_paths(longest)
    if paths is None:
        paths, n_own, n_pooled = plan.calibration_paths(exposure)
        if paths is None:
            return None, n_own, n_pooled
    pd_days = plan.period_days
    width = int(min(paths.shape[1], math.ceil(longest / pd_days - 1e-9)))
    paths = np.nan_to_num(paths[:, :width], nan=0.0)
    rng = np.random.default_rng(seed)
    days = np.full(n, exposure)
    if lead_sd_days > 0:
        days = np.clip(exposure + rng.normal(0.0, lead_sd_days, n), 0.0, width * pd_days)
    # The error over the first P' days after an origin: that origin's cumulative error, interpolated.
    cum = np.concatenate([np.zeros((len(paths), 1)), np.cumsum(paths, axis=1)], axis=1)
    rows = rng.integers(0, len(paths), n)
    periods = np.minimum(days / pd_days, width)
    whole = np.floor(periods).astype(np.int64)
    nxt = np.minimum(whole + 1, width)
    err = cum[rows, whole] + (periods - whole) * (cum[rows, nxt] - cum[rows, whole])
    # The forecast over the same P' days from day 1 (the forecast continues at its last week's level beyond
    # the horizon, as in ``DemandPlan.window_means``).
    horizon = plan.horizon_days
    tail = float(np.mean(plan.daily_mean[-7:])) if horizon else 0.0
    span = int(math.ceil(days.max())) + 3
    series = np.concatenate([plan.daily_mean, np.full(max(0, span + 1 - horizon), tail)])
    cs = np.concatenate([[0.0], np.cumsum(series)])
    d_whole = np.floor(days).astype(np.int64)
    fc = cs[1 + d_whole] - cs[1] + (days - d_whole) * series[1 + d_whole]
    under = u_mean + (rng.normal(0.0, u_sd, n) if u_sd > 0 else 0.0)
    return np.maximum(fc + err, 0.0) + under, n_own, n_pooled


def _decisions(
    plan: DemandPlan, item: ItemParams, settings: PolicySettings
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Order days and, for each day, the days of demand an order placed then must cover.

    (s, Q), (s, S): an order covers L - 1 days plus the undershoot of the demand since the previous order day;
    when the next gap is longer than the last one (a weekend, a shutdown) it also covers the extra days.
    (R, S): an order covers the days until the next review plus L - 1. With a supplier calendar a review falls on
    the first order day on or after its due date. Returns (order days, days covered, days since the last order
    day).
    """
    days = plan.horizon_days
    lead = item.lead_time_days
    calendar = item.calendar if item.calendar is not None else OrderCalendar()
    lookahead = 400
    allowed = calendar.allowed(plan.start, days + lookahead)
    if settings.policy == "RS":
        step = max(1, round(item.review_period_days))
        decision = np.zeros(days + lookahead, dtype=bool)
        for due in range(0, days + lookahead, step):
            later = np.flatnonzero(allowed[due:])
            if later.size:
                decision[due + later[0]] = True
    else:
        decision = allowed
    nxt = np.full(days + lookahead, days + lookahead + 30, dtype=np.int64)
    upcoming = days + lookahead + 30
    for t in range(days + lookahead - 1, -1, -1):
        nxt[t] = upcoming
        if decision[t]:
            upcoming = t
    prev = np.full(days + lookahead, -1, dtype=np.int64)
    last = -1
    for t in range(days + lookahead):
        prev[t] = last
        if decision[t]:
            last = t
    idx = np.arange(days + lookahead)
    gaps = np.minimum((nxt - idx)[:days], 370).astype("float64")
    # Days since the previous order day (its demand is what the position undershoots s by); before the
    # first order day, the regular gap ahead stands in.
    back = np.where(prev >= 0, idx - prev, 0)[:days].astype("float64")
    back = np.where(back > 0, back, gaps)
    # Continuous review covers L - 1 days plus the undershoot; a longer gap ahead than behind (a weekend,
    # a shutdown) is bridged by ordering its extra days ahead.
    exposures = gaps + lead - 1 if settings.policy == "RS" else lead - 1 + np.maximum(0.0, gaps - back)
    return decision[:days], exposures, np.minimum(back, 370.0)


def compute_policy(plan: DemandPlan, item: ItemParams, settings: PolicySettings, rng_seed: int = 0) -> PolicyResult:
    """Safety stock, reorder point, order quantity and order-up-to level for one SKU.

    Parameters
    ----------
    plan : DemandPlan
        The daily forecast and its errors (calibration, backtest, intervals or history).
    item : ItemParams
        Lead time L and its sd sigma_L (days), review period R (days), costs, MOQ, packs, cap.
    settings : PolicySettings
        Policy, target (cycle service level CSL or fill rate beta), uncertainty method, distribution.
    rng_seed : int
        Seed of the draws of the calibrated and empirical quantiles.

    Notes
    -----
    P is the protection interval: L - 1 days (plus a longer gap to the next order day) for (s, Q) and (s, S),
    R + L - 1 for (R, S). Over it, with F(P) the forecast, b and sigma the mean and sd of the forecast errors
    over P days from the chosen uncertainty method, d the mean daily demand and U the undershoot below s
    (renewal approximation; zero for (R, S))::

        mu_X    = F(P) + b + E[U]
        sigma_X = sqrt(sigma^2 + (d sigma_L)^2 + Var U)
        s       = the trigger (reorder point; order-up-to level S for (R, S))
        SS      = s - mu_X, floored at 0

    How s is set:

    - ``uncertainty="calibrated"`` (the default, when there are enough error windows): the
      ceil((n + 1) CSL) / n empirical quantile (split-conformal, n error windows) of 20,000 draws of
      X = max(F(P') + E(P'), 0) + U, with P' the protection interval with a lead time drawn from
      N(L, sigma_L^2) and E(P') the error of a randomly drawn rolling origin over P' days;
    - ``distribution="normal"``: s = mu_X + k sigma_X, so SS = k sigma_X, with k = Phi^-1(CSL);
    - ``distribution="gamma"``: the CSL quantile of a gamma with mean mu_X and sd sigma_X;
    - ``distribution="empirical"``: the CSL quantile of mu_X plus backtest errors (less b) plus
      N(0, (d sigma_L)^2 + Var U) noise (the normal when fewer than 20 errors);
    - a fill-rate target beta instead solves E[(X - s)+] = (1 - beta) Q for s under the same distribution
      (normal: sigma_X G(k) = (1 - beta) Q, G the standard normal loss function).

    Order quantity: Q = EOQ = sqrt(2 K lambda / h) (K the order cost, lambda the annual demand, h = holding
    rate x unit cost), or ``settings.order_quantity`` when given; without the user's costs the EOQ is kept
    within ``settings.cover_days`` of demand; then rounded by :func:`round_order` (MOQ, packs, cap). For
    (R, S), Q = d R and S = s; for (s, S), S = s + Q. The trigger is time-phased: on each day it is the
    forecast over that day's protection interval plus b, E[U] and SS scaled by that interval's sigma_X.

    See docs/maths.md for the formulas with their symbols and references.

    Raises
    ------
    InventoryInputError
        Service level outside (0, 1), non-positive lead time, or a forecast horizon shorter than the
        protection interval (lead time, plus review period for (R, S)).
    """
    level = settings.service_level
    if not 0 < level < 1:
        raise InventoryInputError(Message("inv.service_level", level=level))
    lead = item.lead_time_days
    if lead < 1:
        raise InventoryInputError(Message("inv.lead_time", lead=lead))
    review = item.review_period_days if settings.policy == "RS" else 0.0
    if settings.policy == "RS" and review < 1:
        raise InventoryInputError(Message("inv.review", review=review))
    needed = lead + review
    if plan.horizon_days < needed:
        code = "inv.horizon_review" if review else "inv.horizon"
        raise InventoryInputError(Message(code, days=plan.horizon_days, lead=lead, review=review, needed=needed))
    notes: list[str] = []
    # Days of demand an order placed on each day must cover (see the timing convention above), and the days
    # an order may be placed (every day, every R days, or the supplier's calendar).
    decision, exposures, behind = _decisions(plan, item, settings)
    first = int(np.argmax(decision)) if decision.any() else 0
    exposure = float(exposures[first])
    if settings.policy == "RS":
        review = exposure - lead + 1
    daily = plan.daily_rate(max(exposure, 1.0))
    annual = plan.daily_rate(min(plan.horizon_days, 365)) * 365.0
    bias, sd_demand, used = plan.error_stats(exposure, settings.uncertainty, settings.interval_level)
    quiet = settings.uncertainty == "calibrated" and used == "backtest" and plan.origin_errors is None
    if used != settings.uncertainty and not quiet:  # no calibration run at all: the backtest, as before
        notes.append(Message("inv.note.uncertainty", wanted=settings.uncertainty, used=used))
    # Demand over the interval an order placed on day t covers (days t + 1 ... t + exposure), for every day:
    # the trigger moves with the forecast (time-phased), so a peak ahead raises it in time.
    profile = plan.window_means(exposure, start=1) if exposure > 0 else np.zeros(plan.horizon_days)
    mu = max(0.0, float(profile[0]) + bias)
    lt_sd = daily * item.lead_time_sd_days
    u_mean, u_sd = (0.0, 0.0)
    day_sd = sd_demand / math.sqrt(exposure) if exposure > 0 else plan.error_stats(1.0, settings.uncertainty)[1]
    day_rate = plan.daily_rate(1.0)

    def undershoot(gap: float) -> tuple[float, float]:
        """Undershoot of the demand accumulated over ``gap`` days (one day with daily review)."""
        if settings.policy == "RS":
            return 0.0, 0.0
        return undershoot_moments(gap * day_rate, math.sqrt(gap) * day_sd)

    u_mean, u_sd = undershoot(float(behind[first]))
    sigma = math.sqrt(sd_demand**2 + lt_sd**2 + u_sd**2)
    mean_x = mu + u_mean
    h = item.holding_cost_per_unit_year
    q_eoq = eoq(item.order_cost, h, annual) if h > 0 else 0.0
    if settings.policy == "RS":
        q = daily * review
    else:
        q = settings.order_quantity if settings.order_quantity else q_eoq
        if not settings.order_quantity and not item.costs_given and annual > 0:
            # Default costs say little about this SKU: their EOQ is kept within a sensible cover (a week to a
            # quarter by default), or a slow mover would order a year's demand and a fast one every day.
            rate = annual / 365.0
            lo, hi = settings.cover_days
            bounded = min(max(q_eoq, lo * rate), hi * rate)
            if abs(bounded - q_eoq) > 1e-9:
                notes.append(Message("inv.note.q_cover", eoq=q_eoq, days=q_eoq / rate, lo=lo, hi=hi, q=bounded))
            q = bounded
        q = max(q, 1.0)
        q = float(round_order(q, item.moq, item.pack_size, item.max_order)) or q
    samples = None
    quantile_level = level
    errors_own = errors_pooled = 0
    if used == "calibrated":
        samples, errors_own, errors_pooled = _calibrated_samples(
            plan, exposure, item.lead_time_sd_days, u_mean, u_sd, rng_seed
        )
        if samples is not None:
            n_err = errors_own + errors_pooled
            # Split-conformal: the ceil((n + 1) level)-th smallest of n errors (capped at the largest).
            quantile_level = min(1.0, math.ceil((n_err + 1) * level) / n_err)
    elif settings.distribution == "empirical":
        base = plan.error_samples(exposure)
        if base is None:
            notes.append(Message("inv.note.empirical"))
        else:
            rng = np.random.default_rng(rng_seed)
            n = 20_000
            draws = rng.choice(base, n) - bias + rng.normal(0, math.sqrt(lt_sd**2 + u_sd**2), n)
            samples = mean_x + draws
    if used == "calibrated" and samples is not None:
        dist = "empirical"
    else:
        dist = settings.distribution if not (settings.distribution == "empirical" and samples is None) else "normal"
    ppf, loss = _distribution_quantities(mean_x, sigma, samples, dist)
    if settings.service_type == "csl":
        trigger = ppf(quantile_level)
    else:
        target = (1 - level) * q
        lo, hi = mean_x - 6 * sigma - 1, mean_x + 10 * sigma + q + 1
        trigger = float(brentq(lambda r: loss(r) - target, lo, hi)) if loss(lo) > target > loss(hi) else ppf(0.5)
    safety = trigger - mean_x
    if safety < 0:
        # A low fill-rate target can be met by the order quantity alone (k < 0). A negative safety stock would
        # plan to run out on purpose; it is floored at zero, and the implied service shows the result.
        notes.append(Message("inv.note.floored", service=settings.service_type, safety=safety))
        safety, trigger = 0.0, mean_x
    k = safety / sigma if sigma > 0 else 0.0
    if dist == "normal":
        implied_csl = float(norm.cdf(k)) if sigma > 0 else 1.0
    elif dist == "gamma":
        shape, scale = (mean_x / sigma) ** 2, sigma**2 / mean_x
        implied_csl = float(gamma.cdf(trigger, shape, scale=scale))
    else:
        implied_csl = float((samples <= trigger).mean())
    implied_fill = float(max(0.0, 1 - loss(trigger) / q)) if q > 0 else float("nan")
    by_day = np.zeros(plan.horizon_days)
    safety_by_day = np.zeros(plan.horizon_days)
    profiles: dict[float, np.ndarray] = {}
    for e, g in {(float(a), float(b)) for a, b in zip(exposures, behind, strict=True)}:
        e_bias, e_sd, _ = plan.error_stats(e, settings.uncertainty, settings.interval_level)
        g_mean, g_sd = undershoot(g)
        e_sigma = math.sqrt(e_sd**2 + lt_sd**2 + g_sd**2)
        e_safety = safety * (e_sigma / sigma) if sigma > 0 else safety
        if e not in profiles:
            profiles[e] = plan.window_means(e, start=1) if e > 0 else np.zeros(plan.horizon_days)
        days = (exposures == e) & (behind == g)
        by_day[days] = np.maximum(profiles[e][days] + e_bias, 0.0) + g_mean + e_safety
        safety_by_day[days] = e_safety
    if not item.active:
        decision = np.zeros_like(decision)
        notes.append(
            Message("inv.note.inactive", reason=item.inactive_reason)
            if item.inactive_reason
            else Message("inv.note.inactive_default")
        )
    elif item.calendar is not None and not item.calendar.trivial:
        notes.append(Message("inv.note.order_days"))
    if settings.policy == "RS":
        reorder, up_to, q_out = None, trigger, q
    elif settings.policy == "sS":
        reorder, up_to, q_out = trigger, trigger + q, q
    else:
        reorder, up_to, q_out = trigger, None, q
    return PolicyResult(
        policy=settings.policy,
        protection_days=exposure,
        daily_demand=daily,
        protection_mean=mu,
        demand_sd=sd_demand,
        lead_time_sd_units=lt_sd,
        undershoot_mean=u_mean,
        undershoot_sd=u_sd,
        protection_sd=sigma,
        bias=bias,
        uncertainty_used=used,
        distribution="calibrated" if used == "calibrated" and samples is not None else dist,
        safety_factor=k,
        safety_stock=safety,
        reorder_point=reorder,
        order_quantity=q_out,
        order_up_to=up_to,
        eoq=q_eoq,
        annual_demand=annual,
        service_type=settings.service_type,
        service_level=level,
        implied_csl=implied_csl,
        implied_fill_rate=implied_fill,
        notes=tuple(notes),
        errors_own=errors_own,
        errors_pooled=errors_pooled,
        pooled_skus=plan.pooled_skus if errors_pooled else 0,
        trigger_by_day=by_day,
        decision_days=decision,
        safety_by_day=safety_by_day,
    )
