"""Command line: ``python -m inventory plan --forecasts DIR --lead-time DAYS --service-level P --out DIR``.

Reads the output of ``python -m forecasting run`` (forecasts.csv, backtest.csv, best_models.csv, run.json).
Exit codes: 0 done (per-SKU problems listed in plan.json), 2 bad input, 3 nothing usable,
4 the output cannot be written (disk full, read-only).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from inventory.catalogue import CatalogueSettings, FrameCalibrations, SkuInput, plan_catalogue

EXIT_OK, EXIT_BAD_INPUT, EXIT_NOTHING, EXIT_CANNOT_WRITE = 0, 2, 3, 4
DEFAULTS = CatalogueSettings()
ITEM = DEFAULTS.item


class BadInput(Exception):
    """A one-line reason for exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m inventory", description="Replenish replenishment planning.")
    sub = parser.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan", help="policy, dated schedule and simulation for every forecast SKU")
    plan.add_argument("--forecasts", required=True, type=Path, help="output directory of python -m forecasting run")
    plan.add_argument("--items", type=Path, help="item master (lead times, costs, stock, MOQ, pack) per SKU")
    plan.add_argument("--lead-time", required=True, type=float, help="days (default for SKUs without one)")
    plan.add_argument("--lead-time-sd", type=float, default=0.0, help="days")
    plan.add_argument("--service-level", required=True, type=float, help="fraction, e.g. 0.95")
    plan.add_argument("--service-type", choices=["csl", "fill"], default="csl")
    plan.add_argument("--policy", choices=["sQ", "sS", "RS"], default="sQ")
    plan.add_argument("--review-period", type=float, default=7.0, help="days, for RS")
    plan.add_argument(
        "--holding-rate",
        type=float,
        default=None,
        help="fraction of unit cost per year (default 0.25; given here or in the item master, Q is the EOQ)",
    )
    plan.add_argument(
        "--order-cost",
        type=float,
        default=None,
        help="currency per order (default 50; given here or in the item master, Q is the EOQ)",
    )
    plan.add_argument(
        "--q-cover",
        default="7,91",
        help="without ordering or holding costs, Q is the default costs' EOQ kept within MIN,MAX days of demand",
    )
    plan.add_argument("--stockout-cost", type=float, help=f"currency per unit short (default {ITEM.stockout_cost:g})")
    plan.add_argument(
        "--unit-cost", type=float, help=f"currency per unit, for SKUs without one (default {ITEM.unit_cost:g})"
    )
    plan.add_argument(
        "--uncertainty",
        choices=["calibrated", "backtest", "intervals", "history"],
        default="calibrated",
        help="calibrated (default): from calibration.csv, written by `python -m forecasting run --calibrate`; "
        "without it, the backtest errors (policy.csv says which method set each safety stock)",
    )
    plan.add_argument("--distribution", choices=["normal", "gamma", "empirical"], default="normal")
    plan.add_argument("--backorders", action="store_true", help="unmet demand waits (default: it is lost)")
    plan.add_argument("--model", help="use this model for every SKU instead of best_models.csv")
    plan.add_argument(
        "--simulate",
        type=int,
        help=f"Monte-Carlo paths per SKU (default {DEFAULTS.paths}; 0: no simulation, no simulation.csv)",
    )
    plan.add_argument("--seed", type=int, default=0)
    plan.add_argument(
        "--suppliers",
        type=Path,
        help="supplier terms: supplier, order_days, shutdown_start, shutdown_end, min_order_value",
    )
    plan.add_argument("--budget", type=float, help="largest value of all orders placed on one day (currency)")
    plan.add_argument(
        "--inactive-days",
        type=int,
        help=f"no orders for SKUs without sales for this many days (default {DEFAULTS.inactive_days}; 0: off)",
    )
    plan.add_argument(
        "--cover-days",
        type=float,
        help="no orders for SKUs whose stock covers more days of recent demand, listed in excess.csv "
        f"(default {DEFAULTS.cover_days:g}; 0: off)",
    )
    plan.add_argument("--overrides", type=Path, help="planner overrides: sku, start_date, end_date, kind, value, note")
    plan.add_argument("--out", required=True, type=Path)
    return parser


