"""Writes the held-out sales-export set of benchmarks/data/exports_heldout/ (run from the repository root).

    python benchmarks/data/exports_heldout/make_heldout.py

A held-out set for measuring the column-role detector, which was tuned on tests/data/exports/: none of these layouts
is in that corpus. Each file has the exact column layout (header text, column order, delimiter, encoding, date and
number formats, rows above the header, footers) of a real public data set or a real export, looked up in public
code and documentation (``reference`` in manifest.json says where). ``manifest.json`` records, per file, what a
careful reader must find: layout, native frequency, the column of each role and the number of series.

Every value is synthetic (names, ids, addresses and amounts are invented), drawn from numpy ``default_rng`` with a
fixed seed per file, so a rerun rewrites every file byte for byte (workbooks get fixed zip times and properties).
See README.md beside this file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import string
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_PROPS_TIME = datetime(2024, 1, 1)

ENTRIES: list[dict] = []


# ---------------------------------------------------------------- writing helpers


def csv_text(rows: Iterable[Iterable[object]], delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def frame_text(frame: pd.DataFrame, delimiter: str = ",") -> str:
    return frame.to_csv(index=False, sep=delimiter, lineterminator="\n")


def stable_zip(data: bytes) -> bytes:
    """Rewrites a workbook with fixed entry times and fixed created/modified properties (openpyxl stamps 'now')."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, body)
    return out.getvalue()


def xlsx_bytes(
    sheet: str,
    header: list[str],
    rows: list[list[object]],
    formats: dict[int, str] | None = None,
    above: list[list[object]] | None = None,
) -> bytes:
    """One-sheet workbook; ``formats`` maps a 0-based column to an Excel number format; ``above`` are rows written
    before the header line."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in above or []:
        ws.append(row)
    ws.append(header)
    first = ws.max_row + 1
    for row in rows:
        ws.append([None if isinstance(v, float) and np.isnan(v) else v for v in row])
    for col, fmt in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=first, min_col=col + 1, max_col=col + 1):
            if cell.value is not None:
                cell.number_format = fmt
    wb.properties.creator = "Replenish held-out set"
    wb.properties.created = FIXED_PROPS_TIME
    wb.properties.modified = FIXED_PROPS_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue())


def write(name: str, content: str | bytes, encoding: str = "utf-8") -> None:
    data = content.encode(encoding) if isinstance(content, str) else content
    (HERE / name).write_bytes(data)


def n_series(frame: pd.DataFrame, keys: list[str]) -> int:
    """Distinct non-blank key values (or key tuples) in the file."""
    sub = frame[keys].astype("string").apply(lambda s: s.str.strip())
    sub = sub.replace("", pd.NA).dropna()
    return int(len(sub.drop_duplicates()))


def add(
    file: str,
    layout_of: str,
    reference: str,
    expected: dict,
    notes: str,
    sheet: str | None = None,
    also_accept: dict | None = None,
) -> None:
    entry: dict = {"file": file, "layout_of": layout_of, "reference": reference, "sheet": sheet, "expected": expected}
    if also_accept:
        entry["also_accept"] = also_accept
    entry["notes"] = notes
    ENTRIES.append(entry)


def money(x: float) -> str:
    return f"{x:.2f}"


def trimmed(x: float) -> str:
    """'600', '11.95', '11.9': two decimals at most, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def digits(rng: np.random.Generator, n: int) -> str:
    return str(rng.integers(1, 10)) + "".join(rng.choice(list(string.digits), n - 1))


def hex_id(rng: np.random.Generator, n: int = 32) -> str:
    return "".join(rng.choice(list("0123456789abcdef"), n))


def clock(rng: np.random.Generator, day: pd.Timestamp, start_h: float, end_h: float) -> pd.Timestamp:
    """A time on ``day`` between two hours, busier around noon and early evening."""
    hours = np.arange(int(start_h), int(end_h))
    weight = 1.0 + np.exp(-((hours - 12.5) ** 2) / 4) + 0.8 * np.exp(-((hours - 18) ** 2) / 3)
    h = int(rng.choice(hours, p=weight / weight.sum()))
    return day + pd.Timedelta(hours=h, minutes=int(rng.integers(0, 60)), seconds=int(rng.integers(0, 60)))


FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mason", "Sophia", "Lucas", "Mia", "Ethan", "Harper", "Logan"]
LAST = ["Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Lopez", "Wilson", "Taylor", "Clark"]


# ---------------------------------------------------------------- public data sets


def olist_order_items() -> None:
    rng = np.random.default_rng(301)
    sellers = [hex_id(rng) for _ in range(6)]
    prices = [58.9, 239.9, 199.0, 12.99, 199.9, 21.9, 89.9, 34.99, 129.9, 49.9, 18.5, 74.0]
    catalog = [(hex_id(rng), sellers[i % 6], p, float(rng.uniform(8, 24))) for i, p in enumerate(prices)]
    weights = np.array([6, 2, 2, 9, 2, 7, 4, 6, 3, 5, 8, 3], dtype=float)
    rows = []
    for day in pd.date_range("2017-11-01", "2017-12-15", freq="D"):
        busy = 4.5 if day == pd.Timestamp("2017-11-24") else (1.4 if day.day_of_week < 5 else 1.0)
        for _ in range(int(rng.poisson(5.2 * busy))):
            bought = clock(rng, day, 7, 24)
            approved = bought + pd.Timedelta(minutes=int(rng.integers(5, 300)))
            limit = approved + pd.Timedelta(days=int(rng.integers(4, 8)))
            k = 1 if rng.random() < 0.9 else 2
            picks = rng.choice(len(catalog), k, replace=False, p=weights / weights.sum())
            order_id = hex_id(rng)
            lines = []
            for i in picks:
                units = int(rng.choice([1, 1, 1, 1, 1, 2, 2, 3]))
                lines += [catalog[int(i)]] * units  # Olist has no quantity: one order_item_id per unit
            for n, (product, seller, price, freight) in enumerate(lines, start=1):
                share = freight / len(lines) * 1.6 if len(lines) > 1 else freight
                rows.append(
                    [
                        order_id,
                        n,
                        product,
                        seller,
                        limit.strftime("%Y-%m-%d %H:%M:%S"),
                        money(price),
                        money(share),
                        bought.strftime("%Y-%m-%d %H:%M:%S"),
                    ]
                )
    header = [
        "order_id",
        "order_item_id",
        "product_id",
        "seller_id",
        "shipping_limit_date",
        "price",
        "freight_value",
        "order_purchase_timestamp",
    ]
    out = pd.DataFrame(rows, columns=header).sort_values(["order_id", "order_item_id"], kind="stable")
    write("olist_order_items_purchase_ts.csv", csv_text([header, *out.itertuples(index=False)]))
    add(
        "olist_order_items_purchase_ts.csv",
        "Olist Brazilian E-Commerce (Kaggle olistbr/brazilian-ecommerce): olist_order_items_dataset.csv with "
        "order_purchase_timestamp from olist_orders_dataset.csv joined on order_id",
        "order_items header 'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value' "
        "in many dbt/SQL models found with the code search (e.g. robbfox/ai-driven-gcp-data-warehouse "
        "dbt_project/models/staging/stg_order_items.sql) and Cleitondev01/Projeto-Olist "
        "Dicionario-de-Dados/order_items_dataset.md (order_item_id is the sequential item number within the order); "
        "orders header and first row ('...,delivered,2017-10-02 10:56:33,...') by find_string; this exact 8-column "
        "file '\\copy order_items(order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,"
        "freight_value,order_purchase_timestamp)' in a loader script found with find_string",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "order_purchase_timestamp",
                "sku": "product_id",
                "price": "price",
                "order_id": "order_id",
            },
            "skus": n_series(out, ["product_id"]),
            "doubt": "one_row_per_unit",
        },
        "NO quantity column: Olist writes one row per unit (order_item_id 1, 2, 3 of the same product_id in one "
        "order = 3 units), so every row counts 1; price is the unit price and freight_value the freight of that "
        "row; shipping_limit_date is the seller's shipping deadline (a later date column, not the sale date); ids "
        "are 32-hex strings; rows are sorted by order_id (as the Kaggle file is: its first ids are 00010242..., 00018f77..., 000229ec...), not by date; Black Friday "
        "(2017-11-24) spike; seller_id is the marketplace seller, not a store",
    )


def hm_transactions() -> None:
    rng = np.random.default_rng(302)
    articles = {
        706016001: 30,
        706016002: 30,
        372860001: 12,
        610776002: 15,
        759871002: 10,
        464297007: 15,
        399223001: 35,
        720125001: 25,
        156231001: 10,
        562245046: 45,
        351484002: 20,
        673677002: 60,
        685814001: 20,
        448509014: 40,
    }
    codes = list(articles)
    weights = np.array([9, 6, 7, 5, 8, 4, 3, 4, 6, 2, 3, 1, 4, 2], dtype=float)
    customers = [hex_id(rng, 64) for _ in range(300)]
    rows = []
    for day in pd.date_range("2019-06-03", "2019-06-23", freq="D"):
        for _ in range(int(rng.poisson(8 if day.day_of_week < 5 else 11))):
            customer = customers[int(rng.integers(len(customers)))]
            channel = 2 if rng.random() < 0.7 else 1
            for i in rng.choice(len(codes), int(rng.choice([1, 1, 2, 3])), replace=False, p=weights / weights.sum()):
                code = codes[int(i)]
                sale = 0.6 if (code in (562245046, 399223001) and day >= pd.Timestamp("2019-06-17")) else 1.0
                price = articles[code] * sale / 590
                for _ in range(int(rng.choice([1, 1, 1, 1, 2]))):  # a second unit is a duplicate row
                    rows.append([day.strftime("%Y-%m-%d"), customer, code, price, channel])
    out = pd.DataFrame(rows, columns=["t_dat", "customer_id", "article_id", "price", "sales_channel_id"])
    out["article_id"] = out["article_id"].astype("int64")
    out["sales_channel_id"] = out["sales_channel_id"].astype("int64")
    buf = io.BytesIO()
    out.to_parquet(buf, index=False, engine="pyarrow", compression="snappy")
    write("hm_transactions_train.parquet", buf.getvalue())
    add(
        "hm_transactions_train.parquet",
        "Kaggle: H&M Personalized Fashion Recommendations, transactions_train.csv (as Parquet, the usual conversion "
        "of the 3.5 GB file with a plain read_csv)",
        "columns t_dat, customer_id, article_id, price, sales_channel_id and 'Duplicate rows correspond to multiple "
        "purchases of the same item' from the competition data page quoted in "
        "PawanRamaMali/H-M-Personalized-Fashion-Recommendations README.md; 'price: Sale price (appears "
        "normalized)' in dinesh-GDK/shopsight documents/INST.md; article_id '108775015' style in "
        "quemanhmcr/hm-deeplearning docs/DATA_DOCUMENTATION.md",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {"date": "t_dat", "sku": "article_id", "price": "price"},
            "skus": n_series(out, ["article_id"]),
            "doubt": "one_row_per_unit",
        },
        "NO quantity column: one row per unit bought, two units of an article are two identical rows; t_dat is a "
        "string column 'YYYY-MM-DD' (as read_csv leaves it), article_id an int64 that lost the leading zero of the "
        "CSV text ('0706016001' -> 706016001), price a small normalised float (the competition does not give the currency; here made-up prices / 590), "
        "sales_channel_id 1 (store) or 2 (online) is a channel, not a store; customer_id is a 64-hex hash",
    )


