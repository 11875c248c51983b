"""Row-level validation: every input row is used or rejected with a reason.

The first failing check names the reason, in the order of :data:`REASONS`. Returns (negative quantities)
are netted by default; exact duplicate rows are always counted and, for totals, dropped by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from salesdata.detect import date_header_columns
from salesdata.errors import MappingError
from salesdata.mapping import ColumnMapping, Layout, detect_layout, wide_value_columns
from salesdata.messages import Message, message_of
from salesdata.parsing import parse_dates, parse_flags, parse_numbers
from salesdata.reading import TOO_MANY_FIELDS, RawTable

__all__ = [
    "REASONS",
    "WARNINGS",
    "IngestOptions",
    "ValidatedLines",
    "validate_rows",
]

# Reason code -> English description. Codes are stable ids (translations and the CLI key on them).
REASONS: dict[str, str] = {
    TOO_MANY_FIELDS: "more fields than the header",
    "missing_sku": "SKU is empty",
    "missing_date": "date is empty",
    "bad_date": "date cannot be read",
    "date_too_early": "date before 1980",
    "future_date": "date after the as-of date",
    "missing_quantity": "quantity is empty",
    "bad_quantity": "quantity is not a number",
    "huge_quantity": "quantity larger than 1e9 in absolute value",
    "return_excluded": "return (negative quantity) excluded by the returns setting",
    "duplicate_row": "exact duplicate of an earlier row",
    "before_first_sale": "dated before the SKU's first net sale",
    "no_net_sales": "the SKU has no net sales at all",
    "incomplete_last_period": "falls in the incomplete last period",
    "excluded_sku": "not merchandise (postage, fees, discounts, adjustments): excluded by the reading settings",
    "cancelled_order": "the order was cancelled, voided or refunded (order status): excluded by the reading settings",
    "not_selected": "column not chosen as a SKU",
}

# Cell problems on rows that are still used: counted, the value set to a default.
WARNINGS: dict[str, str] = {
    "bad_price": "price unreadable or negative: left blank",
    "bad_promo": "promo flag unreadable: read as no promotion",
    "bad_in_stock": "in-stock flag unreadable: read as in stock",
}

EARLIEST_DATE = pd.Timestamp("1980-01-01")
MAX_ABS_QUANTITY = 1e9


@dataclass(frozen=True)
class IngestOptions:
    """Choices that change how rows become sales lines.

    Attributes
    ----------
    layout : {"auto", "transactions", "totals", "wide", "wide_dates"}
        File layout; "auto" detects it.
    day_first : bool | None
        Date order for numeric dates like 03/04/2024; None detects it and asks when undecidable.
    decimal : {"auto", ".", ","}
        Decimal mark for numbers written as text.
    returns : {"net", "exclude"}
        Negative quantities: subtract them from the period's sales, or reject them.
    duplicates : {"auto", "keep", "drop"}
        Exact duplicate rows: "auto" drops them for totals and wide files, keeps them for transaction
        lines (two identical order lines can be real). They are counted either way.
    stores : {"sum", "separate"}
        With a store column: add stores up, or keep ``sku@store`` series.
    as_of : date | None
        Rows dated after this are rejected as future dates; None means today.
    wide_columns : tuple[str, ...] | None
        For wide files, the SKU columns to use; None takes every numeric column.
    wide_links : tuple[tuple[str, str, str, str], ...]
        For wide files whose columns pair up by name: per product ``(quantity column, SKU id, promotion column,
        price column)``, ``""`` where there is none. Takes precedence over ``wide_columns``.
    exclude_skus : tuple[str, ...]
        Codes whose rows are not sales of merchandise (postage, fees, discounts): rejected as ``excluded_sku``.
    week_start : int | None
        Weekly panels: the weekday weeks start on (0 = Monday .. 6 = Sunday); None takes a weekly file's own
        weekday, and Monday for daily data.
    count_rows : bool
        Transaction lines without a quantity column (one row per unit sold, as Lazada and Olist export): each
        row counts one unit.
    negate_quantity : bool
        Quantities are stock movements, sales written negative (an ERP's item ledger): read them with the sign
        turned, so sales are positive and returns negative.
    status_column, excluded_status : str | None, tuple[str, ...]
        An order-status column and its values whose lines are rejected as ``cancelled_order``. With an order id,
        a status written on an order's first line only (Shopify) applies to all its lines.
    """

    layout: Literal["auto", "transactions", "totals", "wide", "wide_dates"] = "auto"
    day_first: bool | None = None
    decimal: Literal["auto", ".", ","] = "auto"
    returns: Literal["net", "exclude"] = "net"
    duplicates: Literal["auto", "keep", "drop"] = "auto"
    stores: Literal["sum", "separate"] = "sum"
    as_of: date | None = None
    wide_columns: tuple[str, ...] | None = None
    wide_links: tuple[tuple[str, str, str, str], ...] = ()
    exclude_skus: tuple[str, ...] = ()
    week_start: int | None = None
    count_rows: bool = False
    negate_quantity: bool = False
    status_column: str | None = None
    excluded_status: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidatedLines:
    """Output of :func:`validate_rows`.

    Attributes
    ----------
    lines : pd.DataFrame
        Used rows: ``unique_id, ds, y`` plus ``price, promo, in_stock`` when mapped, and ``_line`` (the
        position in ``reasons``).
    reasons : np.ndarray
        Per input unit (row, or cell of a wide file), the reason code or ``""`` when used.
    row_numbers : np.ndarray
        Per input unit, its row number in the file.
    columns : np.ndarray | None
        For wide files, per input unit, the SKU column it came from.
    """

    lines: pd.DataFrame
    reasons: np.ndarray
    row_numbers: np.ndarray
    columns: np.ndarray | None
    layout: Layout
    layout_reason: str
    date_format: str
    day_first: bool | None
    decimal: str
    date_evidence: tuple
    duplicate_rows: int
    duplicates_dropped: bool
    return_rows: int
    return_units: float
    warnings: dict[str, int]
    attributes: pd.DataFrame


def _clean_ids(values: pd.Series) -> pd.Series:
    """SKU or store codes as trimmed strings; Excel's 10002.0 becomes 10002."""
    if values.dtype.kind == "f":
        whole = values.dropna()
        if (whole == whole.round()).all():
            values = values.astype("Int64")
    out = values.astype("str").str.strip()
    return out.where(values.notna(), "")


def _mode_by(keys: np.ndarray, values: pd.Series) -> pd.Series:
    """Most frequent non-blank value per key (first seen wins a tie)."""
    key_codes, key_uniques = pd.factorize(pd.Series(keys))
    val_codes, val_uniques = pd.factorize(values.reset_index(drop=True))
    texts = pd.Series(val_uniques, dtype="object").astype("str").str.strip()
    blank = texts.isin(["", "nan", "None", "NaN"]).to_numpy()
    ok = val_codes >= 0
    ok[ok] = ~blank[val_codes[ok]]
    if not ok.any():
        return pd.Series(dtype="str")
    pair = key_codes[ok].astype("int64") * len(val_uniques) + val_codes[ok]
    pairs, counts = np.unique(pair, return_counts=True)
    order = np.lexsort((-counts, pairs // len(val_uniques)))
    best = pairs[order]
    first = np.r_[True, (best[1:] // len(val_uniques)) != (best[:-1] // len(val_uniques))]
    chosen = best[first]
    return pd.Series(
        texts.to_numpy()[chosen % len(val_uniques)],
        index=np.asarray(key_uniques, dtype=object)[chosen // len(val_uniques)],
    )


def validate_rows(raw: RawTable, mapping: ColumnMapping, options: IngestOptions | None = None) -> ValidatedLines:
    """Check every row of a raw table against the mapping and turn the good ones into sales lines.

    Raises
    ------
    MappingError
        A required role is not mapped, or names a column the file lacks.
    AmbiguousDateError
        Dates read both day-first and month-first and ``options.day_first`` is None.
    """
    options = options or IngestOptions()
    frame = raw.frame
    if options.layout == "auto":
        try:
            guess = detect_layout(frame, mapping)
        except MappingError as exc:
            raise MappingError(
                Message("map.in_file", name=raw.source_name, detail=message_of(exc) or str(exc))
            ) from exc
        layout, layout_reason = guess.layout, guess.reason
    else:
        layout, layout_reason = options.layout, Message("layout.chosen")
    count_rows = options.count_rows and layout == "transactions" and mapping.quantity is None
    mapping.check([str(c) for c in frame.columns], layout, raw.source_name, count_rows=count_rows)

    # Exact duplicates are judged on the whole raw row, before any parsing.
    try:
        hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    except TypeError:  # unhashable cells in object columns (Excel)
        hashes = pd.util.hash_pandas_object(frame.astype("str"), index=False).to_numpy()
    is_dup = pd.Series(hashes).duplicated(keep="first").to_numpy() & (raw.read_rejects.to_numpy() == "")
    drop_dups = options.duplicates == "drop" or (options.duplicates == "auto" and layout != "transactions")

    n_rows = len(frame)
    wide_cols: np.ndarray | None = None
    links = [link for link in options.wide_links if link[0] in frame.columns] if layout == "wide" else []
    missing = sorted({c for link in links for c in link[2:] if c and c not in frame.columns})
    if missing:
        raise MappingError(
            Message(
                "map.column_missing",
                name=raw.source_name,
                role="promotion/price",
                column=missing[0],
                columns=", ".join(map(str, list(frame.columns)[:30])),
            )
        )
    if layout == "wide":
        if links:
            value_cols = [link[0] for link in links]
        elif options.wide_columns is not None:
            value_cols = list(options.wide_columns)
        else:
            value_cols = wide_value_columns(frame, mapping)
        if not value_cols:
            raise MappingError(Message("map.wide_no_numeric", name=raw.source_name))
        k = len(value_cols)
        row_pos = np.repeat(np.arange(n_rows), k)
        wide_cols = np.tile(np.asarray(value_cols, dtype=object), n_rows)
        ids = [link[1] or link[0] for link in links] if links else value_cols
        sku = pd.Series(np.tile(np.asarray(ids, dtype=object), n_rows).astype("str"), dtype="str")
        qty_raw = pd.Series(frame[value_cols].to_numpy().ravel())
    elif layout == "wide_dates":
        value_cols = (
            list(options.wide_columns) if options.wide_columns is not None else date_header_columns(frame.columns)
        )
        if not value_cols:
            raise MappingError(Message("map.wide_no_numeric", name=raw.source_name))
        k = len(value_cols)
        row_pos = np.repeat(np.arange(n_rows), k)
        wide_cols = np.tile(np.asarray(value_cols, dtype=object), n_rows)
        sku = _clean_ids(frame[mapping.sku]).iloc[row_pos].reset_index(drop=True)
        qty_raw = pd.Series(frame[value_cols].to_numpy().ravel())
    else:
        row_pos = np.arange(n_rows)
        sku = _clean_ids(frame[mapping.sku])
        qty_raw = pd.Series(np.ones(n_rows)) if count_rows else frame[mapping.quantity].reset_index(drop=True)

    def per_unit(col: str) -> pd.Series:
        s = frame[col].reset_index(drop=True)
        return s if layout not in ("wide", "wide_dates") else s.iloc[row_pos].reset_index(drop=True)

    n = len(row_pos)
    reasons = np.full(n, "", dtype=object)

    def reject(mask: np.ndarray, code: str) -> None:
        reasons[mask & (reasons == "")] = code

    reject(raw.read_rejects.to_numpy()[row_pos] != "", TOO_MANY_FIELDS)
    reject((sku == "").to_numpy(), "missing_sku")
    if options.exclude_skus:
        reject(sku.isin(list(options.exclude_skus)).to_numpy(), "excluded_sku")
    if options.status_column and options.excluded_status and options.status_column in frame.columns:
        status = frame[options.status_column].reset_index(drop=True).astype("str").str.strip()
        cancelled = status.isin(list(options.excluded_status))
        if mapping.order_id is not None and mapping.order_id in frame.columns:
            # The status may sit on an order's first line only: every line of that order goes; a line without
            # an order number goes by its own status.
            raw_ids = frame[mapping.order_id].reset_index(drop=True)
            orders = raw_ids.astype("str").str.strip()
            known = raw_ids.notna() & ~orders.isin(["", "nan", "None", "<NA>"])
            bad_orders = set(orders[cancelled & known])
            cancelled = cancelled | (known & orders.isin(bad_orders))
        reject(cancelled.to_numpy()[row_pos], "cancelled_order")

    if layout == "wide_dates":
        # The dates are the column headers: one per value column, repeated down the rows.
        dates = parse_dates(pd.Series(value_cols, dtype="str"), options.day_first, "header")
        ds = np.tile(dates.values.to_numpy(), n_rows)
        reject(np.tile(dates.empty | dates.invalid, n_rows), "bad_date")
    else:
        date_col = mapping.date
        assert date_col is not None  # mapping.check requires a date column in every other layout
        dates = parse_dates(frame[date_col].reset_index(drop=True), options.day_first, date_col)
        ds = dates.values.to_numpy()[row_pos]
        reject(dates.empty[row_pos], "missing_date")
        reject(dates.invalid[row_pos], "bad_date")
    as_of = pd.Timestamp(options.as_of or date.today())
    ds_series = pd.Series(ds)
    reject((ds_series < EARLIEST_DATE).to_numpy(), "date_too_early")
    reject((ds_series.dt.normalize() > as_of).to_numpy(), "future_date")

    qty = parse_numbers(qty_raw, options.decimal)
    reject(qty.empty, "missing_quantity")
    reject(qty.invalid, "bad_quantity")
    y = qty.values.to_numpy()
    if options.negate_quantity:
        y = -y
    reject(np.abs(np.nan_to_num(y)) > MAX_ABS_QUANTITY, "huge_quantity")
    if options.returns == "exclude":
        reject(np.nan_to_num(y) < 0, "return_excluded")
    dup_units = is_dup[row_pos]
    duplicate_rows = int(is_dup.sum())
    if drop_dups:
        reject(dup_units, "duplicate_row")

    used = reasons == ""
    unique_id = sku.to_numpy()
    if mapping.store is not None and options.stores == "separate":
        store = _clean_ids(per_unit(mapping.store)).to_numpy()
        unique_id = np.where(store == "", unique_id, unique_id.astype(object) + "@" + store.astype(object))

    lines = pd.DataFrame(
        {
            "unique_id": pd.Series(unique_id[used], dtype="str"),
            "ds": pd.Series(ds[used]).astype("datetime64[us]"),
            "y": y[used].astype("float64"),
        }
    )
    warnings: dict[str, int] = {}
    price = None
    if mapping.price is not None:
        p = parse_numbers(per_unit(mapping.price), options.decimal)
        bad = (p.invalid | (np.nan_to_num(p.values.to_numpy()) < 0)) & used
        price = p.values.to_numpy().copy()
        price[p.invalid | (np.nan_to_num(price) < 0)] = np.nan
        warnings["bad_price"] = int(bad.sum())
    elif mapping.revenue is not None:
        r = parse_numbers(per_unit(mapping.revenue), options.decimal).values.to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            price = np.where(y > 0, r / y, np.nan)
        price[~np.isfinite(price) | (price < 0)] = np.nan
    if price is not None:
        lines["price"] = price[used]

    def paired(position: int) -> pd.Series | None:
        """A wide file's per-product column (promotion 2, price 3), cell by cell, or None without pairs."""
        cols = [link[position] for link in links]
        if not any(cols):
            return None
        block = frame[[c for c in cols if c]].reset_index(drop=True)
        out = np.full((n_rows, len(cols)), None, dtype=object)
        for j, c in enumerate(cols):
            if c:
                out[:, j] = block[c].to_numpy(dtype=object)
        return pd.Series(out.ravel(), dtype=object)

    wide_price = paired(3) if links else None
    if wide_price is not None and mapping.price is None:
        p = parse_numbers(wide_price, options.decimal)
        price = p.values.to_numpy().copy()
        price[p.invalid | (np.nan_to_num(price) < 0)] = np.nan
        warnings["bad_price"] = int(((p.invalid | (np.nan_to_num(p.values.to_numpy()) < 0)) & used).sum())
        lines["price"] = price[used]
    wide_promo = paired(2) if links else None
    if wide_promo is not None:
        flags, bad = parse_flags(wide_promo)
        lines["promo"] = flags.fillna(0.0).to_numpy()[used]
        warnings["bad_promo"] = int((bad & used).sum())
    elif mapping.promo is not None:
        flags, bad = parse_flags(per_unit(mapping.promo))
        lines["promo"] = flags.fillna(0.0).to_numpy()[used]
        warnings["bad_promo"] = int((bad & used).sum())
    if mapping.in_stock is not None:
        flags, bad = parse_flags(per_unit(mapping.in_stock))
        lines["in_stock"] = flags.fillna(1.0).to_numpy()[used]
        warnings["bad_in_stock"] = int((bad & used).sum())
    if mapping.holiday is not None:
        # Holiday columns often hold codes ("0", "a" public, "b" Easter, "c" Christmas): any value but a
        # "no" is a holiday.
        flags, bad = parse_flags(per_unit(mapping.holiday))
        lines["holiday"] = flags.where(~bad, 1.0).fillna(0.0).to_numpy()[used]
    lines["_line"] = np.flatnonzero(used)

    returns = used & (np.nan_to_num(y) < 0)
    attributes = pd.DataFrame(
        index=pd.Index(np.sort(lines["unique_id"].drop_duplicates().to_numpy(dtype=object)), name="unique_id")
    )
    for role in ("category", "description", "store"):
        col = getattr(mapping, role)
        if col is not None:
            attributes[role] = _mode_by(unique_id[used], per_unit(col)[used])

    return ValidatedLines(
        lines=lines,
        reasons=reasons,
        row_numbers=raw.row_numbers[row_pos],
        columns=wide_cols,
        layout=layout,
        layout_reason=layout_reason,
        date_format=dates.format,
        day_first=dates.day_first,
        date_evidence=dates.evidence,
        decimal=qty.decimal,
        duplicate_rows=duplicate_rows,
        duplicates_dropped=drop_dups,
        return_rows=int(returns.sum()),
        return_units=float(-y[returns].sum()),
        warnings={k: v for k, v in warnings.items() if v},
        attributes=attributes.reset_index(),
    )
