"""The time bucket a file is written in, told from the spacing of its dates.

A weekly file has one date a week on a fixed weekday (Walmart's Fridays, a retail calendar's Sundays); a
monthly file one date a month (the 1st, the last day, or ``201301``-style numbers read as the 1st). The
panel defaults to that native bucket: a coarser one stays a choice, a finer one would invent empty periods
(six empty days a week in a weekly file) and is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from salesdata.messages import Message
from salesdata.resample import Freq

__all__ = [
    "FREQ_ORDER",
    "WEEKDAYS",
    "FrequencyGuess",
    "finer_than",
    "infer_frequency",
    "week_start_of",
]

WEEKDAYS: tuple[str, ...] = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_WEEKDAY_NAMES = {
    "MON": "weekday.MON",
    "TUE": "weekday.TUE",
    "WED": "weekday.WED",
    "THU": "weekday.THU",
    "FRI": "weekday.FRI",
    "SAT": "weekday.SAT",
    "SUN": "weekday.SUN",
}
FREQ_ORDER: dict[str, int] = {"D": 0, "W": 1, "M": 2}


@dataclass(frozen=True)
class FrequencyGuess:
    """The file's native bucket.

    Attributes
    ----------
    freq : {"D", "W", "M"}
        Daily, weekly or monthly.
    week_start : int | None
        For a weekly file, the weekday its dates fall on (0 = Monday .. 6 = Sunday); None otherwise.
    reason : str
        The evidence, as a coded message.
    dates : int
        Distinct dates the guess rests on.
    strong : bool
        The dates leave no doubt (four or more on one weekday a week or more apart; three or more on one day
        of the month). Only a strong guess refuses a finer bucket; a weak one is a default and a doubt.
    """

    freq: Freq
    week_start: int | None
    reason: str
    dates: int
    strong: bool = False

    @property
    def week_label(self) -> str | None:
        return WEEKDAYS[self.week_start] if self.week_start is not None else None


def infer_frequency(dates: pd.Series) -> FrequencyGuess:
    """Tell daily, weekly (with its weekday) and monthly files apart from the distinct dates.

    The rules, in order: times of day mean daily (transaction lines); nine in ten dates on one weekday,
    about a week apart, mean weekly on that weekday; nine in ten on one day of the month (or on month
    ends), about a month apart, mean monthly; anything else is daily. Gaps (weeks without a row) do not
    change the answer, because a weekly file's gaps are still whole weeks.

    Examples
    --------
    >>> fridays = pd.Series(pd.date_range("2012-02-03", periods=10, freq="W-FRI"))
    >>> g = infer_frequency(fridays)
    >>> g.freq, g.week_label
    ('W', 'FRI')
    >>> infer_frequency(pd.Series(pd.date_range("2013-01-01", periods=12, freq="MS"))).freq
    'M'
    >>> infer_frequency(pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-04"]))).freq
    'D'
    """
    valid = pd.Series(dates).dropna()
    if valid.empty:
        return FrequencyGuess("D", None, Message("freq.no_dates"), 0)
    stamps = valid.to_numpy(dtype="datetime64[us]")
    days = np.unique(stamps.astype("datetime64[D]"))
    n = len(days)
    timed = (stamps != stamps.astype("datetime64[D]").astype("datetime64[us]")).mean()
    if timed > 0.1:
        return FrequencyGuess("D", None, Message("freq.times"), n)
    if n < 3:
        return FrequencyGuess("D", None, Message("freq.too_few", n=n), n)
    gaps = np.diff(days.astype("int64"))
    median_gap = float(np.median(gaps))
    index = pd.DatetimeIndex(days)
    weekday = index.day_of_week.to_numpy()
    modal_day = int(np.bincount(weekday, minlength=7).argmax())
    weekday_share = float((weekday == modal_day).mean())
    if weekday_share >= 0.9 and median_gap >= 7 and median_gap < 28:
        return FrequencyGuess(
            "W",
            modal_day,
            Message("freq.weekly", weekday=Message(_WEEKDAY_NAMES[WEEKDAYS[modal_day]]), share=weekday_share, n=n),
            n,
            n >= 4,
        )
    if 27 <= median_gap <= 92:
        dom = index.day.to_numpy()
        modal_dom = int(np.bincount(dom).argmax())
        dom_share = float((dom == modal_dom).mean())
        month_end = float(index.is_month_end.mean())
        if dom_share >= 0.9 or month_end >= 0.9:
            return FrequencyGuess("M", None, Message("freq.monthly", n=n), n, True)
    if 6 <= median_gap < 27:
        # About a week apart but on varying weekdays: weekly, on Monday weeks.
        return FrequencyGuess("W", 0, Message("freq.weekly_loose", gap=median_gap, n=n), n)
    if 27 <= median_gap <= 92:
        return FrequencyGuess("M", None, Message("freq.monthly_loose", gap=median_gap, n=n), n)
    return FrequencyGuess("D", None, Message("freq.daily", gap=median_gap, n=n), n, True)


def finer_than(freq: str, native: str) -> bool:
    """True when ``freq`` is a finer bucket than the file's own (daily on a weekly file)."""
    return FREQ_ORDER[freq] < FREQ_ORDER[native]


def week_start_of(ds: pd.Series | pd.DatetimeIndex | np.ndarray) -> int:
    """The weekday (0 = Monday) of a weekly panel's period starts: the weekday of its first date."""
    values = pd.DatetimeIndex(np.asarray(ds)[:1])
    return int(values[0].day_of_week) if len(values) else 0
