"""Writes the sales-export corpus of tests/data/exports/ (checked in; run again after changing a file).

    python tests/data/exports/make_exports.py

Each file has the exact column layout (header text, column order, delimiter, encoding, date and number formats) of
a well-known public retail data set or of an export people really feed a forecasting tool: Kaggle competitions,
UCI Online Retail, Shopify, Amazon, eBay, Square, Shopee, Lazada, Business Central, Taobao, JD, Pinduoduo, Douyin,
plus two Excel date traps. ``manifest.json`` records, per file, where the layout was looked up and what a
column-role detector must read from it (layout, native frequency, the column of each role, the number of series).
See README.md for the conventions.

The UCI files are real slices of /work/shared/data/online_retail (UCI Machine Learning Repository, Online Retail and
Online Retail II, Daqing Chen, CC BY 4.0); every other value is synthetic, drawn from numpy ``default_rng`` with a
fixed seed per file, so a rerun rewrites every file byte for byte (workbooks get fixed zip times and properties).
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
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared" / "data" / "online_retail"
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


def xlsx_bytes(sheet: str, header: list[str], rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    """One-sheet workbook; ``formats`` maps a header name to an Excel number format for that column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append([None if isinstance(v, float) and np.isnan(v) else v for v in row])
    for name, fmt in (formats or {}).items():
        col = header.index(name) + 1
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    wb.properties.creator = "Replenish test corpus"
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
    sub = frame[keys].astype("string").apply(lambda s: s.str.strip().str.strip("\t"))
    sub = sub.replace("", pd.NA).dropna()
    return int(len(sub.drop_duplicates()))


def add(
    file: str,
    layout_of: str,
    reference: str,
    expected: dict,
    notes: str,
    sheet: str | None = None,
    fmt: dict | None = None,
    also_accept: dict | None = None,
) -> None:
    entry = {
        "file": file,
        "layout_of": layout_of,
        "reference": reference,
        "sheet": sheet,
        "expected": expected,
        "notes": notes,
    }
    if fmt:
        entry["format"] = fmt
    if also_accept:
        entry["also_accept"] = also_accept
    ENTRIES.append(entry)


def money(x: float) -> str:
    return f"{x:.2f}"


def usd(x: float) -> str:
    return f"-${-x:,.2f}" if x < 0 else f"${x:,.2f}"


def digits(rng: np.random.Generator, n: int, first_nonzero: bool = True) -> str:
    s = "".join(rng.choice(list(string.digits), n))
    return (str(rng.integers(1, 10)) + s[1:]) if first_nonzero else s


def alnum(rng: np.random.Generator, n: int, alphabet: str = string.ascii_uppercase + string.digits) -> str:
    return "".join(rng.choice(list(alphabet), n))


def us_datetime(ts: pd.Timestamp) -> str:
    """'12/1/2010 8:26': month-first, no leading zeros (the Kaggle copy of UCI Online Retail)."""
    return f"{ts.month}/{ts.day}/{ts.year} {ts.hour}:{ts.minute:02d}"


def us_date(d: date | pd.Timestamp) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def order_times(rng: np.random.Generator, start: str, end: str, n: int, tz: str | None = None) -> list[datetime]:
    """n order timestamps between start and end, busier in the evening, sorted."""
    days = pd.date_range(start, end, freq="D")
    weights = np.where(days.day_of_week >= 5, 1.25, 1.0)
    picked = rng.choice(len(days), n, p=weights / weights.sum())
    hours = rng.choice(24, n, p=_hour_profile())
    mins, secs = rng.integers(0, 60, n), rng.integers(0, 60, n)
    out = [
        datetime(*days[i].timetuple()[:3], int(h), int(m), int(s))
        for i, h, m, s in zip(picked, hours, mins, secs, strict=True)
    ]
    out.sort()
    if tz:
        out = [t.replace(tzinfo=ZoneInfo(tz)) for t in out]
    return out


def _hour_profile() -> np.ndarray:
    p = np.array(
        [
            1,
            0.6,
            0.4,
            0.3,
            0.3,
            0.4,
            0.8,
            1.5,
            2.2,
            2.8,
            3.0,
            3.2,
            3.4,
            3.2,
            3.0,
            3.0,
            3.2,
            3.5,
            3.8,
            4.2,
            4.6,
            4.4,
            3.0,
            1.8,
        ]
    )
    return p / p.sum()


# ---------------------------------------------------------------- public data sets: real UCI slices

MANUAL_CODES = ["POST", "DOT", "M", "C2", "D"]


def _uci_slice(d: pd.DataFrame, inv: str, when: pd.Series, start: str, days: int, n_codes: int) -> pd.DataFrame:
    lo = pd.Timestamp(start)
    window = d[(when >= lo) & (when < lo + pd.Timedelta(days=days))]
    counts = window.groupby("StockCode").size().reset_index(name="n")
    counts = counts[~counts["StockCode"].isin(MANUAL_CODES)]
    codes = counts.sort_values(["n", "StockCode"], ascending=[False, True])["StockCode"].head(n_codes)
    lines = window[window["StockCode"].isin(codes)]
    manual = window[window[inv].isin(lines[inv].unique()) & window["StockCode"].isin(MANUAL_CODES)]
    return window.loc[sorted(set(lines.index) | set(manual.index))]


def uci_online_retail() -> None:
    d = pd.read_parquet(SHARED / "online_retail_2010-12_2011-12.parquet")
    s = _uci_slice(d, "InvoiceNo", d["InvoiceDate"], "2011-03-08", 7, 15)
    out = pd.DataFrame(
        {
            "InvoiceNo": s["InvoiceNo"],
            "StockCode": s["StockCode"],
            "Description": s["Description"],
            "Quantity": s["Quantity"],
            "InvoiceDate": [us_datetime(t) for t in s["InvoiceDate"]],
            "UnitPrice": s["UnitPrice"],
            "CustomerID": s["CustomerID"].astype("Int64"),
            "Country": s["Country"],
        }
    )
    write("uci_online_retail.csv", frame_text(out), encoding="latin-1")
    manual = sorted(set(out["StockCode"]) & set(MANUAL_CODES))
    add(
        "uci_online_retail.csv",
        "UCI Online Retail (id 352), as the Kaggle copy 'data.csv' (carrie1/ecommerce-data)",
        "header and first row '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United "
        "Kingdom' of data.csv found with find_string (Microsoft Learn Azure Databricks tutorial, several repos); "
        "pd.read_csv('data.csv', encoding='ISO-8859-1') after kaggle.api.dataset_download_files('carrie1/ecommerce-data') "
        "in code found the same way; rows are real: /work/shared/data/online_retail/online_retail_2010-12_2011-12.parquet",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "InvoiceDate",
                "sku": "StockCode",
                "quantity": "Quantity",
                "price": "UnitPrice",
                "order_id": "InvoiceNo",
                "product_name": "Description",
            },
            "skus": n_series(out[~out["StockCode"].isin(MANUAL_CODES)], ["StockCode"]),
        },
        f"real slice: every line of the 15 busiest StockCodes in the week from 2011-03-08, plus the real non-product lines "
        f"({', '.join(manual)}) of those invoices, cancellations (InvoiceNo 'C...', negative Quantity) kept; "
        "InvoiceDate is month-first text '3/8/2011 8:26' without leading zeros (days 13 and 14 settle the order); "
        "CustomerID blank for guests; written Latin-1 like the Kaggle copy; skus counts merchandise codes (the "
        "non-product lines are proposed for exclusion, each reported)",
        fmt={"encoding": "latin-1", "delimiter": ","},
    )


def uci_online_retail_ii() -> None:
    d = pd.read_parquet(SHARED / "online_retail_II_2009-12_2010-12.parquet")
    when = pd.to_datetime(d["InvoiceDate"])
    s = _uci_slice(d, "Invoice", when, "2010-03-01", 5, 15)
    header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"]

    def cell(v: str) -> object:
        # The UCI workbook stores numeric-looking invoice numbers and stock codes as numbers, the rest as text.
        return int(v) if v.isdigit() else v

    rows = [
        [
            cell(inv),
            cell(code),
            desc,
            int(qty),
            pd.Timestamp(when).to_pydatetime(),
            float(price),
            None if pd.isna(cust) else int(cust),
            country,
        ]
        for inv, code, desc, qty, when, price, cust, country in zip(*(s[c] for c in header), strict=True)
    ]
    sheet = "Year 2009-2010"
    write("uci_online_retail_ii.xlsx", xlsx_bytes(sheet, header, rows, {"InvoiceDate": "m/d/yyyy h:mm"}))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "uci_online_retail_ii.xlsx",
        "UCI Online Retail II (id 502), sheet 'Year 2009-2010' of online_retail_II.xlsx",
        "UCI data dictionary (Invoice, StockCode, Description, Quantity, InvoiceDate, Price, Customer ID, Country); "
        "rows are real: /work/shared/data/online_retail/online_retail_II_2009-12_2010-12.parquet",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "InvoiceDate",
                "sku": "StockCode",
                "quantity": "Quantity",
                "price": "Price",
                "order_id": "Invoice",
                "product_name": "Description",
            },
            "skus": n_series(frame[~frame["StockCode"].astype(str).isin(MANUAL_CODES)], ["StockCode"]),
        },
        "real slice: the 15 busiest StockCodes of 2010-03-01..05 plus the real POST/DOT/M/C2 lines of their invoices "
        "(skus counts merchandise codes: those lines are proposed for exclusion); "
        "InvoiceDate cells are real Excel datetimes; numeric invoice numbers and stock codes are number cells, "
        "'C...' cancellations and '85099B'-style codes text cells (as in the UCI workbook); 'Customer ID' has a space",
        sheet=sheet,
    )


# ---------------------------------------------------------------- public data sets: Kaggle and others (synthetic)


def walmart_train() -> None:
    rng = np.random.default_rng(101)
    stores, depts = [1, 20], [1, 2, 3, 4, 5, 7, 8, 13, 16, 38, 46, 47]
    weeks = pd.date_range("2010-02-05", periods=20, freq="7D")
    holidays = {pd.Timestamp("2010-02-12")}
    rows = []
    for store in stores:
        scale = 1.0 if store == 1 else 1.35
        for dept in depts:
            base = 150.0 if dept == 47 else float(rng.lognormal(9.6, 0.8)) * scale
            for i, wk in enumerate(weeks):
                if dept == 47 and rng.random() < 0.35:
                    continue  # the real file has no row for dept-weeks without sales
                level = base * (1 + 0.08 * np.sin(i / 3)) * rng.normal(1, 0.07)
                if wk in holidays:
                    level *= 1.12
                if dept == 47:
                    level = rng.normal(20, 120)  # dept 47 has returns: negative weekly sales occur
                rows.append(
                    [
                        store,
                        dept,
                        wk.strftime("%Y-%m-%d"),
                        round(float(level), 2),
                        "TRUE" if wk in holidays else "FALSE",
                    ]
                )
    out = pd.DataFrame(rows, columns=["Store", "Dept", "Date", "Weekly_Sales", "IsHoliday"])
    write("walmart_train.csv", frame_text(out))
    add(
        "walmart_train.csv",
        "Kaggle: Walmart Recruiting - Store Sales Forecasting, train.csv",
        "kaggle.com/c/walmart-recruiting-store-sales-forecasting/data; header 'Store,Dept,Date,Weekly_Sales,IsHoliday' "
        "confirmed in faizanrizvi/Walmart-Sales-Prediction README.md and by find_string in code that reads the file",
        {
            "layout": "totals",
            "freq": "W",
            "week_start": "FRI",
            "roles": {
                "date": "Date",
                "sku": ["Dept", "Store"],
                "quantity": "Weekly_Sales",
                "store": "Store",
                "holiday": "IsHoliday",
            },
            "skus": n_series(out, ["Dept", "Store"]),
        },
        "one row per store x dept x week; Date is the Friday of the week; Weekly_Sales is a dollar value (the only "
        "measure, so it is the quantity); dept 47 has negative weeks and missing weeks; IsHoliday is TRUE/FALSE",
    )


def rossmann_train() -> None:
    rng = np.random.default_rng(102)
    days = pd.date_range("2014-11-20", "2015-04-10", freq="D")
    state = {"2014-12-25": "c", "2014-12-26": "c", "2015-01-01": "a", "2015-04-03": "b", "2015-04-06": "b"}
    school = set(pd.date_range("2014-12-22", "2015-01-06").strftime("%Y-%m-%d")) | set(
        pd.date_range("2015-03-30", "2015-04-10").strftime("%Y-%m-%d")
    )
    stores = {1: (4800, False), 85: (6900, False), 262: (17500, True)}  # (typical sales, opens on Sundays)
    dow_effect = [1.12, 0.98, 0.95, 0.96, 1.05, 0.92, 1.0]
    rows = []
    for day in days:
        key = day.strftime("%Y-%m-%d")
        promo_week = (day.isocalendar().week % 2) == 0
        for store, (typical, sundays) in stores.items():
            sh = state.get(key, "0")
            closed = sh != "0" or (day.day_of_week == 6 and not sundays)
            promo = int(promo_week and day.day_of_week < 5)
            if closed:
                sales, customers, is_open = 0, 0, 0
            else:
                level = typical * dow_effect[day.day_of_week] * (1.25 if promo else 1.0)
                level *= 1.3 if day.month == 12 and day.day < 24 else 1.0
                sales = int(level * rng.normal(1, 0.08))
                customers = int(sales / rng.normal(9.5, 0.4))
                is_open = 1
            rows.append([store, day.isoweekday(), key, sales, customers, is_open, promo, sh, int(key in school)])
    out = pd.DataFrame(
        rows,
        columns=["Store", "DayOfWeek", "Date", "Sales", "Customers", "Open", "Promo", "StateHoliday", "SchoolHoliday"],
    )
    out = out.sort_values(["Date", "Store"], ascending=[False, True], kind="stable")
    write("rossmann_train.csv", frame_text(out))
    add(
        "rossmann_train.csv",
        "Kaggle: Rossmann Store Sales, train.csv",
        "kaggle.com/c/rossmann-store-sales/data; data dictionary in anthonytuanta/GA_DAT5 week7/lab/analysis/dataset/"
        "README.md; header 'Store,DayOfWeek,Date,Sales,Customers,Open,Promo,StateHoliday,SchoolHoliday' by find_string",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "Store",
                "quantity": "Sales",
                "promotion": "Promo",
                "in_stock": "Open",
                "holiday": "StateHoliday",
            },
            "skus": n_series(out, ["Store"]),
        },
        "one row per store per day, newest date first like the real file; no product column: the series is the store; "
        "Sales is turnover in euros; closed days (Sundays for stores 1 and 85, state holidays) have Open=0, Sales=0; "
        "StateHoliday holds '0', 'a', 'b' (Easter), 'c' (Christmas); SchoolHoliday is a second holiday flag",
    )


