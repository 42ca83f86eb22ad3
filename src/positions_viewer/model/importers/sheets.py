"""Workbooks into tables: XLSX with openpyxl, ODS and XLS with python-calamine, each only
as large as a :class:`Budget` allows (issue 12).

A workbook says little of its size: a 5 KB XLSX can hold one cell at XFD1048576, and a
reader that makes the sheet's rectangle asks for 512 GB and aborts the process (calamine
does, in Rust, where no Python exception can catch it). So:

- an XLSX (or XLSM) is read by openpyxl in read-only mode, a row at a time, only the cells
  the file holds; rows past ``IMPORT_MAX_ROWS`` are never asked for. A formula is read as
  the value the spreadsheet saved with it; one without a saved value is a warning at its
  cell, not a silently empty cell (a second pass reads the saved values, only when the
  sheet has formulas);
- an ODS is measured first (its ``content.xml`` streamed, repeated rows and cells counted
  without being made), and handed to calamine only when its filled area fits the limits;
- an XLS (BIFF) cannot be larger than 65,536 × 256 cells: calamine reads it;
- an XLSB (binary XLSX) is refused with a sentence: no reader here can measure it first.

Every zipped workbook is refused when its parts unpack to more than ``IMPORT_MAX_BYTES``
(the limit of a CSV file), before anything is unpacked: zipfile holds each part to the size
its directory declares.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Sequence
from typing import Any

from ... import limits
from ..files import size_text
from .budget import Budget
from .ods_size import check_ods_size
from .tables import Cell, RawTable, SourceProblem

__all__ = ["read_workbook"]

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of XLS (BIFF) files
_NOT_READABLE = "not a readable workbook (XLSX, XLS or ODS)"
_PLAIN = (int, float, bool, dt.date, dt.time, dt.timedelta)  # a workbook's values but text
_NO_SAVED_VALUE = ("a formula without a saved value: open and save the file in a spreadsheet "
                   "program, or export the sheet as CSV")


def read_workbook(data: bytes, name: str, wanted: Sequence[str]) -> list[RawTable]:
    """The sheets of the workbook ``data`` (named ``name``), those in ``wanted`` only when
    given, as tables labelled ``name[sheet]``. Raises :class:`SourceProblem`."""
    budget = Budget(name)
    if data.startswith(_ZIP):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise SourceProblem(f"{_NOT_READABLE}: {exc}") from None
        with archive:
            parts = set(archive.namelist())
            _check_unpacked(archive)
            if "xl/workbook.bin" in parts:
                raise SourceProblem("a binary workbook (XLSB) is not read: save it as an Excel "
                                    "Workbook (.xlsx), or export the sheet as CSV")
            if "content.xml" in parts:
                check_ods_size(archive, name, wanted, budget, _NOT_READABLE)
                return _calamine(data, name, wanted, budget)
        return _xlsx(data, name, wanted, budget)
    if data.startswith(_OLE2):
        return _calamine(data, name, wanted, budget)
    raise SourceProblem(f"{_NOT_READABLE}: the file is neither a zipped workbook (XLSX, ODS) "
                        "nor an Excel 97–2003 one (XLS)")


def _check_unpacked(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    if total > limits.IMPORT_MAX_BYTES:
        biggest = max(parts, key=lambda part: part.file_size)
        raise SourceProblem(
            f"the workbook unpacks to {size_text(total)} (its part {biggest.filename} alone "
            f"to {size_text(biggest.file_size)}): an import reads workbooks of up to "
            f"{size_text(limits.IMPORT_MAX_BYTES)} unpacked")


def _chosen(names: list[str], wanted: Sequence[str]) -> list[str]:
    missing = [sheet for sheet in wanted if sheet not in names]
    if missing:
        raise SourceProblem(f"no sheet named '{missing[0]}'; its sheets are: "
                            + ", ".join(names))
    return [sheet for sheet in names if not wanted or sheet in wanted]


def cell_value(value: object) -> Cell:
    """A workbook's value as a cell: dates stay dates, whole numbers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(label: str, rows: list[tuple[int, list[Cell]]],
           notes: list[tuple[int, int, str]]) -> RawTable:
    """The first row with a filled cell is the header; the rows after it are the data."""
    header: list[str] = []
    header_row = 1
    for at, (number, cells) in enumerate(rows):
        if any(isinstance(c, dt.date) or c.strip() for c in cells):
            header = [c if isinstance(c, str) else c.isoformat() for c in cells]
            header_row = number
            rows = rows[at + 1:]
            break
    else:
        rows = []
    has_dates = any(isinstance(c, dt.date) for _, cells in rows for c in cells)
    return RawTable(label, header, rows, header_row, has_dates=has_dates, notes=notes)


# -- XLSX: openpyxl, a row at a time ----------------------------------------------------------

def _open_xlsx(data: bytes, saved_values: bool) -> Any:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    with warnings.catch_warnings():  # "extension not supported" and the like: nothing to do
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(data), read_only=True, data_only=saved_values,
                             keep_links=False)


