"""What a file is and how it should be read: the proposal the Data page opens with, and its doubts.

:func:`propose` turns the detected roles into reading settings (series key, stores kept apart or summed,
a wide file's products, non-merchandise lines to leave out). :func:`find_doubts` lists what a careful reader
would ask about before forecasting: close calls between columns, ambiguous or mixed dates, a time bucket
that the dates do not settle, and results that look implausible (three or fewer SKUs from thousands of
rows, SKU values that are flags or small consecutive integers, mostly empty periods in the chosen bucket).
:func:`inspect_file` does all of it for one file, as ``python -m salesdata inspect`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from salesdata.dataset import SalesDataset, build_dataset
from salesdata.detect import RoleDetection, detect_roles
from salesdata.errors import AmbiguousDateError, MappingError, SalesDataError
from salesdata.frequency import WEEKDAYS, FrequencyGuess, infer_frequency
from salesdata.mapping import ROLE_NAMES, ColumnMapping, detect_layout
from salesdata.messages import Message
from salesdata.nonmerch import CancelledLines, NonMerchandise, find_cancelled, find_non_merchandise
from salesdata.parsing import both_readings, parse_dates, parse_numbers
from salesdata.reading import RawTable, ReadOptions, read_table
from salesdata.validation import IngestOptions

__all__ = [
    "CONTRACT_ROLES",
    "Inspection",
    "Proposal",
    "contract_roles",
    "find_doubts",
    "given_reading",
    "inspect_file",
    "propose",
    "reading_flags",
    "suggest_date_order",
]

# Role names of the command-line contract (DESIGN.md) for the mapping's fields.
CONTRACT_ROLES: dict[str, str] = {
    "date": "date",
    "sku": "sku",
    "quantity": "quantity",
    "price": "price",
    "revenue": "revenue",
    "promotion": "promo",
    "store": "store",
    "category": "category",
    "in_stock": "in_stock",
    "holiday": "holiday",
    "order_id": "order_id",
    "product_name": "description",
}

_FEW_SKUS_ROWS = 1_000
_EMPTY_SHARE = 0.6


@dataclass(frozen=True)
class Proposal:
    """Reading settings proposed for a raw table, with the detection behind them."""

    mapping: ColumnMapping
    ingest: IngestOptions
    detection: RoleDetection
    non_merchandise: tuple[NonMerchandise, ...] = ()
    notes: tuple[str, ...] = ()
    cancelled: CancelledLines | None = None


def propose(raw: RawTable) -> Proposal:
    """Detect roles and turn them into reading settings.

    A two-column key keeps its stores (``sku@store`` series); a wide file's paired columns become links; lines
    that are not merchandise are proposed for exclusion.
    """
    detection = detect_roles(raw.frame)
    mapping = detection.mapping
    links: tuple[tuple[str, str, str, str], ...] = ()
    if detection.wide and any(w.sku != w.quantity or w.promo or w.price for w in detection.wide):
        links = tuple((w.quantity, w.sku, w.promo or "", w.price or "") for w in detection.wide)
    layout = detection.layout
    try:
        # When the rule validation applies to the chosen columns gives the same layout, leave it to that rule:
        # the report then says why (an order column, times of day) instead of "chosen".
        if layout not in ("wide", "wide_dates") and detect_layout(raw.frame, mapping).layout == layout:
            layout = "auto"  # (a wide file's products are passed on as found, not looked for again)
    except MappingError:
        pass
    # A wide file's products as found, so validation does not look for them again.
    wide_columns = tuple(w.quantity for w in detection.wide) if detection.wide and not links else None
    base = IngestOptions(
        layout=layout,  # type: ignore[arg-type]
        stores="separate" if len(detection.key) == 2 else "sum",
        wide_links=links,
        wide_columns=wide_columns,
    )
    flags = reading_flags(raw.frame, mapping, detection.layout)
    ingest = flags.apply(base)
    return Proposal(
        mapping, ingest, detection, flags.non_merchandise, (*detection.notes, *flags.notes), flags.cancelled
    )


@dataclass(frozen=True)
class ReadingFlags:
    """What a file's content says about its lines, for a given choice of columns: service lines, cancelled
    orders, sales written negative, a missing quantity column."""

    non_merchandise: tuple[NonMerchandise, ...]
    cancelled: CancelledLines | None
    negate_quantity: bool
    count_rows: bool
    notes: tuple[str, ...]

    def apply(self, ingest: IngestOptions) -> IngestOptions:
        """The reading settings with these flags (the rest of ``ingest`` kept)."""
        return replace(
            ingest,
            count_rows=self.count_rows,
            exclude_skus=tuple(n.code for n in self.non_merchandise),
            negate_quantity=self.negate_quantity,
            status_column=self.cancelled.column if self.cancelled else None,
            excluded_status=self.cancelled.values if self.cancelled else (),
        )


def reading_flags(frame: pd.DataFrame, mapping: ColumnMapping, layout: str) -> ReadingFlags:
    """The flags that depend on the chosen columns: recomputed whenever the user maps another SKU, quantity or
    order column, so a choice made for one column never rides along on another."""
    non_merch = find_non_merchandise(frame, mapping) if layout not in ("wide",) else ()
    cancelled = find_cancelled(frame) if layout in ("transactions", "totals", "auto") else None
    notes: list[str] = []
    negate = False
    if mapping.quantity is not None and mapping.quantity in frame.columns and layout not in ("wide", "wide_dates"):
        sample = parse_numbers(frame[mapping.quantity].head(20_000)).values
        moved = sample[sample.notna() & (sample != 0)]
        if len(moved) >= 5 and float((moved < 0).mean()) >= 0.9:
            # An item ledger writes a sale as stock leaving: read the sign turned.
            negate = True
            notes.append(Message("detect.negative_sales", column=mapping.quantity, share=float((moved < 0).mean())))
    count_rows = layout in ("transactions", "auto") and mapping.quantity is None and mapping.sku is not None
    return ReadingFlags(tuple(non_merch), cancelled, negate, count_rows, tuple(notes))


def given_reading(mapping: ColumnMapping, ingest: IngestOptions) -> Proposal:
    """A proposal that is not detected but given (a shipped demo's reading): nothing is profiled."""
    key = tuple(c for c in (mapping.sku, mapping.store if ingest.stores == "separate" else None) if c)
    detection = RoleDetection(
        mapping=mapping,
        reasons={},
        scores={},
        runner_up={},
        key=key,
        layout=ingest.layout,
        layout_reason=Message("layout.chosen"),
    )
    return Proposal(mapping, ingest, detection)


def contract_roles(mapping: ColumnMapping, ingest: IngestOptions, layout: str) -> dict[str, object]:
    """The mapping as the command-line contract names it: ``sku`` a list for a two-column key, ``[]`` when wide."""
    roles: dict[str, object] = {name: getattr(mapping, field_) for name, field_ in CONTRACT_ROLES.items()}
    if layout == "wide_dates":
        roles["quantity"] = None
    elif layout == "wide":
        roles["sku"] = []
        roles["quantity"] = None
    elif mapping.sku and mapping.store and ingest.stores == "separate":
        roles["sku"] = [mapping.sku, mapping.store]
    return roles


@dataclass(frozen=True)
class Inspection:
    """A file read as the Data page reads it, for ``python -m salesdata inspect``."""

    raw: RawTable
    proposal: Proposal
    freq: FrequencyGuess
    dataset: SalesDataset | None
    doubts: tuple[str, ...]
    skus: int
    error: str | None = None
    readings: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)

    def to_contract(self) -> dict[str, object]:
        """The JSON object of the command-line contract, plus the evidence behind it."""
        p = self.proposal
        layout = self.dataset.report.layout if self.dataset is not None else p.detection.layout
        out: dict[str, object] = {
            "layout": "wide" if layout == "wide_dates" else layout,
            "freq": self.freq.freq,
            "roles": contract_roles(p.mapping, p.ingest, layout),
            "skus": self.skus,
            "doubts": [str(d) for d in self.doubts],
        }
        if layout == "wide_dates":
            out["orientation"] = "dates_as_columns"
        if self.freq.freq == "W" and self.freq.week_start is not None:
            out["week_start"] = WEEKDAYS[self.freq.week_start]
        if layout == "wide":
            out["wide"] = [
                {"quantity": w.quantity, "sku": w.sku, "promotion": w.promo, "price": w.price} for w in p.detection.wide
            ]
        out["evidence"] = {
            "layout": str(p.detection.layout_reason),
            "freq": str(self.freq.reason),
            "roles": {
                name: str(p.detection.reasons.get(f, "")) for name, f in CONTRACT_ROLES.items() if getattr(p.mapping, f)
            },
            "runner_up": {
                name: {"column": p.detection.runner_up[f][0], "score": p.detection.runner_up[f][1]}
                for name, f in CONTRACT_ROLES.items()
                if f in p.detection.runner_up
            },
        }
        if self.dataset is not None:
            out["dates"] = [
                {
                    "format": e.format,
                    "rows": e.rows,
                    "examples": [list(x) for x in e.examples],
                    "settled_by": e.settled_by,
                }
                for e in self.dataset.report.date_evidence
            ]
            r = self.dataset.report
            out["rows"] = {"read": r.rows_read, "used": r.rows_used, "rejected": r.rows_rejected}
        if self.readings:
            out["date_readings"] = [{"cell": c, "day_first": d, "month_first": m} for c, d, m in self.readings]
        if p.notes:
            out["notes"] = [str(n) for n in p.notes]
        if p.cancelled is not None:
            out["cancelled"] = {
                "column": p.cancelled.column,
                "values": list(p.cancelled.values),
                "rows": p.cancelled.rows,
            }
        if p.non_merchandise:
            out["non_merchandise"] = [
                {"code": n.code, "description": n.description, "kind": n.kind, "rows": n.rows}
                for n in p.non_merchandise
            ]
        if self.error:
            out["error"] = self.error
        return out