def _read(args) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    folder = args.forecasts
    need = ["forecasts.csv", "best_models.csv"]
    for name in need:
        if not (folder / name).is_file():
            raise BadInput(f"{folder / name}: not found; run python -m forecasting run --out {folder} first")
    forecasts = pd.read_csv(folder / "forecasts.csv", parse_dates=["ds"], dtype={"unique_id": str})
    best = pd.read_csv(folder / "best_models.csv", dtype={"unique_id": str})
    backtest = pd.DataFrame()
    if (folder / "backtest.csv").is_file():
        backtest = pd.read_csv(folder / "backtest.csv", parse_dates=["ds", "cutoff"], dtype={"unique_id": str})
    freq = "D"
    if (folder / "run.json").is_file():
        freq = json.loads((folder / "run.json").read_text()).get("inputs", {}).get("freq", "D")
    missing = {"unique_id", "ds", "model", "yhat"} - set(forecasts.columns)
    if missing:
        raise BadInput(f"{folder / 'forecasts.csv'}: missing columns {', '.join(sorted(missing))}")
    return forecasts, backtest, best, freq


def _q_cover(text: str) -> tuple[float, float]:
    """``--q-cover MIN,MAX`` in days."""
    try:
        lo, hi = (float(v) for v in str(text).split(","))
    except ValueError:
        raise BadInput(f"--q-cover {text}: give two numbers of days, MIN,MAX (for example 7,91)") from None
    if not 0 < lo <= hi:
        raise BadInput(f"--q-cover {text}: MIN must be positive and at most MAX")
    return lo, hi


def _items(args) -> dict[str, dict]:
    if not args.items:
        return {}
    import salesdata

    if not args.items.is_file():
        raise BadInput(f"{args.items}: no such file")
    try:
        master = salesdata.load_item_master(salesdata.read_table(args.items.read_bytes(), args.items.name))
    except salesdata.SalesDataError as exc:
        raise BadInput(str(exc)) from exc
    return {
        row["unique_id"]: {k: v for k, v in row.items() if k != "unique_id" and pd.notna(v)}
        for row in master.items.to_dict("records")
    }


def _suppliers(args) -> dict:
    """supplier -> (OrderCalendar, minimum order value) from --suppliers, or {}."""
    if not args.suppliers:
        return {}
    import salesdata
    from inventory.order_calendar import supplier_calendars

    if not args.suppliers.is_file():
        raise BadInput(f"{args.suppliers}: no such file")
    try:
        terms = salesdata.load_suppliers(salesdata.read_table(args.suppliers.read_bytes(), args.suppliers.name))
    except salesdata.SalesDataError as exc:
        raise BadInput(str(exc)) from exc
    if terms.report.rows_rejected:
        first = terms.rejected.iloc[0]
        raise BadInput(
            f"{args.suppliers.name}: {terms.report.rows_rejected} rows rejected, first at row {first['row']}: "
            f"{first['reason']}"
        )
    return supplier_calendars(terms.frame)


def _overrides(args) -> dict[str, list]:
    """sku -> [Override] from --overrides (CSV: sku, start_date, end_date, kind, value[, note])."""
    if not args.overrides:
        return {}
    from forecasting.base import ForecastError
    from forecasting.overrides import Kind, Override

    if not args.overrides.is_file():
        raise BadInput(f"{args.overrides}: no such file")
    frame = pd.read_csv(args.overrides, dtype={"sku": str})
    need = {"sku", "start_date", "end_date", "kind", "value"}
    if not need <= set(frame.columns):
        raise BadInput(f"{args.overrides.name}: needs the columns {', '.join(sorted(need))}")
    out: dict[str, list] = {}
    for i, r in enumerate(frame.to_dict("records"), start=2):
        try:
            ov = Override(
                pd.Timestamp(r["start_date"]).date(),
                pd.Timestamp(r["end_date"]).date(),
                cast(Kind, str(r["kind"]).strip()),  # ov.check() refuses any other kind
                float(r["value"]),
                "" if pd.isna(r.get("note")) else str(r.get("note")),
            )
            ov.check()
        except (ForecastError, ValueError, TypeError) as exc:
            raise BadInput(f"{args.overrides.name} row {i}: {exc}") from exc
        out.setdefault(str(r["sku"]), []).append(ov)
    return out