def favorita_train() -> None:
    rng = np.random.default_rng(103)
    days = pd.date_range("2017-07-01", "2017-07-31", freq="D")
    stores = [44, 45, 47]
    items = {
        103665: (6.0, 0.95, False),
        105574: (3.5, 0.85, False),
        819932: (2.0, 0.6, False),
        1047679: (9.0, 0.97, False),
        1463862: (4.2, 0.9, True),
        2011437: (1.3, 0.45, False),
    }  # mean, P(sale), by kg
    rows = []
    next_id = 121_473_502
    for day in days:
        for store in stores:
            for item, (mean, p_sale, by_weight) in items.items():
                if rng.random() > p_sale:
                    continue  # Favorita has no row for a zero-sales day
                promo = bool(rng.random() < 0.12)
                if by_weight:
                    units = round(float(rng.gamma(4, mean / 4)) * (1.4 if promo else 1.0), 3)
                else:
                    units = float(max(1, rng.poisson(mean * (1.5 if promo else 1.0))))
                    if rng.random() < 0.01:
                        units = -1.0  # returns are negative unit_sales
                rows.append([next_id, day, store, item, units, promo])
                next_id += int(rng.integers(1, 60))
    out = pd.DataFrame(rows, columns=["id", "date", "store_nbr", "item_nbr", "unit_sales", "onpromotion"])
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["onpromotion"] = out["onpromotion"].astype("boolean")
    buf = io.BytesIO()
    out.to_parquet(buf, index=False, engine="pyarrow", compression="snappy")
    write("favorita_train.parquet", buf.getvalue())
    add(
        "favorita_train.parquet",
        "Kaggle: Corporación Favorita Grocery Sales Forecasting, train.csv (converted to Parquet, as people do with the 5 GB file)",
        "kaggle.com/c/favorita-grocery-sales-forecasting/data; data description in davidrvu/sandbox-python "
        "time_series_forecasting/grocery_sales_LGBM/readme.md; header 'id,date,store_nbr,item_nbr,unit_sales,onpromotion' "
        "by find_string",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {
                "date": "date",
                "sku": ["item_nbr", "store_nbr"],
                "quantity": "unit_sales",
                "promotion": "onpromotion",
                "store": "store_nbr",
            },
            "skus": n_series(out, ["item_nbr", "store_nbr"]),
        },
        "sparse: no row for zero-sales store-item-days; id is a row id (not an order id); item 1463862 is sold by weight "
        "(fractional unit_sales), returns are negative; date is a datetime64 column and onpromotion a nullable boolean",
        fmt={"parquet": True},
    )


def store_item_demand() -> None:
    rng = np.random.default_rng(104)
    days = pd.date_range("2017-11-12", "2017-12-31", freq="D")
    dow = np.array([0.8, 0.93, 0.93, 1.0, 1.07, 1.13, 1.2])
    rows = []
    for item in range(1, 6):
        for store in (1, 2):
            base = rng.uniform(15, 60) * (1.0 if store == 1 else 1.4)
            for day in days:
                rows.append([day.strftime("%Y-%m-%d"), store, item, int(rng.poisson(base * dow[day.day_of_week]))])
    out = pd.DataFrame(rows, columns=["date", "store", "item", "sales"])
    write("store_item_demand_train.csv", frame_text(out))
    add(
        "store_item_demand_train.csv",
        "Kaggle: Store Item Demand Forecasting Challenge (demand-forecasting-kernels-only), train.csv",
        "kaggle.com/c/demand-forecasting-kernels-only/data; fields and sample rows in bhishanpdl/Datasets "
        "store_item_demand/README.md and sahithikolusu2002/demand_forecasr README.md",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {"date": "date", "sku": ["item", "store"], "quantity": "sales", "store": "store"},
            "skus": n_series(out, ["item", "store"]),
        },
        "dense: one row per item x store x day, sorted item, store, date; 'sales' is a unit count",
    )


def predict_future_sales() -> None:
    rng = np.random.default_rng(105)
    days = pd.date_range("2013-01-01", "2013-03-31", freq="D")
    shops = [25, 31, 57]
    items = {
        22154: 999.0,
        2552: 899.0,
        2554: 1709.05,
        5822: 1299.0,
        3732: 2599.0,
        20949: 5.0,
        4181: 349.0,
        17717: 149.0,
    }
    p_sale = {22154: 0.22, 2552: 0.06, 2554: 0.05, 5822: 0.25, 3732: 0.3, 20949: 0.55, 4181: 0.12, 17717: 0.15}
    rows = []
    for day in days:
        block = (day.year - 2013) * 12 + day.month - 1
        for shop in shops:
            for item, price in items.items():
                if rng.random() > p_sale[item] * (1.4 if shop == 31 else 1.0):
                    continue
                cnt = 1.0 if rng.random() < 0.85 else float(rng.integers(2, 5))
                if item == 20949:
                    cnt = float(rng.integers(1, 12))  # the carrier bag sells in bulk
                if rng.random() < 0.015:
                    cnt = -1.0  # returns
                p = price if rng.random() > 0.08 else round(price * 0.8, 2)
                rows.append([day.strftime("%d.%m.%Y"), block, shop, item, p, cnt])
    out = pd.DataFrame(rows, columns=["date", "date_block_num", "shop_id", "item_id", "item_price", "item_cnt_day"])
    write("predict_future_sales_sales_train.csv", frame_text(out))
    add(
        "predict_future_sales_sales_train.csv",
        "Kaggle: Predict Future Sales (1C Company), sales_train.csv",
        "kaggle.com/c/competitive-data-science-predict-future-sales/data; fields in Zzzhenya/Sales_forecasting README.md; "
        "header and rows '02.01.2013,0,59,22154,999.0,1.0' by find_string",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {
                "date": "date",
                "sku": ["item_id", "shop_id"],
                "quantity": "item_cnt_day",
                "price": "item_price",
                "store": "shop_id",
            },
            "skus": n_series(out, ["item_id", "shop_id"]),
        },
        "date is day-first with dots (02.01.2013); date_block_num is a month index (0 = Jan 2013), not a date; "
        "item_cnt_day is a float count with -1.0 for returns; sparse: only shop-item-days with sales",
    )


STALLION_SERIES = [
    ("Agency_01", "SKU_01"),
    ("Agency_01", "SKU_02"),
    ("Agency_01", "SKU_05"),
    ("Agency_02", "SKU_01"),
    ("Agency_02", "SKU_03"),
    ("Agency_02", "SKU_05"),
    ("Agency_12", "SKU_01"),
    ("Agency_12", "SKU_02"),
    ("Agency_12", "SKU_03"),
    ("Agency_22", "SKU_01"),
    ("Agency_22", "SKU_02"),
    ("Agency_22", "SKU_05"),
]
STALLION_MONTHS = [y * 100 + m for y in (2015, 2016, 2017) for m in range(1, 13)]
STALLION_REF = (
    "Stallion & Co. (AB InBev 'demand forecasting' hackathon; used by pytorch-forecasting's get_stallion_data); "
    "historical_volume.csv and price_sales_promotion.csv merged on ['Agency', 'SKU', 'YearMonth'] in code found with "
    "find_string 'historical_volume.csv'; pytorch-forecasting renames price_sales_promotion's Sales to price_actual, "
    "Price to price_regular, Promotions to discount"
)


def stallion() -> None:
    rng = np.random.default_rng(106)
    vol_rows, price_rows = [], []
    for agency, sku in STALLION_SERIES:
        level = rng.uniform(20, 900)
        regular = {"SKU_01": 1180.0, "SKU_02": 1490.0, "SKU_03": 2630.0, "SKU_05": 1910.0}[sku] * rng.uniform(
            0.97, 1.03
        )
        for k, ym in enumerate(STALLION_MONTHS):
            season = 1 + 0.25 * np.sin((ym % 100 - 3) / 12 * 2 * np.pi)
            volume = (
                0.0 if (level < 60 and rng.random() < 0.1) else round(float(level * season * rng.normal(1, 0.1)), 3)
            )
            vol_rows.append([agency, sku, ym, volume])
            price = round(regular * (1 + 0.002 * k), 6)
            discount = round(
                float(price * rng.choice([0.0, 0.04, 0.08, 0.12], p=[0.3, 0.3, 0.25, 0.15]) * rng.uniform(0.9, 1.1)), 6
            )
            price_rows.append([agency, sku, ym, price, round(price - discount, 6), discount])
    vol = pd.DataFrame(vol_rows, columns=["Agency", "SKU", "YearMonth", "Volume"])
    prices = pd.DataFrame(price_rows, columns=["Agency", "SKU", "YearMonth", "Price", "Sales", "Promotions"])
    write("stallion_historical_volume.csv", frame_text(vol))
    write("stallion_price_sales_promotion.csv", frame_text(prices))
    add(
        "stallion_historical_volume.csv",
        "Stallion & Co. beverage sales (Kaggle 'Stallion' / pytorch-forecasting example), historical_volume.csv",
        STALLION_REF,
        {
            "layout": "totals",
            "freq": "M",
            "roles": {"date": "YearMonth", "sku": ["SKU", "Agency"], "quantity": "Volume", "store": "Agency"},
            "skus": n_series(vol, ["SKU", "Agency"]),
        },
        "YearMonth is a yyyymm integer (201501); Volume is hectolitres with 3 decimals, some months 0; "
        "Agency is a wholesaler (the location of the series)",
    )
    add(
        "stallion_price_sales_promotion.csv",
        "Stallion & Co. beverage sales, price_sales_promotion.csv",
        STALLION_REF,
        {
            "layout": "totals",
            "freq": "M",
            "roles": {
                "date": "YearMonth",
                "sku": ["SKU", "Agency"],
                "price": "Price",
                "promotion": "Promotions",
                "store": "Agency",
            },
            "skus": n_series(prices, ["SKU", "Agency"]),
            "doubt": "no_quantity_column",
        },
        "TRAP: 'Sales' is NOT a sales quantity but the actual price per hectolitre (Price - Promotions; pytorch-forecasting "
        "calls it price_actual) and Promotions is a discount amount, not a flag; the file has no quantity column: "
        "the volumes are in historical_volume.csv",
        also_accept={"price": ["Sales"]},
    )


def pasta_wide() -> None:
    rng = np.random.default_rng(107)
    products = [f"B{b}_{i}" for b, n in ((1, 4), (2, 3), (3, 3), (4, 2)) for i in range(1, n + 1)]
    days = pd.date_range("2014-01-02", periods=300, freq="D")
    frame = {"DATE": days.strftime("%Y-%m-%d")}
    promos = {}
    for p in products:
        flag = np.zeros(len(days), dtype=int)
        for start in rng.choice(len(days) - 14, 4, replace=False):
            flag[start : start + int(rng.integers(5, 15))] = 1
        promos[p] = flag
    for p in products:
        mean = rng.uniform(0.3, 25)
        closed = (days.month == 1) & (days.day == 1)
        qty = rng.poisson(mean * (1 + 0.8 * promos[p]) * np.where(days.day_of_week == 6, 0.4, 1.0))
        frame[f"QTY_{p}"] = np.where(closed, 0, qty)
    for p in products:
        frame[f"PROMO_{p}"] = promos[p]
    out = pd.DataFrame(frame)
    write("pasta_hierarchical_sales.csv", frame_text(out))
    add(
        "pasta_hierarchical_sales.csv",
        "Hierarchical sales data of an Italian grocery store (Mancuso, Piccialli, Sudoso 2021; Mendeley njdkntcpc9, "
        "UCI id 611 'hierarchical sales data')",
        "layout described in GonBla/Pasta_Time_Series README.md (DATE, one QTY_<brand>_<item> and one PROMO_<brand>_<item> "
        "column per product) and read by jtlandis/bios735-group-proj data-raw/DATASET.r (pivot_longer on "
        "'([^_]+)_([^_]+)_([^_]+)', cols = -DATE)",
        {
            "layout": "wide",
            "freq": "D",
            "roles": {"date": "DATE"},
            "wide": {"quantity_columns": len(products), "promotion_columns": len(products), "price_columns": 0},
            "skus": len(products),
        },
        "wide: one row per day; all QTY_ columns first, then all PROMO_ (0/1) columns; the real file has 118 products "
        "over 2014-2018, this has 12 products over 300 days",
    )


