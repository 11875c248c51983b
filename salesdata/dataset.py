"""From a raw table to a validated panel with a complete account of every input row."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from salesdata.errors import FrequencyError
from salesdata.frequency import WEEKDAYS, FrequencyGuess, finer_than, infer_frequency
from salesdata.mapping import ColumnMapping
from salesdata.messages import Message
from salesdata.parsing import DateEvidence
from salesdata.profile import DatasetSummary, profile_panel, summarise
from salesdata.reading import RawTable
from salesdata.resample import Freq, apply_stockouts, to_panel
from salesdata.validation import REASONS, IngestOptions, validate_rows

__all__ = [
    "SalesDataset",
    "ValidationReport",
    "build_dataset",
    "describe_report",
    "refuse_finer",
]


@dataclass(frozen=True)
class ValidationReport:
    """Where every input row went, and what was read how.

    The unit is a file row, or for wide files one cell (row x SKU column). The invariant is
    ``rows_read == rows_used + rows_rejected``; ``rejected_by_reason`` sums to ``rows_rejected``.
    """

    source_name: str
    file_format: str
    layout: str
    layout_reason: str
    unit: str
    rows_read: int
    rows_used: int
    rows_rejected: int
    rejected_by_reason: dict[str, int]
    duplicate_rows: int
    duplicates_dropped: bool
    return_rows: int
    return_units: float
    negative_periods: int
    negative_units: float
    skus_without_sales: tuple[str, ...]
    incomplete_period: tuple[pd.Timestamp, pd.Timestamp] | None
    data_end: pd.Timestamp | None
    freq: str
    date_format: str
    day_first: bool | None
    decimal: str
    warnings: dict[str, int]
    n_skus: int
    mapping: dict[str, str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1
    read_notes: tuple[str, ...] = field(default_factory=tuple)
    native_freq: str = "D"
    native_reason: str = ""
    native_strong: bool = False
    week_start: int | None = None
    date_evidence: tuple[DateEvidence, ...] = ()
    excluded_skus: tuple[str, ...] = ()

    @property
    def week_label(self) -> str | None:
        """``MON`` .. ``SUN`` for a weekly panel, else None."""
        return WEEKDAYS[self.week_start] if self.freq == "W" and self.week_start is not None else None

    @property
    def balanced(self) -> bool:
        return (
            self.rows_read
            == self.rows_used + self.rows_rejected
            == self.rows_used + sum(self.rejected_by_reason.values())
        )


@dataclass(frozen=True)
class SalesDataset:
    """A validated sales panel with its profile, report and rejected rows."""

    panel: pd.DataFrame
    profile: pd.DataFrame
    summary: DatasetSummary
    report: ValidationReport
    rejected: pd.DataFrame
    attributes: pd.DataFrame


def _rejected_frame(
    raw: RawTable, reasons: np.ndarray, row_numbers: np.ndarray, columns: np.ndarray | None
) -> pd.DataFrame:
    bad = np.flatnonzero(reasons != "")
    codes = reasons[bad].astype("str")
    head = pd.DataFrame({"row": row_numbers[bad], "reason": codes, "reason_text": [REASONS.get(c, c) for c in codes]})
    if columns is not None:
        n_cols = len(columns) // max(1, len(raw.frame)) if len(raw.frame) else 1
        rows = bad // max(1, n_cols)
        head.insert(1, "column", columns[bad].astype("str"))
        at = raw.frame.columns.get_indexer(pd.Index(columns[bad]))
        values: np.ndarray | list[object] = raw.frame.to_numpy()[rows, at] if len(bad) else []
        head["value"] = pd.Series(values, dtype="object").astype("str")
        return head
    body = raw.frame.iloc[bad].reset_index(drop=True)
    body = body.astype("str").where(body.notna(), "")
    return pd.concat([head, body], axis=1)


def build_dataset(
    raw: RawTable,
    mapping: ColumnMapping,
    options: IngestOptions | None = None,
    freq: Freq | None = None,
    stockouts: pd.DataFrame | None = None,
) -> SalesDataset:
    """Validate, aggregate and profile a raw table.

    Parameters
    ----------
    raw : RawTable
        The file as read by :func:`salesdata.read_table`.
    mapping : ColumnMapping
        Column roles (see :func:`salesdata.detect_mapping`).
    options : IngestOptions, optional
        Layout, date order, returns, duplicates and stores settings.
    freq : {"D", "W", "M"}, optional
        Panel frequency; None takes the file's own (:func:`salesdata.frequency.infer_frequency`). A bucket
        finer than a file that is clearly weekly or monthly is refused.
    stockouts : pd.DataFrame, optional
        ``unique_id, start, end`` spans out of stock; the overlapping periods get ``in_stock = 0``.

    Raises
    ------
    MappingError, AmbiguousDateError
        See :func:`salesdata.validate_rows`.
    FrequencyError
        ``freq`` is finer than the file's own bucket.
    """
    options = options or IngestOptions()
    checked = validate_rows(raw, mapping, options)
    native = infer_frequency(checked.lines["ds"])
    if checked.layout == "transactions" and not native.strong and native.freq != "D":
        # Sparse order lines are still daily: their dates are sales days, not period labels.
        days = np.unique(checked.lines["ds"].to_numpy(dtype="datetime64[D]"))
        gap = float(np.median(np.diff(days.astype("int64")))) if len(days) > 1 else 0.0
        native = FrequencyGuess("D", None, Message("freq.sparse_lines", gap=gap), native.dates, False)
    if freq is None:
        freq = native.freq
    elif native.strong and finer_than(freq, native.freq):
        raise FrequencyError(refuse_finer(raw.source_name, freq, native))
    week_start = options.week_start
    if week_start is None:
        week_start = native.week_start if native.freq == "W" and native.week_start is not None else 0
    built = to_panel(checked.lines, freq, week_start=week_start)
    reasons = checked.reasons.copy()
    line_pos = checked.lines["_line"].to_numpy()
    later = built.line_reasons != ""
    reasons[line_pos[later]] = built.line_reasons[later]

    panel = built.panel
    if stockouts is not None and not stockouts.empty:
        panel = apply_stockouts(panel, stockouts, freq)
    profile = profile_panel(panel)
    attributes = checked.attributes
    if not attributes.empty:
        attributes = attributes[attributes["unique_id"].isin(profile["unique_id"])].reset_index(drop=True)
        profile = profile.merge(attributes, on="unique_id", how="left")

    codes, counts = np.unique(reasons[reasons != ""].astype("str"), return_counts=True)
    order = {code: i for i, code in enumerate(REASONS)}
    by_reason = dict(sorted(zip(codes.tolist(), counts.tolist(), strict=True), key=lambda kv: order.get(kv[0], 99)))
    rows_read = len(reasons)
    rejected_n = int((reasons != "").sum())
    notes = built.notes
    report = ValidationReport(
        source_name=raw.source_name,
        file_format=raw.file_format,
        layout=checked.layout,
        layout_reason=checked.layout_reason,
        unit="values" if checked.layout in ("wide", "wide_dates") else "rows",
        rows_read=rows_read,
        rows_used=rows_read - rejected_n,
        rows_rejected=rejected_n,
        rejected_by_reason=by_reason,
        duplicate_rows=checked.duplicate_rows,
        duplicates_dropped=checked.duplicates_dropped,
        return_rows=checked.return_rows,
        return_units=checked.return_units,
        negative_periods=notes.negative_periods,
        negative_units=notes.negative_units,
        skus_without_sales=notes.skus_without_sales,
        incomplete_period=notes.incomplete_period,
        data_end=notes.data_end,
        freq=freq,
        date_format=checked.date_format,
        day_first=checked.day_first,
        decimal=checked.decimal,
        warnings=checked.warnings,
        n_skus=int(panel["unique_id"].nunique()),
        mapping=mapping.mapped(),
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        sheet=raw.sheet,
        header_row=raw.header_row,
        read_notes=raw.notes,
        native_freq=native.freq,
        native_reason=native.reason,
        native_strong=native.strong,
        week_start=week_start if freq == "W" else None,
        date_evidence=checked.date_evidence,
        excluded_skus=options.exclude_skus,
    )
    rejected = _rejected_frame(raw, reasons, checked.row_numbers, checked.columns)
    return SalesDataset(panel, profile, summarise(profile), report, rejected, attributes)


_FREQ_WORDS = {"D": "freq.word.D", "W": "freq.word.W", "M": "freq.word.M"}
_ALLOWED = {"D": "freq.allowed.D", "W": "freq.allowed.W", "M": "freq.allowed.M"}


def refuse_finer(source: str, freq: str, native: FrequencyGuess) -> Message:
    """Why a bucket finer than the file's own is refused, and which buckets are open."""
    return Message(
        "freq.finer_refused",
        name=source,
        freq=Message(_FREQ_WORDS[freq]),
        native=Message(_FREQ_WORDS[native.freq]),
        reason=native.reason,
        allowed=Message(_ALLOWED[native.freq]),
    )


def describe_report(report: ValidationReport) -> list[str]:
    """The report as plain English lines (for the command line and logs)."""
    unit = report.unit
    lines = [
        f"{report.source_name}: {report.layout} layout ({report.layout_reason}); dates read as {report.date_format}",
        f"{unit} read {report.rows_read:,} = used {report.rows_used:,} + rejected {report.rows_rejected:,}",
    ]
    for code, n in report.rejected_by_reason.items():
        lines.append(f"  rejected {n:,}: {REASONS.get(code, code)}")
    if report.duplicate_rows:
        action = "dropped" if report.duplicates_dropped else "kept"
        lines.append(f"exact duplicate rows: {report.duplicate_rows:,} ({action})")
    if report.return_rows:
        lines.append(f"returns netted: {report.return_rows:,} rows, {report.return_units:,.0f} units")
    if report.negative_periods:
        lines.append(
            f"periods negative after netting returns, set to 0: {report.negative_periods:,} "
            f"({report.negative_units:,.0f} units)"
        )
    if report.incomplete_period:
        a, b = report.incomplete_period
        lines.append(
            f"incomplete last period {a:%Y-%m-%d}..{b:%Y-%m-%d} left out (data end {report.data_end:%Y-%m-%d})"
        )
    return lines
