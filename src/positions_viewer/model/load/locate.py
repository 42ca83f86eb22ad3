"""Where things are in a TOML text, for diagnostics that point at the offending key.

The parser gives no positions for values, so this scans the text itself: table headers
(``[[positions]]`` counts entries of an array of tables) and ``key = value`` lines (dotted
and quoted keys too), with a small lexer that skips strings (multi-line ones included),
comments and values that span several lines. Inside an inline array or table, the element's
own line and column come from :mod:`.inline`. The scan also notes keys set twice, which the
parser reports without naming them. It runs only when a diagnostic needs a location, never
on a clean load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .inline import Node, read_key, scan_value
from .strings import find_close

__all__ = ["Duplicate", "SourceMap"]


@dataclass(slots=True)
class _KeySpot:
    line: int  # 1-based line of the key
    value_column: int  # 1-based column where the value starts
    last_line: int  # last line of a value that spans several lines
    key_column: int = 1  # 1-based column of the key
    node: Node | None = None  # the value's elements, once asked for


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A key (or table) set a second time: where, its name, and where it was first set."""

    line: int
    column: int
    key: str
    first_line: int
    context: str  # "actors[0]", "" for the root


@dataclass(slots=True)
class SourceMap:
    lines: list[str]
    headers: dict[tuple[str, int], int] = field(default_factory=dict)
    keys: dict[tuple[str, int, str], _KeySpot] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> SourceMap:
        # Only "\n" ends a TOML line: str.splitlines() would also split on the U+2028, U+0085
        # and form feeds that strings may hold, and shift every line number after them.
        smap = cls(text.split("\n"))
        _Scanner(smap).run()
        return smap

    # -- queries -------------------------------------------------------------------

    def header_line(self, table: str, index: int) -> int:
        """Line of the ``[[table]]`` header of entry ``index`` (or of ``table = [...]``)."""
        line = self.headers.get((table, index))
        if line is not None:
            return line
        spot = self.keys.get(("", 0, table))
        return spot.line if spot else 1

    def find(
        self, table: str, index: int, key: str | None = None, needle: str | None = None,
        item: int | None = None,
    ) -> tuple[int, int]:
        """(line, column) of ``table[index].key`` (of its element ``item`` if given; of
        ``needle`` inside its value as a fallback).

        ``table`` is ``""`` for top-level keys. An entry written inline
        (``positions = [{…}, {…}]``) is found inside the array. Falls back to the entry's
        header line.
        """
        if table and (table, index) not in self.headers and ("", 0, table) in self.keys:
            return self._find_inline(table, index, key, item)
        if key is None:
            return self.header_line(table, index), 0
        spot = self.keys.get((table, index, key))
        if spot is None:
            if not table:  # a top-level key written as a table: [name] or [[name]]
                return self.headers.get((key, 0), 1), 0
            return self.header_line(table, index), 0
        if item is not None:
            element = _item(self._node(spot), item)
            if element is not None:
                return element.line, element.column
        if needle is not None:
            for quoted in (f'"{needle}"', f"'{needle}'"):
                for number in range(spot.line, spot.last_line + 1):
                    column = self.lines[number - 1].find(quoted)
                    if column >= 0:
                        return number, column + 1
        return spot.line, spot.value_column

    def _find_inline(
        self, table: str, index: int, key: str | None, item: int | None
    ) -> tuple[int, int]:
        spot = self.keys[("", 0, table)]
        entry = _item(self._node(spot), index)
        if entry is None:
            return spot.line, 0
        if key is None:
            return entry.line, entry.column
        value = entry.keys.get(key)
        if value is None:
            return entry.line, entry.column
        element = _item(value, item) if item is not None else None
        found = element or value
        return found.line, found.column

    def _node(self, spot: _KeySpot) -> Node:
        if spot.node is None:
            spot.node = scan_value(self.lines, spot.line, spot.value_column, spot.last_line)
        return spot.node


def _item(node: Node, number: int) -> Node | None:
    return node.items[number] if 0 <= number < len(node.items) else None