def superstore() -> None:
    rng = np.random.default_rng(108)
    catalog = [
        ("FUR-BO-10001798", "Furniture", "Bookcases", "Bush Somerset Collection Bookcase", 130.98),
        (
            "FUR-CH-10000454",
            "Furniture",
            "Chairs",
            "Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back",
            243.98,
        ),
        (
            "OFF-LA-10000240",
            "Office Supplies",
            "Labels",
            "Self-Adhesive Address Labels for Typewriters by Universal",
            7.31,
        ),
        ("FUR-TA-10000577", "Furniture", "Tables", "Bretford CR4500 Series Slim Rectangular Table", 319.41),
        ("OFF-ST-10000760", "Office Supplies", "Storage", "Eldon Fold 'N Roll Cart System", 11.18),
        (
            "FUR-FU-10001487",
            "Furniture",
            "Furnishings",
            "Eldon Expressions Wood and Plastic Desk Accessories, Cherry Wood",
            6.98,
        ),
        ("FUR-CH-10002372", "Furniture", "Chairs", "Global Deluxe High-Back Manager\u2019s Chair", 228.06),
        ("TEC-PH-10002275", "Technology", "Phones", "Mitel 5320 IP Phone VoIP phone", 151.96),
        ("OFF-BI-10003910", "Office Supplies", "Binders", "DXL Angle-View Binders with Locking Rings by Samsill", 4.56),
        ("OFF-AP-10002892", "Office Supplies", "Appliances", "Belkin F5C206VTEL 6 Outlet Surge", 37.94),
        ("TEC-AC-10002167", "Technology", "Accessories", "Imation 8GB Mini TravelDrive USB 2.0 Flash Drive", 22.72),
        ("OFF-PA-10002365", "Office Supplies", "Paper", "Xerox 1967", 6.48),
        ("OFF-BI-10001634", "Office Supplies", "Binders", "Wilson Jones Active Use Binders", 3.54),
        ("TEC-PH-10004977", "Technology", "Phones", "GE 30524EE4", 195.99),
        ("OFF-EN-10001509", "Office Supplies", "Envelopes", "Poly String Tie Envelopes", 2.04),
    ]
    places = [
        ("Henderson", "Kentucky", "42420", "South"),
        ("Los Angeles", "California", "90036", "West"),
        ("Fort Lauderdale", "Florida", "33311", "South"),
        ("Seattle", "Washington", "98103", "West"),
        ("New York City", "New York", "10024", "East"),
        ("Philadelphia", "Pennsylvania", "19140", "East"),
        ("Houston", "Texas", "77095", "Central"),
        ("Chicago", "Illinois", "60610", "Central"),
        ("Columbus", "Ohio", "43229", "East"),
        ("San Francisco", "California", "94122", "West"),
    ]
    people = [
        ("CG-12520", "Claire Gute"),
        ("DV-13045", "Darrin Van Huff"),
        ("SO-20335", "Sean O'Donnell"),
        ("BH-11710", "Brosina Hoffman"),
        ("AA-10480", "Andrew Allen"),
        ("IM-15070", "Irene Maddox"),
        ("HP-14815", "Harold Pawlan"),
        ("PK-19075", "Pete Kriz"),
        ("AG-10270", "Alejandro Grove"),
        ("ZD-21925", "Zuschuss Donatelli"),
        ("KB-16585", "Ken Black"),
        ("SF-20065", "Sandra Flanagan"),
        ("EB-13870", "Emily Burns"),
        ("EH-13945", "Eric Hoffmann"),
        ("TB-21520", "Tracy Blumstein"),
    ]
    segments = ["Consumer", "Corporate", "Home Office"]
    modes = [
        ("Standard Class", 4, 7, 0.6),
        ("Second Class", 2, 4, 0.2),
        ("First Class", 1, 3, 0.15),
        ("Same Day", 0, 0, 0.05),
    ]
    days = pd.date_range("2016-01-03", "2017-12-30", freq="D")
    rows = []
    for _ in range(230):
        day = days[int(rng.integers(len(days)))]
        prefix = "CA" if rng.random() < 0.8 else "US"
        order_id = f"{prefix}-{day.year}-{rng.integers(100000, 170000)}"
        mode = modes[int(rng.choice(4, p=[m[3] for m in modes]))]
        ship = day + pd.Timedelta(days=int(rng.integers(mode[1], mode[2] + 1)))
        cid, cname = people[int(rng.integers(len(people)))]
        seg = segments[int(rng.integers(3))]
        city, st, postal, region = places[int(rng.integers(len(places)))]
        for k in rng.choice(len(catalog), int(rng.choice([1, 2, 3], p=[0.45, 0.35, 0.2])), replace=False):
            pid, cat, sub, name, price = catalog[int(k)]
            qty = int(rng.choice([1, 2, 3, 4, 5, 7], p=[0.15, 0.3, 0.25, 0.15, 0.1, 0.05]))
            disc = float(rng.choice([0, 0.2, 0.2, 0.3, 0.7] if st == "Texas" else [0, 0, 0, 0.2]))
            disc_cell = f"{disc:g}"  # the original prints 0 and 0.2, not 0.0
            sales = round(price * qty * (1 - disc), 4)
            profit = round(sales * (rng.uniform(0.05, 0.45) - disc * 0.9), 4)
            rows.append(
                [
                    order_id,
                    us_date(day),
                    us_date(ship),
                    mode[0],
                    cid,
                    cname,
                    seg,
                    "United States",
                    city,
                    st,
                    postal,
                    region,
                    pid,
                    cat,
                    sub,
                    name,
                    sales,
                    qty,
                    disc_cell,
                    profit,
                ]
            )
    header = [
        "Order ID",
        "Order Date",
        "Ship Date",
        "Ship Mode",
        "Customer ID",
        "Customer Name",
        "Segment",
        "Country",
        "City",
        "State",
        "Postal Code",
        "Region",
        "Product ID",
        "Category",
        "Sub-Category",
        "Product Name",
        "Sales",
        "Quantity",
        "Discount",
        "Profit",
    ]
    out = pd.DataFrame(rows, columns=header)
    out.insert(0, "Row ID", range(1, len(out) + 1))
    write("superstore_sample.csv", frame_text(out), encoding="cp1252")
    add(
        "superstore_sample.csv",
        "Tableau 'Sample - Superstore' (Kaggle copies, e.g. vivek468/superstore-dataset-final), Sample - Superstore.csv",
        "header 'Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,"
        "Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit' and first row "
        "'1,CA-2016-152156,11/8/2016,11/11/2016,Second Class,CG-12520,Claire Gute,...' found with find_string",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Order Date",
                "sku": "Product ID",
                "quantity": "Quantity",
                "revenue": "Sales",
                "order_id": "Order ID",
                "product_name": "Product Name",
                "category": "Category",
            },
            "skus": n_series(out, ["Product ID"]),
        },
        "'Sales' is the line revenue after discount (up to 4 decimals, e.g. 22.368), 'Quantity' the units; Order Date "
        "and Ship Date are month-first m/d/yyyy; rows are in Row ID order, not date order; City/State/Region are the "
        "customer's, not a store; Windows-1252 encoded like the Kaggle copy (code reads it with encoding='latin1' / "
        "'cp1252'): the curly apostrophe in 'Manager\u2019s Chair' is byte 0x92 and is not valid UTF-8",
        fmt={"encoding": "cp1252", "delimiter": ","},
    )


def supermarket_sales() -> None:
    rng = np.random.default_rng(109)
    branches = [("A", "Yangon"), ("B", "Mandalay"), ("C", "Naypyitaw")]
    lines = [
        "Health and beauty",
        "Electronic accessories",
        "Home and lifestyle",
        "Sports and travel",
        "Food and beverages",
        "Fashion accessories",
    ]
    days = pd.date_range("2019-01-01", "2019-03-30", freq="D")
    rows = []
    for _ in range(450):
        b, city = branches[int(rng.integers(3))]
        day = days[int(rng.integers(len(days)))]
        unit = round(float(rng.uniform(10, 100)), 2)
        qty = int(rng.integers(1, 11))
        cogs = round(unit * qty, 2)
        tax = round(cogs * 0.05, 4)
        rows.append(
            [
                f"{digits(rng, 3)}-{digits(rng, 2, False)}-{digits(rng, 4, False)}",
                b,
                city,
                str(rng.choice(["Member", "Normal"])),
                str(rng.choice(["Female", "Male"])),
                lines[int(rng.integers(6))],
                unit,
                qty,
                tax,
                round(cogs + tax, 4),
                us_date(day),
                f"{int(rng.integers(10, 21))}:{int(rng.integers(0, 60)):02d}",
                str(rng.choice(["Ewallet", "Cash", "Credit card"])),
                cogs,
                4.761904762,
                tax,
                round(float(rng.uniform(4, 10)), 1),
            ]
        )
    header = [
        "Invoice ID",
        "Branch",
        "City",
        "Customer type",
        "Gender",
        "Product line",
        "Unit price",
        "Quantity",
        "Tax 5%",
        "Total",
        "Date",
        "Time",
        "Payment",
        "cogs",
        "gross margin percentage",
        "gross income",
        "Rating",
    ]
    out = pd.DataFrame(rows, columns=header)
    write("supermarket_sales.csv", frame_text(out))
    add(
        "supermarket_sales.csv",
        "Kaggle: Supermarket sales (aungpyaeap/supermarket-sales), supermarket_sales - Sheet1.csv",
        "header 'Invoice ID,Branch,City,Customer type,Gender,Product line,Unit price,Quantity,Tax 5%,Total,Date,Time,"
        "Payment,cogs,gross margin percentage,gross income,Rating' with row '750-67-8428,A,Yangon,Member,Female,Health and "
        "beauty,74.69,7,26.1415,548.9715,1/5/2019,13:08,...' found with find_string in several repos",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "Product line",
                "quantity": "Quantity",
                "price": "Unit price",
                "revenue": "Total",
                "order_id": "Invoice ID",
                "store": "Branch",
            },
            "skus": n_series(out, ["Product line"]),
        },
        "transaction lines: stores are added up by default (the product is the key; Branch is offered as a split, "
        "Product line@Branch); "
        "no product code: 'Product line' (6 values) is the only product key; Branch A/B/C is the store (City is the "
        "same thing spelled out); Date is month-first m/d/yyyy with Time in its own column; 'Total' includes the 5% tax, "
        "'cogs' is unit price x quantity; one line per invoice; rows not in date order",
        also_accept={"revenue": ["cogs"], "store": ["City"], "sku": [["Product line", "City"]]},
    )


def retail_sales_dataset() -> None:
    rng = np.random.default_rng(110)
    prices = [25, 30, 50, 300, 500]
    days = pd.date_range("2023-01-01", "2023-12-31", freq="D")
    rows = []
    for i in range(1, 451):
        qty, unit = int(rng.integers(1, 5)), int(rng.choice(prices))
        rows.append(
            [
                i,
                days[int(rng.integers(len(days)))].strftime("%Y-%m-%d"),
                f"CUST{i:03d}",
                str(rng.choice(["Male", "Female"])),
                int(rng.integers(18, 65)),
                str(rng.choice(["Beauty", "Clothing", "Electronics"])),
                qty,
                unit,
                qty * unit,
            ]
        )
    header = [
        "Transaction ID",
        "Date",
        "Customer ID",
        "Gender",
        "Age",
        "Product Category",
        "Quantity",
        "Price per Unit",
        "Total Amount",
    ]
    out = pd.DataFrame(rows, columns=header)
    write("retail_sales_dataset.csv", frame_text(out))
    add(
        "retail_sales_dataset.csv",
        "Kaggle: Retail Sales Dataset (mohammadtalib786/retail-sales-dataset), retail_sales_dataset.csv",
        "header 'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount' with "
        "rows '1,2023-11-24,CUST001,Male,34,Beauty,3,50,150' found with find_string (several READMEs cite the Kaggle page)",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "Product Category",
                "quantity": "Quantity",
                "price": "Price per Unit",
                "revenue": "Total Amount",
                "order_id": "Transaction ID",
            },
            "skus": n_series(out, ["Product Category"]),
        },
        "no product code: 'Product Category' (Beauty/Clothing/Electronics) is the only key; one transaction per row, "
        "rows not in date order; Customer ID is CUST001.. (one per transaction)",
    )


def carparts() -> None:
    rng = np.random.default_rng(111)
    months = pd.date_range("1998-01-01", "2002-03-01", freq="MS")
    cols = [m.strftime("%b-%y") for m in months]
    rows = []
    for part in range(1, 201):
        rate = float(rng.choice([0.05, 0.2, 0.5, 1.2, 3.0], p=[0.25, 0.3, 0.2, 0.15, 0.1]))
        values: list[object] = list(rng.poisson(rate * rng.gamma(2, 0.5, len(months))))
        if rng.random() < 0.07:  # parts introduced later: no history (NA) before their first month
            first = int(rng.integers(3, 30))
            values[:first] = [None] * first
        rows.append([part, *values])
    out = pd.DataFrame(rows, columns=["Part", *cols])
    for c in cols:
        out[c] = out[c].astype("Int64")
    write("carparts.csv", frame_text(out))
    add(
        "carparts.csv",
        "Monthly sales of car parts (Hyndman et al. 2008, R package expsmooth 'carparts'; Monash/Zenodo car parts), "
        "carparts.csv from exponentialsmoothing.net",
        "expsmooth docs (rdrr.io/cran/expsmooth/man/carparts.html: 2674 series, Jan 1998 - Mar 2002); file layout from "
        "code found with find_string 'carparts.csv': pd.read_csv(..., index_col='Part'), one row per part, month columns "
        "parsed with format '%b-%y', NA before a part's first month",
        {
            "layout": "wide",
            "freq": "M",
            "roles": {"sku": "Part"},
            "wide": {
                "orientation": "dates_as_columns",
                "date_columns": len(cols),
                "date_format": "%b-%y",
                "quantity_columns": 0,
                "promotion_columns": 0,
                "price_columns": 0,
            },
            "skus": n_series(out, ["Part"]),
        },
        "TRANSPOSED wide: one row per part, one column per month ('Jan-98' .. 'Mar-02'), mostly zeros (intermittent "
        "demand), blanks (NA) before a part existed; the real file has 2674 parts, this 200. The layout convention's "
        "'wide' (a column per product) does not fit; 'orientation' says which way round it is",
    )


def breakfast_at_the_frat() -> None:
    rng = np.random.default_rng(112)
    stores = [367, 389, 2277]
    upcs = {1111009477: 1.39, 1111009497: 1.49, 1111038078: 3.19, 7192100339: 5.99, 1600027527: 3.49}
    weeks = pd.date_range("2009-01-14", periods=30, freq="7D")
    rows = []
    for wk in weeks:
        for store in stores:
            for upc, base_price in upcs.items():
                feature = int(rng.random() < 0.1)
                display = int(rng.random() < 0.12)
                tpr = int(not feature and not display and rng.random() < 0.15)
                price = round(base_price * (0.78 if (feature or tpr) else 1.0), 2)
                units = int(
                    rng.poisson(18 * (1 + 0.9 * feature + 0.6 * display + 0.4 * tpr) * (1.3 if store == 2277 else 1))
                )
                visits = int(units * rng.uniform(0.85, 0.97))
                hhs = int(visits * rng.uniform(0.95, 1.0))
                rows.append(
                    [
                        wk.strftime("%Y-%m-%d"),
                        store,
                        upc,
                        units,
                        visits,
                        hhs,
                        round(units * price, 2),
                        price,
                        base_price,
                        feature,
                        display,
                        tpr,
                    ]
                )
    header = [
        "WEEK_END_DATE",
        "STORE_NUM",
        "UPC",
        "UNITS",
        "VISITS",
        "HHS",
        "SPEND",
        "PRICE",
        "BASE_PRICE",
        "FEATURE",
        "DISPLAY",
        "TPR_ONLY",
    ]
    out = pd.DataFrame(rows, columns=header)
    write("breakfast_at_the_frat_transactions.csv", frame_text(out))
    add(
        "breakfast_at_the_frat_transactions.csv",
        "dunnhumby 'Breakfast at the Frat' (source files), transactions: weekly store x UPC point-of-sale data",
        "schema in dataength/automating-your-data-pipeline-with-apache-airflow docker/dataset/README.md; "
        "'COPY transactions(WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY)' "
        "found with find_string",
        {
            "layout": "totals",
            "freq": "W",
            "week_start": "WED",
            "roles": {
                "date": "WEEK_END_DATE",
                "sku": ["UPC", "STORE_NUM"],
                "quantity": "UNITS",
                "price": "PRICE",
                "revenue": "SPEND",
                "promotion": "FEATURE",
                "store": "STORE_NUM",
            },
            "skus": n_series(out, ["UPC", "STORE_NUM"]),
        },
        "weekly POS panel; WEEK_END_DATE is the Wednesday that ends the week (written ISO here); three promotion flags "
        "FEATURE, DISPLAY, TPR_ONLY (the first is the promotion role); PRICE is the shelf price, BASE_PRICE the regular "
        "price; VISITS and HHS are counts of baskets and households, not units",
        also_accept={"promotion": ["DISPLAY", "TPR_ONLY"], "price": ["BASE_PRICE"]},
    )


# ---------------------------------------------------------------- our own derived UCI files


def _pick_codes(frame: pd.DataFrame, dense: int, sparse: int, lo: int, hi: int) -> list[str]:
    counts = (
        frame.groupby("StockCode").size().reset_index(name="n").sort_values(["n", "StockCode"], ascending=[False, True])
    )
    top = counts["StockCode"].head(dense).tolist()
    mid = counts[(counts["n"] >= lo) & (counts["n"] <= hi)].sort_values("StockCode")["StockCode"]
    rng = np.random.default_rng(113)
    return top + sorted(rng.choice(mid.to_numpy(), sparse, replace=False).tolist())