def historical_product_demand() -> None:
    rng = np.random.default_rng(303)
    pairs = [
        ("Product_1359", "Whse_J", "Category_019", 1000, 0.55, 40),
        ("Product_1295", "Whse_J", "Category_019", 1000, 0.35, 12),
        ("Product_1295", "Whse_S", "Category_019", 1000, 0.25, 8),
        ("Product_0979", "Whse_J", "Category_028", 100, 0.30, 6),
        ("Product_0350", "Whse_A", "Category_005", 1, 0.40, 3),
        ("Product_2004", "Whse_S", "Category_005", 100, 0.30, 10),
        ("Product_0350", "Whse_C", "Category_005", 100, 0.20, 5),
    ]  # product, warehouse, category, order unit, P(order on a day), mean units of an order
    days = pd.bdate_range("2016-01-04", "2016-06-30")
    rows = []
    for product, whse, cat, unit, p_day, mean in pairs:
        block = []
        for day in days:
            if rng.random() > p_day:
                continue
            for _ in range(1 if rng.random() < 0.85 else 2):  # several order lines on one day happen
                qty = max(1, int(rng.poisson(mean))) * unit
                text = f"({qty})" if rng.random() < 0.02 else f"{qty} "  # returns in parentheses
                when = f"{day.year}/{day.month}/{day.day}"
                block.append([product, whse, cat, when, text])
        for i in rng.choice(len(block), 2, replace=False):
            block[int(i)][3] = ""  # the real file has rows without a date
        rows += block
    header = ["Product_Code", "Warehouse", "Product_Category", "Date", "Order_Demand"]
    write("historical_product_demand.csv", csv_text([header, *rows]))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "historical_product_demand.csv",
        "Kaggle: Forecasts for Product Demand (felixzhao/productdemandforecasting), Historical Product Demand.csv",
        "fields in MiltonGreat/Warehouse-Demand README.md and songhunhwa1/DS_demand_forecast "
        "Forecast_Product_Demand/readme.md; header 'Product_Code,Warehouse,Product_Category,Date,Order_Demand' and "
        "rows 'Product_0007,Whse_J,Category_019,2012/7/27,1234567 ' / '...,(4567)' in a test fixture, "
        "['Product_0796', 'Whse_J', 'Category_001', '2012/8/3', '5 '] in a Kafka consumer, "
        "Order_Demand.str.replace('\\(|\\)', '') and dropna() for missing dates in notebooks (find_string)",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": ["Product_Code", "Warehouse"],
                "quantity": "Order_Demand",
                "store": "Warehouse",
                "category": "Product_Category",
            },
            "skus": n_series(frame, ["Product_Code", "Warehouse"]),
        },
        "order lines of a manufacturer: Order_Demand is TEXT with a trailing space ('5000 ') and negative demand "
        "(returns) written in parentheses with no space ('(100)'); Date is 'yyyy/m/d' without leading zeros and "
        "blank on a few rows; several lines for one product and warehouse on a day happen; weekdays only; rows not "
        "in overall date order (grouped by product and warehouse, by date within a group, as the first rows of the real file are); Warehouse (Whse_A/C/J/S) is the central warehouse and splits series "
        "(Product_0350 and Product_1295 ship from two warehouses); Product_Category is a coded category",
    )


def retail_store_inventory() -> None:
    rng = np.random.default_rng(304)
    stores = {"S001": "North", "S002": "East"}
    products = {
        "P0001": ("Groceries", 33.5, 120),
        "P0002": ("Toys", 62.0, 45),
        "P0003": ("Electronics", 89.9, 25),
        "P0004": ("Clothing", 41.2, 60),
    }
    weather = ["Rainy", "Sunny", "Cloudy", "Snowy"]
    rows = []
    days = pd.date_range("2022-01-01", periods=60, freq="D")
    promo = {s: {p: rng.random(len(days)) < 0.25 for p in products} for s in stores}
    for i, day in enumerate(days):
        w = str(rng.choice(weather, p=[0.3, 0.25, 0.3, 0.15]))
        season = "Winter" if day.month in (12, 1, 2) else "Spring"
        for store, region in stores.items():
            for pid, (cat, price, base) in products.items():
                on = bool(promo[store][pid][i])
                disc = int(rng.choice([5, 10, 15, 20])) if on else int(rng.choice([0, 0, 0, 5]))
                level = int(rng.integers(int(base * 1.5), int(base * 4)))
                sold = min(level, int(rng.poisson(base * (1.3 if on else 1.0) * (1.15 if day.day_of_week >= 5 else 1))))
                rows.append(
                    [
                        day.strftime("%Y-%m-%d"),
                        store,
                        pid,
                        cat,
                        region,
                        level,
                        sold,
                        int(rng.integers(int(base * 0.3), int(base * 1.6))),
                        round(float(sold * rng.normal(1.02, 0.06)), 2),
                        round(float(price * rng.normal(1, 0.03)), 2),
                        disc,
                        w,
                        int(on),
                        round(float(price * rng.normal(1, 0.06)), 2),
                        season,
                    ]
                )
    header = [
        "Date",
        "Store ID",
        "Product ID",
        "Category",
        "Region",
        "Inventory Level",
        "Units Sold",
        "Units Ordered",
        "Demand Forecast",
        "Price",
        "Discount",
        "Weather Condition",
        "Holiday/Promotion",
        "Competitor Pricing",
        "Seasonality",
    ]
    out = pd.DataFrame(rows, columns=header)
    write("retail_store_inventory.csv", frame_text(out))
    add(
        "retail_store_inventory.csv",
        "Kaggle: Retail Store Inventory Forecasting Dataset (anirudhchauhan/retail-store-inventory-forecasting-"
        "dataset), retail_store_inventory.csv",
        "15-column header listed in a data-understanding report and a JSON profile found with the code search "
        "(jeezy05/Efficient-Inventory-Management-Using-SQL Import.sql has the same columns); row "
        "'2022-01-01,S001,P0001,Groceries,North,231,127,55,135.47,33.5,20,Rainy,0,29.69,Autumn' in importer tests "
        "found with find_string; column meanings in matheusmendes720/gran-prix data/raw/kaggle_retail_inventory docs",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": ["Product ID", "Store ID"],
                "quantity": "Units Sold",
                "price": "Price",
                "promotion": "Holiday/Promotion",
                "store": "Store ID",
                "category": "Category",
            },
            "skus": n_series(out, ["Product ID", "Store ID"]),
        },
        "dense: one row per date x store x product, sorted date, store, product; 'Units Sold' is the sales "
        "quantity while 'Units Ordered' (replenishment), 'Demand Forecast' (someone's forecast) and 'Inventory "
        "Level' are not sales; Discount is a percentage (0-20), 'Holiday/Promotion' a single 0/1 flag for either; "
        "Region is the store's region, Competitor Pricing a competitor's price",
        also_accept={"holiday": ["Holiday/Promotion"]},
    )


SALES_PRODUCTS = {
    "USB-C Charging Cable": (11.95, 14),
    "Lightning Charging Cable": (14.95, 13),
    "AA Batteries (4-pack)": (3.84, 13),
    "AAA Batteries (4-pack)": (2.99, 12),
    "Wired Headphones": (11.99, 11),
    "Apple Airpods Headphones": (150.0, 9),
    "Bose SoundSport Headphones": (99.99, 8),
    "27in FHD Monitor": (149.99, 4),
    "iPhone": (700.0, 4),
    "27in 4K Gaming Monitor": (389.99, 3),
    "34in Ultrawide Monitor": (379.99, 3),
    "Google Phone": (600.0, 3),
    "Flatscreen TV": (300.0, 2),
    "Macbook Pro Laptop": (1700.0, 2),
    "ThinkPad Laptop": (999.99, 2),
    "20in Monitor": (109.99, 2),
}
US_CITIES = [
    ("San Francisco", "CA", "94016"),
    ("Los Angeles", "CA", "90001"),
    ("New York City", "NY", "10001"),
    ("Boston", "MA", "02215"),
    ("Atlanta", "GA", "30301"),
    ("Dallas", "TX", "75001"),
    ("Seattle", "WA", "98101"),
    ("Portland", "OR", "97035"),
    ("Austin", "TX", "73301"),
    ("Portland", "ME", "04101"),
]
STREETS = ["Main St", "1st St", "Chestnut St", "Spruce St", "8th St", "Wilson St", "Center St", "Lake St", "Hill St"]


def sales_april_2019() -> None:
    rng = np.random.default_rng(305)
    names = list(SALES_PRODUCTS)
    weights = np.array([SALES_PRODUCTS[n][1] for n in names], dtype=float)
    header = ["Order ID", "Product", "Quantity Ordered", "Price Each", "Order Date", "Purchase Address"]
    data, lines = [], [header]
    order_id = 176558
    blank_at = set(rng.choice(np.arange(20, 380), 6, replace=False).tolist())
    header_at = set(rng.choice(np.arange(30, 380), 3, replace=False).tolist())
    while len(data) < 390:
        day = pd.Timestamp("2019-04-01") + pd.Timedelta(days=int(rng.integers(0, 30)))
        when = clock(rng, day, 0, 24).strftime("%m/%d/%y %H:%M")
        city, state, zipc = US_CITIES[int(rng.integers(len(US_CITIES)))]
        address = f"{rng.integers(10, 1000)} {STREETS[int(rng.integers(len(STREETS)))]}, {city}, {state} {zipc}"
        k = 1 if rng.random() < 0.9 else 2
        for i in rng.choice(len(names), k, replace=False, p=weights / weights.sum()):
            name = names[int(i)]
            qty = int(rng.choice([1, 1, 1, 2, 3])) if SALES_PRODUCTS[name][0] < 20 else 1
            row = [str(order_id), name, str(qty), trimmed(SALES_PRODUCTS[name][0]), when, address]
            data.append(row)
            lines.append(row)
            if rng.random() < 0.01:
                data.append(row)
                lines.append(row)  # the monthly files hold a few exact duplicate lines
            if len(data) in blank_at:
                lines.append([""] * 6)
            if len(data) in header_at:
                lines.append(header)
        order_id += 1
    write("sales_april_2019.csv", csv_text(lines))
    frame = pd.DataFrame(data, columns=header)
    add(
        "sales_april_2019.csv",
        "Kaggle 'Sales Product Data' / Keith Galli's Pandas sales analysis, Sales_Data/Sales_April_2019.csv",
        "header and rows '176558,USB-C Charging Cable,2,11.95,04/19/19 08:46,\"917 1st St, Dallas, TX 75001\"' and "
        "'176560,Google Phone,1,600,...' found with find_string; the empty lines (dropna(how='all')) and the header "
        "repeated inside the data (df[df['Order Date'].str[0:2] != 'Or']) from the many notebooks that clean these "
        "files, found with find_string; format '%m/%d/%y %H:%M' in the same code",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Order Date",
                "sku": "Product",
                "quantity": "Quantity Ordered",
                "price": "Price Each",
                "order_id": "Order ID",
            },
            "skus": n_series(frame, ["Product"]),
        },
        "no product code: the product NAME is the key; Order Date is 'mm/dd/yy HH:MM' (2-digit year, days above "
        "12 settle the order); Price Each drops trailing zeros ('600', '1700', '11.95'); lines of all-empty fields "
        "(',,,,,') and copies of the header line occur inside the data (both must be dropped, and the header copies "
        "make every column text); a few exact duplicate lines as in the real files; multi-item orders share Order "
        "ID, date and address; Order IDs increase but dates are not in order; Purchase Address is the customer's",
    )


