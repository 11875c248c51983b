"""Tables to download: CSV that spreadsheets open safely."""

from __future__ import annotations

import pandas as pd

__all__ = ["csv_bytes", "neutralise_formulas", "xlsx_bytes"]

_FORMULA_START = ("=", "+", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe (OWASP CSV injection).

    Numbers are left alone, so ``-5`` stays a number; text such as ``-cmd`` or ``=HYPERLINK(...)`` is quoted.

    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok", "-x", "-5"]}))["a"].tolist()
    ["'=1+1", 'ok', "'-x", '-5']
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype.kind in "biufcmM":
            continue
        text = out[col].astype("str")
        risky = text.str.startswith(_FORMULA_START) | (text.str.startswith("-") & ~text.str.fullmatch(r"-\d[\d.,]*"))
        if risky.any():
            out[col] = text.where(~risky, "'" + text).where(out[col].notna(), None)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Chinese and accented text correctly.

    Lines end in CRLF (RFC 4180, as Excel writes them), which also makes the writer quote any field holding a
    bare carriage return: with LF endings such a field would be left unquoted and split its row in two.
    """
    return (
        neutralise_formulas(frame)
        .to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
        .encode("utf-8-sig")
    )


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per frame (formula-like text quoted, dates as dates)."""
    import io

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = neutralise_formulas(frame)
            for col in safe.columns:
                if safe[col].dtype.kind == "M":
                    safe[col] = safe[col].dt.tz_localize(None) if safe[col].dt.tz is not None else safe[col]
            safe.to_excel(writer, sheet_name=name[:31], index=False)
            _format_sheet(writer.sheets[name[:31]], safe)
    return buf.getvalue()


def _format_sheet(ws, frame: pd.DataFrame) -> None:
    """Bold header, frozen first row, filters, readable widths, dates and thousands separators."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8F1FB")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(1, len(frame) + 1)}"
    for i, col in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        values = frame[col].head(200).astype("str")
        width = max([len(str(col)), *values.str.len().tolist()]) if len(values) else len(str(col))
        ws.column_dimensions[letter].width = min(60, max(8, width + 2))
        kind = frame[col].dtype.kind
        fmt = "yyyy-mm-dd" if kind == "M" else ("#,##0.00" if kind == "f" else ("#,##0" if kind in "iu" else None))
        if fmt:
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                row[0].number_format = fmt
