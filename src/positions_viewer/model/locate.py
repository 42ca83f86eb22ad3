"""Where things are in a TOML text, for diagnostics that point at the offending key.

The parser gives no positions for values, so this scans the text itself: table headers
(``[[positions]]`` counts entries of an array of tables) and ``key = value`` lines, with
a small lexer that skips strings (multi-line ones included), comments and values that
span several lines. It runs only when a diagnostic needs a location, never on a clean load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["SourceMap"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(slots=True)
class _KeySpot:
    line: int  # 1-based line of the key
    value_column: int  # 1-based column where the value starts
    last_line: int  # last line of a value that spans several lines


@dataclass(slots=True)
class SourceMap:
    lines: list[str]
    headers: dict[tuple[str, int], int] = field(default_factory=dict)
    keys: dict[tuple[str, int, str], _KeySpot] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> SourceMap:
        # Only "\n" ends a TOML line: str.splitlines() would also split on the U+2028, U+0085
        # and form feeds that strings may hold, and shift every line number after them.
        smap = cls(text.split("\n"))
        smap._scan()
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
        self, table: str, index: int, key: str | None = None, needle: str | None = None
    ) -> tuple[int, int]:
        """(line, column) of ``table[index].key``; of ``needle`` inside its value if given.

        ``table`` is ``""`` for top-level keys. Falls back to the entry's header line.
        """
        if key is None:
            return self.header_line(table, index), 0
        spot = self.keys.get((table, index, key))
        if spot is None:
            if not table:  # a top-level key written as a table: [name] or [[name]]
                return self.headers.get((key, 0), 1), 0
            return self.header_line(table, index), 0
        if needle is not None:
            for quoted in (f'"{needle}"', f"'{needle}'"):
                for number in range(spot.line, spot.last_line + 1):
                    column = self.lines[number - 1].find(quoted)
                    if column >= 0:
                        return number, column + 1
        return spot.line, spot.value_column

    # -- the scanner ---------------------------------------------------------------

    def _scan(self) -> None:
        counters: dict[str, int] = {}
        table, index = "", 0
        open_string: str | None = None  # the closing quotes of a multi-line string
        depth = 0  # brackets/braces open across lines (a value spanning lines)
        pending: _KeySpot | None = None  # the key whose value is still open
        for number, raw in enumerate(self.lines, start=1):
            start = 0
            if open_string is not None:
                end = _find_close(raw, 0, open_string)
                if end < 0:
                    continue
                open_string = None
                start = end
            elif depth == 0:
                stripped = raw.lstrip()
                offset = len(raw) - len(stripped)
                if stripped.startswith("[["):
                    close = stripped.find("]]")
                    if close > 0:
                        table = stripped[2:close].strip()
                        index = counters.get(table, -1) + 1
                        counters[table] = index
                        self.headers[(table, index)] = number
                    continue
                if stripped.startswith("["):
                    close = stripped.find("]")
                    if close > 0:
                        table, index = stripped[1:close].strip(), 0
                        self.headers.setdefault((table, index), number)
                    continue
                key, after = _read_key(stripped)
                if key is not None:
                    value_at = after + len(stripped[after:]) - len(stripped[after:].lstrip())
                    pending = _KeySpot(number, offset + value_at + 1, number)
                    self.keys.setdefault((table, index, key), pending)
                    start = offset + after
            depth, open_string = _lex(raw, start, depth)
            if pending is not None:
                pending.last_line = number
                if depth == 0 and open_string is None:
                    pending = None


def _read_key(stripped: str) -> tuple[str | None, int]:
    """The key of a ``key = value`` line and the index just after ``=``."""
    if stripped.startswith('"'):
        close = stripped.find('"', 1)
        if close < 0:
            return None, 0
        key, rest_at = stripped[1:close], close + 1
    else:
        match = _BARE_KEY.match(stripped)
        if match is None:
            return None, 0
        key, rest_at = match.group(0), match.end()
    rest = stripped[rest_at:]
    eq = len(rest) - len(rest.lstrip())
    if not rest[eq:].startswith("="):
        return None, 0
    return key, rest_at + eq + 1


def _find_close(raw: str, start: int, quotes: str) -> int:
    """Index just after the closing ``quotes`` of a multi-line string, or -1."""
    at = start
    while True:
        found = raw.find(quotes, at)
        if found < 0:
            return -1
        if quotes == '"""' and _escaped(raw, found):
            at = found + 1
            continue
        end = found + 3
        while raw.startswith(quotes[0], end) and end - found < 5:
            end += 1  # up to two quotes may sit just before the closing three
        return end


def _escaped(raw: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and raw[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


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
                end = _find_close(raw, at + 3, triple)
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
