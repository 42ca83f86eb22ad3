"""Where each element of an inline array or table is, for diagnostics inside one.

``scan_value`` reads one TOML value from a position in the text (a string, a scalar, an
array or an inline table, over several lines if it spans them) and returns a tree of
:class:`Node` holding the line and column of every element and of every inline table's
values. It only runs when a diagnostic needs a location inside such a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .strings import is_escaped

__all__ = ["Node", "scan_value"]

_MAX_DEPTH = 8  # deeper values are skipped whole: no diagnostic points that deep
_SCALAR_END = frozenset(",]}#\n\r\t ")


@dataclass(slots=True)
class Node:
    line: int  # 1-based line of the value's first character
    column: int  # 1-based column of the value's first character
    items: list[Node] = field(default_factory=list)  # an array's elements
    keys: dict[str, Node] = field(default_factory=dict)  # an inline table's values by key


class _Text:
    """The text from a value's start, with offsets turned back into lines and columns."""

    def __init__(self, lines: list[str], line: int, column: int, last_line: int) -> None:
        self.first_line = line
        self.first_column = column
        head = lines[line - 1][column - 1:]
        self.text = "\n".join([head, *lines[line:last_line]])
        self.starts = [0]
        at = self.text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = self.text.find("\n", at + 1)

    def where(self, offset: int) -> tuple[int, int]:
        row = _bisect(self.starts, offset)
        column = offset - self.starts[row] + 1
        if row == 0:
            column += self.first_column - 1
        return self.first_line + row, column


def _bisect(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def scan_value(lines: list[str], line: int, column: int, last_line: int) -> Node:
    """The value starting at ``line``:``column`` (1-based), read up to ``last_line``."""
    source = _Text(lines, line, column, max(line, last_line))
    node, _ = _value(source, 0, 0)
    return node


def _value(source: _Text, at: int, depth: int) -> tuple[Node, int]:
    text = source.text
    node = Node(*source.where(at))
    if at >= len(text):
        return node, at
    char = text[at]
    if char == "[":
        return node, _array(source, node, at + 1, depth)
    if char == "{":
        return node, _table(source, node, at + 1, depth)
    if char in "\"'":
        return node, _skip_string(text, at)
    while at < len(text) and text[at] not in _SCALAR_END:
        at += 1
    return node, at


def _array(source: _Text, node: Node, at: int, depth: int) -> int:
    text = source.text
    if depth >= _MAX_DEPTH:
        return _skip_nested(text, at, "]")
    while True:
        at = _skip_blank(text, at, newlines=True)
        if at >= len(text) or text[at] == "]":
            return at + 1
        if text[at] == ",":
            at += 1
            continue
        element, after = _value(source, at, depth + 1)
        node.items.append(element)
        at = max(after, at + 1)


def _table(source: _Text, node: Node, at: int, depth: int) -> int:
    text = source.text
    if depth >= _MAX_DEPTH:
        return _skip_nested(text, at, "}")
    while True:
        at = _skip_blank(text, at, newlines=True)
        if at >= len(text) or text[at] == "}":
            return at + 1
        if text[at] == ",":
            at += 1
            continue
        key, at = read_key(text, at)
        at = _skip_blank(text, at)
        if key is None or at >= len(text) or text[at] != "=":
            return _skip_nested(text, at, "}")
        at = _skip_blank(text, at + 1)
        value, after = _value(source, at, depth + 1)
        node.keys.setdefault(key[0], value)
        at = max(after, at + 1)


def _skip_blank(text: str, at: int, newlines: bool = False) -> int:
    size = len(text)
    while at < size:
        char = text[at]
        if char in " \t" or (newlines and char in "\r\n"):
            at += 1
        elif char == "#" and newlines:
            end = text.find("\n", at)
            at = size if end < 0 else end + 1
        else:
            break
    return at


def _skip_string(text: str, at: int) -> int:
    """The index just after the string starting at ``at``."""
    quote = text[at]
    triple = quote * 3
    if text.startswith(triple, at):
        at += 3
        while True:
            found = text.find(triple, at)
            if found < 0:
                return len(text)
            if quote == '"' and is_escaped(text, found):
                at = found + 1
                continue
            end = found + 3
            while text.startswith(quote, end) and end - found < 5:
                end += 1
            return end
    at += 1
    size = len(text)
    while at < size and text[at] != quote and text[at] != "\n":
        at += 2 if quote == '"' and text[at] == "\\" else 1
    return at + 1


def _skip_nested(text: str, at: int, close: str) -> int:
    """Past the bracket that closes the one opened before ``at`` (strings skipped)."""
    depth = 1
    size = len(text)
    while at < size:
        char = text[at]
        if char in "\"'":
            at = _skip_string(text, at)
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    return at


def read_key(text: str, at: int) -> tuple[tuple[str, ...] | None, int]:
    """A possibly dotted, possibly quoted key at ``at``: its parts and the index after it."""
    parts: list[str] = []
    size = len(text)
    while True:
        at = _skip_blank(text, at)
        if at >= size:
            return None, at
        char = text[at]
        if char in "\"'":
            end = _skip_string(text, at)
            if text.startswith(char * 3, at):
                return None, at  # a multi-line string is not a key
            raw = text[at + 1:end - 1]
            parts.append(_unescape(raw) if char == '"' else raw)
            at = end
        else:
            start = at
            while at < size and (text[at].isascii() and (text[at].isalnum() or text[at] in "_-")):
                at += 1
            if at == start:
                return None, at
            parts.append(text[start:at])
        after = _skip_blank(text, at)
        if after < size and text[after] == ".":
            at = after + 1
            continue
        return tuple(parts), after


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        import tomli

        value = tomli.loads(f'k = "{raw}"')["k"]
    except (ValueError, TypeError):
        return raw
    return value if isinstance(value, str) else raw