BAKERY = {
    "TRADITIONAL BAGUETTE": (1.20, 9.0),
    "BAGUETTE": (0.90, 3.0),
    "CROISSANT": (1.10, 3.0),
    "PAIN AU CHOCOLAT": (1.20, 2.6),
    "COUPE": (0.15, 1.6),
    "BANETTE": (1.05, 1.8),
    "CEREAL BAGUETTE": (1.40, 1.2),
    "SPECIAL BREAD": (2.40, 0.9),
    "BOULE 200G": (1.10, 0.8),
    "FORMULE SANDWICH": (6.50, 0.9),
    "TARTELETTE": (2.00, 0.7),
    "KOUIGN AMANN": (1.70, 0.5),
}


def bakery_sales() -> None:
    rng = np.random.default_rng(306)
    names = list(BAKERY)
    weights = np.array([BAKERY[n][1] for n in names], dtype=float)
    rows = []
    index, ticket = 11620, 152310
    for day in pd.date_range("2021-03-15", "2021-03-29", freq="D"):
        if day.day_of_week == 2:
            continue  # closed on Wednesdays
        times = sorted(clock(rng, day, 7, 20) for _ in range(int(rng.poisson(13 if day.day_of_week < 5 else 18))))
        for t in times:
            ticket += 1
            for i in rng.choice(len(names), int(rng.choice([1, 1, 2, 2, 3])), replace=False, p=weights / weights.sum()):
                name = names[int(i)]
                qty = float(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])) if name != "FORMULE SANDWICH" else 1.0
                if rng.random() < 0.012:
                    qty = -qty  # cancelled lines are negative
                price = f"{BAKERY[name][0]:.2f}".replace(".", ",") + " €"
                rows.append([index, t.strftime("%Y-%m-%d"), t.strftime("%H:%M"), f"{ticket}.0", name, qty, price])
                index += int(rng.integers(1, 4))  # the real index has gaps
    header = ["", "date", "time", "ticket_number", "article", "Quantity", "unit_price"]
    write("bakery_sales.csv", csv_text([header, *rows]))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "bakery_sales.csv",
        "Kaggle: French bakery daily sales (matthieugimbert/french-bakery-daily-sales), Bakery sales.csv",
        "header ',date,time,ticket_number,article,Quantity,unit_price' and rows "
        "'0,2021-01-02,08:38,150040.0,BAGUETTE,1.0,\"0,90 €\"' quoted as the raw Kaggle file in a README found "
        "with find_string 'date,time,ticket_number,article,Quantity'; negative lines excluded and counted (1 264 of "
        '230 200) in an importer\'s notes; parse_price("0,90 €") in code found the same way',
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "date",
                "sku": "article",
                "quantity": "Quantity",
                "price": "unit_price",
                "order_id": "ticket_number",
            },
            "skus": n_series(frame, ["article"]),
        },
        "first column has an EMPTY header and holds the pandas index of the original (with gaps); date ISO and "
        "time 'HH:MM' in separate columns; ticket_number is a float ('152311.0'); Quantity a float with NEGATIVE "
        "lines for cancellations; unit_price is text with a decimal COMMA and a euro sign ('1,20 €'), quoted; "
        "article is the French product name (the only key); no sales on Wednesdays (closing day)",
    )


COFFEE = [
    (32, 3.0, "Coffee", "Gourmet brewed coffee", "Ethiopia Rg", 9),
    (22, 2.0, "Coffee", "Drip coffee", "Our Old Time Diner Blend Sm", 7),
    (39, 4.25, "Coffee", "Barista Espresso", "Latte Rg", 8),
    (40, 3.75, "Coffee", "Barista Espresso", "Cappuccino", 6),
    (57, 3.1, "Tea", "Brewed Chai tea", "Spicy Eye Opener Chai Lg", 6),
    (45, 3.0, "Tea", "Brewed herbal tea", "Peppermint Lg", 4),
    (59, 4.5, "Drinking Chocolate", "Hot chocolate", "Dark chocolate Lg", 4),
    (77, 3.0, "Bakery", "Scone", "Oatmeal Scone", 3),
    (69, 3.5, "Bakery", "Pastry", "Chocolate Croissant", 3),
    (87, 0.8, "Flavours", "Regular syrup", "Hazelnut syrup", 2),
]
COFFEE_STORES = {5: "Lower Manhattan", 8: "Hell's Kitchen", 3: "Astoria"}


def coffee_shop_sales() -> None:
    rng = np.random.default_rng(307)
    weights = np.array([c[5] for c in COFFEE], dtype=float)
    rows = []
    tid = 38120
    for day in pd.date_range("2023-03-06", "2023-03-19", freq="D"):
        events = []
        for store in COFFEE_STORES:
            for _ in range(int(rng.poisson(11))):
                events.append((clock(rng, day, 7, 20), store))
        events.sort()
        for ts, store in events:
            tid += 1
            pid, price, cat, ptype, detail, _ = COFFEE[int(rng.choice(len(COFFEE), p=weights / weights.sum()))]
            qty = int(rng.choice([1, 1, 1, 2, 2, 3]))
            rows.append(
                [tid, ts.to_pydatetime(), ts.time(), qty, store, COFFEE_STORES[store], pid, price, cat, ptype, detail]
            )
    header = [
        "transaction_id",
        "transaction_date",
        "transaction_time",
        "transaction_qty",
        "store_id",
        "store_location",
        "product_id",
        "unit_price",
        "product_category",
        "product_type",
        "product_detail",
    ]
    for row in rows:
        row[1] = datetime(row[1].year, row[1].month, row[1].day)
    write("coffee_shop_sales.xlsx", xlsx_bytes("Transactions", header, rows, {1: "yyyy-mm-dd", 2: "hh:mm:ss"}))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "coffee_shop_sales.xlsx",
        "Maven Analytics 'Coffee Shop Sales' (Kaggle ahmedabbas757/coffee-sales), Coffee Shop Sales.xlsx",
        "header 'transaction_id,transaction_date,transaction_time,transaction_qty,store_id,store_location,"
        "product_id,unit_price,product_category,product_type,product_detail' with row "
        "'1,2023-01-01,08:30:00,2,3,Lower Manhattan,2,3.50,Coffee,Gourmet brewed coffee,Latte' (find_string); "
        'read_excel(file_path, sheet = "Transactions") and hms::as_hms(transaction_time) in R code, '
        "'Coffee Shop Sales.xlsx - Transactions.csv' in SQL loaders (find_string 'Coffee Shop Sales.xlsx')",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "transaction_date",
                "sku": ["product_id", "store_id"],
                "quantity": "transaction_qty",
                "price": "unit_price",
                "order_id": "transaction_id",
                "product_name": "product_detail",
                "category": "product_category",
                "store": "store_id",
            },
            "skus": n_series(frame, ["product_id", "store_id"]),
        },
        "one row per item line (transaction_id is unique per row); transaction_date is an Excel date cell and "
        "transaction_time an Excel time cell in its own column; three shops (store_id 3/5/8 with store_location "
        "Astoria / Lower Manhattan / Hell's Kitchen) split series; unit_price is a plain number (no revenue column); "
        "product_type and product_category are two levels of category",
        sheet="Transactions",
        also_accept={"store": ["store_location"], "sku": [["product_id", "store_location"]]},
    )


def walmart_sales() -> None:
    rng = np.random.default_rng(308)
    weeks = pd.date_range("2010-02-05", periods=60, freq="7D")
    holidays = {"2010-02-12", "2010-09-10", "2010-11-26", "2010-12-31", "2011-02-11"}
    stores = {
        1: (1_550_000, 211.0963582, 8.106, 68.0),
        5: (290_000, 211.6531, 6.566, 70.0),
        20: (2_050_000, 204.2471935, 8.187, 55.0),
    }
    rows = []
    for store, (level, cpi, unemp, t0) in stores.items():
        fuel = 2.572 if store != 20 else 2.784
        for i, wk in enumerate(weeks):
            key = wk.strftime("%Y-%m-%d")
            bump = 1.0
            if (wk.month == 11 and wk.day >= 24) or key == "2010-11-26":
                bump = 1.45
            elif wk.month == 12 and wk.day >= 15:
                bump = 1.55 if wk.day < 25 else 1.1
            elif key in holidays:
                bump = 1.06
            sales = level * bump * float(rng.normal(1, 0.045))
            fuel = fuel + float(rng.normal(0.004, 0.03))
            temp = t0 + 24 * np.sin((wk.day_of_year - 100) / 365 * 2 * np.pi) + float(rng.normal(0, 4))
            if i and i % 13 == 0:
                unemp = unemp + float(rng.normal(-0.05, 0.08))
            cpi = cpi + float(rng.normal(0.05, 0.06))
            rows.append(
                [
                    store,
                    wk.strftime("%d-%m-%Y"),
                    round(sales, 2),
                    int(key in holidays),
                    round(float(temp), 2),
                    round(fuel, 3),
                    round(cpi, 7),
                    round(unemp, 3),
                ]
            )
    header = ["Store", "Date", "Weekly_Sales", "Holiday_Flag", "Temperature", "Fuel_Price", "CPI", "Unemployment"]
    out = pd.DataFrame(rows, columns=header)
    write("walmart_sales.csv", frame_text(out))
    add(
        "walmart_sales.csv",
        "Kaggle: Walmart Dataset (yasserh/walmart-dataset), Walmart.csv: store-level weekly sales with economic "
        "indicators (a different file and layout from the competition's train.csv)",
        "header 'Store,Date,Weekly_Sales,Holiday_Flag,Temperature,Fuel_Price,CPI,Unemployment' with row "
        "'1,05-02-2010,1643690.9,0,42.31,2.572,211.0963582,8.106' in several tests found with find_string; a date "
        "detector test there expects '%d-%m-%Y' for it ('day-first is the safer default')",
        {
            "layout": "totals",
            "freq": "W",
            "week_start": "FRI",
            "roles": {"date": "Date", "sku": "Store", "quantity": "Weekly_Sales", "holiday": "Holiday_Flag"},
            "skus": n_series(out, ["Store"]),
        },
        "one row per store per week, sorted store then date; Date is DAY-first dd-mm-yyyy ('05-02-2010' is 5 "
        "February 2010, a Friday; '19-02-2010' settles the order); no product column: the series is the store; "
        "Weekly_Sales is dollars (the only measure, so it is the quantity), up to 2 decimals without trailing zeros; "
        "Holiday_Flag 0/1 (Super Bowl, Labor Day, Thanksgiving, Christmas weeks); Temperature (F), Fuel_Price, CPI "
        "and Unemployment are regional covariates, not sales",
    )