def _histories(args) -> dict[str, pd.DataFrame]:
    """history.csv of the forecast run: each SKU's last year of demand, for the ``history`` uncertainty method."""
    path = args.forecasts / "history.csv"
    if not path.is_file():
        return {}
    frame = pd.read_csv(path, dtype={"unique_id": str})
    missing = {"unique_id", "ds", "y"} - set(frame.columns)
    if missing:
        raise BadInput(f"{path}: missing columns {', '.join(sorted(missing))}; run python -m forecasting run again")
    frame["ds"] = pd.to_datetime(frame["ds"])
    return {
        str(u): g.drop(columns=["unique_id"]).reset_index(drop=True) for u, g in frame.groupby("unique_id", sort=False)
    }


def _profile(args) -> pd.DataFrame:
    path = args.forecasts / "profile.csv"
    if not path.is_file():
        return pd.DataFrame()
    return pd.read_csv(path, dtype={"unique_id": str}, parse_dates=["last_date", "last_sale"])


def _calibrations(args, profile: pd.DataFrame) -> FrameCalibrations | None:
    """calibration.csv per SKU, and donor_calibration.csv: the errors SKUs with too few of their own borrow."""
    path = args.forecasts / "calibration.csv"
    if args.uncertainty != "calibrated":
        return None
    if not path.is_file():
        print(
            f"no calibration.csv in {args.forecasts}: safety stocks from the backtest errors "
            "(run python -m forecasting run with --calibrate for calibrated ones)",
            file=sys.stderr,
        )
        return None
    frame = pd.read_csv(path, dtype={"unique_id": str}, parse_dates=["cutoff", "ds"])
    need = {"unique_id", "cutoff", "ds", "y", "forecast"}
    if not need <= set(frame.columns):
        raise BadInput(f"{path}: missing columns {', '.join(sorted(need - set(frame.columns)))}")
    own = {str(uid): g.drop(columns=["unique_id"]) for uid, g in frame.groupby("unique_id", sort=False)}
    classes = {}
    if "demand_class" in profile:
        classes = {str(u): str(c) for u, c in profile["demand_class"].items()}
    donors = None
    donor_path = args.forecasts / "donor_calibration.csv"
    if donor_path.is_file():  # the donors the pages would pick, calibrated with each SKU's models
        table = pd.read_csv(donor_path, dtype={"unique_id": str, "donor": str})
        lacking = {"unique_id", "donor", "cutoff", "ds", "y", "forecast"} - set(table.columns)
        if lacking:
            raise BadInput(
                f"{donor_path}: missing columns {', '.join(sorted(lacking))}; run python -m forecasting run --calibrate again"
            )
        table["cutoff"], table["ds"] = pd.to_datetime(table["cutoff"]), pd.to_datetime(table["ds"])
        donors = {
            str(uid): {str(d): f.drop(columns=["unique_id", "donor"]) for d, f in g.groupby("donor", sort=False)}
            for uid, g in table.groupby("unique_id", sort=False)
        }
    return FrameCalibrations(own, classes, donors, profile if not profile.empty else None)


def _short_calibrations(result, calibrations: FrameCalibrations | None, freq: str) -> dict[str, float]:
    """SKUs with a calibration whose horizon is shorter than their protection interval needs
    (``catalogue.calibration_covers``), with the ``--calibrate`` days that would cover it."""
    from inventory.catalogue import calibration_covers
    from inventory.policy import calibration_days

    if calibrations is None:
        return {}
    out = {}
    for line in result.lines:
        frame = calibrations.frames.get(line.sku)
        if frame is None or frame.empty or line.settings.uncertainty != "calibrated":
            continue
        days = calibration_days(line.item, line.settings)
        if not calibration_covers(int(frame.groupby("cutoff").size().max()), days, freq):
            out[line.sku] = days
    return out


