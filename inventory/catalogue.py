"""One planning path for a catalogue: the Portfolio page, the supplier plan and ``python -m inventory plan`` all
call :func:`plan_catalogue`, with the same typed settings, so the same inputs give the same plan whoever asks.

Per SKU, in order:

1. The item: its item-master row (with any stock typed on the Portfolio page) over the settings' template;
   open orders without an arrival date arrive after half a lead time (orders placed evenly over the last lead
   time arrive, on average, then).
2. Whether it is ordered: discontinued, no sales for ``inactive_days``, or stock covering more than
   ``cover_days`` days of recent demand stop its orders (the plan says why).
3. The bulk rules (service level by ABC class or category, lead time by category plus a what-if delta), then the
   SKU's own service level and lead time where the user typed them.
4. The calibrated safety stock's errors (``Calibrations``): the SKU's own, and when it has fewer than
   ``MIN_OWN_ERRORS`` windows of its own, those of similar SKUs scaled to its demand.
5. Policy, dated schedule and simulation (``inventory.portfolio.plan_sku``), every random draw seeded from the SKU
   id, so a SKU's plan does not depend on which other SKUs are planned with it.
6. With ``joint``, the orders of all SKUs checked together against supplier minimums and a daily budget
   (``inventory.joint``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import pandas as pd

from inventory.defaults import CLASS_LEVELS, PLAN_HORIZON_DAYS, POOL_DONORS
from inventory.demand import (
    MIN_OWN_ERRORS,
    PERIOD_DAYS,
    DemandPlan,
    InventoryInputError,
    calibration_errors,
    pooled_from,
)
from inventory.joint import SkuPlan, joint_schedule
from inventory.lifecycle import excess_stock, lifecycle_status
from inventory.messages import Message
from inventory.policy import ItemParams, PolicySettings, calibration_days, holding_fraction
from inventory.portfolio import BulkRules, PortfolioPlan, failed_row, plan_sku, with_rules

__all__ = [
    "CLASS_LEVELS",
    "PLAN_HORIZON_DAYS",
    "POOL_DONORS",
    "Calibrations",
    "CataloguePlan",
    "CatalogueSettings",
    "FrameCalibrations",
    "SkuInput",
    "SkuLine",
    "calibration_covers",
    "choose_donors",
    "item_for",
    "needs_donors",
    "order_status",
    "own_windows",
    "plan_catalogue",
    "pooled_errors",
    "sku_seed",
]

ABC_PRIORITY = {"A": 0, "B": 1, "C": 2}


@dataclass(frozen=True)
class CatalogueSettings:
    """Every setting of a catalogue plan, with its default: the one place the defaults live.

    Attributes
    ----------
    policy : PolicySettings
        Policy, service type and level, the safety stock's method.
    item : ItemParams
        Lead time, costs and stock rules for SKUs (or fields) the item master does not give.
    rules : BulkRules
        Service levels by ABC class or category, lead-time what-ifs.
    paths : int
        Monte-Carlo paths per SKU (0: no simulation; its columns are then empty).
    stockout_window_days : int
        A projected stockout counts within this many days of today.
    order_now_days : int
        An order due within this many days is "order now".
    inactive_days : int
        No orders for SKUs without sales for this many days (0: off).
    cover_days : float
        No orders for SKUs whose stock covers more days of recent demand (0: off).
    seed : int
        The run's seed; each SKU's draws come from (seed, SKU id).
    joint : bool
        Check all SKUs' orders together against the supplier minimums and ``budget_per_day``.
    budget_per_day : float, optional
        Largest value of all orders placed on one day (currency).
    """

    policy: PolicySettings = field(default_factory=PolicySettings)
    item: ItemParams = field(default_factory=ItemParams)
    rules: BulkRules = field(default_factory=BulkRules)
    paths: int = 200
    stockout_window_days: int = 30
    order_now_days: int = 7
    inactive_days: int = 90
    cover_days: float = 180.0
    seed: int = 0
    joint: bool = False
    budget_per_day: float | None = None


@dataclass(frozen=True)
class SkuInput:
    """What one SKU brings to the plan.

    ``forecast`` is the wide forecast with the planner's overrides applied; None when the SKU has no forecast
    (``failure`` then says why). ``master`` is its item-master row (``lead_time_days``, ``on_hand``,
    ``supplier`` ...) with any typed stock. ``last_sale`` None means it is not known (the idle rule is then not
    applied); NaT means no sales at all. ``service_level`` and ``lead_time_days`` are the SKU's own, over the
    bulk rules. ``extra`` is copied into its table row (for example the forecast's MASE).
    """

    sku: str
    forecast: pd.DataFrame | None
    model: str = ""
    backtest: pd.DataFrame | None = None
    history: pd.DataFrame | None = None
    master: Mapping = field(default_factory=dict)
    abc: str | None = None
    category: str | None = None
    demand_class: str | None = None
    last_sale: pd.Timestamp | None = None
    recent_daily_demand: float | None = None
    service_level: float | None = None
    lead_time_days: float | None = None
    failure: object = ""
    extra: Mapping = field(default_factory=dict)


class Calibrations(Protocol):
    """Where the calibrated safety stock's forecast errors come from (``forecasting.calibration`` frames)."""

    def own(self, inp: SkuInput, protection_days: float) -> pd.DataFrame | None:
        """The SKU's calibration frame covering ``protection_days``, or None."""
        ...

    def donors(self, inp: SkuInput, own: pd.DataFrame, protection_days: float) -> dict[str, pd.DataFrame]:
        """Calibration frames of up to ``POOL_DONORS`` similar SKUs (asked only when the SKU has too few)."""
        ...


def choose_donors(sku: str, profile: pd.DataFrame, k: int = POOL_DONORS) -> list[str]:
    """The SKUs whose forecast errors a SKU with too few of its own borrows: up to ``k`` of its demand class with
    the longest histories (then the most units, then the id), chosen from the whole dataset's ``profile``
    (``unique_id``, ``demand_class``, ``history_days``, ``total_units``; the index may be the id). The same rule on
    the pages and for ``python -m forecasting run --calibrate``, and independent of which SKUs are planned with it.

    >>> prof = pd.DataFrame({"unique_id": list("abcd"), "demand_class": ["smooth", "smooth", "lumpy", "smooth"],
    ...                      "history_days": [900, 60, 900, 900], "total_units": [10, 5, 99, 20]})
    >>> choose_donors("b", prof, k=2)
    ['d', 'a']
    """
    prof = profile.reset_index() if "unique_id" not in profile.columns else profile
    if prof.empty or not {"demand_class", "history_days", "total_units"} <= set(prof.columns):
        return []
    cls = prof.loc[prof["unique_id"] == sku, "demand_class"]
    if cls.empty:
        return []
    peers = prof[(prof["demand_class"] == cls.iloc[0]) & (prof["unique_id"] != sku)]
    peers = peers.sort_values(["history_days", "total_units", "unique_id"], ascending=[False, False, True])
    return [str(u) for u in peers["unique_id"].head(k)]


def needs_donors(own: pd.DataFrame | None, protection_days: float, freq: str) -> bool:
    """Whether a SKU's calibration has fewer than ``MIN_OWN_ERRORS`` windows covering the protection interval,
    so that its safety stock borrows similar SKUs' errors (``pooled_errors``)."""
    return own is not None and own_windows(own, protection_days, freq) < MIN_OWN_ERRORS


@dataclass(frozen=True)
class FrameCalibrations:
    """Calibrations read from a forecast run: each SKU's own (``calibration.csv``) and, for SKUs with too few
    windows of their own, their donors' calibrated with the SKU's models (``donor_calibration.csv``, written by
    ``python -m forecasting run --calibrate`` with the donors ``choose_donors`` picks from the whole dataset, as
    the pages do). A run written before donors were kept falls back to the same rule among the run's SKUs."""

    frames: Mapping[str, pd.DataFrame]
    classes: Mapping[str, str] = field(default_factory=dict)
    donor_frames: Mapping[str, Mapping[str, pd.DataFrame]] | None = None
    profile: pd.DataFrame | None = None

    def own(self, inp: SkuInput, protection_days: float) -> pd.DataFrame | None:
        return self.frames.get(inp.sku)

    def donors(self, inp: SkuInput, own: pd.DataFrame, protection_days: float) -> dict[str, pd.DataFrame]:
        if self.donor_frames is not None and inp.sku in self.donor_frames:
            return dict(self.donor_frames[inp.sku])
        # Not in donor_calibration.csv (a run written before it, or a protection interval longer than the run
        # calibrated): the same rule among the SKUs the run calibrated, or, with an older profile.csv that lacks
        # the rule's columns, the same demand class with the most origins.
        prof = self.profile
        if prof is not None and {"history_days", "total_units"} <= set(prof.columns):
            prof = prof.reset_index() if "unique_id" not in prof.columns else prof
            prof = prof[prof["unique_id"].isin(list(self.frames)) | (prof["unique_id"] == inp.sku)]
            return {s: self.frames[s] for s in choose_donors(inp.sku, prof)}
        cls = self.classes.get(inp.sku, inp.demand_class)
        peers = [s for s in self.frames if s != inp.sku and self.classes.get(s) == cls]
        peers.sort(key=lambda s: (-self.frames[s]["cutoff"].nunique(), s))
        return {s: self.frames[s] for s in peers[:POOL_DONORS]}


@dataclass(frozen=True)
class SkuLine:
    """One planned SKU: its inputs after the rules, the computed plan and its table row."""

    sku: str
    model: str
    supplier: str
    plan: DemandPlan
    item: ItemParams
    settings: PolicySettings
    result: PortfolioPlan

    @property
    def row(self) -> dict:
        return self.result.row


@dataclass(frozen=True)
class CataloguePlan:
    """Every SKU's line (in input order), the failures with their reasons, and all orders."""

    lines: tuple[SkuLine, ...]
    failed: dict[str, object]
    orders: pd.DataFrame
    cuts: pd.DataFrame
    order: tuple[str, ...] = ()

    def rows(self) -> list[dict]:
        """Table rows in input order: planned SKUs' lines and failed SKUs' reasons."""
        by_sku = {ln.sku: ln.row for ln in self.lines}
        return [by_sku[s] if s in by_sku else failed_row(s, self.failed[s]) for s in self.order]


def sku_seed(seed: int, sku: str) -> int:
    """A SKU's random seed from the run's seed and its id: the same SKU draws the same numbers whichever other
    SKUs are planned with it.

    >>> sku_seed(0, "RP-1001") == sku_seed(0, "RP-1001") != sku_seed(1, "RP-1001")
    True
    """
    digest = int.from_bytes(hashlib.blake2b(str(sku).encode("utf-8"), digest_size=8).digest(), "little")
    return int(np.random.SeedSequence([int(seed), digest]).generate_state(1)[0])


def item_for(master: Mapping, template: ItemParams, start: pd.Timestamp) -> ItemParams:
    """A SKU's item parameters: its item-master row over the template.

    Open orders (``on_order``) without arrival dates arrive after half a lead time.
    """
    lead = float(master.get("lead_time_days", template.lead_time_days))
    on_order = float(master.get("on_order", 0.0) or 0.0)
    arrival = (pd.Timestamp(start) + pd.Timedelta(days=max(1, round(lead) // 2))).date()
    return replace(
        template,
        lead_time_days=lead,
        lead_time_sd_days=float(master.get("lead_time_sd_days", template.lead_time_sd_days)),
        review_period_days=float(master.get("review_period_days", template.review_period_days)),
        unit_cost=float(master.get("unit_cost", template.unit_cost)),
        order_cost=float(master.get("order_cost", template.order_cost)),
        holding_rate=holding_fraction(master.get("holding_rate"), template.holding_rate),
        costs_given=template.costs_given or "order_cost" in master or "holding_rate" in master,
        on_hand_given="on_hand" in master,
        moq=float(master.get("moq", 0.0)),
        pack_size=max(1.0, float(master.get("pack_size", 1.0) or 1.0)),
        max_order=None,
        on_hand=float(master.get("on_hand", 0.0)),
        open_orders=((arrival, on_order),) if on_order > 0 else (),
    )


def order_status(inp: SkuInput, settings: CatalogueSettings, data_end: pd.Timestamp | None) -> tuple[bool, str]:
    """(ordered, why not): discontinued, idle longer than the limit, or holding more than the cover limit."""
    discontinued = bool(inp.master.get("discontinued", False))
    if discontinued or (inp.last_sale is not None and data_end is not None):
        active, reason = lifecycle_status(inp.last_sale, data_end, settings.inactive_days, discontinued)
        if not active:
            return active, reason
    rate = inp.recent_daily_demand
    # Demand not known (out of stock for the whole recent window: NaN) says nothing about excess.
    if settings.cover_days > 0 and rate is not None and bool(np.isfinite(rate)) and "on_hand" in inp.master:
        stock = pd.DataFrame(
            [
                {
                    "unique_id": inp.sku,
                    "on_hand": float(inp.master["on_hand"]),
                    "on_order": float(inp.master.get("on_order", 0.0) or 0.0),
                    "unit_cost": float(inp.master.get("unit_cost", settings.item.unit_cost)),
                }
            ]
        )
        excess = excess_stock(pd.Series({inp.sku: float(rate)}), stock, settings.cover_days)
        if not excess.empty:
            r = excess.iloc[0]
            return False, Message(
                "life.excess",
                days=round(float(r["days_of_cover"])) if np.isfinite(r["days_of_cover"]) else "∞",
                excess=round(float(r["excess_units"])),
                limit=f"{settings.cover_days:g}",
            )
    return True, ""


def calibration_covers(periods: int, protection_days: float, freq: str) -> bool:
    """Whether a calibration forecasting ``periods`` ahead from each origin reaches far enough for a protection
    interval of ``protection_days`` (``policy.calibration_days``, which adds a week of slack for the undershoot and
    the gaps between order days; within it, lead times drawn past the horizon are cut at it). The pages compute a
    shorter one again; the command line says which SKUs need a longer ``--calibrate``."""
    return periods * PERIOD_DAYS[freq] >= protection_days - 7


def own_windows(frame: pd.DataFrame | None, protection_days: float, freq: str) -> int:
    """Origins of a calibration whose errors cover the whole protection interval."""
    errors = calibration_errors(frame)
    need = max(1, int(np.ceil(protection_days / PERIOD_DAYS[freq])))
    if errors is None or errors.shape[1] < need:
        return 0
    return int(np.isfinite(errors[:, :need]).all(axis=1).sum())


def pooled_errors(
    own: pd.DataFrame | None,
    protection_days: float,
    freq: str,
    donors: Callable[[], dict[str, pd.DataFrame]],
) -> tuple[tuple[np.ndarray | None, int], dict[str, pd.DataFrame]]:
    """Similar SKUs' errors scaled to this SKU when it has fewer than ``MIN_OWN_ERRORS`` windows of its own:
    ((errors, SKUs pooled), donor frames). ``donors`` is asked only then."""
    if not needs_donors(own, protection_days, freq):
        return (None, 0), {}
    frames = donors()
    return pooled_from(frames, own, freq), frames


def _line(
    inp: SkuInput,
    settings: CatalogueSettings,
    freq: str,
    data_end: pd.Timestamp | None,
    suppliers: Mapping,
    calibrations: Calibrations | None,
) -> SkuLine:
    master = inp.master
    assert inp.forecast is not None
    item = item_for(master, settings.item, pd.Timestamp(inp.forecast["ds"].min()))
    active, reason = order_status(inp, settings, data_end)
    supplier = str(master.get("supplier", "") or "")
    calendar = suppliers.get(supplier, (None, 0.0))[0] if supplier else None
    item = replace(
        item,
        calendar=None if calendar is None or calendar.trivial else calendar,
        active=active,
        inactive_reason=reason,
    )
    item, policy = with_rules(item, settings.policy, settings.rules, inp.abc, inp.category)
    if inp.service_level:
        policy = replace(policy, service_level=float(inp.service_level))
    if inp.lead_time_days:
        item = replace(item, lead_time_days=float(inp.lead_time_days))
    own: pd.DataFrame | None = None
    pooled: tuple[np.ndarray | None, int] = (None, 0)
    if policy.uncertainty == "calibrated" and calibrations is not None:
        days = calibration_days(item, policy)
        own = calibrations.own(inp, days)
        if own is not None:  # no calibration of its own: nothing to pool either (pooled_errors)
            pooled, _ = pooled_errors(own, days, freq, lambda: calibrations.donors(inp, own, days))
    result = plan_sku(
        inp.sku,
        inp.forecast,
        inp.model,
        freq,
        item,
        policy,
        backtest=inp.backtest,
        history=inp.history,
        paths=settings.paths,
        seed=sku_seed(settings.seed, inp.sku),
        stockout_window_days=settings.stockout_window_days,
        order_now_days=settings.order_now_days,
        calibration=own,
        pooled=pooled,
    )
    result.row.update(inp.extra)
    result.row["supplier"] = supplier
    return SkuLine(inp.sku, inp.model, supplier, result.plan, result.item, policy, result)


def plan_catalogue(
    inputs: Sequence[SkuInput],
    settings: CatalogueSettings,
    freq: str,
    *,
    data_end: pd.Timestamp | None = None,
    suppliers: Mapping | None = None,
    calibrations: Calibrations | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> CataloguePlan:
    """Plan every SKU (see the module's docstring); a SKU that cannot be planned is kept with the reason.

    Parameters
    ----------
    inputs : sequence of SkuInput
    settings : CatalogueSettings
    freq : {"D", "W", "M"}
        The forecasts' time bucket.
    data_end : pd.Timestamp, optional
        The last day of the sales data (for the idle rule).
    suppliers : mapping
        Supplier name -> (OrderCalendar, minimum order value), from ``order_calendar.supplier_calendars``.
    calibrations : Calibrations, optional
        Source of the calibrated safety stock's errors; without it the backtest errors set the safety stock.
    progress : callable, optional
        Called with (done, total, sku) after each SKU.
    """
    terms = suppliers or {}
    lines: list[SkuLine] = []
    failed: dict[str, object] = {}
    for i, inp in enumerate(inputs, start=1):
        if inp.forecast is None:
            failed[inp.sku] = inp.failure
        else:
            try:
                lines.append(_line(inp, settings, freq, data_end, terms, calibrations))
            except InventoryInputError as exc:
                failed[inp.sku] = exc
        if progress is not None:
            progress(i, len(inputs), inp.sku)
    abc = {inp.sku: inp.abc for inp in inputs}
    cuts = pd.DataFrame(columns=["date", "unique_id", "wanted", "funded", "reason"])
    if settings.joint and lines:
        joint = joint_schedule(
            [
                SkuPlan(
                    ln.sku, ln.plan, ln.item, ln.result.policy, ln.supplier, ABC_PRIORITY.get(abc[ln.sku] or "C", 2)
                )
                for ln in lines
            ],
            settings.policy,
            min_order_value={name: mov for name, (_, mov) in terms.items()},
            budget_per_day=settings.budget_per_day,
        )
        orders, cuts = joint.orders, (joint.cuts if not joint.cuts.empty else cuts)
    else:
        parts = [ln.result.orders.assign(supplier=ln.supplier, reason="policy") for ln in lines]
        parts = [p for p in parts if not p.empty]
        orders = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return CataloguePlan(tuple(lines), failed, orders, cuts, tuple(inp.sku for inp in inputs))
