"""Exceptions raised by the sales-data layer.

Every message names the file, column or row at fault and says what to do. Pages turn these
into user messages; nothing here knows about the UI.
"""

from __future__ import annotations

from salesdata.messages import Message

__all__ = [
    "AmbiguousDateError",
    "FileReadError",
    "FrequencyError",
    "LimitError",
    "MappingError",
    "SalesDataError",
]


class SalesDataError(ValueError):
    """Base class for every input problem the sales-data layer reports."""


class FileReadError(SalesDataError):
    """The file cannot be read at all (empty, not a table, undecodable, unsupported type)."""


class MappingError(SalesDataError):
    """A required column is not mapped, or a mapped column does not exist."""


class FrequencyError(SalesDataError):
    """The chosen time bucket is finer than the file's own (daily buckets for a weekly file)."""


class LimitError(SalesDataError):
    """The input is larger than the configured limits allow."""


class AmbiguousDateError(SalesDataError):
    """Dates such as 03/04/2024 read as both day-first and month-first; the caller must choose.

    Attributes
    ----------
    column : str
        The date column.
    examples : tuple[str, ...]
        A few raw values that are ambiguous.
    """

    def __init__(self, column: str, examples: tuple[str, ...]) -> None:
        self.column = column
        self.examples = examples
        shown = ", ".join(repr(e) for e in examples[:3])
        super().__init__(Message("dates.ambiguous", column=column, examples=shown))

    def __reduce__(self):
        return (type(self), (self.column, self.examples))