def settings_from(args, joint: bool) -> CatalogueSettings:
    """The command line's settings over the one set of defaults (``inventory.catalogue.CatalogueSettings``)."""
    from inventory.policy import ItemParams, PolicySettings, holding_fraction

    base = CatalogueSettings()
    item = base.item
    return replace(
        base,
        policy=PolicySettings(
            cover_days=_q_cover(args.q_cover),
            policy=args.policy,
            service_type=args.service_type,
            service_level=args.service_level,
            uncertainty=args.uncertainty,
            distribution=args.distribution,
            backorders=args.backorders,
        ),
        item=ItemParams(
            lead_time_days=args.lead_time,
            lead_time_sd_days=args.lead_time_sd,
            review_period_days=args.review_period,
            unit_cost=item.unit_cost if args.unit_cost is None else args.unit_cost,
            holding_rate=holding_fraction(args.holding_rate, item.holding_rate),
            order_cost=item.order_cost if args.order_cost is None else args.order_cost,
            stockout_cost=item.stockout_cost if args.stockout_cost is None else args.stockout_cost,
            costs_given=args.holding_rate is not None or args.order_cost is not None,
        ),
        paths=base.paths if args.simulate is None else args.simulate,
        inactive_days=base.inactive_days if args.inactive_days is None else args.inactive_days,
        cover_days=base.cover_days if args.cover_days is None else args.cover_days,
        seed=args.seed,
        joint=joint,
        budget_per_day=args.budget,
    )


def _inputs(args, forecasts, backtest, best, profile, items, overrides) -> tuple[list[SkuInput], dict[str, str]]:
    """One ``SkuInput`` per SKU of forecasts.csv; SKUs whose model has no forecast are listed as problems."""
    from forecasting.frames import to_wide
    from forecasting.overrides import adjusted_forecast

    chosen = dict(zip(best["unique_id"], best["model"], strict=True))
    by_sku = dict(tuple(forecasts.groupby("unique_id", sort=False)))
    bt_by_sku = dict(tuple(backtest.groupby("unique_id", sort=False))) if not backtest.empty else {}
    histories = _histories(args)
    inputs, problems = [], {}
    for sku in sorted(by_sku):
        model = args.model or chosen.get(sku)
        fc_long = by_sku[sku]
        if model is None or model not in set(fc_long["model"]):
            problems[sku] = f"model '{model}' has no forecast for this SKU"
            continue
        fc, _ = adjusted_forecast(to_wide(fc_long), model, overrides.get(sku, ()))
        bt = to_wide(bt_by_sku[sku]) if sku in bt_by_sku else None
        history = histories.get(sku)
        if history is None and bt is not None and not bt.empty:  # a run written before history.csv
            history = bt.drop_duplicates("ds")[["ds", "y"]]
        master = items.get(sku) or items.get(sku.split("@", 1)[0], {})
        known = sku in profile.index

        def col(name, sku=sku, known=known):
            return profile.loc[sku, name] if known and name in profile else None

        rate = col("recent_daily_demand")
        inputs.append(
            SkuInput(
                sku,
                fc,
                model,
                backtest=bt,
                history=history,
                master=master,
                abc=None if col("abc") is None else str(col("abc")),
                category=master.get("category"),
                demand_class=None if col("demand_class") is None else str(col("demand_class")),
                last_sale=col("last_sale") if known and "last_sale" in profile else None,
                recent_daily_demand=None if rate is None or pd.isna(rate) else float(rate),
                extra={"overrides": len(overrides.get(sku, []))},
            )
        )
    return inputs, problems