def own_daily_weekly() -> None:
    daily = pd.read_csv(SHARED / "online_retail_daily_sku_2009-12_2011-12.csv.gz", dtype={"StockCode": str})
    d = daily[(daily["date"] >= "2011-09-01") & (daily["date"] <= "2011-09-30")]
    codes = _pick_codes(d, 12, 8, 8, 18)
    d = d[d["StockCode"].isin(codes)]
    write("online_retail_daily_sku.csv", frame_text(d))
    add(
        "online_retail_daily_sku.csv",
        "Replenish's own derived file: /work/shared/data/online_retail/online_retail_daily_sku_2009-12_2011-12.csv.gz",
        "/work/shared/data/online_retail/SOURCE.md (StockCode,date,qty,revenue,n_invoices; sparse SKU-days)",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {"date": "date", "sku": "StockCode", "quantity": "qty", "revenue": "revenue"},
            "skus": n_series(d, ["StockCode"]),
        },
        "real values: September 2011 of 20 StockCodes (12 that sell every trading day, 8 that sell on 8-18 of the 26); "
        "sparse (no row for a day without sales; the shop hardly trades on Saturdays); n_invoices is a count of invoices, "
        "not units",
    )
    weekly = pd.read_csv(SHARED / "online_retail_weekly_sku_2009-12_2011-12.csv.gz", dtype={"StockCode": str})
    w = weekly[(weekly["week"] >= "2011-01-03") & (weekly["week"] <= "2011-06-20")]
    codes = _pick_codes(w, 12, 8, 8, 18)
    w = w[w["StockCode"].isin(codes)]
    write("online_retail_weekly_sku.csv", frame_text(w))
    add(
        "online_retail_weekly_sku.csv",
        "Replenish's own derived file: /work/shared/data/online_retail/online_retail_weekly_sku_2009-12_2011-12.csv.gz",
        "/work/shared/data/online_retail/SOURCE.md (StockCode,week(Monday),qty; sparse)",
        {
            "layout": "totals",
            "freq": "W",
            "week_start": "MON",
            "roles": {"date": "week", "sku": "StockCode", "quantity": "qty"},
            "skus": n_series(w, ["StockCode"]),
        },
        "real values: 25 weeks (2011-01-03 .. 2011-06-20) of 20 StockCodes; 'week' is the Monday of the week; sparse",
    )


# ---------------------------------------------------------------- platform and ERP exports

SHOPIFY_HEADER = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Tax 2 Name",
    "Tax 2 Value",
    "Tax 3 Name",
    "Tax 3 Value",
    "Tax 4 Name",
    "Tax 4 Value",
    "Tax 5 Name",
    "Tax 5 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]
# Columns Shopify repeats on every line item of an order; the rest are filled on the first line only.
SHOPIFY_LINE_COLUMNS = {
    "Name",
    "Email",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Vendor",
    "Lineitem discount",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment References",
}

FIRST = [
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Mason",
    "Sophia",
    "Lucas",
    "Mia",
    "Ethan",
    "Harper",
    "Logan",
    "Amelia",
    "James",
    "Ella",
    "Henry",
    "Chloe",
    "Jack",
    "Grace",
    "Owen",
]
LAST = [
    "Smith",
    "Johnson",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Moore",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
]
US_PLACES = [
    ("Brooklyn", "NY", "New York", "11215"),
    ("Austin", "TX", "Texas", "78704"),
    ("Denver", "CO", "Colorado", "80205"),
    ("Portland", "OR", "Oregon", "97214"),
    ("Chicago", "IL", "Illinois", "60614"),
    ("Atlanta", "GA", "Georgia", "30307"),
    ("Seattle", "WA", "Washington", "98122"),
    ("Boston", "MA", "Massachusetts", "02118"),
]


def _person(rng: np.random.Generator) -> tuple[str, str]:
    first, last = FIRST[int(rng.integers(len(FIRST)))], LAST[int(rng.integers(len(LAST)))]
    return first, last


def shopify_orders() -> None:
    rng = np.random.default_rng(201)
    catalog = [
        ("CB-MUG-12OZ-BLK", "Ceramic Mug 12 oz - Black", 18.00, "Clayborne"),
        ("CB-MUG-12OZ-WHT", "Ceramic Mug 12 oz - White", 18.00, "Clayborne"),
        ("CB-POUR-600", "Pour-Over Dripper", 32.00, "Clayborne"),
        ("CB-FILT-100", "Paper Filters (100 pack)", 8.50, "Clayborne"),
        ("RN-BEAN-HOUSE-340", "House Blend Whole Bean 340 g", 16.00, "Roastnik"),
        ("RN-BEAN-ETH-340", "Ethiopia Guji Whole Bean 340 g", 21.00, "Roastnik"),
        ("RN-BEAN-DECAF-340", "Swiss Water Decaf 340 g", 19.00, "Roastnik"),
        ("CB-KETTLE-GN", "Gooseneck Kettle 1 L", 64.00, "Clayborne"),
        ("CB-SCALE-01", "Brew Scale with Timer", 42.00, "Clayborne"),
        ("CB-TOTE-CNV", "Canvas Tote", 22.00, "Clayborne"),
        ("GIFT-25", "Gift Card $25", 25.00, "Clayborne"),
        ("CB-GRIND-HND", "Hand Grinder", 89.00, "Clayborne"),
    ]
    weights = np.array([8, 6, 5, 9, 12, 7, 4, 2, 3, 3, 1, 2], dtype=float)
    rows = []
    when = order_times(rng, "2024-02-01", "2024-04-30", 165, tz="America/New_York")
    for n, created in enumerate(when):
        name = f"#{1001 + n}"
        first, last = _person(rng)
        email = f"{first.lower()}.{last.lower()}{rng.integers(1, 99)}@example.com"
        city, prov, prov_name, zipc = US_PLACES[int(rng.integers(len(US_PLACES)))]
        street = f"{rng.integers(10, 999)} {rng.choice(['Main St', 'Oak Ave', 'Elm St', 'Park Pl'])}"
        k = int(rng.choice([1, 2, 3, 4], p=[0.55, 0.28, 0.12, 0.05]))
        picks = rng.choice(len(catalog), k, replace=False, p=weights / weights.sum())
        lines = [(catalog[int(i)], int(rng.choice([1, 1, 1, 2, 3]))) for i in picks]
        subtotal = sum(p[2] * q for p, q in lines)
        code = "WELCOME10" if rng.random() < 0.15 else ""
        discount = round(subtotal * 0.10, 2) if code else 0.0
        shipping = 0.0 if subtotal >= 50 else 6.95
        tax = round((subtotal - discount) * 0.08875, 2) if prov == "NY" else 0.0
        total = round(subtotal - discount + shipping + tax, 2)
        status = str(
            rng.choice(
                ["paid", "refunded", "partially_refunded", "pending", "voided"], p=[0.85, 0.04, 0.03, 0.03, 0.05]
            )
        )
        paid = status in ("paid", "refunded", "partially_refunded")
        fulfilled = paid and created < datetime(2024, 4, 28, tzinfo=created.tzinfo)
        stamp = created.strftime("%Y-%m-%d %H:%M:%S %z")
        later = (created + timedelta(hours=float(rng.uniform(4, 40)))).strftime("%Y-%m-%d %H:%M:%S %z")
        refunded = (
            total if status == "refunded" else (round(lines[0][0][2], 2) if status == "partially_refunded" else 0.0)
        )
        order = {
            "Financial Status": status,
            "Paid at": stamp if paid else "",
            "Fulfillment Status": "fulfilled" if fulfilled else "unfulfilled",
            "Fulfilled at": later if fulfilled else "",
            "Accepts Marketing": "yes" if rng.random() < 0.4 else "no",
            "Currency": "USD",
            "Subtotal": money(subtotal),
            "Shipping": money(shipping),
            "Taxes": money(tax),
            "Total": money(total),
            "Discount Code": code,
            "Discount Amount": money(discount),
            "Shipping Method": "Free Shipping" if shipping == 0 else "Standard",
            "Billing Name": f"{first} {last}",
            "Billing Street": street,
            "Billing Address1": street,
            "Billing City": city,
            "Billing Zip": zipc,
            "Billing Province": prov,
            "Billing Country": "US",
            "Shipping Name": f"{first} {last}",
            "Shipping Street": street,
            "Shipping Address1": street,
            "Shipping City": city,
            "Shipping Zip": zipc,
            "Shipping Province": prov,
            "Shipping Country": "US",
            "Cancelled at": later if status == "voided" else "",
            "Payment Method": "Shopify Payments",
            "Payment Reference": f"c{digits(rng, 11)}.1",
            "Refunded Amount": money(refunded),
            "Outstanding Balance": money(total if status == "pending" else 0.0),
            "Id": str(5_512_337_000_000 + n * 13),
            "Risk Level": "Low",
            "Source": "web",
            "Tax 1 Name": "NY State Tax 8.875%" if tax else "",
            "Tax 1 Value": money(tax) if tax else "",
        }
        for j, ((sku, title, price, vendor), qty) in enumerate(lines):
            line = {
                "Name": name,
                "Email": email,
                "Created at": stamp,
                "Lineitem quantity": qty,
                "Lineitem name": title,
                "Lineitem price": money(price),
                "Lineitem compare at price": "",
                "Lineitem sku": sku,
                "Lineitem requires shipping": "false" if sku.startswith("GIFT") else "true",
                "Lineitem taxable": "true",
                "Lineitem fulfillment status": "fulfilled" if fulfilled else "pending",
                "Vendor": vendor,
                "Lineitem discount": money(round(price * qty * 0.10, 2) if code else 0.0),
                "Billing Province Name": prov_name,
                "Shipping Province Name": prov_name,
                **order,
            }
            rows.append([line.get(c, "") if j == 0 or c in SHOPIFY_LINE_COLUMNS else "" for c in SHOPIFY_HEADER])
    write("shopify_orders_export.csv", csv_text([SHOPIFY_HEADER, *rows]))
    frame = pd.DataFrame(rows, columns=SHOPIFY_HEADER)
    add(
        "shopify_orders_export.csv",
        "Shopify admin: Orders > Export (orders_export.csv, one row per line item)",
        "full header from code found with find_string ('Name,Email,Financial Status,Paid at,...,Payment References', "
        "ParseType::Transaction) and jadwro/allegro_csv_parser src/Shopify/types/ShopifyOrderTypeCSV.ts; which columns "
        "repeat on later lines from laplace-live/shopify-csv-converter src/types/index.d.ts",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Created at",
                "sku": "Lineitem sku",
                "quantity": "Lineitem quantity",
                "price": "Lineitem price",
                "order_id": "Name",
                "product_name": "Lineitem name",
            },
            "skus": n_series(frame, ["Lineitem sku"]),
        },
        "order-level columns (Financial Status, Paid at, totals, addresses, Cancelled at, Id, ...) are filled on the "
        "first line item only and blank on later lines; Name ('#1001'), Email, Created at and the Lineitem columns repeat "
        "on every line; timestamps carry a UTC offset ('2024-03-12 09:15:02 -0400', EST before 10 March, EDT after); "
        "voided and pending orders are included; Paid at is a second date column (payment, not order)",
        also_accept={"date": ["Paid at"]},
    )


AMAZON_HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "url",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
]


def amazon_all_orders() -> None:
    rng = np.random.default_rng(202)
    catalog = [
        ("KT-SPAT-SIL-3PK", "B07XJ8C8F5", "Silicone Spatula Set, 3 Pack, Heat Resistant", 12.99),
        ("KT-TONG-9IN", "B08L5WH3K2", "Stainless Steel Kitchen Tongs 9 Inch, 2 Pack", 9.49),
        ("KT-BOARD-BAMB-L", "B07QXMNF1X", "Bamboo Cutting Board, Large 18x12", 24.95),
        ("KT-MEAS-SET-10", "B09B2QZ7RX", "Measuring Cups and Spoons Set, 10 Piece", 15.99),
        ("KT-WHISK-BAL", "B08F7PTF54", "Balloon Whisk 12 Inch Stainless", 8.99),
        ("KT-PEEL-Y-2PK", "B07Y2DRJ8K", "Y Peeler, 2 Pack, Ultra Sharp", 7.95),
        ("KT-GRATER-BOX", "B09NQ9M3TZ", "Box Grater 4 Sided, Stainless Steel", 19.99),
        ("KT-OIL-SPRAY", "B0B1C4D6VX", "Olive Oil Sprayer for Cooking, 200 ml", 13.49),
        ("KT-TIMER-DIG", "B08R6Q1NQW", "Digital Kitchen Timer Magnetic", 10.99),
        ("KT-STRAIN-3PC", "B07ZPKN627", "Fine Mesh Strainer Set, 3 Sizes", 16.99),
    ]
    weights = np.array([10, 8, 4, 6, 5, 7, 3, 4, 5, 3], dtype=float)
    places = [
        ("SAN JOSE", "CA", "95112"),
        ("HOUSTON", "TX", "77002"),
        ("Brooklyn", "NY", "11201"),
        ("MIAMI", "FL", "33101"),
        ("Columbus", "OH", "43215"),
        ("Phoenix", "AZ", "85004"),
    ]
    rows = []
    for t in order_times(rng, "2024-03-01", "2024-04-15", 360):
        oid = f"11{rng.integers(1, 5)}-{digits(rng, 7, False)}-{digits(rng, 7, False)}"
        status = str(rng.choice(["Shipped", "Pending", "Cancelled", "Shipping"], p=[0.86, 0.04, 0.06, 0.04]))
        afn = rng.random() < 0.7
        city, state, postal = places[int(rng.integers(len(places)))]
        k = 1 if rng.random() < 0.88 else 2
        for i in rng.choice(len(catalog), k, replace=False, p=weights / weights.sum()):
            sku, asin, name, price = catalog[int(i)]
            qty = int(rng.choice([1, 1, 1, 2, 3]))
            cancelled, pending = status == "Cancelled", status == "Pending"
            item_status = {
                "Shipped": "Shipped",
                "Pending": "Unshipped",
                "Cancelled": "Cancelled",
                "Shipping": "Unshipped",
            }[status]
            promo = -round(price * qty * 0.15, 2) if rng.random() < 0.1 else 0.0
            rows.append(
                [
                    oid,
                    "" if afn else oid,
                    t.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                    (t + timedelta(hours=float(rng.uniform(1, 60)))).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                    status,
                    "Amazon" if afn else "Merchant",
                    "Amazon.com",
                    "",
                    "",
                    "Expedited" if rng.random() < 0.2 else "Standard",
                    name,
                    sku,
                    asin,
                    item_status,
                    0 if cancelled else qty,
                    "" if cancelled else "USD",
                    "" if (cancelled or pending) else money(price * qty),
                    "" if (cancelled or pending) else money(price * qty * 0.0825),
                    "" if (cancelled or pending) else "0.00",
                    "" if (cancelled or pending) else "0.00",
                    "",
                    "",
                    "" if (cancelled or pending) else money(promo),
                    "" if (cancelled or pending) else "0.00",
                    city,
                    state,
                    postal,
                    "US",
                    "Core Free Shipping 2024" if promo else "",
                    "true" if rng.random() < 0.05 else "false",
                    "",
                    "",
                ]
            )
    write("amazon_all_orders.txt", csv_text([AMAZON_HEADER, *rows], delimiter="\t", quoting=csv.QUOTE_NONE))
    frame = pd.DataFrame(rows, columns=AMAZON_HEADER)
    add(
        "amazon_all_orders.txt",
        "Amazon Seller Central: Reports > Order Reports > All Orders (flat file GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL)",
        "32-column tab-separated header found with find_string (EXPECTED_HEADER of CaponicaAmazonMwsComplete "
        "ReportFbaSalesAllByLastUpdateFlatFile, and a test fixture row '...2017-06-17T08:04:21+00:00...Cancelled\\t1\\tEUR\\t89.95'); "
        "field meanings: sellercentral help G201648780 (item-price is the total for the quantity)",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "purchase-date",
                "sku": "sku",
                "quantity": "quantity",
                "revenue": "item-price",
                "order_id": "amazon-order-id",
                "product_name": "product-name",
            },
            "skus": n_series(frame, ["sku"]),
        },
        "tab-delimited .txt, no quoting; purchase-date is ISO 8601 UTC ('2024-03-05T14:23:11+00:00'); item-price is the "
        "line total, not a unit price; cancelled lines have quantity 0 and no price, pending lines a quantity but no "
        "price; merchant-order-id is blank for Amazon-fulfilled orders; asin is a second product key",
        fmt={"encoding": "utf-8", "delimiter": "\t"},
        also_accept={"sku": ["asin"]},
    )


