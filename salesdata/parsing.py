"""Parsing rules for the values found in real sales exports.

Dates: ISO, day-first or month-first with any of ``/ . -`` (ambiguity is reported, never guessed),
Chinese ``2024年3月5日``, month names, Excel serial numbers, Unix timestamps, compact ``20240305``.
Numbers: thousands separators, decimal commas, currency signs and codes, accounting negatives.
Flags: 1/0, yes/no, true/false, Y/N, 是/否.

All parsers work on the unique values of a column and map back, so a million rows with a few
thousand distinct timestamps parse quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from salesdata.errors import AmbiguousDateError

__all__ = [
    "DateEvidence",
    "DateParse",
    "NumberParse",
    "both_readings",
    "parse_dates",
    "parse_flags",
    "parse_numbers",
]

# Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Serial numbers in this range are 1954-10-03 .. 2119-01-14: wide enough for sales history and far
# from plain small integers such as quantities.
EXCEL_SERIAL_RANGE = (20_000.0, 80_000.0)

_EMPTY_STRINGS = frozenset({"", "nan", "NaN", "NAN", "null", "NULL", "None", "none", "NA", "N/A", "n/a", "-", "#N/A"})

_NUMERIC_DATE = re.compile(
    r"^\s*(?P<a>\d{1,4})\s*[./\-年]\s*(?P<b>\d{1,2})\s*[./\-月]\s*(?P<c>\d{1,4})\s*[日号]?"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[AaPp][Mm])?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
_COMPACT_DATE = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)\s*$")

_CURRENCY = re.compile(r"(?i)[¥￥$€£₹₩₽]|\b(?:RMB|CNY|USD|EUR|GBP|HKD|JPY)\b|元|円")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_TRUE = frozenset({"1", "1.0", "y", "yes", "true", "t", "on", "promo", "是", "有", "促销", "x"})
_FALSE = frozenset({"0", "0.0", "n", "no", "false", "f", "off", "否", "无", "非促销"})


def _is_empty(values: pd.Series) -> np.ndarray:
    """True where a cell holds no value at all (NaN, None, blank or a null marker)."""
    if values.dtype.kind in "fiubcmM":
        return values.isna().to_numpy()
    as_str = values.astype("str").str.strip()
    return (values.isna() | as_str.isin(_EMPTY_STRINGS)).to_numpy()


@dataclass(frozen=True)
class NumberParse:
    """Result of :func:`parse_numbers`.

    Attributes
    ----------
    values : pd.Series
        float64, NaN where empty or unreadable.
    empty : np.ndarray
        True where the cell was blank.
    invalid : np.ndarray
        True where the cell held text that is not a number.
    decimal : str
        The decimal mark used (``"."`` or ``","``).
    """

    values: pd.Series
    empty: np.ndarray
    invalid: np.ndarray
    decimal: str


def _guess_decimal(texts: pd.Series) -> str:
    """Decide the column's decimal mark from the values that reveal it."""
    both = texts[texts.str.contains(",", regex=False) & texts.str.contains(".", regex=False)]
    if len(both):
        comma_last = (both.str.rfind(",") > both.str.rfind(".")).mean()
        return "," if comma_last > 0.5 else "."
    commas = texts[texts.str.contains(",", regex=False)]
    if len(commas):
        # "1,234" / "12,345,678" are thousands; "12,5" / "0,25" / "1,2345" are decimal commas.
        thousands = commas.str.fullmatch(r"-?\d{1,3}(,\d{3})+")
        if not thousands.all():
            return ","
    return "."


