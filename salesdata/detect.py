"""Column roles from names and content together, series keys and wide-file pairing.

A column's role is scored by its name (English and Chinese synonyms, exact or contained) and by its
content, and the best-scoring column wins each role; the runner-up is kept with its score, so a close call
can be shown and asked about. Content decides what a column cannot be, whatever its name:

- a SKU (series key) has identifier-like values that repeat across dates, several per date. Never a
  boolean or 0/1 flag, a date, a number with decimals (a price), a count that differs on every row
  (customers, visits), a row counter (``id``, ``Row ID``), or a helper that is a function of the date
  (day of week, week number, ``date_block_num``);
- a quantity is numeric and not a flag; a promotion, open/in-stock or holiday column is a flag.

When one column does not identify a series (several rows per date and code, without order numbers or
times of day), the column that completes the key is looked for: a store, shop, agency or warehouse whose
values recur on most dates. Such a key becomes ``product@store`` series, or the stores are summed.

Wide files (one column per product) pair their columns by a shared prefix or suffix: ``QTY_B1_1`` with
``PROMO_B1_1``, ``units_x`` with ``price_x``, so flags and prices attach to their product, and flag or
calendar columns never become products.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from salesdata.errors import AmbiguousDateError
from salesdata.mapping import ROLE_NAMES, ROLES, SYNONYMS, ColumnMapping
from salesdata.messages import Message
from salesdata.parsing import parse_dates, parse_flags, parse_numbers

__all__ = [
    "ColumnProfile",
    "RoleDetection",
    "WideSeries",
    "date_header_columns",
    "detect_roles",
    "profile_columns",
    "wide_series",
]

SAMPLE_ROWS = 20_000
_STRUCTURE_ROWS = 300_000  # rows looked at for values-per-date patterns (duplicate checks use every row)
_MAX_STORES = 10_000  # a column completing a series key has at most this many values
_SHORT_OK = frozenset({"sku", "qty", "pcs"})
_NORMALISE = re.compile(r"[\s_\-./()\[\]#:（）【】]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Names that are never a series key, whatever the content says.
_NOT_KEY = re.compile(
    r"customer|visit|session|traffic|pageview|views|click|rating|score|age$|gender|phone|mobile|email|zip|postal|"
    r"postcode|address|street|city|province|country|^state$|region|billing|shipping|status|method|currency|"
    r"payment|^notes?$|^tags?$|^source$|risk|device|employee|cashier|buyer|tracking|carrier|courier|"
    r"dayofweek|weekday|^dow$|^t$|^idx$|^index$|^id$|^rowid$|^row$|^no$|^nr$|^line$|^lineno|^linenumber|"
    r"blocknum|^year|^month$|^week$|^weekno|^weeknum|weekofyear|^quarter|^day$|^dayofmonth|^dayofyear|^hour|"
    r"^minute|顾客|客户|会员|买家|收货|姓名|地址|电话|手机|邮编|物流|快递|运单|备注|留言|状态|支付|省|城市|"
    r"星期|周几|年份"
)
# Names that are never a quantity.
_NOT_QUANTITY = re.compile(
    r"customer|visit|session|traffic|pageview|rating|score|^age$|tax|discount|profit|margin|percent|rate$|"
    r"phone|zip|postal|^id$|(?<!pa)id$|number$|code$|dayofweek|weekday|^year$|^month$|^week$|^weekno|^day$|^t$|"
    r"price|amount|total|cost|fee|shipping|freight|refund|顾客|客户|折扣|优惠|运费|邮费|税|金额|价"
)
# Date columns that are not the sale date.
_LATER_DATE = re.compile(
    r"ship|deliver|fulfil|updated|modified|cancel|refund|due|expir|birth|return|paid|payment|complete|closed|"
    r"发货|签收|完成|退款|修改|付款|支付|到期"
)
# Names that are never the product's name (people, places, devices, states).
_NOT_DESCRIPTION = re.compile(
    r"customer|buyer|contact|billing|shipping|recipient|address|city|country|state|status|device|employee|"
    r"cashier|vendor|supplier|seller|store|shop|channel|payment|method|买家|客户|收货|地址|城市|状态|店铺|门店|快递"
)
_NOT_PRICE = re.compile(r"fuel|competitor|rival|market|oil|gas|cpi|cost|成本|竞品|油价")
_MONEY = re.compile(r"discount|amount|price|cost|fee|total|折扣|优惠|金额|价|费")
_CALENDAR_NAME = re.compile(r"dayofweek|weekday|^dow$|^t$|^year$|^month$|^week$|weekofyear|^quarter$|^day$|blocknum")


def _normalise(name: str) -> str:
    return _NORMALISE.sub("", str(name)).lower()


@dataclass(frozen=True)
class ColumnProfile:
    """What a column's content looks like, from a sample of rows.

    Attributes
    ----------
    filled : float
        Share of non-empty cells.
    distinct : int
        Distinct non-empty values in the sample.
    numeric, whole : float
        Share of filled cells that are numbers; share of those that are whole.
    flag : bool
        At most two values that read as yes/no (1/0, true/false, Y/N, 是/否), or a boolean column.
    coded_flag : bool
        A few short codes one of which means "no" (``0``, ``a``, ``b``, ``c`` as in a state-holiday column).
    date_share : float
        Share of filled cells that read as dates (numbers only when the name says date).
    text_len, spaces : float
        Mean length of the values, and share with a space (product names have spaces, codes do not).
    counter : bool
        Whole numbers that only increase, one per row: a row counter, not a code.
    time_of_day : bool
        Times without a date ("13:08", "7:45 PM"): a time column beside the date column.
    letters : float
        Share of letters (any script) among the characters: names are words, codes and numbers are not.
    """

    name: str
    norm: str
    rows: int
    filled: float
    distinct: int
    numeric: float
    whole: float
    lo: float
    hi: float
    median: float
    negative: float
    flag: bool
    coded_flag: bool
    date_share: float
    text_len: float
    spaces: float
    counter: bool
    time_of_day: bool = False
    letters: float = 0.0


def _sample(frame: pd.DataFrame, n: int = SAMPLE_ROWS) -> pd.DataFrame:
    """The first rows and evenly spaced rows after them (sorted files show their variety across the file)."""
    if len(frame) <= n:
        return frame
    head = np.arange(n // 2)
    spread = np.linspace(n // 2, len(frame) - 1, n - n // 2).astype(int)
    return frame.iloc[np.unique(np.concatenate([head, spread]))]


def _date_share(col: pd.Series, named: bool) -> float:
    sample = col.dropna().head(500)
    if sample.empty:
        return 0.0
    if sample.dtype.kind == "M":
        return 1.0
    if sample.dtype.kind in "iuf" and not named:
        return 0.0  # numbers are dates only when named so (Excel serials look like quantities)
    if not named and sample.astype("str").str.strip().str.fullmatch(r"\d+(\.\d+)?").mean() >= 0.9:
        return 0.0  # numbers written as text likewise (stock codes such as 22423 read as Excel serials)
    try:
        parsed = parse_dates(sample if sample.dtype.kind in "iuf" else sample.astype("str"), column=str(col.name))
    except AmbiguousDateError:
        return 1.0
    return float((~parsed.invalid & ~parsed.empty).sum() / max(1, (~parsed.empty).sum()))


def _profile(col: pd.Series, name: str) -> ColumnProfile:
    norm = _normalise(name)
    n = len(col)
    if col.dtype.kind == "b":
        values = col.dropna()
        return ColumnProfile(
            name, norm, n, len(values) / max(1, n), int(values.nunique()), 0.0, 0.0, 0.0, 1.0, 0.0, 0.0,
            True, False, 0.0, 4.5, 0.0, False,
        )  # fmt: skip
    if col.dtype.kind in "OU" or str(col.dtype) == "str":
        texts = col.astype("str").str.strip()
        filled_mask = col.notna() & ~texts.isin(["", "nan", "NaN", "None", "NaT", "null", "NULL"])
    else:
        texts = None
        filled_mask = col.notna()
    filled = col[filled_mask]
    n_filled = len(filled)
    if n_filled == 0:
        return ColumnProfile(name, norm, n, 0.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, False, False, 0.0, 0.0, 0.0, False)
    distinct = int(filled.astype("str").nunique()) if texts is not None else int(filled.nunique())
    named_date = any(s in norm for s in ("date", "time", "month", "day", "week", "period", "日期", "时间", "月"))
    date_share = _date_share(filled, named_date)
    if filled.dtype.kind == "M":
        return ColumnProfile(
            name, norm, n, n_filled / n, distinct, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, False, False, 1.0, 10.0, 0.0, False
        )
    nums = parse_numbers(filled)
    ok = ~nums.invalid & ~nums.empty
    numeric = float(ok.mean())
    vals = nums.values[ok]
    whole = float((vals == vals.round()).mean()) if len(vals) else 0.0
    lo = float(vals.min()) if len(vals) else 0.0
    hi = float(vals.max()) if len(vals) else 0.0
    median = float(vals.median()) if len(vals) else 0.0
    negative = float((vals < 0).mean()) if len(vals) else 0.0
    as_text = filled.astype("str").str.strip()
    _, bad = parse_flags(filled)
    # Two values that read as yes/no; a single value only when written as a word (a constant 1 may be a code).
    flag = not bad.any() and (
        (distinct == 2 and (numeric < 0.5 or set(vals.unique()) <= {0.0, 1.0})) or (distinct == 1 and numeric < 0.5)
    )
    low = as_text.str.lower()
    coded_flag = (
        not flag
        and distinct <= 6
        and numeric < 1.0  # codes, not small numbers
        and bool(low.isin(["0", "no", "false", "n", "否", "无"]).any())
        and float(as_text.str.len().mean()) <= 3
    )
    text_len = float(as_text.str.len().mean())
    spaces = float(as_text.str.contains(" ", regex=False).mean())
    counter = False
    if numeric >= 0.99 and whole >= 0.99 and len(vals) > 20 and distinct >= 0.95 * len(vals):
        # A row counter: the value moves with the row position (id = row + constant).
        positions = np.asarray(filled.index, dtype="float64")[ok]
        offset = vals.to_numpy() - positions
        counter = bool((offset == np.median(offset)).mean() >= 0.9)
    time_of_day = bool(as_text.str.fullmatch(r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?").mean() >= 0.9)
    sample_text = "".join(as_text.head(200).tolist())
    letters = sum(ch.isalpha() for ch in sample_text) / max(1, len(sample_text.replace(" ", "")))
    return ColumnProfile(
        name, norm, n, n_filled / n, distinct, numeric, whole, lo, hi, median, negative,
        bool(flag), bool(coded_flag), date_share, text_len, spaces, counter, time_of_day, letters,
    )  # fmt: skip


_DETAILED_COLUMNS = 60


def _bulk_profiles(sample: pd.DataFrame, names: list[str]) -> dict[str, ColumnProfile]:
    """Numeric profiles of many columns at once (a wide file's product columns), one pass over the block."""
    block = sample[names]
    cells = pd.Series(block.to_numpy(dtype=object).ravel())
    texts = cells.astype("str").str.strip()
    blank = (cells.isna() | texts.isin(["", "nan", "NaN", "None", "null", "NULL"])).to_numpy()
    vals = pd.to_numeric(texts.where(~blank, ""), errors="coerce").to_numpy(dtype="float64")
    shape = block.shape
    filled = ~blank.reshape(shape)
    vals = vals.reshape(shape)
    numbers = pd.DataFrame(vals, columns=names)
    is_num = ~np.isnan(vals) & filled
    n = len(block)
    n_filled = filled.sum(axis=0)
    n_num = is_num.sum(axis=0)
    whole = np.where(is_num, vals == np.round(vals), False).sum(axis=0)
    masked = np.where(is_num, vals, np.nan)
    with np.errstate(all="ignore"):
        lo = np.nanmin(np.where(n_num > 0, masked, 0.0), axis=0) if n else np.zeros(len(names))
        hi = np.nanmax(np.where(n_num > 0, masked, 0.0), axis=0) if n else np.zeros(len(names))
        median = np.nanmedian(np.where(n_num > 0, masked, 0.0), axis=0) if n else np.zeros(len(names))
    negative = np.where(is_num, vals < 0, False).sum(axis=0)
    distinct = numbers.nunique().to_numpy()
    out = {}
    for j, name in enumerate(names):
        nf = int(n_filled[j])
        num = float(n_num[j] / nf) if nf else 0.0
        zero_one = nf > 0 and bool(np.isin(vals[is_num[:, j], j], (0.0, 1.0)).all())
        out[name] = ColumnProfile(
            name, _normalise(name), n, nf / max(1, n), int(distinct[j]), num,
            float(whole[j] / n_num[j]) if n_num[j] else 0.0, float(lo[j]), float(hi[j]), float(median[j]),
            float(negative[j] / n_num[j]) if n_num[j] else 0.0, bool(int(distinct[j]) <= 2 and zero_one),
            False, 0.0, 2.0, 0.0, False,
        )  # fmt: skip
    return out


def profile_columns(frame: pd.DataFrame, rows: int = SAMPLE_ROWS) -> dict[str, ColumnProfile]:
    """A profile per column, from the first and evenly spaced rows.

    Very wide files (hundreds of product columns) get a full profile for their first columns and for any
    whose name suggests a role, and a one-pass numeric profile for the rest.
    """
    columns = [str(c) for c in frame.columns]
    if len(columns) <= 200:
        sample = _sample(frame, rows)
        return {c: _profile(sample[c], c) for c in columns}
    sample = _sample(frame, min(rows, 400))
    detailed = set(columns[:_DETAILED_COLUMNS])
    named = [c for c in columns[_DETAILED_COLUMNS:] if any(_name_score(r, _normalise(c)) > 0 for r in ROLES)]
    detailed.update(named[:_DETAILED_COLUMNS])  # role-like names beyond these are a wide file's products
    out = {c: _profile(sample[c], c) for c in columns if c in detailed}
    rest = [c for c in columns if c not in detailed]
    if rest:
        out |= _bulk_profiles(sample, rest)
    return {c: out[c] for c in columns}


@lru_cache(maxsize=65_536)
def _name_score(role: str, norm: str) -> float:
    """1 for an exact synonym (a little less for later ones in the list), 0.6 for a contained one, else 0."""
    synonyms = SYNONYMS[role]
    if norm in synonyms:
        return 1.0 - 0.002 * synonyms.index(norm)
    for s in synonyms:
        # Short words hide inside longer ones ("tpr" in "unitprice", "ean" in "mean"); only these stand out.
        long_enough = len(s) >= 4 or s in _SHORT_OK or (len(s) >= 2 and _CJK.search(s) is not None)
        if long_enough and s in norm:
            return 0.6
    return 0.0


@dataclass(frozen=True)
class WideSeries:
    """One product of a wide file: its quantity column and the columns paired with it."""

    quantity: str
    sku: str
    promo: str | None = None
    price: str | None = None


@dataclass(frozen=True)
class RoleDetection:
    """The proposed reading of a raw table.

    Attributes
    ----------
    mapping : ColumnMapping
        One column per role (``sku`` the first key column, ``store`` the second when the key has two).
    reasons : dict[str, str]
        Per mapped role, why (coded messages).
    scores : dict[str, float]
        Per mapped role, the winning score.
    runner_up : dict[str, tuple[str, float]]
        Per role, the next best column and its score.
    key : tuple[str, ...]
        The columns that identify a series: one, or product and store.
    layout : str
        ``transactions``, ``totals`` or ``wide``.
    layout_reason : str
        Why (a coded message).
    wide : tuple[WideSeries, ...]
        For a wide file, the products and their paired columns.
    uncertain : tuple[str, ...]
        Roles whose runner-up scored close to the winner and would read the file differently.
    notes : tuple[str, ...]
        What content overruled a name (a "quantity" that is a price, a "price" that is a line total).
    """

    mapping: ColumnMapping
    reasons: dict[str, str]
    scores: dict[str, float]
    runner_up: dict[str, tuple[str, float]]
    key: tuple[str, ...]
    layout: str
    layout_reason: str
    wide: tuple[WideSeries, ...] = ()
    uncertain: tuple[str, ...] = ()
    profiles: dict[str, ColumnProfile] = field(default_factory=dict, repr=False)
    notes: tuple[str, ...] = ()


class _Structure:
    """Row structure against the date column on the whole table: duplicates of keys, values per date."""

    def __init__(self, frame: pd.DataFrame, date_col: str | None) -> None:
        self.frame = frame
        self.n = len(frame)
        self.day: np.ndarray | None = None
        self.n_days = 0
        self.timed = False
        self._codes: dict[str, tuple[np.ndarray, int]] = {}
        self._per_date: dict[str, tuple[float, float, bool, float]] = {}
        if date_col is None:
            return
        raw = frame[date_col]
        codes, uniques = pd.factorize(raw.astype("str") if raw.dtype.kind not in "iufM" else raw)
        self._codes = {}
        if len(uniques) == 0:
            return
        vals = pd.Series(uniques)
        try:
            parsed = parse_dates(vals, column=date_col).values
        except AmbiguousDateError:
            parsed = parse_dates(vals, day_first=True, column=date_col).values
        stamps = parsed.to_numpy(dtype="datetime64[us]")
        days = stamps.astype("datetime64[D]")
        valid = ~np.isnat(days)
        self.timed = bool(valid.any()) and float((stamps[valid] != days[valid].astype("datetime64[us]")).mean()) > 0.1
        day_codes, _ = pd.factorize(pd.Series(days))
        row_day = np.where(codes >= 0, day_codes[np.maximum(codes, 0)], -1)
        self.day = row_day
        self.n_days = int(row_day.max()) + 1 if len(row_day) else 0

    @staticmethod
    def _sampled_days(day: np.ndarray) -> np.ndarray:
        """Every k-th date of ``day`` (the row's date codes), enough for about ``_STRUCTURE_ROWS`` rows."""
        present = np.unique(day[day >= 0])
        step = max(1, int(np.ceil(len(day) / _STRUCTURE_ROWS)))
        return present[::step]

    @cached_property
    def rows_per_day(self) -> float:
        """Rows per distinct date (1 in a file with one row per date: a single series or a wide file)."""
        if self.day is None or self.n_days == 0:
            return 0.0
        return float((self.day >= 0).sum() / max(1, len(np.unique(self.day[self.day >= 0]))))

    def codes(self, col: str) -> tuple[np.ndarray, int]:
        if col not in self._codes:
            values = self.frame[col]
            codes, uniques = pd.factorize(values.astype("str") if values.dtype.kind == "O" else values)
            self._codes[col] = (codes, len(uniques))
        return self._codes[col]

    def dup_share(self, cols: list[str]) -> float:
        """Share of rows (with a date) repeating an earlier row's date and key."""
        if self.day is None or self.n == 0:
            return 0.0
        key = self.day.astype("int64")
        for c in cols:
            codes, n_values = self.codes(c)
            key = key * (n_values + 1) + (codes + 1)
            key, _ = pd.factorize(key)
            key = key.astype("int64")
        ok = self.day >= 0
        if not ok.any():
            return 0.0
        return float(pd.Series(key[ok]).duplicated().mean())

    def distinct_pairs(self, cols: list[str]) -> int:
        """Distinct combinations of the columns' values (the series a key would make)."""
        key = np.zeros(self.n, dtype="int64")
        for c in cols:
            codes, n_values = self.codes(c)
            key, _ = pd.factorize(key * (n_values + 1) + (codes + 1))
            key = key.astype("int64")
        return len(np.unique(key))

    def per_date(self, col: str) -> tuple[float, float, bool, float]:
        """(mean distinct values per date, median distinct dates per value, function of the date, coverage).

        Coverage: the mean share of dates on which each value appears (a store of a store x item panel
        appears on nearly every date; a customer on a few).
        """
        if col in self._per_date:
            return self._per_date[col]
        self._per_date[col] = result = self._per_date_of(col)
        return result

    def _per_date_of(self, col: str) -> tuple[float, float, bool, float]:
        if self.day is None or self.n_days == 0:
            return 0.0, 0.0, False, 0.0
        codes, n_values = self.codes(col)
        day = self.day
        if len(day) > _STRUCTURE_ROWS:
            # Large files: the pattern of values per date shows in whole dates, so whole dates are sampled.
            keep = np.isin(day, self._sampled_days(day))
            day, codes = day[keep], codes[keep]
        ok = (day >= 0) & (codes >= 0)
        if not ok.any() or n_values == 0:
            return 0.0, 0.0, False, 0.0
        pairs = pd.unique(day[ok].astype("int64") * (n_values + 1) + codes[ok])
        pair_day = pairs // (n_values + 1)
        pair_val = pairs % (n_values + 1)
        values_per_day = np.bincount(pair_day, minlength=self.n_days)
        values_per_day = values_per_day[values_per_day > 0]
        days_per_value = np.bincount(pair_val, minlength=n_values)
        days_per_value = days_per_value[days_per_value > 0]
        rows_per_day = ok.sum() / max(1, len(values_per_day))
        function_of_date = rows_per_day > 1.5 and float((values_per_day == 1).mean()) >= 0.98
        days_seen = len(values_per_day)
        coverage = float(np.mean(days_per_value) / max(1, days_seen))
        return float(values_per_day.mean()), float(np.median(days_per_value)), function_of_date, coverage


def _key_candidate(p: ColumnProfile, structure: _Structure, n_rows: int) -> tuple[bool, float, str]:
    """Whether a column can be (part of) the series key, a content score and why not."""
    if p.filled < 0.5:
        return False, 0.0, "blank"
    if p.flag or p.coded_flag:
        return False, 0.0, "flag"
    if p.date_share >= 0.8:
        return False, 0.0, "date"
    if p.numeric >= 0.9 and p.whole < 0.99:
        return False, 0.0, "decimals"
    if p.counter:
        return False, 0.0, "counter"
    if _NOT_KEY.search(p.norm) or _MONEY.search(p.norm):
        return False, 0.0, "name"
    if p.numeric >= 0.9 and p.negative > 0:
        return False, 0.0, "negative"
    rows_per_value = p.rows * p.filled / max(1, p.distinct)
    if rows_per_value < 1.5 and n_rows > 20:
        return False, 0.0, "unique"
    named = _name_score("sku", p.norm) > 0
    if p.distinct >= p.rows * p.filled and not named:
        return False, 0.0, "unique"  # a code is only guessed by content when several rows share it
    if structure.day is not None and structure.rows_per_day <= 1.05 and p.distinct > 1 and not named:
        return False, 0.0, "one_row_per_date"  # one row per date: a measure that varies, not a key
    per_date, dates_per_value, function_of_date, _ = structure.per_date(p.name)
    if function_of_date and _name_score("sku", p.norm) <= 0.8:
        return False, 0.0, "calendar"
    if p.numeric >= 0.9 and p.hi <= 53 and p.lo >= 0 and p.distinct <= 53 and _CALENDAR_NAME.search(p.norm):
        return False, 0.0, "calendar"
    score = 0.5
    if p.numeric < 0.5 and p.text_len <= 24 and p.spaces < 0.2:
        score += 0.2  # short codes
    elif p.numeric >= 0.9 and p.hi >= 100:
        score += 0.15  # numeric codes
    if p.spaces >= 0.5:
        score -= 0.3  # names, not codes
    if p.numeric >= 0.9 and p.hi <= 53:
        score -= 0.15  # small integers: a day number as easily as a code
    if per_date > 1:
        score += 0.2 * min(1.0, (per_date - 1) / 4)
    if dates_per_value >= 3:
        score += 0.1
    return True, max(0.0, min(1.0, score)), ""


def _other_role_name(norm: str) -> str | None:
    """The role a name exactly names, other than the key's."""
    for role in ("date", "quantity", "price", "revenue", "promo", "in_stock", "holiday", "order_id", "description"):
        if norm in SYNONYMS[role]:
            return role
    return None


def _content(role: str, p: ColumnProfile) -> tuple[bool, float]:
    """Whether a column's content can play a (non-key) role, and how well it fits."""
    if p.filled < 0.05:
        return False, 0.0
    if role == "date":
        return p.date_share >= 0.9, p.date_share
    if role == "quantity":
        if p.numeric < 0.9 or p.flag or p.date_share >= 0.9 or _NOT_QUANTITY.search(p.norm):
            return False, 0.0
        if p.distinct >= 0.9 * p.rows * p.filled and p.median > 1e5 and p.whole >= 0.99:
            return False, 0.0  # identifiers (one per row, long numbers), not units
        score = 0.3 + 0.3 * p.whole + 0.2 * (1 - p.negative) + (0.1 if p.distinct >= 3 else 0.0)
        return True, score + (0.1 if 0 < p.median <= 20 else 0.0)
    if role == "price" and _NOT_PRICE.search(p.norm):
        return False, 0.0  # another good's price (fuel), a rival's, or a cost
    if role in ("price", "revenue"):
        # Filled on (nearly) every line: an order-level total written on an order's first line only is not a
        # line's money.
        if p.numeric < 0.8 or p.flag or p.filled < 0.8:
            return False, 0.0
        return True, 0.5 + 0.3 * (1 - p.whole) + 0.2 * (1 - p.negative)
    if role == "promo":
        if p.flag or (p.numeric >= 0.99 and p.lo >= 0 and p.hi <= 1):
            return True, 1.0
        # A promotion amount (a discount per unit): promoted when above zero.
        return p.numeric >= 0.9 and p.lo >= 0 and not p.counter, 0.3
    if role == "in_stock":
        return p.flag or (p.numeric >= 0.99 and p.lo >= 0 and p.hi <= 1), 1.0
    if role == "holiday":
        return p.flag or p.coded_flag, 1.0
    if role in ("store", "category"):
        ok = not p.flag and p.date_share < 0.8 and not p.counter and (p.numeric < 0.9 or p.whole >= 0.99)
        ok = ok and not _MONEY.search(p.norm) and p.filled >= 0.5
        return ok, 0.5
    if role == "order_id":
        ok = not p.flag and p.date_share < 0.8 and (p.numeric < 0.9 or p.whole >= 0.99) and p.distinct >= 2
        return ok, 0.5
    if role == "description":
        ok = p.numeric < 0.5 and p.date_share < 0.5 and p.letters >= 0.5 and not _NOT_DESCRIPTION.search(p.norm)
        return ok, 0.4 + 0.4 * min(1.0, p.spaces * 2) + (0.2 if p.text_len >= 12 else 0.0)
    return False, 0.0


# Minimum combined score per role: a name (exact 1.0 or contained 0.6, weighted 1.5) or strong content.
_THRESHOLD = {
    "date": 0.9,
    "quantity": 0.7,
    "price": 1.2,
    "revenue": 1.2,
    "promo": 1.2,
    "in_stock": 1.2,
    "holiday": 1.2,
    "store": 1.2,
    "category": 1.2,
    "order_id": 1.2,
    "description": 0.95,
}


def _no_evidence(p: ColumnProfile) -> bool:
    """Too little content to judge a column by: blank, or three rows or fewer."""
    return p.filled == 0 or p.rows * p.filled <= 3


def _score(role: str, p: ColumnProfile) -> float:
    ok, content = _content(role, p)
    name = _name_score(role, p.norm)
    if not ok:
        # A column named exactly for the role whose content says nothing (blank, one or two rows) or does not
        # read (a "qty" of text, a "date" of junk) keeps the role, so validation rejects its rows with the
        # reason instead of the file failing to map.
        unreadable = role == "quantity" and p.numeric < 0.5 and p.date_share < 0.5
        unreadable |= role == "date" and p.date_share < 0.5
        # In a file of a few rows names decide; otherwise only for the roles a sales table needs: an empty
        # optional column (a blank Location) maps to nothing.
        if name > 0.8 and (p.rows <= 3 or (role in ("date", "quantity") and (_no_evidence(p) or unreadable))):
            return 1.5 * name
        if role == "quantity" and name > 0 and 0.5 <= p.numeric < 0.9 and not _NOT_QUANTITY.search(p.norm):
            return 1.5 * name + 0.2  # named units with some unreadable cells: validation rejects those rows
        return 0.0
    if role == "date" and name and _LATER_DATE.search(p.norm):
        name = max(0.0, name - 0.5)
    if role == "description" and not name and (p.text_len < 8 or p.spaces < 0.3):
        return 0.0
    return 1.5 * name + content


def _affix_split(columns: list[str]) -> list[WideSeries]:
    """Pair a wide file's columns that share a product part: ``QTY_B1_1`` / ``PROMO_B1_1``, ``units_x`` / ``price_x``."""
    roles = {
        "quantity": ("qty", "quantity", "units", "unit", "sales", "sold", "volume", "demand", "销量", "数量"),
        "promo": ("promo", "promotion", "onpromo", "deal", "促销"),
        "price": ("price", "unitprice", "价格", "单价"),
    }
    best: list[WideSeries] = []
    for side in ("prefix", "suffix"):
        found: dict[str, dict[str, str]] = {}
        for col in columns:
            parts = [t for t in re.split(r"[_\-\s.:]+", str(col)) if t]
            if len(parts) < 2:
                continue
            token, rest = (parts[0], "_".join(parts[1:])) if side == "prefix" else (parts[-1], "_".join(parts[:-1]))
            for role, words in roles.items():
                if token.lower() in words:
                    found.setdefault(rest, {})[role] = str(col)
        series = [
            WideSeries(quantity=r["quantity"], sku=key, promo=r.get("promo"), price=r.get("price"))
            for key, r in found.items()
            if "quantity" in r
        ]
        if len(series) > len(best):
            best = series
    return best if len(best) >= 2 else []


def wide_series(frame: pd.DataFrame, mapping: ColumnMapping, profiles: dict[str, ColumnProfile] | None = None):
    """A wide file's products: paired columns when the names share a product part, else one per numeric column.

    Flags (promotion, open, holiday), calendar helpers (day of week, week number) and row counters are not
    products. Returns ``(series, reason)``.
    """
    profiles = profiles or profile_columns(frame)
    # Columns taken for a role that a wide file may hold per product (a promotion or price per product) stay
    # free to pair.
    mapped = set(mapping.mapped().values()) - {mapping.quantity, mapping.promo, mapping.price}
    free = [str(c) for c in frame.columns if str(c) not in mapped]
    paired = _affix_split(free)
    if paired:
        return tuple(paired), Message("layout.wide_paired", n=len(paired))
    out = []
    for c in free:
        p = profiles[c]
        empty = p.filled == 0
        boolean = p.flag and p.numeric < 0.5  # true/false, yes/no: 0/1 numbers may be a slow part's sales
        if empty or (
            p.numeric >= 0.5
            and not boolean
            and not p.coded_flag
            and not p.counter
            and not _CALENDAR_NAME.search(p.norm)
            and not _NOT_KEY.search(p.norm)
            and not any(_name_score(r, p.norm) > 0.8 for r in ("promo", "in_stock", "holiday", "price"))
        ):
            out.append(WideSeries(quantity=c, sku=c))
    return tuple(out), Message("layout.wide", n=len(out))


def date_header_columns(columns) -> list[str]:
    """Columns whose header is itself a date (``Jan-98``, ``2024-03``, ``2024-03-04``): a file written across.

    >>> date_header_columns(["Part", "Jan-98", "Feb-98", "Mar-98"])
    ['Jan-98', 'Feb-98', 'Mar-98']
    """
    names = [str(c) for c in columns]
    texts = pd.Series(names, dtype="str")
    # Bare numbers (1, 2, 2024) are not dates as headers: day numbers or years would read as serials; only
    # 202201-style months and 20220131-style days are.
    periods = texts.str.fullmatch(r"\s*(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-3]\d)?\s*")
    candidates = (~texts.str.fullmatch(r"\s*\d+(\.\d+)?\s*") | periods) & texts.str.contains(r"\d", regex=True)
    if candidates.sum() < 3:
        return []
    try:
        parsed = parse_dates(texts[candidates], column="header").values
    except AmbiguousDateError:
        parsed = parse_dates(texts[candidates], day_first=True, column="header").values
    hits = parsed.notna()
    return [n for n, ok in zip(texts[candidates].tolist(), hits.tolist(), strict=True) if ok]


def _determines(frame: pd.DataFrame, a: str, b: str) -> float:
    """Share of ``a``'s values that go with a single value of ``b`` (1.0: ``b`` is a function of ``a``)."""
    pair = pd.DataFrame({"a": frame[a].astype("str"), "b": frame[b].astype("str")}).drop_duplicates()
    per_a = pair.groupby("a")["b"].size()
    return float((per_a == 1).mean()) if len(per_a) else 0.0


def _dispersion(values: np.ndarray, groups: np.ndarray) -> float:
    """Mean within-group coefficient of variation."""
    frame = pd.DataFrame({"g": groups, "v": values})
    stats = frame.groupby("g")["v"].agg(["mean", "std", "size"])
    stats = stats[(stats["size"] >= 2) & (stats["mean"].abs() > 0)]
    if stats.empty:
        return float("nan")
    return float((stats["std"] / stats["mean"].abs()).mean())


def _numbers(frame: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    return parse_numbers(frame[col].iloc[rows].reset_index(drop=True)).values.to_numpy(dtype="float64")


def detect_roles(frame: pd.DataFrame) -> RoleDetection:
    """Propose a reading of a raw table: roles, series key, layout and, for wide files, the products.

    Examples
    --------
    >>> df = pd.DataFrame({"Store": [1, 1, 2, 2] * 3, "Dept": [1, 2, 1, 2] * 3,
    ...                    "Date": ["2012-02-03"] * 4 + ["2012-02-10"] * 4 + ["2012-02-17"] * 4,
    ...                    "Weekly_Sales": [24924.5, 50605.27, 13740.12, 39954.04] * 3,
    ...                    "IsHoliday": [False] * 12})
    >>> d = detect_roles(df)
    >>> d.key, d.mapping.quantity, d.mapping.holiday, d.layout
    (('Dept', 'Store'), 'Weekly_Sales', 'IsHoliday', 'totals')
    """
    columns = [str(c) for c in frame.columns]
    frame = frame.set_axis(columns, axis=1)
    across = date_header_columns(columns)
    if len(across) >= 3 and len(across) >= 0.5 * (len(columns) - 1):
        return _detect_across(frame, columns, across)
    profiles = profile_columns(frame)
    scores: dict[str, dict[str, float]] = {r: {} for r in ROLES}
    for role in ROLES:
        if role == "sku":
            continue
        for c in columns:
            s = _score(role, profiles[c])
            if s > 0:
                scores[role][c] = s

    found: dict[str, str] = {}
    reasons: dict[str, str] = {}
    taken: set[str] = set()
    notes: list[str] = []

    def take(role: str, col: str, reason: str) -> None:
        found[role] = col
        reasons[role] = reason
        taken.add(col)

    def named(role: str, col: str) -> bool:
        return _name_score(role, profiles[col].norm) > 0

    # The date first: everything structural is measured against it.
    dates = sorted(scores["date"].items(), key=lambda kv: -kv[1])
    if dates and dates[0][1] >= _THRESHOLD["date"]:
        col = dates[0][0]
        take(
            "date",
            col,
            Message("detect.name", column=col)
            if named("date", col)
            else Message("detect.dates", share=profiles[col].date_share),
        )
    structure = _Structure(frame, found.get("date"))

    # Order numbers: named, or short text codes shared by a few lines, each on one date (Shopify's "#1001").
    for c in list(scores["order_id"]):
        if scores["order_id"][c] < _THRESHOLD["order_id"]:
            continue
        if structure.day is not None and structure.per_date(c)[1] > 1:
            del scores["order_id"][c]  # a count of orders (n_invoices) recurs on many dates
    if structure.day is not None and not any(v >= _THRESHOLD["order_id"] for v in scores["order_id"].values()):
        for c in columns:
            p = profiles[c]
            rows_per_value = p.rows * p.filled / max(1, p.distinct)
            if (
                c not in taken
                and p.filled >= 0.9
                and p.numeric < 0.5
                and not p.flag
                and p.date_share < 0.5
                and not p.time_of_day
                and p.text_len <= 20
                and p.spaces < 0.1
                and 1.1 <= rows_per_value <= 10
                and p.distinct >= 10
                and not _NOT_KEY.search(p.norm)
                and structure.per_date(c)[1] <= 1
            ):
                scores["order_id"][c] = _THRESHOLD["order_id"]
                break

    # A file with one row per date whose numeric columns come in a numbered family (SKU_000, SKU_001, ...) is
    # wide: those columns are products, whatever their name says.
    family: set[str] = set()
    if structure.day is not None and structure.rows_per_day <= 1.05:
        skeleton = {c: re.sub(r"\d+", "#", profiles[c].norm) for c in columns if profiles[c].numeric >= 0.95}
        sizes = pd.Series(list(skeleton.values())).value_counts()
        family = {c for c, k in skeleton.items() if "#" in k and sizes[k] >= 3}

    # Key candidates, by name and content together.
    key_scores: dict[str, float] = {}
    for c in columns:
        if c in taken or c in family:
            continue
        p = profiles[c]
        ok, content, _ = _key_candidate(p, structure, len(frame))
        name = _name_score("sku", p.norm)
        if not ok and name > 0.8 and _no_evidence(p):
            ok, content = True, 0.5
        if not ok:
            continue
        other = _other_role_name(p.norm)
        if other is not None and name <= 0.8:
            continue
        if name <= 0.8 and any(_name_score(r, p.norm) > 0 for r in ("promo", "in_stock", "holiday", "quantity")):
            continue  # PROMO_B, Open_Flag, QTY_A: a flag's or a measure's name, whatever the values
        hint = max(_name_score("store", p.norm), _name_score("category", p.norm))
        key_scores[c] = 1.5 * name + 0.5 * hint + content
    if not key_scores and structure.day is not None and structure.rows_per_day > 1.05:
        # No code column (a Taobao order list): product names serve as codes.
        for c in columns:
            p = profiles[c]
            repeats = p.rows * p.filled / max(1, p.distinct) >= 1.5
            if c not in taken and _name_score("description", p.norm) > 0 and p.filled >= 0.9 and p.numeric < 0.5:
                key_scores[c] = 1.0 if repeats else 0.0
        key_scores = {c: v for c, v in key_scores.items() if v > 0}
    scores["sku"] = dict(key_scores)
    ranked = sorted(key_scores, key=lambda c: -key_scores[c])

    def storeish(c: str) -> bool:
        return named("store", c)

    key: tuple[str, ...] = ()
    layout, layout_reason = "totals", Message("layout.one_row")
    order_cols = sorted(
        (c for c, v in scores["order_id"].items() if v >= _THRESHOLD["order_id"] and c not in taken),
        key=lambda c: -scores["order_id"][c],
    )
    if ranked:
        products = [c for c in ranked if not storeish(c)]
        primary = products[0] if products else ranked[0]
        # Of two product codes where one determines the other (a listing id and its variants' codes), the finer
        # one is what is stocked.
        if named("sku", primary):
            for other in products[1:4]:
                if (
                    named("sku", other)
                    and profiles[other].distinct > profiles[primary].distinct
                    and _determines(frame, other, primary) >= 0.98
                ):
                    primary = other
                    break
        key = (primary,)
        dup = structure.dup_share([primary])
        if dup > 0.01:
            if order_cols:
                layout, layout_reason = "transactions", Message("layout.order_column", column=order_cols[0])
            elif structure.timed:
                layout, layout_reason = "transactions", Message("layout.times")
            else:
                # Several rows per date and code: a store (or agency, warehouse) may complete the key.
                completing = []
                for c in ranked:
                    if c == primary:
                        continue
                    # A store list is short: a named one up to _MAX_STORES values, an unnamed one up to 100; and
                    # the series it makes must keep ten rows each on average, or it only splits rows apart.
                    limit = _MAX_STORES if storeish(c) else 100
                    if profiles[c].distinct > limit:
                        continue
                    if structure.distinct_pairs([primary, c]) > max(50, len(frame) / 10):
                        continue
                    _, _, _, coverage = structure.per_date(c)
                    rest = structure.dup_share([primary, c])
                    if rest <= 0.01 and (storeish(c) or coverage >= 0.5):
                        completing.append((not storeish(c), -coverage, c))
                if completing:
                    second = sorted(completing)[0][2]
                    if storeish(primary) and not storeish(second):
                        primary, second = second, primary
                    key = (primary, second)
                    layout_reason = Message("layout.composite", columns=list(key))
                else:
                    layout, layout_reason = "transactions", Message("layout.repeats", share=dup)
        elif order_cols and structure.dup_share([order_cols[0]]) > 0.0:
            layout, layout_reason = "transactions", Message("layout.order_column", column=order_cols[0])
        elif structure.timed:
            layout, layout_reason = "transactions", Message("layout.times")
        take(
            "sku", primary, Message("detect.name", column=primary) if named("sku", primary) else Message("detect.codes")
        )
        if len(key) == 2:
            take("store", key[1], Message("detect.key_part", column=key[1]))

    # With several series per date, a number that is the same for all of them on a date (a fuel price, a
    # temperature, a CPI) describes the date, not a series: not its units, price or revenue.
    if "sku" in found and structure.day is not None and structure.rows_per_day >= 3:
        for role in ("quantity", "price", "revenue"):
            for c in list(scores[role]):
                # A column named for units keeps its role (two series can sell alike); the rest are judged.
                if not (role == "quantity" and named(role, c)) and structure.per_date(c)[2]:
                    del scores[role][c]

    # A description goes with its product: a name that is constant per SKU, not one that varies per line.
    if "sku" in found:
        for c in columns:
            p = profiles[c]
            if c in taken or p.numeric >= 0.5 or p.filled < 0.5:
                continue
            base = scores["description"].get(c, 0.0)
            if _name_score("sku", p.norm) > 0.8 and p.text_len >= 3:
                base = max(base, 1.5)  # an unused product column holding names (Square's "Item")
            if base > 0:
                share = _determines(frame, found["sku"], c)
                if p.distinct <= 1:
                    base -= 0.5  # one value for every product (a device, a shop): not a description
                elif share >= 0.9:
                    base += 0.5
                elif share < 0.5:
                    base -= 0.5
                scores["description"][c] = base

    # Every other role: the highest-scoring pairs first, one column per role and one role per column.
    pairs = sorted(
        ((v, role, c) for role in ROLES if role not in ("date", "sku", "revenue") for c, v in scores[role].items()),
        key=lambda x: (-x[0], ROLES.index(x[1])),
    )
    for v, role, c in pairs:
        if role in found or c in taken or v < _THRESHOLD[role]:
            continue
        if role == "quantity" and v < 1.2 and "sku" not in found:
            continue  # a quantity by content alone only next to a key
        if role == "order_id" and c in key:
            continue
        reason = (
            Message("detect.name", column=c)
            if named(role, c)
            else Message("detect.content", role=Message(ROLE_NAMES[role]))
        )
        if role == "quantity" and not named(role, c):
            reason = Message("detect.whole_numbers", share=profiles[c].whole)
        take(role, c, reason)

    rows = _sample(frame, 5_000).index.to_numpy()
    # A "quantity" with decimals that moves with the price is a price (Stallion's Sales = Price - discount).
    if "quantity" in found and "price" in found and profiles[found["quantity"]].whole < 0.5:
        q = _numbers(frame, found["quantity"], rows)
        pr = _numbers(frame, found["price"], rows)
        ok = np.isfinite(q) & np.isfinite(pr) & (pr > 0)
        if ok.sum() >= 10:
            ratio = q[ok] / pr[ok]
            if 0.3 <= np.median(ratio) <= 3 and np.std(ratio) / max(1e-9, abs(np.mean(ratio))) < 0.25:
                notes.append(Message("detect.price_like", column=found["quantity"], price=found["price"]))
                taken.discard(found.pop("quantity"))
                reasons.pop("quantity", None)
    # The only measure holds amounts with cents (Walmart's Weekly_Sales): the forecast is of money, said so.
    if "quantity" in found:
        measure = profiles[found["quantity"]]
        if measure.whole < 0.5 and re.search(r"sales|amount|revenue|value|turnover|金额|销售额", measure.norm):
            notes.append(Message("detect.money_quantity", column=found["quantity"]))
    # A "price" that grows with the quantity on the same product is a line total (Amazon's item-price).
    if "quantity" in found and "price" in found and "sku" in found and "revenue" not in found:
        q = _numbers(frame, found["quantity"], rows)
        pr = _numbers(frame, found["price"], rows)
        skus = frame[found["sku"]].iloc[rows].astype("str").to_numpy()
        ok = np.isfinite(q) & np.isfinite(pr) & (q > 0) & (pr > 0)
        if ok.sum() >= 10 and (q[ok] > 1).mean() >= 0.05:
            raw_spread = _dispersion(pr[ok], skus[ok])
            unit_spread = _dispersion(pr[ok] / q[ok], skus[ok])
            if np.isfinite(raw_spread) and np.isfinite(unit_spread) and unit_spread < 0.5 * raw_spread:
                col = found.pop("price")
                reasons.pop("price", None)
                take("revenue", col, Message("detect.line_total", column=col))
    # Revenue after the quantity: a "sales" column with decimals is money when units were found elsewhere.
    revenue = sorted(
        ((v, c) for c, v in scores["revenue"].items() if c not in taken and profiles[c].negative < 0.5),
        key=lambda x: -x[0],
    )
    if "revenue" in found:
        revenue = []  # a line total found above
    if revenue and revenue[0][0] >= _THRESHOLD["revenue"]:
        take("revenue", revenue[0][1], Message("detect.name", column=revenue[0][1]))
    elif "quantity" in found and "revenue" not in found:
        for c in columns:
            p = profiles[c]
            if c not in taken and "sales" in p.norm and p.numeric >= 0.9 and p.whole < 0.5:
                take("revenue", c, Message("detect.name", column=c))
                break

    wide: tuple[WideSeries, ...] = ()
    if "sku" not in found and "date" in found:
        mapping_now = ColumnMapping(**{r: found.get(r) for r in ROLES})
        series, reason = wide_series(frame, mapping_now, profiles)
        if not series and "quantity" in found:
            # A date and a quantity and nothing that names a series: one series, named after the column.
            series = (WideSeries(quantity=found["quantity"], sku=found["quantity"]),)
            reason = Message("layout.single", column=found["quantity"])
        if len(series) >= 2 or "quantity" not in found or series[0].quantity == found["quantity"]:
            wide, layout, layout_reason = series, "wide", reason
            if "quantity" in found and any(w.quantity == found["quantity"] for w in series):
                del found["quantity"]
                reasons.pop("quantity", None)
            paired = {c for w in series for c in (w.quantity, w.promo, w.price) if c}
            for role in ("promo", "price"):
                if found.get(role) in paired:
                    del found[role]
                    reasons.pop(role, None)

    winners = {role: scores[role].get(col, 0.0) for role, col in found.items()}
    runner_up: dict[str, tuple[str, float]] = {}
    uncertain = []
    for role in ROLES:
        others = sorted(((v, c) for c, v in scores[role].items() if c != found.get(role)), key=lambda x: -x[0])
        if not others:
            continue
        runner_up[role] = (others[0][1], round(others[0][0], 3))
        if role not in found or role not in ("date", "sku", "quantity"):
            continue
        rival = others[0][1]
        if others[0][0] < 0.97 * winners.get(role, 0.0) or rival in taken:
            continue
        # A close call matters only when the two columns would give different series.
        if _same_reading(frame, role, found[role], rival, structure):
            continue
        uncertain.append(role)
    mapping = ColumnMapping(**{role: found.get(role) for role in ROLES})
    return RoleDetection(
        mapping=mapping,
        reasons=reasons,
        scores={k: round(v, 3) for k, v in winners.items()},
        runner_up=runner_up,
        key=key,
        layout=layout,
        layout_reason=layout_reason,
        wide=wide,
        uncertain=tuple(uncertain),
        profiles=profiles,
        notes=tuple(notes),
    )


def _same_reading(frame: pd.DataFrame, role: str, chosen: str, rival: str, structure: _Structure) -> bool:
    """Whether two candidates for a role read the file the same way (one-to-one codes, equal dates or units)."""
    rows = _sample(frame, 5_000).index.to_numpy()
    if role == "sku":
        # The same series, or the rival a coarser grouping of the chosen code (a listing of variants).
        return _determines(frame, chosen, rival) >= 0.98
    if role == "date":
        try:
            a = parse_dates(frame[chosen].iloc[rows], day_first=True, column=chosen).values.dt.normalize()
            b = parse_dates(frame[rival].iloc[rows], day_first=True, column=rival).values.dt.normalize()
        except AmbiguousDateError:  # pragma: no cover - day_first is given
            return False
        both = a.notna() & b.notna()
        return bool(both.any()) and float((a[both] == b[both]).mean()) >= 0.95
    a, b = _numbers(frame, chosen, rows), _numbers(frame, rival, rows)
    both = np.isfinite(a) & np.isfinite(b)
    return bool(both.any()) and float(np.isclose(a[both], b[both]).mean()) >= 0.95


def _detect_across(frame: pd.DataFrame, columns: list[str], across: list[str]) -> RoleDetection:
    """A file with one row per product and one column per period: the key is the best code column left."""
    rest = [c for c in columns if c not in set(across)]
    profiles = profile_columns(frame[rest]) if rest else {}
    best, best_score = None, -1.0
    for c in rest:
        p = profiles[c]
        if p.filled < 0.9 or p.flag or p.date_share >= 0.8 or (p.numeric >= 0.9 and p.whole < 0.99):
            continue
        score = 1.5 * _name_score("sku", p.norm) + (1.0 if p.distinct >= 0.95 * p.rows * p.filled else 0.0)
        score -= 1.0 if _name_score("description", p.norm) > 0 or p.spaces > 0.5 else 0.0
        if score > best_score:
            best, best_score = c, score
    found: dict[str, str] = {}
    reasons: dict[str, str] = {}
    if best is not None:
        found["sku"] = best
        reasons["sku"] = (
            Message("detect.name", column=best) if _name_score("sku", profiles[best].norm) else Message("detect.codes")
        )
        for c in rest:
            if c != best and _name_score("description", profiles[c].norm) > 0:
                found["description"], reasons["description"] = c, Message("detect.name", column=c)
                break
    mapping = ColumnMapping(**{role: found.get(role) for role in ROLES})
    return RoleDetection(
        mapping=mapping,
        reasons=reasons,
        scores={"sku": round(best_score, 3)} if best else {},
        runner_up={},
        key=(best,) if best else (),
        layout="wide_dates",
        layout_reason=Message("layout.wide_dates", n=len(across)),
        profiles=profiles,
    )
