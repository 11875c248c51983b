"""Seeded generator of the Replenish demo shop: order lines, item master and stock-out log.

A cross-border online shop with 40 SKUs in 5 categories over 3 years. Demand per SKU and day is

    lambda_t = base * trend_t * weekly[dow] * yearly_t * events_t * (price_t / ref_price)^elasticity
               * promo_lift_t * post_promo_dip_t * lifecycle_t * gamma noise

with Black Friday, Cyber Monday, Christmas, 11.11 Singles' Day and 618 peaks, a courier shutdown around
Chinese New Year (dates from the ``holidays`` calendar), promotions with a post-promotion dip, list-price
changes, intermittent slow movers, a new product with under 90 days of history, a discontinued one,
stock-out spans with no sales, and returns as negative lines some days after the sale. Units are sold as
order lines (compound Poisson: a Poisson number of lines, each 1 + Poisson(m - 1) units).

Run ``python -m salesdata.sample --out sample_data`` to rebuild the shipped files; the same seed gives
the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["SampleShop", "generate_sample", "write_sample"]

DEFAULT_SEED = 20261128
START = pd.Timestamp("2023-10-01")
END = pd.Timestamp("2026-09-30")

# category: (weekly multipliers Mon..Sun, yearly amplitude, yearly peak day-of-year, return rate,
#            {event: sensitivity})
CATEGORIES: dict[str, tuple[tuple[float, ...], float, int, float, dict[str, float]]] = {
    "Home & Kitchen": (
        (1.05, 0.95, 0.95, 0.95, 0.9, 1.05, 1.15),
        0.12,
        330,
        0.03,
        {"1111": 1.5, "618": 1.0, "bf": 1.0, "xmas": 0.6},
    ),
    "Beauty & Personal Care": (
        (1.0, 1.0, 0.95, 0.95, 1.0, 1.05, 1.05),
        0.08,
        160,
        0.04,
        {"1111": 3.0, "618": 2.2, "bf": 0.8, "xmas": 0.5},
    ),
    "Electronics Accessories": (
        (1.1, 1.0, 1.0, 0.95, 0.95, 0.95, 1.05),
        0.10,
        335,
        0.06,
        {"1111": 2.0, "618": 1.5, "bf": 2.5, "xmas": 1.0},
    ),
    "Toys & Games": (
        (0.85, 0.85, 0.9, 0.95, 1.05, 1.2, 1.2),
        0.45,
        345,
        0.04,
        {"1111": 1.5, "618": 0.6, "bf": 1.5, "xmas": 2.0},
    ),
    "Apparel": (
        (0.95, 0.95, 0.95, 1.0, 1.05, 1.05, 1.05),
        0.25,
        100,
        0.09,
        {"1111": 2.0, "618": 1.5, "bf": 1.0, "xmas": 0.6},
    ),
}

# name, category, base units/day, mean units per order line, list price, kind
PRODUCTS: tuple[tuple[str, str, float, float, float, str], ...] = (
    ("Ceramic Coffee Mug 350ml", "Home & Kitchen", 9.0, 1.6, 12.9, "regular"),
    ("Bamboo Cutting Board", "Home & Kitchen", 4.5, 1.1, 24.5, "regular"),
    ("Glass Food Container Set", "Home & Kitchen", 3.2, 1.2, 32.0, "growing"),
    ("Stainless Steel Water Bottle", "Home & Kitchen", 7.5, 1.3, 18.9, "regular"),
    ("Linen Table Runner", "Home & Kitchen", 0.25, 2.5, 21.0, "intermittent"),
    ("Cast Iron Skillet 26cm", "Home & Kitchen", 1.8, 1.0, 39.9, "declining"),
    ("Silicone Baking Mat", "Home & Kitchen", 2.6, 1.4, 9.9, "regular"),
    ("Espresso Cup Gift Set", "Home & Kitchen", 0.15, 3.0, 45.0, "intermittent"),
    ("Hydrating Face Serum 30ml", "Beauty & Personal Care", 8.0, 1.5, 29.0, "growing"),
    ("Sunscreen SPF50 50ml", "Beauty & Personal Care", 6.0, 1.8, 16.5, "regular"),
    ("Bamboo Toothbrush 4-pack", "Beauty & Personal Care", 5.0, 1.7, 7.9, "regular"),
    ("Argan Hair Oil 100ml", "Beauty & Personal Care", 2.2, 1.2, 22.0, "declining"),
    ("Jade Face Roller", "Beauty & Personal Care", 1.2, 1.1, 19.0, "discontinued"),
    ("Sheet Mask 10-pack", "Beauty & Personal Care", 4.0, 2.2, 14.0, "regular"),
    ("Travel Toiletry Bag", "Beauty & Personal Care", 0.3, 2.0, 26.0, "intermittent"),
    ("Vitamin C Cleanser 150ml", "Beauty & Personal Care", 2.5, 1.3, 15.5, "new"),
    ("USB-C Charging Cable 2m", "Electronics Accessories", 12.0, 1.9, 9.9, "regular"),
    ("Wireless Charging Pad", "Electronics Accessories", 3.5, 1.1, 29.9, "growing"),
    ("Bluetooth Earbuds", "Electronics Accessories", 4.2, 1.0, 49.0, "regular"),
    ("Phone Case Clear", "Electronics Accessories", 6.5, 1.2, 12.5, "declining"),
    ("Laptop Stand Aluminium", "Electronics Accessories", 1.6, 1.0, 39.0, "regular"),
    ("Power Bank 10000mAh", "Electronics Accessories", 3.8, 1.1, 35.0, "regular"),
    ("HDMI Adapter 4K", "Electronics Accessories", 0.35, 2.8, 15.0, "intermittent"),
    ("Smart Plug 2-pack", "Electronics Accessories", 2.0, 1.2, 24.0, "growing"),
    ("Wooden Building Blocks 100pc", "Toys & Games", 2.4, 1.1, 34.0, "regular"),
    ("Plush Bear 30cm", "Toys & Games", 3.0, 1.2, 19.0, "regular"),
    ("Puzzle 1000 Pieces", "Toys & Games", 2.0, 1.1, 17.5, "growing"),
    ("Remote Control Car", "Toys & Games", 1.4, 1.0, 45.0, "regular"),
    ("Card Game Family Edition", "Toys & Games", 2.8, 1.3, 14.9, "regular"),
    ("Kids Art Set", "Toys & Games", 1.5, 1.1, 27.0, "declining"),
    ("Magnetic Tiles 60pc", "Toys & Games", 0.2, 2.0, 59.0, "intermittent"),
    ("Bubble Machine", "Toys & Games", 1.0, 1.2, 22.0, "regular"),
    ("Organic Cotton T-Shirt", "Apparel", 7.0, 1.6, 19.9, "regular"),
    ("Merino Wool Socks 3-pack", "Apparel", 5.5, 1.5, 16.0, "regular"),
    ("Rain Jacket Packable", "Apparel", 1.6, 1.0, 69.0, "regular"),
    ("Knit Beanie", "Apparel", 2.5, 1.3, 15.0, "regular"),
    ("Yoga Leggings", "Apparel", 4.0, 1.3, 32.0, "growing"),
    ("Canvas Tote Bag", "Apparel", 3.0, 1.4, 11.0, "declining"),
    ("Linen Summer Shirt", "Apparel", 1.8, 1.1, 38.0, "regular"),
    ("Leather Belt", "Apparel", 0.4, 1.5, 29.0, "intermittent"),
)

SUPPLIERS = {
    "Home & Kitchen": ("Ningbo HomeWorks", 21.0, 4.0),
    "Beauty & Personal Care": ("Shanghai Glow Labs", 10.0, 2.0),
    "Electronics Accessories": ("Shenzhen Linkmate", 14.0, 3.0),
    "Toys & Games": ("Yiwu Playcraft", 35.0, 7.0),
    "Apparel": ("Hangzhou Thread Co.", 28.0, 5.0),
}


@dataclass(frozen=True)
class SampleShop:
    """The generated demo shop."""

    orders: pd.DataFrame
    items: pd.DataFrame
    stockouts: pd.DataFrame
    daily_demand: pd.DataFrame


def _black_friday(year: int) -> pd.Timestamp:
    nov1 = pd.Timestamp(year=year, month=11, day=1)
    first_thursday = nov1 + pd.Timedelta(days=(3 - nov1.day_of_week) % 7)
    return first_thursday + pd.Timedelta(days=22)


def _event_multipliers(days: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    """Per event, a multiplier path (1 = no effect) before sensitivity scaling."""
    n = len(days)
    out = {k: np.zeros(n) for k in ("1111", "618", "bf", "xmas")}
    out["cny"] = np.ones(n)
    years = sorted(set(days.year))
    ordinal = days.to_numpy()

    def bump(key: str, centre: pd.Timestamp, before: int, after: int, height: float, lull: float = 0.0) -> None:
        offset = np.clip((ordinal - centre.to_datetime64()) / np.timedelta64(1, "D"), -60, 60)
        ramp = np.where((offset >= -before) & (offset <= 0), height * np.exp(offset / max(1, before / 2)), 0.0)
        tail = np.where((offset > 0) & (offset <= after), height * np.exp(-offset * 1.5), 0.0)
        # Shoppers hold back in the week before a big sale.
        hold = np.where((offset < -before) & (offset >= -before - 7), -lull, 0.0)
        out[key] += ramp + tail + hold

    for y in years:
        bump("1111", pd.Timestamp(year=y, month=11, day=11), 3, 2, 4.0, lull=0.25)
        bump("618", pd.Timestamp(year=y, month=6, day=18), 5, 1, 2.5, lull=0.15)
        bf = _black_friday(y)
        bump("bf", bf, 2, 3, 2.2)  # Black Friday through Cyber Monday
        xmas = pd.Timestamp(year=y, month=12, day=25)
        offset = (ordinal - xmas.to_datetime64()) / np.timedelta64(1, "D")
        # Gift shopping builds through December and stops at the last shipping day (Dec 20).
        out["xmas"] += np.where((offset >= -24) & (offset <= -5), 1.2 * (offset + 25) / 20, 0.0)
        out["xmas"] += np.where((offset > -5) & (offset <= 1), -0.5, 0.0)
    try:
        import holidays

        cal = holidays.China(years=[*years, max(years) + 1], language="en_US")
        new_years = [pd.Timestamp(d) for d, name in cal.items() if name == "Chinese New Year (Spring Festival)"]
    except ImportError:  # pragma: no cover - holidays is a runtime requirement
        new_years = []
    for d in {min(g) for g in _group_consecutive(sorted(new_years))}:
        offset = (ordinal - d.to_datetime64()) / np.timedelta64(1, "D")
        # Couriers stop for the Spring Festival: orders dry up for about ten days.
        out["cny"] *= np.where((offset >= -4) & (offset <= 7), 0.35, 1.0)
    return out


def _group_consecutive(days: list[pd.Timestamp]) -> list[list[pd.Timestamp]]:
    groups: list[list[pd.Timestamp]] = []
    for d in days:
        if groups and (d - groups[-1][-1]).days <= 2:
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


def generate_sample(seed: int = DEFAULT_SEED, start: pd.Timestamp = START, end: pd.Timestamp = END) -> SampleShop:
    """Generate the demo shop. Same seed, same data."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(start, end, freq="D")
    n = len(days)
    t_years = np.arange(n) / 365.25
    doy = days.day_of_year.to_numpy()
    dow = days.day_of_week.to_numpy()
    events = _event_multipliers(days)

    order_frames = []
    demand_rows = []
    stockout_rows = []
    item_rows = []
    for i, (name, category, base, line_mean, list_price, kind) in enumerate(PRODUCTS):
        sku = f"RP-{1001 + i}"
        weekly, amp, peak, return_rate, sens = CATEGORIES[category]
        lam = np.full(n, base)
        growth = {"growing": rng.uniform(0.25, 0.5), "declining": rng.uniform(-0.45, -0.25)}.get(
            kind, rng.uniform(-0.08, 0.12)
        )
        lam *= np.exp(growth * t_years)
        lam *= np.asarray(weekly)[dow] / np.mean(weekly)
        lam *= 1 + amp * np.cos(2 * np.pi * (doy - peak) / 365.25)
        for key in ("1111", "618", "bf", "xmas"):
            lam *= np.clip(1 + sens[key] / 2 * events[key], 0.2, None)
        lam *= events["cny"]

        # List price: one or two changes of 5-15%, with price elasticity of demand.
        price = np.full(n, list_price)
        for _ in range(rng.integers(1, 3)):
            at = rng.integers(120, n - 60)
            price[at:] *= 1 + rng.choice([-1, 1]) * rng.uniform(0.05, 0.15)
        price = np.round(price, 1) - 0.01 if list_price > 5 else np.round(price, 2)
        elasticity = rng.uniform(-2.2, -1.2)
        promo = np.zeros(n, dtype=bool)
        dip = np.ones(n)
        if kind != "intermittent":
            for _ in range(int(rng.integers(3, 6) * n / 365)):
                s = int(rng.integers(0, n - 10))
                length = int(rng.integers(3, 9))
                promo[s : s + length] = True
                after = np.arange(s + length, min(n, s + length + 10))
                # Post-promotion dip: customers stocked up; demand recovers over ten days.
                dip[after] *= 1 - 0.35 * np.exp(-(after - s - length) / 4)
        discount = rng.uniform(0.15, 0.3)
        sell_price = np.where(promo, np.round(price * (1 - discount), 2), price)
        lam *= (sell_price / list_price) ** elasticity
        lam *= np.where(promo, rng.uniform(1.2, 1.5), 1.0) * dip

        alive = np.ones(n, dtype=bool)
        if kind == "new":
            launch = n - int(rng.integers(55, 80))
            alive[:launch] = False
            ramp = np.clip((np.arange(n) - launch + 1) / 30, 0, 1)
            lam *= ramp * 2.2
        if kind == "discontinued":
            stop = n - int(rng.integers(140, 170))
            alive[stop:] = False
            lam *= np.where(np.arange(n) > stop - 60, 0.6, 1.0)
        lam *= rng.gamma(8.0, 1 / 8.0, n)  # day-to-day noise beyond Poisson

        in_stock = alive.copy()
        if (kind not in ("discontinued",) and rng.random() < 0.35) or i in (0, 16, 32):
            for _ in range(rng.integers(1, 4)):
                s = int(rng.integers(30, n - 30))
                length = int(rng.integers(4, 22))
                in_stock[s : s + length] = False
                stockout_rows.append((sku, days[s], days[min(n - 1, s + length - 1)]))
        lam = np.where(in_stock, lam, 0.0)

        n_lines = rng.poisson(lam / line_mean)
        day_idx = np.repeat(np.arange(n), n_lines)
        qty = 1 + rng.poisson(line_mean - 1, len(day_idx))
        line_price = sell_price[day_idx]
        line_promo = promo[day_idx].astype(int)
        # Evening-heavy order times.
        seconds = np.clip(rng.normal(20.5 * 3600, 4.5 * 3600, len(day_idx)), 0, 86_399).astype(int)
        ts = days.to_numpy()[day_idx] + seconds.astype("timedelta64[s]")
        warehouse = np.where(rng.random(len(day_idx)) < 0.6, "Shanghai DC", "Guangzhou DC")
        order_frames.append(
            pd.DataFrame(
                {
                    "order_time": ts,
                    "sku": sku,
                    "product_name": name,
                    "category": category,
                    "warehouse": warehouse,
                    "quantity": qty,
                    "unit_price": line_price,
                    "promo": line_promo,
                }
            )
        )
        # Returns: a share of lines comes back 3-25 days later, in part or in full.
        returned = rng.random(len(day_idx)) < return_rate
        back = ts[returned] + (rng.integers(3, 26, returned.sum()) * 86_400).astype("timedelta64[s]")
        keep = back <= (end + pd.Timedelta(days=1)).to_datetime64()
        if keep.any():
            order_frames.append(
                pd.DataFrame(
                    {
                        "order_time": back[keep],
                        "sku": sku,
                        "product_name": name,
                        "category": category,
                        "warehouse": warehouse[returned][keep],
                        "quantity": -rng.integers(1, qty[returned][keep] + 1),
                        "unit_price": line_price[returned][keep],
                        "promo": 0,
                    }
                )
            )
        demand_rows.append(
            pd.DataFrame(
                {
                    "sku": sku,
                    "date": days,
                    "expected_units": np.round(lam, 3),
                    "in_stock": in_stock.astype(int),
                    "promo": promo.astype(int),
                    "price": sell_price,
                }
            )
        )

        supplier, lead, lead_sd = SUPPLIERS[category]
        recent = lam[-56:].mean()
        item_rows.append(
            {
                "sku": sku,
                "product_name": name,
                "category": category,
                "supplier": supplier,
                "lead_time_days": round(lead * rng.uniform(0.8, 1.25)),
                "lead_time_sd_days": round(lead_sd * rng.uniform(0.7, 1.3), 1),
                "unit_cost": round(list_price * rng.uniform(0.38, 0.55), 2),
                "on_hand": _on_hand(sku, kind, recent, rng),
                "on_order": 0 if kind == "discontinued" or rng.random() < 0.5 else int(recent * rng.uniform(10, 30)),
                "moq": int(rng.choice([0, 24, 50, 100, 200])),
                "pack_size": int(rng.choice([1, 6, 12, 24])),
                "review_period_days": 7,
                "status": "discontinued" if kind == "discontinued" else "active",
            }
        )

    orders = pd.concat(order_frames, ignore_index=True)
    orders["order_time"] = pd.to_datetime(orders["order_time"]).dt.floor("s")
    orders = orders.sort_values(["order_time", "sku"], kind="stable").reset_index(drop=True)
    # Two lines of one SKU in the same second are an artefact of the generator, not a real double sale.
    orders = orders.drop_duplicates(["order_time", "sku", "warehouse", "quantity"]).reset_index(drop=True)
    # Basket ids: a new order starts with probability 0.7, so orders hold ~1.4 lines; returns get RMA ids.
    new_order = rng.random(len(orders)) < 0.7
    new_order[0] = True
    number = np.cumsum(new_order) + 100_000
    is_return = orders["quantity"].to_numpy() < 0
    prefix = np.where(is_return, "RMA-", "SO-")
    orders.insert(0, "order_id", pd.Series(prefix, dtype="str") + pd.Series(number.astype(str), dtype="str"))
    stockouts = pd.DataFrame(stockout_rows, columns=["sku", "start_date", "end_date"]).sort_values(
        ["sku", "start_date"]
    )
    return SampleShop(
        orders=orders,
        items=pd.DataFrame(item_rows),
        stockouts=stockouts.reset_index(drop=True),
        daily_demand=pd.concat(demand_rows, ignore_index=True),
    )