def parse_numbers(values: pd.Series, decimal: Literal["auto", ".", ","] = "auto") -> NumberParse:
    """Read a column of numbers written the way spreadsheets and ERPs write them.

    Parameters
    ----------
    values : pd.Series
        Raw cells (strings or numbers).
    decimal : {"auto", ".", ","}
        Decimal mark. ``"auto"`` decides per column from values such as ``1.234,5`` or ``12,5``.

    Examples
    --------
    >>> parse_numbers(pd.Series(["1,234.50", "¥12", "(3)", "7-"])).values.tolist()
    [1234.5, 12.0, -3.0, -7.0]
    >>> parse_numbers(pd.Series(["1.234,5", "0,25"])).values.tolist()
    [1234.5, 0.25]
    """
    empty = _is_empty(values)
    if values.dtype.kind in "iufb":
        out = values.astype("float64")
        return NumberParse(out, empty, np.zeros(len(values), dtype=bool), ".")
    codes, uniques = pd.factorize(values.astype("str"), use_na_sentinel=True)
    texts = pd.Series(uniques, dtype="str")
    fast = pd.to_numeric(texts, errors="coerce")
    need = fast.isna() & ~texts.str.strip().isin(_EMPTY_STRINGS)
    mark: str = decimal
    if need.any():
        cleaned = (
            texts[need]
            .str.replace(_CURRENCY, "", regex=True)
            .str.replace(_SPACES, "", regex=True)
            .str.replace("\u2212", "-", regex=False)
        )
        negative = cleaned.str.fullmatch(r"\(.*\)") | cleaned.str.endswith("-")
        cleaned = cleaned.str.strip("()").str.rstrip("-")
        if mark == "auto":
            mark = _guess_decimal(cleaned)
        if mark == ",":
            cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            cleaned = cleaned.str.replace(",", "", regex=False)
        parsed = pd.to_numeric(cleaned, errors="coerce")
        parsed = parsed.where(~negative, -parsed.abs())
        fast = fast.copy()
        fast[need] = parsed
    if mark == "auto":
        mark = "."
    result = np.full(len(values), np.nan)
    found = codes >= 0
    result[found] = fast.to_numpy(dtype="float64", na_value=np.nan)[codes[found]]
    invalid = np.isnan(result) & ~empty
    # "inf" and "nan" spelled out are text, not quantities: pandas would read them as floats.
    infinite = np.isinf(result)
    invalid |= infinite
    result[infinite] = np.nan
    return NumberParse(pd.Series(result, index=values.index, dtype="float64"), empty, invalid, mark)


@dataclass(frozen=True)
class DateParse:
    """Result of :func:`parse_dates`.

    Attributes
    ----------
    values : pd.Series
        datetime64, NaT where empty or unreadable.
    empty, invalid : np.ndarray
        Blank cells; cells with a value that is not a date.
    format : str
        What was recognised, for the report (``"ISO"``, ``"day/month/year"``, ``"Excel serial"``...).
    day_first : bool | None
        The order used for numeric dates such as 03/04/2024; None when the data had none.
    evidence : tuple[DateEvidence, ...]
        Each format found, with examples and how it was read.
    """

    values: pd.Series
    empty: np.ndarray
    invalid: np.ndarray
    format: str
    day_first: bool | None
    evidence: tuple[DateEvidence, ...] = ()


def _from_parts(y: pd.Series, m: pd.Series, d: pd.Series, hh: pd.Series, mm: pd.Series, ss: pd.Series) -> pd.Series:
    parts = pd.DataFrame(
        {"year": y, "month": m, "day": d, "hour": hh.fillna(0), "minute": mm.fillna(0), "second": ss.fillna(0)}
    )
    # to_datetime rejects Feb 30 or month 13 itself but rolls hour 25 over into the next day.
    bad = (parts["hour"] > 23) | (parts["minute"] > 59) | (parts["second"] > 59)
    out = pd.to_datetime(parts, errors="coerce")
    return out.where(~bad)


def _numeric_groups(p: pd.DataFrame, texts: pd.Series) -> pd.Series:
    """Format group of each matched date: its separator and how its year is written.

    Dates of one format come from one system and share one day order; a column that mixes
    ``03/15/2024`` with ``15.03.2024`` holds two systems' dates, each settled by its own values.
    """
    sep = texts.str.extract(r"^\s*\d{1,4}\s*([./\-年])", expand=False).fillna("?")
    year_first = p["a"].str.len() == 4
    year_len = np.where(year_first, 4, p["c"].str.len().clip(upper=4))
    return sep + np.where(year_first, "Y", "y") + pd.Series(year_len, index=p.index).astype("str")


def _format_label(sep: str, year_first: bool, year_len: int, day_first: bool | None) -> str:
    if sep == "年":
        return "yyyy年m月d日"
    year = "yyyy" if year_len == 4 else "yy"
    if year_first:
        return f"{year}{sep}mm{sep}dd"
    first, second = ("dd", "mm") if day_first else ("mm", "dd")
    return f"{first}{sep}{second}{sep}{year}"


