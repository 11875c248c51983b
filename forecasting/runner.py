"""The catalogue batch: one code path for the local (joblib) and Dask backends, chunked, written as it goes,
resumable.

SKUs are sent to workers a bounded window at a time; each finished SKU's frames wait in a buffer that is written
as a Parquet part when it holds ``chunk_size`` SKUs, and only then recorded in the manifest
(``<out>/.parts/manifest.jsonl``). A killed run therefore loses at most the SKUs of the unwritten buffer, and
``resume=True`` skips every SKU the manifest lists. Memory holds the input panel and one buffer, never the results
of the whole catalogue. Seeds are per SKU (``engine.sku_seed``), so a SKU's result is the same on any backend and
any worker.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from forecasting.batch import forecast_one, global_models
from forecasting.engine import ForecastConfig

__all__ = ["BatchSummary", "ResumeMismatch", "run_batch"]

KINDS = ("forecasts", "backtest", "metrics", "best", "calibration")


class ResumeMismatch(ValueError):
    """``--resume`` on an output directory made with another input or other settings."""


@dataclass
class BatchSummary:
    total: int = 0
    skipped: int = 0
    done: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    model_failures: dict[str, dict] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    forecast_skus: int = 0
    backend: str = "local"
    workers: int = 1


def _local_map(fn, tasks: Iterable[tuple], jobs: int) -> Iterator[dict]:
    tasks = list(tasks)
    if jobs <= 1 or len(tasks) <= 1:
        yield from (fn(*task) for task in tasks)
        return
    from joblib import Parallel, delayed

    yield from Parallel(n_jobs=jobs, return_as="generator_unordered", pre_dispatch="2*n_jobs")(
        delayed(fn)(*task) for task in tasks
    )


def _dask_map(fn, tasks: Iterable[tuple], client, window: int) -> Iterator[dict]:
    from distributed import as_completed

    it = iter(tasks)
    pending = as_completed()
    for task in it:
        pending.add(client.submit(fn, *task, pure=False))
        if pending.count() >= window:
            break
    for future in pending:
        result = future.result()
        future.release()
        nxt = next(it, None)
        if nxt is not None:
            pending.add(client.submit(fn, *nxt, pure=False))
        yield result


def _fingerprint(input_key: str, freq: str, config: ForecastConfig, skus: list[str] | None) -> str:
    payload = json.dumps([input_key, freq, asdict(config), sorted(skus) if skus else None], default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _read_manifest(parts: Path) -> list[dict]:
    path = parts / "manifest.jsonl"
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:  # a line cut by a kill: its chunk is redone
            continue
    # Only chunks whose files are all there count.
    return [e for e in entries if all((parts / f).is_file() for f in e.get("files", []))]


def run_batch(
    panel: pd.DataFrame,
    freq: str,
    config: ForecastConfig,
    out: Path,
    *,
    input_key: str,
    profile: pd.DataFrame | None = None,
    skus: list[str] | None = None,
    backend: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    chunk_size: int = 50,
    planned: Callable[[str], pd.DataFrame | None] | None = None,
    progress: Callable[[int, int, str, float, str | None], None] | None = None,
    columns: dict[str, list[str]] | None = None,
    calibrate_days: float = 0.0,
) -> BatchSummary:
    """Forecast every SKU (or the listed ones) into ``out``: forecasts.csv, backtest.csv, metrics.csv,
    best_models.csv (rows grouped by SKU, in the order the chunks finished).

    Raises
    ------
    ResumeMismatch
        ``resume`` on a directory written for another input or settings.
    """
    out.mkdir(parents=True, exist_ok=True)
    parts = out / ".parts"
    key = _fingerprint(input_key + (f"|calibrate {calibrate_days:g}" if calibrate_days else ""), freq, config, skus)
    if resume and parts.is_dir():
        stored = (parts / "run-key.txt").read_text().strip() if (parts / "run-key.txt").is_file() else ""
        if stored and stored != key:
            raise ResumeMismatch(
                f"{out} holds a run of another input or other settings; resume with the same arguments, or drop "
                "--resume to start again"
            )
    elif parts.is_dir():
        shutil.rmtree(parts)
    parts.mkdir(exist_ok=True)
    (parts / "run-key.txt").write_text(key)

    summary = BatchSummary(backend=backend)
    manifest = _read_manifest(parts) if resume else []
    finished: set[str] = set()
    for entry in manifest:
        finished |= set(entry["skus"]) | set(entry.get("failures", {}))
        summary.failures |= entry.get("failures", {})
        summary.model_failures |= entry.get("model_failures", {})
        summary.notes |= entry.get("notes", {})
        summary.timings |= entry.get("timings", {})
    groups: dict[str, pd.DataFrame] = {str(uid): g for uid, g in panel.groupby("unique_id", sort=True)}
    ids = [s for s in (skus or list(groups)) if s in groups]
    todo = [s for s in ids if s not in finished]
    summary.total, summary.skipped = len(ids), len(ids) - len(todo)
    classes = {}
    if profile is not None and "demand_class" in profile:
        classes = dict(zip(profile["unique_id"], profile["demand_class"], strict=True))
    # The catalogue's global model is trained here, once, on every SKU of the panel; each SKU's task then carries
    # its stored forecasts (small arrays) to whichever worker runs it.
    global_started = time.perf_counter()
    extra = global_models(panel, freq, config, classes, planned, todo, jobs)
    if extra:
        summary.timings["_global_seconds"] = round(time.perf_counter() - global_started, 3)
    tasks = (
        (groups[s], freq, config, classes.get(s), planned(s) if planned else None, extra.get(s), calibrate_days)
        for s in todo
    )

    client = cluster = None
    if backend == "dask":
        from distributed import Client, LocalCluster

        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        summary.workers = len(client.scheduler_info().get("workers", {})) or max(1, jobs)
        results = _dask_map(forecast_one, tasks, client, window=4 * summary.workers)
    else:
        summary.workers = max(1, jobs)
        results = _local_map(forecast_one, tasks, jobs)

    chunk_no = max((e["chunk"] for e in manifest), default=-1) + 1
    buffer: list[dict] = []

    def flush() -> None:
        nonlocal chunk_no, buffer
        if not buffer:
            return
        ok = sorted((o for o in buffer if "error" not in o), key=lambda o: o["unique_id"])
        files = []
        for kind in KINDS:
            frames = [o[kind] for o in ok if kind in o and not o[kind].empty]
            if not frames:
                continue
            name = f"{kind}-{chunk_no:06d}.parquet"
            tmp = parts / (name + ".tmp")
            pd.concat(frames, ignore_index=True).to_parquet(tmp, index=False)
            tmp.replace(parts / name)
            files.append(name)
        entry: dict[str, Any] = {
            "chunk": chunk_no,
            "files": files,
            "skus": [o["unique_id"] for o in ok],
            "failures": {o["unique_id"]: o["error"] for o in buffer if "error" in o},
            "model_failures": {o["unique_id"]: o["model_failures"] for o in ok if o["model_failures"]},
            "notes": {o["unique_id"]: o["notes"] for o in ok if o["notes"]},
            "timings": {o["unique_id"]: round(o["seconds"], 3) for o in buffer},
        }
        with open(parts / "manifest.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, default=str) + "\n")
            fh.flush()
        summary.failures |= entry["failures"]
        summary.model_failures |= entry["model_failures"]
        summary.notes |= entry["notes"]
        summary.timings |= entry["timings"]
        manifest.append(entry)
        chunk_no += 1
        buffer = []

    started = time.perf_counter()
    try:
        for k, result in enumerate(results, start=1):
            buffer.append(result)
            summary.done += 1
            if progress:
                progress(
                    summary.skipped + k, summary.total, result["unique_id"], result["seconds"], result.get("error")
                )
            if len(buffer) >= chunk_size:
                flush()
        flush()
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    summary.timings["_batch_seconds"] = round(time.perf_counter() - started, 3)
    summary.forecast_skus = sum(len(e["skus"]) for e in manifest)
    _assemble(parts, out, manifest, columns or {})
    return summary


def _assemble(parts: Path, out: Path, manifest: list[dict], columns: dict[str, list[str]]) -> None:
    """Write the final files part by part (bounded memory); long-format columns as documented."""
    names = {
        "forecasts": "forecasts.csv",
        "backtest": "backtest.csv",
        "metrics": "metrics.csv",
        "best": "best_models.csv",
        "calibration": "calibration.csv",
    }
    for kind, filename in names.items():
        path = out / (filename + ".tmp")
        first = True
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for entry in sorted(manifest, key=lambda e: e["chunk"]):
                name = f"{kind}-{entry['chunk']:06d}.parquet"
                if name not in entry["files"]:
                    continue
                frame = pd.read_parquet(parts / name)
                if kind in columns:
                    frame = frame.reindex(columns=columns[kind])
                frame.to_csv(fh, index=False, header=first, date_format="%Y-%m-%d", float_format="%.6g")
                first = False
            if first and kind in columns:
                pd.DataFrame(columns=columns[kind]).to_csv(fh, index=False)
        if first and kind not in columns:  # nothing of this kind (no calibration asked for): no file
            path.unlink()
            (out / filename).unlink(missing_ok=True)
            continue
        path.replace(out / filename)
