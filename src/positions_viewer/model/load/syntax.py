"""Parser errors as located diagnostics: the line, the column and plain words.

tomli's complaints are kept (they are precise) with their position clamped inside the file,
a hint for the commonest hand-written mistakes, and three rewrites: a key set twice names
the key and the line where it was first set (tomli says "Cannot overwrite a value" at a
column past the line's end), nesting too deep and integers too long for Python are located
by scanning the text.
"""

from __future__ import annotations

import re

import tomli

from ..diagnostics import quote
from .locate import SourceMap

__all__ = ["SyntaxProblem", "from_decode_error", "integer_too_large", "nested_too_deeply"]

MAX_NESTING = 400  # tomli's limit on nested inline arrays and tables
_DIGITS = re.compile(r"[0-9]+")
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_UNQUOTED_PARTIAL_DATE = re.compile(r"=\s*\d{4}-\d{2}\s*(#.*)?$")
_INLINE_DUPLICATE = re.compile(r"Duplicate inline table key '(.*)'$")
_DUPLICATE_MESSAGES = ("Cannot overwrite a value", "Cannot declare", "Cannot mutate immutable")


class SyntaxProblem(ValueError):
    """A text that is not TOML: where (1-based; column 0 when unknown) and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def from_decode_error(exc: tomli.TOMLDecodeError, text: str) -> SyntaxProblem:
    """The located problem for tomli's error on ``text``."""
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    found = _AT.search(message)
    if found:
        message = message[: found.start()]
        line = line or int(found.group(1))
        column = column or int(found.group(2))
    elif message.endswith("(at end of document)"):
        message = message[: -len("(at end of document)")].rstrip()
        line = line or text.count("\n") + 1
    inline = _INLINE_DUPLICATE.match(message)
    if inline and line:
        return _inline_duplicate(text, int(line), inline.group(1))
    if message.startswith(_DUPLICATE_MESSAGES):
        duplicate = _first_duplicate(text)
        if duplicate is not None:
            return duplicate
    line = min(int(line or 1), text.count("\n") + 1)
    if column:  # at the end of the document the parser may point past the last character
        start = 0
        for _ in range(line - 1):
            start = text.index("\n", start) + 1
        end = text.find("\n", start)
        column = min(int(column), (len(text) if end < 0 else end) - start + 1)
    return SyntaxProblem(line, int(column or 0),
                         "invalid TOML: " + message + _syntax_hint(text, line, message))


def _first_duplicate(text: str) -> SyntaxProblem | None:
    duplicates = SourceMap.scan(text).duplicates
    if not duplicates:
        return None
    first = duplicates[0]
    where = f" in {first.context}" if first.context else ""
    return SyntaxProblem(
        first.line, first.column,
        f"invalid TOML: {quote(first.key)} is set twice{where} "
        f"(first set on line {first.first_line}); keep one",
    )


def _inline_duplicate(text: str, line: int, key: str) -> SyntaxProblem:
    """A key set twice in one inline table (they are one line long): both columns."""
    source = _line(text, line)
    spots: list[int] = []
    at = source.find(key)
    while at >= 0 and len(spots) < 2:
        start, end = at, at + len(key)
        if start > 0 and end < len(source) and source[start - 1] == source[end] in "\"'":
            start, end = start - 1, end + 1  # a quoted key
        if source[end:].lstrip(" \t").startswith("=") and (
                start == 0 or source[start - 1] in "{, \t"):
            spots.append(start + 1)
        at = source.find(key, at + 1)
    message = f"invalid TOML: {quote(key)} is set twice in one inline table"
    if len(spots) >= 2:
        return SyntaxProblem(line, spots[1], f"{message} (first at column {spots[0]}); keep one")
    return SyntaxProblem(line, 0, f"{message}; keep one")


def _line(text: str, line: int) -> str:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def _syntax_hint(text: str, line: int, message: str) -> str:
    """A plain-words hint for the parser's commonest complaints about hand-written files."""
    source = _line(text, line)
    if _UNQUOTED_PARTIAL_DATE.search(source):
        return ' (a year-month date must be quoted, e.g. "2024-03")'
    if message.startswith("Illegal character '\\n'") and source.count('"') % 2 == 1:
        return " (a string is not closed: add the closing quote on the same line)"
    return ""


def nested_too_deeply(text: str) -> SyntaxProblem:
    """The line where brackets first nest deeper than the parser allows (a rough count)."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return SyntaxProblem(number, 0,
                                         "invalid TOML: arrays or tables nested too deeply")
            elif char in "]}":
                depth = max(0, depth - 1)
    return SyntaxProblem(1, 0, "invalid TOML: arrays or tables nested too deeply")


def integer_too_large(text: str) -> SyntaxProblem:
    """Python refuses to convert integers of more than 4300 digits: the longest run."""
    match = max(_DIGITS.finditer(text), key=lambda m: m.end() - m.start(), default=None)
    if match is None:
        return SyntaxProblem(1, 0, "invalid TOML: integer too large")
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return SyntaxProblem(line, column,
                         f"invalid TOML: integer too large ({len(match.group())} digits)")