def run(args) -> int:
    from inventory.lifecycle import excess_stock

    started = time.perf_counter()
    if not 0 < args.service_level < 1:
        raise BadInput(f"--service-level must be a fraction between 0 and 1, got {args.service_level}")
    if args.lead_time < 1:
        raise BadInput(f"--lead-time must be at least 1 day, got {args.lead_time}")
    forecasts, backtest, best, freq = _read(args)
    items = _items(args)
    terms = _suppliers(args)
    overrides = _overrides(args)
    profile = _profile(args)
    profile = profile.set_index("unique_id") if not profile.empty else profile
    settings = settings_from(args, joint=bool(terms) or args.budget is not None)
    inputs, problems = _inputs(args, forecasts, backtest, best, profile, items, overrides)
    calibrations = _calibrations(args, profile)
    data_end = profile["last_date"].max() if "last_date" in profile else None
    skus = sorted(forecasts["unique_id"].unique())

    def progress(done: int, total: int, sku: str) -> None:
        print(f"[{done}/{total}] {sku} planned", file=sys.stderr)

    result = plan_catalogue(
        inputs, settings, freq, data_end=data_end, suppliers=terms, calibrations=calibrations, progress=progress
    )
    for sku, why in result.failed.items():
        problems[sku] = str(why)
        print(f"{sku} skipped: {why}", file=sys.stderr)
    short = _short_calibrations(result, calibrations, freq)
    if short:
        need = max(short.values())
        print(
            f"{len(short)} SKUs have lead times beyond what calibration.csv forecasts ({', '.join(list(short)[:5])}"
            f"{' ...' if len(short) > 5 else ''}): their drawn lead times are cut at its horizon, or their safety stocks "
            "come from the backtest (policy.csv, uncertainty_used). Rerun "
            f"python -m forecasting run with --calibrate {need:.0f} for the page's numbers.",
            file=sys.stderr,
        )
    policies, sims = [], []
    for line in result.lines:
        policy, item, row = line.result.policy, line.item, line.row
        assert policy is not None
        policies.append(
            {
                "unique_id": line.sku,
                "model": line.model,
                "demand_mean": policy.protection_mean + policy.undershoot_mean,
                "demand_sd": policy.protection_sd,
                "safety_stock": policy.safety_stock,
                "reorder_point": policy.reorder_point,
                "order_qty": policy.order_quantity,
                "order_up_to": policy.order_up_to,
                "order_qty_days": policy.in_days(policy.order_quantity),
                "trigger_days": policy.in_days(policy.trigger),
                "q_rule": "fixed" if line.settings.order_quantity else ("eoq" if item.costs_given else "eoq_in_cover"),
                "protection_days": policy.protection_days,
                "daily_demand": policy.daily_demand,
                "implied_csl": policy.implied_csl,
                "implied_fill_rate": policy.implied_fill_rate,
                "uncertainty_used": policy.uncertainty_used,
                "errors_own": policy.errors_own,
                "errors_pooled": policy.errors_pooled,
                "service_level": line.settings.service_level,
                "lead_time_days": item.lead_time_days,
                "on_hand": item.on_hand,
                "stock_known": item.on_hand_given,
                "supplier": line.supplier,
                "status": row["status"],
                "status_reason": str(row["reason"]),
                "overrides": row.get("overrides", 0),
            }
        )
        sim, steady = line.result.sim, line.result.long_run
        if sim is not None and steady is not None:
            sims.append(
                {
                    "unique_id": line.sku,
                    # From today's stock (blank when it is not known), then the policy's long run.
                    "stockout_probability": sim.stockout_probability if item.on_hand_given else np.nan,
                    "fill_rate": steady.fill_rate,
                    "cycle_service_level": steady.cycle_service_level,
                    "avg_on_hand": sim.avg_on_hand,
                    "total_cost": sim.total_cost,
                    "expected_stockout_days": sim.expected_stockout_days,
                    "lost_units": sim.lost_units,
                    "holding_cost": sim.holding_cost,
                    "ordering_cost": sim.ordering_cost,
                    "stockout_cost": sim.stockout_cost,
                }
            )
    excess = pd.DataFrame(columns=["unique_id"])
    if settings.cover_days > 0 and "recent_daily_demand" in profile and items:
        stock = pd.DataFrame(
            [
                {
                    "unique_id": sku,
                    "on_hand": float(v.get("on_hand", 0.0)),
                    "on_order": float(v.get("on_order", 0.0)),
                    "unit_cost": float(v.get("unit_cost", settings.item.unit_cost)),
                }
                for sku, v in items.items()
                # Demand not known (NaN: out of stock all the recent window) is not excess, as in the plan.
                if "on_hand" in v
                and sku in profile.index
                and sku in set(skus)
                and np.isfinite(profile["recent_daily_demand"].loc[sku])
            ]
        )
        if not stock.empty:
            excess = excess_stock(profile["recent_daily_demand"], stock, settings.cover_days)
    schedules = [] if result.orders.empty else [result.orders]
    cuts = result.cuts
    joint = settings.joint
    args.out.mkdir(parents=True, exist_ok=True)
    fmt: dict[str, Any] = {"index": False, "date_format": "%Y-%m-%d", "float_format": "%.6g"}
    pol_cols = [
        "unique_id",
        "model",
        "demand_mean",
        "demand_sd",
        "safety_stock",
        "reorder_point",
        "order_qty",
        "order_up_to",
    ]
    policy_frame = pd.DataFrame(policies)
    (policy_frame if not policy_frame.empty else pd.DataFrame(columns=pol_cols)).to_csv(args.out / "policy.csv", **fmt)
    sched_cols = [
        "unique_id",
        "supplier",
        "order_date",
        "arrival_date",
        "order_qty",
        "order_value",
        "projected_on_hand",
        "reason",
    ]
    sched = pd.concat(schedules, ignore_index=True)[sched_cols] if schedules else pd.DataFrame(columns=sched_cols)
    sched = sched.sort_values(["order_date", "unique_id"], kind="stable").reset_index(drop=True)
    sched.to_csv(args.out / "schedule.csv", **fmt)
    if joint:
        cuts.to_csv(args.out / "budget_cuts.csv", **fmt)
    if settings.cover_days > 0:
        excess.to_csv(args.out / "excess.csv", **fmt)
    if settings.paths > 0:
        sim_cols = [
            "unique_id",
            "stockout_probability",
            "fill_rate",
            "cycle_service_level",
            "avg_on_hand",
            "total_cost",
        ]
        sim_frame = pd.DataFrame(sims)
        (sim_frame if not sim_frame.empty else pd.DataFrame(columns=sim_cols)).to_csv(
            args.out / "simulation.csv", **fmt
        )
    report = {
        "command": "plan",
        "inputs": {
            "argv": sys.argv[1:],
            "forecasts": str(args.forecasts),
            "freq": freq,
            "settings": asdict(settings.policy),
            "items": str(args.items) if args.items else None,
            "suppliers": str(args.suppliers) if args.suppliers else None,
            "budget": args.budget,
            "inactive_days": settings.inactive_days,
            "cover_days": settings.cover_days,
            "simulate": settings.paths,
            "overrides": str(args.overrides) if args.overrides else None,
        },
        "no_orders": {p["unique_id"]: p["status_reason"] for p in policies if p["status"] != "active"},
        "budget_cuts": len(cuts),
        "skus": {"in_forecasts": len(skus), "planned": len(policies), "skipped": len(problems)},
        "problems": problems,
        "seconds": round(time.perf_counter() - started, 3),
    }
    (args.out / "plan.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(f"{len(policies)} of {len(skus)} SKUs planned; results in {args.out}", file=sys.stderr)
    return EXIT_OK if policies else EXIT_NOTHING


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        # Disk full, read-only or missing output folder: one line, and what is already written stays.
        where = exc.filename or getattr(args, "out", "the output folder")
        print(
            f"error: cannot write {where}: {exc.strerror or exc}. Free disk space or choose another --out, "
            "then run again.",
            file=sys.stderr,
        )
        return EXIT_CANNOT_WRITE


if __name__ == "__main__":
    sys.exit(main())
