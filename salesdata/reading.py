"""Reading uploaded files into a raw table, before any column has a meaning.

Supported: CSV/TSV/TXT (delimiter and encoding detected: UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK,
Latin-1/CP1252), XLSX/XLSM/XLS (sheet choice), Parquet, and any of these gzip-compressed. A title or
preamble above the header row is skipped; rows with more fields than the header are kept in the table
and reported, so row numbers always match the file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from salesdata.errors import FileReadError, LimitError
from salesdata.messages import Message

__all__ = [
    "FileFormat",
    "RawTable",
    "ReadOptions",
    "detect_delimiter",
    "detect_encoding",
    "detect_format",
    "list_sheets",
    "read_table",
]

FileFormat = Literal["csv", "xlsx", "xls", "parquet"]

DELIMITERS = (",", "\t", ";", "|")
TOO_MANY_FIELDS = "too_many_fields"
_SKIP_LINE = re.compile(r"Skipping line \d+: expected \d+ fields, saw (\d+)")
_HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class ReadOptions:
    """How to read a file. None means detect.

    Attributes
    ----------
    encoding : str | None
        Text encoding for delimited files.
    delimiter : str | None
        Field separator for delimited files.
    sheet : str | None
        Excel sheet name; None reads the first sheet.
    header_row : int | None
        1-based row number of the header as a spreadsheet shows it; 0 means the file has no header;
        None detects it (skipping a title or blank rows above the header).
    max_bytes : int
        Largest file accepted.
    max_rows : int
        Largest number of data rows accepted.
    max_columns : int
        Largest number of columns accepted.
    """

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    max_bytes: int = 200 * 1024 * 1024
    max_rows: int = 5_000_000
    max_columns: int = 20_000


@dataclass(frozen=True)
class RawTable:
    """A file read as a table whose columns have no meaning yet.

    Attributes
    ----------
    frame : pd.DataFrame
        One row per data row of the file, columns named by the header. Text formats hold strings;
        Excel and Parquet keep their cell types.
    row_numbers : np.ndarray
        For each frame row, its row number in the file as a spreadsheet shows it (header = its own row).
    read_rejects : pd.Series
        Per frame row, a reason code when the row is malformed (``"too_many_fields"``) or ``""``.
    """

    frame: pd.DataFrame
    source_name: str
    file_format: FileFormat
    row_numbers: np.ndarray
    read_rejects: pd.Series
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    header_row: int = 1
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def n_rows(self) -> int:
        return len(self.frame)


def detect_format(data: bytes, filename: str) -> FileFormat:
    """Tell the file type from its first bytes, falling back on the name's extension."""
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    suffix = Path(filename).suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls", ".parquet", ".pq"}:
        # The extension promises a binary format the bytes do not have.
        raise FileReadError(Message("read.wrong_extension", name=filename, suffix=suffix, kind=suffix.lstrip(".")))
    return "csv"