def _parse_numeric_dates(
    texts: pd.Series, day_first: bool | None, column: str
) -> tuple[pd.Series, list[tuple[str, pd.Series, str]], bool | None]:
    """Parse strings such as 2024-03-05, 05/03/2024, 3.5.24, 2024年3月5日 (with optional time).

    Each format (separator and year position) settles its own day order from its own values (a part above
    12); a format no value settles takes ``day_first``, and without it the column is ambiguous.

    Returns the dates, per format ``(label, mask over texts, how the order was settled)`` and the order
    used by the undecided formats (or the one most values used).
    """
    parts = texts.str.extract(_NUMERIC_DATE)
    matched = parts["a"].notna()
    out = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[us]")
    if not matched.any():
        return out, [], day_first
    p = parts[matched]
    a, b, c = (pd.to_numeric(p[k]) for k in ("a", "b", "c"))
    hh = pd.to_numeric(p["H"])
    ampm = p["ampm"].str.lower()
    hh = hh.where(~((ampm == "pm") & (hh < 12)), hh + 12)
    hh = hh.where(~((ampm == "am") & (hh == 12)), 0)
    mm, ss = pd.to_numeric(p["M"]), pd.to_numeric(p["S"])
    groups = _numeric_groups(p, texts[matched])
    result = pd.Series(pd.NaT, index=p.index, dtype="datetime64[us]")
    evidence: list[tuple[str, pd.Series, str]] = []
    undecided: list[str] = []
    orders: dict[str, tuple[bool | None, str]] = {}
    for key in pd.unique(groups):
        g = (groups == key).to_numpy()
        sep, year_first, year_len = key[0], key[1] == "Y", int(key[2:])
        if year_first:
            orders[key] = (None, "fixed")
            continue
        ra, rb = a[g], b[g]
        a_day, b_day = bool((ra > 12).any()), bool((rb > 12).any())
        if a_day and not b_day:
            orders[key] = (True, "values")
        elif b_day and not a_day:
            orders[key] = (False, "values")
        elif not a_day and not b_day:
            if bool((ra != rb).any()):
                orders[key] = (day_first, "choice")
                if day_first is None:
                    undecided.append(key)
            else:
                orders[key] = (True, "fixed")  # every value has day == month: both readings agree
        else:
            # Values with day > 12 in both places: the format mixes orders. The user's choice, or the reading
            # that parses more values; the rest are reported as unreadable dates.
            majority = day_first if day_first is not None else bool((ra > 12).sum() >= (rb > 12).sum())
            orders[key] = (majority, "mixed")
    if undecided:
        ambiguous = (groups.isin(undecided) & (a != b)).to_numpy()
        examples = tuple(texts[matched][ambiguous].head(3).tolist())
        raise AmbiguousDateError(column, examples)
    used: list[bool] = []
    for key, (order, how) in orders.items():
        g = (groups == key).to_numpy()
        sep, year_first, year_len = key[0], key[1] == "Y", int(key[2:])
        ga, gb, gc = a[g], b[g], c[g]
        if year_first:
            year, month, day = ga, gb, gc
        else:
            year = gc.where(p.loc[g, "c"].str.len() > 2, gc + np.where(gc < 70, 2000, 1900))
            day, month = (ga, gb) if order else (gb, ga)
            used.extend([bool(order)] * int(g.sum()))
        result[g] = _from_parts(year, month, day, hh[g], mm[g], ss[g]).astype("datetime64[us]")
        mask = pd.Series(False, index=texts.index)
        mask[p.index[g]] = True
        evidence.append((_format_label(sep, year_first, year_len, order), mask, how))
    out[matched] = result
    chosen = day_first
    if used and chosen is None and len(set(used)) == 1:
        chosen = used[0]  # one order for every format; formats that differ are shown per format instead
    return out, evidence, chosen


