"""Loading and validating a comparison file (DESIGN §1) with located diagnostics.

``load_file`` never raises for bad input: it returns a :class:`LoadResult` holding either a
:class:`Dataset` or the errors that stopped the load, plus any warnings. The text is only
scanned for positions (:class:`SourceMap`) when a diagnostic needs one, so a clean load pays
for parsing and one pass of typed conversion and nothing more.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli

from .dates import DateError, PartialDate, parse_date, type_name
from .diagnostics import Diagnostic, Severity, did_you_mean, known_list
from .durations import Duration, DurationError, parse_duration
from .files import FileProblem, read_regular_file, size_text
from .locate import SourceMap
from .text import clip_text
from .types import Actor, Dataset, Event, Issue, Position, Source, View

__all__ = ["MAX_FILE_BYTES", "SUPPORTED_SCHEMA", "LoadResult", "load_bytes", "load_file"]

SUPPORTED_SCHEMA = 1
MAX_FILE_BYTES = 256 * 1024 * 1024  # generous: the 100k-position benchmark file is ~30 MB

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_DIGITS = re.compile(r"[0-9]+")
_MAX_NESTING = 400  # tomli's limit on nested inline arrays and tables

ROOT_KEYS = (
    "schema", "title", "description", "as_of", "stale_after",
    "actors", "issues", "sources", "events", "positions", "views",
)
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "detail", "color"),
    "issues": ("id", "title", "description"),
    "sources": ("id", "title", "url", "date"),
    "events": ("id", "date", "end", "title", "detail", "actors", "issues", "sources"),
    "positions": ("actor", "issue", "text", "date", "stance", "event", "sources"),
    "views": ("id", "title", "issues", "actors", "from", "to", "notes"),
}
_KEY_SETS = {name: frozenset(keys) for name, keys in TABLE_KEYS.items()}
_SINGULAR = {
    "actors": "actor", "issues": "issue", "sources": "source", "events": "event", "views": "view",
}


@dataclass(slots=True)
class LoadResult:
    path: str
    dataset: Dataset | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    digest: str | None = None  # SHA-256 of the bytes read, when a file was read

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def load_file(path: str | Path, display_name: str | None = None) -> LoadResult:
    """Read, parse and validate ``path``. Never raises for bad input."""
    path = Path(path)
    name = display_name or str(path)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES, noun="TOML file")
    except FileProblem as exc:
        return _fail(name, 0, 0, str(exc))
    digest = hashlib.sha256(data).hexdigest()  # what was read, for the watcher to compare
    text = _decode(data, name)
    del data  # not held while parsing: that lowers the peak by the file's size
    result = text if isinstance(text, LoadResult) else _load_text(text, name)
    if result.dataset is not None:
        result.dataset = _with_path(result.dataset, path)
    result.digest = digest
    return result


def load_bytes(data: bytes, name: str = "<data>") -> LoadResult:
    """Parse and validate the bytes of a comparison file called ``name`` in messages."""
    if len(data) > MAX_FILE_BYTES:
        return _too_large(name, len(data))
    text = _decode(data, name)
    if isinstance(text, LoadResult):
        return text
    return _load_text(text, name)


def _decode(data: bytes, name: str) -> str | LoadResult:
    """The text of a file's bytes, or the failed result saying why it is not usable text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_location(data, exc.start)
        hint = _encoding_hint(data)
        return _fail(
            name, line, column,
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot start or continue a "
            f"UTF-8 character){hint}; save it as UTF-8",
        )
    if _looks_like_utf16(data):  # without a byte order mark, ASCII in UTF-16 decodes as UTF-8
        line, column = _byte_location(data, data.index(0))
        return _fail(
            name, line, column,
            "the file is not UTF-8 (it has NUL bytes between the characters), it looks like "
            "UTF-16; save it as UTF-8",
        )
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return _fail(name, 1, 0, "the file is empty; a comparison needs schema = 1, a title, "
                     "[[actors]] and [[issues]]")
    return text


def _load_text(text: str, name: str) -> LoadResult:
    # Parsing and validating allocate a million containers that form no reference cycles;
    # the cyclic collector would walk them again and again as they pile up (a fifth of the
    # load time at 100k positions). Pause it for the load; reference counting still frees.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_and_validate(text, name)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse_and_validate(text: str, name: str) -> LoadResult:
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, column, message = _decode_error_location(exc, text)
        return _fail(name, line, column, f"invalid TOML: {message}")
    except RecursionError:
        line = _deepest_nesting_line(text)
        return _fail(name, line, 0, "invalid TOML: arrays or tables nested too deeply")
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        match = max(_DIGITS.finditer(text), key=lambda m: m.end() - m.start(), default=None)
        if match is None:
            return _fail(name, 1, 0, "invalid TOML: integer too large")
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        return _fail(
            name, line, column, f"invalid TOML: integer too large ({len(match.group())} digits)"
        )
    return _Validator(name, text, raw).run()


