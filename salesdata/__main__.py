"""Command line: ``python -m salesdata inspect FILE [--sheet NAME]`` (see DESIGN.md).

Prints one JSON object on stdout: the layout, the native time bucket, the column of each role, the number
of series and the doubts the Data page would ask about, plus the evidence behind each. Exit codes: 0 read
(doubts or not), 2 the file cannot be read (``error: ...`` on one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from salesdata.errors import SalesDataError
from salesdata.inspection import inspect_file
from salesdata.reading import ReadOptions

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m salesdata", description="Replenish sales files.")
    sub = parser.add_subparsers(dest="command", required=True)
    inspect = sub.add_parser("inspect", help="say how a sales file would be read, as JSON")
    inspect.add_argument("file", type=Path, help="sales file (CSV, TSV, TXT, XLSX, XLS, Parquet, .gz)")
    inspect.add_argument("--sheet", help="Excel sheet name (default: the sheet that holds the sales table)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = inspect_file(args.file.read_bytes(), args.file.name, ReadOptions(sheet=args.sheet))
    except SalesDataError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(result.to_contract(), sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