def _parse_serials(numbers: pd.Series) -> tuple[pd.Series, str]:
    """Numbers that are dates: Excel serials, Unix seconds or milliseconds, yyyymmdd or yyyymm."""
    finite = numbers.dropna()
    out = pd.Series(pd.NaT, index=numbers.index, dtype="datetime64[us]")
    if finite.empty:
        return out, ""
    lo, hi = finite.min(), finite.max()
    whole = bool((finite == finite.round()).all())
    if EXCEL_SERIAL_RANGE[0] <= lo and hi <= EXCEL_SERIAL_RANGE[1]:
        out = (EXCEL_EPOCH + pd.to_timedelta(numbers, unit="D")).astype("datetime64[us]")
        return out.dt.round("s"), "Excel serial"
    if lo >= 19_000_101 and hi <= 21_001_231 and whole:
        out = pd.to_datetime(numbers.astype("Int64").astype("str"), format="%Y%m%d", errors="coerce")
        return out.astype("datetime64[us]"), "yyyymmdd"
    if lo >= 190_001 and hi <= 210_012 and whole and finite.mod(100).between(1, 12).all():
        # Year and month as one number (201301): the month's first day.
        out = pd.to_datetime(numbers.astype("Int64").astype("str"), format="%Y%m", errors="coerce")
        return out.astype("datetime64[us]"), "yyyymm"
    if lo >= 3e8 and hi <= 4.1e9:
        return pd.to_datetime(numbers, unit="s", errors="coerce").astype("datetime64[us]"), "Unix seconds"
    if lo >= 3e11 and hi <= 4.1e12:
        return pd.to_datetime(numbers, unit="ms", errors="coerce").astype("datetime64[us]"), "Unix milliseconds"
    return out, ""


_EARLIEST, _LATEST = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-01-01")
_WEEKDAY_WORDS = re.compile(
    r"(?:星期|周|礼拜)[一二三四五六日天]|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b,?",
    re.I,
)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_MONTH_YEAR = re.compile(r"^\s*(?P<mon>[A-Za-z]{3,9})\.?[\s\-/.']*(?P<y>\d{4}|\d{2})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>0?[1-9]|1[0-2])\s*月?\s*$")


@dataclass(frozen=True)
class DateEvidence:
    """One date format found in a column, and how its values were read.

    Attributes
    ----------
    format : str
        The format, e.g. ``dd/mm/yyyy``, ``yyyy-mm-dd``, ``Excel serial``, ``text``.
    rows : int
        Cells written in this format.
    examples : tuple[tuple[str, str], ...]
        Up to three ``(cell as written, date read)`` pairs, the date as ``YYYY-MM-DD``.
    settled_by : str
        How the day order was settled: ``values`` (a part above 12), ``choice`` (the user's), ``mixed`` (both
        orders occur; the majority reading), or ``fixed`` (the format leaves no doubt).
    """

    format: str
    rows: int
    examples: tuple[tuple[str, str], ...]
    settled_by: str = "fixed"


def _ymd(value: object) -> str:
    """A parsed date as ``YYYY-MM-DD``; ``""`` for NaT."""
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else ""


def _evidence(
    label: str, mask: pd.Series, texts: pd.Series, parsed: pd.Series, counts: np.ndarray, settled: str = "fixed"
) -> DateEvidence:
    idx = np.flatnonzero(mask.to_numpy())
    # Prefer examples that show the order (a part above 12), then the most frequent values; at most a few
    # thousand candidates are looked at (a timestamp column has one value per row).
    pool = idx[np.argsort(-counts[idx], kind="stable")[:5000]]
    telling = texts.iloc[pool].str.contains(r"(?<!\d)(?:1[3-9]|2\d|3[01])(?!\d)", regex=True).to_numpy()
    shown = pool[np.lexsort((-counts[pool], ~telling))]
    examples = tuple((str(texts.iat[i]), _ymd(parsed.iat[i])) for i in shown[:3])
    return DateEvidence(label, int(counts[idx].sum()), examples, settled)


def both_readings(examples: tuple[str, ...] | list[str]) -> list[tuple[str, str, str]]:
    """Each example read day-first and month-first, as ``(cell, day-first date, month-first date)``.

    >>> both_readings(["03/04/2024"])
    [('03/04/2024', '2024-04-03', '2024-03-04')]
    """
    texts = pd.Series(list(examples), dtype="str")
    day, _, _ = _parse_numeric_dates(texts, True, "date")
    month, _, _ = _parse_numeric_dates(texts, False, "date")
    return [(str(texts.iat[i]), _ymd(day.iat[i]), _ymd(month.iat[i])) for i in range(len(texts))]