EBAY_HEADER = [
    ("Sales Record Number", True),
    ("Order Number", True),
    ("Buyer Username", True),
    ("Buyer Name", True),
    ("Buyer Email", True),
    ("Buyer Note", True),
    ("Buyer Address 1", False),
    ("Buyer Address 2", False),
    ("Buyer City", False),
    ("Buyer State", True),
    ("Buyer Zip", True),
    ("Buyer Country", True),
    ("Buyer Tax Identifier Name", True),
    ("Buyer Tax Identifier Value", True),
    ("Ship To Name", False),
    ("Ship To Phone", True),
    ("Ship To Address 1", False),
    ("Ship To Address 2", False),
    ("Ship To City", False),
    ("Ship To State", True),
    ("Ship To Zip", True),
    ("Ship To Country", True),
    ("Item Number", True),
    ("Item Title", True),
    ("Custom Label", False),
    ("Sold Via Promoted Listings", True),
    ("Quantity", True),
    ("Sold For", True),
    ("Shipping And Handling", True),
    ("Item Location", False),
    ("Item Zip Code", True),
    ("Item Country", True),
    ("eBay Collect And Remit Tax Rate", True),
    ("eBay Collect And Remit Tax Type", True),
    ("eBay Reference Name", True),
    ("eBay Reference Value", False),
    ("Tax Status", False),
    ("Seller Collected Tax", True),
    ("eBay Collected Tax", True),
    ("Electronic Waste Recycling Fee", True),
    ("Mattress Recycling Fee", True),
    ("Battery Recycling Fee", True),
    ("White Goods Disposal Tax", True),
    ("Tire Recycling Fee", True),
    ("Additional Fee", True),
    ("Lumber Fee", True),
    ("Prepaid Wireless Fee", True),
    ("Road Improvement And Food Delivery Fee", True),
    ("eBay Collected Charges", True),
    ("Total Price", True),
    ("eBay Collected Tax and Fees Included in Total", True),
    ("Payment Method", True),
    ("Sale Date", True),
    ("Paid On Date", True),
    ("Ship By Date", True),
    ("Minimum Estimated Delivery Date", True),
    ("Maximum Estimated Delivery Date", True),
    ("Shipped On Date", True),
    ("Feedback Left", True),
    ("Feedback Received", True),
    ("My Item Note", True),
    ("PayPal Transaction ID", True),
    ("Shipping Service", True),
    ("Tracking Number", True),
    ("Transaction ID", True),
    ("Variation Details", False),
    ("Global Shipping Program", True),
    ("Global Shipping Reference ID", True),
    ("Click And Collect", True),
    ("Click And Collect Reference Number", True),
    ("eBay Plus", True),
    ("Authenticity Verification Program", True),
    ("Authenticity Verification Status", True),
    ("Authenticity Verification Outcome Reason", True),
    ("PSA Vault Program", True),
    ("Vault Fulfillment Type", True),
    ("eBay Fulfillment Program", True),
    ("Tax City", False),
    ("Tax State", True),
    ("Tax Zip", True),
    ("Tax Country", True),
    ("eBay International Shipping", True),
]


def _ebay_line(values: list[str]) -> str:
    cells = []
    for v, (_, quoted) in zip(values, EBAY_HEADER, strict=True):
        needs = quoted or any(ch in v for ch in ',"\n')
        cells.append('"' + v.replace('"', '""') + '"' if needs else v)
    return ",".join(cells)


def ebay_orders() -> None:
    rng = np.random.default_rng(203)
    catalog = [
        ("VR-LEGO-75192", "LEGO Star Wars Millennium Falcon 75192 Instructions Only", 24.99),
        ("VR-CAM-AE1-BODY", "Canon AE-1 Program 35mm Film Camera Body Tested", 189.00),
        ("VR-LENS-50-18", "Canon FD 50mm f/1.8 Lens Excellent", 59.99),
        ("VR-WALKMAN-WM2", "Sony Walkman WM-2 Cassette Player Serviced", 249.00),
        ("VR-GB-DMG-01", "Nintendo Game Boy DMG-01 Original Console Working", 84.95),
        ("VR-CART-TETRIS", "Tetris Game Boy Cartridge Authentic", 12.50),
        ("VR-POLA-SX70", "Polaroid SX-70 Land Camera Alpha 1", 215.00),
        ("VR-FILM-P400", "Kodak Portra 400 35mm Film 36exp (Expired 2019)", 14.99),
        ("VR-STRAP-LTH", "Vintage Leather Camera Strap Brown", 9.99),
    ]
    weights = np.array([6, 2, 4, 1, 3, 8, 1, 9, 5], dtype=float)
    item_numbers = {c[0]: digits(rng, 12) for c in catalog}
    records = []
    srn = 4120
    for t in order_times(rng, "2024-02-01", "2024-04-20", 165):
        first, last = _person(rng)
        user = f"{first.lower()}_{last.lower()}{rng.integers(10, 999)}"
        city, st, _, zipc = US_PLACES[int(rng.integers(len(US_PLACES)))]
        order_no = f"{rng.integers(10, 28)}-{digits(rng, 5, False)}-{digits(rng, 5, False)}"
        k = 1 if rng.random() < 0.85 else int(rng.integers(2, 4))
        picks = [catalog[int(i)] for i in rng.choice(len(catalog), k, replace=False, p=weights / weights.sum())]
        qtys = [int(rng.choice([1, 1, 1, 2])) for _ in picks]
        ship = round(float(rng.choice([0.0, 4.95, 5.50, 8.25])), 2)
        items_total = sum(p[2] * q for p, q in zip(picks, qtys, strict=True))
        tax = round(items_total * 0.07, 2)
        sale = t.strftime("%b-%d-%y")
        shipped = (t + timedelta(days=int(rng.integers(1, 3)))).strftime("%b-%d-%y")
        srn += 1
        buyer = {
            "Sales Record Number": str(srn),
            "Order Number": order_no,
            "Buyer Username": user,
            "Buyer Name": f"{first} {last}",
            "Buyer Email": "",
            "Buyer Address 1": f"{rng.integers(10, 999)} Oak Ave",
            "Buyer City": city,
            "Buyer State": st,
            "Buyer Zip": zipc,
            "Buyer Country": "United States",
            "Ship To Name": f"{first} {last}",
            "Ship To Address 1": f"{rng.integers(10, 999)} Oak Ave",
            "Ship To City": city,
            "Ship To State": st,
            "Ship To Zip": zipc,
            "Ship To Country": "United States",
            "Sale Date": sale,
            "Paid On Date": sale,
        }

        def row(extra: dict[str, str], base: dict[str, str] = buyer) -> list[str]:
            merged = {**base, **extra}
            return [merged.get(name, "") for name, _ in EBAY_HEADER]

        order_level = {
            "Shipping And Handling": usd(ship),
            "eBay Collected Tax": usd(tax),
            "Seller Collected Tax": usd(0),
            "Electronic Waste Recycling Fee": usd(0),
            "Mattress Recycling Fee": usd(0),
            "Battery Recycling Fee": usd(0),
            "White Goods Disposal Tax": usd(0),
            "Tire Recycling Fee": usd(0),
            "Additional Fee": usd(0),
            "Lumber Fee": usd(0),
            "Prepaid Wireless Fee": usd(0),
            "Road Improvement And Food Delivery Fee": usd(0),
            "eBay Collected Charges": usd(0),
            "Total Price": usd(items_total + ship + tax),
            "eBay Collected Tax and Fees Included in Total": "Yes",
            "Payment Method": "eBay Payments",
            "Ship By Date": shipped,
            "Shipped On Date": shipped,
            "Feedback Left": "No",
            "Feedback Received": "Positive" if rng.random() < 0.3 else "",
            "Shipping Service": "USPS Ground Advantage",
            "Tracking Number": "9400" + digits(rng, 18, False),
            "Global Shipping Program": "No",
            "Click And Collect": "No",
            "eBay Plus": "No",
            "Authenticity Verification Program": "No",
            "PSA Vault Program": "No",
            "eBay International Shipping": "No",
            "Tax City": city,
            "Tax State": st,
            "Tax Zip": zipc,
            "Tax Country": "US",
            "eBay Collect And Remit Tax Rate": "7.0%",
            "eBay Collect And Remit Tax Type": "Sales Tax",
            "Item Location": "Cleveland, OH",
            "Item Zip Code": "44113",
            "Item Country": "United States",
        }

        def item(p: tuple, q: int) -> dict[str, str]:
            return {
                "Item Number": item_numbers[p[0]],
                "Item Title": p[1],
                "Custom Label": p[0],
                "Sold Via Promoted Listings": "Yes" if rng.random() < 0.2 else "No",
                "Quantity": str(q),
                "Sold For": usd(p[2]),
                "Transaction ID": digits(rng, 13),
            }

        if k == 1:
            records.append((t, [row({**order_level, **item(picks[0], qtys[0])})]))
        else:  # a multi-item order: a summary row (no item, total quantity), then one row per item
            summary = row({**order_level, "Quantity": str(sum(qtys)), "Sold For": usd(items_total)})
            records.append(
                (
                    t,
                    [summary]
                    + [
                        row({**item(p, q), "Sale Date": sale, "Paid On Date": sale})
                        for p, q in zip(picks, qtys, strict=True)
                    ],
                )
            )
    records.sort(key=lambda r: r[0], reverse=True)  # newest first, as the report lists them
    data_rows = [r for _, rs in records for r in rs]
    n = len(EBAY_HEADER)
    lines = [
        "," * (n - 1),
        _ebay_line([h for h, _ in EBAY_HEADER]),
        ",".join(['""'] * n),
        *[_ebay_line(r) for r in data_rows],
        "",
        f"{len(records)},record(s) downloaded,",
        "Seller ID : retrolens_outlet",
    ]
    write("ebay_orders_report.csv", "\n".join(lines) + "\n")
    frame = pd.DataFrame(data_rows, columns=[h for h, _ in EBAY_HEADER])
    add(
        "ebay_orders_report.csv",
        "eBay Seller Hub: Orders > Download report (All orders report CSV)",
        "full header in randomecho/shifted-sales-report README.md (which header fields are quoted, too); report shape "
        "(leading line of commas, empty padding row, multi-item order as a summary row then its items, footer "
        "'N,record(s) downloaded,' and 'Seller ID : ...', Sale Date 'Sep-18-26', money '$90.00') from test fixtures "
        'found with find_string \'"Sales Record Number","Order Number"\'',
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Sale Date",
                "sku": "Custom Label",
                "quantity": "Quantity",
                "price": "Sold For",
                "order_id": "Order Number",
                "product_name": "Item Title",
            },
            "skus": n_series(frame, ["Custom Label"]),
        },
        "the header is on line 2 (line 1 is only commas) and an all-empty quoted row follows it; footer lines after the "
        "data; multi-item orders have a summary row with blank item columns whose Quantity is the order total (counting "
        "it too double-counts units); Sale Date is 'Mar-05-24' (month name, day, 2-digit year); money is text with '$'; "
        "Item Number is the listing id (a second product key); newest orders first",
        fmt={"encoding": "utf-8", "delimiter": ",", "header_line": 2},
        also_accept={"sku": ["Item Number"]},
    )


SQUARE_HEADER = [
    "Date",
    "Time",
    "Time Zone",
    "Category",
    "Item",
    "Qty",
    "Price Point Name",
    "SKU",
    "Modifiers Applied",
    "Gross Sales",
    "Discounts",
    "Net Sales",
    "Tax",
    "Transaction ID",
    "Payment ID",
    "Device Name",
    "Notes",
    "Details",
    "Event Type",
    "Location",
    "Dining Option",
    "Customer ID",
    "Customer Name",
    "Customer Reference ID",
    "Unit",
    "Count",
    "GTIN",
    "Itemization Type",
    "Commission",
    "Employee",
    "Fulfillment Note",
    "Channel",
    "Token",
    "Card Brand",
    "PAN Suffix",
]


def square_item_sales() -> None:
    rng = np.random.default_rng(204)
    menu = [
        ("Coffee", "Latte", "LAT", {"Small": 4.25, "Large": 5.25}),
        ("Coffee", "Cappuccino", "CAP", {"Regular": 4.50}),
        ("Coffee", "Drip Coffee", "DRP", {"Small": 2.75, "Large": 3.25}),
        ("Coffee", "Cold Brew", "CLD", {"Regular": 4.75}),
        ("Tea", "Chai Latte", "CHA", {"Regular": 4.95}),
        ("Bakery", "Butter Croissant", "CRS", {"Regular": 3.75}),
        ("Bakery", "Blueberry Muffin", "MUF", {"Regular": 3.50}),
        ("Bakery", "Banana Bread", "BNB", {"Regular": 3.95}),
        ("Merch", "Whole Bean 12 oz", "BAG", {"Regular": 17.00}),
    ]
    weights = np.array([10, 6, 8, 5, 4, 7, 5, 3, 1], dtype=float)
    rows = []
    for t in order_times(rng, "2024-03-01", "2024-03-16", 240):
        if t.hour < 6 or t.hour > 19:
            t = t.replace(hour=int(rng.integers(7, 15)))
        txn, pay = (
            alnum(rng, 24, string.ascii_letters + string.digits),
            alnum(rng, 28, string.ascii_letters + string.digits),
        )
        k = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        refund = rng.random() < 0.02
        for i in rng.choice(len(menu), k, replace=False, p=weights / weights.sum()):
            cat, item, code, points = menu[int(i)]
            point = str(rng.choice(list(points)))
            unit = points[point]
            qty = 1.0 if rng.random() < 0.9 else 2.0
            mod = "Oat Milk" if cat == "Coffee" and rng.random() < 0.2 else ""
            gross = unit * qty + (0.75 if mod else 0.0)
            disc = -round(gross * 0.1, 2) if rng.random() < 0.08 else 0.0
            sign = -1 if refund else 1
            custom = rng.random() < 0.02
            rows.append(
                [
                    t.strftime("%Y-%m-%d"),
                    t.strftime("%H:%M:%S"),
                    "Eastern Time (US & Canada)",
                    "" if custom else cat,
                    "Custom Amount" if custom else item,
                    f"{sign * qty:.1f}",
                    "" if custom else point,
                    "" if custom else f"{code}-{point[0]}",
                    mod,
                    usd(sign * gross),
                    usd(sign * disc),
                    usd(sign * (gross + disc)),
                    usd(sign * round((gross + disc) * 0.08, 2)),
                    txn,
                    pay,
                    "Counter iPad",
                    "",
                    f"https://squareup.com/dashboard/sales/transactions/{txn}",
                    "Refund" if refund else "Payment",
                    "Main Street Cafe",
                    str(rng.choice(["For Here", "To Go"])),
                    "",
                    "",
                    "",
                    "",
                    "1.0",
                    "",
                    "Custom Amount" if custom else "Physical Good",
                    usd(0),
                    str(rng.choice(["Alex R.", "Sam T.", "Jordan P."])),
                    "",
                    "Main Street Cafe",
                    alnum(rng, 26, string.ascii_letters + string.digits),
                    str(rng.choice(["Visa", "Mastercard", "American Express"])),
                    digits(rng, 4, False),
                ]
            )
    write("square_item_sales.csv", csv_text([SQUARE_HEADER, *rows]))
    frame = pd.DataFrame(rows, columns=SQUARE_HEADER)
    add(
        "square_item_sales.csv",
        "Square Dashboard: Transactions > Export > Item Detail CSV (items-YYYY-MM-DD-YYYY-MM-DD.csv)",
        "column list in lunhsiangyuan/VannaAi_sql db_schema.md; the full 35-column header and value formats ('2026-07-18', "
        "'Eastern Time (US & Canada)', money '$8.00', Qty '1.0') quoted from real exports in a research note found with "
        "find_string 'Time Zone,Category,Item,Qty,Price Point Name'",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "SKU",
                "quantity": "Qty",
                "revenue": "Gross Sales",
                "order_id": "Transaction ID",
                "product_name": "Item",
                "category": "Category",
                "store": "Location",
            },
            "skus": n_series(frame, ["SKU"]),
        },
        "one row per item line; Date and Time in separate columns; Qty is '1.0' style, negative on refunds (Event Type "
        "'Refund'); money columns are text with '$' ('-$0.45' discounts); a few 'Custom Amount' lines have no SKU; "
        "one location ('Main Street Cafe'), so the store column does not split series; SKU encodes the price point "
        "(LAT-S / LAT-L)",
        also_accept={"revenue": ["Net Sales"], "sku": ["Item"]},
    )