class _Scanner:
    """One pass over the lines: headers, keys, values spanning lines, keys set twice."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.counters: dict[str, int] = {}
        self.table, self.index = "", 0
        # per entry: dotted key path -> line set; prefixes of dotted keys -> first line
        self.values: dict[tuple[str, int], dict[tuple[str, ...], int]] = {}
        self.prefixes: dict[tuple[str, int], dict[tuple[str, ...], int]] = {}
        self.tables: dict[str, int] = {}  # [name] headers -> line

    def run(self) -> None:
        open_string: str | None = None  # the closing quotes of a multi-line string
        depth = 0  # brackets/braces open across lines (a value spanning lines)
        pending: _KeySpot | None = None  # the key whose value is still open
        for number, raw in enumerate(self.smap.lines, start=1):
            start = 0
            if open_string is not None:
                end = find_close(raw, 0, open_string)
                if end < 0:
                    continue
                open_string = None
                start = end
            elif depth == 0:
                stripped = raw.lstrip()
                offset = len(raw) - len(stripped)
                if stripped.startswith("["):
                    self._header(stripped, number, offset)
                    continue
                parts, after = read_key(stripped, 0)
                if parts is not None and stripped.startswith("=", after):
                    rest = stripped[after + 1:]
                    value_at = after + 1 + len(rest) - len(rest.lstrip())
                    pending = _KeySpot(number, offset + value_at + 1, number, offset + 1)
                    self.smap.keys.setdefault((self.table, self.index, parts[0]), pending)
                    self._set(parts, number, offset + 1)
                    start = offset + after + 1
            depth, open_string = _lex(raw, start, depth)
            if pending is not None:
                pending.last_line = number
                if depth == 0 and open_string is None:
                    pending = None

    def _header(self, stripped: str, number: int, offset: int) -> None:
        smap = self.smap
        array = stripped.startswith("[[")
        parts, after = read_key(stripped, 2 if array else 1)
        if parts is None or not stripped.startswith("]]" if array else "]", after):
            return
        name = ".".join(parts)
        in_entry = len(parts) > 1 and parts[0] in self.counters  # [actors.extra]
        first_value = self.values.get(("", 0), {}).get((parts[0],))
        if first_value is not None and not in_entry:
            self._duplicate(number, offset + 1, parts[0], first_value, "")
        if array and name in self.tables:  # [name] then [[name]]
            self._duplicate(number, offset + 1, name, self.tables[name], "")
        elif not array and name in self.counters:  # [[name]] then [name]
            self._duplicate(number, offset + 1, name, smap.headers[(name, 0)], "")
        if array:
            index = self.counters.get(name, -1) + 1
            self.counters[name] = index
            self.table, self.index = name, index
            smap.headers[(name, index)] = number
        else:
            self.table, self.index = name, 0
            smap.headers.setdefault((name, 0), number)
            first = self.tables.get(name)
            if first is not None:
                self._duplicate(number, offset + 1, name, first, "")
            self.tables.setdefault(name, number)
        if in_entry:
            spot = _KeySpot(number, 0, number, offset + 1)
            smap.keys.setdefault((parts[0], self.counters[parts[0]], parts[1]), spot)
        elif len(parts) > 1:
            smap.headers.setdefault((parts[0], 0), number)

    def _set(self, parts: tuple[str, ...], number: int, column: int) -> None:
        entry = (self.table, self.index)
        values = self.values.setdefault(entry, {})
        prefixes = self.prefixes.setdefault(entry, {})
        first = values.get(parts)
        if first is None:
            first = prefixes.get(parts)
        if first is None:
            first = next((values[parts[:n]] for n in range(1, len(parts))
                          if parts[:n] in values), None)
        if first is not None:
            self._duplicate(number, column, ".".join(parts), first, self._context())
            return
        values[parts] = number
        for n in range(1, len(parts)):
            prefixes.setdefault(parts[:n], number)

    def _context(self) -> str:
        if not self.table:
            return ""
        if self.table in self.counters:
            return f"{self.table}[{self.index}]"
        return self.table

    def _duplicate(self, line: int, column: int, key: str, first: int, context: str) -> None:
        self.smap.duplicates.append(Duplicate(line, column, key, first, context))


def _lex(raw: str, start: int, depth: int) -> tuple[int, str | None]:
    """Bracket depth after the line, and an unclosed multi-line string's quotes if any."""
    at, size = start, len(raw)
    while at < size:
        char = raw[at]
        if char == "#":
            break
        if char in "\"'":
            triple = char * 3
            if raw.startswith(triple, at):
                end = find_close(raw, at + 3, triple)
                if end < 0:
                    return depth, triple
                at = end
                continue
            at += 1
            while at < size and raw[at] != char:
                at += 2 if char == '"' and raw[at] == "\\" else 1
            at += 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        at += 1
    return depth, None
