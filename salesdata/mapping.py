"""Column mapping and layout detection.

A column gets a role (date, SKU, quantity, ...) by its name first, in English or Chinese, and by its
content when no name matches. The layout (transaction lines, per-period totals, or wide with one column
per SKU) follows from the mapping and the data. Both are proposals the user can change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Literal

import pandas as pd

from salesdata.errors import AmbiguousDateError, MappingError
from salesdata.messages import Message
from salesdata.parsing import parse_dates, parse_numbers

__all__ = [
    "ROLES",
    "SYNONYMS",
    "ColumnMapping",
    "Layout",
    "LayoutGuess",
    "MappingGuess",
    "detect_layout",
    "detect_mapping",
    "wide_value_columns",
]

Layout = Literal["transactions", "totals", "wide"]
Role = Literal[
    "date", "sku", "quantity", "price", "revenue", "promo", "store", "category", "in_stock", "order_id", "description"
]


@dataclass(frozen=True)
class ColumnMapping:
    """Which file column plays each role; None when the file has no such column."""

    date: str | None = None
    sku: str | None = None
    quantity: str | None = None
    price: str | None = None
    revenue: str | None = None
    promo: str | None = None
    store: str | None = None
    category: str | None = None
    in_stock: str | None = None
    order_id: str | None = None
    description: str | None = None

    def items(self) -> list[tuple[str, str | None]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def mapped(self) -> dict[str, str]:
        return {role: col for role, col in self.items() if col is not None}

    def with_role(self, role: str, column: str | None) -> ColumnMapping:
        return replace(self, **{role: column})

    def check(self, columns: list[str], layout: Layout, source: str) -> None:
        """Raise :class:`MappingError` when a required role is missing or names an unknown column."""
        for role, col in self.mapped().items():
            if col not in columns:
                raise MappingError(
                    Message(
                        "map.column_missing",
                        name=source,
                        role=role,
                        column=col,
                        columns=", ".join(map(str, columns[:30])),
                    )
                )
        required = ["date"] if layout == "wide" else ["date", "sku", "quantity"]
        missing = [r for r in required if getattr(self, r) is None]
        if missing:
            code = "map.choose_many" if len(missing) > 1 else "map.choose_one"
            raise MappingError(Message(code, name=source, roles=missing, layout=layout))
        used = list(self.mapped().values())
        dupes = sorted({c for c in used if used.count(c) > 1})
        if dupes:
            raise MappingError(Message("map.role_twice", name=source, column=dupes[0]))


ROLES: tuple[str, ...] = tuple(f.name for f in fields(ColumnMapping))

# Normalised names (lower case, no spaces or punctuation). Order matters within a role only for docs.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "ds",
        "day",
        "orderdate",
        "invoicedate",
        "transactiondate",
        "salesdate",
        "saledate",
        "datetime",
        "timestamp",
        "time",
        "week",
        "weekstart",
        "weekbeginning",
        "month",
        "period",
        "createdat",
        "orderedat",
        "日期",
        "时间",
        "订单日期",
        "下单日期",
        "下单时间",
        "销售日期",
        "交易日期",
        "付款时间",
        "日期时间",
        "周",
        "月份",
        "月",
    ),
    "sku": (
        "sku",
        "skuid",
        "skucode",
        "stockcode",
        "itemid",
        "itemcode",
        "itemno",
        "item",
        "productid",
        "productcode",
        "product",
        "productno",
        "article",
        "articleno",
        "articlenumber",
        "material",
        "partnumber",
        "partno",
        "asin",
        "uniqueid",
        "ean",
        "upc",
        "barcode",
        "商品编码",
        "商品编号",
        "商品代码",
        "商品id",
        "商品",
        "货号",
        "产品编码",
        "产品编号",
        "产品",
        "物料编码",
        "sku编码",
        "款号",
        "条码",
    ),
    "quantity": (
        "quantity",
        "qty",
        "units",
        "unitssold",
        "sales",
        "salesqty",
        "salesquantity",
        "sold",
        "qtysold",
        "volume",
        "demand",
        "y",
        "orderqty",
        "orderquantity",
        "pcs",
        "count",
        "销量",
        "数量",
        "销售数量",
        "销售量",
        "件数",
        "购买数量",
        "商品数量",
        "出库数量",
    ),
    "price": (
        "price",
        "unitprice",
        "sellingprice",
        "saleprice",
        "salesprice",
        "avgprice",
        "averageprice",
        "retailprice",
        "价格",
        "单价",
        "售价",
        "销售单价",
        "成交价",
        "成交单价",
    ),
    "revenue": (
        "revenue",
        "salesamount",
        "amount",
        "turnover",
        "gmv",
        "netsales",
        "totalprice",
        "linetotal",
        "total",
        "value",
        "salesvalue",
        "sum",
        "销售额",
        "金额",
        "成交金额",
        "销售金额",
        "实付金额",
        "营业额",
        "总价",
        "总金额",
    ),
    "promo": (
        "promo",
        "promotion",
        "onpromo",
        "onpromotion",
        "ispromo",
        "promoflag",
        "deal",
        "campaign",
        "discountflag",
        "促销",
        "是否促销",
        "活动",
        "促销标记",
        "促销标识",
    ),
    "store": (
        "store",
        "storeid",
        "storecode",
        "shop",
        "shopid",
        "warehouse",
        "warehouseid",
        "location",
        "branch",
        "outlet",
        "dc",
        "site",
        "门店",
        "门店编码",
        "仓库",
        "仓库编码",
        "店铺",
        "店铺编码",
        "网点",
    ),
    "category": (
        "category",
        "productcategory",
        "cat",
        "department",
        "dept",
        "productgroup",
        "group",
        "family",
        "class",
        "类目",
        "品类",
        "类别",
        "分类",
        "商品类别",
        "商品分类",
        "一级类目",
    ),
    "in_stock": ("instock", "isinstock", "available", "availability", "stockflag", "有货", "是否有货", "在库"),
    "order_id": (
        "invoice",
        "invoiceno",
        "invoicenumber",
        "invoiceid",
        "orderid",
        "order",
        "orderno",
        "ordernumber",
        "transactionid",
        "receipt",
        "receiptno",
        "订单号",
        "订单编号",
        "单号",
        "发票号",
        "交易号",
    ),
    "description": (
        "description",
        "productname",
        "itemname",
        "name",
        "title",
        "desc",
        "productdescription",
        "商品名称",
        "品名",
        "名称",
        "产品名称",
    ),
}

_NORMALISE = re.compile(r"[\s_\-./()\[\]#:（）【】]+")


def _normalise(name: str) -> str:
    return _NORMALISE.sub("", str(name)).lower()


@dataclass(frozen=True)
class MappingGuess:
    """A proposed mapping and, per role, why that column was chosen."""

    mapping: ColumnMapping
    reasons: dict[str, str]


def _name_matches(columns: list[str]) -> dict[str, str]:
    """role -> column, by exact synonym first, then by a synonym contained in the name."""
    norm = {c: _normalise(c) for c in columns}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for exact in (True, False):
        for role in ROLES:
            if role in found:
                continue
            for col in columns:
                if col in taken:
                    continue
                n = norm[col]
                hit = n in SYNONYMS[role] if exact else any(len(s) >= 3 and s in n for s in SYNONYMS[role])
                if hit:
                    found[role] = col
                    taken.add(col)
                    break
    return found


def _date_share(col: pd.Series) -> float:
    sample = col.dropna().head(500)
    if sample.empty:
        return 0.0
    if sample.dtype.kind == "M":
        return 1.0
    if sample.dtype.kind in "iuf":
        return 0.0  # numbers are dates only when named so (Excel serials look like quantities)
    try:
        parsed = parse_dates(sample.astype("str"), column=str(col.name))
    except AmbiguousDateError:
        return 1.0
    return float((~parsed.invalid & ~parsed.empty).sum() / max(1, (~parsed.empty).sum()))


def _numeric_profile(col: pd.Series) -> tuple[float, float, float]:
    """Share of numeric cells, share of whole numbers among them, median."""
    sample = col.dropna().head(2000)
    if sample.empty or sample.dtype.kind == "M":
        return 0.0, 0.0, 0.0
    parsed = parse_numbers(sample)
    ok = ~parsed.invalid & ~parsed.empty
    if ok.sum() == 0:
        return 0.0, 0.0, 0.0
    vals = parsed.values[ok]
    return float(ok.mean()), float((vals == vals.round()).mean()), float(vals.median())


def detect_mapping(frame: pd.DataFrame) -> MappingGuess:
    """Propose a mapping for a raw table from its column names and content.

    Examples
    --------
    >>> df = pd.DataFrame({"日期": ["2024-01-01"], "商品编码": ["A1"], "销量": ["3"], "促销": ["是"]})
    >>> detect_mapping(df).mapping.mapped()
    {'date': '日期', 'sku': '商品编码', 'quantity': '销量', 'promo': '促销'}
    """
    columns = [str(c) for c in frame.columns]
    found = _name_matches(columns)
    reasons: dict[str, str] = {role: Message("detect.name", column=col) for role, col in found.items()}
    taken = set(found.values())

    if "date" not in found:
        shares = {c: _date_share(frame[c]) for c in columns if c not in taken}
        best = max(shares, key=shares.get, default=None)
        if best is not None and shares[best] >= 0.9:
            found["date"], reasons["date"] = best, Message("detect.dates", share=shares[best])
            taken.add(best)

    numeric = {c: _numeric_profile(frame[c]) for c in columns if c not in taken}
    if "quantity" not in found:
        candidates = [c for c, (share, whole, _) in numeric.items() if share >= 0.95]
        if candidates and "sku" in found:
            best = max(candidates, key=lambda c: (numeric[c][1], -abs(numeric[c][2])))
            found["quantity"] = best
            reasons["quantity"] = Message("detect.whole_numbers", share=numeric[best][1])
            taken.add(best)
    if "sku" not in found:
        best, best_score = None, 0.0
        # Five or more all-number columns and no named SKU column: a wide table (one column per SKU), whose
        # value columns are not codes.
        wide_like = sum(1 for share, _, _ in numeric.values() if share >= 0.95) >= 5
        for c in columns:
            if c in taken or (numeric.get(c, (0, 0, 0))[0] >= 0.95 and (numeric[c][1] < 1.0 or wide_like)):
                continue
            sample = frame[c].dropna().astype("str").head(2000)
            if sample.empty:
                continue
            distinct = sample.nunique() / len(sample)
            short = (sample.str.len() <= 24).mean()
            no_space = (~sample.str.contains(" ", regex=False)).mean()
            score = short * no_space * (1.0 if 0.0 < distinct < 0.9 else 0.3)
            if score > best_score:
                best, best_score = c, score
        # A SKU column is only guessed for long files: several rows share a code.
        if best is not None and best_score >= 0.6 and len(frame) > frame[best].nunique():
            found["sku"], reasons["sku"] = best, Message("detect.codes")
            taken.add(best)
            if "quantity" not in found:
                rest = [c for c, (share, _, _) in numeric.items() if share >= 0.95 and c not in taken]
                if rest:
                    q = max(rest, key=lambda c: (numeric[c][1], -abs(numeric[c][2])))
                    found["quantity"], reasons["quantity"] = q, Message("detect.numbers")
                    taken.add(q)
    mapping = ColumnMapping(**{role: found.get(role) for role in ROLES})
    return MappingGuess(mapping, reasons)


@dataclass(frozen=True)
class LayoutGuess:
    layout: Layout
    reason: str


def wide_value_columns(frame: pd.DataFrame, mapping: ColumnMapping) -> list[str]:
    """In a wide file, the columns that hold one SKU's quantities: every unmapped, mostly numeric column."""
    mapped = set(mapping.mapped().values())
    out = []
    for c in frame.columns:
        if c in mapped:
            continue
        share, _, _ = _numeric_profile(frame[c])
        if share >= 0.5 or frame[c].dropna().empty:
            out.append(str(c))
    return out


