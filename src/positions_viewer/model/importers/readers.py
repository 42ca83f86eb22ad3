"""Reading sources into :class:`RawTable` s: CSV, TSV, workbooks, Markdown, HTML, TimelineJS.

Workbooks are read by :mod:`.sheets` (openpyxl for XLSX, python-calamine for ODS and XLS).
Every file goes through :func:`read_regular_file`, so a FIFO or a device is refused and the
size is capped (``limits.IMPORT_MAX_BYTES``), as for data files (DESIGN §1); what reading it
makes is capped by a :class:`.Budget` (cells, columns, rows, a cell's length).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from ... import limits
from ..files import FileProblem, read_regular_file
from .budget import Budget
from .markup import html_tables, markdown_tables
from .sheets import read_workbook
from .tables import Cell, ImportFormat, RawTable, SourceProblem, shown_name
from .timelinejs import is_template, json_table

__all__ = ["decode_text", "read_source"]

# A long cell is reported by the Budget, at its row and column, rather than by csv.Error.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARD = re.compile("'[-=+@\t\r]")


def read_source(path: Path, fmt: ImportFormat, sheets: Sequence[str] = ()) -> list[RawTable]:
    """The tables in ``path`` read as ``fmt``, or :class:`SourceProblem` saying why not.

    ``sheets`` keeps only the workbook sheets with these names (all when empty)."""
    try:
        data = read_regular_file(path, limits.IMPORT_MAX_BYTES, noun=f"{fmt.value} file")
    except FileProblem as exc:
        raise SourceProblem(str(exc)) from None
    name = shown_name(path)
    if fmt in (ImportFormat.XLSX, ImportFormat.ODS):
        return read_workbook(data, name, sheets)
    # No cell of a text can be longer than the text: most files need no cell measured.
    budget = Budget(name, long_cells=len(data) > limits.IMPORT_MAX_CELL_CHARS)
    if fmt is ImportFormat.TIMELINEJS and not _looks_delimited(data):
        return [_counted(json_table(decode_text(data), name), budget)]
    text = decode_text(data)
    del data
    if fmt is ImportFormat.MD:
        return markdown_tables(text, name, budget)
    if fmt is ImportFormat.HTML:
        return html_tables(text, name, budget)
    delimiter = "\t" if fmt is ImportFormat.TSV else _delimiter(text)
    table = _delimited(text, name, delimiter, budget)
    if fmt is ImportFormat.TIMELINEJS:
        if not is_template(table.header):
            raise SourceProblem("not a TimelineJS sheet: its header has no Year and Headline "
                                "columns (the template's)", table.header_row)
        table.timelinejs = True
    return [table]


def _looks_delimited(data: bytes) -> bool:
    """A TimelineJS source given as a sheet (CSV) rather than JSON."""
    return not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def decode_text(data: bytes) -> str:
    """UTF-8 (a byte order mark is dropped) or UTF-16 with its mark; otherwise
    :class:`SourceProblem` with the line and column of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceProblem("the file starts like UTF-16 but is not; save it as UTF-8"
                                ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = " (it looks like Windows-1252, what Excel writes as plain 'CSV')"
        except UnicodeDecodeError:
            pass
        raise SourceProblem(
            f"the file is not UTF-8: byte 0x{data[exc.start]:02x} cannot start or continue a "
            f"UTF-8 character{hint}; save it as UTF-8 ('CSV UTF-8' in Excel)",
            data.count(b"\n", 0, exc.start) + 1, column,
        ) from None


def _delimiter(text: str) -> str:
    """Comma, semicolon (spreadsheets in many European locales) or tab: the one the header
    line holds most of, outside quotes."""
    first = text[: text.find("\n")] if "\n" in text else text
    outside = "".join(part for number, part in enumerate(first.split('"')) if number % 2 == 0)
    counts = {sep: outside.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _unguard(cell: str) -> str:
    """A cell a spreadsheet export protected from running as a formula (``'=x``) as typed."""
    return cell[1:] if cell[:1] == "'" and cell[1:2].startswith(_FORMULA_START) else cell


def _counted(table: RawTable, budget: Budget) -> RawTable:
    """``table`` (read whole: its cells are no more than the text held) measured."""
    budget.label = table.label
    for number, cells in table.rows:
        budget.row(number, cells)
    return table


def _no_endless_line(text: str, delimiter: str, budget: Budget) -> None:
    """A line of millions of delimiters (a cell a byte) is refused before the CSV reader
    makes it one record of millions of cells; a file with fewer delimiters than the cell
    limit (every real one) is not looked at."""
    if text.count(delimiter) <= budget.max_cells:
        return
    start = 0
    for number, end in enumerate(_line_ends(text), start=1):
        if text.count(delimiter, start, end) > budget.max_cells:
            raise budget.too_many(number)
        start = end + 1


def _line_ends(text: str) -> Iterator[int]:
    end = text.find("\n")
    while end >= 0:
        yield end
        end = text.find("\n", end + 1)
    yield len(text)


def _delimited(text: str, name: str, delimiter: str, budget: Budget) -> RawTable:
    _no_endless_line(text, delimiter, budget)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    header: list[str] | None = None
    header_row = 1
    guarded = _GUARD.search(text)  # most files have none: then no cell is looked at
    record: list[str] = []
    number, starts, ended = 0, 1, 0  # the last record's number, and the lines it spans
    try:
        for number, record in enumerate(reader, start=1):
            starts, ended = ended + 1, reader.line_num
            if guarded is not None and any(cell.startswith("'") for cell in record):
                record = [_unguard(cell) for cell in record]
            budget.row(number, record)
            if header is None:
                if not any(cell.strip() for cell in record):
                    continue
                header, header_row = record, number
                continue
            rows.append((number, record))  # type: ignore[arg-type]
    except csv.Error as exc:
        raise SourceProblem(f"not readable as CSV: {exc}", reader.line_num) from None
    if record and "\n" in record[-1]:
        _closed_quotes(text, delimiter, number, record, starts)
    return RawTable(name, header or [], rows, header_row)


def _closed_quotes(text: str, delimiter: str, number: int, record: list[str],
                   starts: int) -> None:
    """The last record, read again strictly: a quote never closed makes the CSV reader take
    the rest of the file as one cell, without a word (:class:`SourceProblem` at the cell,
    naming the line where the quote opened)."""
    lines = record[-1].count("\n") + sum(cell.count("\n") for cell in record[:-1])
    offset = len(text)
    for _ in range(lines + 1):  # back to the start of the record's first line
        offset = text.rfind("\n", 0, offset)
    tail = text[offset + 1:]
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "end of data" not in str(exc):
            return
        opened = starts + sum(cell.count("\n") for cell in record[:-1])
        last = text.count("\n") + (not text.endswith("\n"))
        raise SourceProblem(
            f"the quote that opens this cell on line {opened} is never closed: lines {opened} "
            f"to {last}, the rest of the file, would be read as this one cell; close the quote "
            "where the cell ends", number, len(record)) from None