def pharma_sales_weekly() -> None:
    rng = np.random.default_rng(309)
    cols = {
        "M01AB": (30.0, 0.05, 0),
        "M01AE": (22.0, 0.05, 0),
        "N02BA": (25.0, 0.08, 0),
        "N02BE": (200.0, 0.18, 0),
        "N05B": (58.0, 0.05, 0),
        "N05C": (3.5, 0.05, 0),
        "R03": (28.0, 0.30, 0),
        "R06": (17.0, 0.45, 120),
    }  # weekly mean, seasonal amplitude, peak day of year (0 = winter)
    weeks = pd.date_range("2014-01-05", periods=302, freq="7D")
    frac = np.array([0.33, 0.5, 0.67, 0.25, 0.75, 0.3, 0.6, 0.95])
    data: dict[str, list] = {"datum": [f"{d.month}/{d.day}/{d.year}" for d in weeks]}
    for name, (mean, amp, peak) in cols.items():
        phase = (weeks.day_of_year.to_numpy() - peak) / 365.25 * 2 * np.pi
        lam = mean * (1 + amp * np.cos(phase)) * (1 + 0.0006 * np.arange(len(weeks)))
        values = rng.poisson(lam).astype(float)
        split = (rng.random(len(weeks)) < 0.5) & (values > 0)  # a split pack adds a fraction of a unit
        values[split] = values[split] - 1 + rng.choice(frac, int(split.sum()))
        data[name] = np.round(values, 2).tolist()
    out = pd.DataFrame(data)
    write("pharma_salesweekly.csv", frame_text(out))
    add(
        "pharma_salesweekly.csv",
        "Kaggle: Pharma sales data (milanzdravkovic/pharma-sales-data), salesweekly.csv (8 ATC drug categories, "
        "one column each)",
        "header 'datum,M01AB,M01AE,N02BA,N02BE,N05B,N05C,R03,R06' in several repos (find_string); weekly file read "
        "with read_csv then mutate(datum = mdy(datum)) in an R package and pd.read_csv('dataset/salesweekly.csv') in "
        "ARIMA code (find_string 'salesweekly.csv'); 'salesweekly.csv | Weekly | 302' rows in a preprocessing "
        "report; Kaggle page cited in a README",
        {
            "layout": "wide",
            "freq": "W",
            "week_start": "SUN",
            "roles": {"date": "datum"},
            "wide": {"quantity_columns": len(cols), "promotion_columns": 0, "price_columns": 0},
            "skus": len(cols),
        },
        "WIDE: one row per week, one column per drug category (ATC code as header); datum is month-first m/d/yyyy "
        "without leading zeros ('1/5/2014'), always a Sunday; values are units with fractional parts "
        "from split packs ('185.95', '14.0'); R06 (antihistamines) peaks in spring, R03 in winter",
    )


def norway_car_sales() -> None:
    rng = np.random.default_rng(310)
    makes = {
        "Volkswagen": 2300,
        "Toyota": 1650,
        "BMW": 950,
        "Nissan": 820,
        "Volvo": 780,
        "Tesla": 700,
        "Audi": 650,
        "Ford": 560,
        "Skoda": 540,
        "Mercedes-Benz": 520,
        "Mitsubishi": 380,
        "Peugeot": 300,
        "Hyundai": 280,
        "Kia": 260,
        "Subaru": 120,
    }
    season = [0.8, 0.85, 1.15, 1.05, 1.05, 1.2, 0.85, 0.95, 1.05, 1.0, 0.95, 1.1]
    rows = []
    for year in (2015, 2016):
        for month in range(1, 13):
            qty = {}
            for make, mean in makes.items():
                boost = 1.8 if make == "Tesla" and month in (3, 6, 9, 12) else 1.0  # quarter-end deliveries
                if make == "Subaru" and rng.random() < 0.15:
                    continue  # a make with no registrations that month has no row
                qty[make] = int(rng.poisson(mean * season[month - 1] * boost * (1.04 if year == 2016 else 1)))
            total = sum(qty.values()) / 0.88  # the remaining makes are the other 12 %
            for make, q in sorted(qty.items(), key=lambda kv: -kv[1]):
                rows.append([year, month, make, q, round(100 * q / total, 1)])
    header = ["Year", "Month", "Make", "Quantity", "Pct"]
    out = pd.DataFrame(rows, columns=header)
    write("norway_new_car_sales_by_make.csv", frame_text(out))
    add(
        "norway_new_car_sales_by_make.csv",
        "Kaggle: New Car Sales in Norway (dmi3kno/newcarsalesnorway), norway_new_car_sales_by_make.csv (monthly "
        "registrations per make, from OFV)",
        "read_csv('data/norway_new_car_sales_by_make.csv') then Period = Year + '-' + Month.zfill(2), pivot of "
        "Quantity by Make in code found with the code search; the sister file by_model has records "
        "{Year: 2007, Month: 1, Make, Model, Quantity: 1267, Pct: 10} (ngdevelop-tech/angular-handsontable "
        "src/app/cardata.ts); source and monthly grain in dmi3kno/zoe R/bilsalget.R",
        {
            "layout": "totals",
            "freq": "M",
            "roles": {"date": ["Year", "Month"], "sku": "Make", "quantity": "Quantity"},
            "skus": n_series(out, ["Make"]),
        },
        "the DATE IS SPLIT over two integer columns, Year (2015) and Month (1-12), with no day: the date role is "
        "the pair [Year, Month] (written like a composite key); one row per make per month, sorted year, month, "
        "Quantity descending (as the by_model sample is); Pct is the make's share of that month's market in percent (not a price or a "
        "discount); a make with no registrations in a month has no row (Subaru)",
    )


AMAZON_IN = [
    ("JNE3781", "kurta", ["S", "M", "L", "XL", "XXL", "3XL"], 406.0, "B09K3WF", 9),
    ("SET389", "Set", ["S", "M", "L", "XL"], 647.62, "B09KXVB", 5),
    ("JNE3371", "kurta", ["M", "L", "XL"], 329.0, "B07WV4J", 6),
    ("J0230", "Set", ["M", "L", "XL"], 1199.0, "B08XNJG", 3),
    ("SET345", "Western Dress", ["S", "M", "L"], 796.0, "B09VPJ3", 3),
]
IN_PLACES = [
    ("MUMBAI", "MAHARASHTRA", 400081),
    ("BENGALURU", "KARNATAKA", 560085),
    ("NAVI MUMBAI", "MAHARASHTRA", 410210),
    ("HYDERABAD", "TELANGANA", 500032),
    ("CHENNAI", "TAMIL NADU", 600041),
    ("NEW DELHI", "DELHI", 110075),
    ("PUNE", "MAHARASHTRA", 411033),
]


def amazon_sale_report() -> None:
    rng = np.random.default_rng(311)
    skus = []
    for style, cat, sizes, price, asin, w in AMAZON_IN:
        code = {"3XL": "3XL", "XXL": "XXL"}
        for size in sizes[:3] if len(sizes) > 3 else sizes:
            suffix = code.get(size, size)
            kr = "KR" if cat == "kurta" else "KR-NP"
            skus.append((style, f"{style}-{kr}-{suffix}", cat, size, price, asin + alnum(rng, 3), w))
    weights = np.array([s[6] for s in skus], dtype=float)
    promos = [
        "IN Core Free Shipping 2015/04/08 23-48-5-108",
        "Amazon PLCC Free-Financing Universal Merchant AAT-WNKTBO3K27EJC,Amazon PLCC Free-Financing Universal "
        "Merchant AAT-QX3UCCJESKPA2",
    ]
    statuses = ["Shipped", "Shipped - Delivered to Buyer", "Cancelled", "Shipped - Returned to Seller", "Pending"]
    rows = []
    for day in pd.date_range("2022-04-18", "2022-05-12", freq="D"):
        for _ in range(int(rng.poisson(13))):
            oid = f"{rng.integers(171, 408)}-{digits(rng, 7)}-{digits(rng, 7)}"
            merchant = rng.random() < 0.3
            status = str(
                rng.choice(statuses, p=[0.62, 0.2, 0.12, 0.03, 0.03] if not merchant else [0.1, 0.7, 0.15, 0.03, 0.02])
            )
            city, state, pin = IN_PLACES[int(rng.integers(len(IN_PLACES)))]
            promo = promos[int(rng.integers(2))] if (not merchant and rng.random() < 0.5) else ""
            level = str(rng.choice(["Expedited", "Standard"])) if not merchant else "Standard"
            for i in rng.choice(len(skus), 1 if rng.random() < 0.9 else 2, replace=False, p=weights / weights.sum()):
                style, sku, cat, size, price, asin, _ = skus[int(i)]
                qty = 0 if status == "Cancelled" else int(rng.choice([1, 1, 1, 1, 2]))
                amount = "" if status == "Cancelled" and rng.random() < 0.5 else repr(round(price * max(qty, 1), 2))
                courier = {"Cancelled": "Cancelled" if merchant else "", "Pending": ""}.get(status, "Shipped")
                rows.append(
                    [
                        day,
                        oid,
                        status,
                        "Merchant" if merchant else "Amazon",
                        "Amazon.in",
                        level,
                        style,
                        sku,
                        cat,
                        size,
                        asin,
                        courier,
                        qty,
                        "INR" if amount else "",
                        amount,
                        city,
                        state,
                        f"{pin}.0",
                        "IN",
                        promo,
                        "True" if rng.random() < 0.01 else "False",
                        "Easy Ship" if merchant else "",
                        "False" if merchant else "",
                    ]
                )
    rows.sort(key=lambda r: (r[0].month, -r[0].day))  # month blocks, newest day first within a month
    body = [[n, r[1], r[0].strftime("%m-%d-%y"), *r[2:]] for n, r in enumerate(rows)]
    header = [
        "index",
        "Order ID",
        "Date",
        "Status",
        "Fulfilment",
        "Sales Channel ",
        "ship-service-level",
        "Style",
        "SKU",
        "Category",
        "Size",
        "ASIN",
        "Courier Status",
        "Qty",
        "currency",
        "Amount",
        "ship-city",
        "ship-state",
        "ship-postal-code",
        "ship-country",
        "promotion-ids",
        "B2B",
        "fulfilled-by",
        "Unnamed: 22",
    ]
    write("amazon_sale_report.csv", csv_text([header, *body]))
    frame = pd.DataFrame(body, columns=header)
    add(
        "amazon_sale_report.csv",
        "Kaggle: Unlock Profits with E-Commerce Sales Data (thedevastator), Amazon Sale Report.csv (Amazon.in "
        "apparel seller, 2022)",
        "24 columns ['index', 'Order ID', 'Date', 'Status', 'Fulfilment', 'Sales Channel ', ..., 'B2B', "
        "'fulfilled-by', 'Unnamed: 22'] printed by several profiling scripts found with find_string "
        "\"'fulfilled-by', 'Unnamed: 22'\" (Unnamed: 22 has dtype bool, ship-postal-code float64); first rows "
        "'0 | 405-8078784-5731545 | 04-30-22 | Cancelled | Merchant | Amazon.in | Standard | SET389 | "
        "SET389-KR-NP-S | Set | S | B09KXVBD7Z | ... | 0 | INR | 647.62 | MUMBAI | MAHARASHTRA | 400081.0' "
        "(find_string '405-8078784-5731545'); 'Order date in MM-DD-YY format' in a column dictionary",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "SKU",
                "quantity": "Qty",
                "revenue": "Amount",
                "order_id": "Order ID",
                "category": "Category",
            },
            "skus": n_series(frame, ["SKU"]),
        },
        "Date is month-first 'mm-dd-yy' with a dash and a 2-digit year ('04-30-22'); Amount is the line total in "
        "INR, blank on some cancelled lines, whose Qty is 0; Style is the parent of SKU (size variants); ASIN is "
        "Amazon's key for the SKU; 'Sales Channel ' has a trailing space in its header; ship-postal-code is a "
        "float ('400081.0'); the last header is literally 'Unnamed: 22' (the Kaggle file was itself written by "
        "pandas) holding False/blank; the first column is a row index; rows here run April then May with the newest day first in each month (the real file starts at 04-30-22)",
        also_accept={"sku": ["ASIN"]},
    )


def alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(rng.choice(list(string.ascii_uppercase + string.digits), n))


SAMPLE_PRODUCTS = [
    ("S10_1678", "Motorcycles", 95, 81.0),
    ("S10_1949", "Classic Cars", 214, 190.0),
    ("S12_1099", "Classic Cars", 194, 160.0),
    ("S18_1342", "Vintage Cars", 102, 88.0),
    ("S18_2238", "Classic Cars", 163, 140.0),
    ("S18_3232", "Classic Cars", 169, 148.0),
    ("S24_2000", "Motorcycles", 76, 65.0),
    ("S24_2300", "Trucks and Buses", 127, 110.0),
    ("S700_1691", "Planes", 91, 78.0),
    ("S700_2610", "Ships", 72, 62.0),
    ("S32_3207", "Trains", 58, 50.0),
    ("S50_1392", "Trucks and Buses", 118, 100.0),
]
SAMPLE_CUSTOMERS = [
    ("Land of Toys Inc.", "2125557818", "897 Long Airport Avenue", "NYC", "NY", "10022", "USA", "NA", "Yu", "Kwai"),
    (
        "Reims Collectables",
        "26.47.1555",
        "59 rue de l'Abbaye",
        "Reims",
        "",
        "51100",
        "France",
        "EMEA",
        "Henriot",
        "Paul",
    ),
    (
        "Lyon Souveniers",
        "+33 1 46 62 7555",
        "27 rue du Colonel Pierre Avia",
        "Paris",
        "",
        "75508",
        "France",
        "EMEA",
        "Da Cunha",
        "Daniel",
    ),
    ("Toys4GrownUps.com", "6265557265", "78934 Hillside Dr.", "Pasadena", "CA", "90003", "USA", "NA", "Young", "Julie"),
    (
        "Corporate Gift Ideas Co.",
        "6505551386",
        "7734 Strong St.",
        "San Francisco",
        "CA",
        "",
        "USA",
        "NA",
        "Brown",
        "Julie",
    ),
    (
        "Technics Stores Inc.",
        "6505556809",
        "9408 Furth Circle",
        "Burlingame",
        "CA",
        "94217",
        "USA",
        "NA",
        "Hirano",
        "Juri",
    ),
    (
        "Berglunds snabbköp",
        "0921-12 3555",
        "Berguvsvägen  8",
        "Luleå",
        "",
        "S-958 22",
        "Sweden",
        "EMEA",
        "Berglund",
        "Christina",
    ),
    (
        "Australian Collectors, Co.",
        "03 9520 4555",
        "636 St Kilda Road",
        "Melbourne",
        "Victoria",
        "3004",
        "Australia",
        "APAC",
        "Ferguson",
        "Peter",
    ),
    (
        "Tokyo Collectables, Ltd",
        "+81 3 3584 0555",
        "2-2-8 Roppongi",
        "Minato-ku",
        "Tokyo",
        "106-0032",
        "Japan",
        "Japan",
        "Shimamura",
        "Akiko",
    ),
    (
        "Mini Gifts Distributors Ltd.",
        "4155551450",
        "5677 Strong St.",
        "San Rafael",
        "CA",
        "97562",
        "USA",
        "NA",
        "Nelson",
        "Valarie",
    ),
]


def sales_data_sample() -> None:
    rng = np.random.default_rng(312)
    rows = []
    days = pd.bdate_range("2003-01-06", "2005-05-31")
    picks = np.sort(rng.choice(len(days), 115, replace=False))
    for n, di in enumerate(picks):
        day = days[int(di)]
        order = 10100 + n * 3 + int(rng.integers(0, 3))
        cust = SAMPLE_CUSTOMERS[int(rng.integers(len(SAMPLE_CUSTOMERS)))]
        status = str(
            rng.choice(["Shipped", "Cancelled", "Resolved", "On Hold", "Disputed"], p=[0.9, 0.03, 0.03, 0.02, 0.02])
        )
        if day >= pd.Timestamp("2005-05-15"):
            status = "In Process"
        k = int(rng.integers(2, 6))
        for line, pi in enumerate(rng.choice(len(SAMPLE_PRODUCTS), k, replace=False), start=1):
            code, pline, msrp, base = SAMPLE_PRODUCTS[int(pi)]
            qty = int(rng.integers(20, 51))
            unit = round(base * float(rng.uniform(0.85, 1.15)), 2)
            sales = round(qty * unit, 2)
            deal = "Small" if sales < 3000 else ("Medium" if sales < 7000 else "Large")
            name, phone, addr, city, state, postal, country, terr, last, first = cust
            rows.append(
                [
                    order,
                    qty,
                    min(unit, 100.0),  # PRICEEACH tops out at 100 in the Kaggle file; SALES keeps the real price
                    line,
                    sales,
                    f"{day.month}/{day.day}/{day.year} 0:00",
                    status,
                    (day.month - 1) // 3 + 1,
                    day.month,
                    day.year,
                    pline,
                    msrp,
                    code,
                    name,
                    phone,
                    addr,
                    "",
                    city,
                    state,
                    postal,
                    country,
                    terr,
                    last,
                    first,
                    deal,
                ]
            )
    header = [
        "ORDERNUMBER",
        "QUANTITYORDERED",
        "PRICEEACH",
        "ORDERLINENUMBER",
        "SALES",
        "ORDERDATE",
        "STATUS",
        "QTR_ID",
        "MONTH_ID",
        "YEAR_ID",
        "PRODUCTLINE",
        "MSRP",
        "PRODUCTCODE",
        "CUSTOMERNAME",
        "PHONE",
        "ADDRESSLINE1",
        "ADDRESSLINE2",
        "CITY",
        "STATE",
        "POSTALCODE",
        "COUNTRY",
        "TERRITORY",
        "CONTACTLASTNAME",
        "CONTACTFIRSTNAME",
        "DEALSIZE",
    ]
    rows.sort(key=lambda r: (r[12], r[0]))  # the Kaggle file is sorted by product code, then order number
    body = [[*r[:2], trimmed(r[2]), r[3], trimmed(r[4]), *r[5:]] for r in rows]
    write("sales_data_sample.csv", csv_text([header, *body]), encoding="latin-1")
    frame = pd.DataFrame(body, columns=header)
    add(
        "sales_data_sample.csv",
        "Kaggle: Sample Sales Data (kyanyoga/sample-sales-data), sales_data_sample.csv (classic-model-car wholesaler)",
        "25-column header and rows '10107,30,95.7,2,2871,2/24/2003 0:00,Shipped,1,2,2003,Motorcycles,95,S10_1678,"
        "Land of Toys Inc.,2125557818,897 Long Airport Avenue,,NYC,NY,10022,USA,NA,Yu,Kwai,Small' in several "
        "repos found with find_string 'ORDERNUMBER,QUANTITYORDERED,PRICEEACH' (one reads it with a Latin-1 "
        "encoding); column positions (SALES 4, STATUS 6, MONTH_ID 8, YEAR_ID 9) in C# exercises found the same way",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "ORDERDATE",
                "sku": "PRODUCTCODE",
                "quantity": "QUANTITYORDERED",
                "price": "PRICEEACH",
                "revenue": "SALES",
                "order_id": "ORDERNUMBER",
                "category": "PRODUCTLINE",
            },
            "skus": n_series(frame, ["PRODUCTCODE"]),
        },
        "Latin-1 encoded ('Berglunds snabbköp', 'Luleå' are single bytes, not valid UTF-8); ORDERDATE is "
        "month-first 'm/d/yyyy 0:00' with a midnight time; rows sorted by PRODUCTCODE then ORDERNUMBER, not by "
        "date; orders on weekdays only, a few days apart (sparse daily); PRICEEACH tops out at 100 while SALES uses the "
        "full price, so SALES != QUANTITYORDERED x PRICEEACH for dear models (recalled from the Kaggle file's summary "
        "statistics, not confirmed with the search tools); "
        "QTR_ID/MONTH_ID/YEAR_ID repeat the date; MSRP is a list price; STATUS includes Cancelled/On Hold/Disputed; "
        "City/Country are the customer's, TERRITORY the sales region",
    )


# ---------------------------------------------------------------- Chinese public data sets

CUMCM_ITEMS = [
    (102900005117056, 7.6, 0.45, False, 9),
    (102900005115960, 3.2, 0.85, False, 8),
    (102900005115823, 7.6, 0.40, False, 7),
    (102900005115908, 10.8, 0.42, False, 5),
    (102900005115779, 6.0, 0.35, False, 6),
    (102900005116714, 14.0, 0.30, False, 4),
    (102900011016701, 4.0, 1.0, True, 4),  # sold by the piece: 1.0 a line
    (102900005116899, 12.0, 0.25, False, 3),
    (102900005115786, 5.8, 0.50, False, 5),
    (102900051010455, 18.0, 0.20, False, 2),
    (102900011009970, 3.0, 1.0, True, 3),
    (102900005116257, 9.6, 0.38, False, 4),
]  # 单品编码, 元/千克, mean kg a line, by piece, weight