def detect_layout(frame: pd.DataFrame, mapping: ColumnMapping) -> LayoutGuess:
    """Tell transaction lines, per-period totals and wide files apart.

    Wide: no SKU column and at least two numeric columns besides the date. Transactions: an order id
    column, times of day in the dates, or several rows per SKU and date. Totals otherwise.
    """
    if mapping.sku is None:
        if mapping.date is None:
            raise MappingError(Message("map.no_date_for_layout"))
        values = wide_value_columns(frame, mapping)
        if len(values) >= 2 or mapping.quantity is None:
            return LayoutGuess("wide", Message("layout.wide", n=len(values)))
    if mapping.order_id is not None:
        return LayoutGuess("transactions", Message("layout.order_column", column=mapping.order_id))
    if mapping.date is not None and mapping.sku is not None:
        sample = frame[[mapping.date, mapping.sku]].head(50_000)
        try:
            dates = parse_dates(sample[mapping.date], day_first=True, column=mapping.date).values
        except AmbiguousDateError:  # pragma: no cover - day_first is given
            dates = pd.Series(pd.NaT, index=sample.index)
        valid = dates.dropna()
        if len(valid) and (valid != valid.dt.normalize()).mean() > 0.1:
            return LayoutGuess("transactions", Message("layout.times"))
        keys = pd.DataFrame({"d": dates.dt.normalize(), "s": sample[mapping.sku].astype("str")})
        if mapping.store is not None:
            keys["st"] = frame[mapping.store].head(50_000).astype("str").to_numpy()
        dup = keys.duplicated().mean()
        if dup > 0.05:
            return LayoutGuess("transactions", Message("layout.repeats", share=dup))
    return LayoutGuess("totals", Message("layout.one_row"))
