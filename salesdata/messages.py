"""Messages that keep their code: English text for logs and the command line, a code for the interface.

A :class:`Message` is a ``str`` (the English text), so it goes wherever a message string went before, and it
carries ``code`` and ``params`` so an interface can say it in another language (``ui.i18n.msg``). Each domain
package keeps its English templates in a ``MESSAGES`` dict and a ``Message`` subclass that reads them; the
interface's catalogues hold ``msg.<code>`` for every code, in every language.

Parameters that are lists are joined as a phrase ("date and sku"); parameters that are messages are said
in the same language as the message around them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = ["MESSAGES", "Message", "join_list", "keep_messages", "message_of"]

MESSAGES: dict[str, str] = {
    # reading a file
    "read.wrong_extension": (
        "{name}: the name says {suffix} but the content is not a {kind} file. "
        "Save it again from the program that made it, or upload it as CSV."
    ),
    "read.workbook_unopenable": "{name}: the workbook cannot be opened ({detail}).",
    "read.gzip_damaged": (
        "{name}: the gzip file is damaged ({detail}). Compress it again, or upload the file uncompressed."
    ),
    "read.bad_header_row": (
        "Row {row} cannot be the header: it is blank or past the end of the file (last row {last}). "
        "Choose the row that holds the column names."
    ),
    "read.too_big": (
        "{name} is {mb:,.0f} MB; the limit is {limit:,.0f} MB. Aggregate it to daily totals, or split it by period."
    ),
    "read.empty": "{name} is empty. Export the sales table again and upload that file.",
    "read.too_many_rows": (
        "{name} has more than {limit:,} data rows. Aggregate it to daily totals per SKU first, or split it into "
        "smaller files."
    ),
    "read.too_many_columns": (
        "{name} has {cols:,} columns; the limit is {limit:,}. A wide file needs one column per SKU: split the "
        "catalogue, or export it in long form (date, SKU, quantity)."
    ),
    "read.binary": "{name} is not a text table (it contains binary data). Upload a CSV, Excel or Parquet file.",
    "read.bad_encoding": "{name} cannot be read as {encoding}: {detail}. Choose another encoding.",
    "read.no_rows": "{name} has no rows. Export the sales table again and upload that file.",
    "read.unsplittable": "{name} cannot be split into columns ({detail}). Check the delimiter.",
    "read.header_only": "{name} has a header but no data rows.",
    "read.no_sheets": "{name} has no sheets.",
    "read.no_such_sheet": "{name} has no sheet '{sheet}'. Its sheets are: {sheets}.",
    "read.sheet_unreadable": "{name}, sheet '{sheet}': cannot be read ({detail}).",
    "read.sheet_empty": "{name}, sheet '{sheet}' is empty. Choose the sheet that holds the sales table.",
    "read.sheet_header_only": "{name}, sheet '{sheet}' has a header but no data rows.",
    "read.bad_parquet": "{name} is not a readable Parquet file ({detail}).",
    "read.parquet_empty": "{name} has no rows.",
    # notes on how a file was read
    "note.bad_utf8": "{n} byte(s) are not valid UTF-8 and were replaced by '\ufffd'",
    "note.header_row": "the header is on row {row}; {skipped} row(s) above it were skipped",
    "note.header_row_sheet": "the header is on row {row}; the rows above it were skipped",
    "note.sheet_chosen": "sheet '{sheet}' read: it holds the sales table (the workbook has {n} sheets)",
    "note.unsaved_formulas": (
        "{n:,} cells hold formulas whose results were never saved (the program that wrote the file does not "
        "calculate); they read as empty. Open the file in Excel or LibreOffice, save it, and upload it again"
    ),
    # column mapping and layout
    "map.in_file": "{name}: {detail}",
    "map.column_missing": "{name}: the {role} column '{column}' is not in the file. Its columns are: {columns}.",
    "map.choose_one": "{name}: choose the {roles} column in the column mapping ({layout} layout).",
    "map.choose_many": "{name}: choose the {roles} columns in the column mapping ({layout} layout).",
    "map.role_twice": "{name}: column '{column}' is mapped to more than one role. Give each role its own column.",
    "map.no_date_for_layout": (
        "No date column was found or chosen, so the layout cannot be told. Choose the date column in the "
        "column mapping (the sales table needs one column of dates)."
    ),
    "map.wide_no_numeric": "{name}: a wide file needs numeric columns, one per SKU; none found.",
    "map.aux_no_sku": (
        "{name}: no SKU column found (looked for names such as sku, item_id, 商品编码). "
        "Rename the SKU column and upload again."
    ),
    "map.aux_stockouts": (
        "{name}: a stock-out file needs a SKU column and either start_date and end_date columns or a date column."
    ),
    "map.aux_plan": (
        "{name}: a plan needs a SKU column, a date (or start_date and end_date) column, and a promo and/or "
        "price column."
    ),
    "map.aux_no_supplier": "{name}: no supplier column (name it 'supplier').",
    "dates.ambiguous": (
        "Column '{column}': dates such as {examples} read both as day/month/year and month/day/year, and no "
        "value settles it. Choose the date order."
    ),
    "layout.wide": "no SKU column; {n} numeric columns read as one SKU each",
    "layout.order_column": "order column '{column}'",
    "layout.times": "dates carry times of day",
    "layout.repeats": "{share:.0%} of rows repeat a SKU and date",
    "layout.one_row": "one row per SKU and date",
    "layout.chosen": "chosen",
    "detect.name": "name '{column}'",
    "detect.dates": "content: {share:.0%} of values are dates",
    "detect.whole_numbers": "content: numbers, {share:.0%} whole",
    "detect.codes": "content: short repeated codes",
    "detect.numbers": "content: numbers",
    # reading settings files (JSON)
    "settings.bad_json": "{name}: not valid JSON ({detail}).",
    "settings.not_object": "{name}: expected a JSON object.",
    "settings.unknown_read": "{name}: unknown reading option '{key}'.",
    "settings.unknown_role": "{name}: unknown column role '{key}'. Roles: {roles}.",
    "settings.unknown_option": "{name}: unknown option '{key}'.",
    "settings.bad_freq": "{name}: freq must be D, W or M, not '{freq}'.",
}


def join_list(items: list | tuple, conjunction: str = "and", separator: str = ", ") -> str:
    """'a', 'a and b', 'a, b and c'; Chinese passes separator '、' and conjunction '和'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    if separator == "、":
        return "、".join(items[:-1]) + conjunction + items[-1]
    return separator.join(items[:-1]) + f" {conjunction} " + items[-1]


class Message(str):
    """English text with its ``code`` and ``params``. Subclasses set ``catalogue``."""

    catalogue: ClassVar[Mapping[str, str]] = MESSAGES
    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Message:
        shown = {k: join_list(v) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
        self = super().__new__(cls, cls.catalogue[code].format(**shown))
        self.code = code
        self.params = params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        # Pickling (worker processes, Dask) rebuilds the message from its code, not from the English text.
        return (self.code,), dict(self.params)


def keep_messages(frame, column: str, values) -> object:
    """``frame`` with ``values`` put back into ``column`` as objects, so coded messages keep their codes.

    pandas 3 stores a column of text as plain strings, which drops the code of every message in it.
    """
    import pandas as pd

    values = list(values)
    if column in frame and len(frame) == len(values):
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def message_of(value: object) -> Message | None:
    """The coded message behind a string or an exception, if there is one."""
    if isinstance(value, Message):
        return value
    if isinstance(value, BaseException) and len(value.args) == 1 and isinstance(value.args[0], Message):
        return value.args[0]
    return None