def _xlsx(data: bytes, name: str, wanted: Sequence[str], budget: Budget) -> list[RawTable]:
    try:
        book = _open_xlsx(data, saved_values=False)
    except SourceProblem:
        raise
    except Exception as exc:  # openpyxl raises what its parts raise (zip, XML, KeyError…)
        raise SourceProblem(f"{_NOT_READABLE}: {type(exc).__name__}: {exc}") from None
    try:
        sheets = {sheet.title: sheet for sheet in book.worksheets}
        tables = []
        for title in _chosen(list(sheets), wanted):
            budget.label = f"{name}[{title}]"
            rows, formulas = _xlsx_rows(sheets[title], budget)
            notes: list[tuple[int, int, str]] = []
            if formulas:
                _saved_values(data, title, rows, formulas, notes, budget)
            tables.append(_table(budget.label, rows, notes))
        return tables
    except SourceProblem:
        raise
    except Exception as exc:
        raise SourceProblem(f"{_NOT_READABLE}: {type(exc).__name__}: {exc}") from None
    finally:
        book.close()


def _xlsx_rows(sheet: Any, budget: Budget
               ) -> tuple[list[tuple[int, list[Cell]]], dict[int, list[int]]]:
    """The sheet's rows that hold a cell, and where its formulas may be (row: columns,
    0-based; their cells are left empty here). Read with ``data_only=False``, a formula is
    its text (``=A2&"!"``) or a formula object; a text cell that starts with ``=`` is taken
    for one too, and gets its own text back from the second pass."""
    sheet.reset_dimensions()  # its <dimension> may lie
    rows: list[tuple[int, list[Cell]]] = []
    formulas: dict[int, list[int]] = {}
    last_row = budget.max_rows + 1  # a row here means the sheet goes on past the limit
    values_of = sheet.iter_rows(min_row=1, min_col=1, max_row=last_row, values_only=True)
    for number, values in enumerate(values_of, start=1):
        if number == last_row:
            budget.row_number(number)  # raises: the sheet goes on past the limit
        if not values:
            continue
        cells: list[Cell] = []
        filled = 0
        for value in values:
            if value is None or value == "":
                cells.append("")
                continue
            if isinstance(value, str) and value[0] != "=":
                cells.append(value)
            elif isinstance(value, _PLAIN):
                cells.append(cell_value(value))
            else:  # a formula: its text, or an array or data table formula
                formulas.setdefault(number, []).append(len(cells))
                cells.append("")
            filled = len(cells)
        if filled:
            del cells[filled:]
            budget.row(number, cells)
            rows.append((number, cells))
    return rows, formulas


def _saved_values(data: bytes, title: str, rows: list[tuple[int, list[Cell]]],
                  formulas: dict[int, list[int]], notes: list[tuple[int, int, str]],
                  budget: Budget) -> None:
    """Fill the formulas' cells with the values saved with them; a note for each without."""
    book = _open_xlsx(data, saved_values=True)
    try:
        by_number = dict(rows)
        sheet = book[title]
        sheet.reset_dimensions()
        values_of = sheet.iter_rows(min_row=1, min_col=1, max_row=max(formulas),
                                    values_only=True)
        for number, values in enumerate(values_of, start=1):
            for column in formulas.get(number, ()):
                value = values[column] if column < len(values) else None
                if value is None:
                    notes.append((number, column, _NO_SAVED_VALUE))
                    continue
                cell = cell_value(value)
                if isinstance(cell, str):
                    budget.text(number, column + 1, cell)
                by_number[number][column] = cell
    finally:
        book.close()


# -- ODS and XLS: calamine, once the size is known ------------------------------------------

def _calamine(data: bytes, name: str, wanted: Sequence[str], budget: Budget
              ) -> list[RawTable]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        tables = []
        for title in _chosen(list(book.sheet_names), wanted):
            budget.label = f"{name}[{title}]"
            sheet = book.get_sheet_by_name(title)
            start = sheet.start or (0, 0)
            rows = _calamine_rows(sheet.to_python(skip_empty_area=True), start, budget)
            tables.append(_table(budget.label, rows, []))
        return tables
    except SourceProblem:
        raise
    except (CalamineError, OSError, ValueError) as exc:
        raise SourceProblem(f"{_NOT_READABLE}: {exc}") from None


def _calamine_rows(grid: list[Any], start: tuple[int, int], budget: Budget
                   ) -> list[tuple[int, list[Cell]]]:
    """The grid (from ``start``, 0-based row and column) as numbered rows, the filled ones."""
    first_row, first_column = start
    padding: list[Cell] = [""] * first_column
    rows: list[tuple[int, list[Cell]]] = []
    for at, values in enumerate(grid):
        grid[at] = []  # each row of the grid is let go once read
        cells = _trimmed(padding + [cell_value(value) for value in values])
        if cells:
            number = first_row + at + 1
            budget.row_number(number)
            budget.row(number, cells)
            rows.append((number, cells))
    return rows


def _trimmed(cells: list[Cell]) -> list[Cell]:
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    del cells[end:]
    return cells