def cumcm_2023c() -> None:
    rng = np.random.default_rng(313)
    weights = np.array([c[4] for c in CUMCM_ITEMS], dtype=float)
    rows = []
    for day in pd.date_range("2020-07-01", "2020-07-07", freq="D"):
        stamps = sorted(clock(rng, day, 9, 22) for _ in range(int(rng.poisson(72))))
        for ts in stamps:
            code, price, mean_kg, by_piece, _ = CUMCM_ITEMS[
                int(rng.choice(len(CUMCM_ITEMS), p=weights / weights.sum()))
            ]
            kg = 1.0 if by_piece else round(float(rng.gamma(4, mean_kg / 4)), 3)
            discount = ts.hour >= 20 and rng.random() < 0.5
            unit = round(price * 0.7, 1) if discount else price
            kind = "销售"
            if rng.random() < 0.012:
                kind, kg = "退货", -kg
            stamp = ts.strftime("%H:%M:%S") + f".{int(rng.integers(0, 1000)):03d}"
            rows.append(
                [datetime(day.year, day.month, day.day), stamp, code, kg, unit, kind, "是" if discount else "否"]
            )
    header = ["销售日期", "扫码销售时间", "单品编码", "销量(千克)", "销售单价(元/千克)", "销售类型", "是否打折销售"]
    write("cumcm2023c_attachment2.xlsx", xlsx_bytes("Sheet1", header, rows, {0: "yyyy-mm-dd"}))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "cumcm2023c_attachment2.xlsx",
        "2023 全国大学生数学建模竞赛 (CUMCM) C 题 蔬菜类商品的自动定价与补货决策, 附件2.xlsx (supermarket "
        "vegetable sales lines, 2020-07 .. 2023-06)",
        "header check expected = ['销售日期', '扫码销售时间', '单品编码', '销量(千克)', '销售单价(元/千克)', '销售类型', "
        "'是否打折销售'] in an importer found with find_string '扫码销售时间', which also tells 销售 from 退货; first row "
        "'2020-07-01 | 09:15:07.924 | 102900005117056 | 0.396 | 7.60 | 销售 | 否' in a project README (find_string "
        "'102900005117056'); read_excel(... '附件2-流水-销量-售价.xlsx', sheet_name=\"Sheet1\") in code found the same way",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "销售日期",
                "sku": "单品编码",
                "quantity": "销量(千克)",
                "price": "销售单价(元/千克)",
                "promotion": "是否打折销售",
            },
            "skus": n_series(frame, ["单品编码"]),
        },
        "Chinese headers; one row per scanned sale line; 销售日期 is an Excel date, 扫码销售时间 TEXT with "
        "milliseconds ('09:15:07.924'); 单品编码 a 15-digit number (no names in this file: they are in 附件1); "
        "销量(千克) is kilograms with 3 decimals (1.0 for items sold by the piece), NEGATIVE on 退货 (return) lines "
        "whose 销售类型 is 退货 instead of 销售; 是否打折销售 是/否 is the discount (promotion) flag, evening "
        "markdowns at 70 %; 销售单价 is yuan per kg",
        sheet="Sheet1",
    )


CHAOYANG = [
    (236701, "强力VC银翘片", 13.8, 5),
    (861417, "雷米普利片(瑞素坦)", 28.5, 4),
    (866634, "硝苯地平控释片(欣然)", 111.0, 4),
    (861405, "苯磺酸氨氯地平片(络活喜)", 34.5, 6),
    (866851, "缬沙坦分散片(易达乐)", 31.0, 4),
    (861409, "非洛地平缓释片(波依定)", 34.8, 3),
    (861456, "酒石酸美托洛尔片(倍他乐克)", 14.0, 5),
    (861507, "苯磺酸氨氯地平片(安内真)", 15.6, 2),
    (861458, "复方利血平氨苯蝶啶片", 9.5, 3),
    (865099, "感康", 8.4, 4),
]
WEEKDAYS_CN = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]


def chaoyang_hospital_sales() -> None:
    rng = np.random.default_rng(314)
    cards = ["00" + digits(rng, 8) for _ in range(60)] + [digits(rng, 9) for _ in range(40)]
    days = pd.date_range("2018-01-01", "2018-03-31", freq="D")
    rows = []
    for code, name, price, weight in CHAOYANG:
        block = []
        for day in days:
            for _ in range(int(rng.poisson(weight / 7.5))):
                qty = int(rng.choice([1, 1, 2, 2, 3, 4, 6, 10]))
                if rng.random() < 0.02:
                    qty = -qty  # returns are negative
                due = round(qty * price, 2)
                paid = round(due * float(rng.choice([1.0, 0.88, 0.85, 0.83])), 2)
                when = f"{day.strftime('%Y-%m-%d')} {WEEKDAYS_CN[day.day_of_week]}"
                block.append([when, cards[int(rng.integers(len(cards)))], code, name, qty, due, paid])
        rows += block
    for i in rng.choice(len(rows), 3, replace=False):
        rows[int(i)][0] = None  # the real workbook has rows without a 购药时间
    rows[int(rng.integers(len(rows)))][1] = None
    header = ["购药时间", "社保卡号", "商品编码", "商品名称", "销售数量", "应收金额", "实收金额"]
    write("chaoyang_hospital_2018_sales.xlsx", xlsx_bytes("Sheet1", header, rows))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "chaoyang_hospital_2018_sales.xlsx",
        "朝阳医院2018年销售数据.xlsx (a hospital pharmacy's 2018 sales, the classic Chinese pandas-tutorial data set)",
        'pd.read_excel("朝阳医院2018年销售数据.xlsx", dtype="object"), rename 购药时间 -> 销售时间, dropna(), '
        "astype('f8') of 销售数量/应收金额/实收金额 and t.split(\" \")[0] to cut the weekday off the date in code "
        "found with find_string '购药时间'; the columns and values '2018-01-01 星期五', '001616528', 236701, "
        "'强力VC银翘片', 6, 82.8, 69 in a tutorial found the same way",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "购药时间",
                "sku": "商品编码",
                "quantity": "销售数量",
                "revenue": "实收金额",
                "product_name": "商品名称",
            },
            "skus": n_series(frame, ["商品编码"]),
        },
        "Chinese headers; 购药时间 is TEXT: an ISO date, a space and the Chinese weekday ('2018-01-05 星期五'), so "
        "it parses only after cutting the weekday; a few rows have no 购药时间 (and one no 社保卡号), as in the "
        "real workbook; 社保卡号 is the patient's social-insurance card (text with leading zeros), not an order "
        "id; 销售数量 is NEGATIVE for returns; 应收金额 is the amount due, 实收金额 the amount paid after the "
        "insurance discount; rows here grouped by product, not in date order",
        sheet="Sheet1",
        also_accept={"revenue": ["应收金额"]},
    )


# ---------------------------------------------------------------- platform and ERP exports

ETSY_HEADER = [
    "Sale Date",
    "Item Name",
    "Buyer",
    "Quantity",
    "Price",
    "Coupon Code",
    "Coupon Details",
    "Discount Amount",
    "Shipping Discount",
    "Order Shipping",
    "Order Sales Tax",
    "Item Total",
    "Currency",
    "Transaction ID",
    "Listing ID",
    "Date Paid",
    "Date Shipped",
    "Ship Name",
    "Ship Address1",
    "Ship Address2",
    "Ship City",
    "Ship State",
    "Ship Zipcode",
    "Ship Country",
    "Order ID",
    "Variations",
    "Order Type",
    "Listings Type",
    "Payment Type",
    "InPerson Discount",
    "InPerson Location",
    "VAT Paid by Buyer",
    "SKU",
]
ETSY_LISTINGS = [
    (
        "Handmade Ceramic Mug - Speckled Stoneware, 12 oz",
        34.00,
        [("Glaze:Sage", "MUG-SPK-SAGE"), ("Glaze:Oat", "MUG-SPK-OAT")],
        9,
    ),
    ("Lavender Goat Milk Soap Bar", 9.00, [("", "SOAP-LAV")], 10),
    ("Oatmeal Honey Soap Bar", 9.00, [("", "SOAP-OAT")], 6),
    ("Stoneware Bud Vase, Small", 22.00, [("", "VASE-BUD-S")], 4),
    ("Ceramic Pour Over Dripper", 48.00, [("", "DRIP-01")], 3),
    ("Linen Tea Towel", 16.00, [("Color:Natural", "TOWEL-NAT"), ("Color:Rust", "TOWEL-RUST")], 5),
    ("Soy Candle in Ceramic Cup", 28.00, [("Scent:Cedar", "CNDL-CEDAR"), ("Scent:Fig", "CNDL-FIG")], 5),
    ("Gift Set - Mug + Soap", 40.00, [("", "GIFT-MS")], 2),
]
ETSY_PLACES = [
    ("Austin", "TX", "78704"),
    ("Denver", "CO", "80205"),
    ("Portland", "OR", "97214"),
    ("Brooklyn", "NY", "11215"),
]


def etsy_sold_order_items() -> None:
    rng = np.random.default_rng(315)
    listing_ids = [int(digits(rng, 10)) for _ in ETSY_LISTINGS]
    weights = np.array([x[3] for x in ETSY_LISTINGS], dtype=float)
    rows = []
    order_id = 3104550000 + int(rng.integers(0, 9999))
    transaction = 4021000000 + int(rng.integers(0, 99999))
    last = date(2024, 11, 30)
    for day in pd.date_range("2024-09-01", "2024-11-30", freq="D"):
        busy = 2.2 if day >= pd.Timestamp("2024-11-25") else (1.3 if day.month == 11 else 1.0)
        for _ in range(int(rng.poisson(2.3 * busy))):
            order_id += int(rng.integers(1, 40))
            first, lastname = FIRST[int(rng.integers(len(FIRST)))], LAST[int(rng.integers(len(LAST)))]
            buyer = f"{first.lower()}{lastname[0].lower()}{rng.integers(1, 999)}"
            city, state, zipc = ETSY_PLACES[int(rng.integers(len(ETSY_PLACES)))]
            street = f"{rng.integers(10, 9999)} {STREETS[int(rng.integers(len(STREETS)))]}"
            coupon = "FALL15" if rng.random() < 0.15 else ""
            picks = rng.choice(
                len(ETSY_LISTINGS), 1 if rng.random() < 0.75 else 2, replace=False, p=weights / weights.sum()
            )
            lines = []
            for i in picks:
                title, price, variants, _ = ETSY_LISTINGS[int(i)]
                var, sku = variants[int(rng.integers(len(variants)))]
                lines.append((int(i), title, price, var, sku, int(rng.choice([1, 1, 1, 2, 3]))))
            subtotal = sum(price * q for _, _, price, _, _, q in lines)
            shipping = 0.0 if subtotal >= 35 else 6.50
            tax = round(subtotal * 0.0825, 2) if state == "TX" else 0.0
            shipped = day.date() + timedelta(days=int(rng.integers(1, 5)))
            for i, title, price, var, sku, qty in lines:
                transaction += int(rng.integers(1, 500))
                rows.append(
                    [
                        day.strftime("%m/%d/%y"),
                        title,
                        buyer,
                        qty,
                        money(price),
                        coupon,
                        "15% off" if coupon else "",
                        money(round(price * qty * 0.15, 2)) if coupon else "0",
                        "0",
                        money(shipping),
                        money(tax),
                        money(price * qty),
                        "USD",
                        transaction,
                        listing_ids[i],
                        day.strftime("%m/%d/%y"),
                        shipped.strftime("%m/%d/%y") if shipped < last else "",
                        f"{first} {lastname}",
                        street,
                        "",
                        city,
                        state,
                        zipc,
                        "United States",
                        order_id,
                        var,
                        "online",
                        "listing",
                        "online_cc" if rng.random() < 0.8 else "paypal",
                        "",
                        "",
                        "",
                        sku,
                    ]
                )
    rows.reverse()  # newest sale first
    write("etsy_sold_order_items.csv", csv_text([ETSY_HEADER, *rows]))
    frame = pd.DataFrame(rows, columns=ETSY_HEADER)
    add(
        "etsy_sold_order_items.csv",
        "Etsy Shop Manager: Settings > Options > Download Data > 'Order Items' (EtsySoldOrderItems<year>-<month>.csv)",
        "header from test fixtures of Etsy importers found with find_string 'Sale Date,Item Name,Buyer,Quantity,"
        "Price' (EtsySoldOrderItems2026-9.csv: 'Sale Date,...,Ship Name,Ship Address1,Ship Address2,Ship City,...,"
        "Order ID,Variations,Order Type,Listings Type,Payment Type' and another with '...,InPerson Discount,InPerson "
        "Location,VAT Paid by Buyer,SKU'); column positions (Sale Date 0 'e.g. \"12/30/25\"', Price 4 'per unit', "
        "Order Shipping 9 'order-level shipping (repeated per item)', Item Total 11, Transaction ID 13 'unique per "
        "row', Date Shipped 16 'may be empty', Ship City 20, Order ID 24) in a parser found with find_string "
        "'Column indices for the Etsy \"EtsySoldOrderItems\"'",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Sale Date",
                "sku": "SKU",
                "quantity": "Quantity",
                "price": "Price",
                "revenue": "Item Total",
                "order_id": "Order ID",
                "product_name": "Item Name",
            },
            "skus": n_series(frame, ["SKU"]),
        },
        "one row per item (transaction) of an order; Sale Date, Date Paid and Date Shipped are 'mm/dd/yy'; Price "
        "is the unit price and Item Total = Price x Quantity before the coupon (Discount Amount is separate); "
        "Order Shipping and Order Sales Tax are ORDER-level values repeated on every item of the order; Listing ID "
        "is the listing, SKU the variation (Variations 'Glaze:Sage'); rows here newest sale first; Date Shipped blank for "
        "orders not shipped yet",
        also_accept={"date": ["Date Paid"], "sku": ["Listing ID"]},
    )


