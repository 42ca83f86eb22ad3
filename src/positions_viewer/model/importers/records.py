"""What an import makes (statements and events, with where each came from) and its report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..dates import PartialDate
from ..diagnostics import Diagnostic, Severity
from ..text import clip_text
from ..urls import url_problem
from .human_dates import Order, Span
from .registry import Entry, Registry
from .tables import Cell, RawTable

__all__ = ["Context", "NewEvent", "NewPosition", "Origin", "Report", "cell_text", "url_words"]

Origin = tuple[str, int, int]  # table label, row, column: where an entry came from


@dataclass(slots=True)
class NewPosition:
    actor: str
    issue: str
    text: str
    date: PartialDate | None
    stance: str
    event: str
    sources: tuple[str, ...]
    origin: Origin


@dataclass(slots=True)
class NewEvent:
    id: str
    date: PartialDate
    end: PartialDate | None
    title: str
    detail: str
    actors: tuple[str, ...]
    issues: tuple[str, ...]
    sources: tuple[str, ...]
    origin: Origin


class Report:
    """Every diagnostic of an import, located ``SRC:ROW:COL`` (DESIGN §2), and the rows
    left out because of an error."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.bad_rows: list[tuple[str, int]] = []

    def add(self, severity: Severity, label: str, row: int, column: int, message: str,
            path: str = "") -> None:
        self.diagnostics.append(Diagnostic(label, row, column, severity, message, path))

    def error(self, label: str, row: int, column: int, message: str, path: str = "") -> None:
        self.add(Severity.ERROR, label, row, column, message, path)

    def warn(self, label: str, row: int, column: int, message: str, path: str = "") -> None:
        self.add(Severity.WARNING, label, row, column, message, path)

    def at(self, table: RawTable, row: int, column: int | None, message: str,
           severity: Severity = Severity.ERROR) -> None:
        """A problem with cell (``row``, ``column``) of ``table``; ``column`` ``None``: the
        whole row."""
        if column is None or column < 0:
            self.add(severity, table.label, row, 0, message)
        else:
            self.add(severity, table.label, row, table.col_of(column), message,
                     table.name_of(column).strip())

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


@dataclass(slots=True)
class Context:
    """The state an import builds up across its tables."""

    actors: Registry
    issues: Registry
    sources: Registry
    events: Registry
    report: Report
    order: Order | None = None
    wide_date: Span | None = None
    positions: list[NewPosition] = field(default_factory=list)
    new_events: list[NewEvent] = field(default_factory=list)
    event_entries: list[Entry] = field(default_factory=list)  # new_events' registry entries
    known_positions: set[tuple[str, str, str, str, str]] = field(default_factory=set)
    known_events: set[tuple[str, str, str, str, tuple[str, ...]]] = field(default_factory=set)
    title: str = ""
    description: str = ""
    source_by_url: dict[str, str] = field(default_factory=dict)

    def source(self, title: str, url: str, origin: Origin) -> str:
        """The id of the source with this URL (or, without one, this title), made new
        when none matches."""
        if url:
            found = self.source_by_url.get(url)
            if found is not None:
                return found
        entry = None if url else self.sources.find(title)
        if entry is None:
            name = title or url
            entry = self.sources.add_new(self.sources.free_id(_source_id(name)), name, url,
                                         origin)
            if url:
                self.source_by_url[url] = entry.id
        return entry.id


def _source_id(name: str) -> str:
    parts = urlsplit(name) if "://" in name else None
    if parts is not None and parts.netloc:
        return (parts.netloc.removeprefix("www.") + parts.path).strip("/")
    return name


def cell_text(cell: Cell) -> str:
    """A cell as text with the spaces around it dropped (a date cell as ``YYYY-MM-DD``)."""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell.strip()


def url_words(url: str) -> str | None:
    """Why ``url`` is refused, in words for its cell, or ``None``: the one rule of ``check``
    and the window's links (``model/urls.py``, DESIGN §1: http or https with a host, and no
    space, control, format or bidi character that would make it show other than it leads)."""
    problem = url_problem(url)
    if problem is None:
        return None
    if problem.startswith("is not a web address"):
        return f"'{clip_text(url, 60)}' is not a web address (http:// or https://)"
    return f"'{clip_text(url, 60)}' {problem}"