def parse_dates(values: pd.Series, day_first: bool | None = None, column: str = "date") -> DateParse:
    """Read a column of dates or timestamps.

    Each format in the column is read on its own: ISO dates, day- or month-first dates per separator,
    month names, Excel serials, yyyymmdd and yyyymm numbers. ``evidence`` lists the formats found,
    with examples and how each was read.

    Parameters
    ----------
    values : pd.Series
        Raw cells: strings, numbers (Excel serials, Unix time, yyyymmdd, yyyymm) or datetimes.
    day_first : bool | None
        Order for numeric dates like ``03/04/2024`` in a format whose own values do not settle it. None
        detects it from values with a part above 12 and raises :class:`AmbiguousDateError` when no value
        decides.
    column : str
        Column name, for messages.

    Raises
    ------
    AmbiguousDateError
        When ``day_first`` is None and a format reads both ways.

    Examples
    --------
    >>> parse_dates(pd.Series(["25/12/2024", "03/01/2025"])).values.dt.strftime("%Y-%m-%d").tolist()
    ['2024-12-25', '2025-01-03']
    >>> parse_dates(pd.Series([45292])).values.dt.strftime("%Y-%m-%d").tolist()
    ['2024-01-01']
    >>> mixed = parse_dates(pd.Series(["03/15/2024", "04/01/2024", "15.03.2024", "04.01.2024"]))
    >>> mixed.values.dt.strftime("%Y-%m-%d").tolist()
    ['2024-03-15', '2024-04-01', '2024-03-15', '2024-01-04']
    >>> [(e.format, e.settled_by) for e in mixed.evidence]
    [('mm/dd/yyyy', 'values'), ('dd.mm.yyyy', 'values')]
    """
    empty = _is_empty(values)
    if values.dtype.kind == "M":
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        out = out.astype("datetime64[us]")
        n = int((~empty).sum())
        sample = tuple((str(v), v.strftime("%Y-%m-%d")) for v in out.dropna().head(2))
        return DateParse(
            out, empty, np.zeros(len(values), dtype=bool), "date/time", None, (DateEvidence("date/time", n, sample),)
        )
    if values.dtype.kind in "iuf":
        out, fmt = _parse_serials(values.astype("float64"))
        invalid = out.isna().to_numpy() & ~empty
        good = out.notna().to_numpy()
        sample = tuple(
            (f"{v:g}", d.strftime("%Y-%m-%d")) for v, d in zip(values[good].head(2), out[good].head(2), strict=True)
        )
        evidence: tuple[DateEvidence, ...] = (DateEvidence(fmt, int(good.sum()), sample),) if fmt else ()
        return DateParse(out, empty, invalid, fmt or "number", None, evidence)

    codes, uniques = pd.factorize(values.astype("str"), use_na_sentinel=True)
    # A weekday written beside the date ("2018-01-05 星期五", "Fri 05/01/2018") says nothing the date does not.
    texts = pd.Series(uniques, dtype="str").str.replace(_WEEKDAY_WORDS, " ", regex=True).str.strip()
    counts = np.bincount(codes[codes >= 0], minlength=len(texts))
    parsed = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[us]")
    found_formats: list[tuple[str, pd.Series, str]] = []
    chosen: bool | None = day_first
    blank = texts.isin(_EMPTY_STRINGS)

    numeric_text = texts.str.fullmatch(r"\d+(\.\d+)?") & ~blank
    if numeric_text.any():
        serial, fmt = _parse_serials(pd.to_numeric(texts[numeric_text]))
        parsed[numeric_text] = serial
        if fmt:
            found_formats.append((fmt, numeric_text & parsed.notna(), "fixed"))

    todo = parsed.isna() & ~blank & ~numeric_text
    iso = todo & texts.str.match(r"\d{4}-\d{2}-\d{2}")
    if iso.any():
        # Fast path for ISO 8601 (what databases export); anything it refuses goes through the rules below.
        try:
            got = pd.to_datetime(texts[iso], format="ISO8601", errors="coerce")
            if getattr(got.dt, "tz", None) is not None:
                got = got.dt.tz_localize(None)
            parsed[iso] = got.astype("datetime64[us]")
            if got.notna().any():
                found_formats.append(("yyyy-mm-dd", iso & parsed.notna(), "fixed"))
        except (ValueError, TypeError):  # mixed time-zone offsets: leave them to the general rules
            pass

    todo = parsed.isna() & ~blank & ~numeric_text
    if todo.any():
        got, groups, chosen = _parse_numeric_dates(texts[todo], day_first, column)
        parsed[todo] = got
        for label, mask, how in groups:
            full = pd.Series(False, index=texts.index)
            full[mask[mask].index] = True
            found_formats.append((label, full & parsed.notna(), how))

    todo = parsed.isna() & ~blank & ~numeric_text
    if todo.any():
        ym = texts[todo].str.extract(_YEAR_MONTH)
        hit = ym["y"].notna()
        if hit.any():
            idx = ym.index[hit]
            parsed[idx] = pd.to_datetime(
                pd.DataFrame({"year": ym.loc[hit, "y"].astype(int), "month": ym.loc[hit, "m"].astype(int), "day": 1})
            ).astype("datetime64[us]")
            found_formats.append(("yyyy-mm", pd.Series(texts.index.isin(idx), index=texts.index), "fixed"))

    todo = parsed.isna() & ~blank & ~numeric_text
    if todo.any():
        # A month name and a year ("Jan-98", "Mar 2002"): the month's first day. dateutil would read "Mar-02"
        # as March 2nd of year 1.
        my = texts[todo].str.extract(_MONTH_YEAR)
        hit = my["mon"].notna() & my["mon"].str[:3].str.lower().isin(list(_MONTHS))
        if hit.any():
            idx = my.index[hit]
            year = my.loc[hit, "y"].astype(int)
            year = year.where(my.loc[hit, "y"].str.len() == 4, year + np.where(year < 70, 2000, 1900))
            month = my.loc[hit, "mon"].str[:3].str.lower().map(_MONTHS)
            parsed[idx] = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1})).astype(
                "datetime64[us]"
            )
            found_formats.append(("mon-yy", pd.Series(texts.index.isin(idx), index=texts.index), "fixed"))

    # A time of day alone ("13:08", "7:45 PM") is not a date: pandas would give it today's date.
    time_only = texts.str.fullmatch(r"\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?\s*")
    todo = parsed.isna() & ~blank & ~numeric_text & ~time_only
    if todo.any():
        # Month names ("01-Dec-2010", "Dec 3, 2010"): the order is fixed by the name itself.
        got = pd.to_datetime(texts[todo], format="mixed", errors="coerce", dayfirst=bool(chosen))
        if getattr(got.dt, "tz", None) is not None:
            got = got.dt.tz_localize(None)
        parsed[todo] = got.astype("datetime64[us]")
        if got.notna().any():
            found_formats.append(("text", todo & parsed.notna(), "fixed"))

    # Text such as "1.5.-1" or "99999-1-1" can parse to years no sales record has.
    parsed = parsed.where((parsed >= _EARLIEST) & (parsed <= _LATEST))
    found_formats = [(label, mask & parsed.notna(), how) for label, mask, how in found_formats]
    evidence = tuple(
        _evidence(label, mask, texts, parsed, counts, how) for label, mask, how in found_formats if mask.any()
    )
    result = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    found = codes >= 0
    result[found] = parsed.to_numpy(dtype="datetime64[us]")[codes[found]]
    out = pd.Series(result, index=values.index)
    invalid = out.isna().to_numpy() & ~empty
    label = " + ".join(dict.fromkeys(e.format for e in evidence)) or "none"
    return DateParse(out, empty, invalid, label, chosen, evidence)


