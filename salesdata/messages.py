"""Messages that keep their code: English text for logs and the command line, a code for the interface.

A :class:`Message` is a ``str`` (the English text), so it goes wherever a message string went before, and it
carries ``code`` and ``params`` so an interface can say it in another language (``ui.core.i18n.msg``). Each domain
package keeps its English templates in a ``MESSAGES`` dict and a ``Message`` subclass that reads them; the
interface's catalogues hold ``msg.<code>`` for every code, in every language.

Parameters that are lists are joined as a phrase ("date and sku"); parameters that are messages are said
in the same language as the message around them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MESSAGES", "Counted", "Message", "Template", "join_list", "keep_messages", "message_of"]


class Counted(NamedTuple):
    """A text that counts something: its form for one and for many, chosen by the parameter ``by``. The
    interface's catalogues (ui/locale) hold each language's own forms."""

    one: str
    many: str
    by: str = "n"


Template = str | Counted

MESSAGES: dict[str, Template] = {
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
    "note.bad_utf8": Counted(
        "{n} byte is not valid UTF-8 and was replaced by '\ufffd'",
        "{n} bytes are not valid UTF-8 and were replaced by '\ufffd'",
    ),
    "note.header_row": "the header is on row {row}; {skipped} row(s) above it were skipped",
    "note.header_row_sheet": "the header is on row {row}; the rows above it were skipped",
    "note.sheet_chosen": "sheet '{sheet}' read: it holds the sales table (the workbook has {n} sheets)",
    "note.unsaved_formulas": Counted(
        "{n:,} cell holds a formula whose result was never saved (the program that wrote the file does not "
        "calculate); it reads as empty. Open the file in Excel or LibreOffice, save it, and upload it again",
        "{n:,} cells hold formulas whose results were never saved (the program that wrote the file does not "
        "calculate); they read as empty. Open the file in Excel or LibreOffice, save it, and upload it again",
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
        "{name}: a plan needs a date (or start_date and end_date) column and a promo, price, open or closed "
        "column; a plan of promotions or prices also needs a SKU column (a closure plan without one applies to "
        "every SKU)."
    ),
    "map.aux_no_supplier": "{name}: no supplier column (name it 'supplier').",
    "dates.ambiguous": (
        "Column '{column}': dates such as {examples} read both as day/month/year and month/day/year, and no "
        "value settles it. Choose the date order."
    ),
    "layout.wide": Counted(
        "no SKU column; {n} numeric column read as one SKU",
        "no SKU column; {n} numeric columns read as one SKU each",
    ),
    "layout.order_column": "order column '{column}'",
    "layout.times": "dates carry times of day",
    "layout.repeats": "{share:.0%} of rows repeat a SKU and date",
    "layout.one_row": "one row per SKU and date",
    "layout.chosen": "chosen",
    "detect.name": "name '{column}'",
    "detect.dates": "content: {share:.0%} of values are dates",
    "detect.whole_numbers": "content: numbers, {share:.0%} whole",
    "detect.codes": "content: short repeated codes",
    "detect.content": "content fits the {role} role",
    "detect.price_like": "'{column}' moves with the price '{price}' (a price, not units sold)",
    "detect.negative_sales": (
        "{share:.0%} of the quantities in '{column}' are negative: stock movements, read with the sign turned "
        "(sales positive, returns negative)"
    ),
    "detect.money_quantity": (
        "'{column}' holds amounts with cents, money rather than units: the forecast and the plan are in that "
        "money. Map a units column as the quantity if the file has one"
    ),
    "detect.line_total": "'{column}' grows with the quantity on the same product: a line total, read as revenue",
    "detect.key_part": "'{column}' completes the series key: one code has several rows per date, one per {column}",
    "layout.wide_paired": "one column per product: {n} products, their promotion and price columns paired by name",
    "layout.composite": "one row per {columns} and date",
    "layout.wide_dates": "one row per product and one column per period ({n} date columns), read across",
    "layout.single": "no column names a series: one series, '{column}'",
    # doubts: what the Data page asks about before anything is forecast
    "doubt.ambiguous_dates": (
        "dates in '{column}' such as {examples} read both day-first and month-first: choose the order"
    ),
    "doubt.ambiguous_dates_likely": (
        "dates in '{column}' such as {examples} read both day-first and month-first; read {order} they fill "
        "the calendar, the other way they scatter: confirm the order"
    ),
    "dates.order_day_first": "day-first",
    "dates.order_month_first": "month-first",
    "doubt.no_date": "no column of dates was found: choose the date column",
    "doubt.no_sku": "no column names the series (SKU, item, product): choose it, or read the file as wide",
    "doubt.no_quantity": "no column of units sold was found: choose the quantity column",
    "doubt.count_rows": "no quantity column: each row is counted as one unit sold (one row per unit, as some platforms export)",
    "doubt.close_call": (
        "'{column}' was read as the {role}, but '{rival}' fits almost as well (scores {score:.2f} and "
        "{rival_score:.2f} on name and content) and gives different numbers"
    ),
    "doubt.weak_freq": "the time bucket is a guess: {reason}",
    "doubt.mixed_order": "dates written {format} mix day-first and month-first ({rows:,} rows): the minority is rejected",
    "doubt.few_skus": "only {n} series from {rows:,} rows: is the SKU column right?",
    "doubt.flag_skus": "the SKU column '{column}' holds only {values}: that is a flag, not a product code",
    "doubt.small_int_skus": (
        "the SKU column '{column}' holds small consecutive numbers ({lo}..{hi}): a day, week or month number, "
        "not a product code?"
    ),
    "doubt.empty_periods": (
        "{share:.0%} of the periods have no sales, and the whole file is empty in {shop:.0%} of them: the bucket "
        "may be too fine for the file, or the SKU column wrong"
    ),
    "doubt.nothing_usable": "none of the {rows:,} rows gives a sale with this reading: check the date, SKU and quantity",
    "doubt.most_rejected": "{share:.0%} of the rows are rejected (the validation report says why): check the mapping",
    "doubt.unreadable": "the file cannot be read with these settings: {detail}",
    # role and weekday names inside other messages
    "rolename.date": "date",
    "rolename.sku": "SKU",
    "rolename.quantity": "quantity",
    "rolename.price": "price",
    "rolename.revenue": "revenue",
    "rolename.promo": "promotion",
    "rolename.store": "store",
    "rolename.category": "category",
    "rolename.in_stock": "in-stock flag",
    "rolename.holiday": "holiday flag",
    "rolename.order_id": "order id",
    "rolename.description": "product name",
    "weekday.MON": "Monday",
    "weekday.TUE": "Tuesday",
    "weekday.WED": "Wednesday",
    "weekday.THU": "Thursday",
    "weekday.FRI": "Friday",
    "weekday.SAT": "Saturday",
    "weekday.SUN": "Sunday",
    # the file's own time bucket
    "freq.no_dates": "no dates to tell the time bucket from",
    "freq.times": "dates carry times of day: transaction lines, read daily",
    "freq.too_few": Counted("only {n} distinct date: read daily", "only {n} distinct dates: read daily"),
    "freq.weekly": "{share:.0%} of {n} dates fall on a {weekday}, a week or more apart: weekly, weeks starting {weekday}",
    "freq.weekly_loose": "dates about {gap:.0f} days apart on varying weekdays ({n} dates): weekly",
    "freq.monthly": "one date a month ({n} dates): monthly",
    "freq.monthly_loose": "dates about {gap:.0f} days apart ({n} dates): monthly",
    "freq.daily": "dates {gap:.0f} day(s) apart (median, {n} dates): daily",
    "freq.sparse_lines": "order lines on sparse dates, about {gap:.0f} days apart: read daily",
    "freq.finer_refused": (
        "{name} is a {native} file ({reason}); a {freq} bucket would split each of its totals into empty "
        "periods. Choose {allowed}."
    ),
    "freq.word.D": "daily",
    "freq.word.W": "weekly",
    "freq.word.M": "monthly",
    "freq.allowed.D": "daily, weekly or monthly",
    "freq.allowed.W": "weekly or monthly",
    "freq.allowed.M": "monthly",
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

    catalogue: ClassVar[Mapping[str, Template]] = MESSAGES
    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Message:
        shown = {k: join_list(v) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
        template = cls.catalogue[code]
        if isinstance(template, Counted):
            template = template.one if params.get(template.by) == 1 else template.many
        self = super().__new__(cls, template.format(**shown))
        self.code = code
        self.params = params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        # Pickling (worker processes, Dask) rebuilds the message from its code, not from the English text.
        return (self.code,), dict(self.params)


def keep_messages(frame: pd.DataFrame, column: str, values: Iterable[object]) -> pd.DataFrame:
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