QB_ITEMS = [
    ("HS-1010", "Hot Sauce Original 12/5 oz.", 21.60, 6),
    ("HS-1012", "Hot Sauce Jalapeño 12/5 oz.", 22.80, 5),
    ("HS-1020", "Hot Sauce Habanero 12/5 oz.", 24.00, 3),
    ("SZ-2001", "Sazón Seasoning 6/32 oz.", 39.86, 4),
    ("SZ-2005", "Adobo All-Purpose Seasoning 4/1 gal.", 24.50, 4),
    ("VN-3001", "White Distilled Vinegar 4/1 gal.", 13.65, 6),
    ("VN-3002", "Apple Cider Vinegar 4/1 gal.", 15.90, 3),
    ("CF-4001", "Café Molido Espresso 12/14 oz.", 58.20, 3),
    ("CF-4002", "Café Molido Regular 12/14 oz.", 52.80, 4),
    ("SY-5001", "Vanilla Flavor 4/1 gal.", 26.48, 2),
    ("SY-5002", "Almond Emulsion 4/1 gal.", 68.48, 1),
    ("DT-6001", "Dish Detergent Lemon 4/1 gal.", 14.98, 4),
    ("DT-6002", "Hand Soap Antibacterial 4/1 gal.", 17.03, 3),
    ("DT-6010", "Quaternary Sanitizer 5 gals.", 66.70, 1),
]
QB_CUSTOMERS = [
    "Mister Price, Mayagüez",
    "Union de Mayoristas Coop",
    "Méndez & Company",
    "Harbor Foods, Inc.",
    "Westside Grocers",
    "Colegio San Francisco",
    "Pharma Max",
    "Island Restaurant Supply, LLC",
]


class Bare(str):
    """A number already formatted as text, written without quotes."""

    __slots__ = ()


def qb_money(x: float) -> Bare:
    return Bare(f"{x:.2f}")


def _qb_line(cells: list[object]) -> str:
    """QuickBooks Desktop CSV: text quoted, numbers bare, None empty."""
    out = []
    for v in cells:
        if v is None:
            out.append("")
        elif isinstance(v, str) and not isinstance(v, Bare):
            out.append('"' + v.replace('"', '""') + '"')
        else:
            out.append(str(v))
    return ",".join(out) + "\n"


def quickbooks_sales_by_item_detail() -> None:
    rng = np.random.default_rng(316)
    header = ["Type", "Date", "Num", "Memo", "Name", "Qty", "Sales Price", "Amount", "Balance"]
    days = pd.bdate_range("2024-09-03", "2024-09-27")
    invoices = []  # (date, number, customer)
    number = 10_815
    for day in days:
        for _ in range(int(rng.poisson(3.2))):
            number += 1
            invoices.append((day, f"INV24-{number}", QB_CUSTOMERS[int(rng.integers(len(QB_CUSTOMERS)))]))
    credits = [
        (days[int(rng.integers(len(days)))], f"CR24-0{540 + i}", QB_CUSTOMERS[int(rng.integers(8))]) for i in range(4)
    ]
    weights = np.array([x[3] for x in QB_ITEMS], dtype=float)
    lines: dict[int, list] = {i: [] for i in range(len(QB_ITEMS))}
    for day, num, cust in invoices:
        for i in rng.choice(len(QB_ITEMS), int(rng.integers(1, 5)), replace=False, p=weights / weights.sum()):
            code, desc, price, _ = QB_ITEMS[int(i)]
            qty = 0 if rng.random() < 0.08 else int(rng.choice([2, 4, 6, 10, 12, 20, 24, 48, 100]))  # 0 = backorder
            lines[int(i)].append(("Invoice", day, num, desc, cust, qty, price))
    for day, num, cust in credits:
        i = int(rng.integers(len(QB_ITEMS)))
        lines[i].append(("Credit Memo", day, num, QB_ITEMS[i][1], cust, -int(rng.integers(2, 30)), QB_ITEMS[i][2]))
    text = [_qb_line(header), _qb_line(["Parts", None, None, None, None, None, None, None, ""])]
    grand_qty, grand_amt, parts_qty, parts_amt = 0, 0.0, 0, 0.0

    def block(title: str, entries: list) -> tuple[int, float]:
        text.append(_qb_line([title, None, None, None, None, None, None, None, ""]))
        bal, tq = 0.0, 0
        for kind, day, num, desc, cust, qty, price in sorted(entries, key=lambda e: (e[1], e[2])):
            amt = round(qty * price, 2)
            bal = round(bal + amt, 2)
            tq += qty
            text.append(
                _qb_line(
                    [
                        kind,
                        day.strftime("%m/%d/%Y"),
                        num,
                        desc,
                        cust,
                        qty,
                        qb_money(price),
                        qb_money(amt),
                        qb_money(bal),
                    ]
                )
            )
        text.append(_qb_line([f"Total {title}", None, None, None, None, tq, None, qb_money(bal), qb_money(bal)]))
        return tq, bal

    merchandise = 0
    for i, (code, desc, _, _) in enumerate(QB_ITEMS):
        if lines[i]:
            merchandise += 1
            q, a = block(f"{code} ({desc})", lines[i])
            parts_qty, parts_amt = parts_qty + q, round(parts_amt + a, 2)
    disc = [("Credit Memo", invoices[5][0], "SD-1004", "Sales Discounts", invoices[5][2], -1, 152.40)]
    q, a = block("SALES DISCOUNTS (Sales Discounts)", disc)
    parts_qty, parts_amt = parts_qty + q, round(parts_amt + a, 2)
    text.append(
        _qb_line(["Total Parts", None, None, None, None, parts_qty, None, qb_money(parts_amt), qb_money(parts_amt)])
    )
    text.append(_qb_line(["Service", None, None, None, None, None, None, None, ""]))
    freight = [
        ("Invoice", d, n, "Delivery charge", c, 1, float(rng.choice([25.0, 45.0, 70.0]))) for d, n, c in invoices[::9]
    ]
    sq, sa = block("FREIGHT (Delivery charge)", freight)
    text.append(_qb_line(["Total Service", None, None, None, None, sq, None, qb_money(sa), qb_money(sa)]))
    text.append(_qb_line(["Other Charges", None, None, None, None, None, None, None, ""]))
    fees = [
        ("Invoice", d, n, "CREDIT CARD FEE 3%", c, 1, round(float(rng.uniform(12, 60)), 2))
        for d, n, c in invoices[4::17]
    ]
    oq, oa = block("Credit Card Charge", fees)
    text.append(_qb_line(["Total Other Charges", None, None, None, None, oq, None, qb_money(oa), qb_money(oa)]))
    grand_qty, grand_amt = parts_qty + sq + oq, round(parts_amt + sa + oa, 2)
    text.append(_qb_line(["TOTAL", None, None, None, None, grand_qty, None, qb_money(grand_amt), qb_money(grand_amt)]))
    write("quickbooks_sales_by_item_detail.csv", "".join(text), encoding="cp1252")
    add(
        "quickbooks_sales_by_item_detail.csv",
        "QuickBooks Desktop: Reports > Sales > Sales by Item Detail, exported to CSV",
        "two real exports ('item sales detail wk 41w.CSV', 'sales by item wk 41 2025.CSV') in "
        'dbigman/quickbooks-automation data/ read with read_file: header \'"Type","Date","Num","Memo","Name",'
        '"Qty","Sales Price","Amount","Balance"\', section rows \'"Parts",,,,,,,,""\', item header rows '
        "'\"A00403 (BELCA Vinagre ...)\",,,,,,,,\"\"', 'Invoice'/'Credit Memo' lines, '\"Total A00403 (...)\"' rows, "
        "'Total Parts', 'Service' and 'Other Charges' sections and a final '\"TOTAL\"'; the repository's "
        "analyze_sales_data.py reads it with encoding='latin-1', forward-fills the code from the item header and "
        "drops freight/sample items",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "Type",
                "quantity": "Qty",
                "price": "Sales Price",
                "revenue": "Amount",
                "order_id": "Num",
                "product_name": "Memo",
            },
            "skus": merchandise,
        },
        "a REPORT, not a table: the item ('HS-1012 (Hot Sauce Jalapeño 12/5 oz.)') is named ONLY on a group header "
        "row in the Type column, followed by its transaction rows (Type = Invoice or Credit Memo) and a 'Total "
        "<item>' row; section rows (Parts, Service, Other Charges), section totals and a final TOTAL row are mixed "
        "into the data; text cells are quoted, numbers bare; Date 'mm/dd/yyyy'; Balance is a running total within "
        "the item (not a measure); Credit Memo lines have negative Qty and Amount; Qty 0 lines are backorders; "
        "non-merchandise items SALES DISCOUNTS, FREIGHT (Service) and Credit Card Charge (Other Charges) are not "
        "counted in skus; Windows-1252 encoded ('Jalapeño', 'Café', 'Mayagüez' are single bytes)",
        also_accept={"sku": ["Memo"]},
    )