def _key_values(raw: RawTable, mapping: ColumnMapping, ingest: IngestOptions) -> int:
    """Distinct series in the raw rows (used when the dates cannot be read yet)."""
    if mapping.sku is None:
        return 0
    key = raw.frame[mapping.sku].astype("str")
    if mapping.store is not None and ingest.stores == "separate":
        key = key + "@" + raw.frame[mapping.store].astype("str")
    return int(key[~key.isin(["", "nan", "None"])].nunique())


def find_doubts(
    proposal: Proposal,
    dataset: SalesDataset | None,
    freq_guess: FrequencyGuess | None,
    rows: int,
    ambiguous: AmbiguousDateError | None = None,
    mapping: ColumnMapping | None = None,
    likely_order: bool | None = None,
) -> tuple[str, ...]:
    """What a careful reader would ask about this reading (coded messages, most serious first)."""
    d = proposal.detection
    mapping = mapping or proposal.mapping
    doubts: list[str] = []
    if ambiguous is not None:
        examples = ", ".join(ambiguous.examples[:3])
        if likely_order is None:
            doubts.append(Message("doubt.ambiguous_dates", column=ambiguous.column, examples=examples))
        else:
            order = Message("dates.order_day_first" if likely_order else "dates.order_month_first")
            doubts.append(
                Message("doubt.ambiguous_dates_likely", column=ambiguous.column, examples=examples, order=order)
            )
    layout = dataset.report.layout if dataset is not None else d.layout
    if mapping.date is None and layout != "wide_dates":
        doubts.append(Message("doubt.no_date"))
    if layout != "wide" and mapping.sku is None:
        doubts.append(Message("doubt.no_sku"))
    if layout not in ("wide", "wide_dates") and mapping.quantity is None:
        if proposal.ingest.count_rows:
            doubts.append(Message("doubt.count_rows"))
        else:
            doubts.append(Message("doubt.no_quantity"))
    for role in d.uncertain:
        if getattr(mapping, role) == d.mapping.__getattribute__(role) and role in d.runner_up:
            rival, score = d.runner_up[role]
            doubts.append(
                Message(
                    "doubt.close_call",
                    role=Message(ROLE_NAMES[role]),
                    column=getattr(mapping, role),
                    score=d.scores.get(role, 0.0),
                    rival=rival,
                    rival_score=score,
                )
            )
    if freq_guess is not None and not freq_guess.strong and freq_guess.freq != "D":
        doubts.append(Message("doubt.weak_freq", reason=freq_guess.reason))
    if dataset is not None:
        r = dataset.report
        if r.n_skus == 0 or r.rows_used == 0:
            doubts.append(Message("doubt.nothing_usable", rows=r.rows_read))
        elif r.rows_rejected > 0.5 * r.rows_read:
            doubts.append(Message("doubt.most_rejected", share=r.rows_rejected / r.rows_read))
        for e in r.date_evidence:
            if e.settled_by == "mixed":
                doubts.append(Message("doubt.mixed_order", format=e.format, rows=e.rows))
        skus = dataset.profile["unique_id"].astype("str")
        n = len(skus)
        if 0 < n <= 3 and rows >= _FEW_SKUS_ROWS:
            doubts.append(Message("doubt.few_skus", n=n, rows=rows))
        base = skus.str.split("@").str[0].str.strip().str.lower()
        if n and base.isin(["true", "false", "0", "1", "yes", "no", "y", "n", "0.0", "1.0"]).all():
            doubts.append(
                Message("doubt.flag_skus", column=mapping.sku or "", values=", ".join(sorted(base.unique())[:4]))
            )
        elif n >= 2 and base.str.fullmatch(r"\d{1,2}").all():
            values = np.sort(base.astype(int).unique())
            # A column named for a key (item, store, dept) holds codes, even small numbered ones.
            named = mapping.sku is not None and _named_key(mapping.sku)
            if values[-1] <= 53 and len(values) == values[-1] - values[0] + 1 and not named:
                doubts.append(
                    Message("doubt.small_int_skus", column=mapping.sku or "", lo=int(values[0]), hi=int(values[-1]))
                )
        panel = dataset.panel
        if len(panel):
            empty = float((panel["y"] == 0).mean())
            # Empty because the bucket is too fine for the file (the whole shop sells in few periods), not
            # because the items are intermittent: a shop-level gap as well as a per-series one.
            totals = panel.groupby("ds")["y"].sum()
            calendar = pd.date_range(totals.index.min(), totals.index.max(), freq=_ALIAS.get(r.freq, "D"))
            shop_empty = (
                1 - float((totals > 0).sum()) / max(1, len(calendar)) if r.freq == "D" else float((totals == 0).mean())
            )
            if empty > _EMPTY_SHARE and shop_empty > 0.3 and rows >= _FEW_SKUS_ROWS:
                doubts.append(Message("doubt.empty_periods", share=empty, freq=r.freq, shop=shop_empty))
    return tuple(doubts)