def detect_encoding(data: bytes) -> tuple[str, str | None]:
    """Choose a text encoding for a delimited file.

    Returns the encoding and, when some bytes could not be decoded, a note for the report.

    Order: byte-order marks; strict UTF-8; UTF-8 with a few bad bytes (mixed files); strict GB18030 when the
    text then reads as Chinese; charset-normalizer's best guess; CP1252; Latin-1 (which never fails).
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    try:
        data.decode("utf-8")
        return "utf-8", None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if multibyte > 0 and bad <= max(2, len(data) // 1000) and bad < multibyte:
        return "utf-8", Message("note.bad_utf8", n=bad)
    try:
        text = data.decode("gb18030")
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        high = sum(1 for ch in text if ord(ch) > 127)
        if high and cjk / high > 0.6:
            return "gb18030", None
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=["gb18030", "cp1252", "latin_1", "big5", "shift_jis"]).best()
        if best is not None:
            guess = best.encoding.lower().replace("_", "")
            if guess in {"gb18030", "gbk", "gb2312"}:
                data.decode("gb18030")
                return "gb18030", None
            if guess in {"big5", "shiftjis"}:
                data.decode(best.encoding)
                return best.encoding, None
    except (ImportError, UnicodeDecodeError):
        pass
    try:
        data.decode("cp1252")
        return "cp1252", None
    except UnicodeDecodeError:
        return "latin-1", None


def detect_delimiter(text: str, preferred: str | None = None) -> str:
    """Pick the delimiter that splits the first lines into the most consistent number of fields."""
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    if not lines:
        return preferred or ","
    best, best_score = preferred or ",", -1.0
    for delim in ((preferred,) if preferred else ()) + DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        except csv.Error:  # a field over the csv module's size limit: not this delimiter
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = counts.count(modal) / len(counts) + 0.001 * modal
        if score > best_score + 0.05:
            best, best_score = delim, score
    return best


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control > len(sample) * 0.05


def list_sheets(data: bytes, filename: str) -> tuple[str, ...]:
    """Sheet names of an Excel workbook (empty for other formats)."""
    fmt = detect_format(_gunzip(data, filename), filename)
    if fmt not in ("xlsx", "xls"):
        return ()
    try:
        from python_calamine import CalamineWorkbook

        return tuple(CalamineWorkbook.from_filelike(io.BytesIO(_gunzip(data, filename))).sheet_names)
    except Exception as exc:  # calamine raises its own error types for corrupt workbooks
        raise FileReadError(Message("read.workbook_unopenable", name=filename, detail=str(exc))) from exc


def _gunzip(data: bytes, filename: str) -> bytes:
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise FileReadError(Message("read.gzip_damaged", name=filename, detail=str(exc))) from exc
    return data


def _text_grid(text: str, delimiter: str, max_rows: int) -> tuple[pd.DataFrame, int]:
    """All cells as strings, every record kept; returns the grid and the widest record's field count."""
    kwargs: dict[str, Any] = {
        "sep": delimiter,
        "header": None,
        "dtype": str,
        "keep_default_na": False,
        "skip_blank_lines": False,
        "nrows": max_rows + _HEADER_SCAN_ROWS + 1,
        "engine": "c",
        "quotechar": '"',
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grid = pd.read_csv(io.StringIO(text), on_bad_lines="warn", **kwargs)
    widths = [int(m) for w in caught for m in _SKIP_LINE.findall(str(w.message))]
    if widths:
        # Some records are wider than the first one: read again with room for the widest so no
        # record is dropped and row numbers stay true.
        grid = pd.read_csv(io.StringIO(text), names=list(range(max(widths))), **kwargs)
    return grid, grid.shape[1]


def _detect_header(grid: pd.DataFrame) -> int:
    """0-based index of the header row in a raw grid, or -1 when the first row is already data."""
    head = grid.head(_HEADER_SCAN_ROWS)
    if head.empty:
        return 0
    # pandas 3 keeps missing values missing in the str dtype, hence notna() as well.
    as_text = head.astype("str").apply(lambda col: col.str.strip()).fillna("")
    filled = head.notna() & as_text.ne("") & as_text.ne("nan") & as_text.ne("None") & as_text.ne("NaT")
    widths = filled.sum(axis=1).to_numpy()
    typical = int(np.median(widths[widths > 0])) if (widths > 0).any() else 0
    numeric_like = as_text.apply(lambda col: col.str.fullmatch(r"[-+]?[\d.,\s/:\-]+") & col.ne(""))
    for i in range(len(head)):
        if widths[i] == 0 or widths[i] < max(1, 0.6 * typical):
            continue
        labels = filled.iloc[i] & ~numeric_like.iloc[i]
        if labels.sum() >= max(1, 0.5 * widths[i]):
            return i
        if _dates_across(head.iloc[i], filled.iloc[i]) and i + 1 < len(head):
            return i  # one date per column (2022-01, 2022-02, ...): the header of a table written across
        return -1 if i == 0 else i
    return 0


def _dates_across(row: pd.Series, filled: pd.Series) -> bool:
    """A row whose cells are mostly distinct dates, three or more: the period headers of a table written across.

    A data row of a long table has one date, not one per column.
    """
    from salesdata.errors import AmbiguousDateError
    from salesdata.parsing import parse_dates

    cells = row[filled.to_numpy()]
    if len(cells) < 3:
        return False
    texts = pd.Series([c.strftime("%Y-%m-%d") if hasattr(c, "strftime") else str(c) for c in cells], dtype="str")
    # Bare numbers are not period headers (they would read as serials).
    texts = texts[
        ~texts.str.fullmatch(r"\s*\d+(\.\d+)?\s*") | texts.str.fullmatch(r"\s*(19|20)\d{2}(0[1-9]|1[0-2])\s*")
    ]
    if len(texts) < 3:
        return False
    try:
        parsed = parse_dates(texts, column="header").values
    except AmbiguousDateError:
        parsed = parse_dates(texts, day_first=True, column="header").values
    dates = parsed.dropna()
    return len(dates) >= 3 and dates.nunique() == len(dates) and len(dates) >= 0.5 * len(cells)


def _name_columns(header_cells: list[object], width: int) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for k in range(width):
        raw = header_cells[k] if k < len(header_cells) else None
        text = "" if raw is None or (isinstance(raw, float) and np.isnan(raw)) else str(raw).strip()
        if isinstance(raw, (pd.Timestamp, datetime)):
            stamp = pd.Timestamp(raw)
            text = stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else str(stamp)
        elif isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        name = text or f"column_{k + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


def _blank_cell(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() in ("", "nan", "NaT")


def _filled(block: pd.DataFrame) -> pd.DataFrame:
    """True for cells that hold something."""
    out = block.notna()
    for col in block.columns:
        if block[col].dtype == object or block[col].dtype == "str":
            out[col] &= block[col].astype("str").str.strip().ne("")
    return out


def _split_header(
    grid: pd.DataFrame, header_row: int | None, record_numbers: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray, pd.Series, int]:
    """Cut the grid at the header row; flag records wider than the header."""
    if header_row is None:
        idx = _detect_header(grid)
    else:
        idx = -1
        if header_row > 0:
            # Blank rows were dropped from the grid: find the header by its row number.
            found = np.flatnonzero(record_numbers == header_row)
            if len(found) == 0:
                last = int(record_numbers[-1]) if len(record_numbers) else 0
                raise FileReadError(Message("read.bad_header_row", row=header_row, last=last))
            idx = int(found[0])
    if idx >= 0:
        header_cells = list(grid.iloc[idx])
        body = grid.iloc[idx + 1 :]
        numbers = record_numbers[idx + 1 :]
    else:
        header_cells = []
        body = grid
        numbers = record_numbers
    filled_header = [k for k, v in enumerate(header_cells) if not _blank_cell(v)]
    width = (max(filled_header) + 1) if filled_header else grid.shape[1]
    if body.shape[1] > width:
        # A column without a header name that most rows fill is a real, unnamed column.
        extra_filled = _filled(body.iloc[:, width:]).mean(axis=0).to_numpy()
        while width < body.shape[1] and extra_filled[0] > 0.5:
            width += 1
            extra_filled = extra_filled[1:]
    rejects = pd.Series("", index=range(len(body)), dtype="str")
    if body.shape[1] > width:
        # Cells right of the header: padding when empty (trailing delimiters, Excel's used range),
        # a malformed record otherwise.
        extra = _filled(body.iloc[:, width:]).any(axis=1).to_numpy()
        rejects[extra] = TOO_MANY_FIELDS
    if not filled_header:
        while width > 1 and not _filled(body.iloc[:, [width - 1]]).any(axis=None):
            width -= 1
    frame = body.iloc[:, :width].copy()
    frame.columns = _name_columns(header_cells, width)
    frame = frame.reset_index(drop=True)
    return frame, numbers, rejects, int(record_numbers[idx]) if idx >= 0 else 0


def read_table(data: bytes, filename: str, options: ReadOptions | None = None) -> RawTable:
    """Read an uploaded file into a :class:`RawTable`.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name, for the extension and for messages.
    options : ReadOptions, optional
        Overrides for detection and limits.

    Raises
    ------
    FileReadError
        Empty, binary or undecodable files, unknown sheets, broken workbooks.
    LimitError
        Files over the size, row or column limits.
    """
    options = options or ReadOptions()
    if len(data) > options.max_bytes:
        raise LimitError(Message("read.too_big", name=filename, mb=len(data) / 1e6, limit=options.max_bytes / 1e6))
    data = _gunzip(data, filename)
    if not data.strip():
        raise FileReadError(Message("read.empty", name=filename))
    fmt = detect_format(data, filename)
    if fmt == "parquet":
        return _read_parquet(data, filename, options)
    if fmt in ("xlsx", "xls"):
        return _read_excel(data, filename, fmt, options)
    return _read_delimited(data, filename, options)


def _check_shape(rows: int, cols: int, filename: str, options: ReadOptions) -> None:
    if rows > options.max_rows:
        raise LimitError(Message("read.too_many_rows", name=filename, limit=options.max_rows))
    if cols > options.max_columns:
        raise LimitError(Message("read.too_many_columns", name=filename, cols=cols, limit=options.max_columns))


def _read_delimited(data: bytes, filename: str, options: ReadOptions) -> RawTable:
    if _looks_binary(data):
        raise FileReadError(Message("read.binary", name=filename))
    notes: list[str] = []
    if options.encoding:
        encoding = options.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise FileReadError(
                Message("read.bad_encoding", name=filename, encoding=encoding, detail=str(exc))
            ) from exc
    else:
        encoding, note = detect_encoding(data)
        text = data.decode(encoding, errors="replace")
        if note:
            notes.append(note)
    text = text.lstrip("\ufeff")
    preferred = "\t" if Path(filename).suffix.lower() == ".tsv" else None
    delimiter = options.delimiter or detect_delimiter(text, preferred)
    try:
        grid, width = _text_grid(text, delimiter, options.max_rows)
    except pd.errors.EmptyDataError as exc:
        raise FileReadError(Message("read.no_rows", name=filename)) from exc
    except pd.errors.ParserError as exc:
        raise FileReadError(Message("read.unsplittable", name=filename, detail=str(exc))) from exc
    _check_shape(len(grid) - 1, width, filename, options)
    record_numbers = np.arange(1, len(grid) + 1)
    blank = ~_filled(grid).any(axis=1).to_numpy()
    if blank.any():
        grid, record_numbers = grid[~blank].reset_index(drop=True), record_numbers[~blank]
    if grid.empty:
        raise FileReadError(Message("read.no_rows", name=filename))
    frame, numbers, rejects, header = _split_header(grid, options.header_row, record_numbers)
    if frame.empty:
        raise FileReadError(Message("read.header_only", name=filename))
    if header > 1:
        notes.append(Message("note.header_row", row=header, skipped=header - 1))
    return RawTable(
        frame=frame,
        source_name=filename,
        file_format="csv",
        row_numbers=numbers,
        read_rejects=rejects,
        encoding=encoding,
        delimiter=delimiter,
        header_row=header,
        notes=tuple(notes),
    )


def _read_excel(data: bytes, filename: str, fmt: FileFormat, options: ReadOptions) -> RawTable:
    sheets = list_sheets(data, filename)
    if not sheets:
        raise FileReadError(Message("read.no_sheets", name=filename))
    notes = []
    if options.sheet is not None:
        sheet = options.sheet
    else:
        sheet = _sales_sheet(data, sheets)
        if sheet != sheets[0]:
            notes.append(Message("note.sheet_chosen", sheet=sheet, n=len(sheets)))
    if sheet not in sheets:
        raise FileReadError(Message("read.no_such_sheet", name=filename, sheet=sheet, sheets=", ".join(sheets)))
    try:
        grid = pd.read_excel(io.BytesIO(data), sheet_name=sheet, header=None, engine="calamine", dtype=object)
    except Exception as exc:  # calamine's own error types
        raise FileReadError(Message("read.sheet_unreadable", name=filename, sheet=sheet, detail=str(exc))) from exc
    if grid.empty:
        raise FileReadError(Message("read.sheet_empty", name=filename, sheet=sheet))
    _check_shape(len(grid) - 1, grid.shape[1], filename, options)
    # Excel rows are numbered from 1 including blank ones; calamine keeps blank rows inside the range.
    record_numbers = np.arange(1, len(grid) + 1)
    blank = grid.isna().all(axis=1).to_numpy()
    grid, record_numbers = grid[~blank], record_numbers[~blank]
    frame, numbers, rejects, header = _split_header(grid.reset_index(drop=True), options.header_row, record_numbers)
    if frame.empty:
        raise FileReadError(Message("read.sheet_header_only", name=filename, sheet=sheet))
    if header > 1:
        notes.append(Message("note.header_row_sheet", row=header))
    if fmt == "xlsx":
        unsaved = _formulas_without_values(data)
        if unsaved:
            notes.append(Message("note.unsaved_formulas", n=unsaved))
    frame = frame.apply(_tidy_object_column)
    return RawTable(
        frame=frame,
        source_name=filename,
        file_format=fmt,
        row_numbers=numbers,
        read_rejects=rejects,
        sheet=str(sheet),
        sheets=sheets,
        header_row=header,
        notes=tuple(notes),
    )


def _sales_sheet(data: bytes, sheets: tuple[str, ...]) -> str:
    """The first sheet whose header names a date and a quantity column; the first sheet if none does."""
    if len(sheets) < 2:
        return sheets[0]
    from salesdata.mapping import detect_mapping

    for name in sheets:
        try:
            head = pd.read_excel(
                io.BytesIO(data), sheet_name=name, header=None, engine="calamine", dtype=object, nrows=30
            )
            head = head[~head.isna().all(axis=1)].reset_index(drop=True)
            if head.empty:
                continue
            frame, _, _, _ = _split_header(head, None, np.arange(1, len(head) + 1))
            mapping = detect_mapping(frame.apply(_tidy_object_column)).mapping
        except Exception:  # noqa: BLE001 - a sheet that cannot be sniffed is simply not chosen
            continue
        if mapping.date is not None and mapping.quantity is not None:
            return name
    return sheets[0]


_FORMULA_NO_VALUE = re.compile(rb"<c\b[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


def _formulas_without_values(data: bytes) -> int:
    """Formula cells of an .xlsx with no cached result (files written by libraries that do not calculate)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            return sum(len(_FORMULA_NO_VALUE.findall(zf.read(n))) for n in names)
    except (zipfile.BadZipFile, OSError, KeyError):
        return 0


def _tidy_object_column(col: pd.Series) -> pd.Series:
    """Give an Excel column a real dtype when all its cells agree (numbers, dates); else keep objects."""
    values = col.dropna()
    if values.empty:
        return col
    if all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in values):
        return pd.to_numeric(col, errors="coerce")
    if all(isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "isoformat") for v in values):
        converted = pd.to_datetime(col, errors="coerce")
        if converted.notna().sum() == len(values):
            return converted
    return col


def _read_parquet(data: bytes, filename: str, options: ReadOptions) -> RawTable:
    try:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(io.BytesIO(data))
        _check_shape(parquet.metadata.num_rows, parquet.metadata.num_columns, filename, options)
        frame = parquet.read().to_pandas()
    except LimitError:
        raise
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends
        raise FileReadError(Message("read.bad_parquet", name=filename, detail=str(exc))) from exc
    if frame.empty:
        raise FileReadError(Message("read.parquet_empty", name=filename))
    frame = frame.reset_index(drop=True)
    # Names as a header row would give them: text, and a repeated name numbered ("qty (2)").
    frame.columns = _name_columns(list(frame.columns), frame.shape[1])
    return RawTable(
        frame=frame,
        source_name=filename,
        file_format="parquet",
        row_numbers=np.arange(1, len(frame) + 1),
        read_rejects=pd.Series("", index=range(len(frame)), dtype="str"),
        header_row=0,
    )
