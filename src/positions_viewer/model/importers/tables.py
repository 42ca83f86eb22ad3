"""What every reader returns: tables of cells with the row numbers a spreadsheet shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..text import escape_invisible

__all__ = ["Cell", "ImportFormat", "RawTable", "SourceProblem", "format_for", "shown_name"]

Cell = str | dt.date  # a workbook's own date cells stay dates; everything else is text


class ImportFormat(StrEnum):
    """The ``--format`` names (DESIGN §2)."""

    CSV = "csv"
    TSV = "tsv"
    XLSX = "xlsx"
    ODS = "ods"
    MD = "md"
    HTML = "html"
    TIMELINEJS = "timelinejs"


_SUFFIXES = {
    ".csv": ImportFormat.CSV, ".tsv": ImportFormat.TSV, ".tab": ImportFormat.TSV,
    ".xlsx": ImportFormat.XLSX, ".xlsm": ImportFormat.XLSX, ".xls": ImportFormat.XLSX,
    ".xlsb": ImportFormat.XLSX, ".ods": ImportFormat.ODS, ".md": ImportFormat.MD,
    ".markdown": ImportFormat.MD, ".txt": ImportFormat.MD, ".html": ImportFormat.HTML,
    ".htm": ImportFormat.HTML, ".json": ImportFormat.TIMELINEJS,
}


def format_for(path: Path) -> ImportFormat | None:
    """The format a file's suffix names, or ``None`` (then ``--format`` must say)."""
    return _SUFFIXES.get(path.suffix.lower())


def shown_name(path: Path | str) -> str:
    """A file's name (or path) as the import writes it in diagnostics, summaries and the
    TOML file's comments: one printable line, any control, format or bidi character as
    ``\\uXXXX`` (:func:`~positions_viewer.model.text.escape_invisible`, the one rule)."""
    return escape_invisible(str(path if isinstance(path, str) else path.name))


class SourceProblem(Exception):
    """A source that cannot be read at all; ``line``/``column`` locate it when known, in
    the table ``label`` names (a workbook's sheet) or else in the file."""

    def __init__(self, message: str, line: int = 0, column: int = 0, label: str = "") -> None:
        super().__init__(message)
        self.message, self.line, self.column, self.label = message, line, column, label


@dataclass(slots=True)
class RawTable:
    """One table as read: a header row and data rows, each with its spreadsheet row number
    (the header is usually row 1). ``label`` names the table in diagnostics: ``a.csv``,
    ``book.xlsx[Votes]``, ``article.md[table 2, line 31]``."""

    label: str
    header: list[str]
    rows: list[tuple[int, list[Cell]]]
    header_row: int = 1
    timelinejs: bool = False  # read from TimelineJS JSON: its columns are the template's
    has_dates: bool = False  # some cells are dates (a workbook's), not text
    title: str = ""  # a title the source gives (a heading, TimelineJS's title slide)
    description: str = ""
    column_names: list[str] = field(default_factory=list)  # for messages; header by default
    columns: list[int] = field(default_factory=list)  # COL of each column; 1-based by default
    # What the reader saw but kept nothing of, as (row, 0-based column, message) warnings (a
    # formula without a saved value); the planner reports them at this table's cells.
    notes: list[tuple[int, int, str]] = field(default_factory=list)

    def name_of(self, column: int) -> str:
        names = self.column_names or self.header
        return names[column] if column < len(names) else ""

    def col_of(self, column: int) -> int:
        return self.columns[column] if column < len(self.columns) else column + 1