ML_HEADER = [
    "# de venta",
    "Fecha de venta",
    "Estado",
    "Descripción del estado",
    "Paquete de varios productos",
    "Pertenece a un kit",
    "Unidades",
    "Ingresos por productos (CLP)",
    "Cargo por venta e impuestos",
    "Ingresos por envío (CLP)",
    "Costos de envío",
    "Anulaciones y reembolsos (CLP)",
    "Total (CLP)",
    "Mes de facturación de tus cargos",
    "Venta por publicidad",
    "SKU",
    "# de publicación",
    "Canal de venta",
    "Título de la publicación",
    "Variante",
    "Precio unitario de venta de la publicación (CLP)",
    "Tipo de publicación",
    "Factura adjunta",
    "Datos personales o de empresa",
    "Tipo y número de documento",
    "Dirección",
    "Tipo de contribuyente",
    "Actividad económica",
    "Comprador",
    "Cédula",
    "Domicilio",
    "Comuna",
    "Estado",
    "Código postal",
    "País",
    "Forma de entrega",
    "Fecha en camino",
    "Fecha entregado",
    "Transportista",
    "Número de seguimiento",
    "URL de seguimiento",
    "Unidades",
    "Forma de entrega",
    "Fecha en camino",
    "Fecha entregado",
    "Transportista",
    "Número de seguimiento",
    "URL de seguimiento",
    "Revisado por Mercado Libre",
    "Fecha de revisión",
    "Dinero a favor",
    "Resultado",
    "Destino",
    "Motivo del resultado",
    "Unidades",
    "Reclamo abierto",
    "Reclamo cerrado",
    "Con mediación",
]
MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
ML_ITEMS = [
    (
        "7804650000121",
        "MLC1084299282",
        "Mesa Auxiliar Plegable Fabricación Nacional Envío Gratis",
        "Color : Nogal",
        25600,
        6,
    ),
    (
        "7804650000138",
        "MLC1084299282",
        "Mesa Auxiliar Plegable Fabricación Nacional Envío Gratis",
        "Color : Negro",
        25600,
        5,
    ),
    ("7804650000206", "MLC1320554871", "Repisa Flotante Madera 60 Cm Pack 2", "", 14990, 8),
    ("7804650000305", "MLC1519920344", "Organizador De Zapatos 5 Niveles Metal", "", 19990, 5),
    ("7804650000404", "MLC2110558019", "Perchero De Pie Industrial Negro", "", 32990, 3),
    ("7804650000503", "MLC1784411902", "Lámpara De Escritorio Led Flexible", "Color : Blanco", 12990, 6),
    ("7804650000510", "MLC1784411902", "Lámpara De Escritorio Led Flexible", "Color : Negro", 12990, 4),
    ("7804650000602", "MLC1662300187", "Set 6 Ganchos Adhesivos Acero Inoxidable", "", 5990, 7),
]
CL_COMUNAS = [
    ("Providencia", "Región Metropolitana"),
    ("Maipú", "Región Metropolitana"),
    ("Viña del Mar", "Valparaíso"),
    ("Concepción", "Biobío"),
    ("Vallenar", "Atacama"),
    ("Temuco", "La Araucanía"),
]


def _ml_date(ts: pd.Timestamp) -> str:
    return f"{ts.day} de {MESES[ts.month - 1]} de {ts.year} {ts.strftime('%H:%M')} hs."


def _ml_short(ts: pd.Timestamp) -> str:
    return f"{ts.day} de {MESES[ts.month - 1]} | {ts.strftime('%H:%M')}"


def _ml_row(ctx: dict, sale_id: int, estado: str, units: int | None, income: int, item: tuple | None) -> list:
    """One line of the Ventas sheet; ``item`` is None on a package summary row; order-level money, buyer and
    shipping cells are filled on the summary row (or the only row) of a sale."""
    r: list = [None] * len(ML_HEADER)
    ts, status, packed = ctx["ts"], ctx["status"], ctx["packed"]
    summary = item is None or not packed
    r[0], r[1], r[2], r[3] = str(sale_id), _ml_date(ts), estado, ctx["desc"]
    r[4], r[5], r[6], r[7] = "Sí" if packed else "No", "No", units, income
    r[13], r[14] = f"{MESES[ts.month - 1]} {ts.year}", ctx["ads"]
    if summary:
        r[8], r[10], r[11], r[12] = ctx["fee"], ctx["ship_cost"], ctx["refund"], ctx["total"]
    if item is not None:
        sku, pub, title, variant, price, _ = item
        r[15], r[16], r[17], r[18], r[19], r[20] = sku, pub, "Mercado Libre", title, variant, price
        r[21] = "Premium" if price >= 19990 else "Clásica"
        r[22] = "Factura adjunta" if status == "Entregado" else ""
    if summary:
        r[23], r[24], r[25] = ctx["buyer"], f"RUT {ctx['rut']}", ctx["address"]
        r[28], r[29] = ctx["buyer"], ctx["rut"]
        r[30] = f"{ctx['address']} / {ctx['flat']} - {ctx['comuna']}, {ctx['region']}"
        r[31], r[32], r[34] = ctx["comuna"], ctx["region"], "Chile"
        r[35] = "Mercado Envíos Flex" if ctx["region"] == "Región Metropolitana" else "Domicilio"
        if status != "Cancelada por el comprador":
            r[36], r[38], r[39] = _ml_short(ctx["on_way"]), "MercadoEnvios", ctx["tracking"]
        if status in ("Entregado", "Devolución finalizada con reembolso al comprador"):
            r[37] = _ml_short(ctx["delivered"])
        if status.startswith("Devolución"):
            r[41], r[42], r[48] = ctx["units"], "Correo y puntos de despacho", "Sí"
            r[51], r[52] = "Reembolso", "Vendedor"
    return r


def mercadolibre_ventas() -> None:
    rng = np.random.default_rng(317)
    weights = np.array([x[5] for x in ML_ITEMS], dtype=float)
    statuses = [
        "Entregado",
        "Cancelada por el comprador",
        "En camino",
        "Devolución finalizada con reembolso al comprador",
    ]
    sale = 2000009404440000
    rows = []
    for day in pd.date_range("2025-08-01", "2025-09-30", freq="D"):
        for _ in range(int(rng.poisson(4.6))):
            ts = clock(rng, day, 0, 24)
            sale += int(rng.integers(200, 9000))
            status = str(rng.choice(statuses, p=[0.86, 0.06, 0.05, 0.03]))
            if day >= pd.Timestamp("2025-09-28") and status == "Entregado":
                status = "En camino"
            picks = rng.choice(len(ML_ITEMS), 2 if rng.random() < 0.07 else 1, replace=False, p=weights / weights.sum())
            items = [(ML_ITEMS[int(i)], int(rng.choice([1, 1, 1, 1, 2, 3]))) for i in picks]
            income = sum(it[4] * q for it, q in items)
            fee = -round(income * 0.16 + (700 if income < 19990 else 0))
            ship_cost = -3290 if income >= 19990 else None
            cancelled = status.startswith(("Cancelada", "Devolución"))
            refund = -(income + fee + (ship_cost or 0)) if cancelled else None
            on_way = ts + pd.Timedelta(hours=int(rng.integers(10, 40)))
            delivered = on_way + pd.Timedelta(hours=int(rng.integers(12, 60)))
            comuna, region = CL_COMUNAS[int(rng.integers(len(CL_COMUNAS)))]
            ctx = {
                "ts": ts,
                "status": status,
                "packed": len(items) > 1,
                "desc": {
                    "Entregado": f"Llegó el {delivered.day} de {MESES[delivered.month - 1]}",
                    "En camino": "Está en camino",
                }.get(status, ""),
                "ads": "Sí" if rng.random() < 0.3 else "",
                "fee": fee,
                "ship_cost": ship_cost,
                "refund": refund,
                "total": 0 if cancelled else income + fee + (ship_cost or 0),
                "buyer": f"{FIRST[int(rng.integers(len(FIRST)))]} {LAST[int(rng.integers(len(LAST)))]}",
                "rut": digits(rng, 9),
                "address": f"{STREETS[int(rng.integers(len(STREETS)))]} {rng.integers(100, 9999)}",
                "flat": f"Depto {rng.integers(1, 120)}",
                "comuna": comuna,
                "region": region,
                "on_way": on_way,
                "delivered": delivered,
                "tracking": digits(rng, 11),
                "units": sum(q for _, q in items),
            }
            if ctx["packed"]:
                rows.append(_ml_row(ctx, sale, f"Paquete de {len(items)} productos", None, income, None))
                for it, q in items:
                    sale += int(rng.integers(1, 5))
                    rows.append(_ml_row(ctx, sale, status, q, it[4] * q, it))
            else:
                rows.append(_ml_row(ctx, sale, status, items[0][1], income, items[0][0]))
    rows.reverse()  # newest sale first
    above = [[], [], [], [], []]
    write("mercadolibre_ventas_cl.xlsx", xlsx_bytes("Ventas CL", ML_HEADER, rows, above=above))
    frame = pd.DataFrame([r[15:16] for r in rows], columns=["SKU"])
    add(
        "mercadolibre_ventas_cl.xlsx",
        "Mercado Libre Chile: Ventas > Descargar Excel de ventas (sheet 'Ventas CL', Spanish headers, CLP)",
        "the 58 column names in order in an importer that reads the file with pd.read_excel(file, header=5) and "
        "renames its duplicate columns ('Estado (Venta)' / 'Estado (Región)', 'Unidades' / 'Unidades (Envíos)' / "
        "'Unidades (Reclamos)', ...), found with find_string 'Mes de facturación de tus cargos'; value formats "
        "('30 de septiembre de 2025 19:29 hs.', '# de venta' 2000009404442073 kept as text, 'RUT 194680848', "
        "'Color : Jerez Negro', '1 de septiembre | 23:52', negative 'Cargo por venta e impuestos') in a Chilean data "
        "dictionary found the same way; 'Sheet Ventas MX, header row 6' and 'Paquete de (\\d+) productos' rows "
        "followed by their items in other Mercado Libre tools (find_string 'Ingresos por productos (')",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Fecha de venta",
                "sku": "SKU",
                "quantity": "Unidades",
                "price": "Precio unitario de venta de la publicación (CLP)",
                "revenue": "Ingresos por productos (CLP)",
                "order_id": "# de venta",
                "product_name": "Título de la publicación",
            },
            "skus": n_series(frame, ["SKU"]),
        },
        "HEADER ON ROW 6 (rows 1-5 hold report metadata in the real download; their content was not confirmed, so "
        "they are left empty here); Spanish headers with DUPLICATE names: 'Estado' twice (sale status, then the "
        "buyer's region), 'Unidades' three times (sold, returned, claimed; the quantity is the first), 'Forma de "
        "entrega', 'Fecha en camino', 'Transportista', ... twice (shipment, then return); Fecha de venta is Spanish "
        "text '30 de septiembre de 2025 19:29 hs.'; multi-product purchases have a summary row (Estado 'Paquete de "
        "2 productos', no SKU and no Unidades, the package's money) followed by one row per product, so summing "
        "'Ingresos por productos' over all rows double-counts packages; cancelled and refunded sales keep their "
        "Unidades with a negative 'Anulaciones y reembolsos'; SKU is the seller's EAN-like code (text), '# de "
        "publicación' the listing shared by variants ('Variante'); amounts are whole pesos; newest sale first",
        sheet="Ventas CL",
        also_accept={"sku": ["# de publicación"]},
    )


# ---------------------------------------------------------------- main

GENERATORS: list[Callable[[], None]] = [
    olist_order_items,
    hm_transactions,
    historical_product_demand,
    retail_store_inventory,
    sales_april_2019,
    bakery_sales,
    coffee_shop_sales,
    walmart_sales,
    pharma_sales_weekly,
    norway_car_sales,
    amazon_sale_report,
    sales_data_sample,
    cumcm_2023c,
    chaoyang_hospital_sales,
    etsy_sold_order_items,
    quickbooks_sales_by_item_detail,
    mercadolibre_ventas,
]


def main() -> None:
    ENTRIES.clear()
    for make in GENERATORS:
        make()
    text = json.dumps(ENTRIES, ensure_ascii=False, indent=2) + "\n"
    (HERE / "manifest.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(ENTRIES)} files and manifest.json to {HERE}")


if __name__ == "__main__":
    main()
