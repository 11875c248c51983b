"""Calendars and calendar features: the e-commerce event calendar, country holidays, Fourier terms.

Events (with the days around them that move demand):

- 11.11 Singles' Day: Nov 8-12
- 618: Jun 13-18
- Black Friday (day after US Thanksgiving) and Cyber Monday: Friday to Monday
- Christmas: the gift run from Dec 15 to Dec 24, Dec 25-26 themselves
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from salesdata.resample import Freq, period_start

__all__ = [
    "EVENTS",
    "PERIODS_PER_YEAR",
    "SEASON_LENGTH",
    "country_holidays",
    "event_frame",
    "event_indicators",
    "fourier_terms",
    "future_dates",
    "holiday_indicator",
]

SEASON_LENGTH: dict[str, int] = {"D": 7, "W": 52, "M": 12}
PERIODS_PER_YEAR: dict[str, float] = {"D": 365.25, "W": 365.25 / 7, "M": 12.0}
_OFFSETS: dict[str, pd.Timedelta | pd.offsets.BaseOffset] = {
    "D": pd.Timedelta(days=1),
    "W": pd.Timedelta(days=7),
    "M": pd.offsets.MonthBegin(1),
}

# event id -> (days before, days after) around the anchor date
EVENTS: dict[str, tuple[int, int]] = {
    "singles_day": (3, 1),
    "618": (5, 0),
    "black_friday": (0, 0),
    "cyber_monday": (0, 0),
    "christmas_run": (9, 0),
    "christmas": (0, 1),
}


def future_dates(last: pd.Timestamp, h: int, freq: Freq) -> pd.DatetimeIndex:
    """The ``h`` period starts after ``last`` (weeks keep the panel's own weekday: a Friday panel stays on
    Fridays)."""
    alias = {"D": "D", "W": "7D", "M": "MS"}[freq]
    return pd.date_range(pd.Timestamp(last) + _OFFSETS[freq], periods=h, freq=alias, unit="us")


def _black_friday(year: int) -> pd.Timestamp:
    nov1 = pd.Timestamp(year=year, month=11, day=1)
    thanksgiving = nov1 + pd.Timedelta(days=(3 - nov1.day_of_week) % 7 + 21)
    return thanksgiving + pd.Timedelta(days=1)


@lru_cache(maxsize=64)
def _anchors(year: int) -> dict[str, pd.Timestamp]:
    bf = _black_friday(year)
    return {
        "singles_day": pd.Timestamp(year=year, month=11, day=11),
        "618": pd.Timestamp(year=year, month=6, day=18),
        "black_friday": bf,
        "cyber_monday": bf + pd.Timedelta(days=3),
        "christmas_run": pd.Timestamp(year=year, month=12, day=24),
        "christmas": pd.Timestamp(year=year, month=12, day=25),
    }


def event_frame(start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Events between two dates in Prophet's holiday format: ``holiday, ds, lower_window, upper_window``."""
    rows = []
    for year in range(pd.Timestamp(start).year - 1, pd.Timestamp(end).year + 2):
        for name, day in _anchors(year).items():
            before, after = EVENTS[name]
            rows.append({"holiday": name, "ds": day, "lower_window": -before, "upper_window": after})
    return pd.DataFrame(rows)


def event_indicators(ds: pd.DatetimeIndex, freq: Freq) -> pd.DataFrame:
    """One 0/1 column per event: the period overlaps the event's window."""
    if len(ds) == 0:
        return pd.DataFrame(index=range(0))
    days = pd.DatetimeIndex(ds)
    # Backtest folds ask for the same calendars again and again: memoise regular date ranges.
    return _event_indicators(days[0], days[-1], len(days), freq, tuple(days) if len(days) < 3 else None).copy()


@lru_cache(maxsize=256)
def _event_indicators(first, last, n, freq, explicit) -> pd.DataFrame:
    alias = {"D": "D", "W": "7D", "M": "MS"}[freq]
    days = pd.DatetimeIndex(explicit) if explicit is not None else pd.date_range(first, periods=n, freq=alias)
    if days[-1] != last:  # not a regular range after all
        raise ValueError("event_indicators expects regular periods")
    out = pd.DataFrame(index=range(len(days)))
    week_start = int(days[0].day_of_week) if freq == "W" else 0  # weeks start on the panel's own weekday
    starts = period_start(pd.Series(days), freq, week_start).to_numpy()
    for name, (before, after) in EVENTS.items():
        flags = np.zeros(len(days))
        for year in range(days.min().year - 1, days.max().year + 2):
            anchor = _anchors(year)[name]
            window = pd.date_range(anchor - pd.Timedelta(days=before), anchor + pd.Timedelta(days=after), freq="D")
            hit = period_start(pd.Series(window), freq, week_start).to_numpy()
            flags = np.maximum(flags, np.isin(starts, hit).astype(float))
        out[f"event_{name}"] = flags
    return out


@lru_cache(maxsize=32)
def _country_days(country: str, years: tuple[int, ...]) -> frozenset:
    import holidays

    return frozenset(pd.Timestamp(d) for d in holidays.country_holidays(country, years=list(years)))


def country_holidays(country: str, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Public holidays of a country (ISO code such as CN, US, GB, DE) as ``holiday, ds`` rows."""
    import holidays

    years = list(range(pd.Timestamp(start).year - 1, pd.Timestamp(end).year + 2))
    cal = holidays.country_holidays(country, years=years, language="en_US")
    return pd.DataFrame({"holiday": [f"{country}: {n}" for n in cal.values()], "ds": pd.to_datetime(list(cal.keys()))})


def holiday_indicator(ds: pd.DatetimeIndex, freq: Freq, country: str | None) -> np.ndarray:
    """Share of the period's days that are public holidays (0/1 for daily data)."""
    if not country or len(ds) == 0:
        return np.zeros(len(ds))
    days = pd.DatetimeIndex(ds)
    years = tuple(range(days.min().year - 1, days.max().year + 2))
    hol = _country_days(country, years)
    if freq == "D":
        return np.array([1.0 if d in hol else 0.0 for d in days])
    width = 7 if freq == "W" else 30
    return np.array([sum(1 for i in range(width) if d + pd.Timedelta(days=i) in hol) / width for d in days])


def fourier_terms(t: np.ndarray, period: float, k: int, prefix: str) -> pd.DataFrame:
    """sin/cos pairs ``sin(2 pi j t / period)``, j = 1..k, for a time index ``t`` in periods."""
    cols = {}
    for j in range(1, k + 1):
        cols[f"{prefix}_sin{j}"] = np.sin(2 * np.pi * j * t / period)
        cols[f"{prefix}_cos{j}"] = np.cos(2 * np.pi * j * t / period)
    return pd.DataFrame(cols)
