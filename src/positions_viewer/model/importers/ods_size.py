"""How large an ODS workbook's sheets are once read, measured before calamine reads them.

calamine makes each sheet's whole rectangle, from A1 to its last filled cell, and an ODS
repeats rows and cells by number (``table:number-rows-repeated="1048574"``): a 1 KB file
can ask for a million rows. :func:`check_ods_size` streams ``content.xml`` through expat
(the standard library's XML parser, which refuses entity bombs), counts repeated rows and
cells without making them, and raises :class:`SourceProblem` at the first cell past a limit
of the :class:`Budget`, or at a stray far cell (issue 12).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from xml.parsers import expat

from .budget import Budget
from .tables import SourceProblem

__all__ = ["check_ods_size"]

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_SHEET, _ROW = f"{_TABLE}table", f"{_TABLE}table-row"
_CELLS = frozenset({f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"})
_ROWS_REPEATED = f"{_TABLE}number-rows-repeated"
_COLUMNS_REPEATED = f"{_TABLE}number-columns-repeated"
_VALUE_TYPE = f"{_OFFICE}value-type"
_CHUNK = 1 << 20

# Past a million cells, a rectangle sixteen times its filled cells is a stray far cell, not
# a table: it is refused at that cell.
SPARSE_FROM = 1 << 20
SPARSE_RATIO = 16


def _repeat(attributes: dict[str, str], name: str) -> int:
    text = attributes.get(name, "1")
    return max(1, int(text)) if text.isdigit() else 1


class _Measure:
    """The expat handlers: one sheet, row and cell at a time."""

    def __init__(self, name: str, wanted: Sequence[str], budget: Budget) -> None:
        self.name, self.wanted, self.budget = name, wanted, budget
        self.measured = True  # this sheet is one to read
        self.area = 0  # the rectangles of the sheets before this one
        self.row = self.bottom = self.right = self.filled = 0  # this sheet
        self.column = self.last = self.in_row = self.rows_repeated = 0  # this row
        self.cell_repeated = 0  # the open cell's columns; 0 outside a cell
        self.cell_filled = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if self.cell_repeated:  # anything inside a cell (text:p …) fills it
            self.cell_filled = True
        if tag in _CELLS:
            self.cell_repeated = _repeat(attributes, _COLUMNS_REPEATED)
            self.cell_filled = _VALUE_TYPE in attributes
        elif tag == _ROW:
            self.column = self.last = self.in_row = 0
            self.rows_repeated = _repeat(attributes, _ROWS_REPEATED)
        elif tag == _SHEET:
            self.area += self.bottom * self.right
            self.row = self.bottom = self.right = self.filled = 0
            sheet = attributes.get(f"{_TABLE}name", "")
            self.measured = not self.wanted or sheet in self.wanted
            self.budget.label = f"{self.name}[{sheet}]"

    def end(self, tag: str) -> None:
        if tag in _CELLS:
            self.column += self.cell_repeated
            if self.cell_filled:
                self.last = self.column
                self.in_row += self.cell_repeated
            self.cell_repeated = 0
        elif tag == _ROW:
            if self.last and self.measured:
                self.bottom = self.row + self.rows_repeated
                self.right = max(self.right, self.last)
                self.filled += self.in_row * self.rows_repeated
                self._fits()
            self.row += self.rows_repeated

    def _fits(self) -> None:
        budget, bottom, right = self.budget, self.bottom, self.right
        budget.row_number(bottom)
        budget.columns(bottom, right)
        size = bottom * right
        if size > SPARSE_FROM and self.filled * SPARSE_RATIO < size:
            raise budget.problem(
                f"a cell far from the others: it makes the sheet {bottom:,} rows by {right:,} "
                f"columns ({size:,} cells) for {self.filled:,} filled ones, and an ODS sheet "
                "is read whole; delete the stray cell, or save the sheet as XLSX or CSV",
                bottom, self.last)
        if self.area + size > budget.max_cells:
            raise budget.too_many(bottom, right)


def check_ods_size(archive: zipfile.ZipFile, name: str, wanted: Sequence[str],
                   budget: Budget, not_readable: str) -> None:
    """Measure the sheets of the ODS ``archive`` (those in ``wanted`` when given);
    :class:`SourceProblem` at the first cell past a limit, ``not_readable`` (a sentence)
    when ``content.xml`` is no XML."""
    measure = _Measure(name, wanted, budget)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = measure.start
    parser.EndElementHandler = measure.end
    try:
        with archive.open("content.xml") as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise SourceProblem(f"{not_readable}: its content.xml: {exc}") from None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise SourceProblem(f"{not_readable}: {exc}") from None