_ALIAS = {"D": "D", "W": "7D", "M": "MS"}


def _named_key(column: str) -> bool:
    from salesdata.detect import _name_score, _normalise

    norm = _normalise(column)
    return any(_name_score(role, norm) > 0 for role in ("sku", "store", "category"))


def suggest_date_order(values: pd.Series, column: str) -> tuple[bool | None, FrequencyGuess]:
    """For dates that read both ways, the likelier order: the reading whose dates fill their calendar.

    Sales records are dense in time: read the right way, a month's invoices fall on consecutive days and a
    monthly report on consecutive months; read the wrong way, the same cells scatter over the calendar
    (1-12 January of each year). Returns the order (None when neither reading is clearly denser) and the
    time bucket of that reading.

    >>> cells = pd.Series([f"{m:02d}/01/{y}" for y in (2023, 2024) for m in range(1, 13)])
    >>> order, guess = suggest_date_order(cells, "Date")
    >>> order, guess.freq
    (False, 'M')
    """
    fill: dict[bool, tuple[float, FrequencyGuess]] = {}
    for day_first in (True, False):
        dates = parse_dates(values, day_first=day_first, column=column).values.dropna()
        guess = infer_frequency(dates)
        if dates.empty:
            fill[day_first] = (0.0, guess)
            continue
        span = (dates.max() - dates.min()).days
        periods = {"D": span + 1, "W": span // 7 + 1, "M": span // 28 + 1}[guess.freq]
        fill[day_first] = (dates.dt.normalize().nunique() / max(1, periods), guess)
    (first, g_first), (second, g_second) = fill[True], fill[False]
    if first >= 1.5 * second and first > 0:
        return True, g_first
    if second >= 1.5 * first and second > 0:
        return False, g_second
    return None, FrequencyGuess("D", None, Message("freq.no_dates"), 0)


def inspect_file(data: bytes, name: str, read: ReadOptions | None = None) -> Inspection:
    """Read a file as the Data page does and say what it is (``python -m salesdata inspect``).

    Raises
    ------
    FileReadError, LimitError
        The file cannot be read at all.
    """
    raw = read_table(data, name, read or ReadOptions())
    proposal = propose(raw)
    mapping = proposal.mapping
    ambiguous: AmbiguousDateError | None = None
    dataset: SalesDataset | None = None
    error: str | None = None
    freq = FrequencyGuess("D", None, Message("freq.no_dates"), 0)
    readings: tuple[tuple[str, str, str], ...] = ()
    order: bool | None = None
    across = proposal.detection.layout == "wide_dates"
    if mapping.date is not None:
        try:
            freq = infer_frequency(parse_dates(raw.frame[mapping.date], column=mapping.date).values)
        except AmbiguousDateError as exc:
            ambiguous = exc
            readings = tuple(both_readings(exc.examples))
            order, freq = suggest_date_order(raw.frame[mapping.date], mapping.date)
    if ambiguous is None and (mapping.date is not None or across):
        try:
            dataset = build_dataset(raw, mapping, proposal.ingest)
            r = dataset.report
            freq = FrequencyGuess(
                r.native_freq,  # type: ignore[arg-type]
                r.week_start if r.freq == "W" else None,
                r.native_reason,
                freq.dates,
                r.native_strong,
            )
        except AmbiguousDateError as exc:  # pragma: no cover - parse_dates above raised it first
            ambiguous = exc
        except SalesDataError as exc:
            error = str(exc)
    if dataset is not None:
        # Series in the file: with sales, and those whose rows net to nothing (reported, not forecast).
        skus = int(dataset.report.n_skus) + len(dataset.report.skus_without_sales)
    elif proposal.detection.layout == "wide":
        skus = len(proposal.detection.wide)
    else:
        skus = _key_values(raw, mapping, proposal.ingest)
    doubts = find_doubts(proposal, dataset, freq, len(raw.frame), ambiguous, likely_order=order)
    if error:
        doubts = (Message("doubt.unreadable", detail=error), *doubts)
    return Inspection(raw, proposal, freq, dataset, doubts, skus, error, readings)