# Over-bought SKUs (days of recent demand on hand), so the demo's excess view has something to show.
OVERSTOCKED = {"RP-1024": 260, "RP-1032": 320}


def _on_hand(sku: str, kind: str, recent: float, rng: np.random.Generator) -> int:
    if kind == "discontinued":
        return 0
    days = rng.uniform(10, 45)  # drawn for every selling SKU, so the generator's stream is unchanged
    return int(recent * OVERSTOCKED.get(sku, days))


def supplier_terms() -> pd.DataFrame:
    """The demo suppliers: order days, an annual stocktake week (inside the 91-day plan from the end of the data,
    so the demo shows ordering ahead of it), the Spring Festival shutdown, minimum order values."""
    golden_week = ("2026-11-16", "2026-11-22")
    spring = ("2027-02-04", "2027-02-18")
    rows = []
    terms = {
        "Ningbo HomeWorks": ("Mon,Thu", 1500),
        "Shanghai Glow Labs": ("Mon,Tue,Wed,Thu,Fri", 800),
        "Shenzhen Linkmate": ("Tue,Fri", 2000),
        "Yiwu Playcraft": ("Mon", 2500),
        "Hangzhou Thread Co.": ("Wed", 1200),
    }
    for supplier, (days, mov) in terms.items():
        rows.append(
            {
                "supplier": supplier,
                "order_days": days,
                "shutdown_start": golden_week[0],
                "shutdown_end": golden_week[1],
                "min_order_value": mov,
            }
        )
        rows.append(
            {
                "supplier": supplier,
                "order_days": "",
                "shutdown_start": spring[0],
                "shutdown_end": spring[1],
                "min_order_value": "",
            }
        )
    return pd.DataFrame(rows)


