"""Lines that are not sales of merchandise (postage, carriage, fees, bank charges, discounts, adjustments),
and lines of orders that did not stand (cancelled, voided, refunded).

Shops book these on the same invoice as the goods (the UCI shop's ``POST``, ``DOT``, ``M``, ``D``, ``C2``,
``BANK CHARGES``, ``AMAZONFEE``), and a forecast of "POSTAGE" is noise that also distorts the ABC classes.
They are recognised by their code and by their description, listed, and offered for exclusion; excluded
rows are reported with the reason ``excluded_sku``, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from salesdata.mapping import ColumnMapping

__all__ = ["CancelledLines", "NonMerchandise", "find_cancelled", "find_non_merchandise"]

# Codes that shops use for service lines (exact, case-insensitive after trimming).
_CODES = {
    "POST": "postage",
    "DOT": "postage",
    "C2": "carriage",
    "M": "manual adjustment",
    "D": "discount",
    "S": "samples",
    "B": "adjustment",
    "CRUK": "commission",
    "BANK CHARGES": "bank charges",
    "AMAZONFEE": "fee",
    "ADJUST": "adjustment",
    "ADJUST2": "adjustment",
    "SHIPPING": "shipping",
    "FREIGHT": "freight",
    "DISCOUNT": "discount",
    "FEE": "fee",
}
# Descriptions (whole words; English and Chinese).
_WORDS = [
    (re.compile(r"^(?:dotcom )?postage$|\bpostage (?:charges?|costs?|and packing)\b", re.I), "postage"),
    (re.compile(r"^(?:next day |express )?carriage$|\bcarriage (?:charges?|costs?)\b", re.I), "carriage"),
    (
        re.compile(r"\b(?:shipping|delivery|freight) (?:charges?|costs?|fees?)\b|^shipping$|^delivery$", re.I),
        "shipping",
    ),
    (re.compile(r"\bbank charges?\b", re.I), "bank charges"),
    (re.compile(r"\b(?:amazon|ebay|paypal|marketplace|platform|service|transaction|payment) fees?\b", re.I), "fee"),
    (re.compile(r"\bcommission\b", re.I), "commission"),
    (re.compile(r"^discount$|\bcoupon\b|^voucher$", re.I), "discount"),
    (re.compile(r"^manual$|\bmanual adjustment\b|\badjust(?:ment)?\b|\bbad debt\b", re.I), "adjustment"),
    (re.compile(r"^samples?$", re.I), "samples"),
    (re.compile(r"运费|邮费|快递费|手续费|服务费|佣金|补差价|调整|优惠券"), "fee"),
]


@dataclass(frozen=True)
class NonMerchandise:
    """One code whose lines are not merchandise sales."""

    code: str
    description: str
    kind: str
    rows: int


def _kind(code: str, description: str | None) -> str | None:
    """What a service line is, or None for merchandise. One- or two-letter codes (M, D, S, B) count only
    when the description agrees, since a size or a short product code can look the same."""
    by_code = _CODES.get(code.strip().upper())
    by_words = None
    for pattern, label in _WORDS:
        if description and pattern.search(description.strip()):
            by_words = label
            break
    if len(code.strip()) <= 2:
        # Without a description to agree, a one- or two-letter code (B, M, S) is as likely a product or a size.
        return by_code if by_words else None
    return by_code or by_words


def find_non_merchandise(frame: pd.DataFrame, mapping: ColumnMapping) -> tuple[NonMerchandise, ...]:
    """Codes of a long file whose code or most common description says postage, fees, discounts...

    Examples
    --------
    >>> f = pd.DataFrame({"StockCode": ["85123A", "POST", "POST", "22423", "M"],
    ...                   "Description": ["WHITE HANGING HEART", "POSTAGE", "POSTAGE", "REGENCY CAKESTAND", "Manual"]})
    >>> [(n.code, n.kind, n.rows) for n in find_non_merchandise(f, ColumnMapping(sku="StockCode", description="Description"))]
    [('POST', 'postage', 2), ('M', 'manual adjustment', 1)]
    """
    if mapping.sku is None or mapping.sku not in frame.columns:
        return ()
    codes = frame[mapping.sku]
    if codes.dtype.kind == "f":
        whole = codes.dropna()
        if (whole == whole.round()).all():
            codes = codes.astype("Int64")
    codes = codes.astype("str").str.strip()
    counts = codes.value_counts(sort=False)
    has_description = mapping.description is not None and mapping.description in frame.columns
    descriptions: dict[str, str] = {}
    if has_description:
        pairs = pd.DataFrame({"c": codes, "d": frame[mapping.description].astype("str").str.strip()})
        top = pairs.value_counts().reset_index().drop_duplicates("c")
        descriptions = dict(zip(top["c"], top["d"], strict=True))
    found = []
    for code, n in counts.items():
        if code in ("", "nan", "None", "<NA>"):
            continue
        description = descriptions.get(str(code), "") if has_description else None
        kind = _kind(str(code), description)
        if kind:
            found.append(NonMerchandise(str(code), description or "", kind, int(n)))
    order = {c: i for i, c in enumerate(pd.unique(codes.to_numpy()))}
    return tuple(sorted(found, key=lambda x: order.get(x.code, np.inf)))


@dataclass(frozen=True)
class CancelledLines:
    """Lines of cancelled, voided or refunded orders, found by an order-status column."""

    column: str
    values: tuple[str, ...]
    rows: int


_STATUS_NAME = re.compile(r"status|订单状态|交易状态|退款状态|estado|zustand|statut", re.I)
_CANCELLED = re.compile(
    r"cancel|void|refund|closed|declin|fail|return|取消|关闭|退款|已退|失败|anulad|cancelad|devuel|storn|annul",
    re.I,
)


def find_cancelled(frame: pd.DataFrame) -> CancelledLines | None:
    """An order-status column and its values that mean the sale did not stand (cancelled, voided, refunded,
    closed unpaid), when those are a minority of the rows.

    Examples
    --------
    >>> f = pd.DataFrame({"Status": ["Shipped"] * 8 + ["Cancelled", "Refunded"]})
    >>> find_cancelled(f)
    CancelledLines(column='Status', values=('Cancelled', 'Refunded'), rows=2)
    """
    for col in frame.columns:
        name = re.sub(r"[\s_\-./()]+", "", str(col)).lower()
        if not _STATUS_NAME.search(name) or re.search(r"fulfil|ship|deliver|payment|发货|物流|支付", name):
            continue
        values = frame[col].astype("str").str.strip()
        counts = values[~values.isin(["", "nan", "None"])].value_counts()
        if counts.empty or len(counts) > 30:
            continue
        # A partial refund leaves most of the order standing: those lines stay.
        bad = [v for v in counts.index if _CANCELLED.search(v) and "partial" not in v.lower()]
        rows = int(counts[bad].sum()) if bad else 0
        if bad and rows <= 0.5 * counts.sum():
            return CancelledLines(str(col), tuple(sorted(bad)), rows)
    return None
