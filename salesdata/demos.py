"""The demo datasets shipped in ``sample_data/``, with their fixed column mappings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from salesdata.mapping import ColumnMapping
from salesdata.validation import IngestOptions

__all__ = ["DEMOS", "SAMPLE_DIR", "Demo", "demo_files"]

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


@dataclass(frozen=True)
class Demo:
    """A shipped dataset: the sales file, optional companions, and how to read it."""

    key: str
    sales: str
    mapping: ColumnMapping
    options: IngestOptions
    items: str | None = None
    stockouts: str | None = None
    planned: str | None = None
    suppliers: str | None = None


DEMOS: dict[str, Demo] = {
    "shop": Demo(
        key="shop",
        sales="orders.parquet",
        mapping=ColumnMapping(
            date="order_time",
            sku="sku",
            quantity="quantity",
            price="unit_price",
            promo="promo",
            store="warehouse",
            category="category",
            order_id="order_id",
            description="product_name",
        ),
        options=IngestOptions(layout="transactions"),
        items="items.csv",
        stockouts="stockouts.csv",
        planned="planned_promotions.csv",
        suppliers="suppliers.csv",
    ),
    "uci": Demo(
        key="uci",
        sales="uci_online_retail_top40.parquet",
        mapping=ColumnMapping(
            date="InvoiceDate",
            sku="StockCode",
            quantity="Quantity",
            price="Price",
            order_id="Invoice",
            description="Description",
        ),
        options=IngestOptions(layout="transactions"),
    ),
}


def demo_files(key: str) -> dict[str, tuple[str, bytes]]:
    """The demo's files as ``role -> (file name, bytes)`` (roles: sales, items, stockouts, planned, suppliers)."""
    demo = DEMOS[key]
    out = {}
    for role in ("sales", "items", "stockouts", "planned", "suppliers"):
        name = getattr(demo, role)
        if name:
            out[role] = (name, (SAMPLE_DIR / name).read_bytes())
    return out