def planned_promotions() -> pd.DataFrame:
    """Promotions and a price change planned for the three months after the demo data end."""
    return pd.DataFrame(
        [
            ("RP-1009", "2026-11-08", "2026-11-11", 1, 22.90, "11.11 serum deal"),
            ("RP-1010", "2026-11-08", "2026-11-11", 1, 12.90, "11.11 sunscreen deal"),
            ("RP-1014", "2026-11-09", "2026-11-11", 1, 10.90, "11.11 mask bundle"),
            ("RP-1017", "2026-11-27", "2026-11-30", 1, 7.49, "Black Friday to Cyber Monday"),
            ("RP-1019", "2026-11-27", "2026-11-30", 1, 39.00, "Black Friday to Cyber Monday"),
            ("RP-1033", "2026-10-15", "2026-12-31", 0, 17.90, "new list price"),
        ],
        columns=["sku", "start_date", "end_date", "promo", "price", "note"],
    )


def write_sample(out: Path, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Write the demo files: order lines as gzipped CSV (for spreadsheets; the gzip header carries no
    timestamp, so the bytes are reproducible) and as Parquet (for the app), item master, stock-out log."""
    shop = generate_sample(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "orders": out / "orders.csv.gz",
        "orders_parquet": out / "orders.parquet",
        "items": out / "items.csv",
        "stockouts": out / "stockouts.csv",
        "suppliers": out / "suppliers.csv",
        "planned": out / "planned_promotions.csv",
    }
    text = shop.orders.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S", float_format="%.2f")
    with open(paths["orders"], "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
    # The same lines as Parquet: what the app loads, ten times faster to read than the CSV.
    shop.orders.to_parquet(paths["orders_parquet"], index=False, compression="zstd")
    shop.items.to_csv(paths["items"], index=False)
    shop.stockouts.to_csv(paths["stockouts"], index=False, date_format="%Y-%m-%d")
    supplier_terms().to_csv(paths["suppliers"], index=False)
    planned_promotions().to_csv(paths["planned"], index=False)
    return paths


def _main() -> None:  # pragma: no cover - thin CLI
    parser = argparse.ArgumentParser(description="Rebuild the Replenish demo shop files.")
    parser.add_argument("--out", type=Path, default=Path("sample_data"))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    for key, path in write_sample(args.out, args.seed).items():
        print(f"{key}: {path} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":  # pragma: no cover
    _main()
