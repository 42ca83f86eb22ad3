"""Tables in articles: Markdown pipe tables and HTML tables, and HTML fragments as text.

A Markdown table is a run of lines that start with ``|`` (the delimiter row ``|---|---|`` is
optional: tables pasted from a web page have none), or lines holding ``|`` whose second line
is a delimiter row. HTML is read with the standard library's parser; nothing in it is run or
fetched: only the text of the cells is kept, as plain text (DESIGN §1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .budget import Budget
from .tables import Cell, RawTable

__all__ = ["html_tables", "html_text", "markdown_tables"]

_DELIMITER_ROW = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\Z")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*\s*\Z")
_FENCE = re.compile(r"(```|~~~)")


def _split_row(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(text)]


def markdown_tables(text: str, name: str, budget: Budget | None = None) -> list[RawTable]:
    """Every pipe table in ``text``; the first heading (``# …``) is the tables' title.
    ``budget`` counts the cells (:class:`SourceProblem` past a limit)."""
    budget = budget or Budget(name)
    lines = text.splitlines()
    blocks: list[tuple[int, list[str]]] = []
    title = ""
    fenced = False
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _FENCE.match(stripped):
            fenced = not fenced
        heading = _HEADING.match(stripped)
        if heading and not title and not fenced:
            title = heading.group(1)
        if not fenced and "|" in stripped and (stripped.startswith("|") or current or
                                                 _next_is_delimiter(lines, number)):
            if not current:
                start = number
            current.append(stripped)
            continue
        if current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    tables = []
    for number, (first_line, block) in enumerate(blocks, start=1):
        label = f"{name}[table {number}, line {first_line}]" if len(blocks) > 1 else name
        budget.label = label
        header = _counted_row(budget, 1, block[0])
        body = block[1:]
        if body and _DELIMITER_ROW.match(body[0]):
            body = body[1:]
        rows: list[tuple[int, list[Cell]]] = [
            (row, [*_counted_row(budget, row, item)]) for row, item in enumerate(body, start=2)
        ]
        tables.append(RawTable(label, header, rows, title=title))
    return tables


def _counted_row(budget: Budget, number: int, line: str) -> list[str]:
    """The cells of a table line, counted; a line of a million pipes is refused before it
    is split into a million cells."""
    budget.columns(number, line.count("|") - line.count("\\|") - 1)
    cells = _split_row(line)
    budget.row(number, cells)
    return cells


def _next_is_delimiter(lines: list[str], number: int) -> bool:
    return number < len(lines) and bool(_DELIMITER_ROW.match(lines[number].strip())) and \
        "-" in lines[number]


_BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                     "section", "article", "ul", "ol", "table", "pre"})


class _TextParser(HTMLParser):
    """Collects text; ``<br>`` and block elements become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        return _tidy("".join(self.parts))


def _tidy(text: str) -> str:
    """Spaces collapsed within lines, blank lines dropped: the text a reader saw."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_text(fragment: str) -> str:
    """The plain text of an HTML fragment (TimelineJS texts are HTML): tags dropped,
    entities decoded, paragraphs and ``<br>`` kept as line breaks."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return parser.text()


@dataclass(slots=True)
class _Table:
    line: int
    rows: list[list[str]] = field(default_factory=list)
    spans: dict[int, list[object]] = field(default_factory=dict)  # column: [rows left, text]

    def fill_spans(self, row: list[str], budget: Budget, line: int, upto: int | None = None
                   ) -> None:
        """Cells merged from the rows above (``rowspan``) take their place in ``row``."""
        while len(row) in self.spans and (upto is None or len(row) < upto):
            span = self.spans[len(row)]
            budget.columns(line, len(row) + 1)
            budget.add(line, 1)
            row.append(str(span[1]))
            left = int(str(span[0])) - 1
            if left <= 0:
                del self.spans[len(row) - 1]
            else:
                span[0] = left


class _TableParser(HTMLParser):
    """Tables as rows of text. ``budget`` counts the cells as they are made (``colspan``
    and ``rowspan`` included), its problems located at the line and column of the tag."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(convert_charrefs=True)
        self.budget = budget
        self.title = ""
        self.heading: list[str] | None = None
        self.tables: list[_Table] = []
        self.stack: list[_Table] = []
        self.cell: list[str] | None = None
        self.cell_stack: list[list[str] | None] = []
        self.pending = (1, 1)
        self.cell_at = (1, 0)  # where the open cell's tag is (line, 0-based column)
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("title", "h1") and not self.title:
            self.heading = []
        elif tag == "table":
            self.cell_stack.append(self.cell)
            self.cell = None
            self.stack.append(_Table(self.getpos()[0]))
        elif tag == "tr" and self.stack:
            self._end_row()
            self.stack[-1].rows.append([])
        elif tag in ("td", "th") and self.stack:
            table = self.stack[-1]
            if not table.rows:
                table.rows.append([])
            table.fill_spans(table.rows[-1], self.budget, self.getpos()[0])
            self.cell = []
            self.cell_at = self.getpos()
            spans = dict(attrs)
            self.pending = (_number(spans.get("colspan")), _number(spans.get("rowspan")))
        elif self.cell is not None and (tag == "br" or tag in _BLOCKS):
            self.cell.append("\n")

    def _end_row(self) -> None:
        table = self.stack[-1]
        if table.rows and table.spans:
            table.fill_spans(table.rows[-1], self.budget, self.getpos()[0])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("title", "h1") and self.heading is not None:
            self.title = _tidy("".join(self.heading)).replace("\n", " ")
            self.heading = None
        elif tag in ("td", "th") and self.cell is not None and self.stack:
            table = self.stack[-1]
            row = table.rows[-1]
            text = _tidy("".join(self.cell))
            colspan, rowspan = self.pending
            line, column = self.cell_at
            self.budget.text(line, column + 1, text)
            self.budget.columns(line, len(row) + colspan, column + 1)
            self.budget.add(line, colspan, column + 1)
            if rowspan > 1:
                table.spans[len(row)] = [rowspan - 1, text]
            row.append(text)
            row.extend("" for _ in range(colspan - 1))
            self.cell = None
        elif tag == "tr" and self.stack:
            self._end_row()
        elif tag == "table" and self.stack:
            self._end_row()
            self.tables.append(self.stack.pop())
            self.cell = self.cell_stack.pop() if self.cell_stack else None
        elif self.cell is not None and tag in _BLOCKS:
            self.cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.heading is not None:
            self.heading.append(data)
        if self.cell is not None:
            self.cell.append(data)


def _number(value: str | None) -> int:
    """A ``colspan``/``rowspan``: 1 unless a sane whole number (capped: a hostile
    ``colspan=99999999`` must not allocate millions of cells)."""
    if value is None or not value.strip().isdigit():
        return 1
    return max(1, min(int(value), 1000))


def html_tables(text: str, name: str, budget: Budget | None = None) -> list[RawTable]:
    """Every ``<table>`` in ``text`` (nested tables apart), rows numbered from 1.
    ``budget`` counts the cells: :class:`SourceProblem` at the line and column of the
    ``<td>`` where the table went past a limit (the tables are not numbered yet)."""
    budget = budget or Budget(name)
    budget.label = name
    parser = _TableParser(budget)
    parser.feed(text)
    parser.close()
    while parser.stack:  # an unclosed table still counts
        parser.tables.append(parser.stack.pop())
    found = sorted((t for t in parser.tables if any(any(c for c in r) for r in t.rows)),
                   key=lambda table: table.line)
    tables = []
    for number, table in enumerate(found, start=1):
        line = table.line
        rows = [row for row in table.rows if row]
        if not rows:
            continue
        label = f"{name}[table {number}, line {line}]" if len(found) > 1 else name
        body: list[tuple[int, list[Cell]]] = [
            (row_number, list(row)) for row_number, row in enumerate(rows[1:], start=2)
        ]
        tables.append(RawTable(label, rows[0], body, title=parser.title))
    return tables
