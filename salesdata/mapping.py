"""Column mapping and layout detection.

A column gets a role (date, SKU, quantity, ...) by its name first, in English or Chinese, and by its
content when no name matches. The layout (transaction lines, per-period totals, or wide with one column
per SKU) follows from the mapping and the data. Both are proposals the user can change.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Literal

import pandas as pd

from salesdata.errors import AmbiguousDateError, MappingError
from salesdata.messages import Message
from salesdata.parsing import parse_dates

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

# "wide_dates": one row per product and one column per period (a pivot, the car-parts data), read across.
Layout = Literal["transactions", "totals", "wide", "wide_dates"]
Role = Literal[
    "date",
    "sku",
    "quantity",
    "price",
    "revenue",
    "promo",
    "store",
    "category",
    "in_stock",
    "holiday",
    "order_id",
    "description",
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
    holiday: str | None = None
    order_id: str | None = None
    description: str | None = None

    def items(self) -> list[tuple[str, str | None]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def mapped(self) -> dict[str, str]:
        return {role: col for role, col in self.items() if col is not None}

    def with_role(self, role: str, column: str | None) -> ColumnMapping:
        return replace(self, **{role: column})

    def check(self, columns: list[str], layout: Layout, source: str, count_rows: bool = False) -> None:
        """Raise :class:`MappingError` when a required role is missing or names an unknown column.

        ``count_rows``: transaction lines counted one unit per row need no quantity column.
        """
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
        if layout == "wide":
            required = ["date"]
        elif layout == "wide_dates":
            required = ["sku"]
        else:
            required = ["date", "sku"] if count_rows else ["date", "sku", "quantity"]
        missing = [r for r in required if getattr(self, r) is None]
        if missing:
            code = "map.choose_many" if len(missing) > 1 else "map.choose_one"
            raise MappingError(Message(code, name=source, roles=missing, layout=layout))
        used = list(self.mapped().values())
        dupes = sorted({c for c in used if used.count(c) > 1})
        if dupes:
            raise MappingError(Message("map.role_twice", name=source, column=dupes[0]))


ROLES: tuple[str, ...] = tuple(f.name for f in fields(ColumnMapping))
# Each role's name as a coded message (said in the interface's language inside other messages).
ROLE_NAMES: dict[str, str] = {
    "date": "rolename.date",
    "sku": "rolename.sku",
    "quantity": "rolename.quantity",
    "price": "rolename.price",
    "revenue": "rolename.revenue",
    "promo": "rolename.promo",
    "store": "rolename.store",
    "category": "rolename.category",
    "in_stock": "rolename.in_stock",
    "holiday": "rolename.holiday",
    "order_id": "rolename.order_id",
    "description": "rolename.description",
}

# Normalised names (lower case, no spaces or punctuation). An exact match scores higher than a synonym
# contained in a longer name; within a role, earlier synonyms win a tie. English and Chinese, including the
# headers of common platform and ERP exports (Shopify, Amazon, eBay, Square, Taobao/Tmall, JD, Pinduoduo).
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
        "purchasedate",
        "createdat",
        "orderedat",
        "dateordered",
        "orderdatetime",
        "documentdate",
        "postingdate",
        "datetime",
        "timestamp",
        "time",
        "week",
        "weekstart",
        "weekbeginning",
        "weekending",
        "month",
        "yearmonth",
        "period",
        "日期",
        "时间",
        "订单日期",
        "下单日期",
        "下单时间",
        "订单创建时间",
        "创建时间",
        "成交时间",
        "订单成交时间",
        "订单提交时间",
        "销售日期",
        "交易日期",
        "交易时间",
        "付款时间",
        "支付时间",
        "订单付款时间",
        "日期时间",
        "周",
        "月份",
        "月",
        "datum",
        "verkaufsdatum",
        "fecha",
        "fechadeventa",
        "fechaventa",
    ),
    "sku": (
        "sku",
        "skuid",
        "skucode",
        "stockcode",
        "itemid",
        "itemcode",
        "itemno",
        "itemnbr",
        "itemnumber",
        "item",
        "productid",
        "productcode",
        "productsku",
        "sellersku",
        "merchantsku",
        "lineitemsku",
        "customlabel",
        "product",
        "productno",
        "article",
        "articleno",
        "articlenumber",
        "articlecode",
        "material",
        "materialnumber",
        "partnumber",
        "partno",
        "part",
        "asin",
        "uniqueid",
        "ean",
        "upc",
        "barcode",
        "mealid",
        "商品编码",
        "商品编号",
        "商品代码",
        "商品id",
        "商家编码",
        "商家sku编码",
        "sku编码",
        "skuid",
        "商品sku",
        "规格编码",
        "货品编码",
        "货品编号",
        "宝贝id",
        "货号",
        "产品编码",
        "产品编号",
        "物料编码",
        "物料号",
        "款号",
        "条码",
        "artikel",
        "artikelnummer",
        "artikelnr",
        "materialnummer",
        "producto",
        "codigo",
        "codigoproducto",
        "referencia",
        "produit",
        "reference",
    ),
    "quantity": (
        "quantity",
        "qty",
        "units",
        "unitssold",
        "unitsordered",
        "quantityordered",
        "qtyordered",
        "qtysold",
        "sales",
        "salesqty",
        "salesquantity",
        "salesunits",
        "unitsales",
        "sold",
        "volume",
        "demand",
        "y",
        "orderqty",
        "orderquantity",
        "itemcntday",
        "itemcount",
        "numorders",
        "netquantity",
        "pcs",
        "count",
        "cnt",
        "销量",
        "数量",
        "销售数量",
        "销售量",
        "件数",
        "购买数量",
        "商品数量",
        "宝贝总数量",
        "订购数量",
        "商品件数",
        "销售件数",
        "出库数量",
        "数量件",
        "menge",
        "anzahl",
        "absatz",
        "cantidad",
        "unidades",
        "quantite",
    ),
    "price": (
        "price",
        "unitprice",
        "itemprice",
        "lineitemprice",
        "priceperunit",
        "sellingprice",
        "saleprice",
        "salesprice",
        "avgprice",
        "averageprice",
        "retailprice",
        "checkoutprice",
        "dealprice",
        "soldfor",
        "价格",
        "单价",
        "售价",
        "销售单价",
        "成交价",
        "成交单价",
        "商品价格",
        "商品单价",
        "京东价",
        "baseprice",
        "regularprice",
        "商品单价元",
        "单价元",
        "preis",
        "einzelpreis",
        "precio",
        "preciounitario",
        "prix",
        "prixunitaire",
    ),
    "revenue": (
        "revenue",
        "salesamount",
        "amount",
        "turnover",
        "gmv",
        "netsales",
        "grosssales",
        "totalprice",
        "totalamount",
        "linetotal",
        "lineamount",
        "extendedprice",
        "itemtotal",
        "orderedproductsales",
        "total",
        "value",
        "salesvalue",
        "sum",
        "销售额",
        "金额",
        "成交金额",
        "销售金额",
        "实付金额",
        "商品总价",
        "营业额",
        "总价",
        "总金额",
        "spend",
        "productsubtotal",
        "subtotal",
        "paidprice",
        "salesamountactual",
        "grossamount",
        "netamount",
        "umsatz",
        "ventas",
        "importe",
        "chiffredaffaires",
    ),
    "promo": (
        "promo",
        "promotion",
        "onpromo",
        "onpromotion",
        "ispromo",
        "promoflag",
        "emailerforpromotion",
        "homepagefeatured",
        "deal",
        "campaign",
        "discountflag",
        "促销",
        "是否促销",
        "活动",
        "促销标记",
        "促销标识",
        "feature",
        "display",
        "tpr",
        "tpronly",
        "promotions",
        "是否打折",
        "是否打折销售",
        "打折",
    ),
    "store": (
        "store",
        "storeid",
        "storenbr",
        "storeno",
        "storecode",
        "storename",
        "shop",
        "shopid",
        "shopname",
        "warehouse",
        "warehouseid",
        "warehousecode",
        "location",
        "locationid",
        "branch",
        "outlet",
        "dc",
        "site",
        "plant",
        "agency",
        "distributor",
        "centerid",
        "center",
        "门店",
        "门店编码",
        "门店名称",
        "仓库",
        "仓库编码",
        "仓库名称",
        "店铺",
        "店铺编码",
        "店铺名称",
        "店铺id",
        "网点",
        "filiale",
        "lager",
        "tienda",
        "almacen",
        "sucursal",
        "magasin",
        "entrepot",
    ),
    "category": (
        "category",
        "productcategory",
        "categoryname",
        "subcategory",
        "productline",
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
        "商品类目",
        "一级类目",
    ),
    "in_stock": (
        "instock",
        "isinstock",
        "available",
        "availability",
        "stockflag",
        "open",
        "isopen",
        "storeopen",
        "有货",
        "是否有货",
        "在库",
        "营业",
    ),
    "holiday": (
        "holiday",
        "isholiday",
        "stateholiday",
        "schoolholiday",
        "publicholiday",
        "holidayflag",
        "节假日",
        "是否节假日",
        "假日",
    ),
    "order_id": (
        "invoice",
        "invoiceno",
        "invoicenumber",
        "invoiceid",
        "orderid",
        "amazonorderid",
        "order",
        "orderno",
        "ordernumber",
        "documentnumber",
        "documentno",
        "docno",
        "salesorder",
        "transactionid",
        "receipt",
        "receiptno",
        "receiptnumber",
        "订单号",
        "订单编号",
        "订单id",
        "子订单编号",
        "主订单编号",
        "单号",
        "发票号",
        "交易号",
        "ticket",
        "ticketno",
        "ticketnumber",
        "ticketid",
        "小票号",
        "流水号",
    ),
    "description": (
        "description",
        "productname",
        "itemname",
        "itemtitle",
        "lineitemname",
        "name",
        "title",
        "desc",
        "productdescription",
        "商品名称",
        "商品标题",
        "宝贝标题",
        "货品名称",
        "品名",
        "名称",
        "产品名称",
        "选购商品",
        "商品",
        "产品",
        "itemdescription",
        "宝贝名称",
    ),
}


@dataclass(frozen=True)
class MappingGuess:
    """A proposed mapping and, per role, why that column was chosen.

    ``detection`` holds the whole proposal (scores, runner-ups, series key, layout, wide products); see
    :func:`salesdata.detect.detect_roles`.
    """

    mapping: ColumnMapping
    reasons: dict[str, str]
    detection: object = None


def detect_mapping(frame: pd.DataFrame) -> MappingGuess:
    """Propose a mapping for a raw table from its column names and content (see :mod:`salesdata.detect`).

    Examples
    --------
    >>> df = pd.DataFrame({"日期": ["2024-01-01"], "商品编码": ["A1"], "销量": ["3"], "促销": ["是"]})
    >>> detect_mapping(df).mapping.mapped()
    {'date': '日期', 'sku': '商品编码', 'quantity': '销量', 'promo': '促销'}
    """
    from salesdata.detect import detect_roles

    detection = detect_roles(frame)
    return MappingGuess(detection.mapping, detection.reasons, detection)


@dataclass(frozen=True)
class LayoutGuess:
    layout: Layout
    reason: str


def wide_value_columns(frame: pd.DataFrame, mapping: ColumnMapping) -> list[str]:
    """In a wide file, the columns that hold one product's quantities (flags, calendar helpers, counters and
    paired promotion or price columns excluded; see :func:`salesdata.detect.wide_series`)."""
    from salesdata.detect import wide_series

    series, _ = wide_series(frame, mapping)
    return [w.quantity for w in series]


def detect_layout(frame: pd.DataFrame, mapping: ColumnMapping) -> LayoutGuess:
    """Tell transaction lines, per-period totals and wide files apart.

    Wide: no SKU column and at least two numeric columns besides the date. Transactions: an order id
    column, times of day in the dates, or several rows per SKU and date. Totals otherwise.
    """
    if mapping.date is None and mapping.sku is not None:
        from salesdata.detect import date_header_columns

        if len(date_header_columns([str(c) for c in frame.columns])) >= 3:
            return LayoutGuess("wide_dates", Message("layout.wide_dates", n=len(date_header_columns(frame.columns))))
    if mapping.sku is None:
        if mapping.date is None:
            raise MappingError(Message("map.no_date_for_layout"))
        from salesdata.detect import wide_series

        series, reason = wide_series(frame, mapping)
        if len(series) >= 2 or mapping.quantity is None:
            return LayoutGuess("wide", reason)
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
