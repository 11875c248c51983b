"""Command line: ``python -m forecasting run --input FILE --horizon H --out DIR`` (see DESIGN.md).

Exit codes: 0 done (per-SKU failures listed in run.json), 2 bad input, 3 nothing usable,
4 the output cannot be written (disk full, read-only).
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import platform
import sys
import time
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

import salesdata
from forecasting.engine import ForecastConfig
from forecasting.models import REGISTRY

EXIT_OK, EXIT_BAD_INPUT, EXIT_NOTHING, EXIT_CANNOT_WRITE = 0, 2, 3, 4
_KNOWN_MODELS = set(REGISTRY) | {"ensemble", "auto", "lgbm"}


class BadInput(Exception):
    """A one-line reason for exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m forecasting", description="Replenish batch forecasting.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="backtest and forecast every SKU of a sales file")
    run.add_argument("--input", required=True, type=Path, help="sales file (CSV, TSV, TXT, XLSX, XLS, Parquet, .gz)")
    run.add_argument("--date-col")
    run.add_argument("--id-col")
    run.add_argument("--qty-col")
    run.add_argument("--mapping", type=Path, help="reading settings saved from the Data page (JSON)")
    run.add_argument("--sheet", help="Excel sheet name")
    order = run.add_mutually_exclusive_group()
    order.add_argument("--day-first", action="store_true", help="dates like 03/04/2024 are 3 April")
    order.add_argument("--month-first", action="store_true", help="dates like 03/04/2024 are 4 March")
    run.add_argument("--stockouts", type=Path, help="stock-out log: sku, start_date, end_date")
    run.add_argument(
        "--planned", type=Path, help="planned promotions and prices: sku, start_date, end_date, promo and/or price"
    )
    run.add_argument("--freq", choices=["D", "W", "M"])
    run.add_argument("--horizon", required=True, type=int)
    run.add_argument("--folds", type=int, default=3)
    run.add_argument("--step", type=int)
    run.add_argument("--models", default="auto", help="auto, or slugs separated by commas")
    run.add_argument("--levels", default="80,95")
    run.add_argument("--metric", default="mase", choices=["mase", "wape", "mae", "rmse", "smape"])
    run.add_argument("--country", help="public-holiday calendar, ISO code (CN, US, GB, ...)")
    run.add_argument("--no-events", action="store_true", help="do not use the e-commerce event calendar")
    run.add_argument("--tune", action="store_true", help="time-budgeted hyper-parameter search per SKU")
    run.add_argument(
        "--refit",
        choices=["every", "first"],
        default="every",
        help="backtest: re-estimate the models at every origin (default), or once at the first origin and "
        "move the fit forward (statsforecast's refit=False; faster)",
    )
    run.add_argument(
        "--calibrate",
        type=float,
        nargs="?",
        const=56.0,
        default=0.0,
        metavar="DAYS",
        help="also forecast each SKU's chosen model from a year of weekly origins before the plan and before the "
        "backtest, DAYS ahead (default 56: lead times up to about 40 days; the plan names SKUs that need more), into "
        "calibration.csv: the errors `python -m inventory plan` sets calibrated safety stocks from, as the app does "
        "(about doubles the run's time)",
    )
    run.add_argument("--skus", help="only these SKUs, separated by commas")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--backend", choices=["local", "dask"], default="local")
    run.add_argument("--scheduler", help="Dask scheduler address (with --backend dask)")
    run.add_argument(
        "--jobs", type=int, default=1, help="worker processes (local backend; Dask: workers of the local cluster)"
    )
    run.add_argument("--resume", action="store_true", help="skip SKUs a killed run with the same arguments finished")
    run.add_argument("--chunk-size", type=int, default=50, help="SKUs per part written to disk (default 50)")
    run.add_argument("--out", required=True, type=Path)
    return parser


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("pandas", "numpy", "statsmodels", "prophet", "scikit-learn", "scipy", "joblib"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _config(args: argparse.Namespace) -> ForecastConfig:
    if args.horizon < 1:
        raise BadInput(f"--horizon must be at least 1, got {args.horizon}")
    if args.folds < 0:
        raise BadInput(f"--folds must be 0 or more, got {args.folds}")
    try:
        levels = tuple(sorted({int(x) for x in args.levels.split(",") if x.strip()}))
    except ValueError as exc:
        raise BadInput(f"--levels takes whole percentages separated by commas, got '{args.levels}'") from exc
    if not levels or any(not 0 < lv < 100 for lv in levels):
        raise BadInput(f"--levels must lie between 1 and 99, got '{args.levels}'")
    models = tuple(m.strip().lower() for m in args.models.split(",") if m.strip())
    unknown = [m for m in models if m not in _KNOWN_MODELS]
    if unknown:
        raise BadInput(
            f"unknown model(s) {', '.join(unknown)}; choose from auto, {', '.join(sorted(_KNOWN_MODELS - {'auto'}))}"
        )
    return ForecastConfig(
        horizon=args.horizon,
        folds=args.folds,
        step=args.step,
        levels=levels,
        models=models,
        metric=args.metric,
        country=args.country,
        events=not args.no_events,
        seed=args.seed,
        tune=args.tune,
        refit=args.refit == "every",
    )


def _load(args: argparse.Namespace):
    """Read the input as the Data page would: the saved settings, or the detected roles, key and time bucket.

    Returns the file's bytes, the dataset, its frequency and the mapping in ``python -m salesdata inspect``'s
    shape (recorded in run.json).
    """
    if not args.input.is_file():
        raise BadInput(f"{args.input}: no such file")
    data = args.input.read_bytes()
    read, mapping, ingest, freq = salesdata.ReadOptions(), None, None, None
    if args.mapping:
        if not args.mapping.is_file():
            raise BadInput(f"{args.mapping}: no such mapping file")
        saved = salesdata.settings_from_json(args.mapping.read_text(encoding="utf-8"), str(args.mapping))
        read, mapping, ingest, freq = saved.read, saved.mapping, saved.ingest, saved.freq
    if args.sheet:
        read = replace(read, sheet=args.sheet)
    freq = args.freq or freq
    raw = salesdata.read_table(data, args.input.name, read)
    proposal = None
    if mapping is None or ingest is None:
        proposal = salesdata.propose(raw)
        mapping = mapping or proposal.mapping
        ingest = ingest or proposal.ingest
        for note in proposal.notes:
            print(f"{args.input.name}: {note}", file=sys.stderr)
        if proposal.non_merchandise:
            listed = ", ".join(f"{n.code} ({n.kind}, {n.rows:,} rows)" for n in proposal.non_merchandise[:8])
            print(f"{args.input.name}: not merchandise, excluded: {listed}", file=sys.stderr)
    if args.day_first or args.month_first:
        ingest = replace(ingest, day_first=bool(args.day_first))
    overridden = False
    for role, col in (("date", args.date_col), ("sku", args.id_col), ("quantity", args.qty_col)):
        if col:
            mapping = mapping.with_role(role, col)
            overridden = True
    if overridden and not args.mapping:
        # The detected layout and line flags went with the detected columns: judge them again for these.
        ingest = salesdata.reading_flags(raw.frame, mapping, "auto").apply(replace(ingest, layout="auto"))
    spans = None
    if args.stockouts:
        log = salesdata.load_stockouts(salesdata.read_table(args.stockouts.read_bytes(), args.stockouts.name))
        spans = log.spans
    dataset = salesdata.build_dataset(raw, mapping, ingest, freq, stockouts=spans)
    roles = salesdata.contract_roles(mapping, ingest, dataset.report.layout)
    shape = {
        "layout": "wide" if dataset.report.layout == "wide_dates" else dataset.report.layout,
        "freq": dataset.report.freq,
        "roles": roles,
        "skus": dataset.report.n_skus + len(dataset.report.skus_without_sales),
    }
    if dataset.report.week_label:
        shape["week_start"] = dataset.report.week_label
    if proposal is not None:
        # What the Data page would ask before forecasting: said on stderr and kept in run.json; the run goes on.
        r = dataset.report
        guess = salesdata.FrequencyGuess(r.native_freq, r.week_start, r.native_reason, 0, r.native_strong)  # type: ignore[arg-type]
        doubts = salesdata.find_doubts(proposal, dataset, guess, len(raw.frame), mapping=mapping)
        shape["doubts"] = [str(d) for d in doubts]
        for doubt in doubts:
            print(f"{args.input.name}: check: {doubt}", file=sys.stderr)
    return data, dataset, dataset.report.freq, shape


def _planned(args: argparse.Namespace):
    """The planned drivers file, validated (rejected rows reported on stderr), or None."""
    if not args.planned:
        return None
    if not args.planned.is_file():
        raise BadInput(f"{args.planned}: no such file")
    try:
        plan = salesdata.load_planned_drivers(salesdata.read_table(args.planned.read_bytes(), args.planned.name))
    except salesdata.SalesDataError as exc:
        raise BadInput(str(exc)) from exc
    r = plan.report
    print(
        f"{args.planned.name}: {r.rows_read:,} rows read, {r.rows_used:,} used, {r.rows_rejected:,} rejected"
        + "".join(f"; {n} {salesdata.aux_reason_text(code)}" for code, n in sorted(r.rejected_by_reason.items())),
        file=sys.stderr,
    )
    return plan


def _progress(done: int, total: int, sku: str, seconds: float, error: str | None) -> None:
    status = f"FAILED: {error}" if error else "done"
    print(f"[{done}/{total}] {sku} {status} ({seconds:.1f} s)", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    config = _config(args)
    if args.backend == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError as exc:
            raise BadInput(
                "--backend dask needs the dask[distributed] package: pip install -r requirements.txt"
            ) from exc
    if args.scheduler and args.backend != "dask":
        raise BadInput("--scheduler needs --backend dask")
    if args.chunk_size < 1:
        raise BadInput(f"--chunk-size must be at least 1, got {args.chunk_size}")
    try:
        data, dataset, freq, mapping_used = _load(args)
        plan = _planned(args)
    except salesdata.AmbiguousDateError as exc:
        raise BadInput(f"{exc} Pass --day-first or --month-first, or --mapping FILE.") from exc
    except salesdata.FrequencyError as exc:
        raise BadInput(f"{exc} Pass --freq with one of those.") from exc
    except salesdata.SalesDataError as exc:
        raise BadInput(str(exc)) from exc
    report = dataset.report
    week_start = report.week_start or 0
    read_s = time.perf_counter() - started
    print(
        f"{args.input.name}: {report.rows_read:,} rows read, {report.rows_used:,} used, "
        f"{report.rows_rejected:,} rejected; {report.n_skus:,} SKUs at frequency {freq}",
        file=sys.stderr,
    )
    skus = [s.strip() for s in args.skus.split(",")] if args.skus else None
    if skus:
        missing = sorted(set(skus) - set(dataset.profile["unique_id"]))
        if missing:
            raise BadInput(f"--skus not in the data: {', '.join(missing[:10])}")
    from forecasting.runner import ResumeMismatch, run_batch

    if dataset.panel.empty:
        _write_run(args, data, dataset, config, freq, None, read_s, started, mapping_used)
        top = sorted(report.rejected_by_reason.items(), key=lambda kv: -kv[1])[:3]
        why = "; ".join(f"{n:,} {salesdata.REASONS.get(code, code)}" for code, n in top) or "no SKU has sales"
        print(f"nothing usable in {args.input.name}: {why}", file=sys.stderr)
        return EXIT_NOTHING
    fmt: dict[str, Any] = {"index": False, "date_format": "%Y-%m-%d", "float_format": "%.6g"}
    fc_cols = ["unique_id", "ds", "model", "yhat"] + [f"{s}_{lv}" for lv in config.levels for s in ("lo", "hi")]
    bt_cols = ["unique_id", "cutoff", "ds", "y", "model", "yhat", *fc_cols[4:]]
    metric_cols = (
        ["unique_id", "model", "mae", "rmse", "wape", "smape", "mase", "bias"]
        + [f"coverage_{lv}" for lv in config.levels]
        + ["rank", "skill_vs_snaive", "fallback_folds", "final_fallback", "fit_seconds", "description"]
    )
    input_key = hashlib.sha256(data).hexdigest() + json.dumps(
        [
            str(args.mapping or ""),
            args.date_col,
            args.id_col,
            args.qty_col,
            str(args.stockouts or ""),
            str(args.planned or ""),
        ]
    )
    try:
        result = run_batch(
            dataset.panel,
            freq,
            config,
            args.out,
            input_key=input_key,
            profile=dataset.profile,
            skus=skus,
            backend=args.backend,
            jobs=max(1, args.jobs),
            scheduler=args.scheduler,
            resume=args.resume,
            chunk_size=args.chunk_size,
            planned=(lambda sku: plan.for_sku(sku, freq, week_start)) if plan is not None else None,
            progress=_progress,
            calibrate_days=max(0.0, float(args.calibrate or 0.0)),
            columns={
                "forecasts": fc_cols,
                "backtest": bt_cols,
                "metrics": metric_cols,
                "best": ["unique_id", "model", "reason", "rule", "folds", "members", "weights"],
            },
        )
    except ResumeMismatch as exc:
        raise BadInput(str(exc)) from exc
    except OSError as exc:
        if exc.filename is not None or exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise  # a file could not be written: main() says so
        raise BadInput(f"cannot reach the Dask scheduler {args.scheduler}: {exc}") from exc
    if result.skipped:
        print(f"resumed: {result.skipped} SKUs were already done", file=sys.stderr)
    _profile(dataset, freq).to_csv(args.out / "profile.csv", **fmt)
    _history(dataset, freq, skus).to_csv(args.out / "history.csv", **fmt)
    if args.calibrate:
        donors = _donor_calibrations(args.out, dataset, config, freq, float(args.calibrate))
        donors.to_csv(args.out / "donor_calibration.csv", **fmt)
    _write_run(args, data, dataset, config, freq, result, read_s, started, mapping_used)
    n_ok = result.forecast_skus
    print(f"{n_ok} of {result.total} SKUs forecast; results in {args.out}", file=sys.stderr)
    return EXIT_OK if n_ok else EXIT_NOTHING


def _donor_calibrations(out: Path, dataset, config: ForecastConfig, freq: str, days: float) -> pd.DataFrame:
    """donor_calibration.csv: for each SKU of the run with fewer than ``MIN_OWN_ERRORS`` windows of its own at
    ``days``, the donors ``inventory.catalogue.choose_donors`` picks from the whole dataset, calibrated with the
    SKU's models and shape, as the pages calibrate them: the errors its safety stock borrows
    (``inventory.catalogue.pooled_errors``). Columns: ``unique_id`` (the SKU), ``donor``, ``cutoff``, ``ds``, ``y``,
    ``forecast``."""
    from forecasting.calibration import backtest_span_days, calibrate, calibration_shape
    from inventory.catalogue import choose_donors, needs_donors

    columns = ["unique_id", "donor", "cutoff", "ds", "y", "forecast"]
    path = out / "calibration.csv"
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    own = pd.read_csv(path, dtype={"unique_id": str}, parse_dates=["cutoff", "ds"])
    backtest_path = out / "backtest.csv"
    backtest = (
        pd.read_csv(
            backtest_path, dtype={"unique_id": str}, parse_dates=["cutoff", "ds"], usecols=["unique_id", "cutoff", "ds"]
        )
        if backtest_path.is_file()
        else pd.DataFrame(columns=["unique_id", "cutoff", "ds"])
    )
    spans = {str(u): backtest_span_days(g) for u, g in backtest.groupby("unique_id", sort=False)}
    rows = dict(tuple(dataset.panel.groupby("unique_id", sort=False)))
    done: dict[tuple, pd.DataFrame | None] = {}
    parts = []
    for sku, frame in own.groupby("unique_id", sort=True):
        if not needs_donors(frame.drop(columns=["unique_id"]), days, freq):
            continue
        members = tuple(str(frame["members"].iloc[0]).split()) if "members" in frame else ()
        if not members:
            continue
        shape = calibration_shape(freq, days, config.horizon, spans.get(str(sku), 0.0))
        spec = (members, tuple(1 / len(members) for _ in members), "median")
        donors = choose_donors(str(sku), dataset.profile)
        print(f"{sku}: too few forecast errors of its own; calibrating {len(donors)} similar SKUs", file=sys.stderr)
        for donor in donors:
            key = (donor, members, shape)
            if key not in done:
                try:
                    done[key] = calibrate(rows[donor], freq, config, spec, *shape).frame
                except Exception as exc:  # noqa: BLE001 - a donor that fails is left out, as on the pages
                    print(
                        f"{sku}: donor {donor} could not be calibrated ({type(exc).__name__}: {exc})", file=sys.stderr
                    )
                    done[key] = None
            calibrated = done[key]
            if calibrated is not None:
                parts.append(calibrated.assign(unique_id=str(sku), donor=donor))
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def _history(dataset, freq: str, skus: list[str] | None) -> pd.DataFrame:
    """history.csv: each forecast SKU's last year of demand (``ds, y`` and ``in_stock``), what the ``history``
    uncertainty method of ``python -m inventory plan`` reads, as the pages read the sales history."""
    from inventory.demand import PERIOD_DAYS

    panel = dataset.panel if not skus else dataset.panel[dataset.panel["unique_id"].isin(skus)]
    cols = [c for c in ("unique_id", "ds", "y", "in_stock") if c in panel.columns]
    periods = int(round(365 / PERIOD_DAYS[freq]))
    return panel.sort_values(["unique_id", "ds"]).groupby("unique_id", sort=False).tail(periods)[cols]


def _profile(dataset, freq: str) -> pd.DataFrame:
    """Per SKU what the planner needs besides the forecast: class, last sale, recent demand per day."""
    from inventory.lifecycle import recent_daily_demand

    cols = ["unique_id", "demand_class", "abc", "xyz", "first_date", "last_date", "last_sale", "censored_periods"]
    cols += ["history_days", "total_units"]  # the donor rule (inventory.catalogue.choose_donors)
    prof = dataset.profile[[c for c in cols if c in dataset.profile]].copy()
    rate = recent_daily_demand(dataset.panel, freq, days=90)
    prof["recent_daily_demand"] = prof["unique_id"].map(rate)
    return prof


def _write_run(args, data, dataset, config, freq, result, read_s, started, mapping_used=None) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    report = dataset.report
    payload = {
        "command": "run",
        "inputs": {
            "argv": sys.argv[1:],
            "input": str(args.input),
            "sha256": hashlib.sha256(data).hexdigest(),
            "freq": freq,
            "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(config).items() if k != "params"},
            "backend": args.backend,
            "jobs": args.jobs,
            "scheduler": args.scheduler,
            "resume": args.resume,
            "chunk_size": args.chunk_size,
        },
        "mapping": mapping_used,
        "versions": _versions(),
        "timings": {
            "read_s": round(read_s, 3),
            "total_s": round(time.perf_counter() - started, 3),
            "per_sku_s": {k: round(v, 3) for k, v in (result.timings if result else {}).items() if k[0] != "_"},
            "batch_s": (result.timings or {}).get("_batch_seconds") if result else None,
            "global_model_s": (result.timings or {}).get("_global_seconds") if result else None,
        },
        "rows": {
            "read": report.rows_read,
            "used": report.rows_used,
            "rejected": report.rows_rejected,
            "rejected_by_reason": report.rejected_by_reason,
            "unit": report.unit,
            "balanced": report.balanced,
        },
        "report": salesdata.describe_report(report),
        "skus": {
            "in_data": report.n_skus,
            "forecast": result.forecast_skus if result else 0,
            "failed": len(result.failures) if result else 0,
            "resumed_from_earlier_run": result.skipped if result else 0,
            "workers": result.workers if result else 0,
        },
        "failures": result.failures if result else {},
        "model_failures": result.model_failures if result else {},
        "notes": result.notes if result else {},
        "host": {"cpus": os.cpu_count(), "platform": platform.platform()},
    }
    (args.out / "run.json").write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
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
            "then run again with --resume: finished SKUs are kept.",
            file=sys.stderr,
        )
        return EXIT_CANNOT_WRITE


if __name__ == "__main__":
    sys.exit(main())
