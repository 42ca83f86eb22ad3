"""How much one source may hold once read (``limits.IMPORT_*``), checked as it is read.

A file's size says little of what reading it makes: a 5 KB workbook can name a cell a
million rows down, a 394 KB one unzips to a 400 MB cell, 900 KB of HTML ``colspan`` make
millions of cells, a CSV of commas makes a cell per byte. Every reader counts what it keeps
with a :class:`Budget` and stops at the first cell past a limit with a :class:`SourceProblem`
located at that row and column (issue 12: "trust at every edge"). The limits are read when a
budget is made, so tests may lower them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ... import limits
from .tables import Cell, SourceProblem

__all__ = ["Budget", "column_name"]


def column_name(column: int) -> str:
    """The letters a spreadsheet shows for ``column`` (1-based): 1 → A, 16384 → XFD."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Budget:
    """The cells one source may still give. ``label`` names the table in diagnostics
    (``book.xlsx[Votes]``; change it per sheet). ``long_cells`` false skips the check of
    each cell's length (a text shorter than the limit cannot hold a longer cell)."""

    def __init__(self, label: str = "", long_cells: bool = True) -> None:
        self.label = label
        self.long_cells = long_cells
        self.cells = 0
        self.max_cells = limits.IMPORT_MAX_CELLS
        self.max_rows = limits.IMPORT_MAX_ROWS
        self.max_columns = limits.IMPORT_MAX_COLUMNS
        self.max_chars = limits.IMPORT_MAX_CELL_CHARS

    def problem(self, message: str, row: int, column: int) -> SourceProblem:
        return SourceProblem(message, row, column, self.label)

    def row(self, number: int, cells: Sequence[Cell]) -> None:
        """Count a row of the table (``number`` as a spreadsheet shows it) before it is
        kept; :class:`SourceProblem` at the first cell past a limit."""
        width = len(cells)
        self.columns(number, width)
        self.add(number, width)
        if self.long_cells:
            for column, cell in enumerate(cells, start=1):
                if isinstance(cell, str) and len(cell) > self.max_chars:
                    raise self.too_long(number, column, len(cell))

    def row_number(self, number: int) -> None:
        """A workbook's row ``number`` (rows there are addressed, not written out: a file
        can name row 5,000,000): :class:`SourceProblem` past the row limit."""
        if number > self.max_rows:
            raise self.problem(f"a row past row {self.max_rows:,}: an import reads at most "
                               f"{self.max_rows:,} rows of a sheet (a spreadsheet's own "
                               "limit)", number, 0)

    def columns(self, number: int, width: int, at: int | None = None) -> None:
        """A row ``width`` cells wide (:class:`SourceProblem` past the column limit, at
        column ``at`` when given, else at the last cell)."""
        if width > self.max_columns:
            raise self.problem(
                f"a cell in column {width:,} ({column_name(width)}): an import reads at most "
                f"{self.max_columns:,} columns of a table (up to "
                f"{column_name(self.max_columns)}, a spreadsheet's own limit)",
                number, width if at is None else at)

    def add(self, number: int, cells: int, column: int = 0) -> None:
        """``cells`` more cells kept (empty ones too: each takes room)."""
        self.cells += cells
        if self.cells > self.max_cells:
            raise self.too_many(number, column)

    def too_many(self, number: int, column: int = 0) -> SourceProblem:
        return self.problem(
            f"the source holds more than {self.max_cells:,} cells (counting the empty ones "
            "within each row) by this row: an import reads no more from one file; split it, "
            "or leave out the columns and rows that are not data", number, column)

    def too_long(self, number: int, column: int, length: int) -> SourceProblem:
        return self.problem(f"this cell holds {length:,} characters: an import reads at most "
                            f"{self.max_chars:,} in a cell", number, column)

    def text(self, number: int, column: int, value: str) -> None:
        """One cell's text, checked on its own (readers that build a cell at a time)."""
        if len(value) > self.max_chars:
            raise self.too_long(number, column, len(value))