def _fail(name: str, line: int, column: int, message: str) -> LoadResult:
    return LoadResult(name, None, [Diagnostic(name, line, column, Severity.ERROR, message)])


def _with_path(dataset: Dataset, path: Path) -> Dataset:
    object.__setattr__(dataset, "path", path)
    return dataset


def _too_large(name: str, size: int | None) -> LoadResult:
    limit = f"the limit is {size_text(MAX_FILE_BYTES)}"
    sized = f"{size_text(size)}; {limit}" if size is not None else limit
    return _fail(name, 0, 0, f"the file is too large ({sized})")


def _byte_location(data: bytes, at: int) -> tuple[int, int]:
    """1-based line and column of ``data[at]``, counting characters as an editor does."""
    line_start = data.rfind(b"\n", 0, at) + 1
    before = data[line_start:at].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, at) + 1, len(before) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """NUL bytes in a third of the text or more: UTF-16 (or UTF-32), not a stray NUL."""
    head = data[:4096]
    return len(head) >= 2 and head.count(0) * 3 >= len(head)


def _encoding_hint(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        return ", it looks like UTF-16"
    return ""


def _decode_error_location(exc: tomli.TOMLDecodeError, text: str) -> tuple[int, int, str]:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        message = message[: found.start()]
        line = line or int(found.group(1))
        column = column or int(found.group(2))
    elif message.endswith("(at end of document)"):
        message = message[: -len("(at end of document)")].rstrip()
        line = line or text.count("\n") + 1
    line = min(int(line or 1), text.count("\n") + 1)
    if column:  # at the end of the document the parser may point past the last character
        start = 0
        for _ in range(line - 1):
            start = text.index("\n", start) + 1
        end = text.find("\n", start)
        column = min(int(column), (len(text) if end < 0 else end) - start + 1)
    return line, int(column or 0), message + _syntax_hint(text, line, message)


_UNQUOTED_PARTIAL_DATE = re.compile(r"=\s*\d{4}-\d{2}\s*(#.*)?$")


def _syntax_hint(text: str, line: int, message: str) -> str:
    """A plain-words hint for the parser's commonest complaints about hand-written files."""
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if _UNQUOTED_PARTIAL_DATE.search(source):
        return ' (a year-month date must be quoted, e.g. "2024-03")'
    if message.startswith("Illegal character '\\n'") and source.count('"') % 2 == 1:
        return " (a string is not closed: add the closing quote on the same line)"
    return ""


def _deepest_nesting_line(text: str) -> int:
    """The line where brackets first nest deeper than the parser allows (a rough count)."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > _MAX_NESTING:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
    return 1


class _Validator:
    """One pass over the parsed document, collecting diagnostics and typed entries."""

    def __init__(self, name: str, text: str, raw: dict[str, Any]) -> None:
        self.name = name
        self.text = text
        self.raw = raw
        self.diagnostics: list[Diagnostic] = []
        self._smap: SourceMap | None = None
        self.ids: dict[str, dict[str, int]] = {}
        self.invalid_ids: dict[str, set[str]] = {}  # ids of entries that failed validation
        self._dates: dict[object, PartialDate] = {}

    # -- reporting -------------------------------------------------------------------

    @property
    def smap(self) -> SourceMap:
        if self._smap is None:
            self._smap = SourceMap.scan(self.text)
        return self._smap

    def report(
        self,
        severity: Severity,
        table: str,
        index: int,
        key: str | None,
        message: str,
        needle: str | None = None,
        item: int | None = None,
    ) -> None:
        line, column = self.smap.find(table, index, key, needle)
        if table:
            path = f"{table}[{index}]" + (f".{key}" if key else "")
        else:
            path = key or ""
        if item is not None:
            path += f"[{item}]"
        self.diagnostics.append(Diagnostic(self.name, line, column, severity, message, path))

    def error(self, table: str, index: int, key: str | None, message: str,
              needle: str | None = None, item: int | None = None) -> None:
        self.report(Severity.ERROR, table, index, key, message, needle, item)

    def warn(self, table: str, index: int, key: str | None, message: str,
             needle: str | None = None) -> None:
        self.report(Severity.WARNING, table, index, key, message, needle)

    # -- the document ----------------------------------------------------------------

    def run(self) -> LoadResult:
        raw = self.raw
        if not self._schema_ok():
            return self._result(None)
        self._unknown_keys("", 0, raw, ROOT_KEYS)
        title = self._text("", 0, raw, "title", required=True)
        description = self._text("", 0, raw, "description")
        as_of = self._date("", 0, raw, "as_of")
        stale_after = self._duration(raw)
        tables = {name: self._table(name) for name in TABLE_KEYS}
        for required in ("actors", "issues"):
            if not tables[required] and "schema" in raw and not self._table_was_bad(required):
                self.error("", 0, required if required in raw else None,
                           f"no {required}: the file needs at least one [[{required}]] table")
        actors = self._entries(tables["actors"], "actors", self._actor)
        issues = self._entries(tables["issues"], "issues", self._issue)
        sources = self._entries(tables["sources"], "sources", self._source)
        events = self._entries(tables["events"], "events", self._event)
        positions = self._positions(tables["positions"], events)
        views = self._entries(tables["views"], "views", self._view)
        if not any(d.is_error for d in self.diagnostics):
            self._issues_without_positions(issues, positions)
        if any(d.is_error for d in self.diagnostics):
            return self._result(None)
        dataset = Dataset(
            title=title or "",
            description=description or "",
            as_of=as_of,
            stale_after=stale_after,
            actors=tuple(actors),
            issues=tuple(issues),
            sources=tuple(sources),
            events=tuple(events),
            positions=tuple(positions),
            views=tuple(views),
        )
        return self._result(dataset)

    def _result(self, dataset: Dataset | None) -> LoadResult:
        self.diagnostics.sort(key=lambda d: (d.line, d.column, d.severity is Severity.WARNING))
        return LoadResult(self.name, dataset, self.diagnostics)

    def _schema_ok(self) -> bool:
        if "schema" not in self.raw:
            self.error("", 0, None,
                       f"missing 'schema'; add schema = {SUPPORTED_SCHEMA} at the top of the file")
            return False
        value = self.raw["schema"]
        if type(value) is not int:
            self.error("", 0, "schema",
                       f"must be the integer {SUPPORTED_SCHEMA}, got {type_name(value)}")
            return False
        if value != SUPPORTED_SCHEMA:
            self.error("", 0, "schema",
                       f"unsupported schema {value}; this version reads schema {SUPPORTED_SCHEMA}")
            return False
        return True

    def _table(self, name: str) -> list[dict[str, Any]]:
        value = self.raw.get(name)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error("", 0, name,
                       f"expected an array of tables ([[{name}]] entries), got {type_name(value)}")
            return []
        return value

    def _table_was_bad(self, name: str) -> bool:
        return any(d.path == name and d.is_error for d in self.diagnostics)

    def _entries(
        self, rows: list[dict[str, Any]], table: str, build: Callable[[int, dict[str, Any]], Any]
    ) -> list[Any]:
        ids: dict[str, int] = {}
        self.ids[table] = ids
        invalid = self.invalid_ids.setdefault(table, set())
        first_row: dict[str, int] = {}
        known = _KEY_SETS[table]
        out: list[Any] = []
        for index, row in enumerate(rows):
            if not known.issuperset(row):  # the same test as row.keys() - known, no set
                self._unknown_keys(table, index, row, TABLE_KEYS[table])
            entry = build(index, row)
            if entry is None:
                if isinstance(row.get("id"), str):
                    invalid.add(row["id"])
                continue
            if entry.id:
                if entry.id in ids:
                    line = self.smap.find(table, first_row[entry.id], "id")[0]
                    self.error(table, index, "id",
                               f"duplicate id '{entry.id}' (first used on line {line})")
                    continue
                ids[entry.id] = len(out)
                first_row[entry.id] = index
            out.append(entry)
        return out

    def _unknown_keys(
        self, table: str, index: int, row: dict[str, Any], known: Sequence[str]
    ) -> None:
        for key in row:
            if key not in known:
                self.warn(table, index, key,
                          f"unknown key '{key}' is ignored{did_you_mean(key, known)}")

    # -- typed values ----------------------------------------------------------------

    def _text(self, table: str, index: int, row: dict[str, Any], key: str,
              required: bool = False) -> str | None:
        value = row.get(key)
        if value is None:
            if required:
                self.error(table, index, None, f"missing required key '{key}'")
            return None
        if not isinstance(value, str):
            self.error(table, index, key, f"expected a string, got {type_name(value)}")
            return None
        if required and not value.strip():
            self.error(table, index, key, "must not be empty")
            return None
        return value

    def _id(self, table: str, index: int, row: dict[str, Any], required: bool = True) -> str | None:
        value = self._text(table, index, row, "id", required=required)
        if value is None:
            return None
        if not _ID.match(value):
            self.error(table, index, "id",
                       f"bad id '{clip_text(value, 60)}': use letters, digits, '_', '.', '-', "
                       "starting with a letter or digit")
            return None
        return value

    def _date(self, table: str, index: int, row: dict[str, Any], key: str,
              required: bool = False) -> PartialDate | None:
        value = row.get(key)
        if value is None:
            if required:
                self.error(table, index, None, f"missing required key '{key}'")
            return None
        if type(value) is dt.date or type(value) is str:
            cached = self._dates.get(value)
            if cached is not None:
                return cached
        try:
            parsed = parse_date(value)
        except DateError as exc:
            self.error(table, index, key, str(exc))
            return None
        if type(value) is dt.date or type(value) is str:
            self._dates[value] = parsed
        return parsed

    def _duration(self, raw: dict[str, Any]) -> Duration | None:
        value = raw.get("stale_after")
        if value is None:
            return None
        try:
            return parse_duration(value)
        except DurationError as exc:
            self.error("", 0, "stale_after", str(exc))
            return None

    def _ref(self, table: str, index: int, row: dict[str, Any], key: str, target: str,
             required: bool = False) -> int | None:
        value = row.get(key)
        if value is None:
            if required:
                self.error(table, index, None, f"missing required key '{key}'")
            return None
        if not isinstance(value, str):
            self.error(table, index, key,
                       f"expected the id of {_article(target)} as a string, got {type_name(value)}")
            return None
        found = self.ids[target].get(value)
        if found is None:
            self._unknown_ref(table, index, key, target, value)
        return found

    def _refs(self, table: str, index: int, row: dict[str, Any], key: str,
              target: str) -> tuple[int, ...] | None:
        value = row.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(table, index, key,
                       f"expected an array of {_SINGULAR[target]} ids, got {type_name(value)}")
            return None
        ids = self.ids[target]
        out: list[int] = []
        ok = True
        for item, ref in enumerate(value):
            if not isinstance(ref, str):
                self.error(table, index, key,
                           f"expected {_SINGULAR[target]} ids (strings), got {type_name(ref)}",
                           item=item)
                ok = False
                continue
            found = ids.get(ref)
            if found is None:
                self._unknown_ref(table, index, key, target, ref, item)
                ok = False
            elif found not in out:
                out.append(found)
        return tuple(out) if ok else None

    def _unknown_ref(self, table: str, index: int, key: str, target: str, ref: str,
                     item: int | None = None) -> None:
        if self._table_was_bad(target) or ref in self.invalid_ids.get(target, ()):
            return  # the entry exists but is invalid, and that error is already reported
        known = list(self.ids[target])
        self.error(
            table, index, key,
            f"unknown {_SINGULAR[target]} '{clip_text(ref, 60)}'{did_you_mean(ref, known)} "
            f"{known_list(known)}",
            needle=ref, item=item,
        )

    # -- entries ---------------------------------------------------------------------

    def _actor(self, index: int, row: dict[str, Any]) -> Actor | None:
        t = "actors"
        id_ = self._id(t, index, row)
        name = self._text(t, index, row, "name", required=True)
        detail = self._text(t, index, row, "detail")
        color = self._text(t, index, row, "color")
        if color is not None and not _COLOR.match(color):
            self.error(t, index, "color",
                       f"bad colour '{clip_text(color, 60)}': use #rrggbb, e.g. #1f4e9c")
            color = None
        if id_ is None or name is None:
            return None
        return Actor(id_, name, detail or "", color.lower() if color else None)

    def _issue(self, index: int, row: dict[str, Any]) -> Issue | None:
        t = "issues"
        id_ = self._id(t, index, row)
        title = self._text(t, index, row, "title", required=True)
        description = self._text(t, index, row, "description")
        if id_ is None or title is None:
            return None
        return Issue(id_, title, description or "")

    def _source(self, index: int, row: dict[str, Any]) -> Source | None:
        t = "sources"
        id_ = self._id(t, index, row)
        title = self._text(t, index, row, "title", required=True)
        url = self._text(t, index, row, "url")
        date = self._date(t, index, row, "date")
        if url is not None and not _is_web_url(url):
            self.error(t, index, "url",
                       f"url '{clip_text(url, 60)}' is not a web address: only http:// and "
                       "https:// links are allowed")
            url = None
        if id_ is None or title is None:
            return None
        return Source(id_, title, url or "", date)

    def _event(self, index: int, row: dict[str, Any]) -> Event | None:
        t = "events"
        id_ = self._id(t, index, row, required=False) if "id" in row else ""
        date = self._date(t, index, row, "date", required=True)
        end = self._date(t, index, row, "end")
        title = self._text(t, index, row, "title", required=True)
        detail = self._text(t, index, row, "detail")
        actors = self._refs(t, index, row, "actors", "actors")
        issues = self._refs(t, index, row, "issues", "issues")
        sources = self._refs(t, index, row, "sources", "sources")
        if date is not None and end is not None and end.stop < date.start:
            self.error(t, index, "end", f"end {end.iso()} is before the start date {date.iso()}")
            return None
        if (id_ is None or date is None or title is None or actors is None or issues is None
                or sources is None):
            return None
        return Event(index, date, title, id_, end, detail or "", actors, issues, sources)

    def _positions(self, rows: list[dict[str, Any]], events: list[Event]) -> list[Position]:
        t = "positions"
        known = _KEY_SETS[t]
        actor_ids = self.ids["actors"]
        issue_ids = self.ids["issues"]
        dates = self._dates
        out: list[Position] = []
        for index, row in enumerate(rows):
            if not known.issuperset(row):  # the same test as row.keys() - known, no set
                self._unknown_keys(t, index, row, TABLE_KEYS[t])
            # The fast path: a clean entry costs a few dict look-ups.
            actor_id, issue_id, text = row.get("actor"), row.get("issue"), row.get("text")
            actor = actor_ids.get(actor_id) if type(actor_id) is str else None
            issue = issue_ids.get(issue_id) if type(issue_id) is str else None
            if actor is None:
                actor = self._ref(t, index, row, "actor", "actors", required=True)
            if issue is None:
                issue = self._ref(t, index, row, "issue", "issues", required=True)
            if type(text) is not str or not text.strip():
                text = self._text(t, index, row, "text", required=True)
            raw_date = row.get("date")  # a date seen before costs one look-up, no call
            date = None
            if type(raw_date) is dt.date or type(raw_date) is str:
                date = dates.get(raw_date)
            if date is None and raw_date is not None:
                date = self._date(t, index, row, "date")
            stance = row.get("stance", "")
            if type(stance) is not str:
                stance = self._text(t, index, row, "stance") or ""
            event = self._ref(t, index, row, "event", "events") if "event" in row else None
            sources = self._refs(t, index, row, "sources", "sources") if "sources" in row else ()
            if actor is None or issue is None or text is None or sources is None:
                continue
            if event is not None:
                self._check_event_date(index, date, events[event])
            out.append(Position(len(out), actor, issue, text, date, stance, event, sources))
        return out

    def _check_event_date(self, index: int, date: PartialDate | None, event: Event) -> None:
        if date is None:
            label = f"'{event.id}' ({event.date_label()})"
            self.warn("positions", index, "event",
                      f"the position is undated but its event {label} is dated; "
                      f"add date = {event.date.iso()} so it shows from then")
        elif date.stop < event.start or date.start > event.stop:
            # "2025-12" with an event on 18 Dec 2025 is fine: the periods overlap.
            label = f"'{event.id}' ({event.date_label()})"
            self.warn("positions", index, "date",
                      f"date {date.iso()} differs from the date of its event {label}")

    def _view(self, index: int, row: dict[str, Any]) -> View | None:
        t = "views"
        id_ = self._id(t, index, row)
        title = self._text(t, index, row, "title", required=True)
        issues = self._refs(t, index, row, "issues", "issues") if "issues" in row else ()
        actors = self._refs(t, index, row, "actors", "actors") if "actors" in row else ()
        date_from = self._date(t, index, row, "from")
        date_to = self._date(t, index, row, "to")
        notes = self._text(t, index, row, "notes")
        if date_from is not None and date_to is not None and date_from.start > date_to.stop:
            self.error(t, index, "from",
                       f"from {date_from.iso()} is after to {date_to.iso()}")
            return None
        if id_ is None or title is None or issues is None or actors is None:
            return None
        return View(
            id_, title,
            issues if "issues" in row else None,
            actors if "actors" in row else None,
            date_from, date_to, notes or "",
        )

    def _issues_without_positions(self, issues: list[Issue], positions: list[Position]) -> None:
        if not issues:
            return
        covered = {p.issue for p in positions}
        for index, issue in enumerate(issues):
            if index not in covered:
                self.warn("issues", index, "id",
                          f"issue '{issue.id}' has no position: its row will show "
                          "'No stated position' for every actor")


def _is_web_url(url: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _article(target: str) -> str:
    word = _SINGULAR[target]
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
