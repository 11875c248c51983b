"""Upload-to-panel benchmark: both raw UCI Online Retail files (about 1.07 million invoice lines).

Each case runs in a fresh subprocess so peak memory (ru_maxrss) belongs to that case alone. The input is
written once as CSV (what a user uploads) and as Parquet. Prints a table and the report's accounting.

    python benchmarks/bench_ingest.py [--source ../shared/data/online_retail] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "online_retail"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
import salesdata
t_import = time.perf_counter() - t0
data = open({path!r}, "rb").read()
t1 = time.perf_counter()
raw = salesdata.read_table(data, {name!r})
t2 = time.perf_counter()
proposal = salesdata.propose(raw)  # what the Data page does: roles, key, layout, lines to leave out
t_detect = time.perf_counter() - t2
ds = salesdata.build_dataset(raw, proposal.mapping, proposal.ingest)  # the file's own bucket
t3 = time.perf_counter()
r = ds.report
print(json.dumps({{
    "read_s": t2 - t1, "detect_s": t_detect, "build_s": t3 - t2 - t_detect, "total_s": t3 - t1, "import_s": t_import,
    "freq": r.freq, "excluded": list(proposal.ingest.exclude_skus),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows_read": r.rows_read, "rows_used": r.rows_used, "rows_rejected": r.rows_rejected,
    "balanced": r.balanced, "skus": r.n_skus, "panel_rows": len(ds.panel),
    "duplicates": r.duplicate_rows, "returns": r.return_rows, "reasons": r.rejected_by_reason,
}}))
"""


def build_inputs(source: Path, out: Path) -> dict[str, Path]:
    import pandas as pd

    old = pd.read_parquet(source / "online_retail_II_2009-12_2010-12.parquet")
    new = pd.read_parquet(source / "online_retail_2010-12_2011-12.parquet")
    new = new.rename(columns={"InvoiceNo": "Invoice", "UnitPrice": "Price", "CustomerID": "Customer ID"})
    old["InvoiceDate"] = pd.to_datetime(old["InvoiceDate"])
    lines = pd.concat([old, new], ignore_index=True)
    lines["Customer ID"] = lines["Customer ID"].astype("Int64")
    paths = {"csv": out / "online_retail_all.csv", "parquet": out / "online_retail_all.parquet"}
    lines.to_csv(paths["csv"], index=False, date_format="%m/%d/%Y %H:%M")
    lines.to_parquet(paths["parquet"], index=False)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_inputs(args.source, Path(tmp))
        print(
            f"# Upload to validated daily panel - {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
            f"Python {platform.python_version()}"
        )
        print(
            "| input | size MB | read s | detect s | validate+panel s | total s | peak RSS MB | rows read | used | "
            "rejected | balanced |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for kind, path in paths.items():
            for _ in range(args.repeat):
                code = CHILD.format(root=str(ROOT), path=str(path), name=path.name)
                res = json.loads(
                    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
                )
                print(
                    f"| {kind} | {path.stat().st_size / 1e6:.0f} | {res['read_s']:.1f} | {res['detect_s']:.1f} | "
                    f"{res['build_s']:.1f} | "
                    f"{res['total_s']:.1f} | {res['peak_mb']:.0f} | {res['rows_read']:,} | {res['rows_used']:,} | "
                    f"{res['rows_rejected']:,} | {res['balanced']} |"
                )
        print(
            f"\nBucket {res['freq']} (detected), non-merchandise codes left out {res['excluded']}; "
            f"SKUs {res['skus']:,}, panel rows {res['panel_rows']:,}, exact duplicate rows {res['duplicates']:,} "
            f"(kept, transaction layout), return lines {res['returns']:,}, rejected by reason {res['reasons']}"
        )


if __name__ == "__main__":
    main()