SHOPEE_HEADER = [
    "Order ID",
    "Order Status",
    "Cancel reason",
    "Return / Refund Status",
    "Tracking Number*",
    "Shipping Option",
    "Shipment Method",
    "Estimated Ship Out Date",
    "Ship Time",
    "Order Creation Date",
    "Order Paid Time",
    "Parent SKU Reference No.",
    "Product Name",
    "SKU Reference No.",
    "Variation Name",
    "Original Price",
    "Deal Price",
    "Quantity",
    "Returned quantity",
    "Product Subtotal",
    "Total Discount(PHP)",
    "Price Discount(from Seller)(PHP)",
    "Shopee Rebate(PHP)",
    "SKU Total Weight",
    "Number of Items in Order",
    "Order Total Weight",
    "Seller Voucher(PHP)",
    "Seller Absorbed Coin Cashback",
    "Shopee Voucher(PHP)",
    "Bundle Deals Indicator(Y/N)",
    "Shopee Bundle Discount(PHP)",
    "Seller Bundle Discount(PHP)",
    "Shopee Coins Offset(PHP)",
    "Credit Card Discount Total(PHP)",
    "Products' Price Paid by Buyer (PHP)",
    "Buyer Paid Shipping Fee",
    "Shipping Rebate Estimate",
    "Reverse Shipping Fee",
    "Service Fee",
    "Grand Total",
    "Estimated Shipping Fee",
    "Username (Buyer)",
    "Receiver Name",
    "Phone Number",
    "Delivery Address",
    "Town",
    "District",
    "Province",
    "Region",
    "Country",
    "Zip Code",
    "Remark from buyer",
    "Order Complete Time",
    "Note",
]


def shopee_orders() -> None:
    rng = np.random.default_rng(205)
    catalog = [
        ("TUMB", "Insulated Tumbler 30oz with Straw", {"Black": 499.0, "Sage": 499.0, "Pink": 519.0}, 0.45),
        ("LUNCH", "Leakproof Bento Lunch Box 2 Layer", {"Blue": 329.0, "Grey": 329.0}, 0.6),
        ("BOTTLE", "Motivational Water Bottle 1L", {"Purple": 189.0, "Green": 189.0}, 0.3),
        ("CONT", "Glass Food Container Set 5pcs", {"Default": 799.0}, 2.1),
        ("STRAW", "Reusable Straw Set with Brush", {"Default": 99.0}, 0.05),
    ]
    towns = [
        ("Quezon City", "Metro Manila", "1100"),
        ("Cebu City", "Cebu", "6000"),
        ("Davao City", "Davao del Sur", "8000"),
        ("Makati", "Metro Manila", "1200"),
        ("Iloilo City", "Iloilo", "5000"),
    ]
    rows = []
    for t in order_times(rng, "2024-03-01", "2024-04-10", 300):
        oid = t.strftime("%y%m%d") + alnum(rng, 8)
        status = str(rng.choice(["Completed", "Cancelled", "To ship", "Shipping"], p=[0.78, 0.1, 0.06, 0.06]))
        town, prov, zipc = towns[int(rng.integers(len(towns)))]
        k = 1 if rng.random() < 0.8 else 2
        picks = rng.choice(len(catalog), k, replace=False)
        lines = []
        for i in picks:
            parent, name, variants, kg = catalog[int(i)]
            var = str(rng.choice(list(variants)))
            qty = int(rng.choice([1, 1, 1, 2, 3]))
            orig = variants[var]
            deal = round(orig * float(rng.choice([1.0, 0.9, 0.85])), 2)
            sku = parent if var == "Default" else f"{parent}-{var.upper()}"
            lines.append((parent, name, sku, "" if var == "Default" else var, orig, deal, qty, kg))
        n_items = sum(q for *_, q, _ in lines)
        subtotal_all = sum(d * q for *_, d, q, _ in lines)
        ship_fee = float(rng.choice([0.0, 45.0, 85.0]))
        grand = round(subtotal_all + ship_fee, 2)
        paid = (
            ""
            if status == "Cancelled" and rng.random() < 0.5
            else (t + timedelta(minutes=int(rng.integers(1, 90)))).strftime("%Y-%m-%d %H:%M")
        )
        done = (t + timedelta(days=int(rng.integers(3, 9)))).strftime("%Y-%m-%d %H:%M") if status == "Completed" else ""
        shipped = (t + timedelta(days=1)).strftime("%Y-%m-%d %H:%M") if status in ("Completed", "Shipping") else ""
        for parent, name, sku, var, orig, deal, qty, kg in lines:
            sub = round(deal * qty, 2)
            rows.append(
                [
                    oid,
                    status,
                    "Cancelled by buyer. Reason: Need to change delivery address" if status == "Cancelled" else "",
                    "",
                    ("SPXPH0" + digits(rng, 11, False)) if shipped else "",
                    "Standard Local",
                    "Dropoff",
                    (t + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
                    shipped,
                    t.strftime("%Y-%m-%d %H:%M"),
                    paid,
                    parent,
                    name,
                    sku,
                    var,
                    orig,
                    deal,
                    qty,
                    0,
                    sub,
                    round((orig - deal) * qty, 2),
                    round((orig - deal) * qty, 2),
                    0,
                    f"{kg * qty:.2f} kg",
                    n_items,
                    f"{sum(w * q for *_, q, w in lines):.2f} kg",
                    0,
                    0,
                    0,
                    "N",
                    0,
                    0,
                    0,
                    0,
                    sub,
                    ship_fee,
                    0,
                    0,
                    round(sub * 0.04, 2),
                    grand,
                    ship_fee,
                    f"{alnum(rng, 1, string.ascii_lowercase)}****{alnum(rng, 1, string.ascii_lowercase)}",
                    "J****",
                    "63*******" + digits(rng, 2, False),
                    "******",
                    town,
                    "",
                    prov,
                    "",
                    "PH",
                    zipc,
                    "",
                    done,
                    "",
                ]
            )
    sheet = "orders"
    write("shopee_order_all.xlsx", xlsx_bytes(sheet, SHOPEE_HEADER, rows))
    frame = pd.DataFrame(rows, columns=SHOPEE_HEADER)
    add(
        "shopee_order_all.xlsx",
        "Shopee Seller Centre (PH): My Orders > Export (Order.all.<dates>.xlsx)",
        "column list in plurantee/posms src/main/java/com/flogramming/service/ExcelFileService.java (setShopeeOrder..., "
        "date pattern 'yyyy-MM-dd HH:mm'); 'Cancel reason' after 'Order Status' from a clean_shopee columns_to_keep list "
        "found with find_string 'Parent SKU Reference No.'",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Order Creation Date",
                "sku": "SKU Reference No.",
                "quantity": "Quantity",
                "price": "Deal Price",
                "revenue": "Product Subtotal",
                "order_id": "Order ID",
                "product_name": "Product Name",
            },
            "skus": n_series(frame, ["SKU Reference No."]),
        },
        "one row per product line; order-level columns (status, totals, address) repeat on every line of an order; "
        "dates are text 'yyyy-mm-dd hh:mm'; cancelled orders included; Parent SKU Reference No. is the listing, SKU "
        "Reference No. the variant (the two are equal for items without variants); money columns in PHP",
        sheet=sheet,
        also_accept={"sku": ["Parent SKU Reference No."], "price": ["Original Price"]},
    )


LAZADA_HEADER = [
    "orderItemId",
    "orderType",
    "Guarantee",
    "deliveryType",
    "lazadaId",
    "sellerSku",
    "lazadaSku",
    "wareHouse",
    "createTime",
    "updateTime",
    "rtsSla",
    "ttsSla",
    "orderNumber",
    "invoiceRequired",
    "invoiceNumber",
    "deliveredDate",
    "customerName",
    "customerEmail",
    "nationalRegistrationNumber",
    "shippingName",
    "shippingAddress",
    "shippingAddress2",
    "shippingAddress3",
    "shippingAddress4",
    "shippingAddress5",
    "shippingPhone",
    "shippingPhone2",
    "shippingCity",
    "shippingPostCode",
    "shippingCountry",
    "shippingRegion",
    "billingName",
    "billingAddr",
    "billingAddr2",
    "billingAddr3",
    "billingAddr4",
    "billingAddr5",
    "billingPhone",
    "billingPhone2",
    "billingCity",
    "billingPostCode",
    "billingCountry",
    "taxCode",
    "branchNumber",
    "taxInvoiceRequested",
    "payMethod",
    "paidPrice",
    "unitPrice",
    "sellerDiscountTotal",
    "shippingFee",
    "walletCredit",
    "itemName",
    "variation",
    "cdShippingProvider",
    "shippingProvider",
    "shipmentTypeName",
    "shippingProviderType",
    "cdTrackingCode",
    "trackingCode",
    "trackingUrl",
    "shippingProviderFM",
    "trackingCodeFM",
    "promisedShippingTime",
    "premium",
    "status",
    "buyerFailedDeliveryReturnInitiator",
    "buyerFailedDeliveryReason",
    "buyerFailedDeliveryDetail",
    "buyerFailedDeliveryUserName",
    "bundleId",
    "bundleDiscount",
    "refundAmount",
]


def lazada_orders() -> None:
    rng = np.random.default_rng(206)
    catalog = [
        ("PH-TUMB-30-BLK", "Insulated Tumbler 30oz with Straw", "Color family:Black", 459.0),
        ("PH-TUMB-30-SGE", "Insulated Tumbler 30oz with Straw", "Color family:Sage", 459.0),
        ("PH-LUNCH-2L-BLU", "Leakproof Bento Lunch Box 2 Layer", "Color family:Blue", 315.0),
        ("PH-BOTTLE-1L", "Motivational Water Bottle 1L", "Color family:Purple", 175.0),
        ("PH-STRAW-SET", "Reusable Straw Set with Brush", "", 89.0),
        ("PH-CONT-5PC", "Glass Food Container Set 5pcs", "", 749.0),
    ]
    lazada_ids = {c[0]: f"{digits(rng, 10)}_PH-{digits(rng, 11)}" for c in catalog}
    cities = [
        ("Quezon City", "Metro Manila", "1100"),
        ("Pasig", "Metro Manila", "1600"),
        ("Cebu City", "Cebu", "6000"),
        ("Bacolod", "Negros Occidental", "6100"),
        ("Cagayan de Oro", "Misamis Oriental", "9000"),
    ]
    rows = []
    stamp = "%d %b %Y %H:%M"
    for t in order_times(rng, "2024-03-01", "2024-04-10", 215):
        order_no = digits(rng, 15)
        status = str(rng.choice(["delivered", "canceled", "shipped", "returned"], p=[0.8, 0.1, 0.07, 0.03]))
        city, region, post = cities[int(rng.integers(len(cities)))]
        first, last = _person(rng)
        k = 1 if rng.random() < 0.85 else 2
        for i in rng.choice(len(catalog), k, replace=False):
            sku, name, var, price = catalog[int(i)]
            units = int(rng.choice([1, 1, 1, 2, 3]))
            for _ in range(units):  # Lazada writes one row per unit: there is no quantity column
                disc = -round(price * 0.1, 2) if rng.random() < 0.2 else 0.0
                tracking = "PH" + digits(rng, 10, False)
                rows.append(
                    [
                        digits(rng, 15),
                        "Normal",
                        "",
                        "",
                        "",
                        sku,
                        lazada_ids[sku],
                        "dropshipping",
                        t.strftime(stamp),
                        (t + timedelta(days=int(rng.integers(1, 6)))).strftime(stamp),
                        (t + timedelta(days=2)).strftime(stamp),
                        (t + timedelta(days=3)).strftime(stamp),
                        order_no,
                        "No",
                        "",
                        (t + timedelta(days=4)).strftime(stamp) if status == "delivered" else "",
                        f"{first} {last[0]}.",
                        "",
                        "",
                        f"{first} {last[0]}.",
                        f"{rng.integers(1, 300)} Rizal St.",
                        "",
                        "",
                        city,
                        region,
                        "63" + digits(rng, 10, False),
                        "",
                        f"{city}",
                        post,
                        "Philippines",
                        region,
                        f"{first} {last[0]}.",
                        f"{rng.integers(1, 300)} Rizal St.",
                        "",
                        "",
                        city,
                        region,
                        "",
                        "",
                        city,
                        post,
                        "Philippines",
                        "",
                        "",
                        "No",
                        str(rng.choice(["COD", "MixedCard", "GCash"])),
                        money(price + disc),
                        money(price),
                        money(disc),
                        "0.00",
                        "0.00",
                        name,
                        var,
                        "",
                        "LEX PH",
                        "Drop-off",
                        "standard",
                        "",
                        tracking,
                        f"https://tracker.lel.asia/tracker?trackingNumber={tracking}",
                        "",
                        "",
                        (t + timedelta(days=2)).strftime(stamp),
                        "",
                        status,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "0.00",
                        money(price + disc) if status == "returned" else "0.00",
                    ]
                )
    sheet = "sheet1"
    write("lazada_orders.xlsx", xlsx_bytes(sheet, LAZADA_HEADER, rows))
    frame = pd.DataFrame(rows, columns=LAZADA_HEADER)
    add(
        "lazada_orders.xlsx",
        "Lazada Seller Center (PH): Orders > Export (order item list, one row per item unit)",
        "column names in plurantee/posms src/main/java/com/flogramming/service/ExcelFileService.java "
        "(setLazadaOrderFromExcelHashMap; createTime pattern 'dd MMM yyyy HH:mm', e.g. '04 Jul 2022 11:46'); column "
        "order as that importer reads them; BuzzDyne/wms-backend constant.py reads the same file",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "createTime",
                "sku": "sellerSku",
                "price": "unitPrice",
                "revenue": "paidPrice",
                "order_id": "orderNumber",
                "product_name": "itemName",
            },
            "skus": n_series(frame, ["sellerSku"]),
            "doubt": "one_row_per_unit",
        },
        "NO quantity column: Lazada writes one row per unit (orderItemId), so each row counts 1 unit and an order of "
        "3 of the same SKU is 3 rows; createTime is '05 Mar 2024 14:23' (day, month name, year); camelCase headers; "
        "sellerDiscountTotal is negative; canceled and returned items included; wareHouse ('dropshipping') is not a "
        "store; lazadaSku is the platform's product key",
        sheet=sheet,
        also_accept={"sku": ["lazadaSku"]},
    )