def parse_flags(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Read a 0/1 column (promo, in stock).

    Returns float 0/1 with NaN for blank or unreadable cells, and a mask of the unreadable ones; the
    caller decides what a blank means (no promotion, in stock).

    Examples
    --------
    >>> parse_flags(pd.Series(["yes", "否", "1", "", "maybe"]))[0].tolist()
    [1.0, 0.0, 1.0, nan, nan]
    """
    if values.dtype.kind == "b":
        return values.astype("float64"), np.zeros(len(values), dtype=bool)
    if values.dtype.kind in "iuf":
        out = values.astype("float64")
        out = out.where(out.isna(), (out > 0).astype("float64"))
        return out, np.zeros(len(values), dtype=bool)
    texts = values.astype("str").str.strip().str.lower()
    blank = values.isna() | texts.isin(_EMPTY_STRINGS)
    out = pd.Series(np.nan, index=values.index, dtype="float64")
    out[texts.isin(_TRUE)] = 1.0
    out[texts.isin(_FALSE)] = 0.0
    numeric = pd.to_numeric(texts, errors="coerce")
    other = out.isna() & numeric.notna()
    out[other] = (numeric[other] > 0).astype("float64")
    out[blank] = np.nan
    invalid = (out.isna() & ~blank).to_numpy()
    return out, invalid
