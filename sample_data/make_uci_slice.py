"""Cut the second demo dataset from the UCI Online Retail files in ../shared/data/online_retail.

Raw invoice lines (cancellations included) of the 40 StockCodes that sold on the most distinct days over
2009-12-01..2011-12-09. The 2009-2010 sheet overlaps the 2010-2011 file on 2010-12-01..09; those days are
taken from the 2010-2011 file only (as the shared SOURCE.md describes). Columns follow Online Retail II.

Data: Chen, D. (2012/2019). Online Retail / Online Retail II. UCI Machine Learning Repository, CC BY 4.0.

    python sample_data/make_uci_slice.py [--source ../shared/data/online_retail]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

N_SKUS = 40
OVERLAP_START = pd.Timestamp("2010-12-01")


def build(source: Path) -> pd.DataFrame:
    old = pd.read_parquet(source / "online_retail_II_2009-12_2010-12.parquet")
    new = pd.read_parquet(source / "online_retail_2010-12_2011-12.parquet")
    new = new.rename(columns={"InvoiceNo": "Invoice", "UnitPrice": "Price", "CustomerID": "Customer ID"})
    old["InvoiceDate"] = pd.to_datetime(old["InvoiceDate"])
    old = old[old["InvoiceDate"] < OVERLAP_START]
    lines = pd.concat([old, new], ignore_index=True)
    lines["Customer ID"] = lines["Customer ID"].astype("Int64")
    sales = lines[(lines["Quantity"] > 0) & ~lines["Invoice"].astype("str").str.startswith("C")]
    days = sales.assign(day=sales["InvoiceDate"].dt.normalize()).groupby("StockCode")["day"].nunique()
    codes = [c for c in days.sort_values(ascending=False, kind="stable").index if str(c)[:1].isdigit()][:N_SKUS]
    out = lines[lines["StockCode"].isin(codes)].sort_values(["InvoiceDate", "Invoice"], kind="stable")
    out["InvoiceDate"] = out["InvoiceDate"].astype("datetime64[s]")
    return out.reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parent
    parser.add_argument("--source", type=Path, default=here.parent.parent / "shared" / "data" / "online_retail")
    parser.add_argument("--out", type=Path, default=here / "uci_online_retail_top40.parquet")
    args = parser.parse_args()
    frame = build(args.source)
    frame.to_parquet(args.out, index=False, compression="zstd")
    print(
        f"{args.out}: {len(frame):,} lines, {frame['StockCode'].nunique()} SKUs, {args.out.stat().st_size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