BC_HEADER = [
    "Entry_No",
    "Entry_Type",
    "Item_No",
    "Item_Reference_No",
    "Lot_No",
    "Item_Category_Code",
    "Posting_Date",
    "Expiration_Date",
    "Warranty_Date",
    "Document_Date",
    "Document_No",
    "Document_Type",
    "Location_Code",
    "Job_No",
    "Job_Task_No",
    "Open",
    "Quantity",
    "Unit_of_Measure_Code",
    "Qty_per_Unit_of_Measure",
    "Remaining_Quantity",
    "Invoiced_Quantity",
    "Cost_Amount_Expected",
    "Cost_Amount_Actual",
    "Cost_Amount_Non_Invtbl",
    "Purchase_Amount_Expected",
    "Purchase_Amount_Actual",
    "Sales_Amount_Expected",
    "Sales_Amount_Actual",
    "Dimension_Set_ID",
    "Item_Description",
]


def business_central() -> None:
    rng = np.random.default_rng(207)
    items = [
        ("1896-S", "ATHENS Desk", "TABLE", 1000.8, 780.7),
        ("1900-S", "PARIS Guest Chair, black", "CHAIR", 192.8, 150.4),
        ("1906-S", "ATHENS Mobile Pedestal", "TABLE", 281.4, 219.5),
        ("1908-S", "LONDON Swivel Chair, blue", "CHAIR", 190.1, 148.3),
        ("1920-S", "ANTWERP Conference Table", "TABLE", 649.4, 506.6),
        ("1928-S", "AMSTERDAM Lamp", "MISC", 54.9, 42.8),
        ("1936-S", "BERLIN Guest Chair, yellow", "CHAIR", 192.8, 150.4),
        ("1964-S", "TOKYO Guest Chair, blue", "CHAIR", 192.8, 150.4),
    ]
    locations = ["BLUE", "RED", "YELLOW"]
    days = [d for d in pd.date_range("2024-01-02", "2024-03-29", freq="D") if d.day_of_week < 5]
    rows = []
    entry, doc = 2801, 102210
    for day in days:
        for loc in locations:
            for _ in range(int(rng.poisson(1.3 if loc == "BLUE" else 0.9))):
                doc += 1
                for i in rng.choice(len(items), int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15])), replace=False):
                    no, desc, cat, price, cost = items[int(i)]
                    qty = int(rng.choice([1, 2, 3, 4, 6, 8, 10], p=[0.3, 0.25, 0.15, 0.1, 0.1, 0.05, 0.05]))
                    dt = day.to_pydatetime()
                    rows.append(
                        [
                            entry,
                            "Sale",
                            no,
                            "",
                            "",
                            cat,
                            dt,
                            None,
                            None,
                            dt,
                            str(doc),
                            "Sales Shipment",
                            loc,
                            "",
                            "",
                            False,
                            -qty,
                            "PCS",
                            1,
                            0,
                            -qty,
                            0,
                            round(-cost * qty, 2),
                            0,
                            0,
                            0,
                            0,
                            round(price * qty * float(rng.choice([1.0, 1.0, 0.95])), 2),
                            int(rng.choice([0, 7, 12])),
                            desc,
                        ]
                    )
                    entry += 1
    sheet = "Item Ledger Entries"
    write(
        "bc_item_ledger_entries.xlsx",
        xlsx_bytes(sheet, BC_HEADER, rows, dict.fromkeys(("Posting_Date", "Document_Date"), "yyyy-mm-dd")),
    )
    frame = pd.DataFrame(rows, columns=BC_HEADER)
    add(
        "bc_item_ledger_entries.xlsx",
        "Microsoft Dynamics 365 Business Central: query 265 'Item Ledger Entries' (web service / Open in Excel), "
        "filtered to Entry Type = Sale",
        "query object text (column names Entry_No .. Item_Description) found with find_string 'query 265 \"Item Ledger "
        "Entries\"' (BaseApp namespace Microsoft.Inventory.Ledger); same columns in LukasK7/SLE-PowerBI "
        "MainApp/src/query/AtsargosfaktulentaILE.Query.al",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "Posting_Date",
                "sku": "Item_No",
                "quantity": "Quantity",
                "revenue": "Sales_Amount_Actual",
                "order_id": "Document_No",
                "product_name": "Item_Description",
                "category": "Item_Category_Code",
                "store": "Location_Code",
            },
            "skus": n_series(frame, ["Item_No"]),
        },
        "transaction lines: locations are added up by default (Item_No@Location_Code is offered as a split); "
        "sales are NEGATIVE quantities in an item ledger (Quantity -3 = 3 units shipped) while Sales_Amount_Actual is "
        "positive; items are CRONUS demo items ('1896-S'); Location_Code is the warehouse (BLUE/RED/YELLOW) and splits "
        "series; Document_Date equals Posting_Date; Expiration/Warranty dates are empty; dates are real Excel dates",
        sheet=sheet,
        also_accept={"date": ["Document_Date"], "quantity": ["Invoiced_Quantity"]},
    )


# ---------------------------------------------------------------- Chinese platforms

TAOBAO_HEADER = [
    "订单编号",
    "买家会员名",
    "买家支付宝账号",
    "买家应付货款",
    "买家应付邮费",
    "买家支付积分",
    "总金额",
    "返点积分",
    "买家实际支付金额",
    "买家实际支付积分",
    "订单状态",
    "买家留言",
    "收货人姓名",
    "收货地址",
    "运送方式",
    "联系电话",
    "联系手机",
    "订单创建时间",
    "订单付款时间",
    "宝贝标题",
    "宝贝种类",
    "物流单号",
    "物流公司",
    "订单备注",
    "宝贝总数量",
    "店铺Id",
    "店铺名称",
    "订单关闭原因",
    "卖家服务费",
    "买家服务费",
    "发票抬头",
    "是否手机订单",
    "分阶段订单信息",
    "特权订金订单id",
    "定金排名",
    "修改后的sku",
    "修改后的收货地址",
    "异常信息",
    "天猫卡券抵扣",
    "集分宝抵扣",
    "是否是O2O交易",
]
PROVINCES = [
    "浙江省 杭州市 西湖区",
    "广东省 深圳市 南山区",
    "江苏省 南京市 鼓楼区",
    "上海 上海市 浦东新区",
    "北京 北京市 朝阳区",
    "四川省 成都市 武侯区",
    "湖北省 武汉市 洪山区",
    "山东省 青岛市 市南区",
]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"]


def _cn_times(rng: np.random.Generator, n: int, start: str = "2023-10-20", end: str = "2023-11-30") -> list[datetime]:
    return order_times(rng, start, end, n)


def taobao_orders() -> None:
    rng = np.random.default_rng(301)
    titles = [
        ("加厚纯棉毛巾 洗脸巾 家用成人 3条装", 39.9),
        ("珊瑚绒浴巾 大号 吸水速干 70x140", 59.0),
        ("儿童纱布口水巾 婴儿小方巾 10条装", 29.9),
        ("酒店款纯棉浴巾 加大加厚 白色", 89.0),
        ("超细纤维干发帽 强吸水 2只装", 19.9),
        ("竹纤维擦手巾 挂式 厨房 4条装", 24.9),
    ]
    weights = np.array([10, 6, 5, 2, 7, 4], dtype=float)
    carriers = ["中通快递", "圆通速递", "韵达快递", "申通快递"]
    rows = []
    for t in _cn_times(rng, 420):
        title, price = titles[int(rng.choice(len(titles), p=weights / weights.sum()))]
        qty = int(rng.choice([1, 1, 1, 2, 3]))
        goods = round(price * qty, 2)
        post = 0.0 if goods >= 49 else 5.0
        status = str(
            rng.choice(
                ["交易成功", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货", "交易关闭"],
                p=[0.72, 0.12, 0.06, 0.1],
            )
        )
        closed = status == "交易关闭"
        paid = "" if closed else (t + timedelta(seconds=int(rng.integers(10, 900)))).strftime("%Y-%m-%d %H:%M:%S")
        name = SURNAMES[int(rng.integers(len(SURNAMES)))] + "**"
        rows.append(
            [
                digits(rng, 19),
                f"tb{digits(rng, 8, False)}",
                f"{digits(rng, 3)}****{digits(rng, 4, False)}",
                money(goods),
                money(post),
                0,
                money(goods + post),
                0,
                "0.00" if closed else money(goods + post),
                0,
                status,
                "",
                name,
                PROVINCES[int(rng.integers(len(PROVINCES)))] + " ****",
                "快递",
                "",
                f"1{digits(rng, 2)}****{digits(rng, 4, False)}",
                t.strftime("%Y-%m-%d %H:%M:%S"),
                paid,
                title,
                1,
                "" if (closed or status == "买家已付款，等待卖家发货") else digits(rng, 14),
                "" if closed else carriers[int(rng.integers(4))],
                "",
                qty,
                "57301942",
                "暖居家纺旗舰店",
                "买家不想买了" if closed else "",
                0,
                0,
                "",
                "手机订单" if rng.random() < 0.9 else "",
                "",
                "",
                "",
                "",
                "",
                "",
                "0.00",
                "0.00",
                "否",
            ]
        )
    write("taobao_order_list_gbk.csv", csv_text([TAOBAO_HEADER, *rows]), encoding="gbk")
    frame = pd.DataFrame(rows, columns=TAOBAO_HEADER)
    add(
        "taobao_order_list_gbk.csv",
        "淘宝/天猫 卖家中心: 已卖出的宝贝 > 批量导出 > 订单报表 (ExportOrderList.csv, one row per order)",
        "field list and order in c2003070110/TBTool src/com/walk_nie/taobao/object/TaobaoSaledObject.java; a PHP "
        "importer found with find_string '宝贝总数量' prints the same 37-41 header cells of a real file; exports of the "
        "order-detail sheet are GBK-encoded (mb_convert_encoding(...,'gbk','utf-8') in code found with find_string "
        "'订单编号,标题,价格,购买数量')",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "订单创建时间",
                "sku": "宝贝标题",
                "quantity": "宝贝总数量",
                "revenue": "买家应付货款",
                "order_id": "订单编号",
                "store": "店铺名称",
            },
            "skus": n_series(frame, ["宝贝标题"]),
        },
        "GBK-encoded, no BOM; one row per ORDER: the product is only named by its title (宝贝标题, the sku here; every "
        "order has 宝贝种类 = 1), units in 宝贝总数量; 订单编号 is a 19-digit number (keep as text); closed orders "
        "(交易关闭) have no 付款时间 and 0.00 paid; 订单付款时间 is a second date column; one shop (店铺名称), so the store "
        "column does not split series",
        fmt={"encoding": "gbk", "delimiter": ","},
        also_accept={"revenue": ["总金额", "买家实际支付金额"], "date": ["订单付款时间"]},
    )


JD_HEADER = [
    "订单号",
    "商品ID",
    "商品名称",
    "订购数量",
    "支付方式",
    "下单时间",
    "京东价",
    "订单金额",
    "结算金额",
    "余额支付",
    "应付金额",
    "订单状态",
    "订单类型",
    "下单帐号",
    "客户姓名",
    "客户地址",
    "联系电话",
    "订单备注",
    "发票类型",
    "发票抬头",
    "发票内容",
    "商家备注",
    "商家备注等级（等级1-5为由高到低）",
    "运费金额",
    "付款确认时间",
    "增值税发票",
    "货号",
    "订单完成时间",
    "订单来源",
    "订单渠道",
]


def jd_orders() -> None:
    rng = np.random.default_rng(302)
    catalog = [
        ("100023456781", "小米 米家电水壶2 1.7L 304不锈钢", "MJ-KT2", 99.0),
        ("100023456799", "苏泊尔 电饭煲 4L 球釜内胆", "SPR-RC40", 299.0),
        ("100031234560", "九阳 豆浆机 破壁免滤 1.2L", "JY-D120", 259.0),
        ("100012043978", "美的 电磁炉 2200W 家用", "MD-IC22", 199.0),
        ("100045678912", "摩飞 多功能料理锅 象牙白", "MF-HP01", 469.0),
        ("100038765432", "小熊 煮蛋器 双层 定时", "XX-EG02", 59.9),
    ]
    weights = np.array([8, 4, 4, 5, 2, 6], dtype=float)
    rows = []
    for t in _cn_times(rng, 340):
        oid = digits(rng, 12)
        k = 1 if rng.random() < 0.85 else 2
        picks = [catalog[int(i)] for i in rng.choice(len(catalog), k, replace=False, p=weights / weights.sum())]
        qtys = [int(rng.choice([1, 1, 1, 2])) for _ in picks]
        total = round(sum(p[3] * q for p, q in zip(picks, qtys, strict=True)), 2)
        status = str(rng.choice(["完成", "等待出库", "(删除)已取消", "等待确认收货"], p=[0.8, 0.05, 0.08, 0.07]))
        cancelled = "取消" in status
        pay = "" if cancelled else (t + timedelta(seconds=int(rng.integers(5, 600)))).strftime("%Y-%m-%d %H:%M:%S")
        done = (t + timedelta(days=int(rng.integers(2, 6)))).strftime("%Y-%m-%d %H:%M:%S") if status == "完成" else ""
        for (sku, name, code, price), qty in zip(picks, qtys, strict=True):
            rows.append(
                [
                    oid,
                    sku,
                    name,
                    qty,
                    "在线支付",
                    t.strftime("%Y-%m-%d %H:%M:%S"),
                    money(price),
                    money(total),
                    money(total * 0.95),
                    "0.00",
                    "0.00" if cancelled else money(total),
                    status,
                    "普通订单",
                    f"jd_{alnum(rng, 4, string.ascii_lowercase)}****",
                    SURNAMES[int(rng.integers(len(SURNAMES)))] + "**",
                    PROVINCES[int(rng.integers(len(PROVINCES)))] + "****",
                    f"1{digits(rng, 2)}****{digits(rng, 4, False)}",
                    "",
                    "电子发票",
                    "个人",
                    "商品明细",
                    "",
                    "",
                    "0.00",
                    pay,
                    "否",
                    code,
                    done,
                    str(rng.choice(["京东APP", "PC端", "微信小程序"])),
                    "京东商城",
                ]
            )
    write("jd_orders.csv", "\ufeff" + csv_text([JD_HEADER, *rows]))
    frame = pd.DataFrame(rows, columns=JD_HEADER)
    add(
        "jd_orders.csv",
        "京东 商家后台 (POP): 订单管理 > 订单查询 > 导出 (one row per SKU per order)",
        "header '订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,订单金额,结算金额,余额支付,应付金额,订单状态,订单类型,"
        "下单帐号,客户姓名,客户地址,联系电话,订单备注,发票类型,发票抬头,发票内容,商家备注,商家备注等级（等级1-5为由高到低）,运费金额,"
        "付款确认时间,增值税发票,货号,订单完成时间,订单来源,订单渠道' in domain/sale/SaleJdOrderLineInfo.java found with "
        "find_string '订单号,商品ID,商品名称,订购数量'; JD_CSV_HEADERS of a JD collector confirm the first columns",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "下单时间",
                "sku": "商品ID",
                "quantity": "订购数量",
                "price": "京东价",
                "order_id": "订单号",
                "product_name": "商品名称",
            },
            "skus": n_series(frame, ["商品ID"]),
        },
        "UTF-8 with BOM; one row per SKU of an order, but 订单金额/应付金额 are ORDER totals repeated on each line (not "
        "line revenue); 商品ID is JD's 12-digit SKU id, 货号 the merchant's code (a second key); cancelled orders "
        "('(删除)已取消') keep their quantity; 付款确认时间 and 订单完成时间 are later date columns",
        fmt={"encoding": "utf-8-sig", "delimiter": ","},
        also_accept={"sku": ["货号"]},
    )


