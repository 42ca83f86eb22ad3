"""Reading sources into :class:`RawTable` s: CSV, TSV, workbooks, Markdown, HTML, TimelineJS.

Workbooks (XLSX, XLS, ODS) are read with python-calamine: one well-kept reader for both
Excel and OpenDocument files, in Rust, several times faster than openpyxl (which reads no
ODS at all). Every file goes through :func:`read_regular_file`, so a FIFO or a device is
refused and the size is capped, as for data files (DESIGN §1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path

from ..files import FileProblem, read_regular_file
from .markup import html_tables, markdown_tables
from .tables import Cell, ImportFormat, RawTable, SourceProblem
from .timelinejs import is_template, json_table

__all__ = ["MAX_SOURCE_BYTES", "decode_text", "read_source"]

MAX_SOURCE_BYTES = 256 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), 1 << 28))  # long texts are not an error
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARD = re.compile("'[-=+@\t\r]")


def read_source(path: Path, fmt: ImportFormat, sheets: Sequence[str] = ()) -> list[RawTable]:
    """The tables in ``path`` read as ``fmt``, or :class:`SourceProblem` saying why not.

    ``sheets`` keeps only the workbook sheets with these names (all when empty)."""
    try:
        data = read_regular_file(path, MAX_SOURCE_BYTES, noun=f"{fmt.value} file")
    except FileProblem as exc:
        raise SourceProblem(str(exc)) from None
    name = path.name
    if fmt in (ImportFormat.XLSX, ImportFormat.ODS):
        return _workbook(data, name, sheets)
    if fmt is ImportFormat.TIMELINEJS and not _looks_delimited(data):
        return [json_table(decode_text(data), name)]
    text = decode_text(data)
    if fmt is ImportFormat.MD:
        return markdown_tables(text, name)
    if fmt is ImportFormat.HTML:
        return html_tables(text, name)
    delimiter = "\t" if fmt is ImportFormat.TSV else _delimiter(text)
    table = _delimited(text, name, delimiter)
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


def _delimited(text: str, name: str, delimiter: str) -> RawTable:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    header: list[str] | None = None
    header_row = 1
    guarded = _GUARD.search(text)  # most files have none: then no cell is looked at
    try:
        for number, record in enumerate(reader, start=1):
            if guarded is not None and any(cell.startswith("'") for cell in record):
                record = [_unguard(cell) for cell in record]
            if header is None:
                if not any(cell.strip() for cell in record):
                    continue
                header, header_row = record, number
                continue
            rows.append((number, record))  # type: ignore[arg-type]
    except csv.Error as exc:
        raise SourceProblem(f"not readable as CSV: {exc}", reader.line_num) from None
    return RawTable(name, header or [], rows, header_row)


def _workbook(data: bytes, name: str, wanted: Sequence[str]) -> list[RawTable]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        missing = [sheet for sheet in wanted if sheet not in names]
        if missing:
            raise SourceProblem(f"no sheet named '{missing[0]}'; its sheets are: "
                                + ", ".join(names))
        tables = []
        for sheet_name in names:
            if wanted and sheet_name not in wanted:
                continue
            grid = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            tables.append(_sheet_table(f"{name}[{sheet_name}]", grid))
        return tables
    except SourceProblem:
        raise
    except (CalamineError, OSError, ValueError) as exc:
        raise SourceProblem(f"not a readable workbook (XLSX, XLS or ODS): {exc}") from None


def _sheet_table(label: str, grid: Sequence[Sequence[object]]) -> RawTable:
    header: list[str] | None = None
    header_row = 1
    rows: list[tuple[int, list[Cell]]] = []
    for number, values in enumerate(grid, start=1):
        cells = [_cell(value) for value in values]
        if header is None:
            if any(isinstance(c, dt.date) or c.strip() for c in cells):
                header, header_row = [c if isinstance(c, str) else c.isoformat()
                                      for c in cells], number
            continue
        rows.append((number, cells))
    has_dates = any(isinstance(c, dt.date) for _, cells in rows for c in cells)
    return RawTable(label, header or [], rows, header_row, has_dates=has_dates)


def _cell(value: object) -> Cell:
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
