"""Companion files: the item master and the stock-out log, validated with the same row accounting.

Item master: one row per SKU with any of ``lead_time_days, lead_time_sd_days, unit_cost, on_hand,
on_order, order_cost, holding_rate, moq, pack_size, review_period_days`` (and optionally ``supplier, category,
product_name``).
Blank cells fall back to the page defaults later; text where a number belongs rejects the row.

Stock-out log: ``sku`` with ``start``/``end`` dates (inclusive), or one ``date`` per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from salesdata.errors import MappingError
from salesdata.mapping import SYNONYMS
from salesdata.messages import Message
from salesdata.parsing import parse_dates, parse_numbers
from salesdata.reading import TOO_MANY_FIELDS, RawTable

__all__ = [
    "ITEM_FIELDS",
    "AuxiliaryReport",
    "ItemMaster",
    "PlannedDrivers",
    "StockoutLog",
    "aux_reason_text",
    "detect_item_columns",
    "load_item_master",
    "load_planned_drivers",
    "load_stockouts",
]

ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "unique_id": SYNONYMS["sku"],
    "lead_time_days": (
        "leadtimedays",
        "leadtime",
        "lt",
        "ltdays",
        "leadtimemean",
        "交期",
        "提前期",
        "采购周期",
        "到货周期",
        "交货期",
    ),
    "lead_time_sd_days": (
        "leadtimesddays",
        "leadtimesd",
        "leadtimestd",
        "leadtimestddev",
        "ltsd",
        "交期标准差",
        "提前期标准差",
    ),
    "unit_cost": (
        "unitcost",
        "cost",
        "cogs",
        "purchaseprice",
        "costprice",
        "成本",
        "进价",
        "采购价",
        "单位成本",
        "成本价",
    ),
    "on_hand": (
        "onhand",
        "stock",
        "inventory",
        "qtyonhand",
        "stockonhand",
        "soh",
        "库存",
        "现有库存",
        "在库数量",
        "库存数量",
    ),
    "on_order": ("onorder", "intransit", "openpo", "openorders", "在途", "在途数量", "已订购", "在途库存"),
    "order_cost": ("ordercost", "costperorder", "orderingcost", "setupcost", "订货成本", "每单成本", "订购成本"),
    "holding_rate": ("holdingrate", "carryingrate", "holdingcostrate", "carryingcostrate", "持有成本率", "库存持有率"),
    "moq": ("moq", "minorderqty", "minimumorder", "minimumorderquantity", "minorder", "起订量", "最小起订量"),
    "pack_size": ("packsize", "casepack", "pack", "casesize", "packqty", "箱规", "包装数", "装箱数", "包装规格"),
    "review_period_days": ("reviewperioddays", "reviewperiod", "orderinterval", "盘点周期", "补货周期", "订货周期"),
    "supplier": ("supplier", "vendor", "supplierid", "vendorid", "供应商", "供应商名称"),
    "discontinued": ("discontinued", "status", "lifecycle", "eol", "停产", "状态"),
    "category": SYNONYMS["category"],
    "product_name": SYNONYMS["description"],
}
NUMERIC_ITEM_FIELDS = (
    "lead_time_days",
    "lead_time_sd_days",
    "unit_cost",
    "on_hand",
    "on_order",
    "order_cost",
    "holding_rate",
    "moq",
    "pack_size",
    "review_period_days",
)
_NORMALISE = re.compile(r"[\s_\-./()\[\]#:（）【】]+")


def _norm(name: str) -> str:
    return _NORMALISE.sub("", str(name)).lower()


def aux_reason_text(code: str) -> str:
    """English text of an auxiliary-file reason code such as ``bad_number:unit_cost``."""
    kind, _, fld = code.partition(":")
    return {
        TOO_MANY_FIELDS: "more fields than the header",
        "missing_sku": "SKU is empty",
        "duplicate_sku": "SKU already listed on an earlier row",
        "bad_number": f"{fld} is not a number",
        "bad_flag": f"{fld} is not a yes/no (1/0) flag",
        "negative": f"{fld} is negative",
        "zero_pack": "pack_size must be at least 1",
        "missing_supplier": "supplier is empty",
        "bad_weekdays": "order days are not weekdays (use Mon..Sun, 1..7 or 周一..周日)",
        "missing_date": "date is empty",
        "bad_date": "date cannot be read",
        "end_before_start": "end date before start date",
    }.get(kind, code)


@dataclass(frozen=True)
class AuxiliaryReport:
    source_name: str
    rows_read: int
    rows_used: int
    rows_rejected: int
    rejected_by_reason: dict[str, int]
    columns: dict[str, str]
    unknown_skus: tuple[str, ...] = ()

    @property
    def balanced(self) -> bool:
        return (
            self.rows_read
            == self.rows_used + self.rows_rejected
            == self.rows_used + sum(self.rejected_by_reason.values())
        )


@dataclass(frozen=True)
class ItemMaster:
    items: pd.DataFrame
    report: AuxiliaryReport
    rejected: pd.DataFrame


@dataclass(frozen=True)
class StockoutLog:
    spans: pd.DataFrame
    report: AuxiliaryReport
    rejected: pd.DataFrame


def detect_item_columns(columns: list[str]) -> dict[str, str]:
    """field -> file column, by exact normalised name."""
    out: dict[str, str] = {}
    for fld, names in ITEM_FIELDS.items():
        for col in columns:
            if col not in out.values() and (_norm(col) in names or _norm(col) == _norm(fld)):
                out[fld] = col
                break
    return out


def _finish(
    raw: RawTable, reasons: np.ndarray, columns: dict[str, str], unknown: tuple[str, ...] = ()
) -> tuple[AuxiliaryReport, pd.DataFrame]:
    bad = np.flatnonzero(reasons != "")
    codes, counts = np.unique(reasons[bad].astype("str"), return_counts=True)
    report = AuxiliaryReport(
        source_name=raw.source_name,
        rows_read=len(reasons),
        rows_used=int(len(reasons) - len(bad)),
        rows_rejected=len(bad),
        rejected_by_reason=dict(zip(codes.tolist(), counts.tolist(), strict=True)),
        columns=columns,
        unknown_skus=unknown,
    )
    body = raw.frame.iloc[bad].reset_index(drop=True)
    body = body.astype("str").where(body.notna(), "")
    head = pd.DataFrame(
        {
            "row": raw.row_numbers[bad],
            "reason": reasons[bad].astype("str"),
            "reason_text": [aux_reason_text(c) for c in reasons[bad].astype("str")],
        }
    )
    return report, pd.concat([head, body], axis=1)


def _ids(values: pd.Series) -> pd.Series:
    if values.dtype.kind == "f" and (values.dropna() == values.dropna().round()).all():
        values = values.astype("Int64")
    return values.astype("str").str.strip().where(values.notna(), "")


def load_item_master(
    raw: RawTable, known_skus: list[str] | None = None, columns: dict[str, str] | None = None
) -> ItemMaster:
    """Validate an item master.

    Parameters
    ----------
    raw : RawTable
        The file as read.
    known_skus : list[str], optional
        SKUs of the sales panel; item rows for other SKUs are kept and listed as unknown.
    columns : dict[str, str], optional
        field -> column overrides; detected from names otherwise.

    Raises
    ------
    MappingError
        No SKU column.
    """
    cols = columns or detect_item_columns([str(c) for c in raw.frame.columns])
    if "unique_id" not in cols:
        raise MappingError(Message("map.aux_no_sku", name=raw.source_name))
    frame = raw.frame
    n = len(frame)
    reasons = np.full(n, "", dtype=object)
    reasons[raw.read_rejects.to_numpy() != ""] = TOO_MANY_FIELDS
    sku = _ids(frame[cols["unique_id"]])
    reasons[(sku == "").to_numpy() & (reasons == "")] = "missing_sku"
    out = pd.DataFrame({"unique_id": sku})
    for fld in NUMERIC_ITEM_FIELDS:
        if fld not in cols:
            continue
        parsed = parse_numbers(frame[cols[fld]])
        values = parsed.values.to_numpy()
        reasons[parsed.invalid & (reasons == "")] = f"bad_number:{fld}"
        reasons[(np.nan_to_num(values) < 0) & (reasons == "")] = f"negative:{fld}"
        if fld == "pack_size":
            reasons[(values == 0) & (reasons == "")] = "zero_pack"
        out[fld] = values
    if "discontinued" in cols:
        text = frame[cols["discontinued"]].astype("str").str.strip().str.lower()
        ended = {"discontinued", "eol", "inactive", "ended", "delisted", "1", "yes", "true", "y", "停产", "下架", "是"}
        out["discontinued"] = text.isin(ended).to_numpy()
    for fld in ("supplier", "category", "product_name"):
        if fld in cols:
            out[fld] = frame[cols[fld]].astype("str").str.strip().where(frame[cols[fld]].notna(), "")
    dup = out["unique_id"].duplicated(keep="first").to_numpy() & (out["unique_id"] != "").to_numpy()
    reasons[dup & (reasons == "")] = "duplicate_sku"
    items = out[reasons == ""].reset_index(drop=True)
    unknown: tuple[str, ...] = ()
    if known_skus is not None:
        known = set(known_skus) | {k.split("@", 1)[0] for k in known_skus}
        unknown = tuple(sorted(set(items["unique_id"]) - known))
    report, rejected = _finish(raw, reasons, cols, unknown)
    return ItemMaster(items, report, rejected)


def load_stockouts(raw: RawTable) -> StockoutLog:
    """Validate a stock-out log into ``unique_id, start, end`` spans.

    Raises
    ------
    MappingError
        No SKU column, or neither start/end nor date columns.
    """
    names = {_norm(c): str(c) for c in raw.frame.columns}
    sku_col = next((names[k] for k in names if k in SYNONYMS["sku"]), None)
    start_col = next((names[k] for k in ("startdate", "start", "from", "开始日期", "缺货开始") if k in names), None)
    end_col = next((names[k] for k in ("enddate", "end", "to", "until", "结束日期", "缺货结束") if k in names), None)
    date_col = next((names[k] for k in names if k in SYNONYMS["date"]), None)
    if sku_col is None or not ((start_col and end_col) or date_col):
        raise MappingError(Message("map.aux_stockouts", name=raw.source_name))
    frame = raw.frame
    reasons = np.full(len(frame), "", dtype=object)
    reasons[raw.read_rejects.to_numpy() != ""] = TOO_MANY_FIELDS
    sku = _ids(frame[sku_col])
    reasons[(sku == "").to_numpy() & (reasons == "")] = "missing_sku"
    if start_col and end_col:
        start = parse_dates(frame[start_col], day_first=None, column=start_col)
        end = parse_dates(frame[end_col], day_first=start.day_first, column=end_col)
        cols = {"unique_id": sku_col or ALL_SKUS, "start": start_col, "end": end_col}
    else:
        assert date_col is not None  # checked above: start and end, or a date
        start = end = parse_dates(frame[date_col], column=date_col)
        cols = {"unique_id": sku_col or ALL_SKUS, "date": date_col}
    for parsed in (start, end):
        reasons[parsed.empty & (reasons == "")] = "missing_date"
        reasons[parsed.invalid & (reasons == "")] = "bad_date"
    s_vals = start.values.dt.normalize()
    e_vals = end.values.dt.normalize()
    reasons[(e_vals < s_vals).to_numpy() & (reasons == "")] = "end_before_start"
    ok = reasons == ""
    spans = pd.DataFrame(
        {"unique_id": sku[ok].to_numpy(), "start": s_vals[ok].to_numpy(), "end": e_vals[ok].to_numpy()}
    )
    report, rejected = _finish(raw, reasons, cols)
    return StockoutLog(spans, report, rejected)


ALL_SKUS = "*"  # a planned row for every SKU (a store closure); a plan without a SKU column is all such rows
_OPEN_NAMES = ("open", "isopen", "storeopen", "opened", "营业", "是否营业", "开门")
_CLOSED_NAMES = ("closed", "isclosed", "closure", "storeclosed", "shut", "停业", "关门", "闭店")


@dataclass(frozen=True)
class PlannedDrivers:
    """Planned promotions, prices and closures: ``unique_id, ds, promo, price, open`` per day (NaN where not
    planned; ``open`` 0 on a planned closure). Rows with ``unique_id`` ``*`` apply to every SKU."""

    frame: pd.DataFrame
    report: AuxiliaryReport
    rejected: pd.DataFrame

    def for_sku(self, sku: str, freq: str, week_start: int = 0) -> pd.DataFrame:
        """The plan of one SKU (or its base SKU for sku@store series) per period: promo = max, price = mean.

        ``week_start``: the weekday a weekly panel's weeks start on (0 = Monday).
        """
        from salesdata.resample import period_start

        base = sku.split("@", 1)[0]
        part = self.frame[self.frame["unique_id"].isin([sku, base, ALL_SKUS])]
        if part.empty:
            return pd.DataFrame(columns=["ds", "promo", "price"])
        if "open" in part:
            # A day is closed when any row closes it (the SKU's own or the store's); a period's ``open`` is the
            # share of its days open (a week with two closed days: 5/7).
            daily = part.groupby("ds", as_index=False).agg(
                promo=("promo", "max"), price=("price", "mean"), open=("open", "min")
            )
            daily["open"] = daily["open"].fillna(1.0)
            daily = daily.assign(ds=period_start(daily["ds"], freq, week_start))  # type: ignore[arg-type]
            days = {"D": 1, "W": 7}.get(freq)
            out = daily.groupby("ds", as_index=False).agg(
                promo=("promo", "max"), price=("price", "mean"), open=("open", "sum"), days=("open", "size")
            )
            # Days of the period the plan does not list are open.
            span = days or out["ds"].dt.days_in_month.to_numpy()
            out["open"] = (out["open"] + (span - out["days"])) / span
            return out.drop(columns="days")
        part = part.assign(ds=period_start(part["ds"], freq, week_start))  # type: ignore[arg-type]
        return part.groupby("ds", as_index=False).agg(promo=("promo", "max"), price=("price", "mean"))


def load_planned_drivers(raw: RawTable) -> PlannedDrivers:
    """Validate a plan of future promotions, prices and closures.

    Columns: a SKU column; ``date`` or ``start_date`` and ``end_date`` (inclusive, expanded to days); and
    ``promo`` (0/1, yes/no), ``price`` and/or ``open`` (0 = closed) or ``closed`` (1 = closed). A closure
    plan may leave out the SKU column (or write ``*``): it applies to every SKU. Rows are accounted for like
    the sales file.

    Raises
    ------
    MappingError
        No dates, none of promo, price, open or closed, or no SKU column in a plan of promotions or prices.
    """
    from salesdata.parsing import parse_flags

    names = {_norm(c): str(c) for c in raw.frame.columns}
    sku_col = next((names[k] for k in names if k in SYNONYMS["sku"]), None)
    start_col = next((names[k] for k in ("startdate", "start", "from", "开始日期") if k in names), None)
    end_col = next((names[k] for k in ("enddate", "end", "to", "until", "结束日期") if k in names), None)
    date_col = next((names[k] for k in names if k in SYNONYMS["date"]), None)
    promo_col = next((names[k] for k in names if k in SYNONYMS["promo"]), None)
    price_col = next((names[k] for k in names if k in SYNONYMS["price"]), None)
    open_col = next((names[k] for k in _OPEN_NAMES if k in names), None)
    closed_col = None if open_col else next((names[k] for k in _CLOSED_NAMES if k in names), None)
    closures = open_col or closed_col
    if (
        not ((start_col and end_col) or date_col)
        or not (promo_col or price_col or closures)
        or (sku_col is None and (promo_col or price_col))
    ):
        raise MappingError(Message("map.aux_plan", name=raw.source_name))
    frame = raw.frame
    reasons = np.full(len(frame), "", dtype=object)
    reasons[raw.read_rejects.to_numpy() != ""] = TOO_MANY_FIELDS
    sku = _ids(frame[sku_col]) if sku_col else pd.Series(ALL_SKUS, index=frame.index)
    reasons[(sku == "").to_numpy() & (reasons == "")] = "missing_sku"
    if start_col and end_col:
        start = parse_dates(frame[start_col], column=start_col)
        end = parse_dates(frame[end_col], day_first=start.day_first, column=end_col)
        cols = {"unique_id": sku_col or ALL_SKUS, "start": start_col, "end": end_col}
    else:
        assert date_col is not None  # checked above: start and end, or a date
        start = end = parse_dates(frame[date_col], column=date_col)
        cols = {"unique_id": sku_col or ALL_SKUS, "date": date_col}
    for parsed in (start, end):
        reasons[parsed.empty & (reasons == "")] = "missing_date"
        reasons[parsed.invalid & (reasons == "")] = "bad_date"
    s_vals, e_vals = start.values.dt.normalize(), end.values.dt.normalize()
    reasons[(e_vals < s_vals).to_numpy() & (reasons == "")] = "end_before_start"
    promo = pd.Series(np.nan, index=frame.index)
    price = pd.Series(np.nan, index=frame.index)
    if promo_col:
        promo, bad = parse_flags(frame[promo_col])
        reasons[bad & (reasons == "")] = "bad_number:promo"
        cols["promo"] = promo_col
    if price_col:
        numbers = parse_numbers(frame[price_col])
        price = numbers.values
        reasons[numbers.invalid & (reasons == "")] = "bad_number:price"
        reasons[(np.nan_to_num(price.to_numpy()) < 0) & (reasons == "")] = "negative:price"
        cols["price"] = price_col
    is_open = pd.Series(np.nan, index=frame.index)
    if closures:
        flag, bad = parse_flags(frame[closures])
        reasons[bad & (reasons == "")] = f"bad_flag:{closures}"
        is_open = flag if open_col else 1.0 - flag
        cols["open" if open_col else "closed"] = closures
    ok = np.flatnonzero(reasons == "")
    rows = []
    for i in ok:
        for day in pd.date_range(s_vals.iloc[i], e_vals.iloc[i], freq="D"):
            rows.append((sku.iloc[i], day, promo.iloc[i], price.iloc[i], is_open.iloc[i]))
    plan = pd.DataFrame(rows, columns=["unique_id", "ds", "promo", "price", "open"])
    if not plan.empty:
        plan = plan.groupby(["unique_id", "ds"], as_index=False).agg(
            promo=("promo", "max"), price=("price", "mean"), open=("open", "min")
        )
        plan["ds"] = plan["ds"].astype("datetime64[us]")
    if not closures:
        plan = plan.drop(columns="open")
    report, rejected = _finish(raw, reasons, cols)
    return PlannedDrivers(plan, report, rejected)


@dataclass(frozen=True)
class SupplierTerms:
    """Suppliers' order days, shutdowns and minimum order values.

    ``frame``: one row per supplier and shutdown: ``supplier, order_days, shutdown_start, shutdown_end,
    min_order_value``; ``order_days`` is text such as "Mon,Thu" (blank: any day).
    """

    frame: pd.DataFrame
    report: AuxiliaryReport
    rejected: pd.DataFrame


_WEEKDAY_TOKENS = {
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "日",
    "天",
}


def _weekdays_ok(text: str) -> bool:
    """True for blank or a list of weekdays such as "Mon,Thu", "1;4" or "周一、周四"."""
    tokens = str(text).replace("、", ",").replace(";", ",").replace(" ", ",").split(",")
    for token in tokens:
        tok = token.strip().lower().removeprefix("周").removeprefix("星期")
        if tok and tok[:3] not in _WEEKDAY_TOKENS and tok not in _WEEKDAY_TOKENS:
            return False
    return True


def load_suppliers(raw: RawTable) -> SupplierTerms:
    """Validate a supplier file (joined to SKUs through the item master's ``supplier`` column).

    Columns: ``supplier`` (required); any of ``order_days`` (e.g. Mon,Thu / 1,4 / 周一,周四),
    ``shutdown_start`` and ``shutdown_end`` (one shutdown per row; repeat the supplier for more),
    ``min_order_value`` (currency per order).

    Raises
    ------
    MappingError
        No supplier column.
    """
    from salesdata.errors import MappingError as _MappingError

    names = {_norm(c): str(c) for c in raw.frame.columns}
    sup_col = next((names[k] for k in ITEM_FIELDS["supplier"] if k in names), None)
    if sup_col is None:
        raise _MappingError(Message("map.aux_no_supplier", name=raw.source_name))
    days_col = next(
        (names[k] for k in ("orderdays", "orderweekdays", "weekdays", "下单日", "订货日") if k in names), None
    )
    start_col = next((names[k] for k in ("shutdownstart", "closedfrom", "停工开始", "放假开始") if k in names), None)
    end_col = next((names[k] for k in ("shutdownend", "closeduntil", "停工结束", "放假结束") if k in names), None)
    mov_col = next(
        (names[k] for k in ("minordervalue", "mov", "minimumordervalue", "最低订货金额", "起订金额") if k in names),
        None,
    )
    frame = raw.frame
    reasons = np.full(len(frame), "", dtype=object)
    reasons[raw.read_rejects.to_numpy() != ""] = TOO_MANY_FIELDS
    supplier = frame[sup_col].astype("str").str.strip().where(frame[sup_col].notna(), "")
    reasons[(supplier == "").to_numpy() & (reasons == "")] = "missing_supplier"
    out = pd.DataFrame({"supplier": supplier})
    cols = {"supplier": sup_col}
    out["order_days"] = ""
    if days_col:
        cols["order_days"] = days_col
        texts = frame[days_col].astype("str").where(frame[days_col].notna(), "")
        out["order_days"] = texts.str.strip()
        bad = np.array([not _weekdays_ok(v) for v in out["order_days"]])
        reasons[bad & (reasons == "")] = "bad_weekdays"
    out["shutdown_start"] = pd.NaT
    out["shutdown_end"] = pd.NaT
    if start_col and end_col:
        cols |= {"shutdown_start": start_col, "shutdown_end": end_col}
        start = parse_dates(frame[start_col], column=start_col)
        end = parse_dates(frame[end_col], day_first=start.day_first, column=end_col)
        reasons[(start.invalid | end.invalid) & (reasons == "")] = "bad_date"
        reasons[(start.empty != end.empty) & (reasons == "")] = "missing_date"
        both = ~start.empty & ~end.empty
        reasons[both & (end.values < start.values).to_numpy() & (reasons == "")] = "end_before_start"
        out["shutdown_start"], out["shutdown_end"] = start.values.dt.normalize(), end.values.dt.normalize()
    out["min_order_value"] = np.nan
    if mov_col:
        cols["min_order_value"] = mov_col
        parsed = parse_numbers(frame[mov_col])
        reasons[parsed.invalid & (reasons == "")] = "bad_number:min_order_value"
        reasons[(np.nan_to_num(parsed.values.to_numpy()) < 0) & (reasons == "")] = "negative:min_order_value"
        out["min_order_value"] = parsed.values
    report, rejected = _finish(raw, reasons, cols)
    return SupplierTerms(out[reasons == ""].reset_index(drop=True), report, rejected)