PDD_HEADER = [
    "订单成交时间",
    "商品",
    "订单号",
    "订单状态",
    "商品总价(元)",
    "邮费(元)",
    "店铺优惠折扣(元)",
    "平台优惠折扣(元)",
    "多多支付立减金额(元)",
    "用户实付金额(元)",
    "商家实收金额(元)",
    "商品数量(件)",
    "发货时间",
    "确认收货时间",
    "商品id",
    "商品规格",
    "样式ID",
    "商家编码-规格维度",
    "商家编码-商品维度",
    "商家备注",
    "售后状态",
    "快递单号",
    "快递公司",
]


def pdd_orders() -> None:
    rng = np.random.default_rng(303)
    goods = [
        (
            "754299529443",
            "新疆灰枣 特级 红枣干货",
            "ZAO",
            [("500g*1袋", 19.9), ("500g*2袋", 35.9), ("2500g 整箱", 79.0)],
        ),
        ("754301188720", "云南小粒咖啡豆 中度烘焙", "KFD", [("250g", 29.9), ("500g", 52.0)]),
        ("754312906615", "东北五常大米 稻花香 真空装", "MI", [("2.5kg", 39.9), ("5kg", 69.9)]),
    ]
    style_ids = {}
    for gid, _, _code, specs in goods:
        for spec, _ in specs:
            style_ids[(gid, spec)] = digits(rng, 12)
    rows = []
    for t in _cn_times(rng, 430):
        g = goods[int(rng.choice(3, p=[0.55, 0.2, 0.25]))]
        gid, name, code, specs = g
        spec, price = specs[int(rng.integers(len(specs)))]
        qty = int(rng.choice([1, 1, 1, 2]))
        total = round(price * qty, 2)
        shop_disc = round(float(rng.choice([0.0, 2.0, 3.0])), 2)
        plat_disc = round(float(rng.choice([0.0, 0.0, 1.5])), 2)
        status = str(rng.choice(["已收货", "已发货，待收货", "已取消", "待发货"], p=[0.78, 0.1, 0.07, 0.05]))
        after = "退款成功" if status == "已取消" else ("无售后或售后取消" if rng.random() < 0.97 else "退款中")
        shipped = status in ("已收货", "已发货，待收货")
        slug = spec.replace("*", "x").replace(" ", "")
        rows.append(
            [
                t.strftime("%Y-%m-%d %H:%M:%S"),
                name,
                f"{t:%y%m%d}-{digits(rng, 15)}",
                status,
                money(total),
                "0.00",
                money(shop_disc),
                money(plat_disc),
                "0.00",
                money(total - shop_disc - plat_disc),
                money(total - shop_disc),
                qty,
                (t + timedelta(hours=int(rng.integers(6, 40)))).strftime("%Y-%m-%d %H:%M:%S") if shipped else "",
                (t + timedelta(days=int(rng.integers(3, 8)))).strftime("%Y-%m-%d %H:%M:%S")
                if status == "已收货"
                else "",
                gid,
                spec,
                style_ids[(gid, spec)],
                f"{code}-{slug}",
                code,
                "",
                after,
                ("YT" + digits(rng, 13)) if shipped else "",
                "圆通速递" if shipped else "",
            ]
        )
    write("pdd_orders.csv", "\ufeff" + csv_text([PDD_HEADER, *rows]))
    frame = pd.DataFrame(rows, columns=PDD_HEADER)
    add(
        "pdd_orders.csv",
        "拼多多 商家后台: 订单查询 > 批量导出 (订单明细, one row per order)",
        "header of a real 订单明细 export copied into a test (TestPddOrdersWithNoTimeAtAll.HEADER: 订单成交时间, 商品, 订单号, "
        "..., 快递公司) found with find_string '商家编码-规格维度'; PDD column constants (商品总价(元), 商品数量(件), ...) "
        "in several importers found with the search tool",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "订单成交时间",
                "sku": "商家编码-规格维度",
                "quantity": "商品数量(件)",
                "revenue": "商品总价(元)",
                "order_id": "订单号",
                "product_name": "商品",
            },
            "skus": n_series(frame, ["商家编码-规格维度"]),
        },
        "UTF-8 with BOM; one SKU per order; 订单号 is 'yymmdd-' + 15 digits; money headers carry the unit '(元)' and the "
        "quantity header '(件)'; the variant is identified three ways (商品规格 text, 样式ID number, 商家编码-规格维度 the "
        "merchant code); 商品id is the listing; cancelled orders have 售后状态 退款成功",
        fmt={"encoding": "utf-8-sig", "delimiter": ","},
        also_accept={"sku": ["样式ID"], "revenue": ["用户实付金额(元)", "商家实收金额(元)"]},
    )


DOUYIN_HEADER = [
    "主订单编号",
    "子订单编号",
    "选购商品",
    "商品规格",
    "商品数量",
    "商家编码",
    "订单应付金额",
    "运费",
    "收件人",
    "收件人手机号",
    "详细地址",
    "订单提交时间",
    "商家备注",
    "订单完成时间",
    "订单状态",
    "售后状态",
    "取消原因",
    "发货时间",
    "平台实际承担优惠金额",
    "商家实际承担优惠金额",
    "达人实际承担优惠金额",
]


def _douyin_cell(v: object) -> str:
    text = str(v)
    return '"' + text.replace('"', '""') + '"' if text.startswith("\t") or "," in text else text


def douyin_orders() -> None:
    rng = np.random.default_rng(304)
    goods = [
        ("辣丝丝", "1袋", "300400008", 28.9),
        ("辣丝丝", "3袋", "300400010", 69.9),
        ("麻辣牛肉干", "250g", "300400021", 49.9),
        ("手撕素肉", "500g", "300400035", 19.9),
        ("卤味鸭脖", "2盒", "300400042", 39.9),
    ]
    weights = np.array([8, 3, 4, 6, 4], dtype=float)

    def tab(v: str) -> str:  # Douyin prefixes long ids and text with a tab so Excel keeps them as text
        return "\t" + v

    rows = []
    for t in _cn_times(rng, 380):
        main = "69" + digits(rng, 17, False)
        status = str(rng.choice(["已完成", "已发货", "已关闭", "待发货"], p=[0.75, 0.1, 0.1, 0.05]))
        closed = status == "已关闭"
        k = 1 if rng.random() < 0.88 else 2
        picks = [goods[int(i)] for i in rng.choice(len(goods), k, replace=False, p=weights / weights.sum())]
        for j, (name, spec, code, price) in enumerate(picks):
            qty = int(rng.choice([1, 1, 1, 2]))
            sub = main if k == 1 else main[:-1] + str(j + 1)
            pay = round(price * qty - (5.0 if rng.random() < 0.2 else 0.0), 2)
            rows.append(
                [
                    tab(main),
                    tab(sub),
                    tab(name),
                    tab(spec),
                    qty,
                    tab(code),
                    money(pay),
                    "0.00",
                    "#" + alnum(rng, 10, string.ascii_letters + string.digits) + "#",
                    "$" + alnum(rng, 12, string.ascii_letters + string.digits) + "$",
                    "#" + alnum(rng, 16, string.ascii_letters + string.digits) + "#",
                    t.strftime("%Y-%m-%d %H:%M:%S"),
                    "-",
                    (t + timedelta(days=int(rng.integers(3, 9)))).strftime("%Y-%m-%d %H:%M:%S")
                    if status == "已完成"
                    else "-",
                    status,
                    "退款成功" if closed else "-",
                    "",
                    "-"
                    if status == "待发货" or closed
                    else (t + timedelta(hours=int(rng.integers(4, 36)))).strftime("%Y-%m-%d %H:%M:%S"),
                    money(float(rng.choice([0.0, 3.0, 5.0]))),
                    money(float(rng.choice([0.0, 5.0]))),
                    "0.00",
                ]
            )
    lines = [",".join(DOUYIN_HEADER)] + [",".join(_douyin_cell(v) for v in row) for row in rows]
    write("douyin_orders.csv", "\ufeff" + "\n".join(lines) + "\n")
    frame = pd.DataFrame(rows, columns=DOUYIN_HEADER)
    add(
        "douyin_orders.csv",
        "抖店 (Douyin shop) 商家后台: 订单管理 > 批量导出 (one row per sub-order)",
        "header '主订单编号,子订单编号,选购商品,商品规格,商品数量,商家编码,订单应付金额,运费,收件人,收件人手机号,详细地址,订单提交时间,"
        "商家备注,订单完成时间,订单状态,售后状态,取消原因,发货时间,平台实际承担优惠金额,商家实际承担优惠金额,达人实际承担优惠金额' "
        "with BOM and tab-prefixed quoted values in test fixtures found with find_string '主订单编号,子订单编号,选购商品'",
        {
            "layout": "transactions",
            "freq": "D",
            "roles": {
                "date": "订单提交时间",
                "sku": "商家编码",
                "quantity": "商品数量",
                "revenue": "订单应付金额",
                "order_id": "主订单编号",
                "product_name": "选购商品",
            },
            "skus": n_series(frame, ["商家编码"]),
        },
        "UTF-8 with BOM; ids and text cells are quoted with a leading TAB ('\"\\t300400008\"') so Excel keeps them as "
        "text: strip it before matching codes; buyer fields are ciphertext; '-' means empty in date and note columns; "
        "multi-item orders share 主订单编号 and differ by 子订单编号",
        fmt={"encoding": "utf-8-sig", "delimiter": ","},
        also_accept={"order_id": ["子订单编号"]},
    )


# ---------------------------------------------------------------- Excel date traps


def date_trap_mixed() -> None:
    rng = np.random.default_rng(401)
    skus = [
        ("A-1001", "Espresso Cups (set of 2)", 14.5),
        ("A-1002", "Milk Jug 350 ml", 11.0),
        ("B-2001", "Descaler 250 ml", 7.9),
        ("B-2002", "Cleaning Tablets x40", 9.5),
        ("C-3001", "Tamper 58 mm", 24.0),
    ]
    header = ["Date", "SKU", "Description", "Qty", "Unit Price"]
    rows = []
    for day in pd.date_range("2024-01-01", "2024-03-31", freq="D"):
        if day.month == 1:
            text = day.strftime("%Y-%m-%d")  # the old till: ISO
        elif day.month == 2:
            text = day.strftime("%m/%d/%Y")  # the web shop: month-first
        else:
            text = day.strftime("%d.%m.%Y")  # the new till: day-first with dots
        for sku, desc, price in skus:
            qty = int(rng.poisson(3 if day.day_of_week < 5 else 5))
            if qty:
                rows.append([text, sku, desc, qty, price])
    sheet = "Sales"
    write("date_trap_mixed_formats.xlsx", xlsx_bytes(sheet, header, rows))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "date_trap_mixed_formats.xlsx",
        "synthetic small-business workbook (a sheet pasted together from three tills); not a public layout",
        "synthetic date trap from the brief: each text format settles itself",
        {
            "layout": "totals",
            "freq": "D",
            "roles": {
                "date": "Date",
                "sku": "SKU",
                "quantity": "Qty",
                "price": "Unit Price",
                "product_name": "Description",
            },
            "skus": n_series(frame, ["SKU"]),
        },
        "Date cells are TEXT in three formats in one column: January 'yyyy-mm-dd', February 'mm/dd/yyyy' (month-first; "
        "'02/15/2024' shows it), March 'dd.mm.yyyy' (day-first; '15.03.2024' shows it); every group has a day above 12, "
        "so reading each format on its own gives 1 Jan .. 31 Mar 2024 without asking; rows only for days with sales",
        sheet=sheet,
    )


def date_trap_ambiguous() -> None:
    rng = np.random.default_rng(402)
    items = [
        (f"IC-{100 + i}", name)
        for i, name in enumerate(
            [
                "Brake Pads Front",
                "Brake Pads Rear",
                "Oil Filter",
                "Air Filter",
                "Cabin Filter",
                "Wiper Blade 22in",
                "Spark Plug",
                "Coolant 1 gal",
                "Headlight Bulb H11",
                "Serpentine Belt",
                "Battery Terminal Kit",
                "Fuel Filter",
            ]
        )
    ]
    header = ["Date", "Item Code", "Item Name", "Units Sold", "Revenue"]
    rows = []
    for month in pd.date_range("2023-01-01", "2024-12-01", freq="MS"):
        text = month.strftime("%m/%d/%Y")  # always the 1st: '03/01/2023' is 1 March (US) or 3 January (day-first)
        for code, name in items:
            units = int(rng.poisson(rng.uniform(3, 40)))
            rows.append([text, code, name, units, round(units * rng.uniform(8, 60), 2)])
    sheet = "Sales"
    write("date_trap_ambiguous.xlsx", xlsx_bytes(sheet, header, rows))
    frame = pd.DataFrame(rows, columns=header)
    add(
        "date_trap_ambiguous.xlsx",
        "synthetic monthly parts report (text dates); not a public layout",
        "synthetic date trap from the brief: slash dates whose parts never exceed 12",
        {
            "layout": "totals",
            "freq": "M",
            "roles": {
                "date": "Date",
                "sku": "Item Code",
                "quantity": "Units Sold",
                "revenue": "Revenue",
                "product_name": "Item Name",
            },
            "skus": n_series(frame, ["Item Code"]),
            "doubt": "ambiguous_dates",
        },
        "Date cells are text 'mm/dd/yyyy' always on day 01 ('01/01/2023' .. '12/01/2024'): no part is above 12, so "
        "month-first (the truth: the 1st of 24 months, monthly) and day-first (1-12 January of 2023 and 2024, daily) "
        "both parse; a careful reader must ask; freq is that of the month-first truth",
        sheet=sheet,
    )


# ---------------------------------------------------------------- main

GENERATORS: list[Callable[[], None]] = [
    uci_online_retail,
    uci_online_retail_ii,
    walmart_train,
    rossmann_train,
    favorita_train,
    store_item_demand,
    predict_future_sales,
    stallion,
    pasta_wide,
    superstore,
    supermarket_sales,
    retail_sales_dataset,
    carparts,
    breakfast_at_the_frat,
    own_daily_weekly,
    shopify_orders,
    amazon_all_orders,
    ebay_orders,
    square_item_sales,
    shopee_orders,
    lazada_orders,
    business_central,
    taobao_orders,
    jd_orders,
    pdd_orders,
    douyin_orders,
    date_trap_mixed,
    date_trap_ambiguous,
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
