"""One test per parsing rule: dates, numbers, flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from salesdata import AmbiguousDateError, parse_dates, parse_flags, parse_numbers


def _days(result) -> list[str | None]:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d %H:%M:%S") for v in result.values]


def test_parse_dates_reads_iso_dates_and_timestamps():
    r = parse_dates(pd.Series(["2024-03-05", "2024-03-05 14:22:01", "2024-03-05T08:00:00Z"]))
    assert _days(r) == ["2024-03-05 00:00:00", "2024-03-05 14:22:01", "2024-03-05 08:00:00"]
    assert not r.invalid.any()


def test_parse_dates_detects_day_first_from_a_day_above_12():
    r = parse_dates(pd.Series(["25/12/2024", "03/01/2025"]))
    assert r.day_first is True
    assert _days(r) == ["2024-12-25 00:00:00", "2025-01-03 00:00:00"]


def test_parse_dates_detects_month_first_from_a_day_above_12():
    r = parse_dates(pd.Series(["12/25/2024 3:05 PM", "1/2/2025 12:00 AM"]))
    assert r.day_first is False
    assert _days(r) == ["2024-12-25 15:05:00", "2025-01-02 00:00:00"]


def test_parse_dates_raises_on_ambiguous_order_and_names_the_column():
    with pytest.raises(AmbiguousDateError) as err:
        parse_dates(pd.Series(["03/04/2024", "05/06/2024"]), column="Order Date")
    assert err.value.column == "Order Date"
    assert "03/04/2024" in str(err.value)
    assert "Choose the date order" in str(err.value)


@pytest.mark.parametrize(("day_first", "expected"), [(True, "2024-04-03"), (False, "2024-03-04")])
def test_parse_dates_uses_the_chosen_order_when_ambiguous(day_first, expected):
    r = parse_dates(pd.Series(["03/04/2024"]), day_first=day_first)
    assert r.values.iloc[0].strftime("%Y-%m-%d") == expected


def test_parse_dates_same_day_and_month_is_not_ambiguous():
    r = parse_dates(pd.Series(["01/01/2024", "05/05/2024"]))
    assert _days(r)[1] == "2024-05-05 00:00:00"


def test_parse_dates_reads_dotted_two_digit_years_and_chinese_dates():
    r = parse_dates(pd.Series(["31.12.23", "05.01.24"]))
    assert _days(r) == ["2023-12-31 00:00:00", "2024-01-05 00:00:00"]
    r = parse_dates(pd.Series(["2024年3月7日", "2024/3/8"]))
    assert _days(r) == ["2024-03-07 00:00:00", "2024-03-08 00:00:00"]


def test_parse_dates_reads_month_names():
    r = parse_dates(pd.Series(["01-Dec-2010", "Dec 3, 2010", "5 January 2011"]))
    assert _days(r) == ["2010-12-01 00:00:00", "2010-12-03 00:00:00", "2011-01-05 00:00:00"]


def test_parse_dates_reads_excel_serials_as_numbers_and_text():
    # Excel: 45292 is 2024-01-01 (day 0 = 1899-12-30); .5 is noon.
    r = parse_dates(pd.Series([45292.0, 45292.5]))
    assert _days(r) == ["2024-01-01 00:00:00", "2024-01-01 12:00:00"]
    assert r.format == "Excel serial"
    assert _days(parse_dates(pd.Series(["45293"]))) == ["2024-01-02 00:00:00"]


def test_parse_dates_reads_unix_seconds_and_yyyymmdd():
    assert _days(parse_dates(pd.Series([1_700_000_000]))) == ["2023-11-14 22:13:20"]
    assert _days(parse_dates(pd.Series(["20240131"]))) == ["2024-01-31 00:00:00"]


def test_parse_dates_marks_impossible_dates_invalid_and_blanks_empty():
    r = parse_dates(pd.Series(["2024-02-30", "2024-13-01", "not a date", "", None]))
    assert r.invalid.tolist() == [True, True, True, False, False]
    assert r.empty.tolist() == [False, False, False, True, True]


def test_parse_dates_strips_time_zones_keeping_wall_time():
    ts = pd.Series(pd.to_datetime(["2024-01-01 10:00"]).tz_localize("Asia/Shanghai"))
    assert _days(parse_dates(ts)) == ["2024-01-01 10:00:00"]


def test_parse_numbers_reads_thousands_separators_and_currency():
    r = parse_numbers(pd.Series(["1,234.50", "¥12", "$ 3", "RMB 1,000", "€7", "12元"]))
    assert r.values.tolist() == [1234.5, 12.0, 3.0, 1000.0, 7.0, 12.0]
    assert r.decimal == "."


def test_parse_numbers_reads_decimal_commas():
    r = parse_numbers(pd.Series(["1.234,5", "0,25", "12"]))
    assert r.values.tolist() == [1234.5, 0.25, 12.0]
    assert r.decimal == ","


def test_parse_numbers_comma_groups_of_three_are_thousands():
    assert parse_numbers(pd.Series(["1,234", "12,345,678"])).values.tolist() == [1234.0, 12345678.0]


def test_parse_numbers_reads_accounting_negatives_and_unicode_minus():
    assert parse_numbers(pd.Series(["(3)", "7-", "−5", "-2"])).values.tolist() == [-3.0, -7.0, -5.0, -2.0]


def test_parse_numbers_reads_spaces_and_apostrophes_as_thousands():
    # The decimal mark is decided per column, as a file uses one convention throughout.
    assert parse_numbers(pd.Series(["1 234,5", "1\u00a0234"])).values.tolist() == [1234.5, 1234.0]
    assert parse_numbers(pd.Series(["1'234.5", "2'000"])).values.tolist() == [1234.5, 2000.0]


def test_parse_numbers_separates_blank_from_invalid():
    r = parse_numbers(pd.Series(["", "abc", "inf", "3", None, "NaN"]))
    assert r.empty.tolist() == [True, False, False, False, True, True]
    assert r.invalid.tolist() == [False, True, True, False, False, False]
    assert np.isnan(r.values.iloc[2])


def test_parse_numbers_keeps_numeric_columns():
    r = parse_numbers(pd.Series([1, 2, 3], dtype="int64"))
    assert r.values.dtype == "float64"
    assert r.values.tolist() == [1.0, 2.0, 3.0]


def test_parse_flags_reads_english_chinese_and_numbers():
    values, invalid = parse_flags(pd.Series(["yes", "No", "是", "否", "1", "0", "TRUE", "", "maybe"]))
    assert values.tolist()[:7] == [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    assert np.isnan(values.iloc[7])
    assert np.isnan(values.iloc[8])
    assert invalid.tolist() == [False] * 8 + [True]
